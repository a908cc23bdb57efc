"""The note dialog and the annotations export dialog, filled in as a person fills them in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from reader.notes.export_dialog import AnnotationExportDialog, default_name
from reader.notes.note_dialog import PLACEHOLDER, NoteDialog

CITATION = "S/RES/2396 (2017), para. 12"


@pytest.fixture
def dialog(qtbot) -> NoteDialog:
    dialog = NoteDialog(CITATION, "Calls upon Member States " * 40,
                        known_tags=("borders", "Yemen", "sanctions"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_shows_what_is_annotated_as_plain_text(qtbot):
    dialog = NoteDialog(CITATION, "<b>not bold</b>")
    qtbot.addWidget(dialog)
    assert dialog.citation_label.text() == CITATION
    assert dialog.quote_label.text() == "<b>not bold</b>"
    assert dialog.quote_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.windowTitle() == "Add Note"


def test_a_long_quote_is_cut(dialog):
    assert len(dialog.quote_label.text()) <= 402 and dialog.quote_label.text().endswith("…")


def test_returns_what_was_typed(dialog, qtbot):
    assert dialog.editor.hasFocus()
    assert dialog.editor.placeholderText() == PLACEHOLDER
    qtbot.keyClicks(dialog.editor, "Ask the **mission**")
    dialog.tags_edit.setText("#Yemen, borders,, yemen , priority ")
    dialog.colour_box.setCurrentIndex(dialog.colour_box.findData("green"))
    assert dialog.note() == "Ask the **mission**"
    assert dialog.tags() == ("borders", "priority", "Yemen")
    assert dialog.color() == "green"


def test_editing_starts_from_the_annotation(qtbot):
    dialog = NoteDialog(CITATION, "quote", note="old", tags=("a", "b"), color="pink",
                        title="Edit Note")
    qtbot.addWidget(dialog)
    assert (dialog.note(), dialog.tags(), dialog.color()) == ("old", ("a", "b"), "pink")
    assert dialog.windowTitle() == "Edit Note"
    names = [dialog.colour_box.itemData(i) for i in range(dialog.colour_box.count())]
    assert names == ["yellow", "green", "blue", "pink", "orange"]
    assert not dialog.colour_box.itemIcon(0).isNull()


def test_preview_renders_markdown_and_shows_html_as_text(dialog, qtbot):
    dialog.editor.setPlainText("**bold** and <b>raw</b> <script>alert(1)</script>\n\n- one")
    dialog.tabs.setCurrentWidget(dialog.preview)
    text = dialog.preview.toPlainText()
    assert "bold and <b>raw</b> <script>alert(1)</script>" in text
    assert "one" in text
    assert "<b>bold</b>" not in text and "**" not in text
    cursor = dialog.preview.document().find("bold")
    assert cursor.charFormat().fontWeight() > 400  # rendered bold
    assert dialog.preview.loadResource(2, "http://example.org/a.png") is None
    assert not dialog.preview.openLinks() and not dialog.preview.openExternalLinks()


def test_ctrl_return_accepts(dialog, qtbot):
    qtbot.keyClicks(dialog.editor, "note")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_tags_complete_the_last_item(dialog, qtbot):
    completer = dialog.tags_edit.completer()
    qtbot.mouseClick(dialog.tags_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.tags_edit, "priority, ye")
    assert completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert dialog.tags_edit.text() == "priority, Yemen, "
    assert dialog.tags() == ("priority", "Yemen")


# --- export --------------------------------------------------------------------------------

@pytest.fixture
def export(qtbot, tmp_path: Path) -> AnnotationExportDialog:
    dialog = AnnotationExportDialog(current_symbol="S/RES/2396 (2017)",
                                    tags=["borders", "Yemen"], default_dir=tmp_path)
    qtbot.addWidget(dialog)
    return dialog


def test_export_defaults(export, tmp_path):
    assert export.scope() == ("all", None)
    assert export.fmt() == "docx"
    assert export.format_box.currentText() == "Word document"
    assert export.path() == tmp_path / f"Plenary annotations {date.today().isoformat()}.docx"
    assert default_name("md", date(2026, 11, 24)) == "Plenary annotations 2026-11-24.md"
    assert export.ok_button.isEnabled()


def test_export_scope(export, qtbot):
    assert export.document_button.text() == "&This document (S/RES/2396 (2017))"
    export.document_button.click()
    assert export.scope() == ("document", "S/RES/2396 (2017)")
    export.tag_button.click()
    export.tag_box.setCurrentIndex(export.tag_box.findData("Yemen"))
    assert export.scope() == ("tag", "Yemen")


def test_export_without_a_document_or_tags(qtbot, tmp_path):
    dialog = AnnotationExportDialog(current_symbol=None, tags=[], default_dir=tmp_path)
    qtbot.addWidget(dialog)
    assert not dialog.document_button.isEnabled()
    assert not dialog.tag_button.isEnabled() and not dialog.tag_box.isEnabled()
    assert dialog.scope() == ("all", None)


def test_the_suffix_follows_the_format(export, tmp_path):
    export.format_box.setCurrentIndex(export.format_box.findData("csv"))
    assert export.fmt() == "csv" and export.path().suffix == ".csv"
    export.path_edit.setText(str(tmp_path / "brief.v2"))  # not a format's suffix: kept
    export.format_box.setCurrentIndex(export.format_box.findData("md"))
    assert export.path() == tmp_path / "brief.v2.md"
    export.path_edit.setText("notes")  # no folder, no suffix
    assert export.path() == tmp_path / "notes.md"


def test_ok_waits_for_a_file_name(export, qtbot):
    export.path_edit.clear()
    assert not export.ok_button.isEnabled()
    qtbot.keyClicks(export.path_edit, "x")
    assert export.ok_button.isEnabled()


def test_browse_uses_a_filter_for_the_format(export, monkeypatch, tmp_path):
    asked = {}

    def save(parent, caption, start, filters):
        asked.update(start=start, filters=filters)
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    export.format_box.setCurrentIndex(export.format_box.findData("html"))
    export.browse_button.click()
    assert asked["filters"] == "HTML page (*.html)"
    assert asked["start"].endswith(".html")
    assert export.path() == tmp_path / "chosen.html"


def test_export_asks_before_replacing_an_existing_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from reader.notes.export_dialog import AnnotationExportDialog

    dialog = AnnotationExportDialog(current_symbol=None, tags=(), default_dir=tmp_path)
    qtbot.addWidget(dialog)
    dialog.path().write_text("an earlier export")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or
                        QMessageBox.StandardButton.No)
    dialog.accept()
    assert asked and "already exists" in asked[0]
    assert dialog.result() != dialog.DialogCode.Accepted
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
