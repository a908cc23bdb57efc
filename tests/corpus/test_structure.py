"""The structure of each bundled document, counted by hand in the official texts."""

from __future__ import annotations

import pytest

from corpus.model import BlockKind

COUNTS = [
    # symbol, preambular, operative, headings, sub-paragraphs, footnotes
    ("S/RES/2396 (2017)", 36, 51, 4, 0, 0),
    ("S/2017/1051", 36, 51, 4, 0, 0),
    ("S/RES/2395 (2017)", 33, 33, 0, 0, 0),
    ("S/RES/2322 (2016)", 20, 22, 0, 16, 0),
    ("A/RES/72/284", 38, 85, 0, 0, 11),
]


@pytest.mark.parametrize(("symbol", "pp", "op", "headings", "subs", "footnotes"), COUNTS)
def test_block_counts(library, symbol, pp, op, headings, subs, footnotes):
    doc = library.get(symbol)
    assert len(doc.blocks_of(BlockKind.PREAMBULAR)) == pp
    assert len(doc.blocks_of(BlockKind.OPERATIVE)) == op
    assert len(doc.blocks_of(BlockKind.HEADING)) == headings
    assert len(doc.blocks_of(BlockKind.SUBPARAGRAPH)) == subs
    assert len(doc.blocks_of(BlockKind.FOOTNOTE)) == footnotes


@pytest.mark.parametrize("symbol", [c[0] for c in COUNTS])
def test_operative_paragraphs_are_numbered_in_order_with_stable_ids(library, symbol):
    operative = library.get(symbol).blocks_of(BlockKind.OPERATIVE)
    assert [b.number for b in operative] == [str(n) for n in range(1, len(operative) + 1)]
    assert [b.id for b in operative] == [f"op{n}" for n in range(1, len(operative) + 1)]
    ids = [b.id for b in library.get(symbol).blocks]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("symbol", [c[0] for c in COUNTS])
def test_every_paragraph_ends_as_the_official_text_does(library, symbol):
    doc = library.get(symbol)
    for block in doc.blocks_of(BlockKind.OPERATIVE)[:-1] + doc.blocks_of(BlockKind.SUBPARAGRAPH):
        assert block.text.endswith((";", ":")), block.id
    assert doc.blocks_of(BlockKind.OPERATIVE)[-1].text.endswith(".")
    for block in doc.blocks_of(BlockKind.PREAMBULAR)[:-1]:
        assert block.text.rstrip("”").endswith(","), block.id


def test_last_preambular_paragraph_of_2396_is_chapter_vii(library):
    for symbol in ("S/RES/2396 (2017)", "S/2017/1051"):
        last = library.get(symbol).blocks_of(BlockKind.PREAMBULAR)[-1]
        assert last.text == "Acting under Chapter VII of the Charter of the United Nations"
        assert last.verb == last.text


def test_headings_of_2396_and_the_paragraphs_under_them(library):
    doc = library.get("S/RES/2396 (2017)")
    assert [h.text for h in doc.blocks_of(BlockKind.HEADING)] == [
        "Border Security and Information Sharing",
        "Judicial Measures and International Cooperation",
        "Prosecution, Rehabilitation and Reintegration Strategies",
        "United Nations Efforts on Returning and Relocating Foreign Terrorist Fighters",
    ]
    assert doc.block("op1").heading is None
    assert doc.block("op2").heading == "h1"
    assert doc.block("op17").heading == "h2"
    assert doc.block("op51").heading == "h4"


def test_subparagraphs_of_2322_belong_to_their_paragraph(library):
    doc = library.get("S/RES/2322 (2016)")
    subs = doc.blocks_of(BlockKind.SUBPARAGRAPH)
    by_parent = {p: [s.number for s in subs if s.parent == p] for p in {s.parent for s in subs}}
    assert by_parent == {"op9": list("abcd"), "op13": list("abcdefgh"), "op19": list("abcd")}
    assert doc.block("op9.a").text.startswith("Exchange information, in accordance with")
    assert doc.block("op13.h").text.endswith("cross-regional cooperation for terrorism related "
                                             "offences;")
    # Blocks keep reading order: each sub-paragraph follows its parent.
    ids = [b.id for b in doc.blocks]
    assert ids.index("op9") < ids.index("op9.a") < ids.index("op9.d") < ids.index("op10")


