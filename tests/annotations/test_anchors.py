"""Re-anchoring: annotations find their words again after the document changes under them."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from annotations.anchors import fits, reanchor, reanchor_document
from annotations.model import bookmark, highlight

SYMBOL = "S/RES/2396 (2017)"


@pytest.fixture
def doc(library):
    """A private copy of a bundled document, free to be edited by a test."""
    return copy.deepcopy(library.get(SYMBOL))


def _mark(doc, block_id, words, **fields):
    block = doc.block(block_id)
    start = block.text.index(words)
    return highlight(doc, block, start, start + len(words), **fields)


def test_an_unchanged_document_changes_nothing(doc):
    annotations = [_mark(doc, "op12", "Member States"), bookmark(doc, doc.block("op3"))]
    assert all(fits(a, doc) for a in annotations)
    assert reanchor_document(annotations, doc).changed == []


def test_text_inserted_before_the_quote_moves_the_offsets(doc):
    note = _mark(doc, "op12", "Member States", note="check")
    block = doc.block("op12")
    block.text = "Firmly and unequivocally " + block.text
    placed = reanchor(note, doc)
    assert placed.block == "op12" and not placed.detached
    assert block.text[placed.start:placed.end] == "Member States"
    assert placed.note == "check" and placed.id == note.id


def test_renumbered_paragraphs_carry_their_annotations(doc):
    """A paragraph inserted before op12 makes it op13: the highlight follows the words."""
    note = _mark(doc, "op12", doc.block("op12").text[20:70])
    texts = [b.text for b in doc.blocks if b.id.startswith("op") and "." not in b.id]
    operative = [b for b in doc.blocks if b.id.startswith("op") and "." not in b.id]
    for block, text in zip(operative[1:], texts, strict=False):
        block.text = text  # every paragraph's text shifts down one number
    operative[0].text = "Decides to remain seized of the matter."
    placed = reanchor(note, doc)
    assert placed.block == "op13"
    assert doc.block("op13").text[placed.start:placed.end] == note.quote


def test_context_picks_the_right_one_of_repeated_words(doc):
    """"terrorism" occurs many times; the one highlighted is found again by its context."""
    block = doc.block("op12")
    second = block.text.index("terrorist", block.text.index("terrorist") + 1)
    note = highlight(doc, block, second, second + len("terrorist"))
    block.text = "Also " + block.text
    placed = reanchor(note, doc)
    assert placed.start == second + len("Also ")


def test_a_mended_word_is_a_near_match(doc):
    """A parser fix that rejoins a word split at a line end still finds the highlight."""
    block = doc.block("op12")
    words = block.text[10:80]
    note = _mark(doc, "op12", words)
    damaged = words[:30] + "- " + words[30:]
    block.text = block.text.replace(words, damaged)
    placed = reanchor(note, doc)
    assert not placed.detached and placed.block == "op12"
    assert placed.quote == block.text[placed.start:placed.end]
    assert abs(len(placed.quote) - len(words)) <= 3


def test_vanished_text_is_detached_not_dropped(doc):
    note = _mark(doc, "op12", "Member States", note="my note", tags=("cttc",))
    for block in doc.blocks:
        block.text = block.text.replace("Member States", "countries")
    placed = reanchor(note, doc)
    assert placed.detached
    assert (placed.id, placed.note, placed.tags, placed.quote) == (
        note.id, "my note", ("cttc",), "Member States")
    result = reanchor_document([note], doc)
    assert result.detached == [placed] and "1 detached" in result.line()


def test_a_detached_annotation_comes_back_with_its_text(doc):
    note = replace(_mark(doc, "op12", "Member States"), detached=True)
    result = reanchor_document([note], doc)
    assert result.reattached and not result.reattached[0].detached


def test_a_bookmark_follows_its_paragraph(doc):
    mark = bookmark(doc, doc.block("op5"))
    text = doc.block("op5").text
    doc.block("op5").text = doc.block("op6").text
    doc.block("op6").text = text.replace("calls upon", "urges")
    placed = reanchor(mark, doc)
    assert placed.block == "op6" and placed.quote == doc.block("op6").text


def test_a_bookmark_whose_paragraph_is_gone_is_detached(doc):
    mark = bookmark(doc, doc.block("op5"))
    doc.blocks.remove(doc.block("op5"))
    assert reanchor(mark, doc).detached


def test_common_words_do_not_jump_to_another_paragraph(doc):
    """"Decides that" opens many paragraphs: when op13's wording is gone, its highlight is
    detached rather than moved to whichever paragraph starts the same way."""
    note = _mark(doc, "op13", "Decides that")
    doc.block("op13").text = "Entirely new wording."
    assert reanchor(note, doc).detached


def test_a_bookmark_stays_on_its_paragraph_through_a_heavy_revision(doc):
    mark = bookmark(doc, doc.block("op5"))
    words = doc.block("op5").text.split()
    doc.block("op5").text = " ".join(words[: len(words) * 2 // 3]) + " as revised in 2025."
    placed = reanchor(mark, doc)
    assert placed.block == "op5" and not placed.detached
