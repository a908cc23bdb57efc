"""Build the Security Council record catalogue (corpus/record/sc_record.tsv) from the UN's pages.

    python tools/build_record.py [SOURCE_DIR] [OUTPUT] [--verbose]

SOURCE_DIR holds the yearly pages "Meetings conducted by the Security Council"
(scact1946_table_en.html … scact2022_table_en.html, scact2020_covid_table_en.html) and the veto
list (scact_veto_table_en.html); default ../shared/realdata/sc-meetings beside the checkout.
The pages are the United Nations'; only facts taken from them (symbol, date, meeting, topic,
vote, vetoing members) go into the catalogue, credited in its header.

The pages were kept by hand over decades, so the reader is forgiving where they differ and strict
where a mistake would go unseen: every resolution from 1 to the last must be found (else exit 1,
nothing written), and what it had to decide (a year in a symbol that is not the meeting's, a
number listed twice, topics it could not tell apart) is printed as a warning (all of them with
--verbose). The output is sorted and the same, byte for byte, for the same pages.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.record import RECORD_FILE, RecordEntry, dump, resolution_symbol  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "realdata" / "sc-meetings"
VETO_PAGE = "scact_veto_table_en.html"

MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_DATE = re.compile(r"(\d{1,2})\s*(?:[-/+]\s*\d{1,2}\s*)?([A-Za-z]+)\.?(?:\s+(\d{2,4}))?")
_MEETING = re.compile(r"S/PV\.(\d+)(?:\s*\(?\s*(Resumption|Part)\s*([IVX\d]*)\s*\))?",
                      re.IGNORECASE)
_DOCUMENT = re.compile(r"S/(?:PV\.\d+|\d{4}/\d+|\d+)(?:/(?:Rev|Add|Corr)\.\d+)*")
_VOTE = re.compile(r"\d+-\d+-\d+")
#: What starts an item of an outcome cell; whatever stands between two is the first one's tail
#: (a resolution's vote). Old presidential statements were issued as S/… documents, or read out
#: at the meeting: "S/11229 (PRST)", "S/PV.1603 (PRST)".
_ITEM = re.compile(
    r"(?P<res>S/RES/(?P<n>\d+)\s*\(\s*(?P<y>\d{4})\s*\))"
    r"|(?P<prst>S/PRST/(?P<py>\d{4})/(?P<pn>\d+))"
    r"|(?P<old>(?P<os>S/(?:PV\.)?\d+(?:/Rev\.\d+)?)\s*\(PRST\))"
    r"|(?P<draft>S/(?:PV\.\d+|\d{4}/\d+|\d+)(?:/(?:Rev|Add|Corr)\.\d+)*)"
    r"|(?P<other>[Dd]raft|Power Four|Communiqu|Note\b|Letter\b|Election|Decision|Referral|--)")
_DECISIONS = ("res", "prst", "old")  # the groups of _ITEM that the catalogue lists
_VOTE_WORDS = {"adopted unanimously": "adopted unanimously", "without vote": "without vote",
               "without a vote": "without vote", "adopted by consensus": "adopted by consensus"}
#: The veto list's names for the permanent members, as written there (kept; only spacing and
#: the article "the" are tidied).
_MEMBER_SPLIT = re.compile(r"\n|,|\band\b")


class FatalError(Exception):
    """A page the catalogue cannot be trusted after: missing, unreadable, or a resolution lost."""


# --- Reading a page's table ---------------------------------------------------------------


@dataclass
class Cell:
    text: str = ""  # line breaks where the page has <br>
    header: bool = False
    rowspan: int = 1


class TableReader(HTMLParser):
    """The rows of a page's table, as cells of text. The pages' HTML is loose (rows without
    <tr>, </th></a> crossed, </br>, unclosed links), so a new <tr> or <td> closes whatever is
    open instead of trusting the end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[Cell]] = []
        self._row: list[Cell] | None = None
        self._cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            span = dict(attrs).get("rowspan") or "1"
            self._cell = Cell(header=tag == "th", rowspan=int(span) if span.isdigit() else 1)
        elif tag == "br":
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # "<br />" is one break, not a start and an end

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # "</br>", written for <br> all over the older pages
            self._break()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:  # a line break of the HTML source is a space, as on screen
            self._cell.text += data.replace("\r", " ").replace("\n", " ")

    def close(self) -> None:
        super().close()
        self._end_row()

    def _break(self) -> None:
        if self._cell is not None:
            self._cell.text += "\n"

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(self._cell)
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row:
            self.rows.append(self._row)
        self._row = None


