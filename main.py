"""Plenary: the GUI with no subcommand, and a command line over the same functions.

    python main.py [--data-dir DIR]                     start the reader
    python main.py [--data-dir DIR] corpus [--json]     summarise (or dump) the parsed library
    python main.py [--data-dir DIR] index [--rebuild]   build or update the search index
    python main.py [--data-dir DIR] search QUERY [--limit N] [--sort S] [--json]
    python main.py [--data-dir DIR] similar "SYMBOL#block" | --text TEXT [--json]
    python main.py [--data-dir DIR] compare LEFT RIGHT [--changes] [--json] [--redline]
                                            [-o FILE.html|FILE.docx]
    python main.py [--data-dir DIR] record [QUERY] [--json]
    python main.py [--data-dir DIR] print SYMBOL -o FILE.pdf [--annotations]
    python main.py [--data-dir DIR] annotations add "SYMBOL#block" [--quote Q] [--note N]
                                                [--tag T]… [--color C]
    python main.py [--data-dir DIR] annotations list [--json]
    python main.py [--data-dir DIR] annotations export --format F [--document S] [--tag T]
                                                   [--by-tag] -o FILE
    python main.py [--data-dir DIR] annotations import FILE
    python main.py [--data-dir DIR] annotations backups [--json]
    python main.py [--data-dir DIR] annotations restore NAME|latest
    python main.py [--data-dir DIR] import PATH… [--symbol S] [--date D] … [--replace |
                                                 --as-version] [--json]
    python main.py [--data-dir DIR] remove SYMBOL | restore SYMBOL
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import html
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.citing import excerpt
from corpus.errors import CorpusError
from corpus.library import Library, load_library
from corpus.model import BlockKind
from corpus.serialize import document_to_dict
from corpus.terminal import json_safe, safe_output
from plenary import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from index.store import SearchIndex

APP_NAME = "Plenary"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plenary",
                                     description="Offline reader of UN resolutions.")
    parser.add_argument("--data-dir", type=Path, default=None, metavar="DIR",
                        help="where Plenary keeps its cache and your data "
                             "(default: the platform's user data directory)")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="start the app, quit once the window is shown, print the time")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    corpus = commands.add_parser("corpus", help="summarise the parsed library")
    corpus.add_argument("--json", action="store_true", help="print the whole library as JSON")
    index = commands.add_parser("index", help="build or update the search index")
    index.add_argument("--rebuild", action="store_true", help="rebuild it from scratch")
    search = commands.add_parser("search", help="search the library's paragraphs")
    search.add_argument("query", help='Whoosh query: words, "phrases", OR, NOT, field:value')
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--sort", choices=("relevance", "date", "symbol"), default="relevance")
    search.add_argument("--json", action="store_true")
    similar = commands.add_parser("similar", help="find agreed language: similar paragraphs")
    similar.add_argument("paragraph", nargs="?", help='a paragraph, e.g. "S/RES/2396 (2017)#op12"')
    similar.add_argument("--text", help="any text instead of a paragraph of the library")
    similar.add_argument("--limit", type=int, default=10)
    similar.add_argument("--json", action="store_true")
    compare = commands.add_parser("compare", help="align two documents paragraph by paragraph "
                                  "and show what changed")
    compare.add_argument("left", help='e.g. "S/2017/1051"')
    compare.add_argument("right", help='e.g. "S/RES/2396 (2017)"')
    compare.add_argument("--changes", action="store_true", help="list changed rows only")
    compare.add_argument("--json", action="store_true")
    compare.add_argument("--redline", action="store_true",
                         help="one text with the changes marked, as Word's Compare shows it; "
                         "with -o FILE.docx, a Word document with tracked changes")
    compare.add_argument("-o", "--output", type=Path, metavar="FILE",
                         help="write the comparison to FILE (.html or .docx): the side-by-side "
                         "table, or with --redline the redline")
    record = commands.add_parser("record", help="the Security Council's record: resolutions, "
                                 "presidential statements and vetoes, 1946-2022")
    record.add_argument("query", nargs="?", default="", help='a symbol, number, year or topic '
                        'words, e.g. "S/RES/242 (1967)", "242", "1967", "Cyprus" (none: all)')
    record.add_argument("--json", action="store_true")
    printing = commands.add_parser("print", help="write a document as a PDF, as File → Save "
                                   "as PDF does (Qt lays the pages out; no window is opened)")
    printing.add_argument("symbol", help='e.g. "S/RES/2396 (2017)"')
    printing.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    printing.add_argument("--annotations", action="store_true",
                          help="with your highlights, and your notes under their paragraphs")
    _annotation_commands(commands)
    _import_commands(commands)
    return parser


def _import_commands(commands: argparse._SubParsersAction) -> None:
    from corpus.importing import OVERRIDABLE

    load = commands.add_parser("import", help="add resolutions from .txt, .md, .pdf or .docx "
                               "files to the library")
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    for name in OVERRIDABLE:
        load.add_argument(f"--{name.replace('_', '-')}", dest=name,
                          help=f"the document's {name.replace('_', ' ')}, instead of what is "
                               "read off the text (applies to every PATH)")
    twice = load.add_mutually_exclusive_group()
    twice.add_argument("--replace", action="store_const", const="replace", dest="duplicate",
                       help="a document of the same symbol is replaced")
    twice.add_argument("--as-version", action="store_const", const="version",
                       dest="duplicate", help="… or kept, the import beside it as a version")
    load.add_argument("--json", action="store_true")
    remove = commands.add_parser("remove", help="take a document out of the library (a "
                                 "bundled one is hidden); annotations on it are kept")
    remove.add_argument("symbol")
    restore = commands.add_parser("restore", help="show a hidden bundled document again")
    restore.add_argument("symbol")


def _annotation_commands(commands: argparse._SubParsersAction) -> None:
    from annotations.model import PALETTE

    notes = commands.add_parser("annotations", help="your highlights, notes and bookmarks")
    verbs = notes.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="highlight words of a paragraph, or bookmark it")
    add.add_argument("paragraph", help='e.g. "S/RES/2396 (2017)#op12"')
    add.add_argument("--quote", help="the words to highlight (without: bookmark the paragraph)")
    add.add_argument("--note", default="", help="a note, in Markdown")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeat for more)")
    add.add_argument("--color", choices=list(PALETTE), default="yellow")
    listing = verbs.add_parser("list", help="list every annotation, by document")
    listing.add_argument("--json", action="store_true", help="the lossless JSON export")
    export = verbs.add_parser("export", help="write annotations for a briefing note")
    export.add_argument("--format", required=True, choices=("md", "html", "csv", "json", "docx"))
    export.add_argument("--document", metavar="SYMBOL", help="only this document's")
    export.add_argument("--tag", help="only those with this tag")
    export.add_argument("--by-tag", action="store_true",
                        help="group them under each tag (an annotation with two under both, "
                             "the untagged last), not by document; JSON lists each once")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    load = verbs.add_parser("import", help="merge annotations from a Plenary JSON export")
    load.add_argument("file", type=Path)
    backups = verbs.add_parser("backups", help="list the backups of your annotations")
    backups.add_argument("--json", action="store_true")
    restore = verbs.add_parser("restore", help="replace your annotations with a backup's (the "
                               "current ones are kept in a file beside it)")
    restore.add_argument("backup", metavar="NAME|latest",
                         help="a backup's name, as `annotations backups` lists it, or latest")


def main(argv: list[str] | None = None) -> int:
    """Run a command (or the reader). Everything it prints, to stdout or stderr, is made safe
    for the terminal in this one place (corpus/terminal.py): control characters of an imported
    text, a note or a file name are shown ("␛", "\\u202e"), never obeyed."""
    try:
        with safe_output():
            status = _run(argv)
            sys.stdout.flush()  # here, where a closed pipe can still be answered
            return status
    except BrokenPipeError:
        # The reader of our output went away (`main.py corpus | head`): stop quietly, as a
        # command killed by SIGPIPE would, and keep the interpreter's last flush from failing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"plenary: cannot use the data directory {data_dir}: {exc.strerror}", file=sys.stderr)
        return 2
    if args.command is None:
        return _gui(data_dir, quit_when_ready=args.quit_when_ready)
    try:
        library = load_library(data_dir)
    except CorpusError as exc:
        print(f"plenary: {exc}", file=sys.stderr)
        return 1
    for error in library.errors:
        print(f"plenary: skipped {error}", file=sys.stderr)
    if args.command == "corpus":
        if args.json:
            from corpus.binding import with_binding  # each block's "binding": true|false

            _print_json({"documents": [with_binding(d, document_to_dict(d)) for d in library]})
        else:
            print(corpus_summary(library))
        return 0
    if args.command == "compare":
        return _compare(library, args)
    if args.command == "record":
        return _record(library, args)
    if args.command == "print":
        return _print(data_dir, library, args)
    if args.command == "annotations":
        return _annotations(data_dir, library, args)
    if args.command in ("import", "remove", "restore"):
        return _import(data_dir, library, args)
    # The index layer is imported only here: the GUI's start-up should not pay for Whoosh.
    from index.store import IndexCancelled, IndexUnavailable

    try:
        index = _open_index(data_dir, library, rebuild=getattr(args, "rebuild", False),
                            verbose=args.command == "index")
    except (IndexUnavailable, IndexCancelled) as exc:
        print(f"plenary: the search index is not available: {exc}", file=sys.stderr)
        return 1
    with contextlib.closing(index):
        if args.command == "index":
            print(f"{index.doc_count()} paragraphs indexed in {data_dir / 'index'}")
            return 0
        if args.command == "search":
            return _search(index, args, reopen=lambda: _open_index(
                data_dir, library, rebuild=False, verbose=False))
        return _similar(index, library, args)


def _compare(library: Library, args: argparse.Namespace) -> int:
    from corpus.compare import compare_documents
    from corpus.compare.listing import compare_listing

    documents = [library.get(symbol) for symbol in (args.left, args.right)]
    for symbol, doc in zip((args.left, args.right), documents, strict=True):
        if doc is None:
            print(f"plenary: {symbol!r} is not in the library; known: "
                  f"{', '.join(library.symbols())}", file=sys.stderr)
            return 1
    comparison = compare_documents(*documents)
    if args.output:
        from corpus.compare.export import export_comparison
        from corpus.compare.redline import export_redline

        write = export_redline if args.redline else export_comparison
        try:
            written = write(comparison, args.output)
        except OSError as exc:
            print(f"plenary: could not write {args.output}: {exc}", file=sys.stderr)
            return 1
        print(f"{'Redline' if args.redline else 'Comparison'} written to {written}")
    elif args.json:
        _print_json(comparison.to_dict())
    elif args.redline:
        from corpus.compare.redline import build_redline, redline_text

        print(redline_text(build_redline(comparison), changes_only=args.changes))
    else:
        print(compare_listing(comparison, changes_only=args.changes))
    return 0


def _print(data_dir: Path, library: Library, args: argparse.Namespace) -> int:
    """The document as a PDF, built by the function Save as PDF uses (reader/printing: Qt,
    imported only here). Annotations are placed as the window places them, first."""
    doc = library.get(args.symbol)
    if doc is None:
        print(f"plenary: {args.symbol!r} is not in the library", file=sys.stderr)
        return 1
    annotations = []
    if args.annotations:
        from annotations.files import COMMAND_LINE
        from annotations.store import AnnotationStore, StoreError

        with AnnotationStore.open(data_dir, exclusive=True, holder=COMMAND_LINE,
                                  wait=COMMAND_WAIT) as store:
            try:
                store.reanchor(library)
                annotations = store.for_document(doc.symbol)
            except StoreError as exc:
                print(f"plenary: {exc}", file=sys.stderr)
                return 1
    from reader.printing.command_line import document_pdf

    try:
        written, job = document_pdf(doc, args.output, annotations)
    except OSError as exc:
        print(f"plenary: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    drawn = (f" with {job.highlights} highlight{'' if job.highlights == 1 else 's'} and "
             f"{job.noted} note{'' if job.noted == 1 else 's'}" if args.annotations else "")
    print(f"{doc.symbol}: {written.pages} page{'' if written.pages == 1 else 's'}{drawn} "
          f"written to {written.path}")
    return 0


def _record(library: Library, args: argparse.Namespace) -> int:
    """The catalogue's entries matching the query, marked where the library holds the text."""
    from corpus.record import load_record

    entries = load_record().search(args.query)
    rows = [{"symbol": e.symbol, "kind": e.kind, "date": e.date, "meeting": e.meeting,
             "topic": e.topic, "vote": e.vote, "vetoed_by": list(e.vetoed_by),
             "in_library": library.get(e.symbol) is not None} for e in entries]
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        vetoed = f"vetoed by {', '.join(row['vetoed_by'])}" if row["vetoed_by"] else ""
        outcome = " ".join(part for part in (row["vote"], vetoed) if part)
        mark = "*" if row["in_library"] else " "
        print(f"{mark} {row['symbol']:<18} {row['date']}  {row['meeting']:<11} {outcome:<19} "
              f"{row['topic']}")
    held = sum(row["in_library"] for row in rows)
    print(f"{len(rows)} {'entry' if len(rows) == 1 else 'entries'}"
          + (f" (* {held} in your library)" if held else ""))
    return 0


