"""Annotations out of Plenary: a Markdown file, an HTML page, a CSV table, a Word document,
and a JSON file Plenary reads back.

Every format draws the same description, ``sections``: documents in library order, each with
its annotations in reading order (``by_document``), each annotation with its citation, the
words it quotes, its note, tags, date and colour. So the page, the table and the Word file
never disagree on what an annotation says. A detached annotation is listed like the others,
marked as no longer found in the text: an export is where a reader checks what was kept.

The JSON file is the lossless one: every field of every annotation, with a format tag and a
version, read back by ``read_json`` with strict checks, since it comes from outside (another
machine, another version, a hand edit) and a half-read import would be worse than none.

Qt-free: the window and the command line call these.
"""

from __future__ import annotations

import csv
import html
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from annotations.model import DEFAULT_COLOR, PALETTE, Annotation, by_document, citation_of, now
from annotations.notes import NoteParagraph, NoteRun, note_paragraphs, render_note
from corpus.citing import excerpt, format_date
from corpus.files import write_atomically
from corpus.model import Block, Document

#: Export formats by the name ``export_annotations`` takes, with what a file dialog shows.
FORMATS: dict[str, str] = {
    "md": "Markdown",
    "html": "HTML page",
    "csv": "CSV (Excel)",
    "json": "JSON (Plenary)",
    "docx": "Word document",
}
SUFFIXES: dict[str, str] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                            ".csv": "csv", ".json": "json", ".docx": "docx"}
JSON_FORMAT = "plenary-annotations"
JSON_VERSION = 1
#: How long a bookmarked paragraph is quoted where a reader reads (not in CSV or JSON).
BOOKMARK_QUOTE_CHARS = 300
DETACHED = "detached: no longer found in the text"


class AnnotationFormatError(ValueError):
    """A file that is not a readable Plenary annotations export; the message says why."""


# --- What every format shows -----------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    annotation: Annotation
    citation: str
    quote: str  # the highlighted words, or the whole bookmarked paragraph
    date: str  # "24 November 2026", when the annotation was last changed

    @property
    def short_quote(self) -> str:
        """The quote as a reader sees it: a bookmarked paragraph cut at a word boundary."""
        if self.annotation.is_bookmark:
            return excerpt(self.quote.strip(), BOOKMARK_QUOTE_CHARS)
        return self.quote.strip()

    @property
    def kind(self) -> str:
        """"Bookmark", or "Yellow highlight"."""
        if self.annotation.is_bookmark:
            return "Bookmark"
        return f"{self.annotation.color.capitalize()} highlight"

    @property
    def details(self) -> str:
        """"Tags: drafting, PNR · Yellow highlight · 24 November 2026"."""
        tags = "Tags: " + ", ".join(self.annotation.tags) if self.annotation.tags else ""
        return " · ".join(part for part in (tags, self.kind, self.date) if part)


@dataclass(frozen=True)
class Section:
    """One document's annotations; ``document`` is None when the library lacks it."""

    symbol: str
    document: Document | None
    items: list[Item]

    @property
    def heading(self) -> str:
        """"S/RES/2396 (2017) — Threats to international peace …"."""
        if self.document is None or not self.document.title:
            return self.symbol
        return f"{self.symbol} — {_one_line(self.document.title)}"

    @property
    def meta(self) -> str:
        if self.document is None:
            return "Not in the library"
        return format_date(self.document.date)


def sections(annotations: Iterable[Annotation], documents: Iterable[Document]) -> list[Section]:
    """The annotations as every export lists them."""
    result = []
    for group in by_document(annotations, documents):
        doc = group.document
        blocks: dict[str, Block] = {b.id: b for b in doc.blocks} if doc is not None else {}
        citations: dict[tuple[str, bool], str] = {}  # Document.block is a linear search
        items = []
        for annotation in group.annotations:
            key = (annotation.block, annotation.detached)
            if key not in citations:
                citations[key] = citation_of(annotation, doc)
            block = blocks.get(annotation.block)
            quote = annotation.quote
            if annotation.is_bookmark and block is not None and not annotation.detached:
                quote = block.text  # the paragraph as it reads now
            items.append(Item(annotation, citations[key], quote,
                              format_date(annotation.updated[:10])))
        result.append(Section(group.symbol, doc, items))
    return result


