"""The "not in your library" card: a clear statement, and every place that cites the document."""

from __future__ import annotations

import html
import re

from corpus.library import Citing, Library
from corpus.model import Block, BlockKind, Document, DocumentKind, Ref
from reader.document.card import citing_places, render_not_in_library
from reader.document.links import LinkTarget, parse_link
from reader.document.render import stylesheet

ABSENT = "S/RES/2178 (2014)"


def places(card: str) -> list[LinkTarget]:
    """The citing places a card links to, in order."""
    hrefs = re.findall(r'<a class="citing" href="([^"]*)"', card)
    return [parse_link(html.unescape(h)) for h in hrefs]


def labels(card: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<a class="citing" [^>]*>([^<]*)</a>', card)]


def text_of(card: str) -> str:
    """What the reader sees: the body's text, tags dropped, entities decoded."""
    text = html.unescape(re.sub(r"<[^>]+>", "", card.split("</style>", 1)[-1]))
    return text.replace("\N{NO-BREAK SPACE}", " ")


def test_card_says_the_document_is_not_in_the_library(library):
    card = render_not_in_library(ABSENT, library.cited_by(ABSENT), library)

    assert "S/RES/2178 (2014) is not in your library" in text_of(card)
    assert "Security Council resolution" in text_of(card)
    assert "S/RES/2178&nbsp;(2014) is not" in card  # the year never wraps onto its own line
    assert stylesheet() in card


def test_card_lists_every_place_in_the_library_that_cites_it(library):
    citing = library.cited_by(ABSENT)
    card = render_not_in_library(ABSENT, citing, library)

    assert len(citing) > 20
    assert places(card) == [LinkTarget(c.symbol, block=c.block) for c in citing]
    assert f"Cited in {len(citing)} places in your library" in text_of(card)


def test_each_place_is_labelled_as_a_diplomat_cites_it(library):
    card = render_not_in_library(ABSENT, library.cited_by(ABSENT), library)

    assert "S/RES/2396 (2017), para. 18" in labels(card)
    assert "S/RES/2396 (2017), preambular paragraph 10" in labels(card)
    assert "A/RES/72/284, para. 36" in labels(card)


def test_each_place_shows_the_words_around_the_citation(library):
    card = render_not_in_library(ABSENT, library.cited_by(ABSENT), library)
    shown = text_of(card)
    op18 = library.get("S/RES/2396 (2017)").block("op18").text
    start = op18.index("paragraph 6 of resolution 2178 (2014)")

    assert '<span class="cited">paragraph 6 of resolution 2178 (2014)</span>' in card
    assert op18[start - 60:start + 80] in shown


def test_a_bare_number_explains_the_missing_year_and_finds_its_citations():
    # The record dates every bundled bare number now, so the library is made in code.
    text = "Recalling paragraph 29 of resolution 2999 and resolution 2999,"
    refs = [Ref(text.index("paragraph"), text.index(" and"), "paragraph 29 of resolution 2999",
                None, "29", "S/RES/2999"),
            Ref(text.rindex("2999"), text.rindex("2999") + 4, "2999", None,
                partial="S/RES/2999")]
    library = Library([Document("S/RES/2396 (2017)", "Security Council", "2017-12-21", "t",
                                DocumentKind.RESOLUTION,
                                [Block("pp32", BlockKind.PREAMBULAR, text, refs=refs)])])
    card = render_not_in_library("S/RES/2999", library.cited_by("S/RES/2999"), library,
                                 year_unknown=True)

    assert "S/RES/2999 is not in your library" in text_of(card)
    assert "resolution 2999 without its year" in text_of(card)
    found = places(card)
    assert found == [LinkTarget("S/RES/2396 (2017)", block="pp32")] * 2
    assert found == [LinkTarget(c.symbol, block=c.block)
                     for c in citing_places(library, "S/RES/2999")]


def test_a_bare_number_dated_by_the_record_is_cited_under_its_symbol(library):
    # "paragraph 29 of resolution 2388" in 2396 and its draft: the record gives 2388 its year.
    card = render_not_in_library("S/RES/2388 (2017)", library.cited_by("S/RES/2388 (2017)"),
                                 library)

    found = places(card)
    assert LinkTarget("S/RES/2396 (2017)", block="pp32") in found
    assert LinkTarget("S/2017/1051", block="pp32") in found


def test_the_card_shows_what_the_record_says_and_offers_an_import(library):
    from corpus.record import load_record

    entry = load_record().get("S/RES/1267 (1999)")
    card = render_not_in_library("S/RES/1267 (1999)", library.cited_by("S/RES/1267 (1999)"),
                                 library, entry=entry)
    shown = text_of(card)

    assert "In the Security Council's record, S/RES/1267 (1999):" in shown
    assert "Date: 15 October 1999" in shown
    assert "Meeting: S/PV.4051" in shown
    assert "Topic: Afghanistan" in shown
    assert "Vote: 15-0-0" in shown
    assert "Vetoed by" not in shown
    assert "Import… a file of its text" in shown
    [href] = re.findall(r'<a class="import" href="([^"]*)"', card)
    assert parse_link(html.unescape(href)) == LinkTarget("S/RES/1267 (1999)", action="import")
    # ... and it still lists every place citing it
    assert len(places(card)) == len(library.cited_by("S/RES/1267 (1999)")) > 0


def test_a_vetoed_draft_names_who_vetoed_it():
    from corpus.record import load_record

    entry = load_record().get("S/PV.23")
    card = render_not_in_library("S/PV.23", [], Library([]), entry=entry)

    assert "Vetoed by: USSR" in text_of(card)
    assert "Date: 16 February 1946" in text_of(card)


def test_a_wrong_year_says_what_the_record_has():
    from corpus.record import load_record

    entry = load_record().get("S/RES/2195 (2014)")
    card = render_not_in_library("S/RES/2195 (2015)", [], Library([]), entry=entry,
                                 correction="S/RES/2195 (2014)")
    shown = text_of(card)

    assert "S/RES/2195 (2015) is not in your library" in shown
    assert "The text cites S/RES/2195 (2015); the record has S/RES/2195 (2014)." in shown
    assert "Date: 19 December 2014" in shown


def test_the_records_facts_are_escaped():
    from corpus.record import RecordEntry

    entry = RecordEntry("S/RES/9 (1946)", "resolution", "1946-01-01", "S/PV.<1>",
                        "<b>Topic</b> & more", "11-0-0")
    card = render_not_in_library("S/RES/9 (1946)", [], Library([]), entry=entry)

    assert "<b>Topic</b>" not in card and "&lt;b&gt;Topic&lt;/b&gt; &amp; more" in card
    assert "Topic: <b>Topic</b> & more" in text_of(card)


def test_nothing_cites_it():
    card = render_not_in_library("A/RES/1/1", [], Library([]))

    assert "Nothing in your library cites it." in text_of(card)
    assert places(card) == []


HOSTILE = "Recalling <script>alert(1)</script> & resolution 2178 (2014) of <b>old</b>,"


def _hostile_library() -> Library:
    start = HOSTILE.index("2178")
    ref = Ref(start, start + 11, "2178 (2014)", "S/RES/2178 (2014)")
    sub = Ref(0, 4, "2178", "S/RES/2178 (2014)")
    doc = Document(
        "S/RES/<9> (2030)", "Security Council", "2030-01-01", "t", DocumentKind.RESOLUTION,
        [Block("pp1", BlockKind.PREAMBULAR, HOSTILE, refs=[ref]),
         Block("op9", BlockKind.OPERATIVE, "Decides:", number="9"),
         Block("op9.a", BlockKind.SUBPARAGRAPH, "2178 & more;", number="a", parent="op9",
               refs=[sub])])
    return Library([doc])


def test_card_escapes_every_piece_of_text():
    library = _hostile_library()
    card = render_not_in_library("<S/RES/2178 (2014)>", library.cited_by(ABSENT), library)

    assert "<script>" not in card and "<b>old</b>" not in card and "<S/RES" not in card
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in card
    assert "S/RES/&lt;9&gt; (2030), preambular paragraph 1" in card
    assert "<S/RES/2178 (2014)> is not in your library" in text_of(card)


def test_a_subparagraph_is_cited_with_its_letter():
    library = _hostile_library()
    card = render_not_in_library(ABSENT, library.cited_by(ABSENT), library)

    assert labels(card)[-1] == "S/RES/<9> (2030), para. 9 (a)"
    assert places(card)[-1] == LinkTarget("S/RES/<9> (2030)", block="op9.a")


def test_a_long_paragraph_is_cut_at_words_around_the_citation():
    text = " ".join(f"word{i}" for i in range(100)) + " resolution 2178 (2014) " + " ".join(
        f"tail{i}" for i in range(100))
    start = text.index("2178")
    doc = Document("A/RES/1/1", "General Assembly", "2020-01-01", "", DocumentKind.RESOLUTION,
                   [Block("op1", BlockKind.OPERATIVE, text, number="1",
                          refs=[Ref(start, start + 11, "2178 (2014)", ABSENT)])])
    library = Library([doc])
    card = render_not_in_library(ABSENT, library.cited_by(ABSENT), library)
    excerpt = text_of(re.search(r'<p class="excerpt">.*?</p>', card).group(0))

    assert excerpt.startswith("…word") and excerpt.endswith("…")
    assert len(excerpt) < 260
    assert "resolution 2178 (2014) tail0" in excerpt
    assert all(len(w) > 4 for w in excerpt.strip("…").split() if w.startswith(("word", "tail")))


def test_citing_places_of_a_full_symbol_are_the_librarys_cited_by(library):
    assert citing_places(library, ABSENT) == library.cited_by(ABSENT)
    assert all(isinstance(c, Citing) for c in citing_places(library, "S/RES/2388"))