def _annotations(data_dir: Path, library: Library, args: argparse.Namespace) -> int:
    """The annotation commands; each re-anchors first, as the window does at start-up, so a
    list or an export reflects the library as it is now."""
    from annotations.files import COMMAND_LINE
    from annotations.store import AnnotationStore, StoreError

    # Exclusive, as the window opens it: with a window running, the commands read but do not
    # write behind its back (its undo would not know of their changes). Another command holds
    # the lock only for a moment: wait for it (bounded), as a command line is expected to.
    with AnnotationStore.open(data_dir, exclusive=True, holder=COMMAND_LINE,
                              wait=COMMAND_WAIT) as store:
        if store.problem:
            print(f"plenary: {store.problem}", file=sys.stderr)
        try:
            store.reanchor(library)
            return _ANNOTATION_VERBS[args.verb](store, library, args)
        except StoreError as exc:
            print(f"plenary: {exc}", file=sys.stderr)
            return 1


def _annotations_add(store, library: Library, args: argparse.Namespace) -> int:
    from annotations.anchors import PlaceError, find_place
    from annotations.model import bookmark, citation_of, highlight

    try:
        doc, block, start, end = find_place(library, args.paragraph, args.quote)
    except PlaceError as exc:
        print(f"plenary: {exc}", file=sys.stderr)
        return 2
    fields = {"note": args.note, "tags": tuple(args.tag), "color": args.color}
    annotation = (bookmark(doc, block, **fields) if start is None
                  else highlight(doc, block, start, end, **fields))
    store.add(annotation)
    kind = "bookmark" if annotation.is_bookmark else "highlight"
    print(f"added {kind} {annotation.id}: {citation_of(annotation, doc)}")
    return 0


