"""A document's symbol, body or words are text, never markup, wherever the window shows them:
tooltips, labels, headings and message boxes in which Qt would guess "<b>" to be rich text
(issue 14, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTreeWidgetItemIterator

from corpus.citing import citation
from corpus.library import Library, load_library
from corpus.manifest import BUNDLED_SOURCES, SourceEntry
from corpus.model import DocumentKind
from corpus.userlib import UserLibrary
from index.similar import SimilarParagraph
from reader.common.tasks import TaskRunner
from reader.document.render import plain_tooltip
from reader.library.library_pane import SYMBOL_ROLE, LibraryPane
from reader.search.agreed_language_panel import AgreedLanguagePanel
from reader.search.search_panel import SearchPanel
from reader.window.main_window import MainWindow
from reader.window.settings import Settings

SYMBOL = "S/RES/1 <b>bold</b>"
BODY = "<i>x</i>"
DRAFT = "S/2020/1 <u>draft</u>"


def seen(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a person reads: rich text (declared, or guessed as Qt guesses a tooltip's or an
    AutoText label's) rendered, plain text as it is."""
    if fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText
                                         and GuiQt.mightBeRichText(text)):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def label_seen(label: QLabel) -> str:
    return seen(label.text(), label.textFormat())


@pytest.fixture(scope="module")
def markup_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled library and two imports whose symbols, body and subject hold markup: a
    resolution (S/RES/2396's text) and its draft (S/2017/1051's)."""
    data_dir = tmp_path_factory.mktemp("markup-data")
    user = UserLibrary(data_dir)
    user.add(SourceEntry(symbol=SYMBOL, body=BODY, date="2020-01-01", title="<u>Title</u>",
                         kind=DocumentKind.RESOLUTION, path=Path("res.md"), format="markdown",
                         subject="Subject <b>not bold</b>"),
             (BUNDLED_SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8"))
    user.add(SourceEntry(symbol=DRAFT, body=BODY, date="2020-01-01", title="Draft <b>t</b>",
                         kind=DocumentKind.DRAFT, path=Path("draft.txt"), format="pdf-text",
                         draft_of=SYMBOL),
             (BUNDLED_SOURCES / "S_2017_1051.txt").read_text(encoding="utf-8"))
    return data_dir


@pytest.fixture(scope="module")
def markup_library(markup_dir) -> Library:
    library = load_library(markup_dir)
    assert library.errors == [] and library.get(SYMBOL) and library.get(DRAFT)
    return library


def test_plain_tooltip_shows_the_characters():
    assert seen(plain_tooltip("S/RES/1 <b>bold</b> &amp; &lt;")) == "S/RES/1 <b>bold</b> &amp; &lt;"
    assert seen("S/RES/1 <b>bold</b>") == "S/RES/1 bold"  # what an unprotected tooltip shows


def test_library_tooltips_show_markup_as_text(qtbot, markup_library):
    pane = LibraryPane(markup_library)
    qtbot.addWidget(pane)
    items = {}
    walk = QTreeWidgetItemIterator(pane.tree)
    while walk.value():
        items[walk.value().data(0, SYMBOL_ROLE)] = walk.value()
        walk += 1
    assert seen(items[DRAFT].toolTip(0)) == f"Draft of {SYMBOL}"
    resolution = items[SYMBOL]
    assert seen(resolution.toolTip(2)) == "Subject <b>not bold</b>"
    assert resolution.text(0) == SYMBOL  # an item's text is always plain


def test_agreed_language_heading_and_tooltips_show_markup_as_text(qtbot, markup_library):
    panel = AgreedLanguagePanel(markup_library)
    qtbot.addWidget(panel)
    doc = markup_library.get(SYMBOL)
    source = citation(doc, doc.block("op12"))
    assert SYMBOL in source
    panel.show_pending(source)
    assert label_seen(panel.heading) == f"Looking for agreed language for {source}…"
    panel.show_failure(source, RuntimeError(f"damaged {BODY}"))
    assert label_seen(panel.heading).endswith(f"could not be looked up: damaged {BODY}")
    hit = SimilarParagraph(symbol=SYMBOL, block="op12", number="12", kind="operative",
                           score=0.9, coverage=0.8, near_identical=False,
                           shared=["<b>shared</b> words"], text="<b>shared</b> words")
    panel.show_results(source, [hit])
    assert label_seen(panel.heading).startswith(f"Agreed language for {source}: 1 paragraphs")
    item = panel.tree.topLevelItem(0)
    assert seen(item.toolTip(0)).startswith(f"{source}: similarity 0.90")
    assert seen(item.child(0).toolTip(0)) == "<b>shared</b> words"


@pytest.fixture(scope="module")
def markup_index(markup_library, markup_dir):
    from index.store import open_index

    index, _ = open_index(markup_dir, markup_library.documents)
    yield index
    index.close()


def test_search_filter_tooltips_show_markup_as_text(qtbot, markup_index):
    panel = SearchPanel(TaskRunner(synchronous=True))
    qtbot.addWidget(panel)
    panel.set_index(markup_index)
    panel.show()
    qtbot.keyClicks(panel.search_box, "foreign terrorist fighters")
    qtbot.waitUntil(lambda: panel.shown_results is not None, timeout=5000)
    for facet, value in (("document", SYMBOL), ("body", BODY)):
        combo = panel.facet_boxes[facet]
        qtbot.waitUntil(lambda combo=combo, value=value: combo.findData(value) > 0,
                        timeout=5000)
        combo.setCurrentIndex(combo.findData(value))
        combo.activated.emit(combo.currentIndex())
        qtbot.waitUntil(lambda combo=combo, value=value: combo.currentData() == value,
                        timeout=5000)
        assert seen(combo.toolTip()).startswith(f"{value} (")


def test_window_tab_tooltip_and_index_failure_show_markup_as_text(qtbot, markup_library,
                                                                  data_dir):
    window = MainWindow(markup_library, Settings(data_dir), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.open_document(SYMBOL)
    tab = window.tabs.currentIndex()
    assert window.tabs.tabText(tab) == SYMBOL
    assert seen(window.tabs.tabToolTip(tab)) == "Subject <b>not bold</b>"
    window._index_failed(f"cannot read {BODY}")
    assert seen(window.status_area.index_label.toolTip()) == f"cannot read {BODY}"


def test_the_replace_question_shows_a_file_name_as_text(qtbot, tmp_path, monkeypatch):
    from reader.notes.export_dialog import AnnotationExportDialog

    dialog = AnnotationExportDialog(current_symbol=SYMBOL, tags=(), default_dir=tmp_path)
    qtbot.addWidget(dialog)
    path = tmp_path / "<i>brief.md"
    path.write_text("an earlier export")
    dialog.path_edit.setText(str(path))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or
                        QMessageBox.StandardButton.No)
    dialog.accept()
    assert seen(asked[0]).startswith("<i>brief.md already exists in ")
