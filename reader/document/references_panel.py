"""What the open document cites, and what in the library cites it; each entry opens its place."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from corpus.citing import paragraph_label
from corpus.model import Block, Document
from reader.document.render import plain_tooltip

if TYPE_CHECKING:
    from corpus.library import Library

TARGET_ROLE = Qt.ItemDataRole.UserRole
BLOCK_ROLE = Qt.ItemDataRole.UserRole + 1


class ReferencesPanel(QTreeWidget):
    """Signals:
        locationRequested(str, str): open this document at this paragraph (symbol, block id).
        targetRequested(str): open this cited document (or its "not in your library" card).
    """

    locationRequested = Signal(str, str)
    targetRequested = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.setHeaderHidden(True)
        self.setAccessibleName("References")
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_document(self, doc: Document | None) -> None:
        self.clear()
        if doc is None:
            return
        cites: dict[str, list[Block]] = defaultdict(list)
        for block in doc.blocks:
            for ref in block.refs:
                key = ref.target or ref.partial
                if key and key != doc.symbol and block not in cites[key]:
                    cites[key].append(block)
        out = QTreeWidgetItem(self, [f"Cites ({len(cites)})"])
        out.setFlags(Qt.ItemFlag.ItemIsEnabled)
        in_library = sorted(k for k in cites if self._library.get(k))
        elsewhere = sorted(k for k in cites if not self._library.get(k))
        for key in in_library + elsewhere:
            note = "" if key in in_library else "  — not in your library"
            item = QTreeWidgetItem(out, [f"{key}{note}"])
            item.setData(0, TARGET_ROLE, key)
            item.setToolTip(0, plain_tooltip(f"Open {key}"))
            for block in cites[key]:
                child = QTreeWidgetItem(item, [f"cited in {paragraph_label(block)}"])
                child.setData(0, TARGET_ROLE, doc.symbol)
                child.setData(0, BLOCK_ROLE, block.id)
        citing = self._library.cited_by(doc.symbol)
        back = QTreeWidgetItem(self, [f"Cited by ({len(citing)})"])
        back.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for place in citing:
            source = self._library.get(place.symbol)
            block = source.block(place.block) if source else None
            label = paragraph_label(block) if block else place.block
            item = QTreeWidgetItem(back, [f"{place.symbol}, {label}"])
            item.setData(0, TARGET_ROLE, place.symbol)
            item.setData(0, BLOCK_ROLE, place.block)
            if block:
                item.setToolTip(0, plain_tooltip(block.text[:300]))
        out.setExpanded(True)
        back.setExpanded(True)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target, block = item.data(0, TARGET_ROLE), item.data(0, BLOCK_ROLE)
        if target and block:
            self.locationRequested.emit(target, block)
        elif target:
            self.targetRequested.emit(target)
