"""What spares a start its work: the parse cache, the library index and the bundled pack, each
used when sound and ignored (and rebuilt) when stale or damaged, never trusted blindly."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

import corpus.library
from corpus.cache import DocumentCache
from corpus.library import load_library
from corpus.library_index import INDEX_NAME
from corpus.manifest import bundled_sources
from corpus.pack import Pack
from corpus.serialize import document_to_dict


@pytest.fixture
def sources(tmp_path):
    """A private copy of the suite's bundled sources (the five seed texts), so tests can
    change them."""
    target = tmp_path / "sources"
    shutil.copytree(bundled_sources(), target)
    return target


@pytest.fixture
def parse_count(monkeypatch):
    calls = []
    real = corpus.library.parse_source

    def counting(entry, data, vocab):
        calls.append(entry.symbol)
        return real(entry, data, vocab)

    monkeypatch.setattr(corpus.library, "parse_source", counting)
    return calls


@pytest.fixture
def reads(monkeypatch):
    """Every document read from the parse cache or the pack, by symbol."""
    calls = []
    real_cache, real_pack = DocumentCache.get_raw, Pack.get

    def cache_get(self, symbol, key):
        calls.append(symbol)
        return real_cache(self, symbol, key)

    def pack_get(self, symbol, key):
        calls.append(symbol)
        return real_pack(self, symbol, key)

    monkeypatch.setattr(DocumentCache, "get_raw", cache_get)
    monkeypatch.setattr(Pack, "get", pack_get)
    return calls


def _dicts(library):
    return [document_to_dict(d) for d in library]


def test_warm_load_parses_nothing_and_gives_the_same_library(data_dir, sources, parse_count):
    cold = load_library(data_dir, sources=sources, pack=False)
    assert len(parse_count) == 5
    warm = load_library(data_dir, sources=sources, pack=False)
    assert _dicts(warm) == _dicts(cold)
    assert len(parse_count) == 5


def test_warm_load_reads_no_document_and_get_reads_one(data_dir, sources, reads):
    load_library(data_dir, sources=sources)
    reads.clear()
    library = load_library(data_dir, sources=sources)
    assert reads == [] and len(library) == 5
    assert library.cited_by("S/RES/2396 (2017)") and reads == []  # from the index
    library.get("S/RES/2322 (2016)")
    assert set(reads) == {"S/RES/2322 (2016)"}  # the cache, else the pack
    count = len(reads)
    library.get("S/RES/2322 (2016)")
    assert len(reads) == count  # kept


def test_a_first_start_takes_the_bundled_texts_from_the_pack(data_dir, sources, parse_count,
                                                            tmp_path):
    packed = load_library(data_dir, sources=sources)
    assert parse_count == []
    parsed = load_library(tmp_path / "other", sources=sources, pack=False)
    assert len(parse_count) == 5
    assert _dicts(packed) == _dicts(parsed)
    assert [packed.cited_by(s) for s in packed.symbols()] == [
        parsed.cited_by(s) for s in parsed.symbols()]


def test_a_pack_of_another_parser_is_not_trusted(data_dir, sources, parse_count, monkeypatch):
    monkeypatch.setattr(corpus.library, "PARSER_VERSION", corpus.library.PARSER_VERSION + 1000)
    library = load_library(data_dir, sources=sources)
    assert sorted(parse_count) == sorted(library.symbols())


@pytest.mark.parametrize("content", [b"", b"not gzip", b"\x1f\x8b\x08\x00garbage"])
def test_a_damaged_pack_is_ignored(data_dir, sources, parse_count, monkeypatch, tmp_path,
                                   content):
    damaged = tmp_path / "library.pack.gz"
    damaged.write_bytes(content)
    monkeypatch.setattr(corpus.library, "Pack", lambda: Pack(damaged))
    library = load_library(data_dir, sources=sources)
    assert len(parse_count) == 5 and len(library) == 5


def test_a_changed_source_is_parsed_again(data_dir, sources, parse_count):
    load_library(data_dir, sources=sources, pack=False)
    path = sources / "S_RES_2322_2016.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("in twelve months", "in six months"),
                    encoding="utf-8")
    library = load_library(data_dir, sources=sources, pack=False)
    assert parse_count[5:] == ["S/RES/2322 (2016)"]
    assert "update the Council in six months" in library.get("S/RES/2322 (2016)").block("op22").text


def test_a_changed_clean_text_reparses_the_pdf_texts_repaired_against_it(data_dir, sources,
                                                                        parse_count):
    load_library(data_dir, sources=sources, pack=False)
    path = sources / "S_RES_2396_2017.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_library(data_dir, sources=sources, pack=False)
    assert sorted(parse_count[5:]) == ["S/2017/1051", "S/RES/2322 (2016)", "S/RES/2396 (2017)"]


def test_a_touched_source_is_read_not_parsed(data_dir, sources, parse_count):
    load_library(data_dir, sources=sources, pack=False)
    path = sources / "S_RES_2322_2016.txt"
    path.write_bytes(path.read_bytes())  # a new time, the same text
    load_library(data_dir, sources=sources, pack=False)
    assert len(parse_count) == 5


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # truncated write
    lambda text: "not json at all",
    lambda text: json.dumps({"key": json.loads(text)["key"], "document": {"symbol": 1}}),
    lambda text: json.dumps({"key": json.loads(text)["key"],
                             "document": json.loads(text)["document"], "extra": [1]}),
    lambda text: json.dumps(["a", "list"]),
])
def test_a_damaged_entry_is_parsed_again_never_trusted(data_dir, sources, parse_count, damage):
    load_library(data_dir, sources=sources, pack=False)
    entry = data_dir / "cache" / "documents" / "S_RES_2396__2017.json"
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    library = load_library(data_dir, sources=sources, pack=False)
    assert len(library.get("S/RES/2396 (2017)").blocks_of("operative")) == 51
    assert parse_count[5:] == ["S/RES/2396 (2017)"]


def test_an_unwritable_cache_only_costs_time(tmp_path, sources):
    blocked = tmp_path / "data"
    blocked.mkdir()
    (blocked / "cache").write_text("a file where the cache directory should be")
    library = load_library(blocked, sources=sources)
    assert len(library) == 5
    assert library.cited_by("S/RES/2396 (2017)")
    assert len(library.get("S/RES/2396 (2017)").blocks_of("operative")) == 51


@pytest.mark.parametrize("damage", [
    lambda path: path.write_bytes(b"not a database at all" * 100),
    lambda path: path.write_bytes(path.read_bytes()[:2048]),  # cut short
    lambda path: path.write_bytes(path.read_bytes()[:100] + b"\0" * 4000
                                  + path.read_bytes()[4100:]),
    lambda path: sqlite3.connect(path).execute("PRAGMA user_version=99").connection.commit(),
    lambda path: sqlite3.connect(path).executescript("DROP TABLE places"),
    lambda path: sqlite3.connect(path).executescript(
        "UPDATE places SET citation = 'not json'; UPDATE documents SET key = 'nonsense'"),
])
def test_a_damaged_index_is_rebuilt_never_trusted(data_dir, sources, damage):
    first = load_library(data_dir, sources=sources)
    expected = (_dicts(first), [first.cited_by(s) for s in first.symbols()])
    del first
    damage(data_dir / "cache" / INDEX_NAME)
    library = load_library(data_dir, sources=sources)
    assert (_dicts(library), [library.cited_by(s) for s in library.symbols()]) == expected
    again = load_library(data_dir, sources=sources)  # and the file is sound again
    assert [again.cited_by(s) for s in again.symbols()] == expected[1]


def test_an_index_damaged_while_the_library_is_open_costs_nothing(data_dir, sources):
    library = load_library(data_dir, sources=sources)
    expected = library.cited_by("S/RES/2322 (2016)")
    (data_dir / "cache" / INDEX_NAME).write_bytes(b"overwritten by something else" * 500)
    library._state._index._conn.close()  # as if the file went from under it
    assert library.cited_by("S/RES/2322 (2016)") == expected
    assert library.get("S/RES/2322 (2016)") is not None
