"""The library pane, driven the way a person drives it: look, type, click."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidgetItem

from corpus.model import Block, BlockKind, Document, DocumentKind, NoteMark
from reader.library.library_pane import SYMBOL_ROLE, LibraryPane

LONG = "and reaffirming the importance of cooperation among all States " * 40


def doc(symbol: str, body: str, date: str, subject: str, op1: str, *,
        kind: DocumentKind = DocumentKind.RESOLUTION,
        relations: dict[str, str] | None = None) -> Document:
    blocks = [
        Block("intro", BlockKind.INTRO, f"The {body},"),
        Block("pp1", BlockKind.PREAMBULAR, f"Recalling {LONG}", verb="Recalling",
              notes=(NoteMark("1", 9),)),
        Block("op1", BlockKind.OPERATIVE, op1, number="1", verb=op1.split()[0]),
        Block("fn1", BlockKind.FOOTNOTE, "A/71/858.", number="1"),
    ]
    return Document(symbol=symbol, body=body, date=date, title="Threats to peace", kind=kind,
                    blocks=blocks, subject=subject, relations=relations or {})


class StandInLibrary:
    """What the window needs of corpus.library.Library, and nothing else."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents

    def get(self, symbol: str) -> Document | None:
        return next((d for d in self.documents if d.symbol == symbol), None)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)


def stand_in() -> StandInLibrary:
    return StandInLibrary([
        doc("S/RES/2322 (2016)", "Security Council", "2016-12-12",
            "International judicial cooperation", "Urges States to cooperate judicially;"),
        doc("S/2017/1051", "Security Council", "2017-12-21", "Draft resolution on returnees",
            "Decides that States shall collect data;", kind=DocumentKind.DRAFT,
            relations={"draft_of": "S/RES/2396 (2017)"}),
        doc("S/RES/2396 (2017)", "Security Council", "2017-12-21",
            "Returning and relocating foreign terrorist fighters",
            "Decides that Member States shall collect data;",
            relations={"draft": "S/2017/1051"}),
        doc("A/RES/72/284", "General Assembly", "2018-06-26", "Strategy review",
            "Reaffirms the Global Counter-Terrorism Strategy;"),
    ])


@pytest.fixture
def pane(qtbot) -> LibraryPane:
    pane = LibraryPane(stand_in())
    qtbot.addWidget(pane)
    pane.resize(500, 600)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def texts(item: QTreeWidgetItem) -> list[str]:
    return [item.child(i).text(0) for i in range(item.childCount())]


def find_item(window: LibraryPane, symbol: str) -> QTreeWidgetItem:
    [item] = window.tree.findItems(symbol, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    return item


def visible_symbols(window: LibraryPane) -> list[str]:
    symbols = []
    for item in window.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive):
        shown = item
        while shown is not None and not shown.isHidden():
            shown = shown.parent()
        if item.data(0, SYMBOL_ROLE) and shown is None:
            symbols.append(item.text(0))
    return symbols


def test_tree_groups_by_body_then_year_newest_first(pane):
    root = pane.tree.invisibleRootItem()
    assert texts(root) == ["General Assembly", "Security Council"]
    council = root.child(1)
    assert texts(council) == ["2017", "2016"]
    assert texts(council.child(0)) == ["S/RES/2396 (2017)"]
    assert texts(council.child(1)) == ["S/RES/2322 (2016)"]
    assert texts(root.child(0).child(0)) == ["A/RES/72/284"]


def test_draft_sits_under_its_adopted_text(pane):
    resolution = find_item(pane, "S/RES/2396 (2017)")
    assert texts(resolution) == ["S/2017/1051"]
    assert resolution.isExpanded()


def test_each_item_shows_symbol_date_and_subject(pane):
    item = find_item(pane, "S/RES/2322 (2016)")
    assert [item.text(c) for c in range(3)] == [
        "S/RES/2322 (2016)", "2016-12-12", "International judicial cooperation"]
    assert sorted(visible_symbols(pane)) == sorted(d.symbol for d in stand_in())


