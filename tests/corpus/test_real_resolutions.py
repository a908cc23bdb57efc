"""The parser on real Security Council resolutions: the 902 CC0 texts of CR-UNSC, bundled in
corpus/sources/cr-unsc/.

Two kinds of test: a table of 52 resolutions whose structure was counted by hand
(tests/data/cr-unsc-counted.toml: every layout the texts show, counted twice), and a sweep over
all 902 asserting what must hold of any resolution however it was printed: it imports, its
operative paragraphs run 1..N, no paragraph holds page furniture, every footnote has its marker.

The texts are read as a user's files are (corpus.importing.extract decides the raw form), so a
text file of a scan's OCR is what is tested, not a cleaned copy.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from corpus.errors import CorpusError
from corpus.importing import prepare
from corpus.importing.extract import extract
from corpus.library import Library
from corpus.manifest import SourceEntry
from corpus.model import BlockKind, Document, DocumentKind
from corpus.parsing import parse_source

DATA = Path(__file__).resolve().parent.parent / "data"
TEXTS = Path(__file__).resolve().parents[2] / "corpus" / "sources" / "cr-unsc"
TABLE = tomllib.loads((DATA / "cr-unsc-counted.toml").read_text(encoding="utf-8"))["resolution"]

#: Where the parser reads a text differently from the hand count, and why.
KNOWN_DIFFERENCES = {
    "S_RES_0021_1947_EN_GOLD.txt": "the trusteeship agreement it approves stands inline, in "
                                   "articles numbered afresh: read as preambular paragraphs",
    "S_RES_0283_1970_EN_GOLD.txt": "two preambular paragraphs the OCR ran together on one line "
                                   "stay one",
    "S_RES_0883_1993_EN_GOLD.txt": "OP3 goes on after its sub-paragraph (b) ('shall freeze …') "
                                   "and (i)-(iii) hang on OP3: read as nested under (b)",
    "S_RES_1454_2002_EN_GOLD.txt": "annex A's lists of components ('Impellers', 'Casings') and "
                                   "its per-section numbering: about 130 annex paragraphs, not 116",
}
#: Texts that lack what a resolution has, as published in CR-UNSC (not parser failures).
SOURCE_DEFECTS = {
    "S_RES_0346_1974_EN_GOLD.txt": "the OCR lost the number of OP5 and shuffled its lines",
}
_FURNITURE = re.compile(r"\b\d{2}-\d{5}\s*\(E\)|^\*\d{6,}\*$|\bDistr\.: General\b|^_{5,}$")


def parse_text(path: Path) -> Document:
    extracted = extract(path)
    entry = SourceEntry("S/RES/0 (2000)", "Security Council", "2000-01-01", "",
                        DocumentKind.RESOLUTION, path, extracted.format)
    return parse_source(entry, extracted.data, frozenset())


@pytest.fixture(scope="session")
def parsed() -> dict[str, Document | CorpusError]:
    """Every CC0 text imported once for the session as a user imports it, no field stated
    (prepare: read, metadata, parse, check; a few seconds)."""
    results: dict[str, Document | CorpusError] = {}
    for path in sorted(TEXTS.glob("*.txt")):
        try:
            results[path.name] = prepare(path, Library([])).document
        except CorpusError as exc:
            results[path.name] = exc
    return results


def counts(doc: Document) -> dict[str, int]:
    by_id = {block.id: block for block in doc.blocks}
    operative = doc.blocks_of(BlockKind.OPERATIVE)
    subs = doc.blocks_of(BlockKind.SUBPARAGRAPH)
    return {
        "preambular": len(doc.blocks_of(BlockKind.PREAMBULAR)),
        "operative": sum(1 for b in operative if b.number),
        "unnumbered_operative": sum(1 for b in operative if not b.number),
        "subparagraphs": len(subs),
        "nested": sum(1 for b in subs if by_id[b.parent].kind == BlockKind.SUBPARAGRAPH),
        "headings": sum(1 for b in doc.blocks_of(BlockKind.HEADING) if b.annex is None),
        "parts": len(doc.blocks_of(BlockKind.PART)),
        "annexes": len(doc.blocks_of(BlockKind.ANNEX)),
        "annex_paragraphs": len(doc.blocks_of(BlockKind.ANNEX_PARAGRAPH)),
        "footnotes": len(doc.blocks_of(BlockKind.FOOTNOTE)),
    }


def test_the_table_covers_every_layout():
    layouts = {tag for row in TABLE for tag in row["layout"]}
    assert len(TABLE) >= 40
    for wanted in ("yearbook", "yearbook-resolution-of", "masthead", "modern-2002"):
        assert wanted in layouts
    assert any(row["parts"] for row in TABLE) and any(row["annexes"] for row in TABLE)
    assert any(row["nested"] for row in TABLE) and any(row["footnotes"] for row in TABLE)


def rows_except(known: dict[str, str]) -> list:
    """The table's rows as test parameters, each of ``known`` an expected failure (strict: if
    the parser comes to agree, the entry must go) with its reason."""
    return [pytest.param(row, id=row["file"][:15], marks=pytest.mark.xfail(
                reason=known[row["file"]], strict=True)) if row["file"] in known
            else pytest.param(row, id=row["file"][:15]) for row in TABLE]


@pytest.mark.parametrize("row", rows_except(KNOWN_DIFFERENCES))
def test_structure_as_counted_by_hand(parsed, row):
    doc = parsed[row["file"]]
    assert isinstance(doc, Document), doc
    expected = {key: row[key] for key in counts(doc)}
    assert counts(doc) == expected


@pytest.mark.parametrize(("file", "closing"), [
    (row["file"], row["closing"]) for row in TABLE if row["closing"]
    and row["file"] not in KNOWN_DIFFERENCES])
def test_closing_lines(parsed, file, closing):
    doc = parsed[file]
    # The parser tidies spacing the OCR left ("( Yugoslavia)").
    assert " ".join(b.text for b in doc.blocks_of(BlockKind.CLOSING)) == re.sub(
        r"\(\s+", "(", closing)


#: Where the masthead as read differs from the hand count, and why.
METADATA_DIFFERENCES = {
    "S_RES_0345_1974_EN_GOLD.txt": "the meeting is OCR'd '176I1st' (1761st): a digit too many "
                                   "to read it as meant; no meeting rather than a wrong one",
}


@pytest.mark.parametrize("row", rows_except(METADATA_DIFFERENCES))
def test_metadata_read_off_the_masthead(parsed, row):
    doc = parsed[row["file"]]
    assert doc.symbol == row["symbol"]
    assert doc.date == (row["date"] or doc.symbol[-5:-1])  # no day stated: the symbol's year
    assert doc.meeting == (row["meeting"] or None)


def test_a_text_that_stops_after_its_preamble_is_kept_and_says_so():
    prepared = prepare(TEXTS / "S_RES_0565_1985_EN_GOLD.txt", Library([]))
    assert prepared.document.symbol == "S/RES/565 (1985)"
    assert len(prepared.document.blocks_of(BlockKind.PREAMBULAR)) == 3
    assert "no operative paragraph: the text may stop short" in prepared.summary()


def test_every_text_imports_with_no_field_stated(parsed):
    failed = {name: str(result) for name, result in parsed.items()
              if isinstance(result, CorpusError) and name not in SOURCE_DEFECTS}
    assert failed == {}
    assert len(parsed) == 902


def test_operative_paragraphs_run_one_to_n_with_unique_ids(parsed):
    wrong = {}
    for name, doc in parsed.items():
        if not isinstance(doc, Document) or name in SOURCE_DEFECTS:
            continue
        numbers = [int(b.number) for b in doc.blocks_of(BlockKind.OPERATIVE) if b.number]
        restarts = {i for i, b in enumerate(b for b in doc.blocks_of(BlockKind.OPERATIVE)
                                             if b.number) if b.id.split(".")[0] != "op1"
                    and b.number == "1" and b.part}
        runs_on = all(b == a + 1 or (i + 1 in restarts and b == 1)
                      for i, (a, b) in enumerate(zip(numbers, numbers[1:], strict=False)))
        ids = [b.id for b in doc.blocks]
        if numbers and (numbers[0] != 1 or not runs_on) or len(ids) != len(set(ids)):
            wrong[name] = numbers
    assert wrong == {}


def test_no_paragraph_holds_page_furniture(parsed):
    found = {(name, b.id): b.text[-80:] for name, doc in parsed.items()
             if isinstance(doc, Document) for b in doc.blocks
             if b.kind != BlockKind.TITLE and _FURNITURE.search(b.text)}
    assert found == {}


def test_every_footnote_has_its_marker_where_the_text_prints_one(parsed):
    """A footnote's marker is found wherever the text prints its number; the scans also hold
    notes of the yearbook page whose marker stood in another resolution, which have none."""
    missing, without_marker, total = [], 0, 0
    for name, doc in parsed.items():
        if not isinstance(doc, Document):
            continue
        marks = {m.number for b in doc.blocks for m in b.notes}
        body = " ".join(b.text for b in doc.blocks if b.kind != BlockKind.FOOTNOTE)
        for note in doc.blocks_of(BlockKind.FOOTNOTE):
            total += 1
            if note.number in marks:
                continue
            without_marker += 1
            if re.search(rf"(?<![\d/]){note.number}(?![\d/])", body):
                missing.append((name, note.number))
    assert total > 300
    # A number left in the text that might be the marker: few, and each a judgement call
    # ("article 27" beside a note 27); see the figures in benchmarks/realdocs_bench.py.
    assert len(missing) <= 0.05 * total, missing
    assert without_marker <= 0.12 * total


def test_resolution_338_has_no_preamble():
    doc = parse_text(TEXTS / "S_RES_0338_1973_EN_GOLD.txt")
    assert doc.intro == "The Security Council"
    assert doc.blocks_of(BlockKind.PREAMBULAR) == []
    assert [b.id for b in doc.blocks_of(BlockKind.OPERATIVE)] == ["op1", "op2", "op3"]
    assert doc.block("op1").text.startswith("Calls upon all parties to the present fighting")
    assert doc.block("fn27").text == "One member (China) did not participate in the voting."
    assert [(b.id, [m.number for m in b.notes]) for b in doc.blocks_of(BlockKind.CLOSING)] == [
        ("c1", ["27"])]


def test_parts_of_820_each_with_its_preamble():
    doc = parse_text(TEXTS / "S_RES_0820_1993_EN_GOLD.txt")
    parts = doc.blocks_of(BlockKind.PART)
    assert [p.text for p in parts] == ["A", "B", "C"]  # "c" in the OCR
    order = [b.id for b in doc.blocks]
    assert order.index("partA") < order.index("op1") < order.index("op9") < order.index("partB")
    assert doc.block("pp11").text.startswith("Determined to strengthen the implementation")
    assert doc.block("pp11").part == "B" and doc.block("op10").part == "B"
    assert order.index("partB") < order.index("pp11") < order.index("op10")
    assert doc.block("op31").part == "C"
    assert "insisting that all displaced persons" in doc.block("pp5").text  # one paragraph


def test_parts_that_number_afresh_keep_unique_ids():
    doc = parse_text(TEXTS / "S_RES_0161_1961_EN_GOLD.txt")
    assert [b.id for b in doc.blocks_of(BlockKind.OPERATIVE)] == [
        "op1", "op2", "op3", "op4", "op5", "B.op1", "B.op2", "B.op3"]
    assert [b.id for b in doc.blocks_of(BlockKind.INTRO)] == ["intro", "intro-2"]


def test_the_annexes_of_1454_are_not_operative_paragraphs():
    doc = parse_text(TEXTS / "S_RES_1454_2002_EN_GOLD.txt")
    assert len(doc.blocks_of(BlockKind.OPERATIVE)) == 5
    assert [b.text for b in doc.blocks_of(BlockKind.ANNEX)] == ["Annex A", "Annex B"]
    annex_b = [b for b in doc.blocks if b.annex == "B"]
    assert doc.block("annexB.20") is not None and doc.block("annexB.20").annex == "B"
    assert all(b.kind in (BlockKind.ANNEX, BlockKind.HEADING, BlockKind.ANNEX_PARAGRAPH)
               for b in annex_b)
    # Paragraphs, not lines: no annex paragraph is a lone wrapped line of a longer one.
    assert len(doc.blocks_of(BlockKind.ANNEX_PARAGRAPH)) < 200


def test_subparagraphs_without_a_colon_and_ocr_labels():
    doc = parse_text(TEXTS / "S_RES_0242_1967_EN_GOLD.txt")
    assert [b.id for b in doc.blocks_of(BlockKind.SUBPARAGRAPH)] == [
        "op1.i", "op1.ii", "op2.a", "op2.b", "op2.c"]  # "(1)" is OCR for "(i)"
    assert doc.block("op2.a").text.startswith("For guaranteeing freedom of navigation")


def test_nested_subparagraphs_have_ids_down_the_tree():
    doc = parse_text(TEXTS / "S_RES_0883_1993_EN_GOLD.txt")
    assert doc.block("op6.c.i").parent == "op6.c"
    assert doc.block("op6.c.ii").text.startswith("The provision of engineering")
    assert doc.block("op3.b").text.startswith("Any Libyan undertaking")  # "(6)" in the OCR


def test_ocr_damaged_numbers_do_not_swallow_what_follows():
    # "8." printed for "5." between "4." and "6.", "7 Calls" without its full stop.
    doc = parse_text(TEXTS / "S_RES_0591_1986_EN_GOLD.txt")
    numbers = [b.number for b in doc.blocks_of(BlockKind.OPERATIVE)]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert doc.block("op5").text.startswith("Requests all States to implement strictly")


def test_markers_in_a_scan_are_marks_not_numbers():
    doc = parse_text(TEXTS / "S_RES_0687_1991_EN_GOLD.txt")
    letter = next(b for b in doc.blocks_of(BlockKind.PREAMBULAR)
                  if b.text.startswith("Taking note of the letter dated 27 February 1991"))
    assert "Security Council and of his letters" in letter.text
    assert "3 March and 5 March he addressed" in letter.text
    assert {m.number for m in letter.notes} >= {"41", "56", "57"}
