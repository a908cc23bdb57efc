"""What the open document cites, what in the library cites it, and what else the Security
Council decided on its topic; each entry opens its place."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from corpus.citing import format_date, paragraph_label
from corpus.model import Block, Document
from corpus.record import Record, RecordEntry, load_record
from reader.document.render import plain_tooltip

if TYPE_CHECKING:
    from corpus.library import Library

TARGET_ROLE = Qt.ItemDataRole.UserRole
BLOCK_ROLE = Qt.ItemDataRole.UserRole + 1
#: What a topic's series lists: the resolutions. Statements and vetoed drafts are in the
#: record (and in search), but a series of texts to read one after another is of resolutions.
SERIES_KINDS = ("resolution",)


def topic_series(record: Record, symbol: str) -> list[RecordEntry]:
    """The resolutions on the record's topic of ``symbol``, its own entry among them, in date
    order (two of one day by number); empty when the record does not list ``symbol``. The
    References tab lists this and Go → Previous/Next on This Topic walk it, so both agree."""
    entry = record.get(symbol)
    if entry is None:
        return []
    others = [e for e in record.topic_series(symbol) if e.kind in SERIES_KINDS]
    return sorted([*others, entry], key=lambda e: (e.date, e.number or 0, e.symbol))


class ReferencesPanel(QTreeWidget):
    """Signals:
        locationRequested(str, str): open this document at this paragraph (symbol, block id).
        targetRequested(str): open this cited document (or its "not in your library" card).
    """

    locationRequested = Signal(str, str)
    targetRequested = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None, *,
                 record: Record | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._record = record  # None: the bundled catalogue, read when first needed
        self.setHeaderHidden(True)
        self.setAccessibleName("References")
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_document(self, doc: Document | None) -> None:
        self.clear()
        if doc is None:
            return
        self._add_cites(doc)
        self._add_cited_by(doc)
        self._add_series(doc)

    def _holds(self, symbol: str) -> bool:
        """Whether the library has ``symbol``, without reading the document."""
        return symbol in self._library

    def _add_cites(self, doc: Document) -> None:
        cites: dict[str, list[Block]] = defaultdict(list)
        for block in doc.blocks:
            for ref in block.refs:
                key = ref.target or ref.partial
                if key and key != doc.symbol and block not in cites[key]:
                    cites[key].append(block)
        out = self._section(f"Cites ({len(cites)})")
        in_library = sorted(k for k in cites if self._holds(k))
        elsewhere = sorted(k for k in cites if not self._holds(k))
        for key in in_library + elsewhere:
            note = "" if key in in_library else "  — not in your library"
            item = QTreeWidgetItem(out, [f"{key}{note}"])
            item.setData(0, TARGET_ROLE, key)
            item.setToolTip(0, plain_tooltip(f"Open {key}"))
            for block in cites[key]:
                child = QTreeWidgetItem(item, [f"cited in {paragraph_label(block)}"])
                child.setData(0, TARGET_ROLE, doc.symbol)
                child.setData(0, BLOCK_ROLE, block.id)

    def _add_cited_by(self, doc: Document) -> None:
        citing = self._library.cited_by(doc.symbol)
        back = self._section(f"Cited by ({len(citing)})")
        for place in citing:
            source = self._library.get(place.symbol)
            block = source.block(place.block) if source else None
            label = paragraph_label(block) if block else place.block
            item = QTreeWidgetItem(back, [f"{place.symbol}, {label}"])
            item.setData(0, TARGET_ROLE, place.symbol)
            item.setData(0, BLOCK_ROLE, place.block)
            if block:
                item.setToolTip(0, plain_tooltip(block.text[:300]))

    def _add_series(self, doc: Document) -> None:
        """The Council's resolutions on this document's topic, as the record names it, this
        one marked: what came before it and after, held or not (a held one opens the text, any
        other its card)."""
        record = self._record or load_record()
        series = topic_series(record, doc.symbol)
        if not series:
            return
        own = record.get(doc.symbol)
        assert own is not None
        top = self._section(f"On this topic ({len(series)}): {own.topic}")
        top.setToolTip(0, plain_tooltip(f"Security Council resolutions on “{own.topic}”, "
                                        "in date order"))
        for entry in series:
            self._series_item(top, entry, current=entry.symbol == own.symbol)

    def _series_item(self, parent: QTreeWidgetItem, entry: RecordEntry, *,
                     current: bool) -> None:
        date = format_date(entry.date)
        item = QTreeWidgetItem(parent)
        font = item.font(0)
        if current:
            item.setText(0, f"{entry.symbol} · {date} — this document")
            font.setBold(True)
        elif self._holds(entry.symbol):
            item.setText(0, f"{entry.symbol} · {date}")
            item.setData(0, TARGET_ROLE, entry.symbol)
            item.setToolTip(0, plain_tooltip(f"Open {entry.symbol}"))
            font.setUnderline(True)  # a link: it opens the text
        else:
            item.setText(0, f"{entry.symbol} · {date} — not in your library")
            item.setData(0, TARGET_ROLE, entry.symbol)
            item.setToolTip(0, plain_tooltip(f"{entry.symbol}: adopted {date}, not in your "
                                             "library"))
        item.setFont(0, font)

    def _section(self, title: str) -> QTreeWidgetItem:
        top = QTreeWidgetItem(self, [title])
        top.setFlags(Qt.ItemFlag.ItemIsEnabled)
        top.setExpanded(True)
        return top

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target, block = item.data(0, TARGET_ROLE), item.data(0, BLOCK_ROLE)
        if target and block:
            self.locationRequested.emit(target, block)
        elif target:
            self.targetRequested.emit(target)
