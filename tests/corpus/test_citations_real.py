"""Citations on real UN texts: whose paragraph a "paragraph N" is, and the General Assembly's
lettered and Roman-session forms.

The Security Council sentences are copied from the CC0 texts of CR-UNSC
(corpus/sources/cr-unsc/, OCR slips kept: "3 (6)" for "3 (b)", "paragraph 3 that resolution"); the
General Assembly sentences are written for these tests, each reproducing a form the Assembly's
texts use. Every case says what a reader would follow: the target and the paragraph of each
link, in text order. A paragraph of something no symbol names is no link at all: a wrong link to
the citing resolution's own paragraph is worse than none.
"""

from __future__ import annotations

import time

import pytest

from corpus import library
from corpus.citations import Citation, find_citations, resolve
from corpus.model import Block, BlockKind, Document, DocumentKind

OWN = "S/RES/800 (1993)"

#: (text, annex of the citing paragraph or None, [(target, paragraph), ...]).
Case = tuple[str, str | None, list[tuple[str | None, str | None]]]

PARAGRAPHS: list[Case] = [
    # --- a paragraph of an article of another instrument: no link
    ("Reaffirming that, in accordance with the principle in Article 2, paragraph 4, of the "
     "Charter of the United Nations, every State has the duty to refrain", None, []),
    ("Notes that under article VII, paragraph 8, of the Armistice Agreement, where "
     "interpretation of the meaning of a particular provision", None, []),
    ("Universal Declaration of Human Rights, particularly article 21, paragraphs 1 and 3, which "
     "recognize", None, []),
    ("Recalling article 12, paragraph 3, of the Rome Statute of the International Criminal "
     "Court,", None, []),
    ("Recalling the provisions of Article 2, paragraph 7, of the Charter,", None, []),
    # --- a paragraph of a report or document named by its symbol
    ("[on the report of the Fifth Committee (A/80/534, para. 7)]", None,
     [("A/80/534", None), ("A/80/534", "7")]),
    ("Supplement for April, May and June 1979, document S/13369, para. 51.", None,
     [("S/13369", None), ("S/13369", "51")]),
    ("as reported in paragraphs 17, 18 and 19 of the report of the Secretary-General of "
     "26 March 1993 (S/25479),", None,
     [("S/25479", "17"), ("S/25479", "18"), ("S/25479", "19")]),
    ("in accordance with paragraphs 56-69 of the report of the Secretary-General of 3 March "
     "1993 (S/25354), and of neutralizing radio broadcasting systems", None,
     [("S/25354", "56"), ("S/25354", "69")]),
    ("The following procedures replace paragraphs 29 to 34 of document S/1996/636* and other "
     "existing procedures", None, [("S/1996/636", "29"), ("S/1996/636", "34")]),
    # --- ... and of one no symbol names: no link
    ("as referred to in paragraphs 14-16 of the above-mentioned report of the "
     "Secretary-General.", None, []),
    ("Takes note of paragraph 129 (a) to (s) of the consensus report of the Group of Experts,",
     None, []),
    ("Approves the recommendations summarized in paragraphs 59 (c) (i) and (ii) of the addendum "
     "of 28 January 1991 to the report of the Secretary-General", None, []),
    ("19 Ibid., document S/16036. 20 Ibid., para. 20.", None, [("S/16036", None)]),
    ("Official Records of the Security Council, Eighth Year, 633rd meeting, paras. 3 and 16).",
     None, []),
    ("document A/6000/ Rev.1), chap. III, para. 292.", None, []),
    ("Approves the report of the Secretary-General, in particular its paragraph 5;", None, []),
    ("Recalling in this context the Joint Declaration signed at Geneva on 30 September 1992 by "
     "the Presidents of the Republic of Croatia and the Federal Republic of Yugoslavia (Serbia "
     "and Montenegro), and in particular paragraph 7 thereof,", None, []),
    ("Stressing the importance of the Governors Island Agreement of 3 July 1993 (S/26063) "
     "towards promoting the return of peace and stability in Haiti, including the provisions "
     "of paragraph 5, under which the parties call for assistance", None, [("S/26063", None)]),
    # --- a paragraph of a resolution named before it
    ("Requests the Committee to draw up guidelines for the implementation of resolution "
     "748 (1992), especially its paragraph 5 (a);", None,
     [("S/RES/748 (1992)", None), ("S/RES/748 (1992)", "5(a)")]),
    ("Reaffirming its resolution 687 (1991) of 3 April 1991, and in particular paragraphs 2, 3 "
     "and 4 thereof,", None,
     [("S/RES/687 (1991)", None), ("S/RES/687 (1991)", "2"), ("S/RES/687 (1991)", "3"),
      ("S/RES/687 (1991)", "4")]),
    ("Recalling its resolution 804 (1993), in particular paragraph 15, in which it decided",
     None, [("S/RES/804 (1993)", None), ("S/RES/804 (1993)", "15")]),
    ("(General Assembly resolution 2863 (XXVI), paragraph 2),", None,
     [("A/RES/2863(XXVI)", None), ("A/RES/2863(XXVI)", "2")]),
    ("Recalling its resolution 1701 (2006), in particular paragraphs 8 and 15 thereof,", None,
     [("S/RES/1701 (2006)", None), ("S/RES/1701 (2006)", "8"), ("S/RES/1701 (2006)", "15")]),
    ("the Security Council Committee established by resolution 661 (1990) of 6 August 1990, "
     "paragraphs 3 (c) and 4 of which apply, except in humanitarian circumstances", None,
     [("S/RES/661 (1990)", None), ("S/RES/661 (1990)", "3(c)"), ("S/RES/661 (1990)", "4")]),
    ("pursuant to resolution 687 (1991) and the Secretary-General’s report on the "
     "implementation of paragraph 3 that resolution,", None,
     [("S/RES/687 (1991)", None), ("S/RES/687 (1991)", "3")]),
    ("Recalling its resolution 661 (1990) regarding assistance to the Government of Kuwait and "
     "paragraph 3 (c) of that resolution regarding supplies", None,
     [("S/RES/661 (1990)", None), ("S/RES/661 (1990)", "3(c)")]),
    ("Recalling its resolutions 1267 (1999) and 1989 (2011), and paragraph 3 of that "
     "resolution,", None, [("S/RES/1267 (1999)", None), ("S/RES/1989 (2011)", None)]),
    ("the Director General of the International Atomic Energy Agency under paragraph 13 of "
     "resolution 687 (1991) and paragraph 12 of the above-mentioned resolution,", None,
     [("S/RES/687 (1991)", "13"), ("S/RES/687 (1991)", "12")]),
    ("to review paragraphs 22 to 25 of resolution 687 (1991) as set out in paragraph 28 "
     "thereof.", None,
     [("S/RES/687 (1991)", "22"), ("S/RES/687 (1991)", "25"), ("S/RES/687 (1991)", "28")]),
    # --- a paragraph of a resolution named after it
    ("offenses described in paragraph 6 of resolution 2178 (2014);", None,
     [("S/RES/2178 (2014)", "6")]),
    ("Recalling that the obligation in paragraph 1(d) of resolution 1373 (2001) also", None,
     [("S/RES/1373 (2001)", "1(d)")]),
    ("notwithstanding the provisions of paragraphs 3 (a), 3 (6) and 4 of resolution 661 (1990),",
     None, [("S/RES/661 (1990)", "3(a)"), ("S/RES/661 (1990)", "3(6)"),
            ("S/RES/661 (1990)", "4")]),
    ("1. Reaffirms in particular paragraph 2 of Security Council resolution 226 (1966) of "
     "14 October 1966;", None, [("S/RES/226 (1966)", "2")]),
    ("as laid down in paragraph 2 of Security Council resolution 161 A (1961) of 21 February "
     "1961;", None, [("S/RES/161 (1961)", "2")]),
    ("Recalling paragraph 4 of its resolution 60/251 and paragraph 3 of the annex to resolution "
     "2118 (2013),", None, [("A/RES/60/251", "4"), ("S/RES/2118 (2013)", "annex.3")]),
    # --- the citing resolution's own paragraphs
    ("facilitating technical assistance as requested in paragraph 47;", None, [(OWN, "47")]),
    ("Decides that the provisions set forth in paragraphs 12 to 30 below shall", None,
     [(OWN, "12"), (OWN, "30")]),
    ("on grounds of significant humanitarian need in accordance with paragraph 8 above;", None,
     [(OWN, "8")]),
    ("Upon receipt of an application pursuant to paragraphs 9 or 11 above,", None,
     [(OWN, "9"), (OWN, "11")]),
    ("decisions to be taken on measures to implement paragraphs 1 (a), (b) and (c), on "
     "estimates", None, [(OWN, "1(a)"), (OWN, "1(b)"), (OWN, "1(c)")]),
    ("to permit the import, pursuant to paragraph 5, of a quantity of petroleum", None,
     [(OWN, "5")]),
    ("Requests the Secretary-General to assist in the implementation of the present "
     "resolution, in particular paragraphs 5 and 6 thereof,", None, [(OWN, "5"), (OWN, "6")]),
    ("the measures imposed by paragraphs 3 to 7 above, in particular paragraph 5,", None,
     [(OWN, "3"), (OWN, "7"), (OWN, "5")]),
    ("the Security Council, following a separate vote on operative paragraph 5.", None,
     [(OWN, "5")]),
    ("as set out in paragraph 9 (b) (ii) above", None, [(OWN, "9(b)(ii)")]),
    # --- the own document's annexes
    ("identifying such levels for the implementation of paragraph 20 of Annex B of this "
     "resolution;", None, [(OWN, "annexB.20")]),
    ("in accordance with paragraph 6 of annex B.", None, [(OWN, "annexB.6")]),
    ("as provided in paragraphs 3 and 4 of annex I to the present resolution", None,
     [(OWN, "annexI.3"), (OWN, "annexI.4")]),
    ("as set out in paragraph 2 of the annex,", None, [(OWN, "annex.2")]),
    ("can be formed in accordance with paragraph 5 of annex 3 to the Agreement,", None, []),
    # ... and inside an annex, a paragraph numbered without saying whose is the annex's own
    ("within the 90-day period set out in paragraph 6 above, the application", "B",
     [(OWN, "annexB.6")]),
    ("Notwithstanding provisions of paragraph 17 above and paragraph 3 of the present "
     "resolution,", "B", [(OWN, "annexB.17"), (OWN, "3")]),
    ("in the procedure set forth in paragraph 4 (a),", "", [(OWN, "annex.4.a")]),
]


