"""Agreed language: the same wording adopted elsewhere in the library."""

from __future__ import annotations

import index.similar as similar
from index.similar import find_similar


def test_op12_of_the_draft_is_the_adopted_op12(search_index, library):
    text = library.get("S/RES/2396 (2017)").block("op12").text
    hits = find_similar(search_index, text, exclude="S/RES/2396 (2017)#op12")
    assert hits[0].key == "S/2017/1051#op12"
    assert hits[0].score == 1.0 and hits[0].near_identical
    assert all(hit.key != "S/RES/2396 (2017)#op12" for hit in hits)
    assert not any(hit.near_identical for hit in hits[1:])


def test_recurring_preambular_language_is_found_across_resolutions(search_index):
    text = ("Reaffirming that terrorism in all forms and manifestations constitutes one of the "
            "most serious threats to international peace and security")
    hits = find_similar(search_index, text, limit=10)
    found = {hit.symbol for hit in hits if hit.block == "pp2"}
    assert {"S/RES/2396 (2017)", "S/2017/1051", "S/RES/2395 (2017)"} <= found
    assert "S/RES/2322 (2016)#pp3" in [hit.key for hit in hits]
    whole = next(hit for hit in hits if hit.key == "S/RES/2395 (2017)#pp2")
    assert whole.coverage == 1.0
    assert any(text in passage for passage in whole.shared)


def test_scores_are_between_0_and_1_and_sorted(search_index, library):
    text = library.get("S/RES/2396 (2017)").block("pp5").text
    hits = find_similar(search_index, text, exclude="S/RES/2396 (2017)#pp5", limit=20)
    assert hits and all(0 <= hit.score <= 1 and 0 <= hit.coverage <= 1 for hit in hits)
    ranks = [hit.score + hit.coverage for hit in hits]
    assert ranks == sorted(ranks, reverse=True)
    # "Reaffirming its commitment to sovereignty…" recurs word for word in 2322, 2395, the draft.
    near = {hit.symbol for hit in hits if hit.near_identical}
    assert {"S/2017/1051", "S/RES/2395 (2017)", "S/RES/2322 (2016)"} <= near


def test_typography_is_not_a_difference(search_index, library):
    text = library.get("S/RES/2396 (2017)").block("op27").text.replace("“", '"').replace("”", '"')
    hits = find_similar(search_index, text, exclude="S/RES/2396 (2017)#op27")
    assert hits[0].key == "S/2017/1051#op27" and hits[0].score == 1.0


def test_text_with_nothing_in_common_finds_nothing(search_index):
    assert find_similar(search_index, "Quantum chromodynamics of gluons") == []
    assert find_similar(search_index, "") == []


def test_a_pasted_resolution_is_cut_to_its_first_words(search_index, library):
    pasted = " ".join(block.text for block in library.get("S/RES/2396 (2017)").blocks)
    words = pasted.split()
    assert len(words) > 2 * similar.MAX_TEXT_WORDS
    cut = " ".join(words[:similar.MAX_TEXT_WORDS])
    assert len(similar._words(cut)) >= similar.MAX_TEXT_WORDS  # \w+ splits some words more
    hits = find_similar(search_index, pasted, limit=5)
    assert hits and hits == find_similar(search_index, cut, limit=5)


def test_common_pairs_do_not_make_the_candidate_query(search_index, monkeypatch):
    text = "Reaffirming that terrorism in all forms and manifestations constitutes a threat"
    words = similar._words(text)
    reader = search_index.searcher().reader()
    every = similar._query_pairs(reader, words)
    frequency = {pair: reader.doc_frequency("words", pair) for pair in every}
    assert every == sorted(every, key=lambda pair: (frequency[pair], pair))  # rarest first
    monkeypatch.setattr(similar, "COMMON_PAIR_MIN", 0)
    monkeypatch.setattr(similar, "COMMON_PAIR_SHARE", 5 / reader.doc_count())
    rare = similar._query_pairs(reader, words)
    assert rare == [pair for pair in every if frequency[pair] <= 5]
    assert len(rare) < len(every)


def test_a_look_up_stops_at_its_time_limit(search_index, library):
    text = library.get("S/RES/2396 (2017)").block("op12").text
    assert find_similar(search_index, text, time_limit=0) == []
