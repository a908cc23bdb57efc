"""A found paragraph in a new tab, as in a browser: Ctrl+click, a middle click or the row's
menu ask for a new tab; a plain click opens it where the reader is; a right click opens
nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.common.tasks import TaskRunner
from reader.search.search_panel import HIT_ROLE, SearchPanel


@pytest.fixture
def panel(qtbot, search_index) -> SearchPanel:
    panel = SearchPanel(TaskRunner(synchronous=True))
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.set_index(search_index)
    panel.show()
    qtbot.waitExposed(panel)
    panel.search("passenger name record")
    qtbot.waitUntil(lambda: panel.shown_results is not None, timeout=3000)
    return panel


def first_hit_point(panel: SearchPanel):
    row = panel.results.topLevelItem(0).child(0)
    panel.results.scrollToItem(row)
    return row.data(0, HIT_ROLE), panel.results.visualItemRect(row).center()


@pytest.mark.parametrize(("button", "modifiers"), [
    (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier),
    (Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier),
])
def test_ctrl_click_and_middle_click_ask_for_a_new_tab(qtbot, panel, button, modifiers):
    hit, point = first_hit_point(panel)
    with qtbot.assertNotEmitted(panel.openRequested), \
            qtbot.waitSignal(panel.openInNewTabRequested) as asked:
        qtbot.mouseClick(panel.results.viewport(), button, modifiers, pos=point)
    assert asked.args == [hit.symbol, hit.block, "passenger name record"]


def test_a_plain_click_opens_where_the_reader_is(qtbot, panel):
    hit, point = first_hit_point(panel)
    with qtbot.assertNotEmitted(panel.openInNewTabRequested), \
            qtbot.waitSignal(panel.openRequested) as asked:
        qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert asked.args == [hit.symbol, hit.block, "passenger name record"]


def test_a_hits_menu_opens_it_here_or_in_a_new_tab(qtbot, panel):
    hit, point = first_hit_point(panel)
    menu = panel._menu(point)
    assert [a.text() for a in menu.actions()] == ["Open", "Open in New Tab"]
    with qtbot.waitSignal(panel.openInNewTabRequested) as asked:
        menu.actions()[1].trigger()
    assert asked.args[:2] == [hit.symbol, hit.block]
    with qtbot.waitSignal(panel.openRequested):
        menu.actions()[0].trigger()
    menu.close()
