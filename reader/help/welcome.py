"""The welcome page: shown once, in a tab, at the first start (Help → Welcome shows it again).

What it tells a person to press is read from the declared actions (reader/window/actions.py),
so the page cannot name a key the menu does not bind; the library's size is counted when the
page is drawn. Every piece of text is escaped: it is HTML for a DocumentView.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from reader.document.render import stylesheet
from reader.window.actions import Act, keys_text, menu_path

if TYPE_CHECKING:
    from corpus.library import Library

TITLE = "Welcome to Plenary"

#: (what for, how: a sentence with the actions to name in braces) in the page's order.
_STEPS: tuple[tuple[str, str, tuple[Act, ...]], ...] = (
    ("Search", "Search every paragraph of the library as you type: {0}.", (Act.search,)),
    ("Compare", "Put two documents side by side, paragraph by paragraph: {0}; "
                "step through the changes with {1}.", (Act.compare_with, Act.next_change)),
    ("Annotate", "Select words and highlight them: {0}; bookmark the paragraph being read: "
                 "{1}; add a note: {2}. The Notes tab of the side panel lists them all.",
     (Act.highlight, Act.bookmark, Act.add_note)),
    ("Go to a paragraph", "By its number (OP 12, PP 3, 12 (b), annex B 6): {0}.",
     (Act.go_to_paragraph,)),
    ("Print", "Print a document or a comparison, with your annotations: {0}.",
     (Act.print_document,)),
    ("Learn more", "Every shortcut: {0}. The whole guide, offline: {1}.",
     (Act.shortcuts, Act.user_guide)),
)

def how_to(name: Act) -> str:
    """How a person triggers action ``name``: its menu item, and its key if it has one:
    "Edit → Search the Library… (Ctrl+K)"."""
    keys = keys_text(name)
    return f"{menu_path(name)} ({keys})" if keys else menu_path(name)


def record_resolutions() -> int | None:
    """How many resolutions the bundled Security Council record lists; None if unreadable."""
    from corpus.record import load_record

    try:
        return load_record().counts().get("resolution", 0)
    except (OSError, ValueError):
        return None


def welcome_lines(documents: int, resolutions: int | None) -> list[tuple[str, str]]:
    """(heading, sentence) of each step, then the library's size: what the page says, as
    plain text (tests read this; the page escapes it)."""
    lines = [(what, sentence.format(*(how_to(a) for a in acts)))
             for what, sentence, acts in _STEPS]
    size = f"Your library holds {documents:,} documents"
    if resolutions:
        size += (f"; the Security Council's record lists {resolutions:,} resolutions, "
                 "so a citation of one you do not hold still shows its date, vote and topic")
    lines.append(("Your library", size + "."))
    return lines


def welcome_html(library: Library, *, dark: bool = False,
                 resolutions: int | None = None) -> str:
    """The page, self-contained (the documents' stylesheet): ``resolutions`` the record's
    count, read from the record when not given."""
    count = resolutions if resolutions is not None else record_resolutions()
    body = [f'<p class="card-title">{html.escape(TITLE)}</p>',
            '<p class="card-lead">An offline reader of United Nations resolutions. '
            'Choose a document in the library on the left to read it; every citation is '
            'a link.</p>']
    for heading, sentence in welcome_lines(len(library), count):
        body.append(f"<p><b>{html.escape(heading)}.</b> {html.escape(sentence)}</p>")
    body.append('<p class="card-note">This page is shown once; Help → Welcome shows it '
                'again.</p>')
    return (f"<html><head><style>{stylesheet(dark)}</style></head><body>"
            + "\n".join(body) + "</body></html>")
