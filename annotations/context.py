"""A highlight in its place: the sentence it sits in, with the highlighted words marked, as an
export shows it in a briefing note (Zotero and Calibre export the words alone, which a reader
of the note cannot place).

UN drafting makes the sentence the unit worth quoting and also makes it hard to find: an
operative paragraph is usually one long sentence whose clauses end with semicolons, and the
text is full of full stops that end nothing ("para. 12", "No. 5", "U.N.", "e.g.", "Art. 25",
"A/72/L.62"). So a sentence ends only at ".", "!" or "?" (never at ";" or ":") followed by a
space and a capital, and not after a known abbreviation; a short paragraph, or one that is a
single sentence, is quoted whole.

Qt-free and about text alone: ``annotations.sections`` decides which paragraph and offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A paragraph this short is quoted whole: a sentence of it would save the reader nothing.
SHORT_PARAGRAPH_CHARS = 300

#: Words that end with a full stop without ending a sentence (compared without case); letters
#: with full stops ("U.N.", "e.g.", "i.e.") and a single letter (an initial: "Ralph J. Bunche")
#: are abbreviations without being listed.
ABBREVIATIONS = frozenset({
    "para", "paras", "no", "nos", "art", "arts", "cf", "viz", "vol", "vols", "p", "pp", "op",
    "ch", "chap", "sect", "sec", "mr", "mrs", "ms", "dr", "prof", "st", "gen", "amb", "messrs",
    "inc", "ltd", "jr", "sr", "approx", "incl", "al", "esp", "fig", "ibid",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})

#: A candidate end of sentence: its mark, any closing quote or bracket, then (looked ahead)
#: a space and the capital that opens the next one, perhaps behind an opening quote.
_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*[A-Z])")
#: Letters with full stops, "U.N." or "a.m.": an abbreviation whatever the letters.
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")


@dataclass(frozen=True)
class Context:
    """What an export quotes: ``words`` (the highlighted ones, to be marked) between the rest
    of their sentence. A quote shown without a mark (a bookmark's paragraph, words no longer
    found in the text) is all ``before``."""

    before: str
    words: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.words + self.after

    @classmethod
    def plain(cls, text: str) -> Context:
        """Text with nothing marked."""
        return cls(text.strip(), "", "")

    @classmethod
    def alone(cls, words: str) -> Context:
        """Highlighted words with no text around them (their paragraph is not at hand)."""
        return cls("", words.strip(), "")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text``, together covering all of it (the spaces
    between sentences go with the sentence before)."""
    spans, start = [], 0
    for match in _END.finditer(text):
        if match.group()[0] == "." and _abbreviation(text, match.start()):
            continue
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        spans.append((start, end))
        start = end
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation rather than a sentence."""
    word_start = stop
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop + 1].lstrip("\"'“‘«([")
    if _DOTTED.fullmatch(word) or (len(word) == 2 and word[0].isalpha()):
        return True  # "U.N.", "e.g.", or an initial: "Ralph J. Bunche"
    return word[:-1].casefold() in ABBREVIATIONS


def context_of(text: str, start: int, end: int) -> Context:
    """``text[start:end]`` marked in the sentences it touches (both, when it spans two), or in
    the whole of ``text`` when that is short or a single sentence. The spaces at the ends of
    the highlight are left unmarked, so a mark never opens or closes on a space."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    start, end = min(start, end), max(start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    first, last = 0, len(text)
    if len(text) > SHORT_PARAGRAPH_CHARS:
        spans = sentence_spans(text)
        if len(spans) > 1:
            touched = [(s, e) for s, e in spans if s < max(end, start + 1) and e > start]
            if touched:
                first, last = touched[0][0], touched[-1][1]
    return Context(text[first:start].lstrip(), text[start:end], text[end:last].rstrip())
