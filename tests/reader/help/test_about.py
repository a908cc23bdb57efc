"""Help → About Plenary: the version, Python and Qt, the data sources with their credits and
licences, and the libraries with the licences their metadata states."""

from __future__ import annotations

import platform
import tomllib
from pathlib import Path

import plenary
from reader.help.about import (
    DEPENDENCIES,
    TITLE,
    AboutDialog,
    licence_of,
    packages,
    requirement_names,
)
from reader.window.actions import Act

ROOT = Path(__file__).resolve().parents[3]


def test_about_lists_the_version_the_sources_and_their_credits(make_window, qtbot):
    window = make_window()
    window.actions_by_name[Act.about].trigger()
    dialog = next(w for w in window.findChildren(AboutDialog) if w.isVisible())
    assert dialog.windowTitle() == TITLE
    text = dialog.text.toPlainText()
    assert f"Plenary {plenary.__version__}" in text
    assert f"Python {platform.python_version()}" in text and "Qt " in text
    assert "CR-UNSC" in text and "Seán Fobbe" in text and "CC0" in text
    assert "Meetings conducted by the Security Council" in text and "veto list" in text
    assert "S/RES/2396 (2017)" in text and "A/RES/72/284" in text
    for name in ("PySide6-Essentials", "whoosh-reloaded", "markdown-it-py", "python-docx",
                 "pypdfium2", "pyspellchecker"):
        assert name in text
    assert "LGPL" in text and "MIT" in text and "BSD" in text and "Apache" in text
    dialog.close()


def test_the_libraries_listed_are_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert list(DEPENDENCIES) == requirement_names(project["dependencies"])


def test_licences_are_read_from_the_installed_metadata():
    found = {p.name: p for p in packages()}
    assert "LGPL" in found["PySide6-Essentials"].licence
    assert "MIT" in found["markdown-it-py"].licence and "MIT" in found["python-docx"].licence
    assert "BSD" in found["whoosh-reloaded"].licence
    assert "Apache" in found["pypdfium2"].licence
    assert "MIT" in found["pyspellchecker"].licence
    assert packages(("no-such-distribution-xyz",))[0].version == "not installed"


class _Meta(dict):
    def get_all(self, key):
        return self.get(key + "s")


def test_licence_from_expression_field_or_classifiers():
    assert licence_of(_Meta({"License-Expression": "MIT"})) == "MIT"
    assert licence_of(_Meta({"License": "BSD"})) == "BSD"
    assert licence_of(_Meta({"License": "long\ntext", "Classifiers": [
        "License :: OSI Approved :: MIT License", "Topic :: X"]})) == "MIT License"
    assert licence_of(_Meta({})) == "unknown"
