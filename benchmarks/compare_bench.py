"""How fast two documents are compared: the alignment engine, the comparison view until it can
be scrolled, and the HTML and Word exports, on a real pair and on a scaled-up synthetic pair.

    python benchmarks/compare_bench.py [--runs N] [--copies C] [--json]

Measured, each as a median (and max) over --runs in milliseconds:

* ``align_1051_vs_2396_ms``: ``compare_documents`` of the draft S/2017/1051 with its adopted
  text S/RES/2396 (2017) (target 200 ms);
* ``align_72_284_self_ms``: A/RES/72/284 against itself (target 300 ms);
* ``view_ready_ms``: in a shown MainWindow (1360x840, offscreen), from
  ``open_comparison(S/2017/1051, S/RES/2396 (2017))`` until events are processed and the
  text's layout is done, i.e. the scroll bar has its range: "ready to scroll" (target 500 ms);
* ``align_scaled_ms``: a synthetic pair built from real text. A/RES/72/284's preamble and
  operative part each repeated C times (ids renumbered, footnotes and closing once), against
  a revision of it in which every 10th operative paragraph has a word changed, every 25th is
  deleted, a paragraph (taken from S/RES/2396 (2017)) is inserted after every 30th, and a few
  are moved to the end; with the block counts and the summary's row counts per status;
* ``export_html_ms`` / ``export_docx_ms``: ``export_html`` and ``export_docx`` of both pairs,
  into the temporary data directory.

Prints JSON. Not a test: shared machines are noisy.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from corpus.compare import Comparison, compare_documents
from corpus.compare.export import export_docx, export_html
from corpus.library import Library, load_library
from corpus.model import Block, BlockKind, Document
from reader.common.tasks import TaskRunner
from reader.window.main_window import MainWindow
from reader.window.settings import Settings

DRAFT, ADOPTED = "S/2017/1051", "S/RES/2396 (2017)"
GA = "A/RES/72/284"
#: Operative paragraphs (numbered in the scaled original) moved to the end in the revision;
#: none of them is otherwise edited.
MOVED = (7, 133, 259, 391)
TARGETS_MS = {"align_1051_vs_2396": 200, "align_72_284_self": 300, "view_ready": 500}


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def stats(name: str, times: list[float]) -> dict:
    return {f"{name}_ms": round(statistics.median(times), 1),
            f"{name}_ms_max": round(max(times), 1)}


# --- The scaled-up pair ----------------------------------------------------------------------

def _renumbered(blocks: list[Block]) -> list[Block]:
    """Preambular and operative paragraphs numbered afresh, as a new draft would be."""
    out, pp, op = [], 0, 0
    for block in blocks:
        if block.kind == BlockKind.PREAMBULAR:
            pp += 1
            block = dataclasses.replace(block, id=f"pp{pp}")
        elif block.kind == BlockKind.OPERATIVE:
            op += 1
            block = dataclasses.replace(block, id=f"op{op}", number=str(op))
        out.append(block)
    return out


def scaled(doc: Document, copies: int) -> Document:
    """``doc`` with its preamble and its operative part each ``copies`` times over."""
    head = [b for b in doc.blocks if b.kind in (BlockKind.TITLE, BlockKind.INTRO)]
    pps = doc.blocks_of(BlockKind.PREAMBULAR)
    ops = doc.blocks_of(BlockKind.OPERATIVE)
    tail = [b for b in doc.blocks if b.kind in (BlockKind.CLOSING, BlockKind.FOOTNOTE)]
    blocks = _renumbered([*head, *pps * copies, *ops * copies, *tail])
    return dataclasses.replace(doc, symbol=f"{doc.symbol} (x{copies})", blocks=blocks)


def _reworded(block: Block) -> Block:
    """One word in the middle of the paragraph replaced by another."""
    words = block.text.split(" ")
    middle = len(words) // 2
    words[middle] = "notably" if words[middle] != "notably" else "particularly"
    return dataclasses.replace(block, text=" ".join(words))


def revised(doc: Document, inserts: list[Block]) -> Document:
    """The scaled original as a later draft: operative paragraphs reworded (every 10th),
    deleted (every 25th), inserted (after every 30th) and moved to the end (``MOVED``)."""
    out: list[Block] = []
    moved: list[Block] = []
    pending = itertools.cycle(inserts)
    last_op = max(n for n, b in enumerate(doc.blocks) if b.kind == BlockKind.OPERATIVE)
    for n, block in enumerate(doc.blocks):
        if block.kind == BlockKind.OPERATIVE:
            k = int(block.number)
            if k in MOVED:
                moved.append(block)
            elif k % 25 == 0:
                pass
            elif k % 10 == 0:
                out.append(_reworded(block))
            else:
                out.append(block)
            if k % 30 == 0:
                new = next(pending)
                out.append(dataclasses.replace(new, id=f"new{k}", notes=(), refs=[]))
        else:
            out.append(block)
        if n == last_op:
            out.extend(moved)
    return dataclasses.replace(doc, symbol=f"{doc.symbol} revised", blocks=_renumbered(out))


# --- The view ---------------------------------------------------------------------------------

def view_times(window: MainWindow, app: QApplication, runs: int) -> list[float]:
    """From open_comparison to a laid-out text whose scroll bar has its range."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        comparison = window.open_comparison(DRAFT, ADOPTED)
        app.processEvents()
        browser = comparison.browser
        deadline = started + 10
        while True:
            browser.document().documentLayout().documentSize()
            if browser.verticalScrollBar().maximum() > 0 or time.perf_counter() > deadline:
                break
            app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
        if browser.verticalScrollBar().maximum() <= 0:
            raise RuntimeError("the comparison never became scrollable")
        window.close_tab(window.tabs.currentIndex())
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return times


