"""Exported annotations: what a reader finds in each file, and JSON that comes back whole."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt

import annotations.export as export_module
from annotations.export import (
    CSV_HEADER,
    FORMATS,
    AnnotationFormatError,
    annotations_from_json,
    annotations_to_json,
    export_annotations,
    format_for,
    read_json,
)
from annotations.model import Annotation, bookmark, citation_of, highlight

RES = "S/RES/2396 (2017)"
GA = "A/RES/72/284"
GONE = "S/RES/9999 (2030)"  # a document the library does not have
HEADING_2396 = ("Threats to international peace and security caused by terrorist acts: "
                "returning and relocating foreign terrorist fighters")


@pytest.fixture(scope="module")
def marked(library) -> list[Annotation]:
    """Annotations as a reader leaves them: out of order, across documents, with a
    bookmark, a detached highlight and notes that are Markdown."""
    res, ga = library.get(RES), library.get(GA)
    return [
        highlight(ga, ga.block("op1"), 0, 33, note="Compare with the *2006* Strategy.",
                  tags=["strategy"], color="green"),
        highlight(res, res.block("op10"), 0, 26, note="Check **GAsEP** wording\n\n- one\n- two",
                  tags=["PNR", "drafting"]),
        highlight(res, res.block("op2"), 0, 27, note="1. first\n2. second"),
        bookmark(res, res.block("op5"), note="Whole paragraph matters."),
        highlight(res, res.block("pp3"), 0, 11, detached=True, note="Lost in the new text."),
    ]


def _visible_text(path: Path, fmt: str) -> str:
    """What a reader sees of the file."""
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    text = path.read_text(encoding="utf-8-sig")
    if fmt == "html":
        parser = _TextOf()
        parser.feed(text)
        return "".join(parser.parts)
    return text


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs) -> None:
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.parts.append(data)


def _citations(library, annotations):
    return [citation_of(a, library.get(a.symbol)) for a in annotations]


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "docx"])
def test_every_annotation_is_in_the_file(fmt, library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / f"notes.{fmt}")
    text = _visible_text(path, fmt)
    for annotation, citation in zip(marked, _citations(library, marked), strict=True):
        assert citation in text
        # a bookmarked paragraph is cut where a reader reads, whole in a table
        quote = annotation.quote[:200] if annotation.is_bookmark else annotation.quote
        assert quote.strip() in text
    for words in ("Compare with the", "2006", "GAsEP", "Whole paragraph matters.", "PNR",
                  "drafting", "strategy"):
        assert words in text


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "docx"])
def test_grouped_by_document_in_reading_order(fmt, library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / f"notes.{fmt}")
    text = _visible_text(path, fmt)
    op2, op10, ga = (text.index(f"{RES}, para. 2"), text.index(f"{RES}, para. 10"),
                     text.index(f"{GA}, para. 1"))
    symbols = [doc.symbol for doc in library]
    assert symbols.index(RES) < symbols.index(GA)
    assert op2 < op10 < ga  # op2 before op10, and the library's documents in its order


def test_json_lists_in_reading_order(library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / "notes.json")
    blocks = [(a.symbol, a.block) for a in read_json(path)]
    # the detached highlight (pp3) closes its document's group
    assert blocks == [(RES, "op2"), (RES, "op5"), (RES, "op10"), (RES, "pp3"), (GA, "op1")]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_bookmark_and_detached_are_shown(fmt, library, marked, tmp_path):
    text = _visible_text(export_annotations(marked, library, tmp_path / f"n.{fmt}"), fmt)
    assert "Bookmark" in text
    assert "no longer found in the text" in text
    assert library.get(RES).block("op5").text[:60] in text


def test_long_bookmarked_paragraph_is_cut(library, tmp_path):
    doc = library.get(RES)
    block = max(doc.blocks, key=lambda b: len(b.text))
    assert len(block.text) > 400
    text = _visible_text(export_annotations([bookmark(doc, block)], library,
                                            tmp_path / "n.html"), "html")
    assert block.text[:200] in text
    assert block.text not in text
    assert "…" in text


def test_document_headings_name_the_document(library, marked, tmp_path):
    text = _visible_text(export_annotations(marked, library, tmp_path / "n.md"), "md")
    assert f"## {RES} — {library.get(RES).title}" in text.replace("\\", "")
    assert "21 December 2017" in text


def test_markdown_structure_survives_odd_quotes_and_notes(tmp_path, library):
    odd = [
        Annotation(symbol=GONE, block="op1", start=0, end=40,
                   quote="# Not a heading\n> not a quote\n1. not a list", note="```\nunclosed"),
        Annotation(symbol=GONE, block="op2", start=0, end=5, quote="Later", note="**after**"),
    ]
    text = export_annotations(odd, library, tmp_path / "n.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1", "h2"]  # the title and the one document
    assert [t.type for t in tokens].count("ordered_list_open") == 0
    page = MarkdownIt("commonmark").render(text)
    assert "<strong>after</strong>" in page  # not swallowed by the unclosed code fence
    assert "Not in the library" in page


def test_word_uses_real_styles(library, marked, tmp_path):
    document = docx.Document(str(export_annotations(marked, library, tmp_path / "n.docx")))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [(name, text) for name, text in styles if name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Annotations")
    assert ("Heading 2", f"{RES} — {HEADING_2396}") in headings
    op2 = library.get(RES).block("op2").text  # short: quoted whole, the words marked in it
    assert ("Quote", op2) in styles
    [quote] = [p for p in document.paragraphs if p.style.name == "Quote" and p.text == op2]
    assert [r.text for r in quote.runs if r.bold] == ["Calls upon Member States to"]
    assert ("List Bullet", "two") in styles
    assert ("List Number", "second") in styles
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "GAsEP" in bold  # the note's **GAsEP**
    assert f"{RES}, para. 2" in bold  # the citation
    section = document.sections[0]
    assert round(section.page_width.cm) == 21 and round(section.page_height.cm) == 30


def test_word_numbered_lists_restart_in_each_note(library, tmp_path):
    doc = library.get(RES)
    notes = [highlight(doc, doc.block(b), 0, 10, note="1. a\n2. b") for b in ("op2", "op3")]
    document = docx.Document(str(export_annotations(notes, library, tmp_path / "n.docx")))
    ids = [p._p.pPr.numPr.numId.val for p in document.paragraphs
           if p.style.name == "List Number"]
    assert len(ids) == 4 and ids[0] == ids[1] != ids[2] == ids[3]


def test_csv_opens_in_excel(library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / "n.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == len(marked) + 1
    by_id = {row[-1]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}
    bookmarked = next(a for a in marked if a.is_bookmark)
    assert by_id[bookmarked.id]["quote"] == library.get(RES).block("op5").text  # in full
    assert by_id[marked[1].id]["tags"] == "drafting; PNR"
    assert by_id[marked[1].id]["note"] == marked[1].note  # the Markdown source
    detached = next(a for a in marked if a.detached)
    assert by_id[detached.id]["detached"] == "yes"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x.example","go")', "+1+2", "-2+3",
                                  "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_formulas_are_neutralised(text, library, tmp_path):
    annotation = Annotation(symbol=GONE, block="op1", start=0, end=3, quote=text, note=text,
                            tags=(text.strip(),))
    path = export_annotations([annotation], library, tmp_path / "n.csv")
    with open(path, encoding="utf-8-sig", newline="") as file:
        row = dict(zip(CSV_HEADER, list(csv.reader(file))[1], strict=True))
    for column in ("quote", "context", "note", "tags"):
        assert row[column].startswith("'"), column
    assert row["id"] == annotation.id and row["created"] == annotation.created


def test_html_escapes_everything_but_the_rendered_note(library, tmp_path):
    annotation = Annotation(symbol=GONE, block="op1", start=0, end=25,
                            quote="<script>alert('quote')</script>",
                            note="**bold** <script>alert('note')</script>",
                            tags=("<b>tag</b>",))
    page = export_annotations([annotation], library, tmp_path / "n.html",
                              title="<i>Mine</i>").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;quote&#x27;)" in page
    assert "&lt;script&gt;alert('note')&lt;/script&gt;" in page  # the note, as text
    assert "<strong>bold</strong>" in page
    assert "<b>tag</b>" not in page and "<i>Mine</i>" not in page


def test_html_is_self_contained(library, marked, tmp_path):
    page = export_annotations(marked, library, tmp_path / "n.html").read_text(encoding="utf-8")
    for forbidden in ("<script", "<link", "src=", "@import", "url(", "http://", "https://"):
        assert forbidden not in page
    assert "prefers-color-scheme: dark" in page and "@media print" in page
    assert "#bfe8a8" in page  # the green highlight's colour


def test_json_round_trip_is_lossless():
    items = [
        Annotation(symbol="A/RES/72/284", block="op9.a", start=3, end=17,
                   quote="Résolution — 決議 🕊", prefix="«", suffix="»", color="pink",
                   note="Note with **Markdown**\nand a second line", tags=("Ünïcode", "PNR"),
                   detached=True, updated="2026-11-24T10:00:00.000001+00:00"),
        Annotation(symbol=RES, block="op5", quote="A whole paragraph."),
        Annotation(symbol=RES, block="op1", start=0, end=1, quote="D"),
    ]
    assert annotations_from_json(annotations_to_json(items)) == items
    text = json.dumps(annotations_to_json(items), ensure_ascii=False)
    assert annotations_from_json(json.loads(text)) == items


def test_json_file_is_utf8_and_versioned(library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / "n.json")
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert data["format"] == "plenary-annotations" and data["version"] == 1
    assert {item["citation"] for item in data["annotations"]} == set(_citations(library, marked))
    assert "Compare with the *2006* Strategy." in path.read_text(encoding="utf-8")
    assert sorted(read_json(path), key=lambda a: a.id) == sorted(marked, key=lambda a: a.id)


def _file(**changes: object) -> dict:
    item = {"symbol": RES, "block": "op2", "start": 0, "end": 5, "quote": "Calls",
            "prefix": "", "suffix": " upon", "color": "yellow", "note": "", "tags": [],
            "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
            "created": "2026-11-24T10:00:00+00:00", "updated": "2026-11-24T10:00:00+00:00",
            "detached": False}
    second = {**item, "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}
    second.update(changes)
    return {"format": "plenary-annotations", "version": 1, "annotations": [item, second]}


def _without(name: str) -> dict:
    data = _file()
    del data["annotations"][1][name]
    return data


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    ([1, 2], "not a Plenary annotations export"),
    ({**_file(), "format": "something-else"}, "not a Plenary annotations export"),
    ({**_file(), "version": 2}, "newer version of Plenary"),
    ({**_file(), "version": "1"}, "not a format version"),
    ({**_file(), "annotations": {}}, "not a list"),
    (_without("block"), "item 2: 'block' is missing"),
    (_file(start="3"), "item 2: 'start' must be a whole number"),
    (_file(end=2.5), "item 2: 'end' must be a whole number"),
    (_file(start=True), "item 2: 'start' must be a whole number"),
    (_file(start=9, end=3), "item 2: .*0 <= start < end"),
    (_file(start=-1), "item 2: .*0 <= start < end"),
    (_file(start=4, end=4), "item 2: .*at least one character"),
    (_file(end=10**20), "item 2: .*0 <= start < end"),
    (_file(note="\ud800 lone"), "item 2: 'note' holds characters that are not text"),
    (_file(tags=["\udfff"]), "item 2: 'tags' holds characters that are not text"),
    (_file(end=None), "item 2: 'start' and 'end' must both be"),
    (_file(id="not-a-uuid"), "item 2: 'id' 'not-a-uuid' is not a UUID"),
    (_file(id="0f8fad5b-d9cb-469f-a165-70867728950e"), "item 2: its id .* item 1"),
    (_file(tags="PNR"), "item 2: 'tags' must be a list"),
    (_file(tags=["ok", 3]), "item 2: 'tags' must be a list"),
    (_file(detached="no"), "item 2: 'detached' must be true or false"),
    (_file(created="yesterday"), "item 2: 'created' 'yesterday' is not an ISO 8601"),
    (_file(note=None), "item 2: 'note' must be text"),
    (_file(citation=12), "item 2: 'citation' must be text"),
    (_file(symbol=""), "item 2: 'symbol' must be non-empty text"),
    (_file(colour="red"), "item 2: unknown field 'colour'"),
    ({**_file(), "annotations": ["text"]}, "item 1: it is not an object"),
])
def test_malformed_json_is_refused_whole(content, message, tmp_path):
    path = tmp_path / "mine.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    with pytest.raises(AnnotationFormatError, match=f"mine.json.*{message}"):
        read_json(path)


def test_valid_file_of_the_malformed_tests_reads():
    assert [a.block for a in annotations_from_json(_file())] == ["op2", "op2"]
    cited = annotations_from_json(_file(citation="S/RES/2396 (2017), para. 2"))
    assert cited == annotations_from_json(_file())  # the citation is for readers only


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(AnnotationFormatError, match="Cannot read gone.json"):
        read_json(tmp_path / "gone.json")


@pytest.mark.parametrize(("name", "fmt"), [("a.md", "md"), ("a.markdown", "md"),
                                           ("a.HTM", "html"), ("a.html", "html"),
                                           ("a.csv", "csv"), ("a.json", "json"),
                                           ("a.DOCX", "docx")])
def test_format_from_suffix(name, fmt):
    assert format_for(Path(name)) == fmt
    assert fmt in FORMATS


def test_unknown_format_is_refused(library, marked, tmp_path):
    with pytest.raises(ValueError, match="Cannot tell which format"):
        export_annotations(marked, library, tmp_path / "notes.txt")
    with pytest.raises(ValueError, match="Unknown export format 'pdf'"):
        export_annotations(marked, library, tmp_path / "notes.md", "pdf")
    assert list(tmp_path.iterdir()) == []


def test_format_argument_wins_over_suffix(library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / "notes.txt", "json")
    assert len(read_json(path)) == len(marked)


def _fail_csv(path, rows):
    Path(path).write_text("half a tab", encoding="utf-8")
    raise OSError("disk full")


def _fail_docx(self, path):
    Path(path).write_bytes(b"PK half a zip")
    raise OSError("disk full")


@pytest.mark.parametrize(("fmt", "target", "failure"), [
    ("csv", (export_module, "_write_csv"), _fail_csv),
    ("docx", (docx.document.Document, "save"), _fail_docx),
])
def test_failed_write_leaves_the_previous_file(fmt, target, failure, library, marked,
                                               tmp_path, monkeypatch):
    path = tmp_path / f"notes.{fmt}"
    path.write_bytes(b"the previous export")
    monkeypatch.setattr(*target, failure)
    with pytest.raises(OSError, match="disk full"):
        export_annotations(marked, library, path)
    assert path.read_bytes() == b"the previous export"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_markdown_export_keeps_raw_html_of_a_note_as_text(library, tmp_path):
    doc = library.get(RES)
    note = ('See <img src="http://example.org/x.png"> and `<b>code</b>`\n\n'
            "```\n<script>kept in a code block</script>\n```")
    marked = [highlight(doc, doc.block("op1"), 0, 7, note=note)]
    text = export_annotations(marked, library, tmp_path / "n.md").read_text(encoding="utf-8")
    assert '&lt;img src="http://example.org/x.png">' in text and "<img" not in text
    assert "`<b>code</b>`" in text  # as written inside code
    assert "<script>kept in a code block</script>" in text


def test_what_an_export_takes_is_decided_once(library, data_dir):
    """The Export dialog's scopes and the command line's --document/--tag choose alike."""
    from annotations.export import choose_for_export
    from annotations.store import AnnotationStore

    res, ga = library.get(RES), library.get(GA)
    with AnnotationStore.open(data_dir) as store:
        on_res = store.add(highlight(res, res.block("op10"), 0, 26, tags=["pnr"]))
        on_ga = store.add(highlight(ga, ga.block("op1"), 0, 33, tags=["pnr", "strategy"]))
        store.add(bookmark(res, res.block("op12")))
        everything = choose_for_export(store)
        assert (len(everything.annotations), everything.title) == (3, "Annotations")
        by_tag = choose_for_export(store, tag="pnr")
        assert {a.id for a in by_tag.annotations} == {on_res.id, on_ga.id}
        assert by_tag.title == "Annotations tagged “pnr”"
        both = choose_for_export(store, document=RES, tag="pnr")
        assert [a.id for a in both.annotations] == [on_res.id]
        assert both.title == f"Annotations on {RES} tagged “pnr”"
        assert choose_for_export(store, tag="none").annotations == []


# --- fit for a briefing note: headings, the sentence, grouping by tag -----------------------

BRIEF = "S/RES/9000 (2020)"  # a document of the tests' own: long, several sentences, hostile
LONG_SENTENCE = (
    "Recalling its resolutions on threats to international peace and security caused by "
    "terrorist acts, and reaffirming that terrorism in all forms and manifestations "
    "constitutes one of the most serious threats to international peace and security, "
    "regardless of the motivations, whenever, wherever and by whomsoever committed. ")
SENTENCE = "Decides, in furtherance of para. 9 of resolution 2178 (2014), that States shall act."
HOSTILE = ('=HYPERLINK("http://x.example") Urges <script>alert(1)</script> and *[go]'
           '(javascript:alert(2))* now.')


@pytest.fixture(scope="module")
def brief_doc():
    from corpus.model import Block, BlockKind, Document, DocumentKind

    text = f"{LONG_SENTENCE}{SENTENCE} Requests a report. Remains seized of the matter."
    return Document(symbol=BRIEF, body="Security Council", date="2020-01-02",
                    title="Threats to international peace and security",
                    kind=DocumentKind.RESOLUTION, subject="Testing briefing notes",
                    meeting="9000th meeting",
                    blocks=[Block("op1", BlockKind.OPERATIVE, text, number="1"),
                            Block("op2", BlockKind.OPERATIVE, HOSTILE, number="2")])


def _words(doc, words: str, **fields):
    block = doc.block("op2" if words in HOSTILE else "op1")
    start = block.text.index(words)
    return highlight(doc, block, start, start + len(words), **fields)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_each_document_is_headed_by_symbol_title_subject_and_date(fmt, library, marked,
                                                                   tmp_path):
    text = _visible_text(export_annotations(marked, library, tmp_path / f"n.{fmt}"), fmt)
    assert f"{RES} — {HEADING_2396}" in text.replace("\\", "")
    assert "Security Council, 8148th meeting, 21 December 2017" in text
    assert (f"{GA} — The United Nations Global Counter-Terrorism Strategy Review: sixth review "
            "of the Global Counter-Terrorism Strategy") in text.replace("\\", "")
    assert "General Assembly, 101st plenary meeting, 26 June 2018" in text
    assert f"{RES}, para. 2" in text and f"{RES}, para. 10" in text


def test_markdown_marks_the_words_in_their_sentence(library, marked, brief_doc, tmp_path):
    chosen = [*marked, _words(brief_doc, "States shall act")]
    path = export_annotations(chosen, [*library, brief_doc], tmp_path / "n.md")
    text = path.read_text(encoding="utf-8")
    # a short paragraph whole, the reader's words in bold in their place
    op2 = library.get(RES).block("op2").text
    assert f"> **Calls upon Member States to**{op2.removeprefix('Calls upon Member States to')}" \
        in text
    # a long paragraph: the sentence the words sit in, and only that one
    assert ("> Decides, in furtherance of para. 9 of resolution 2178 (2014), that "
            "**States shall act**.\n") in text
    assert "Requests a report" not in text and "Recalling its resolutions" not in text
    page = MarkdownIt("commonmark").render(text)
    assert "<strong>Calls upon Member States to</strong> prevent the movement" in page
    assert "that <strong>States shall act</strong>.</p>" in page


def test_a_highlight_over_two_sentences_quotes_both(library, brief_doc, tmp_path):
    chosen = [_words(brief_doc, "States shall act. Requests")]
    for fmt in ("md", "html", "docx"):
        text = _visible_text(export_annotations(chosen, [brief_doc], tmp_path / f"n.{fmt}"),
                             fmt).replace("\\", "").replace("**", "")
        assert f"{SENTENCE} Requests a report." in text
        assert "Recalling its resolutions" not in text and "Remains seized" not in text


def test_html_and_word_mark_the_words_in_their_sentence(library, brief_doc, tmp_path):
    chosen = [_words(brief_doc, "States shall act", color="green")]
    page = export_annotations(chosen, [brief_doc], tmp_path / "n.html").read_text("utf-8")
    assert ("<blockquote>Decides, in furtherance of para. 9 of resolution 2178 (2014), that "
            "<mark>States shall act</mark>.</blockquote>") in page
    document = docx.Document(str(export_annotations(chosen, [brief_doc], tmp_path / "n.docx")))
    [quote] = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert quote.text == SENTENCE
    [mark] = [r for r in quote.runs if r.bold]
    assert mark.text == "States shall act"
    assert 'w:fill="BFE8A8"' in mark._r.xml  # on the highlight's green


def test_document_text_in_the_sentence_stays_text(library, brief_doc, tmp_path):
    chosen = [_words(brief_doc, "<script>alert(1)</script>")]
    page = export_annotations(chosen, [brief_doc], tmp_path / "n.html").read_text("utf-8")
    assert "<script" not in page.lower()
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in page
    text = export_annotations(chosen, [brief_doc], tmp_path / "n.md").read_text("utf-8")
    from annotations.notes import active_links

    assert active_links(text) == [] and "<script>" not in text
    page = MarkdownIt("commonmark").render(text)
    assert "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>" in page
    assert "*[go](javascript:alert(2))*" in _visible_text(tmp_path / "n.md", "md").replace(
        "\\", "")  # the document's own asterisks and brackets, shown as written
    path = export_annotations(chosen, [brief_doc], tmp_path / "n.csv")
    with open(path, encoding="utf-8-sig", newline="") as file:
        row = dict(zip(CSV_HEADER, list(csv.reader(file))[1], strict=True))
    assert row["context"] == "'" + HOSTILE  # a formula in the text is not run


def test_csv_has_the_sentence_in_a_context_column(library, marked, brief_doc, tmp_path):
    chosen = [*marked, _words(brief_doc, "States shall act")]
    path = export_annotations(chosen, [*library, brief_doc], tmp_path / "n.csv")
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    assert rows[chosen[-1].id]["context"] == SENTENCE
    assert rows[chosen[-1].id]["quote"] == "States shall act"
    assert rows[marked[2].id]["context"] == library.get(RES).block("op2").text
    detached = next(a for a in marked if a.detached)
    assert rows[detached.id]["context"] == detached.quote  # no longer placed: the words


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_grouped_by_tag(fmt, library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / f"n.{fmt}", grouped_by_tag=True)
    text = _visible_text(path, fmt)
    if fmt == "md":
        headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    elif fmt == "docx":
        headings = [p.text for p in docx.Document(str(path)).paragraphs
                    if p.style.name == "Heading 2"]
    else:
        headings = re.findall(r"<h2>(.*?)</h2>", path.read_text(encoding="utf-8"))
    assert headings == ["drafting", "PNR", "strategy", "Untagged"]  # the untagged last
    assert "5 annotations in 2 documents, under 3 tags" in text
    op10 = f"{RES}, para. 10"  # tagged PNR and drafting: under both, with its citation
    assert text.count(op10) == 2
    opens = "## " if fmt == "md" else "\n"  # where a heading stands in the text
    drafting, pnr, strategy, untagged = (text.index(f"{opens}{h}\n") for h in headings)
    assert drafting < text.index(op10) < pnr < text.rindex(op10) < strategy
    assert strategy < text.index(f"{GA}, para. 1") < untagged
    for citation in (f"{RES}, para. 2", f"{RES}, para. 5", f"{RES}, pp3"):  # pp3: detached
        assert text.index(citation) > untagged
    assert "1 annotation in 1 document" in text and "3 annotations in 1 document" in text


def test_grouped_by_tag_data_files_hold_each_annotation_once(library, marked, tmp_path):
    path = export_annotations(marked, library, tmp_path / "n.csv", grouped_by_tag=True)
    with open(path, encoding="utf-8-sig", newline="") as file:
        ids = [row["id"] for row in csv.DictReader(file)]
    assert sorted(ids) == sorted(a.id for a in marked)  # the PNR + drafting one once
    assert ids[:2] == [marked[1].id, marked[0].id]  # in the order of their first tag
    path = export_annotations(marked, library, tmp_path / "n.json", grouped_by_tag=True)
    assert read_json(path) == read_json(export_annotations(marked, library,
                                                           tmp_path / "by-doc.json"))
