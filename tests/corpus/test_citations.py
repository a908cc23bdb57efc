"""Citations: every form the bundled texts use, read as the texts say, resolved without guessing.

The phrases are taken from the five bundled sources (grep them to see the context); the lists of
numbers were counted by hand from the official texts.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from corpus.citations import (
    Citation,
    document_years,
    find_citations,
    plausible_sc_year,
    resolve,
)
from corpus.model import Ref

SOURCES = Path(__file__).resolve().parents[2] / "corpus" / "sources"

#: What one citation says: (span text, "symbol" | "partial" | "internal", value, paragraph).
Expected = tuple[str, str, str | None, str | None]


def said(citation: Citation) -> Expected:
    if citation.internal:
        assert citation.symbol is None and citation.partial is None
        return (citation.text, "internal", None, citation.paragraph)
    if citation.symbol:
        assert citation.partial is None and citation.number is None
        return (citation.text, "symbol", citation.symbol, citation.paragraph)
    assert citation.partial == f"S/RES/{citation.number}"
    return (citation.text, "partial", citation.partial, citation.paragraph)


def sc(number: int, year: int) -> Expected:
    return (f"{number} ({year})", "symbol", f"S/RES/{number} ({year})", None)


def bare(number: int) -> Expected:
    return (str(number), "partial", f"S/RES/{number}", None)


def doc(symbol: str, span: str | None = None) -> Expected:
    return (span or symbol, "symbol", symbol, None)


FORMS: list[tuple[str, list[Expected]]] = [
    # --- Security Council, with and without the year
    ("recalling its resolution 2178 (2014) deciding", [sc(2178, 2014)]),
    ("Recalling Resolution 2178 and the definition of foreign terrorist fighters", [bare(2178)]),
    ("to ensure full implementation of resolution 1373 and *recalls*", [bare(1373)]),
    (
        "Reaffirming its resolutions 1267 (1999), 1325 (2000), 1368 (2001), 1373 (2001), "
        "1566 (2004) 1624 (2005), 1894 (2009) and its relevant presidential statements,",
        [sc(1267, 1999), sc(1325, 2000), sc(1368, 2001), sc(1373, 2001), sc(1566, 2004),
         sc(1624, 2005), sc(1894, 2009)],
    ),
    (
        "pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015) and the",
        [sc(1267, 1999), sc(1989, 2011), sc(2253, 2015)],
    ),
    (
        "the Committee established pursuant to resolution 1267 (1999), 1989 (2011) and "
        "2253 (2015) and the Analytical Support",
        [sc(1267, 1999), sc(1989, 2011), sc(2253, 2015)],
    ),
    (
        "pursuant to resolutions 1267 and 1989 and the Committee established pursuant to "
        "resolution 1540, as well as",
        [bare(1267), bare(1989), bare(1540)],
    ),
    ("in line with resolutions 2199 (2015) and 2253 (2015);", [sc(2199, 2015), sc(2253, 2015)]),
    (
        "resolutions 2199\n(2015) and 2253 (2015);",
        [("2199\n(2015)", "symbol", "S/RES/2199 (2015)", None), sc(2253, 2015)],
    ),
    ("2150 (2014), 2170 (2014), 2178", [sc(2150, 2014), sc(2170, 2014)]),
    ("the urgent need to implement fully and immediately resolutions 2178,", [bare(2178)]),
    (
        "Recalling, in particular, resolution 1535 (2004), resolution 1787 (2007), and "
        "resolution 2129 (2013), which pertain",
        [sc(1535, 2004), sc(1787, 2007), sc(2129, 2013)],
    ),
    # the text is the truth: S/RES/2395 (2017) says 2195 (2015) where the others say (2014)
    ("2185 (2014), 2195 (2015), 2199 (2015),", [sc(2185, 2014), sc(2195, 2015), sc(2199, 2015)]),
    (
        "Security Council resolutions 1373 (2001) of 28 September 2001, 1624 (2005) of "
        "14 September 2005 and 2178 (2014), in accordance with its mandate and Council "
        "resolution 2395 (2017) of 21 December 2017",
        [sc(1373, 2001), sc(1624, 2005), sc(2178, 2014), sc(2395, 2017)],
    ),
    # --- a number and year with no "resolution": only if the year fits the number
    ("sanctions and arms embargo against those listed under 2253 (2015) by sharing",
     [sc(2253, 2015)]),
    ("see Annex 9 (2015), the CTC's 2015 Madrid Guiding Principles, Agenda 2063 (May 2015)", []),
    ("in its 2016 report (2017) and the 1990 (2020) figures", []),
    # --- General Assembly
    ("contained in its resolution 60/288 of 8 September 2006,", [doc("A/RES/60/288", "60/288")]),
    ("Recalling also its resolution 71/291 of 15 June 2017", [doc("A/RES/71/291", "71/291")]),
    ("in accordance with General Assembly resolution 71/291 of 15 June 2017",
     [doc("A/RES/71/291", "71/291")]),
    ("recalls its resolution 70/254 of 12 February 2016, in which",
     [doc("A/RES/70/254", "70/254")]),
    ("Resolutions 53/243 A and B.",
     [doc("A/RES/53/243 A", "53/243 A"), doc("A/RES/53/243 B", "B")]),
    ("Resolution 70/1.", [doc("A/RES/70/1", "70/1")]),
    # the old numbering: the UN's own symbols, A/RES/1514(XV) and, lettered, A/RES/217(III)[A]
    ("Resolution 217 A (III).", [doc("A/RES/217(III)[A]", "217 A (III)")]),
    ("See resolution 2200 A (XXI), annex.", [doc("A/RES/2200(XXI)[A]", "2200 A (XXI)")]),
    ("General Assembly resolution 1514 (XV)", [doc("A/RES/1514(XV)", "1514 (XV)")]),
    ("a comprehensive review of resolution 60/288 A comprehensive approach",
     [doc("A/RES/60/288", "60/288")]),
    # other bodies' session/number: the body decides, and an unknown one gives no link
    ("Human Rights Council resolution 7/36", [doc("A/HRC/RES/7/36", "7/36")]),
    ("Economic and Social Council resolution 2004/28", [doc("E/RES/2004/28", "2004/28")]),
    ("Commission on Human Rights resolution 2005/80", []),
    ("General Assembly resolution 2178", []),
    # --- symbols written out
    ("as called for under S/PRST/2015/11, to ensure", [doc("S/PRST/2015/11")]),
    ("Counter Terrorist Narratives” (S/2017/375) with", [doc("S/2017/375")]),
    ("the GCTS (document A/RES/70/291) of 1 July 2016", [doc("A/RES/70/291")]),
    ("A/HRC/37/52.", [doc("A/HRC/37/52")]),
    ("without reference to a Main Committee (A/72/L.62)]", [doc("A/72/L.62")]),
    ("A/71/858. See A/70/674. A/72/840.", [doc("A/71/858"), doc("A/70/674"), doc("A/72/840")]),
    ("A/C.3/72/L.5/Rev.1 and A/ES-10/L.22", [doc("A/C.3/72/L.5/Rev.1"), doc("A/ES-10/L.22")]),
    ("S/RES/2178 (2014) and S/RES/2178(2014)",
     [doc("S/RES/2178 (2014)"), doc("S/RES/2178 (2014)", "S/RES/2178(2014)")]),
    ("S/RES/2388 and A/RES/2200 A (XXI)",
     [("S/RES/2388", "partial", "S/RES/2388", None),
      doc("A/RES/2200(XXI)[A]", "A/RES/2200 A (XXI)")]),
    ("A/RES/2286(XXII) and A/RES/217(III)[A]",
     [doc("A/RES/2286(XXII)"), doc("A/RES/217(III)[A]")]),
    # a PDF page's link targets are hints, never text
    ("https://undocs.org/S/RES/2170(2014)", []),
    ("and/or S/he A/B", []),
    ("S/2017/1051\n17-23111 2/13\n*1723111*", [doc("S/2017/1051")]),
    # --- paragraphs of the same document
    ("facilitating technical assistance as requested in paragraph 47;",
     [("paragraph 47", "internal", None, "47")]),
    ("the report of the Secretary-General requested in paragraph 84 above, as well as",
     [("paragraph 84 above", "internal", None, "84")]),
    ("as set out in paragraph 12 of the present resolution",
     [("paragraph 12 of the present resolution", "internal", None, "12")]),
    ("paragraphs 5, 6 and 7 (a) above",
     [("paragraphs 5", "internal", None, "5"), ("6", "internal", None, "6"),
      ("7 (a) above", "internal", None, "7(a)")]),
    # ... and what is no paragraph of any document this API can name
    ("as referred to in paragraph 51 of the report of the Secretary-General and", []),
    ("as enshrined in article 12 of the Universal Declaration of Human Rights", []),
    ("the fifth preambular paragraph 3 and this paragraph", []),
    # --- paragraphs of another document
    ("offenses described in paragraph 6 of resolution 2178 (2014);",
     [("paragraph 6 of resolution 2178 (2014)", "symbol", "S/RES/2178 (2014)", "6")]),
    ("Recalling that the obligation in paragraph 1(d) of resolution 1373 (2001) also",
     [("paragraph 1(d) of resolution 1373 (2001)", "symbol", "S/RES/1373 (2001)", "1(d)")]),
    ("in furtherance of paragraph 9 of resolution 2178 and the standard established by ICAO",
     [("paragraph 9 of resolution 2178", "partial", "S/RES/2178", "9")]),
    ("Reaffirming its request in paragraph 2 of resolution 2379 (2017), to establish",
     [("paragraph 2 of resolution 2379 (2017)", "symbol", "S/RES/2379 (2017)", "2")]),
    ("recalling its invitation in paragraph 29 of resolution 2388 to the Secretary-General",
     [("paragraph 29 of resolution 2388", "partial", "S/RES/2388", "29")]),
    ("described in paragraph 6 of\nresolution 2178 (2014);",
     [("paragraph 6 of\nresolution 2178 (2014)", "symbol", "S/RES/2178 (2014)", "6")]),
    ("paragraph 3 of General Assembly resolution 60/288",
     [("paragraph 3 of General Assembly resolution 60/288", "symbol", "A/RES/60/288", "3")]),
    ("paragraph 5 of document S/2017/375",
     [("paragraph 5 of document S/2017/375", "symbol", "S/2017/375", "5")]),
    ("paragraphs 3 and 4 of resolution 2178 (2014)",
     [("paragraphs 3", "symbol", "S/RES/2178 (2014)", "3"),
      ("4 of resolution 2178 (2014)", "symbol", "S/RES/2178 (2014)", "4")]),
    # --- what a list must not swallow
    ("resolution 1373 (2001) and 2005 World Summit Outcome", [sc(1373, 2001)]),
    ("resolution 2178 (2014) 2015 Madrid Guiding Principles", [sc(2178, 2014)]),
    ("resolution 1373 (2001), 150 States", [sc(1373, 2001)]),
    ("resolutions 1373 (2001) and 2178 and the", [sc(1373, 2001), bare(2178)]),
    # --- no citation at all
    ("Resolution adopted by the General Assembly on 26 June 2018", []),
    ("to implement this resolution, and the peaceful resolution of prolonged conflict", []),
    ("the CTC's 2015 Madrid Guiding Principles and its 2016 addendum", []),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0][:50] for f in FORMS])
def test_forms(text: str, expected: list[Expected]) -> None:
    found = find_citations(text)
    assert [said(c) for c in found] == expected
    for c in found:
        assert text[c.start:c.end] == c.text


def test_spans_of_a_long_list_are_the_members_in_order() -> None:
    text = "its resolutions 1267 (1999), 1325 (2000) and 2379 (2017) and its relevant"
    found = find_citations(text)
    assert [(c.start, c.end) for c in found] == [
        (text.index("1267"), text.index("1267") + 11),
        (text.index("1325"), text.index("1325") + 11),
        (text.index("2379"), text.index("2379") + 11),
    ]


@pytest.mark.parametrize(
    ("number", "year", "plausible"),
    [
        (1, 1946, True), (1000, 1995, True), (1373, 2001, True), (2000, 2011, True),
        (2178, 2014, True), (2195, 2015, True), (2396, 2017, True), (2700, 2023, True),
        (2800, 2026, True),
        (9, 2015, False),  # Annex 9 (2015)
        (2015, 2024, False),
        (1, 2015, False),
        (2178, 1999, False),
        (12, 1900, False),
    ],
)
def test_plausible_sc_year(number: int, year: int, plausible: bool) -> None:
    assert plausible_sc_year(number, year) is plausible


# --- The bundled texts -----------------------------------------------------------------------

#: The first preambular paragraph of S/RES/2396 (2017), counted by hand (line 10): 27
#: resolutions, four commas missing ("1566 (2004) 1624 (2005)").
FIRST_PP_2396 = [
    (1267, 1999), (1325, 2000), (1368, 2001), (1373, 2001), (1566, 2004), (1624, 2005),
    (1894, 2009), (2106, 2013), (2133, 2014), (2150, 2014), (2170, 2014), (2178, 2014),
    (2195, 2014), (2199, 2015), (2242, 2015), (2249, 2015), (2253, 2015), (2309, 2016),
    (2322, 2016), (2331, 2016), (2341, 2017), (2347, 2017), (2354, 2017), (2367, 2017),
    (2368, 2017), (2370, 2017), (2379, 2017),
]


def _lines(name: str) -> list[str]:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()


def _unlink(line: str) -> str:
    """The Markdown exports' links ``[1373 \\(2001\\)](#)`` as the clean text has them."""
    return re.sub(r"\]\(#\)", "", line).replace("[", "").replace("\\(", "(").replace("\\)", ")")


