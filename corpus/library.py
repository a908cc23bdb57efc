"""The library: every document of the manifests, listed at once, each read when it is asked for.

A start must not cost time in proportion to the library (907 bundled texts, thousands with a
reader's imports), so ``load_library`` reads no document whose source is unchanged: the library
index (corpus/library_index.py) says, per document, what it was loaded from and where its parsed
form is, and holds every citation of another document by what it cites. ``Library.get`` reads
one document from the parse cache (corpus/cache.py) or the bundled pack (corpus/pack.py), or
parses it, and resolves its citations against the library as it is; ``Library.cited_by``
resolves only the places that may cite the document asked about. Only a document whose source
or manifest entry changed (or one never seen: a first start, an import) is read at load, and
only a document no cache or pack holds is parsed.

Parsing depends on more than the one text: PDF texts are repaired against the vocabulary of the
clean Markdown texts of the bundled library (not of the reader's imports, so that importing a
Word file does not re-parse every PDF text), and a citation is "in the library" (or gets its
missing year) only once every symbol is known. Parsing results, including the citations found in
each paragraph, are cached; resolving them is cheap and redone whenever a document is read, so
adding a document turns existing citations of it into links without re-parsing anything.

``Library(documents)`` is a library held in memory (a few documents made in code), with the same
interface.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import json
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, overload

from corpus.cache import DocumentCache, digest
from corpus.citations import (
    CITATIONS_VERSION,
    Citation,
    LibrarySymbols,
    document_years,
    find_citations,
    resolve,
)
from corpus.errors import CorpusError, SourceError
from corpus.library_index import LibraryIndex, Place
from corpus.manifest import (
    BUNDLED_SOURCES,
    MANIFEST_NAME,
    SourceEntry,
    bundled_sources,
    load_manifest,
    manifest_files,
)
from corpus.model import Document, DocumentKind, Ref
from corpus.pack import Pack
from corpus.parsing import FORMS, PARSER_VERSION, parse_source
from corpus.record import Record, load_record
from corpus.serialize import document_from_dict
from corpus.userlib import HIDDEN_NAME, UserLibrary

Progress = Callable[[int, int], None]
#: Documents kept parsed in memory at once; any other is read again (~1 ms) when asked for.
LOADED_DOCUMENTS = 256
_SC_SYMBOL = re.compile(r"(S/RES/\d+) \(\d{4}\)")


@dataclass(frozen=True)
class Citing:
    """One place in the library that cites a document."""

    symbol: str
    block: str
    ref: Ref


class DocumentSummary(NamedTuple):
    """What lists and links need of a document, known without reading it. (A named tuple:
    a start makes one per document, and 10,000 dataclasses took 30 ms.)"""

    symbol: str
    body: str
    date: str  # ISO 8601, or the year alone (see Document.date)
    title: str
    kind: DocumentKind
    meeting: str | None = None
    subject: str | None = None
    draft_of: str | None = None  # the resolution this draft became
    draft: str | None = None  # the draft of this resolution, when the library holds it
    format: str = ""
    source: str = ""  # the source file's name

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def relations(self) -> dict[str, str]:
        """As Document.relations: {"draft_of": …} on a draft, {"draft": …} on its resolution
        (when the library holds the draft)."""
        relations = {"draft_of": self.draft_of} if self.draft_of else {}
        if self.draft:
            relations["draft"] = self.draft
        return relations

    @classmethod
    def of_document(cls, doc: Document) -> DocumentSummary:
        return cls(doc.symbol, doc.body, doc.date, doc.title, doc.kind, doc.meeting,
                   doc.subject, doc.relations.get("draft_of"), doc.relations.get("draft"),
                   doc.format, doc.source)

    @classmethod
    def of_entry(cls, entry: SourceEntry, draft: str | None = None) -> DocumentSummary:
        return cls(entry.symbol, entry.body, entry.date, entry.title, entry.kind,
                   entry.meeting, entry.subject, entry.draft_of, draft, entry.format,
                   entry.path.name)


class Library:
    """The documents of the library, by symbol, in library order (bundled, then imported).

    Thread-safe: the search index is built from ``documents`` on a worker thread while the
    window reads documents with ``get``.
    """

    def __init__(self, documents: Iterable[Document] = (),
                 errors: list[CorpusError] | None = None) -> None:
        #: Sources that could not be loaded, each with a message naming the file and line.
        self.errors: list[CorpusError] = list(errors or [])
        self._state: _State = _MemoryState(list(documents))

    @classmethod
    def _of(cls, state: _State, errors: list[CorpusError]) -> Library:
        library = cls.__new__(cls)
        library.errors, library._state = errors, state
        return library

    def __deepcopy__(self, memo: dict) -> Library:
        """A copy held in memory, every document read: changing its documents (as a test of
        a changed parser does) leaves this library as it is."""
        import copy

        return Library(copy.deepcopy(list(self.documents), memo),
                       copy.deepcopy(self.errors, memo))

    def update_from(self, other: Library) -> None:
        """Take the documents of a fresh load (after an import or a removal) in place: every
        part of the program holding this Library sees the new documents and links."""
        self._state, self.errors = other._state, list(other.errors)

    # --- the documents ------------------------------------------------------------------------

    @property
    def documents(self) -> Sequence[Document]:
        """Every document, in library order. Read one by one as it is reached: iterating a
        large library takes a while (do it off the UI thread); its length costs nothing."""
        return self._state.documents()

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self._state.summaries)

    def __contains__(self, symbol: object) -> bool:
        return symbol in self._state.by_symbol

    def get(self, symbol: str) -> Document | None:
        """The document of ``symbol`` with its citations resolved against the library, or
        None if the library lacks it."""
        return self._state.get(symbol)

    # --- what is known without reading documents ---------------------------------------------

    def summaries(self) -> list[DocumentSummary]:
        """Every document's summary, in library order (what the library pane lists)."""
        return list(self._state.summaries)

    def summary(self, symbol: str) -> DocumentSummary | None:
        return self._state.by_symbol.get(symbol)

    def symbols(self) -> list[str]:
        return [s.symbol for s in self._state.summaries]

    def draft_and_adopted(self, symbol: str | None) -> tuple[str, str] | None:
        """(draft, adopted text) when ``symbol`` is one of a pair the library holds both of."""
        summary = self.summary(symbol) if symbol else None
        if summary is None:
            return None
        if summary.draft:  # set only when the draft is in the library
            return summary.draft, summary.symbol
        if summary.draft_of and summary.draft_of in self:
            return summary.symbol, summary.draft_of
        return None

    def cited_by(self, symbol: str) -> list[Citing]:
        """Every paragraph elsewhere in the library that cites ``symbol``, in library order."""
        return self._state.cited_by(symbol)

    def citing_partial(self, partial: str) -> list[Citing]:
        """Every place citing a bare Security Council number ("S/RES/2388") whose year
        nobody gives: ``cited_by`` cannot know them, having no symbol to file them under."""
        return self._state.citing_partial(partial)

    def repair_vocabulary(self) -> frozenset[str]:
        """The words PDF texts are repaired against (with the general English word list):
        those of the bundled library's clean texts; what an import is parsed with."""
        return self._state.repair_vocabulary()

    def document_key(self, symbol: str) -> str | None:
        """A key that changes whenever the parsed document may (its source, manifest entry
        or the parser did): the parse cache's key. Citations are resolved on top of it."""
        return self._state.document_key(symbol)


