"""The narrow door between the window and its commands: what a command may ask and do, and the
changes it announces.

Commands (importing, annotating) used to take the whole MainWindow and drive its internals, so
importing depended on annotating through the window. Now a command gets a ``CommandContext``:
the library, where the reader is, a way to open a document, the operations helper, the
window's settings, a parent for its dialogs; and when it has changed something the others
show, it says so on ``Changes``. Each part of the window listens and brings itself up to date,
as Anki's ``operation_did_execute`` and calibre's signals do: no command knows who shows what.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from corpus.library import Library
    from corpus.model import Block, Document
    from reader.common.operations import Operations
    from reader.document.document_view import DocumentView
    from reader.window.settings import Settings


class Changes(QObject):
    """Announcements of changes the window's parts follow.

    Signals:
        libraryChanged(): the Library was updated in place (an import, a removal, a document
            shown again): lists, open documents, annotations' places and the index follow.
        annotationsReplaced(): the annotations were replaced wholesale (an import of a file,
            a backup restored), not changed one by one: what lists or draws them reads them
            again, and the undo history no longer applies.
    """

    libraryChanged = Signal()
    annotationsReplaced = Signal()


@dataclass(frozen=True)
class CommandContext:
    """What a command may ask of the window, and do through it."""

    library: Library
    data_dir: Path
    settings: Settings
    operations: Operations
    changes: Changes
    #: The window, as the parent of a command's dialogs and nothing else.
    parent: QWidget
    #: The symbol of the document (or card) in the current tab.
    current_symbol: Callable[[], str | None]
    #: The view in the current tab (a comparison's too).
    current_view: Callable[[], DocumentView | None]
    #: The document and paragraph a command acts on (see MainWindow.place).
    place: Callable[[str | None], tuple[Document | None, Block | None]]
    #: Open a document (at a paragraph, in a new tab); False if the library lacks it.
    open_document: Callable[..., bool]

    def status(self, text: str, timeout: int = 4000) -> None:
        """A passing message in the status bar."""
        self.operations.status(text, timeout)