def test_typing_in_the_filter_hides_what_does_not_match(pane, qtbot):
    with qtbot.waitSignal(pane.countChanged) as counted:
        qtbot.keyClicks(pane.filter_edit, "judicial")
    assert visible_symbols(pane) == ["S/RES/2322 (2016)"]
    assert find_item(pane, "General Assembly").isHidden()
    assert counted.args == [1, 4]
    pane.filter_edit.clear()
    assert len(visible_symbols(pane)) == 4


def test_filter_matches_symbol_words_in_any_order_and_case(pane, qtbot):
    qtbot.keyClicks(pane.filter_edit, "FIGHTERS returning")
    assert visible_symbols(pane) == ["S/RES/2396 (2017)"]
    pane.filter_edit.clear()
    qtbot.keyClicks(pane.filter_edit, "72/284")
    assert visible_symbols(pane) == ["A/RES/72/284"]


def test_a_matching_draft_keeps_its_resolution_in_view(pane, qtbot):
    qtbot.keyClicks(pane.filter_edit, "1051")
    assert visible_symbols(pane) == ["S/RES/2396 (2017)", "S/2017/1051"]


def test_clicking_a_document_selects_it(pane, qtbot):
    item = find_item(pane, "S/RES/2396 (2017)")
    rect = pane.tree.visualItemRect(item)
    with qtbot.waitSignal(pane.documentSelected) as selected:
        qtbot.mouseClick(pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == ["S/RES/2396 (2017)"]


def test_enter_opens_the_document(pane, qtbot):
    pane.select("S/RES/2322 (2016)")
    pane.tree.setFocus()
    with qtbot.waitSignal(pane.documentActivated) as activated:
        qtbot.keyClick(pane.tree, Qt.Key.Key_Return)
    assert activated.args == ["S/RES/2322 (2016)"]


def test_arrow_keys_walk_the_documents(pane, qtbot):
    pane.select("A/RES/72/284")
    pane.tree.setFocus()
    for _ in range(3):
        qtbot.keyClick(pane.tree, Qt.Key.Key_Down)
    assert pane.current_symbol == "S/RES/2396 (2017)"


def test_return_in_the_filter_moves_to_the_list(pane, qtbot):
    pane.activateWindow()
    pane.filter_edit.setFocus()
    qtbot.waitUntil(pane.filter_edit.hasFocus)
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Return)
    assert pane.tree.hasFocus()


def test_select_quietly_and_unknown_symbols(pane, qtbot):
    with qtbot.assertNotEmitted(pane.documentSelected):
        assert pane.select("S/2017/1051", notify=False)
    assert pane.current_symbol == "S/2017/1051"
    assert not pane.select("S/RES/1 (1946)")


def test_widgets_are_labelled(pane):
    assert pane.filter_edit.placeholderText()
    for widget in (pane.filter_edit, pane.tree):
        assert widget.accessibleName()


def test_the_bundled_library(library, qtbot):
    pane = LibraryPane(library)
    qtbot.addWidget(pane)
    pane.show()
    assert sorted(visible_symbols(pane)) == sorted(d.symbol for d in library)
    assert texts(find_item(pane, "S/RES/2396 (2017)")) == ["S/2017/1051"]
    assert pane.first_symbol() == "A/RES/72/284"


# --- as in a browser: a right click only shows the menu; Ctrl+click, middle click: new tab ---


