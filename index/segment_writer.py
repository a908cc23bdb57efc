"""Writing a segment of the index fast: postings gathered in memory by term, written in blocks.

Whoosh's SegmentWriter sends every posting (one per term per paragraph: some 170 a paragraph
here, half of them word pairs) through an external merge sort: pickled into a run file, read
back, heap-merged, then written one ``add()`` at a time, each asking the new segment's length
column on disk for the paragraph's field length, and every block zlib-compressed with a 32 KB
window. At 100,000 paragraphs that was 170 s of CPU. :class:`ParagraphWriter` is that writer
with the postings kept in memory instead, per field and term, in the order they come
(paragraphs are numbered as they are added, so each term's list is already in order): only the
distinct terms are sorted, field lengths are kept as they are written, and each term's
postings are written a block of up to 128 at a time (``TermBlocks``), in the block and
term-info format of Whoosh's W3 codec, with the statistics its writer keeps.

What Whoosh reads back is what its own writer would have written (tests/index/
test_segment_writer.py compares every term, posting, stored field, column and length); the
bytes differ where Whoosh's reader allows it: blocks under ``COMPRESS_FROM`` bytes are not
compressed (most terms are a rare word pair with one posting, which zlib only lengthens), nor
are the ``words`` field's (``UNCOMPRESSED_FIELDS``), the others with a small zlib window, and
block data is pickled with protocol 3 (bytes values as bytes, not as ``_codecs.encode``
calls). Merging, updating and reading stay Whoosh's.

Memory: some 16 bytes per posting (document number, weight, a shared value object) and a
few hundred per distinct term: about 250 MB for 50,000 paragraphs, which is why a big build is
split between builder processes (index.building), each writing one segment of its share.

This reaches into Whoosh's codec (W3FieldWriter's files, W3TermInfo's struct, the block
layout): checked against whoosh-reloaded 2.7.5, and the comparison tests fail if a later
version changes them.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Iterator
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

#: A term's postings: document numbers, weights, encoded values (empty for formats without).
TermPostings = tuple[array, array, list]

#: The field length Whoosh's writer reads back for each length byte (lengths are stored as one
#: byte, so the block statistics are computed from the rounded length, as Whoosh's are).
_LENGTH_OF_BYTE = [0] + [byte_to_length(b) for b in range(1, 256)]


class MemoryPostings:
    """The postings of one segment in memory, by field and term.

    Terms are keyed by their bytes, except in fields that add their own postings
    (``add_postings``: text, words), keyed by their text, which saves encoding every word of
    every paragraph; they are encoded once each when written. Also answers the part of
    Whoosh's PostingPool interface its writers call (``add``, ``iter_postings``, ``save``,
    ``cleanup``, ``fieldnames``), so merging older segments into this one (``add_reader``)
    works as with Whoosh's pool."""

    def __init__(self, text_keyed: set[str] | frozenset[str] = frozenset()) -> None:
        self.fields: dict[str, dict] = {}
        self.text_keyed = text_keyed
        self.runs: list[str] = []

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def terms(self, fieldname: str) -> dict:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, btext, docnum, weight, vbytes = item
        term = btext.decode("utf-8") if fieldname in self.text_keyed else btext
        add_posting(self.terms(fieldname), term, docnum, weight, vbytes)

    def sorted_terms(self, fieldname: str) -> list[tuple[bytes, TermPostings]]:
        """The field's terms as bytes, in order, with their postings."""
        terms = self.fields.get(fieldname, {})
        if fieldname in self.text_keyed:
            return sorted(((term.encode("utf-8"), postings) for term, postings in terms.items()),
                          key=_first)
        return sorted(terms.items(), key=_first)

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for fieldname in sorted(self.fields):
            for btext, (ids, weights, values) in self.sorted_terms(fieldname):
                for n, docnum in enumerate(ids):
                    yield fieldname, btext, docnum, weights[n], values[n] if values else b""

    def save(self) -> None:
        """Nothing to save: the postings stay in memory."""

    def cleanup(self) -> None:
        self.fields.clear()


