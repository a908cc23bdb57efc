"""Documents to plain dicts and back: the JSON of ``main.py corpus --json`` and of the cache."""

from __future__ import annotations

from typing import Any

from corpus.model import Block, BlockKind, Document, DocumentKind, NoteMark, Ref, Span


def ref_to_dict(ref: Ref) -> dict[str, Any]:
    return {
        "target": ref.target, "paragraph": ref.paragraph, "in_library": ref.in_library,
        "start": ref.start, "end": ref.end, "text": ref.text, "partial": ref.partial,
        # Only when set: a ref the record agrees with keeps the dict it always had.
        **({"record_symbol": ref.record_symbol} if ref.record_symbol else {}),
    }


def block_to_dict(block: Block) -> dict[str, Any]:
    return {
        "id": block.id, "kind": block.kind.value, "number": block.number, "text": block.text,
        "verb": block.verb, "parent": block.parent, "heading": block.heading, "line": block.line,
        "part": block.part, "annex": block.annex,
        "emphasis": [[span.start, span.end] for span in block.emphasis],
        "notes": [[mark.number, mark.offset] for mark in block.notes],
        "refs": [ref_to_dict(ref) for ref in block.refs],
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "symbol": doc.symbol, "body": doc.body, "date": doc.date, "meeting": doc.meeting,
        "kind": doc.kind.value, "title": doc.title, "subject": doc.subject,
        "relations": dict(doc.relations), "sponsors": list(doc.sponsors), "source": doc.source,
        "format": doc.format, "blocks": [block_to_dict(block) for block in doc.blocks],
    }


def document_from_dict(data: dict[str, Any]) -> Document:
    """The inverse of document_to_dict; raises KeyError/TypeError/ValueError on damaged data."""
    blocks = [
        Block(
            id=b["id"], kind=BlockKind(b["kind"]), text=b["text"], number=b["number"],
            parent=b["parent"], heading=b["heading"], verb=b["verb"], line=b["line"],
            part=b.get("part"), annex=b.get("annex"),
            emphasis=tuple(Span(int(s), int(e)) for s, e in b["emphasis"]),
            notes=tuple(NoteMark(str(n), int(o)) for n, o in b["notes"]),
            refs=[Ref(**r) for r in b["refs"]],
        )
        for b in data["blocks"]
    ]
    return Document(
        symbol=data["symbol"], body=data["body"], date=data["date"], title=data["title"],
        kind=DocumentKind(data["kind"]), blocks=blocks, meeting=data["meeting"],
        subject=data["subject"], sponsors=list(data["sponsors"]),
        relations=dict(data["relations"]), source=data["source"], format=data["format"],
    )