def format_for(path: Path, fmt: str | None = None) -> str:
    """The format named by ``fmt``, else by ``path``'s suffix; ValueError for neither."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValueError(f"Unknown export format {fmt!r}: choose one of "
                             f"{', '.join(FORMATS)}.")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"Cannot tell which format to export {Path(path).name!r} in: name it "
                         f"with one of {', '.join(SUFFIXES)}.")
    return SUFFIXES[suffix]


def export_annotations(annotations: Iterable[Annotation], documents: Iterable[Document],
                       path: Path, fmt: str | None = None, *,
                       title: str = "Annotations") -> Path:
    """Write ``annotations`` to ``path`` in ``fmt`` (else the format its suffix names),
    through a temporary file, so a failure leaves any previous file as it was."""
    path = Path(path)
    fmt = format_for(path, fmt)
    listed = sections(annotations, documents)
    if fmt == "docx":
        document = annotations_docx(listed, title)
        write_atomically(path, lambda tmp: document.save(str(tmp)))
    elif fmt == "csv":
        rows = csv_rows(listed)
        write_atomically(path, lambda tmp: _write_csv(tmp, rows))
    else:
        text = _TEXT_WRITERS[fmt](listed, title)
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def _count(sections: list[Section]) -> str:
    """"12 annotations in 3 documents, exported on 24 November 2026"."""
    items = sum(len(section.items) for section in sections)
    today = format_date(date.today().isoformat())
    return (f"{_plural(items, 'annotation')} in {_plural(len(sections), 'document')}, "
            f"exported on {today}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- Markdown --------------------------------------------------------------------------------

#: Characters that are Markdown wherever they stand, and what makes a line a heading, a
#: list item or a rule when it opens the line ("1." of "1. Decides" escaped as "1\.").
_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|]|&(?=#?\w+;))")
_MD_LINE_START = re.compile(r"^(?:(\d+)([.)])|([#+=-]))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _md_escape(text: str) -> str:
    """``text`` (one line) as Markdown that shows exactly these characters."""
    text = _MD_INLINE.sub(r"\\\1", text.strip())
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _md_quote(text: str) -> str:
    """A block quote every line of which stays inside it, whatever the text starts with."""
    return "\n".join(f"> {_md_escape(line)}".rstrip() for line in text.splitlines()) or ">"


def _md_note(note: str) -> str:
    """The note as the user wrote it (it is Markdown), with an unclosed code fence closed, so
    it cannot swallow the rest of the file."""
    note = note.strip("\n")
    fence = ""
    for line in note.splitlines():
        match = _FENCE.match(line)
        if not match:
            continue
        marker = match.group(1)
        if not fence:
            fence = marker
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip(marker[0]
                                                                                    + " "):
            fence = ""
    return note + ("\n" + fence if fence else "")


def annotations_markdown(sections: list[Section], title: str = "Annotations") -> str:
    lines = [f"# {_md_escape(_one_line(title))}", "", _count(sections) + ".", ""]
    for section in sections:
        lines += [f"## {_md_escape(section.heading)}", ""]
        if section.meta:
            lines += [f"*{_md_escape(section.meta)}*", ""]
        for item in section.items:
            cite = f"**{_md_escape(item.citation)}**"
            if item.annotation.detached:
                cite += f" — *{DETACHED}*"
            lines += [cite, "", _md_quote(item.short_quote), ""]
            if item.annotation.note.strip():
                lines += [_md_note(item.annotation.note), ""]
            lines += [_md_escape(item.details), ""]
    return "\n".join(lines)


# --- HTML ------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; --muted: #555; --rule: #ccc; --alert: #a3360f; }
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.45;
  margin: 2em auto; max-width: 46em; padding: 0 1em; color: #000; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .1em; }
p.meta { margin: .1em 0 .6em; color: var(--muted); font-size: .9em; }
article { border-left: .4em solid var(--rule); padding: .1em 0 .1em .9em; margin: 1.1em 0; }
article.detached-item { border-left-style: dashed; }
p.cite { margin: 0; font-weight: bold; }
.detached { font-weight: normal; font-style: italic; color: var(--alert); }
blockquote { margin: .3em 0; font-style: italic; }
blockquote mark { color: #000; font-style: normal; padding: 0 .1em; }
.note { margin: .3em 0; }
.note h1, .note h2, .note h3, .note h4, .note h5, .note h6 { font-size: 1em; margin: .5em 0 .2em; }
.note p { margin: .3em 0; }
.note pre { white-space: pre-wrap; }
.note table { border-collapse: collapse; }
.note th, .note td { border: 1px solid var(--rule); padding: .1em .4em; }
@media (prefers-color-scheme: dark) {
  :root { --muted: #aaa; --rule: #555; --alert: #f0a070; }
  body { color: #e6e6e6; background: #161616; }
  a { color: #8cb4ff; }
}
@media print {
  :root { --muted: #444; --rule: #999; --alert: #a3360f; }
  @page { size: A4; margin: 2cm; }
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; color: #000;
    background: #fff; }
  h2 { break-after: avoid; }
  article { break-inside: avoid; }
  article, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _css() -> str:
    colours = "\n".join(f"article.c-{name} {{ border-left-color: {value}; }}\n"
                        f".c-{name} mark {{ background: {value}; }}"
                        for name, value in PALETTE.items())
    return _CSS + colours + "\n"


def annotations_html(sections: list[Section], title: str = "Annotations") -> str:
    """One self-contained page (no scripts, no external resources): it must open the same
    on an air-gapped machine and in an e-mail client."""
    esc = html.escape
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{_css()}</style>\n</head>\n<body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(_count(sections))}.</p>',
    ]
    notes: dict[str, str] = {}  # each distinct note rendered once
    for section in sections:
        parts.append(f"<section>\n<h2>{esc(section.heading)}</h2>")
        if section.meta:
            parts.append(f'<p class="meta">{esc(section.meta)}</p>')
        for item in section.items:
            parts.append(_html_item(item, notes))
        parts.append("</section>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _html_item(item: Item, notes: dict[str, str]) -> str:
    esc = html.escape
    annotation = item.annotation
    colour = annotation.color if annotation.color in PALETTE else DEFAULT_COLOR
    classes = f"c-{colour}" + (" bookmark" if annotation.is_bookmark else "")
    if annotation.detached:
        classes += " detached-item"
    cite = esc(item.citation)
    if annotation.detached:
        cite += f' <span class="detached">— {DETACHED}</span>'
    quote = esc(item.short_quote)
    if not annotation.is_bookmark:
        quote = f"<mark>{quote}</mark>"
    note = annotation.note
    if note not in notes:
        notes[note] = render_note(note)
    note_html = f'<div class="note">{notes[note]}</div>\n' if notes[note] else ""
    return (f'<article class="{classes}">\n<p class="cite">{cite}</p>\n'
            f"<blockquote>{quote}</blockquote>\n{note_html}"
            f'<p class="meta">{esc(item.details)}</p>\n</article>')


# --- CSV -------------------------------------------------------------------------------------

CSV_HEADER = ("citation", "document", "paragraph", "quote", "note", "tags", "colour",
              "created", "updated", "detached", "id")
#: What a spreadsheet reads as the start of a formula (or strips before looking for one).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one opening like a formula gets an apostrophe,
    so an exported note such as "=HYPERLINK(…)" is never run."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(sections: list[Section]) -> list[list[str]]:
    """The header and one row per annotation, quotes in full."""
    rows = [list(CSV_HEADER)]
    for section in sections:
        for item in section.items:
            a = item.annotation
            rows.append([_cell(item.citation), _cell(a.symbol), _cell(a.block),
                         _cell(item.quote), _cell(a.note), _cell("; ".join(a.tags)),
                         _cell(a.color), a.created, a.updated,
                         "yes" if a.detached else "no", a.id])
    return rows


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    # The byte-order mark is what makes Excel read the file as UTF-8.
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)


# --- JSON ------------------------------------------------------------------------------------

_FIELDS = tuple(f.name for f in fields(Annotation))
_REQUIRED_TEXT = ("symbol", "block", "id", "created", "updated")
_OPTIONAL_TEXT = ("quote", "prefix", "suffix", "color", "note")
_INFORMATION = ("citation",)  # written for readers of the file, not read back


def annotations_to_json(annotations: Iterable[Annotation]) -> dict:
    """Every field of every annotation, in the given order, under a format tag and version."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported": now(),
        "annotations": [{name: list(a.tags) if name == "tags" else getattr(a, name)
                         for name in _FIELDS} for a in annotations],
    }


