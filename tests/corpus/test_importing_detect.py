"""Metadata read off an imported text: what the official first page and closing lines state,
and nothing that they do not."""

from __future__ import annotations

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


def test_an_impossible_date_is_no_date():
    text = BARE.replace("The Security Council,", "Resolution 9 (1946)\n\nAdopted by the "
                        "Security Council at its 9th meeting, on 31 February 1946\n\n"
                        "The Security Council,")
    meta = detect_metadata(text, "markdown")
    assert (meta.symbol, meta.meeting, meta.date) == ("S/RES/9 (1946)", "9th meeting", None)


def test_a_human_rights_council_resolution_gets_its_own_series():
    text = ("38/5. Promoting human rights\n\nThe Human Rights Council,\n\n"
            "Recalling its resolutions,\n\n1. *Decides* to remain seized of the matter.\n")
    meta = detect_metadata(text, "markdown")
    assert meta.body == "Human Rights Council" and meta.symbol == "A/HRC/RES/38/5"


def test_an_economic_and_social_council_resolution_reads_as_one():
    from corpus.parsing.phrases import INTRO

    assert INTRO.match("The Economic and Social Council,").group(1) == (
        "Economic and Social Council")
