"""The Security Council's record: every resolution, presidential statement and vetoed draft,
with its date, meeting, topic and vote, whether or not the library holds its text.

The catalogue is ``sc_record.tsv`` beside this module, built by ``tools/build_record.py`` from
the United Nations' pages "Meetings conducted by the Security Council" (1946-2022) and the
Security Council veto list (Dag Hammarskjöld Library). It is read once, on first use, so the
app pays nothing for it at start-up until something asks; reading it takes a few milliseconds.

Symbols are spelled as the library spells them: ``S/RES/2396 (2017)``, ``S/PRST/2017/27``; a
vetoed draft keeps the symbol the veto list gives it (``S/2017/970``, or the meeting record
``S/PV.57`` for the early drafts that were never issued as documents).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["resolution", "statement", "veto"]
KINDS: tuple[Kind, ...] = ("resolution", "statement", "veto")

RECORD_FILE = Path(__file__).resolve().parent / "sc_record.tsv"
#: The columns of the catalogue, in order; ``topic`` last, being the longest.
COLUMNS = ("symbol", "kind", "date", "meeting", "vote", "vetoed_by", "topic")
#: Credit and provenance, written at the top of the catalogue (lines starting with "#").
HEADER = (
    "# The Security Council's record: resolutions, presidential statements, vetoed drafts.",
    "# Facts from the United Nations: \"Meetings conducted by the Security Council\" (1946-2022)",
    "# and the Security Council veto list (Dag Hammarskjöld Library). Tab-separated, UTF-8.",
    "# Built by tools/build_record.py; do not edit by hand.",
)

_RESOLUTION = re.compile(r"(?:S/RES/|(?:resolution|res\.?)\s*)?(\d{1,4})(?:\s*\((\d{4})\))?",
                         re.IGNORECASE)
_SYMBOL_IN_QUERY = re.compile(r"S/[^\s(]+(?:\s*\(\d{4}\))?", re.IGNORECASE)
_NUMBER_IN_QUERY = re.compile(r"\b(?P<res>(?:resolution|res\.?)\s*)?(?P<n>\d{1,4})\b"
                              r"(?:\s*\((?P<y>\d{4})\))?", re.IGNORECASE)
_YEARS = range(1945, 2100)


@dataclass(frozen=True)
class RecordEntry:
    """One decision of the Council (or one veto) as the record lists it."""

    symbol: str
    kind: Kind
    date: str  # ISO 8601
    meeting: str  # "S/PV.8148", "S/PV.3454 (Resumption 2)"; a letter for a vote by letter
    topic: str
    vote: str  # "15-0-0", "adopted unanimously", "without vote"; "" when the page gives none
    vetoed_by: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def number(self) -> int | None:
        """A resolution's number (242 for S/RES/242 (1967)); None for anything else."""
        match = re.match(r"S/RES/(\d+) ", self.symbol)
        return int(match.group(1)) if match else None

    def to_line(self) -> str:
        """The entry as one line of the catalogue."""
        fields = (self.symbol, self.kind, self.date, self.meeting, self.vote,
                  ", ".join(self.vetoed_by), self.topic)
        for value in fields:
            if "\t" in value or "\n" in value or "\r" in value:
                raise ValueError(f"{self.symbol}: a tab or line break in {value!r}")
        return "\t".join(fields)

    @classmethod
    def from_line(cls, line: str) -> RecordEntry:
        symbol, kind, date, meeting, vote, vetoed_by, topic = line.rstrip("\n").split("\t")
        if kind not in KINDS:
            raise ValueError(f"{symbol}: unknown kind {kind!r}")
        members = tuple(vetoed_by.split(", ")) if vetoed_by else ()
        return cls(symbol, kind, date, meeting, topic, vote, members)


def dump(entries: Iterable[RecordEntry]) -> str:
    """The catalogue's text: provenance, column names, one line per entry (in the given order)."""
    lines = [*HEADER, "\t".join(COLUMNS), *(entry.to_line() for entry in entries)]
    return "\n".join(lines) + "\n"


def resolution_symbol(number: int, year: int) -> str:
    return f"S/RES/{number} ({year})"


