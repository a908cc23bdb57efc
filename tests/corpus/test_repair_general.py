"""Repairs decided against a general English vocabulary, not only the library's words: an
imported document uses words the bundled ones never do."""

from __future__ import annotations

import subprocess
import sys

import pytest

from corpus.parsing.repair import LINE_END_HYPHEN, general_words, repair_text
from corpus.parsing.styled import Styled

NO_LIBRARY: frozenset[str] = frozenset()

REPAIRED = [
    ("has ac hieved considerable progress", "has achieved considerable progress"),
    ("the promulgati on of laws", "the promulgation of laws"),
    ("the Unit ed States of America", "the United States of America"),
    ("the space - based information platform", "the space-based information platform"),
    ("the UN Capacit y Building", "the UN Capacity Building"),
    ("terrorist organizat ions", "terrorist organizations"),
    ("the impa ct of the Rome Statute", "the impact of the Rome Statute"),
    ("t he UN", "the UN"),
    ("digit al technologies", "digital technologies"),
    ("has been pre vented from", "has been prevented from"),
    (f"the Presi{LINE_END_HYPHEN}dent of the Republic", "the President of the Republic"),
    (f"the promul{LINE_END_HYPHEN}gation of laws", "the promulgation of laws"),
]

KEPT = [
    "any one of them", "in to the", "an on going process", "a round of talks", "some times",
    "may be", "every one", "Viet Nam", "the situation - which is grave",
    "see document S/2017/375", "see document s/3140.", "See p. 12", "paragraph 9.A.13.b and",
    "the people of Kashmir is", "io none", "two - thirds",
    f"non{LINE_END_HYPHEN}governmental", f"socio{LINE_END_HYPHEN}economic",
    f"peace{LINE_END_HYPHEN}keeping", f"re{LINE_END_HYPHEN}evaluation",
    f"co{LINE_END_HYPHEN}ordination",  # a doubled vowel: the library decides ("coordination")
]


@pytest.mark.parametrize(("damaged", "repaired"), REPAIRED)
def test_split_words_are_joined_against_general_english(damaged, repaired):
    assert repair_text(Styled.plain(damaged), NO_LIBRARY).text == repaired


@pytest.mark.parametrize("text", KEPT)
def test_real_words_keep_their_spaces(text):
    expected = text.replace(LINE_END_HYPHEN, "-").replace(" .", ".")
    assert repair_text(Styled.plain(text), NO_LIBRARY).text == expected


def test_the_library_adds_its_own_terms():
    library = frozenset({"al-qaida", "al", "qaida", "isil", "counter-terrorism", "counter",
                         "terrorism"})
    assert repair_text(Styled.plain("ISIL, Al- Qaida and"), library).text == "ISIL, Al-Qaida and"
    assert repair_text(Styled.plain(f"counter{LINE_END_HYPHEN}terrorism"), library).text == \
        "counter-terrorism"


def test_the_general_words_are_loaded_once():
    words = general_words()
    assert general_words() is words
    assert len(words) > 100_000
    assert words["the"] > words["promulgation"] > 0


def test_start_up_loads_neither_the_word_list_nor_pdfium():
    code = ("import sys, corpus.library, corpus.importing.extract, corpus.parsing.repair; "
            "print(sorted(m for m in ('spellchecker', 'pypdfium2', 'pypdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
