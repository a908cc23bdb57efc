"""How long the library takes to load, and to read what the reader asks of it, by its size.

    python benchmarks/load_bench.py [--sizes 905,3000,10000] [--repeat R] [--json]

For each size: a data directory whose library is the bundled one (905 documents: the five seed
texts and the CR-UNSC resolutions) plus, past that, imports made of the bundled CR-UNSC texts
under new symbols (what a diplomat's library of thousands looks like to the loader: the same
mix of lengths and citations). Measured:

* ``first_load_ms``: the first start on that data directory: the bundled texts come from the
  pack, the imports are parsed (that is their import's cost, paid once); ``cold_parse_ms`` at
  the bundled size parses everything (no pack: a changed parser);
* ``warm_load_ms``: every later start (the library index vouches for every document), each in
  a fresh process as a start is;
* ``open_document_ms``: ``Library.get`` of a document not read yet (the parse cache);
* ``follow_citation_ms``: what a click on a citation costs: the cited document read and the
  places that cite it (``cited_by``, what the References panel lists).

Prints JSON; timings are medians in milliseconds. Not a test: shared machines are noisy.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.library import load_library  # noqa: E402
from corpus.manifest import BUNDLED_SOURCES, load_manifest  # noqa: E402
from corpus.userlib import UserLibrary  # noqa: E402


def make_library(data_dir: Path, size: int) -> int:
    """Fill ``data_dir``'s library up to ``size`` documents: the bundled ones, then imports
    of the bundled CR-UNSC texts under new symbols (numbered from 3001, each in its
    original's year). Returns the number imported."""
    bundled = load_manifest(BUNDLED_SOURCES)
    council = [e for e in bundled if e.path.parent.name == "cr-unsc"]
    user = UserLibrary(data_dir)
    texts: dict[Path, str] = {}
    wanted = max(0, size - len(bundled))
    for n in range(wanted):
        original = council[n % len(council)]
        year = original.date[:4]
        entry = dataclasses.replace(original, symbol=f"S/RES/{3001 + n} ({year})",
                                    title=f"{original.title} (copy {n // len(council) + 1})")
        if original.path not in texts:
            texts[original.path] = original.path.read_text(encoding="utf-8")
        user.add(entry, texts[original.path])
    return wanted


#: One load in a process of its own, as the app's start does it.
FRESH = """
import sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from corpus.library import load_library
imported = time.perf_counter()
load_library(Path(sys.argv[1]))
print((time.perf_counter() - imported) * 1000)
"""


def fresh_load_ms(data: Path) -> float:
    done = subprocess.run([sys.executable, "-c", FRESH, str(data), str(ROOT)], check=True,
                          capture_output=True, text=True)
    return float(done.stdout.strip())


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def measure(size: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        started = time.perf_counter()
        imported = make_library(data, size)
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        library = load_library(data)
        first = time.perf_counter() - started
        warm = [fresh_load_ms(data) / 1000 for _ in range(repeat)]
        library = load_library(data)
        symbols = library.symbols()
        # Documents not read in this process yet, from the whole library.
        sample = symbols[len(symbols) // 7::max(1, len(symbols) // 15)][:12]
        opened = []
        for symbol in sample:
            started = time.perf_counter()
            library.get(symbol)
            opened.append(time.perf_counter() - started)
        followed = []
        for symbol in sample:
            doc = library.get(symbol)
            targets = [r.target for b in doc.blocks for r in b.refs
                       if r.in_library and r.target != symbol]
            if not targets:
                continue
            started = time.perf_counter()
            library.get(targets[0])
            library.cited_by(targets[0])
            followed.append(time.perf_counter() - started)
        return {
            "documents": len(library),
            "imported": imported,
            "import_all_s": round(import_s, 2),
            "first_load_ms": _ms(first),
            "warm_load_ms": _ms(statistics.median(warm)),
            "warm_load_ms_min": _ms(min(warm)),
            "open_document_ms": _ms(statistics.median(opened)),
            "open_document_ms_max": _ms(max(opened)),
            "follow_citation_ms": _ms(statistics.median(followed)) if followed else None,
            "follow_citation_ms_max": _ms(max(followed)) if followed else None,
            "errors": len(library.errors),
        }


def cold_parse(repeat: int) -> dict:
    """The bundled library parsed from nothing (no pack, no cache)."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            library = load_library(Path(tmp), sources=BUNDLED_SOURCES, pack=False)
            times.append(time.perf_counter() - started)
    return {"documents": len(library), "cold_parse_ms": _ms(statistics.median(times))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="905,3000,10000",
                        help="library sizes, comma-separated (905: the bundled library)")
    parser.add_argument("--repeat", type=int, default=7, help="warm loads to take the median of")
    parser.add_argument("--cold", type=int, default=1, help="cold parses of the bundle (0: none)")
    parser.add_argument("--json", action="store_true", help="accepted for symmetry; always JSON")
    args = parser.parse_args(argv)
    results: dict = {"sizes": {}}
    for size in (int(s) for s in args.sizes.split(",")):
        results["sizes"][str(size)] = measure(size, args.repeat)
    if args.cold:
        results["bundled_without_pack"] = cold_parse(args.cold)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    results["targets"] = {"open_document_ms": 100, "warm_load": "independent of parsing"}
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