def refs_of(text: str, annex: str | None = None) -> list[tuple[str | None, str | None]]:
    citations = find_citations(text)
    for c in citations:
        assert text[c.start:c.end] == c.text
    refs = resolve(citations, own_symbol=OWN, library_symbols=set(), document_years={},
                   annex=annex)
    return [(r.target or r.partial, r.paragraph) for r in refs]


@pytest.mark.parametrize(("text", "annex", "expected"), PARAGRAPHS,
                         ids=[c[0][:60] for c in PARAGRAPHS])
def test_whose_paragraph(text: str, annex: str | None,
                         expected: list[tuple[str | None, str | None]]) -> None:
    assert refs_of(text, annex) == expected


SYMBOLS: list[tuple[str, list[str]]] = [
    # --- General Assembly: lettered, special and emergency special sessions
    ("Also reaffirms its resolution 54/237 C of 23 December 1999;", ["A/RES/54/237 C"]),
    ("the deadline specified in resolution 54/237 C so as to enable the collation",
     ["A/RES/54/237 C"]),
    ("Recalling its resolutions 53/243 A and B of 13 September 1999,",
     ["A/RES/53/243 A", "A/RES/53/243 B"]),
    ("Recalling its resolutions 54/237 A to D,", ["A/RES/54/237 A", "A/RES/54/237 D"]),
    ("the Final Document of the Tenth Special Session (resolution S-10/2),", ["A/RES/S-10/2"]),
    ("Recalling its resolution ES-10/19 of 21 December 2017,", ["A/RES/ES-10/19"]),
    ("Reaffirming its resolution S-24/2 of 1 July 2000,", ["A/RES/S-24/2"]),
    # --- General Assembly: the numbering before 1976, session in Roman numerals
    ("Recalling its resolution 2286 (XXII) of 5 December 1967,", ["A/RES/2286(XXII)"]),
    ("1 See resolution 169 (II).", ["A/RES/169(II)"]),
    ("Having received General Assembly resolution 181 (II) of 29 November 1947 on Palestine,",
     ["A/RES/181(II)"]),
    ("as provided in General Assembly resolution 377 A (V) of 3 November 1950,",
     ["A/RES/377(V)[A]"]),
    ("Recalling its resolutions 3411 A and B (XXX) of 28 November 1975,",
     ["A/RES/3411(XXX)[A]", "A/RES/3411(XXX)[B]"]),
    ("Recalling General Assembly resolutions 2253 (ES-V) of 4 July 1967 and 2254 (ES-V) of "
     "14 July 1967,", ["A/RES/2253(ES-V)", "A/RES/2254(ES-V)"]),
    ("Taking note of General Assembly resolutions 2248 (S-V) of 19 May 1967, 2324 (XXII) and "
     "2325 (XXII) of 16 December 1967,",
     ["A/RES/2248(S-V)", "A/RES/2324(XXII)", "A/RES/2325(XXII)"]),
    ("Recalling General Assembly resolutions 1514 (XV) of 14 December 1960, 1747(XVI) of "
     "28 June 1962", ["A/RES/1514(XV)", "A/RES/1747(XVI)"]),
    # --- Security Council, as the OCR of the CC0 texts has it
    ("Recalling resolution 242 (1967) of 22 November 1967,", ["S/RES/242 (1967)"]),
    ("Emphasizing Security Council resolution 242 (1967),", ["S/RES/242 (1967)"]),
    ("Reaffirming its resolutions 757 (1992) and 787 (1992),",
     ["S/RES/757 (1992)", "S/RES/787 (1992)"]),
    ("Recalling its resolution 1447 (2002) of 4 December 2002,", ["S/RES/1447 (2002)"]),
    ("Recalling its previous relevant resolutions, in particular resolution 661 (1990) of "
     "6 August 1990, 986 (1995) of 14 April 1995, 1284 (1999) of 17 December 1999,",
     ["S/RES/661 (1990)", "S/RES/986 (1995)", "S/RES/1284 (1999)"]),
    # a conference's resolution in the chapter of its report is none of the Council's
    ("(United Nations publication, Sales No. E.96.IV.8), chap. I, resolution 1, annexes I and "
     "II.", []),
]


