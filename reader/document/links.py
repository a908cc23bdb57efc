"""The ``plenary:`` links inside rendered documents, and where they lead.

Links carry what the citation says (a canonical symbol, or only the partial symbol of a bare
number whose year is unknown, and the cited paragraph number as the text writes it) rather than
a resolved block id: the same HTML stays valid when the library changes, and the window decides
at click time whether to scroll, open a document or show the "not in your library" card.
Links the app makes itself to a known paragraph (the card's list of citing places) name the
block id directly. One link is a command rather than a place: the card's "Import…"
(``plenary:import?target=…``), which the window answers with its import dialog.

Qt-free, so the scheme is tested without a display and the renderer can use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

from corpus.model import Document, Ref
from corpus.paragraph_reference import deepest_block

SCHEME = "plenary"
_ACTION = "open"
#: The card's "Import…": bring the text of the document the card is about into the library.
IMPORT = "import"
_ACTIONS = (_ACTION, IMPORT)
#: What stays readable in a link; "/" and " " are escaped so a symbol is one query value.
_SAFE = "()"
#: "1(d)", "1 (d)", "12": an operative paragraph number, maybe with a sub-paragraph letter.
_PARAGRAPH = re.compile(r"\s*(\d+)\s*((?:\(\s*[a-z0-9\-]{1,8}\s*\)\s*)*)", re.IGNORECASE)


@dataclass(frozen=True)
class LinkTarget:
    """Where a ``plenary:`` link leads.

    Exactly one of ``target`` (canonical symbol) and ``partial`` (``S/RES/2388``: the year is
    unknown) is set. ``paragraph`` is the cited number as written ("6", "1(d)"); ``block`` a
    block id the app already knows (``op18``). ``action`` is "open" for a place, or
    ``IMPORT`` for the card's "Import…" (``target``: the document wanted).
    """

    target: str | None
    partial: str | None = None
    paragraph: str | None = None
    block: str | None = None
    action: str = _ACTION


def link_for(ref: Ref, own_symbol: str) -> str:
    """The link for a citation found in a document whose symbol is ``own_symbol``.

    A citation of the document's own paragraph ("paragraph 84 above") normally carries that
    symbol already; ``own_symbol`` stands in when a ref names neither symbol nor partial.
    """
    if ref.target is None and ref.partial:
        return make_link(partial=ref.partial, paragraph=ref.paragraph)
    return make_link(target=ref.target or own_symbol, paragraph=ref.paragraph)


def make_link(*, target: str | None = None, partial: str | None = None,
              paragraph: str | None = None, block: str | None = None) -> str:
    """``plenary:open?target=…&para=…&block=…``, with the parts that are None left out."""
    if (target is None) == (partial is None):
        raise ValueError("a link names exactly one of target and partial")
    parts = [("target", target), ("partial", partial), ("para", paragraph), ("block", block)]
    query = "&".join(f"{key}={quote(value, safe=_SAFE)}" for key, value in parts
                     if value is not None)
    return f"{SCHEME}:{_ACTION}?{query}"


def make_import_link(symbol: str) -> str:
    """``plenary:import?target=…``: the card's "Import…" for the document ``symbol``."""
    return f"{SCHEME}:{IMPORT}?target={quote(symbol, safe=_SAFE)}"


def parse_link(url: str) -> LinkTarget | None:
    """The target of a ``plenary:`` link; None for any other URL or a malformed one."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme != SCHEME or parts.path not in _ACTIONS:
        return None
    # quote() never writes "+", so one read here is a literal plus, not a space.
    values = dict(parse_qsl(parts.query.replace("+", "%2B"), keep_blank_values=False))
    target, partial = values.get("target"), values.get("partial")
    if (target is None) == (partial is None):
        return None
    if parts.path == IMPORT:
        return LinkTarget(target=target, action=IMPORT) if target else None
    return LinkTarget(target=target, partial=partial, paragraph=values.get("para"),
                      block=values.get("block"))


def link_text(link: LinkTarget) -> str:
    """What a link points to, as a reader writes it (Copy Link Target): "S/RES/2178 (2014),
    para. 6", "S/RES/2388, para. 1(d)" (year unknown), "S/RES/2396 (2017), OP 18"."""
    symbol = link.target or link.partial or ""
    if link.block:
        from corpus.citing import short_label

        return f"{symbol}, {short_label(link.block)}"
    return f"{symbol}, para. {link.paragraph}" if link.paragraph else symbol


def block_for_paragraph(doc: Document, paragraph: str) -> str | None:
    """The block id of a cited paragraph: "47" -> "op47", "1 (d)" -> "op1.d", "9(b)(ii)" ->
    "op9.b.ii", or a block id the citation names itself ("annexB.6", "paragraph 6 of annex B").

    A cited sub-paragraph the document does not split out falls back to the paragraph that
    holds its text; a paragraph the document does not have gives None.
    """
    match = _PARAGRAPH.fullmatch(paragraph)
    if match:
        labels = [label.strip().lower() for label in re.findall(r"\(([^)]*)\)", match.group(2))]
        block_id = ".".join([f"op{match.group(1).lstrip('0') or '0'}", *labels])
    else:
        block_id = paragraph.strip()
    return deepest_block(doc, block_id.split("."))
