"""The Annotations tab, driven as a person drives it: look at the rows, filter, sort, pick,
press Enter or Delete, right-click to copy."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from annotations.model import Annotation, bookmark, highlight
from reader.notes.annotation_rows import ANNOTATION_ROLE
from reader.notes.notes_panel import EMPTY, THIS_DOCUMENT, NotesPanel
from reader.search.search_results import HTML_ROLE

RES = "S/RES/2396 (2017)"
OTHER = "S/RES/2395 (2017)"
DRAFT = "S/2017/1051"


def mark(library, symbol: str, block: str, start: int = 0, end: int = 40,
         **fields: object) -> Annotation:
    doc = library.get(symbol)
    return highlight(doc, doc.block(block), start, end, **fields)


def dated(annotation: Annotation, day: int) -> Annotation:
    stamp = f"2026-11-{day:02d}T10:00:00.000000+00:00"
    return replace(annotation, created=stamp, updated=stamp)


@pytest.fixture
def panel(qtbot, library) -> NotesPanel:
    panel = NotesPanel(library)
    qtbot.addWidget(panel)
    panel.resize(420, 640)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def notes(library) -> list[Annotation]:
    """Made out of reading order, across three documents."""
    return [
        mark(library, OTHER, "op3", note="Compare with the *GCTF* memorandum",
             tags=("borders",), color="green"),
        mark(library, RES, "op10", note="Risk awareness: ask the mission", tags=("GAsEP",)),
        mark(library, RES, "op2", 9, 30, tags=("borders", "priority"), color="blue"),
        bookmark(library.get(DRAFT), library.get(DRAFT).block("op1")),
    ]


def rows(panel: NotesPanel) -> list[str]:
    """Every row as a screen reader hears it, group headers included."""
    model = panel.model
    return [model.index(n).data() for n in range(model.rowCount())]


def html_of(panel: NotesPanel, annotation: Annotation) -> str:
    model = panel.model
    for n in range(model.rowCount()):
        if model.index(n).data(ANNOTATION_ROLE) == annotation:
            return model.index(n).data(HTML_ROLE)
    raise AssertionError(f"{annotation.key} is not shown")


def painted_text(markup: str) -> str:
    doc = QTextDocument()
    doc.setHtml(markup)
    return doc.toPlainText()


def select(qtbot, panel: NotesPanel, *annotations: Annotation) -> None:
    """Click the first, Ctrl+click the others."""
    for n, annotation in enumerate(annotations):
        index = panel.model.index(panel.model.rows.index(annotation))
        panel.list.scrollTo(index)
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, modifier,
                         panel.list.visualRect(index).center())


# --- what the list shows -------------------------------------------------------------------

def test_document_order_groups_documents_in_library_order_paragraphs_in_reading_order(
        panel, notes):
    panel.set_annotations(notes)
    res_op2, res_op10 = notes[2], notes[1]
    assert panel.shown() == [res_op2, res_op10, notes[3], notes[0]]  # library: 2396, 1051, 2395
    headers = [row for n, row in enumerate(rows(panel))
               if panel.model.index(n).data(ANNOTATION_ROLE) is None]
    assert headers == [f"{RES}: 2 annotations", f"{DRAFT}: 1 annotation",
                       f"{OTHER}: 1 annotation"]
    assert panel.count_label.text() == "4 annotations"


def test_rows_show_citation_quote_note_and_tags(panel, notes, library):
    panel.set_annotations(notes)
    text = painted_text(html_of(panel, notes[2]))
    quote = library.get(RES).block("op2").text[9:30]
    assert f"{RES}, para. 2" in text
    assert f"“{quote}”" in text
    assert "#borders #priority" in text
    note = painted_text(html_of(panel, notes[0]))
    assert "Compare with the GCTF memorandum" in note  # plain text, Markdown marks gone
    assert [row.split(",")[0] for row in rows(panel) if row.startswith("Bookmark")] == [
        "Bookmark"]


def test_newest_and_oldest_first_follow_the_last_change(panel, library):
    first = dated(mark(library, RES, "op2"), 1)
    second = dated(mark(library, RES, "op1"), 2)
    third = dated(mark(library, OTHER, "op1"), 3)
    panel.set_annotations([second, third, first])
    panel.sort_box.setCurrentIndex(panel.sort_box.findData("newest"))
    assert panel.shown() == [third, second, first]
    assert all(panel.model.index(n).data(ANNOTATION_ROLE) is not None
               for n in range(panel.model.rowCount()))  # no group headers by date
    panel.sort_box.setCurrentIndex(panel.sort_box.findData("oldest"))
    assert panel.shown() == [first, second, third]


def test_a_note_written_as_markup_is_shown_as_text(panel, library):
    risky = mark(library, RES, "op2", note="<script>alert(1)</script> and <b>loud</b>",
                 tags=("<i>tag</i>",))
    panel.set_annotations([risky])
    markup = html_of(panel, risky)
    assert "<script>" not in markup and "<b>loud" not in markup and "<i>tag" not in markup
    text = painted_text(markup)
    assert "<script>alert(1)</script> and <b>loud</b>" in text
    assert "#<i>tag</i>" in text
    tooltip = panel.model.index(1).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;script&gt;" in tooltip and "<script>" not in tooltip


def test_note_tooltip_is_the_rendered_note(panel, notes):
    panel.set_annotations(notes)
    index = panel.model.index(panel.model.rows.index(notes[0]))
    assert "<em>GCTF</em>" in index.data(Qt.ItemDataRole.ToolTipRole)
    bare = panel.model.index(panel.model.rows.index(notes[3]))
    assert bare.data(Qt.ItemDataRole.ToolTipRole) is None


def test_a_detached_annotation_wears_its_badge(panel, library):
    lost = mark(library, RES, "op2").edited(detached=True)
    panel.set_annotations([lost])
    assert "detached" in painted_text(html_of(panel, lost))
    index = panel.model.index(panel.model.rows.index(lost))
    assert "kept" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "detached" in index.data()


def test_rows_are_painted(panel, notes, qtbot):
    """Drawing every kind of row (headers, bookmark ribbon, swatches, clamped text) works."""
    long = notes[3]  # a bookmark's quote is its whole paragraph: clamped to two lines
    panel.set_annotations(notes)
    panel.list.selectAll()
    image = panel.list.viewport().grab().toImage()
    assert not image.isNull()
    index = panel.model.index(panel.model.rows.index(long))
    assert panel.list.visualRect(index).height() < 6 * panel.fontMetrics().height()


# --- filters -------------------------------------------------------------------------------

@pytest.mark.parametrize(("words", "expected"), [
    ("mission", [1]),            # in a note
    ("MISSION risk", [1]),       # every word, any case
    ("mission borders", []),
    ("#borders", [2, 0]),        # a tag
    ("priority", [2]),
    ("2395 para.", [0]),         # the citation
    ("gctf", [0]),               # a note's Markdown
])
def test_filter_text(panel, notes, words, expected):
    panel.set_annotations(notes)
    panel.set_filter_text(words)
    assert panel.shown() == [notes[n] for n in expected]
    assert panel.count_label.text() == f"{len(expected)} of 4 annotations"


def test_typing_in_the_filter_box_narrows_the_list(panel, notes, qtbot):
    panel.set_annotations(notes)
    qtbot.keyClicks(panel.filter_box, "ask the")
    assert panel.shown() == [notes[1]]
    qtbot.keyClick(panel.filter_box, Qt.Key.Key_Escape)
    assert len(panel.shown()) == 4


def test_document_tag_and_colour_filters(panel, notes):
    panel.set_annotations(notes)
    documents = [panel.document_box.itemText(i) for i in range(panel.document_box.count())]
    assert documents == ["All documents", f"{RES} (2)", f"{DRAFT} (1)", f"{OTHER} (1)"]
    panel.document_box.setCurrentIndex(panel.document_box.findData(OTHER))
    assert panel.shown() == [notes[0]]
    panel.document_box.setCurrentIndex(0)

    tags = [panel.tag_box.itemText(i) for i in range(panel.tag_box.count())]
    assert tags == ["All tags", "#borders (2)", "#GAsEP (1)", "#priority (1)"]
    panel.tag_box.setCurrentIndex(panel.tag_box.findData("borders"))
    assert panel.shown() == [notes[2], notes[0]]

    colours = [panel.colour_box.itemText(i) for i in range(panel.colour_box.count())]
    assert colours == ["All colours", "Yellow (2)", "Green (1)", "Blue (1)"]
    assert not panel.colour_box.itemIcon(1).isNull()
    panel.colour_box.setCurrentIndex(panel.colour_box.findData("green"))
    assert panel.shown() == [notes[0]]


def test_this_document_follows_the_current_tab(panel, notes):
    panel.set_annotations(notes)
    assert panel.document_box.findData(THIS_DOCUMENT) == -1
    panel.set_current_document(RES)
    panel.document_box.setCurrentIndex(panel.document_box.findData(THIS_DOCUMENT))
    assert panel.document_box.currentText() == "This document"
    assert panel.shown() == [notes[2], notes[1]]
    panel.set_current_document(OTHER)
    assert panel.shown() == [notes[0]]
    panel.set_current_document(None)  # no document tab: every document again
    assert panel.document_box.currentText() == "All documents"
    assert len(panel.shown()) == 4


def test_filters_survive_new_content_while_their_choice_exists(panel, notes, library):
    panel.set_annotations(notes)
    panel.tag_box.setCurrentIndex(panel.tag_box.findData("borders"))
    panel.set_filter_text("memorandum")
    added = mark(library, RES, "op5", tags=("borders",), note="memorandum too")
    panel.set_annotations([*notes, added])
    assert panel.tag_box.currentData() == "borders"
    assert panel.shown() == [added, notes[0]]
    panel.set_annotations([notes[1]])  # nobody uses the tag any more
    assert panel.tag_box.currentText() == "All tags"


def test_count_and_empty_message(panel, notes):
    assert panel.count_label.text() == EMPTY
    assert not panel.export_button.isEnabled()
    panel.set_annotations(notes[:1])
    assert panel.count_label.text() == "1 annotation"
    assert panel.export_button.isEnabled()


# --- keyboard and mouse --------------------------------------------------------------------

def test_enter_goes_to_the_current_annotation(panel, notes, qtbot):
    panel.set_annotations(notes)
    panel.filter_box.setFocus()
    qtbot.keyClick(panel.filter_box, Qt.Key.Key_Down)  # from the filter box into the list
    assert panel.list.hasFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.activated) as signal:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert signal.args == [notes[1]]  # the header row is skipped: op2, then op10


def test_a_click_goes_there_and_ctrl_click_only_selects(panel, notes, qtbot):
    panel.set_annotations(notes)
    first, second = (panel.model.index(panel.model.rows.index(n)) for n in notes[:2])
    with qtbot.waitSignal(panel.activated) as signal:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.list.visualRect(first).center())
    assert signal.args == [notes[0]]
    with qtbot.assertNotEmitted(panel.activated):
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier,
                         pos=panel.list.visualRect(second).center())
    assert set(panel.selected()) == set(notes[:2])


def test_delete_asks_to_delete_the_selection(panel, notes, qtbot):
    panel.set_annotations(notes)
    assert not panel.delete_button.isEnabled() and not panel.edit_button.isEnabled()
    select(qtbot, panel, notes[2], notes[0])
    assert panel.selected() == [notes[2], notes[0]]
    assert panel.delete_button.isEnabled() and not panel.edit_button.isEnabled()
    with qtbot.waitSignal(panel.deleteRequested) as signal:
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert signal.args == [[notes[2], notes[0]]]
    with qtbot.waitSignal(panel.deleteRequested) as signal:
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert signal.args == [[notes[2], notes[0]]]


def test_f2_and_the_edit_button_ask_to_edit(panel, notes, qtbot):
    panel.set_annotations(notes)
    select(qtbot, panel, notes[1])
    with qtbot.waitSignal(panel.editRequested) as signal:
        qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    assert signal.args == [notes[1]]
    with qtbot.waitSignal(panel.editRequested) as signal:
        qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert signal.args == [notes[1]]


def test_export_and_import_buttons(panel, notes, qtbot):
    panel.set_annotations(notes)
    with qtbot.waitSignal(panel.exportRequested):
        qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.importRequested):
        qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)


def test_selection_survives_new_content(panel, notes, library, qtbot):
    panel.set_annotations(notes)
    select(qtbot, panel, notes[1], notes[0])
    edited = notes[1].edited(note="Changed")  # the same annotation, a new version
    panel.set_annotations([notes[0], edited, notes[2], mark(library, RES, "op1")])
    assert panel.selected() == [edited, notes[0]]
    assert panel.current() == notes[0]


def test_scroll_position_survives_new_content(panel, library, qtbot):
    doc = library.get(RES)
    many = [highlight(doc, block, 0, 5) for block in doc.blocks if len(block.text) > 5]
    panel.set_annotations(many)
    bar = panel.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # laid out when shown
    bar.setValue(bar.maximum() // 2)

    def top() -> Annotation:
        return panel.list.indexAt(panel.list.viewport().rect().topLeft()
                                  + QPoint(4, 4)).data(ANNOTATION_ROLE)

    before = top()
    panel.set_annotations(many[1:])  # one fewer above: the same row stays at the top
    assert bar.value() > 0 and top() == before


def test_copy_with_citation(panel, notes, library, qtbot):
    panel.set_annotations(notes)
    select(qtbot, panel, notes[1])
    panel.copy_action.trigger()
    quote = library.get(RES).block("op10").text[:40].strip()
    assert QApplication.clipboard().text() == (f"{RES}, para. 10: “{quote}”\n"
                                               "Risk awareness: ask the mission")


def test_context_menu_offers_the_actions(panel, notes, qtbot):
    panel.set_annotations(notes)
    select(qtbot, panel, notes[1])
    names = [a.text() for a in panel.menu.actions() if not a.isSeparator()]
    assert names == ["Go To", "Edit…", "Copy with Citation", "Delete"]
    assert all(a.isEnabled() for a in panel.menu.actions())


def test_every_control_is_named(panel):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListView

    for kind in (QLineEdit, QComboBox, QListView, QAbstractButton):
        for widget in panel.findChildren(kind):
            if widget.parent() is panel:
                assert widget.accessibleName(), widget


def test_ten_thousand_annotations_are_listed_quickly(panel, library, qtbot):
    doc = library.get(RES)
    blocks = [block for block in doc.blocks if len(block.text) > 20]
    many = [highlight(doc, blocks[n % len(blocks)], n % 10, 20, note="n" if n % 3 else "")
            for n in range(10_000)]
    start = time.perf_counter()
    panel.set_annotations(many)
    elapsed = time.perf_counter() - start
    assert len(panel.shown()) == 10_000
    assert elapsed < 1.0  # about 10 ms here; the view lays the rows out when it paints
    QApplication.processEvents()
    assert panel.model.rowCount(QModelIndex()) == 10_001  # and one header
