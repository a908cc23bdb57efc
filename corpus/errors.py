"""Errors the corpus layer reports to whoever is loading documents (CLI, GUI, importer)."""

from __future__ import annotations

from pathlib import Path


class CorpusError(Exception):
    """Base for every error the corpus layer raises on purpose."""


class SourceError(CorpusError):
    """A source file that cannot be turned into a document, with the place to look at.

    The message always names the file and, where one exists, the line, so a reader who imported
    a bad file knows what to fix without a traceback.
    """

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        where = f"{self.path.name}, line {line}" if line else self.path.name
        super().__init__(f"{where}: {reason}")


class ManifestError(CorpusError):
    """The library manifest is missing, malformed or names a file that is not there."""


def brief(exc: BaseException) -> str:
    """A library's exception as a clause for a SourceError's reason: its message on one line
    and at most 120 characters (pypdf's and lxml's can run to paragraphs), else its type."""
    message = " ".join(str(exc).split()).strip("\"'") or type(exc).__name__
    return message if len(message) <= 120 else message[:117] + "…"
