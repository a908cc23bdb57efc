"""The "not in your library" card: what a citation of an absent document opens.

Most citations in the bundled texts point outside the library. A dead link would teach the reader
that links are unreliable; the card says plainly why there is nothing to open, and turns the
citation round into something useful: what the Security Council's record says of it (date,
meeting, topic, vote, who vetoed it), an "Import…" link for bringing its text into the library,
and every place in the library that cites the same document, each with the words around the
citation and a link to that paragraph.

Qt-free: plain HTML in the stylesheet of the rendered documents, tested without a display.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from corpus.citing import citation
from corpus.library import Citing
from corpus.model import Block
from reader.document.link_preview import record_facts, year_note
from reader.document.links import make_import_link, make_link
from reader.document.render import stylesheet

if TYPE_CHECKING:
    from corpus.library import Library
    from corpus.record import RecordEntry

#: Characters of context kept on each side of the citation in an excerpt.
CONTEXT = 110
_SC_PARTIAL = re.compile(r"S/RES/(\d+)$")


def citing_places(library: Library, symbol_or_partial: str) -> list[Citing]:
    """Every place in the library citing a symbol, or a partial symbol ("S/RES/2388").

    ``Library.cited_by`` indexes resolved targets only; a bare number whose year nobody gives
    has no target, so its citations are found by their partial symbol
    (``Library.citing_partial``, from the library's index: no document is read to find them).
    """
    places = library.cited_by(symbol_or_partial)
    seen = {(c.symbol, c.block, c.ref.start) for c in places}
    for place in library.citing_partial(symbol_or_partial):
        key = (place.symbol, place.block, place.ref.start)
        if key not in seen:
            places.append(place)
            seen.add(key)
    return places


def render_not_in_library(symbol_or_partial: str, citing: list[Citing], library: Library, *,
                          year_unknown: bool = False, dark: bool = False,
                          entry: RecordEntry | None = None, correction: str | None = None
                          ) -> str:
    """The card for a cited document the library lacks, as a self-contained HTML page.

    ``citing`` lists the places to show (``Library.cited_by``); for a bare number
    (``year_unknown``) the places citing that partial symbol are added, since ``cited_by``
    cannot know them. ``library`` supplies each citing paragraph's label and text. ``entry``
    is the document's entry in the Security Council's record, if it has one; ``correction``
    the record's symbol when the cited year is not the record's (``entry`` is then that one).
    """
    if year_unknown:
        known = {(c.symbol, c.block, c.ref.start) for c in citing}
        citing = citing + [c for c in citing_places(library, symbol_or_partial)
                           if (c.symbol, c.block, c.ref.start) not in known]
    name = _esc(symbol_or_partial)
    body = [f'<p class="card-title">{_unbroken(symbol_or_partial)} is not in your library</p>',
            f'<p class="card-lead">{_lead(symbol_or_partial)}</p>']
    if year_unknown:
        body.append(f'<p class="card-note">{_year_note(symbol_or_partial)}</p>')
    if correction:
        body.append(f'<p class="card-note">{_esc(year_note(symbol_or_partial, correction))}</p>')
    if entry is not None:
        body.append(_facts(entry))
    body.append(f'<p class="card-import"><a class="import" '
                f'href="{_esc(make_import_link(symbol_or_partial))}">Import…</a> '
                "a file of its text (PDF, Word or text) to read it here.</p>")
    count = len(citing)
    if count == 0:
        body.append('<p class="card-count">Nothing in your library cites it.</p>')
    else:
        places = "once" if count == 1 else f"in {count} places"
        body.append(f'<p class="card-count">Cited {places} in your library:</p>')
        body.extend(_place(place, library) for place in citing)
    return (
        '<html><head><meta charset="utf-8"/>'
        f"<title>{name}: not in your library</title><style>{stylesheet(dark)}</style></head>"
        f'<body>{"".join(body)}</body></html>'
    )


def _lead(symbol: str) -> str:
    what = _kind(symbol)
    named = f"the {what} {_unbroken(symbol)}" if what else _unbroken(symbol)
    return (f"Plenary opens only the documents in your library, and {named} is not one of "
            "them. The places below cite it; each opens at its paragraph.")


def _facts(entry: RecordEntry) -> str:
    """What the Security Council's record says of the document, one line a fact."""
    lines = "".join(f'<p class="card-fact"><b>{_esc(label)}:</b> {_esc(value)}</p>'
                    for label, value in record_facts(entry))
    return (f'<p class="card-record">In the Security Council\'s record, '
            f"{_unbroken(entry.symbol)}:</p>{lines}")


def _kind(symbol: str) -> str:
    """What sort of document a symbol names, when its form says so."""
    if symbol.startswith("S/RES/"):
        return "Security Council resolution"
    if symbol.startswith("A/RES/"):
        return "General Assembly resolution"
    if symbol.startswith("S/PRST/"):
        return "presidential statement"
    return ""


def _year_note(partial: str) -> str:
    match = _SC_PARTIAL.match(partial)
    number = match.group(1) if match else partial
    return (f"The text cites resolution {_esc(number)} without its year, and neither your "
            "library nor the Security Council's record gives it. A Security Council symbol "
            "ends with the year of adoption, "
            f"as in {_unbroken('S/RES/2178 (2014)')}; Plenary does not guess one, since a wrong "
            "year would name another resolution.")


def _place(place: Citing, library: Library) -> str:
    doc = library.get(place.symbol)
    block = doc.block(place.block) if doc else None
    label = citation(doc, block) if doc and block else f"{place.symbol}, {place.block}"
    href = make_link(target=place.symbol, block=place.block)
    excerpt = _excerpt(block, place) if block else _esc(place.ref.text)
    return (f'<p class="citing"><a class="citing" href="{_esc(href)}">{_esc(label)}</a></p>'
            f'<p class="excerpt">{excerpt}</p>')


def _excerpt(block: Block, place: Citing) -> str:
    """The words around the citation, cut at word boundaries, the citation marked."""
    text, ref = block.text, place.ref
    start, end = ref.start, ref.end
    if text[start:end] != ref.text:
        found = text.find(ref.text)
        start, end = (found, found + len(ref.text)) if found >= 0 else (0, 0)
    left = max(0, start - CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(text), end + CONTEXT)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    before = ("…" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    cited = f'<span class="cited">{_esc(text[start:end])}</span>' if end > start else ""
    return f"{_esc(before)}{cited}{_esc(after)}"


def _unbroken(symbol: str) -> str:
    """A symbol that does not wrap between its number and its year."""
    return _esc(symbol).replace(" ", "&nbsp;")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
