"""Comparing two documents: the cases the delegations' daily work brings, on real text."""

from __future__ import annotations

import dataclasses

import pytest

from corpus.compare import (
    Status,
    compare_documents,
    compared_blocks,
    original_first,
    row_label,
)
from corpus.library import DocumentSummary
from corpus.model import Block, BlockKind, Document, DocumentKind

DRAFT, ADOPTED = "S/2017/1051", "S/RES/2396 (2017)"


def _pairs(comparison, *statuses):
    return [(r.left, r.right) for r in comparison.rows if r.status in statuses]


def test_the_draft_and_its_resolution_align_one_to_one(library):
    comparison = compare_documents(library.get(DRAFT), library.get(ADOPTED))
    rows = comparison.rows
    for kind, count in ((BlockKind.OPERATIVE, 51), (BlockKind.PREAMBULAR, 36)):
        ids = [b.id for b in library.get(ADOPTED).blocks_of(kind)]
        assert len(ids) == count
        assert {(r.left, r.right) for r in rows if r.right in ids} == {(i, i) for i in ids}
    assert not _pairs(comparison, Status.ADDED, Status.REMOVED, Status.MOVED)


def test_six_operative_paragraphs_differ_five_of_them_only_in_spelling_or_case(library):
    comparison = compare_documents(library.get(DRAFT), library.get(ADOPTED))
    changed = {r.right: r for r in comparison.rows
               if r.status == Status.CHANGED and r.right.startswith("op")}
    assert sorted(changed) == sorted(["op3", "op9", "op10", "op13", "op16", "op44"])
    assert {op for op, row in changed.items() if row.minor} == {"op3", "op9", "op10", "op13",
                                                                 "op16"}
    wording = [(o.left.strip(), o.right.strip()) for o in changed["op44"].ops
               if o.tag != "equal"]
    assert ("", "Committee") in wording and ("principle", "principal") in wording
    assert [(o.left.strip(), o.right.strip(), o.change.value) for o in changed["op3"].ops
            if o.tag != "equal"] == [("travellers", "travelers", "spelling")]
    assert {o.change.value for o in changed["op9"].ops if o.tag != "equal"} == {"case"}


def test_typography_is_not_a_change_and_the_summary_says_so(library):
    comparison = compare_documents(library.get(DRAFT), library.get(ADOPTED))
    row = next(r for r in comparison.rows if r.right == "op48")  # States’ / States'
    assert row.status == Status.SAME
    summary = comparison.summary()
    assert summary["typography_only"] >= 4
    assert any("quotes" in rule for rule in summary["ignored"])
    assert summary["same"] == sum(
        1 for r in comparison.rows if r.status == Status.SAME)


def test_the_four_commas_the_adopted_text_lacks_are_a_minor_punctuation_change(library):
    comparison = compare_documents(library.get(DRAFT), library.get(ADOPTED))
    row = next(r for r in comparison.rows if r.right == "pp1")
    assert row.status == Status.CHANGED and row.minor
    assert [(o.tag, o.left, o.change.value) for o in row.ops if o.tag != "equal"] == [
        ("delete", ",", "punctuation")] * 4


def test_two_resolutions_pair_only_their_shared_language(library):
    comparison = compare_documents(library.get("S/RES/2395 (2017)"), library.get(ADOPTED))
    left, right = library.get("S/RES/2395 (2017)"), library.get(ADOPTED)

    def row_of(left_opening: str) -> tuple[str, Status]:
        """The right paragraph facing (or moved from) the left one opening so."""
        block = next(b for b in left.blocks if b.text.startswith(left_opening))
        row = next(r for r in comparison.rows if r.left == block.id)
        return right.block(row.right or row.partner).text[:60], row.status

    assert row_of("Reaffirming that terrorism in all forms")[0].startswith(
        "Reaffirming that terrorism in all forms and manifestations")
    assert row_of("Reaffirming its commitment to sovereignty") == (
        right.block("pp5").text[:60], Status.MOVED)  # pp9 there, pp5 here
    # Both open with "Reaffirming its resolutions"-like lists, numbered pp1: not a pair.
    assert ("pp1", "pp1") not in {(r.left, r.right) for r in comparison.rows}
    paired = [r for r in comparison.rows if r.left and r.right]
    assert len(paired) < len(compared_blocks(right)) // 5
    assert all(r.similarity >= 0.5 for r in paired)