def annotations_json(sections: list[Section], title: str = "Annotations") -> str:
    """The export file: ``annotations_to_json`` with each annotation's citation first, for
    a person reading the file (an import ignores it and cites from its own library)."""
    items = [item for section in sections for item in section.items]
    data = annotations_to_json(item.annotation for item in items)
    data["annotations"] = [{"citation": item.citation, **entry}
                           for item, entry in zip(items, data["annotations"], strict=True)]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_json(path: Path) -> list[Annotation]:
    """The annotations of a JSON export, all or none: AnnotationFormatError says what is
    wrong with the file."""
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise AnnotationFormatError(f"Cannot read {name}: {error.strerror or error}.") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnnotationFormatError(f"{name} is not a Plenary annotations file: it is not "
                                    "UTF-8 text.") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnnotationFormatError(f"{name} is not a Plenary annotations file: it is not "
                                    f"valid JSON ({error.msg} at line {error.lineno}, column "
                                    f"{error.colno}).") from error
    except RecursionError as error:
        raise AnnotationFormatError(f"{name} is not a Plenary annotations file: it is "
                                    "nested too deeply.") from error
    try:
        return annotations_from_json(data)
    except AnnotationFormatError as error:
        raise AnnotationFormatError(f"{name} cannot be imported: {error}") from error


