"""A print job on paper: the PDF's text read back (PDFium), its pages counted and measured,
and its page 1 looked at pixel by pixel where a highlight must be."""

from __future__ import annotations

import pytest
from pdf_pages import has_colour, page_size, pdf_text, words
from PySide6.QtCore import QLocale, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize

from annotations.model import bookmark, highlight
from reader.printing.pages import (
    PrintCancelled,
    anchor_positions,
    layout_document,
    page_layout,
    write_pdf,
)
from reader.printing.print_job import (
    PRINT_CSS,
    comparison_job,
    document_job,
    pdf_name,
    placed_notes,
)

ADOPTED, DRAFT = "S/RES/2396 (2017)", "S/2017/1051"


@pytest.fixture
def adopted(library):
    return library.get(ADOPTED)


def test_a_document_prints_its_paragraphs_page_numbers_and_symbol(qapp, adopted, tmp_path):
    written = write_pdf(document_job(adopted), tmp_path / "out.pdf")

    pages = pdf_text(written.path)
    assert written.pages == len(pages) > 5
    whole = " ".join(pages)
    for block_id in ("pp1", "op1", "op12", "op51"):
        assert words(adopted.block(block_id).text)[:60] in whole, block_id
    assert pages[0].startswith("Security Council S/RES/2396 (2017)")
    assert "Page 1 of" in pages[0] and f"Page {written.pages} of {written.pages}" in pages[-1]
    assert pages[1].startswith(ADOPTED)  # the running header, from page 2 on
    width, height = page_size(written.path)
    assert height > width  # portrait
    assert not (tmp_path / "out.pdf.part").exists()


def test_annotations_are_drawn_and_their_notes_printed_under_their_paragraph(
        qapp, adopted, tmp_path):
    pp2, op12 = adopted.block("pp2"), adopted.block("op12")
    start = pp2.text.index("terrorism in all forms")
    annotations = [
        highlight(adopted, pp2, start, start + len("terrorism in all forms"),
                  note="Compare with **2178**.", tags=("ftf",)),
        highlight(adopted, pp2, 0, len("Reaffirming"), color="green"),
        bookmark(adopted, op12, note="Binding: check the draft's wording."),
        bookmark(adopted, adopted.block("op13")),  # nothing to print
    ]
    notes = placed_notes([("", adopted)], lambda symbol: annotations)
    assert [n.anchor for n in notes] == ["pp2", "pp2", "op12"]

    written = write_pdf(document_job(adopted, notes), tmp_path / "annotated.pdf")
    whole = " ".join(pdf_text(written.path))
    assert "[1] “terrorism in all forms” (#ftf): Compare with 2178." in whole
    assert "[2] para. 12: Binding: check the draft's wording." in whole
    # the note follows its paragraph, before the next one
    assert whole.index("Compare with 2178") < whole.index(words(adopted.block("pp3").text)[:40])
    assert has_colour(written.path, (0xFF, 0xE6, 0x80))  # yellow
    assert has_colour(written.path, (0xBF, 0xE8, 0xA8))  # green

    plain = write_pdf(document_job(adopted), tmp_path / "plain.pdf")
    assert "Compare with 2178" not in " ".join(pdf_text(plain.path))
    assert not has_colour(plain.path, (0xFF, 0xE6, 0x80))


def test_notes_are_numbered_in_reading_order_and_a_paragraph_not_shown_is_left_out(
        qapp, adopted):
    op3, pp1 = adopted.block("op3"), adopted.block("pp1")
    annotations = [highlight(adopted, op3, 0, 5, note="third"),
                   highlight(adopted, pp1, 0, 5, note="first"),
                   bookmark(adopted, pp1, note="second")]
    notes = placed_notes([("", adopted)], lambda symbol: annotations)
    moved = notes[0].__class__(**{**notes[0].__dict__, "anchor": "op999"})
    document = layout_document(document_job(adopted, [*notes, moved]), QSizeF(600, 800))
    text = document.toPlainText()
    first, second, third = (text.index(f"[{n}] ") for n in (1, 2, 3))
    assert first < second < third
    assert "first" in text[first:second] and "second" in text[second:third]
    assert "third" in text[third:] and "[4]" not in text


def test_a_comparison_prints_on_landscape_pages_with_both_symbols(qapp, library, tmp_path):
    from corpus.compare import compare_documents
    from reader.compare.compare_render import render_comparison

    draft, adopted = library.get(DRAFT), library.get(ADOPTED)
    comparison = compare_documents(draft, adopted)
    job = comparison_job(draft, adopted, render_comparison(comparison, dark=False))
    written = write_pdf(job, tmp_path / "comparison.pdf")

    width, height = page_size(written.path)
    assert width > height
    pages = pdf_text(written.path)
    assert all(page.startswith(f"{DRAFT} compared with {ADOPTED}") for page in pages)
    # the row of symbols repeats at the top of every page
    assert all(DRAFT in page[40:] and ADOPTED in page[40:] for page in pages)
    assert words(adopted.block("op12").text)[:50] in " ".join(pages)


def test_the_print_stylesheet_comes_after_the_screen_s(adopted):
    html = document_job(adopted).html
    assert html.index("a.ref { color: #1f5fa8") < html.index(PRINT_CSS)


def test_cancelling_leaves_no_file(qapp, adopted, tmp_path):
    target = tmp_path / "never.pdf"
    with pytest.raises(PrintCancelled):
        write_pdf(document_job(adopted), target, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_pdf_is_replaced_only_when_the_new_one_is_complete(qapp, adopted, tmp_path):
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"%PDF-old")
    with pytest.raises(PrintCancelled):
        write_pdf(document_job(adopted), target, cancelled=lambda: True)
    assert target.read_bytes() == b"%PDF-old"
    write_pdf(document_job(adopted), target)
    assert target.read_bytes() != b"%PDF-old"


def test_paper_size_follows_the_locale(adopted):
    us = page_layout(document_job(adopted), QLocale("en_US"))
    france = page_layout(document_job(adopted), QLocale("fr_FR"))
    assert us.pageSize().id() == QPageSize.PageSizeId.Letter
    assert france.pageSize().id() == QPageSize.PageSizeId.A4
    assert france.orientation() == QPageLayout.Orientation.Portrait


def test_every_paragraph_has_its_anchor_on_the_printed_page(qapp, adopted):
    document = layout_document(document_job(adopted), QSizeF(600, 800))
    anchors = anchor_positions(document)
    assert {"pp1", "op1", "op51", "h1"} <= set(anchors)


@pytest.mark.parametrize(("symbols", "name"), [
    ((ADOPTED,), "S-RES-2396 (2017).pdf"),
    ((DRAFT, ADOPTED), "S-2017-1051 vs S-RES-2396 (2017).pdf"),
    (("A/RES/72/284",), "A-RES-72-284.pdf"),
])
def test_pdf_names(symbols, name):
    assert pdf_name(*symbols) == name