def test_a_document_compared_with_itself_is_all_same(library):
    doc = library.get("A/RES/72/284")
    comparison = compare_documents(doc, doc)
    assert {r.status for r in comparison.rows} == {Status.SAME}
    assert [r.left for r in comparison.rows] == [b.id for b in compared_blocks(doc)]


# --- edits made to a real resolution --------------------------------------------------------

def _edited(doc: Document, blocks: list[Block]) -> Document:
    return dataclasses.replace(doc, symbol="S/2099/1", blocks=blocks)


def _renumbered(blocks: list[Block]) -> list[Block]:
    """Operative paragraphs numbered afresh, as a new draft would be."""
    out, number = [], 0
    for block in blocks:
        if block.kind == BlockKind.OPERATIVE:
            number += 1
            block = dataclasses.replace(block, id=f"op{number}", number=str(number))
        out.append(block)
    return out


@pytest.fixture
def original(library) -> Document:
    doc = library.get(ADOPTED)
    return dataclasses.replace(doc, blocks=[b for b in doc.blocks
                                            if b.kind != BlockKind.SUBPARAGRAPH])


def _ops(doc):
    return [b for b in doc.blocks if b.kind == BlockKind.OPERATIVE]


def test_an_inserted_paragraph_does_not_shift_the_pairs_after_it(original):
    blocks = list(original.blocks)
    at = blocks.index(original.block("op5"))
    new = Block("opX", BlockKind.OPERATIVE, "Requests the Secretary-General to convene a "
                "high-level meeting on the protection of civilian aviation from drones,")
    edited = _edited(original, _renumbered([*blocks[:at], new, *blocks[at:]]))
    comparison = compare_documents(original, edited)
    assert _pairs(comparison, Status.ADDED) == [(None, "op5")]
    same = {(r.left, r.right) for r in comparison.rows if r.status == Status.SAME}
    assert ("op5", "op6") in same and ("op51", "op52") in same and ("op4", "op4") in same


def test_a_deleted_paragraph_faces_a_gap(original):
    edited = _edited(original, _renumbered([b for b in original.blocks if b.id != "op7"]))
    comparison = compare_documents(original, edited)
    assert _pairs(comparison, Status.REMOVED) == [("op7", None)]
    assert ("op8", "op7") in {(r.left, r.right) for r in comparison.rows}


def test_a_moved_paragraph_is_labelled_with_where_it_went(original):
    moving = original.block("op10")
    rest = [b for b in original.blocks if b is not moving]
    edited = _edited(original, _renumbered([*rest, moving]))
    comparison = compare_documents(original, edited)
    moved = [r for r in comparison.rows if r.status == Status.MOVED]
    assert [(r.left, r.right, r.partner) for r in moved] == [("op10", None, "op51"),
                                                              (None, "op51", "op10")]
    assert row_label(moved[0], "left") == "moved to OP 51"
    assert row_label(moved[1], "right") == "moved from OP 10"
    assert comparison.summary()["moved"] == 1


def test_a_split_paragraph_pairs_both_halves_with_it(original):
    whole = original.block("op12")
    head, tail = whole.text.split(", further calls upon", 1)
    first = dataclasses.replace(whole, text=head + ";")
    second = Block("opY", BlockKind.OPERATIVE, "Further calls upon" + tail)
    blocks = [b for piece in original.blocks
              for b in ([first, second] if piece is whole else [piece])]
    comparison = compare_documents(original, _edited(original, _renumbered(blocks)))
    rows = [r for r in comparison.rows if r.left == "op12"]
    assert sorted(r.right for r in rows) == ["op12", "op13"]
    assert {r.status for r in rows} == {Status.CHANGED}
    piece = next(r for r in rows if r.relation == "split")
    assert row_label(piece, "right") == "split from OP 12"
    assert ("op13", "op14") in _pairs(comparison, Status.SAME)


