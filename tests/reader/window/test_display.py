"""display_problem: one actionable line instead of Qt's abort, decided before Qt is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.window.display import XCB_LIBRARIES, can_load_library, display_problem

ROOT = Path(__file__).resolve().parents[3]
MISSING_HERE = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def loads_all(soname: str) -> bool:
    return True


def loads_none(soname: str) -> bool:
    return False


def loads_all_but_two(soname: str) -> bool:
    return soname not in MISSING_HERE


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"QT_QPA_PLATFORM": "xcb"},
        {"QT_QPA_PLATFORM": ""},
        {"XDG_SESSION_TYPE": "x11"},
    ],
)
def test_no_display_names_both_ways_out(env):
    problem = display_problem(env, platform="linux", can_load=loads_all)

    assert problem is not None
    assert "\n" not in problem
    assert problem.startswith("Plenary needs a display")
    assert "DISPLAY is not set" in problem
    assert "xvfb-run" in problem
    assert "QT_QPA_PLATFORM=offscreen" in problem


@pytest.mark.parametrize(
    "env",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "minimal"},
        {"QT_QPA_PLATFORM": "wayland"},
        {"QT_QPA_PLATFORM": "vnc:size=800x600"},
        {"QT_QPA_PLATFORM": "Offscreen"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"},
    ],
)
def test_platforms_without_x11_need_nothing(env):
    # Even with every xcb library missing: these plugins never load them.
    assert display_problem(env, platform="linux", can_load=loads_none) is None


@pytest.mark.parametrize("platform", ["darwin", "win32", "cygwin"])
def test_macos_and_windows_have_no_problem(platform):
    assert display_problem({}, platform=platform, can_load=loads_none) is None


@pytest.mark.parametrize(
    "env",
    [
        {"DISPLAY": ":0"},
        {"DISPLAY": ":99", "QT_QPA_PLATFORM": "xcb"},
        {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"},
    ],
)
def test_missing_xcb_libraries_name_the_debian_packages(env):
    problem = display_problem(env, platform="linux", can_load=loads_all_but_two)

    assert problem == (
        "Qt's X11 plugin needs system libraries that are missing: "
        "sudo apt install libxcb-icccm4 libxcb-keysyms1"
    )


def test_display_with_every_library_is_fine():
    assert display_problem({"DISPLAY": ":0"}, platform="linux", can_load=loads_all) is None


def test_only_the_libraries_of_the_xcb_plugin_are_probed():
    asked: list[str] = []

    def record(soname: str) -> bool:
        asked.append(soname)
        return True

    display_problem({"DISPLAY": ":0"}, platform="linux", can_load=record)

    assert asked == list(XCB_LIBRARIES)
    assert {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"} <= set(asked)


def test_environment_defaults_to_the_process_environment(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert "xvfb-run" in display_problem(platform="linux", can_load=loads_all)

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_problem(platform="linux") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux sonames")
def test_real_loader():
    assert can_load_library("libc.so.6") is True
    assert can_load_library("libplenary-does-not-exist.so.0") is False


def test_importing_display_does_not_import_qt():
    code = ("import sys, reader.window.display; "
            "assert 'PySide6' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
