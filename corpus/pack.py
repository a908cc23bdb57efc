"""The bundled library, parsed in advance: ``corpus/sources/library.pack.gz``.

Parsing the 907 bundled texts takes several seconds; a first start should not. The pack holds,
for each bundled document, exactly what the parse cache would hold (the parsed document, the
citations found in each paragraph, the years it gives) under the same key, which covers the
source's bytes, its manifest entry, the repair vocabulary's sources and the parser's and
citation finder's versions. So a pack entry is used only where parsing the source now would
give the same result: a changed text, entry or parser (PARSER_VERSION, CITATIONS_VERSION) makes
the key differ and the document is parsed instead. A pack that cannot be read is ignored.

Format: gzip'd JSON lines, the first a header (``{"pack": 1, "documents": [[symbol, key], …]}``),
then one line per document in the header's order. ``tools/build_pack.py`` rebuilds it;
tests/corpus/test_pack.py checks that rebuilding gives the pack as committed.
"""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path
from typing import Any

from corpus.manifest import BUNDLED_SOURCES

PACK_FORMAT = 1
PACK_PATH = BUNDLED_SOURCES / "library.pack.gz"


class Pack:
    """The pack's entries by symbol, read on first use (one decompression, ~20 ms)."""

    def __init__(self, path: Path | None = PACK_PATH) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._lines: dict[str, tuple[str, bytes]] | None = None

    def _load(self) -> dict[str, tuple[str, bytes]]:
        with self._lock:
            if self._lines is None:
                self._lines = self._read()
            return self._lines

    def _read(self) -> dict[str, tuple[str, bytes]]:
        if self.path is None:
            return {}
        try:
            with gzip.open(self.path, "rb") as f:
                lines = f.read().split(b"\n")
            header = json.loads(lines[0])
            if header.get("pack") != PACK_FORMAT:
                return {}
            listed = header["documents"]
            return {str(symbol): (str(key), line)
                    for (symbol, key), line in zip(listed, lines[1:], strict=False)}
        except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError):
            return {}

    def key(self, symbol: str) -> str | None:
        entry = self._load().get(symbol)
        return entry[0] if entry else None

    def get(self, symbol: str, key: str) -> tuple[dict, Any] | None:
        """(document as a dict, extra) of ``symbol`` if the pack holds it under ``key``."""
        entry = self._load().get(symbol)
        if entry is None or entry[0] != key:
            return None
        try:
            data = json.loads(entry[1])
            if data["symbol"] != symbol or data["key"] != key:
                return None
            return data["document"], data["extra"]
        except (ValueError, KeyError, TypeError):
            return None


def pack_bytes(entries: list[tuple[str, str, dict, Any]]) -> bytes:
    """The pack of (symbol, key, document dict, extra), gzip'd the same way every time."""
    lines = [json.dumps({"pack": PACK_FORMAT,
                         "documents": [[symbol, key] for symbol, key, _, _ in entries]},
                        ensure_ascii=False, separators=(",", ":"))]
    lines += [json.dumps({"symbol": symbol, "key": key, "document": document, "extra": extra},
                         ensure_ascii=False, separators=(",", ":"))
              for symbol, key, document, extra in entries]
    text = "\n".join(lines).encode("utf-8")
    return gzip.compress(text, compresslevel=9, mtime=0)


def pack_text(path: Path) -> str:
    """The pack's JSON lines (for comparing two packs)."""
    with gzip.open(path, "rb") as f:
        return f.read().decode("utf-8")
