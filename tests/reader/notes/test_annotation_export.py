"""Exporting annotations from the window as a person does it twice: the dialog comes back in the
folder, format and grouping of the last export, and the grouping reaches the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from annotations.model import highlight
from reader.notes.export_dialog import AnnotationExportDialog
from reader.window.main_window import MainWindow
from reader.window.settings import PREFERENCES, Settings

ADOPTED = "S/RES/2396 (2017)"


@pytest.fixture
def window(make_window, library) -> MainWindow:
    window = make_window(restore=False)
    window.open_document(ADOPTED)
    doc = library.get(ADOPTED)
    op12 = doc.block("op12")
    start = op12.text.index("passenger name record (PNR) data")
    store = window.annotator.store
    store.add(highlight(doc, op12, start, start + len("passenger name record (PNR) data"),
                        tags=["PNR", "travel"], note="Ask the capital"))
    store.add(highlight(doc, doc.block("op2"), 0, 27, tags=["borders"]))
    return window


def _answer(monkeypatch, fill) -> list[AnnotationExportDialog]:
    """Make the Export dialog answer with ``fill(dialog)`` instead of waiting for a person;
    the dialogs shown are listed."""
    shown = []

    def exec_(dialog: AnnotationExportDialog) -> int:
        shown.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(AnnotationExportDialog, "exec", exec_)
    return shown


def _documents() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def test_the_dialog_reopens_where_and_as_the_last_export_was_made(window, monkeypatch,
                                                                  tmp_path, data_dir):
    folder = tmp_path / "briefing"
    folder.mkdir()

    def export_by_tag_to_the_folder(dialog: AnnotationExportDialog) -> None:
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
        dialog.by_tag_box.click()
        dialog.path_edit.setText(str(folder / "brief.md"))
        dialog.ok_button.click()

    shown = _answer(monkeypatch, export_by_tag_to_the_folder)
    window.actions_by_name["export_annotations"].trigger()
    first = shown[0]
    assert first.path_edit.text() == str(folder / "brief.md")
    assert f"Exported 2 annotations to {folder / 'brief.md'}" in \
        window.statusBar().currentMessage()
    text = (folder / "brief.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## borders", "## PNR", "## travel"]  # the grouping reached the file
    assert text.count(f"**{ADOPTED}, para. 12**") == 2
    assert "> Decides that Member States shall develop the capability to collect, process and " \
           "analyse, in furtherance of ICAO standards and recommended practices, " \
           "**passenger name record (PNR) data** and to ensure" in text

    shown = _answer(monkeypatch, lambda dialog: dialog.reject())
    window.actions_by_name["export_annotations"].trigger()
    again = shown[0]
    assert again.path().parent == folder  # the same folder, a fresh name in it
    assert again.fmt() == "md" and again.path().suffix == ".md"
    assert again.by_tag_box.isChecked()
    settings = Settings(data_dir)  # and after a restart
    assert settings.get("export/annotations_dir") == str(folder)
    assert settings.get("export/annotations_format") == "md"
    assert settings.get("export/annotations_by_tag") is True


def test_the_first_export_starts_in_documents_and_a_vanished_folder_is_forgotten(
        window, monkeypatch, tmp_path):
    shown = _answer(monkeypatch, lambda dialog: dialog.reject())
    window.actions_by_name["export_annotations"].trigger()
    assert shown[0].path().parent == _documents()
    assert shown[0].fmt() == "docx" and not shown[0].by_tag_box.isChecked()
    window.annotating.context.settings.set("export/annotations_dir", str(tmp_path / "gone"))
    window.actions_by_name["export_annotations"].trigger()
    assert shown[1].path().parent == _documents()


def test_a_failed_export_does_not_move_the_folder(window, monkeypatch, tmp_path):
    folder = tmp_path / "kept"
    folder.mkdir()
    window.annotating.export_to(folder / "first.md", "md")
    assert window.annotating.context.settings.get("export/annotations_dir") == str(folder)
    window.annotating.export_to(tmp_path / "missing" / "x.md", "md")
    assert window.annotating.context.settings.get("export/annotations_dir") == str(folder)


def test_export_to_groups_by_tag_in_word(window, tmp_path):
    import docx

    target = tmp_path / "brief.docx"
    window.annotating.export_to(target, "docx", by_tag=True)
    headings = [p.text for p in docx.Document(str(target)).paragraphs
                if p.style.name == "Heading 2"]
    assert headings == ["borders", "PNR", "travel"]


def test_the_dialog_shows_what_it_is_given(qtbot, tmp_path):
    dialog = AnnotationExportDialog(current_symbol=None, tags=["PNR"], default_dir=tmp_path,
                                    fmt="csv", by_tag=True)
    qtbot.addWidget(dialog)
    assert dialog.fmt() == "csv" and dialog.path().suffix == ".csv"
    assert dialog.path().parent == tmp_path and dialog.by_tag()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("json"))
    assert not dialog.by_tag_box.isEnabled()  # the JSON file lists each annotation once
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("html"))
    assert dialog.by_tag_box.isEnabled()
    odd = AnnotationExportDialog(current_symbol=None, tags=[], default_dir=tmp_path, fmt="pdf")
    qtbot.addWidget(odd)
    assert odd.fmt() == "docx" and not odd.by_tag()


def test_the_remembered_format_is_one_the_export_knows():
    from annotations.export import FORMATS

    [remembered] = [p for p in PREFERENCES if p.name == "export/annotations_format"]
    assert set(remembered.choices) == set(FORMATS)
    assert remembered.default in FORMATS
