"""Importing a file into the library: read it, read its metadata off it, parse it, and only
then keep it.

``prepare`` does everything that can fail (reading the file, decoding it, finding its form and
metadata, parsing it, checking that it reads as a resolution) without writing anything, so a
bad file leaves the library, the index and the annotations exactly as they were; the GUI shows
the prepared document for confirmation. ``commit`` then keeps the text (corpus/userlib.py), and
the caller reloads the library: the new symbol turns every citation of it into a link, because
citations are resolved against the whole library at each load.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import CorpusError, SourceError
from corpus.manifest import SourceEntry
from corpus.model import PARAGRAPH_KINDS, BlockKind, Document, DocumentKind
from corpus.userlib import UserLibrary

if TYPE_CHECKING:
    from corpus.importing.detect import Metadata
    from corpus.importing.extract import Extracted
    from corpus.library import Library

#: What a file dialog offers. Any other name is still read for what its content is.
IMPORT_SUFFIXES = (".txt", ".md", ".text", ".markdown", ".pdf", ".docx")
#: What a reader (or ``main.py import --symbol …``) may state instead of what was detected.
OVERRIDABLE = ("symbol", "body", "date", "meeting", "kind", "title", "subject", "draft_of")
#: What a reader may leave empty (the others the dialog asks for).
OPTIONAL = ("meeting", "title", "subject", "draft_of")
#: Far beyond any resolution (the longest, with their annexes, have some hundreds of paragraphs
#: and a few hundred thousand characters), and still parsed and refused in a few seconds: what
#: a text may ask of the parser is bounded.
MAX_TEXT_CHARACTERS = 4_000_000
MAX_PARAGRAPHS = 5_000
#: What to do when the library has the symbol already.
REPLACE, VERSION = "replace", "version"


class DuplicateDocument(CorpusError):
    """The library has a document of this symbol; the reader chooses: replace, version, cancel."""

    def __init__(self, path: Path, symbol: str) -> None:
        self.path, self.symbol = path, symbol
        super().__init__(f"{path.name}: {symbol} is already in the library; replace it "
                         "(--replace), keep both as versions (--as-version), or cancel")


@dataclass
class Prepared:
    """A file read and parsed, not yet kept."""

    path: Path
    extracted: Extracted
    metadata: Metadata
    document: Document
    existing: Document | None  # the library's document of the same symbol, if any

    @property
    def entry(self) -> SourceEntry:
        return _entry(self.path, self.extracted, self.metadata)

    def summary(self) -> str:
        """"12 preambular, 20 operative paragraphs" for messages."""
        kinds = [(BlockKind.PREAMBULAR, "preambular"), (BlockKind.OPERATIVE, "operative"),
                 (BlockKind.SUBPARAGRAPH, "sub-paragraphs")]
        counts = [f"{len(self.document.blocks_of(kind))} {name}" for kind, name in kinds
                  if self.document.blocks_of(kind)]
        summary = ", ".join(counts) + " paragraphs"
        if not self.document.blocks_of(BlockKind.OPERATIVE):
            summary += " (no operative paragraph: the text may stop short)"
        return summary


def prepare(path: Path, library: Library, overrides: dict[str, str] | None = None, *,
            extracted: Extracted | None = None) -> Prepared:
    """Read, recognise and parse ``path``; raises a CorpusError naming the file and the
    reason if it cannot become a document of the library. Writes nothing. ``extracted``, the
    file as already read, spares reading it again (a PDF's text layer takes a while) when
    only the metadata changed."""
    from corpus.importing.detect import detect_metadata
    from corpus.importing.extract import extract

    path = Path(path)
    extracted = extracted or extract(path)
    metadata = _overridden(path, detect_metadata(extracted.text, extracted.format),
                           overrides or {})
    missing = metadata.missing()
    if missing:
        options = " ".join(f"--{name.replace('_', '-')}" for name in missing)
        raise SourceError(path, f"the {', '.join(missing)} could not be read off the text; "
                          f"state {'it' if len(missing) == 1 else 'them'} ({options})")
    existing = _same_symbol(library, metadata.symbol or "")
    if existing is not None:  # "s/res/2129(2013)" is the library's "S/RES/2129 (2013)"
        metadata = dataclasses.replace(metadata, symbol=existing.symbol)
    document = _parse(_entry(path, extracted, metadata), extracted.text, library)
    return Prepared(path, extracted, metadata, document, existing)


def commit(prepared: Prepared, data_dir: Path, library: Library,
           duplicate: str | None = None) -> SourceEntry:
    """Keep a prepared document in the reader's library; the caller reloads the library.

    A symbol the library has already needs ``duplicate``: REPLACE (the import takes its place;
    annotations on it are re-anchored at the next load, never dropped) or VERSION (kept beside
    it as "SYMBOL (version 2)", which citations do not point to)."""
    entry = prepared.entry
    if prepared.existing is not None:
        if duplicate == VERSION:
            entry = dataclasses.replace(entry, symbol=version_symbol(entry.symbol, library))
        elif duplicate != REPLACE:
            raise DuplicateDocument(prepared.path, entry.symbol)
    return UserLibrary(data_dir).add(entry, prepared.extracted.text)


class RemovalKind(Enum):
    """What taking a document out of the library does, by where its text comes from."""

    DELETE = "delete"  # imported: Plenary's copy of the file is deleted
    UNCOVER = "uncover"  # an import replacing a bundled text: deleted, the bundled text shows
    HIDE = "hide"  # bundled with Plenary: hidden, since it is part of the program


@dataclass(frozen=True)
class Removal:
    """A removal decided before it is done, so the window can ask in the right words and the
    command line can say what it did; ``remove`` carries it out."""

    symbol: str
    kind: RemovalKind

    def question(self) -> str:
        """What the reader is asked before it is done."""
        kept = "Your annotations on it are kept"
        if self.kind is RemovalKind.UNCOVER:
            return (f"Remove your imported copy of {self.symbol}?\n\nPlenary's copy of the "
                    "file is deleted (the file you imported from stays where it is), and the "
                    f"text bundled with Plenary shows again. {kept} and placed in that text.")
        if self.kind is RemovalKind.DELETE:
            return (f"Remove {self.symbol} from the library?\n\nPlenary's copy of the file is "
                    "deleted (the file you imported from stays where it is). "
                    f"{kept}, and come back if you import it again.")
        return (f"Hide {self.symbol}?\n\nIt is bundled with Plenary, so it is hidden rather "
                "than deleted (File → Show Hidden Documents… brings it back). "
                f"{kept}, and come back with it.")

    @property
    def verb(self) -> str:
        """The confirming button's word."""
        return "Hide" if self.kind is RemovalKind.HIDE else "Remove"

    def done(self) -> str:
        """What was done, once it is."""
        if self.kind is RemovalKind.HIDE:
            return (f"{self.symbol} (bundled with Plenary) is hidden; import it again or "
                    "restore it to show it")
        if self.kind is RemovalKind.UNCOVER:
            return (f"{self.symbol} was removed from the library; the text bundled with "
                    "Plenary shows again")
        return f"{self.symbol} was removed from the library"


def plan_removal(data_dir: Path, library: Library, symbol: str) -> Removal:
    """What removing ``symbol`` would do; CorpusError if the library does not hold it."""
    from corpus.manifest import load_manifest

    user = UserLibrary(data_dir)
    imported = any(e.symbol == symbol for e in user.entries())
    if not imported:
        if library.get(symbol) is None:
            raise CorpusError(f"{symbol} is not in the library")
        return Removal(symbol, RemovalKind.HIDE)
    try:
        bundled = any(e.symbol == symbol for e in load_manifest())
    except CorpusError:
        bundled = False
    uncover = bundled and symbol not in user.hidden()
    return Removal(symbol, RemovalKind.UNCOVER if uncover else RemovalKind.DELETE)


def remove(data_dir: Path, library: Library, symbol: str) -> str:
    """Take a document out of the library: an imported one is deleted, a bundled one hidden
    (it is part of the program). Annotations on it are kept and show again if it comes back.
    Returns what was done, for a message."""
    removal = plan_removal(data_dir, library, symbol)
    if removal.kind is RemovalKind.HIDE:
        UserLibrary(data_dir).set_hidden(symbol, True)
    else:
        UserLibrary(data_dir).remove(symbol)
    return removal.done()


def restore(data_dir: Path, symbol: str) -> str:
    """Show a hidden bundled document again (its annotations come back with it)."""
    user = UserLibrary(data_dir)
    if symbol not in user.hidden():
        raise CorpusError(f"{symbol} is not hidden; hidden: {', '.join(sorted(user.hidden()))}"
                          if user.hidden() else f"{symbol} is not hidden; nothing is")
    user.set_hidden(symbol, False)
    return f"{symbol} is back in the library"


def version_symbol(symbol: str, library: Library) -> str:
    number = 2
    while library.get(f"{symbol} (version {number})") is not None:
        number += 1
    return f"{symbol} (version {number})"


def _same_symbol(library: Library, symbol: str) -> Document | None:
    """The library's document of ``symbol``, however its spacing or case is written."""
    key = "".join(symbol.split()).casefold()
    same = next((s for s in library.symbols() if "".join(s.split()).casefold() == key), None)
    return library.get(same) if same else None  # symbols only: no document is read to look


def _overridden(path: Path, metadata: Metadata, overrides: dict[str, str]) -> Metadata:
    """The detected metadata with the reader's corrections, checked."""
    from corpus.importing.detect import canonical_symbol, year_of_symbol

    changes: dict[str, object] = {}
    for name, value in overrides.items():
        if name not in OVERRIDABLE:
            raise ValueError(f"{name!r} cannot be stated; known: {', '.join(OVERRIDABLE)}")
        if value is None:
            continue
        value = " ".join(str(value).split())
        if not value:
            if name in OPTIONAL:  # the reader cleared a wrongly detected field
                changes[name] = None
            continue
        if name == "symbol":
            changes[name] = canonical_symbol(value) or value  # "S/RES/2178(2014)" too
        elif name == "kind":
            try:
                changes[name] = DocumentKind(value.lower())
            except ValueError:
                raise SourceError(path, f"kind {value!r} is neither 'resolution' nor "
                                  "'draft'") from None
        elif name == "date":
            changes[name] = _stated_date(path, value)
        else:
            changes[name] = value
    if "/RES/" in str(changes.get("symbol", "")) and "kind" not in changes:
        changes["kind"] = DocumentKind.RESOLUTION  # a resolution's symbol says what it is
    stated = dataclasses.replace(metadata, **changes)
    if "date" not in changes and stated.kind == DocumentKind.RESOLUTION and (
            stated.date is None or len(stated.date) == 4):
        # No day read off the text: the year is the stated symbol's ("S/RES/2253 (2015)"); a
        # symbol without one ("A/RES/80/4") leaves the date to the reader.
        stated.date = year_of_symbol(stated.symbol) or (
            stated.date if "symbol" not in changes else None)
    return stated


def _stated_date(path: Path, value: str) -> str:
    """A date as the reader states it: a day ("2017-12-21") or, if that is all that is known,
    a year ("2015")."""
    try:
        if len(value) == 4 and value.isdigit() and int(value) >= 1945:
            return value
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise SourceError(path, f"date {value!r} is not a date like 2017-12-21 (or a year, "
                          "2017, if the day is not known)") from None


def _parse(entry: SourceEntry, text: str, library: Library) -> Document:
    """The document, checked to read as a resolution: a preamble and operative paragraphs."""
    from corpus.parsing import FORMS, parse_source
    from corpus.parsing.structure import stops_short

    # What a PDF text is repaired against, as at a load (not every document read again).
    vocabulary = library.repair_vocabulary() if FORMS[entry.format].needs_vocabulary \
        else frozenset()
    if len(text) > MAX_TEXT_CHARACTERS:
        raise SourceError(entry.path, f"the text is {len(text):,} characters long, more than any "
                          f"resolution (Plenary reads up to {MAX_TEXT_CHARACTERS:,}): is it one?")
    document = parse_source(entry, text.encode("utf-8"), vocabulary)
    paragraphs = [b for b in document.blocks if b.kind in PARAGRAPH_KINDS]
    if len(paragraphs) > MAX_PARAGRAPHS:
        operative = len(document.blocks_of(BlockKind.OPERATIVE))
        raise SourceError(entry.path, f"the text has {operative:,} operative paragraphs "
                          f"({len(paragraphs):,} paragraphs in all), more than any resolution "
                          f"(Plenary reads up to {MAX_PARAGRAPHS:,}): is it one?")
    if not document.blocks_of(BlockKind.OPERATIVE) and not stops_short(document.blocks):
        raise SourceError(entry.path, "this does not read as a UN resolution: no operative "
                          "paragraphs (numbered, opening with a verb such as “Decides”) "
                          "were found")
    return document


def _entry(path: Path, extracted: Extracted, meta: Metadata) -> SourceEntry:
    return SourceEntry(symbol=meta.symbol or "", body=meta.body or "", date=meta.date or "",
                       title=meta.title or "", kind=meta.kind or DocumentKind.RESOLUTION,
                       path=path, format=extracted.format, meeting=meta.meeting,
                       subject=meta.subject, draft_of=meta.draft_of)
