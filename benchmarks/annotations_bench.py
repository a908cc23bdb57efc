"""How the reader copes with many annotations: opening an annotated document, exporting them
all, the store's reads and writes, editing, and the Annotations panel, at 10,000 annotations.

    python benchmarks/annotations_bench.py [--runs N] [--export-runs N] [--copies C]
                                           [--seed S] [--out FILE]

Targets (the annotations issue): with 10,000 annotations in the store, opening a document
carrying 500 of them costs <= 150 ms more than opening it with none. Everything else here is
reported, not held to a number.

The annotations are made deterministically (``--seed``) from the bundled texts, as a reader
would make them: highlights of 3-25 words at random places in preambular and operative
paragraphs, about 10% bookmarks, tags from a small set, colours varied (yellow most), made
over 600 days and some edited later. 500 are on A/RES/72/284 (about 30% of them with a
Markdown note, the rest without); the other 9,500 are spread over the other bundled documents
with notes a third empty, a third one sentence and a third Markdown (emphasis and a short
list). Every note is distinct. They go through the real code: ``AnnotationStore`` in
throw-away data directories (``tempfile``, never the user's), ``export_annotations``,
``read_json``, shown ``MainWindow`` s (1360x840, offscreen, synchronous TaskRunner) and
``NotesPanel``.

Measured, as median and max of ``--runs`` in milliseconds unless named ``_s``:

* ``open``: from ``window.open_document(A/RES/72/284, new_tab=True)`` until events are
  processed and the view's viewport repainted (``repaint()``: the lazy layout and the
  annotation painting are counted), in a window on the 10,000 and in one on an empty store
  (runs interleaved, after one untimed open each), and ``extra_ms``, the difference of the
  medians. Before each run the panel is told no document is current, so the open pays for its
  "This document" update, and the notes' rendered-HTML caches (``annotations.notes``) are
  emptied, so each open costs what a document's first open in a session does (``open_warm``
  keeps them). ``split_ms`` says where the time goes: ``show_document`` (render, setHtml,
  anchors, and the ``pageShown`` painting, i.e. ``annotator_paint``, which includes
  ``for_document``, ``tip_html``, the notes rendered for their tooltips, and
  ``range_cursor``), ``view_paint_event`` (all ``DocumentView.paintEvent`` calls),
  ``panel_current_document`` and ``other`` (the rest of the open, processEvents included).
* ``export_<fmt>_s``: ``export_annotations`` of all 10,000 to md, html, csv, json and docx
  (median of ``--export-runs``), with the file sizes.
* ``store``: ``AnnotationStore.open`` of the 10,000 (quick_check included), on the day's first
  open (taking the daily backup) and later; ``all()``; ``for_document`` of the 500;
  ``search("member states")`` (median of 50); one ``add()`` (median of 100, on the
  temporary directory's disk: ``synchronous=FULL`` is an fsync per commit); an import:
  ``read_json`` of the 10,000 exported as JSON, then ``merge`` into an empty store.
* ``panel``: ``NotesPanel.set_annotations`` of the 10,000 on a new shown panel
  (330x800), until its list has been painted (every row's height is asked for), and the same
  call on the full panel followed by processEvents (the refill every edit triggers).
* ``window_startup_ms``: one construction of each window until shown (it re-anchors every
  annotation and fills the panel).
* ``highlight_latency``: ``Annotator.highlight`` of a few words in the open document (what
  Ctrl+H does) until events are processed and the view repainted, undone between runs, with
  the Notes tab hidden and in front, split into the store write, ``Annotator.paint``,
  ``store.all()``, the panel's ``set_annotations`` and the rest (the panel's relayout).
* ``scaled``: A/RES/72/284 with its preamble and operative part repeated ``--copies`` times
  (``compare_bench.scaled``, 636 blocks at 5), carrying 2,500 annotations in a store of
  10,000 (7,500 elsewhere), opened with and without them as in ``open``.

Prints JSON (progress to stderr); ``--out FILE`` also writes it. Not a test: shared machines
are noisy; compare with the latest baseline in benchmarks/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from annotations import notes
from annotations.export import FORMATS, export_annotations, read_json
from annotations.model import Annotation, bookmark, highlight
from annotations.store import AnnotationStore
from benchmarks.compare_bench import scaled
from corpus.library import Library, load_library
from corpus.model import BlockKind, Document
from reader.common.tasks import TaskRunner
from reader.document.document_view import DocumentView
from reader.notes import annotating
from reader.notes.annotating import Annotator
from reader.notes.notes_panel import NotesPanel
from reader.window.main_window import MainWindow
from reader.window.settings import Settings

OPENED = "A/RES/72/284"
TOTAL = 10_000
ON_OPENED = 500
ON_SCALED = 2_500
TARGETS_MS = {"open_extra": 150}
#: Where readers highlight: the paragraphs, not titles, intros or footnotes.
HIGHLIGHTED = (BlockKind.PREAMBULAR, BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH)
TAGS = ("drafting", "PNR", "terrorism", "follow-up", "agreed language", "sanctions",
        "data protection", "to check")
COLOURS = ("yellow", "yellow", "yellow", "yellow", "green", "green", "blue", "blue", "pink",
           "orange")
BOOKMARKS = 0.10
#: Shares of empty, one-sentence and Markdown notes.
NOTES_OPENED = {"": 0.70, "sentence": 0.0, "markdown": 0.30}
NOTES_ELSEWHERE = {"": 1 / 3, "sentence": 1 / 3, "markdown": 1 / 3}
#: Annotations are made over 600 days from here, some edited up to 90 days later: all before
#: the benchmark's date.
EPOCH = datetime(2024, 11, 24, 9, 0, tzinfo=UTC)
_WORD = re.compile(r"\S+")
_PLAIN = re.compile(r"[A-Za-z]{4,}")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def summary(times: list[float]) -> dict:
    """Median and max of times in seconds, in milliseconds."""
    return {"median": ms(statistics.median(times)), "max": ms(max(times))}


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


# --- Realistic annotations ---------------------------------------------------------------------

class Maker:
    """Annotations as a reader makes them, from a seeded random source; every note distinct."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.made = 0

    def words(self, text: str, n: int) -> list[str]:
        found = _PLAIN.findall(text) or ["text"]
        return [self.rng.choice(found).lower() for _ in range(n)]

    def when(self) -> tuple[str, str]:
        created = EPOCH + timedelta(seconds=self.rng.uniform(0, 600 * 86400))
        updated = created
        if self.rng.random() < 0.3:
            updated = created + timedelta(seconds=self.rng.uniform(60, 90 * 86400))
        return (created.isoformat(timespec="microseconds"),
                updated.isoformat(timespec="microseconds"))

    def note(self, kind: str, text: str) -> str:
        n = self.made
        w = self.words(text, 6)
        if kind == "sentence":
            return (f"Compare the wording on {w[0]} and {w[1]} with the earlier text; "
                    f"raised in consultations, round {n}.")
        if kind == "markdown":
            return (f"**Key point {n}:** the *{w[0]}* language here goes further than "
                    f"usual on _{w[1]}_.\n\n- check {w[2]}\n- compare {w[3]} with {w[4]}\n"
                    f"- ask about `{w[5]}`")
        return ""

    def annotations(self, doc: Document, count: int, shares: dict[str, float]
                    ) -> list[Annotation]:
        blocks = [b for b in doc.blocks if b.kind in HIGHLIGHTED and len(b.text.split()) >= 3]
        kinds, weights = list(shares), list(shares.values())
        made = []
        for _ in range(count):
            block = self.rng.choice(blocks)
            created, updated = self.when()
            fields = {"color": self.rng.choice(COLOURS),
                      "tags": tuple(self.rng.sample(TAGS, self.rng.choice((0, 0, 1, 1, 2)))),
                      "note": self.note(self.rng.choices(kinds, weights)[0], block.text),
                      "created": created, "updated": updated}
            if self.rng.random() < BOOKMARKS:
                made.append(bookmark(doc, block, **fields))
            else:
                spans = [m.span() for m in _WORD.finditer(block.text)]
                length = min(self.rng.randint(3, 25), len(spans))
                first = self.rng.randrange(len(spans) - length + 1)
                made.append(highlight(doc, block, spans[first][0],
                                      spans[first + length - 1][1], **fields))
            self.made += 1
        return made