# --- loading ----------------------------------------------------------------------------------


def load_library(data_dir: Path, *, sources: Path | None = None,
                 progress: Progress | None = None, pack: bool = True) -> Library:
    """The library of ``data_dir``: the bundled documents of ``sources`` (by default Plenary's
    own, see corpus.manifest.bundled_sources) and the reader's imports.

    Reads only the documents the library index cannot vouch for (``progress`` counts them),
    parsing only what neither the parse cache nor, with ``pack``, the bundled pack holds. A
    source that cannot be read or parsed is left out and reported in ``Library.errors``; the
    rest of the library still loads. A bundled manifest that cannot be read raises
    ManifestError.

    When nothing changed since the last load (the manifests' bytes, the list of hidden
    documents, every source's size and time, the parser), the index's snapshot of the last
    load is the library: no manifest is parsed either.
    """
    return _load(Path(data_dir), bundled_sources() if sources is None else Path(sources),
                 progress, pack)


@contextlib.contextmanager
def _no_collection():
    """Pause the cycle collector: a start from the snapshot makes a few objects per document
    and frees none, and the collections they set off took a fifth of it at 10,000 documents.
    (Not around parsing, whose temporary objects the collector is for.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(data_dir: Path, sources: Path, progress: Progress | None, pack: bool) -> Library:
    index = LibraryIndex.of(data_dir)
    cache = DocumentCache(data_dir / "cache" / "documents")
    with contextlib.suppress(OSError):  # where the parse cache goes, as documents are read
        cache.directory.mkdir(parents=True, exist_ok=True)
    loader = _Loader(lambda: load_manifest(sources, store=index), cache,
                     Pack() if pack else None)
    snapshot = _snapshot_signature(sources)
    with _no_collection():
        state = _IndexedState.from_snapshot(index.snapshot(snapshot), data_dir, loader, index)
    if state is not None:
        return Library._of(state, [])
    errors: list[CorpusError] = []
    entries = library_entries(data_dir, sources, errors, bundled=loader.bundled(),
                              store=index)
    known = _bring_up_to_date(entries, index, loader, errors, progress)
    state = _IndexedState.of_entries(entries, known, loader, index)
    index.put_snapshot(snapshot, None if errors else state.snapshot(data_dir, sources))
    return Library._of(state, errors)


def library_entries(data_dir: Path, sources: Path | None = None,
                    errors: list[CorpusError] | None = None, *,
                    bundled: list[SourceEntry] | None = None,
                    store: Any = None) -> list[SourceEntry]:
    """The documents of the library: the bundled ones the reader has not hidden or replaced
    by an import of the same symbol, then the imported ones. A damaged list of imports, or an
    entry of it whose file is gone, is reported in ``errors``; the rest still loads."""
    user = UserLibrary(data_dir)
    problems: list[CorpusError] = [] if errors is None else errors
    try:
        imported = user.entries(problems, store=store)  # type: ignore[arg-type]
    except CorpusError as exc:
        problems.append(exc)
        imported = []
    try:
        hidden = user.hidden()
    except CorpusError as exc:
        problems.append(exc)
        hidden = set()
    replaced = hidden | {entry.symbol for entry in imported}
    if bundled is None:
        bundled = load_manifest(sources, store=store)
    return [e for e in bundled if e.symbol not in replaced] + imported


def _bring_up_to_date(entries: list[SourceEntry], index: LibraryIndex, loader: _Loader,
                      errors: list[CorpusError], progress: Progress | None
                      ) -> dict[str, _Known]:
    """What is known of every document that loads, the index updated for those whose
    signature changed (read, their citations recorded) and those gone."""
    rows = index.documents()
    known: dict[str, _Known] = {}
    dirty: list[tuple[SourceEntry, str, tuple[str, str] | None]] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.symbol in seen:  # listed twice: the first entry stands
            continue
        seen.add(entry.symbol)
        signature = loader.signature(entry)
        row = rows.get(entry.symbol)
        if row is not None and row[0] == signature:
            known[entry.symbol] = _Known(row[1], entry)
        else:
            dirty.append((entry, signature, row))
    changed: list[tuple[str, str, str, list[Place] | None]] = []
    for done, (entry, signature, row) in enumerate(dirty, start=1):
        try:
            data = loader.read(entry)
            key = loader.key(entry, data)
            if row is not None and row[1] == key:  # touched, not changed
                changed.append((entry.symbol, signature, key, None))
            else:
                blocks, extra = loader.load(entry, key, data)
                changed.append((entry.symbol, signature, key, _places(entry.symbol, blocks,
                                                                      extra)))
            known[entry.symbol] = _Known(key, entry)
        except CorpusError as exc:
            errors.append(exc)
        if progress:
            progress(done, len(dirty))
    removed = [symbol for symbol in rows if symbol not in known]
    if (changed or removed) and not index.update(changed, removed):
        # The file could not be written: the index is now in memory, empty; record every
        # document there (each read once, as before the index existed).
        everything = []
        for symbol, item in known.items():
            try:
                blocks, extra = loader.load(item.entry, item.key)
            except CorpusError:
                continue
            everything.append((symbol, loader.signature(item.entry), item.key,
                               _places(symbol, blocks, extra)))
        index.update(everything)
    return known


class _Known:
    """What the library knows of one document without reading it: the key of its parsed
    form, and its manifest entry (made from its summary when a snapshot gave it)."""

    __slots__ = ("entry", "key", "path", "stat")

    def __init__(self, key: str, entry: SourceEntry | None = None, path: str = "",
                 stat: tuple[int, int] | None = None) -> None:
        self.key, self.entry = key, entry
        self.path = str(entry.path) if entry is not None else path
        self.stat = entry.stat if entry is not None else stat


#: Bump when the snapshot's contents change.
SNAPSHOT_VERSION = 3
_IN_DATA = "<data dir>/"
_KINDS = {kind.value: kind for kind in DocumentKind}


def _snapshot_signature(sources: Path) -> str:
    return repr((SNAPSHOT_VERSION, PARSER_VERSION, CITATIONS_VERSION,
                 str(sources / MANIFEST_NAME)))


def _file_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except FileNotFoundError:
        return None


def _stat(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def pack_entries(sources: Path = BUNDLED_SOURCES, progress: Progress | None = None
                 ) -> list[tuple[str, str, dict, dict]]:
    """(symbol, key, document dict, extra) of every document of ``sources``' manifest, each
    parsed as a load parses it, under the key a load looks it up by: the bundled pack's
    contents (tools/build_pack.py). A source that cannot be parsed raises."""
    from corpus.serialize import document_to_dict

    entries = load_manifest(sources)
    loader = _Loader(entries, None, None)
    packed = []
    for done, entry in enumerate(entries, start=1):
        data = loader.read(entry)
        key = loader.key(entry, data)
        doc, extra = loader.parse(entry, key, data)
        packed.append((entry.symbol, key, document_to_dict(doc), extra))
        if progress:
            progress(done, len(entries))
    return packed


def _places(symbol: str, blocks: list[tuple[str, str | None]], extra: dict) -> list[Place]:
    """The citations of other documents in a document, for the index: by what they cite (a
    full symbol, or the partial symbol of a bare number), as found, to be resolved when
    asked for."""
    years = extra.get("years", {})
    citations = extra.get("citations", {})
    places: list[Place] = []
    for ordinal, (block, annex) in enumerate(blocks):
        for c in citations.get(block, []):
            if c.get("internal"):
                continue
            target = c.get("symbol") or c.get("partial")
            if not target or target == symbol:
                continue
            number = c.get("number")
            places.append((target, symbol, block, ordinal, annex, c,
                           years.get(number) if number else None))
    return places


# --- reading one document ---------------------------------------------------------------------


def _needs_vocabulary(entry: SourceEntry) -> bool:
    form = FORMS.get(entry.format)
    return form is not None and form.needs_vocabulary


def _sound_extra(extra: Any) -> bool:
    return (isinstance(extra, dict) and isinstance(extra.get("citations"), dict)
            and isinstance(extra.get("years"), dict))


class _Loader:
    """Reads documents: from the parse cache, else the bundled pack, else by parsing."""

    def __init__(self, bundled: list[SourceEntry] | Callable[[], list[SourceEntry]],
                 cache: DocumentCache | None, pack: Pack | None) -> None:
        self.cache = cache
        self.pack = pack
        self._bundled = bundled
        self._lock = threading.RLock()
        self._vocab_key: str | None = None
        self._words: frozenset[str] | None = None

    def bundled(self) -> list[SourceEntry]:
        """The bundled manifest's entries (read when first needed: a start from the snapshot
        needs them only to parse)."""
        with self._lock:
            if callable(self._bundled):
                self._bundled = self._bundled()
            return self._bundled

    @functools.cached_property
    def clean(self) -> list[SourceEntry]:
        """The repair vocabulary's sources: the bundled library's clean texts, hidden or not."""
        return [e for e in self.bundled() if not _needs_vocabulary(e)]

    @functools.cached_property
    def _vocab_signature(self) -> str:
        return repr([(str(e.path), e.stat) for e in self.clean])

    def signature(self, entry: SourceEntry) -> str:
        """What the index compares: the entry, its source's size and time, the versions."""
        return repr((PARSER_VERSION, CITATIONS_VERSION, entry.fingerprint(), str(entry.path),
                     entry.stat, self._vocab_signature if _needs_vocabulary(entry) else ""))

    @staticmethod
    def read(entry: SourceEntry) -> bytes:
        try:
            return entry.path.read_bytes()
        except OSError as exc:
            raise SourceError(entry.path, f"cannot be read ({exc.strerror or exc})") from None

    def vocab_key(self) -> str:
        with self._lock:
            if self._vocab_key is None:
                parts = []
                for entry in self.clean:
                    try:
                        parts.append(entry.path.read_bytes())
                    except OSError:
                        parts.append(b"")
                self._vocab_key = digest(*parts)
            return self._vocab_key

    def key(self, entry: SourceEntry, data: bytes) -> str:
        dependency = self.vocab_key() if _needs_vocabulary(entry) else ""
        return digest(f"{PARSER_VERSION}.{CITATIONS_VERSION}", entry.fingerprint(), data,
                      dependency)

    def words(self) -> frozenset[str]:
        """The repair vocabulary (the clean texts' words), read once."""
        with self._lock:
            if self._words is None:
                from corpus.parsing.repair import vocabulary

                texts: list[str] = []
                for entry in self.clean:
                    try:
                        data = self.read(entry)
                        blocks = self.document(entry, self.key(entry, data), data)[0].blocks
                    except CorpusError:
                        continue
                    texts.extend(block.text for block in blocks)
                self._words = vocabulary(texts)
            return self._words

    def stored(self, symbol: str, key: str, *, keep: bool = False) -> tuple[dict, dict] | None:
        """The parsed document as its dict and its extra, from the cache or the pack (then,
        with ``keep``, copied to the cache, where the next read is quicker)."""
        raw = self.cache.get_raw(symbol, key) if self.cache else None
        if raw is not None and _sound_extra(raw[1]):
            return raw
        raw = self.pack.get(symbol, key) if self.pack else None
        if raw is not None and isinstance(raw[0], dict) and _sound_extra(raw[1]):
            if keep and self.cache:
                self.cache.put(symbol, key, raw[0], raw[1])
            return raw
        return None

    def parse(self, entry: SourceEntry, key: str, data: bytes) -> tuple[Document, dict]:
        doc = parse_source(entry, data, self.words() if _needs_vocabulary(entry)
                           else frozenset())
        extra = _citations_of(doc)
        if self.cache:
            self.cache.put(entry.symbol, key, doc, extra)
        return doc, extra

    def document(self, entry: SourceEntry, key: str, data: bytes | None = None,
                 ) -> tuple[Document, dict, str]:
        """The document under ``key``, stored; else read from its source: stored under the
        key its bytes give now (the source changed since ``key``), else parsed. Returns the
        document, its extra and the key it is under."""
        raw = self.stored(entry.symbol, key, keep=True)
        if raw is not None:
            with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                return document_from_dict(raw[0]), raw[1], key
        if data is None:
            data = self.read(entry)
            fresh = self.key(entry, data)
            if fresh != key:
                return self.document(entry, fresh, data)
        doc, extra = self.parse(entry, key, data)
        return doc, extra, key

    def load(self, entry: SourceEntry, key: str, data: bytes | None = None
             ) -> tuple[list[tuple[str, str | None]], dict]:
        """(block id and annex of each block, extra) under ``key``: what the index records,
        taken from the stored dict without building the document where it can be."""
        raw = self.stored(entry.symbol, key)
        if raw is not None:
            try:
                return [(str(b["id"]), b.get("annex")) for b in raw[0]["blocks"]], raw[1]
            except (KeyError, TypeError, AttributeError):
                pass
        doc, extra = self.parse(entry, key, self.read(entry) if data is None else data)
        return [(b.id, b.annex) for b in doc.blocks], extra