def read_table(path: Path) -> tuple[list[str], list[list[Cell]], str]:
    """The column names, the data rows (a cell spanning rows repeated in each) and the title."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FatalError(f"{path.name}: cannot read: {exc}") from exc
    reader = TableReader()
    reader.feed(text)
    reader.close()
    rows = reader.rows
    heads = [i for i, row in enumerate(rows)
             if all(c.header for c in row) and any(flat(c.text) == "Date" for c in row)]
    if not heads:
        raise FatalError(f"{path.name}: no table header with a Date column")
    title = next((flat(row[0].text) for row in rows[:heads[0]]), "")
    return [flat(c.text) for c in rows[heads[0]]], expand_rowspans(rows[heads[0] + 1:]), title


def expand_rowspans(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows as the eye reads them: a cell spanning three rows (the meeting and date of a meeting
    with three agenda items, 1947-1988) stands in each of them."""
    grid, pending = [], {}  # column -> (cell, rows still to fill)
    for row in rows:
        cells, filled, column = list(row), [], 0
        while cells or column in pending:
            if column in pending:
                cell, left = pending.pop(column)
                if left > 1:
                    pending[column] = (cell, left - 1)
            else:
                cell = cells.pop(0)
                if cell.rowspan > 1:
                    pending[column] = (cell, cell.rowspan - 1)
            filled.append(cell)
            column += 1
        grid.append(filled)
    return grid


# --- Text ---------------------------------------------------------------------------------


def flat(text: str) -> str:
    """One line, single spaces; text that was UTF-8 read as Latin-1 on its way to the page
    ("LeÃ±o", "Peopleâ\x80\x99s") mended; a typographic apostrophe as the other pages write it."""
    text = " ".join(text.replace("\ufeff", " ").split())
    if any("\x80" <= ch <= "\xff" for ch in text):
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            text = text.encode("latin-1").decode("utf-8")
    return text.replace("\u2019", "'").replace("ï»¿", "").strip()


def segments(text: str) -> list[str]:
    """A cell's parts separated by a blank line: the agenda items of a meeting, or the outcome
    of each, in the same order."""
    return [flat(part) for part in re.split(r"\n[ \t\r\xa0]*\n", text)]


def topic_parts(text: str) -> list[str]:
    """The topics of a topic cell: empty parts dropped, a footnote mark ("(S/2016/53)*")
    removed, a part ending with a colon ("UN peacekeeping:") joined to the next."""
    parts: list[str] = []
    for part in segments(text):
        part = re.sub(r"(?<=[)\w.])\*+(?=\s|$)", "", part).strip()
        if not part or part == "--":
            continue
        if parts and parts[-1].endswith(":"):
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    return parts


def outcome_parts(text: str) -> list[str]:
    """The outcomes of an outcome cell, one per agenda item: a part without an item of its own
    (a vote, "(France did not participate in the voting.)") belongs to the part before; empty
    parts hold their agenda item's place, except at the end."""
    parts: list[str] = []
    for part in segments(text):
        if part and parts and parts[-1] and not _ITEM.search(part):
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    while parts and not parts[-1]:
        parts.pop()
    return parts


def iso_date(text: str, year: int | None) -> str | None:
    """"22 December" (with the page's year), "08 March 1988", "30 January 86", "15 Sep.",
    "14-15 October" (the first day)."""
    match = _DATE.search(text)
    if not match:
        return None
    month = next((n for name, n in MONTHS.items() if name.startswith(match.group(2).lower())
                  and len(match.group(2)) >= 3), None)
    if month is None:
        return None
    written = match.group(3)
    if written:
        year = int(written) + (1900 if len(written) == 2 else 0)
    if year is None:
        return None
    return f"{year:04d}-{month:02d}-{int(match.group(1)):02d}"


