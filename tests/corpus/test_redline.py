"""The redline: one text with its changes marked, on screen, as a page and as a Word document
whose changes are real tracked changes (Accept All gives the later text, Reject All the
original)."""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
import subprocess
from datetime import UTC, datetime
from itertools import permutations

import docx
import pytest
from lxml import etree

from corpus.compare import Status, compare_documents, compared_blocks
from corpus.compare.redline import (
    RunKind,
    build_redline,
    export_redline,
    number_label,
    redline_html,
    redline_text,
)
from corpus.compare.redline_docx import AUTHOR, export_redline_docx
from corpus.compare.tokens import fold_typography
from corpus.model import BlockKind, Document

DRAFT, ADOPTED = "S/2017/1051", "S/RES/2396 (2017)"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2017, 12, 22, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def redline(library):
    return build_redline(compare_documents(library.get(DRAFT), library.get(ADOPTED)))


@pytest.fixture(scope="module")
def word_body(redline, tmp_path_factory):
    """The body of the tracked-changes file, as read back from disk."""
    path = tmp_path_factory.mktemp("redline") / "redline.docx"
    export_redline_docx(redline, path, when=WHEN)
    return docx.Document(str(path)).element.body


def paragraphs_of(doc: Document) -> list[str]:
    """A document's compared paragraphs as the redline writes them: number, tab, text."""
    return [f"{number_label(b)}\t{b.text}" if number_label(b) else b.text
            for b in compared_blocks(doc)]


def folded(texts: list[str]) -> list[str]:
    """Typography the comparison ignores (quotes, spacing) folded away."""
    return [fold_typography(text) for text in texts]


def renumbered(doc: Document, blocks: list) -> Document:
    """``doc`` with ``blocks``, operative paragraphs numbered afresh as a new text would be."""
    out, n = [], 0
    for block in blocks:
        if block.kind == BlockKind.OPERATIVE and not block.parent:
            n += 1
            block = dataclasses.replace(block, id=f"op{n}", number=str(n))
        out.append(block)
    return dataclasses.replace(doc, symbol=doc.symbol + "/Rev.1", blocks=out)


def reworked(draft: Document) -> Document:
    """The draft with OP 2 moved after OP 8 (becoming OP 8), OP 5 dropped, a paragraph added
    before OP 7 (as OP 5), and OP 3 reworded (as OP 2)."""
    ops = [b for b in draft.blocks if b.kind == BlockKind.OPERATIVE]
    blocks = [b for b in draft.blocks if b is not ops[1] and b is not ops[4]]
    blocks.insert(blocks.index(ops[7]) + 1, ops[1])
    blocks.insert(blocks.index(ops[6]), dataclasses.replace(
        ops[3], id="new", text="Decides to remain actively seized of the matter;"))
    blocks[blocks.index(ops[2])] = dataclasses.replace(
        ops[2], text=ops[2].text.replace("in a timely manner, ", "promptly, "))
    return renumbered(draft, blocks)


# --- Word's Accept All / Reject All, done on the XML -----------------------------------------

def resolve(body, accept: bool) -> list[str]:
    """The paragraphs' texts after Accept All (``accept``) or Reject All: what is kept is
    unwrapped, what is refused removed, and a paragraph whose mark is refused joins the next
    (so a paragraph added, then rejected, leaves nothing behind)."""
    body = copy.deepcopy(body)
    refused, kept = (("del", "moveFrom"), ("ins", "moveTo")) if accept else (
        ("ins", "moveTo"), ("del", "moveFrom"))

    def on_mark(element) -> bool:  # the paragraph mark's revision, in w:pPr/w:rPr
        return element.getparent().tag == W + "rPr"

    for tag in refused:
        for element in list(body.iter(W + tag)):
            if not on_mark(element) and element.getparent() is not None:
                element.getparent().remove(element)
    for tag in kept:
        for element in list(body.iter(W + tag)):
            if not on_mark(element):
                parent, at = element.getparent(), element.getparent().index(element)
                for child in reversed(list(element)):
                    parent.insert(at, child)
                parent.remove(element)
    for element in list(body.iter(W + "delText")):
        element.tag = W + "t"
    texts, carried = [], ""
    for p in body.iter(W + "p"):
        text = carried + _text(p)
        if any(mark.tag in {W + tag for tag in refused}
               for mark in p.findall(f"{W}pPr/{W}rPr/*")):
            carried = text
            continue
        carried = ""
        texts.append(text)
    return texts