def _citations_of(doc: Document) -> dict:
    """What resolving needs later: each block's citations and the years the document gives."""
    return {
        "years": document_years(block.text for block in doc.blocks),
        "citations": {block.id: [dataclasses.asdict(c) for c in find_citations(block.text)]
                      for block in doc.blocks},
    }


@functools.cache
def _sc_record() -> Record | None:
    """The Security Council's record, which gives a bare "resolution 2388" its year and tells
    a wrong year; None if its catalogue cannot be read (citations then resolve without it)."""
    record = load_record()
    try:
        record.entries  # noqa: B018 - read once here, so that resolving never raises for it
    except (OSError, ValueError):
        return None
    return record


def _resolve(doc: Document, extra: dict, symbols: LibrarySymbols) -> None:
    """Resolve the cached citations of ``doc`` against the library's symbols and the
    Security Council's record."""
    record = _sc_record()
    for block in doc.blocks:
        citations = [Citation(**c) for c in extra["citations"].get(block.id, [])]
        refs = resolve(citations, own_symbol=doc.symbol, library_symbols=symbols,
                       document_years=extra["years"], annex=block.annex, record=record)
        # "Resolution 2396 (2017)" in its own title block is a name, not a link.
        block.refs = [r for r in refs if r.target != doc.symbol or r.paragraph]


