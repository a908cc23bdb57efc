"""Opening in a new tab, as a browser does: a right click only shows a menu; Ctrl+click and a
middle click (on a library row, a citation, a search hit, an agreed-language hit) open a new
tab and leave the one being read as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidget, QTreeWidgetItem

from reader.document.document_view import DocumentView
from reader.window.main_window import MainWindow

CTRL_CLICK = (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier)
MIDDLE_CLICK = (Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def shows(view: DocumentView, symbol: str) -> bool:
    return view.property("symbol") == symbol and view.document_shown is not None \
        and view.document_shown.symbol == symbol


def tab_symbols(window: MainWindow) -> list[str]:
    return [window.tabs.widget(i).property("symbol") for i in range(window.tabs.count())]


def popup_menu() -> QMenu | None:
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) else None


def action(menu: QMenu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


def click_through_window(window: MainWindow, tree: QTreeWidget, item: QTreeWidgetItem,
                         button: Qt.MouseButton, modifiers=Qt.KeyboardModifier.NoModifier):
    """A click delivered as the platform delivers it (a right click brings its menu too)."""
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    QTest.mouseClick(window.windowHandle(), button, modifiers,
                     tree.viewport().mapTo(window, point))


def link_point(view: DocumentView, href_part: str) -> QPoint:
    """The viewport point of the first link whose address holds ``href_part``, in sight."""
    block = view.document().begin()
    while block.isValid():
        for fragment in (it.fragment() for it in block):
            if href_part in fragment.charFormat().anchorHref():
                cursor = QTextCursor(view.document())
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                return view.cursorRect(cursor).center()
        block = block.next()
    raise AssertionError(f"no link to {href_part}")


# --- the library --------------------------------------------------------------------------------


def test_a_right_click_on_a_library_row_shows_its_menu_and_the_tab_stays(window, qtbot):
    window.open_document("S/RES/2322 (2016)")
    pane = window.library_pane
    row = pane._items[pane._row_of["A/RES/72/284"]]
    click_through_window(window, pane.tree, row, Qt.MouseButton.RightButton)
    qtbot.waitUntil(lambda: popup_menu() is not None, timeout=2000)
    menu = popup_menu()
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Open", "Open in New Tab", "Compare With…", "Remove from Library…"]
    assert window.tabs.count() == 1 and shows(window.view, "S/RES/2322 (2016)")
    assert pane.current_symbol == "S/RES/2322 (2016)"

    action(menu, "Open in New Tab").trigger()
    menu.close()
    assert tab_symbols(window) == ["S/RES/2322 (2016)", "A/RES/72/284"]
    assert shows(window.tabs.widget(0), "S/RES/2322 (2016)")


def test_the_library_menus_open_replaces_the_document_in_the_tab(window):
    window.open_document("S/RES/2322 (2016)")
    pane = window.library_pane
    point = pane.tree.visualItemRect(pane._items[pane._row_of["A/RES/72/284"]]).center()
    menu = pane._menu(point)
    action(menu, "Open").trigger()
    menu.close()
    assert tab_symbols(window) == ["A/RES/72/284"]


@pytest.mark.parametrize("click", [CTRL_CLICK, MIDDLE_CLICK], ids=["ctrl", "middle"])
def test_ctrl_or_middle_click_on_a_library_row_opens_a_new_tab(window, click):
    window.open_document("S/RES/2322 (2016)")
    pane = window.library_pane
    row = pane._items[pane._row_of["A/RES/72/284"]]
    click_through_window(window, pane.tree, row, *click)
    assert tab_symbols(window) == ["S/RES/2322 (2016)", "A/RES/72/284"]
    assert shows(window.tabs.widget(0), "S/RES/2322 (2016)")
    assert shows(window.tabs.widget(1), "A/RES/72/284")


# --- citations in a document --------------------------------------------------------------------


@pytest.mark.parametrize("click", [CTRL_CLICK, MIDDLE_CLICK], ids=["ctrl", "middle"])
def test_ctrl_or_middle_click_on_a_citation_opens_it_in_a_new_tab(window, qtbot, click):
    window.open_document("A/RES/72/284")
    first = window.view
    point = link_point(first, "S%2FRES%2F2396")
    position = first.verticalScrollBar().value()
    qtbot.mouseClick(first.viewport(), *click, pos=point)
    assert window.tabs.count() == 2
    assert window.tabs.widget(0) is first and shows(first, "A/RES/72/284")
    assert first.verticalScrollBar().value() == position
    assert shows(window.tabs.widget(1), "S/RES/2396 (2017)")


def test_a_citation_of_a_document_not_held_opens_its_card_in_a_new_tab(window, qtbot):
    window.open_document("S/RES/2396 (2017)")
    first = window.view
    qtbot.mouseClick(first.viewport(), *CTRL_CLICK, pos=link_point(first, "S%2FRES%2F2178"))
    assert tab_symbols(window) == ["S/RES/2396 (2017)", "S/RES/2178 (2014)"]
    assert shows(first, "S/RES/2396 (2017)")
    assert "not in library" in window.tabs.tabText(1)


def test_a_plain_click_on_a_citation_still_replaces_the_document(window, qtbot):
    window.open_document("A/RES/72/284")
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=link_point(window.view, "S%2FRES%2F2396"))
    assert tab_symbols(window) == ["S/RES/2396 (2017)"]


def test_a_citations_menu_opens_it_here_or_in_a_new_tab_and_copies_where_it_points(window):
    window.open_document("A/RES/72/284")
    view = window.view
    menu = window.paragraph_menu(view, link_point(view, "S%2FRES%2F2396"))
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:3] == ["Open Link", "Open Link in New Tab", "Copy Link Target"]
    assert "Copy with Citation" in texts  # the paragraph's commands follow

    action(menu, "Copy Link Target").trigger()
    assert QGuiApplication.clipboard().text().startswith("S/RES/2396 (2017)")
    action(menu, "Open Link in New Tab").trigger()
    menu.close()
    assert tab_symbols(window) == ["A/RES/72/284", "S/RES/2396 (2017)"]
    assert shows(window.tabs.widget(0), "A/RES/72/284")

    window.tabs.setCurrentIndex(0)
    menu = window.paragraph_menu(window.view, link_point(window.view, "S%2FRES%2F2396"))
    action(menu, "Open Link").trigger()
    menu.close()
    assert tab_symbols(window) == ["S/RES/2396 (2017)", "S/RES/2396 (2017)"]


def test_off_a_link_the_paragraph_menu_has_no_link_commands(window):
    window.open_document("A/RES/72/284", "op1")
    view = window.view
    menu = window.paragraph_menu(view, QPoint(view.viewport().width() // 2, 40))
    assert "Open Link" not in [a.text() for a in menu.actions()]
    menu.close()


# --- search hits and agreed language ------------------------------------------------------------


def first_hit_of(window: MainWindow, symbol: str) -> QTreeWidgetItem:
    tree = window.search_panel.results
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            hit = group.child(j).data(0, Qt.ItemDataRole.UserRole)
            if getattr(hit, "symbol", None) == symbol:
                return group.child(j)
    raise AssertionError(f"no hit in {symbol}")


@pytest.mark.parametrize("click", [CTRL_CLICK, MIDDLE_CLICK], ids=["ctrl", "middle"])
def test_a_search_hit_opened_in_a_new_tab_leaves_the_first_as_it_was(window, search_index,
                                                                     qtbot, click):
    window.set_index(search_index)
    window.open_document("A/RES/72/284", "op36")
    first = window.view
    window.focus_search()
    window.search_panel.search("passenger name record")
    row = first_hit_of(window, "S/RES/2396 (2017)")
    tree = window.search_panel.results
    tree.scrollToItem(row)
    qtbot.mouseClick(tree.viewport(), *click, pos=tree.visualItemRect(row).center())
    assert tab_symbols(window) == ["A/RES/72/284", "S/RES/2396 (2017)"]
    assert window.tabs.widget(0) is first and shows(first, "A/RES/72/284")
    assert window.view.selections("search")  # the words searched for, marked in the new tab


def test_a_search_hits_menu_offers_a_new_tab(window, search_index):
    window.set_index(search_index)
    window.open_document("A/RES/72/284")
    window.search_panel.search("passenger name record")
    tree = window.search_panel.results
    row = first_hit_of(window, "S/RES/2396 (2017)")
    tree.scrollToItem(row)
    menu = window.search_panel._menu(tree.visualItemRect(row).center())
    assert [a.text() for a in menu.actions()] == ["Open", "Open in New Tab"]
    action(menu, "Open in New Tab").trigger()
    menu.close()
    assert tab_symbols(window) == ["A/RES/72/284", "S/RES/2396 (2017)"]


def test_an_agreed_language_hit_opens_in_a_new_tab(window, search_index, qtbot):
    window.set_index(search_index)
    window.open_document("S/2017/1051", "op12")
    window.find_agreed_language("op12")
    tree = window.agreed.tree
    first = tree.topLevelItem(0)
    assert "S/RES/2396 (2017)" in first.text(0)
    menu = window.agreed._menu(tree.visualItemRect(first).center())
    assert [a.text() for a in menu.actions()] == ["Open", "Open in New Tab"]
    menu.close()
    qtbot.mouseClick(tree.viewport(), *CTRL_CLICK, pos=tree.visualItemRect(first).center())
    assert tab_symbols(window) == ["S/2017/1051", "S/RES/2396 (2017)"]
    assert shows(window.tabs.widget(0), "S/2017/1051")
