"""A write that returned survives the process being killed at any moment (SIGKILL: no cleanup,
no atexit, no flush), and the file is sound afterwards."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotations.store import AnnotationStore

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 4

#: Adds annotations until killed, printing each id only once ``add`` has returned.
WRITER = """
import sys
from pathlib import Path
from annotations.model import Annotation
from annotations.store import AnnotationStore

store = AnnotationStore.open(Path(sys.argv[1]), exclusive=True)
assert not store.read_only, store.problem
n = 0
while True:
    n += 1
    added = store.add(Annotation(symbol="S/RES/2178 (2014)", block=f"op{n % 9}", start=0, end=7,
                                 quote="Decides", note=f"note {n} " * 30, tags=("crash", f"t{n}")))
    print(added.id, flush=True)
"""


def _run_and_kill(data_dir: Path, seconds: float) -> list[str]:
    """Ids the writer reported saved before it was killed ``seconds`` after its first one."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [writer.stdout.readline()]
    assert lines[0], writer.stderr.read()

    def read() -> None:
        for line in writer.stdout:
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(seconds)
    writer.send_signal(signal.SIGKILL)
    writer.wait(5)
    reader.join(5)
    writer.stdout.close()
    writer.stderr.close()
    # A line cut short by the kill was never fully reported; every whole line was.
    return [line.strip() for line in lines if line.endswith("\n")]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this platform")
def test_every_reported_annotation_survives_a_kill(data_dir):
    rng = random.Random()
    reported: list[str] = []
    for round_ in range(ROUNDS):
        seconds = rng.uniform(0.2, 0.8)
        reported += _run_and_kill(data_dir, seconds)

        store = AnnotationStore.open(data_dir, exclusive=True)
        assert not store.read_only and store.problem is None, store.problem
        saved = {a.id for a in store.all()}
        lost = [i for i in reported if i not in saved]
        assert not lost, f"round {round_}, killed after {seconds:.2f}s: {len(lost)} lost"
        assert len(store.search("crash", limit=len(saved) + 1)) == len(saved)
        store.close()

        with sqlite3.connect(data_dir / "annotations.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
    assert len(reported) > ROUNDS
