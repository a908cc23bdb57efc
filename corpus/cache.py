"""Parsed documents kept in the data directory, so a warm start does not parse anything.

An entry is trusted only if its key matches: the hash of the source bytes, the parser version
and whatever else the parse depended on. Anything else (stale key, truncated or hand-edited
JSON, a schema the code no longer reads) is treated as absent and the source is parsed again;
the cache can always be rebuilt, so it never gets to raise. The same stance holds for the rest
of what is kept to spare work: the library index (corpus/library_index.py) and the bundled
pack (corpus/pack.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from corpus.model import Document
from corpus.serialize import document_from_dict, document_to_dict


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x1f")
    return h.hexdigest()


class DocumentCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, symbol: str) -> Path:
        slug = "".join(ch if ch.isalnum() else "_" for ch in symbol).strip("_")
        return self.directory / f"{slug}.json"

    def get(self, symbol: str, key: str) -> tuple[Document, Any] | None:
        """The cached document and the extra data stored with it, if the entry is sound."""
        raw = self.get_raw(symbol, key)
        if raw is None:
            return None
        try:
            return document_from_dict(raw[0]), raw[1]
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def get_raw(self, symbol: str, key: str) -> tuple[dict, Any] | None:
        """The cached document as its dict (see corpus.serialize) and the extra data, if the
        entry's key matches; the dict may still be damaged (document_from_dict raises)."""
        try:
            with open(self._path(symbol), encoding="utf-8") as f:
                entry = json.load(f)
            if entry.get("key") != key or not isinstance(entry["document"], dict):
                return None
            return entry["document"], entry.get("extra")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, symbol: str, key: str, document: Document | dict, extra: Any = None) -> None:
        """Store an entry atomically; a cache that cannot be written is only a slower start.
        ``document`` may be given as its dict already."""
        if isinstance(document, Document):
            document = document_to_dict(document)
        entry = {"key": key, "document": document, "extra": extra}
        tmp: str | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entry, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self._path(symbol))
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