def _annotations_list(store, library: Library, args: argparse.Namespace) -> int:
    from annotations.export import annotations_to_json
    from annotations.model import by_document, citation_of

    annotations = store.all()
    if args.json:
        _print_json(annotations_to_json(annotations))
        return 0
    for group in by_document(annotations, library):
        print(f"{group.symbol}  ({len(group.annotations)})")
        for a in group.annotations:
            flags = " ".join(filter(None, ["bookmark" if a.is_bookmark else a.color,
                                           "detached" if a.detached else "",
                                           " ".join(f"#{t}" for t in a.tags)]))
            print(f"  {citation_of(a, group.document)}  [{flags}]  {a.id}")
            if not a.is_bookmark:
                print(f"      “{excerpt(a.quote, 100)}”")
            if a.note.strip():
                print(f"      note: {excerpt(' '.join(a.note.split()), 100)}")
    if not annotations:
        print("No annotations yet.")
    return 0


def _annotations_export(store, library: Library, args: argparse.Namespace) -> int:
    from annotations.export import choose_for_export, export_annotations

    choice = choose_for_export(store, document=args.document, tag=args.tag)
    chosen = choice.annotations
    if not chosen:
        print("plenary: no annotations match; nothing written", file=sys.stderr)
        return 1
    try:
        annotated = {a.symbol for a in chosen}
        documents = [library.get(s) for s in library.symbols() if s in annotated]
        path = export_annotations(chosen, [d for d in documents if d], args.output, args.format,
                                  title=choice.title, grouped_by_tag=args.by_tag)
    except OSError as exc:
        print(f"plenary: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{len(chosen)} annotation{'s' if len(chosen) != 1 else ''} written to {path}")
    return 0


