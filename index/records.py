"""What the index stores for a document: one record per paragraph, and a content hash.

The hash covers exactly what goes into the records, so a document is re-indexed when (and only
when) something searchable about it changed: its text after a parser fix, its metadata, a new
version of an imported file.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from corpus.model import PARAGRAPH_KINDS, Document


def paragraph_records(doc: Document) -> list[dict[str, Any]]:
    headings = {b.id: b.text for b in doc.blocks if b.kind == "heading"}
    records = []
    for order, block in enumerate(doc.blocks):
        if block.kind not in PARAGRAPH_KINDS:
            continue
        records.append({
            "key": f"{doc.symbol}#{block.id}",
            "sym": doc.symbol,
            "symbol": doc.symbol,
            "body": doc.body,
            "body_name": doc.body,
            "year": doc.year,
            "date": doc.date,
            "doctype": doc.kind.value,
            "block": block.id,
            "kind": block.kind.value,
            "number": block.number or "",
            "order": order,
            "verb": block.verb or "",
            "verb_name": (block.verb or "").lower(),
            "heading": headings.get(block.heading or "", ""),
            "text": block.text,
            "words": block.text,
        })
    return records


def content_hash(doc: Document) -> str:
    records = paragraph_records(doc)
    return hashlib.sha256(json.dumps(records, sort_keys=True).encode("utf-8")).hexdigest()
