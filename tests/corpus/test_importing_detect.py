"""Metadata read off an imported text: what the official first page and closing lines state,
and nothing that they do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.importing.detect import Metadata, detect_metadata
from corpus.manifest import load_manifest
from corpus.model import DocumentKind

SOURCES = {entry.symbol: entry for entry in load_manifest()}
FIELDS = ("symbol", "body", "date", "meeting", "kind", "title")

#: What each bundled text states; the rest of its manifest entry is not in the text at all.
#: No Security Council text names its agenda item ("Threats to international peace…"), and the
#: PDF text of 2322 has lost its whole first page: only its intro says whose it is.
STATED = {
    "S/RES/2396 (2017)": ("symbol", "body", "date", "meeting", "kind"),
    "S/2017/1051": ("symbol", "body", "date", "kind"),  # a draft has no meeting
    "S/RES/2395 (2017)": ("symbol", "body", "date", "meeting", "kind"),
    "S/RES/2322 (2016)": ("body",),
    "A/RES/72/284": ("symbol", "body", "date", "meeting", "kind", "title"),
}


@pytest.mark.parametrize("symbol", list(STATED))
def test_bundled_texts_state_what_the_manifest_says(symbol):
    entry = SOURCES[symbol]
    meta = detect_metadata(entry.path.read_text(encoding="utf-8"), entry.format)
    for name in FIELDS:
        expected = getattr(entry, name) if name in STATED[symbol] else None
        assert getattr(meta, name) == expected, name
    assert (meta.subject, meta.draft_of) == (None, None)
    assert meta.missing() == [n for n in ("symbol", "body", "date", "kind")
                              if n not in STATED[symbol]]


def test_the_sponsors_of_the_bundled_draft(library):
    entry = SOURCES["S/2017/1051"]
    meta = detect_metadata(entry.path.read_text(encoding="utf-8"), entry.format)
    assert meta.sponsors == library.get("S/2017/1051").sponsors
    assert len(meta.sponsors) == 66
    assert "United Kingdom of Great Britain and Northern Ireland" in meta.sponsors


SC_PDF = """\
 United Nations  S/RES/2396 (2017)*
Security Council  Distr.: General
21 December 2017

17-23234 (E)
*1723234*

Resolution 2396 (2017)
Adopted by the Security Council at its 8148th meeting, on
21 December 2017

 The Security Council,
 Reaffirming its resolutions 1267 (1999),
"""

GA_DRAFT_PDF = """\
 United Nations  A/72/L.62
General Assembly  Distr.: Limited
14 June 2018
Original: English
Seventy-second session
Agenda item 118
The United Nations Global Counter-Terrorism Strategy
 Afghanistan, Albania, Antigua and Barbuda, Australia, Bosnia and Herzegovina,
Canada and Trinidad and Tobago: draft resolution
The United Nations Global Counter-Terrorism Strategy Review
 The General Assembly,
 Reaffirming the United Nations Global Counter-Terrorism Strategy,
"""

GA_ADOPTED_AT = """\
**General Assembly**

70/291. The United Nations Global Counter-Terrorism Strategy Review

*Adopted at its 107th plenary meeting, on 1 July 2016, without a vote*

The General Assembly,

1. *Decides* to remain seized.
"""

DOCX_MARKDOWN = """\
Resolution 2396 (2017)

Adopted by the Security Council at its 8148th meeting, on 21 December 2017

The Security Council,

1. *Decides* to remain seized of the matter.

¹ A/71/858.
"""

GA_CLOSING_THEN_FOOTNOTES = """\
The General Assembly,

Recalling its resolution 60/288,¹

1. *Decides* to include the item.

101st plenary meeting
26 June 2018

¹ A/71/858.
"""

BARE = """\
The Security Council,

Recalling its resolutions,

1. *Decides* to remain seized of the matter.
"""

ISSUED_ONLY = """\
General Assembly

Distr.: General
2 July 2018

The General Assembly,

