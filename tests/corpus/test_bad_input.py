"""Bad sources: a clear error naming the file and line, never a crash or an empty document."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import SourceError
from corpus.library import load_library
from corpus.manifest import SourceEntry
from corpus.model import DocumentKind
from corpus.parsing import parse_source

GOOD = "The Security Council,\n\nRecalling its resolutions,\n\n1. *Decides* to remain seized.\n"


def _entry(path: Path, fmt: str = "markdown") -> SourceEntry:
    return SourceEntry(symbol="S/RES/9999 (2030)", body="Security Council", date="2030-01-01",
                       title="Test", kind=DocumentKind.RESOLUTION, path=path, format=fmt)


def _parse(tmp_path: Path, data: bytes, fmt: str = "markdown"):
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    return parse_source(_entry(path, fmt), data, frozenset())


BAD = [
    (b"", "empty", None),
    (b"  \n\n \t\n", "empty", None),
    (b"The Security Council,\n\x00\x01\x02binary", "binary", None),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary", None),
    ("The Security Council,\n\nRecalling caf\u00e9,\n".encode("latin-1"), "UTF-8", 3),
    (b"Recalling its resolutions,\n\n1. *Decides* to remain seized.\n", "preamble intro", 1),
    (b"The Security Council,\n\nRecalling its resolutions,\n\nNoting the report,\n",
     "operative", 5),
]


@pytest.mark.parametrize(("data", "reason", "line"), BAD)
def test_bad_source_is_a_clear_error(tmp_path, data, reason, line):
    with pytest.raises(SourceError) as caught:
        _parse(tmp_path, data)
    message = str(caught.value)
    assert message.startswith("bad.md")
    assert reason in message
    assert caught.value.line == line
    if line:
        assert f"line {line}" in message


def test_the_same_checks_apply_to_pdf_text(tmp_path):
    with pytest.raises(SourceError, match="operative"):
        _parse(tmp_path, b" The General Assembly, \n\n Noting the report, \n", fmt="pdf-text")


def test_a_good_minimal_source_parses(tmp_path):
    doc = _parse(tmp_path, GOOD.encode())
    assert [b.id for b in doc.blocks] == ["intro", "pp1", "op1"]
    assert doc.block("op1").verb == "Decides"


def test_a_bad_source_in_the_library_is_reported_and_the_rest_loads(tmp_path, data_dir):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.md").write_text(GOOD, encoding="utf-8")
    (sources / "bad.md").write_bytes(b"")
    (sources / "manifest.toml").write_text(
        '[[document]]\nsymbol = "S/RES/1 (2030)"\nbody = "Security Council"\ndate = 2030-01-01\n'
        'title = "Good"\nkind = "resolution"\nsource = "good.md"\nformat = "markdown"\n'
        '[[document]]\nsymbol = "S/RES/2 (2030)"\nbody = "Security Council"\ndate = 2030-01-02\n'
        'title = "Bad"\nkind = "resolution"\nsource = "bad.md"\nformat = "markdown"\n',
        encoding="utf-8")
    library = load_library(data_dir, sources=sources)
    assert [d.symbol for d in library] == ["S/RES/1 (2030)"]
    assert [str(e) for e in library.errors] == ["bad.md: the file is empty"]
