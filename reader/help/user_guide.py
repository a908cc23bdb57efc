"""Help → User Guide: resources/user-guide.md, bundled and offline, shown in a tab.

The guide is Markdown rendered by markdown-it-py with raw HTML off (the guide cannot inject
markup); its ``{{shortcuts}}`` line becomes a table generated from the declared actions
(reader/window/actions.py), so the guide lists the keys the menus bind.
"""

from __future__ import annotations

from pathlib import Path

from reader.document.render import stylesheet
from reader.window.actions import shortcut_rows

TITLE = "User Guide"
#: resources/ sits beside reader/ in the checkout and in the installed app alike.
GUIDE = Path(__file__).resolve().parents[2] / "resources" / "user-guide.md"
SHORTCUTS = "{{shortcuts}}"


def _cell(text: str) -> str:
    """A table cell's text in Markdown: its pipes and backslashes escaped, "" as a dash."""
    return text.replace("\\", "\\\\").replace("|", "\\|") or "—"


def shortcuts_table() -> str:
    """Every shortcut (menus and places) as a Markdown table."""
    lines = ["| Menu or place | Action | Shortcut |", "|---|---|---|"]
    lines += [f"| {_cell(place)} | {_cell(action)} | {_cell(keys)} |"
              for place, action, keys in shortcut_rows() if keys]
    return "\n".join(lines)


def guide_markdown(path: Path = GUIDE) -> str:
    return path.read_text(encoding="utf-8").replace(SHORTCUTS, shortcuts_table())


def guide_html(dark: bool = False, path: Path = GUIDE) -> str:
    """The guide as a self-contained page in the documents' stylesheet."""
    from markdown_it import MarkdownIt  # not at start-up: only when the guide is opened

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(
        guide_markdown(path))
    return f"<html><head><style>{stylesheet(dark)}</style></head><body>{body}</body></html>"
