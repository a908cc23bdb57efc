"""What an imported text says about itself: symbol, body, date, meeting, draft or resolution.

Official documents state their metadata in a few fixed phrasings, all on the first page or in the
closing lines:

* the letterhead: "United Nations  S/2017/1051", "Security Council  Distr.: General" and the
  date of issue ("21 December 2017");
* a Security Council resolution's title block: "Resolution 2396 (2017)" / "Adopted by the
  Security Council at its 8148th meeting, on 21 December 2017";
* a General Assembly resolution's: "Resolution adopted by the General Assembly on 26 June 2018",
  "72/284. The United Nations Global Counter-Terrorism Strategy Review", and the closing lines
  "101st plenary meeting" / "26 June 2018" (or "Adopted at its 101st plenary meeting, on …");
* a draft's title line: "Albania, Australia, … and Uruguay: draft resolution";
* the preamble intro, "The Security Council," / "The General Assembly,".

Only what one of these says is taken; anything else stays None for the reader to fill in. A
draft's date is its date of issue; a resolution's is the day it was adopted, which the issue date
is not (a General Assembly resolution is issued days later), so that one is never guessed from it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from corpus.citations import find_citations
from corpus.model import DocumentKind
from corpus.parsing.phrases import INTRO, intro_organ
from corpus.parsing.sponsors import parse_sponsors

#: What a library entry cannot do without. Not the agenda title: a resolution's text rarely
#: states it (the Markdown export has none), and a document without one is listed by symbol.
REQUIRED = ("symbol", "body", "date", "kind")


@dataclass
class Metadata:
    symbol: str | None = None  # canonical: "S/RES/2396 (2017)", "A/RES/72/284", "S/2017/1051"
    body: str | None = None  # "Security Council" | "General Assembly" | …
    date: str | None = None  # ISO 8601
    meeting: str | None = None  # "8148th meeting" / "101st plenary meeting"
    kind: DocumentKind | None = None  # RESOLUTION or DRAFT
    title: str | None = None  # the agenda item title
    subject: str | None = None
    draft_of: str | None = None
    sponsors: list[str] = field(default_factory=list)

    def missing(self) -> list[str]:
        """The required fields (those a library entry cannot do without) still unknown."""
        return [name for name in REQUIRED if getattr(self, name) is None]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DATE = rf"(\d{{1,2}}) ({'|'.join(_MONTHS)}),? (\d{{4}})"
_BODIES = ("Security Council", "General Assembly", "Economic and Social Council",
           "Human Rights Council")
_BODY = "|".join(_BODIES)
_ORDINAL = r"\d+(?:st|nd|rd|th)"

_ADOPTED_BY = re.compile(
    rf"\bAdopted by the ({_BODY}) at its ({_ORDINAL} (?:plenary )?meeting),? (?:held )?on {_DATE}")
_ADOPTED_AT = re.compile(rf"\bAdopted at its ({_ORDINAL} (?:plenary )?meeting),? on {_DATE}")
_ADOPTED_ON = re.compile(rf"\bResolution adopted by the ({_BODY}) on {_DATE}")
_ISSUED = re.compile(rf"\bDistr\.:\s*[A-Za-z]+\s+{_DATE}")
_CLOSING = re.compile(rf"({_ORDINAL} plenary meeting)\s+{_DATE}")
_SC_TITLE = re.compile(r"^Resolution (\d{1,5}) \((\d{4})\)\**$")
#: Bodies whose resolutions are numbered "session/number." and the symbol series of each.
_SESSION_SERIES = {"General Assembly": "A/RES", "Human Rights Council": "A/HRC/RES"}
_GA_TITLE = re.compile(r"^(\d{1,3})/(\d{1,4})\.\s+(\S.*)$")
_SYMBOL_LINE = re.compile(
    r"^(?:United Nations\s+)?((?:S|A|E)/[A-Z0-9][\w./-]*(?:\s*\(\d{4}\))?)\**$")
_DRAFT_LINE = re.compile(r":\s*(?:revised )?draft resolution\s*$", re.I)
_DRAFT_WORDS = re.compile(r"\bdraft resolution\b", re.I)


def detect_metadata(text: str, format: str) -> Metadata:
    """The metadata ``text`` (in the raw form ``format``) states, the rest left None."""
    lines = _lines(text, format)
    intro = next((i for i, line in enumerate(lines) if INTRO.match(line)), None)
    front = lines[:intro] if intro is not None else lines[:60]
    front_text = " ".join(front)
    meta = Metadata()

    if intro is not None:
        stated = intro_organ(lines[intro])
        meta.body = stated if stated in _BODIES else None
    if match := _ADOPTED_BY.search(front_text):
        meta.body = meta.body or match.group(1)
        meta.meeting, meta.date = match.group(2), _iso(*match.groups()[2:])
        meta.kind = DocumentKind.RESOLUTION
    elif match := _ADOPTED_AT.search(front_text):
        meta.meeting, meta.date = match.group(1), _iso(*match.groups()[1:])
        meta.kind = DocumentKind.RESOLUTION
    if match := _ADOPTED_ON.search(front_text):
        meta.body = meta.body or match.group(1)
        meta.date = meta.date or _iso(*match.groups()[1:])
        meta.kind = DocumentKind.RESOLUTION
    if meta.meeting is None and (closing := _closing(lines)):
        meta.meeting, meta.date = closing[0], meta.date or closing[1]
        meta.kind = DocumentKind.RESOLUTION

    _read_symbol_and_title(meta, front, format)
    _read_draft(meta, front, format)
    if meta.body is None and meta.symbol:
        meta.body = _body_of_symbol(meta.symbol)
    if meta.kind == DocumentKind.DRAFT and meta.date is None and (
            match := _ISSUED.search(front_text)):
        meta.date = _iso(*match.groups())
    return meta


def _closing(lines: list[str]) -> tuple[str, str | None] | None:
    """The closing lines of a General Assembly resolution ("101st plenary meeting" / "26 June
    2018"), near the end: footnotes may follow them."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 40), -1):
        pair = lines[i] if _CLOSING.match(lines[i]) else " ".join(lines[i:i + 2])
        if match := _CLOSING.fullmatch(pair):
            return match.group(1), _iso(*match.groups()[1:])
    return None


