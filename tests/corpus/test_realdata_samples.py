"""General Assembly resolutions as delegates receive them (../shared/realdata/ga-samples/: an
official PDF and raw PDF text layers), imported with no field stated.

These files may not be copied into the repository, so the tests read them where the workplace
keeps them and skip, saying so, on a machine without them (a user's clone). The layouts they
show are reproduced in tests/corpus/test_layouts.py and test_pdf_form.py, which always run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.importing import prepare
from corpus.library import Library
from corpus.model import BlockKind

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "ga-samples"
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(),
                                reason=f"the real GA samples are not here ({SAMPLES})")
_FURNITURE = re.compile(r"\b\d{2}-\d{5}\b|\*\d{6,}\*|Distr\.:|_{5,}|\b\d{1,2}/\d{1,2}$")

#: What each sample is, counted by hand in the official documents.
EXPECTED = {
    # file: (symbol, date, meeting, preambular, operative, footnotes)
    "A_RES_73_7.pdf": ("A/RES/73/7", "2018-10-29", "28th plenary meeting", 13, 28, 9),
    "A_RES_80_1.txt": ("A/RES/80/1", "2025-09-19", "3rd plenary meeting", 5, 3, 1),
    "A_RES_80_2.txt": ("A/RES/80/2", "2025-10-14", "18th plenary meeting", 2, 6, 1),
    "A_RES_80_4.txt": ("A/RES/80/4", "2025-10-29", "22nd plenary meeting", 8, 5, 1),
    "A_RES_80_5.txt": ("A/RES/80/5", "2025-11-04", "28th plenary meeting", 0, 1, 15),
}


@pytest.fixture(scope="module")
def imported():
    return {name: prepare(SAMPLES / name, Library([])) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_imports_with_no_field_stated(imported, name):
    symbol, date, meeting, preambular, operative, footnotes = EXPECTED[name]
    doc = imported[name].document
    assert (doc.symbol, doc.date, doc.meeting) == (symbol, date, meeting)
    assert len(doc.blocks_of(BlockKind.PREAMBULAR)) == preambular
    assert len(doc.blocks_of(BlockKind.OPERATIVE)) == operative
    assert len(doc.blocks_of(BlockKind.FOOTNOTE)) == footnotes
    marks = {mark.number for block in doc.blocks for mark in block.notes}
    assert {b.number for b in doc.blocks_of(BlockKind.FOOTNOTE)} <= marks
    furniture = [b.text for b in doc.blocks
                 if b.kind != BlockKind.TITLE and _FURNITURE.search(b.text)]
    assert furniture == []


def test_no_letter_spaced_text_in_the_official_pdf(imported):
    doc = imported["A_RES_73_7.pdf"].document
    spaced = [b.id for b in doc.blocks if re.search(r"(?:\b\w ){4,}", b.text)]
    assert spaced == []
    # The justified paragraph that pypdf's layout mode spaced out letter by letter.
    assert "Relationship Agreement, which provides a framework for continued cooperation" in (
        " ".join(b.text for b in doc.blocks))


def test_the_declaration_is_the_annex_of_80_5(imported):
    doc = imported["A_RES_80_5.txt"].document
    assert doc.block("op1").text.startswith("Adopts the Doha Political Declaration")
    assert doc.blocks_of(BlockKind.ANNEX)[0].text == "Annex"
    numbered = [b for b in doc.blocks_of(BlockKind.ANNEX_PARAGRAPH) if b.number]
    assert [b.number for b in numbered] == [str(n) for n in range(1, len(numbered) + 1)]
    assert len(numbered) > 30
