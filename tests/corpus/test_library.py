"""Citations resolved across the library: what links where, and what cites what."""

from __future__ import annotations


def _refs(library, symbol, block):
    return library.get(symbol).block(block).refs


def test_2396_cites_2322_in_its_first_preambular_paragraph_and_in_op24(library):
    pp1 = [r for r in _refs(library, "S/RES/2396 (2017)", "pp1") if r.target == "S/RES/2322 (2016)"]
    assert len(pp1) == 1 and pp1[0].in_library
    # "Resolution 2322" without a year: the library knows the year.
    op24 = [r for r in _refs(library, "S/RES/2396 (2017)", "op24") if r.in_library]
    assert [(r.text, r.target) for r in op24] == [("Resolution 2322", "S/RES/2322 (2016)")] or \
        [r.target for r in op24] == ["S/RES/2322 (2016)"]


def test_72_284_cites_2396_in_op36(library):
    op36 = _refs(library, "A/RES/72/284", "op36")
    assert {r.target for r in op36} == {"S/RES/2178 (2014)", "S/RES/2396 (2017)"}
    assert [r.in_library for r in op36 if r.target == "S/RES/2396 (2017)"] == [True]


def test_cited_by_is_the_reverse_map(library):
    citing = {(c.symbol, c.block) for c in library.cited_by("S/RES/2396 (2017)")}
    assert ("A/RES/72/284", "op36") in citing
    citing_2322 = {(c.symbol, c.block) for c in library.cited_by("S/RES/2322 (2016)")}
    assert {("S/RES/2396 (2017)", "pp1"), ("S/RES/2396 (2017)", "op24")} <= citing_2322
    assert {("S/2017/1051", "pp1"), ("S/2017/1051", "op24")} <= citing_2322
    # A document outside the library is still a real reference with its citing places.
    assert len(library.cited_by("S/RES/2178 (2014)")) >= 5


def test_spans_point_at_the_citation_text(library):
    for doc in library:
        for block in doc.blocks:
            for ref in block.refs:
                assert block.text[ref.start:ref.end] == ref.text


def test_internal_reference_targets_the_document_itself(library):
    refs = _refs(library, "A/RES/72/284", "op85")
    assert [(r.target, r.paragraph) for r in refs] == [("A/RES/72/284", "84")]
    refs = _refs(library, "S/RES/2396 (2017)", "op48")
    assert ("S/RES/2396 (2017)", "47") in [(r.target, r.paragraph) for r in refs]


def test_paragraph_of_another_resolution(library):
    refs = _refs(library, "S/RES/2396 (2017)", "op18")
    assert [(r.target, r.paragraph) for r in refs] == [("S/RES/2178 (2014)", "6")]
    refs = _refs(library, "S/RES/2322 (2016)", "pp20")
    assert [(r.target, r.paragraph) for r in refs] == [("S/RES/1373 (2001)", "1(d)")]


def test_a_bare_number_the_document_cites_nowhere_with_a_year_stays_unresolved(library):
    # "paragraph 29 of resolution 2388": 2396 never gives 2388 a year; guessing would be wrong.
    refs = [r for r in _refs(library, "S/RES/2396 (2017)", "pp32") if r.partial]
    assert [(r.target, r.partial, r.paragraph) for r in refs] == [(None, "S/RES/2388", "29")]


def test_sources_are_the_truth_even_where_they_look_wrong(library):
    targets = {r.target for r in _refs(library, "S/RES/2395 (2017)", "pp1")}
    assert "S/RES/2195 (2015)" in targets and "S/RES/2195 (2014)" not in targets


def test_a_draft_and_its_adopted_text_are_found_from_either(library):
    pair = ("S/2017/1051", "S/RES/2396 (2017)")
    assert library.draft_and_adopted("S/2017/1051") == pair
    assert library.draft_and_adopted("S/RES/2396 (2017)") == pair
    assert library.draft_and_adopted("S/RES/2395 (2017)") is None
    assert library.draft_and_adopted("S/RES/9999 (2030)") is None
