"""ParagraphWriter writes what Whoosh's own SegmentWriter writes, faster.

Compared as Whoosh reads them back: every term of every field with its statistics and its
postings (documents, weights, frequencies and positions), every stored field, column value and
field length. The bytes of the postings file differ (small blocks left uncompressed, a smaller
zlib window, pickle protocol 3): Whoosh reads either.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

import index.segment_writer as segment_writer
from index.records import paragraph_records
from index.schema import build_schema
from index.search import Searcher
from index.segment_writer import ParagraphWriter
from index.store import SearchIndex


def _records(library) -> list[dict]:
    return [record for doc in library.documents for record in paragraph_records(doc)]


def _index(folder: Path, writer_class, batches: list[list[dict]], **commit):
    """An index written by ``writer_class``, one commit (one segment) per batch."""
    folder.mkdir()
    ix = FileStorage(str(folder), supports_mmap=False).create_index(build_schema(),
                                                                   indexname="paragraphs")
    for batch in batches:
        writer = writer_class(ix)
        for record in batch:
            writer.add_document(**record)
        writer.commit(merge=False)
    if commit:
        writer_class(ix).commit(**commit)
    return ix


def _contents(ix) -> dict:
    """Everything a search can read from ``ix``, independent of how the bytes are laid out."""
    contents: dict = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        schema = ix.schema
        for fieldname in reader.indexed_field_names():
            fmt = schema[fieldname].format
            kind = ("positions" if fmt.supports("positions") else
                    "frequency" if fmt.supports("frequency") else None)
            for term in reader.lexicon(fieldname):
                info = reader.term_info(fieldname, term)
                matcher = reader.postings(fieldname, term)
                postings = []
                while matcher.is_active():
                    postings.append((matcher.id(), matcher.weight(),
                                     matcher.value_as(kind) if kind else None))
                    matcher.next()
                contents[fieldname, term] = (
                    info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                    info.max_weight(), info.min_id(), info.max_id(), postings)
        count = reader.doc_count_all()
        contents["stored"] = [reader.stored_fields(n) for n in range(count)]
        for fieldname, field in schema.items():
            if field.column_type:
                contents["column", fieldname] = list(reader.column_reader(fieldname))
            if field.scorable:
                contents["lengths", fieldname] = [reader.doc_field_length(n, fieldname)
                                                  for n in range(count)]
    return contents


@pytest.fixture(scope="module")
def whooshs_own(library, tmp_path_factory) -> dict:
    """What Whoosh's SegmentWriter makes of the library, as read back."""
    folder = tmp_path_factory.mktemp("whooshs-own") / "index"
    return _contents(_index(folder, SegmentWriter, [_records(library)]))


def test_a_segment_reads_back_as_whooshs_own(library, tmp_path, whooshs_own):
    ours = _contents(_index(tmp_path / "ours", ParagraphWriter, [_records(library)]))
    assert ours.keys() == whooshs_own.keys()
    assert ours == whooshs_own
    # Terms of many blocks were written (a block holds 128 postings), and compressed ones.
    assert max(len(value[-1]) for key, value in ours.items() if key[0] == "words") > 128


def test_merging_segments_reads_back_as_whooshs_own(library, tmp_path):
    """Segments merged into a new one (add_reader: a commit with optimize, as an update with
    several documents merges small segments) go through the memory pool too."""
    records = _records(library)[:240]
    batches = [records[:60], records[60:150], records[150:]]
    ours = _index(tmp_path / "ours", ParagraphWriter, batches, optimize=True)
    theirs = _index(tmp_path / "theirs", SegmentWriter, batches, optimize=True)
    assert len(ours._segments()) == 1
    assert _contents(ours) == _contents(theirs)


def test_deleted_paragraphs_are_left_out_of_a_merge(library, tmp_path):
    records = _records(library)[:240]
    batches = [records[:100], records[100:]]
    indexes = []
    for name, writer_class in (("ours", ParagraphWriter), ("theirs", SegmentWriter)):
        ix = _index(tmp_path / name, writer_class, batches)
        writer = writer_class(ix)
        writer.delete_by_term("sym", records[0]["sym"])
        writer.commit(optimize=True)
        indexes.append(ix)
    ours, theirs = (_contents(ix) for ix in indexes)
    assert ours == theirs
    assert len(ours["stored"]) < len(records)


@pytest.mark.parametrize("compress_from", [0, 10**9])
def test_every_block_compressed_or_none_reads_the_same(library, tmp_path, monkeypatch,
                                                       compress_from, whooshs_own):
    monkeypatch.setattr(segment_writer, "COMPRESS_FROM", compress_from)
    monkeypatch.setattr(segment_writer, "UNCOMPRESSED_FIELDS", frozenset())
    assert _contents(_index(tmp_path / "ours", ParagraphWriter,
                            [_records(library)])) == whooshs_own


def test_searches_answer_the_same(library, tmp_path):
    batches = [_records(library)]
    answers = []
    for name, writer_class in (("ours", ParagraphWriter), ("theirs", SegmentWriter)):
        folder = tmp_path / name
        searcher = Searcher(SearchIndex(folder, _index(folder, writer_class, batches)))
        answers.append({
            text: [(hit.key, hit.score, hit.snippet) for hit in
                   searcher.search(text, limit=None, time_limit=30).hits]
            for text in ("extradition", "terrorism NOT council", '"member states"',
                         '"in all its forms and manifestations"', "biometrc~", "biomet*",
                         "kind:operative PNR", "year:[2016 TO 2017] victims")})
    assert answers[0] == answers[1]
    assert all(answers[0].values())
