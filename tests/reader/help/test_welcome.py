"""The welcome page: shown once at the first start, again from Help → Welcome, naming the keys
the menus bind (reader/window/actions.py) and the library's size."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from reader.common.tasks import TaskRunner
from reader.help.welcome import TITLE, welcome_lines
from reader.window.actions import ACTIONS, Act
from reader.window.main_window import MainWindow
from reader.window.settings import Settings


def _start(qtbot, library, data_dir) -> MainWindow:
    """A start of the app on ``data_dir``: the window restores the last run, welcome on."""
    window = MainWindow(library, Settings(data_dir), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.restore_state(welcome=True)
    window.show()
    return window


def _titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _key(name: Act) -> str:
    spec = next(s for s in ACTIONS if s.name == name)
    return QKeySequence(spec.keys[0]).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_first_start_shows_the_welcome_tab_and_the_second_does_not(qtbot, library,
                                                                        data_dir):
    first = _start(qtbot, library, data_dir)
    assert _titles(first) == [first.library_pane.first_symbol(), TITLE]
    assert first.tabs.tabText(first.tabs.currentIndex()) == TITLE
    text = first.view.toPlainText()
    assert TITLE in text and "Ctrl+K" in text
    assert first.current_symbol is None  # no document: the welcome page is not saved
    first.close()
    second = _start(qtbot, library, data_dir)
    assert TITLE not in _titles(second)
    assert _titles(second) == [second.library_pane.first_symbol()]


def test_the_welcome_page_is_shown_once_even_if_its_tab_was_closed(qtbot, library, data_dir):
    first = _start(qtbot, library, data_dir)
    while first.tabs.count():
        first.actions_by_name[Act.close_tab].trigger()
    first.close()
    again = _start(qtbot, library, data_dir)
    assert TITLE not in _titles(again)


@pytest.mark.parametrize("name", [Act.search, Act.compare_with, Act.next_change, Act.highlight,
                                  Act.bookmark, Act.go_to_paragraph, Act.print_document])
def test_the_welcome_page_names_the_keys_the_menus_bind(make_window, name):
    window = make_window()
    window.actions_by_name[Act.welcome].trigger()
    text = window.view.toPlainText()
    assert f"({_key(name)})" in text


def test_the_keys_named_are_those_of_the_declared_actions_as_written():
    says = dict(welcome_lines(905, 2640))
    assert "(Ctrl+K)" in says["Search"]
    assert "Compare → Compare With… (Ctrl+Shift+D)" in says["Compare"] and "(F7)" in says[
        "Compare"]
    assert "(Ctrl+H)" in says["Annotate"] and "(Ctrl+D)" in says["Annotate"]
    assert "Notes tab" in says["Annotate"]
    assert "(Ctrl+G)" in says["Go to a paragraph"] and "(Ctrl+P)" in says["Print"]
    assert says["Your library"].startswith("Your library holds 905 documents")
    assert "2,640 resolutions" in says["Your library"]


def test_help_welcome_shows_it_again_with_the_size_of_the_library(make_window, library):
    window = make_window()
    assert window.tabs.count() == 1  # tests start without the welcome page
    window.actions_by_name[Act.welcome].trigger()
    assert window.tabs.tabText(window.tabs.currentIndex()) == TITLE
    assert f"holds {len(library)} documents" in window.view.toPlainText()
    assert "resolutions" in window.view.toPlainText()
    window.actions_by_name[Act.welcome].trigger()  # asked again: the same tab
    assert window.tabs.count() == 2


def test_a_document_chosen_while_the_welcome_page_shows_takes_its_tab(make_window):
    window = make_window()
    window.show_welcome()
    window.library_pane.select("S/RES/2322 (2016)")
    assert window.current_symbol == "S/RES/2322 (2016)"
    assert TITLE not in _titles(window)
    window.show_welcome()
    assert window.tabs.tabText(window.tabs.currentIndex()) == TITLE


def test_the_welcome_page_escapes_what_it_shows(library):
    from reader.help.welcome import welcome_html

    page = welcome_html(library, resolutions=10)
    assert "Compare → Compare With…" in page and "<b>Search.</b>" in page
    assert "Your library holds" in page and "the Security Council&#x27;s record" in page
