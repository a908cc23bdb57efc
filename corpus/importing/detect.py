"""What an imported text says about itself: symbol, body, date, meeting, draft or resolution.

Official documents state their metadata in a few fixed phrasings, all on the first page or in the
closing lines:

* the letterhead: "United Nations  S/2017/1051", "Security Council  Distr.: General" and the
  date of issue ("21 December 2017");
* a Security Council resolution's title block, in the form of its time:
  - today's: "Resolution 2396 (2017)" / "Adopted by the Security Council at its 8148th meeting,
    on 21 December 2017" (the date often on a line of its own);
  - 1992–1994: "RESOLUTION 794 (1992)" and the same "Adopted by …" line;
  - the yearbooks (1946–1991): "Resolution 242 (1967)" / "of 22 November 1967", or
    "84 (1950). Resolution of 7 July 1950", the meeting only in the closing line "Adopted
    unanimously at the 1382nd meeting." (or "… by 14 votes to none", "… without a vote …");
    a yearbook may head a resolution with its topic in capitals ("MILITARY STAFF COMMITTEE");
* a General Assembly resolution's: "Resolution adopted by the General Assembly on 26 June 2018",
  "72/284. The United Nations Global Counter-Terrorism Strategy Review", and the closing lines
  "101st plenary meeting" / "26 June 2018" (or "Adopted at its 101st plenary meeting, on …");
* a draft's title line: "Albania, Australia, … and Uruguay: draft resolution";
* the preamble intro, "The Security Council," / "The General Assembly,".

The scanned texts carry OCR damage in these very lines ("3 Apri] 1991", "of 3f July 1989",
"10 Auqust", "£964" for 1964, "323lst meeting", "at _its", "Adapted unanimously"): the dates,
ordinals and phrases above are read loosely enough for the damage that occurs, and only there.

Only what one of these says is taken; anything else stays None for the reader to fill in. A
draft's date is its date of issue; a resolution's is the day it was adopted, which the issue date
is not (a General Assembly resolution is issued days later), so that one is never guessed from it.
A resolution whose text states no day of adoption gets its year alone, read off its symbol
("S/RES/2253 (2015)" → "2015", a reduced-precision ISO 8601 date: ``Document.date_known`` is
False), so that a missing date never keeps a resolution out of the library.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from corpus.citations import find_citations, plausible_sc_year
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
    date: str | None = None  # ISO 8601: "2017-12-21", or the year alone ("2015") if no day is known
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
#: A date as OCR leaves it: a day with a misread digit ("3f", "l0"), a month misspelt by a
#: letter or with a bracket for its "l" ("Apri]", "Auqust") or hyphenated at a line end
#: ("Novem- ber"), a full stop after it ("August. 1991"), a year with "£" for its "1".
_DAY = r"(?:\d[\dlIf]?|[lI]\d)"
_MONTH_WORD = r"[A-Za-z][A-Za-z\]\[|!]{2,9}(?:- ?[a-z]{1,7})?"
_YEAR = r"[12£lI]\d{3}"
_LOOSE_DATE = re.compile(rf"(?<![\w£])({_DAY}) ({_MONTH_WORD})\.?,? ({_YEAR})(?!\d)")
_MONTH_YEAR = re.compile(rf"(?<![\w£])({_MONTH_WORD}),? ({_YEAR})(?!\d)")
_BODIES = ("Security Council", "General Assembly", "Economic and Social Council",
           "Human Rights Council")
#: "1382nd", "323lst" (OCR's "l" for "1"), "lst"; the suffix is written again from the number.
_ORDINAL = r"(?<![\w])(?:[\dlI]*\d[\dlI]*|l)(?:st|nd|rd|th)(?![\w])"

_ADOPTED_BY = re.compile(  # "Adopted by the Security [Council] at its 3145th meeting, on …"
    rf"\bAdopted by the ([A-Z][A-Za-z ]{{0,40}}?) at its ({_ORDINAL}) ((?:plenary )?meeting)"
    r"(?:,? (?:held )?[Oo]n (.*))?")
_ADOPTED_AT = re.compile(rf"\bAdopted at its ({_ORDINAL}) ((?:plenary )?meeting),? on (.*)")
_ADOPTED_ON = re.compile(r"\bResolution adopted by the ([A-Z][A-Za-z ]{0,40}?) on (.*)")
_ISSUED = re.compile(r"\bDistr\.:\s*[A-Za-z]+\s+(.*)")
_CLOSING = re.compile(rf"({_ORDINAL}) plenary meeting (.*)")
#: A closing line of the yearbooks, read off the end: "Adopted unanimously at the 1382nd
#: meeting.", "Adopted at the 1747th meeting by 14 votes to none", "Adopted without a vote at
#: the 2nd meeting", "… at the resumed 2396th meeting", "… at the 2714th (closed) meeting", a
#: "meet-" / "ing" hyphenated over two lines, and OCR's "Adapted", "Adopted ut the", "30i6th",
#: "3O93rd", "24491h", "273 1st", "3005 meeting", "meting", "meetings".
_YEARBOOK_CLOSING = re.compile(
    r"^(?:Ad[ao]pted|Approved)\b[A-Za-z ,]{0,40}? (?:the|its) (resumed )?"
    r"(?<![\w])([\dlIiO]*\d[\dlIiO]*(?: \d{1,2})?)(?:st|nd|rd|th|ih|1h|the)? "
    r"(\(closed\) )?(?:meet-? ?ings?|meting)\b")
#: "Resolution 2396 (2017)", "RESOLUTION 794 (1992)", a yearbook's "Resolution 242 (1967)" with
#: "of 22 November 1967" after it or on the next line, OCR's "(197-4)", "Resolution 290" with
#: its year only in its date.
_SC_TITLE = re.compile(
    r"^(?:Resolution|RESOLUTION) (\d{1,4})(?: ?\(([\d£lI -]{4,7})\))?\**(?: ([OoEe]f .*))?$")
#: The older yearbooks: "84 (1950). Resolution of 7 July 1950", "1 (1946) Resolution of …".
_SC_YEARBOOK = re.compile(r"^(\d{1,4}) \((\d{4})\)\.? Resolution (?:of )?(.*)$")
_OF_DATE = re.compile(r"^(?:[OoEe]f )?(.*)$")
#: Bodies whose resolutions are numbered "session/number." and the symbol series of each.
_SESSION_SERIES = {"General Assembly": "A/RES", "Human Rights Council": "A/HRC/RES"}
_GA_TITLE = re.compile(r"^(\d{1,3})/(\d{1,4})\.\s+(\S.*)$")
_SYMBOL_LINE = re.compile(
    r"^(?:United Nations\s+)?((?:S|A|E)/[A-Z0-9][\w./-]*(?:\s*\(\d{4}\))?)\**$")
_SYMBOL_YEAR = re.compile(r"\((\d{4})\)")
_DRAFT_LINE = re.compile(r":\s*(?:revised )?draft resolution\s*$", re.I)
_DRAFT_WORDS = re.compile(r"\bdraft resolution\b", re.I)
#: A yearbook's topic line: capitals only ("MILITARY STAFF COMMITTEE"), not the letterhead.
_TOPIC = re.compile(r"^[A-Z][A-Z ,'’()-]{3,}$")
_LETTERHEAD = frozenset({"UNITED NATIONS", "SECURITY COUNCIL", "GENERAL ASSEMBLY", "GENERAL",
                         "DISTR.", "RESOLUTION"})


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
        if match.group(1) in _BODIES:
            meta.body = meta.body or match.group(1)
        meta.meeting = f"{_ordinal(match.group(2))} {match.group(3)}"
        meta.date = _date_at(match.group(4) or "", month_year=True)
        meta.kind = DocumentKind.RESOLUTION
    elif match := _ADOPTED_AT.search(front_text):
        meta.meeting = f"{_ordinal(match.group(1))} {match.group(2)}"
        meta.date = _date_at(match.group(3))
        meta.kind = DocumentKind.RESOLUTION
    if match := _ADOPTED_ON.search(front_text):
        if match.group(1) in _BODIES:
            meta.body = meta.body or match.group(1)
        meta.date = meta.date or _date_at(match.group(2))
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
        meta.date = _date_at(match.group(1))
    if meta.kind == DocumentKind.RESOLUTION and meta.meeting is None and (
            meeting := _yearbook_meeting(lines)):
        meta.meeting = meeting
    if meta.date is None and meta.kind == DocumentKind.RESOLUTION:
        meta.date = year_of_symbol(meta.symbol)  # no day stated: the year, if the symbol has it
    return meta


def year_of_symbol(symbol: str | None) -> str | None:
    """"2015" for "S/RES/2253 (2015)"; None for a symbol without its year ("A/RES/80/4")."""
    match = _SYMBOL_YEAR.search(symbol or "")
    return match.group(1) if match else None


def _closing(lines: list[str]) -> tuple[str, str | None] | None:
    """The closing lines of a General Assembly resolution ("101st plenary meeting" / "26 June
    2018"): the last such pair, which footnotes or an annex may follow."""
    for i in range(len(lines) - 1, -1, -1):
        if "plenary meeting" not in lines[i]:
            continue
        pair = lines[i] if _closing_pair(lines[i]) else " ".join(lines[i:i + 2])
        if found := _closing_pair(pair):
            return found
    return None


def _closing_pair(text: str) -> tuple[str, str] | None:
    match = _CLOSING.fullmatch(text)
    if match and (date := _date_at(match.group(2), whole=True)):
        return f"{_ordinal(match.group(1))} plenary meeting", date
    return None


def _yearbook_meeting(lines: list[str]) -> str | None:
    """The meeting a yearbook resolution names in its closing line, the last one of the text
    (a resolution in parts closes each; footnotes may follow)."""
    for i in range(len(lines) - 1, -1, -1):
        match = _YEARBOOK_CLOSING.match(" ".join(lines[i:i + 3]))
        if match is None:
            continue
        number = match.group(2).translate(_DIGIT_FIXES)
        if len(number.replace(" ", "")) > 4:  # "1761 1th": not "273 1st"
            number = number.split()[0]
        number = number.replace(" ", "")
        if len(number) <= 4:  # the yearbooks end in 1993, at meeting 3300 or so: "18522nd"
            # or "299155" (for "2991st") is damage, not a meeting
            return (f"{match.group(1) or ''}{_english_ordinal(int(number))} "
                    f"{match.group(3) or ''}meeting")
    return None


def _lines(text: str, format: str) -> list[str]:
    """The text's lines as a reader sees them: for the Markdown form its paragraphs' lines with
    the markup gone (the export's bold splits title lines), for PDF text its non-empty lines.
    OCR's stray underscores ("at _its", "3223rd_ meeting") are spaces here."""
    if format == "markdown":
        from corpus.parsing.markdown_form import read_markdown

        raw = [line for block in read_markdown(text) for line in block.text.text.split("\n")]
    else:
        raw = text.splitlines()
    raw = [r.replace("_", " ") if "_" in r and not r.strip().startswith("_") else r for r in raw]
    return [line for line in (" ".join(r.split()) for r in raw) if line]


def _read_symbol_and_title(meta: Metadata, front: list[str], format: str) -> None:
    for line in front:
        match = _SYMBOL_LINE.match(line)
        if match and (symbol := canonical_symbol(match.group(1))):
            meta.symbol = symbol
            break
    for i, line in enumerate(front):
        if sc := _sc_title(front, i):
            number, year, date = sc
            meta.symbol = meta.symbol or f"S/RES/{number} ({year})"
            meta.date = meta.date or date
            meta.kind = DocumentKind.RESOLUTION
            meta.title = meta.title or _topic(front[:i])
            break
        if (match := _GA_TITLE.match(line)) and int(match[1]) < 1946:
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


def _sc_title(front: list[str], i: int) -> tuple[int, str, str | None] | None:
    """A Security Council title line at ``front[i]``: its number, its year and the date stated
    with it ("of 22 November 1967" after it or on the next line), or None if it is not one."""
    line = front[i]
    if match := _SC_YEARBOOK.match(line):
        number, written, rest = int(match[1]), match[2], match[3]
    elif match := _SC_TITLE.match(line):
        number, written, rest = int(match[1]), match[2], match[3]
        if rest is None:
            rest = " ".join(front[i + 1:i + 3])  # "of 17 Novem-" / "ber 1991"
    else:
        return None
    date = _date_at(_OF_DATE.match(rest).group(1)) if rest else None
    year = _year(written) if written else None
    stated = int(date[:4]) if date else None
    if stated and (year is None or (stated != year and not plausible_sc_year(number, year)
                                    and plausible_sc_year(number, stated))):
        year = stated  # "Resolution 290" / "of 8 December 1970"; "434 (1973)" of 1978
    if year is None or number < 1:
        return None
    if date and int(date[:4]) != year:
        # "of 14 October £964" in 226 (1966): the year of adoption is the symbol's, so the
        # damage is in the date's year; its day and month stand.
        date = _iso_or_none(year, date[5:])
    return number, str(year), date


def _topic(before: list[str]) -> str | None:
    """The topic a yearbook sets above a resolution, in capitals, if that is all there is."""
    if before and all(_TOPIC.match(line) and line not in _LETTERHEAD for line in before):
        return " ".join(before)
    return None


def _iso_or_none(year: int, month_day: str) -> str | None:
    try:
        return dt.date.fromisoformat(f"{year:04d}-{month_day}").isoformat()
    except ValueError:  # 29 February of another year
        return None


def _year(written: str) -> int | None:
    digits = re.sub(r"[\s-]", "", written).translate(_DIGIT_FIXES)
    return int(digits) if re.fullmatch(r"(?:19|20)\d\d", digits) else None


_DIGIT_FIXES = str.maketrans({"l": "1", "I": "1", "i": "1", "f": "1", "£": "1", "O": "0"})


def _date_at(text: str, *, month_year: bool = False, whole: bool = False) -> str | None:
    """The date ``text`` begins with, as ISO 8601 ("2017-12-21"); with ``month_year``, "January
    1993" (no day) gives its year alone; with ``whole``, nothing but the date (and a footnote
    number) may follow. None if it does not begin with one or the date is impossible."""
    match = _LOOSE_DATE.match(text)
    rest = text[match.end():] if match else ""
    if match and (not whole or re.fullmatch(r"\s*\d{0,3}\s*", rest)):
        month = _month(match.group(2))
        day, year = match.group(1).translate(_DIGIT_FIXES), _year(match.group(3))
        if month and year:
            try:
                return dt.date(year, month, int(day)).isoformat()
            except ValueError:
                return None
    if month_year and (match := _MONTH_YEAR.match(text)) and _month(match.group(1)):
        year = _year(match.group(2))
        return str(year) if year else None
    return None


def _month(word: str) -> int | None:
    """1–12 for a month name as OCR may leave it ("Apri]", "Auqust", "Novem- ber")."""
    word = re.sub(r"- ?", "", word).translate(str.maketrans("][|!1", "lllll")).lower()
    names = [name.lower() for name in _MONTHS]
    if word in names:
        return names.index(word) + 1
    if len(word) < 4:
        return None
    near = [i for i, name in enumerate(names) if name[0] == word[0] and _one_edit(word, name)]
    return near[0] + 1 if len(near) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _ordinal(written: str) -> str:
    """"3231st" for OCR's "323lst", "1st" for "lst"."""
    return _english_ordinal(int(written[:-2].translate(_DIGIT_FIXES) or "1"))


def _english_ordinal(number: int) -> str:
    """"1st", "2nd", "3rd", "4th", "11th", "3112th", "3121st"."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


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


