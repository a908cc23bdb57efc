"""Importing the files a diplomat downloads, end to end: a Word file or a PDF made from a bundled
document goes through ``main.py import`` into the library and reads back as that document,
paragraph for paragraph; importing a resolution the library cites turns those citations into
links.

Only the pairs that the extraction tests show read back exactly are here: every bundled
document as a Word file; as a PDF, S/RES/2322 (2016) and S/2017/1051 (the other PDFs merge
their title lines into one, which the extraction tests cover).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import main
from corpus.library import load_library
from corpus.model import Document
from corpus.userlib import UserLibrary
from support import write_docx, write_pdf

NEW = "S/RES/2178 (2014)"  # cited by the bundled documents, not one of them


@dataclass(frozen=True)
class Case:
    """A bundled document written as a file, imported under ``symbol``.

    ``lines`` rewrites title lines, which is how a file states another symbol, date and
    meeting (so it imports as a new document); ``stated`` is what the text does not say (a
    text without its first page), given as the CLI's options. A case that keeps the bundled
    symbol replaces the bundled document.
    """

    source: str
    form: str  # "docx" or "pdf"
    symbol: str
    date: str
    meeting: str | None
    lines: dict[str, str] = field(default_factory=dict)
    stated: bool = False

    @property
    def id(self) -> str:
        return f"{self.form}-{self.source}-as-{self.symbol}"


AS_2178 = {
    "Resolution 2396 (2017)": "Resolution 2178 (2014)",
    "Adopted by the Security Council at its 8148th meeting, on 21 December 2017":
        "Adopted by the Security Council at its 7272nd meeting, on 24 September 2014",
}
AS_2129 = {
    "Resolution 2395 (2017)": "Resolution 2129 (2013)",
    "Adopted by the Security Council at its 8146th meeting, on 21 December 2017":
        "Adopted by the Security Council at its 7086th meeting, on 17 December 2013",
}

CASES = [
    Case("S/RES/2396 (2017)", "docx", NEW, "2014-09-24", "7272nd meeting", AS_2178),
    Case("S/RES/2395 (2017)", "docx", "S/RES/2129 (2013)", "2013-12-17", "7086th meeting",
         AS_2129),
    Case("A/RES/72/284", "docx", "A/RES/72/284", "2018-06-26", "101st plenary meeting"),
    Case("S/RES/2322 (2016)", "docx", "S/RES/2322 (2016)", "2016-12-12", "7831st meeting",
         stated=True),
    Case("S/2017/1051", "docx", "S/2017/1051", "2017-12-21", None, stated=True),
    Case("S/RES/2322 (2016)", "pdf", "S/RES/2322 (2016)", "2016-12-12", "7831st meeting",
         stated=True),
    Case("S/2017/1051", "pdf", "S/2017/1051", "2017-12-21", None, stated=True),
]


@pytest.fixture
def data_dir(warm_data_dir: Path) -> Path:
    """A reader's data directory after the first start, the bundled library parsed and indexed
    (a copy of the session's): each import then indexes only itself, as it does for a reader."""
    return warm_data_dir


def made_from(library, case: Case) -> Document:
    """The bundled document, its title lines rewritten as the case says."""
    doc = copy.deepcopy(library.get(case.source))
    for block in doc.blocks:
        block.text = case.lines.get(block.text, block.text)
    assert len(case.lines) == sum(b.text in case.lines.values() for b in doc.blocks)
    return doc


def options(case: Case, doc: Document) -> list[str]:
    """The CLI options: what the text does not say, and --replace for a bundled symbol."""
    stated = []
    if case.stated:
        stated = ["--symbol", case.symbol, "--date", case.date, "--kind", doc.kind.value]
        stated += ["--meeting", case.meeting] if case.meeting else []
    return stated + (["--replace"] if case.symbol == case.source else [])


def paragraphs(doc: Document) -> list[tuple[str, str, str]]:
    return [(b.id, b.kind.value, b.text) for b in doc.blocks]


def import_file(data_dir: Path, path: Path, *options: str) -> None:
    status = main.main(["--data-dir", str(data_dir), "import", str(path), *options])
    assert status == 0


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_an_imported_file_reads_as_the_document_it_was_made_from(
        request, library, data_dir, tmp_path, case):
    doc = made_from(library, case)
    path = tmp_path / f"download.{case.form}"
    if case.form == "pdf":
        request.getfixturevalue("qapp")  # Qt sets the PDF's text
        write_pdf(doc, path)
    else:
        write_docx(doc, path)
    import_file(data_dir, path, *options(case, doc))
    assert [entry.symbol for entry in UserLibrary(data_dir).entries()] == [case.symbol]
    imported = load_library(data_dir).get(case.symbol)  # the import, bundled or not
    assert imported.format == ("markdown" if case.form == "docx" else "pdf-text")
    assert (imported.date, imported.meeting, imported.kind, imported.body) == (
        case.date, case.meeting, doc.kind, doc.body)
    assert paragraphs(imported) == paragraphs(doc)
    if case.form == "docx":  # a Word file keeps italics and footnote marks; a PDF gives none
        assert [b.emphasis for b in imported.blocks] == [b.emphasis for b in doc.blocks]
        assert [b.notes for b in imported.blocks] == [b.notes for b in doc.blocks]
    assert imported.sponsors == doc.sponsors


def test_importing_a_cited_resolution_links_its_citations(library, data_dir, tmp_path):
    """The bundled documents cite S/RES/2178 (2014) without having it: once a Word file of it
    is imported, every one of those citations is a link."""
    before = load_library(data_dir).cited_by(NEW)
    assert before and not any(citing.ref.in_library for citing in before)
    path = tmp_path / "S_RES_2178_2014.docx"
    write_docx(made_from(library, CASES[0]), path)
    import_file(data_dir, path)
    after = load_library(data_dir).cited_by(NEW)
    assert len(after) >= len(before)
    assert all(citing.ref.in_library for citing in after)