def _annotations_import(store, library: Library, args: argparse.Namespace) -> int:
    from annotations.export import AnnotationFormatError, read_json

    try:
        incoming = read_json(args.file)
    except AnnotationFormatError as exc:
        print(f"plenary: nothing changed: {exc}", file=sys.stderr)
        return 1
    summary = store.merge(incoming)
    print(f"{args.file}: {summary.line()}")
    for conflict in summary.conflicts:
        print(f"  {conflict}")
    placed = store.reanchor(library)  # made on another library: find their places in this one
    if placed.changed:
        print(f"placed in this library: {placed.line()}")
    return 0


def _annotations_backups(store, library: Library, args: argparse.Namespace) -> int:
    from annotations.backups import describe_backup

    listed = [describe_backup(path) for path in store.backups()]
    if args.json:
        _print_json(listed)
        return 0
    for item in listed:
        count = ("unreadable" if item["annotations"] is None else
                 f"{item['annotations']} annotation{'' if item['annotations'] == 1 else 's'}")
        print(f"{item['name']}  {item['date']}  {item['size']:>10,} bytes  {count}")
    if not listed:
        print("No backups yet: one is taken on the first start of each day.")
    return 0


def _annotations_restore(store, library: Library, args: argparse.Namespace) -> int:
    from annotations.store import StoreError

    backups = store.backups()
    chosen = backups[:1] if args.backup == "latest" else [
        path for path in backups if args.backup in (path.name, path.stem, str(path))]
    if not chosen:
        known = ", ".join(path.name for path in backups) or "none yet"
        print(f"plenary: no backup {args.backup!r}; the backups are: {known}", file=sys.stderr)
        return 2
    try:
        aside = store.restore_backup(chosen[0])
    except StoreError as exc:
        print(f"plenary: {exc}", file=sys.stderr)
        return 1
    if store.problem:
        print(f"plenary: {store.problem}", file=sys.stderr)
    placed = store.reanchor(library)  # the backup may predate a change of the library
    count = store.count()
    print(f"restored {chosen[0].name}: {count} annotation{'' if count == 1 else 's'}; the "
          f"previous ones were kept as {aside}")
    if placed.changed:
        print(f"placed in this library: {placed.line()}")
    return 0


