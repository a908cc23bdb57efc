"""The library: every document parsed (or taken from the cache), with citations resolved.

Loading happens in two passes because documents depend on each other: PDF texts are repaired
against the vocabulary of the clean Markdown texts, and a citation is "in the library" (or gets
its missing year) only once every symbol of the library is known. Parsing results, including
the citations found in each paragraph, are cached; resolving them is cheap and always redone,
so adding a document turns existing citations of it into links without re-parsing anything.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
from corpus.manifest import BUNDLED_SOURCES, SourceEntry, load_manifest
from corpus.model import Document, Ref
from corpus.parsing import FORMS, PARSER_VERSION, parse_source
from corpus.userlib import UserLibrary

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Citing:
    """One place in the library that cites a document."""

    symbol: str
    block: str
    ref: Ref


@dataclass
class Library:
    documents: list[Document]
    #: Sources that could not be loaded, each with a message naming the file and line.
    errors: list[CorpusError] = field(default_factory=list)
    _by_symbol: dict[str, Document] = field(init=False, repr=False)
    _cited_by: dict[str, list[Citing]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index()

    def update_from(self, other: Library) -> None:
        """Take the documents of a fresh load (after an import or a removal) in place: every
        part of the program holding this Library sees the new documents and links."""
        self.documents, self.errors = list(other.documents), list(other.errors)
        self._index()

    def _index(self) -> None:
        self._by_symbol = {doc.symbol: doc for doc in self.documents}
        self._cited_by = {}
        for doc in self.documents:
            for block in doc.blocks:
                for ref in block.refs:
                    if ref.target and ref.target != doc.symbol:
                        self._cited_by.setdefault(ref.target, []).append(
                            Citing(doc.symbol, block.id, ref))

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, symbol: str) -> Document | None:
        return self._by_symbol.get(symbol)

    def draft_and_adopted(self, symbol: str | None) -> tuple[str, str] | None:
        """(draft, adopted text) when ``symbol`` is one of a pair the library holds both of."""
        doc = self.get(symbol) if symbol else None
        if doc is None:
            return None
        if doc.relations.get("draft"):  # set at load only when the draft is in the library
            return doc.relations["draft"], doc.symbol
        if self.get(doc.relations.get("draft_of", "")):
            return doc.symbol, doc.relations["draft_of"]
        return None

    def cited_by(self, symbol: str) -> list[Citing]:
        """Every paragraph elsewhere in the library that cites ``symbol``, in library order."""
        return list(self._cited_by.get(symbol, []))


def load_library(
    data_dir: Path, *, sources: Path = BUNDLED_SOURCES, progress: Progress | None = None
) -> Library:
    """Load every document of the manifest, parsing only what the cache cannot supply.

    A source that cannot be read or parsed is left out and reported in ``Library.errors``;
    the rest of the library still loads.
    """
    errors: list[CorpusError] = []
    entries = library_entries(data_dir, sources, errors)
    cache = DocumentCache(data_dir / "cache" / "documents")
    loaded: dict[str, tuple[Document, dict]] = {}
    data: dict[str, bytes] = {}
    for entry in entries:
        try:
            data[entry.symbol] = entry.path.read_bytes()
        except OSError as exc:
            errors.append(SourceError(entry.path, f"cannot be read ({exc.strerror or exc})"))

    # Clean forms first: the others are repaired against their words.
    def needs_vocabulary(entry: SourceEntry) -> bool:
        form = FORMS.get(entry.format)
        return form is not None and form.needs_vocabulary

    ordered = sorted((e for e in entries if e.symbol in data), key=needs_vocabulary)
    clean = [e for e in ordered if not needs_vocabulary(e)]
    vocab_key = digest(*(data[e.symbol] for e in clean))

    @functools.cache
    def words() -> frozenset[str]:
        from corpus.parsing.repair import vocabulary

        return vocabulary(block.text for e in clean if e.symbol in loaded
                          for block in loaded[e.symbol][0].blocks)

    for done, entry in enumerate(ordered, start=1):
        dependency = vocab_key if needs_vocabulary(entry) else ""
        key = digest(f"{PARSER_VERSION}.{CITATIONS_VERSION}", entry.fingerprint(),
                     data[entry.symbol], dependency)
        cached = cache.get(entry.symbol, key)
        if cached is not None and isinstance(cached[1], dict):
            loaded[entry.symbol] = cached
        else:
            try:
                doc = parse_source(entry, data[entry.symbol],
                                   words() if needs_vocabulary(entry) else frozenset())
            except CorpusError as exc:
                errors.append(exc)
            else:
                loaded[entry.symbol] = (doc, _citations_of(doc))
                cache.put(entry.symbol, key, doc, loaded[entry.symbol][1])
        if progress:
            progress(done, len(ordered))

    documents = [loaded[e.symbol][0] for e in entries if e.symbol in loaded]
    _link(documents, {symbol: extra for symbol, (_, extra) in loaded.items()})
    return Library(documents, errors)


def library_entries(data_dir: Path, sources: Path = BUNDLED_SOURCES,
                    errors: list[CorpusError] | None = None) -> list[SourceEntry]:
    """The documents of the library: the bundled ones the reader has not hidden or replaced
    by an import of the same symbol, then the imported ones. A damaged list of imports, or an
    entry of it whose file is gone, is reported in ``errors``; the rest still loads."""
    user = UserLibrary(data_dir)
    problems: list[CorpusError] = [] if errors is None else errors
    try:
        imported = user.entries(problems)  # type: ignore[arg-type]
    except CorpusError as exc:
        problems.append(exc)
        imported = []
    try:
        hidden = user.hidden()
    except CorpusError as exc:
        problems.append(exc)
        hidden = set()
    replaced = hidden | {entry.symbol for entry in imported}
    return [e for e in load_manifest(sources) if e.symbol not in replaced] + imported


def _citations_of(doc: Document) -> dict:
    """What resolving needs later: each block's citations and the years the document gives."""
    return {
        "years": document_years(block.text for block in doc.blocks),
        "citations": {block.id: [dataclasses.asdict(c) for c in find_citations(block.text)]
                      for block in doc.blocks},
    }


def _link(documents: list[Document], extras: dict[str, dict]) -> None:
    """Resolve citations against the whole library, and pair drafts with their resolutions."""
    symbols = LibrarySymbols(doc.symbol for doc in documents)
    for doc in documents:
        extra = extras[doc.symbol]
        for block in doc.blocks:
            citations = [Citation(**c) for c in extra["citations"].get(block.id, [])]
            refs = resolve(citations, own_symbol=doc.symbol, library_symbols=symbols,
                           document_years=extra["years"], annex=block.annex)
            # "Resolution 2396 (2017)" in its own title block is a name, not a link.
            block.refs = [r for r in refs if r.target != doc.symbol or r.paragraph]
        adopted = doc.relations.get("draft_of")
        if adopted in symbols:
            next(d for d in documents if d.symbol == adopted).relations["draft"] = doc.symbol
