"""Light and dark themes: the widgets' palette and the documents' colours, following the system
unless the reader chose one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def is_dark(theme: str) -> bool:
    if theme == "system":
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return theme == "dark"


def apply_theme(app: QApplication, theme: str) -> bool:
    """Set the application palette for ``theme``; True if it is dark."""
    dark = is_dark(theme)
    if theme == "system":
        app.setPalette(app.style().standardPalette())
    elif dark:
        app.setPalette(_dark_palette())
    else:
        app.setPalette(app.style().standardPalette())
    return dark


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2d30", roles.WindowText: "#e4e1da", roles.Base: "#1e1f22",
        roles.AlternateBase: "#26282b", roles.Text: "#e4e1da", roles.Button: "#35373b",
        roles.ButtonText: "#e4e1da", roles.Highlight: "#2f65ca", roles.HighlightedText: "#ffffff",
        roles.ToolTipBase: "#35373b", roles.ToolTipText: "#e4e1da", roles.Link: "#8ab4f8",
        roles.PlaceholderText: "#8c8a85",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#75736e"))
    return palette
