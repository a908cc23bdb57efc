"""What the tests share besides fixtures, imported as ``support`` (pyproject.toml puts tests/
on the path): the checkout's paths and the makers of test files in tools/ (which the
benchmarks use too). Tests import these from here, never from ``tests.conftest`` or
``tools`` directly, so there is one door to change when either moves."""

from __future__ import annotations

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

__all__ = [
    "HOSTILE", "ROOT", "SOURCES", "measure_import", "resolution_pdf", "sample_resolution",
    "scanned_pdf", "word_document", "word_package", "word_part", "write_docx", "write_hostile",
    "write_pdf",
]
