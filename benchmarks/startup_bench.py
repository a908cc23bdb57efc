"""Start-up time of the app next to a bare PySide6 window, on the same machine in the same run.

    python benchmarks/startup_bench.py [--library N] [--runs N] [--first] [--json]

Both are timed from the process's start to its window being shown and ready (the line it
prints then; what comes after, quitting, is not the reader's wait), offscreen: ``main.py
--quit-when-ready`` on a warm data directory (the library loaded once before, as every start
after the first finds it), and a script that creates a QApplication, shows an empty
QMainWindow and quits. ``--library N`` makes the library N documents: the bundled 905, then
imports of the bundled texts under new symbols (benchmarks/load_bench.py's make_library),
parsed once before timing. ``--first`` also times the very first start on a fresh data
directory (the bundled library from the pack).

Prints JSON with the medians: ``ready_ms``, ``bare_ms``, ``ratio`` (targets: 2.0 with the
bundled library, 2.5 at 10,000 documents), the app's peak resident memory (target: 400 MB
at 10,000 documents), and the library pane on that library: ``pane_fill_ms`` (listing every
document) and ``pane_filter_ms`` per keystroke typed into its filter (target: 50 ms). The
search index is not built: a start opens the window first and builds or updates the index in
the background, which ``--quit-when-ready`` leaves out. Not a test: timings are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1360, 840)
window.show()


def ready():
    print("ready", flush=True)
    app.quit()


QTimer.singleShot(0, ready)
app.exec()
"""
#: Fills a data directory in a process of its own, so this one stays small: a child's peak
#: memory counts what its parent had mapped when it forked.
MAKE = """
import sys
sys.path[:0] = [sys.argv[3], sys.argv[3] + "/benchmarks"]
from pathlib import Path
from load_bench import make_library
from corpus.library import load_library
make_library(Path(sys.argv[1]), int(sys.argv[2]))
library = load_library(Path(sys.argv[1]))
print(len(library), len(library.errors))
"""


#: The library pane alone on the data directory's library: filled, then typed into.
PANE = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from PySide6.QtWidgets import QApplication
from corpus.library import load_library
from reader.library.library_pane import LibraryPane
app = QApplication([])
library = load_library(Path(sys.argv[1]))
fills = []
for _ in range(3):
    started = time.perf_counter()
    pane = LibraryPane(library)
    fills.append((time.perf_counter() - started) * 1000)
pane.resize(420, 800)
pane.show()
app.processEvents()
typed = []
for text in ("s", "se", "sec", "secu", "secur", "securi", "securit", "security", "", "m", "mi",
             "mid", "midd", "middle", "middle ", "middle e", "middle ea", "middle eas",
             "middle east", "", "1", "19", "199", "1990", "", "zz", ""):
    started = time.perf_counter()
    pane.filter_edit.setText(text)
    app.processEvents()
    typed.append((time.perf_counter() - started) * 1000)
print(json.dumps({"pane_fill_ms": round(statistics.median(fills), 1),
                  "pane_filter_ms": round(statistics.median(typed), 2),
                  "pane_filter_ms_max": round(max(typed), 2)}))
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds until ``command`` says it is ready, and its peak resident MB."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    elapsed = None
    for line in child.stdout:
        if line.startswith("ready"):
            elapsed = (time.perf_counter() - started) * 1000
    _, status, usage = os.wait4(child.pid, 0)
    child.stdout.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or elapsed is None:
        raise SystemExit(f"{command} exited {child.returncode} without saying it was ready")
    return elapsed, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--library", type=int, default=0,
                        help="documents in the library (default: the bundled ones)")
    parser.add_argument("--first", action="store_true",
                        help="also time the first start on a fresh data directory")
    parser.add_argument("--json", action="store_true", help="accepted; output is always JSON")
    args = parser.parse_args(argv)
    # An installed app has its bytecode cached; this sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would make every run recompile Plenary's modules and time the compiler.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PLENARY_SOURCES", None)
    result: dict = {"runs": args.runs}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        app = [sys.executable, "main.py", "--data-dir", str(data), "--quit-when-ready"]
        if args.first:
            firsts = []
            for n in range(max(1, args.runs // 2)):
                fresh = Path(tmp) / f"fresh{n}"
                fresh.mkdir()
                firsts.append(timed([sys.executable, "main.py", "--data-dir", str(fresh),
                                     "--quit-when-ready"], env)[0])
            result["first_start_ms"] = round(statistics.median(firsts), 1)
        started = time.perf_counter()
        made = subprocess.run([sys.executable, "-c", MAKE, str(data), str(args.library),
                               str(ROOT)], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True).stdout.split()
        result["documents"], result["load_errors"] = int(made[0]), int(made[1])
        result["library_made_s"] = round(time.perf_counter() - started, 1)
        timed(app, env)  # the settings, the bytecode
        ready, memory = zip(*(timed(app, env) for _ in range(args.runs)), strict=True)
        result.update(json.loads(subprocess.run(
            [sys.executable, "-c", PANE, str(data), str(ROOT)], cwd=ROOT, env=env,
            check=True, capture_output=True, text=True).stdout))
    bare = [timed([sys.executable, "-c", BARE], env)[0] for _ in range(args.runs)]
    target = 2.0 if result["documents"] <= 1000 else 2.5
    result.update({
        "ready_ms": round(statistics.median(ready), 1),
        "bare_ms": round(statistics.median(bare), 1),
        "ratio": round(statistics.median(ready) / statistics.median(bare), 2),
        "peak_rss_mb": round(max(memory)),
        "ready_ms_all": [round(t, 1) for t in ready],
        "bare_ms_all": [round(t, 1) for t in bare],
        "target_ratio": target,
        "target_peak_rss_mb": 400,
    })
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
