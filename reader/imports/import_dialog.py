"""Confirm a file's import: what it is, the metadata read off it (each field editable), what it
parses into, and what to do when the library has its symbol already.

The dialog checks nothing itself: whenever a field changes (after a short pause) it asks its
owner through ``fieldsChanged`` to prepare the file with the fields as they now are, and the
owner answers with ``show_check`` (a Prepared, or the CorpusError saying why not). Import stays
disabled while a required field is empty, a check is under way or the last one failed. Every
text that comes from the file is shown as plain text, never as rich text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from corpus.importing import OVERRIDABLE, REPLACE, VERSION
from corpus.importing.detect import REQUIRED
from reader.document.render import plain_tooltip

if TYPE_CHECKING:
    from corpus.importing import Prepared
    from corpus.importing.detect import Metadata

#: Bodies offered in the body field; any other may be typed.
BODIES = ("Security Council", "General Assembly", "Economic and Social Council",
          "Human Rights Council")
KINDS = (("resolution", "Resolution"), ("draft", "Draft resolution"))
#: What a file was, and which raw form its text was read as, in the reader's words.
ORIGINS = {"text": "Text file", "pdf": "PDF file", "docx": "Word document"}
FORMS = {"markdown": "read as a Markdown export", "pdf-text": "read as text from a PDF"}
CHECK_DELAY_MS = 300
ERROR_COLOUR = "#c62828"


def describe_file(origin: str, fmt: str, encoding: str | None = None) -> str:
    """"PDF file, read as text from a PDF": what the reader picked and how it is read."""
    what = ORIGINS.get(origin, origin)
    if encoding and encoding != "utf-8":
        what += f" ({encoding})"
    return f"{what}, {FORMS.get(fmt, fmt)}"


class ImportDialog(QDialog):
    """One file's import, to confirm or correct.

    Signals:
        fieldsChanged(dict): the fields (OVERRIDABLE names → text) after the reader changed
            one; the owner prepares the file with them and calls ``show_check``.
    """

    fieldsChanged = Signal(dict)

    def __init__(self, path: Path, description: str, metadata: Metadata, *,
                 version_name: Callable[[str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        """``version_name`` says what symbol a second version of a symbol would get."""
        super().__init__(parent)
        self._version_name = version_name
        self.setWindowTitle("Import Document")
        self.setAccessibleName("Import Document")
        self.setMinimumWidth(560)
        self._pending = False
        self._prepared: Prepared | None = None
        self._error: str | None = None

        name = QLabel(Path(path).name)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setAccessibleName("File")
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        name.setToolTip(plain_tooltip(str(path)))
        self.file_label = name
        self.kind_label = self._plain(description, "What the file is")

        self.symbol = self._line("Symbol", "e.g. S/RES/2178 (2014) or A/RES/72/284")
        self.body = QComboBox()
        self.body.setEditable(True)
        self.body.addItems(BODIES)
        self.body.setAccessibleName("Body")
        self.date = self._line("Date", "YYYY-MM-DD, e.g. 2014-09-24; the year alone if no day")
        self.meeting = self._line("Meeting", "e.g. 7272nd meeting (optional)")
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(label, value)
        self.kind.setAccessibleName("Kind")
        self.kind.setPlaceholderText("Not detected: choose one")
        self.title = self._line("Title", "The agenda item, e.g. Threats to international "
                                "peace and security")
        self.subject = self._line("Subject", "What it is about (optional)")
        self.draft_of = self._line("Draft of", "The resolution it became (optional)")
        self.sponsors_label = self._plain("", "Sponsors")
        self._sponsors = list(getattr(metadata, "sponsors", None) or [])

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("File:", self.file_label)
        form.addRow("", self.kind_label)
        form.addRow("&Symbol:", self.symbol)
        form.addRow("&Body:", self.body)
        form.addRow("&Date:", self.date)
        form.addRow("&Meeting:", self.meeting)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Title:", self.title)
        form.addRow("S&ubject:", self.subject)
        form.addRow("Dr&aft of:", self.draft_of)
        form.addRow("Sponsors:", self.sponsors_label)
        self._form = form

        self.summary_label = self._plain("", "Paragraphs")
        self.summary_label.setWordWrap(True)
        self.summary_title = QLabel("Paragraphs:")
        form.addRow(self.summary_title, self.summary_label)

        self.duplicate_box = QGroupBox("Already in the library")
        self.duplicate_label = self._plain("", "Already in the library")
        self.duplicate_label.setWordWrap(True)
        self.replace_button = QRadioButton("&Replace it (your annotations on it are kept and "
                                           "placed in the new text)")
        self.version_button = QRadioButton("&Keep both (this one as a separate version)")
        self.version_button.setChecked(True)  # nothing is lost unless the reader says so
        self._choice = QButtonGroup(self)
        self._choice.addButton(self.replace_button)
        self._choice.addButton(self.version_button)
        column = QVBoxLayout(self.duplicate_box)
        column.addWidget(self.duplicate_label)
        column.addWidget(self.replace_button)
        column.addWidget(self.version_button)
        self.duplicate_box.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.duplicate_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self.set_fields(metadata)
        for line in (self.symbol, self.date, self.meeting, self.title, self.subject,
                     self.draft_of):
            line.textChanged.connect(self._edited)
        self.body.currentTextChanged.connect(self._edited)
        self.kind.currentIndexChanged.connect(self._edited)
        self._update()

    # --- fields -------------------------------------------------------------------------------

    def set_fields(self, metadata: Metadata) -> None:
        """Fill the fields with what was read off the file (empty where nothing was)."""
        for name in ("symbol", "date", "meeting", "title", "subject", "draft_of"):
            getattr(self, name).setText(str(getattr(metadata, name, None) or ""))
        self.body.setCurrentText(metadata.body or "")
        kind = getattr(metadata.kind, "value", metadata.kind)
        self.kind.setCurrentIndex(self.kind.findData(kind) if kind else -1)  # the reader says

    def fields(self) -> dict[str, str]:
        """The fields as the reader left them: the overrides for ``prepare``."""
        values = {name: " ".join(getattr(self, name).text().split())
                  for name in ("symbol", "date", "meeting", "title", "subject", "draft_of")}
        values["body"] = " ".join(self.body.currentText().split())
        values["kind"] = self.kind.currentData() or ""
        if values["kind"] != "draft":
            values["draft_of"] = ""
        return {name: values[name] for name in OVERRIDABLE}

    def missing(self) -> list[str]:
        """Required fields left empty."""
        values = self.fields()
        return [name for name in REQUIRED if not values[name]]

    def duplicate(self) -> str | None:
        """REPLACE or VERSION when the library has the symbol; None when it has not."""
        if self._prepared is None or self._prepared.existing is None:
            return None
        return REPLACE if self.replace_button.isChecked() else VERSION

    # --- checking -----------------------------------------------------------------------------

    def check_now(self) -> None:
        """Ask for the fields to be checked at once (the pause after typing is skipped)."""
        self._timer.stop()
        if self.missing():
            self._pending = False
            self._update()
            return
        self._pending = True
        self._update()
        self.fieldsChanged.emit(self.fields())

    def show_check(self, outcome: Prepared | str, fields: dict[str, str] | None = None
                   ) -> None:
        """What preparing the file gave: a Prepared, or the message saying why it fails.
        An answer for fields that have changed since is ignored (a newer check is coming)."""
        if fields is not None and fields != self.fields():
            return
        self._pending = False
        if isinstance(outcome, str):
            self._prepared, self._error = None, outcome
        else:
            self._prepared, self._error = outcome, None
        self._update()

    @property
    def prepared(self) -> Prepared | None:
        return self._prepared

    def _edited(self, *_args: object) -> None:
        self._prepared = None
        self._pending = not self.missing()
        self._update()
        if self._pending:
            self._timer.start()

    def _update(self) -> None:
        """Show the state of the fields and of the last check; Import only when both are good."""
        missing = self.missing()
        draft = self.kind.currentData() == "draft"
        self.draft_of.setEnabled(draft)
        self._form.setRowVisible(self.sponsors_label, draft)
        count = len(self._sponsors)
        self.sponsors_label.setText(f"{count} listed on the draft" if count
                                    else "none found in the text")
        prepared = self._prepared
        if missing:
            self._say("Missing:", f"the {_names(missing)}; fill "
                      f"{'it' if len(missing) == 1 else 'them'} in to import this file",
                      error=True)
        elif self._pending:
            self._say("Paragraphs:", "Checking…", error=False)
        elif self._error:
            self._say("Problem:", self._error, error=True)
        elif prepared is not None:
            self._say("Paragraphs:", prepared.summary(), error=False)
        existing = None if missing or self._pending or prepared is None else prepared.existing
        self.duplicate_box.setVisible(existing is not None)
        if existing is not None:
            when = f", {existing.date}" if existing.date else ""
            about = f" ({existing.subject or existing.title}{when})"
            self.duplicate_label.setText(f"The library already has {existing.symbol}{about}. "
                                         "Import this file in its place, or beside it?")
            if self._version_name is not None:
                self.version_button.setText("&Keep both (this one as "
                                            f"{self._version_name(existing.symbol)})")
        self.ok_button.setEnabled(not missing and not self._pending and prepared is not None)
        for name in REQUIRED:
            widget = getattr(self, name)
            widget.setToolTip("Required" if name in missing else "")

    def _say(self, title: str, text: str, *, error: bool) -> None:
        self.summary_title.setText(title)
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")

    # --- construction -------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _plain(self, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


def _names(fields: list[str]) -> str:
    words = [name.replace("_", " ") for name in fields]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