def _link(documents: list[Document], extras: dict[str, dict]) -> None:
    """Resolve the citations of ``documents`` against one another, and pair drafts with
    their resolutions: what a loaded library does to each document it reads."""
    symbols = LibrarySymbols(doc.symbol for doc in documents)
    by_symbol = {doc.symbol: doc for doc in documents}
    for doc in documents:
        _resolve(doc, extras[doc.symbol], symbols)
        adopted = by_symbol.get(doc.relations.get("draft_of", ""))
        if adopted is not None and adopted is not doc:
            adopted.relations["draft"] = doc.symbol


# --- the two kinds of library -----------------------------------------------------------------


class _State:
    summaries: list[DocumentSummary]
    by_symbol: dict[str, DocumentSummary]

    def documents(self) -> Sequence[Document]:
        raise NotImplementedError

    def get(self, symbol: str) -> Document | None:
        raise NotImplementedError

    def cited_by(self, symbol: str) -> list[Citing]:
        raise NotImplementedError

    def citing_partial(self, partial: str) -> list[Citing]:
        raise NotImplementedError

    def repair_vocabulary(self) -> frozenset[str]:
        raise NotImplementedError

    def document_key(self, symbol: str) -> str | None:
        raise NotImplementedError


class _MemoryState(_State):
    """Documents given in code, their citations as they stand."""

    def __init__(self, documents: list[Document]) -> None:
        self._documents = documents
        self._by_doc = {doc.symbol: doc for doc in documents}
        self.summaries = [DocumentSummary.of_document(doc) for doc in documents]
        self.by_symbol = {s.symbol: s for s in self.summaries}
        self._cited_by: dict[str, list[Citing]] = {}
        for doc in documents:
            for block in doc.blocks:
                for ref in block.refs:
                    if ref.target and ref.target != doc.symbol:
                        self._cited_by.setdefault(ref.target, []).append(
                            Citing(doc.symbol, block.id, ref))

    def documents(self) -> Sequence[Document]:
        return self._documents

    def get(self, symbol: str) -> Document | None:
        return self._by_doc.get(symbol)

    def cited_by(self, symbol: str) -> list[Citing]:
        return list(self._cited_by.get(symbol, []))

    def citing_partial(self, partial: str) -> list[Citing]:
        return [Citing(doc.symbol, block.id, ref) for doc in self._documents
                for block in doc.blocks for ref in block.refs
                if ref.target is None and ref.partial == partial]

    def repair_vocabulary(self) -> frozenset[str]:
        from corpus.parsing.repair import vocabulary

        return vocabulary(block.text for doc in self._documents if doc.format == "markdown"
                          for block in doc.blocks)

    def document_key(self, symbol: str) -> str | None:
        doc = self._by_doc.get(symbol)
        if doc is None:
            return None
        from corpus.serialize import document_to_dict

        return digest(repr(document_to_dict(doc)))


