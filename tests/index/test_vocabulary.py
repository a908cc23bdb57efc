"""Fuzzy look-up: every term within one edit, nothing further."""

from __future__ import annotations

import pytest

from index.vocabulary import FuzzyVocabulary, edit_distance

TERMS = ["terror", "biometr", "extradit", "state", "states", "data", "date", "sate"]


@pytest.mark.parametrize(("word", "prefix", "expected"), [
    ("teror", 1, {"terror"}),  # a letter missing
    ("terrror", 1, {"terror"}),  # a letter too many
    ("biometrc", 1, {"biometr"}),
    ("extradot", 1, {"extradit"}),  # substitution
    ("dtae", 0, {"date"}),  # transposition
    ("stat", 0, {"state"}),
    ("state", 0, {"state", "states", "sate"}),
    ("xyz", 0, set()),
    ("tate", 1, set()),  # "sate" and "date" are one edit away, but not with the prefix "t"
])
def test_within_one(word, prefix, expected):
    assert FuzzyVocabulary(TERMS).within_one(word, prefix) == expected


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("abc", "abc", 0), ("abc", "abd", 1), ("ab", "ba", 1), ("abc", "bca", 2), ("", "ab", 2),
])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, 2) == distance
