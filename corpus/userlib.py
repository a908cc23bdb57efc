"""The reader's own part of the library: imported documents and hidden bundled ones.

Imported documents live in ``<data dir>/library/``: each source as a UTF-8 text file in one of
the raw forms the parsers read, and a ``manifest.toml`` of the same shape as the bundled one,
so an imported document is loaded, cached, indexed and linked exactly like a bundled one. A
bundled document cannot be deleted (it is part of the program), only hidden: its symbol is
listed in ``hidden.json``.

Every change writes the new source first and the manifest last: a failure at any point leaves
the library as it was, at worst with an unreferenced source file, which the next import of the
same name replaces. A new symbol's table is appended to the manifest, so that adding a thousand
documents one by one costs a thousand times adding one (rewriting the whole manifest each time
made it quadratic: 907 imports took 41 s); an append cut short leaves one table that cannot be
read, which the manifest reader reports and skips (corpus/manifest.py) and the next change
rewrites away. Replacing or removing an entry rewrites the manifest through a temporary file
renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.errors import ManifestError
from corpus.files import write_atomically
from corpus.manifest import (
    ERROR_KEY,
    MANIFEST_NAME,
    SourceEntry,
    TableStore,
    forget,
    load_manifest,
    read_tables,
)

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

    def entries(self, errors: list[ManifestError] | None = None, *,
                store: TableStore | None = None) -> list[SourceEntry]:
        """The imported documents; none before the first import. An entry that cannot be
        used (its source file gone) is reported in ``errors`` and left out; a manifest that
        cannot be read at all raises ManifestError (the caller reports it and loads the
        bundled library). ``store`` remembers the manifest across runs (the library index)."""
        if not (self.directory / MANIFEST_NAME).is_file():
            return []
        return load_manifest(self.directory, [] if errors is None else errors, store=store)

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
        stored, its path inside the library.

        The new text goes to a file of its own, the manifest is written next (a new symbol's
        table appended, else the whole manifest rewritten), and only then is a replaced
        entry's file deleted: a failure at any step leaves the previous state."""
        self.directory.mkdir(parents=True, exist_ok=True)
        stored = replace(entry, path=self._new_source(entry.symbol))
        table = _table_text(stored, self.directory)  # refuses what cannot be saved, first
        write_atomically(stored.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        try:
            if self._can_append(entry.symbol):
                self._append(stored, table)
                return stored
            current = self.entries()
            self._write_manifest([e for e in current if e.symbol != entry.symbol] + [stored])
        except BaseException:
            stored.path.unlink(missing_ok=True)
            raise
        for old in current:
            if old.symbol == entry.symbol and old.path != stored.path:
                old.path.unlink(missing_ok=True)
        return stored

    def _can_append(self, symbol: str) -> bool:
        """Whether ``symbol`` is new to a manifest whose every table reads: then its table
        can be appended, the manifest as written staying as it is."""
        listed = _listed(self.directory / MANIFEST_NAME)
        return listed is not None and symbol not in listed

    def _append(self, stored: SourceEntry, table: str) -> None:
        path = self.directory / MANIFEST_NAME
        with _listed_lock:
            with open(path, "a", encoding="utf-8", newline="\n") as f:
                f.write("\n" + table)
                f.flush()
                info = os.fstat(f.fileno())
            known = _listed_memo.get(path)
            if known is not None:
                known[1].add(stored.symbol)
                _listed_memo[path] = ((info.st_size, info.st_mtime_ns, info.st_ino), known[1])

    def remove(self, symbol: str) -> bool:
        """Take an imported document out of the library (its source file goes too, after the
        manifest no longer names it); False if it was not imported."""
        entries = self.entries()
        kept = [e for e in entries if e.symbol != symbol]
        if len(kept) == len(entries):
            return False
        self._write_manifest(kept)
        named = {e.path for e in kept}
        for entry in entries:
            if entry.symbol == symbol and entry.path.parent == self.directory \
                    and entry.path not in named:
                entry.path.unlink(missing_ok=True)
        return True

    def _new_source(self, symbol: str) -> Path:
        """A file name for a symbol's text that no other file has: symbols differing only in
        spacing or case ("S/RES/2178(2014)") must not share, or overwrite, a file."""
        stem = f"{_file_stem(symbol)}-{hashlib.sha1(symbol.encode()).hexdigest()[:8]}"
        path, n = self.directory / f"{stem}.txt", 1
        while path.exists():
            n += 1
            path = self.directory / f"{stem}-{n}.txt"
        return path

    def set_hidden(self, symbol: str, hidden: bool) -> None:
        """Hide a bundled document from the library, or show it again."""
        symbols = self.hidden() | {symbol} if hidden else self.hidden() - {symbol}
        self.directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps(sorted(symbols), ensure_ascii=False, indent=1)
        write_atomically(self.directory / HIDDEN_NAME,
                         lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))

    def _write_manifest(self, entries: list[SourceEntry]) -> None:
        """Write the manifest, after checking that it reads back into exactly ``entries``:
        a manifest Plenary could not read would hide every import."""
        text = manifest_text(entries, self.directory)
        try:
            tables = tomllib.loads(text).get("document", [])
        except tomllib.TOMLDecodeError as exc:
            tables = [str(exc)]
        if tables != [_values(entry, self.directory) for entry in entries]:
            raise ManifestError(f"{self.directory / MANIFEST_NAME}: the list of imports would "
                                "not read back as written; nothing was changed")
        path = self.directory / MANIFEST_NAME
        with _listed_lock:
            _listed_memo.pop(path, None)
            forget(path)
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def manifest_text(entries: list[SourceEntry], directory: Path) -> str:
    """A manifest load_manifest reads back into the same entries."""
    lines = ["# Documents imported into Plenary; written by Plenary, one table per document.", ""]
    for entry in entries:
        lines.append(_table_lines(entry, directory))
    return "\n".join(lines)


