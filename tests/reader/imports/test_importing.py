"""Importing into and removing from the library through the window: File → Import…, dropped
files, the import dialog, duplicates, bad files, and everything that follows the library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

from annotations.model import bookmark
from corpus.library import load_library
from reader.document.links import link_for, parse_link
from reader.document.render import render_document
from reader.imports.import_dialog import ImportDialog
from reader.library.library_pane import LibraryPane
from reader.window.main_window import MainWindow
from support import SOURCES

IMPORTED, CITING, BUNDLED = "S/RES/2178 (2014)", "S/RES/2396 (2017)", "S/RES/2395 (2017)"
TITLE = "Threats to international peace and security caused by terrorist acts"
FILTER_ANY = "Resolutions (*.md)"


@pytest.fixture(scope="module")
def warm_cache(warm_data_template: Path) -> Path:
    """A document cache that holds the bundled library (the session's warm data directory's;
    copied, never changed)."""
    return warm_data_template / "cache"


@pytest.fixture
def library(data_dir, warm_cache):
    """A library of this test's own (imports change it in place), loaded from a warm cache."""
    shutil.copytree(warm_cache, data_dir / "cache")
    return load_library(data_dir)


@pytest.fixture
def window(make_window) -> MainWindow:
    window = make_window(restore=False)
    window.open_document(CITING, "op18")
    return window