def _lines(text: str, format: str) -> list[str]:
    """The text's lines as a reader sees them: for the Markdown form its paragraphs' lines with
    the markup gone (the export's bold splits title lines), for PDF text its non-empty lines."""
    if format == "markdown":
        from corpus.parsing.markdown_form import read_markdown

        raw = [line for block in read_markdown(text) for line in block.text.text.split("\n")]
    else:
        raw = text.splitlines()
    return [line for line in (" ".join(r.split()) for r in raw) if line]


def _read_symbol_and_title(meta: Metadata, front: list[str], format: str) -> None:
    for line in front:
        match = _SYMBOL_LINE.match(line)
        if match and (symbol := canonical_symbol(match.group(1))):
            meta.symbol = symbol
            break
    for i, line in enumerate(front):
        if match := _SC_TITLE.match(line):
            meta.symbol = meta.symbol or canonical_symbol(f"resolution {match[1]} ({match[2]})")
            meta.kind = DocumentKind.RESOLUTION
        elif (match := _GA_TITLE.match(line)) and int(match[1]) < 1946:
            prefix = _SESSION_SERIES.get(meta.body or "General Assembly")
            if prefix is None:  # "2018/5." of ECOSOC is a year, not a session: ask
                continue
            meta.symbol = meta.symbol or f"{prefix}/{match[1]}/{match[2]}"
            meta.kind = DocumentKind.RESOLUTION
            title = [match[3]]
            if format != "markdown":  # a title wrapped onto the lines before the intro
                title += front[i + 1:]
            meta.title = " ".join(title).strip()
    if meta.symbol and "/RES/" in meta.symbol:
        meta.kind = DocumentKind.RESOLUTION


def _read_draft(meta: Metadata, front: list[str], format: str) -> None:
    """A draft's sponsors and, in a General Assembly draft, the title that follows them."""
    at = next((i for i, line in enumerate(front) if _DRAFT_LINE.search(line)), None)
    if at is None:
        if meta.kind is None and (any(_DRAFT_WORDS.search(line) for line in front)
                                  or (meta.symbol and "/L." in meta.symbol)):
            meta.kind = DocumentKind.DRAFT
        return
    if meta.kind is None:
        meta.kind = DocumentKind.DRAFT
    start = at
    if format != "markdown":  # the list is wrapped: its lines before hold its commas
        while start > 0 and "," in front[start - 1]:
            start -= 1
    meta.sponsors = parse_sponsors(" ".join(front[start:at + 1])) or []
    after = front[at + 1:]
    if meta.kind == DocumentKind.DRAFT and meta.title is None and 0 < len(after) <= 2 and not any(
            line.endswith((".", ",", ";", ":")) for line in after):
        meta.title = " ".join(after)


def canonical_symbol(written: str) -> str | None:
    """A symbol as the library writes it, by the same rules as the citations in the texts."""
    written = re.sub(r"\s*\((\d{4})\)", r" (\1)", written.strip())
    found = find_citations(written)
    if len(found) == 1 and found[0].symbol and found[0].end == len(written):
        return found[0].symbol
    return None


def _body_of_symbol(symbol: str) -> str | None:
    if symbol.startswith("A/HRC/"):
        return "Human Rights Council"
    return {"S": "Security Council", "A": "General Assembly",
            "E": "Economic and Social Council"}.get(symbol.split("/", 1)[0])


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), _MONTHS.index(month) + 1, int(day)).isoformat()
    except ValueError:
        return None
