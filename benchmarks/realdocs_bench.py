"""Import every real document under ../shared/realdata/ into a throw-away data directory.

The 902 CC0 Security Council resolutions (scans' OCR, 1946–2002) and the General Assembly
samples (an official PDF, PDF text layers), each imported as a new user would: no field
stated. Prints JSON: per document what was read (symbol, date, paragraphs by kind,
footnotes and how many have their marker, citations) and the milliseconds ``prepare`` took;
then totals: imported unaided, refused (with the reasons), time per page, and the library's
load with every import in it (cold: all parsed; warm: from the cache).

Targets (issue 13): a 10-page official PDF imports in ≤ 1 s, a refused file is refused in
≤ 1 s, parsing all 902 CC0 texts takes ≤ 20 s.

    python benchmarks/realdocs_bench.py [--realdata ../shared/realdata] [--scaled 3]
        [--out FILE] [--per-document]

``--scaled N`` then loads a library holding every text N times (under other symbols), the
scaled-up library the app must stay fast with.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from corpus.errors import CorpusError  # noqa: E402
from corpus.importing import VERSION, commit, prepare  # noqa: E402
from corpus.library import Library, load_library  # noqa: E402
from corpus.model import BlockKind, Document  # noqa: E402
from corpus.userlib import UserLibrary  # noqa: E402

#: A UN page holds about this many characters; a text file's "pages" for the time per page.
CHARS_PER_PAGE = 3500


def pages(path: Path) -> float:
    if path.suffix.lower() == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            return float(len(document))
        finally:
            document.close()
    return max(1.0, path.stat().st_size / CHARS_PER_PAGE)


def describe(doc: Document) -> dict:
    marks = {mark.number for block in doc.blocks for mark in block.notes}
    notes = doc.blocks_of(BlockKind.FOOTNOTE)
    return {
        "symbol": doc.symbol, "date": doc.date, "meeting": doc.meeting,
        "preambular": len(doc.blocks_of(BlockKind.PREAMBULAR)),
        "operative": len(doc.blocks_of(BlockKind.OPERATIVE)),
        "subparagraphs": len(doc.blocks_of(BlockKind.SUBPARAGRAPH)),
        "parts": len(doc.blocks_of(BlockKind.PART)),
        "annexes": len(doc.blocks_of(BlockKind.ANNEX)),
        "annex_paragraphs": len(doc.blocks_of(BlockKind.ANNEX_PARAGRAPH)),
        "footnotes": len(notes),
        "footnotes_with_marker": sum(1 for note in notes if note.number in marks),
        "markers_without_note": len(marks - {note.number for note in notes}),
    }


def import_all(files: list[Path], data: Path) -> tuple[list[dict], collections.Counter]:
    rows: list[dict] = []
    refused: collections.Counter = collections.Counter()
    seen: dict[str, Document] = {}
    for path in files:
        started = time.perf_counter()
        try:
            prepared = prepare(path, Library(list(seen.values())[-1:]))
        except CorpusError as exc:
            ms = (time.perf_counter() - started) * 1000
            reason = str(exc).split(": ", 1)[-1]
            refused[reason] += 1
            rows.append({"file": path.name, "refused": reason, "ms": round(ms, 1)})
            continue
        ms = (time.perf_counter() - started) * 1000
        doc = prepared.document
        existing = seen.get(doc.symbol)
        if existing is not None:  # a text titled with another's number (S/RES/542 says 538)
            prepared = prepare(path, Library([existing]))
            commit(prepared, data, Library([existing]), duplicate=VERSION)
        else:
            commit(prepared, data, Library([]))
            seen[doc.symbol] = doc
        rows.append({"file": path.name, **describe(doc), "ms": round(ms, 1),
                     "pages": round(pages(path), 1), "duplicate_symbol": existing is not None})
    return rows, refused


def timed_load(data: Path) -> tuple[float, Library]:
    started = time.perf_counter()
    library = load_library(data)
    return time.perf_counter() - started, library


def scaled(data: Path, copies: int) -> dict:
    """The library with every import ``copies`` times over, loaded cold and warm."""
    user = UserLibrary(data)
    entries = user.entries()
    texts = {entry.symbol: entry.path.read_text(encoding="utf-8") for entry in entries}
    for n in range(2, copies + 1):
        for entry in entries:
            copy = dataclasses.replace(entry, symbol=f"{entry.symbol} (copy {n})")
            user.add(copy, texts[entry.symbol])
    shutil.rmtree(data / "cache", ignore_errors=True)
    cold, library = timed_load(data)
    warm, _ = timed_load(data)
    return {"documents": len(library), "cold_load_s": round(cold, 2),
            "warm_load_s": round(warm, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    parser.add_argument("--scaled", type=int, default=0, metavar="N")
    parser.add_argument("--per-document", action="store_true",
                        help="include every document's row in the JSON")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    files = sorted((args.realdata / "sc-resolutions").glob("*.txt")) + sorted(
        (args.realdata / "ga-samples").iterdir())
    if not files:
        print(f"no real documents under {args.realdata}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        started = time.perf_counter()
        rows, refused = import_all(files, data)
        import_s = time.perf_counter() - started
        shutil.rmtree(data / "cache", ignore_errors=True)
        cold, library = timed_load(data)
        warm, _ = timed_load(data)
        imported = [row for row in rows if "refused" not in row]
        for row in imported:  # citations are resolved at load, against the whole library
            doc = library.get(row["symbol"])
            refs = [ref for block in doc.blocks for ref in block.refs] if doc else []
            row["citations"] = len(refs)
            row["citations_in_library"] = sum(1 for ref in refs if ref.in_library)
        pdfs = [row for row in imported if row["file"].endswith(".pdf")]
        result = {
            "documents": len(rows),
            "imported_unaided": len(imported),
            "refused": dict(refused),
            "refused_ms_max": max((row["ms"] for row in rows if "refused" in row), default=0),
            "prepare_s_all": round(sum(row["ms"] for row in rows) / 1000, 2),
            "prepare_ms_median": statistics.median(row["ms"] for row in imported),
            "prepare_ms_max": max(row["ms"] for row in imported),
            "ms_per_page_text": round(sum(r["ms"] for r in imported if r not in pdfs)
                                      / sum(r["pages"] for r in imported if r not in pdfs), 1),
            "ms_per_page_pdf": round(sum(r["ms"] for r in pdfs) / sum(r["pages"] for r in pdfs),
                                     1) if pdfs else None,
            "import_all_s": round(import_s, 1),
            "library_cold_load_s": round(cold, 2),
            "library_warm_load_s": round(warm, 2),
            "library_documents": len(library),
            "library_errors": [str(e) for e in library.errors],
            "footnotes": sum(r["footnotes"] for r in imported),
            "footnotes_with_marker": sum(r["footnotes_with_marker"] for r in imported),
            "parts": sum(r["parts"] for r in imported),
            "annexes": sum(r["annexes"] for r in imported),
            "duplicate_symbols": [r["file"] for r in imported if r["duplicate_symbol"]],
            "citations": sum(r["citations"] for r in imported),
            "citations_in_library": sum(r["citations_in_library"] for r in imported),
        }
        if args.scaled > 1:
            result["scaled"] = scaled(data, args.scaled)
        if args.per_document:
            result["per_document"] = rows
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
