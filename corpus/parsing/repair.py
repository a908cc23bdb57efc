"""Repairs for the damage PDF text extraction does inside words.

Extraction splits words with spaces ("Capacit y", "organizat ions", "ac hieved", "Unit ed
States", "Al -Qaida", "space - based"), strands spaces before punctuation ("fighters ,") and
leaves line-end hyphens whose fate depends on the word. Whether "a b" is one word broken in two
or two words cannot be told from the letters alone, so the repair is decided against two
vocabularies: a general English one with word frequencies (pyspellchecker's English list, 160,000
words, loaded once per process when a PDF text is first repaired) and the words of the
library's clean texts (the Markdown exports), which add the UN's own terms ("Al-Qaida", "ISIL",
"counter-terrorism") and its hyphenated compounds.

A split is joined only where the joined word is known and at least one piece is not a word on
its own ("ac", "hieved", "ed", a single letter but "a" and "I"); two real words keep their space
when one of them is common ("any one", "in to", "on going", "a round"), and so do pieces that
each open with a capital ("Viet Nam").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator, Mapping

from corpus.parsing.styled import Styled, join

#: Put by the structure pass where a line ended in a hyphen; resolved here against the vocabulary.
LINE_END_HYPHEN = "\u00ad"

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LETTERS = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")  # a word with nothing attached
_SPACE_HYPHEN = re.compile(r"(?<=\w) -(?=\w)")  # "Al -Qaida", "front -line", "I -24/7"
_HYPHEN_SPACE = re.compile(r"([^\W\d_]+)- ([^\W\d_]+)")  # "Al- Qaida", unless "pre- and post-"
_SOFT = re.compile(rf"([^\W\d_]*)[ ]?{LINE_END_HYPHEN}([^\W\d_]*)")
_SPACED_HYPHEN = re.compile(r"(?<![\w-])([^\W\d_]+) - ([^\W\d_]+)(?![\w-])")  # "space - based"



def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: The English words of one or two letters: any other such piece is a fragment ("ed", "ic").
_SHORT_WORDS = _set(
    "a i am an as at be by do go he if in is it me my no of oh on or so to up us we")
#: A general word this common (Zipf scale: once per 100,000 words) is surely meant as a word:
#: two words one of which is this common stay two ("any one", "in to", "a round").
_COMMON = 5.0
#: A piece of a split rarer than this (Zipf) is no word on its own.
_RARE = 2.0
#: Rarer than this, a word beside a common one may be a fragment: "free dom", "be tween".
_SOLID = 3.5
#: Compounds whose halves a spaced hyphen joins ("space - based", "non - State") even when the
#: library does not know the compound.
_COMPOUND_TAILS = _set(
    "based related led owned oriented sensitive specific driven making building keeping term "
    "level scale wide free friendly centred centered affected responsive bound funded "
    "sponsored focused intensive generating dependent")
_COMPOUND_HEADS = _set(
    "non co self anti counter cross multi inter intra post pre socio sub mid follow")
#: Prefixes UN style keeps hyphenated at a line end even where a dictionary writes them solid.
_HYPHENATED_PREFIXES = _set("non self socio anti multi counter cross")


@functools.cache
def general_words() -> Mapping[str, float]:
    """English words and their frequency on the Zipf scale (log10 of occurrences per billion
    words), from pyspellchecker's English list; loaded once per process (about 60 ms)."""
    import gzip
    import json
    from importlib.util import find_spec
    from pathlib import Path

    try:  # the package's data file, found without importing the package (its spell checker)
        spec = find_spec("spellchecker")
        folder = Path(next(iter(spec.submodule_search_locations or [])))  # type: ignore[union-attr]
        data = (folder / "resources" / "en.json.gz").read_bytes()
        counts: dict[str, int] = json.loads(gzip.decompress(data))
    except (OSError, ValueError, AttributeError, StopIteration):  # its layout changed: ask it
        from spellchecker import SpellChecker

        counts = dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    return _Zipf(counts)


class _Zipf(Mapping[str, float]):
    """Counts read as Zipf frequencies when asked (converting 160,000 up front costs 30 ms)."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._scale = math.log10(1e9 / (sum(counts.values()) or 1))

    def __getitem__(self, word: str) -> float:
        count = self._counts[word]
        return math.log10(count) + self._scale if count > 0 else 0.0

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words and hyphenated compounds (and their parts) of clean texts."""
    words: set[str] = set()
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group().lower().replace("’", "'")
            words.add(word)
            if "-" in word:
                words.update(word.split("-"))
    return frozenset(words)


def repair_text(text: Styled, vocab: frozenset[str],
                general: Mapping[str, float] | None = None) -> Styled:
    """``text`` with the extraction's in-word damage undone, decided against the library's
    words ``vocab`` and the general English words (``general_words()`` unless given)."""
    words = _Words(vocab, general_words() if general is None else general)
    text = text.sub(_SOFT, lambda m: _resolve_line_end_hyphen(m, words))
    text = text.sub(_SPACE_HYPHEN, "-")
    text = text.sub(_HYPHEN_SPACE, lambda m: _join_hyphen_space(m, words))
    text = text.sub(_SPACED_HYPHEN, lambda m: _join_spaced_hyphen(m, words))
    text = _merge_split_words(text, words)
    return tidy_spacing(text)


