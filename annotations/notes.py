"""A reader's note: Markdown as written, shown as HTML, exported as Word paragraphs.

Notes are the one piece of text in Plenary that a user writes, so they are the one piece that
must never act as markup of its own: raw HTML in a note is shown as text (markdown-it's
``html`` option off) and links keep only the schemes markdown-it's ``validateLink`` allows
(no ``javascript:``, ``vbscript:``, ``file:``, non-image ``data:``). Images are shown as links
to the picture, never fetched: a page that loads a remote image tells its owner who opened it.

``note_paragraphs`` describes a note as paragraphs of styled runs, the shape a Word document
has, so the Word export writes real lists, quotes and bold text instead of Markdown marks.

markdown-it is imported on first use: start-up does not need it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: How a paragraph of a note is set: body text, a list item, a quotation, a heading, code.
ParagraphStyle = Literal["plain", "bullet", "numbered", "quote", "heading", "code"]


@dataclass(frozen=True)
class NoteRun:
    """A stretch of text with one formatting; ``link`` is the target of a link ("" if none).
    A "\\n" in ``text`` is a line break within the paragraph."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    link: str = ""


@dataclass(frozen=True)
class NoteParagraph:
    """One paragraph of a note. ``level`` is the list nesting depth (1 for an item of a
    top-level list, 0 outside lists); a numbered item has its ``number``, and ``new_list``
    marks the first item of a list, where a Word document restarts its numbering."""

    style: ParagraphStyle
    runs: tuple[NoteRun, ...]
    level: int = 0
    number: int | None = None
    new_list: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def render_note(markdown: str) -> str:
    """The note as HTML, safe to put in a page: every character the user typed is either
    Markdown or escaped text."""
    return _render(markdown) if markdown.strip() else ""


def note_paragraphs(markdown: str) -> list[NoteParagraph]:
    """The note as styled paragraphs, for the Word export."""
    return list(_paragraphs(markdown)) if markdown.strip() else []


def note_text(markdown: str) -> str:
    """The note as plain text without Markdown marks, one line per paragraph, list items
    with their bullet or number: for tooltips and one-line displays."""
    lines = []
    for paragraph in note_paragraphs(markdown):
        indent = "  " * paragraph.level
        if paragraph.style == "bullet":
            indent = indent[2:] + "• "
        elif paragraph.style == "numbered":
            indent = indent[2:] + f"{paragraph.number}. "
        lines.append(indent + paragraph.text)
    return "\n".join(lines)


#: Link schemes that run code or carry a whole document: never a link in any export.
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def unsafe_link(url: str) -> bool:
    """Whether ``url`` is a javascript:, vbscript: or data: link, however it is disguised
    (entities, case, spaces and control characters, which browsers drop from a scheme)."""
    plain = html.unescape(url.strip().strip("<>"))
    plain = "".join(ch for ch in plain if ch > " ").lower()
    return plain.startswith(UNSAFE_SCHEMES)


def active_links(markdown: str) -> list[tuple[str, str]]:
    """Every image and every unsafe link a Markdown viewer would make of ``markdown``, as
    (kind, url): what the Markdown export must not leave in a note. Read with a parser that
    accepts every link, as a viewer less careful than markdown-it might."""
    found = []
    for token in _permissive().parse(markdown):
        for child in token.children or ():
            if child.type == "image":
                found.append(("image", str(child.attrs.get("src", ""))))
            elif child.type == "link_open" and unsafe_link(str(child.attrs.get("href", ""))):
                found.append(("link", str(child.attrs.get("href", ""))))
    return found


# --- markdown-it -----------------------------------------------------------------------------

@cache
def _permissive() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable(["strikethrough", "table"])
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable(["strikethrough", "table"])
    parser.add_render_rule("image", _render_image)
    return parser


def _render_image(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """An image as a link to it, labelled with its description: never loaded by the page."""
    token = tokens[idx]
    label = html.escape(token.content or str(token.attrs.get("src", "")), quote=False)
    src = html.escape(str(token.attrs.get("src", "")))
    return f'<a href="{src}">{label}</a>' if src else label


@lru_cache(maxsize=1024)
def _render(markdown: str) -> str:
    return _parser().render(markdown)


@lru_cache(maxsize=1024)
def _paragraphs(markdown: str) -> tuple[NoteParagraph, ...]:
    return tuple(_walk(_parser().parse(markdown)))


def _walk(tokens: Sequence[Token]) -> list[NoteParagraph]:
    """The block tokens as paragraphs. A list item's first paragraph carries the bullet or
    number; its further paragraphs are plain text at the item's indent."""
    paragraphs: list[NoteParagraph] = []
    lists: list[list] = []  # [style, next number] per open list, innermost last
    quotes = 0
    fresh_item = fresh_list = heading = False
    row: list[tuple[NoteRun, ...]] | None = None
    header_row = False
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else 0
            lists.append(["bullet" if kind == "bullet_list_open" else "numbered", start])
            fresh_list = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            fresh_item = True
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind in ("fence", "code_block"):
            text = token.content.rstrip("\n")
            paragraphs.append(NoteParagraph("code", (NoteRun(text, code=True),), len(lists)))
        elif kind == "thead_open":
            header_row = True
        elif kind == "thead_close":
            header_row = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            paragraphs.append(NoteParagraph("plain", _table_row(row), len(lists)))
            row = None
        elif kind == "inline":
            runs = _runs(token.children or ())
            if row is not None:
                row.append(tuple(replace(r, bold=True) for r in runs) if header_row else runs)
            elif heading:
                paragraphs.append(NoteParagraph("heading", runs))
            elif fresh_item and lists:
                style, number = lists[-1]
                if style == "numbered":
                    lists[-1][1] += 1
                paragraphs.append(NoteParagraph(style, runs, len(lists),
                                                number if style == "numbered" else None,
                                                fresh_list))
                fresh_item = fresh_list = False
            else:
                paragraphs.append(NoteParagraph("quote" if quotes else "plain", runs,
                                                len(lists)))
    return [p for p in paragraphs if p.runs or p.style in ("bullet", "numbered")]


def _table_row(cells: list[tuple[NoteRun, ...]]) -> tuple[NoteRun, ...]:
    """A table row as one line, cells apart by a bar: Word paragraphs have no columns."""
    runs: list[NoteRun] = []
    for n, cell in enumerate(cells):
        if n:
            runs.append(NoteRun(" | "))
        runs.extend(cell)
    merged: list[NoteRun] = []
    for run in runs:
        if merged and _format(merged[-1]) == _format(run):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def _format(run: NoteRun) -> tuple:
    return run.bold, run.italic, run.code, run.strike, run.link


def _runs(children: Sequence[Token]) -> tuple[NoteRun, ...]:
    """The inline tokens as runs, neighbours with the same formatting joined: fewer, longer
    Word runs."""
    texts: list[str] = []
    formats: list[tuple] = []
    bold = italic = strike = 0
    link = ""
    for token in children:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "link_open":
            link = str(token.attrs.get("href", ""))
        elif kind == "link_close":
            link = ""
        else:
            text = _BREAKS.get(kind, token.content)
            if not text:
                continue
            style = (bold > 0, italic > 0, kind == "code_inline", strike > 0, link)
            if formats and formats[-1] == style:
                texts[-1] += text
            else:
                texts.append(text)
                formats.append(style)
    return tuple(NoteRun(text, *style) for text, style in zip(texts, formats, strict=True))


_BREAKS = {"softbreak": " ", "hardbreak": "\n"}
