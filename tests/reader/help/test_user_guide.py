"""Help → User Guide: the bundled Markdown guide in a tab, with a table of the declared
shortcuts; raw HTML in it is not obeyed."""

from __future__ import annotations

import re

from reader.help.user_guide import GUIDE, SHORTCUTS, TITLE, guide_html, shortcuts_table
from reader.window.actions import Act, keys_text

HEADINGS = ["Reading", "Citations and cards", "Search and filters", "Agreed language",
            "Comparing and the redline", "Annotations and exports", "Printing", "The record",
            "Keyboard shortcuts", "Where your data is kept"]


def test_the_guide_renders_with_its_headings_and_a_shortcut_table(qapp):
    page = guide_html()
    assert re.findall(r"<h2>([^<]*)</h2>", page) == HEADINGS
    assert "<table>" in page and SHORTCUTS not in page
    assert f"<td>Search the Library</td>\n<td>{keys_text(Act.search)}</td>" in page


def test_the_shortcut_table_lists_every_declared_key(qapp):
    table = shortcuts_table()
    for name in (Act.search, Act.go_to_paragraph, Act.highlight, Act.next_change):
        assert f"| {keys_text(name)} |" in table


def test_raw_html_in_the_guide_is_shown_as_text(qapp, tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide\n\n<script>alert(1)</script>\n", encoding="utf-8")
    page = guide_html(path=guide)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_help_user_guide_opens_it_in_a_tab(make_window):
    window = make_window()
    window.actions_by_name[Act.user_guide].trigger()
    assert window.tabs.tabText(window.tabs.currentIndex()) == TITLE
    text = window.view.toPlainText()
    assert "Plenary User Guide" in text and "Where your data is kept" in text
    assert "Ctrl+K" in text
    assert GUIDE.is_file()
