"""The manifest: what a parser cannot read off a source (canonical symbol, meeting, relations).

A manifest is a TOML file of ``[[document]]`` tables, each naming its source file relative to
the manifest's folder. A manifest may ``include`` others (a list of paths relative to it), whose
documents follow its own: the bundled library keeps the five seed texts in
``sources/manifest.toml`` and the 902 CR-UNSC texts in ``sources/cr-unsc/manifest.toml``.

Reading a manifest of thousands of entries with ``tomllib`` takes a third of a second, so what
was read is remembered: in this process by the file's size, time and inode, and (given a
``TableStore``, the library index) across runs by the hash of its bytes. A manifest that grew by
appended tables (``UserLibrary.add``) is read only from where the remembered part ends. One
table that cannot be read (a write cut short) costs only itself: it is reported, the others load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import stat
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from corpus.errors import ManifestError
from corpus.model import DocumentKind

#: Plenary's own bundled library: the seed texts and the CR-UNSC Security Council texts.
BUNDLED_SOURCES = Path(__file__).resolve().parent / "sources"
MANIFEST_NAME = "manifest.toml"
#: A folder of sources (with its manifest.toml) to bundle instead of Plenary's own: the test
#: suite reads the five seed texts by default this way, and benchmarks build libraries of a
#: chosen size. Unset, the bundled library is ``BUNDLED_SOURCES``.
SOURCES_ENV = "PLENARY_SOURCES"


def bundled_sources() -> Path:
    """The folder of the bundled library: ``$PLENARY_SOURCES`` if set, else Plenary's own."""
    override = os.environ.get(SOURCES_ENV)
    return Path(override) if override else BUNDLED_SOURCES


@dataclass(frozen=True)
class SourceEntry:
    symbol: str
    body: str
    date: str  # ISO 8601
    title: str
    kind: DocumentKind
    path: Path
    format: str
    meeting: str | None = None
    subject: str | None = None
    draft_of: str | None = None
    #: (size, modification time in ns) of the source when the manifest was read; None for an
    #: entry made in code. Not part of the entry's identity (equality, fingerprint).
    stat: tuple[int, int] | None = field(default=None, compare=False, repr=False)

    def fingerprint(self) -> str:
        """Everything of the entry that ends up in the parsed document, for the cache key."""
        return repr((self.symbol, self.body, self.date, self.title, self.kind.value, self.format,
                     self.meeting, self.subject, self.draft_of))


_REQUIRED = ("symbol", "body", "date", "title", "kind", "source", "format")
#: The key given to a table that could not be read (never a key of a manifest's own).
ERROR_KEY = "\x00error"


class TableStore(Protocol):
    """Where manifests already read are remembered across runs (the library index)."""

    def manifest_tables(self, path: str) -> tuple[int, str, dict, list] | None: ...

    def has_manifest(self, path: str, digest: str) -> bool: ...

    def put_manifest_tables(self, path: str, length: int, digest: str, header: dict,
                            tables: list) -> None: ...


def load_manifest(directory: Path | None = None, errors: list[ManifestError] | None = None,
                  *, store: TableStore | None = None) -> list[SourceEntry]:
    """The entries of ``directory``'s manifest (the bundled library's by default), then those
    of the manifests it includes. An entry that cannot be used (a field missing, its file
    gone, its table unreadable) raises, or, given ``errors``, is reported there and left out,
    so one bad entry of the reader's imports does not cost the others."""
    directory = bundled_sources() if directory is None else Path(directory)
    entries: list[SourceEntry] = []
    _load(directory / MANIFEST_NAME, errors, store, entries, set())
    return entries


def _load(path: Path, errors: list[ManifestError] | None, store: TableStore | None,
          entries: list[SourceEntry], seen: set[Path]) -> None:
    seen.add(path.resolve())
    header, tables = read_tables(path, store)
    for i, table in enumerate(tables, start=1):
        try:
            if ERROR_KEY in table:
                raise ManifestError(f"{path}: document {i} cannot be read ({table[ERROR_KEY]})")
            entries.append(_entry(path, path.parent, i, table))
        except ManifestError as exc:
            if errors is None:
                raise
            errors.append(exc)
    included = header.get("include", [])
    if not isinstance(included, list):
        included = [included]
    for name in included:
        target = path.parent / str(name)
        if target.resolve() in seen:
            continue
        try:
            _load(target, errors, store, entries, seen)
        except ManifestError as exc:
            if errors is None:
                raise
            errors.append(exc)


# --- reading the tables of one manifest file ---------------------------------------------------

@dataclass(frozen=True)
class _Read:
    """One manifest file as read: its first ``length`` bytes, their hash, what they hold."""

    signature: tuple[int, int, int]  # size, time, inode: unchanged means not read again
    length: int
    digest: str
    header: dict
    tables: list


