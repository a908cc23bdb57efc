"""Start-up time of the app next to a bare PySide6 window, on the same machine in the same run.

    python benchmarks/startup_bench.py [--runs N] [--json]

Both are timed as whole processes (interpreter start to exit), offscreen: ``main.py
--quit-when-ready`` with the search index already built (a warm data directory), and a script
that creates a QApplication, shows an empty QMainWindow and quits. Prints JSON with the medians:
``ready_ms``, ``bare_ms`` and ``ratio`` (target: ratio <= 2). Not a test: timings are noisy.
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
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="accepted; output is always JSON")
    args = parser.parse_args(argv)
    # An installed app has its bytecode cached; this sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would make every run recompile Plenary's modules and time the compiler.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as data:
        app = [sys.executable, "main.py", "--data-dir", data]
        subprocess.run([*app, "index"], cwd=ROOT, env=env, check=True, capture_output=True)
        timed([*app, "--quit-when-ready"], env)  # warm the parse cache and settings
        ready = [timed([*app, "--quit-when-ready"], env) for _ in range(args.runs)]
    bare = [timed([sys.executable, "-c", BARE], env) for _ in range(args.runs)]
    result = {
        "runs": args.runs,
        "ready_ms": round(statistics.median(ready), 1),
        "bare_ms": round(statistics.median(bare), 1),
        "ratio": round(statistics.median(ready) / statistics.median(bare), 2),
        "ready_ms_all": [round(t, 1) for t in ready],
        "bare_ms_all": [round(t, 1) for t in bare],
        "target_ratio": 2,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