def meeting_symbol(text: str) -> str:
    """"S/PV.3454 (Resumption 2)" for "S/PV.3454 (Resumption 2)+Corr.1", "S/PV.5629(ResumptionI)"
    or "S/PV.9042 Resumption 1)"; "(closed)", corrigenda and places are not part of it."""
    match = _MEETING.search(text)
    if not match:
        return ""
    number, part, label = match.groups()
    if not part:
        return f"S/PV.{number}"
    part = part.capitalize()
    if part == "Resumption" and label and set(label) <= set("IVX"):
        label = str(_roman(label))
    return f"S/PV.{number} ({part} {label})" if label else f"S/PV.{number} ({part})"


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for ch, after in zip(text, [*text[1:], ""], strict=True):
        total += -values[ch] if after and values[after] > values[ch] else values[ch]
    return total


def vote_text(tail: str) -> str:
    """A resolution's vote as the page gives it, tidied: "15-0-0", "14-0-0 (1 absent)",
    "11-0-3 (France did not participate in the voting.)", "adopted unanimously", "without
    vote"; "" when there is none."""
    tail = re.sub(r"^[\s+&,|]+|[\s+&,|]+$", "", tail)
    tail = re.sub(r"\s*\band\s*$", "", tail)
    if not tail:
        return ""
    lowered = tail.lower()
    if lowered in _VOTE_WORDS:
        return _VOTE_WORDS[lowered]
    return tail


# --- The yearly pages ---------------------------------------------------------------------


@dataclass
class Found:
    """What the pages say, before it is checked and sorted."""

    resolutions: dict[int, list[RecordEntry]] = field(default_factory=lambda: defaultdict(list))
    statements: dict[str, list[RecordEntry]] = field(default_factory=lambda: defaultdict(list))
    vetoes: list[RecordEntry] = field(default_factory=list)
    #: Votes on drafts not adopted as the yearly pages give them: (date, draft) -> votes.
    draft_votes: dict[tuple[str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list))
    vetoes_in_yearly_pages: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def yearly_pages(source: Path) -> list[tuple[int, Path]]:
    pages = []
    for path in sorted(source.glob("scact*_table_en.html")):
        match = re.fullmatch(r"scact(\d{4})(?:_\w+)?_table_en\.html", path.name)
        if match:
            pages.append((int(match.group(1)), path))
    if not pages:
        raise FatalError(f"{source}: no yearly pages (scactYYYY_table_en.html)")
    return pages


@dataclass
class Meeting:
    """One row of a yearly page: a meeting (or one agenda item of it)."""

    meeting: str
    date: str | None
    topics: list[str]
    outcome: str


def read_meetings(year: int, path: Path, found: Found) -> Iterator[Meeting]:
    columns, rows, title = read_table(path)
    if str(year) not in title:
        found.warn(f"{path.name}: the title says {title!r}; the file name's year {year} is used")
    where = _columns(columns, path)
    last_meeting, last_date = "", None
    for row in rows:
        texts = [c.text for c in row]
        if len(texts) <= where["topic"]:
            continue  # a note across the table ("Document links will work once …")
        if len(texts) > len(columns):
            found.warn(f"{path.name}: a row with {len(texts)} cells for {len(columns)} columns "
                       f"({flat(texts[0])}): the extra ones ignored")
        meeting, date_text = flat(texts[where["meeting"]]), flat(texts[where["date"]])
        if not meeting and not date_text:  # a further agenda item of the meeting above (1948)
            meeting_name, date = last_meeting, last_date
        else:
            meeting_name = meeting_symbol(meeting)
            if not meeting_name and "letter" in where and len(texts) > where["letter"]:
                meeting_name = _first_document(texts[where["letter"]])  # a vote by letter
            date = iso_date(date_text, year)
        last_meeting, last_date = meeting_name, date
        outcome = texts[where["outcome"]] if len(texts) > where["outcome"] else ""
        yield Meeting(meeting_name, date, topic_parts(texts[where["topic"]]), outcome)


def _columns(columns: list[str], path: Path) -> dict[str, int]:
    wanted = {"meeting": "Meeting Record", "date": "Date", "topic": "Topic",
              "outcome": "Council Outcome", "letter": "Letter with Vote Outcome"}
    where = {}
    for key, name in wanted.items():
        index = next((i for i, c in enumerate(columns) if name in c), None)
        if index is not None:
            where[key] = index
        elif key != "letter":
            raise FatalError(f"{path.name}: no {name!r} column in {columns}")
    return where


