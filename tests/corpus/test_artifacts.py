"""No trace of the raw forms survives in the text a reader sees, in any bundled document."""

from __future__ import annotations

import re

import pytest

from corpus.model import BlockKind

ARTIFACTS = {
    "page header": re.compile(r"S/2017/1051 *$|^S/2017/1051"),
    "job number or page footer": re.compile(r"\b\d{2}-\d{5}\b|\b\d+/13\b"),
    "barcode": re.compile(r"\*\d{6,}\*"),
    "undocs.org address": re.compile(r"https?://|undocs\.org"),
    "Markdown emphasis or bold": re.compile(r"\*\w|\w\*|\*\*"),
    "Markdown link": re.compile(r"\]\(|\(#\)"),
    "escaped parenthesis": re.compile(r"\\[()]"),
    "footnote marker left in the text": re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]"),
    "space before punctuation": re.compile(r" [,;:.)]"),
    "double space": re.compile(r"  "),
    "line break": re.compile(r"\n"),
    "unresolved line-end hyphen": re.compile("\u00ad"),
    "split word": re.compile(r"\b(Capacit y|organizat ions|domest ic|Convent ion|terr orist|"
                             r"includin g|thi s|fig hters|securit y|Civi l|suppor ts|ensu re|"
                             r"digit al|t he)\b"),
    "space inside a hyphenated word": re.compile(r"\w -\w|\w- \w"),
}


def _texts(library):
    for doc in library:
        for block in doc.blocks:
            if block.kind != BlockKind.TITLE:
                yield doc.symbol, block


@pytest.mark.parametrize("name", sorted(ARTIFACTS))
def test_no_artifact_anywhere(library, name):
    pattern = ARTIFACTS[name]
    offenders = [f"{symbol} {block.id}: {block.text[max(0, m.start() - 20):m.end() + 20]!r}"
                 for symbol, block in _texts(library) for m in [pattern.search(block.text)] if m]
    assert offenders == []


REPAIRED = [
    ("S/2017/1051", "op50", "the UN Capacity Building Implementation Plan"),
    ("S/2017/1051", "pp15", "ISIL, Al-Qaida and their cells"),
    ("S/2017/1051", "pp18", "employing evidence-based risk assessments, and"),
    ("S/2017/1051", "op50", "regional, and sub-regional bodies"),
    ("S/2017/1051", "pp32", "are gender-sensitive, victim centred"),
    ("S/2017/1051", "op3", "suspected foreign terrorist fighters, including"),
    ("S/2017/1051", "op8", "to front-line screeners"),
    ("S/RES/2322 (2016)", "op3", "terrorist organizations, including"),
    ("S/RES/2322 (2016)", "op5", "to front-line screeners"),
    ("S/RES/2322 (2016)", "op17", "the INTERPOL I-24/7 police information network"),
    ("S/RES/2322 (2016)", "pp9", "Al-Qaida, and associated groups"),
    ("S/RES/2322 (2016)", "op20", "inter alia, international cooperation"),
]


@pytest.mark.parametrize(("symbol", "block", "text"), REPAIRED)
def test_pdf_damage_is_repaired(library, symbol, block, text):
    assert text in library.get(symbol).block(block).text


def test_line_end_hyphens_of_compounds_are_kept(library):
    draft = library.get("S/2017/1051")
    assert "effective counter-narrative strategies" in draft.block("pp20").text
    assert "relevant United Nations counter-terrorism entities" in draft.block("pp24").text
