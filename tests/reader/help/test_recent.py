"""File → Recent Documents: the last documents opened, most recent first, kept between runs;
choosing one opens it; Clear Recent; documents gone from the library left out."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from reader.help.recent import CLEAR, EMPTY
from reader.window.actions import Act
from reader.window.main_window import MainWindow
from reader.window.settings import RECENT_LIMIT, Settings


def _recent_menu(window: MainWindow) -> QMenu:
    """The submenu as a person finds it: File → Recent Documents."""
    file_menu = window.menuBar().actions()[0].menu()
    item = next(a for a in file_menu.actions() if a.text() == "Recent &Documents")
    menu = item.menu()
    menu.aboutToShow.emit()
    return menu


def _texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            for a in menu.actions() if not a.isSeparator()]


def test_recent_documents_lists_the_last_opened_most_recent_first(make_window, library):
    window = make_window()
    first = window.library_pane.first_symbol()
    for symbol in ("S/RES/2322 (2016)", "S/RES/2395 (2017)", "S/RES/2322 (2016)"):
        window.open_document(symbol)
    texts = _texts(_recent_menu(window))
    title = library.summary("S/RES/2322 (2016)").title
    assert texts[0].startswith(f"1 S/RES/2322 (2016) — {title[:40]}")
    assert [t.split(" — ")[0] for t in texts[:-1]] == [
        "1 S/RES/2322 (2016)", "2 S/RES/2395 (2017)", f"3 {first}"]
    assert texts[-1] == CLEAR


def test_choosing_a_recent_document_opens_it(make_window):
    window = make_window()
    window.open_document("S/RES/2395 (2017)")
    window.open_document("S/RES/2322 (2016)")
    menu = _recent_menu(window)
    item = next(a for a in menu.actions() if "S/RES/2395 (2017)" in a.text())
    item.trigger()
    assert window.current_symbol == "S/RES/2395 (2017)"


def test_the_list_is_kept_between_runs_and_cleared_on_request(make_window, data_dir):
    window = make_window()
    window.open_document("S/RES/2395 (2017)")
    window.close()
    again = make_window()
    assert Settings(data_dir).recent_documents()[0] == again.current_symbol
    assert "S/RES/2395 (2017)" in Settings(data_dir).recent_documents()
    menu = _recent_menu(again)
    next(a for a in menu.actions() if a.text() == CLEAR).trigger()
    menu = _recent_menu(again)
    assert _texts(menu) == [EMPTY, CLEAR]
    assert not any(a.isEnabled() for a in menu.actions() if not a.isSeparator())


def test_documents_no_longer_in_the_library_and_cards_are_left_out(make_window, data_dir):
    window = make_window()
    window.navigator.show_card("S/RES/1267 (1999)", year_unknown=False)
    settings = Settings(data_dir)
    assert "S/RES/1267 (1999)" not in settings.recent_documents()
    settings.save_recent_documents(["S/RES/9999 (2099)", "S/RES/2322 (2016)"])
    assert [a.data() for a in _recent_menu(window).actions() if a.data()] == [
        "S/RES/2322 (2016)"]


def test_at_most_ten_are_kept(data_dir, qapp):
    settings = Settings(data_dir)
    settings.save_recent_documents([f"S/RES/{n} (2000)" for n in range(15)])
    assert len(settings.recent_documents()) == RECENT_LIMIT == 10


def test_the_menu_items_a_person_sees(make_window):
    window = make_window()
    file_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    help_texts = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    assert "Recent &Documents" in file_texts
    assert help_texts == ["&User Guide", "&Keyboard Shortcuts", "&Welcome", "&About Plenary"]
    assert window.actions_by_name[Act.recent_documents].menu() is not None