def _first_document(text: str) -> str:
    match = _DOCUMENT.search(flat(text))
    return match.group() if match else ""


def read_outcomes(year: int, row: Meeting, found: Found, page: str) -> None:
    """The decisions of one row, each with the topic it belongs to."""
    parts = outcome_parts(row.outcome)
    for index, part in enumerate(parts):
        items = list(_ITEM.finditer(part))
        topics = _topics_of(row, parts, index, items, found, page)
        _read_items(year, row, topics, part, items, found, page)


def _topics_of(row: Meeting, parts: list[str], index: int, items: list[re.Match[str]],
               found: Found, page: str) -> list[str]:
    """The topic of each item of outcome part ``index``. A meeting with several agenda items
    gives each its outcome in the same order, separated as the topics are (1946: "</br>
    </br>"), or one decision per topic in a single part (2005: S/RES/1624 and 1625); where
    neither tells, the decisions get all the meeting's topics, joined by "; "."""
    topics = row.topics or [""]
    if len(topics) == 1 or len(parts) == len(topics):
        return [topics[index if len(topics) > 1 else 0]] * len(items)
    decisions = [i for i, item in enumerate(items) if item.lastgroup in _DECISIONS]
    if len(parts) == 1 and len(decisions) == len(items) == len(topics):
        return topics
    joined = "; ".join(topics)
    if decisions:
        found.warn(f"{page} {row.meeting}: {len(topics)} topics for {len(items)} items: "
                   f"topics joined for {parts[index][:40]!r}")
    return [joined] * len(items)


def _read_items(year: int, row: Meeting, topics: list[str], text: str,
                items: list[re.Match[str]], found: Found, page: str) -> None:
    draft = ""  # the first symbol of "Draft resolution S/552, S/202 (…) vetoed by USSR"
    for i, (item, topic) in enumerate(zip(items, topics, strict=True)):
        tail = text[item.end():items[i + 1].start() if i + 1 < len(items) else len(text)]
        draft = (draft or item.group()) if item.group("draft") else ""
        if item.group("res"):
            vote = vote_text(tail)
            if not vote and tail.strip() == "and" and i + 1 < len(items):
                vote = _next_vote(text, items, i + 1)  # "S/RES/2082 (2012) and S/RES/2083 …"
            _add_resolution(year, row, topic, item, vote, found, page)
        elif item.group("prst"):
            _add_statement(f"S/PRST/{item.group('py')}/{item.group('pn')}", row, topic,
                           found, page, year=int(item.group("py")))
        elif item.group("old"):
            _add_statement(item.group("os"), row, topic, found, page, year=None)
        elif draft and (vote := _VOTE.search(tail)):
            found.vetoes_in_yearly_pages += "veto" in tail
            if row.date:
                found.draft_votes[(row.date, _base(draft))].append(vote.group())
            draft = ""


def _next_vote(text: str, items: list[re.Match[str]], index: int) -> str:
    end = items[index + 1].start() if index + 1 < len(items) else len(text)
    return vote_text(text[items[index].end():end]) if items[index].group("res") else ""


def _add_resolution(year: int, row: Meeting, topic: str, item: re.Match[str], vote: str,
                    found: Found, page: str) -> None:
    number, written = int(item.group("n")), int(item.group("y"))
    if not row.date:
        raise FatalError(f"{page}: S/RES/{number} at {row.meeting or '?'} has no date")
    if written != int(row.date[:4]):
        found.warn(f"{page}: S/RES/{number} ({written}) at {row.meeting} of {row.date}: the "
                   f"meeting's year is used")
    if vote and not (_VOTE.match(vote) or vote in _VOTE_WORDS.values()):
        found.warn(f"{page}: S/RES/{number}: vote kept as written: {vote!r}")
    symbol = resolution_symbol(number, int(row.date[:4]))
    found.resolutions[number].append(
        RecordEntry(symbol, "resolution", row.date, row.meeting, topic, vote))


