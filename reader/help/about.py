"""Help → About Plenary: the version, Python and Qt, where the library's texts and facts come
from (with their credits and licences), and the libraries Plenary runs on with theirs.

The libraries are pyproject.toml's dependencies (``DEPENDENCIES``; a test checks that the two
agree); each one's version and licence are read from its installed metadata, never typed here,
so the dialog says what is actually installed.
"""

from __future__ import annotations

import html
import platform
import re
from dataclasses import dataclass
from importlib import metadata

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import plenary

TITLE = "About Plenary"

#: pyproject.toml's [project] dependencies, by distribution name.
DEPENDENCIES = ("PySide6-Essentials", "whoosh-reloaded", "markdown-it-py", "platformdirs",
                "python-docx", "pypdfium2", "pyspellchecker")


@dataclass(frozen=True)
class Source:
    """Where part of the library comes from: what, by whom, under which terms."""
    name: str
    what: str
    credit: str
    licence: str


SOURCES: tuple[Source, ...] = (
    Source("The five seed texts",
           "S/RES/2396 (2017), its draft S/2017/1051, S/RES/2395 (2017), S/RES/2322 (2016) "
           "and A/RES/72/284: verbatim copies of the official documents (Markdown exports and "
           "text extracted from the PDFs)",
           "United Nations (Security Council and General Assembly)",
           "official documents of the United Nations, reproduced verbatim"),
    Source("CR-UNSC",
           "902 Security Council resolution texts of 1946–1994 and 2002: the Corpus of "
           "Resolutions: UN Security Council, OCR of the scanned documents, bundled as "
           "published",
           "Seán Fobbe (repository SeanFobbe/cr-unsc)",
           "CC0 1.0 (public-domain waiver)"),
    Source("The Security Council's record",
           "every resolution, presidential statement and vetoed draft of 1946–2022 with its "
           "date, meeting, vote and topic",
           "facts from the United Nations' pages “Meetings conducted by the Security Council” "
           "and the Security Council veto list (Dag Hammarskjöld Library)",
           "facts of public record, compiled by tools/build_record.py"),
)


@dataclass(frozen=True)
class Package:
    name: str
    version: str  # "not installed" when its metadata cannot be found
    licence: str


def licence_of(meta: metadata.PackageMetadata) -> str:
    """A distribution's licence as its metadata states it: the SPDX expression, else a short
    License field, else the classifiers' names ("MIT License"); "unknown" if none says."""
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or "unknown"


def packages(names: tuple[str, ...] = DEPENDENCIES) -> list[Package]:
    """Each library's installed version and licence, read from its metadata."""
    found = []
    for name in names:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            found.append(Package(name, "not installed", "unknown"))
            continue
        found.append(Package(name, meta.get("Version") or "unknown", licence_of(meta)))
    return found


def requirement_names(requirements: list[str]) -> list[str]:
    """The distribution names of requirement strings ("python-docx>=1.1" → "python-docx")."""
    return [re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0] for r in requirements]


def versions() -> list[tuple[str, str]]:
    """(what, version) of Plenary and what it runs on."""
    return [("Plenary", plenary.__version__),
            ("Python", platform.python_version()),
            ("Qt", qVersion()),
            ("PySide6", PySide6.__version__)]


def about_html() -> str:
    """The dialog's text, every piece escaped."""
    e = html.escape
    parts = [f"<h2>Plenary {e(plenary.__version__)}</h2>",
             "<p>An offline desktop reader of United Nations resolutions. It never touches "
             "the network.</p>",
             "<p>" + " · ".join(f"{e(what)} {e(version)}" for what, version in versions()[1:])
             + "</p>",
             "<h3>Data sources</h3><ul>"]
    for source in SOURCES:
        parts.append(f"<li><b>{e(source.name)}</b>: {e(source.what)}. Credit: "
                     f"{e(source.credit)}. Terms: {e(source.licence)}.</li>")
    parts.append("</ul><h3>Libraries</h3><table cellpadding='3'>"
                 "<tr><th align='left'>Library</th><th align='left'>Version</th>"
                 "<th align='left'>Licence</th></tr>")
    for package in packages():
        parts.append(f"<tr><td>{e(package.name)}</td><td>{e(package.version)}</td>"
                     f"<td>{e(package.licence)}</td></tr>")
    parts.append("</table><p>Plenary itself is under the MIT licence.</p>")
    return "\n".join(parts)


class AboutDialog(QDialog):
    """The About text (selectable, so a version can be copied into a report) and Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setAccessibleName(TITLE)
        self.text.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(600, 560)


def show_about(parent: QWidget) -> AboutDialog:
    """Open (not execute) the About dialog; returns it."""
    dialog = AboutDialog(parent)
    dialog.show()
    return dialog
