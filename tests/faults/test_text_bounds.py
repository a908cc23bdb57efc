"""A text file can ask for as much work as it likes: the parser must stay linear and an import
bounded. Found by a hostile week: a 3.7 MB text of 50,000 numbered paragraphs ran for over ten
minutes (joining lines was quadratic) and glued paragraphs 1000 onwards into 999 (three-digit
labels)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

from corpus.manifest import SourceEntry
from corpus.model import BlockKind, DocumentKind
from corpus.parsing import parse_source

ROOT = Path(__file__).resolve().parents[2]


def numbered(count: int, words: str = "Decides to remain seized of the matter") -> str:
    lines = ["Resolution 9999 (2030)", "",
             "Adopted by the Security Council at its 9999th meeting, on 1 January 2030", "",
             "The Security Council,", "", "Recalling its resolutions,", ""]
    lines += [f"{n}. {words} and to act on item {n};" for n in range(1, count + 1)]
    return "\n".join(lines) + "\n"


def parse(text: str):
    entry = SourceEntry("S/RES/9999 (2030)", "Security Council", "2030-01-01", "",
                        DocumentKind.RESOLUTION, Path("many.txt"), "pdf-text")
    return parse_source(entry, text.encode("utf-8"), frozenset())


def test_paragraphs_past_999_keep_their_own_numbers():
    doc = parse(numbered(1200))
    operative = doc.blocks_of(BlockKind.OPERATIVE)
    assert [b.number for b in operative] == [str(n) for n in range(1, 1201)]
    assert doc.block("op1000").text == (
        "Decides to remain seized of the matter and to act on item 1000;")


def test_parsing_stays_linear_in_the_number_of_paragraphs():
    """Four times the paragraphs takes about four times as long, not sixteen (a loose bound:
    timings on a shared machine are noisy, a quadratic pass is not)."""
    def seconds(count: int) -> float:
        text = numbered(count)
        started = time.perf_counter()
        parse(text)
        return time.perf_counter() - started

    small = min(seconds(1500) for _ in range(2))
    large = min(seconds(6000) for _ in range(2))
    assert large < 9 * small, (small, large)


def _tree_digest(folder: Path) -> dict[str, str]:
    """Everything in the data directory but the parse cache (which the command line fills on
    loading the bundled library, refused import or not)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "cache"}


def test_fifty_thousand_paragraphs_are_refused_in_bounded_time_changing_nothing(tmp_path):
    source = tmp_path / "many.txt"
    source.write_text(numbered(50_000, "Decides"), encoding="utf-8")
    assert 2_000_000 < source.stat().st_size < 20 * 1024 * 1024  # under the size limit
    data = tmp_path / "data"
    data.mkdir()
    before = _tree_digest(data)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "import", str(source)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    elapsed = time.perf_counter() - started
    assert result.returncode == 1
    assert "50,000 operative paragraphs" in result.stderr + result.stdout
    assert "more than any resolution" in result.stderr + result.stdout
    assert _tree_digest(data) == before
    assert elapsed < 60  # the target is 10 s; the margin is for a shared machine
