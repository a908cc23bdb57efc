"""How long importing a resolution takes, from the file to a searchable, linked document.

Target (issue 8): a typical resolution is parsed, cached and indexed incrementally in ≤ 1 s.
Measured per source kind (Markdown export, PDF text, PDF file, Word file), each the bundled
S/RES/2396 (2017) (36 preambular and 51 operative paragraphs) renamed S/RES/2178 (2014) so it
is a new document the library cites, with the steps apart:

* ``read``: extract (decode / PDFium / Word XML) and detect the metadata;
* ``parse``: the rest of ``prepare`` (structure, the check that it is a resolution);
* ``commit``: keep the source and the manifest in the data directory;
* ``reload``: ``load_library`` again (the new document parsed, the rest from the cache, every
  citation resolved again: this is what makes the citations of it live links);
* ``index``: the incremental index update (only the new document is indexed).

``--scaled N`` runs the same against a library that has N documents imported already (copies of
A/RES/72/284 under other symbols), where reload and index have more to go through.

``--hostile`` instead imports each of ``tools/hostile_files.py``'s Word files and zips (small
files built to take minutes or gigabytes, issue 14) with ``main.py import`` in a child process
and prints, for each, what came of it and the child's wall and CPU seconds and peak memory
(target: ≤ 10 s, ≤ 500 MB); ``--only NAME`` picks some, ``--timeout`` stops a run.

    python benchmarks/import_bench.py [--runs 5] [--scaled 40] [--out FILE]
    python benchmarks/import_bench.py --hostile [--only NAME]… [--timeout 120] [--out FILE]
"""

from __future__ import annotations

import argparse
import copy
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

from corpus.importing import commit, prepare  # noqa: E402
from corpus.importing.detect import detect_metadata  # noqa: E402
from corpus.importing.extract import extract  # noqa: E402
from corpus.library import Library, load_library  # noqa: E402
from corpus.manifest import BUNDLED_SOURCES, load_manifest  # noqa: E402
from corpus.model import BlockKind, Document  # noqa: E402
from corpus.userlib import UserLibrary  # noqa: E402
from index.store import open_index  # noqa: E402

SYMBOL = "S/RES/2178 (2014)"
TARGET_S = 1.0


def renamed(doc: Document) -> Document:
    """The document as S/RES/2178 (2014): its title line renamed, so detection reads the new
    symbol off the file as it would off a real one."""
    doc = copy.deepcopy(doc)
    doc.symbol = SYMBOL
    for block in doc.blocks:
        if block.kind == BlockKind.TITLE:
            block.text = block.text.replace("2396 (2017)", "2178 (2014)")
    return doc


