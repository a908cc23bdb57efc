"""Text for a terminal: what a command prints can never act on the terminal that shows it.

An imported document (or an annotation, a file name) may carry control characters: ESC starts
escape sequences that recolour, move the cursor, clear the screen or set the window title, BEL
rings, a carriage return draws over the line, and the Unicode bidirectional controls reorder
what follows so that the screen shows something other than the text. ``terminal_safe`` replaces
each of them with a visible stand-in; ``SafeStream`` does so for everything written to a stream,
which is how ``main.py`` applies it to every command's output in one place.

JSON output is escaped by ``json.dumps`` for C0 controls only; ``json_safe`` escapes the rest
(DEL, C1, bidi controls) as ``\\uXXXX``, which a JSON reader turns back into the same text.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

#: C0 controls (but tab and line feed), DEL, C1 controls, and Unicode's Bidi_Control characters:
#: ALM, LRM, RLM, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: What json.dumps leaves raw with ensure_ascii=False (it escapes U+0000–U+001F itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's control pictures: ␛ ␇ ␍ ␀ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character that could act on a terminal shown instead: C0
    controls as their control pictures ("\\x1b" → "␛"), C1 and bidirectional controls as an
    escape ("\\x9b", "\\u202e"). Line feeds and tabs, which a listing's layout uses, stay."""
    return _UNSAFE.sub(lambda m: _stand_in(m.group()), text)


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``) with the control characters it leaves raw escaped as
    ``\\uXXXX``: the same JSON value, harmless on a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream:
    """A text stream that writes everything through ``terminal_safe``; anything else (flush,
    isatty, encoding, fileno) is the wrapped stream's.

    With ``redraw``, a carriage return that begins a write is kept: it is how a progress line
    (index/progress.py) draws itself again; anywhere else it is shown as "␍"."""

    def __init__(self, stream: TextIO, *, redraw: bool = False) -> None:
        self._stream = stream
        self._redraw = redraw

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, text: str) -> int:
        if self._redraw and text.startswith("\r"):
            self._stream.write("\r" + terminal_safe(text[1:]))
        else:
            self._stream.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_output() -> Iterator[None]:
    """Within it, ``sys.stdout`` and ``sys.stderr`` write through ``terminal_safe``."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err, redraw=True)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