def _targets(terms: dict, postings) -> list[tuple]:
    """(the term's postings in ``terms``, created if new, weight, value, frequency) for each
    of ``postings`` (what FieldType.index yields)."""
    targets = []
    for btext, freq, weight, vbytes in postings:
        found = terms.get(btext)
        if found is None:
            found = terms[btext] = (array("I"), array("f"), [])
        targets.append((found, weight, vbytes, freq))
    return targets


def _first(item: tuple) -> object:
    return item[0]


def add_posting(terms: dict, term: str | bytes, docnum: int, weight: float,
                vbytes: bytes | None) -> None:
    postings = terms.get(term)
    if postings is None:
        postings = terms[term] = (array("I"), array("f"), [])
    postings[0].append(docnum)
    postings[1].append(weight)
    if vbytes:  # as W3PostingsWriter.add_posting: empty values are not kept
        postings[2].append(vbytes)


#: Metadata values up to this long have their analysis kept for the next paragraph...
ANALYSED_CHARS = 200
#: ...up to this many values.
ANALYSED_VALUES = 50_000


class ParagraphWriter(SegmentWriter):
    """A SegmentWriter whose postings are kept in memory and written block by block.

    For schemas without term vectors or spelling fields (ours): a field that has either makes
    ``add_document`` fall back to Whoosh's own."""

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self.pool = MemoryPostings({name for name, field in self.schema.items()
                                    if hasattr(field, "add_postings")})
        #: The postings of short metadata values (a symbol, a year, a paragraph kind), which
        #: repeat over every paragraph of a document or of the library: analysed once each.
        self._analysed: dict[tuple[str, object], list] = {}
        #: Per scorable field, the length byte of each document added (index: its number).
        self._lengths: dict[str, bytearray] = {}
        self._plans: dict[tuple[str, ...], list] = {}
        self._plain = not any(field.vector or field.separate_spelling()
                              for _, field in self.schema.items())

    def add_document(self, **fields) -> None:
        if not self._plain:  # term vectors or spelling: Whoosh's way, into the memory pool
            super().add_document(**fields)
            return
        self._check_state()
        docnum = self.docnum
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        try:
            for name, field, boost, custom in self._fields_of(fields):
                value = fields[name]
                if value is None:
                    continue
                length = self._index(name, field, value, docnum, boost) if field.indexed else 0
                stored = value if custom is None else fields.get(custom, value)
                perdoc.add_field(name, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    perdoc.add_column_value(name, field.column_type,
                                            field.to_column_value(stored))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _fields_of(self, fields: dict) -> list[tuple[str, object, float, str | None]]:
        """(name, field, boost, key of a custom stored value) for each field of a document,
        in name order, as Whoosh's add_document works them out: remembered per set of
        field names, as every paragraph has the same ones (boosts and custom stored values,
        given by ``_``-keys, are worked out each time)."""
        shape = tuple(fields)
        plan = self._plans.get(shape)
        if plan is not None:
            return plan
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, names)
        special = any(name.startswith("_") for name in fields)
        docboost = self._doc_boost(fields)
        plan = [(name, self.schema[name], self._field_boost(fields, name, docboost),
                 f"_stored_{name}" if special else None) for name in names]
        if not special:
            self._plans[shape] = plan
        return plan

    def _index(self, name: str, field, value, docnum: int, boost: float) -> int:
        """Add ``value``'s postings for field ``name``; its length if the field is scored."""
        terms = self.pool.terms(name)
        if name not in self.pool.text_keyed:
            length = 0
            for postings, weight, vbytes, freq in self._analysis(name, field, value, terms):
                postings[0].append(docnum)
                postings[1].append(weight * boost)
                if vbytes:
                    postings[2].append(vbytes)
                length += freq
        elif isinstance(value, str):
            length = field.add_postings(value, terms, docnum, boost)
        else:
            length = 0
            for btext, freq, weight, vbytes in field.index(value):
                add_posting(terms, btext.decode("utf-8"), docnum, weight * boost, vbytes)
                length += freq
        if not field.scorable:
            return 0
        self._record_length(name, docnum, length)
        return length

    def _analysis(self, name: str, field, value, terms: dict) -> list[tuple]:
        """``field.index(value)`` as (the term's postings in ``terms``, weight, value,
        frequency): kept for short values, so a symbol or a year met again is neither
        analysed nor looked up in the field's terms again."""
        if not isinstance(value, str | int) or len(str(value)) > ANALYSED_CHARS:
            return _targets(terms, field.index(value))
        key = (name, value)
        targets = self._analysed.get(key)
        if targets is None:
            if len(self._analysed) >= ANALYSED_VALUES:
                self._analysed.clear()
            targets = self._analysed[key] = _targets(terms, field.index(value))
        return targets

    def _record_length(self, name: str, docnum: int, length: int) -> None:
        lengths = self._lengths.get(name)
        if lengths is None:
            lengths = self._lengths[name] = bytearray()
        if len(lengths) < docnum:
            lengths.extend(bytes(docnum - len(lengths)))
        lengths.append(length_to_byte(length) if length else 0)

    # -- finishing --

    def finish_segment(self):
        """Write this writer's segment and return it, without committing it to the index: for
        a builder process whose segment the parent commits (``commit_segments``). The
        temporary folder is shared with the parent's writer, which removes it."""
        self._check_state()
        segment = self._finalize_segment()
        self.is_closed = True
        return segment

    def commit_segments(self, segments: list) -> None:
        """Commit the index with ``segments`` (written by ``finish_segment`` in other
        processes) added to its own, and nothing added by this writer: what Whoosh's
        multi-process writer does with its workers' segments."""
        self._check_state()
        self._close_segment()
        self._commit_toc(list(self.segments) + list(segments))
        self._finish()

    # -- writing the segment (called by commit) --

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader()
        try:
            write_postings(self.fieldwriter, self.schema, self.pool,
                           lambda name: self._field_lengths(name, reader))
        finally:
            reader.close()
        self.fieldwriter.close()

    def _field_lengths(self, fieldname: str, reader) -> list[int] | None:
        """Each document's length of ``fieldname`` as Whoosh's writer would read it back (0:
        none), or None for a field without lengths. Documents merged in from other segments
        (add_reader) were not added here: their lengths are read from the new segment."""
        if not self.schema[fieldname].scorable:
            return None
        recorded = self._lengths.get(fieldname, bytearray())
        lengths = [_LENGTH_OF_BYTE[b] for b in recorded]
        for docnum in range(len(lengths), self.docnum):
            lengths.append(reader.doc_field_length(docnum, fieldname) or 0)
        return lengths


