"""The outline of the open document: headings and paragraph numbers, click to jump; the
paragraph being read is marked as the reader scrolls."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from corpus.citing import excerpt
from corpus.model import Block, BlockKind, Document
from reader.document.render import plain_tooltip

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
        self._by_block: dict[str, QTreeWidgetItem] = {}

    def show_document(self, doc: Document | None) -> None:
        """The document's shape: preamble and operative part (of each part A, B … in a
        resolution in parts), headings, paragraphs with their sub-paragraphs at every depth,
        then each annex with its own paragraphs, then the footnotes."""
        self.clear()
        self._by_block = {}
        if doc is None:
            return
        parts = doc.blocks_of(BlockKind.PART)
        top: QTreeWidget | QTreeWidgetItem = self
        preamble: QTreeWidgetItem | None = None
        operative: QTreeWidgetItem | None = None
        under: QTreeWidgetItem | None = None  # the heading paragraphs fall under
        items: dict[str, QTreeWidgetItem] = {}
        for block in doc.blocks:
            kind = block.kind
            if kind == BlockKind.PART:
                top = self._group(f"Part {block.text}", block.id)
                preamble = operative = under = None
            elif kind == BlockKind.ANNEX:
                title = next((b.text for b in doc.blocks if b.annex == block.annex
                              and b.kind == BlockKind.HEADING), "")
                top = self._group(f"{block.text} — {excerpt(title, _EXCERPT)}" if title
                                  else block.text, block.id)
                under = None
            elif kind == BlockKind.PREAMBULAR:
                if preamble is None:
                    count = sum(1 for b in doc.blocks_of(BlockKind.PREAMBULAR)
                                if b.part == block.part)
                    preamble = self._group(f"Preamble ({count} paragraphs)", block.id, top)
                self._item(preamble, block)
            elif kind == BlockKind.HEADING and block.annex is not None:
                under = self._item(top, block)
            elif kind in (BlockKind.HEADING, BlockKind.OPERATIVE):
                if operative is None:
                    count = sum(1 for b in doc.blocks_of(BlockKind.OPERATIVE)
                                if b.part == block.part or not parts)
                    operative = self._group(f"Operative part ({count})", block.id, top)
                    operative.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if kind == BlockKind.HEADING:
                    under = self._item(operative, block)
                else:
                    items[block.id] = self._item(under or operative, block)
            elif kind == BlockKind.ANNEX_PARAGRAPH:
                parent = items.get(block.parent or "") or under or top
                items[block.id] = self._item(parent, block)
            elif kind == BlockKind.SUBPARAGRAPH and block.parent in items:
                items[block.id] = self._item(items[block.parent], block)
        footnotes = doc.blocks_of(BlockKind.FOOTNOTE)
        if footnotes:
            group = self._group(f"Footnotes ({len(footnotes)})", footnotes[0].id)
            for block in footnotes:
                self._item(group, block)
        self.expandToDepth(1 if not parts else 2)

    def follow(self, block_id: str | None) -> None:
        """Mark the paragraph being read (the one at the top of the view) and keep it in
        sight, without jumping anywhere: the outline follows the reader, not the reverse."""
        item = self._by_block.get(block_id or "")
        if item is None or item is self.currentItem():
            return
        self.setCurrentItem(item)
        self.scrollToItem(item)

    def _group(self, label: str, block_id: str,
               parent: QTreeWidget | QTreeWidgetItem | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent if parent is not None else self, [label])
        item.setData(0, BLOCK_ROLE, block_id)
        return item

    def _item(self, parent: QTreeWidgetItem, block: Block) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [_label(block)])
        item.setData(0, BLOCK_ROLE, block.id)
        item.setToolTip(0, plain_tooltip(block.text[:300]))
        self._by_block[block.id] = item
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        block = item.data(0, BLOCK_ROLE)
        if block:
            self.blockActivated.emit(block)


def _label(block: Block) -> str:
    """A paragraph as the outline lists it: its number and its opening words, the verb and
    what follows ("Reaffirming its resolutions 1267 (1999) …"), since a preamble of twenty
    paragraphs opening with "Reaffirming" or "Recalling" is told apart by what comes next."""
    if block.kind == BlockKind.HEADING:
        return block.text
    lead = excerpt(block.text, _EXCERPT)
    if block.kind in (BlockKind.OPERATIVE, BlockKind.ANNEX_PARAGRAPH) and block.number:
        return f"{block.number}. {lead}"
    if block.kind in (BlockKind.SUBPARAGRAPH, BlockKind.ANNEX_PARAGRAPH) and block.parent:
        label = "–" if block.number in ("–", None) else f"({block.number})"
        return f"{label} {excerpt(block.text, _EXCERPT)}"
    if block.kind == BlockKind.FOOTNOTE:
        return f"{block.number}  {excerpt(block.text, _EXCERPT)}"
    return lead
