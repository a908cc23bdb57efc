"""What a citation link shows when the pointer rests on it: the paragraph it cites.

The view knows only which link is under the pointer; the text of the cited paragraph is the
library's to find (the window passes a ``Preview``). This module joins the two and makes the
tooltip, which must show document text as text: a paragraph quoting "<b>" is not markup.
Qt-free, so it is tested without a display.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable

from corpus.citing import excerpt
from reader.document.links import LinkTarget, parse_link

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
