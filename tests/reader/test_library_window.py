"""The library window, driven the way a person drives it: look, type, click, read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from corpus.model import Block, BlockKind, Document, DocumentKind, NoteMark
from reader.app import run_gui
from reader.library_window import SYMBOL_ROLE, LibraryWindow

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
def window(qtbot) -> LibraryWindow:
    window = LibraryWindow(stand_in())
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def texts(item: QTreeWidgetItem) -> list[str]:
    return [item.child(i).text(0) for i in range(item.childCount())]


def find_item(window: LibraryWindow, symbol: str) -> QTreeWidgetItem:
    [item] = window.tree.findItems(symbol, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    return item


def visible_symbols(window: LibraryWindow) -> list[str]:
    symbols = []
    for item in window.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive):
        shown = item
        while shown is not None and not shown.isHidden():
            shown = shown.parent()
        if item.data(0, SYMBOL_ROLE) and shown is None:
            symbols.append(item.text(0))
    return symbols


def test_tree_groups_by_body_then_year_newest_first(window):
    root = window.tree.invisibleRootItem()

    assert texts(root) == ["General Assembly", "Security Council"]
    council = root.child(1)
    assert texts(council) == ["2017", "2016"]
    assert texts(council.child(0)) == ["S/RES/2396 (2017)"]
    assert texts(council.child(1)) == ["S/RES/2322 (2016)"]
    assert texts(root.child(0).child(0)) == ["A/RES/72/284"]


def test_draft_sits_under_its_adopted_text(window):
    resolution = find_item(window, "S/RES/2396 (2017)")

    assert texts(resolution) == ["S/2017/1051"]
    assert resolution.isExpanded()


def test_each_item_shows_symbol_date_and_subject(window):
    item = find_item(window, "S/RES/2322 (2016)")

    assert [item.text(c) for c in range(3)] == [
        "S/RES/2322 (2016)", "2016-12-12", "International judicial cooperation"]
    assert sorted(visible_symbols(window)) == sorted(d.symbol for d in stand_in())


def test_first_document_is_shown_on_start(window):
    assert window.windowTitle() == "Plenary"
    assert window.current_symbol == "A/RES/72/284"
    assert "Reaffirms the Global Counter-Terrorism Strategy;" in window.view.toPlainText()


def test_status_bar_counts_documents(window):
    assert window.count_label.text() == "4 documents"
    assert window.statusBar().isVisible()


def test_typing_in_the_filter_hides_what_does_not_match(window, qtbot):
    qtbot.keyClicks(window.filter_edit, "judicial")

    assert visible_symbols(window) == ["S/RES/2322 (2016)"]
    assert find_item(window, "General Assembly").isHidden()
    assert window.count_label.text() == "1 of 4 documents"
    # The shown document follows the filter when the old one disappears.
    assert "Urges States to cooperate judicially;" in window.view.toPlainText()

    window.filter_edit.clear()
    assert len(visible_symbols(window)) == 4
    assert window.count_label.text() == "4 documents"


def test_filter_matches_symbol_words_in_any_order_and_case(window, qtbot):
    qtbot.keyClicks(window.filter_edit, "FIGHTERS returning")
    assert visible_symbols(window) == ["S/RES/2396 (2017)"]

    window.filter_edit.clear()
    qtbot.keyClicks(window.filter_edit, "72/284")
    assert visible_symbols(window) == ["A/RES/72/284"]


def test_a_matching_draft_keeps_its_resolution_in_view(window, qtbot):
    qtbot.keyClicks(window.filter_edit, "1051")

    assert visible_symbols(window) == ["S/RES/2396 (2017)", "S/2017/1051"]
    assert window.count_label.text() == "1 of 4 documents"


def test_clicking_a_document_shows_its_text(window, qtbot):
    item = find_item(window, "S/RES/2396 (2017)")
    rect = window.tree.visualItemRect(item)

    with qtbot.waitSignal(window.documentShown) as shown:
        qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert shown.args == ["S/RES/2396 (2017)"]
    text = window.view.toPlainText()
    assert "Decides that Member States shall collect data;" in text
    assert "S/RES/2396 (2017)" in text
    assert "Reaffirms the Global" not in text


def test_arrow_keys_walk_the_documents(window, qtbot):
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)

    assert window.current_symbol == "S/RES/2396 (2017)"
    assert "Decides that Member States shall collect data;" in window.view.toPlainText()


def test_focus_moves_filter_tree_view(window, qtbot):
    window.activateWindow()
    window.filter_edit.setFocus()
    qtbot.waitUntil(window.filter_edit.hasFocus)

    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Tab)
    assert window.tree.hasFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    assert window.view.hasFocus()

    window.filter_edit.setFocus()
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert window.tree.hasFocus()


def test_widgets_are_labelled(window):
    assert window.filter_edit.placeholderText()
    for widget in (window.filter_edit, window.tree, window.view):
        assert widget.accessibleName()


def test_links_never_leave_the_app_and_footnotes_scroll(window, qtbot):
    window.resize(700, 400)
    view = window.view
    assert not view.openLinks()
    assert not view.openExternalLinks()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    assert view.verticalScrollBar().value() == 0

    view.anchorClicked.emit(QUrl("#fn1"))
    assert view.verticalScrollBar().value() > 0

    view.anchorClicked.emit(QUrl("https://undocs.org/A/71/858"))
    assert window.current_symbol == "A/RES/72/284"


def test_show_document_by_symbol(window):
    assert window.show_document("S/2017/1051")
    assert window.current_symbol == "S/2017/1051"
    assert not window.show_document("S/RES/1 (1946)")


def test_the_bundled_library(library, qtbot):
    window = LibraryWindow(library)
    qtbot.addWidget(window)
    window.show()

    assert sorted(visible_symbols(window)) == sorted(d.symbol for d in library)
    assert texts(find_item(window, "S/RES/2396 (2017)")) == ["S/2017/1051"]
    assert window.count_label.text() == f"{len(library)} documents"

    window.tree.setCurrentItem(find_item(window, "S/RES/2322 (2016)"))
    op9 = library.get("S/RES/2322 (2016)").block("op9.a")
    assert op9.text in window.view.toPlainText()


def test_run_gui_shows_the_window_and_returns_the_exit_status(qapp, qtbot):
    seen: list[LibraryWindow] = []

    def look_and_quit() -> None:
        seen.extend(w for w in QApplication.topLevelWidgets()
                    if isinstance(w, LibraryWindow) and w.isVisible())
        QApplication.exit(3)

    QTimer.singleShot(0, look_and_quit)
    assert run_gui(stand_in(), ["plenary"]) == 3

    assert len(seen) == 1
    assert seen[0].windowTitle() == "Plenary"
    assert QApplication.applicationName() == "Plenary"
    assert QApplication.organizationName() == "Plenary"
