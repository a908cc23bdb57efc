"""Parsing a source file into a Document: decode, read the raw form, build the structure.

Each raw form is a reader registered by the manifest's ``format`` name; they differ only in how
they get from the file to raw blocks and in how much repair the joined paragraphs need.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from pathlib import Path

from corpus.errors import SourceError
from corpus.manifest import SourceEntry
from corpus.model import Document
from corpus.parsing.rawblock import RawBlock

#: Bump whenever a change to the parsers changes their output: cached documents are re-parsed.
PARSER_VERSION = 2


@dataclass(frozen=True)
class RawForm:
    reader: str  # "module:function", imported on first use: a warm start parses nothing
    wrapped: bool  # raw blocks are wrapped lines, not paragraphs
    needs_vocabulary: bool  # in-word damage to repair against the library's clean words

    def read(self, text: str) -> list[RawBlock]:
        module, function = self.reader.split(":")
        reader: Callable[[str], list[RawBlock]] = getattr(import_module(module), function)
        return reader(text)


FORMS: dict[str, RawForm] = {
    "markdown": RawForm("corpus.parsing.markdown_form:read_markdown", wrapped=False,
                        needs_vocabulary=False),
    "pdf-text": RawForm("corpus.parsing.pdf_form:read_pdf_text", wrapped=True,
                        needs_vocabulary=True),
}


def decode_source(path: Path, data: bytes) -> str:
    """The text of a source file, or a SourceError saying why there is none."""
    if not data.strip():
        raise SourceError(path, "the file is empty")
    if b"\x00" in data[:65536]:
        raise SourceError(path, "this is binary data, not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(path, f"the text is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be "
                          "read)", line=line) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text) // 100 + 8:
        raise SourceError(path, "this is binary data, not a text file")
    return text


def parse_source(entry: SourceEntry, data: bytes, vocabulary: frozenset[str]) -> Document:
    # The passes load here, not at import: a warm start takes every document from the cache
    # and should not pay for compiling the parsers' patterns.
    from corpus.parsing.repair import repair_text, tidy_spacing
    from corpus.parsing.structure import build_structure

    try:
        form = FORMS[entry.format]
    except KeyError:
        raise SourceError(entry.path, f"unknown source format {entry.format!r}; known: "
                          f"{', '.join(FORMS)}") from None
    text = decode_source(entry.path, data)
    repair = partial(repair_text, vocab=vocabulary) if form.needs_vocabulary else tidy_spacing
    structure = build_structure(form.read(text), path=entry.path, wrapped=form.wrapped,
                                repair=repair)
    relations = {"draft_of": entry.draft_of} if entry.draft_of else {}
    return Document(
        symbol=entry.symbol, body=entry.body, date=entry.date, title=entry.title, kind=entry.kind,
        blocks=structure.blocks, meeting=entry.meeting, subject=entry.subject,
        sponsors=structure.sponsors, relations=relations, source=entry.path.name,
        format=entry.format,
    )
