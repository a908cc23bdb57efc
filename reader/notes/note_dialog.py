"""Add or edit an annotation's note, tags and colour.

The note is Markdown as the reader writes it; the Preview tab shows it as the exports will,
through annotations.notes.render_note, which shows raw HTML as text. The preview never fetches
anything: links do not open and images and style sheets are not loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotations.model import DEFAULT_COLOR, PALETTE, normalise_tags
from corpus.citing import excerpt
from reader.notes.palette import swatch_icon
from reader.window.actions import context_keys

QUOTE_CHARS = 400
PLACEHOLDER = "Markdown: **bold**, *italic*, - lists"
EMPTY_PREVIEW = "<p><i>Nothing to preview yet.</i></p>"


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags from a comma-separated line, as the store keeps them."""
    return normalise_tags(text.split(","))


class NotePreview(QTextBrowser):
    """A rendered note that loads nothing: no link opens, no image or style sheet is fetched
    (an image in a note is rendered as a link anyway)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, type: int, name: QUrl) -> object:
        return None


class TagCompleter(QCompleter):
    """Completes the last item of a comma-separated line, keeping the items before it."""

    def __init__(self, tags: Sequence[str], line: QLineEdit) -> None:
        super().__init__(list(tags), line)  # a model the completer owns
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip().lstrip("#")]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        # from what was typed, not the line: highlighting a choice already changed the line
        typed = self.completionPrefix()
        done = typed.rsplit(",", 1)[0].rstrip() if "," in typed else ""
        tag = str(index.data())
        return f"{done}, {tag}, " if done else f"{tag}, "


class NoteDialog(QDialog):
    """The citation and quote being annotated, a Markdown note with a preview, tags and a
    colour. Ctrl+Return accepts from anywhere in the dialog."""

    def __init__(self, citation: str, quote: str, *, note: str = "",
                 tags: tuple[str, ...] = (), color: str = DEFAULT_COLOR,
                 known_tags: Sequence[str] = (), title: str = "Add Note",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(520, 460)

        self.citation_label = QLabel(citation)
        self.citation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.citation_label.setAccessibleName("Citation")
        font = self.citation_label.font()
        font.setBold(True)
        self.citation_label.setFont(font)
        self.quote_label = QLabel(excerpt(" ".join(quote.split()), QUOTE_CHARS))
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setWordWrap(True)
        self.quote_label.setAccessibleName("Quoted text")
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.editor = QPlainTextEdit(note)
        self.editor.setPlaceholderText(PLACEHOLDER)
        self.editor.setAccessibleName("Note (Markdown)")
        self.editor.setTabChangesFocus(True)
        self.preview = NotePreview()
        self.preview.setAccessibleName("Note preview")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Note")
        self.tabs.addTab(self.editor, "Write")
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.currentChanged.connect(self._on_tab)

        self.tags_edit = QLineEdit(", ".join(tags))
        self.tags_edit.setPlaceholderText("Comma-separated, e.g. sanctions, Yemen")
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.setCompleter(TagCompleter(sorted(set(known_tags), key=str.casefold),
                                                 self.tags_edit))
        self.colour_box = QComboBox()
        self.colour_box.setAccessibleName("Highlight colour")
        for name in PALETTE:
            self.colour_box.addItem(swatch_icon(name), name[:1].upper() + name[1:], name)
        if self.colour_box.findData(color) < 0:  # a colour from an import: keep it
            self.colour_box.addItem(swatch_icon(color), color, color)
        self.colour_box.setCurrentIndex(self.colour_box.findData(color))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in context_keys("note_save"):
            QShortcut(keys, self, self.accept)

        fields = QFormLayout()
        fields.addRow("&Tags:", self.tags_edit)
        fields.addRow("&Colour:", self.colour_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.citation_label)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(fields)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.editor, self.tags_edit)
        self.setTabOrder(self.tags_edit, self.colour_box)
        self.setTabOrder(self.colour_box, self.buttons)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def note(self) -> str:
        return self.editor.toPlainText().strip()

    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_edit.text())

    def color(self) -> str:
        return str(self.colour_box.currentData())

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self.preview:
            from annotations.notes import render_note

            self.preview.setHtml(render_note(self.note()) or EMPTY_PREVIEW)
        else:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