def _text(element) -> str:
    return "".join("\t" if e.tag == W + "tab" else e.text or ""
                   for e in element.iter(W + "t", W + "delText", W + "tab"))


HEADING_PARAGRAPHS = 4  # title, original, revised, summary


# --- The content model -----------------------------------------------------------------------

def test_one_paragraph_per_row_in_the_later_texts_order(redline, library):
    comparison = compare_documents(library.get(DRAFT), library.get(ADOPTED))
    assert [p.row for p in redline.paragraphs] == list(range(len(comparison.rows)))
    assert redline.title == f"Changes from {DRAFT} to {ADOPTED}"
    assert redline.accepted() == paragraphs_of(library.get(ADOPTED))
    assert folded(redline.rejected()) == folded(paragraphs_of(library.get(DRAFT)))


def test_op44_deletes_principle_and_inserts_principal_and_committee(redline):
    op44 = next(p for p in redline.paragraphs if p.right == "op44")
    assert op44.label == "changed" and op44.status == Status.CHANGED
    marked = [(r.text, r.kind) for r in op44.runs if r.kind != RunKind.EQUAL]
    assert marked == [(" Committee", RunKind.INSERTED), ("principle", RunKind.DELETED),
                      ("principal", RunKind.INSERTED)]
    assert op44.runs[0].text == "Requests" and op44.runs[0].italic  # the opening verb
    assert [(r.text, r.kind) for r in op44.number] == [("44.", RunKind.EQUAL)]
    assert op44.text().startswith("44.\tRequests the Counter-Terrorism Committee")


def test_spelling_and_punctuation_are_minor_and_unchanged_paragraphs_plain(redline):
    op3 = next(p for p in redline.paragraphs if p.right == "op3")
    assert op3.label == "minor change"
    assert [(r.text, r.kind, r.minor) for r in op3.runs if r.kind != RunKind.EQUAL] == [
        ("travellers", RunKind.DELETED, True), ("travelers", RunKind.INSERTED, True)]
    op12 = next(p for p in redline.paragraphs if p.right == "op12")
    assert not op12.is_change and op12.label == ""
    assert {r.kind for r in op12.runs} == {RunKind.EQUAL}


def test_a_moved_paragraph_is_marked_where_it_was_and_where_it_went(library):
    draft = library.get(DRAFT)
    redline = build_redline(compare_documents(draft, reworked(draft)))
    away = next(p for p in redline.paragraphs if p.move and p.move.direction == "to")
    there = next(p for p in redline.paragraphs if p.move and p.move.direction == "from")
    assert (away.left, away.label) == ("op2", "moved to OP 8")
    assert (there.right, there.label) == ("op8", "moved from OP 2")
    assert away.move.name == there.move.name
    assert away.whole == RunKind.DELETED and there.whole == RunKind.INSERTED
    assert {r.kind for r in away.runs} == {RunKind.DELETED}
    # renumbered on the way: the old number struck, the new one inserted, both minor
    assert [(r.text, r.kind, r.minor) for r in there.number] == [
        ("2.", RunKind.DELETED, True), ("8.", RunKind.INSERTED, True)]
    assert redline.paragraphs.index(away) < redline.paragraphs.index(there)


def test_added_and_removed_paragraphs_are_marked_whole(library):
    draft = library.get(DRAFT)
    redline = build_redline(compare_documents(draft, reworked(draft)))
    by_label = {p.label: p for p in redline.paragraphs if p.label in ("added", "removed")}
    assert by_label["removed"].left == "op5" and by_label["removed"].right is None
    assert {r.kind for r in by_label["removed"].runs} == {RunKind.DELETED}
    assert by_label["added"].text(RunKind.INSERTED) == (
        "5.\tDecides to remain actively seized of the matter;")
    assert {r.kind for r in by_label["added"].runs} == {RunKind.INSERTED}
    reworded = next(p for p in redline.paragraphs if p.right == "op2")
    assert [(r.text, r.kind) for r in reworded.runs if r.kind != RunKind.EQUAL] == [
        ("in a timely manner", RunKind.DELETED), ("promptly", RunKind.INSERTED)]