@pytest.mark.parametrize(("text", "expected"), SYMBOLS, ids=[c[0][:60] for c in SYMBOLS])
def test_symbol_forms(text: str, expected: list[str]) -> None:
    assert [c.symbol for c in find_citations(text)] == expected


def test_footnotes_and_annexes_are_read_like_any_paragraph() -> None:
    """The library finds and links the citations of every block, whatever its kind."""
    doc = Document(
        symbol="A/RES/80/99", body="General Assembly", date="2025-12-01", title="",
        kind=DocumentKind.RESOLUTION,
        blocks=[
            Block("op1", BlockKind.OPERATIVE, "Decides to review paragraph 2 of annex B;",
                  number="1"),
            Block("fn1", BlockKind.FOOTNOTE, "See resolution 70/1.", number="1"),
            Block("annexB.1", BlockKind.ANNEX_PARAGRAPH,
                  "Recalling General Assembly resolution 2200 A (XXI),", number="1",
                  annex="B"),
        ],
    )
    extra = library._citations_of(doc)
    library._link([doc], {doc.symbol: extra})
    refs = {b.id: [(r.target, r.paragraph) for r in b.refs] for b in doc.blocks}
    assert refs == {
        "op1": [("A/RES/80/99", "annexB.2")],
        "fn1": [("A/RES/70/1", None)],
        "annexB.1": [("A/RES/2200(XXI)[A]", None)],
    }


