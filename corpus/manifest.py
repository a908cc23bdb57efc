"""The manifest: what a parser cannot read off a source (canonical symbol, meeting, relations)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import ManifestError
from corpus.model import DocumentKind

BUNDLED_SOURCES = Path(__file__).resolve().parent / "sources"
MANIFEST_NAME = "manifest.toml"


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

    def fingerprint(self) -> str:
        """Everything of the entry that ends up in the parsed document, for the cache key."""
        return repr((self.symbol, self.body, self.date, self.title, self.kind.value, self.format,
                     self.meeting, self.subject, self.draft_of))


_REQUIRED = ("symbol", "body", "date", "title", "kind", "source", "format")


def load_manifest(directory: Path = BUNDLED_SOURCES,
                  errors: list[ManifestError] | None = None) -> list[SourceEntry]:
    """The entries of ``directory``'s manifest. An entry that cannot be used (a field missing,
    its file gone) raises, or, given ``errors``, is reported there and left out, so one bad
    entry of the reader's imports does not cost the others."""
    path = directory / MANIFEST_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not a valid TOML manifest ({exc})") from exc
    entries = []
    for i, table in enumerate(data.get("document", []), start=1):
        try:
            entries.append(_entry(path, directory, i, table))
        except ManifestError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return entries


def _entry(path: Path, directory: Path, i: int, table: dict) -> SourceEntry:
    missing = [key for key in _REQUIRED if key not in table]
    if missing:
        raise ManifestError(f"{path}: document {i} lacks {', '.join(missing)}")
    date = table["date"]
    if isinstance(date, dt.date):
        date = date.isoformat()
    try:
        kind = DocumentKind(table["kind"])
    except ValueError:
        raise ManifestError(f"{path}: document {i} has unknown kind {table['kind']!r}") from None
    source = directory / table["source"]
    if not source.is_file():
        raise ManifestError(f"{path}: document {i} ({table['symbol']}) names "
                            f"{table['source']}, which is missing")
    return SourceEntry(
        symbol=table["symbol"], body=table["body"], date=str(date), title=table["title"],
        kind=kind, path=source, format=table["format"], meeting=table.get("meeting"),
        subject=table.get("subject"), draft_of=table.get("draft_of"),
    )
