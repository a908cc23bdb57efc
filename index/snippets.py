"""Highlighted snippets that are safe to put into HTML.

Where the matches are is found in the stored text of the hits shown (twenty short paragraphs
per query, a fraction of a millisecond): stemmed words by running the index's own analyzer,
words that must match as written (phrases) by a regular expression. The snippet is cut around
the first cluster of matches; every piece of document text is escaped before the ``<b>``
marks go in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from index.analysis import stemming_analyzer
from index.query import plain_words

Span = tuple[int, int]
SNIPPET_CHARS = 240
_STEMMER = stemming_analyzer()


def stem_spans(text: str, stems: set[str]) -> list[Span]:
    """Where words whose stem is in ``stems`` occur in ``text``."""
    if not stems:
        return []
    return [(t.startchar, t.endchar) for t in _STEMMER(text, chars=True) if t.text in stems]


def phrase_spans(text: str, phrases: Iterable[list[str]]) -> list[Span]:
    """Where each phrase (a list of words, lower-cased) occurs in ``text``, as written."""
    spans: list[Span] = []
    for words in phrases:
        if not words:
            continue
        pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)"
        spans.extend(m.span() for m in re.finditer(pattern, text, re.IGNORECASE))
    return spans


def snippet(text: str, spans: Iterable[Span], size: int = SNIPPET_CHARS) -> str:
    """An HTML fragment of about ``size`` characters around the first matches, hits in <b>."""
    spans = _merge(spans)
    if not spans:
        end = _word_end(text, size)
        return html.escape(text[:end]) + (" …" if end < len(text) else "")
    first = spans[0][0]
    start = 0 if first < size // 3 else _word_start(text, first - size // 4)
    end = _word_end(text, start + size)
    out = ["… " if start > 0 else ""]
    cursor = start
    for a, b in spans:
        if a >= end:
            break
        a, b = max(a, cursor), min(b, end)
        if a >= b:
            continue
        out.append(html.escape(text[cursor:a]))
        out.append(f"<b>{html.escape(text[a:b])}</b>")
        cursor = b
    out.append(html.escape(text[cursor:end]))
    if end < len(text):
        out.append(" …")
    return "".join(out)


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _word_start(text: str, position: int) -> int:
    position = max(0, position)
    space = text.find(" ", position)
    return space + 1 if 0 <= space < position + 30 else position


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, position - 30), position)
    return space if space > 0 else position


def term_matcher(query: str) -> Callable[[str], bool]:
    """A test for "is this word one the query searched for?", to mark the words of a search in
    the document it opened: same stem as a plain word of the query (field clauses, operators
    and wildcard or fuzzy terms aside; the stems of quoted words count too)."""
    stems = {t.text for word, _, _ in plain_words(query) for t in _STEMMER(word)}
    cache: dict[str, bool] = {}

    def wanted(word: str) -> bool:
        if word not in cache:
            cache[word] = any(t.text in stems for t in _STEMMER(word))
        return cache[word]

    return wanted