_ANNOTATION_VERBS = {"add": _annotations_add, "list": _annotations_list,
                     "export": _annotations_export, "import": _annotations_import,
                     "backups": _annotations_backups, "restore": _annotations_restore}
#: Seconds an annotations command waits for another command to release the annotations.
COMMAND_WAIT = 5.0


def _import(data_dir: Path, library: Library, args: argparse.Namespace) -> int:
    """Import each file all-or-nothing (one that fails leaves the library as it was and the
    others still import), then bring the library, the index and annotations up to date. When
    nothing was imported, removed or restored, nothing else is done either: no index is built
    or updated, no annotations database opened (or created)."""
    from corpus.importing import commit, prepare, remove, restore

    if args.command in ("remove", "restore"):
        try:
            print(remove(data_dir, library, args.symbol) if args.command == "remove"
                  else restore(data_dir, args.symbol))
        except CorpusError as exc:
            print(f"plenary: {exc}", file=sys.stderr)
            return 1
        return _after_import(data_dir, [], quiet=True)
    overrides = {name: getattr(args, name) for name in ("symbol", "body", "date", "meeting",
                                                        "kind", "title", "subject", "draft_of")}
    results, failed = [], 0
    for path in args.paths:
        started = time.perf_counter()
        try:
            prepared = prepare(path, library, overrides)
            entry = commit(prepared, data_dir, library, args.duplicate)
        except (CorpusError, OSError) as exc:  # OSError: the data directory, not the file
            exc = exc if isinstance(exc, CorpusError) else CorpusError(
                f"{path.name}: Plenary's library could not be written ({exc})")
            failed += 1
            results.append({"path": str(path), "imported": False, "error": str(exc)})
            if not args.json:
                print(f"plenary: {exc}", file=sys.stderr)
            continue
        library = load_library(data_dir)  # the next file sees this one (duplicates, links)
        cited = len(library.cited_by(entry.symbol))
        results.append({"path": str(path), "imported": True, "symbol": entry.symbol,
                        "format": prepared.extracted.format, "origin": prepared.extracted.origin,
                        "paragraphs": prepared.summary(), "cited_in": cited,
                        "ms": round((time.perf_counter() - started) * 1000, 1)})
        if not args.json:
            print(f"imported {entry.symbol} from {path.name}: {prepared.summary()}; cited in "
                  f"{cited} places of the library")
    status = 1
    if failed < len(args.paths):  # something was imported: the index and annotations follow
        status = _after_import(data_dir, results, quiet=args.json)
    if args.json:
        _print_json(results)
    return 1 if failed else status


