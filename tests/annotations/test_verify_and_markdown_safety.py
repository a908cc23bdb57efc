"""annotations.verify (what the soak counts) and the Markdown export's links and images."""

from __future__ import annotations

import sqlite3

from annotations.export import _md_note, annotations_markdown
from annotations.model import Annotation
from annotations.notes import active_links
from annotations.sections import sections
from annotations.store import DB_NAME, AnnotationStore
from annotations.verify import verify


def _notes(n: int) -> list[Annotation]:
    return [Annotation(symbol="X/TEST/1", block=f"op{i}", note=f"note {i}", id=f"v-{i}")
            for i in range(n)]


def test_verify_counts_checks_and_finds_what_was_lost(data_dir):
    assert verify(data_dir, settle=False).integrity == "no file"
    with AnnotationStore.open(data_dir) as store:
        store.save_many(_notes(25))
    found = verify(data_dir)
    assert found.ok and found.annotations == 25 and found.unreadable == 0
    assert found.lost({"v-1", "v-99"}) == ["v-99"]
    assert found.to_dict()["annotations"] == 25
    (data_dir / f"{DB_NAME}.restoring").write_bytes(b"")  # a stray copy: not ok…
    assert not verify(data_dir, settle=False).ok
    assert verify(data_dir).ok  # …until an open tidies it away


def test_verify_does_not_write_without_settle_and_counts_unreadable_rows(data_dir):
    with AnnotationStore.open(data_dir) as store:
        store.save_many(_notes(3))
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        conn.execute("UPDATE annotations SET start = 1.5, \"end\" = 2 WHERE id = 'v-0'")
    conn.close()
    found = verify(data_dir, settle=False)
    assert found.ok and found.annotations == 3 and found.unreadable == 1
    with AnnotationStore.open(data_dir) as store:
        assert [a.id for a in store.all()] == ["v-1", "v-2"]
        assert "start is a fractional number (1.5), not a whole number" in store.problem


# --- Markdown: no image fetched, no script run ----------------------------------------------


def test_markdown_export_turns_images_into_links():
    note = 'Chart: ![the chart](https://tracker.example/p.png "t") and ![](https://x.example/a.png)'
    out = _md_note(note)
    assert "![" not in out and active_links(out) == []
    assert "[the chart](https://tracker.example/p.png)" in out
    assert "[https://x.example/a.png](https://x.example/a.png)" in out


def test_markdown_export_drops_script_and_data_links_but_keeps_their_text():
    note = ("[click](javascript:alert(1)) [ok](https://un.org) [x](JaVa&#115;cript:alert(2)) "
            "[y]( data:text/html;base64,PHNjcmlwdD4= ) [z](vbscript:msgbox)\n\n"
            "[ref][bad]\n\n[bad]: javascript:alert(3)")
    out = _md_note(note)
    assert active_links(out) == []
    for word in ("click", "x", "y", "z"):
        assert word in out
    assert "[ok](https://un.org)" in out
    for scheme in ("javascript", "vbscript", "data:", "Java&#115;"):
        assert scheme.lower() not in out.lower()


def test_markdown_export_writes_a_note_it_cannot_rewrite_as_plain_text():
    note = "[split over\nlines](javascript:alert(1)) and ![ref image][r]\n\n[r]: https://i/x.png"
    out = _md_note(note)
    assert active_links(out) == []
    assert "split over" in out


def test_markdown_export_leaves_code_as_written():
    note = "`![x](y.png)`\n\n```\n[a](javascript:b)\n```"
    assert _md_note(note) == note


def test_the_whole_markdown_file_has_no_image_or_script_link():
    annotation = Annotation(symbol="X/TEST/1", block="op1", quote="q",
                            note="![i](https://t.example/p.gif) [j](javascript:x())")
    text = annotations_markdown(sections([annotation], []))
    assert active_links(text) == [] and "[i](https://t.example/p.gif)" in text
