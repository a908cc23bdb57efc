"""Annotating in the window: select words, highlight, note, bookmark, undo, in documents and in
both panes of a comparison, and what a read-only store does to all of it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from annotations.model import highlight
from annotations.store import AnnotationStore
from reader.common.tasks import TaskRunner
from reader.notes.note_dialog import NoteDialog
from reader.window.main_window import MainWindow
from reader.window.settings import Settings

ADOPTED, DRAFT = "S/RES/2396 (2017)", "S/2017/1051"


@pytest.fixture
def window(make_window) -> MainWindow:
    window = make_window(size=(1400, 900), restore=False)
    window.open_document(ADOPTED)
    window.show_annotations()
    return window


def _select(window, anchor: str, words: str, library, symbol: str = ADOPTED):
    """Select ``words`` of a paragraph in the current view, as a reader would drag over them."""
    block = library.get(symbol).block(anchor.split("-")[-1])
    start = block.text.index(words)
    cursor = window.view.range_cursor(anchor, block, start, start + len(words))
    window.view.setTextCursor(cursor)
    return block, start


def _highlighted(view) -> list[str]:
    return [s.cursor.selectedText() for s in view.selections("annotations")]


def _note_dialog_returns(monkeypatch, note: str, tags: tuple[str, ...] = ()) -> None:
    monkeypatch.setattr(NoteDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(NoteDialog, "note", lambda self: note)
    monkeypatch.setattr(NoteDialog, "tags", lambda self: tags)


def test_ctrl_h_highlights_the_selected_words_and_undo_takes_it_back(window, library):
    block, start = _select(window, "op12", "Member States", library)
    window.actions_by_name["highlight"].trigger()
    [made] = window.annotator.store.all()
    assert (made.symbol, made.block, made.start, made.quote) == (ADOPTED, "op12", start,
                                                                 "Member States")
    assert _highlighted(window.view) == ["Member States"]
    assert not window.view.textCursor().hasSelection()  # the highlight shows at once
    assert window.notes_panel.shown() == [made]
    undo = window.actions_by_name["undo"]
    assert undo.isEnabled() and undo.text() == "&Undo Highlight"
    undo.trigger()
    assert window.annotator.store.all() == [] and _highlighted(window.view) == []
    window.actions_by_name["redo"].trigger()
    assert window.annotator.store.all() == [made] and _highlighted(window.view) == [
        "Member States"]


def test_a_selection_over_the_paragraph_number_and_two_paragraphs(window, library):
    """Numbers and gaps are not text: each paragraph gets its own highlight of its words."""
    view = window.view
    first = view.range_cursor("op3", library.get(ADOPTED).block("op3"))
    last = view.range_cursor("op4", library.get(ADOPTED).block("op4"), 0, 5)
    cursor = view.textCursor()
    cursor.setPosition(first.selectionStart() - 4)  # on "3.  "
    cursor.setPosition(last.selectionEnd(), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    window.annotating.highlight("green")
    made = sorted(window.annotator.store.all(), key=lambda a: a.block)
    doc = library.get(ADOPTED)
    first_word = len(doc.block("op4").text.split()[0])  # five letters dragged: the word whole
    assert [(a.block, a.start, a.end, a.color) for a in made] == [
        ("op3", 0, len(doc.block("op3").text), "green"), ("op4", 0, first_word, "green")]
    assert window.annotator.color == "green"  # the colour chosen stays for the next one
    window.actions_by_name["undo"].trigger()  # one command: both go
    assert window.annotator.store.all() == []


def test_a_note_shows_a_marker_and_its_rendered_note_escaped(window, library, monkeypatch):
    _select(window, "op12", "Member States", library)
    _note_dialog_returns(monkeypatch, "Ask **capital** <script>alert(1)</script>", ("cttc",))
    [note] = window.annotating.add_note()
    assert note.note.startswith("Ask") and note.tags == ("cttc",)
    marks = window.view.margin_marks()
    assert [m.kind for m in marks] == ["note"]
    tip = marks[0].tip()
    assert "<strong>capital</strong>" in tip and "<script>" not in tip
    assert "&lt;script&gt;" in tip and "S/RES/2396 (2017), para. 12" in tip
    rect = window.view.placed_marks()[0][0]
    assert window.view.annotation_tip_at(rect.center().toPoint()) == tip


def test_a_note_without_a_selection_goes_on_the_paragraph_being_read(window, monkeypatch):
    window.view.scroll_to_block("op7", flash=False)
    _note_dialog_returns(monkeypatch, "Paragraph-level remark")
    [note] = window.annotating.add_note()
    assert note.block == "op7" and note.is_bookmark


def test_bookmark_a_paragraph_and_remove_it_again(window):
    window.view.scroll_to_block("op5", flash=False)
    window.actions_by_name["bookmark"].trigger()
    [mark] = window.annotator.store.all()
    assert mark.block == "op5" and mark.is_bookmark
    assert [m.kind for m in window.view.margin_marks()] == ["bookmark"]
    window.actions_by_name["bookmark"].trigger()
    assert window.annotator.store.all() == [] and window.view.margin_marks() == []


def test_the_paragraph_menu_offers_highlight_note_bookmark_and_delete(window, library):
    _select(window, "op12", "Member States", library)
    view = window.view
    inside = view.textCursor()
    inside.setPosition(inside.selectionStart() + 3)  # on "Member", where the pointer is
    point = view.cursorRect(inside).center()
    menu = window.paragraph_menu(view, point)
    labels = [a.text() for a in menu.actions()]
    assert "&Highlight" in labels and "Add &Note…" in labels and "&Bookmark Paragraph" in labels
    menu.close()
    window.actions_by_name["highlight"].trigger()
    menu = window.paragraph_menu(view, point)
    delete = next(a for a in menu.actions() if a.text() == "Delete Highlight")
    menu.close()
    delete.trigger()
    assert window.annotator.store.all() == []


def test_highlights_show_in_both_panes_of_a_comparison(window, library):
    store = window.annotator.store
    for symbol in (ADOPTED, DRAFT):
        doc = library.get(symbol)
        block = doc.block("op44")
        start = block.text.index("Counter")
        store.add(highlight(doc, block, start, start + len("Counter-Terrorism")))
    comparison = window.compare_with_counterpart()
    assert sorted(_highlighted(comparison.browser)) == ["Counter-Terrorism"] * 2
    comparison.swap()  # drawn again on the new page
    assert len(_highlighted(comparison.browser)) == 2
    block, _ = _select(window, "R-op12", "Member States", library)
    window.actions_by_name["highlight"].trigger()
    assert {(a.symbol, a.block) for a in store.all()} >= {(DRAFT, "op12")} | {
        (ADOPTED, "op44")}


def test_the_panel_jumps_to_an_annotation(window, library):
    doc = library.get("S/RES/2395 (2017)")
    window.annotator.store.add(highlight(doc, doc.block("op3"), 0, 8))
    window.annotating.refresh_panel()
    [shown] = window.notes_panel.shown()
    window.notes_panel.activated.emit(shown)
    assert window.current_symbol == "S/RES/2395 (2017)"
    assert _highlighted(window.view) == [doc.block("op3").text[:8]]


def test_a_read_only_store_keeps_showing_and_refuses_changes_plainly(qtbot, library, data_dir):
    with AnnotationStore.open(data_dir) as store:
        doc = library.get(ADOPTED)
        store.add(highlight(doc, doc.block("op12"), 0, 10))
    first = AnnotationStore.open(data_dir, exclusive=True)
    second = AnnotationStore.open(data_dir, exclusive=True)
    try:
        window = MainWindow(library, Settings(data_dir), TaskRunner(synchronous=True),
                            annotations=second)
        qtbot.addWidget(window)
        window.show()
        window.open_document(ADOPTED)
        assert len(_highlighted(window.view)) == 1  # still shown
        qtbot.waitUntil(lambda: getattr(window.annotating, "last_message", None) is not None)
        assert "already running" in window.annotating.last_message.text()
        _select(window, "op3", "Calls upon", library)
        window.actions_by_name["highlight"].trigger()
        assert "not saved" in window.statusBar().currentMessage()
        assert len(second.all()) == 1 and not window.actions_by_name["undo"].isEnabled()
    finally:
        second.close()
        first.close()


def test_notes_are_found_from_the_search_box_above_the_library(window, library, search_index):
    doc = library.get("S/RES/2395 (2017)")
    window.annotator.store.add(highlight(doc, doc.block("op3"), 0, 8,
                                         note="Raise with the <b>capital</b> before Friday",
                                         tags=("travel",)))
    window.set_index(search_index)
    panel = window.search_panel
    panel.search("capital")
    group = panel.results.topLevelItem(0)
    assert group.text(0).startswith("Your notes — 1 annotation")
    row = group.child(0)
    assert "S/RES/2395 (2017), para. 3" in row.text(0)
    assert "&lt;b&gt;capital" in row.data(0, Qt.ItemDataRole.UserRole + 1)
    panel.results.itemActivated.emit(row, 0)
    assert window.current_symbol == "S/RES/2395 (2017)"
    panel.search("travel")  # tags too, and the library's own results follow
    assert panel.results.topLevelItem(0).text(0).startswith("Your notes")
    assert panel.results.topLevelItemCount() > 1


def test_edit_from_the_panel_and_delete_with_undo(window, library, monkeypatch):
    doc = library.get(ADOPTED)
    made = window.annotator.store.add(highlight(doc, doc.block("op12"), 0, 7, note="first"))
    window.annotating.refresh_panel()
    _note_dialog_returns(monkeypatch, "second thoughts", ("cttc",))
    window.notes_panel.editRequested.emit(made)
    [edited] = window.annotator.store.all()
    assert (edited.id, edited.note, edited.tags) == (made.id, "second thoughts", ("cttc",))
    assert edited.updated > made.updated
    window.notes_panel.deleteRequested.emit([edited])
    assert window.annotator.store.all() == [] and window.notes_panel.shown() == []
    window.actions_by_name["undo"].trigger()
    assert window.annotator.store.all() == [edited]
    window.actions_by_name["undo"].trigger()
    assert window.annotator.store.all() == [made]


def test_export_and_import_from_the_window(window, library, tmp_path):
    doc = library.get(ADOPTED)
    window.annotator.store.add(highlight(doc, doc.block("op12"), 0, 7, note="keep"))
    target = tmp_path / "briefing.docx"
    window.annotating.export_to(target, "docx")
    assert target.is_file() and "Exported 1 annotations" in window.statusBar().currentMessage()
    exported = tmp_path / "all.json"
    window.annotating.export_to(exported, "json")
    window.annotator.store.apply([(a, None) for a in window.annotator.store.all()])
    window.annotating.import_file(str(exported))
    assert [a.note for a in window.annotator.store.all()] == ["keep"]
    assert "1 added" in window.annotating.last_message.text()
    assert window.notes_panel.shown()[0].note == "keep"


def test_a_malformed_import_says_why_and_changes_nothing(window, library, tmp_path):
    doc = library.get(ADOPTED)
    window.annotator.store.add(highlight(doc, doc.block("op12"), 0, 7))
    before = window.annotator.store.all()
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01 not json")
    window.annotating.import_file(str(bad))
    assert "bad.json was not imported" in window.annotating.last_message.text()
    assert window.annotator.store.all() == before


def test_restore_a_backup_from_the_menu(window, library, data_dir, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    store = window.annotator.store
    doc = library.get(ADOPTED)
    store.add(highlight(doc, doc.block("op12"), 0, 7, note="from the backup"))
    backup = data_dir / "backups" / "annotations-2026-01-01.sqlite3"
    backup.parent.mkdir(exist_ok=True)
    import sqlite3

    with sqlite3.connect(backup) as copy:
        store._conn.backup(copy)
    store.apply([(a, None) for a in store.all()])
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *args, **kwargs: (backup.name, True))
    window.annotating.restore_backup()
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Restored {backup.name}; the previous annotations were kept as ")
    assert (data_dir / said.rsplit(" ", 1)[1]).exists()  # the replaced database is kept
    assert [a.note for a in store.all()] == ["from the backup"]
    assert window.notes_panel.shown()[0].note == "from the backup"


def test_annotations_follow_their_words_when_the_document_changes(qtbot, library, data_dir):
    """A parser change shifts a paragraph's text: at start-up each annotation finds its words
    again, and one whose words are gone is kept, marked detached."""
    import copy

    doc = library.get(ADOPTED)
    block = doc.block("op12")
    start = block.text.index("Member States")
    with AnnotationStore.open(data_dir) as store:
        moved = store.add(highlight(doc, block, start, start + 13))
        gone = store.add(highlight(doc, doc.block("op13"), 0, 12, note="keep me"))
    changed = copy.deepcopy(library)
    changed.get(ADOPTED).block("op12").text = "Also " + block.text
    changed.get(ADOPTED).block("op13").text = "Entirely new wording."
    window = MainWindow(changed, Settings(data_dir), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert "1 moved" in window.statusBar().currentMessage()
    store = window.annotator.store
    assert store.get(moved.id).start == start + 5
    assert store.get(gone.id).detached and store.get(gone.id).note == "keep me"
    window.open_document(ADOPTED)
    assert _highlighted(window.view) == ["Member States"]  # the detached one is not drawn


def test_a_hidden_notes_tab_is_brought_up_to_date_when_shown(window, library):
    window.side.setCurrentWidget(window.search_panel)
    _select(window, "op12", "Member States", library)
    window.actions_by_name["highlight"].trigger()
    assert window.notes_panel.shown() == []  # not read while nobody looks
    window.show_annotations()
    assert [a.quote for a in window.notes_panel.shown()] == ["Member States"]


def test_an_undo_the_store_refuses_leaves_the_stack_to_try_again(window, library,
                                                                   monkeypatch):
    """Ctrl+Z while the database cannot be written changes nothing, the stack included: the
    deleted annotation can still be brought back once it can."""
    doc = library.get(ADOPTED)
    made = window.annotator.store.add(highlight(doc, doc.block("op12"), 0, 7))
    window.annotator.delete([made])
    stack = window.annotator.undo_stack
    monkeypatch.setattr(window.annotator.store, "read_only", True)
    monkeypatch.setattr(window.annotator.store, "problem", "the disk is read-only")
    window.actions_by_name["undo"].trigger()
    assert "not saved" in window.statusBar().currentMessage()
    assert stack.index() == 1 and window.annotator.store.all() == []
    monkeypatch.setattr(window.annotator.store, "read_only", False)
    window.actions_by_name["undo"].trigger()
    assert stack.index() == 0 and window.annotator.store.all() == [made]
    window.actions_by_name["redo"].trigger()
    assert window.annotator.store.all() == []


def test_notes_are_found_while_the_index_is_being_built_and_operators_are_not_words(
        window, library):
    doc = library.get(ADOPTED)
    window.annotator.store.add(highlight(doc, doc.block("op12"), 0, 7,
                                         note="Sanctions on Yemen: check the annex"))
    panel = window.search_panel  # no index yet: the library's results wait, notes do not
    panel.search("sanctions NOT Syria")
    assert panel.results.topLevelItem(0).text(0).startswith("Your notes — 1 annotation")
    panel.search("symbol:2396 annex")
    assert panel.results.topLevelItem(0).text(0).startswith("Your notes")
    panel.search("sanctions NOT Yemen")
    groups = [panel.results.topLevelItem(i).text(0)
              for i in range(panel.results.topLevelItemCount())]
    assert not any(group.startswith("Your notes") for group in groups)


def test_the_menu_at_a_margin_mark_acts_on_its_annotation(window, library, monkeypatch):
    _select(window, "op12", "Member States", library)
    _note_dialog_returns(monkeypatch, "A note")
    [note] = window.annotating.add_note()
    window.view.scroll_to_block("op12", flash=False)
    window.actions_by_name["bookmark"].trigger()
    view = window.view
    placed = {mark.kind: rect for rect, mark in view.placed_marks()}
    menu = window.paragraph_menu(view, placed["note"].center().toPoint())
    labels = [a.text() for a in menu.actions()]
    menu.close()
    assert "Edit Note…" in labels and "Delete Note" in labels
    menu = window.paragraph_menu(view, placed["bookmark"].center().toPoint())
    labels = [a.text() for a in menu.actions()]
    menu.close()
    assert "Delete Bookmark" in labels and "Remove Bookmark" in labels
    assert "&Bookmark Paragraph" not in labels


def test_the_notes_list_follows_a_change_without_reading_every_annotation_back(
        window, library, monkeypatch):
    doc = library.get(ADOPTED)
    kept = window.annotator.store.add(highlight(doc, doc.block("op3"), 0, 5))
    window.annotating.refresh_panel()
    monkeypatch.setattr(window.annotator.store, "all", lambda: pytest.fail("read back"))
    _select(window, "op12", "Member States", library)
    window.actions_by_name["highlight"].trigger()
    assert {a.quote for a in window.notes_panel.shown()} == {kept.quote, "Member States"}
    window.actions_by_name["undo"].trigger()
    assert window.notes_panel.shown() == [kept]


def test_a_highlight_takes_whole_words_however_the_drag_began_and_ended(window, library):
    """A drag from inside "Member" to inside "intelligence" highlights both words whole, and
    the whole words reach the store (and so every export)."""
    block = library.get(ADOPTED).block("op12")
    start = block.text.index("Member States") + 3  # "ber States …"
    end = block.text.index("Member States") + len("Member States shall") - 2  # "… sha"
    window.view.setTextCursor(window.view.range_cursor("op12", block, start, end))
    window.annotating.highlight("yellow")
    [made] = window.annotator.store.all()
    assert made.quote == "Member States shall"
    assert _highlighted(window.view) == ["Member States shall"]


def _click_in(window, anchor: str, qtbot) -> None:
    """A click on the first line of a paragraph, as a reader would."""
    from PySide6.QtGui import QTextCursor

    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._anchors[anchor] + 8)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_bookmark_goes_to_the_paragraph_clicked_not_the_one_at_the_top(window, library, qtbot):
    view = window.view
    view.scroll_to_block("op7", flash=False)
    assert view.current_block() == "op7"
    _click_in(window, "op9", qtbot)
    window.actions_by_name["bookmark"].trigger()
    [mark] = window.annotator.store.all()
    assert (mark.block, mark.is_bookmark) == ("op9", True)
    assert window.statusBar().currentMessage() == f"Bookmarked {ADOPTED}, para. 9"
    [(_rect, drawn)] = view.placed_marks()
    assert view.block_at(view.cursorRect(view.textCursor()).center()) == "op9"
    assert drawn.kind == "bookmark"
    window.actions_by_name["bookmark"].trigger()
    assert window.annotator.store.all() == []
    assert window.statusBar().currentMessage() == f"Bookmark removed from {ADOPTED}, para. 9"


def test_a_note_without_a_selection_goes_to_the_paragraph_clicked(window, library, qtbot,
                                                                  monkeypatch):
    _note_dialog_returns(monkeypatch, "Check the ICAO reference")
    window.view.scroll_to_block("op7", flash=False)
    _click_in(window, "op10", qtbot)
    [note] = window.annotating.add_note()
    assert (note.block, note.note) == ("op10", "Check the ICAO reference")
    assert window.statusBar().currentMessage() == f"Note added to {ADOPTED}, para. 10"
