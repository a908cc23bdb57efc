"""Every user action of the main window, declared once: name, menu, label, shortcut.

Menus, the toolbar and Help → Keyboard shortcuts are all built from ``ACTIONS``, so a shortcut
cannot be bound in one place and documented differently in another. Handlers are keyed by
``Act`` and ``build_actions`` refuses a missing or extra one, so no menu item is dead. Keys that
work in one place only (the find bar, the Notes list, the note dialog) are declared in
``CONTEXT_SHORTCUTS``: the widgets bind them from there and Help lists them. Qt's standard key
sequences are used where Qt has one, so each platform gets its own conventions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

Key = QKeySequence.StandardKey | str


class Act(StrEnum):
    """Every main-window action by name: a handler is keyed by one of these, so a misspelt
    name fails where it is written, not as a dead menu item."""

    import_documents = "import_documents"
    recent_documents = "recent_documents"
    remove_document = "remove_document"
    show_hidden = "show_hidden"
    print_document = "print_document"
    save_pdf = "save_pdf"
    close_tab = "close_tab"
    quit = "quit"
    undo = "undo"
    redo = "redo"
    copy_citation = "copy_citation"
    find = "find"
    search = "search"
    preferences = "preferences"
    back = "back"
    forward = "forward"
    go_to_paragraph = "go_to_paragraph"
    previous_on_topic = "previous_on_topic"
    next_on_topic = "next_on_topic"
    next_tab = "next_tab"
    previous_tab = "previous_tab"
    zoom_in = "zoom_in"
    zoom_out = "zoom_out"
    zoom_reset = "zoom_reset"
    theme = "theme"
    toggle_library = "toggle_library"
    toggle_side = "toggle_side"
    compare_with = "compare_with"
    compare_counterpart = "compare_counterpart"
    next_change = "next_change"
    previous_change = "previous_change"
    swap_sides = "swap_sides"
    export_comparison = "export_comparison"
    highlight = "highlight"
    add_note = "add_note"
    bookmark = "bookmark"
    show_annotations = "show_annotations"
    export_annotations = "export_annotations"
    import_annotations = "import_annotations"
    restore_backup = "restore_backup"
    user_guide = "user_guide"
    shortcuts = "shortcuts"
    welcome = "welcome"
    about = "about"


@dataclass(frozen=True)
class ActionSpec:
    name: Act
    menu: str
    text: str
    keys: tuple[Key, ...] = ()
    tip: str = ""
    toolbar: bool = False
    icon: str | None = None  # a QStyle.StandardPixmap name: native icons, no image files


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(Act.import_documents, "File", "&Import…", (QKeySequence.StandardKey.Open,),
               "Add resolutions to the library from text, Markdown, PDF or Word files"),
    # The submenu of the last documents opened (reader/help/recent.py); choosing the item
    # itself (no key) opens that submenu.
    ActionSpec(Act.recent_documents, "File", "Recent &Documents", (),
               "Open one of the last documents you read"),
    ActionSpec(Act.remove_document, "File", "&Remove from Library…", (),
               "Take the current document out of the library (your annotations are kept)"),
    ActionSpec(Act.show_hidden, "File", "Show &Hidden Documents…", (),
               "Bring back a bundled document you removed from the library"),
    ActionSpec(Act.print_document, "File", "&Print…", (QKeySequence.StandardKey.Print,),
               "Print the document or comparison, with or without your annotations"),
    ActionSpec(Act.save_pdf, "File", "Save as P&DF…", (),
               "Save the document or comparison as a PDF file"),
    ActionSpec(Act.close_tab, "File", "&Close Tab", (QKeySequence.StandardKey.Close,),
               "Close the current document"),
    ActionSpec(Act.quit, "File", "&Quit", (QKeySequence.StandardKey.Quit,), "Quit Plenary"),
    ActionSpec(Act.undo, "Edit", "&Undo", (QKeySequence.StandardKey.Undo,),
               "Undo the last change to your annotations"),
    ActionSpec(Act.redo, "Edit", "&Redo", (QKeySequence.StandardKey.Redo,),
               "Redo the change to your annotations"),
    ActionSpec(Act.copy_citation, "Edit", "Copy with &Citation", ("Ctrl+Shift+C",),
               "Copy the current paragraph with its citation"),
    ActionSpec(Act.find, "Edit", "&Find in Document…", (QKeySequence.StandardKey.Find,),
               "Find text in the current document", toolbar=True,
               icon="SP_FileDialogContentsView"),
    ActionSpec(Act.search, "Edit", "&Search the Library…", ("Ctrl+K",),
               "Search every paragraph of the library", toolbar=True),
    ActionSpec(Act.preferences, "Edit", "&Preferences…",
               (QKeySequence.StandardKey.Preferences,),
               "Typeface, text size, line spacing and column width of documents"),
    ActionSpec(Act.back, "Go", "&Back", (QKeySequence.StandardKey.Back,),
               "Back to the previous place", toolbar=True, icon="SP_ArrowBack"),
    ActionSpec(Act.forward, "Go", "&Forward", (QKeySequence.StandardKey.Forward,),
               "Forward again", toolbar=True, icon="SP_ArrowForward"),
    ActionSpec(Act.go_to_paragraph, "Go", "&Go to Paragraph…", ("Ctrl+G",),
               "Go to a paragraph by its number: OP 12, PP 3, 12 (b), annex B 6, footnote 4"),
    ActionSpec(Act.previous_on_topic, "Go", "Pre&vious on This Topic", ("Ctrl+Alt+PgUp",),
               "The resolution adopted before this one on its topic (the Council's record)"),
    ActionSpec(Act.next_on_topic, "Go", "Ne&xt on This Topic", ("Ctrl+Alt+PgDown",),
               "The resolution adopted after this one on its topic (the Council's record)"),
    ActionSpec(Act.next_tab, "Go", "&Next Tab", (QKeySequence.StandardKey.NextChild,)),
    ActionSpec(Act.previous_tab, "Go", "&Previous Tab", (QKeySequence.StandardKey.PreviousChild,)),
    ActionSpec(Act.zoom_in, "View", "Zoom &In", (QKeySequence.StandardKey.ZoomIn, "Ctrl+=")),
    ActionSpec(Act.zoom_out, "View", "Zoom &Out", (QKeySequence.StandardKey.ZoomOut,)),
    ActionSpec(Act.zoom_reset, "View", "&Actual Size", ("Ctrl+0",)),
    ActionSpec(Act.theme, "View", "Switch &Theme", ("Ctrl+Shift+T",),
               "Cycle between the system's theme, light and dark"),
    ActionSpec(Act.toggle_library, "View", "Show &Library", ("Ctrl+Shift+L",),
               "Show or hide the library pane"),
    ActionSpec(Act.toggle_side, "View", "Show &Side Panel", ("Ctrl+Shift+P",),
               "Show or hide search, references and outline"),
    ActionSpec(Act.compare_with, "Compare", "Compare &With…", ("Ctrl+Shift+D",),
               "Compare the current document with another, paragraph by paragraph",
               toolbar=True),
    ActionSpec(Act.compare_counterpart, "Compare", "Compare with &Draft or Adopted Text",
               ("Ctrl+Alt+D",), "Compare a draft with its adopted text (draft on the left)"),
    ActionSpec(Act.next_change, "Compare", "&Next Change", ("F7",),
               "Go to the next changed row of the comparison"),
    ActionSpec(Act.previous_change, "Compare", "&Previous Change", ("Shift+F7",),
               "Go to the previous changed row of the comparison"),
    ActionSpec(Act.swap_sides, "Compare", "&Swap Sides", ("Ctrl+Shift+X",),
               "Put the right-hand document on the left"),
    ActionSpec(Act.export_comparison, "Compare", "&Export Comparison…", ("Ctrl+Shift+E",),
               "Save the comparison as an HTML page or a Word document"),
    ActionSpec(Act.highlight, "Annotate", "&Highlight", ("Ctrl+H",),
               "Highlight the selected words in the current colour", toolbar=True),
    ActionSpec(Act.add_note, "Annotate", "Add &Note…", ("Ctrl+Shift+N",),
               "Add a note to the selected words (or to the paragraph being read)",
               toolbar=True),
    ActionSpec(Act.bookmark, "Annotate", "&Bookmark Paragraph", ("Ctrl+D",),
               "Bookmark the paragraph being read, or remove its bookmark"),
    ActionSpec(Act.show_annotations, "Annotate", "Show &Annotations", ("Ctrl+Shift+A",),
               "List your highlights, notes and bookmarks"),
    ActionSpec(Act.export_annotations, "Annotate", "&Export Annotations…", (),
               "Save annotations as Word, HTML, Markdown, CSV or JSON for a briefing note"),
    ActionSpec(Act.import_annotations, "Annotate", "&Import Annotations…", (),
               "Merge annotations from a Plenary JSON export"),
    ActionSpec(Act.restore_backup, "Annotate", "&Restore a Backup…", (),
               "Bring back the annotations of an earlier day"),
    ActionSpec(Act.user_guide, "Help", "&User Guide", (),
               "How to read, search, compare, annotate and print (offline)"),
    ActionSpec(Act.shortcuts, "Help", "&Keyboard Shortcuts", ("F1",),
               "List every keyboard shortcut"),
    ActionSpec(Act.welcome, "Help", "&Welcome", (),
               "The first start's page: what to press to search, compare and annotate"),
    ActionSpec(Act.about, "Help", "&About Plenary", (),
               "Version, data sources and their credits, libraries and their licences"),
)
MENUS = ("File", "Edit", "View", "Go", "Compare", "Annotate", "Help")
_SPEC_BY_NAME = {spec.name: spec for spec in ACTIONS}




@dataclass(frozen=True)
class ContextShortcut:
    """A key that works only in one place (the find bar, the Notes list…): it has no menu item,
    but Help lists it with the place it applies in, and the widget binds these very keys."""
    name: str
    context: str
    text: str
    keys: tuple[Key, ...]


FIND_OPEN = "Find bar or document, while the find bar is open"
CONTEXT_SHORTCUTS: tuple[ContextShortcut, ...] = (
    ContextShortcut("find_next", "Find bar", "Next match", ("Return", "Enter")),
    ContextShortcut("find_previous", "Find bar", "Previous match",
                    ("Shift+Return", "Shift+Enter")),
    ContextShortcut("find_again", FIND_OPEN, "Next match", (QKeySequence.StandardKey.FindNext,)),
    ContextShortcut("find_again_back", FIND_OPEN, "Previous match",
                    (QKeySequence.StandardKey.FindPrevious,)),
    ContextShortcut("find_close", FIND_OPEN, "Close the find bar", ("Esc",)),
    ContextShortcut("search_clear", "Search box", "Clear the search", ("Esc",)),
    ContextShortcut("search_open", "Search results", "Open the result", ("Return", "Enter")),
    ContextShortcut("notes_go_to", "Notes list", "Go to the annotation", ("Return", "Enter")),
    ContextShortcut("notes_edit", "Notes list", "Edit the note", ("F2",)),
    ContextShortcut("notes_delete", "Notes list", "Delete the selected annotations",
                    ("Delete", "Backspace")),
    ContextShortcut("notes_clear_filter", "Notes filter", "Clear the filter", ("Esc",)),
    ContextShortcut("note_save", "Note dialog", "Save the note", ("Ctrl+Return", "Ctrl+Enter")),
    ContextShortcut("document_start", "Document", "Go to the start",
                    (QKeySequence.StandardKey.MoveToStartOfDocument,)),
    ContextShortcut("document_end", "Document", "Go to the end",
                    (QKeySequence.StandardKey.MoveToEndOfDocument,)),
)
_CONTEXT_BY_NAME = {c.name: c for c in CONTEXT_SHORTCUTS}


def context_keys(name: str) -> list[QKeySequence]:
    """The key sequences of the context shortcut ``name`` (KeyError when none is declared)."""
    return [QKeySequence(k) for k in _CONTEXT_BY_NAME[name].keys]


def is_context_key(key: int, name: str) -> bool:
    """Whether ``key`` (a QKeyEvent's key, modifiers aside) is one of the context shortcut
    ``name``'s keys: the event filters of the find bar, the search box and the Notes list
    decide by this, so the keys they act on are the ones Help lists."""
    return any(keys.count() and keys[0].key() == key for keys in context_keys(name))


def matches_context(event: QKeyEvent, name: str) -> bool:
    """Whether a key press (with its modifiers) is one of the context shortcut ``name``'s."""
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(keys) == QKeySequence.SequenceMatch.ExactMatch
               for keys in context_keys(name))


