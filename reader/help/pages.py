"""A help page (the welcome page, the user guide) in a tab of its own, drawn in a DocumentView
like a document: the same stylesheet, font size and theme, selectable and findable text.

A help tab carries no document symbol, so it is never saved as an open tab and a command that
needs a document finds none; choosing a document in the library shows it in that tab, as it
would replace a card. Asking for a page already open shows that tab again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.document.document_view import DocumentView

if TYPE_CHECKING:
    from reader.window.tabs import DocumentTabs

#: The view property naming the help page a tab shows ("welcome", "guide").
PAGE = "help_page"


def open_page(tabs: DocumentTabs, name: str, title: str,
              html: Callable[[bool], str]) -> DocumentView:
    """Show help page ``name`` (``html(dark)`` draws it) in its tab, made current."""
    for i in range(tabs.count()):
        widget = tabs.widget(i)
        if isinstance(widget, DocumentView) and page_shown(widget) == name:
            tabs.setCurrentIndex(i)
            return widget
    view = tabs.new_view()
    view.show_html(html(view.dark))
    view.setProperty(PAGE, name)
    view.setAccessibleName(f"{title}: text")
    tabs.setTabText(tabs.indexOf(view), title)
    tabs.setCurrentWidget(view)
    return view


def page_shown(view: DocumentView) -> str | None:
    """The help page ``view`` shows, if it still shows one (a document or card opened in its
    tab gives the tab a symbol)."""
    name = view.property(PAGE)
    return name if isinstance(name, str) and not view.property("symbol") else None
