"""The main window's flows, the way a reader uses them: open, follow, go back, search, copy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTableWidget, QWidget

from reader.common.tasks import TaskRunner
from reader.document.links import link_for, parse_link
from reader.window.actions import ACTIONS, CONTEXT_SHORTCUTS
from reader.window.main_window import MainWindow
from reader.window.settings import Settings
from reader.window.shortcuts_dialog import show_shortcuts


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def _ref(library, symbol, block, target):
    doc = library.get(symbol)
    return next(r for r in doc.block(block).refs if r.target == target), doc


def _click(window: MainWindow, ref, doc) -> None:
    window.view.linkActivated.emit(parse_link(link_for(ref, doc.symbol)))


def test_first_start_opens_the_first_document_of_the_library(window):
    assert window.current_symbol == window.library_pane.first_symbol()
    assert window.tabs.count() == 1
    assert "documents" in window.status_area.count_label.text()


def test_choosing_a_document_in_the_library_shows_it(window, qtbot):
    window.library_pane.select("S/RES/2322 (2016)")
    assert window.current_symbol == "S/RES/2322 (2016)"
    assert "Exchange information, in accordance with" in window.view.toPlainText()
    assert window.side.outline.topLevelItemCount() >= 2
    window.library_pane.documentActivated.emit("S/RES/2395 (2017)")
    assert window.tabs.count() == 2 and window.current_symbol == "S/RES/2395 (2017)"


def test_internal_link_scrolls_within_the_document(window, library):
    window.open_document("A/RES/72/284")
    ref, doc = _ref(library, "A/RES/72/284", "op85", "A/RES/72/284")
    window.view.scroll_to_block("op85")
    _click(window, ref, doc)
    assert window.current_symbol == "A/RES/72/284"
    assert window.view.current_block() == "op84"


def test_link_to_a_document_in_the_library_opens_it_at_the_paragraph(window, library):
    window.open_document("A/RES/72/284")
    ref, doc = _ref(library, "A/RES/72/284", "op36", "S/RES/2396 (2017)")
    _click(window, ref, doc)
    assert window.current_symbol == "S/RES/2396 (2017)"


def test_link_outside_the_library_shows_the_card_with_every_citing_place(window, library):
    window.open_document("S/RES/2396 (2017)")
    ref, doc = _ref(library, "S/RES/2396 (2017)", "op18", "S/RES/2178 (2014)")
    _click(window, ref, doc)
    text = window.view.toPlainText()
    assert "S/RES/2178 (2014)" in text and "not in your library" in text
    assert len(library.cited_by("S/RES/2178 (2014)")) >= 5
    assert "not in library" in window.tabs.tabText(window.tabs.currentIndex())


def test_back_and_forward_across_documents_and_positions(window, library):
    window.open_document("S/RES/2396 (2017)", "op18")
    ref, doc = _ref(library, "S/RES/2396 (2017)", "op24", "S/RES/2322 (2016)")
    _click(window, ref, doc)
    assert window.current_symbol == "S/RES/2322 (2016)"
    window.actions_by_name["back"].trigger()
    assert window.current_symbol == "S/RES/2396 (2017)"
    window.actions_by_name["forward"].trigger()
    assert window.current_symbol == "S/RES/2322 (2016)"
    assert window.actions_by_name["back"].isEnabled()


def test_search_and_open_a_result(window, search_index, qtbot):
    window.search_panel.set_index(search_index)
    window.actions_by_name["search"].trigger()
    with qtbot.waitSignal(window.documentShown, timeout=3000):
        qtbot.keyClicks(window.search_panel.search_box, "PNR")
        qtbot.wait(300)
        qtbot.keyClick(window.search_panel.search_box, Qt.Key.Key_Return)
    assert window.current_symbol in {"S/RES/2396 (2017)", "S/2017/1051"}


def test_find_in_page(window):
    window.open_document("S/RES/2396 (2017)")
    window.actions_by_name["find"].trigger()
    assert window.find_bar is not None and window.find_bar.isVisible()


def test_copy_with_citation_copies_the_selected_words_not_the_top_paragraph(window, library):
    """Words selected in OP 9 with OP 7 at the top: the words, in quotes, "…" where the
    paragraph goes on, cited as OP 9."""
    window.open_document("S/RES/2396 (2017)")
    view = window.view
    view.scroll_to_block("op7", flash=False)
    block = library.get("S/RES/2396 (2017)").block("op9")
    words = "Member States"
    start = block.text.index(words)
    view.setTextCursor(view.range_cursor("op9", block, start + 2, start + len(words) - 1))
    window.actions_by_name["copy_citation"].trigger()
    assert QGuiApplication.clipboard().text() == (
        f"S/RES/2396 (2017), para. 9: “… {words} …”")


def test_copy_with_citation_without_a_selection_takes_the_paragraph_clicked(window, qtbot):
    from PySide6.QtGui import QTextCursor

    window.open_document("S/RES/2396 (2017)")
    view = window.view
    view.scroll_to_block("op7", flash=False)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._anchors["op9"] + 8)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.cursorRect(cursor).center())
    window.actions_by_name["copy_citation"].trigger()
    assert QGuiApplication.clipboard().text().startswith("S/RES/2396 (2017), para. 9: “")


def test_copy_with_citation(window):
    window.open_document("S/RES/2396 (2017)", "op12")
    window.view.scroll_to_block("op12", flash=False)
    text = window.copy_with_citation()
    assert text is not None and text.startswith("S/RES/2396 (2017), para. 12: “Decides")
    assert QGuiApplication.clipboard().text() == text


def _paragraph_size(view, anchor: str) -> tuple[float, float]:
    """(height, line height) of a paragraph as laid out on screen."""
    block = view.document().findBlock(view._anchors[anchor])
    rect = view.document().documentLayout().blockBoundingRect(block)
    return rect.height(), block.layout().lineAt(0).height()


def test_zoom_makes_the_text_bigger_in_a_document_and_a_comparison(make_window, qtbot):
    """The rendered text grows with View → Zoom In: taller lines, the column wider in
    proportion (a line holds as many words), in a document and in a comparison alike."""
    window = make_window(size=(1800, 900), restore=False)
    window.open_document("S/RES/2396 (2017)", "op11")
    qtbot.waitUntil(lambda: window.view.current_block() == "op11")
    comparison = window.open_comparison("S/2017/1051", "S/RES/2396 (2017)")
    document_view = window.tabs.widget(0)
    before = {"document": _paragraph_size(document_view, "op11"),
              "comparison": _paragraph_size(comparison.browser, "L-op11")}
    margin = document_view.document().rootFrame().frameFormat().leftMargin()
    for _ in range(4):
        window.actions_by_name["zoom_in"].trigger()
    after = {"document": _paragraph_size(document_view, "op11"),
             "comparison": _paragraph_size(comparison.browser, "L-op11")}
    for where in before:
        assert after[where][1] > before[where][1] * 1.25, where  # 11 pt → 15 pt lines
    assert document_view.document().rootFrame().frameFormat().leftMargin() < margin
    window.actions_by_name["zoom_reset"].trigger()
    assert _paragraph_size(document_view, "op11") == before["document"]


def test_zoom_changes_the_text_size_and_is_remembered(window, make_window):
    before = window.font_size
    window.actions_by_name["zoom_in"].trigger()
    assert window.font_size == before + 1
    window.close()
    assert make_window().font_size == before + 1


def test_open_tabs_and_reading_positions_are_restored(window, make_window, qtbot):
    window.open_document("S/RES/2322 (2016)")
    window.view.scroll_to_block("op3", flash=False)
    window.open_document("A/RES/72/284", "op40", new_tab=True)
    window.view.scroll_to_block("op40", flash=False)
    assert window.view.current_block() == "op40"
    window.close()
    again = make_window()
    assert [again.tabs.tabText(i) for i in range(again.tabs.count())] == [
        "S/RES/2322 (2016)", "A/RES/72/284"]
    assert again.current_symbol == "A/RES/72/284"
    # Each tab shows the paragraph its reader was at, at the top, not the document's start:
    # the current one, and the one in the background once it is looked at.
    qtbot.waitUntil(lambda: again.view.current_block() == "op40")
    assert again.view.verticalScrollBar().value() > 0
    again.tabs.setCurrentIndex(0)
    qtbot.waitUntil(again.view.isVisible)
    qtbot.waitUntil(lambda: again.view.current_block() == "op3")
    assert again.view.verticalScrollBar().value() > 0


def test_help_lists_every_action_with_its_shortcut(window):
    table = show_shortcuts(window).findChild(QTableWidget)
    assert table.rowCount() == len(ACTIONS) + len(CONTEXT_SHORTCUTS)
    rows = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows["Search the Library"] == "Ctrl+K"
    assert rows["Find in Document"] == window.actions_by_name["find"].shortcut().toString(
        QKeySequence.SequenceFormat.NativeText)


def test_dark_theme_recolours_widgets_and_documents_and_is_remembered(window, make_window):
    window.open_document("S/RES/2396 (2017)")
    light_base = window.palette().color(window.palette().ColorRole.Base).lightness()
    window.set_theme("dark")
    assert window.view.dark
    assert "#1e1f22" in window.view.toHtml().lower()  # the dark page background
    dark_base = QApplication.instance().palette().color(
        QApplication.instance().palette().ColorRole.Base).lightness()
    assert dark_base < light_base
    window.close()
    again = make_window()
    assert again.theme == "dark" and again.view.dark
    again.set_theme("light")
    assert not again.view.dark


def test_the_context_menu_copies_the_paragraph_under_the_pointer(window):
    window.open_document("S/RES/2396 (2017)")
    view = window.view
    view.scroll_to_block("op12", flash=False)
    point = view.viewport().rect().topLeft() + QPoint(200, 30)
    assert view.block_at(point) == "op12"
    menu = window.paragraph_menu(view, point)
    copy = next(a for a in menu.actions() if a.text() == "Copy with Citation")
    copy.trigger()
    assert QGuiApplication.clipboard().text().startswith("S/RES/2396 (2017), para. 12: “Decides")
    menu.close()


def test_the_menu_key_opens_the_menu_of_the_paragraph_being_read(window, qtbot):
    window.open_document("S/RES/2396 (2017)")
    view = window.view
    view.scroll_to_block("op20", flash=False)
    view.setFocus()
    with qtbot.waitSignal(view.paragraphMenuRequested) as asked:
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), view.mapToGlobal(QPoint(0, 0))))
    assert view.block_at(asked.args[0]) == "op20"
    for menu in window.findChildren(QMenu):
        menu.close()


def test_a_search_result_opens_with_the_words_searched_for_marked(window):
    window.navigator.open_search_result("S/RES/2322 (2016)", "op13.c", "extradition")
    assert window.current_symbol == "S/RES/2322 (2016)"
    marked = window.view.selections("search")
    assert marked and all(s.cursor.selectedText().lower().startswith("extradit") for s in marked)


def test_agreed_language_for_a_paragraph(window, search_index):
    """From the draft's OP 12: its adopted text first, never the draft itself; the scores as
    shown, best first; the match beside the paragraph with the shared words marked."""
    window.set_index(search_index)
    window.open_document("S/2017/1051", "op12")
    assert window.find_agreed_language("op12") is not None
    tree = window.agreed.tree
    assert tree.topLevelItemCount() > 0
    assert window.side.currentWidget() is window.agreed
    rows = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert not any(" S/2017/1051 " in f" {row} " for row in rows)  # not its own document
    scores = [float(row.split()[0]) for row in rows]
    assert scores == sorted(scores, reverse=True)  # in the order of the score shown
    first = tree.topLevelItem(0)
    assert "S/RES/2396 (2017) OP 12" in first.text(0) and "near-identical" in first.text(0)
    assert "S/RES/2396 (2017), para. 12" in first.toolTip(0)
    tree.setCurrentItem(first)
    assert window.agreed.match.isVisible()
    shown = window.agreed.match.toHtml()
    assert "background-color:#fff0a8" in shown and "passenger name record" in shown
    tree.itemClicked.emit(first, 0)
    assert window.current_symbol == "S/RES/2396 (2017)"


def test_agreed_language_runs_off_the_ui_thread_and_keeps_the_latest_request(
        qtbot, library, data_dir, search_index, thread_pool):
    window = MainWindow(library, Settings(data_dir), TaskRunner(pool=thread_pool))
    qtbot.addWidget(window)
    window.set_index(search_index)
    window.open_document("S/RES/2396 (2017)")
    first = window.find_agreed_language("op12")
    window.find_agreed_language("pp1")
    assert first.is_cancelled()
    qtbot.waitUntil(lambda: window.agreed.tree.topLevelItemCount() > 0, timeout=10000)
    thread_pool.waitForDone(10000)
    qtbot.wait(50)  # a stale answer, had it been delivered, would now have replaced this one
    assert "preambular paragraph 1" in window.agreed.heading.text()


def test_agreed_language_waits_for_the_index(window):
    window.open_document("S/RES/2396 (2017)")
    assert window.find_agreed_language("op12") is None


def _tab_stops(window: MainWindow) -> list[QWidget]:
    """The widgets Tab visits from the library filter, in order, once round the window."""
    start = window.library_pane.filter_edit
    stops, widget = [start], start.nextInFocusChain()
    while widget is not start:
        if (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def test_tab_goes_library_document_side_panel_and_every_stop_has_a_name(window):
    window.open_document("S/RES/2396 (2017)")
    window.open_document("S/RES/2395 (2017)", new_tab=True)  # opened after the side panel
    window.show_find_bar()
    window.find_bar.edit.setText("terrorism")
    names = [w.accessibleName() for w in _tab_stops(window)]
    assert all(names), names
    expected = ["Filter documents", "Documents", "Document tabs", "S/RES/2395 (2017): text",
                "Text to find", "Previous match", "Next match", "Close find bar",
                "Side panel tabs",
                "Search the library"]
    assert [n for n in names if n in expected][:len(expected)] == expected, names


def test_a_replaced_search_index_is_closed_once_no_search_uses_it(window, qtbot, monkeypatch):
    import threading

    import reader.window.main_window as main_window

    class Index:
        def __init__(self) -> None:
            self.lock, self.closed = threading.RLock(), False

        def close(self) -> None:
            self.closed = True

    monkeypatch.setattr(main_window, "INDEX_CLOSE_DELAY_MS", 10)
    monkeypatch.setattr(window.search_panel, "set_index", lambda index: None)
    old, new = Index(), Index()
    window.set_index(old)
    holding, done = threading.Event(), threading.Event()

    def search() -> None:  # a search running on the old index, on a worker thread
        with old.lock:
            holding.set()
            done.wait(5)

    worker = threading.Thread(target=search)
    worker.start()
    holding.wait(5)
    window.set_index(new)
    qtbot.wait(60)
    assert not old.closed  # not under a running search
    done.set()
    worker.join(5)
    qtbot.waitUntil(lambda: old.closed, timeout=2000)
    assert not new.closed


def test_the_outline_follows_the_paragraph_being_read_and_tells_preambles_apart(window, qtbot):
    window.open_document("S/RES/2396 (2017)")
    window.view.scroll_to_block("op20", flash=False)
    outline = window.side.outline
    qtbot.waitUntil(lambda: outline.currentItem() is not None
                    and outline.currentItem().text(0).startswith("20. "))
    preamble = outline.topLevelItem(0)
    labels = [preamble.child(i).text(0) for i in range(preamble.childCount())]
    assert labels[0].startswith("Reaffirming its resolutions 1267 (1999)")
    assert len(set(labels)) == len(labels)  # no two preambular paragraphs read the same


def test_ctrl_end_and_ctrl_home_go_to_the_end_and_the_start(window, qtbot):
    window.open_document("A/RES/72/284")
    view = window.view
    view.setFocus()
    bar = view.verticalScrollBar()
    qtbot.keySequence(view, QKeySequence(QKeySequence.StandardKey.MoveToEndOfDocument))
    assert bar.value() == bar.maximum() > 0
    qtbot.keySequence(view, QKeySequence(QKeySequence.StandardKey.MoveToStartOfDocument))
    assert bar.value() == 0


def test_the_shortcuts_table_filters_as_you_type(window, qtbot):
    dialog = show_shortcuts(window)
    qtbot.keyClicks(dialog.filter_edit, "find bar")
    rows = dialog.shown_rows()
    assert rows and all("find bar" in " ".join(row).casefold() for row in rows)
    assert any(action == "Next match" for _place, action, _key in rows)
    dialog.filter_edit.clear()
    assert ("Document", "Go to the end", QKeySequence(
        QKeySequence.StandardKey.MoveToEndOfDocument).toString(
        QKeySequence.SequenceFormat.NativeText)) in dialog.shown_rows()


def test_a_comparison_and_the_side_panel_tab_come_back_at_the_next_start(window, make_window):
    window.open_document("S/RES/2322 (2016)")
    comparison = window.open_comparison("S/2017/1051", "S/RES/2396 (2017)")
    comparison.set_mode("redline")
    anchor = comparison_block(comparison, "op12")
    assert comparison.browser.scroll_to_block(anchor, flash=False)
    reading = comparison.browser.current_block()
    assert reading.endswith("op12")
    window.side.setCurrentWidget(window.side.outline)
    window.close()

    again = make_window()
    assert [again.tabs.tabText(i) for i in range(again.tabs.count())] == [
        "S/RES/2322 (2016)", "S/2017/1051 ⇄ S/RES/2396 (2017)"]
    assert again.tabs.currentIndex() == 1
    restored = again.comparison
    assert restored.mode == "redline"
    assert restored.browser.current_block() == reading
    assert again.side.tabText(again.side.currentIndex()) == "Outline"


def comparison_block(comparison, block: str) -> str:
    """The anchor a comparison's view names the paragraph by in its current mode."""
    return next(a for a in comparison.browser._anchors if a.endswith(block))


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720)])
def test_a_laptop_screen_keeps_the_text_the_widest(make_window, qtbot, size):
    """The panes shrink in proportion and stay readable; the text keeps most of the room."""
    window = make_window(size=size, restore=False)
    qtbot.wait(10)
    library, side = window.library_dock.width(), window.side_dock.width()
    text = window.tabs.width()
    assert library >= 220 and side >= 270  # columns and tab names stay readable
    assert text >= 0.38 * size[0] and text > library and text > side


