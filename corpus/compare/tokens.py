"""Words of a paragraph as a comparison sees them: typography folded away, spelling kept.

Two texts of the same resolution differ in ways no delegate cares about: a PDF's straight
quotes against the Markdown's curly ones, a double space, a non-breaking space. Those are folded
before anything is compared (and the comparison says it did). Case and spelling are *not*
folded for the diff: "travellers" against "travelers" is shown, but classed as minor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What typography folding does, in the words the comparison summary uses.
TYPOGRAPHY_FOLDED = (
    "curly and straight quotes and apostrophes",
    "spacing (runs of spaces, non-breaking and thin spaces)",
    "soft and line-end hyphens",
    "italics and other emphasis",
)

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ad": None,  # soft hyphen: a line-end hyphen the parser kept as a hint
})

#: A word (letters and digits, with inner apostrophes and hyphens) or one punctuation mark,
#: each with the space before it, so the pieces put back together give the text exactly.
_TOKEN = re.compile(r"\s*(?:\w+(?:['’\-]\w+)*|[^\w\s])|\s+$")

#: British and American spellings that differ by a regular pattern; both sides are rewritten
#: to one form before two words are called "the same word spelt differently".
_SPELLING = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"ll(?=(ed|er|ers|ing|ation|ations)$)", "l"),
    (r"our(?=(s|ed|ing|able|ably|ite|ites)?$)", "or"),
    (r"is(?=(e|ed|es|ing|ation|ations|er|ers)$)", "iz"),
    (r"ys(?=(e|ed|es|ing)$)", "yz"),
    (r"(?<=[bcdfghklmnpstvz])re(?=s?$)", "er"),
    (r"ence(?=s?$)", "ense"),
    (r"ogue(?=s?$)", "og"),
    (r"(?<=\w)ae(?=\w)", "e"),
    (r"(?<=\w)oe(?=\w)", "e"),
    (r"mme(?=s?$)", "m"),
)]


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of a paragraph: ``text`` as printed (leading space included) and ``key``,
    what it is compared by."""

    text: str
    key: str

    @property
    def is_word(self) -> bool:
        return self.key[:1].isalnum()


def fold_typography(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


def tokenize(text: str) -> list[Token]:
    """The paragraph's words and marks; joining their ``text`` gives ``text`` back."""
    tokens = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        key = piece.strip().translate(_QUOTES)
        if key:
            tokens.append(Token(piece, key))
        elif tokens:  # trailing space: keep it with the last word so nothing is lost
            tokens[-1] = Token(tokens[-1].text + piece, tokens[-1].key)
    return tokens


def spelling_key(word: str) -> str:
    """``word`` case-folded, with British spellings rewritten to American ones."""
    word = word.casefold()
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def words(text: str) -> list[str]:
    """The words of ``text`` as alignment compares them: case and spelling folded, marks and
    numbers dropped, so only wording decides which paragraphs belong together (two lists of
    resolutions share their years, not their meaning)."""
    return [spelling_key(t.key) for t in tokenize(text) if t.is_word and not t.key.isdigit()]