def test_relative_survives_the_cache_round_trip() -> None:
    import dataclasses

    (citation,) = find_citations("paragraph 6 above")
    assert citation.relative
    assert Citation(**dataclasses.asdict(citation)) == citation


LONG = {
    "a real paragraph, repeated": (
        "Recalling its resolutions 1267 (1999), 1989 (2011) and 2253 (2015), and in particular "
        "paragraph 5 thereof, paragraph 6 of annex B, paragraphs 17, 18 and 19 of the report of "
        "the Secretary-General of 26 March 1993 (S/25479), Article 2, paragraph 4, of the "
        "Charter, (A/80/534, para. 7) and resolution 54/237 C, ") * 80,
    "a long list of paragraphs": "paragraphs " + ", ".join(str(i % 999 + 1) for i in range(4000)),
    "a long list of sub-paragraphs": "paragraph 1 " + ", ".join("(a)" for _ in range(5000)),
    "spaces after a paragraph": "paragraph 5," + " " * 20000,
    "spaces after a resolution": "resolution 5 (1946)," + " " * 20000,
    "letters that never reach a session": "resolution 3411 " + "A , " * 5000,
    "descriptions that never reach a symbol": ("paragraph 5 of the report of " + "a" * 140
                                               + " ") * 120,
    "brackets": "paragraph 5 of " + "(" * 20000,
    "thereof far from everything": ("resolution 661 (1990), " + "x " * 50
                                    + "in particular paragraph 3 thereof; ") * 150,
}


@pytest.mark.parametrize("name", list(LONG))
def test_a_long_paragraph_is_read_in_linear_time(name: str) -> None:
    """Each takes a few milliseconds; the bound is loose (a shared machine is noisy) and
    catches only backtracking, which took seconds."""
    text = LONG[name][:20000]
    find_citations(text)  # compile the patterns first
    start = time.perf_counter()
    find_citations(text)
    assert time.perf_counter() - start < 2.0
