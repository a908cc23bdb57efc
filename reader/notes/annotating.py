"""The reader's annotations in the window: making them, drawing them, undoing them.

The store, re-anchoring and exports are Qt-free (annotations/); this module is the glue the
window delegates to. Every change goes through one undoable command, ``_Change``: a list of
(before, after) states of annotations, where None means "not there". Adding, editing, deleting
and undoing any of them are the same operation, so undo cannot forget a case. (An import is a
merge of many; it clears the undo stack instead of being undone piecemeal.)

Every step is applied to the store first, and the undo stack moves only if the store took it:
a read-only or locked database, or an annotation changed elsewhere meanwhile, leaves the stack
where it was and the reader is told why, so Ctrl+Z can always be tried again.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QTextCharFormat,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from annotations.model import (
    DEFAULT_COLOR,
    PALETTE,
    Annotation,
    bookmark,
    citation_of,
    highlight,
)
from annotations.store import AnnotationStore, StoreError
from corpus.citing import snap_to_words
from corpus.model import Block, Document
from reader.document.document_view import MARK_TEXT, DocumentView, MarginMark, TextTip
from reader.notes.palette import colour_of, swatch_icon

if TYPE_CHECKING:
    from corpus.library import Library

#: (anchor prefix, document) of each document a view shows: ("", doc) for a document tab,
#: ("L-", left) and ("R-", right) for a comparison.
Sides = list[tuple[str, Document]]
State = tuple[Annotation | None, Annotation | None]  # (before, after)


class _Change(QUndoCommand):
    """Annotations from one state to another, and back.

    The Annotator applies each step to the store itself, before moving the stack, and marks the
    command ``applied`` so the stack's own call does nothing; called by the stack alone (its
    own bookkeeping), the command applies the step itself.
    """

    def __init__(self, annotator: Annotator, states: Sequence[State], text: str) -> None:
        super().__init__(text)
        self._annotator = annotator
        self.states = list(states)
        self.applied = True  # pushed after the change was made

    def redo(self) -> None:
        if not self.applied:
            self._annotator._apply(self.states)
        self.applied = False

    def undo(self) -> None:
        if not self.applied:
            self._annotator._apply(reverse(self.states))
        self.applied = False


def reverse(states: Sequence[State]) -> list[State]:
    return [(after, before) for before, after in states]


class Annotator(QObject):
    """Owns the annotation store and the undo stack for one window.

    Signals:
        changed(list): annotations were added, edited or removed: the (before, after) pairs,
            so a list of them can follow without reading them all back.
        message(str): something to tell the reader in the status bar.
    """

    changed = Signal(list)
    message = Signal(str)

    def __init__(self, store: AnnotationStore, library: Library,
                 sides_of: Callable[[DocumentView], Sides], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.library = library
        self._sides_of = sides_of
        self.undo_stack = QUndoStack(self)
        self.color = DEFAULT_COLOR
        self._views: list[DocumentView] = []
        self.colour_actions = QActionGroup(self)
        for name in PALETTE:
            action = QAction(swatch_icon(name, 14), name.capitalize(), self.colour_actions)
            action.setCheckable(True)
            action.setChecked(name == self.color)
            action.setData(name)

    # --- views ----------------------------------------------------------------------------------

    def watch(self, view: DocumentView) -> None:
        """Draw annotations on ``view`` from now on, whatever page it shows next."""
        self._views.append(view)
        view.pageShown.connect(lambda v=view: self.paint(v))
        view.destroyed.connect(lambda _obj=None, v=view: self._forget(v))

    def _forget(self, view: DocumentView) -> None:
        if view in self._views:
            self._views.remove(view)

    def paint(self, view: DocumentView) -> None:
        """Draw the annotations of every document ``view`` shows."""
        selections: list[QTextEdit.ExtraSelection] = []
        marks: list[MarginMark] = []
        tips: list[TextTip] = []
        for prefix, doc in self._sides_of(view):
            blocks = {block.id: block for block in doc.blocks}
            for annotation in self.store.for_document(doc.symbol):
                block = blocks.get(annotation.block)
                if block is not None and not annotation.detached:
                    self._paint_one(view, prefix + block.id, doc, block, annotation,
                                    selections, marks, tips)
        view.set_annotation_marks(selections, marks, tips)

    def paint_all(self) -> None:
        for view in list(self._views):
            self.paint(view)

    def _paint_one(self, view: DocumentView, anchor: str, doc: Document, block: Block,
                   annotation: Annotation, selections: list[QTextEdit.ExtraSelection],
                   marks: list[MarginMark], tips: list[TextTip]) -> None:
        cursor = view.range_cursor(anchor, block, annotation.start, annotation.end)
        if cursor is None:  # the paragraph is not on this page (a filtered comparison row)
            return
        colour = colour_of(annotation.color)
        noted = bool(annotation.note.strip())
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if annotation.is_bookmark:
            marks.append(MarginMark(start, "bookmark", colour,
                                    lambda: tip_html(annotation, doc) if noted else
                                    html.escape(f"Bookmark: {citation_of(annotation, doc)}"),
                                    annotation.id))
        else:
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            fmt.setForeground(MARK_TEXT)
            if noted:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            selection = QTextEdit.ExtraSelection()
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        if noted:
            marks.append(MarginMark(start, "note", colour, lambda: tip_html(annotation, doc),
                                    annotation.id))
            tips.append(TextTip(start, end, lambda: tip_html(annotation, doc)))

    def annotations_at(self, view: DocumentView, point: QPoint) -> list[Annotation]:
        """The annotations at a viewport point: the one whose margin mark is there, else those
        whose words are under it."""
        mark = view.mark_at(point)
        if mark is not None:
            found = self.store.get(mark.key)
            return [found] if found is not None else []
        position = view.cursorForPosition(point).position()
        found = []
        for prefix, doc in self._sides_of(view):
            blocks = {block.id: block for block in doc.blocks}
            for annotation in self.store.for_document(doc.symbol):
                block = blocks.get(annotation.block)
                if annotation.detached or block is None or annotation.is_bookmark:
                    continue
                cursor = view.range_cursor(prefix + block.id, block, annotation.start,
                                           annotation.end)
                if cursor is not None and cursor.selectionStart() <= position < \
                        cursor.selectionEnd():
                    found.append(annotation)
        return found

    def search(self, text: str) -> list[Annotation]:
        """The reader's annotations with every word of ``text``; none (and a message) if the
        database cannot be read just now, so a library search still shows its results."""
        try:
            return self.store.search(text)
        except StoreError as exc:
            self.message.emit(str(exc))
            return []

    # --- making annotations -----------------------------------------------------------------

    def set_color(self, name: str) -> None:
        self.color = name if name in PALETTE else DEFAULT_COLOR
        for action in self.colour_actions.actions():
            action.setChecked(action.data() == self.color)

    def selected(self, view: DocumentView,
                 place: Callable[[str], tuple[Document | None, Block | None]]
                 ) -> list[tuple[Document, Block, int, int]]:
        """The view's selection as (document, paragraph, start, end), one per paragraph,
        widened to whole words: a highlight never cuts a word, nor its exports."""
        out = []
        for anchor, start, end in view.selected_ranges(lambda a: place(a)[1]):
            doc, block = place(anchor)
            if doc is not None and block is not None:
                start, end = snap_to_words(block.text, start, end)
                if start < end:
                    out.append((doc, block, start, end))
        return out

    def highlight(self, parts: Sequence[tuple[Document, Block, int, int]], *,
                  color: str | None = None, note: str = "",
                  tags: tuple[str, ...] = ()) -> list[Annotation]:
        """Highlight each selected stretch; a note goes on the first (the passage's start)."""
        if not parts:
            self.message.emit("Select the words to highlight first")
            return []
        made = [highlight(doc, block, start, end, color=color or self.color,
                          note=note if i == 0 else "", tags=tags)
                for i, (doc, block, start, end) in enumerate(parts)]
        noun = "Note" if note.strip() else "Highlight"
        return made if self.change([(None, a) for a in made], f"{noun}") else []

    def bookmarks(self, doc: Document, block: Block) -> list[Annotation]:
        """The paragraph's bookmarks (a paragraph note is not one: it has its own commands)."""
        return [a for a in self.store.for_document(doc.symbol)
                if a.is_bookmark and a.block == block.id and not a.note.strip()]

    def toggle_bookmark(self, doc: Document, block: Block) -> Annotation | None:
        """Bookmark a paragraph, or remove its bookmark if it has one."""
        existing = self.bookmarks(doc, block)
        if existing:
            self.change([(a, None) for a in existing], "Remove Bookmark")
            return None
        mark = bookmark(doc, block, color=self.color)
        return mark if self.change([(None, mark)], "Bookmark") else None

    def edit(self, old: Annotation, new: Annotation) -> bool:
        if old.same_content(new):
            return True
        return self.change([(old, new)], "Edit Note" if new.note else "Edit Annotation")

    def delete(self, annotations: Iterable[Annotation]) -> bool:
        doomed = list(annotations)
        if not doomed:
            return False
        noun = "Annotation" if len(doomed) == 1 else f"{len(doomed)} Annotations"
        return self.change([(a, None) for a in doomed], f"Delete {noun}")

    # --- applying changes -------------------------------------------------------------------

    def undo(self) -> bool:
        """Undo the last change if the store takes it back; the stack stays put if not."""
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        if not isinstance(command, _Change) or not self._apply(reverse(command.states)):
            return False
        command.applied = True
        self.undo_stack.undo()
        return True

    def redo(self) -> bool:
        command = self.undo_stack.command(self.undo_stack.index())
        if not isinstance(command, _Change) or not self._apply(command.states):
            return False
        command.applied = True
        self.undo_stack.redo()
        return True

    def change(self, states: Sequence[State], text: str) -> bool:
        """Apply a change to the store and make it undoable; False (and a message) if the
        store refused it, in which case nothing changed."""
        if not self._apply(states):
            return False
        self.undo_stack.push(_Change(self, states, text))
        return True

    def _apply(self, states: Iterable[State]) -> bool:
        states = list(states)
        try:
            self.store.apply(states)
        except StoreError as exc:
            self.message.emit(str(exc))
            return False
        self.paint_all()
        self.changed.emit(states)
        return True

    # --- keeping places ---------------------------------------------------------------------

    def reanchor(self, library: Library) -> str | None:
        """Find every annotation's place again after the corpus changed; a sentence saying
        what moved, or None when everything was in place."""
        try:
            result = self.store.reanchor(library)
        except StoreError as exc:
            return str(exc)
        return result.line() if result.changed else None

    def follow_library(self) -> None:
        """The library changed (an import, a removal): every annotation's place is found
        again and drawn there, and the reader told what moved."""
        moved = self.reanchor(self.library)
        self.paint_all()
        if moved:
            self.message.emit(f"Annotations: {moved}")

    def take_replaced(self) -> str | None:
        """The store's annotations were replaced wholesale (an import, a backup restored):
        they are placed in this library and drawn again, and the undo history, which speaks
        of the annotations before, is cleared. Returns what was placed anew, if anything."""
        placed = self.reanchor(self.library)
        self.undo_stack.clear()
        self.paint_all()
        return placed


def tip_html(annotation: Annotation, doc: Document | None) -> str:
    """A note as tooltip rich text: the citation, the rendered Markdown, the tags."""
    from annotations.notes import render_note

    tags = " ".join(f"#{t}" for t in annotation.tags)
    return ("<qt><p><b>" + html.escape(citation_of(annotation, doc)) + "</b></p>"
            + render_note(annotation.note)
            + (f'<p><i>{html.escape(tags)}</i></p>' if tags else "") + "</qt>")


def colour_menu(parent: QWidget, apply: Callable[[str], object],
                title: str = "&Highlight") -> QMenu:
    """A menu of highlight colours that calls ``apply(colour)``."""
    menu = QMenu(title, parent)
    for name in PALETTE:
        menu.addAction(swatch_icon(name, 14), name.capitalize(), lambda n=name: apply(n))
    return menu

