"""Reader for the Markdown export of official documents.

markdown-it-py does the Markdown: emphasis, escaped parentheses, links such as
``[1373 \\(2001\\)](#)``, ordered lists (operative paragraphs on consecutive lines) and the
bullet that the export makes of "* Reissued for technical reasons…". What comes out is the text
a reader sees, with its italics, one raw block per Markdown paragraph.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from corpus.parsing.rawblock import RawBlock
from corpus.parsing.styled import Styled

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_TEXT_BLOCKS = {"paragraph_open", "heading_open"}


#: A footnote in Markdown's extended syntax: the marker "[^3]" and the definition "[^3]: …".
_MARKER = re.compile(r"\[\^(\d{1,3})\]")
_DEFINITION = re.compile(r"^\[\^(\d{1,3})\]:\s*")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def read_markdown(source: str) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for block in _read(source):
        blocks.extend(_footnotes(block))
    return blocks


def _footnotes(block: RawBlock) -> list[RawBlock]:
    """"[^3]" markers as the export's superscripts (which the structure pass reads), and
    "[^3]: …" definitions (several may share a paragraph) as footnote blocks."""
    text = block.text
    if "[^" not in text.text:
        return [block]
    if not _DEFINITION.match(text.text):
        return [RawBlock(text.sub(_MARKER, lambda m: m.group(1).translate(_SUPERSCRIPT)),
                         block.line, block.gap)]
    notes: list[RawBlock] = []
    for offset, line in enumerate(text.text.split("\n")):
        definition = _DEFINITION.match(line)
        if definition:
            notes.append(RawBlock(Styled.plain(line[definition.end():]), block.line + offset,
                                  footnote=definition.group(1)))
        elif notes:  # a definition's continuation line
            last = notes[-1]
            notes[-1] = RawBlock(last.text + Styled.plain(" " + line.strip()), last.line,
                                 footnote=last.footnote)
    return notes


def _read(source: str) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    prefix = ""
    tokens = _MARKDOWN.parse(source)
    for i, token in enumerate(tokens):
        if token.type == "list_item_open":
            # The list marker is structure the shared pass reads: put it back in the text.
            prefix = f"{token.info}. " if token.info else f"{token.markup} "
        elif token.type in _TEXT_BLOCKS:
            inline = tokens[i + 1]
            line = token.map[0] + 1 if token.map else 0
            for piece in _inline_pieces(inline.children or []):
                if prefix:
                    piece = Styled.plain(prefix) + piece
                    prefix = ""
                blocks.append(RawBlock(piece, line))
        elif token.type in ("code_block", "fence"):
            # An indented line is not code in these exports, just text indented by accident.
            line = token.map[0] + 1 if token.map else 0
            for offset, text in enumerate(token.content.splitlines()):
                if text.strip():
                    blocks.append(RawBlock(Styled.plain(text.strip()), line + offset))
    return blocks


def _inline_pieces(children: list[Token]) -> list[Styled]:
    """The text of one paragraph; bold runs split it, because the export's bold marks the
    separate lines of the title block ("Resolution 2396 (2017)" / "Adopted by …")."""
    pieces: list[Styled] = []
    current = Styled.plain("")
    italic = 0
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            # Unbalanced bold ("****") survives as literal asterisks: it is markup, not text.
            text = child.content.replace("**", "") if "**" in child.content else child.content
            current = current + (Styled.emphasised(text) if italic else Styled.plain(text))
        elif kind in ("softbreak", "hardbreak"):
            # Kept as a newline: closing lines ("101st plenary meeting" / "26 June 2018") are
            # separate lines; everywhere else the structure pass folds it into a space.
            current = current + Styled.plain("\n")
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind in ("strong_open", "strong_close"):
            if current.strip():
                pieces.append(current)
            current = Styled.plain("")
        elif kind == "image":
            current = current + Styled.plain(child.content)
    if current.strip():
        pieces.append(current)
    return pieces
