"""Repairs for the damage PDF text extraction does inside words.

Extraction splits words with spaces ("Capacit y", "organizat ions", "Al -Qaida"), strands spaces
before punctuation ("fighters ,") and leaves line-end hyphens whose fate depends on the word.
Whether "a b" is one word broken in two or two words cannot be told from the letters alone, so
the repair is decided against a vocabulary: the words of the library's clean texts (the Markdown
exports), which use the same terminology as the PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.parsing.styled import Styled

#: Put by the structure pass where a line ended in a hyphen; resolved here against the vocabulary.
LINE_END_HYPHEN = "\u00ad"

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LETTERS = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")  # a word with nothing attached
_SPACE_HYPHEN = re.compile(r"(?<=\w) -(?=\w)")  # "Al -Qaida", "front -line", "I -24/7"
_HYPHEN_SPACE = re.compile(r"([^\W\d_]+)- ([^\W\d_]+)")  # "Al- Qaida", unless "pre- and post-"
_SOFT = re.compile(rf"([^\W\d_]*)[ ]?{LINE_END_HYPHEN}([^\W\d_]*)")


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


def repair_text(text: Styled, vocab: frozenset[str]) -> Styled:
    text = text.sub(_SOFT, lambda m: _resolve_line_end_hyphen(m, vocab))
    text = text.sub(_SPACE_HYPHEN, "-")
    text = text.sub(_HYPHEN_SPACE, lambda m: _join_hyphen_space(m, vocab))
    text = _merge_split_words(text, vocab)
    return tidy_spacing(text)


def tidy_spacing(text: Styled) -> Styled:
    """Spaces the way the official text has them: single, none before punctuation."""
    text = text.sub(r"\s+", " ")
    text = text.sub(r"(?<=\S) +(?=[,;:.)\]])", "")
    text = text.sub(r"(?<=[(\[]) +", "")
    return text.strip()


def _known(word: str, vocab: frozenset[str]) -> bool:
    return word.lower().replace("’", "'") in vocab


def _resolve_line_end_hyphen(match: re.Match[str], vocab: frozenset[str]) -> str:
    left, right = match.group(1), match.group(2)
    if left and right and _known(left + right, vocab) and not _known(f"{left}-{right}", vocab):
        return left + right
    return f"{left}-{right}"


def _join_hyphen_space(match: re.Match[str], vocab: frozenset[str]) -> str:
    left, right = match.group(1), match.group(2)
    if _known(f"{left}-{right}", vocab):
        return f"{left}-{right}"
    return match.group()


def _merge_split_words(text: Styled, vocab: frozenset[str]) -> Styled:
    """Join "organizat ions" into "organizations" when the joined word is known and not every
    piece is: two real words ("any one", "in to") keep their space. Up to three pieces, for
    words broken twice."""
    words = list(_LETTERS.finditer(text.text))
    spaces_to_drop: list[int] = []
    i = 0
    while i < len(words) - 1:
        for size in (3, 2):
            run = words[i:i + size]
            if len(run) < size or not _single_spaced(text.text, run):
                continue
            pieces = [m.group() for m in run]
            if _known("".join(pieces), vocab) and not all(_known(p, vocab) for p in pieces):
                spaces_to_drop.extend(m.end() for m in run[:-1])
                i += size - 1
                break
        i += 1
    for position in reversed(spaces_to_drop):
        text = text[:position] + text[position + 1:]
    return text


def _single_spaced(text: str, run: list[re.Match[str]]) -> bool:
    pairs = zip(run, run[1:], strict=False)
    return all(a.end() + 1 == b.start() and text[a.end()] == " " for a, b in pairs)
