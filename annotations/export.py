"""Annotations out of Plenary: a Markdown file, an HTML page, a CSV table, a Word document,
and a JSON file Plenary reads back.

Every format draws the same description, ``annotations.sections``: documents in library order,
each headed by its symbol, title and subject, with its annotations in reading order
(``by_document``), each annotation with its citation, its words marked in their sentence
(``annotations.context``), its note, tags, date and colour; or, ``by_tag``, the same items
under each of their tags. So the page, the table and the Word file never disagree on what an
annotation says. A detached annotation is listed like the others, marked as no longer found in
the text: an export is where a reader checks what was kept.

The reading formats (Markdown, HTML, Word) follow the grouping; the data formats hold each
annotation once: the CSV in the grouping's order, the JSON (lossless, read back) always by
document, since an annotation listed twice would be refused on import.

This module picks the format (``format_for``), writes the file (``export_annotations``) and
holds the small text formats: Markdown, HTML and CSV. The Word writer is ``annotations.word``;
the JSON file, the lossless one that ``read_json`` reads back with strict checks, is
``annotations.json_format``, whose reading and writing are importable from here too.

Qt-free: the window and the command line call these.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.context import Context

# annotations_json writes the JSON export; the rest are imported from here by main.py and
# reader/, as they were before the JSON format had its own module.
from annotations.json_format import (  # noqa: F401
    AnnotationFormatError,
    annotations_from_json,
    annotations_json,
    annotations_to_json,
    read_json,
)
from annotations.model import DEFAULT_COLOR, PALETTE, Annotation
from annotations.notes import active_links, render_note, unsafe_link
from annotations.sections import (
    DETACHED,
    Item,
    Section,
    by_tag,
    one_line,
    sections,
    summary_line,
)
from annotations.word import annotations_docx
from corpus.files import write_atomically
from corpus.model import Document

if TYPE_CHECKING:
    from annotations.store import AnnotationStore

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


@dataclass(frozen=True)
class ExportChoice:
    """What an export takes and the title its file gets: decided here, so the Export dialog
    and ``main.py annotations export`` choose alike."""

    annotations: list[Annotation]
    title: str


def choose_for_export(store: AnnotationStore, *, document: str | None = None,
                      tag: str | None = None) -> ExportChoice:
    """Every annotation, those on ``document``, those tagged ``tag``, or those on the
    document with the tag; in the store's order (the export sorts them by document)."""
    chosen = store.for_document(document) if document else store.all()
    if tag:
        chosen = [a for a in chosen if tag in a.tags]
    title = (f"Annotations on {document}" if document else "Annotations") + (
        f" tagged “{tag}”" if tag else "")
    return ExportChoice(chosen, title)


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
                       title: str = "Annotations", grouped_by_tag: bool = False) -> Path:
    """Write ``annotations`` to ``path`` in ``fmt`` (else the format its suffix names),
    by document or ``grouped_by_tag``, through a temporary file, so a failure leaves any
    previous file as it was."""
    path = Path(path)
    fmt = format_for(path, fmt)
    listed = sections(annotations, documents)
    if grouped_by_tag and fmt != "json":
        listed = by_tag(listed)
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


# --- Markdown --------------------------------------------------------------------------------

