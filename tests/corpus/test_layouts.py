"""Layouts of real resolutions, each reproduced in a few lines: how the parser reads them.

The General Assembly texts these reproduce (PDF text layers, Markdown with extended footnotes)
are not in the repository; each fixture keeps only the layout that matters.
"""

from __future__ import annotations

from pathlib import Path

from corpus.manifest import SourceEntry
from corpus.model import BlockKind, Document, DocumentKind
from corpus.parsing import parse_source


def parse(text: str, form: str) -> Document:
    entry = SourceEntry("A/RES/80/9", "General Assembly", "2025-11-04", "",
                        DocumentKind.RESOLUTION, Path("fixture.txt"), form)
    return parse_source(entry, text.encode("utf-8"), frozenset())


def test_markdown_extended_footnotes_become_linked_footnotes():
    doc = parse("""The General Assembly,

*Recalling* its resolution 70/1 of 25 September 2015,[^1] and the Agenda,

1. *Decides* to act;[^2]

2. *Requests* a report.

[^1]: See resolution 70/1.
[^2]: A note
    wrapped over two lines.
""", "markdown")
    assert doc.block("pp1").text == ("Recalling its resolution 70/1 of 25 September 2015, and the "
                                     "Agenda,")
    assert [(m.number, m.offset) for m in doc.block("pp1").notes] == [("1", 51)]
    assert doc.block("fn1").text == "See resolution 70/1."
    assert doc.block("fn2").text == "A note wrapped over two lines."
    assert [m.number for m in doc.block("op1").notes] == ["2"]


def test_numbers_alone_on_their_lines():
    """A PDF's text layer: every number and label on a line of its own."""
    doc = parse("""The General Assembly,

Recalling its relevant resolutions,

1.
Decides, without setting a precedent, that:

(a)
The State may submit a statement;

(b)
The State may deliver statements;

2.
Decides to remain seized of the matter.
""", "pdf-text")
    assert [b.id for b in doc.blocks if b.kind in (BlockKind.OPERATIVE,
                                                    BlockKind.SUBPARAGRAPH)] == [
        "op1", "op1.a", "op1.b", "op2"]
    assert doc.block("op1").text == "Decides, without setting a precedent, that:"
    assert doc.block("op1.b").text == "The State may deliver statements;"


def test_a_resolution_that_adopts_a_declaration():
    """"The General Assembly" without a comma, one unnumbered paragraph adopting a text, the
    closing lines, then the declaration as the annex with its own numbered paragraphs."""
    doc = parse("""The General Assembly

Adopts the Doha Political Declaration of the World Social Summit, as contained in the annex
to the present resolution.

28th plenary meeting
4 November 2025

Annex

Doha Political Declaration of the World Social Summit

We, Heads of State and Government, gathered in Doha,

1.
Reaffirm our commitment to social development;

2.
Commit to eradicating poverty in all its forms.
""", "pdf-text")
    assert doc.blocks_of(BlockKind.PREAMBULAR) == []
    assert [b.id for b in doc.blocks_of(BlockKind.OPERATIVE)] == ["op1"]
    assert doc.block("op1").text.startswith("Adopts the Doha Political Declaration")
    assert [b.text for b in doc.blocks_of(BlockKind.CLOSING)] == [
        "28th plenary meeting", "4 November 2025"]
    assert doc.block("annex").text == "Annex"
    assert doc.block("annex.h1").text == "Doha Political Declaration of the World Social Summit"
    assert [b.id for b in doc.blocks_of(BlockKind.ANNEX_PARAGRAPH)] == [
        "annex.p1", "annex.1", "annex.2"]
    assert doc.block("annex.2").text == "Commit to eradicating poverty in all its forms."


def test_a_markdown_annex_with_lettered_items():
    doc = parse("""The Security Council,

1. *Approves* the procedures set forth in annex B;

2. *Decides* to remain seized of the matter.

Annex B

Revised procedures

1. The Committee shall meet.

2. Applications shall contain:

(a) The name of the exporter;

(b) The quantity.
""", "markdown")
    assert [b.id for b in doc.blocks_of(BlockKind.OPERATIVE)] == ["op1", "op2"]
    assert [b.id for b in doc.blocks if b.annex == "B"] == [
        "annexB", "annexB.h1", "annexB.1", "annexB.2", "annexB.2.a", "annexB.2.b"]
    assert doc.block("annexB.2.a").parent == "annexB.2"


def test_a_preambular_paragraph_is_not_merged_into_the_next_by_its_marker():
    doc = parse("""The Security Council,

Recalling the letter of the Secretary-General, 28
Deeply concerned that the situation persists,

1. Decides to remain seized of the matter.

28 Official Records of the Security Council.
""", "pdf-text")
    assert [b.text for b in doc.blocks_of(BlockKind.PREAMBULAR)] == [
        "Recalling the letter of the Secretary-General,",
        "Deeply concerned that the situation persists,"]
    assert [m.number for m in doc.block("pp1").notes] == ["28"]


def test_preambular_paragraphs_by_their_shape():
    """Opening words outside any list, and an OCR'd full stop for the comma."""
    doc = parse("""The Security Council,

Dismayed by the continuation of the conflict,

Gravely concerned.

Outraged at the attacks on civilians,

1. Condemns the attacks;

2. Decides to remain seized of the matter.
""", "pdf-text")
    assert [b.text.split()[0] for b in doc.blocks_of(BlockKind.PREAMBULAR)] == [
        "Dismayed", "Gravely", "Outraged"]


def test_a_year_that_wraps_onto_a_line_of_its_own_is_not_a_paragraph_number():
    """"… by 30 October" / "1976." / "Adopted at …" (S/RES/391 (1976)): a number alone on a
    line is a label only where a paragraph can begin."""
    doc = parse("""The Security Council,

Recalling its resolutions,

1. Requests a report on the implementation of the present resolution by 30 October
1976.

Adopted at the 1927th meeting by 13 votes to none.
""", "pdf-text")
    assert doc.block("op1").text.endswith("by 30 October 1976.")
    assert [b.text for b in doc.blocks_of(BlockKind.CLOSING)] == [
        "Adopted at the 1927th meeting by 13 votes to none."]
