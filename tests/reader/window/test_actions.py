"""Every menu item does something, a missing handler stops the window from being built, and
Help → Keyboard shortcuts lists the keys that work in one place only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTableWidget, QWidget

from reader.common.tasks import TaskRunner
from reader.window.actions import (
    ACTIONS,
    CONTEXT_SHORTCUTS,
    Act,
    HandlerMismatch,
    build_actions,
    context_keys,
    is_context_key,
)
from reader.window.main_window import MainWindow
from reader.window.settings import Settings
from reader.window.shortcuts_dialog import show_shortcuts


def _menu_actions(window: MainWindow) -> list[QAction]:
    """The items of the menu bar's menus, as a person opens them (no separators)."""
    items = []
    for top in window.menuBar().actions():
        items += [a for a in top.menu().actions() if not a.isSeparator()]
    return items


def test_every_menu_item_triggers_its_own_handler(make_window, monkeypatch):
    called: list[str] = []
    real = MainWindow._action_handlers

    def recording(self):
        return {name: (lambda name=name: called.append(name)) for name in real(self)}

    monkeypatch.setattr(MainWindow, "_action_handlers", recording)
    window = make_window()
    items = _menu_actions(window)
    assert sorted(a.objectName() for a in items) == sorted(Act)
    for action in items:
        action.setEnabled(True)  # Undo/Redo are off until there is something to undo
        called.clear()
        action.trigger()
        assert called == [action.objectName()], action.text()


def test_the_real_handlers_are_one_per_menu_item(window_handlers):
    assert set(window_handlers) == set(Act)
    assert all(callable(h) for h in window_handlers.values())


@pytest.fixture
def window_handlers(make_window):
    window = make_window()
    return window._action_handlers()


@pytest.mark.parametrize("change", ["missing", "misspelt"])
def test_a_missing_or_misspelt_handler_fails_at_construction(change, library, data_dir, qtbot,
                                                             monkeypatch):
    real = MainWindow._action_handlers

    def broken(self):
        handlers = dict(real(self))
        handler = handlers.pop(Act.bookmark)
        if change == "misspelt":
            handlers["bookmrak"] = handler
        return handlers

    monkeypatch.setattr(MainWindow, "_action_handlers", broken)
    with pytest.raises(HandlerMismatch, match="bookmark"):
        MainWindow(library, Settings(data_dir), TaskRunner(synchronous=True))


def test_build_actions_names_what_is_missing_and_what_is_extra(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    handlers = {spec.name: (lambda: None) for spec in ACTIONS}
    del handlers[Act.quit]
    handlers["qiut"] = lambda: None
    with pytest.raises(HandlerMismatch) as error:
        build_actions(parent, handlers)
    assert "actions without a handler: quit" in str(error.value)
    assert "handlers without an action: qiut" in str(error.value)
    handlers = {spec.name: (lambda: None) for spec in ACTIONS}
    assert set(build_actions(parent, handlers)) == set(Act)


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


#: Keys that work in one place only: the key, where, and what Help must say it does.
CONTEXT_KEYS = [
    ("F3", "Find bar", "Next match"),
    ("Shift+F3", "Find bar", "Previous match"),
    ("Return", "Find bar", "Next match"),
    ("Enter", "Find bar", "Next match"),
    ("Shift+Return", "Find bar", "Previous match"),
    ("Esc", "Find bar", "Close the find bar"),
    ("Esc", "Search box", "Clear the search"),
    ("Esc", "Notes filter", "Clear the filter"),
    ("Enter", "Search results", "Open the result"),
    ("Enter", "Notes list", "Go to the annotation"),
    ("F2", "Notes list", "Edit the note"),
    ("Delete", "Notes list", "Delete the selected annotations"),
    ("Ctrl+Return", "Note dialog", "Save the note"),
]


@pytest.mark.parametrize(("keys", "place", "meaning"), CONTEXT_KEYS)
def test_help_lists_the_keys_of_one_place_with_their_meaning(make_window, keys, place, meaning):
    dialog = show_shortcuts(make_window())
    table = dialog.findChild(QTableWidget)
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    listed = [row for row in rows
              if row[0].startswith(place) and _native(keys) in row[2].split(", ")]
    assert [row[1] for row in listed] == [meaning], rows
    assert dialog.isVisible()


def test_context_shortcuts_are_named_uniquely_and_bound_from_the_table():
    names = [c.name for c in CONTEXT_SHORTCUTS]
    assert len(names) == len(set(names))
    assert _native("F2") in [k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in context_keys("notes_edit")]
    with pytest.raises(KeyError):
        context_keys("no_such_place")


def test_the_event_filters_act_on_the_keys_help_lists():
    assert is_context_key(Qt.Key.Key_Return, "notes_go_to")
    assert is_context_key(Qt.Key.Key_Enter, "search_open")
    assert is_context_key(Qt.Key.Key_Backspace, "notes_delete")
    assert is_context_key(Qt.Key.Key_Escape, "find_close")
    assert not is_context_key(Qt.Key.Key_F2, "notes_delete")