class _IndexedState(_State):
    """A loaded library: summaries from the manifests (or the index's snapshot of them),
    documents read on demand."""

    def __init__(self, summaries: list[DocumentSummary], known: dict[str, _Known],
                 loader: _Loader, index: LibraryIndex) -> None:
        self._known = known
        self._loader = loader
        self._index = index
        self._lock = threading.RLock()
        self._loaded: OrderedDict[str, Document] = OrderedDict()
        self._symbols: LibrarySymbols | None = None
        self.summaries = summaries
        self.by_symbol = {s.symbol: s for s in summaries}
        self._position = {s.symbol: i for i, s in enumerate(summaries)}
        self._places_rebuilt = False

    @classmethod
    def of_entries(cls, entries: list[SourceEntry], known: dict[str, _Known],
                   loader: _Loader, index: LibraryIndex) -> _IndexedState:
        order = [symbol for symbol in dict.fromkeys(e.symbol for e in entries) if symbol in known]
        drafts = _drafts((symbol, known[symbol].entry.draft_of) for symbol in order)
        summaries = [DocumentSummary.of_entry(known[s].entry, drafts.get(s)) for s in order]
        return cls(summaries, known, loader, index)

    def snapshot(self, data_dir: Path, sources: Path) -> str:
        """The library as loaded, and what says it is still so (see from_snapshot)."""
        user = UserLibrary(data_dir)
        files = [[str(path), digest_] for path, digest_ in manifest_files(sources)]
        imports = user.directory / MANIFEST_NAME
        if imports.is_file():
            files += [[str(path), digest_] for path, digest_ in manifest_files(user.directory)]
        else:
            files.append([str(imports), None])
        hidden = str(user.directory / HIDDEN_NAME)
        files.append([hidden, _file_digest(hidden)])
        docs = []
        for s in self.summaries:
            known = self._known[s.symbol]
            docs.append([s.symbol, known.key, known.path, *(known.stat or (-1, -1)), s.body,
                         s.date, s.title, s.kind.value, s.meeting, s.subject, s.draft_of,
                         s.format, s.source])
        # Paths inside the data directory are kept relative to it: a copied data directory
        # (a backup restored, a test's copy) must not be vouched for by the original's files.
        inside = str(data_dir) + os.sep

        def portable(path: str) -> str:
            return _IN_DATA + path[len(inside):] if path.startswith(inside) else path

        for row in files:
            row[0] = portable(row[0])
        for row in docs:
            row[2] = portable(row[2])
        years = self.library_symbols().years_by_number
        return json.dumps({
            "files": files,
            "clean": [[str(e.path), *(e.stat or (-1, -1))] for e in self._loader.clean],
            "documents": docs,
            "years": {number: sorted(found) for number, found in years.items()},
        }, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_snapshot(cls, data: str | None, data_dir: Path, loader: _Loader,
                      index: LibraryIndex) -> _IndexedState | None:
        """The library of the last load, if nothing it came from changed since: the same
        manifest and hidden-list bytes, every source of the same size and time. None when
        anything did, or the snapshot cannot be read (then the library is loaded afresh)."""
        if data is None:
            return None
        inside = str(data_dir) + os.sep

        def real(path: str) -> str:
            return inside + path[len(_IN_DATA):] if path.startswith(_IN_DATA) else path

        try:
            snapshot = json.loads(data)
            for path, digest_ in snapshot["files"]:
                if _file_digest(real(path)) != digest_:
                    return None
            for path, size, mtime in snapshot["clean"]:
                if _stat(path) != (size, mtime):
                    return None
            known: dict[str, _Known] = {}
            rows = []
            for (symbol, key, path, size, mtime, body, date, title, kind, meeting, subject,
                 draft_of, form, source) in snapshot["documents"]:
                if path.startswith(_IN_DATA):
                    path = real(path)
                stat = _stat(path)
                if stat != (size, mtime):
                    return None
                known[symbol] = _Known(key, None, path, stat)
                rows.append((symbol, body, date, title, _KINDS[kind], meeting, subject,
                             draft_of, form, source))
            years = {str(n): set(found) for n, found in snapshot["years"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        drafts = _drafts((row[0], row[7]) for row in rows)
        summaries = [DocumentSummary(symbol, body, date, title, kind, meeting, subject,
                                     draft_of, drafts.get(symbol), form, source)
                     for symbol, body, date, title, kind, meeting, subject, draft_of, form,
                     source in rows]
        state = cls(summaries, known, loader, index)
        # The library's Security Council numbers by year, as the snapshot kept them: indexing
        # 10,000 symbols again would cost the first document opened 20 ms.
        symbols = LibrarySymbols.__new__(LibrarySymbols, known)
        symbols.years_by_number = years
        state._symbols = symbols
        return state

    def _entry(self, symbol: str) -> tuple[SourceEntry, str] | None:
        """The manifest entry and key of ``symbol``, the entry made from its summary if the
        snapshot gave it."""
        with self._lock:
            known = self._known.get(symbol)
            if known is None:
                return None
            if known.entry is None:
                s = self.by_symbol[symbol]
                known.entry = SourceEntry(s.symbol, s.body, s.date, s.title, s.kind,
                                          Path(known.path), s.format, s.meeting, s.subject,
                                          s.draft_of, known.stat)
            return known.entry, known.key

    def documents(self) -> Sequence[Document]:
        return _Documents(self, [s.symbol for s in self.summaries])

    def library_symbols(self) -> LibrarySymbols:
        with self._lock:
            if self._symbols is None:
                self._symbols = LibrarySymbols(self._known)
            return self._symbols

    def get(self, symbol: str) -> Document | None:
        with self._lock:
            doc = self._loaded.get(symbol)
            if doc is not None:
                self._loaded.move_to_end(symbol)
                return doc
        known = self._entry(symbol)
        if known is None:
            return None
        entry, key = known
        try:
            doc, extra, fresh = self._loader.document(entry, key)
        except CorpusError:
            return None
        if doc.symbol != symbol:  # a damaged cache entry of another document
            return None
        if fresh != key:  # the source changed since the load: the index follows
            with self._lock:
                self._known[symbol].key = fresh
            self._index.put_snapshot("", None)
            self._index.update([(symbol, "", fresh, _places(
                symbol, [(b.id, b.annex) for b in doc.blocks], extra))])
        _resolve(doc, extra, self.library_symbols())
        draft = self.by_symbol[symbol].draft
        if draft:
            doc.relations["draft"] = draft
        with self._lock:
            if symbol in self._loaded:  # another thread read it meanwhile: one object
                return self._loaded[symbol]
            self._loaded[symbol] = doc
            while len(self._loaded) > LOADED_DOCUMENTS:
                self._loaded.popitem(last=False)
        return doc

    def _places(self, targets: list[str]) -> list[Place]:
        rows = self._index.places(targets)
        if rows is None:  # the index failed and is now in memory: record the library there
            with self._lock:
                if not self._places_rebuilt:
                    self._places_rebuilt = True
                    everything = []
                    for symbol in list(self._known):
                        entry, key = self._entry(symbol)
                        try:
                            blocks, extra = self._loader.load(entry, key)
                        except CorpusError:
                            continue
                        everything.append((symbol, self._loader.signature(entry), key,
                                           _places(symbol, blocks, extra)))
                    self._index.update(everything)
            rows = self._index.places(targets) or []
        return rows

    def _resolved(self, targets: list[str]) -> list[tuple[tuple[int, int, int], Citing]]:
        symbols = self.library_symbols()
        found = []
        for _target, citing, block, ordinal, annex, fields, year in self._places(targets):
            position = self._position.get(citing)
            if position is None:
                continue
            try:
                citation = Citation(**fields)
            except TypeError:
                continue
            years = {citation.number: year} if citation.number and year else {}
            [ref] = resolve([citation], own_symbol=citing, library_symbols=symbols,
                            document_years=years, annex=annex, record=_sc_record())
            found.append(((position, ordinal, ref.start), Citing(citing, block, ref)))
        found.sort(key=lambda pair: pair[0])
        return found

    def cited_by(self, symbol: str) -> list[Citing]:
        targets = [symbol]
        match = _SC_SYMBOL.fullmatch(symbol)
        if match:
            targets.append(match.group(1))
        return [c for _, c in self._resolved(targets)
                if c.ref.target == symbol and c.symbol != symbol]

    def citing_partial(self, partial: str) -> list[Citing]:
        return [c for _, c in self._resolved([partial])
                if c.ref.target is None and c.ref.partial == partial]

    def repair_vocabulary(self) -> frozenset[str]:
        return self._loader.words()

    def document_key(self, symbol: str) -> str | None:
        known = self._known.get(symbol)
        return known.key if known else None


def _drafts(pairs: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """adopted -> draft, for (symbol, draft_of) pairs of the library whose resolution it
    holds (the last draft listed, if several)."""
    pairs = list(pairs)
    symbols = {symbol for symbol, _ in pairs}
    return {adopted: symbol for symbol, adopted in pairs
            if adopted and adopted in symbols and adopted != symbol}


class _Documents(Sequence[Document]):
    """The documents of a loaded library, each read when reached."""

    def __init__(self, state: _IndexedState, symbols: list[str]) -> None:
        self._state = state
        self._symbols = symbols

    def __len__(self) -> int:
        return len(self._symbols)

    @overload
    def __getitem__(self, i: int) -> Document: ...

    @overload
    def __getitem__(self, i: slice) -> list[Document]: ...

    def __getitem__(self, i: int | slice) -> Document | list[Document]:
        if isinstance(i, slice):
            return [doc for symbol in self._symbols[i]
                    if (doc := self._state.get(symbol)) is not None]
        doc = self._state.get(self._symbols[i])
        if doc is None:
            raise LookupError(f"{self._symbols[i]} cannot be read")
        return doc

    def __iter__(self) -> Iterator[Document]:
        for symbol in self._symbols:
            doc = self._state.get(symbol)
            if doc is not None:
                yield doc
