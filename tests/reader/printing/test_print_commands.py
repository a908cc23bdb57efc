"""File → Print… and Save as PDF… in the window: what the current tab shows, with or without
the reader's annotations, written by an operation; the preview with its Annotations box."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_pages import page_size, pdf_text, words
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from annotations.model import highlight
from reader.window.main_window import MainWindow

ADOPTED, DRAFT = "S/RES/2396 (2017)", "S/2017/1051"
NOTE = "Ask the mission about PNR."


@pytest.fixture
def window(make_window) -> MainWindow:
    window = make_window(size=(1400, 900), restore=False)
    window.open_document(ADOPTED)
    return window


def _annotate(window: MainWindow, library) -> None:
    doc = library.get(ADOPTED)
    op12 = doc.block("op12")
    window.annotator.change([(None, highlight(doc, op12, 0, 7, note=NOTE))], "Note")


def test_save_as_pdf_writes_the_document_and_says_where(window, library, tmp_path):
    target = tmp_path / "out.pdf"
    task = window.printing.save_pdf(target, annotations=False)

    assert task.is_finished() and target.is_file()
    assert words(library.get(ADOPTED).block("op12").text)[:60] in " ".join(pdf_text(target))
    assert window.statusBar().currentMessage().startswith(f"Saved {target} (")
    assert window.printing.last_written.pages > 5


def test_save_as_pdf_with_annotations_prints_the_note(window, library, tmp_path):
    _annotate(window, library)
    window.printing.save_pdf(tmp_path / "with.pdf", annotations=True)
    window.printing.save_pdf(tmp_path / "without.pdf", annotations=False)
    assert NOTE in " ".join(pdf_text(tmp_path / "with.pdf"))
    assert NOTE not in " ".join(pdf_text(tmp_path / "without.pdf"))


def _answer(text: str) -> None:
    """Click the button ``text`` of the question box when it shows."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        next(b for b in box.buttons() if b.text().replace("&", "") == text).click()

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(("answer", "printed"), [("With Annotations", True),
                                                  ("Without", False)])
def test_the_reader_is_asked_about_annotations_when_there_are_some(
        window, library, tmp_path, answer, printed):
    _annotate(window, library)
    _answer(answer)
    window.printing.save_pdf(tmp_path / "asked.pdf")
    assert (NOTE in " ".join(pdf_text(tmp_path / "asked.pdf"))) is printed


def test_cancelling_the_question_saves_nothing(window, library, tmp_path):
    _annotate(window, library)
    _answer("Cancel")
    assert window.printing.save_pdf(tmp_path / "never.pdf") is None
    assert not (tmp_path / "never.pdf").exists()


def test_the_file_dialog_offers_the_symbol_as_name_and_adds_the_suffix(
        window, tmp_path, monkeypatch):
    offered = []

    def dialog(_parent, _title, start, _filter):
        offered.append(Path(start).name)
        return str(tmp_path / "briefing"), "PDF document (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window.printing.save_pdf()  # no annotations: nothing to ask
    assert offered == ["S-RES-2396 (2017).pdf"]
    assert (tmp_path / "briefing.pdf").is_file()
    assert window.printing.suggested_path(
        window.printing.job_maker()(False)).parent == tmp_path  # the folder saved to last


def test_a_comparison_is_saved_as_the_tab_shows_it(window, tmp_path):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    window.printing.save_pdf(tmp_path / "table.pdf", annotations=False)
    width, height = page_size(tmp_path / "table.pdf")
    pages = pdf_text(tmp_path / "table.pdf")
    assert width > height and DRAFT in pages[0] and ADOPTED in pages[0]
    assert "vs" in window.printing.suggested_path(window.printing.job_maker()(False)).name

    comparison.changes_only.setChecked(True)
    window.printing.save_pdf(tmp_path / "changes.pdf", annotations=False)
    assert len(pdf_text(tmp_path / "changes.pdf")) < len(pages)

    if not hasattr(comparison, "set_mode"):
        pytest.skip("this comparison view has no redline")
    comparison.set_mode("redline")
    window.printing.save_pdf(tmp_path / "redline.pdf", annotations=False)
    width, height = page_size(tmp_path / "redline.pdf")
    assert height > width  # one column: portrait


def test_the_preview_shows_the_pages_and_the_annotations_box(window, library, qtbot):
    _annotate(window, library)
    window.actions_by_name["print_document"].trigger()
    dialog = window.printing.preview
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.findChild(QPrintPreviewWidget).pageCount() > 5)
    assert dialog.annotations.isChecked() and dialog.annotations.isEnabled()
    dialog.annotations.setChecked(False)  # the pages are painted again, without them
    qtbot.waitUntil(lambda: dialog.findChild(QPrintPreviewWidget).pageCount() > 5)
    dialog.reject()
    qtbot.waitUntil(lambda: window.printing.preview is None)


def test_nothing_to_print_is_said(make_window):
    window = make_window(restore=False)
    while window.tabs.count():
        window.tabs.close_current()
    assert window.printing.print_preview() is None
    assert window.printing.save_pdf() is None
    assert window.statusBar().currentMessage() == "Open a document or a comparison to print it"


def test_save_as_pdf_runs_off_the_ui_thread(qtbot, library, data_dir, tmp_path, thread_pool,
                                            monkeypatch):
    """With the app's threaded runner, the pages are laid out and written by a worker (no
    widget involved: Qt says nothing), and the window hears when the file is there."""
    import threading

    from reader.common.tasks import TaskRunner
    from reader.printing import pages
    from reader.window.settings import Settings

    window = MainWindow(library, Settings(data_dir), TaskRunner(pool=thread_pool))
    qtbot.addWidget(window)
    window.open_document(ADOPTED)
    threads = []
    real = pages.write_pdf
    monkeypatch.setattr(pages, "write_pdf", lambda *args, **kwargs: (
        threads.append(threading.current_thread()), real(*args, **kwargs))[1])
    target = tmp_path / "threaded.pdf"
    window.printing.save_pdf(target, annotations=False)
    qtbot.waitUntil(lambda: window.printing.last_written is not None, timeout=10000)
    assert threads and threads[0] is not threading.main_thread()
    assert target.is_file() and ADOPTED in pdf_text(target)[0]
