"""Edit → Preferences…: how documents read (typeface, text size, line spacing, column width).

The rows are built from the declared preferences (settings.READING): a number gets a spin box
with the preference's own range, the typeface a font chooser; each row's label is the
preference's description. So a setting is declared once, with its type, range and meaning,
and the dialog, settings.ini and the window agree on it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from reader.window.settings import FONT_FAMILY, READING, IntPreference, Preference

#: What a number's spin box says after it, by preference.
SUFFIXES = {"view/font_size": " pt", "view/line_spacing": " %", "view/column_width": " px"}


class PreferencesDialog(QDialog):
    """The reading preferences, each shown as it is set now; ``values()`` what was chosen."""

    def __init__(self, current: dict[str, object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for preference in READING:
            editor = self._editor(preference, current[preference.name])
            editor.setAccessibleName(preference.description)
            self._editors[preference.name] = editor
            if preference is FONT_FAMILY:
                self.default_font = QCheckBox("The default serif")
                self.default_font.setChecked(not current[preference.name])
                self.default_font.toggled.connect(lambda on, e=editor: e.setEnabled(not on))
                editor.setEnabled(bool(current[preference.name]))
                form.addRow(preference.description.split(" (")[0], self.default_font)
                form.addRow("", editor)
            else:
                form.addRow(preference.description, editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults)
        form.addRow(buttons)

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def values(self) -> dict[str, object]:
        """Each reading preference as the dialog now sets it."""
        chosen: dict[str, object] = {}
        for preference in READING:
            editor = self._editors[preference.name]
            if isinstance(editor, QSpinBox):
                chosen[preference.name] = editor.value()
            elif isinstance(editor, QFontComboBox):
                chosen[preference.name] = ("" if self.default_font.isChecked()
                                           else editor.currentFont().family())
        return chosen

    def restore_defaults(self) -> None:
        for preference in READING:
            self._set(self._editors[preference.name], preference.default)
        self.default_font.setChecked(True)

    @staticmethod
    def _editor(preference: Preference, value: object) -> QWidget:
        if isinstance(preference, IntPreference):
            box = QSpinBox()
            box.setRange(preference.minimum, preference.maximum)
            box.setSuffix(SUFFIXES.get(preference.name, ""))
            box.setValue(int(value))
            return box
        chooser = QFontComboBox()
        if value:
            chooser.setCurrentFont(QFont(str(value)))
        return chooser

    @staticmethod
    def _set(editor: QWidget, value: object) -> None:
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value))
