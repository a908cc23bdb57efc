"""Can Qt open a window here? Answered before Qt is imported, in one line a person can act on.

When Qt's xcb platform plugin finds no X server, or cannot load the system libraries it links
against, it prints several lines about plugins and aborts the process: no traceback, no hint
of the fix. Both causes are detectable beforehand from the environment and the dynamic loader,
so the caller can print one clear line instead and exit. Nothing here imports Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: The shared libraries Qt's xcb plugin (and libQt6XcbQpa) links against that a desktop may lack,
#: with the Debian/Ubuntu package that provides each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

#: Platforms whose Qt plugin draws without X11 and needs none of the libraries above.
_NO_X11_PLATFORMS = ("darwin", "win32", "cygwin")


def can_load_library(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` (the same lookup Qt's plugin will do)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def display_problem(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    can_load: Callable[[str], bool] = can_load_library,
) -> str | None:
    """Why Qt could not open a window here, as one line naming the fix; None if it can.

    Only the xcb (X11) platform is checked: offscreen, minimal, wayland and the macOS and
    Windows plugins need neither an X server nor the xcb libraries.
    """
    if platform.startswith(_NO_X11_PLATFORMS):
        return None
    env = os.environ if env is None else env
    requested = _requested_platform(env)
    if requested and requested != "xcb":
        return None
    if not requested and env.get("WAYLAND_DISPLAY") and (
        not env.get("DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"
    ):
        return None  # Qt chooses its Wayland plugin
    if not env.get("DISPLAY"):
        why = "QT_QPA_PLATFORM=xcb but DISPLAY is not set" if requested else "DISPLAY is not set"
        return (
            f"Plenary needs a display: none found ({why}). Run it under a virtual display "
            "with `xvfb-run make run`, or set QT_QPA_PLATFORM=offscreen for a smoke run."
        )
    missing = [package for soname, package in XCB_LIBRARIES.items() if not can_load(soname)]
    if missing:
        return (
            "Qt's X11 plugin needs system libraries that are missing: "
            f"sudo apt install {' '.join(missing)}"
        )
    return None


def _requested_platform(env: Mapping[str, str]) -> str:
    """The plugin QT_QPA_PLATFORM asks for first ("xcb" from "xcb:display=…;wayland"), or ""."""
    value = env.get("QT_QPA_PLATFORM", "")
    return value.split(";")[0].split(":")[0].strip().lower()