#: Characters that are Markdown wherever they stand, and what makes a line a heading, a
#: list item or a rule when it opens the line ("1." of "1. Decides" escaped as "1\.").
_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|]|&(?=#?\w+;))")
_ESCAPED = r"\\\1"
_MD_LINE_START = re.compile(r"^(?:(\d+)([.)])|([#+=-]))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _md_escape(text: str) -> str:
    """``text`` (one line) as Markdown that shows exactly these characters."""
    return _md_line_start(_MD_INLINE.sub(_ESCAPED, text.strip()))


def _md_line_start(line: str) -> str:
    """``line`` with what would make it a heading, list item or rule escaped."""
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def _md_quote(text: str) -> str:
    """A block quote every line of which stays inside it, whatever the text starts with."""
    return "\n".join(f"> {_md_escape(line)}".rstrip() for line in text.splitlines()) or ">"


def _md_passage(passage: Context) -> str:
    """The passage as a block quote, the highlighted words in bold: "> … **the words** …".
    Every piece is escaped, so the only emphasis is the mark; a mark over several lines is
    closed and opened again on each."""
    if not passage.words.strip():
        return _md_quote(passage.text)
    pieces = [(passage.before, False), (passage.words, True), (passage.after, False)]
    lines: list[list[tuple[str, bool]]] = [[]]
    for text, marked in pieces:
        for n, part in enumerate(text.split("\n")):
            if n:
                lines.append([])
            lines[-1].append((part, marked))
    out = []
    for line in lines:
        written = "".join(_md_piece(text, marked) for text, marked in line).strip()
        if not written.startswith("**"):  # else a mark opens the line: no list, no heading
            written = _md_line_start(written)
        out.append(f"> {written}".rstrip())
    return "\n".join(out)


def _md_piece(text: str, marked: bool) -> str:
    """A piece of one line, escaped; in bold when ``marked`` (its spaces outside the bold,
    where Markdown needs them)."""
    if not marked or not text.strip():
        return _MD_INLINE.sub(_ESCAPED, text)
    lead, core, tail = _split_spaces(text)
    return f"{lead}**{_MD_INLINE.sub(_ESCAPED, core)}**{tail}"


def _split_spaces(text: str) -> tuple[str, str, str]:
    """``text`` as (its leading spaces, the rest, its trailing spaces)."""
    core = text.strip()
    lead = text[:len(text) - len(text.lstrip())]
    return lead, core, text[len(lead) + len(core):]


_CODE_SPAN = re.compile(r"(`+)(?:.*?)\1")


def _md_note(note: str) -> str:
    """The note as the user wrote it (it is Markdown), with an unclosed code fence closed, so
    it cannot swallow the rest of the file, and "<" outside code written as "&lt;": raw HTML
    in a note (perhaps from someone else's export) stays text in any Markdown viewer, as it
    does in Plenary. Images become plain links (a viewer would fetch them, telling their owner
    who opened the file) and javascript:, vbscript: and data: links only their text; a note
    where that cannot be done line by line is written as plain text."""
    note = note.strip("\n")
    fence = ""
    lines = []
    for line in note.splitlines():
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip(
                    marker[0] + " "):
                fence = ""
        elif not fence:
            line = _escape_tags(line)
            if _REFERENCE.match(line) and unsafe_link(_REFERENCE.match(line)[2]):
                continue  # the definition of an unsafe link: its uses stay as text
        lines.append(line)
    text = "\n".join(lines) + ("\n" + fence if fence else "")
    if ("[" in text or "<" in text) and active_links(text):
        return "\n".join(_md_escape(line) for line in note.splitlines())
    return text


#: An inline link or image: ``[text](url "title")``, text with one level of brackets.
_LINK = re.compile(r"""(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]\(\s*"""
                   r"""(<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"""
                   r"""((?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"""
                   r"""\s*)\)""")
#: A link reference definition: ``[label]: url``.
_REFERENCE = re.compile(r"^ {0,3}\[((?:[^\[\]\\]|\\.)+)\]:\s*(<[^<>\n]*>|\S+)")


def _md_link(match: re.Match) -> str:
    """An image as a link to it, an unsafe link as its text; the text inside done likewise."""
    bang, text, url = match[1], _LINK.sub(_md_link, match[2]), match[3]
    if unsafe_link(url):
        return text
    if bang:
        return f"[{text or _md_escape(url.strip('<>'))}]({url})"
    return f"[{text}]({url}{match[4]})"


def _escape_tags(line: str) -> str:
    """``<`` as ``&lt;`` except inside inline code spans, where Markdown shows it as written;
    outside them, images made links and unsafe links made text (``_md_link``); a remaining
    ``![`` (an image by reference) made a link by escaping its ``!``."""
    out, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        out += [_outside_code(line[last:span.start()]), span.group()]
        last = span.end()
    out.append(_outside_code(line[last:]))
    return "".join(out)


def _outside_code(text: str) -> str:
    text = _BANG.sub(r"\\![", _LINK.sub(_md_link, text))
    return text.replace("<", "&lt;")


_BANG = re.compile(r"(?<!\\)!\[")


def annotations_markdown(sections: list[Section], title: str = "Annotations") -> str:
    lines = [f"# {_md_escape(one_line(title))}", "", summary_line(sections) + ".", ""]
    for section in sections:
        lines += [f"## {_md_escape(section.heading)}", ""]
        if section.meta:
            lines += [f"*{_md_escape(section.meta)}*", ""]
        for item in section.items:
            cite = f"**{_md_escape(item.citation)}**"
            if item.annotation.detached:
                cite += f" — *{DETACHED}*"
            lines += [cite, "", _md_passage(item.passage), ""]
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
        f'<p class="meta">{esc(summary_line(sections))}.</p>',
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
    passage = item.passage
    quote = esc(passage.before)
    if passage.words:
        quote += f"<mark>{esc(passage.words)}</mark>"
    quote += esc(passage.after)
    note = annotation.note
    if note not in notes:
        notes[note] = render_note(note)
    note_html = f'<div class="note">{notes[note]}</div>\n' if notes[note] else ""
    return (f'<article class="{classes}">\n<p class="cite">{cite}</p>\n'
            f"<blockquote>{quote}</blockquote>\n{note_html}"
            f'<p class="meta">{esc(item.details)}</p>\n</article>')


# --- CSV -------------------------------------------------------------------------------------

CSV_HEADER = ("citation", "document", "paragraph", "quote", "context", "note", "tags",
              "colour", "created", "updated", "detached", "id")
#: What a spreadsheet reads as the start of a formula (or strips before looking for one).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one opening like a formula gets an apostrophe,
    so an exported note such as "=HYPERLINK(…)" is never run."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(sections: list[Section]) -> list[list[str]]:
    """The header and one row per annotation (once, where it is first listed), quotes in
    full; "context" is the sentence holding a highlight's words (a bookmark's is its quote)."""
    rows = [list(CSV_HEADER)]
    seen: set[str] = set()
    for section in sections:
        for item in section.items:
            a = item.annotation
            if a.id in seen:
                continue
            seen.add(a.id)
            context = item.context.text if item.context is not None else item.quote
            rows.append([_cell(item.citation), _cell(a.symbol), _cell(a.block),
                         _cell(item.quote), _cell(context), _cell(a.note),
                         _cell("; ".join(a.tags)),
                         _cell(a.color), a.created, a.updated,
                         "yes" if a.detached else "no", a.id])
    return rows


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    # The byte-order mark is what makes Excel read the file as UTF-8.
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)


_TEXT_WRITERS: dict[str, Callable[[list[Section], str], str]] = {
    "md": annotations_markdown,
    "html": annotations_html,
    "json": annotations_json,
}
