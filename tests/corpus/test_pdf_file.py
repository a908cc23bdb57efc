"""Importing official PDFs: PDFs laid out as the UN publishes them (tools/pdf_fixtures.py, built
in pure Python) come out as clean paragraphs and footnotes; scans and locked files are refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.errors import SourceError
from corpus.importing.extract import extract
from corpus.manifest import SourceEntry
from corpus.model import BlockKind, Document, DocumentKind
from corpus.parsing import parse_source
from support import resolution_pdf, sample_resolution, scanned_pdf

FURNITURE = re.compile(r"A/RES/80/4|25-17552|\*2517552\*|\b\d+/3\b|Distr\.|_{3,}|Agenda item|"
                       r"Necessity of ending the economic, commercial and financial embargo "
                       r"imposed by the United States of America against Cuba")


@pytest.fixture(scope="module")
def official(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "A_RES_80_4.pdf"
    path.write_bytes(resolution_pdf(sample_resolution(3)))
    return path


def _parse(path: Path) -> Document:
    extracted = extract(path)
    entry = SourceEntry(symbol="A/RES/80/4", body="General Assembly", date="2025-10-29",
                        title="", kind=DocumentKind.RESOLUTION, path=path,
                        format=extracted.format)
    return parse_source(entry, extracted.data, frozenset())


def test_the_text_layer_reads_line_by_line(official):
    lines = extract(official).text.splitlines()
    # two columns on one baseline make one line, as the metadata detection reads them
    assert lines[:3] == ["United Nations A/RES/80/4", "General Assembly Distr.: General",
                         "31 October 2025"]
    # a raised footnote marker is glued to its word
    assert "the Charter of the United Nations,1" in lines
    assert "resolution 79/7;3" in lines
    # a footnote: its raised number, then its text
    assert "1 See resolution 169 (II)." in lines
    assert lines.index("__________________") < lines.index("1 See resolution 169 (II).")
    # a justified line set glyph by glyph is not spaced out
    assert not re.search(r"\b(?:\w ){4,}", extract(official).text)


def test_an_official_pdf_reads_into_clean_paragraphs(official):
    doc = _parse(official)
    prose = [b for b in doc.blocks if b.kind not in (BlockKind.TITLE, BlockKind.FOOTNOTE)]
    assert [b.id for b in prose if FURNITURE.search(b.text)] == []
    recalling = next(b for b in prose if b.text.startswith("Recalling its resolutions"))
    # the list of citations that a page break cut keeps its end
    assert recalling.text.endswith("61/11 of 8 November 2006,")
    assert [(b.number, b.text) for b in doc.blocks_of(BlockKind.FOOTNOTE)] == [
        ("1", "See resolution 169 (II)."),
        ("2", "Official Records of the General Assembly, Eightieth Session, Supplement No. 11 "
              "(A/80/11), chap. V, on the application of the measures referred to above."),
        ("3", "A/80/83."),
    ]
    operative = doc.blocks_of(BlockKind.OPERATIVE)
    assert len(operative) == sum(1 for p in sample_resolution(3).paragraphs if p.number)
    assert all(b.text.endswith((";", ".")) for b in operative)
    assert all("space-based information platform and to share experience" in b.text
               for b in operative[4:-1])


def test_a_scanned_pdf_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf(3))
    with pytest.raises(SourceError, match="the PDF has no text layer .* run OCR"):
        extract(path)


def test_an_encrypted_official_pdf_is_refused(tmp_path, official):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(official))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(SourceError, match="the PDF is encrypted"):
        extract(path)


def test_a_truncated_pdf(tmp_path, official):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(official.read_bytes()[:600])
    with pytest.raises(SourceError, match="the PDF (is damaged|has no text layer)"):
        extract(path)
