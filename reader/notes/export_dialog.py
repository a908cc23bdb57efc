"""Export annotations: which ones (all, the current document's, one tag's), in which format,
grouped by document or by tag, to which file. The dialog only asks; annotations.export writes
the file, and the caller remembers the folder, format and grouping for the next time.

The formats come from annotations.export, imported when the dialog opens (it brings in
python-docx, which start-up does not need).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.document.render import plain_tooltip


def default_name(fmt: str, today: date | None = None) -> str:
    """"Plenary annotations 2026-11-24.docx"."""
    return f"Plenary annotations {(today or date.today()).isoformat()}.{fmt}"


def with_format(path: str, fmt: str, formats: Sequence[str]) -> str:
    """``path`` with the suffix of ``fmt``: a known format's suffix replaced, else added."""
    if not path.strip():
        return path
    current = Path(path)
    if current.suffix.lower().lstrip(".") in formats:
        return str(current.with_suffix(f".{fmt}"))
    return f"{path}.{fmt}"


class AnnotationExportDialog(QDialog):
    """Scope, format, grouping and file of an annotations export; OK waits for a file name.
    ``default_dir``, ``fmt`` and ``by_tag`` are where and how the last export was made."""

    def __init__(self, *, current_symbol: str | None, tags: Sequence[str], default_dir: Path,
                 fmt: str = "docx", by_tag: bool = False,
                 parent: QWidget | None = None) -> None:
        from annotations.export import FORMATS

        super().__init__(parent)
        self._formats = FORMATS
        self._symbol = current_symbol
        self._default_dir = Path(default_dir)
        self.setWindowTitle("Export Annotations")
        self.setAccessibleName("Export Annotations")

        self.all_button = QRadioButton("&All annotations")
        self.document_button = QRadioButton(
            f"&This document ({current_symbol})" if current_symbol else "&This document")
        self.document_button.setEnabled(current_symbol is not None)
        self.tag_button = QRadioButton("T&ag:")
        self.tag_box = QComboBox()
        self.tag_box.setAccessibleName("Tag to export")
        for tag in sorted(set(tags), key=str.casefold):
            self.tag_box.addItem(f"#{tag}", tag)
        self.tag_button.setEnabled(bool(tags))
        self.tag_box.setEnabled(bool(tags))
        self.tag_box.activated.connect(lambda _: self.tag_button.setChecked(True))
        self.scope_group = QButtonGroup(self)
        for button in (self.all_button, self.document_button, self.tag_button):
            button.setAccessibleName(button.text().replace("&", ""))
            self.scope_group.addButton(button)
        self.all_button.setChecked(True)

        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for key, label in FORMATS.items():
            self.format_box.addItem(label, key)
        index = self.format_box.findData(fmt)
        self.format_box.setCurrentIndex(max(0, index if index >= 0
                                            else self.format_box.findData("docx")))
        self.by_tag_box = QCheckBox("&Group by tag (instead of by document)")
        self.by_tag_box.setAccessibleName("Group by tag")
        self.by_tag_box.setToolTip("Each tag's annotations under its heading, an annotation "
                                   "with two tags under both, the untagged last. The JSON "
                                   "file always lists each annotation once.")
        self.by_tag_box.setChecked(by_tag)
        self.path_edit = QLineEdit(str(self._default_dir / default_name(self.fmt())))
        self.path_edit.setAccessibleName("File to export to")
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAccessibleName("Choose the file to export to")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self._confirmed: Path | None = None
        self.buttons.rejected.connect(self.reject)
        self.format_box.currentIndexChanged.connect(self._on_format)
        self.path_edit.textChanged.connect(self._update_ok)

        scope = QGroupBox("Export")
        scope_layout = QVBoxLayout(scope)
        scope_layout.addWidget(self.all_button)
        scope_layout.addWidget(self.document_button)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag_button)
        tag_row.addWidget(self.tag_box, 1)
        scope_layout.addLayout(tag_row)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        fields = QFormLayout()
        fields.addRow("&Format:", self.format_box)
        fields.addRow("", self.by_tag_box)
        file_label = QLabel("F&ile:")
        file_label.setBuddy(self.path_edit)  # a row of a layout gets no buddy of its own
        fields.addRow(file_label, file_row)
        layout = QVBoxLayout(self)
        layout.addWidget(scope)
        layout.addLayout(fields)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self._update_ok()
        self.by_tag_box.setEnabled(self.fmt() != "json")

    def scope(self) -> tuple[str, str | None]:
        """("all", None), ("document", symbol) or ("tag", tag)."""
        if self.document_button.isChecked() and self._symbol is not None:
            return "document", self._symbol
        if self.tag_button.isChecked() and self.tag_box.currentData() is not None:
            return "tag", str(self.tag_box.currentData())
        return "all", None

    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def by_tag(self) -> bool:
        """Whether the annotations are grouped under their tags rather than documents."""
        return self.by_tag_box.isChecked()

    def path(self) -> Path:
        """The file as typed, in the default folder when no folder is given, with the
        format's suffix when it has none."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.is_absolute():
            path = self._default_dir / path
        return path if path.suffix else path.with_name(f"{path.name}.{self.fmt()}")

    def _on_format(self, _index: int) -> None:
        self.path_edit.setText(with_format(self.path_edit.text(), self.fmt(), self._formats))
        self.by_tag_box.setEnabled(self.fmt() != "json")  # the JSON file is not grouped

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.path_edit.text().strip()))

    def _file_filter(self) -> str:
        return f"{self._formats[self.fmt()]} (*.{self.fmt()})"

    def _browse(self) -> None:
        start = str(self.path()) if self.path_edit.text().strip() else str(self._default_dir)
        chosen, _ = QFileDialog.getSaveFileName(self, "Export Annotations", start,
                                                self._file_filter())
        if chosen:
            self.path_edit.setText(chosen if Path(chosen).suffix
                                   else f"{chosen}.{self.fmt()}")
            self._confirmed = self.path()  # the file dialog has asked about replacing it

    def accept(self) -> None:
        """Export, after asking before replacing a file (an earlier export of the same day
        has the same default name) unless the file dialog already asked."""
        path = self.path()
        if path.exists() and path != self._confirmed:
            answer = QMessageBox.question(
                self, "Replace the File?",
                plain_tooltip(f"{path.name} already exists in {path.parent}. "
                              "Replace it with this export?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().accept()