def _add_statement(symbol: str, row: Meeting, topic: str, found: Found, page: str,
                   year: int | None) -> None:
    if not row.date:
        raise FatalError(f"{page}: {symbol} at {row.meeting or '?'} has no date")
    if year is not None and year != int(row.date[:4]):
        found.warn(f"{page}: {symbol} at {row.meeting} of {row.date}: not the meeting's year")
    found.statements[symbol].append(
        RecordEntry(symbol, "statement", row.date, row.meeting, topic, ""))


def _base(symbol: str) -> str:
    """A draft's symbol without its revision or corrigendum: the veto list and the yearly pages
    do not always cite the same one (S/18087/Rev.1, S/18087)."""
    return re.sub(r"(?:/(?:Rev|Add|Corr)\.\d+)+$", "", symbol)


# --- The veto list ------------------------------------------------------------------------


def read_vetoes(path: Path, found: Found) -> None:
    columns, rows, _ = read_table(path)
    wanted = ("Date", "Draft", "Written Record", "Agenda Item", "Permanent Member")
    where = [next((i for i, c in enumerate(columns) if c.startswith(name)), None)
             for name in wanted]
    if None in where:
        raise FatalError(f"{path.name}: expected the columns {wanted}, found {columns}")
    for row in rows:
        if len(row) < len(columns):
            continue
        date_cell, draft_cell, record_cell, topic_cell, members_cell = (
            row[i].text for i in where)  # type: ignore[index]
        date = iso_date(flat(date_cell), None)
        draft = _first_document(draft_cell)
        if not date or not draft:
            raise FatalError(f"{path.name}: a veto without date or draft: "
                             f"{flat(date_cell)!r} {flat(draft_cell)!r}")
        meeting = meeting_symbol(flat(record_cell)) or _first_document(record_cell)
        members = _members(members_cell)
        if not members:
            raise FatalError(f"{path.name}: {draft} of {date}: no member named")
        found.vetoes.append(RecordEntry(draft, "veto", date, meeting,
                                        " ".join(topic_parts(topic_cell)), "", members))


def _members(text: str) -> tuple[str, ...]:
    names = (re.sub(r"^the\s+", "", flat(part)) for part in _MEMBER_SPLIT.split(text))
    return tuple(name for name in names if name)


def _with_votes(vetoes: list[RecordEntry], found: Found) -> list[RecordEntry]:
    """A veto with the vote the yearly page gives for its draft on that day, where the draft
    names one vote only (drafts known only by their meeting's record, several vetoed at one
    meeting in 1946-1948, keep none)."""
    listed = Counter((v.date, _base(v.symbol)) for v in vetoes)
    done = []
    for veto in vetoes:
        key = (veto.date, _base(veto.symbol))
        votes = found.draft_votes.get(key, [])
        vote = votes[0] if len(votes) == 1 and listed[key] == 1 else ""
        done.append(RecordEntry(veto.symbol, veto.kind, veto.date, veto.meeting, veto.topic,
                                vote, veto.vetoed_by))
    return done


# --- Putting it together ------------------------------------------------------------------


def build(source: Path) -> tuple[list[RecordEntry], Found]:
    if not source.is_dir():
        raise FatalError(f"{source}: no such directory")
    found = Found()
    for year, path in yearly_pages(source):
        for row in read_meetings(year, path, found):
            read_outcomes(year, row, found, path.name)
    veto_page = source / VETO_PAGE
    if not veto_page.is_file():
        raise FatalError(f"{veto_page}: missing")
    read_vetoes(veto_page, found)
    entries = [*_resolutions(found), *_statements(found),
               *sorted(_with_votes(found.vetoes, found), key=_veto_order)]
    return entries, found


def _resolutions(found: Found) -> list[RecordEntry]:
    _mend_misnumbered(found)
    numbers = sorted(found.resolutions)
    missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers)) if numbers else [1]
    if missing:
        raise FatalError(f"resolutions missing from the pages: {_ranges(missing)}")
    return [_one(f"S/RES/{n}", found.resolutions[n], found) for n in numbers]


