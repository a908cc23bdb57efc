"""The Whoosh schema: one index document per paragraph.

``SCHEMA_VERSION`` is stored with the index; bump it whenever a field or an analyzer changes,
and every existing index is rebuilt on next open instead of silently answering with stale terms.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from whoosh import fields, formats
from whoosh.system import pack_uint

from index.analysis import (
    keyword_analyzer,
    stem_counts,
    stemming_analyzer,
    word_occurrences,
    word_positions,
    words_analyzer,
)

#: 4: ``key`` only stored, ``year`` and ``order`` one term per value; the same terms as 3
#: otherwise, from the build's fast path (StemmedText, WordsAndPairs) and a dict-cached
#: stemmer in the schema's analyzer.
SCHEMA_VERSION = 4

#: What FieldType.index() yields per term: its bytes, frequency, weight, encoded value.
Posting = tuple[bytes, int, float, bytes]
#: A term's postings in an index build: document numbers, weights, encoded values (as
#: index.segment_writer.MemoryPostings keeps them).
TermPostings = tuple[array, array, list]


class StemmedText(fields.TEXT):
    """The stemmed ``text`` field, indexed through ``stem_counts``: the terms of its analyzer,
    without a Token object per word. Queries still analyse through ``analyzer``."""

    def __init__(self, **kwargs) -> None:
        super().__init__(analyzer=stemming_analyzer(), phrase=False, **kwargs)

    def index(self, value, **kwargs) -> Iterator[Posting]:
        if not isinstance(value, str) or kwargs:
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for term, count in stem_counts(value).items():
            yield term.encode("utf-8"), count, count * boost, _count_bytes(count)

    def add_postings(self, value: str, terms: dict[str, TermPostings], docnum: int,
                     boost: float = 1.0) -> int:
        """Add ``value``'s postings for document ``docnum`` to ``terms`` (keyed by the term's
        text): what ``index()`` yields, without a tuple per term. Returns the field length."""
        boost *= self.format.field_boost
        length = 0
        get = terms.get
        for term, count in stem_counts(value).items():
            postings = get(term)
            if postings is None:
                postings = terms[term] = (array("I"), array("f"), [])
            postings[0].append(docnum)
            postings[1].append(count * boost)
            postings[2].append(_count_bytes(count))
            length += count
        return length


class WordsAndPairs(fields.TEXT):
    """The ``words`` field (every word as written, every pair: phrases), indexed through
    ``word_positions``: the terms and positions of its analyzer, encoded as Whoosh's
    Positions format encodes them."""

    def __init__(self, **kwargs) -> None:
        super().__init__(analyzer=words_analyzer(), phrase=True, **kwargs)

    def index(self, value, **kwargs) -> Iterator[Posting]:
        if not isinstance(value, str) or kwargs:
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for term, positions in word_positions(value).items():
            count = len(positions)
            yield term.encode("utf-8"), count, count * boost, _positions_bytes(positions)

    def add_postings(self, value: str, terms: dict[str, TermPostings], docnum: int,
                     boost: float = 1.0) -> int:
        """As StemmedText.add_postings."""
        boost *= self.format.field_boost
        length = 0
        get = terms.get
        single = _POSITIONS
        shared = len(single)
        for term, at in word_occurrences(value).items():
            postings = get(term)
            if postings is None:
                postings = terms[term] = (array("I"), array("f"), [])
            postings[0].append(docnum)
            if type(at) is int and at < shared:
                postings[1].append(boost)
                postings[2].append(single[at])
                length += 1
            else:
                positions = [at] if type(at) is int else at
                postings[1].append(len(positions) * boost)
                postings[2].append(_ENCODE_POSITIONS(positions))
                length += len(positions)
        return length


_COUNTS = [pack_uint(n) for n in range(256)]
_ENCODE_POSITIONS = formats.Positions().encode
#: Positions' value for one occurrence at each of the first positions, shared: most terms of a
#: paragraph occur once, at one of a few hundred positions.
_POSITIONS = [_ENCODE_POSITIONS([n]) for n in range(1024)]


def _count_bytes(count: int) -> bytes:
    """Frequency's value for ``count`` (shared objects: most counts are small)."""
    return _COUNTS[count] if count < 256 else pack_uint(count)


def _positions_bytes(positions: list[int]) -> bytes:
    if len(positions) == 1 and positions[0] < len(_POSITIONS):
        return _POSITIONS[positions[0]]
    return _ENCODE_POSITIONS(positions)


def build_schema() -> fields.Schema:
    keyword = keyword_analyzer()
    return fields.Schema(
        # "S/RES/2396 (2017)#op12": only read from hits (agreed language leaves its paragraph
        # out by it); indexed it was 100,000 one-posting terms to write at 100,000 paragraphs.
        key=fields.STORED(),
        sym=fields.ID(stored=True, sortable=True),  # the exact symbol: grouping, sort, facets
        # Metadata a reader filters by. No positions: these values are a few words long, so a
        # quoted value is matched as all of its words (index.query), which is far cheaper.
        symbol=fields.TEXT(analyzer=keyword, phrase=False),  # symbol:2396, symbol:"S/RES/2396"
        body=fields.TEXT(analyzer=keyword, phrase=False),  # body:"security council"
        body_name=fields.ID(stored=True, sortable=True),
        # One term per value (shift_step=0), not eight tiers: a range of years is a few dozen
        # terms at most, and eight postings a paragraph were a tenth of the build.
        year=fields.NUMERIC(int, stored=True, sortable=True, shift_step=0),
        date=fields.ID(stored=True, sortable=True),
        doctype=fields.ID(stored=True),  # resolution | draft
        block=fields.ID(stored=True),
        kind=fields.ID(stored=True, sortable=True),
        number=fields.ID(stored=True),
        # Reading order in its document: sorted by (its column), never searched for.
        order=fields.NUMERIC(int, stored=True, sortable=True, shift_step=0),
        verb=fields.TEXT(analyzer=keyword, phrase=False, stored=True),
        verb_name=fields.ID(sortable=True),
        heading=fields.STORED(),
        # Snippets re-analyse only the stored text of the hits shown: term vectors would make
        # every build slower for the sake of twenty paragraphs per query.
        text=StemmedText(stored=True),
        words=WordsAndPairs(),
    )
