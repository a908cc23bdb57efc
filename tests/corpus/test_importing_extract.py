"""Importing files: every encoding and container gives the text the parsers read, and every bad
file a message that names it and says why."""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path

import pytest

from corpus.errors import SourceError
from corpus.importing import extract as extract_module
from corpus.importing.extract import MAX_BYTES, extract
from corpus.importing.pdf_file import normalise_pdf_pages
from corpus.importing.text_file import classify_text
from corpus.manifest import SourceEntry, load_manifest
from corpus.model import Block, BlockKind, Document
from corpus.parsing import parse_source
from corpus.parsing.repair import vocabulary
from support import write_docx, write_pdf

SOURCES = {entry.symbol: entry for entry in load_manifest()}
SAMPLE = "The Security Council,\n\nRecalling “its” resolutions on the café,\n\n1. *Decides* to " \
         "remain seized of the matter.\n"


@pytest.fixture(scope="module")
def vocab(library) -> frozenset[str]:
    return vocabulary(block.text for doc in library if doc.format == "markdown"
                      for block in doc.blocks)


def _parse(entry: SourceEntry, extracted, vocab: frozenset[str]) -> Document:
    entry = dataclasses.replace(entry, path=extracted.path, format=extracted.format)
    return parse_source(entry, extracted.data, vocab)


def _pairs(doc: Document, *, skip: frozenset[BlockKind] = frozenset()) -> list[tuple[str, str]]:
    return [(b.id, b.text) for b in doc.blocks if b.kind not in skip]


