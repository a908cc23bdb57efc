"""Plenary: the GUI with no subcommand, and a command line over the same functions.

    python main.py [--data-dir DIR]                 start the reader
    python main.py [--data-dir DIR] corpus [--json] summarise (or dump) the parsed library
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from corpus.errors import CorpusError
from corpus.library import Library, load_library
from corpus.model import BlockKind
from corpus.serialize import document_to_dict

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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    corpus = commands.add_parser("corpus", help="summarise the parsed library")
    corpus.add_argument("--json", action="store_true", help="print the whole library as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"plenary: cannot use the data directory {data_dir}: {exc.strerror}", file=sys.stderr)
        return 2
    if args.command is None:
        return _gui(data_dir)
    try:
        library = load_library(data_dir)
    except CorpusError as exc:
        print(f"plenary: {exc}", file=sys.stderr)
        return 1
    for error in library.errors:
        print(f"plenary: skipped {error}", file=sys.stderr)
    if args.command == "corpus":
        if args.json:
            json.dump({"documents": [document_to_dict(d) for d in library]}, sys.stdout,
                      ensure_ascii=False, indent=1)
            print()
        else:
            print(corpus_summary(library))
    return 0


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


def _gui(data_dir: Path) -> int:
    from reader.display import display_problem

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

    return run_gui(library, [sys.argv[0]])


if __name__ == "__main__":
    sys.exit(main())