def test_first_preambular_paragraph_of_2396() -> None:
    line = _lines("S_RES_2396_2017.md")[9]
    assert line.startswith("Reaffirming its resolutions 1267 (1999)")
    found = find_citations(line)
    assert [c.symbol for c in found] == [f"S/RES/{n} ({y})" for n, y in FIRST_PP_2396]


def test_first_preambular_paragraph_of_the_draft_across_pdf_lines() -> None:
    """The draft's PDF text wraps the same paragraph with blank lines and splits "2170 (2014)"
    across lines."""
    lines = _lines("S_2017_1051.txt")
    start = next(i for i, line in enumerate(lines) if "Reaffirming its resolutions" in line)
    end = next(i for i in range(start, len(lines)) if "presidential statements" in lines[i])
    text = "\n".join(lines[start:end + 1])
    found = find_citations(text)
    assert [c.symbol for c in found] == [f"S/RES/{n} ({y})" for n, y in FIRST_PP_2396]
    split = next(c for c in found if c.symbol == "S/RES/2170 (2014)")
    assert "\n" in split.text and re.fullmatch(r"2170\s+\(2014\)", split.text)


SOURCE_NAMES = sorted(p.name for p in SOURCES.glob("*") if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_every_line_of_the_sources(name: str) -> None:
    """Raw lines (Markdown links, PDF furniture and link targets included) and their unlinked
    form: spans in order, never overlapping, each saying what it cites."""
    count = 0
    for raw in _lines(name):
        for line in (raw, _unlink(raw)):
            found = find_citations(line)
            previous_end = 0
            for c in found:
                assert previous_end <= c.start < c.end <= len(line)
                assert line[c.start:c.end] == c.text
                assert c.symbol or c.partial or c.internal
                previous_end = c.end
            if "undocs.org" in line:
                assert found == []
        count += len(find_citations(_unlink(raw)))
    assert count > 0


# --- Document years --------------------------------------------------------------------------


def test_document_years() -> None:
    texts = [
        "Recalling its resolutions 2178 (2014), 1373 (2001) and 2195 (2014)",
        "Recalling Resolution 2178 and paragraph 29 of resolution 2388",
        "and 2195 (2015), S/RES/1540 (2004) and General Assembly resolution 60/288",
        "paragraph 6 of resolution 2322 (2016)",
    ]
    assert document_years(texts) == {"2178": "2014", "1373": "2001", "1540": "2004",
                                      "2322": "2016"}


def test_document_years_of_2395_keeps_its_own_2195() -> None:
    years = document_years(_unlink(line) for line in _lines("S_RES_2395_2017.md"))
    assert years["2195"] == "2015"
    assert years["1540"] == "2004"
    assert "2388" in years  # 2395 cites 2388 (2017); 2396 only ever cites it bare


# --- Resolving -------------------------------------------------------------------------------

LIBRARY = {"S/RES/2396 (2017)", "S/2017/1051", "S/RES/2395 (2017)", "S/RES/2322 (2016)",
           "A/RES/72/284"}


def one(text: str) -> Citation:
    (citation,) = find_citations(text)
    return citation


def resolved(text: str, *, library: set[str] = LIBRARY, years: dict[str, str] | None = None,
             own: str = "S/RES/2396 (2017)") -> Ref:
    (ref,) = resolve([one(text)], own_symbol=own, library_symbols=library,
                     document_years=years or {})
    return ref


@pytest.mark.parametrize(
    ("text", "library", "years", "target", "partial", "in_library"),
    [
        # a complete symbol, in the library or not
        ("resolution 2322 (2016)", LIBRARY, {}, "S/RES/2322 (2016)", None, True),
        ("resolution 2178 (2014)", LIBRARY, {}, "S/RES/2178 (2014)", None, False),
        ("(A/72/L.62)", LIBRARY, {}, "A/72/L.62", None, False),
        ("its resolution 72/284", LIBRARY | {"A/RES/72/284"}, {}, "A/RES/72/284", None, True),
        # a bare number: the year from the library first
        ("Resolution 2322", LIBRARY, {}, "S/RES/2322 (2016)", None, True),
        ("Resolution 2322", LIBRARY, {"2322": "2015"}, "S/RES/2322 (2016)", None, True),
        # then from the citing document
        ("Resolution 2178", LIBRARY, {"2178": "2014"}, "S/RES/2178 (2014)", None, False),
        # else unresolved, with what is known
        ("resolution 2388", LIBRARY, {}, None, "S/RES/2388", False),
        ("resolution 2388", LIBRARY, {"2178": "2014"}, None, "S/RES/2388", False),
        # two library resolutions with the number: ambiguous, unless the document says which
        ("resolution 2322", LIBRARY | {"S/RES/2322 (2017)"}, {}, None, "S/RES/2322", False),
        ("resolution 2322", LIBRARY | {"S/RES/2322 (2017)"}, {"2322": "2017"},
         "S/RES/2322 (2017)", None, True),
        ("resolution 2322", LIBRARY | {"S/RES/2322 (2017)"}, {"2322": "2015"},
         None, "S/RES/2322", False),
        ("S/RES/2322", LIBRARY, {}, "S/RES/2322 (2016)", None, True),
    ],
)
def test_resolve(text: str, library: set[str], years: dict[str, str], target: str | None,
                 partial: str | None, in_library: bool) -> None:
    ref = resolved(text, library=library, years=years)
    assert (ref.target, ref.partial, ref.in_library) == (target, partial, in_library)
    assert ref.text == one(text).text


def test_resolve_internal_points_at_the_citing_document() -> None:
    ref = resolved("as requested in paragraph 47;")
    assert ref == Ref(start=16, end=28, text="paragraph 47", target="S/RES/2396 (2017)",
                      paragraph="47", partial=None, in_library=True)
    draft = resolved("as requested in paragraph 47;", own="S/2017/1051")
    assert draft.target == "S/2017/1051"
    outside = resolved("paragraph 84 above", own="A/RES/99/1")
    assert (outside.target, outside.paragraph, outside.in_library) == ("A/RES/99/1", "84", False)


def test_resolve_keeps_the_paragraph_of_another_document() -> None:
    text = "its invitation in paragraph 29 of resolution 2388 and paragraph 6 of resolution 2178"
    refs = resolve(find_citations(text), own_symbol="S/RES/2396 (2017)", library_symbols=LIBRARY,
                   document_years={"2178": "2014"})
    assert [(r.text, r.target, r.partial, r.paragraph) for r in refs] == [
        ("paragraph 29 of resolution 2388", None, "S/RES/2388", "29"),
        ("paragraph 6 of resolution 2178", "S/RES/2178 (2014)", None, "6"),
    ]


def test_resolve_a_whole_document() -> None:
    """S/RES/2395 (2017) gives 1540 its year in one paragraph and cites it bare in another."""
    paragraphs = [_unlink(line) for line in _lines("S_RES_2395_2017.md") if line.strip()]
    years = document_years(paragraphs)
    refs = [ref for text in paragraphs
            for ref in resolve(find_citations(text), own_symbol="S/RES/2395 (2017)",
                               library_symbols=LIBRARY, document_years=years)]
    bare_refs = {r.text: r.target for r in refs if r.text in ("1267", "1989", "1540", "1373")}
    assert bare_refs == {"1267": "S/RES/1267 (1999)", "1989": "S/RES/1989 (2011)",
                         "1540": "S/RES/1540 (2004)", "1373": "S/RES/1373 (2001)"}
    assert all(r.target for r in refs)
    assert {r.target for r in refs if r.in_library} == {"S/RES/2395 (2017)", "S/RES/2322 (2016)"}


def test_citations_survive_the_library_cache_round_trip() -> None:
    for citation in find_citations("paragraph 29 of resolution 2388 and resolution 2178 (2014)"):
        assert Citation(**dataclasses.asdict(citation)) == citation


# --- Resolving with the Security Council's record ----------------------------------------------


class _Record:
    """The record's years, as resolve asks for them (corpus.record.Record.resolution_year)."""

    YEARS = {2388: 2017, 2195: 2014, 2178: 2014, 2322: 2016, 1267: 1999}

    def resolution_year(self, number: int) -> int | None:
        return self.YEARS.get(number)


def with_record(text: str, *, library: set[str] = LIBRARY,
                years: dict[str, str] | None = None) -> list[Ref]:
    return resolve(find_citations(text), own_symbol="S/RES/2396 (2017)", library_symbols=library,
                   document_years=years or {}, record=_Record())


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        # a bare number no text or library dates: the record's year, a link (not held)
        ("resolution 2388", {}, [("S/RES/2388 (2017)", None, False, None)]),
        ("paragraph 29 of resolution 2388", {}, [("S/RES/2388 (2017)", None, False, None)]),
        # the library and the citing document still come first
        ("Resolution 2322", {}, [("S/RES/2322 (2016)", None, True, None)]),
        ("Resolution 2178", {"2178": "2014"}, [("S/RES/2178 (2014)", None, False, None)]),
        # a number the record does not list stays unresolved: never a guessed year
        ("resolution 2999", {}, [(None, "S/RES/2999", False, None)]),
        # a wrong year: the link stays what the text says, the record's symbol beside it
        ("resolution 2195 (2015)", {}, [("S/RES/2195 (2015)", None, False,
                                         "S/RES/2195 (2014)")]),
        ("paragraph 3 of resolution 2195 (2015)", {}, [("S/RES/2195 (2015)", None, False,
                                                        "S/RES/2195 (2014)")]),
        ("Resolution 2195", {"2195": "2015"}, [("S/RES/2195 (2015)", None, False,
                                                "S/RES/2195 (2014)")]),
        ("resolution 2195 (2014)", {}, [("S/RES/2195 (2014)", None, False, None)]),
        # General Assembly numbers and other symbols are not the Council's record's
        ("resolution 60/288", {}, [("A/RES/60/288", None, False, None)]),
        ("resolution 2286 (XXII)", {}, [("A/RES/2286(XXII)", None, False, None)]),
        ("General Assembly resolution 72/284", {}, [("A/RES/72/284", None, True, None)]),
        ("S/PRST/2015/11", {}, [("S/PRST/2015/11", None, False, None)]),
        # the citing document's own paragraph is never flagged
        ("paragraph 47", {}, [("S/RES/2396 (2017)", None, True, None)]),
    ],
)
def test_resolve_with_the_record(text: str, years: dict[str, str],
                                 expected: list[tuple]) -> None:
    refs = with_record(text, years=years)
    assert [(r.target, r.partial, r.in_library, r.record_symbol) for r in refs] == expected


def test_the_record_takes_the_year_among_several_in_the_library() -> None:
    library = LIBRARY | {"S/RES/2322 (2017)"}
    [ref] = with_record("resolution 2322", library=library)
    assert (ref.target, ref.in_library, ref.record_symbol) == ("S/RES/2322 (2016)", True, None)


def test_2395_cites_2195_with_the_year_the_record_contradicts() -> None:
    """The source is the truth: S/RES/2395 (2017) says "2195 (2015)"; the link says so too,
    and the record's S/RES/2195 (2014) is named beside it. Its other citations agree."""
    from corpus.record import load_record

    paragraphs = [_unlink(line) for line in _lines("S_RES_2395_2017.md") if line.strip()]
    years = document_years(paragraphs)
    refs = [ref for text in paragraphs
            for ref in resolve(find_citations(text), own_symbol="S/RES/2395 (2017)",
                               library_symbols=LIBRARY, document_years=years,
                               record=load_record())]
    flagged = {(r.target, r.record_symbol) for r in refs if r.record_symbol}
    assert flagged == {("S/RES/2195 (2015)", "S/RES/2195 (2014)")}
