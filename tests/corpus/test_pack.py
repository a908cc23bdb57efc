"""The bundled pack (corpus/sources/library.pack.gz) is what parsing the bundled texts gives."""

from __future__ import annotations

import gzip

import pytest

from corpus.library import _Loader, pack_entries
from corpus.manifest import BUNDLED_SOURCES, load_manifest
from corpus.pack import PACK_PATH, Pack, pack_bytes, pack_text


def test_every_bundled_text_is_in_the_pack_under_the_key_a_load_looks_for():
    """Quick: a text, manifest entry or parser version changed without rebuilding the pack
    (tools/build_pack.py) shows here, naming the documents a first start would parse."""
    entries = load_manifest(BUNDLED_SOURCES)
    loader = _Loader(entries, None, None)
    pack = Pack()
    stale = [e.symbol for e in entries if pack.key(e.symbol) != loader.key(e, loader.read(e))]
    assert stale == [], "run tools/build_pack.py"


@pytest.mark.slow
def test_rebuilding_the_pack_gives_the_pack_as_committed():
    rebuilt = gzip.decompress(pack_bytes(pack_entries())).decode("utf-8")
    assert rebuilt == pack_text(PACK_PATH), "run tools/build_pack.py"


def test_the_pack_is_compact():
    assert PACK_PATH.stat().st_size < 2_000_000