def write_postings(fieldwriter, schema, pool: MemoryPostings,
                   lengths_of: Callable[[str], list[int] | None]) -> None:
    """Every field's terms in order, each term's postings in blocks, through ``fieldwriter``
    (a W3FieldWriter): what Whoosh's ``FieldWriter.add_postings`` does one posting at a time."""
    for fieldname in sorted(pool.fields):
        if not pool.fields[fieldname] or fieldname not in schema:
            continue
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        blocks = TermBlocks(fieldwriter, fieldobj, lengths_of(fieldname),
                            compress=fieldname not in UNCOMPRESSED_FIELDS)
        for btext, postings in pool.sorted_terms(fieldname):
            blocks.write(btext, *postings)
        fieldwriter.finish_field()


#: Postings per block, as Whoosh's codec writes them (W3Codec's ``blocklimit``).
BLOCK_LIMIT = 128
#: Blocks whose pickled data is shorter than this are stored uncompressed (the block says so,
#: and Whoosh's reader reads either). Whoosh compresses every block, most of which here are a
#: rare word pair's single posting that zlib only makes longer, at 20 µs a block.
COMPRESS_FROM = 128
#: Fields whose blocks are never compressed: the word pairs' positions (two thirds of the
#: postings) took a tenth of the build's CPU to compress to a third, and phrase searches read
#: them a little faster as they are. The index is then about as big as Whoosh's writer made
#: it (195 MB at 100,000 paragraphs, against 200; 120 with everything compressed).
UNCOMPRESSED_FIELDS = frozenset({"words"})
COMPRESSION = 3
PICKLE_PROTOCOL = 3
#: A block is a few kilobytes at most, so an 8 KB window and a small hash table lose almost
#: nothing against zlib's defaults (32 KB, memLevel 8: some 270 KB of state set up per call,
#: 30 µs a block in a big process); the stream is an ordinary zlib stream, which Whoosh's
#: ``zlib.decompress`` reads as any other.
WINDOW_BITS = 13
MEMORY_LEVEL = 2