def annotations_from_json(data: object) -> list[Annotation]:
    """The annotations ``annotations_to_json`` described, checked field by field."""
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise AnnotationFormatError("it is not a Plenary annotations export (no "
                                    f'"format": "{JSON_FORMAT}").')
    version = data.get("version")
    if not _is_int(version) or version < 1:
        raise AnnotationFormatError(f'its "version" ({version!r}) is not a format version.')
    if version > JSON_VERSION:
        raise AnnotationFormatError(f"it was written by a newer version of Plenary (format "
                                    f"version {version}; this one reads version "
                                    f"{JSON_VERSION}). Update Plenary to import it.")
    items = data.get("annotations")
    if not isinstance(items, list):
        raise AnnotationFormatError('its "annotations" is not a list.')
    result: list[Annotation] = []
    first: dict[str, int] = {}
    for n, item in enumerate(items, 1):
        annotation = _annotation(item, lambda problem, n=n: f"item {n}: {problem}.")
        if annotation.id in first:
            raise AnnotationFormatError(f"item {n}: its id {annotation.id} is already the id "
                                        f"of item {first[annotation.id]}.")
        first[annotation.id] = n
        result.append(annotation)
    return result


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _annotation(item: object, where: Callable[[str], str]) -> Annotation:
    def fail(problem: str) -> AnnotationFormatError:
        return AnnotationFormatError(where(problem))

    if not isinstance(item, dict):
        raise fail("it is not an object of annotation fields")
    unknown = sorted(str(key) for key in item if key not in _FIELDS + _INFORMATION)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}")
    values: dict[str, object] = {}
    for name in _REQUIRED_TEXT:
        if name not in item:
            raise fail(f"{name!r} is missing")
        if not isinstance(item[name], str) or not item[name].strip():
            raise fail(f"{name!r} must be non-empty text")
        values[name] = item[name]
    for name in _OPTIONAL_TEXT + _INFORMATION:
        if name in item:
            if not isinstance(item[name], str):
                raise fail(f"{name!r} must be text")
            values[name] = item[name]
    start, end = item.get("start"), item.get("end")
    for name, value in (("start", start), ("end", end)):
        if value is not None and not _is_int(value):
            raise fail(f"{name!r} must be a whole number")
    if (start is None) != (end is None):
        raise fail("'start' and 'end' must both be numbers or both be null")
    if start is not None and not 0 <= start <= end:  # type: ignore[operator]
        raise fail(f"'start' and 'end' ({start}, {end}) must satisfy 0 <= start <= end")
    values["start"], values["end"] = start, end
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise fail("'tags' must be a list of text")
    values["tags"] = tuple(tags)
    detached = item.get("detached", False)
    if not isinstance(detached, bool):
        raise fail("'detached' must be true or false")
    values["detached"] = detached
    try:
        canonical = str(uuid.UUID(values["id"]))  # type: ignore[arg-type]
    except ValueError:
        canonical = ""
    if canonical != values["id"]:
        raise fail(f"'id' {values['id']!r} is not a UUID in its usual lower-case form")
    for name in ("created", "updated"):
        try:
            datetime.fromisoformat(values[name])  # type: ignore[arg-type]
        except ValueError:
            raise fail(f"{name!r} {values[name]!r} is not an ISO 8601 date and time") from None
    values.pop("citation", None)
    return Annotation(**values)  # type: ignore[arg-type]