def click_row(qtbot, pane: LibraryPane, symbol: str, button: Qt.MouseButton,
              modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Click a row through the window, the way the platform delivers a click (a right click
    then brings the context menu too)."""
    from PySide6.QtTest import QTest

    viewport = pane.tree.viewport()
    point = pane.tree.visualItemRect(find_item(pane, symbol)).center()
    QTest.mouseClick(pane.window().windowHandle(), button, modifiers,
                     viewport.mapTo(pane.window(), point))


def open_popup() -> QMenu | None:
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) else None


def test_a_right_click_shows_the_menu_and_opens_nothing(qtbot, pane):
    pane.select("S/RES/2322 (2016)")
    with qtbot.assertNotEmitted(pane.documentSelected), \
            qtbot.assertNotEmitted(pane.documentActivated), \
            qtbot.assertNotEmitted(pane.newTabRequested):
        click_row(qtbot, pane, "A/RES/72/284", Qt.MouseButton.RightButton)
        qtbot.waitUntil(lambda: open_popup() is not None, timeout=2000)
    menu = open_popup()
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Open", "Open in New Tab", "Compare With…", "Remove from Library…"]
    assert pane.current_symbol == "S/RES/2322 (2016)"  # the row shown stays the current one
    with qtbot.waitSignal(pane.newTabRequested) as asked:
        next(a for a in menu.actions() if a.text() == "Open in New Tab").trigger()
    assert asked.args == ["A/RES/72/284"]
    menu.close()


def test_the_menus_open_opens_the_row_in_the_current_tab(qtbot, pane):
    pane.select("S/RES/2322 (2016)")
    menu = pane._menu(pane.tree.visualItemRect(find_item(pane, "A/RES/72/284")).center())
    with qtbot.waitSignal(pane.documentSelected) as selected:
        next(a for a in menu.actions() if a.text() == "Open").trigger()
    assert selected.args == ["A/RES/72/284"]
    assert pane.current_symbol == "A/RES/72/284"
    menu.close()


@pytest.mark.parametrize(("button", "modifiers"), [
    (Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier),
    (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier),
])
def test_ctrl_click_and_middle_click_ask_for_a_new_tab(qtbot, pane, button, modifiers):
    pane.select("S/RES/2322 (2016)")
    with qtbot.assertNotEmitted(pane.documentSelected), \
            qtbot.waitSignal(pane.newTabRequested) as asked:
        click_row(qtbot, pane, "A/RES/72/284", button, modifiers)
    assert asked.args == ["A/RES/72/284"]
    assert pane.current_symbol == "S/RES/2322 (2016)"


def test_a_plain_click_still_selects_the_row(qtbot, pane):
    pane.select("S/RES/2322 (2016)")
    with qtbot.waitSignal(pane.documentSelected) as selected:
        click_row(qtbot, pane, "A/RES/72/284", Qt.MouseButton.LeftButton)
    assert selected.args == ["A/RES/72/284"]


def test_in_the_record_view_a_right_click_opens_nothing_and_ctrl_click_a_new_tab(qtbot, pane):
    from PySide6.QtTest import QTest

    from reader.library.record_view import SYMBOL_ROLE

    view = pane.show_record()
    view.filter_edit.setText("2396")
    qtbot.wait(10)
    item = next(view.tree.topLevelItem(i).child(j)
                for i in range(view.tree.topLevelItemCount())
                for j in range(view.tree.topLevelItem(i).childCount())
                if view.tree.topLevelItem(i).child(j).data(0, SYMBOL_ROLE) == "S/RES/2396 (2017)"
                and not view.tree.topLevelItem(i).child(j).isHidden())
    point = view.tree.viewport().mapTo(pane.window(), view.tree.visualItemRect(item).center())
    with qtbot.assertNotEmitted(pane.documentSelected):
        QTest.mouseClick(pane.window().windowHandle(), Qt.MouseButton.RightButton,
                         Qt.KeyboardModifier.NoModifier, point)
        qtbot.wait(50)
    with qtbot.waitSignal(pane.newTabRequested) as asked:
        QTest.mouseClick(pane.window().windowHandle(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier, point)
    assert asked.args == ["S/RES/2396 (2017)"]
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.close()


def test_a_pane_let_go_is_freed_without_a_crash(tmp_path):
    """A pane dropped and collected (a second window closed, a pane rebuilt): its click
    handler held it strongly once, a cycle the collector freed in an order Qt did not
    survive (a segmentation fault). Run in a child process: a crash must fail the test, not
    kill the run."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    script = (
        "import gc, sys\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from corpus.library import load_library\n"
        "from reader.library.library_pane import LibraryPane\n"
        "app = QApplication([])\n"
        f"library = load_library(Path({str(tmp_path)!r}))\n"
        "for _ in range(4):\n"
        "    pane = LibraryPane(library)\n"
        "pane.show()\n"
        "app.processEvents()\n"
        "gc.collect()\n"
        "print('freed')\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "freed" in done.stdout, done.stderr[-1500:]