class TermBlocks:
    """Writes a term's postings in Whoosh's block format (W3PostingsWriter._write_block) and
    its term info (W3TermInfo.to_bytes), through a W3FieldWriter's files.

    The same statistics are kept as Whoosh's writer keeps: per block the number of postings,
    the last document, the highest weight and the shortest and longest field length; per term
    the total weight, document frequency, length range, highest weight, first and last
    document, and where its postings are."""

    def __init__(self, fieldwriter, fieldobj, lengths: list[int] | None, *,
                 compress: bool = True) -> None:
        self.compress_from = COMPRESS_FROM if compress else None
        self.postfile = fieldwriter._postfile
        self.offset = self.postfile.tell()  # only this writes to it until the field ends
        self.terms = fieldwriter._tindex
        self.prefix = pack_ushort(fieldwriter._fieldid)
        self.lengths = lengths
        size = fieldobj.format.fixed_value_size()
        self.values = (tuple if size is None or size < 0 else
                       _no_values if size == 0 else b"".join)

    def write(self, btext: bytes, ids: array, weights: array, values: list) -> None:
        count = len(ids)
        chunks = [WHOOSH3_HEADER_MAGIC]
        total = 0.0
        top_weight = 0
        shortest: int | None = None
        longest = 0
        for begin in range(0, count, BLOCK_LIMIT):
            end = min(count, begin + BLOCK_LIMIT)
            block = (ids[begin:end], weights[begin:end], values[begin:end])
            chunk, weight, low, high = self._block(*block, last=end == count)
            chunks.append(chunk)
            total += sum(block[1])
            top_weight = max(top_weight, weight)
            if low is not None:
                shortest = low if shortest is None else min(shortest, low)
            longest = max(longest, high)
        written = b"".join(chunks)
        self.postfile.write(written)
        info = _TERM_INFO.pack(False, total, count,
                               0 if shortest is None else length_to_byte(shortest),
                               length_to_byte(longest), top_weight, ids[0], ids[-1])
        self.terms.add(self.prefix + btext,
                       info + pack_long(self.offset) + pack_int(len(written)))
        self.offset += len(written)

    def _block(self, ids: array, weights: array, values: list, *,
               last: bool) -> tuple[bytes, float, int | None, int]:
        """A block's bytes (its length, negative for the last; its info; its data), and its
        highest weight and length range."""
        if len(ids) == 1:  # most terms (a rare word pair): the same, without the loops
            deltas: tuple = (ids[0],)
            weight = weights[0]
            spread = None if weight == 1.0 else weight
            weight = max(0, weight)
            length = self.lengths[ids[0]] if self.lengths is not None else 0
            low, high = (length or None), length
        else:
            deltas, spread = _deltas(ids), _weights(weights)
            weight = max(0, max(weights))
            low, high = self._length_range(ids)
        data = dumps((deltas, spread, self.values(values)), PICKLE_PROTOCOL)
        compression = 0
        if self.compress_from is not None and len(data) >= self.compress_from:
            data, compression = _compress(data), COMPRESSION
        info = dumps((len(ids), ids[-1], weight, compression, length_to_byte(low),
                      length_to_byte(high)), 2)
        size = len(info) + len(data)
        return pack_int(-size if last else size) + info + data, weight, low, high

    def _length_range(self, ids: array) -> tuple[int | None, int]:
        if self.lengths is None:
            return None, 0
        found = [n for n in map(self.lengths.__getitem__, ids) if n]
        return (min(found), max(found)) if found else (None, 0)


_TERM_INFO = W3TermInfo._struct


def _compress(data: bytes) -> bytes:
    packer = zlib.compressobj(COMPRESSION, zlib.DEFLATED, WINDOW_BITS, MEMORY_LEVEL)
    return packer.compress(data) + packer.flush()


def _no_values(values: list) -> None:
    return None


def _deltas(ids: array) -> tuple[int, ...]:
    """Document numbers as gaps, as Whoosh's ``delta_encode``."""
    return (ids[0], *map(int.__sub__, ids[1:], ids[:-1]))


def _weights(weights: array) -> tuple[float, ...] | float | None:
    """None when all are 1.0, the one value when all are the same, else all (as Whoosh)."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return tuple(weights)