_memo: dict[Path, _Read] = {}
_memo_lock = threading.Lock()
_TABLE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*document[ \t]*\]\][ \t]*(#.*)?$", re.MULTILINE)


def read_tables(path: Path, store: TableStore | None = None) -> tuple[dict, list[dict]]:
    """(top-level keys, document tables) of a manifest file; a table that cannot be read is
    ``{ERROR_KEY: reason}``. Raises ManifestError if the file cannot be read at all. The lists
    returned are shared: never change them."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            signature = (info.st_size, info.st_mtime_ns, info.st_ino)
            with _memo_lock:
                known = _memo.get(path)
            if known is not None and known.signature == signature:
                if store is not None:
                    _share(store, path, known)
                return known.header, known.tables
            data = f.read()
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest ({exc.strerror})") from exc
    candidates: list[tuple[int, str, dict, list]] = []
    if known is not None:
        candidates.append((known.length, known.digest, known.header, known.tables))
    stored = None
    if store is not None:
        with contextlib.suppress(Exception):
            stored = store.manifest_tables(str(path))
            if stored is not None:
                candidates.append(stored)
    found = None
    for length, digest, header, tables in candidates:
        if length <= len(data) and hashlib.sha256(data[:length]).hexdigest() == digest:
            appended = [] if length == len(data) else _appended_tables(path, data[length:])
            if appended is not None:
                found = header, (tables + appended if appended else tables)
                break
    header, tables = found or parse_tables(path, data)
    digest = hashlib.sha256(data).hexdigest()
    with _memo_lock:
        _memo[path] = _Read(signature, len(data), digest, header, tables)
    if store is not None and (stored is None or stored[1] != digest):
        with contextlib.suppress(Exception):
            store.put_manifest_tables(str(path), len(data), digest, header, tables)
    return header, tables


def _share(store: TableStore, path: Path, known: _Read) -> None:
    """Give the store what this process read before it was given one."""
    with contextlib.suppress(Exception):
        if not store.has_manifest(str(path), known.digest):
            store.put_manifest_tables(str(path), known.length, known.digest, known.header,
                                      known.tables)


def manifest_files(directory: Path) -> list[tuple[Path, str | None]]:
    """The manifest of ``directory`` and those it includes, each with the hash of its bytes
    as last read in this process (None: it could not be read)."""
    found: list[tuple[Path, str | None]] = []
    pending, seen = [Path(directory) / MANIFEST_NAME], set()
    while pending:
        path = pending.pop(0)
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            header, _tables = read_tables(path)
        except ManifestError:
            found.append((path, None))
            continue
        with _memo_lock:
            known = _memo.get(path)
        found.append((path, known.digest if known else None))
        included = header.get("include", [])
        pending += [path.parent / str(name)
                    for name in (included if isinstance(included, list) else [included])]
    return found


def forget(path: Path) -> None:
    """Drop what this process remembers of a manifest file."""
    with _memo_lock:
        _memo.pop(Path(path), None)


def _appended_tables(path: Path, data: bytes) -> list[dict] | None:
    """The tables of what was appended to a manifest already read, or None if what was
    appended is not whole tables (then the file is read again from its start)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    first = _TABLE_HEADER.search(text)
    if first is None or text[:first.start()].strip(" \t\r\n") != "":
        return None
    try:
        header, tables = parse_tables(path, data)
    except ManifestError:
        return None
    return tables if not header else None


def parse_tables(path: Path, data: bytes) -> tuple[dict, list[dict]]:
    """Parse a manifest's bytes: the whole file at once, or, if that fails, each table on its
    own, so that one damaged table (a write cut short) is reported and the others load."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: not a valid TOML manifest ({exc})") from exc
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _parse_each(path, text, exc)
    tables = parsed.pop("document", [])
    if not isinstance(tables, list):
        raise ManifestError(f"{path}: not a valid manifest (document is not a list of tables)")
    return _plain(parsed), [_plain(t) if isinstance(t, dict) else {ERROR_KEY: "not a table"}
                            for t in tables]


def _parse_each(path: Path, text: str, error: Exception) -> tuple[dict, list[dict]]:
    starts = [m.start() for m in _TABLE_HEADER.finditer(text)]
    if not starts:
        raise ManifestError(f"{path}: not a valid TOML manifest ({error})")
    try:
        header = tomllib.loads(text[:starts[0]])
    except tomllib.TOMLDecodeError:
        raise ManifestError(f"{path}: not a valid TOML manifest ({error})") from None
    tables: list[dict] = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        try:
            parsed = tomllib.loads(text[start:end]).get("document", [])
            tables.extend(_plain(t) for t in parsed)
        except tomllib.TOMLDecodeError as exc:
            tables.append({ERROR_KEY: str(exc)})
    return _plain(header), tables


def _plain(value: Any) -> Any:
    """TOML values as JSON can keep them (dates as ISO 8601 strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _entry(path: Path, directory: Path, i: int, table: dict) -> SourceEntry:
    missing = [key for key in _REQUIRED if key not in table]
    if missing:
        raise ManifestError(f"{path}: document {i} lacks {', '.join(missing)}")
    try:
        kind = DocumentKind(table["kind"])
    except ValueError:
        raise ManifestError(f"{path}: document {i} has unknown kind {table['kind']!r}") from None
    source = directory / str(table["source"])
    try:
        info = source.stat()
        if not stat.S_ISREG(info.st_mode):
            raise OSError
    except OSError:
        raise ManifestError(f"{path}: document {i} ({table['symbol']}) names "
                            f"{table['source']}, which is missing") from None
    return SourceEntry(
        symbol=table["symbol"], body=table["body"], date=str(table["date"]),
        title=table["title"], kind=kind, path=source, format=table["format"],
        meeting=table.get("meeting"), subject=table.get("subject"),
        draft_of=table.get("draft_of"), stat=(info.st_size, info.st_mtime_ns),
    )