1. *Decides* to remain seized.
"""


@pytest.mark.parametrize(("text", "form", "expected"), [
    (SC_PDF, "pdf-text", Metadata(
        symbol="S/RES/2396 (2017)", body="Security Council", date="2017-12-21",
        meeting="8148th meeting", kind=DocumentKind.RESOLUTION)),
    (GA_DRAFT_PDF, "pdf-text", Metadata(
        symbol="A/72/L.62", body="General Assembly", date="2018-06-14",
        kind=DocumentKind.DRAFT,
        title="The United Nations Global Counter-Terrorism Strategy Review",
        sponsors=["Afghanistan", "Albania", "Antigua and Barbuda", "Australia",
                  "Bosnia and Herzegovina", "Canada", "Trinidad and Tobago"])),
    (GA_ADOPTED_AT, "markdown", Metadata(
        symbol="A/RES/70/291", body="General Assembly", date="2016-07-01",
        meeting="107th plenary meeting", kind=DocumentKind.RESOLUTION,
        title="The United Nations Global Counter-Terrorism Strategy Review")),
    (DOCX_MARKDOWN, "markdown", Metadata(
        symbol="S/RES/2396 (2017)", body="Security Council", date="2017-12-21",
        meeting="8148th meeting", kind=DocumentKind.RESOLUTION)),
    (GA_CLOSING_THEN_FOOTNOTES, "markdown", Metadata(
        body="General Assembly", date="2018-06-26", meeting="101st plenary meeting",
        kind=DocumentKind.RESOLUTION)),
    (BARE, "markdown", Metadata(body="Security Council")),
    # A resolution's date of issue is not the day it was adopted: not taken for it.
    (ISSUED_ONLY, "markdown", Metadata(body="General Assembly")),
], ids=["sc-pdf", "ga-draft-pdf", "ga-adopted-at", "docx", "ga-closing", "bare", "issued-only"])
def test_what_a_first_page_states(text, form, expected):
    assert detect_metadata(text, form) == expected


def test_missing_names_the_required_fields_in_order():
    assert Metadata().missing() == ["symbol", "body", "date", "kind"]  # a title is optional
    assert Metadata(body="Security Council", kind=DocumentKind.DRAFT).missing() == [
        "symbol", "date"]


def test_an_impossible_date_is_no_day():
    text = BARE.replace("The Security Council,", "Resolution 9 (1946)\n\nAdopted by the "
                        "Security Council at its 9th meeting, on 31 February 1946\n\n"
                        "The Security Council,")
    meta = detect_metadata(text, "markdown")
    assert (meta.symbol, meta.meeting, meta.date) == ("S/RES/9 (1946)", "9th meeting", "1946")


def test_a_human_rights_council_resolution_gets_its_own_series():
    text = ("38/5. Promoting human rights\n\nThe Human Rights Council,\n\n"
            "Recalling its resolutions,\n\n1. *Decides* to remain seized of the matter.\n")
    meta = detect_metadata(text, "markdown")
    assert meta.body == "Human Rights Council" and meta.symbol == "A/HRC/RES/38/5"


def test_an_economic_and_social_council_resolution_reads_as_one():
    from corpus.parsing.phrases import INTRO

    assert INTRO.match("The Economic and Social Council,").group(1) == (
        "Economic and Social Council")


# --- Title blocks of every period, as the scanned Security Council texts have them -----------
#
# The lines below are copied from the CC0 texts of CR-UNSC (corpus/sources/cr-unsc), OCR damage
# and all; between the title block and the closing line a paragraph stands for the text.

CC0 = Path(__file__).resolve().parents[2] / "corpus" / "sources" / "cr-unsc"
BODY = "\n\n1. Decides to remain seized of the matter.\n\n"


def sc_text(head: str, closing: str = "") -> str:
    return head + "\n\nThe Security Council,\n" + BODY + closing


@pytest.mark.parametrize(("text", "symbol", "date", "meeting"), [
    # the yearbooks (1946–1991): the date under the title, the meeting in the closing line
    (sc_text("Resolution 242 (1967)\nof 22 November 1967",
             "Adopted unanimously at the\n1382nd meeting."),
     "S/RES/242 (1967)", "1967-11-22", "1382nd meeting"),
    (sc_text("84 (1950). Resolution of 7 July 1950\n[S/1588]",
             "Adopted at the 476th meeting\nby 7 votes to none, with 3\nabstentions (Egypt, "
             "India,\nYugoslavia). 13\n\n13 One member (Union of Soviet Socialist Republics) "
             "was absent."),
     "S/RES/84 (1950)", "1950-07-07", "476th meeting"),
    (sc_text("Resolution 338 (1973)\nof 22 October 1973",
             "Adopted at the 1747th meeting by 14 votes to none 27"),
     "S/RES/338 (1973)", "1973-10-22", "1747th meeting"),
    (sc_text("Resolution 892 (1993) of 22 December 1993"),  # one line
     "S/RES/892 (1993)", "1993-12-22", None),
    (sc_text("Resolution 462 (1980) ",  # no date at all: the year, from the symbol
             "Adopted at the resumed\n2190th meeting by 12 votes to 2"),
     "S/RES/462 (1980)", "1980", "resumed 2190th meeting"),
    (sc_text("Resolution 290\nof 8 December 1970",  # no year in the title: the date's
             "Adopted at the 1563rd meeting by 11 votes to none,\nwith 4 abstentions (France,"),
     "S/RES/290 (1970)", "1970-12-08", "1563rd meeting"),
    (sc_text("Resolution 434 (1973)\nof 18 September 1978",  # a year impossible for 434
             "Adopted at the 2085th meeting by 12 votes to none,"),
     "S/RES/434 (1978)", "1978-09-18", "2085th meeting"),
    (sc_text("Resolution 889 (1993)\n\nof 15 December 1993",
             "Adopted without a vote at the 2nd\nmeeting"),
     "S/RES/889 (1993)", "1993-12-15", "2nd meeting"),
    (sc_text("Resolution 201 (1965)\nof 19 March 1965",
             "Adopted at the 1193rd meet-\ning.\n\n12 Ibid., document S/6228."),
     "S/RES/201 (1965)", "1965-03-19", "1193rd meeting"),
    # the 1992–1994 masthead, the date on the line after the meeting or on the same one
    (sc_text("RESOLUTION 794 (1992)\n\nAdopted by the Security Council at its 3145th meeting,"
             "\non 3 December 1992\n\n "),
     "S/RES/794 (1992)", "1992-12-03", "3145th meeting"),
    (sc_text("RESOLUTION 820 (1993)\n\nAdopted by the Security Council at its 3200th meeting,"
             "\non 17 April 1993"),
     "S/RES/820 (1993)", "1993-04-17", "3200th meeting"),
    (sc_text("RESOLUTION 827 (1993)\n\nAdopted by the Security Council at its 3217th meeting, "
             "on\n25 May 1993"),
     "S/RES/827 (1993)", "1993-05-25", "3217th meeting"),
    (sc_text("UNITED NATIONS\n\nS\n\nSecurity Council\n\nDistr.\nGENERAL\n\nS/RES/902 (1994)\n"
             "11 March 1994\n\n\n\nRESOLUTION 902 (1994)\n\nAdopted by the Security Council at "
             "its 3347th meeting,\non 11 March 1994"),
     "S/RES/902 (1994)", "1994-03-11", "3347th meeting"),
    # the modern layout, with its page furniture
    (sc_text("United Nations S/RES/1445 (2002)\n\nSecurity Council Distr.: General\n"
             "4 December 2002\n\n02-72318 (E)\n\nResolution 1445 (2002)\n\nAdopted by the "
             "Security Council at its 4653rd meeting,\non 4 December 2002"),
     "S/RES/1445 (2002)", "2002-12-04", "4653rd meeting"),
], ids=["yearbook", "yearbook-1950", "closing-by-votes", "one-line", "no-date", "no-year",
        "wrong-year", "blank-line", "meet-ing", "masthead-1992", "masthead-1993",
        "date-next-line", "letterhead-1994", "modern-2002"])
def test_security_council_title_blocks(text, symbol, date, meeting):
    meta = detect_metadata(text, "pdf-text")
    assert (meta.symbol, meta.date, meta.meeting) == (symbol, date, meeting)
    assert (meta.body, meta.kind, meta.missing()) == (
        "Security Council", DocumentKind.RESOLUTION, [])


@pytest.mark.parametrize(("text", "symbol", "date", "meeting"), [
    (sc_text("Resolution 687 (1991)\nof 3 Apri] 1991",
             "Adopted at the 298Ist meeting by 12\nvotes to 1 (Cuba) with 2 abstentions"),
     "S/RES/687 (1991)", "1991-04-03", "2981st meeting"),
    (sc_text("Resolution 638 (1989)\nof 3f July 1989", "Adopted unanimously at the\n2872nd "
             "meeting."),
     "S/RES/638 (1989)", "1989-07-31", "2872nd meeting"),
    (sc_text("RESOLUTION 856 (1993)\n\nAdopted by the Security Council at its 3263rd meeting,\n"
             "on 10 Auqust 1993"),
     "S/RES/856 (1993)", "1993-08-10", "3263rd meeting"),
    (sc_text("Resolution 705 (1991)\nof 15 August. 1991"), "S/RES/705 (1991)", "1991-08-15",
     None),
    (sc_text("6 (1946). Resolution of 17 May 1946 21"), "S/RES/6 (1946)", "1946-05-17", None),
    (sc_text("Resolution 361 (197-4)\nof 30 August 1974", "Adopted unanimously at the\n"
             "1795th meeting."),
     "S/RES/361 (1974)", "1974-08-30", "1795th meeting"),
    # "£964": the year is damaged; the symbol's is the year of adoption, the day stands
    (sc_text("Resolution 226 (1966)\nof 14 October £964",
             "Adopted unanimously at the\n1306th meeting."),
     "S/RES/226 (1966)", "1966-10-14", "1306th meeting"),
    # a month without its day: the year alone
    (sc_text("RESOLUTION 801 (1993)\n\nAdopted by the Security Council at its 3158th meeting, "
             "on January 1993"),
     "S/RES/801 (1993)", "1993", "3158th meeting"),
    (sc_text("RESOLUTION 854 (1993)\n\nAdopted by the Security Council at its 326lst meeting,\n"
             "on 6 August 1993"),
     "S/RES/854 (1993)", "1993-08-06", "3261st meeting"),
    (sc_text("RESOLUTION 852 (1993)\n\nAdopted by the Security Council at _its 3258th meeting,"
             "\non 28 July 1993"),
     "S/RES/852 (1993)", "1993-07-28", "3258th meeting"),
    (sc_text("RESOLUTION 786 (1992)\n\nAdopted by the Security Council at its 3133rd_ meeting,"
             "\non 10 November 1992"),
     "S/RES/786 (1992)", "1992-11-10", "3133rd meeting"),
    (sc_text("Resolution 494 (1981)\nof 11 December 1981", "Adapted unanimously at the\n"
             "2312th meeting."),
     "S/RES/494 (1981)", "1981-12-11", "2312th meeting"),
    (sc_text("Resolution 663 (1990)\nof 14 August 1990", "Approved unanimously at the\n"
             "2936th meeting."),
     "S/RES/663 (1990)", "1990-08-14", "2936th meeting"),
    (sc_text("Resolution 624 (1988)\nof 30 November 1988", "Adopted unanimously at the\n"
             "283 1st meeting."),
     "S/RES/624 (1988)", "1988-11-30", "2831st meeting"),
    (sc_text("Resolution 719 (1991)\nof 6 November 1991", "Adopted unanimously at the 30i6th\n"
             "meeting."),
     "S/RES/719 (1991)", "1991-11-06", "3016th meeting"),
    (sc_text("Resolution 764 (1992)\nof 13 July 1992", "Adopted unanimous at the 3O93rd\n"
             "meeting."),
     "S/RES/764 (1992)", "1992-07-13", "3093rd meeting"),
    (sc_text("Resolution 476 (1980)\nof 30 June 1980", "Adopted ut the 2242nd meeting by 14 "
             "votes to none, with 1\nabstention (United States of\nAmerica)."),
     "S/RES/476 (1980)", "1980-06-30", "2242nd meeting"),
    (sc_text("Resolution 589 (1986)\nof 10 October 1986", "Adopted unanimously at the\n"
             "2714th (closed) meeting"),
     "S/RES/589 (1986)", "1986-10-10", "2714th (closed) meeting"),
    # damage that would make a wrong meeting is no meeting: "299155" for "2991st"
    (sc_text("Resolution 696 (1991)\nof 30 May 1991", "Adopted unanimously at the 299155\n"
             "meeting"),
     "S/RES/696 (1991)", "1991-05-30", None),
    # not in the 902, but what a hyphenated month and an "l" for a "1" would be
    (sc_text("Resolution 700 (1991)\nof l7 Novem-\nber 1991"), "S/RES/700 (1991)",
     "1991-11-17", None),
], ids=["Apri]", "3f", "Auqust", "August.", "footnote-digits", "197-4", "£964", "no-day",
        "326lst", "_its", "rd_", "Adapted", "Approved", "283 1st", "30i6th", "3O93rd", "ut",
        "closed", "299155", "Novem-ber"])
def test_ocr_damage_in_title_blocks_and_closing_lines(text, symbol, date, meeting):
    meta = detect_metadata(text, "pdf-text")
    assert (meta.symbol, meta.date, meta.meeting) == (symbol, date, meeting)


def test_a_yearbook_topic_in_capitals_is_the_title():
    text = (CC0 / "S_RES_0001_1946_EN_GOLD.txt").read_text(encoding="utf-8")
    meta = detect_metadata(text, "markdown")  # one paragraph a line: read as Markdown
    assert (meta.symbol, meta.date, meta.meeting, meta.title) == (
        "S/RES/1 (1946)", "1946-01-25", "2nd meeting", "MILITARY STAFF COMMITTEE")


def test_the_intro_without_its_comma_names_the_body():
    meta = detect_metadata("Resolution 338 (1973)\nof 22 October 1973\n\nThe Security Council"
                           "\n\n1. Calls upon all parties to the present fighting to cease all "
                           "firing\n", "pdf-text")
    assert (meta.body, meta.symbol, meta.date) == (
        "Security Council", "S/RES/338 (1973)", "1973-10-22")


def test_every_cc0_text_states_its_symbol_kind_and_year():
    """The 902: each a resolution with its symbol and at least its year; the day wherever the
    text states it (all but 462, with no date, and 801, with no day)."""
    days = 0
    for path in sorted(CC0.glob("S_RES_*.txt")):
        meta = detect_metadata(path.read_text(encoding="utf-8"), "pdf-text")
        number, year = path.name.split("_")[2:4]
        assert meta.missing() == [] and meta.kind == DocumentKind.RESOLUTION, path.name
        assert meta.body == "Security Council", path.name
        assert meta.date[:4] == meta.symbol[-5:-1] == year, path.name
        days += len(meta.date) == 10
        if path.name not in ("S_RES_0542_1983_EN_GOLD.txt", "S_RES_0778_1992_EN_GOLD.txt"):
            assert meta.symbol == f"S/RES/{int(number)} ({year})", path.name
        else:  # their title lines say "Resolution 538 (1983)", "Resolution 773 (1992)"
            assert meta.symbol != f"S/RES/{int(number)} ({year})"
    assert days == 900


# --- General Assembly: the text layer of an official PDF --------------------------------------
#
# Written for these tests after the layout of A/RES/80/1–5 (2025): the letterhead first, lines
# ending in a space, the title wrapped, each operative number on its own line.

GA_LETTERHEAD = """\
United Nations
A/RES/80/4

