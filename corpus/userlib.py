"""The reader's own part of the library: imported documents and hidden bundled ones.

Imported documents live in ``<data dir>/library/``: each source as a UTF-8 text file in one of
the raw forms the parsers read, and a ``manifest.toml`` of the same shape as the bundled one,
so an imported document is loaded, cached, indexed and linked exactly like a bundled one. A
bundled document cannot be deleted (it is part of the program), only hidden: its symbol is
listed in ``hidden.json``.

Every change writes the new source first and the manifest last, each through a temporary file
renamed into place: a failure at any point leaves the library as it was, at worst with an
unreferenced source file, which the next import of the same name replaces.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.errors import ManifestError
from corpus.files import write_atomically
from corpus.manifest import MANIFEST_NAME, SourceEntry, load_manifest

LIBRARY_DIR = "library"
HIDDEN_NAME = "hidden.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class UserLibrary:
    """The imported documents and hidden bundled ones of one data directory."""

    data_dir: Path

    @property
    def directory(self) -> Path:
        return self.data_dir / LIBRARY_DIR

    # --- reading ------------------------------------------------------------------------------

    def entries(self) -> list[SourceEntry]:
        """The imported documents; none before the first import. A damaged manifest raises
        ManifestError (the caller reports it and loads the bundled library)."""
        if not (self.directory / MANIFEST_NAME).is_file():
            return []
        return load_manifest(self.directory)

    def hidden(self) -> set[str]:
        """Symbols of bundled documents the reader removed from the library."""
        path = self.directory / HIDDEN_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return set()
        except (OSError, ValueError) as exc:
            raise ManifestError(f"{path}: cannot read the list of hidden documents "
                                f"({exc})") from exc
        return {str(symbol) for symbol in data} if isinstance(data, list) else set()

    # --- changing -----------------------------------------------------------------------------

    def add(self, entry: SourceEntry, text: str) -> SourceEntry:
        """Keep ``text`` as the source of ``entry`` (whose ``path`` is only the file it came
        from) and list it; an entry of the same symbol is replaced. Returns the entry as
        stored, its path inside the library."""
        self.directory.mkdir(parents=True, exist_ok=True)
        source = self.directory / f"{_file_stem(entry.symbol)}.txt"
        write_atomically(source, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        stored = replace(entry, path=source)
        kept = [e for e in self.entries() if e.symbol != entry.symbol]
        self._write_manifest([*kept, stored])
        return stored

    def remove(self, symbol: str) -> bool:
        """Take an imported document out of the library (its source file goes too); False if
        it was not imported."""
        entries = self.entries()
        kept = [e for e in entries if e.symbol != symbol]
        if len(kept) == len(entries):
            return False
        self._write_manifest(kept)
        for entry in entries:
            if entry.symbol == symbol and entry.path.parent == self.directory:
                entry.path.unlink(missing_ok=True)
        return True

    def set_hidden(self, symbol: str, hidden: bool) -> None:
        """Hide a bundled document from the library, or show it again."""
        symbols = self.hidden() | {symbol} if hidden else self.hidden() - {symbol}
        self.directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps(sorted(symbols), ensure_ascii=False, indent=1)
        write_atomically(self.directory / HIDDEN_NAME,
                         lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))

    def _write_manifest(self, entries: list[SourceEntry]) -> None:
        text = manifest_text(entries, self.directory)
        write_atomically(self.directory / MANIFEST_NAME,
                         lambda tmp: tmp.write_text(text, encoding="utf-8"))


def manifest_text(entries: list[SourceEntry], directory: Path) -> str:
    """A manifest load_manifest reads back into the same entries. TOML basic strings take
    JSON's escapes, so each value is written with json.dumps."""
    lines = ["# Documents imported into Plenary; written by Plenary, one table per document.", ""]
    for entry in entries:
        values = {"symbol": entry.symbol, "body": entry.body, "date": entry.date,
                  "title": entry.title, "kind": entry.kind.value,
                  "source": entry.path.relative_to(directory).as_posix(),
                  "format": entry.format, "meeting": entry.meeting, "subject": entry.subject,
                  "draft_of": entry.draft_of}
        lines.append("[[document]]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}"
                  for key, value in values.items() if value is not None]
        lines.append("")
    return "\n".join(lines)


def _file_stem(symbol: str) -> str:
    """"S/RES/2178 (2014)" -> "S_RES_2178_2014": a file name on every system."""
    return _UNSAFE.sub("_", symbol).strip("_") or "document"