class _Words:
    """The two vocabularies, asked the questions the repairs ask."""

    def __init__(self, library: frozenset[str], general: Mapping[str, float]) -> None:
        self.library, self.general = library, general

    def in_library(self, word: str) -> bool:
        return _key(word) in self.library

    def known(self, word: str) -> bool:
        key = _key(word)
        return key in self.library or key in self.general

    def frequency(self, word: str) -> float:
        return self.general.get(_key(word), 0.0)

    def is_word(self, piece: str) -> bool:
        """Whether a piece of a split could stand as a word of its own."""
        key = _key(piece)
        if len(key) <= 2:
            return key in _SHORT_WORDS
        return self.general.get(key, 0.0) >= _RARE

    def common(self, piece: str) -> bool:
        return self.frequency(piece) >= _COMMON or (
            len(piece) <= 2 and _key(piece) in _SHORT_WORDS)

    def solid(self, piece: str) -> bool:
        """A word on its own that is not rare: "round", "times", not "dom" or "tween"."""
        return self.is_word(piece) and (len(piece) <= 2 or self.frequency(piece) >= _SOLID)

    def joins(self, pieces: list[str]) -> bool:
        """Whether the pieces are one word broken by the extraction."""
        joined = "".join(pieces)
        if not self.known(joined) or any(p[:1].isupper() for p in pieces[1:]):
            return False  # "Viet Nam", "document S/2017/375": a word does not go on in capitals
        fragments = [p for p in pieces if not self.is_word(p)]
        library = self.in_library(joined) and not all(self.in_library(p) for p in pieces)
        general = _key(joined) in self.general and bool(fragments)
        if not (library or general):
            return False
        common = any(self.common(p) for p in pieces)
        if not fragments:  # words each ("free dom", "any one"): two real words stay two
            return not (common and all(self.solid(p) for p in pieces))
        if any(p[:1].isupper() and (len(p) <= 2 or common) for p in fragments):
            return False  # "S and", "Kashmir is": a capital letter, a name beside a word
        if common and not self.in_library(joined):
            # A common word beside a fragment ("promulgati on", "t he", "io none"): the
            # fragment a word's stem, or the joined word itself no rarity.
            return (all(len(p) >= 4 for p in fragments) or len(joined) <= 4
                    or self.frequency(joined) >= _SOLID)
        return True


def tidy_spacing(text: Styled) -> Styled:
    """Spaces the way the official text has them: single, none before punctuation."""
    text = text.sub(r"\s{2,}|[^\S ]", " ")  # what is not already one space
    text = text.sub(r"(?<=\S) +(?=[,;:.)\]])", "")
    text = text.sub(r"(?<=[(\[]) +", "")
    return text.strip()


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


def _resolve_line_end_hyphen(match: re.Match[str], words: _Words) -> str:
    left, right = match.group(1), match.group(2)
    if not (left and right) or words.in_library(f"{left}-{right}"):
        return f"{left}-{right}"
    joined = left + right
    if words.in_library(joined):
        return joined
    doubled = left[-1:].lower() in "aeiou" and left[-1:].lower() == right[:1].lower()
    if (words.known(joined) and _key(left) not in _HYPHENATED_PREFIXES and not doubled
            and not (words.is_word(left) and words.is_word(right))):
        return joined  # "promul-gation"; "peace-keeping", "non-governmental", "re-evaluation"
    return f"{left}-{right}"


def _join_hyphen_space(match: re.Match[str], words: _Words) -> str:
    left, right = match.group(1), match.group(2)
    if words.in_library(f"{left}-{right}"):
        return f"{left}-{right}"
    return match.group()


def _join_spaced_hyphen(match: re.Match[str], words: _Words) -> str:
    """"space - based" is a compound spaced out; "the Territory - which" keeps its dash."""
    left, right = match.group(1), match.group(2)
    if words.in_library(f"{left}-{right}") or (
            words.is_word(left) and words.is_word(right)
            and (_key(right) in _COMPOUND_TAILS or _key(left) in _COMPOUND_HEADS)):
        return f"{left}-{right}"
    return match.group()


def _merge_split_words(text: Styled, words: _Words) -> Styled:
    """Join "organizat ions" into "organizations" when the pieces are one word broken
    (``_Words.joins``); not in a reference ("9.A.13.b and", "document s/3140", "p. 12"). Up to
    three pieces, for words broken twice."""
    plain = text.text
    found = list(_LETTERS.finditer(plain))
    pieces = [match.group() for match in found]
    spaces_to_drop: list[int] = []
    i = 0
    while i < len(found) - 1:
        for size in (3, 2):
            run = found[i:i + size]
            # Cheapest test first: almost no two neighbours make a known word.
            if len(run) < size or not words.known("".join(pieces[i:i + size])) or (
                    not _single_spaced(plain, run)):
                continue
            before = plain[run[0].start() - 1:run[0].start()]
            after = plain[run[-1].end():run[-1].end() + 1]
            if before in ("/", ".") or after == "/" or (after == "." and len(run[-1].group()) <= 2):
                continue
            if words.joins([m.group() for m in run]):
                spaces_to_drop.extend(m.end() for m in run[:-1])
                i += size - 1
                break
        i += 1
    if not spaces_to_drop:
        return text
    starts = [0, *(position + 1 for position in spaces_to_drop)]
    ends = [*spaces_to_drop, len(plain)]
    return join([text[start:end] for start, end in zip(starts, ends, strict=True)])


def _single_spaced(text: str, run: list[re.Match[str]]) -> bool:
    pairs = zip(run, run[1:], strict=False)
    return all(a.end() + 1 == b.start() and text[a.end()] == " " for a, b in pairs)