General Assembly
Distr.: General
31 October 2025

25-17552 (E)
*2517552*

Eightieth session
Agenda item 38
Cooperation between the United Nations and regional
organizations

"""

GA_ADOPTED = GA_LETTERHEAD + """\
 Resolution adopted by the General Assembly
on 29 October 2025

[without reference to a Main Committee (A/80/L.6)]

80/4. Cooperation between the United Nations and regional and
subregional organizations


The General Assembly,

Recalling its previous resolutions on the item,

1.
Requests the Secretary-General to report at its eighty-first session.

22nd plenary meeting
29 October 2025

__________________

1 A/80/83.
"""

GA_DECLARATION = GA_ADOPTED.replace("The General Assembly,", "The General Assembly").replace(
    "Recalling its previous resolutions on the item,\n\n1.\nRequests",
    "Adopts the declaration annexed to the present resolution, and requests").replace(
    "__________________\n\n1 A/80/83.\n",
    "Annex\nDeclaration\n1. We commit to act.\n2. We commit to report.\n")

GA_NO_DATE = GA_LETTERHEAD + """\
80/4. Cooperation between the United Nations and regional and
subregional organizations

The General Assembly,

1.
Requests the Secretary-General to report at its eighty-first session.
"""


def pdf_layer(text: str) -> str:
    """``text`` as PyMuPDF gives it: every line ends in a space, blank ones hold a space."""
    return "\n".join(line + " " for line in text.split("\n"))


@pytest.mark.parametrize(("text", "date", "meeting"), [
    (pdf_layer(GA_ADOPTED), "2025-10-29", "22nd plenary meeting"),
    (pdf_layer(GA_DECLARATION), "2025-10-29", "22nd plenary meeting"),  # closing before annex
    (pdf_layer(GA_NO_DATE), None, None),  # the date of issue is not the day of adoption: ask
], ids=["adopted", "declaration", "no-date"])
def test_general_assembly_pdf_text(text, date, meeting):
    meta = detect_metadata(text, "pdf-text")
    assert (meta.symbol, meta.body, meta.kind) == (
        "A/RES/80/4", "General Assembly", DocumentKind.RESOLUTION)
    assert meta.title == ("Cooperation between the United Nations and regional and subregional "
                          "organizations")
    assert (meta.date, meta.meeting) == (date, meeting)
    assert meta.missing() == ([] if date else ["date"])


def test_a_year_only_date_says_the_day_is_unknown():
    from corpus.model import Document

    def doc(date):
        return Document(symbol="S/RES/2253 (2015)", body="Security Council", date=date,
                        title="", kind=DocumentKind.RESOLUTION, blocks=[])

    assert (doc("2015").year, doc("2015").date_known) == (2015, False)
    assert (doc("2015-12-17").year, doc("2015-12-17").date_known) == (2015, True)
