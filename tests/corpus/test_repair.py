"""Repairs of PDF text, decided against the vocabulary of clean texts."""

from __future__ import annotations

import pytest

from corpus.parsing.repair import LINE_END_HYPHEN, repair_text, tidy_spacing, vocabulary
from corpus.parsing.styled import Styled

VOCAB = vocabulary([
    "capacity building organizations domestic the Al-Qaida front-line counter-narrative "
    "gender-sensitive sub-regional evidence-based into any one cannot coordination "
    "the fighters terrorist includes in to some times",
])

CASES = [
    ("the UN Capacit y Building", "the UN Capacity Building"),
    ("terrorist organizat ions, including", "terrorist organizations, including"),
    ("domest ic law", "domestic law"),
    ("t he UN", "the UN"),
    ("ISIL, Al -Qaida and", "ISIL, Al-Qaida and"),
    ("ISIL, Al- Qaida and", "ISIL, Al-Qaida and"),
    ("to front -line screeners", "to front-line screeners"),
    ("INTERPOL I -24/7 police", "INTERPOL I-24/7 police"),
    ("fighters , including", "fighters, including"),
    ("inter alia , the", "inter alia, the"),
    ("consistent  with", "consistent with"),
    ("( the text )", "(the text)"),
    # two words stay two words
    ("any one of them", "any one of them"),
    ("in to the", "in to the"),
    # a suspended hyphen is not a broken compound
    ("pre- and post-trial", "pre- and post-trial"),
    # line-end hyphens: compounds keep their hyphen, a word broken by the line loses it
    (f"effective counter{LINE_END_HYPHEN}narrative", "effective counter-narrative"),
    (f"are gender {LINE_END_HYPHEN}sensitive", "are gender-sensitive"),
    (f"and sub {LINE_END_HYPHEN}regional bodies", "and sub-regional bodies"),
    (f"improve co{LINE_END_HYPHEN}ordination", "improve coordination"),
    (f"unknown{LINE_END_HYPHEN}compound", "unknown-compound"),
]


@pytest.mark.parametrize(("damaged", "repaired"), CASES)
def test_repair(damaged, repaired):
    assert repair_text(Styled.plain(damaged), VOCAB).text == repaired


def test_repair_keeps_italics_in_place():
    text = Styled.plain("the ") + Styled.emphasised("Capacit y") + Styled.plain(" building ,")
    repaired = repair_text(text, VOCAB)
    assert repaired.text == "the Capacity building,"
    assert [repaired.text[s.start:s.end] for s in repaired.spans()] == ["Capacity"]


def test_repair_does_not_touch_clean_text(library):
    """The clean Markdown texts are the vocabulary: repairing them must change nothing."""
    vocab = vocabulary(b.text for d in library if d.format == "markdown" for b in d.blocks)
    for doc in library:
        if doc.format != "markdown":
            continue
        for block in doc.blocks:
            assert repair_text(Styled.plain(block.text), vocab).text == block.text, block.id


def test_tidy_spacing_only_touches_spaces():
    assert tidy_spacing(Styled.plain("  a ,  b ;\nc .  ")).text == "a, b; c."
