"""The parse cache: used when sound, ignored (and rebuilt) when stale or damaged."""

from __future__ import annotations

import json
import shutil

import pytest

import corpus.library
from corpus.library import load_library
from corpus.manifest import BUNDLED_SOURCES
from corpus.serialize import document_to_dict


@pytest.fixture
def sources(tmp_path):
    """A private copy of the bundled sources, so tests can change them."""
    target = tmp_path / "sources"
    shutil.copytree(BUNDLED_SOURCES, target)
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


def test_warm_load_parses_nothing_and_gives_the_same_library(data_dir, sources, parse_count):
    cold = load_library(data_dir, sources=sources)
    assert len(parse_count) == 5
    warm = load_library(data_dir, sources=sources)
    assert len(parse_count) == 5
    assert [document_to_dict(d) for d in warm] == [document_to_dict(d) for d in cold]


def test_a_changed_source_is_parsed_again(data_dir, sources, parse_count):
    load_library(data_dir, sources=sources)
    path = sources / "S_RES_2322_2016.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("in twelve months", "in six months"),
                    encoding="utf-8")
    library = load_library(data_dir, sources=sources)
    assert parse_count[5:] == ["S/RES/2322 (2016)"]
    assert "update the Council in six months" in library.get("S/RES/2322 (2016)").block("op22").text


def test_a_changed_clean_text_reparses_the_pdf_texts_repaired_against_it(data_dir, sources,
                                                                        parse_count):
    load_library(data_dir, sources=sources)
    path = sources / "S_RES_2396_2017.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_library(data_dir, sources=sources)
    assert sorted(parse_count[5:]) == ["S/2017/1051", "S/RES/2322 (2016)", "S/RES/2396 (2017)"]


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # truncated write
    lambda text: "not json at all",
    lambda text: json.dumps({"key": json.loads(text)["key"], "document": {"symbol": 1}}),
    lambda text: json.dumps(["a", "list"]),
])
def test_a_damaged_entry_is_parsed_again_never_trusted(data_dir, sources, parse_count, damage):
    load_library(data_dir, sources=sources)
    entry = data_dir / "cache" / "documents" / "S_RES_2396__2017.json"
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    library = load_library(data_dir, sources=sources)
    assert parse_count[5:] == ["S/RES/2396 (2017)"]
    assert len(library.get("S/RES/2396 (2017)").blocks_of("operative")) == 51


def test_an_unwritable_cache_only_costs_time(tmp_path, sources):
    blocked = tmp_path / "data"
    blocked.mkdir()
    (blocked / "cache").write_text("a file where the cache directory should be")
    library = load_library(blocked, sources=sources)
    assert len(library) == 5