def _mend_misnumbered(found: Found) -> None:
    """A number the pages skip, while another is listed twice at different meetings, is a typo
    of the page (1990: "S/RES/663" at the 2939th meeting, where 666 was adopted): the listing
    that falls between the missing number's neighbours, by date and meeting, is the missing
    resolution. Resolutions are numbered in the order of adoption, so only one can fit."""
    listed = found.resolutions
    numbers = set(listed)
    for gap in sorted(set(range(1, max(numbers, default=0))) - numbers):
        before, after = listed.get(gap - 1), listed.get(gap + 1)
        if not before or not after or len(before) > 1 or len(after) > 1:
            continue
        low, high = _sequence_key(before[0]), _sequence_key(after[0])
        fits = [(number, entry) for number, entries in listed.items() if len(set(entries)) > 1
                for entry in entries if low <= _sequence_key(entry) <= high]
        if len(fits) != 1:
            continue
        number, entry = fits[0]
        listed[number] = [e for e in listed[number] if e != entry]
        listed[gap] = [RecordEntry(resolution_symbol(gap, entry.year), entry.kind, entry.date,
                                   entry.meeting, entry.topic, entry.vote)]
        found.warn(f"S/RES/{number} listed at {entry.meeting} of {entry.date}, between "
                   f"S/RES/{gap - 1} and S/RES/{gap + 1}, which the pages lack: taken as "
                   f"S/RES/{gap}")


def _sequence_key(entry: RecordEntry) -> tuple[str, int]:
    match = re.match(r"S/PV\.(\d+)", entry.meeting)
    return entry.date, int(match.group(1)) if match else 0


def _statements(found: Found) -> list[RecordEntry]:
    entries = [_one(symbol, listed, found) for symbol, listed in found.statements.items()]
    return sorted(entries, key=lambda e: (e.date, _natural(e.symbol)))


def _one(name: str, listed: list[RecordEntry], found: Found) -> RecordEntry:
    """A decision listed more than once (on both 2020 pages, or twice in a row) should be
    listed alike; where not, the earliest listing is kept (a decision is made once: a later
    listing repeats it, or is a typo, as S/22133 of 1991 at two meetings) and the others
    reported."""
    first = min(listed, key=_sequence_key)
    for other in listed:
        if other != first:
            found.warn(f"{name} listed twice, differently: kept {first.date} {first.meeting} "
                       f"{first.topic[:30]!r}, not {other.date} {other.meeting} "
                       f"{other.topic[:30]!r}")
    return first


def _veto_order(entry: RecordEntry) -> tuple:
    return entry.date, _natural(entry.meeting), _natural(entry.symbol), entry.topic, \
        entry.vetoed_by


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:20]) + (" …" if len(numbers) > 20 else "")


def summary(entries: Iterable[RecordEntry], found: Found, output: Path) -> str:
    kinds = Counter(e.kind for e in entries)
    numbered = sum(1 for e in entries if e.symbol.startswith("S/PRST/"))
    with_vote = sum(1 for e in entries if e.kind == "veto" and e.vote)
    resolutions = [e for e in entries if e.kind == "resolution"]
    return "\n".join((
        f"resolutions: {kinds['resolution']} (S/RES/1 to S/RES/{len(resolutions)}, "
        f"{resolutions[0].date} to {resolutions[-1].date}), "
        f"{sum(1 for e in resolutions if not e.vote)} without a vote given",
        f"presidential statements: {kinds['statement']} ({numbered} S/PRST/…, "
        f"{kinds['statement'] - numbered} issued before 1994 as S/… documents or read out)",
        f"vetoed drafts: {kinds['veto']} (veto list; {with_vote} with the vote from the yearly "
        f"pages, which mention {found.vetoes_in_yearly_pages} vetoes)",
        f"warnings: {len(found.warnings)}",
        f"written: {output} ({output.stat().st_size} bytes)",
    ))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help=f"the pages' directory (default {DEFAULT_SOURCE})")
    parser.add_argument("output", nargs="?", type=Path, default=RECORD_FILE,
                        help=f"the catalogue to write (default {RECORD_FILE})")
    parser.add_argument("--verbose", action="store_true", help="print every warning")
    args = parser.parse_args(argv)
    try:
        entries, found = build(args.source)
    except FatalError as exc:
        print(f"build_record: {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(dump(entries).encode("utf-8"))
    for warning in found.warnings if args.verbose else found.warnings[:10]:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.verbose and len(found.warnings) > 10:
        print(f"… {len(found.warnings) - 10} more (--verbose)", file=sys.stderr)
    print(summary(entries, found, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
