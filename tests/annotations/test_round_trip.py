"""The promise of the JSON export: everything written comes back, exactly, in another store."""

from __future__ import annotations

from dataclasses import replace

from annotations.export import export_annotations, read_json
from annotations.model import bookmark, highlight
from annotations.store import AnnotationStore


def test_json_export_then_import_into_an_empty_store_is_lossless(library, tmp_path):
    doc = library.get("S/RES/2396 (2017)")
    other = library.get("A/RES/72/284")
    block = doc.block("op12")
    start = block.text.index("Member States")
    originals = [
        highlight(doc, block, start, start + 13, note="**Bold** and a list:\n\n- one\n- two",
                  tags=("PNR", "briefing"), color="green"),
        bookmark(doc, doc.block("op3"), note="Réunion à Genève — “quotes” ✓"),
        bookmark(other, other.block("op1")),
        replace(highlight(other, other.block("op2"), 0, 5), detached=True),
    ]
    with AnnotationStore.open(tmp_path / "mine") as mine:
        mine.save_many(originals)
        exported = export_annotations(mine.all(), list(library), tmp_path / "all.json")
        written = mine.all()
    with AnnotationStore.open(tmp_path / "theirs") as theirs:
        summary = theirs.merge(read_json(exported))
        assert len(summary.added) == len(originals) and not summary.updated
        assert sorted(theirs.all(), key=lambda a: a.id) == sorted(written, key=lambda a: a.id)
        assert {a.id for a in theirs.search("Genève")} == {originals[1].id}
