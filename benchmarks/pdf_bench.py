"""PDF import: which text extraction, and how long an import or a refusal takes. Prints JSON.

``--compare`` measures the extraction modes on real and built PDFs (the figures in
corpus/importing/pdf_file.py's docstring): pypdf's plain and layout modes (pypdf is a test
dependency), PDFium's own text (``get_text_range``) and the lines Plenary builds from PDFium's
characters. For each: letter-spaced runs (≥ 4 single letters separated by spaces), words a
general English list and the text's own clean words do not know (split or glued words), footnote
separator lines seen, operative numbers out of order, and milliseconds per page.

Always: the time to read a 10-page official PDF into a parsed document (target ≤ 1 s), to refuse
a 10-page scan without a text layer and a 10-page encrypted PDF (target ≤ 1 s each), and to load
the general word list.

    python benchmarks/pdf_bench.py [--compare] [--pdf FILE …] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.errors import SourceError  # noqa: E402
from corpus.importing.extract import extract  # noqa: E402
from corpus.manifest import SourceEntry  # noqa: E402
from corpus.model import DocumentKind  # noqa: E402
from corpus.parsing import parse_source  # noqa: E402
from tools.pdf_fixtures import resolution_pdf, sample_resolution, scanned_pdf  # noqa: E402

REAL = ROOT.parent / "shared" / "realdata" / "ga-samples" / "A_RES_73_7.pdf"
LETTER_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)")
WORD = re.compile(r"[^\W\d_]+")
OPERATIVE = re.compile(r"^\s*(\d{1,3})\.\s+[A-Z]", re.M)


def _pypdf(data: bytes, layout: bool) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if layout:
        return [p.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
                for p in reader.pages]
    return [p.extract_text() for p in reader.pages]


def _pdfium_range(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    pages = []
    for page in document:
        textpage = page.get_textpage()
        pages.append(textpage.get_text_range().replace("\r\n", "\n"))
        textpage.close()
        page.close()
    document.close()
    return pages


def _ours(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    from corpus.importing.pdf_file import _page_lines

    document = pdfium.PdfDocument(data)
    pages = ["\n".join(_page_lines(document, n)) for n in range(len(document))]
    document.close()
    return pages


MODES = {
    "pypdf plain": lambda data: _pypdf(data, False),
    "pypdf layout (before)": lambda data: _pypdf(data, True),
    "PDFium text range": _pdfium_range,
    "PDFium characters (chosen)": _ours,
}


def quality(pages: list[str]) -> dict[str, int]:
    from corpus.parsing.repair import general_words

    text = "\n".join(pages)
    words = general_words()
    unknown = [w for w in WORD.findall(text) if w.lower() not in words and len(w) > 1]
    numbers = [int(n) for n in OPERATIVE.findall(text)]
    return {
        "letter_spaced_runs": len(LETTER_SPACED.findall(text)),
        "unknown_words": len(unknown),
        "separator_lines": sum(1 for line in text.splitlines() if re.fullmatch(r"\s*_{5,}\s*",
                                                                              line)),
        "operative_numbers_out_of_order": sum(1 for a, b in zip(numbers, numbers[1:],
                                                                strict=False) if b < a),
    }


def compare(files: dict[str, bytes], runs: int) -> dict:
    out: dict = {}
    for name, data in files.items():
        out[name] = {}
        for mode, run in MODES.items():
            try:
                pages = run(data)
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    run(data)
                    times.append(time.perf_counter() - start)
            except ImportError as exc:
                out[name][mode] = {"skipped": str(exc)}
                continue
            out[name][mode] = quality(pages) | {
                "ms_per_page": round(statistics.median(times) * 1000 / max(len(pages), 1), 1)}
    return out


def timings(folder: Path, runs: int) -> dict:
    import pypdf

    official = folder / "official-10.pdf"
    official.write_bytes(resolution_pdf(sample_resolution(10)))
    scan = folder / "scan-10.pdf"
    scan.write_bytes(scanned_pdf(10))
    writer = pypdf.PdfWriter(clone_from=str(official))
    writer.encrypt("secret")
    locked = folder / "locked-10.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)

    def imported() -> None:
        extracted = extract(official)
        entry = SourceEntry(symbol="A/RES/80/4", body="General Assembly", date="2025-10-29",
                            title="", kind=DocumentKind.RESOLUTION, path=official,
                            format=extracted.format)
        parse_source(entry, extracted.data, frozenset())

    def refused(path: Path) -> None:
        try:
            extract(path)
        except SourceError:
            return
        raise AssertionError(f"{path.name} was not refused")

    def timed(step) -> float:
        values = []
        for _ in range(runs):
            start = time.perf_counter()
            step()
            values.append(time.perf_counter() - start)
        return round(statistics.median(values), 3)

    import pypdfium2 as pdfium

    with pdfium.PdfDocument(official.read_bytes()) as document:
        pages = len(document)
    from corpus.parsing.repair import general_words

    start = time.perf_counter()
    general_words()
    words = round(time.perf_counter() - start, 3)
    return {
        "official_pdf_pages": pages,
        "import_official_pdf_s": timed(imported),
        "refuse_scan_10_pages_s": timed(lambda: refused(scan)),
        "refuse_encrypted_10_pages_s": timed(lambda: refused(locked)),
        "load_general_words_s": words,
        "target_s": 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--pdf", type=Path, action="append", default=[])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        result["timings"] = timings(Path(folder), args.runs)
        if args.compare:
            files = {"built official layout (10 pages)": resolution_pdf(sample_resolution(10))}
            for path in [REAL, *args.pdf]:
                if path.exists():
                    files[path.name] = path.read_bytes()
            result["extraction"] = compare(files, args.runs)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
