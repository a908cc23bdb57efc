"""The user's query, in Whoosh's query language, made into a Whoosh query that never fails.

Unquoted words search the stemmed ``text`` field; a quoted phrase searches the words as written,
through the ``words`` field: ``"member states shall"`` becomes the pairs "member states" and
"states shall" at consecutive positions, a cheap intersection even when every word is common.
Field names a reader would type are accepted as aliases (``type:draft``, ``doc:2396``).

A malformed query (an unbalanced quote or bracket, a dangling operator) is read literally instead:
its words, ANDed. The caller is told, so it can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import query as q
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    GtLtPlugin,
    PhrasePlugin,
    QueryParser,
    syntax,
)
from whoosh.qparser.plugins import Plugin
from whoosh.query import Query

from index.analysis import PairFilter, exact_analyzer

ALIASES = {
    "symbol": ["doc", "document"],
    "doctype": ["type"],
    "kind": ["para", "paragraph"],
    "verb": ["verbs"],
}
#: Short metadata fields indexed without positions: a quoted value means all of its words.
METADATA = ("symbol", "body", "verb")
_EXACT = exact_analyzer()


#: Bounds on what one query may ask, so that every query answers within its time limit: a
#: resolution pasted into the search box is cut to its first words (and the reader told), an
#: edit distance of 99 becomes 2, a 20,000-letter "word" is no word of any text.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 40
MAX_WORD_CHARS = 60
MAX_EDIT_DISTANCE = 2


@dataclass(frozen=True)
class ParsedQuery:
    query: Query
    literal: bool  # the query was malformed and is searched for literally
    text: str
    notes: tuple[str, ...] = ()  # what was cut or changed to keep the query bounded


class _ExactPhrases(Plugin):
    """Send quoted phrases without a field to the ``words`` field instead of the stems, and
    quoted metadata values (``body:"general assembly"``) to an AND of their words."""

    def filters(self, parser):
        return [(self._retarget, 150)]

    def _retarget(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, PhrasePlugin.PhraseNode) and node.fieldname in (
                    None, "text", "words"):
                group[i] = _retyped(node, _PairPhraseNode)
            elif isinstance(node, PhrasePlugin.PhraseNode) and node.fieldname in METADATA:
                group[i] = _retyped(node, _AllWordsNode)
            elif isinstance(node, syntax.GroupNode):
                self._retarget(parser, node)
        return group


def _retyped(node, cls):
    new = cls(node.text, node.textstartchar, node.slop)
    new.startchar, new.endchar, new.boost = node.startchar, node.endchar, node.boost
    new.fieldname = node.fieldname
    return new


class _PairPhraseNode(PhrasePlugin.PhraseNode):
    def query(self, parser):
        return exact_phrase(self.text)


class _AllWordsNode(PhrasePlugin.PhraseNode):
    def query(self, parser):
        field = parser.schema[self.fieldname]
        words = [t.text for t in field.analyzer(self.text, mode="query")]
        if not words:
            return q.NullQuery
        terms = [q.Term(self.fieldname, w) for w in words]
        return terms[0] if len(terms) == 1 else q.And(terms)


def exact_phrase(text: str) -> Query:
    """The query for words exactly as written, in this order."""
    words = [token.text for token in _EXACT(text)]
    if not words:
        return q.NullQuery
    if len(words) == 1:
        return q.Term("words", words[0])
    pairs = [f"{a}{PairFilter.SEPARATOR}{b}" for a, b in zip(words, words[1:], strict=False)]
    if len(pairs) == 1:
        return q.Term("words", pairs[0])
    return q.Phrase("words", pairs)


def make_parser(schema) -> QueryParser:
    parser = QueryParser("text", schema)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    parser.add_plugin(_ExactPhrases())
    return parser


#: What in a query is not a plain word to search for: field clauses (``kind:operative``),
#: wildcard and fuzzy terms, and operators (which Whoosh reads only in capitals).
_NOT_PLAIN = re.compile(r'\w+:(?:"[^"]*"|\[[^\]]*\]|\{[^}]*\}|\S+)|\S*[*?~]\S*'
                        r"|\b(?:AND|OR|NOT|TO|ANDNOT|ANDMAYBE)\b")


def plain_words(text: str) -> list[tuple[str, int, int]]:
    """The plain words of a query, folded as the index folds them, with their offsets in
    ``text``: what a misspelling can be suggested for, and what a search marks in the document
    it opens."""
    masked = _NOT_PLAIN.sub(lambda m: " " * len(m.group()), text)
    # Whoosh reuses one Token object while iterating: copy what is needed.
    return [(t.text, t.startchar, t.endchar) for t in _EXACT(masked, chars=True)]


_LITERAL_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def parse(parser: QueryParser, text: str) -> ParsedQuery:
    text, notes = bound(text)
    if not text:
        return ParsedQuery(q.NullQuery, False, text, notes)
    if _balanced(text):
        try:
            query = parser.parse(text).accept(_and_not)
            _check_leaves(parser.schema, query)
            return ParsedQuery(query.accept(_capped_fuzzy), False, text,
                               notes + _fuzzy_notes(query))
        except Exception:  # Whoosh raises many kinds; any of them means "read it literally"
            pass
    return literal(parser, text, notes)


def literal(parser: QueryParser, text: str, notes: tuple[str, ...] = ()) -> ParsedQuery:
    """``text`` searched for as its words, ANDed: what a query that cannot be read becomes."""
    words = [w for w in _LITERAL_WORDS.findall(text) if len(w) <= MAX_WORD_CHARS]
    if not words:
        return ParsedQuery(q.NullQuery, True, text, notes)
    stems = _stems(parser, words)
    return ParsedQuery(q.And([q.Term("text", w) for w in stems]) if len(stems) > 1
                       else q.Term("text", stems[0]), True, text, notes)


def bound(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` cut to what one query may ask, and what was cut, in words for the reader."""
    text = text.strip()
    notes = []
    long_words = [m for m in re.finditer(r"\S+", text) if len(m.group()) > MAX_WORD_CHARS]
    if long_words:
        for match in reversed(long_words):
            text = text[:match.start()] + text[match.end():]
        text = " ".join(text.split())
        notes.append(f"Words longer than {MAX_WORD_CHARS} characters were left out: no text "
                     "of the library has them.")
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        space = cut.rfind(" ")
        text = (cut[:space] if space > MAX_QUERY_CHARS // 2 else cut).rstrip()
        notes.append(f"The query was cut to its first {MAX_QUERY_CHARS:,} characters.")
    chunks = text.split()
    if len(chunks) > MAX_QUERY_WORDS:
        text = " ".join(chunks[:MAX_QUERY_WORDS])
        notes.append(f"Only the first {MAX_QUERY_WORDS} words of the query were searched.")
    if notes and text.count('"') % 2:
        text += '"'  # the cut fell inside a quoted phrase: close it
    return text, tuple(notes)


def _check_leaves(schema, query: Query) -> None:
    """Raise for a clause on a field that is not searchable (``heading:…`` is only stored)."""
    for leaf in query.leaves():
        name = leaf.field()
        if name is None:
            continue
        if name not in schema or not schema[name].indexed:
            raise ValueError(f"{name} is not searchable")


def _capped_fuzzy(node: Query) -> Query:
    if isinstance(node, q.FuzzyTerm):
        maxdist = max(0, min(int(node.maxdist), MAX_EDIT_DISTANCE))
        prefix = max(0, min(int(node.prefixlength), len(node.text)))
        if maxdist == 0:
            return q.Term(node.fieldname, node.text, boost=node.boost)
        if (maxdist, prefix) != (node.maxdist, node.prefixlength):
            return q.FuzzyTerm(node.fieldname, node.text, boost=node.boost, maxdist=maxdist,
                               prefixlength=prefix)
    return node


def _fuzzy_notes(query: Query) -> tuple[str, ...]:
    if any(isinstance(leaf, q.FuzzyTerm) and leaf.maxdist > MAX_EDIT_DISTANCE
           for leaf in query.leaves()):
        return (f"Fuzzy terms match words at most {MAX_EDIT_DISTANCE} edits away.",)
    return ()


def _and_not(node: Query) -> Query:
    """``a b NOT c`` parses as And(a, b, Not(c)); AndNot(And(a, b), c) means the same, and its
    matcher can skip blocks of postings that And-with-Not has to visit one by one."""
    if not isinstance(node, q.And):
        return node
    negative = [n.query for n in node.subqueries if isinstance(n, q.Not)]
    positive = [n for n in node.subqueries if not isinstance(n, q.Not)]
    if not negative or not positive:
        return node
    keep = positive[0] if len(positive) == 1 else q.And(positive)
    drop = negative[0] if len(negative) == 1 else q.Or(negative)
    return q.AndNot(keep, drop)


def _stems(parser: QueryParser, words: list[str]) -> list[str]:
    analyzer = parser.schema["text"].analyzer
    stems = [t.text for w in words for t in analyzer(w, mode="query")]
    return stems or [w.lower() for w in words]


def _balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
