"""What the tests share besides fixtures, imported as ``support`` (pyproject.toml puts tests/
on the path): the checkout's paths and the makers of test files in tools/ (which the
benchmarks use too). Tests import these from here, never from ``tests.conftest`` or
``tools`` directly, so there is one door to change when either moves."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

from tools.hostile_files import (
    HOSTILE,
    measure_import,
    word_document,
    word_package,
    word_part,
    write_hostile,
)
from tools.pdf_fixtures import resolution_pdf, sample_resolution, scanned_pdf
from tools.sample_files import write_docx, write_pdf

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "corpus" / "sources"


def write_seed_sources(folder: Path) -> Path:
    """A sources folder of the five seed texts alone: the bundled manifest's own documents,
    without the CR-UNSC texts it includes. The test suite's bundled library (conftest.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (SOURCES / "manifest.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^include\s*=.*$", "", text)
    for table in tomllib.loads(text)["document"]:
        shutil.copy2(SOURCES / table["source"], folder / table["source"])
    (folder / "manifest.toml").write_text(text, encoding="utf-8")
    return folder

__all__ = [
    "HOSTILE", "ROOT", "SOURCES", "measure_import", "resolution_pdf", "sample_resolution",
    "scanned_pdf", "word_document", "word_package", "word_part", "write_docx", "write_hostile",
    "write_pdf", "write_seed_sources",
]
