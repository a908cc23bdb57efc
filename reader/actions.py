"""Every user action of the main window, declared once: name, menu, label, shortcut.

Menus, the toolbar and Help → Keyboard shortcuts are all built from ``ACTIONS``, so a shortcut
cannot be bound in one place and documented differently in another. Qt's standard key
sequences are used where Qt has one, so each platform gets its own conventions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

Key = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    name: str
    menu: str
    text: str
    keys: tuple[Key, ...] = ()
    tip: str = ""
    toolbar: bool = False
    icon: str | None = None  # a QStyle.StandardPixmap name: native icons, no image files


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_documents", "File", "&Import…", (QKeySequence.StandardKey.Open,),
               "Add resolutions to the library from text, Markdown, PDF or Word files"),
    ActionSpec("remove_document", "File", "&Remove from Library…", (),
               "Take the current document out of the library (your annotations are kept)"),
    ActionSpec("show_hidden", "File", "Show &Hidden Documents…", (),
               "Bring back a bundled document you removed from the library"),
    ActionSpec("close_tab", "File", "&Close Tab", (QKeySequence.StandardKey.Close,),
               "Close the current document"),
    ActionSpec("quit", "File", "&Quit", (QKeySequence.StandardKey.Quit,), "Quit Plenary"),
    ActionSpec("undo", "Edit", "&Undo", (QKeySequence.StandardKey.Undo,),
               "Undo the last change to your annotations"),
    ActionSpec("redo", "Edit", "&Redo", (QKeySequence.StandardKey.Redo,),
               "Redo the change to your annotations"),
    ActionSpec("copy_citation", "Edit", "Copy with &Citation", ("Ctrl+Shift+C",),
               "Copy the current paragraph with its citation"),
    ActionSpec("find", "Edit", "&Find in Document…", (QKeySequence.StandardKey.Find,),
               "Find text in the current document", toolbar=True,
               icon="SP_FileDialogContentsView"),
    ActionSpec("search", "Edit", "&Search the Library…", ("Ctrl+K",),
               "Search every paragraph of the library", toolbar=True),
    ActionSpec("back", "Go", "&Back", (QKeySequence.StandardKey.Back,),
               "Back to the previous place", toolbar=True, icon="SP_ArrowBack"),
    ActionSpec("forward", "Go", "&Forward", (QKeySequence.StandardKey.Forward,),
               "Forward again", toolbar=True, icon="SP_ArrowForward"),
    ActionSpec("next_tab", "Go", "&Next Tab", (QKeySequence.StandardKey.NextChild,)),
    ActionSpec("previous_tab", "Go", "&Previous Tab", (QKeySequence.StandardKey.PreviousChild,)),
    ActionSpec("zoom_in", "View", "Zoom &In", (QKeySequence.StandardKey.ZoomIn, "Ctrl+=")),
    ActionSpec("zoom_out", "View", "Zoom &Out", (QKeySequence.StandardKey.ZoomOut,)),
    ActionSpec("zoom_reset", "View", "&Actual Size", ("Ctrl+0",)),
    ActionSpec("theme", "View", "Switch &Theme", ("Ctrl+Shift+T",),
               "Cycle between the system's theme, light and dark"),
    ActionSpec("toggle_library", "View", "Show &Library", ("Ctrl+Shift+L",),
               "Show or hide the library pane"),
    ActionSpec("toggle_side", "View", "Show &Side Panel", ("Ctrl+Shift+P",),
               "Show or hide search, references and outline"),
    ActionSpec("compare_with", "Compare", "Compare &With…", ("Ctrl+Shift+D",),
               "Compare the current document with another, paragraph by paragraph",
               toolbar=True),
    ActionSpec("compare_counterpart", "Compare", "Compare with &Draft or Adopted Text",
               ("Ctrl+Alt+D",), "Compare a draft with its adopted text (draft on the left)"),
    ActionSpec("next_change", "Compare", "&Next Change", ("F7",),
               "Go to the next changed row of the comparison"),
    ActionSpec("previous_change", "Compare", "&Previous Change", ("Shift+F7",),
               "Go to the previous changed row of the comparison"),
    ActionSpec("swap_sides", "Compare", "&Swap Sides", ("Ctrl+Shift+X",),
               "Put the right-hand document on the left"),
    ActionSpec("export_comparison", "Compare", "&Export Comparison…", ("Ctrl+Shift+E",),
               "Save the comparison as an HTML page or a Word document"),
    ActionSpec("highlight", "Annotate", "&Highlight", ("Ctrl+H",),
               "Highlight the selected words in the current colour", toolbar=True),
    ActionSpec("add_note", "Annotate", "Add &Note…", ("Ctrl+Shift+N",),
               "Add a note to the selected words (or to the paragraph being read)",
               toolbar=True),
    ActionSpec("bookmark", "Annotate", "&Bookmark Paragraph", ("Ctrl+D",),
               "Bookmark the paragraph being read, or remove its bookmark"),
    ActionSpec("show_annotations", "Annotate", "Show &Annotations", ("Ctrl+Shift+A",),
               "List your highlights, notes and bookmarks"),
    ActionSpec("export_annotations", "Annotate", "&Export Annotations…", (),
               "Save annotations as Word, HTML, Markdown, CSV or JSON for a briefing note"),
    ActionSpec("import_annotations", "Annotate", "&Import Annotations…", (),
               "Merge annotations from a Plenary JSON export"),
    ActionSpec("restore_backup", "Annotate", "&Restore a Backup…", (),
               "Bring back the annotations of an earlier day"),
    ActionSpec("shortcuts", "Help", "&Keyboard Shortcuts", ("F1",),
               "List every keyboard shortcut"),
)
MENUS = ("File", "Edit", "View", "Go", "Compare", "Annotate", "Help")


def build_actions(parent: QWidget,
                  handlers: Mapping[str, Callable[[], object]]) -> dict[str, QAction]:
    """One QAction per declared action, triggering ``handlers[name]``."""
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
        handler = handlers.get(spec.name)
        if handler is not None:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.name] = action
    return actions


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, action, shortcuts) for Help → Keyboard shortcuts, in native text."""
    rows = []
    for spec in ACTIONS:
        keys = ", ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.keys
        )
        rows.append((spec.menu, spec.text.replace("&", "").rstrip("…"), keys))
    return rows