def _after_import(data_dir: Path, results: list[dict], *, quiet: bool) -> int:
    """The index and the annotations follow the library: new documents indexed, annotations
    of a replaced document found again in its new text."""
    from annotations.files import COMMAND_LINE
    from annotations.store import AnnotationStore
    from index.store import IndexCancelled, IndexUnavailable

    library = load_library(data_dir)
    started = time.perf_counter()
    try:
        index = _open_index(data_dir, library, rebuild=False, verbose=not quiet)
    except (IndexUnavailable, IndexCancelled) as exc:
        print(f"plenary: the search index is not up to date: {exc}", file=sys.stderr)
        return 1
    index.close()
    indexed_ms = round((time.perf_counter() - started) * 1000, 1)
    for result in results:
        result["index_ms"] = indexed_ms
    with AnnotationStore.open(data_dir, exclusive=True, holder=COMMAND_LINE,
                              wait=COMMAND_WAIT) as store:
        if store.read_only and not quiet:  # a window has the data directory open
            print("plenary: Plenary is open on this data directory: it shows the change "
                  "once restarted, and places your annotations then", file=sys.stderr)
        moved = store.reanchor(library)
        if moved.changed and not quiet:
            print(f"annotations: {moved.line()}")
    return 0


def _open_index(data_dir: Path, library: Library, *, rebuild: bool, verbose: bool) -> SearchIndex:
    from index.progress import TerminalProgress
    from index.store import open_index

    bar = TerminalProgress("indexing") if sys.stderr.isatty() or verbose else None
    index, status = open_index(data_dir, library.documents, rebuild=rebuild,
                               progress=bar.update if bar else None)
    if bar:
        bar.finish()
    for message in status.messages:
        print(f"plenary: {message}", file=sys.stderr)
    if verbose and status.changed and not status.rebuilt:
        for label, symbols in (("added", status.added), ("updated", status.updated),
                               ("removed", status.removed)):
            if symbols:
                print(f"{label}: {', '.join(symbols)}", file=sys.stderr)
    return index


