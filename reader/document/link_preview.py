"""What a citation link shows when the pointer rests on it: the paragraph it cites.

The view knows only which link is under the pointer; the text of the cited paragraph is the
library's to find (the window passes a ``Preview``). This module joins the two and makes the
tooltip, which must show document text as text: a paragraph quoting "<b>" is not markup.
A citation of a document the library lacks shows what the Security Council's record says of
it (``record_preview``), and one whose year the record contradicts says so (``year_note``).
Qt-free, so it is tested without a display.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from corpus.citing import excerpt, format_date
from reader.document.links import LinkTarget, parse_link

if TYPE_CHECKING:
    from corpus.record import RecordEntry

#: A hover preview is cut to this many characters, wrapped to this width.
PREVIEW_CHARS = 700
PREVIEW_WIDTH = 80

#: The text a citation's preview shows (None: nothing to show), given where it leads.
Preview = Callable[[LinkTarget], "str | None"]


def preview_text(href: str, preview: Preview) -> str | None:
    """The preview of the link ``href`` (a link under the pointer; "" for none), if it is a
    citation and ``preview`` has something to show for it."""
    link = parse_link(href)
    return preview(link) if link is not None else None


def preview_html(text: str) -> str:
    """A preview as tooltip rich text: escaped (document text is never markup), wrapped to a
    readable width, cut when long."""
    lines = [wrapped for paragraph in excerpt(text, PREVIEW_CHARS).splitlines()
             for wrapped in (textwrap.wrap(paragraph, PREVIEW_WIDTH) or [""])]
    return "<qt>" + "<br/>".join(html.escape(line, quote=False) for line in lines) + "</qt>"


def record_facts(entry: RecordEntry) -> list[tuple[str, str]]:
    """What the record says of a decision, as (label, value) pairs, the empty ones left out:
    date, meeting, topic, vote and, for a vetoed draft, who vetoed it."""
    facts = [("Date", format_date(entry.date)), ("Meeting", entry.meeting),
             ("Topic", entry.topic), ("Vote", entry.vote)]
    if entry.vetoed_by:
        facts.append(("Vetoed by", ", ".join(entry.vetoed_by)))
    return [(label, value) for label, value in facts if value]


def record_preview(entry: RecordEntry, correction: str | None = None,
                   symbol: str | None = None) -> str:
    """The preview of a citation of a document the library lacks, from its ``entry`` in the
    Security Council's record (plain text: preview_html escapes it). With ``correction`` the
    text cited ``symbol``, whose year the record contradicts, and ``entry`` is the record's."""
    lines = [year_note(symbol or entry.symbol, correction)] if correction else []
    lines.append(f"{entry.symbol} is not in your library. From the Security Council's record:")
    lines += [f"{label}: {value}" for label, value in record_facts(entry)]
    return "\n".join(lines)


def year_note(symbol: str, correction: str) -> str:
    """What a citation whose year the record contradicts says: the text's symbol is kept."""
    return f"The text cites {symbol}; the record has {correction}. The link follows the text."