# --- Putting it together ----------------------------------------------------------------------

def export_stats(prefix: str, comparison: Comparison, out: Path, runs: int) -> dict:
    html_times = timed(lambda: export_html(comparison, out / f"{prefix}.html"), runs)
    docx_times = timed(lambda: export_docx(comparison, out / f"{prefix}.docx"), runs)
    return {**stats(f"export_html_{prefix}", html_times),
            **stats(f"export_docx_{prefix}", docx_times)}


def measure(library: Library, data: Path, runs: int, copies: int) -> dict:
    draft, adopted, ga = library.get(DRAFT), library.get(ADOPTED), library.get(GA)
    results = {
        **stats("align_1051_vs_2396", timed(lambda: compare_documents(draft, adopted), runs)),
        **stats("align_72_284_self", timed(lambda: compare_documents(ga, ga), runs)),
    }

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow(library, Settings(data), TaskRunner(synchronous=True))
    window.resize(1360, 840)
    window.show()
    app.processEvents()
    results.update(stats("view_ready", view_times(window, app, runs)))
    window.close()
    app.processEvents()

    left = scaled(ga, copies)
    right = revised(left, adopted.blocks_of(BlockKind.OPERATIVE))
    found: list[Comparison] = []
    align_times = timed(lambda: found.append(compare_documents(left, right)), runs)
    big = found[-1]
    results["scaled_copies"] = copies
    results["scaled_blocks"] = {"left": len(left.blocks), "right": len(right.blocks)}
    results.update(stats("align_scaled", align_times))
    summary = big.summary()
    results["scaled_rows"] = len(big.rows)
    results["scaled_summary"] = {key: summary[key] for key in (
        "same", "changed", "added", "removed", "moved", "minor", "split", "merged",
        "typography_only")}

    small = compare_documents(draft, adopted)
    results.update(export_stats("1051_vs_2396", small, data, runs))
    results.update(export_stats("scaled", big, data, runs))
    results["runs"] = runs
    results["targets_ms"] = TARGETS_MS
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--copies", type=int, default=5, help="times A/RES/72/284 is repeated")
    parser.add_argument("--json", action="store_true", help="accepted; output is always JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data:
        library = load_library(Path(data))
        results = measure(library, Path(data), args.runs, args.copies)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