def test_growing_the_window_gives_the_panes_their_width_back(make_window, qtbot):
    window = make_window(size=(1024, 640), restore=False)
    qtbot.wait(10)
    narrow = window.library_dock.width()
    window.resize(1800, 1000)
    qtbot.wait(10)
    assert window.library_dock.width() > narrow
    assert window.library_dock.width() >= 370


def test_a_crushed_pane_saved_at_quit_is_repaired_at_the_next_start(make_window, qtbot):
    window = make_window(size=(1024, 640), restore=False)
    window.resizeDocks([window.library_dock], [60], Qt.Orientation.Horizontal)
    window.close()
    again = make_window(size=(1024, 640))
    qtbot.wait(10)
    assert again.library_dock.width() >= 220


def test_a_comparison_fits_a_laptop_window(make_window, qtbot):
    """Opening a comparison (its strip of controls) never forces the window wider than a
    1024-pixel screen."""
    window = make_window(size=(1024, 640), restore=False)
    window.open_document("S/RES/2396 (2017)")
    window.open_comparison("S/2017/1051", "S/RES/2396 (2017)")
    qtbot.wait(10)
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() == 1024


def test_reading_preferences_change_what_the_reader_sees_and_are_kept(make_window, qtbot):
    """Edit → Preferences: the rows come from the declared preferences (their ranges); OK
    makes the lines of an open document taller and the column narrower, and they are kept."""
    from PySide6.QtWidgets import QSpinBox

    from reader.window.settings import LINE_SPACING

    window = make_window(size=(1600, 900), restore=False)
    window.open_document("S/RES/2396 (2017)")
    view = window.view
    block = view.document().findBlock(view._anchors["op11"])
    before = view.document().documentLayout().blockBoundingRect(block).height()
    dialog = window.show_preferences()
    spacing = dialog.editor("view/line_spacing")
    assert isinstance(spacing, QSpinBox) and spacing.maximum() == LINE_SPACING.maximum
    spacing.setValue(200)
    dialog.editor("view/column_width").setValue(500)
    dialog.accept()
    block = view.document().findBlock(view._anchors["op11"])
    assert view.document().documentLayout().blockBoundingRect(block).height() > before * 1.3
    margin = view.document().rootFrame().frameFormat().leftMargin()
    assert margin > (view.viewport().width() - 760) / 2  # the column is narrower
    window.close()
    again = make_window(restore=False)
    again.open_document("S/RES/2396 (2017)")
    assert again.view.line_spacing == 200 and again.view.max_column == 500
