"""Go → Go to Paragraph… (Ctrl+G): type "OP 12", "PP 3", "12 (b)", "annex B 6", "footnote 4"
and the view jumps there and flashes the paragraph.

What the text names is decided Qt-free (corpus/paragraph_reference.py); here a small dialog
says, as the reader types, where the text leads, and on Go either jumps (and closes) or says
inline why it cannot (no such paragraph, a text it cannot read), the text selected to type
again. In a document the jump is recorded like a link's, so Back returns; in a comparison it
goes to the left-hand text's paragraph (the right's when the left has none).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from corpus.citing import short_label
from corpus.model import BlockKind
from corpus.paragraph_reference import (
    EXAMPLES,
    parse_paragraph_reference,
    read_reference,
    reference_problem,
)

if TYPE_CHECKING:
    from corpus.model import Document
    from reader.common.context import CommandContext
    from reader.compare.comparison_view import ComparisonView

NO_DOCUMENT = "Open a document or a comparison to go to one of its paragraphs"
#: The feedback line's colour when it says why the text leads nowhere (and the words say so
#: too: colour is never the only sign).
ERROR_COLOUR = "#b3261e"


class GoToDialog(QDialog):
    """The text to go to and, under it, where it leads or why it cannot. ``preview`` names
    the place a text leads to ("" if none); ``go`` jumps there and returns None, or returns
    why it could not."""

    def __init__(self, where: str, preview: Callable[[str], str],
                 go: Callable[[str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to Paragraph")
        self._preview, self._go = preview, go
        label = QLabel(f"&Paragraph of {where}:")
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(EXAMPLES)
        self.edit.setAccessibleName("Paragraph to go to")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(EXAMPLES) + 24)
        label.setBuddy(self.edit)
        self.feedback = QLabel(" ")
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("Where it leads")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.go_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.go_button.setText("&Go")  # the dialog's default button: Enter goes
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(label)
        column.addWidget(self.edit)
        column.addWidget(self.feedback)
        column.addWidget(buttons)
        self.edit.textChanged.connect(self._typed)

    @property
    def error(self) -> str | None:
        """What the dialog says is wrong, if it says so."""
        return self.feedback.text() if self.feedback.property("error") else None

    def accept(self) -> None:
        """Go: jump and close, or say why not and keep the text to correct."""
        problem = self._go(self.edit.text())
        if problem is None:
            super().accept()
            return
        self._say(problem, error=True)
        self.edit.selectAll()
        self.edit.setFocus()

    def _typed(self, text: str) -> None:
        self._say(self._preview(text) or " ", error=False)

    def _say(self, text: str, *, error: bool) -> None:
        self.feedback.setProperty("error", error)
        self.feedback.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.feedback.setText(text)


class GoToParagraph(QObject):
    """Go to Paragraph for one window. ``current_comparison`` is the comparison in the
    current tab; ``jump`` goes to a paragraph of the document in the current tab, recorded
    for Back (the Navigator's)."""

    def __init__(self, context: CommandContext, *,
                 current_comparison: Callable[[], ComparisonView | None],
                 jump: Callable[[str], object]) -> None:
        super().__init__(context.parent)
        self.context = context
        self._comparison = current_comparison
        self._jump = jump
        self.dialog: GoToDialog | None = None

    def open(self) -> GoToDialog | None:
        """Ask where to go (window-modal, not blocking); None when the tab shows no
        document."""
        sides = self._sides()
        if not sides:
            self.context.status(NO_DOCUMENT)
            return None
        where = " and ".join(doc.symbol for _prefix, doc in sides)
        dialog = GoToDialog(where, self.preview, self.go, self.context.parent)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: GoToDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def preview(self, text: str) -> str:
        """"→ OP 12 (b)" while the text names a paragraph; "" otherwise."""
        if not text.strip():
            return ""
        sides = self._sides()
        for _prefix, doc in sides:
            block_id = self._find(text, doc)
            if block_id is not None:
                of = f" of {doc.symbol}" if len(sides) > 1 else ""
                return f"→ {short_label(block_id)}{of}"
        return ""

    def go(self, text: str) -> str | None:
        """Jump to the paragraph ``text`` names and flash it; None, or why it cannot."""
        sides = self._sides()
        if not sides:
            return NO_DOCUMENT
        comparison = self._comparison()
        found = [(prefix, doc, block_id) for prefix, doc in sides
                 if (block_id := self._find(text, doc)) is not None]
        if not found:
            return self._problem(text, sides)
        if comparison is None:
            _prefix, _doc, block_id = found[0]
            self._jump(block_id)
            return None
        for prefix, _doc, block_id in found:
            if comparison.browser.scroll_to_block(prefix + block_id):
                return None
        label = short_label(found[0][2])
        if comparison.changes_only.isChecked():
            return f"{label} is unchanged, and only changes are shown (Changed only)"
        return f"{label} is not shown in this comparison"

    def _problem(self, text: str, sides: list[tuple[str, Document]]) -> str:
        docs = [doc for _prefix, doc in sides]
        reference = read_reference(text, docs[0].symbol)
        if len(docs) > 1 and reference is not None:
            return f"Neither {docs[0].symbol} nor {docs[1].symbol} has {reference.describe()}"
        return reference_problem(text, docs[0]) or f"{docs[0].symbol} has no such paragraph"

    def _find(self, text: str, doc: Document) -> str | None:
        block_id = parse_paragraph_reference(text, doc)
        block = doc.block(block_id) if block_id else None
        return None if block is None or block.kind == BlockKind.TITLE else block_id

    def _sides(self) -> list[tuple[str, Document]]:
        """The documents the current tab shows, with their anchors' prefix."""
        comparison = self._comparison()
        if comparison is not None:
            return [("L-", comparison.comparison.left), ("R-", comparison.comparison.right)]
        view = self.context.current_view()
        doc = view.document_shown if view is not None else None
        return [("", doc)] if doc is not None else []