def _search(index: SearchIndex, args: argparse.Namespace,
            reopen: Callable[[], SearchIndex] | None = None) -> int:
    from index.search import Searcher

    results = Searcher(index).search(args.query, limit=args.limit, sort=args.sort)
    if results.damaged and reopen is not None:
        # The query found the index damaged (it was moved aside): rebuild it and ask again.
        print(f"plenary: {results.message}", file=sys.stderr)
        with contextlib.closing(reopen()) as rebuilt:
            results = Searcher(rebuilt).search(args.query, limit=args.limit, sort=args.sort)
    if args.json:
        _print_json([dataclasses.asdict(hit) for hit in results.hits])
        return 0
    if results.message:
        print(results.message)
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}")
    print(f"{results.total} paragraphs ({results.elapsed_ms:.0f} ms)")
    for group in results.groups:
        print(f"\n{group.symbol}  ({group.total} paragraphs)")
        for hit in group.hits:
            print(f"  {hit.block:<8} {hit.score:7.2f}  {_plain(hit.snippet)}")
    return 0


def _similar(index: SearchIndex, library: Library, args: argparse.Namespace) -> int:
    from index.similar import find_similar

    if args.text:
        text, exclude = args.text, None
    elif args.paragraph:
        symbol, _, block_id = args.paragraph.rpartition("#")
        doc = library.get(symbol)
        block = doc.block(block_id) if doc else None
        if block is None:
            print(f"plenary: no paragraph {args.paragraph!r} in the library "
                  "(write it as \"S/RES/2396 (2017)#op12\")", file=sys.stderr)
            return 2
        text, exclude = block.text, args.paragraph
    else:
        print("plenary: give a paragraph (\"SYMBOL#block\") or --text", file=sys.stderr)
        return 2
    hits = find_similar(index, text, exclude=exclude, limit=args.limit)
    if args.json:
        _print_json([dataclasses.asdict(hit) for hit in hits])
        return 0
    for hit in hits:
        flag = "  near-identical" if hit.near_identical else ""
        print(f"{hit.score:.2f} (covers {hit.coverage:.0%})  {hit.key}{flag}")
        for passage in hit.shared[:3]:
            print(f"      “{passage}”")
    if not hits:
        print("No similar paragraph in the library.")
    return 0


def _plain(snippet: str) -> str:
    return html.unescape(snippet.replace("<b>", "[").replace("</b>", "]"))


def _print_json(data: object) -> None:
    # json.dumps escapes C0 controls; json_safe the DEL, C1 and bidi controls it leaves raw.
    print(json_safe(json.dumps(data, ensure_ascii=False, indent=1)))


def corpus_summary(library: Library) -> str:
    """One paragraph per document: what was parsed and where its citations point."""
    lines = []
    for doc in library:
        counts = Counter(block.kind for block in doc.blocks)
        parts = [f"{counts[kind]} {kind.value}" for kind in BlockKind if counts[kind]]
        refs = [ref for block in doc.blocks for ref in block.refs if ref.target != doc.symbol]
        inside = sum(1 for ref in refs if ref.in_library)
        unresolved = sum(1 for ref in refs if ref.target is None)
        internal = sum(1 for block in doc.blocks for ref in block.refs if ref.target == doc.symbol)
        relation = "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in doc.relations.items())
        lines.append(f"{doc.symbol}  {doc.kind.value}, {doc.body}, {doc.date}"
                     + (f"  ({relation})" if relation else ""))
        lines.append(f"    {', '.join(parts)}")
        lines.append(f"    references: {len(refs)} out ({inside} in the library, "
                     f"{len(refs) - inside - unresolved} not in the library, "
                     f"{unresolved} without a year), {internal} internal; "
                     f"cited in {len(library.cited_by(doc.symbol))} places in the library")
        if doc.sponsors:
            lines.append(f"    sponsors: {len(doc.sponsors)} ({', '.join(doc.sponsors[:3])}, …)")
    return "\n".join(lines)


def _gui(data_dir: Path, *, quit_when_ready: bool = False) -> int:
    started = time.perf_counter()
    from reader.window.display import display_problem

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        library = load_library(data_dir)
    except CorpusError as exc:
        print(f"plenary: {exc}", file=sys.stderr)
        return 1
    from reader.app import run_gui

    return run_gui(library, data_dir, [sys.argv[0]], quit_when_ready=quit_when_ready,
                   started=started)


if __name__ == "__main__":
    sys.exit(main())
