"""How long loading the library takes: cold (parse everything) and warm (from the cache).

    python benchmarks/load_bench.py [--scale N] [--repeat R] [--json]

The realistic corpus is the bundled one. The scaled-up corpus copies each bundled source N
times under new symbols (a library of 5×N documents with the same mix of Markdown and PDF
text), which is what a diplomat's library of a few hundred resolutions looks like to the loader.
Prints JSON; timings are medians in milliseconds. Not a test: shared machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.library import load_library
from corpus.manifest import BUNDLED_SOURCES, MANIFEST_NAME


def scaled_sources(target: Path, copies: int) -> Path:
    """A sources directory with every bundled document ``copies`` times, under new symbols."""
    target.mkdir(parents=True)
    manifest = tomllib.loads((BUNDLED_SOURCES / MANIFEST_NAME).read_text(encoding="utf-8"))
    tables = []
    for n in range(copies):
        for i, doc in enumerate(manifest["document"]):
            source = BUNDLED_SOURCES / doc["source"]
            name = f"copy{n}_{doc['source']}"
            shutil.copy(source, target / name)
            number = 5000 + n * 10 + i
            lines = [
                "[[document]]",
                f'symbol = "S/RES/{number} (2030)"',
                f'body = "{doc["body"]}"',
                f"date = {doc['date']}",
                f'title = "{doc["title"]}"',
                f'kind = "{doc["kind"]}"',
                f'source = "{name}"',
                f'format = "{doc["format"]}"',
            ]
            tables.append("\n".join(lines))
    (target / MANIFEST_NAME).write_text("\n\n".join(tables) + "\n", encoding="utf-8")
    return target


def measure(sources: Path, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as data:
        start = time.perf_counter()
        library = load_library(Path(data), sources=sources)
        cold = (time.perf_counter() - start) * 1000
        warm = []
        for _ in range(repeat):
            start = time.perf_counter()
            load_library(Path(data), sources=sources)
            warm.append((time.perf_counter() - start) * 1000)
    paragraphs = sum(len(doc.blocks) for doc in library)
    return {
        "documents": len(library),
        "blocks": paragraphs,
        "cold_parse_ms": round(cold, 1),
        "warm_load_ms_median": round(statistics.median(warm), 2),
        "warm_load_ms_min": round(min(warm), 2),
        "warm_load_ms_per_document": round(statistics.median(warm) / len(library), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=40, help="copies of each bundled document")
    parser.add_argument("--repeat", type=int, default=15, help="warm loads to take the median of")
    parser.add_argument("--json", action="store_true", help="accepted for symmetry; always JSON")
    args = parser.parse_args(argv)
    results = {"realistic": measure(BUNDLED_SOURCES, args.repeat)}
    with tempfile.TemporaryDirectory() as tmp:
        sources = scaled_sources(Path(tmp) / "sources", args.scale)
        results["scaled"] = measure(sources, max(3, args.repeat // 3))
    results["target_warm_load_ms"] = 50
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
