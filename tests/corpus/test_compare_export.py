"""Exporting a comparison: the HTML page and the Word table a delegation circulates."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from docx.enum.section import WD_ORIENT

from corpus.compare import Status, compare_documents
from corpus.compare.export import export_docx, export_html, file_name, table_rows
from corpus.compare.worddiff import side_runs, styled_runs, word_diff
from corpus.model import Block, BlockKind, Span

DRAFT, ADOPTED = "S/2017/1051", "S/RES/2396 (2017)"


@pytest.fixture(scope="module")
def comparison(library):
    return compare_documents(library.get(DRAFT), library.get(ADOPTED))


@pytest.fixture(scope="module")
def html_text(comparison, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "comparison.html"
    export_html(comparison, path)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def word(comparison, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "comparison.docx"
    export_docx(comparison, path)
    return docx.Document(str(path))


# --- The shared table ------------------------------------------------------------------------

def test_runs_mark_each_side_and_leave_leading_spaces_unmarked():
    ops = word_diff("other principle gaps", "other principal gaps")
    assert side_runs(ops, "left") == [("other ", None), ("principle", "delete"),
                                      (" gaps", None)]
    assert side_runs(ops, "right") == [("other ", None), ("principal", "insert"),
                                       (" gaps", None)]
    minor = word_diff("foreign terrorist travellers", "foreign terrorist travelers")
    assert ("travellers", "minor-delete") in side_runs(minor, "left")
    assert ("travelers", "minor-insert") in side_runs(minor, "right")


def test_a_side_keeps_its_italics_where_its_marks_cut_across_them():
    """The opening verb is italic in the document (its emphasis, or its verb where a PDF
    text has no italics): the redline keeps it so, marked or not."""
    ops = word_diff("Decides that States shall", "Also decides that all States shall")
    block = Block("op1", BlockKind.OPERATIVE, "Also decides that all States shall",
                  verb="Also decides")
    assert styled_runs(ops, "right", block) == [
        ("Also decides", "insert", True), (" that ", None, False), ("all", "insert", False),
        (" States shall", None, False)]
    draft = Block("op1", BlockKind.OPERATIVE, "Decides that States shall", verb="Decides")
    assert styled_runs(ops, "left", draft)[:2] == [("Decides", "delete", True),
                                                   (" that States shall", None, False)]
    recalling = Block("pp1", BlockKind.PREAMBULAR, "Recalling its resolutions",
                      emphasis=(Span(0, 9),))
    assert styled_runs([], "left", recalling) == [("Recalling", None, True),
                                                  (" its resolutions", None, False)]


def test_each_side_of_a_row_puts_its_own_text_back_together(comparison):
    left = {b.id: b for b in comparison.left.blocks}
    right = {b.id: b for b in comparison.right.blocks}
    for row in table_rows(comparison):
        assert "".join(text for text, _, _ in row.left.runs) == left[row.row.left].text
        assert "".join(text for text, _, _ in row.right.runs) == right[row.row.right].text
        assert row.left.citation.startswith(DRAFT + ", ")
        assert row.right.citation.startswith(ADOPTED + ", ")


def test_a_removed_paragraph_faces_a_gap_and_a_moved_one_says_where_it_went(library):
    draft = library.get(DRAFT)
    ops = [b for b in draft.blocks if b.kind == BlockKind.OPERATIVE]
    moved = [*(b for b in draft.blocks if b is not ops[1]), ops[1]]  # OP 2 to the end
    removed = [b for b in draft.blocks if b is not ops[4]]  # OP 5 dropped
    by_status = {}
    for row in table_rows(compare_documents(draft, dataclasses.replace(draft, blocks=moved))):
        by_status.setdefault(row.row.status, []).append(row)
    to, from_ = sorted(by_status[Status.MOVED], key=lambda r: r.row.left is None)
    assert to.left.label == "moved to OP 2" and to.right.is_gap
    assert from_.right.label == "moved from OP 2" and from_.left.is_gap
    gone = next(r for r in table_rows(compare_documents(
        draft, dataclasses.replace(draft, blocks=removed))) if r.row.status == Status.REMOVED)
    assert gone.right.is_gap and gone.left.citation == f"{DRAFT}, para. 5"


# --- HTML ------------------------------------------------------------------------------------

def test_the_page_names_both_documents_and_cites_each_paragraph(html_text):
    assert "<h1>Comparison of S/2017/1051 and S/RES/2396 (2017)</h1>" in html_text
    assert '<meta charset="utf-8">' in html_text
    assert "S/RES/2396 (2017), para. 44" in html_text
    assert "S/2017/1051, para. 44" in html_text
    assert "85 identical, 7 changed (6 minor)" in html_text
    assert "curly and straight quotes" in html_text


def test_the_page_marks_the_changes_of_op44(html_text):
    assert "<del>principle</del>" in html_text
    assert "<ins>principal</ins>" in html_text
    assert "<ins>Committee</ins>" in html_text
    assert '<del class="minor">travellers</del>' in html_text
    assert '<ins class="minor">travelers</ins>' in html_text


def test_changed_rows_keep_the_opening_verb_in_italics_on_both_sides(html_text, comparison):
    op44 = next(row for row in table_rows(comparison) if row.row.right == "op44")
    assert op44.row.ops and op44.left.runs[0] == ("Requests", None, True)
    assert op44.right.runs[0] == ("Requests", None, True)
    row = next(line for line in html_text.splitlines() if "para. 44</span>" in line)
    assert row.count("</span><i>Requests</i> ") == 2  # both sides, right after the citation
    assert "<i>Calls upon</i>" in next(line for line in html_text.splitlines()
                                       if "para. 3</span>" in line)  # a minor change


def test_the_page_is_self_contained(html_text):
    assert "<script" not in html_text.lower()
    assert "http://" not in html_text and "https://" not in html_text
    assert "<img" not in html_text and "<link" not in html_text
    assert "@media print" in html_text and "prefers-color-scheme: dark" in html_text


def test_document_text_is_escaped(library, tmp_path):
    draft = library.get(DRAFT)
    target = next(b for b in draft.blocks if b.kind == BlockKind.OPERATIVE)
    tampered = dataclasses.replace(target, text="<b>x</b> & y " + target.text)
    right = dataclasses.replace(
        draft, symbol="S/2017/1051<i>", blocks=[tampered if b is target else b
                                                for b in draft.blocks])
    path = tmp_path / "escaped.html"
    export_html(compare_documents(draft, right), path)
    text = path.read_text(encoding="utf-8")
    assert "&lt;b&gt;" in text and "&amp; y" in text and "1051&lt;i&gt;" in text
    assert "<b>x" not in text and "1051<i>" not in text


def test_an_export_replaces_the_previous_file_and_leaves_no_temporary(comparison, tmp_path):
    path = tmp_path / "comparison.html"
    path.write_text("old", encoding="utf-8")
    export_html(comparison, path)
    export_docx(comparison, tmp_path / "comparison.docx")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["comparison.docx", "comparison.html"]


# --- Word ------------------------------------------------------------------------------------

def test_the_word_file_opens_with_a_heading_on_a_landscape_page(word):
    assert word.paragraphs[0].style.name == "Heading 1"
    assert word.paragraphs[0].text == "Comparison of S/2017/1051 and S/RES/2396 (2017)"
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height


def test_the_word_table_has_a_header_and_one_row_per_comparison_row(word, comparison):
    (table,) = word.tables
    assert table.style.name == "Table Grid"
    assert len(table.rows) == len(comparison.rows) + 1
    assert [c.text for c in table.rows[0].cells] == [DRAFT, "", ADOPTED]
    widths = [c.width for c in table.rows[1].cells]
    assert widths[0] == widths[2] and 4 * widths[1] < widths[0] < 5 * widths[1]


def test_the_word_table_marks_the_changes_of_op44(word, comparison):
    (table,) = word.tables
    index = next(i for i, r in enumerate(comparison.rows) if r.right == "op44") + 1
    left, status, right = table.rows[index].cells
    assert "principal" in right.text and status.text == "changed"
    assert right.paragraphs[0].text == f"{ADOPTED}, para. 44"
    assert right.paragraphs[0].runs[0].italic
    left_runs = [r for p in left.paragraphs for r in p.runs]
    right_runs = [r for p in right.paragraphs for r in p.runs]
    assert next(r for r in left_runs if "principle" in r.text).font.strike is True
    assert any(r.font.underline for r in right_runs if "Committee" in r.text)
    assert [r.text for r in right_runs if r.font.underline] == ["Committee", "principal"]
    assert not next(r for r in right_runs if "Requests" in r.text).font.underline
    for runs in (left_runs, right_runs):  # the verb in italics, the words after it not
        verb = next(r for r in runs if r.text == "Requests")
        assert verb.italic and not runs[runs.index(verb) + 1].italic


# --- The file's name -------------------------------------------------------------------------

def test_the_file_is_named_by_its_two_symbols_in_words_every_system_accepts(comparison):
    assert file_name(comparison) == "S-2017-1051 vs S-RES-2396 (2017).html"
    assert file_name(comparison, ".docx") == "S-2017-1051 vs S-RES-2396 (2017).docx"
    odd = dataclasses.replace(comparison, left=dataclasses.replace(
        comparison.left, symbol='A/C.3/72:L.1*?"<>|\\x'))
    name = file_name(odd)
    assert name == "A-C.3-72-L.1-------x vs S-RES-2396 (2017).html"
    assert not set(name) & set('/\\:*?"<>|')


def test_a_control_character_in_the_text_does_not_break_the_word_file(library, tmp_path):
    draft = library.get(DRAFT)
    target = next(b for b in draft.blocks if b.kind == BlockKind.OPERATIVE)
    damaged = dataclasses.replace(target, text=target.text + "\x0c")
    right = dataclasses.replace(draft, blocks=[damaged if b is target else b
                                               for b in draft.blocks])
    export_docx(compare_documents(draft, right), tmp_path / "damaged.docx")
    assert docx.Document(str(tmp_path / "damaged.docx")).tables