VERBS = [
    ("A/RES/72/284", "op1", "Reiterates its strong and unequivocal condemnation"),
    ("A/RES/72/284", "op84", "Also requests"),
    ("S/RES/2396 (2017)", "op4", "Further calls upon"),
    ("S/RES/2396 (2017)", "op15", "Decides"),  # the export italicises "Decides that"
    ("S/2017/1051", "op4", "Further calls upon"),  # PDF text: no italics to go by
    ("S/2017/1051", "op2", "Calls upon"),
    ("S/2017/1051", "op45", "Further requests"),
    ("S/RES/2322 (2016)", "op11", "Urges also"),
    ("S/RES/2322 (2016)", "op19", "Directs"),
    ("S/RES/2322 (2016)", "pp6", "Deeply concerned"),
    ("S/RES/2322 (2016)", "pp17", "Calling upon"),
    ("S/RES/2396 (2017)", "pp19", "Noting with concern"),
    ("S/RES/2395 (2017)", "pp1", "Recalling"),
    ("A/RES/72/284", "pp3", "Recalling also"),
]


@pytest.mark.parametrize(("symbol", "block", "verb"), VERBS)
def test_opening_phrases(library, symbol, block, verb):
    found = library.get(symbol).block(block)
    assert found.verb == verb
    assert found.text.startswith(verb)


def test_every_paragraph_has_its_opening_phrase(library):
    for doc in library:
        for block in doc.blocks_of(BlockKind.OPERATIVE) + doc.blocks_of(BlockKind.PREAMBULAR):
            assert block.verb, f"{doc.symbol} {block.id}: {block.text[:40]}"


def test_italics_of_the_markdown_export_are_kept(library):
    pp = library.get("S/RES/2396 (2017)").block("pp7")
    italic = [pp.text[s.start:s.end] for s in pp.emphasis]
    assert italic == ["underscoring", "noting"]
    op = library.get("S/RES/2396 (2017)").block("op1")
    assert [op.text[s.start:s.end] for s in op.emphasis] == ["urges", "reiterates"]


def test_title_block_note_and_closing_lines(library):
    adopted = library.get("S/RES/2396 (2017)")
    assert [b.text for b in adopted.blocks_of(BlockKind.TITLE)] == [
        "Resolution 2396 (2017)",
        "Adopted by the Security Council at its 8148th meeting, on 21 December 2017",
    ]
    assert [b.text for b in adopted.blocks_of(BlockKind.NOTE)] == [
        "Reissued for technical reasons on 7 February 2019."]
    assert adopted.intro == "The Security Council,"
    ga = library.get("A/RES/72/284")
    assert ga.intro == "The General Assembly,"
    assert [b.text for b in ga.blocks_of(BlockKind.CLOSING)] == ["101st plenary meeting",
                                                                 "26 June 2018"]
    titles = [b.text for b in ga.blocks_of(BlockKind.TITLE)]
    assert "[without reference to a Main Committee (A/72/L.62)]" in titles
    assert titles[-1] == "72/284. The United Nations Global Counter-Terrorism Strategy Review"


def test_footnotes_are_lifted_out_of_the_text_and_marked_where_they_stood(library):
    doc = library.get("A/RES/72/284")
    footnotes = doc.blocks_of(BlockKind.FOOTNOTE)
    assert [f.id for f in footnotes] == [f"fn{n}" for n in range(1, 12)]
    assert doc.block("fn2").text == "Resolutions 53/243 A and B."
    assert doc.block("fn11").text == "United Nations, Treaty Series, vol. 1577, No. 27531."
    fn11 = doc.block("fn11")
    assert [fn11.text[s.start:s.end] for s in fn11.emphasis] == ["Treaty Series"]
    marks = {m.number: (b.id, m.offset) for b in doc.blocks for m in b.notes}
    assert sorted(marks, key=int) == [str(n) for n in range(1, 12)]
    block_id, offset = marks["2"]  # after the final comma: "…Culture of Peace,²"
    assert doc.block(block_id).text[:offset].endswith("Culture of Peace,")
    block_id, offset = marks["10"]  # two superscript digits
    assert doc.block(block_id).text[:offset].endswith("annexes thereto")


def test_paragraphs_cut_by_page_breaks_are_joined(library):
    adopted = library.get("S/RES/2396 (2017)")
    # continuation after a footnote line, in lower case
    assert "is one of the factors contributing to increased radicalization" in adopted.block(
        "pp7").text
    # continuation in capitals after a first half without punctuation
    assert "Good Practices for a More Effective Response to the FTF Phenomenon" in adopted.block(
        "pp24").text
    ga = library.get("A/RES/72/284")
    # first half ends with a comma, footnote text in between
    assert "prevent, protect against, mitigate, investigate, respond to" in ga.block("op53").text
    assert "in building the capacity of Member States" in ga.block("pp4").text
    council = library.get("S/RES/2322 (2016)")
    # PDF text with a blank line after every line: the page break is a missing blank line
    assert "transnational organized crime, and expressing concern that terrorists" in \
        council.block("pp7").text