class HandlerMismatch(ValueError):
    """The handlers given for the declared actions are not one per action."""


def build_actions(parent: QWidget,
                  handlers: Mapping[Act, Callable[[], object]]) -> dict[Act, QAction]:
    """One QAction per declared action, triggering ``handlers[name]``.

    Raises HandlerMismatch unless there is exactly one handler per action: an action without
    one would be a menu item that does nothing, a handler without an action dead code.
    """
    given = {}
    unknown = []
    for key, handler in handlers.items():
        try:
            given[Act(key)] = handler
        except ValueError:
            unknown.append(str(key))
    missing = [str(spec.name) for spec in ACTIONS if spec.name not in given]
    not_callable = [str(name) for name, handler in given.items() if not callable(handler)]
    if missing or unknown or not_callable:
        raise HandlerMismatch("; ".join(
            f"{what}: {', '.join(names)}" for what, names in (
                ("actions without a handler", missing),
                ("handlers without an action", unknown),
                ("handlers that cannot be called", not_callable)) if names))
    actions = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(spec.name)
        if spec.keys:
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
        if spec.icon:
            pixmap = getattr(QStyle.StandardPixmap, spec.icon)
            action.setIcon(parent.style().standardIcon(pixmap))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        handler = given[spec.name]
        action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.name] = action
    return actions


def _native(keys: tuple[Key, ...]) -> str:
    return ", ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def keys_text(name: Act) -> str:
    """The keys of action ``name`` as the menu shows them (native text: "Ctrl+K"), "" for
    none: what Help's pages say to press, so they cannot name another key than the menu."""
    return _native(_SPEC_BY_NAME[name].keys)


def menu_path(name: Act) -> str:
    """Where action ``name`` is in the menus, as a person reads it: "Compare → Compare
    With…" (no "&")."""
    spec = _SPEC_BY_NAME[name]
    return f"{spec.menu} → {spec.text.replace('&', '')}"


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu or place, action, shortcuts) for Help → Keyboard shortcuts, in native text: every
    menu action, then every key that works in one place only."""
    rows = [(spec.menu, spec.text.replace("&", "").rstrip("…"), _native(spec.keys))
            for spec in ACTIONS]
    rows += [(c.context, c.text, _native(c.keys)) for c in CONTEXT_SHORTCUTS]
    return rows
