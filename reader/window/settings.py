"""What the reader remembers between runs, kept in the data directory.

Preferences (a user's choices: theme, text size) are declared once in ``PREFERENCES`` with type,
default, meaning and (for numbers) a range, as Picard's options are: what a hand-edited
settings.ini holds is read as that type, a value out of range is clamped and one that cannot be
read is the default, never an error. Window state (geometry, open tabs, reading positions) is
kept apart, since it is not a choice but a snapshot. Both live in one INI file inside the data
directory, so a ``--data-dir`` run (and every test) leaves the user's own settings alone.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from annotations.model import DEFAULT_COLOR, PALETTE
from reader.window.theme import THEMES


@dataclass(frozen=True)
class Preference:
    """A preference: its key in settings.ini, default and meaning. ``parse`` turns what the file
    holds (a string when written by hand, anything a bad edit leaves) into a value of the
    declared type, and never raises: a value it cannot read gives the default."""
    name: str
    default: object
    description: str

    def parse(self, raw: object) -> object:
        raise NotImplementedError


@dataclass(frozen=True)
class BoolPreference(Preference):
    """true/false, also as 1/0, yes/no, on/off (any case); anything else is the default."""
    default: bool

    def parse(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str):
            word = raw.strip().lower()
            if word in ("true", "1", "yes", "on"):
                return True
            if word in ("false", "0", "no", "off"):
                return False
        return self.default


@dataclass(frozen=True)
class IntPreference(Preference):
    """A whole number in [minimum, maximum]: one outside is clamped, one unreadable (text, a
    bool, nothing) is the default. A decimal is rounded."""
    default: int
    minimum: int
    maximum: int

    def parse(self, raw: object) -> int:
        if isinstance(raw, bool):
            return self.default
        if isinstance(raw, int):
            value = raw
        else:
            try:
                number = float(str(raw).strip())
            except ValueError:
                return self.default
            if not math.isfinite(number):
                return self.default
            value = round(number)
        return max(self.minimum, min(self.maximum, value))


@dataclass(frozen=True)
class ChoicePreference(Preference):
    """One of ``choices`` (as written, ignoring case and spaces around); else the default."""
    default: str
    choices: tuple[str, ...]

    def parse(self, raw: object) -> str:
        word = str(raw).strip().lower() if isinstance(raw, str) else None
        return word if word in self.choices else self.default


@dataclass(frozen=True)
class TextPreference(Preference):
    """A line of text (a folder's path): anything else (a number, a list, a line break or
    another control character from a bad edit) is the default."""
    default: str

    def parse(self, raw: object) -> str:
        return raw if isinstance(raw, str) and raw.isprintable() else self.default


FONT_SIZE = IntPreference("view/font_size", 11, "Text size, in points", 7, 28)
FONT_FAMILY = TextPreference("view/font_family", "", "Typeface (empty: a Times-like serif)")
LINE_SPACING = IntPreference("view/line_spacing", 135, "Line spacing, in per cent of the text "
                             "size", 100, 220)
COLUMN_WIDTH = IntPreference("view/column_width", 760, "Widest text column, in pixels at the "
                             "normal text size", 480, 1400)
#: What Edit → Preferences… sets: how documents read. The dialog is built from these.
READING: tuple[Preference, ...] = (FONT_FAMILY, FONT_SIZE, LINE_SPACING, COLUMN_WIDTH)
PREFERENCES: tuple[Preference, ...] = (
    ChoicePreference("view/theme", "system", "light, dark, or system (follow the desktop)",
                     THEMES),
    *READING,
    ChoicePreference("annotate/color", DEFAULT_COLOR, "colour of new highlights (Annotate menu)",
                     tuple(PALETTE)),
    TextPreference("compare/export_dir", "",
                   "folder a comparison was last exported to (empty: the Documents folder)"),
    TextPreference("print/pdf_dir", "", "the folder the last PDF was saved to"),
    TextPreference("export/annotations_dir", "",
                   "folder annotations were last exported to (empty: the Documents folder)"),
    # The formats of annotations.export.FORMATS, named here so start-up need not import
    # python-docx (a test checks that the two agree).
    ChoicePreference("export/annotations_format", "docx",
                     "format of the last annotations export (md, html, csv, json, docx)",
                     ("md", "html", "csv", "json", "docx")),
    BoolPreference("export/annotations_by_tag", False,
                   "whether the last annotations export grouped them by tag, not document"),
)


#: How many documents File → Recent Documents lists.
RECENT_LIMIT = 10


@dataclass(frozen=True)
class OpenTab:
    """A tab to open again at the next start: a document at its reading position, or a
    comparison of ``symbol`` with ``compared_with`` in its mode (side by side, redline)."""

    symbol: str
    block: str | None = None  # the paragraph at the top of the view: the reading position
    compared_with: str | None = None
    mode: str | None = None


class Settings:
    def __init__(self, data_dir: Path,
                 preferences: Iterable[Preference] = PREFERENCES) -> None:
        self.data_dir = data_dir
        self._qsettings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        self._preferences = {p.name: p for p in preferences}

    def get(self, name: str):
        """The preference's value, of its declared type and within its range (KeyError for a
        name that is not declared)."""
        pref = self._preferences[name]
        return pref.parse(self._qsettings.value(name, pref.default))

    def set(self, name: str, value) -> None:
        """Keep ``value``, as ``get`` would read it back (clamped, or the default)."""
        pref = self._preferences[name]
        self._qsettings.setValue(name, pref.parse(value))

    # --- window state -------------------------------------------------------------------

    def save_window(self, geometry: QByteArray, state: QByteArray, tabs: list[OpenTab],
                    current: int) -> None:
        s = self._qsettings
        s.setValue("window/geometry", geometry)
        s.setValue("window/state", state)
        s.setValue("window/tabs", [json.dumps(dataclasses.asdict(t), ensure_ascii=False)
                                   for t in tabs])
        s.setValue("window/current_tab", current)
        s.sync()

    def save_side_tab(self, name: str) -> None:
        """The side panel's tab shown at quit (Search, Notes…), by its name."""
        self._qsettings.setValue("window/side_tab", name)

    def side_tab(self) -> str | None:
        value = self._qsettings.value("window/side_tab")
        return value if isinstance(value, str) else None

    def window_geometry(self) -> QByteArray | None:
        value = self._qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qsettings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def recent_documents(self) -> list[str]:
        """The symbols of the last documents opened, most recent first (File → Recent
        Documents): at most RECENT_LIMIT, each once; what a hand edit left that is not a
        line of text is skipped."""
        raw = self._qsettings.value("window/recent", [])
        if isinstance(raw, str):
            raw = [raw]
        symbols: list[str] = []
        for entry in raw if isinstance(raw, list) else []:
            if isinstance(entry, str) and entry.isprintable() and entry and (
                    entry not in symbols):
                symbols.append(entry)
        return symbols[:RECENT_LIMIT]

    def save_recent_documents(self, symbols: list[str]) -> None:
        self._qsettings.setValue("window/recent", list(symbols[:RECENT_LIMIT]))

    def welcome_shown(self) -> bool:
        """Whether the first start's welcome page has been shown (it is shown once)."""
        return BoolPreference("window/welcome_shown", False, "").parse(
            self._qsettings.value("window/welcome_shown", False))

    def note_welcome_shown(self) -> None:
        self._qsettings.setValue("window/welcome_shown", True)

    def open_tabs(self) -> tuple[list[OpenTab], int]:
        raw = self._qsettings.value("window/tabs", [])
        if isinstance(raw, str):
            raw = [raw]
        tabs = [tab for entry in raw or [] if (tab := _open_tab(str(entry))) is not None]
        try:
            current = int(self._qsettings.value("window/current_tab", 0))
        except (TypeError, ValueError):
            current = 0
        return tabs, current


def _open_tab(entry: str) -> OpenTab | None:
    """A saved tab: a JSON object (this version), or "SYMBOL#block" (earlier ones); anything
    a hand edit left that is neither is skipped."""
    if entry.startswith("{"):
        try:
            fields = json.loads(entry)
        except ValueError:
            return None
        known = {f.name for f in dataclasses.fields(OpenTab)}
        if not isinstance(fields, dict) or not isinstance(fields.get("symbol"), str):
            return None
        values = {k: v for k, v in fields.items()
                  if k in known and (v is None or isinstance(v, str))}
        return OpenTab(**values)
    symbol, _, block = entry.rpartition("#")
    return OpenTab(symbol, block or None) if symbol else None
