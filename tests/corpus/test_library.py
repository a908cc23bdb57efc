"""Citations resolved across the library: what links where, and what cites what."""

from __future__ import annotations

import pytest


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


def test_a_bare_number_the_document_cites_nowhere_with_a_year_takes_the_records(library):
    # "paragraph 29 of resolution 2388": 2396 never gives 2388 a year; the Security Council's
    # record does (adopted 21 December 2017), so the citation is a link, never a guess.
    refs = [r for r in _refs(library, "S/RES/2396 (2017)", "pp32") if "2388" in r.text]
    assert [(r.target, r.partial, r.paragraph, r.in_library) for r in refs] == [
        ("S/RES/2388 (2017)", None, "29", False)]
    citing = {(c.symbol, c.block) for c in library.cited_by("S/RES/2388 (2017)")}
    assert ("S/RES/2396 (2017)", "pp32") in citing


def test_sources_are_the_truth_even_where_they_look_wrong(library):
    targets = {r.target for r in _refs(library, "S/RES/2395 (2017)", "pp1")}
    assert "S/RES/2195 (2015)" in targets and "S/RES/2195 (2014)" not in targets
    # ... and the record's year is told beside it, the link unchanged.
    [flagged] = [r for r in _refs(library, "S/RES/2395 (2017)", "pp1")
                 if r.target == "S/RES/2195 (2015)"]
    assert flagged.record_symbol == "S/RES/2195 (2014)"


def test_a_draft_and_its_adopted_text_are_found_from_either(library):
    pair = ("S/2017/1051", "S/RES/2396 (2017)")
    assert library.draft_and_adopted("S/2017/1051") == pair
    assert library.draft_and_adopted("S/RES/2396 (2017)") == pair
    assert library.draft_and_adopted("S/RES/2395 (2017)") is None
    assert library.draft_and_adopted("S/RES/9999 (2030)") is None


# --- the library as loaded: read on demand, the same as read all at once ---------------------


def _in_memory(library):
    """The same documents in a library held in memory: what every answer must equal."""
    from corpus.library import Library

    return Library(list(library))


def _targets(library):
    return sorted({r.target for d in library for b in d.blocks for r in b.refs if r.target}
                  | {r.partial for d in library for b in d.blocks for r in b.refs if r.partial}
                  | set(library.symbols()) | {"S/RES/9999 (2030)"})


def test_cited_by_from_the_index_is_what_the_documents_say(library):
    memory = _in_memory(library)
    for target in _targets(library):
        assert library.cited_by(target) == memory.cited_by(target), target
        assert library.citing_partial(target) == memory.citing_partial(target), target


def test_summaries_say_what_the_documents_do(library):
    from corpus.library import DocumentSummary

    assert library.summaries() == [DocumentSummary.of_document(d) for d in library]
    assert len(library) == len(library.documents) == len(list(library)) == 5
    assert library.summary("S/RES/2396 (2017)").relations == {"draft": "S/2017/1051"}
    assert "S/2017/1051" in library and "S/RES/1 (1946)" not in library


def test_documents_are_read_once_and_shared_between_threads(library):
    from concurrent.futures import ThreadPoolExecutor

    symbols = library.symbols() * 20
    with ThreadPoolExecutor(4) as pool:
        docs = list(pool.map(library.get, symbols))
    by_symbol = {}
    for doc in docs:
        assert by_symbol.setdefault(doc.symbol, doc) is doc


# --- the bundled library: 905 documents, listed at once ---------------------------------------

BUNDLE_SIZE = 905  # the five seeds and 900 CR-UNSC resolutions (two texts are duplicates)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """Plenary's own bundled library on a fresh data directory (from the pack)."""
    from corpus.library import load_library
    from corpus.manifest import BUNDLED_SOURCES

    data = tmp_path_factory.mktemp("bundled") / "data"
    data.mkdir()
    return data, load_library(data, sources=BUNDLED_SOURCES)


def test_the_bundle_lists_every_text_with_its_metadata(bundled):
    _, library = bundled
    summaries = library.summaries()
    assert len(library) == len(summaries) == BUNDLE_SIZE and library.errors == []
    assert [s.symbol for s in summaries[:5]] == [
        "S/RES/2396 (2017)", "S/2017/1051", "S/RES/2395 (2017)", "S/RES/2322 (2016)",
        "A/RES/72/284"]
    council = [s for s in summaries[5:]]
    assert all(s.body == "Security Council" and s.kind == "resolution" for s in council)
    assert sum(1 for s in council if len(s.date) == 10) >= 898  # the day, not only the year
    assert sum(1 for s in council if s.meeting) >= 895
    assert all(s.title for s in council)
    s242 = library.summary("S/RES/242 (1967)")
    assert (s242.date, s242.meeting) == ("1967-11-22", "1382nd meeting")


def test_the_bundle_starts_from_the_pack_and_then_from_the_index(bundled, monkeypatch):
    import time

    import corpus.library
    from corpus.library import load_library
    from corpus.manifest import BUNDLED_SOURCES

    data, first = bundled
    parsed = []
    monkeypatch.setattr(corpus.library, "parse_source", lambda *a: parsed.append(a) or None)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        library = load_library(data, sources=BUNDLED_SOURCES)
        times.append(time.perf_counter() - started)
    assert parsed == [] and len(library) == BUNDLE_SIZE
    assert min(times) < 0.5, times  # ~20 ms: nothing is read but the manifests
    assert library.cited_by("S/RES/242 (1967)") == first.cited_by("S/RES/242 (1967)")


def test_a_document_of_the_bundle_is_read_in_well_under_100_ms(bundled):
    import time

    _, library = bundled
    times = []
    for symbol in ("S/RES/820 (1993)", "S/RES/1454 (2002)", "S/RES/338 (1973)"):
        started = time.perf_counter()
        doc = library.get(symbol)
        times.append(time.perf_counter() - started)
        assert doc is not None and doc.blocks_of("operative")
    assert max(times) < 0.1, times


def test_citations_between_bundled_resolutions_link(bundled):
    _, library = bundled
    doc = library.get("S/RES/338 (1973)")
    targets = {r.target for b in doc.blocks for r in b.refs if r.in_library}
    assert "S/RES/242 (1967)" in targets
    citing = {c.symbol for c in library.cited_by("S/RES/242 (1967)")}
    assert {"S/RES/338 (1973)", "S/RES/344 (1973)", "S/RES/672 (1990)"} <= citing