def spread(maker: Maker, documents: list[Document], count: int) -> list[Annotation]:
    """``count`` annotations over ``documents``, as evenly as they divide."""
    made = []
    for i, doc in enumerate(documents):
        share = count // len(documents) + (i < count % len(documents))
        made += maker.annotations(doc, share, NOTES_ELSEWHERE)
    return made


def described(annotations: list[Annotation]) -> dict:
    markdown = sum("**" in a.note for a in annotations)
    return {"count": len(annotations),
            "bookmarks": sum(a.is_bookmark for a in annotations),
            "notes_empty": sum(not a.note for a in annotations),
            "notes_sentence": sum(bool(a.note) and "**" not in a.note for a in annotations),
            "notes_markdown": markdown,
            "tagged": sum(bool(a.tags) for a in annotations)}


def filled_store(data: Path, annotations: list[Annotation]) -> None:
    with AnnotationStore.open(data) as store:
        store.save_many(annotations)


# --- Timing inside the window --------------------------------------------------------------

class Probe:
    """Cumulative seconds spent in some methods, by name, while installed."""

    def __init__(self, targets: dict[str, tuple[object, str]]) -> None:
        self.targets = targets
        self.spent = dict.fromkeys(targets, 0.0)

    def reset(self) -> None:
        self.spent = dict.fromkeys(self.targets, 0.0)

    @contextlib.contextmanager
    def installed(self) -> Iterator[Probe]:
        originals = {name: getattr(owner, attr) for name, (owner, attr) in self.targets.items()}
        for name, (owner, attr) in self.targets.items():
            setattr(owner, attr, self._timing(name, originals[name]))
        try:
            yield self
        finally:
            for name, (owner, attr) in self.targets.items():
                setattr(owner, attr, originals[name])

    def _timing(self, name: str, method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.spent[name] += time.perf_counter() - started
        return wrapper


#: The probed methods that never run inside one another during an open (``show_document``
#: emits ``pageShown``, which runs ``Annotator.paint``, which queries ``for_document`` and
#: calls ``tip_html`` and ``range_cursor`` for each annotation).
OUTERMOST = ("show_document", "view_paint_event", "panel_current_document")


def window_probe() -> Probe:
    return Probe({
        "show_document": (DocumentView, "show_document"),
        "annotator_paint": (Annotator, "paint"),
        "for_document": (AnnotationStore, "for_document"),
        "tip_html": (annotating, "tip_html"),
        "range_cursor": (DocumentView, "range_cursor"),
        "view_paint_event": (DocumentView, "paintEvent"),
        "panel_current_document": (NotesPanel, "set_current_document"),
    })


def new_window(library: Library, data: Path, store: AnnotationStore,
               app: QApplication) -> tuple[MainWindow, float]:
    """A shown window on ``store``, and how long making it took (re-anchoring included)."""
    started = time.perf_counter()
    window = MainWindow(library, Settings(data), TaskRunner(synchronous=True), annotations=store)
    window.resize(1360, 840)
    window.show()
    app.processEvents()
    return window, time.perf_counter() - started


def forget_rendered_notes() -> None:
    """Empty the bounded caches of annotations.notes (rendered notes), not the parser's."""
    for value in vars(notes).values():
        info = getattr(value, "cache_info", None)
        if info is not None and info().maxsize is not None:
            value.cache_clear()


def open_once(window: MainWindow, app: QApplication, symbol: str, probe: Probe,
              warm: bool) -> tuple[float, dict[str, float], int]:
    """One open in a new tab until painted; the time, the probe's split and the highlights
    and marks drawn. Beforehand the panel is told no document is current (as when another
    was), so the open pays for its "This document" update; the tab is closed afterwards."""
    if not warm:
        forget_rendered_notes()
    window.notes_panel.set_current_document(None)
    app.processEvents()
    probe.reset()
    started = time.perf_counter()
    window.open_document(symbol, new_tab=True)
    app.processEvents()
    view = window.view
    view.viewport().repaint()
    elapsed = time.perf_counter() - started
    split = dict(probe.spent)
    split["other"] = elapsed - sum(split[part] for part in OUTERMOST)
    drawn = len(view.selections("annotations")) + len(view.margin_marks())
    window.close_tab(window.tabs.currentIndex())
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return elapsed, split, drawn


def compare_opens(windows: dict[str, MainWindow], app: QApplication, symbol: str,
                  runs: int, *, warm: bool = False) -> dict:
    """Opens of ``symbol`` in each window, interleaved run by run, after one untimed open."""
    probe = window_probe()
    times: dict[str, list[float]] = {name: [] for name in windows}
    splits: dict[str, list[dict[str, float]]] = {name: [] for name in windows}
    drawn: dict[str, int] = {}
    with probe.installed():
        for window in windows.values():
            open_once(window, app, symbol, probe, warm=True)
        for _ in range(runs):
            for name, window in windows.items():
                elapsed, split, count = open_once(window, app, symbol, probe, warm)
                times[name].append(elapsed)
                splits[name].append(split)
                drawn[name] = count
    result: dict = {}
    for name in windows:
        result[name] = {**summary(times[name]), "marks_drawn": drawn[name], "split_ms": {
            part: ms(statistics.median(s[part] for s in splits[name]))
            for part in splits[name][0]}}
    with_, without = (statistics.median(times[n]) for n in windows)
    result["extra_ms"] = ms(with_ - without)
    result["within_target"] = with_ - without <= TARGETS_MS["open_extra"] / 1000
    return result


def highlight_once(window: MainWindow, app: QApplication, parts: list, probe: Probe
                   ) -> tuple[float, dict[str, float]]:
    """One highlight made as Ctrl+H makes it, until events are processed and the view
    repainted; undone afterwards (untimed)."""
    probe.reset()
    started = time.perf_counter()
    window.annotator.highlight(parts)
    app.processEvents()
    window.view.viewport().repaint()
    elapsed = time.perf_counter() - started
    split = dict(probe.spent)
    split["other"] = elapsed - sum(split.values())
    window.annotator.undo_stack.undo()
    app.processEvents()
    return elapsed, split


def highlight_latency(windows: dict[str, MainWindow], app: QApplication, symbol: str,
                      runs: int) -> dict:
    """``Annotator.highlight`` of a few words of op1 in an open document: the store write,
    painting the document's annotations again and refilling the panel from ``store.all()``;
    with the Notes tab hidden (the Search tab in front) and shown."""
    probe = Probe({"store_apply": (AnnotationStore, "apply"),
                   "annotator_paint": (Annotator, "paint"),
                   "store_all": (AnnotationStore, "all"),
                   "panel_set_annotations": (NotesPanel, "set_annotations")})
    result: dict = {}
    with probe.installed():
        for name, window in windows.items():
            doc = window.library.get(symbol)
            block = doc.blocks_of(BlockKind.OPERATIVE)[0]
            parts = [(doc, block, 0, min(40, len(block.text)))]
            window.open_document(symbol, new_tab=True)
            result[name] = {}
            for tab in ("notes_tab_hidden", "notes_tab_shown"):
                if tab == "notes_tab_shown":
                    window.show_annotations()
                else:
                    window.side.setCurrentWidget(window.search_panel)
                app.processEvents()
                highlight_once(window, app, parts, probe)  # untimed: first time
                times, splits = [], []
                for _ in range(runs):
                    elapsed, split = highlight_once(window, app, parts, probe)
                    times.append(elapsed)
                    splits.append(split)
                result[name][tab] = {**summary(times), "split_ms": {
                    part: ms(statistics.median(s[part] for s in splits)) for part in splits[0]}}
            window.side.setCurrentWidget(window.search_panel)
            window.close_tab(window.tabs.currentIndex())
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result


# --- The sections ----------------------------------------------------------------------------

def export_times(annotations: list[Annotation], library: Library, out: Path,
                 runs: int) -> dict:
    result = {}
    for fmt in FORMATS:
        path = out / f"annotations.{fmt}"
        times = timed(lambda f=fmt, p=path: export_annotations(
            annotations, library.documents, p, f), runs)
        log(f"export {fmt}: {statistics.median(times):.2f} s")
        result[f"export_{fmt}_s"] = round(statistics.median(times), 2)
        result[f"export_{fmt}_s_max"] = round(max(times), 2)
        result[f"export_{fmt}_bytes"] = path.stat().st_size
    return result


def store_times(data: Path, library: Library, scratch: Path, runs: int) -> dict:
    result: dict = {}
    first_of_day = []
    for _ in range(runs):
        with AnnotationStore.open(data) as store:
            doomed = store.backups()
        for backup in doomed:  # without today's backup, the next open takes it
            backup.unlink()
        first_of_day += timed(lambda: AnnotationStore.open(data).close(), 1)
    result["open_first_of_day"] = summary(first_of_day)
    result["open"] = summary(timed(lambda: AnnotationStore.open(data).close(), runs))
    with AnnotationStore.open(data) as store:
        everything = store.all()
        result["count"] = len(everything)
        result["all"] = summary(timed(store.all, runs))
        result["for_document_500"] = summary(timed(lambda: store.for_document(OPENED), runs))
        result["search_member_states"] = summary(timed(
            lambda: store.search("member states"), 50))
        result["search_member_states_hits"] = len(store.search("member states"))
        maker = Maker(1)
        doc = library.get(OPENED)
        fresh = maker.annotations(doc, 100, NOTES_ELSEWHERE)
        result["add"] = summary([t for a in fresh for t in timed(lambda a=a: store.add(a), 1)])
        store.apply([(a, None) for a in fresh])
    exported = scratch / "all.json"
    export_annotations(everything, library.documents, exported, "json")
    result["import_file_bytes"] = exported.stat().st_size
    reads, merges, added = [], [], 0
    for n in range(max(1, runs // 2)):
        started = time.perf_counter()
        incoming = read_json(exported)
        reads.append(time.perf_counter() - started)
        with AnnotationStore.open(scratch / f"import-{n}") as empty:
            started = time.perf_counter()
            added = len(empty.merge(incoming).added)
            merges.append(time.perf_counter() - started)
        shutil.rmtree(scratch / f"import-{n}")
    result["import_read_json"] = summary(reads)
    result["import_merge"] = summary(merges)
    result["import_total_ms"] = ms(statistics.median(reads) + statistics.median(merges))
    result["import_added"] = added
    return result


def panel_times(library: Library, annotations: list[Annotation], app: QApplication,
                runs: int) -> dict:
    fills, painted, refills = [], [], []
    for _ in range(runs):
        panel = NotesPanel(library)
        panel.resize(330, 800)
        panel.show()
        app.processEvents()
        started = time.perf_counter()
        panel.set_annotations(annotations)
        fills.append(time.perf_counter() - started)
        app.processEvents()
        panel.list.viewport().repaint()
        painted.append(time.perf_counter() - started)
        refills += timed(lambda p=panel: (p.set_annotations(annotations), app.processEvents()),
                         1)
        panel.close()
        panel.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return {"set_annotations": summary(fills), "to_first_paint": summary(painted),
            "refill_full_panel": summary(refills), "rows": panel.model.rowCount()}


def measure(runs: int, export_runs: int, copies: int, seed: int, root: Path) -> dict:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    bundled = load_library(root / "cache")
    big = scaled(bundled.get(OPENED), copies)
    library = Library([*bundled.documents, big])
    others = [doc for doc in bundled if doc.symbol != OPENED]

    maker = Maker(seed)
    on_opened = maker.annotations(bundled.get(OPENED), ON_OPENED, NOTES_OPENED)
    elsewhere = spread(maker, others, TOTAL - ON_OPENED)
    on_big = maker.annotations(big, ON_SCALED, NOTES_OPENED)
    everything = on_opened + elsewhere
    results: dict = {
        "annotations": {"opened": described(on_opened), "elsewhere": described(elsewhere),
                        "all": described(everything), "scaled": described(on_big)},
        "runs": runs, "export_runs": export_runs, "seed": seed,
    }
    stores = {name: root / name for name in ("empty", "10k", "scaled")}
    (root / "scratch").mkdir()
    started = time.perf_counter()
    filled_store(stores["10k"], everything)
    results["save_many_10k_s"] = round(time.perf_counter() - started, 2)
    filled_store(stores["scaled"], on_big + elsewhere[:TOTAL - ON_SCALED])
    filled_store(stores["empty"], [])

    log("store")
    results["store"] = store_times(stores["10k"], library, root / "scratch", runs)
    log("exports")
    results.update(export_times(everything, library, root / "scratch", export_runs))
    log("panel")
    results["panel"] = panel_times(library, everything, app, max(3, runs // 2))

    log("windows")
    opened = {name: AnnotationStore.open(path) for name, path in stores.items()}
    windows, startup = {}, {}
    for name in opened:
        windows[name], startup[name] = new_window(library, stores[name], opened[name], app)
    results["window_startup_ms"] = {name: ms(t) for name, t in startup.items()}
    log("open")
    results["open"] = compare_opens({"with_10k": windows["10k"], "empty": windows["empty"]},
                                    app, OPENED, runs)
    results["open_warm"] = compare_opens(
        {"with_10k": windows["10k"], "empty": windows["empty"]}, app, OPENED, runs, warm=True)
    log("highlight")
    results["highlight_latency"] = highlight_latency(
        {"with_10k": windows["10k"], "empty": windows["empty"]}, app, OPENED, runs)
    log("scaled")
    results["scaled"] = {
        "copies": copies, "blocks": len(big.blocks),
        "characters": sum(len(b.text) for b in big.blocks),
        **compare_opens({"with_2500": windows["scaled"], "empty": windows["empty"]}, app,
                        big.symbol, runs)}
    for name, window in windows.items():
        window.close()
        opened[name].close()
    app.processEvents()
    results["targets_ms"] = TARGETS_MS
    results["temp_dir"] = str(root.parent)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each measure")
    parser.add_argument("--export-runs", type=int, default=5, help="timed runs of each export")
    parser.add_argument("--copies", type=int, default=5, help="times A/RES/72/284 is repeated")
    parser.add_argument("--seed", type=int, default=284, help="seed of the annotations")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plenary-annotations-bench-") as root:
        results = measure(args.runs, args.export_runs, args.copies, args.seed, Path(root))
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
