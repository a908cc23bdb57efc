"""The document model every layer above the parsers works with.

A resolution is a flat sequence of blocks in reading order. Flat, because everything a reader does
(search hits, links, highlights, comparison rows) points at one paragraph by a stable id such as
``op12`` or ``op9.a``; the hierarchy a renderer needs (sub-paragraph under its operative paragraph,
paragraph under its heading) is carried as ``parent`` and ``heading`` ids instead of nesting.

Offsets (emphasis spans, footnote marks, references) are character offsets into ``Block.text``,
which is the clean prose of the official document: no markup, no page furniture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    TITLE = "title"  # a line of the title block ("Resolution 2396 (2017)", sponsors of a draft)
    NOTE = "note"  # a note on the whole document ("* Reissued for technical reasons on …")
    INTRO = "intro"  # "The Security Council,"
    PREAMBULAR = "preambular"
    HEADING = "heading"  # a section heading among the operative paragraphs
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"  # "(a) …" under an operative paragraph
    FOOTNOTE = "footnote"
    CLOSING = "closing"  # "101st plenary meeting" / "26 June 2018"
    PART = "part"  # "A", "B": a part of the resolution, with its own preamble and operative part
    ANNEX = "annex"  # the line that opens an annex ("Annex B"); its title is the next heading
    ANNEX_PARAGRAPH = "annex_paragraph"  # a paragraph of an annex, numbered or lettered or not


#: Kinds that are paragraphs of the resolution proper: what search, comparison and citation count.
PARAGRAPH_KINDS = frozenset(
    {BlockKind.PREAMBULAR, BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH, BlockKind.FOOTNOTE,
     BlockKind.ANNEX_PARAGRAPH}
)


class DocumentKind(StrEnum):
    RESOLUTION = "resolution"
    DRAFT = "draft"


@dataclass(frozen=True)
class Span:
    """Inline emphasis (italics in the official document), as ``[start, end)`` offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class NoteMark:
    """A footnote marker that stood in the text (``¹⁰``) at ``offset``; ``number`` names the
    footnote block (``fn10``)."""

    number: str
    offset: int


@dataclass
class Ref:
    """A citation found in a block's text.

    ``target`` is the canonical symbol (``S/RES/2178 (2014)``, ``A/RES/60/288``); a citation of a
    paragraph of the same document ("paragraph 47 above") has the citing document's own symbol.
    A bare Security Council number whose year cannot be established has ``target`` None and keeps
    what is known in ``partial`` (``S/RES/2388``): a wrong year would be a wrong link.
    """

    start: int
    end: int
    text: str
    target: str | None
    paragraph: str | None = None
    partial: str | None = None
    in_library: bool = False
    #: The Security Council record's symbol when the text gives the cited resolution another
    #: year ("2195 (2015)" where the record has ``S/RES/2195 (2014)``); ``target`` stays what
    #: the text says. None when the years agree or the record does not list the number.
    record_symbol: str | None = None


@dataclass
class Block:
    id: str
    kind: BlockKind
    text: str
    number: str | None = None  # "12" for op12, "a" for op9.a, "5" for fn5
    parent: str | None = None  # the operative paragraph a sub-paragraph belongs to
    heading: str | None = None  # id of the section heading the paragraph falls under
    verb: str | None = None  # operative verb phrase, or the opening phrase of a preambular one
    emphasis: tuple[Span, ...] = ()
    notes: tuple[NoteMark, ...] = ()
    refs: list[Ref] = field(default_factory=list)
    line: int = 0  # 1-based line of the source where the block starts
    #: The part ("A", "B") of a resolution in parts (S/RES/820 (1993)), else None.
    part: str | None = None
    #: The annex the block belongs to: its label ("B", "I"), "" for a document's only annex
    #: ("Annex"), None for the resolution itself. Annex blocks have ids ``annexB.6``.
    annex: str | None = None


@dataclass
class Document:
    symbol: str
    body: str
    #: ISO 8601: the day ("2017-12-21"), or the year alone ("2015", reduced precision) for a
    #: document whose text states no day; see ``date_known``.
    date: str
    title: str
    kind: DocumentKind
    blocks: list[Block]
    meeting: str | None = None
    subject: str | None = None
    sponsors: list[str] = field(default_factory=list)
    #: e.g. {"draft_of": "S/RES/2396 (2017)"} on a draft, {"draft": "S/2017/1051"} on its resolution
    relations: dict[str, str] = field(default_factory=dict)
    source: str = ""
    format: str = ""

    @property
    def year(self) -> int:
        return int(self.date[:4])  # "2017-12-21" and "2015" alike

    @property
    def date_known(self) -> bool:
        """Whether the day is known: False when ``date`` is the year alone ("2015")."""
        return len(self.date) == 10

    def block(self, block_id: str) -> Block | None:
        for block in self.blocks:
            if block.id == block_id:
                return block
        return None

    def blocks_of(self, kind: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    @property
    def intro(self) -> str:
        """The preamble intro ("The Security Council,")."""
        intro = self.blocks_of(BlockKind.INTRO)
        return intro[0].text if intro else ""
