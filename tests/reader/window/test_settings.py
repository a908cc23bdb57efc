"""Preferences read from settings.ini as their declared type: a hand-edited or damaged value is
clamped into range or falls back to the default, and never stops the window from opening."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo

from reader.window.settings import (
    FONT_SIZE,
    PREFERENCES,
    BoolPreference,
    ChoicePreference,
    IntPreference,
    Settings,
)

FLAG = BoolPreference("test/flag", True, "a yes/no choice")
COUNT = IntPreference("test/count", 5, "a number", 1, 10)
TEST_PREFERENCES = (*PREFERENCES, FLAG, COUNT)


def _write_ini(data_dir, text: str) -> None:
    (data_dir / "settings.ini").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("raw", "expected"), [
    ("false", False), ("False", False), ("0", False), ("no", False), ("off", False),
    ("true", True), ("1", True), ("yes", True),
    ("500", True), ("-3", True), ("abc", True), ("", True),  # unreadable: the default
])
def test_a_bool_written_by_hand_reads_as_meant(data_dir, raw, expected):
    _write_ini(data_dir, f"[test]\nflag={raw}\n")
    assert Settings(data_dir, TEST_PREFERENCES).get("test/flag") is expected


def test_a_bool_saved_false_reads_back_false(data_dir):
    Settings(data_dir, TEST_PREFERENCES).set("test/flag", False)
    assert Settings(data_dir, TEST_PREFERENCES).get("test/flag") is False
    Settings(data_dir, TEST_PREFERENCES).set("test/flag", True)
    assert Settings(data_dir, TEST_PREFERENCES).get("test/flag") is True


@pytest.mark.parametrize(("raw", "expected"), [
    ("7", 7), ("0", 1), ("500", 10), ("-3", 1), ("abc", 5), ("false", 5), ("", 5),
    ("3.6", 4), ("nan", 5), ("inf", 5), (" 8 ", 8),
])
def test_a_number_is_clamped_or_the_default(data_dir, raw, expected):
    _write_ini(data_dir, f"[test]\ncount={raw}\n")
    assert Settings(data_dir, TEST_PREFERENCES).get("test/count") == expected


def test_a_number_is_saved_within_its_range(data_dir):
    Settings(data_dir, TEST_PREFERENCES).set("test/count", 99)
    assert Settings(data_dir, TEST_PREFERENCES).get("test/count") == 10


def test_a_choice_outside_its_choices_is_the_default():
    theme = next(p for p in PREFERENCES if p.name == "view/theme")
    assert isinstance(theme, ChoicePreference)
    assert theme.parse("dark") == "dark"
    assert theme.parse("abc") == theme.parse(500) == theme.parse(None) == "system"


def test_every_preference_reads_its_own_default():
    for pref in PREFERENCES:
        assert pref.parse(pref.default) == pref.default


@pytest.mark.parametrize(("raw", "size"), [
    ("false", FONT_SIZE.default), ("0", FONT_SIZE.minimum), ("500", FONT_SIZE.maximum),
    ("-3", FONT_SIZE.minimum), ("abc", FONT_SIZE.default), ("14", 14),
])
def test_the_window_applies_a_hand_written_text_size_within_range(make_window, data_dir, raw,
                                                                  size):
    _write_ini(data_dir, f"[view]\nfont_size={raw}\ntheme={raw}\n"
                         f"[annotate]\ncolor={raw}\n")
    window = make_window()
    window.open_document("S/RES/2396 (2017)")
    shown = QFontInfo(window.view.font())  # the size the document is drawn at
    assert shown.pointSize() == size
    assert window.font_size == size
    assert window.theme == "system"
    assert window.annotator.color == "yellow"
    window.actions_by_name["zoom_in"].trigger()
    assert QFontInfo(window.view.font()).pointSize() == min(size + 1, FONT_SIZE.maximum)


def test_zoom_stops_at_the_range(make_window):
    window = make_window()
    for _ in range(FONT_SIZE.maximum * 2):
        window.actions_by_name["zoom_in"].trigger()
    assert QFontInfo(window.view.font()).pointSize() == FONT_SIZE.maximum
    window.actions_by_name["zoom_reset"].trigger()
    assert QFontInfo(window.view.font()).pointSize() == FONT_SIZE.default


def test_open_tabs_of_an_earlier_version_and_hand_edits_are_read(tmp_path):
    from reader.window.settings import OpenTab, Settings

    settings = Settings(tmp_path)
    settings._qsettings.setValue("window/tabs", [
        "S/RES/2322 (2016)#op3",  # as Plenary wrote them before comparisons were kept
        '{"symbol": "S/2017/1051", "block": "L-op12", "compared_with": "S/RES/2396 (2017)", '
        '"mode": "redline"}',
        '{"symbol": 7}', "{not json", "#op1"])
    tabs, _current = settings.open_tabs()
    assert tabs == [OpenTab("S/RES/2322 (2016)", "op3"),
                    OpenTab("S/2017/1051", "L-op12", "S/RES/2396 (2017)", "redline")]
