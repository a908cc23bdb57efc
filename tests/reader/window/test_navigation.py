"""Following a topic through the Council's record: Go → Previous/Next on This Topic, and the
record's entries in search and in the References tab opening their document or card."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.window.main_window import MainWindow

TOPIC = "Threats to international peace and security caused by terrorist acts"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window(restore=False)


def step(window: MainWindow, name: str) -> str:
    """Choose the Go menu's item; what the status bar then says."""
    window.actions_by_name[name].trigger()
    return window.statusBar().currentMessage()


def shows_card(window: MainWindow, symbol: str) -> bool:
    tab = window.tabs.tabText(window.tabs.currentIndex())
    return (window.current_symbol == symbol and "not in library" in tab
            and f"{symbol} is not in your library" in window.view.toPlainText())


def test_next_on_this_topic_opens_the_next_resolution_held_or_not(window):
    window.open_document("S/RES/2395 (2017)")
    said = step(window, "next_on_topic")
    assert window.current_symbol == "S/RES/2396 (2017)"
    assert window.view.document_shown.symbol == "S/RES/2396 (2017)"
    assert said.startswith("Next on this topic: S/RES/2396 (2017), 21 December 2017 (")
    step(window, "next_on_topic")  # the next is not in the library: its card
    assert shows_card(window, "S/RES/2462 (2019)")
    step(window, "previous_on_topic")  # from the card, back along the topic
    assert window.current_symbol == "S/RES/2396 (2017)"
    assert window.view.document_shown is not None
    step(window, "previous_on_topic")
    assert window.current_symbol == "S/RES/2395 (2017)"
    step(window, "previous_on_topic")
    assert shows_card(window, "S/RES/2370 (2017)")


def test_back_returns_from_where_the_topic_led(window):
    window.open_document("S/RES/2322 (2016)")
    step(window, "previous_on_topic")
    assert shows_card(window, "S/RES/2309 (2016)")
    window.actions_by_name["back"].trigger()
    assert window.current_symbol == "S/RES/2322 (2016)"


def test_the_status_bar_says_when_there_is_nowhere_to_go(window):
    window.navigator.open_target("S/RES/2560 (2020)")
    assert step(window, "next_on_topic") == (
        f"S/RES/2560 (2020) is the latest resolution on “{TOPIC}” in the record")
    assert window.current_symbol == "S/RES/2560 (2020)"
    window.open_document("A/RES/72/284")
    said = step(window, "previous_on_topic")
    assert said.startswith("A/RES/72/284 is not in the Security Council's record")
    assert window.current_symbol == "A/RES/72/284"


def test_the_keys_walk_the_topic_from_the_document(window, qtbot):
    window.open_document("S/RES/2395 (2017)")
    window.view.setFocus()
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, ctrl_alt)
    assert window.current_symbol == "S/RES/2396 (2017)"
    qtbot.keyClick(window.view, Qt.Key.Key_PageUp, ctrl_alt)
    assert window.current_symbol == "S/RES/2395 (2017)"


def test_the_go_menu_lists_the_topic_walk(window):
    go = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    texts = [a.text().replace("&", "") for a in go.actions() if not a.isSeparator()]
    assert "Previous on This Topic" in texts and "Next on This Topic" in texts


def test_the_references_tab_opens_the_topic_s_resolutions(window):
    window.open_document("S/RES/2396 (2017)")
    references = window.side.references
    series = next(references.topLevelItem(i) for i in range(references.topLevelItemCount())
                  if references.topLevelItem(i).text(0).startswith("On this topic"))
    held = next(series.child(i) for i in range(series.childCount())
                if series.child(i).text(0).startswith("S/RES/2322 (2016)"))
    references.itemActivated.emit(held, 0)
    assert window.current_symbol == "S/RES/2322 (2016)"
    assert window.view.document_shown is not None


def record_row(window: MainWindow, symbol: str):
    tree = window.search_panel.results
    top = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert top.text(0).startswith("In the Security Council's record")
    return next(top.child(i) for i in range(top.childCount())
                if top.child(i).text(0).startswith(f"{symbol}, "))


def test_a_record_entry_found_by_search_opens_its_card_or_its_document(window, search_index,
                                                                      qtbot):
    window.search_panel.set_index(search_index)
    window.focus_search()
    window.search_panel.search("Cyprus 1964")
    row = record_row(window, "S/RES/186 (1964)")
    assert "— in the record, not in your library · 4 March 1964 · adopted 11-0-0" in row.text(0)
    window.search_panel.results.itemClicked.emit(row, 0)
    assert shows_card(window, "S/RES/186 (1964)")
    window.search_panel.search("terrorist acts 2017")
    row = record_row(window, "S/RES/2396 (2017)")
    assert "— in your library ·" in row.text(0)
    window.search_panel.results.itemClicked.emit(row, 0)
    assert window.current_symbol == "S/RES/2396 (2017)"
    assert window.view.document_shown is not None


# --- citations of documents the library lacks: the record's facts, and "Import…" -----------


def test_hovering_a_citation_of_a_resolution_not_held_shows_the_records_facts(window):
    from reader.document.link_preview import preview_html
    from reader.document.links import LinkTarget

    text = window.navigator.preview(LinkTarget("S/RES/1267 (1999)"))

    assert text.splitlines() == [
        "S/RES/1267 (1999) is not in your library. From the Security Council's record:",
        "Date: 15 October 1999", "Meeting: S/PV.4051", "Topic: Afghanistan", "Vote: 15-0-0"]
    assert "Topic: Afghanistan" in preview_html(text)


def test_hovering_a_presidential_statement_not_held_shows_its_date_and_topic(window):
    from reader.document.links import LinkTarget

    text = window.navigator.preview(LinkTarget("S/PRST/2017/27"))

    assert "Date: 21 December 2017" in text
    assert "Topic: United Nations peacekeeping operations" in text


def test_hovering_a_wrong_year_says_what_the_record_has(window):
    from reader.document.links import LinkTarget

    text = window.navigator.preview(LinkTarget("S/RES/2195 (2015)"))

    assert text.splitlines()[0] == ("The text cites S/RES/2195 (2015); the record has "
                                    "S/RES/2195 (2014). The link follows the text.")
    assert "Date: 19 December 2014" in text


def test_hovering_what_neither_library_nor_record_holds_shows_nothing(window):
    from reader.document.links import LinkTarget

    assert window.navigator.preview(LinkTarget("A/RES/60/288")) is None
    assert window.navigator.preview(LinkTarget("S/RES/2999 (2030)")) is None


def test_the_card_of_a_wrong_year_keeps_the_texts_symbol_and_names_the_records(window):
    window.navigator.open_target("S/RES/2195 (2015)")

    assert shows_card(window, "S/RES/2195 (2015)")
    shown = window.view.toPlainText()
    assert "the record has S/RES/2195 (2014)" in shown
    assert "Date: 19 December 2014" in shown
    assert "S/RES/2395 (2017)" in shown  # the place that cites it


def test_the_cards_import_link_opens_the_import_dialog(window, qtbot, monkeypatch):
    from reader.document.links import LinkTarget

    asked = []
    monkeypatch.setattr(window.importing, "import_files", lambda: asked.append(True))
    window.navigator.open_target("S/RES/1267 (1999)")
    assert shows_card(window, "S/RES/1267 (1999)")
    assert "Topic: Afghanistan" in window.view.toPlainText()
    assert "Import…" in window.view.toPlainText()

    window.navigator.follow_link(LinkTarget("S/RES/1267 (1999)", action="import"))

    assert asked == [True]
    assert shows_card(window, "S/RES/1267 (1999)")  # the card stays