def test_merged_paragraphs_pair_with_the_paragraph_they_became(original):
    a, b = original.block("op20"), original.block("op21")
    merged = dataclasses.replace(a, text=a.text.rstrip(";,") + ", and " + b.text[0].lower()
                                 + b.text[1:])
    blocks = [merged if x is a else x for x in original.blocks if x is not b]
    comparison = compare_documents(original, _edited(original, _renumbered(blocks)))
    rows = [r for r in comparison.rows if r.right == "op20"]
    assert [(r.left, r.relation) for r in rows] == [("op20", None), ("op21", "merged")]
    assert ("op22", "op21") in _pairs(comparison, Status.SAME)


def test_unrelated_paragraphs_are_never_paired_because_their_numbers_agree(original, library):
    other = library.get("A/RES/72/284")
    comparison = compare_documents(original, other)
    assert all(r.left != r.right for r in comparison.rows if r.left and r.right
               and r.left.startswith("op"))
    assert all(r.similarity >= 0.5 for r in comparison.rows if r.left and r.right)


def test_json_rows_have_the_documented_shape(library):
    data = compare_documents(library.get(DRAFT), library.get(ADOPTED)).to_dict()
    row = next(r for r in data["rows"] if r["right"] == "op3")
    assert set(row) >= {"left", "right", "status", "similarity", "ops"}
    assert row["status"] == "changed" and row["minor"] is True
    assert {"op": "replace", "left": " travellers", "right": " travelers",
            "change": "spelling"} in row["ops"]
    assert {"same", "changed", "added", "removed", "moved", "ignored"} <= set(data["summary"])


# --- Which text is the original ---------------------------------------------------------------

def _summary(symbol: str, date: str, *, body: str = "Security Council",
             meeting: str | None = None, draft_of: str | None = None,
             draft: str | None = None) -> DocumentSummary:
    kind = DocumentKind.DRAFT if draft_of else DocumentKind.RESOLUTION
    return DocumentSummary(symbol=symbol, body=body, date=date, title="", kind=kind,
                           meeting=meeting, draft_of=draft_of, draft=draft)


@pytest.mark.parametrize(("a", "b", "original"), [
    # a draft before the resolution it became, whichever is named first, on the same day
    (_summary("S/2017/1051", "2017-12-21", draft_of="S/RES/2396 (2017)"),
     _summary("S/RES/2396 (2017)", "2017-12-21", draft="S/2017/1051"), "S/2017/1051"),
    (_summary("S/RES/2396 (2017)", "2017-12-21", draft="S/2017/1051"),
     _summary("S/2017/1051", "2017-12-21", draft_of="S/RES/2396 (2017)"), "S/2017/1051"),
    # the relation known from one side only (the resolution does not list its draft)
    (_summary("X/9", "2020-01-02"), _summary("Y/1", "2020-01-01", draft_of="X/9"), "Y/1"),
    # else the older, whatever the symbols look like
    (_summary("S/RES/2396 (2017)", "2017-12-21"), _summary("S/RES/2322 (2016)", "2016-12-12"),
     "S/RES/2322 (2016)"),
    (_summary("A/RES/1 (2001)", "2001-01-01"), _summary("A/RES/9 (1999)", "2002-05-01"),
     "A/RES/1 (2001)"),
    # a year alone compares by year only
    (_summary("B", "2016"), _summary("A", "2015-06-01"), "A"),
    (_summary("B", "2015"), _summary("A", "2015-06-01"), "B"),
    # the same day: the earlier meeting of the same body
    (_summary("S/RES/2396 (2017)", "2017-12-21", meeting="8148th meeting"),
     _summary("S/RES/2395 (2017)", "2017-12-21", meeting="8146th meeting"), "S/RES/2395 (2017)"),
    (_summary("G", "2017-12-21", body="General Assembly", meeting="70th plenary meeting"),
     _summary("S", "2017-12-21", meeting="8146th meeting"), "G"),
])
def test_the_original_is_the_draft_else_the_earlier_text(a, b, original):
    assert original_first(a, b)[0].symbol == original
    assert {d.symbol for d in original_first(a, b)} == {a.symbol, b.symbol}


def test_the_library_s_draft_is_the_original_from_either_side(library):
    draft, adopted = library.get(DRAFT), library.get(ADOPTED)
    assert original_first(adopted, draft) == (draft, adopted)
    assert original_first(library.summary(ADOPTED), library.summary(DRAFT))[0].symbol == DRAFT