def sample_files(library: Library, folder: Path) -> dict[str, Path]:
    """One file of each kind a diplomat imports, all of the same resolution."""
    from PySide6.QtGui import QGuiApplication

    from tools.sample_files import write_docx, write_pdf

    QGuiApplication.instance() or QGuiApplication([])
    source = (BUNDLED_SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    markdown = folder / "2178.md"
    markdown.write_text(source.replace("Resolution 2396 (2017)", "Resolution 2178 (2014)", 1),
                        encoding="utf-8")
    doc = renamed(library.get("S/RES/2396 (2017)"))
    files = {"markdown": markdown, "pdf": folder / "2178.pdf", "docx": folder / "2178.docx"}
    write_pdf(doc, files["pdf"])
    write_docx(doc, files["docx"])
    # What a PDF file's text layer gives, saved as text: the pdf-text form from a .txt.
    files["pdf-text"] = folder / "2178.txt"
    files["pdf-text"].write_text(extract(files["pdf"]).text, encoding="utf-8")
    return files


def import_once(path: Path, data_dir: Path) -> dict[str, float]:
    """One import from a file to a searchable document, timed step by step (ms)."""
    times: dict[str, float] = {}
    library = load_library(data_dir)
    clock = time.perf_counter()
    extracted = extract(path)
    detect_metadata(extracted.text, extracted.format)
    times["read"] = time.perf_counter() - clock
    clock = time.perf_counter()
    prepared = prepare(path, library, extracted=extracted)
    times["parse"] = time.perf_counter() - clock
    clock = time.perf_counter()
    commit(prepared, data_dir, library)
    times["commit"] = time.perf_counter() - clock
    clock = time.perf_counter()
    fresh = load_library(data_dir)
    times["reload"] = time.perf_counter() - clock
    assert fresh.get(SYMBOL) is not None
    clock = time.perf_counter()
    index, status = open_index(data_dir, fresh.documents)
    index.close()
    times["index"] = time.perf_counter() - clock
    assert status.added == [SYMBOL], status
    times["total"] = sum(times.values())
    return {step: round(seconds * 1000, 1) for step, seconds in times.items()}


def prepared_library(base: Path, imported: int) -> Path:
    """A data directory with the cache and index built and ``imported`` documents imported
    already: the state a user's library is in when they import one more."""
    base.mkdir(parents=True, exist_ok=True)
    user = UserLibrary(base)
    entry = next(e for e in load_manifest() if e.symbol == "A/RES/72/284")
    text = entry.path.read_text(encoding="utf-8")
    for n in range(imported):
        user.add(dataclasses.replace(entry, symbol=f"A/RES/72/{900 + n}"), text)
    library = load_library(base)
    index, _ = open_index(base, library.documents)
    index.close()
    return base


def measure(files: dict[str, Path], template: Path, runs: int) -> dict:
    result = {}
    for kind, path in files.items():
        samples = []
        for _ in range(runs):
            data_dir = template.with_name(f"{template.name}-run")
            shutil.rmtree(data_dir, ignore_errors=True)
            shutil.copytree(template, data_dir)
            samples.append(import_once(path, data_dir))
        result[kind] = {step: statistics.median(s[step] for s in samples)
                        for step in samples[0]}
        result[kind]["total_max"] = max(s["total"] for s in samples)
        result[kind]["within_target"] = result[kind]["total"] <= TARGET_S * 1000
        print(f"{kind:9} {result[kind]['total']:7.1f} ms  {result[kind]}", file=sys.stderr)
    return result


def hostile(names: list[str], timeout: float) -> dict:
    """Each hostile file imported into a copy of a data directory whose cache and index exist."""
    import subprocess

    from tools.hostile_files import HOSTILE, measure_import, write_hostile

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        warm = scratch / "warm"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(warm),
                        "index"], cwd=ROOT, check=True, capture_output=True)
        for name in names or list(HOSTILE):
            folder = scratch / name
            shutil.copytree(warm, folder / "data")
            path = write_hostile(name, folder)
            result = measure_import(path, folder / "data", timeout=timeout)
            lines = (result["stderr"].strip() or result["stdout"].strip()).splitlines()
            message = lines[0] if result["returncode"] == 1 and lines else ""
            rows.append({
                "file": name, "kilobytes": round(path.stat().st_size / 1024),
                "outcome": "killed at timeout" if result["killed"] else
                "imported" if result["returncode"] == 0 else
                "refused" if message.startswith("plenary: ") else "crashed",
                "wall_s": result["wall_s"], "cpu_s": result["cpu_s"],
                "peak_mb": result["peak_mb"], "message": message.removeprefix("plenary: ")})
            shutil.rmtree(folder)
    worst = {"wall_s": max(row["wall_s"] for row in rows),
             "cpu_s": max(row["cpu_s"] for row in rows),
             "peak_mb": max(row["peak_mb"] for row in rows)}
    return {"target": {"seconds": 10, "peak_mb": 500}, "worst": worst, "files": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scaled", type=int, default=40,
                        help="documents already imported in the scaled-up library")
    parser.add_argument("--hostile", action="store_true",
                        help="import tools/hostile_files.py's files and print their figures")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="with --hostile: only this file (repeatable)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="with --hostile: seconds before a run is stopped")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.hostile:
        text = json.dumps(hostile(args.only, args.timeout), indent=1, ensure_ascii=False)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        bundled = prepared_library(scratch / "bundled", 0)
        files = sample_files(load_library(bundled), scratch)
        sizes = {kind: path.stat().st_size for kind, path in files.items()}
        results = {"target_ms": TARGET_S * 1000, "runs": args.runs, "file_bytes": sizes,
                   "bundled": measure(files, bundled, args.runs)}
        scaled = prepared_library(scratch / "scaled", args.scaled)
        results["scaled"] = {"documents": len(load_library(scaled)),
                             **measure(files, scaled, args.runs)}
    text = json.dumps(results, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
