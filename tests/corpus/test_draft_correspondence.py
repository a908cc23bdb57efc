"""S/2017/1051 is the draft of S/RES/2396 (2017): once cleaned, the two agree where they should."""

from __future__ import annotations

from corpus.model import BlockKind

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _normalised(text: str) -> str:
    return text.translate(_QUOTES)


def test_45_of_51_operative_paragraphs_are_letter_for_letter_the_adopted_ones(library):
    draft = library.get("S/2017/1051").blocks_of(BlockKind.OPERATIVE)
    adopted = library.get("S/RES/2396 (2017)").blocks_of(BlockKind.OPERATIVE)
    assert len(draft) == len(adopted) == 51
    differing = [d.id for d, a in zip(draft, adopted, strict=True)
                 if _normalised(d.text) != _normalised(a.text)]
    assert differing == ["op3", "op9", "op10", "op13", "op16", "op44"]


def test_the_six_differences_are_the_known_ones(library):
    draft, adopted = library.get("S/2017/1051"), library.get("S/RES/2396 (2017)")
    assert "travellers hold citizenship" in draft.block("op3").text
    assert "travelers hold citizenship" in adopted.block("op3").text
    assert "implement the GASeP" in draft.block("op9").text
    assert "implement the GAsEP" in adopted.block("op9").text
    assert "other principle gaps" in draft.block("op44").text
    assert "other principal gaps" in adopted.block("op44").text


def test_preambles_correspond_paragraph_by_paragraph(library):
    draft = library.get("S/2017/1051").blocks_of(BlockKind.PREAMBULAR)
    adopted = library.get("S/RES/2396 (2017)").blocks_of(BlockKind.PREAMBULAR)
    assert [d.verb for d in draft] == [a.verb for a in adopted]
    # Sources are the truth: the adopted first paragraph lacks four commas the draft has.
    assert "1566 (2004), 1624 (2005)" in draft[0].text
    assert "1566 (2004) 1624 (2005)" in adopted[0].text


def test_draft_and_adopted_text_know_each_other(library):
    assert library.get("S/2017/1051").relations == {"draft_of": "S/RES/2396 (2017)"}
    assert library.get("S/RES/2396 (2017)").relations == {"draft": "S/2017/1051"}
    assert library.get("S/2017/1051").kind == "draft"


def test_sponsors_are_parsed_from_the_draft(library):
    sponsors = library.get("S/2017/1051").sponsors
    assert len(sponsors) == 66
    assert sponsors[:3] == ["Albania", "Australia", "Austria"]
    assert "Federated States of Micronesia" in sponsors
    assert "United Kingdom of Great Britain and Northern Ireland" in sponsors
    assert "The former Yugoslav Republic of Macedonia" in sponsors
    assert sponsors[-2:] == ["United States of America", "Uruguay"]
    assert library.get("S/RES/2396 (2017)").sponsors == []