def test_a_paragraph_cut_in_two_is_its_first_piece_changed_and_the_second_added(library):
    draft = library.get(DRAFT)
    op3 = draft.block("op3")
    cut = op3.text.index(", and further calls upon")
    first = dataclasses.replace(op3, text=op3.text[:cut] + ";")
    second = dataclasses.replace(op3, id="op3x",
                                 text="Further c" + op3.text[cut + len(", and further c"):])
    blocks = [piece for b in draft.blocks for piece in ((first, second) if b is op3 else (b,))]
    revised = dataclasses.replace(draft, blocks=blocks)
    redline = build_redline(compare_documents(draft, revised))
    piece = next(p for p in redline.paragraphs if p.right == "op3x")
    assert piece.label == "split from OP 3" and piece.whole == RunKind.INSERTED
    assert redline.accepted() == paragraphs_of(revised)
    assert folded(redline.rejected()) == folded(paragraphs_of(draft))


@pytest.mark.parametrize("pair", list(permutations(
    [DRAFT, ADOPTED, "S/RES/2395 (2017)", "S/RES/2322 (2016)", "A/RES/72/284"], 2)))
def test_accepting_gives_the_later_text_and_rejecting_the_original_for_any_pair(library,
                                                                                pair):
    """Five texts, every ordered pair: moves, removals and additions by the dozen."""
    original, later = (library.get(symbol) for symbol in pair)
    redline = build_redline(compare_documents(original, later))
    assert redline.accepted() == paragraphs_of(later)
    assert folded(redline.rejected()) == folded(paragraphs_of(original))


def test_the_terminal_shows_wdiff_marks_and_the_margin_note(redline):
    text = redline_text(redline, changes_only=True)
    assert "[OP 44: changed] 44. " in text
    assert "[-principle-]{+principal+}" in text
    assert "OP 12" not in text  # unchanged: left out with changes_only
    assert text.splitlines()[0] == f"Changes from {DRAFT} to {ADOPTED}"


# --- The web page ----------------------------------------------------------------------------

def test_the_page_marks_changes_with_ins_and_del_and_escapes_the_text(library):
    draft = library.get(DRAFT)
    op3 = draft.block("op3")
    tampered = dataclasses.replace(op3, text="<b>x</b> & " + op3.text)
    revised = dataclasses.replace(draft, symbol="S/2017/1051<i>",
                                  blocks=[tampered if b is op3 else b for b in draft.blocks])
    page = redline_html(build_redline(compare_documents(draft, revised)))
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x" not in page
    assert "1051&lt;i&gt;" in page and "1051<i>" not in page
    assert "<ins>&lt;b&gt;x&lt;/b&gt; &amp;</ins>" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


def test_the_page_of_the_draft_and_its_resolution(redline, tmp_path, library):
    path = export_redline(compare_documents(library.get(DRAFT), library.get(ADOPTED)),
                          tmp_path / "redline")
    assert path.suffix == ".html"
    page = path.read_text(encoding="utf-8")
    assert f"<h1>Changes from {DRAFT} to {ADOPTED}</h1>" in page
    assert "<del>principle</del><ins>principal</ins>" in page
    assert "<i>Requests</i>" in page


# --- The Word file with tracked changes ------------------------------------------------------

def test_the_word_file_has_real_insertions_and_deletions(word_body):
    inserted = [_text(e) for e in word_body.iter(W + "ins") if e.getparent().tag != W + "rPr"]
    deleted = [_text(e) for e in word_body.iter(W + "del") if e.getparent().tag != W + "rPr"]
    assert "principal" in inserted and " Committee" in inserted
    assert "principle" in deleted and "travellers" in deleted and "GASeP" in deleted
    assert deleted.count(",") == 4  # the four commas PP 1 lost
    # deleted text is w:delText, never w:t
    for element in word_body.iter(W + "del"):
        assert not list(element.iter(W + "t"))
    assert [e.text for e in word_body.iter(W + "delText")].count("principle") == 1
    for tag in ("ins", "del"):
        for element in word_body.iter(W + tag):
            assert element.get(W + "author") == AUTHOR == "Plenary"
            assert element.get(W + "date") == "2017-12-22T09:30:00Z"
    ids = [e.get(W + "id") for tag in ("ins", "del", "moveFrom", "moveTo")
           for e in word_body.iter(W + tag)]
    assert len(ids) == len(set(ids))


def test_the_word_file_keeps_the_opening_verbs_in_italics(word_body):
    op44 = next(p for p in word_body.iter(W + "p") if _text(p).startswith("44.\tRequests"))
    runs = [r for r in op44.iter(W + "r")]
    requests = next(r for r in runs if _text(r) == "Requests")
    assert requests.find(f"{W}rPr/{W}i") is not None
    principal = next(r for r in runs if _text(r) == "principal")
    assert principal.find(f"{W}rPr") is None  # no formatting that would outlive Accept


