"""Go to Paragraph's reading of what a reader types: a table of inputs and the block each
leads to, on the seed documents and on a resolution with annexes (S/RES/1454 (2002)) and one
in parts (S/RES/820 (1993)) from the CR-UNSC texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.importing.extract import extract
from corpus.manifest import SourceEntry
from corpus.model import Document, DocumentKind
from corpus.paragraph_reference import (
    parse_paragraph_reference,
    read_reference,
    reference_problem,
)
from corpus.parsing import parse_source

ROOT = Path(__file__).resolve().parents[2]
#: The CR-UNSC texts, wherever they are kept (they have moved from tests/data to the bundle).
CR_UNSC = next((folder for folder in (ROOT / "corpus" / "sources" / "cr-unsc",
                                      ROOT / "tests" / "data" / "cr-unsc") if folder.is_dir()),
               None)


def cr_unsc(name: str, symbol: str) -> Document:
    if CR_UNSC is None or not (CR_UNSC / name).is_file():
        pytest.skip("the CR-UNSC texts are not in this checkout")
    extracted = extract(CR_UNSC / name)
    entry = SourceEntry(symbol, "Security Council", "2002-12-30", "", DocumentKind.RESOLUTION,
                        CR_UNSC / name, extracted.format)
    return parse_source(entry, extracted.data, frozenset())


@pytest.fixture(scope="module")
def annexes() -> Document:
    return cr_unsc("S_RES_1454_2002_EN_GOLD.txt", "S/RES/1454 (2002)")


@pytest.fixture(scope="module")
def parts() -> Document:
    return cr_unsc("S_RES_0820_1993_EN_GOLD.txt", "S/RES/820 (1993)")


@pytest.mark.parametrize(("text", "block"), [
    ("OP 12", "op12"), ("op12", "op12"), ("OP12", "op12"), ("12", "op12"), ("12.", "op12"),
    ("para. 12", "op12"), ("paragraph 12", "op12"), ("§ 12", "op12"), ("  op  12 ", "op12"),
    ("operative paragraph 12", "op12"), ("OP 51", "op51"),
    ("PP 3", "pp3"), ("pp3", "pp3"), ("PP. 3", "pp3"), ("preambular paragraph 3", "pp3"),
    ("the third preambular paragraph", "pp3"),
    # a sub-paragraph this resolution does not split out leads to its paragraph
    ("12(b)", "op12"), ("12 (b) (ii)", "op12"),
    # as Copy with Citation writes it, and as the app names blocks
    ("S/RES/2396 (2017), para. 12", "op12"), ("S/RES/2396 (2017)#op7", "op7"), ("op7", "op7"),
    ("OP 99", None), ("99", None), ("PP 99", None), ("footnote 4", None), ("annex 6", None),
    ("xyz", None), ("", None), ("S/RES/2178 (2014), para. 6", None),
])
def test_references_in_s_res_2396(library, text, block):
    assert parse_paragraph_reference(text, library.get("S/RES/2396 (2017)")) == block


@pytest.mark.parametrize(("text", "block"), [
    ("9 (b)", "op9.b"), ("9(b)", "op9.b"), ("OP 9 (b)", "op9.b"), ("op9.b", "op9.b"),
    ("9b", "op9.b"), ("9 b", "op9.b"), ("13 (h)", "op13.h"), ("13 (z)", "op13"),
    ("9", "op9"),
])
def test_sub_paragraphs_in_s_res_2322(library, text, block):
    assert parse_paragraph_reference(text, library.get("S/RES/2322 (2016)")) == block


@pytest.mark.parametrize(("text", "block"), [
    ("footnote 4", "fn4"), ("fn 4", "fn4"), ("fn4", "fn4"), ("note 11", "fn11"),
    ("Footnote 12", None),
])
def test_footnotes_in_a_res_72_284(library, text, block):
    assert parse_paragraph_reference(text, library.get("A/RES/72/284")) == block


@pytest.mark.parametrize(("text", "block"), [
    ("annex 6", "annexA.6"),  # several annexes, none named: the first that has it
    ("annex B 6", "annexB.6"), ("Annex B, para. 6", "annexB.6"), ("annex b 6", "annexB.6"),
    ("annexB.6", "annexB.6"), ("paragraph 6 of annex B", "annexB.6"), ("6 of annex B", "annexB.6"),
    ("annex B 4 (a)", "annexB.4.a"), ("annex B 4(c)", "annexB.4.c"),
    ("annex A 6 (b)", "annexA.6.b"),
    ("annex B", "annexB"), ("annex", "annexA"), ("annex B 24", "annexB.24"),
    ("annex A 24", None), ("annex C 1", None), ("annex B 99", None),
    ("OP 5", "op5"), ("5", "op5"), ("PP 6", "pp6"), ("OP 6", None),
])
def test_references_in_a_resolution_with_annexes(annexes, text, block):
    assert parse_paragraph_reference(text, annexes) == block


@pytest.mark.parametrize(("text", "block"), [
    ("part B", "partB"), ("part C", "partC"), ("12", "op12"), ("part B 12", "op12"),
    ("part A 12", None), ("22 (b)", "op22.b"), ("part B, para. 22 (c)", "op22.c"),
])
def test_references_in_a_resolution_in_parts(parts, text, block):
    assert parse_paragraph_reference(text, parts) == block


@pytest.mark.parametrize(("text", "problem"), [
    ("OP 99", "S/RES/2396 (2017) has no OP 99"),
    ("12 (b)", None),
    ("PP 40", "S/RES/2396 (2017) has no PP 40"),
    ("footnote 4", "S/RES/2396 (2017) has no footnote 4"),
    ("annex B 6", "S/RES/2396 (2017) has no annex B, paragraph 6"),
    ("hello", "Not a paragraph reference: type OP 12, PP 3, 12 (b), annex B 6 or footnote 4"),
    ("S/RES/2178 (2014), para. 6",
     "That names another document: type a paragraph of S/RES/2396 (2017)"),
    ("  ", "Type a paragraph: OP 12, PP 3, 12 (b), annex B 6 or footnote 4"),
])
def test_why_a_reference_leads_nowhere(library, text, problem):
    assert reference_problem(text, library.get("S/RES/2396 (2017)")) == problem


def test_reading_is_apart_from_any_document():
    reference = read_reference("12 (b) (ii)")
    assert (reference.kind, reference.number, reference.labels) == ("operative", 12, ("b", "ii"))
    assert read_reference("annex II, paragraph 3").annex == "II"
    assert read_reference("the twentieth preambular paragraph").number == 20
    assert read_reference("what") is None