@pytest.fixture
def resolution_2178(tmp_path) -> Path:
    """The bundled S/RES/2396 (2017) text renamed in its title block: S/RES/2178 (2014),
    which the bundled documents cite."""
    text = (SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    head, rest = text[:300], text[300:]
    head = (head.replace("Resolution 2396 (2017)", "Resolution 2178 (2014)")
            .replace("8148th", "7272nd").replace("21 December 2017", "24 September 2014"))
    path = tmp_path / "files" / "S_RES_2178_2014.md"
    path.parent.mkdir()
    path.write_text(head + rest, encoding="utf-8")
    return path


class Confirm:
    """Stands in for the reader at the import dialog: looks at it, fills what it is told,
    then presses Import (or Cancel)."""

    def __init__(self, monkeypatch, accept: bool = True, **fields: str) -> None:
        self.seen: list[dict] = []
        self.accept, self.fields, self.choice = accept, fields, None
        monkeypatch.setattr(ImportDialog, "exec", lambda dialog: self.answer(dialog))

    def answer(self, dialog: ImportDialog) -> int:
        self.seen.append(self._look(dialog))
        for name, value in self.fields.items():
            if name == "kind":
                dialog.kind.setCurrentIndex(dialog.kind.findData(value))
            else:
                getattr(dialog, name).setText(value)
        if self.choice == "replace":
            dialog.replace_button.setChecked(True)
        dialog.check_now()
        self.seen.append(self._look(dialog))
        ok = self.accept and dialog.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted if ok else QDialog.DialogCode.Rejected

    @staticmethod
    def _look(dialog: ImportDialog) -> dict:
        return {"file": dialog.file_label.text(), "kind": dialog.kind_label.text(),
                "fields": dialog.fields(), "summary": dialog.summary_label.text(),
                "ok": dialog.ok_button.isEnabled(),
                "duplicate": dialog.duplicate_box.isVisibleTo(dialog),
                "duplicate_text": dialog.duplicate_label.text(),
                "version": dialog.version_button.text()}


def _pane_symbols(pane: LibraryPane) -> list[str]:
    return [item.data(0, Qt.ItemDataRole.UserRole) for item in pane._document_items()]


def _imported_files(data_dir: Path) -> list[str]:
    folder = data_dir / "library"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _answer(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    """Answer every question box with ``answer``; returns the questions asked."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        return answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def test_import_through_the_menu_turns_citations_into_links(window, library, resolution_2178,
                                                            monkeypatch, data_dir):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args: ([str(resolution_2178)], FILTER_ANY))
    reader = Confirm(monkeypatch, title=TITLE)
    citing_view = window.view
    position = citing_view.current_block()
    ref = next(r for r in library.get(CITING).block("op18").refs if r.target == IMPORTED)
    assert not ref.in_library
    action = window.actions_by_name["import_documents"]
    assert action.shortcut() == QKeySequence("Ctrl+O") and action.text() == "&Import…"
    action.trigger()

    first, filled = reader.seen
    assert first["file"] == "S_RES_2178_2014.md"
    assert first["kind"] == "Text file, read as a Markdown export"
    assert first["fields"]["symbol"] == IMPORTED and first["fields"]["date"] == "2014-09-24"
    assert first["fields"]["body"] == "Security Council"
    assert first["fields"]["meeting"] == "7272nd meeting"
    # Everything a library entry needs was read off the text; the title is the reader's to add.
    assert first["summary"] == "36 preambular, 51 operative paragraphs" and first["ok"]
    assert filled["summary"] == "36 preambular, 51 operative paragraphs" and filled["ok"]
    assert not filled["duplicate"]

    assert IMPORTED in _pane_symbols(window.library_pane)
    assert window.current_symbol == IMPORTED and window.tabs.count() == 2
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Imported {IMPORTED}: 36 preambular, 51 operative paragraphs; "
                              "cited in ") and message.endswith(" places")
    assert window.status_area.count_label.text() == "6 documents"

    # The tab that cited it, re-rendered at its place, now links to it.
    window.tabs.setCurrentWidget(citing_view)
    doc = library.get(CITING)
    assert citing_view.document_shown is doc and citing_view.current_block() == position
    ref = next(r for r in doc.block("op18").refs if r.target == IMPORTED)
    assert ref.in_library
    link = link_for(ref, CITING)
    html = render_document(doc)
    assert f'href="{link}"><span class="absent">' not in html.replace("&amp;", "&")
    assert "Cites" in window.side.references.topLevelItem(0).text(0)
    cited = [window.side.references.topLevelItem(0).child(i).text(0)
             for i in range(window.side.references.topLevelItem(0).childCount())]
    assert IMPORTED in cited  # no longer "— not in your library"
    citing_view.linkActivated.emit(parse_link(link))
    assert window.current_symbol == IMPORTED
    assert window.view.document_shown is library.get(IMPORTED)
    kept, manifest = _imported_files(data_dir)
    assert kept.startswith("S_RES_2178_2014") and kept.endswith(".txt")
    assert manifest == "manifest.toml"


def test_a_card_for_the_document_becomes_the_document(window, library, resolution_2178,
                                                      monkeypatch):
    window.navigator.open_target(IMPORTED)
    assert "not in library" in window.tabs.tabText(window.tabs.currentIndex())
    card_tab = window.view
    Confirm(monkeypatch, title=TITLE)
    window.importing.import_files([resolution_2178])
    assert card_tab.document_shown is library.get(IMPORTED)
    assert window.tabs.tabText(window.tabs.indexOf(card_tab)) == IMPORTED


def test_a_malformed_file_is_refused_and_changes_nothing(window, library, tmp_path,
                                                         monkeypatch, data_dir,
                                                         resolution_2178):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    before = [doc.symbol for doc in library]
    reader = Confirm(monkeypatch, title=TITLE)
    window.importing.import_files([empty, resolution_2178])  # the second still goes
    box = window.importing.last_message
    assert box.isVisible() and box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "empty.txt was not imported.\n\nempty.txt: the file is empty"
    assert len(reader.seen) == 2  # the dialog was shown only for the good file
    assert [doc.symbol for doc in library] == [*before, IMPORTED]


def test_nothing_is_written_for_a_bad_file(window, library, tmp_path, monkeypatch, data_dir):
    notes = tmp_path / "notes.txt"
    notes.write_text("The Security Council,\n\nSome thoughts on the draft, no paragraphs.\n")
    before = [doc.symbol for doc in library]
    reader = Confirm(monkeypatch, symbol="S/RES/9999 (2030)", date="2030-01-01", title=TITLE,
                     kind="resolution")
    window.importing.import_files([notes])
    shown = reader.seen[-1]
    assert "no operative paragraph" in shown["summary"] and not shown["ok"]
    assert [doc.symbol for doc in library] == before
    assert _imported_files(data_dir) == []


def test_a_failing_check_is_shown_in_the_dialog_and_import_stays_off(window, resolution_2178,
                                                                      monkeypatch, library):
    reader = Confirm(monkeypatch, title=TITLE, date="24 September")
    window.importing.import_files([resolution_2178])
    filled = reader.seen[-1]
    assert not filled["ok"] and "is not a date like" in filled["summary"]
    assert library.get(IMPORTED) is None


def test_cancel_imports_nothing(window, resolution_2178, monkeypatch, library, data_dir):
    Confirm(monkeypatch, accept=False, title=TITLE)
    window.importing.import_files([resolution_2178])
    assert library.get(IMPORTED) is None and _imported_files(data_dir) == []


def test_a_duplicate_offers_replace_or_both_and_keeps_both(window, library, monkeypatch):
    reader = Confirm(monkeypatch, title=TITLE)
    window.importing.import_files([SOURCES / "S_RES_2395_2017.md"])
    shown = reader.seen[-1]
    assert shown["duplicate"] and shown["ok"]
    assert f"The library already has {BUNDLED}" in shown["duplicate_text"]
    assert shown["version"] == f"&Keep both (this one as {BUNDLED} (version 2))"
    version = f"{BUNDLED} (version 2)"
    assert library.get(BUNDLED) is not None and library.get(version) is not None
    assert window.current_symbol == version
    assert {BUNDLED, version} <= set(_pane_symbols(window.library_pane))


def test_replacing_a_document_keeps_its_annotations_in_place(window, library, monkeypatch):
    store = window.annotator.store
    old = library.get(BUNDLED)
    mark = bookmark(old, old.block("op3"))
    store.add(mark)
    reader = Confirm(monkeypatch, title="Replaced title")
    reader.choice = "replace"
    window.importing.import_files([SOURCES / "S_RES_2395_2017.md"])
    new = library.get(BUNDLED)
    assert new is not old and new.title == "Replaced title"
    assert [a.block for a in store.for_document(BUNDLED)] == ["op3"]
    assert library.get(f"{BUNDLED} (version 2)") is None


def test_files_dropped_on_the_window_are_imported_and_others_ignored(window, library, qtbot,
                                                                     resolution_2178,
                                                                     tmp_path, monkeypatch):
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    Confirm(monkeypatch, title=TITLE)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture)), QUrl.fromLocalFile(str(resolution_2178))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)  # Qt delivers a drop only where a drag entered
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: library.get(IMPORTED) is not None, timeout=3000)
    assert window.current_symbol == IMPORTED
    assert window.statusBar().currentMessage().startswith(f"Imported {IMPORTED}")
    window.importing.drop([picture])
    assert window.statusBar().currentMessage() == (
        "Not imported: photo.png (Plenary imports .txt, .md, .text, .markdown, .pdf, .docx "
        "files)")


def test_removing_an_imported_document(window, library, resolution_2178, monkeypatch,
                                       data_dir):
    Confirm(monkeypatch, title=TITLE)
    window.importing.import_files([resolution_2178])
    doc = library.get(IMPORTED)
    window.annotator.store.add(bookmark(doc, doc.block("op2")))
    tabs = window.tabs.count()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.actions_by_name["remove_document"].trigger()  # the current document
    assert "annotations on it are kept" in asked[0] and "import it again" in asked[0]
    assert library.get(IMPORTED) is None
    assert IMPORTED not in _pane_symbols(window.library_pane)
    assert window.tabs.count() == tabs - 1 and window.current_symbol != IMPORTED
    assert [a.symbol for a in window.annotator.store.all()] == [IMPORTED]
    assert _imported_files(data_dir) == ["manifest.toml"]
    assert window.statusBar().currentMessage() == f"{IMPORTED} was removed from the library"
    # The citing tab has its "not in your library" citation again.
    ref = next(r for r in library.get(CITING).block("op18").refs if r.target == IMPORTED)
    assert not ref.in_library


def test_removing_a_bundled_document_hides_it(window, library, monkeypatch, data_dir):
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.library_pane.removeRequested.emit(CITING)
    assert asked[0].startswith(f"Hide {CITING}?") and "hidden rather than deleted" in asked[0]
    assert library.get(CITING) is None and CITING not in _pane_symbols(window.library_pane)
    assert window.tabs.count() == 0
    assert load_library(data_dir).get(CITING) is None  # and it stays hidden
    assert "hidden" in window.statusBar().currentMessage()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: (CITING, True))
    window.actions_by_name["show_hidden"].trigger()
    assert library.get(CITING) is not None and CITING in _pane_symbols(window.library_pane)
    assert window.current_symbol == CITING


def test_a_removal_not_confirmed_changes_nothing(window, library, monkeypatch, data_dir):
    _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.importing.remove(CITING)
    assert library.get(CITING) is not None and window.tabs.count() == 1
    assert _imported_files(data_dir) == []


def test_the_library_pane_menu_offers_removal(window, monkeypatch):
    pane = window.library_pane
    pane.select(BUNDLED, notify=False)
    menu = pane._menu(pane.tree.visualItemRect(pane.tree.currentItem()).center())
    assert "Remove from Library…" in [a.text() for a in menu.actions()]
    menu.close()


def test_a_write_failure_is_reported_plainly(window, library, resolution_2178, monkeypatch,
                                             data_dir):
    (data_dir / "library").write_text("in the way")  # a file where the folder must go
    Confirm(monkeypatch, title=TITLE)
    window.importing.import_files([resolution_2178])
    text = window.importing.last_message.text()
    assert text.startswith("S_RES_2178_2014.md was not imported.\n\nPlenary's library could "
                           "not be written")
    assert library.get(IMPORTED) is None
