"""Kill Plenary at random, hundreds of times, and count what was lost.

Each trial starts one command of the real program in a child process on a throw-away data
directory, kills it with SIGKILL at a random moment (as a power cut or a crash would), and then
looks at what it left:

* ``add``: ``main.py annotations add``; an annotation whose id the command printed before it
  died was reported written and must be found afterwards;
* ``restore``: ``main.py annotations restore latest``; every annotation reported written must
  still be somewhere the reader can get it back: the database, or the file a restore keeps
  beside it (``annotations.sqlite3.replaced-*``);
* ``import``: ``main.py import`` of a resolution; afterwards the library must load without
  error and the annotations be intact;
* ``index``: ``main.py index --rebuild``; afterwards the next search must answer (after the
  program's own repair, with no help from the user).

Prints JSON: trials per kind, annotations reported written, annotations lost (must be 0),
index states left unusable (must be 0), libraries left unloadable (must be 0), seconds.

    python benchmarks/soak_bench.py [--trials 300] [--seconds 900] [--seed 1] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotations.verify import verify  # noqa: E402
from corpus.library import load_library  # noqa: E402

MAIN = str(ROOT / "main.py")
SAMPLE = ROOT / "corpus" / "sources" / "cr-unsc" / "S_RES_0242_1967_EN_GOLD.txt"
PLACES = ["S/RES/2396 (2017)#op10", "S/RES/2396 (2017)#op11", "S/RES/2322 (2016)#op9.a",
          "A/RES/72/284#op5", "S/RES/2395 (2017)#pp3"]
_ADDED = re.compile(r"^added \w+ ([0-9a-f-]{36})", re.M)
KINDS = ("add", "restore", "import", "index")


def command(data: Path, *args: str) -> list[str]:
    return [sys.executable, MAIN, "--data-dir", str(data), *args]


def run(data: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command(data, *args), capture_output=True, text=True,
                          timeout=timeout, env=_env())


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}


def killed(data: Path, args: list[str], after: float) -> str:
    """Start the command, kill it ``after`` seconds in (if it is still running), and return
    what it printed to stdout before it died."""
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command(data, *args), stdout=out, stderr=subprocess.DEVNULL,
                                   env=_env(), start_new_session=True)
        try:
            process.wait(timeout=after)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        out.seek(0)
        return out.read()


def all_ids(data: Path) -> set[str]:
    """Every annotation id in the database and in the files a restore or a salvage keeps beside
    it: what a reader can still get back."""
    ids: set[str] = set()
    for path in [data / "annotations.sqlite3", *data.glob("annotations.sqlite3.replaced-*"),
                 *data.glob("annotations.sqlite3.damaged-*")]:
        if path.name.endswith(("-wal", "-shm", "-journal")):
            continue
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            try:
                ids.update(row[0] for row in connection.execute("SELECT id FROM annotations"))
            finally:
                connection.close()
        except sqlite3.Error:
            continue
    return ids


def search_answers(data: Path) -> bool:
    try:
        result = run(data, "search", "terrorism", "--json", timeout=180)
    except subprocess.TimeoutExpired:
        return False
    try:
        return result.returncode == 0 and bool(json.loads(result.stdout or "null"))
    except ValueError:
        return False


def prepare(data: Path, rng: random.Random, reported: set[str]) -> None:
    """A library with an index, some annotations and a backup to restore."""
    run(data, "index")
    for i in range(6):
        place = PLACES[i % len(PLACES)]
        out = run(data, "annotations", "add", place, "--note", f"setup {i}").stdout
        reported.update(_ADDED.findall(out))
    # A backup is taken on the first open of a day: force one by restoring nothing new.
    run(data, "annotations", "backups")


def trial(kind: str, data: Path, rng: random.Random, reported: set[str],
          durations: dict[str, float]) -> dict:
    """One kill; returns what was found after it."""
    typical = durations.get(kind, 2.0)
    after = rng.uniform(0.02, typical * 2.0)  # before, during and after the work
    if kind == "add":
        place = rng.choice(PLACES)
        out = killed(data, ["annotations", "add", place, "--note", f"soak {rng.random()}"],
                     after)
        reported.update(_ADDED.findall(out))
    elif kind == "restore":
        killed(data, ["annotations", "restore", "latest"], after)
    elif kind == "import":
        args = ["import", str(SAMPLE), "--replace"]
        killed(data, args, after)
    else:
        killed(data, ["index", "--rebuild"], after)
    found = {"kind": kind, "after_s": round(after, 2)}
    check = verify(data)  # opens as the window would: settles a restore, salvages damage
    found["integrity"] = check.integrity
    found["lost"] = sorted(reported - all_ids(data))
    if kind in ("import", "index"):
        library = load_library(data)
        found["library_ok"] = not library.errors
        found["index_ok"] = search_answers(data) if kind == "index" or rng.random() < 0.25 \
            else True
    return found


def measure(data: Path) -> dict[str, float]:
    """How long each command takes uninterrupted, so kills fall across the whole of it."""
    durations = {}
    for kind, args in (("add", ["annotations", "add", PLACES[0], "--note", "timing"]),
                       ("restore", ["annotations", "restore", "latest"]),
                       ("import", ["import", str(SAMPLE), "--replace"]),
                       ("index", ["index", "--rebuild"])):
        started = time.perf_counter()
        run(data, *args)
        durations[kind] = time.perf_counter() - started
    return durations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=900)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    results: list[dict] = []
    reported: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        prepare(data, rng, reported)
        durations = measure(data)
        while len(results) < args.trials and time.perf_counter() - started < args.seconds:
            kind = KINDS[len(results) % len(KINDS)]
            results.append(trial(kind, data, rng, reported, durations))
        final = verify(data)
    lost = sorted({i for r in results for i in r["lost"]})
    summary = {
        "trials": len(results),
        "by_kind": {kind: sum(1 for r in results if r["kind"] == kind) for kind in KINDS},
        "annotations_reported_written": len(reported),
        "annotations_lost": len(lost),
        "integrity_failures": sum(1 for r in results if r["integrity"] != "ok"),
        "index_states_unusable": sum(1 for r in results if r.get("index_ok") is False),
        "libraries_unloadable": sum(1 for r in results if r.get("library_ok") is False),
        "annotations_at_end": final.annotations,
        "uninterrupted_s": {k: round(v, 2) for k, v in durations.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    if lost:
        summary["lost_ids"] = lost[:20]
    text = json.dumps(summary, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if not lost and not summary["index_states_unusable"] else 1


if __name__ == "__main__":
    sys.exit(main())