def _fails(path: Path, reason: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        extract(path)
    message = str(caught.value)
    assert message.startswith((f"{path.name}: ", f"{path.name}, line ")), message
    assert reason in message, message
    return caught.value


# --- Text files ------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", SOURCES.values(), ids=lambda e: e.path.name)
def test_bundled_sources_come_out_as_they_are(entry, library, vocab):
    extracted = extract(entry.path)
    assert extracted.format == entry.format
    assert (extracted.origin, extracted.encoding) == ("text", "utf-8")
    assert extracted.text == entry.path.read_text(encoding="utf-8")
    assert _pairs(_parse(entry, extracted, vocab)) == _pairs(library.get(entry.symbol))


ENCODINGS = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8-bom", lambda t: t.encode("utf-8-sig"), "utf-8"),
    ("utf-16-le-bom", lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16"),
    ("utf-16-be-bom", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    ("cp1252", lambda t: t.encode("cp1252"), "cp1252"),
    ("latin-1", lambda t: t.replace("“", '"').replace("”", '"').encode("latin-1"), "cp1252"),
    ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ("utf-16-le-unmarked", lambda t: t.encode("utf-16-le"), "utf-16"),
    ("utf-32-bom", lambda t: t.encode("utf-32"), "utf-32"),
]


@pytest.mark.parametrize(("name", "encode", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_usual_encoding_reads_the_same(tmp_path, name, encode, encoding):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(encode(SAMPLE))
    extracted = extract(path)
    expected = SAMPLE if name != "latin-1" else SAMPLE.replace("“", '"').replace("”", '"')
    assert (extracted.text, extracted.encoding) == (expected, encoding)


def test_latin1_bytes_that_cp1252_lacks_still_read(tmp_path):
    # 0x81 is undefined in Windows-1252: only Latin-1 takes it (as a control character).
    path = tmp_path / "old.txt"
    path.write_bytes(SAMPLE.replace("“", '"').replace("”", '"').encode("latin-1") + b"\x81\n")
    assert extract(path).encoding == "latin-1"


@pytest.mark.parametrize("symbol", ["S/RES/2322 (2016)", "A/RES/72/284"])
def test_a_bundled_text_reads_the_same_in_cp1252_and_utf16(tmp_path, symbol):
    entry = SOURCES[symbol]
    original = entry.path.read_text(encoding="utf-8")
    for codec in ("cp1252", "utf-16"):
        path = tmp_path / f"{codec}{entry.path.suffix}"
        try:
            path.write_bytes(original.encode(codec))
        except UnicodeEncodeError:  # superscript footnote digits are not in Windows-1252
            continue
        assert extract(path).text == original


def test_word_plain_text_export_gets_its_paragraphs(tmp_path, library, vocab):
    """Word's "Save as plain text": a paragraph per line, no blank lines, CRLF, Windows-1252."""
    entry = SOURCES["S/RES/2322 (2016)"]
    doc = library.get(entry.symbol)
    lines = [_numbered(block) for block in doc.blocks]
    path = tmp_path / "saved-from-word.txt"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    extracted = extract(path)
    assert extracted.format == "markdown"
    assert _pairs(_parse(entry, extracted, vocab)) == _pairs(doc)


def _numbered(block: Block) -> str:
    if block.kind == BlockKind.OPERATIVE:
        return f"{block.number}.\t{block.text}"
    if block.kind == BlockKind.SUBPARAGRAPH:
        return f"({block.number})\t{block.text}"
    return block.text


@pytest.mark.parametrize(("text", "form"), [
    ("The Security Council,\n\nRecalling its resolutions,\n\n1. *Decides* to stay seized.\n",
     "markdown"),
    (" The Security Council,\n Recalling its resolutions on the question and on the many\n"
     "related matters that come with it,\n 1. Decides to remain seized of the matter.\n",
     "pdf-text"),
    ("S/2017/1051\n17-23111 2/13\nThe Security Council,\n", "pdf-text"),
    ("The Security Council,\n\n*Recalling* its resolutions on the question and on\nthe many "
     "related matters,\n\n1. *Decides* to remain seized of the\nmatter, *inter alia*.\n",
     "markdown"),
])
def test_the_raw_form_is_told_from_the_text(text, form):
    assert classify_text(text) == form


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b"  \r\n\n \t\n", "the file is empty"),
    ("bom-only.txt", b"\xef\xbb\xbf \n", "the file is empty"),
    ("junk.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8, "binary data"),
    ("controls.txt", bytes(range(1, 32)) * 40, "binary data"),
    ("junk.pdf", b"The Security Council,\n" + bytes(range(256)), "not a PDF file"),
    ("junk.docx", b"The Security Council,\n" + bytes(range(256)), "not a Word .docx file"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old-format Word"),
    ("letter.txt", SAMPLE.replace("The Security Council,", "Dear colleagues,").encode(),
     "does not look like a UN resolution"),
    ("rich.txt", b"{\\rtf1\\ansi The Security Council,}", "RTF file"),
])
def test_bad_files_say_why(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    _fails(path, reason)


def test_a_broken_byte_order_mark_names_the_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xef\xbb\xbfThe Security Council,\n\xff\n")
    error = _fails(path, "the file says it is UTF-8 but is not (byte 25 cannot be read)")
    assert error.line == 2


def test_a_zip_that_is_not_a_word_file(tmp_path):
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("content.xml", "<office/>")
    _fails(path, "not a Word document")


def test_a_damaged_word_file(tmp_path):
    import zipfile

    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<not even xml")
    _fails(path, "the Word file is damaged and cannot be read")


def test_a_word_file_without_text(tmp_path):
    import docx

    path = tmp_path / "blank.docx"
    document = docx.Document()
    document.add_paragraph("   ")
    document.save(path)
    _fails(path, "the Word file has no text")


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 3_500_000)  # sparse: nothing is written
    monkeypatch.setattr(extract_module, "open", _no_open, raising=False)
    _fails(path, "the file is 23.4 MB; Plenary imports files up to 20 MB")


def _no_open(*args, **kwargs):
    raise AssertionError("a file over the limit must not be read")


def test_a_file_removed_between_the_check_and_the_read(tmp_path, monkeypatch):
    path = tmp_path / "vanishing.txt"
    path.write_text(SAMPLE, encoding="utf-8")

    def remove_then_open(file, *args, **kwargs):
        Path(file).unlink()  # after the size check, before the read
        return open(file, *args, **kwargs)

    monkeypatch.setattr(extract_module, "open", remove_then_open, raising=False)
    _fails(path, "the file disappeared or cannot be read")


def test_a_missing_file(tmp_path):
    _fails(tmp_path / "never-was.md", "the file disappeared or cannot be read")


def test_a_folder(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    _fails(folder, "folder")


def test_a_file_that_cannot_be_opened(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(SAMPLE, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(extract_module, "open", refuse, raising=False)
    _fails(path, "the file disappeared or cannot be read: permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    path.chmod(0)
    try:
        _fails(path, "the file disappeared or cannot be read: permission denied")
    finally:
        path.chmod(0o644)


# --- PDF files -------------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", ["S/RES/2322 (2016)", "S/2017/1051"])
def test_a_pdf_reads_into_the_same_paragraphs(qapp, tmp_path, library, vocab, symbol):
    """Qt's PDFs set each glyph on its own and start a text object at every font change, draw
    the last line of a page again (clipped) at the top of the next, and use ligature glyphs:
    the extraction must undo all that, and then the PDF-text reader does the rest."""
    doc = library.get(symbol)
    path = tmp_path / "document.pdf"
    write_pdf(doc, path)
    extracted = extract(path)
    assert (extracted.format, extracted.origin, extracted.encoding) == ("pdf-text", "pdf", None)
    assert "ﬁ" not in extracted.text and "\t" not in extracted.text
    parsed = _parse(SOURCES[symbol], extracted, vocab)
    assert _pairs(parsed) == _pairs(doc)
    assert parsed.sponsors == doc.sponsors


def test_a_pdf_title_block_becomes_one_title_line(qapp, tmp_path, library, vocab):
    """The PDF-text reader joins the lines above the preamble into one title (in a PDF they are
    wrapped lines of unknown extent): the paragraphs still come out exactly."""
    doc = library.get("S/RES/2396 (2017)")
    path = tmp_path / "2396.pdf"
    write_pdf(doc, path)
    parsed = _parse(SOURCES[doc.symbol], extract(path), vocab)
    assert _pairs(parsed, skip=frozenset({BlockKind.TITLE})) == _pairs(
        doc, skip=frozenset({BlockKind.TITLE}))
    assert [b.text for b in parsed.blocks_of(BlockKind.TITLE)] == [
        " ".join(b.text for b in doc.blocks_of(BlockKind.TITLE))]


LETTERHEAD = """<table width="100%"><tr><td><b>United Nations</b></td>
<td align="right"><b>S/RES/2396 (2017)</b></td></tr><tr><td><b>Security Council</b></td>
<td align="right">Distr.: General<br>21 December 2017</td></tr></table>
<p>17-23234 (E)</p><p>*1723234*</p><p><b>Resolution 2396 (2017)</b></p>
<p><b>Adopted by the Security Council at its 8148th meeting, on 21 December 2017</b></p>
<p>The Security Council,</p><p><i>Reaffirming</i> its resolutions 1267 (1999) and 1373 (2001),
</p><p>1.&nbsp;&nbsp;<i>Decides</i> to remain seized of the matter.</p>"""


def test_a_pdf_letterhead_reads_as_the_bundled_extractions_do(qapp, tmp_path):
    """Two columns on one baseline ("United Nations … S/RES/2396 (2017)") stay one line, which
    the PDF-text reader knows as furniture and the metadata detection reads."""
    from PySide6.QtGui import QPdfWriter, QTextDocument

    from corpus.importing.detect import detect_metadata

    text = QTextDocument()
    text.setHtml(LETTERHEAD)
    path = tmp_path / "letterhead.pdf"
    writer = QPdfWriter(str(path))
    text.print_(writer)
    del writer
    extracted = extract(path)
    assert extracted.text.splitlines()[:3] == [
        "United Nations S/RES/2396 (2017)", "Security Council Distr.: General", "21 December 2017"]
    meta = detect_metadata(extracted.text, extracted.format)
    assert (meta.symbol, meta.date, meta.meeting) == (
        "S/RES/2396 (2017)", "2017-12-21", "8148th meeting")
    entry = dataclasses.replace(SOURCES["S/RES/2396 (2017)"], path=path, format="pdf-text")
    parsed = parse_source(entry, extracted.data, frozenset())
    assert [(b.id, b.text) for b in parsed.blocks] == [
        ("t1", "Resolution 2396 (2017) Adopted by the Security Council at its 8148th meeting, "
               "on 21 December 2017"),
        ("intro", "The Security Council,"),
        ("pp1", "Reaffirming its resolutions 1267 (1999) and 1373 (2001),"),
        ("op1", "Decides to remain seized of the matter."),
    ]


def test_an_encrypted_pdf(qapp, tmp_path, library):
    import pypdf

    plain = tmp_path / "plain.pdf"
    write_pdf(_short(library.get("S/RES/2322 (2016)")), plain)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    _fails(locked, "the PDF is encrypted (password-protected); save an unprotected copy")


def test_a_pdf_encrypted_only_against_copying_reads(qapp, tmp_path, library):
    import pypdf

    plain = tmp_path / "plain.pdf"
    write_pdf(_short(library.get("S/RES/2322 (2016)")), plain)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="", owner_password="owner")
    restricted = tmp_path / "restricted.pdf"
    with open(restricted, "wb") as handle:
        writer.write(handle)
    assert "The Security Council," in extract(restricted).text


def _short(doc: Document) -> Document:
    return dataclasses.replace(doc, blocks=doc.blocks[:4])


def test_a_pdf_without_text(qapp, tmp_path):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter

    path = tmp_path / "scan.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawRect(QRectF(100, 100, 2000, 3000))
    painter.end()
    _fails(path, "the PDF has no text layer (a scanned image?)")


def test_a_blank_pdf_page(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "blank.pdf"
    path.write_bytes(buffer.getvalue())
    _fails(path, "no text layer")


def test_a_damaged_pdf(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    _fails(path, "the PDF is damaged and cannot be read")


def test_pdf_page_furniture_of_the_extraction_is_undone():
    pages = [
        ["The Security Council,", "Recalling the \ufb01rst line of a para\u00ad", "graph and the",
         "symbol S/", "2017/375 and the last line of a page,", "", "  1  "],
        ["2017/375 and the last line of a page,", "", "and\tmore  text,", "- 2 -"],
        ["Page 3 of 3", "Noting the end,"],
    ]
    assert normalise_pdf_pages(pages) == (
        "The Security Council,\nRecalling the first line of a paragraph and the\n"
        "symbol S/2017/375 and the last line of a page,\nand more text,\nNoting the end,\n")


# --- Word files ------------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", list(SOURCES))
def test_a_word_file_reads_into_the_same_paragraphs(tmp_path, library, vocab, symbol):
    doc = library.get(symbol)
    path = tmp_path / "document.docx"
    write_docx(doc, path)
    extracted = extract(path)
    assert (extracted.format, extracted.origin) == ("markdown", "docx")
    parsed = _parse(SOURCES[symbol], extracted, vocab)
    assert _pairs(parsed) == _pairs(doc)
    assert [b.emphasis for b in parsed.blocks] == [b.emphasis for b in doc.blocks]
    assert [b.notes for b in parsed.blocks] == [b.notes for b in doc.blocks]
    assert parsed.sponsors == doc.sponsors


@pytest.mark.parametrize("symbol", ["S/RES/2322 (2016)", "A/RES/72/284"])
def test_word_numbering_is_written_out(tmp_path, library, vocab, symbol):
    """Word's own list numbers are not in the text: they are counted as Word counts them."""
    doc = library.get(symbol)
    path = tmp_path / "numbered.docx"
    write_docx(doc, path, numbering="word")
    extracted = extract(path)
    assert "\n\n1. " in extracted.text
    assert _pairs(_parse(SOURCES[symbol], extracted, vocab)) == _pairs(doc)


def test_word_markup_characters_stay_text(tmp_path):
    import docx

    path = tmp_path / "marks.docx"
    document = docx.Document()
    for text in ["The Security Council,", "# Recalling [its] <b>under_scored</b> *stars* & 5)"]:
        document.add_paragraph(text)
    paragraph = document.add_paragraph("1. ")
    paragraph.add_run("Decides,").italic = True
    paragraph.add_run("and not ")
    paragraph.add_run(" so ").italic = True
    paragraph.add_run("to remain seized.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "In a table"
    table.cell(0, 1).text = "second cell"
    document.save(path)
    text = extract(path).text
    assert text.endswith("\n")
    assert text.rstrip("\n").split("\n\n") == [
        "The Security Council,",
        r"\# Recalling \[its\] \<b\>under\_scored\</b\> \*stars\* \& 5)",
        "1. *Decides*,and not *so* to remain seized.",
        "In a table",
        "second cell",
    ]


def test_a_word_file_that_unpacks_to_too_much_is_refused(tmp_path):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (201 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 1024 * 1024  # small on disk
    with pytest.raises(SourceError, match="bomb.docx: the Word file unpacks to 201 MB"):
        extract(path)


def _word_file(tmp_path, body: str, **parts) -> Path:
    from support import word_document, word_package, word_part

    path = tmp_path / "built.docx"
    path.write_bytes(word_package(word_document(body), **{
        name: word_part(name, xml) for name, xml in parts.items()}))
    return path


def test_word_text_boxes_and_nested_tables_read_in_order(tmp_path):
    box = ('<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>in the box</w:t></w:r></w:p>'
           '</w:txbxContent></w:pict></w:r>')
    cell = '<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>'
    body = (f'<w:p><w:r><w:t>Before </w:t></w:r>{box}<w:r><w:t>after</w:t></w:r></w:p>'
            f'<w:tbl><w:tr>{cell.format("A")}<w:tc><w:tbl><w:tr>{cell.format("B1")}'
            f'{cell.format("B2")}</w:tr></w:tbl><w:p><w:r><w:t>B3</w:t></w:r></w:p></w:tc>'
            f'{cell.format("C")}</w:tr></w:tbl>')
    lines = extract(_word_file(tmp_path, body)).text.split("\n\n")
    assert lines[-6:] == ["Before after", "A", "B1", "B2", "B3", "C\n"]


def test_word_styles_inherit_through_long_chains_and_loops(tmp_path):
    styles = "".join(f'<w:style w:styleId="s{n}"><w:basedOn w:val="s{n + 1}"/></w:style>'
                     for n in range(3000))
    styles += ('<w:style w:styleId="s3000"><w:rPr><w:i/></w:rPr></w:style>'
               '<w:style w:styleId="x"><w:basedOn w:val="y"/></w:style>'
               '<w:style w:styleId="y"><w:basedOn w:val="x"/></w:style>')
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t>'
                   '</w:r></w:p>' for style, text in (("s0", "deep"), ("s2999", "near"),
                                                      ("x", "loop"), ("x", "again")))
    lines = extract(_word_file(tmp_path, body, styles=styles)).text.split("\n\n")
    assert lines[-4:] == ["*deep*", "*near*", "loop", "again\n"]


def test_word_list_labels_no_list_shows_are_left_out(tmp_path):
    def level(ilvl, start, fmt, text):
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/></w:lvl>')

    numbering = ('<w:abstractNum w:abstractNumId="1">' + level(0, 999_999_999, "lowerLetter",
                                                               "(%1)")
                 + level(1, 5000, "upperRoman", "%2.") + level(2, 1, "decimal", "%3" * 30)
                 + level(3, 27, "lowerLetter", "(%4)") + level(12, 1, "decimal", "%1.")
                 + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    body = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/>'
                   f'</w:numPr></w:pPr><w:r><w:t>level {ilvl}</w:t></w:r></w:p>'
                   for ilvl in ("0", "1", "2", "3", "12", "99999999999999"))
    lines = extract(_word_file(tmp_path, body, numbering=numbering)).text.split("\n\n")
    assert lines[-6:] == ["level 0", "level 1", "level 2", "(aa) level 3", "level 12",
                          "level 99999999999999\n"]


def test_a_word_part_that_understates_its_size_is_read_only_as_far_as_stated(tmp_path):
    from support import write_hostile

    path = write_hostile("lying_zip", tmp_path)  # 2 GB stated as 4 KB
    _fails(path, "the Word file is damaged and cannot be read (Bad CRC-32")