def test_accept_all_gives_the_resolution_and_reject_all_the_draft(word_body, library):
    accepted = resolve(word_body, accept=True)
    rejected = resolve(word_body, accept=False)
    assert accepted[:HEADING_PARAGRAPHS] == rejected[:HEADING_PARAGRAPHS]
    assert accepted[HEADING_PARAGRAPHS:] == paragraphs_of(library.get(ADOPTED))
    assert folded(rejected[HEADING_PARAGRAPHS:]) == folded(paragraphs_of(library.get(DRAFT)))


def test_the_word_file_names_both_documents(word_body, redline, tmp_path):
    path = tmp_path / "r.docx"
    export_redline_docx(redline, path, when=WHEN)
    document = docx.Document(str(path))
    first = document.paragraphs[:HEADING_PARAGRAPHS]
    assert first[0].style.name == "Heading 1"
    assert first[0].text == f"Changes from {DRAFT} to {ADOPTED}"
    assert first[1].text.startswith(f"Original: {DRAFT}, 21 December 2017")
    assert first[2].text.startswith(f"Revised: {ADOPTED}, 21 December 2017")
    assert "Accept All gives S/RES/2396 (2017)" in first[3].text


def test_moves_added_and_removed_paragraphs_in_word(library, tmp_path):
    draft = library.get(DRAFT)
    revised = reworked(draft)
    path = tmp_path / "moves.docx"
    export_redline_docx(build_redline(compare_documents(draft, revised)), path, when=WHEN)
    body = docx.Document(str(path)).element.body
    starts = {tag: list(body.iter(W + f"{tag}RangeStart")) for tag in ("moveFrom", "moveTo")}
    assert len(starts["moveFrom"]) == len(starts["moveTo"]) == 1
    assert starts["moveFrom"][0].get(W + "name") == starts["moveTo"][0].get(W + "name")
    for tag, start in (("moveFrom", starts["moveFrom"][0]), ("moveTo", starts["moveTo"][0])):
        paragraph = start.getparent()
        end = paragraph.find(f"{W}{tag}RangeEnd")
        assert end is not None and end.get(W + "id") == start.get(W + "id")
        assert paragraph.find(f"{W}pPr/{W}rPr/{W}{tag}") is not None  # its mark moves too
    moved_from = _text(starts["moveFrom"][0].getparent())
    assert moved_from.startswith("2.\tCalls upon Member States to prevent the movement")
    removed = next(p for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None)
    assert _text(removed).startswith("5.\t")
    added = next(p for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None)
    assert _text(added) == "5.\tDecides to remain actively seized of the matter;"
    accepted, rejected = resolve(body, accept=True), resolve(body, accept=False)
    assert accepted[HEADING_PARAGRAPHS:] == paragraphs_of(revised)
    assert folded(rejected[HEADING_PARAGRAPHS:]) == folded(paragraphs_of(draft))


def test_a_control_character_does_not_break_the_word_file(library, tmp_path):
    draft = library.get(DRAFT)
    op3 = draft.block("op3")
    damaged = dataclasses.replace(op3, text=op3.text + "\x0c")
    revised = dataclasses.replace(draft, blocks=[damaged if b is op3 else b
                                                 for b in draft.blocks])
    path = tmp_path / "control.docx"
    export_redline_docx(build_redline(compare_documents(draft, revised)), path)
    assert docx.Document(str(path)).paragraphs[0].text.startswith("Changes from")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here: "
                    "the file is checked by its XML alone")
def test_libreoffice_reads_the_tracked_changes(redline, tmp_path):
    """LibreOffice converts the file to text as it shows it with changes recorded: both
    "principle" and "principal" are in it, and the document opens at all."""
    path = tmp_path / "redline.docx"
    export_redline_docx(redline, path, when=WHEN)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = (tmp_path / "redline.txt").read_text(encoding="utf-8-sig")
    assert f"Changes from {DRAFT} to {ADOPTED}" in text
    assert re.search(r"other\s+(principle|principal)", text)


def test_the_xml_is_well_formed_and_names_the_w_namespace(word_body):
    xml = etree.tostring(word_body)
    assert b"w:ins" in xml and b"w:delText" in xml
