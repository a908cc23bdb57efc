"""Text that remembers which characters are italic while the parsers cut, join and repair it.

Every cleaning step (joining page-break halves, dropping footnote markers, repairing spurious
spaces) shifts offsets. Carrying one italic flag per character makes each step a plain string
operation and turns the flags back into spans once, at the end, instead of adjusting span lists
in every function.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from corpus.model import Span


@dataclass(frozen=True)
class Styled:
    text: str
    italic: tuple[bool, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.italic):
            raise ValueError("one italic flag per character")

    @classmethod
    def plain(cls, text: str) -> Styled:
        return cls(text, (False,) * len(text))

    @classmethod
    def emphasised(cls, text: str) -> Styled:
        return cls(text, (True,) * len(text))

    def __add__(self, other: Styled) -> Styled:
        return Styled(self.text + other.text, self.italic + other.italic)

    def __getitem__(self, key: slice) -> Styled:
        return Styled(self.text[key], self.italic[key])

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text)

    def strip(self) -> Styled:
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self[start:end]

    def sub(
        self, pattern: str | re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
    ) -> Styled:
        """``re.sub`` that styles each replacement like the first character it replaces."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        matches = list(regex.finditer(self.text))
        if not matches:  # the usual case for each repair: nothing to copy
            return self
        literal = repl if isinstance(repl, str) and "\\" not in repl else None
        text_parts: list[str] = []
        flags: list[bool] = []
        last = 0
        for match in matches:
            start = match.start()
            text_parts.append(self.text[last:start])
            flags.extend(self.italic[last:start])
            if literal is not None:
                new = literal
            else:
                new = repl(match) if callable(repl) else match.expand(repl)
            if start < len(self.italic):
                flag = self.italic[start]
            else:
                flag = bool(self.italic) and self.italic[-1]
            text_parts.append(new)
            flags.extend((flag,) * len(new))
            last = match.end()
        text_parts.append(self.text[last:])
        flags.extend(self.italic[last:])
        return Styled("".join(text_parts), tuple(flags))

    def spans(self) -> tuple[Span, ...]:
        """Italic runs as spans, ignoring runs that are only whitespace or punctuation."""
        spans = []
        start = None
        for i, flag in enumerate((*self.italic, False)):
            if flag and start is None:
                start = i
            elif not flag and start is not None:
                piece = self.text[start:i]
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece.rstrip())
                if any(ch.isalnum() for ch in piece):
                    spans.append(Span(start + lead, start + trail))
                start = None
        return tuple(spans)


def join(parts: list[Styled], separator: str = "") -> Styled:
    """The parts one after the other, ``separator`` between: in one pass, since a paragraph
    may be thousands of lines (adding one part at a time would copy it each time)."""
    flags: list[bool] = []
    gap = (False,) * len(separator)
    for i, part in enumerate(parts):
        if i:
            flags.extend(gap)
        flags.extend(part.italic)
    return Styled(separator.join(part.text for part in parts), tuple(flags))