def _table_lines(entry: SourceEntry, directory: Path) -> str:
    return "\n".join(["[[document]]", *(f"{key} = {toml_string(value)}"
                                         for key, value in _values(entry, directory).items()),
                      ""])


def _table_text(entry: SourceEntry, directory: Path) -> str:
    """One entry's table, checked to read back as written (a manifest Plenary could not read
    would hide every import)."""
    text = _table_lines(entry, directory)
    try:
        tables = tomllib.loads(text).get("document", [])
    except tomllib.TOMLDecodeError as exc:
        tables = [str(exc)]
    if tables != [_values(entry, directory)]:
        raise ManifestError(f"{directory / MANIFEST_NAME}: the entry of {entry.symbol} would "
                            "not read back as written; nothing was changed")
    return text


#: The symbols each manifest lists, by the manifest's (size, time, inode) when they were read:
#: an import learns whether its symbol is new without reading the manifest again.
_listed_memo: dict[Path, tuple[tuple[int, int, int], set[str]]] = {}
_listed_lock = threading.Lock()


def _listed(path: Path) -> set[str] | None:
    """The symbols ``path`` lists, or None if it is missing or holds a table that cannot be
    read or a symbol twice (then it is rewritten, not appended to)."""
    with _listed_lock:
        try:
            info = os.stat(path)
        except OSError:
            return None
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        known = _listed_memo.get(path)
        if known is not None and known[0] == signature:
            return known[1]
        try:
            _header, tables = read_tables(path)
        except ManifestError:
            return None
        symbols = [t.get("symbol") for t in tables]
        if any(ERROR_KEY in t for t in tables) or len(set(symbols)) != len(symbols):
            return None
        listed = {str(s) for s in symbols}
        _listed_memo[path] = (signature, listed)
        return listed


def _values(entry: SourceEntry, directory: Path) -> dict[str, str]:
    """An entry as its manifest table holds it."""
    values = {"symbol": entry.symbol, "body": entry.body, "date": entry.date,
              "title": entry.title, "kind": entry.kind.value,
              "source": entry.path.relative_to(directory).as_posix(), "format": entry.format,
              "meeting": entry.meeting, "subject": entry.subject, "draft_of": entry.draft_of}
    return {key: value for key, value in values.items() if value is not None}


def toml_string(value: str) -> str:
    """A TOML basic string: quote and backslash escaped, every control character (DEL too,
    which TOML forbids raw) as \\uXXXX. Text that is not Unicode (lone surrogates) is
    refused rather than written into a file that could not be read back."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ManifestError(f"{value!r} is not text that can be saved") from None
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _file_stem(symbol: str) -> str:
    """"S/RES/2178 (2014)" -> "S_RES_2178_2014": a file name on every system."""
    return _UNSAFE.sub("_", symbol).strip("_") or "document"
