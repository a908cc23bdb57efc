"""Issue 14, item 6: no query raises, every query answers (or says why not) within its time
limit, and a slow search never makes the next one wait past that limit.

The bound in these tests is generous for a shared machine; the limit the code keeps is
``index.search.TIME_LIMIT`` (the target is 1 s at 100,000 paragraphs: see search_bench)."""

from __future__ import annotations

import random
import threading
import time

import pytest

from index import query as query_module
from index.search import BUSY, Searcher
from support import SOURCES

BOUND_S = 3.0


def _pasted_resolution() -> str:
    whole = max((p.read_text(encoding="utf-8") for p in SOURCES.glob("*.md")), key=len)
    return '"' + whole.replace('"', " ") + '"'


def _foreign_paragraph() -> str:
    rng = random.Random(14)
    letters = "abcdefghijklmnopqrstuvwxyzäöüßçñ"
    return " ".join("".join(rng.choice(letters) for _ in range(rng.randint(5, 11)))
                    for _ in range(200))


# Each raised an exception before (IndexError, RecursionError, TermNotFound).
RAISING = {
    "fuzzy prefix longer than the word": "terrorism~2/10",
    "a phrase on the words field": 'words:"general assembly"',
    "an empty range on a stored-only field": "heading:[ TO ]",
    "a whole resolution pasted in quotes": _pasted_resolution(),
}
# Each took seconds to minutes at 100,000 paragraphs.
SLOW = {
    "edit distance 99": "word~99",
    "a 20,000-character word": "a" * 20_000,
    "200 unknown words": _foreign_paragraph(),
    "a wildcard matching most words": "*e*",
    "a one-letter prefix": "a*",
}


@pytest.mark.parametrize("text", list(RAISING.values()), ids=list(RAISING))
def test_a_query_that_raised_now_answers(searcher, text):
    started = time.monotonic()
    results = searcher.search(text)
    assert time.monotonic() - started < BOUND_S
    assert results.total > 0 or results.message or results.suggestion is not None or \
        results.hits == []
    assert not results.damaged


@pytest.mark.parametrize("text", list(SLOW.values()) + list(RAISING.values()),
                         ids=list(SLOW) + list(RAISING))
def test_every_hostile_query_answers_in_bounded_time(searcher, text):
    for facets in (False, True):
        started = time.monotonic()
        searcher.search(text, limit=50, facets=facets)
        assert time.monotonic() - started < BOUND_S


def test_a_cut_query_says_so(searcher):
    results = searcher.search(_pasted_resolution())
    assert "first" in results.message
    results = searcher.search("a" * 20_000 + " extradition")
    assert "longer than" in results.message and results.total > 0
    results = searcher.search(_foreign_paragraph())
    assert f"first {query_module.MAX_QUERY_WORDS} words" in results.message
    results = searcher.search("extraditon~9")
    assert "2 edits" in results.message and results.total > 0


def test_a_stored_only_field_is_searched_literally_with_a_message(searcher):
    results = searcher.search("heading:[ TO ]")
    assert results.literal and results.message


def test_a_search_stopped_by_its_deadline_keeps_what_it_found_and_says_so(searcher):
    results = searcher.search("terrorism OR council OR states", limit=None, time_limit=0.0)
    assert results.cut_short
    assert "too long" in results.message


def test_a_later_search_does_not_wait_behind_a_slow_one(searcher):
    """A search that holds the index's lock (here: a slow one simulated by holding it) does
    not make the next search wait past its own time limit."""
    held, release = threading.Event(), threading.Event()

    def slow():
        with searcher.index.lock:
            held.set()
            release.wait(10)

    thread = threading.Thread(target=slow)
    thread.start()
    try:
        held.wait(5)
        started = time.monotonic()
        results = Searcher(searcher.index).search("extradition", time_limit=0.3)
        assert time.monotonic() - started < 2.0
        assert results.message == BUSY
    finally:
        release.set()
        thread.join()
    assert searcher.search("extradition").total == 22
