"""What the reader remembers between runs, kept in the data directory.

Preferences (a user's choices: theme, text size) are declared once in ``PREFERENCES`` with type,
default and meaning; window state (geometry, open tabs, reading positions) is kept apart, since
it is not a choice but a snapshot. Both live in one INI file inside the data directory, so a
``--data-dir`` run (and every test) leaves the user's own settings alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Preference:
    name: str
    type: type
    default: object
    description: str


PREFERENCES = (
    Preference("view/theme", str, "system", "light, dark, or system (follow the desktop)"),
    Preference("view/font_size", int, 11, "text size of documents, in points"),
    Preference("annotate/color", str, "yellow", "colour of new highlights (Annotate menu)"),
)
_BY_NAME = {p.name: p for p in PREFERENCES}


@dataclass(frozen=True)
class OpenTab:
    symbol: str
    block: str | None = None  # the paragraph at the top of the view: the reading position


class Settings:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._qsettings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)

    def get(self, name: str):
        pref = _BY_NAME[name]
        value = self._qsettings.value(name, pref.default)
        try:
            return pref.type(value)
        except (TypeError, ValueError):
            return pref.default

    def set(self, name: str, value) -> None:
        pref = _BY_NAME[name]
        self._qsettings.setValue(name, pref.type(value))

    # --- window state -------------------------------------------------------------------

    def save_window(self, geometry: QByteArray, state: QByteArray, tabs: list[OpenTab],
                    current: int) -> None:
        s = self._qsettings
        s.setValue("window/geometry", geometry)
        s.setValue("window/state", state)
        s.setValue("window/tabs", [f"{t.symbol}#{t.block or ''}" for t in tabs])
        s.setValue("window/current_tab", current)
        s.sync()

    def window_geometry(self) -> QByteArray | None:
        value = self._qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qsettings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def open_tabs(self) -> tuple[list[OpenTab], int]:
        raw = self._qsettings.value("window/tabs", [])
        if isinstance(raw, str):
            raw = [raw]
        tabs = []
        for entry in raw or []:
            symbol, _, block = str(entry).rpartition("#")
            if symbol:
                tabs.append(OpenTab(symbol, block or None))
        try:
            current = int(self._qsettings.value("window/current_tab", 0))
        except (TypeError, ValueError):
            current = 0
        return tabs, current