def words(text: str) -> list[str]:
    """Words for matching a topic: case and accents folded ("Côte" finds "Cote")."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.findall(r"\w+", plain)


class Record:
    """The catalogue: look up a symbol, search, follow a topic through the years.

    Entries are read from the file on first use, not when the object is made."""

    def __init__(self, path: Path = RECORD_FILE) -> None:
        self.path = path

    @functools.cached_property
    def entries(self) -> tuple[RecordEntry, ...]:
        with self.path.open(encoding="utf-8") as file:
            lines = [line for line in file if not line.startswith("#")]
        if not lines or lines[0].rstrip("\n").split("\t") != list(COLUMNS):
            raise ValueError(f"{self.path}: not a record catalogue (columns {COLUMNS})")
        return tuple(RecordEntry.from_line(line) for line in lines[1:] if line.strip())

    @functools.cached_property
    def _by_symbol(self) -> dict[str, RecordEntry]:
        found: dict[str, RecordEntry] = {}
        for entry in self.entries:
            found.setdefault(entry.symbol.casefold(), entry)  # a draft vetoed twice: the first
        return found

    @functools.cached_property
    def _resolutions(self) -> dict[int, RecordEntry]:
        return {e.number: e for e in self.entries if e.kind == "resolution"}

    @functools.cached_property
    def _words(self) -> dict[str, frozenset[str]]:
        return {topic: frozenset(words(topic)) for topic in {e.topic for e in self.entries}}

    def __iter__(self) -> Iterator[RecordEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, symbol: object) -> bool:
        return isinstance(symbol, str) and self.get(symbol) is not None

    def counts(self) -> dict[str, int]:
        """How many entries of each kind: {"resolution": 2640, "statement": …, "veto": …}."""
        counted = dict.fromkeys(KINDS, 0)
        for entry in self.entries:
            counted[entry.kind] += 1
        return counted

    def get(self, symbol: str) -> RecordEntry | None:
        """The entry of a symbol as the library writes it ("S/RES/242 (1967)") or without its
        year ("S/RES/242"); a year that is not the resolution's finds nothing."""
        symbol = " ".join(symbol.split())
        if symbol.upper().startswith("S/RES/"):
            match = _RESOLUTION.fullmatch(symbol)
            if not match:
                return None
            entry = self._resolutions.get(int(match.group(1)))
            year = match.group(2)
            return entry if entry and (year is None or int(year) == entry.year) else None
        return self._by_symbol.get(symbol.casefold())

    def resolution(self, number: int) -> RecordEntry | None:
        return self._resolutions.get(number)

    def resolution_year(self, number: int) -> int | None:
        """The year of resolution ``number``: what a bare "resolution 2388" needs for its
        symbol."""
        entry = self._resolutions.get(number)
        return entry.year if entry else None

    def search(self, query: str) -> list[RecordEntry]:
        """Entries matching every part of ``query``, in date order: a symbol ("S/RES/242",
        "S/PRST/2017/27", a meeting "S/PV.8148"), a resolution number ("242", "242 (1967)"), a
        year ("1967"; "resolution 1967" or "S/RES/1967" for the resolution numbered like a
        year), topic words ("Cyprus", "middle east": every word, any case, as a word or the
        start of one). No query: everything."""
        tests = _query_tests(query, self)
        found = [e for e in self.entries if all(test(e) for test in tests)]
        return sorted(found, key=_date_order)

    def topic_series(self, symbol: str) -> list[RecordEntry]:
        """The other entries on the topic of ``symbol``'s, in date order: the Council's earlier
        and later decisions on the same question, as the record names it."""
        entry = self.get(symbol)
        if entry is None:
            return []
        key = _topic_key(entry.topic)
        return sorted((e for e in self.entries if e is not entry and _topic_key(e.topic) == key),
                      key=_date_order)

    def _has_words(self, entry: RecordEntry, wanted: list[str]) -> bool:
        topic_words = self._words[entry.topic]
        return all(any(w.startswith(part) for w in topic_words) for part in wanted)


@functools.cache
def load_record(path: Path = RECORD_FILE) -> Record:
    """The catalogue, one per file for the life of the process."""
    return Record(path)


def _date_order(entry: RecordEntry) -> tuple:
    return entry.date, KINDS.index(entry.kind), entry.number or 0, entry.symbol


@functools.cache
def _topic_key(topic: str) -> tuple[str, ...]:
    return tuple(words(topic))


def _query_tests(query: str, record: Record) -> list[Callable[[RecordEntry], bool]]:
    """One test per part of the query, each a function of an entry."""
    tests: list[Callable[[RecordEntry], bool]] = []
    symbols = [" ".join(m.group().replace("(", " (").split())
               for m in _SYMBOL_IN_QUERY.finditer(query)]
    if symbols:
        tests.append(lambda e: all(_symbol_matches(e, symbol) for symbol in symbols))
    rest = _SYMBOL_IN_QUERY.sub(" ", query)
    position = 0
    remaining = []
    for match in _NUMBER_IN_QUERY.finditer(rest):
        remaining.append(rest[position:match.start()])
        position = match.end()
        number, year = int(match.group("n")), match.group("y")
        if year:
            tests.append(lambda e, n=number, y=int(year): e.number == n and e.year == y)
        elif number in _YEARS and not match.group("res"):
            tests.append(lambda e, y=number: e.year == y)
        else:
            tests.append(lambda e, n=number: e.number == n)
    remaining.append(rest[position:])
    wanted = words(" ".join(remaining))
    if wanted:
        tests.append(lambda e: record._has_words(e, wanted))
    return tests


def _symbol_matches(entry: RecordEntry, symbol: str) -> bool:
    """A resolution by its number (and year, if given); anything else by its symbol or its
    meeting's (a meeting's resumptions with it)."""
    if symbol.casefold().startswith("s/res/"):
        match = _RESOLUTION.fullmatch(symbol)
        return bool(match) and entry.number == int(match.group(1)) and (
            match.group(2) is None or int(match.group(2)) == entry.year)
    folded, meeting = symbol.casefold(), entry.meeting.casefold()
    return folded in (entry.symbol.casefold(), meeting) or meeting.startswith(f"{folded} (")