# --- Word ------------------------------------------------------------------------------------

#: Control characters XML cannot hold (a form feed left by a PDF) and lone surrogates.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MUTED = "666666"
_ALERT = "A3360F"
_LINK = "0563C1"
_SMALL = 18  # half-points: 9 pt
_MONO = "Consolas"
#: Note paragraph styles by (style, list level); level 3 stands for any deeper one.
_NOTE_STYLES: dict[tuple[str, int], str] = {
    ("plain", 0): "Normal", ("quote", 0): "Quote", ("heading", 0): "Heading 3",
    ("code", 0): "No Spacing",
    **{("bullet", n): "List Bullet" + (f" {n}" if n > 1 else "") for n in (1, 2, 3)},
    **{("numbered", n): "List Number" + (f" {n}" if n > 1 else "") for n in (1, 2, 3)},
    **{("plain", n): "List Continue" + (f" {n}" if n > 1 else "") for n in (1, 2, 3)},
}


def annotations_docx(sections: list[Section], title: str = "Annotations") -> WordDocument:
    """The Word document in memory, for tests and for a caller that adds to it: a portrait
    A4 page with a heading per document, each annotation as its citation, its quote in the
    "Quote" style and its note as real Word paragraphs (lists, headings, bold, links)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2.0))
    _WordBody(document).write(sections, title)
    return document


class _WordBody:
    """Writes the body as WordprocessingML text, parsed once and appended: python-docx's
    ``add_paragraph``/``add_run`` cost far too much for ten thousand annotations. Styles are
    still the document's own (looked up once by name), so Word sees real headings, quotes
    and lists."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.parts: list[str] = []
        self.style_ids: dict[str, str] = {}
        self.links: dict[str, str] = {}  # URL -> relationship id
        self.notes: dict[str, str] = {}  # note -> XML, for notes without a numbered list
        self.numbering = document.part.numbering_part.element
        self.next_num = max((num.numId for num in self.numbering.num_lst), default=0) + 1
        self.new_nums: list[str] = []
        self.list_nums: dict[int, int] = {}  # list level -> numId of the list being written
        self.abstract_nums: dict[str, int] = {}  # list style -> its abstract numbering

    def write(self, sections: list[Section], title: str) -> None:
        self.paragraph("Heading 1", _run(title))
        self.paragraph("Normal", _run(_count(sections) + ".", color=_MUTED))
        for section in sections:
            self.paragraph("Heading 2", _run(section.heading))
            if section.meta:
                self.paragraph("Normal", _run(section.meta, color=_MUTED, size=_SMALL))
            for item in section.items:
                self.item(item)
        self._append()

    def item(self, item: Item) -> None:
        annotation = item.annotation
        colour = PALETTE.get(annotation.color, PALETTE[DEFAULT_COLOR])[1:].upper()
        cite = _run("\u25a0 ", color=colour) + _run(item.citation, bold=True)
        if annotation.detached:
            cite += _run(f" — {DETACHED}", italic=True, color=_ALERT)
        cite += _run("\n" + item.details, color=_MUTED, size=_SMALL)
        self.paragraph("Normal", cite, keep_next=True)
        fill = None if annotation.is_bookmark else colour
        self.paragraph("Quote", _run(item.short_quote, fill=fill))
        if annotation.note.strip():
            self.note(annotation.note)

    def note(self, note: str) -> None:
        cached = self.notes.get(note)
        if cached is not None:
            self.parts.append(cached)
            return
        start = len(self.parts)
        paragraphs = note_paragraphs(note)
        for paragraph in paragraphs:
            self.note_paragraph(paragraph)
        if not any(p.style == "numbered" for p in paragraphs):  # else each copy restarts
            self.notes[note] = "".join(self.parts[start:])

    def note_paragraph(self, paragraph: NoteParagraph) -> None:
        level = min(paragraph.level, 3)
        style = _NOTE_STYLES.get((paragraph.style, level)) or _NOTE_STYLES[paragraph.style, 0]
        num = None
        if paragraph.style == "numbered":
            if paragraph.new_list or level not in self.list_nums:
                self.list_nums[level] = self.restart(style, paragraph.number or 1)
            num = self.list_nums[level]
        runs = "".join(self.note_run(run) for run in paragraph.runs)
        self.paragraph(style, runs, num=num)

    def note_run(self, run: NoteRun) -> str:
        xml = _run(run.text, bold=run.bold, italic=run.italic, strike=run.strike,
                   mono=run.code, color=_LINK if run.link else None, underline=bool(run.link))
        if not run.link:
            return xml
        if run.link not in self.links:
            rid = f"rIdPlenaryLink{len(self.links) + 1}"
            self.document.part.rels.add_relationship(RT.HYPERLINK, run.link, rid,
                                                     is_external=True)
            self.links[run.link] = rid
        return f'<w:hyperlink r:id="{self.links[run.link]}">{xml}</w:hyperlink>'

    def restart(self, style: str, start: int) -> int:
        """A numbering of ``style``'s list that starts again at ``start``: without it, every
        numbered list in every note would continue the previous one."""
        if style not in self.abstract_nums:
            style_num = self.document.styles[style].element.pPr.numPr.numId.val
            self.abstract_nums[style] = self.numbering.num_having_numId(style_num)\
                .abstractNumId.val
        abstract = self.abstract_nums[style]
        num, self.next_num = self.next_num, self.next_num + 1
        self.new_nums.append(f'<w:num w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>'
                             f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/>'
                             "</w:lvlOverride></w:num>")
        return num

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def paragraph(self, style: str, runs: str, *, keep_next: bool = False,
                  num: int | None = None) -> None:
        props = f'<w:pStyle w:val="{self.style_id(style)}"/>'
        if keep_next:
            props += "<w:keepNext/>"
        if num is not None:
            props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
        self.parts.append(f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>")

    def _append(self) -> None:
        """Parse what was written and put it in the body, before the section properties,
        and the new list numberings in the numbering part."""
        body = self.document.element.body
        fragment = parse_xml(f"<w:body {nsdecls('w', 'r')}>{''.join(self.parts)}</w:body>")
        section = body.sectPr
        if section is not None:
            body.remove(section)
        body.extend(list(fragment))
        if section is not None:
            body.append(section)
        if self.new_nums:
            nums = parse_xml(f"<w:numbering {nsdecls('w')}>{''.join(self.new_nums)}"
                             "</w:numbering>")
            cleanup = self.numbering.find(qn("w:numIdMacAtCleanup"))
            for num in list(nums):
                if cleanup is not None:
                    cleanup.addprevious(num)
                else:
                    self.numbering.append(num)


def _run(text: str, *, bold: bool = False, italic: bool = False, strike: bool = False,
         mono: bool = False, color: str | None = None, size: int | None = None,
         underline: bool = False, fill: str | None = None) -> str:
    """One run as WordprocessingML; a "\\n" in ``text`` is a line break."""
    text = html.escape(_XML_UNSAFE.sub("", text), quote=False)
    if "\n" in text:
        text = '</w:t><w:br/><w:t xml:space="preserve">'.join(text.split("\n"))
    return (f"{_run_start(bold, italic, strike, mono, color, size, underline, fill)}"
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


@lru_cache(maxsize=256)
def _run_start(bold: bool, italic: bool, strike: bool, mono: bool, color: str | None,
               size: int | None, underline: bool, fill: str | None) -> str:
    """A run's opening and properties, in the order the schema requires; few distinct ones
    occur, so each is built once."""
    props = ""
    if mono:
        props += f'<w:rFonts w:ascii="{_MONO}" w:hAnsi="{_MONO}" w:cs="{_MONO}"/>'
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if strike:
        props += "<w:strike/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"


_TEXT_WRITERS: dict[str, Callable[[list[Section], str], str]] = {
    "md": annotations_markdown,
    "html": annotations_html,
    "json": annotations_json,
}
