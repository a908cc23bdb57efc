"""Notes: the user's Markdown shown as formatted text, never as markup of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotations.notes import NoteRun, note_paragraphs, note_text, render_note

ROOT = Path(__file__).resolve().parent.parent.parent


def test_markdown_is_rendered():
    html = render_note("A **bold** claim, an *aside* and `code`.\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<em>aside</em>" in html
    assert "<code>code</code>" in html
    assert "<ul>" in html and "<li>two</li>" in html


@pytest.mark.parametrize("note", [
    "<script>alert(1)</script>",
    "Look: <img src=x onerror=alert(1)>",
    "<div onclick='alert(1)'>click</div>",
])
def test_raw_html_shows_as_text(note):
    html = render_note(note)
    assert "<script" not in html and "<img" not in html and "<div" not in html
    assert "&lt;" in html


@pytest.mark.parametrize("link", ["javascript:alert(1)", "vbscript:msgbox", "file:///etc/passwd",
                                  "data:text/html;base64,PHNjcmlwdD4="])
def test_unsafe_links_are_not_links(link):
    assert "href" not in render_note(f"[click me]({link})")


def test_safe_links_stay_links():
    assert '<a href="https://www.un.org/">UN</a>' in render_note("[UN](https://www.un.org/)")


def test_images_are_links_never_loaded():
    html = render_note("![the map](https://example.org/map.png)")
    assert "<img" not in html
    assert '<a href="https://example.org/map.png">the map</a>' in html


@pytest.mark.parametrize("note", ["", "   ", "\n\n"])
def test_empty_note_renders_nothing(note):
    assert render_note(note) == ""
    assert note_paragraphs(note) == []
    assert note_text(note) == ""


@pytest.mark.parametrize(("markdown", "expected"), [
    ("Plain text", [("plain", "Plain text", 0, None)]),
    ("# Heading", [("heading", "Heading", 0, None)]),
    ("> A quotation", [("quote", "A quotation", 0, None)]),
    ("- a\n- b", [("bullet", "a", 1, None), ("bullet", "b", 1, None)]),
    ("3. c\n4. d", [("numbered", "c", 1, 3), ("numbered", "d", 1, 4)]),
    ("- a\n  - inner", [("bullet", "a", 1, None), ("bullet", "inner", 2, None)]),
    ("- item\n\n  more of it", [("bullet", "item", 1, None), ("plain", "more of it", 1, None)]),
    ("```\nx = 1\ny = 2\n```", [("code", "x = 1\ny = 2", 0, None)]),
    ("one\ntwo", [("plain", "one two", 0, None)]),
    ("one  \ntwo", [("plain", "one\ntwo", 0, None)]),
    ("|a|b|\n|-|-|\n|1|2|", [("plain", "a | b", 0, None), ("plain", "1 | 2", 0, None)]),
])
def test_paragraphs(markdown, expected):
    got = [(p.style, p.text, p.level, p.number) for p in note_paragraphs(markdown)]
    assert got == expected


def test_runs_carry_formatting():
    [paragraph] = note_paragraphs("Is **bold**, *italic*, `code`, ~~gone~~ and [UN](https://un.org)")
    assert paragraph.runs == (
        NoteRun("Is "), NoteRun("bold", bold=True), NoteRun(", "),
        NoteRun("italic", italic=True), NoteRun(", "), NoteRun("code", code=True),
        NoteRun(", "), NoteRun("gone", strike=True), NoteRun(" and "),
        NoteRun("UN", link="https://un.org"),
    )


def test_each_list_starts_its_own_numbering():
    paragraphs = note_paragraphs("1. a\n2. b\n\ntext\n\n1. c")
    assert [p.new_list for p in paragraphs if p.style == "numbered"] == [True, False, True]


def test_raw_html_is_text_in_paragraphs():
    assert note_paragraphs("<b>not bold</b>")[0].runs == (NoteRun("<b>not bold</b>"),)


def test_note_text_drops_the_marks():
    note = "**Bold** and [a link](https://un.org).\n\n- one\n- two\n\n1. first"
    assert note_text(note) == "Bold and a link.\n• one\n• two\n1. first"


def test_start_up_does_not_import_markdown_it():
    code = ("import sys, annotations.notes; "
            "sys.exit('markdown_it' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
