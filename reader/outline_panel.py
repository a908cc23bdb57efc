"""The outline of the open document: headings and paragraph numbers, click to jump."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from corpus.citing import excerpt
from corpus.model import Block, BlockKind, Document
from reader.render import plain_tooltip

BLOCK_ROLE = Qt.ItemDataRole.UserRole
_EXCERPT = 60


class OutlinePanel(QTreeWidget):
    """Signals:
        blockActivated(str): the user chose this paragraph (click, Enter).
    """

    blockActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Outline")
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_document(self, doc: Document | None) -> None:
        self.clear()
        if doc is None:
            return
        preamble = doc.blocks_of(BlockKind.PREAMBULAR)
        if preamble:
            group = self._group(f"Preamble ({len(preamble)} paragraphs)", preamble[0].id)
            for block in preamble:
                self._item(group, block)
        operative = QTreeWidgetItem(self, [f"Operative part "
                                           f"({len(doc.blocks_of(BlockKind.OPERATIVE))})"])
        operative.setFlags(Qt.ItemFlag.ItemIsEnabled)
        parent = operative
        items: dict[str, QTreeWidgetItem] = {}
        for block in doc.blocks:
            if block.kind == BlockKind.HEADING:
                parent = self._item(operative, block)
            elif block.kind == BlockKind.OPERATIVE:
                items[block.id] = self._item(parent, block)
            elif block.kind == BlockKind.SUBPARAGRAPH and block.parent in items:
                self._item(items[block.parent], block)
        footnotes = doc.blocks_of(BlockKind.FOOTNOTE)
        if footnotes:
            group = self._group(f"Footnotes ({len(footnotes)})", footnotes[0].id)
            for block in footnotes:
                self._item(group, block)
        self.expandToDepth(1)

    def _group(self, label: str, block_id: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [label])
        item.setData(0, BLOCK_ROLE, block_id)
        return item

    def _item(self, parent: QTreeWidgetItem, block: Block) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [_label(block)])
        item.setData(0, BLOCK_ROLE, block.id)
        item.setToolTip(0, plain_tooltip(block.text[:300]))
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        block = item.data(0, BLOCK_ROLE)
        if block:
            self.blockActivated.emit(block)


def _label(block: Block) -> str:
    if block.kind == BlockKind.HEADING:
        return block.text
    lead = block.verb or excerpt(block.text, _EXCERPT)
    if block.kind == BlockKind.OPERATIVE:
        return f"{block.number}. {lead}"
    if block.kind == BlockKind.SUBPARAGRAPH:
        return f"({block.number}) {excerpt(block.text, _EXCERPT)}"
    if block.kind == BlockKind.FOOTNOTE:
        return f"{block.number}  {excerpt(block.text, _EXCERPT)}"
    return lead
