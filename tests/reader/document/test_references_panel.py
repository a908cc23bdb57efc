"""The References tab as a reader sees it: what the document cites, what cites it, and the
Council's other resolutions on its topic, each opening its document or card."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from corpus.record import Record, RecordEntry, dump
from reader.document.references_panel import ReferencesPanel

TOPIC = "Threats to international peace and security caused by terrorist acts"


@pytest.fixture
def panel(qtbot, library) -> ReferencesPanel:
    panel = ReferencesPanel(library)
    qtbot.addWidget(panel)
    panel.resize(500, 800)
    panel.show()
    return panel


def sections(panel: ReferencesPanel) -> list[str]:
    return [panel.topLevelItem(i).text(0) for i in range(panel.topLevelItemCount())]


def section(panel: ReferencesPanel, start: str) -> QTreeWidgetItem:
    return next(panel.topLevelItem(i) for i in range(panel.topLevelItemCount())
                if panel.topLevelItem(i).text(0).startswith(start))


def rows(item: QTreeWidgetItem) -> list[str]:
    return [item.child(i).text(0) for i in range(item.childCount())]


def row(item: QTreeWidgetItem, start: str) -> QTreeWidgetItem:
    return next(item.child(i) for i in range(item.childCount())
                if item.child(i).text(0).startswith(start))


def click(qtbot, panel: ReferencesPanel, item: QTreeWidgetItem) -> None:
    panel.scrollToItem(item)
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_resolutions_on_the_topic_are_listed_in_date_order_this_one_marked(panel,
                                                                              library):
    panel.show_document(library.get("S/RES/2396 (2017)"))
    assert sections(panel)[:2] == [s for s in sections(panel) if s.startswith("Cite")]
    series = section(panel, "On this topic")
    listed = rows(series)
    assert series.text(0) == f"On this topic ({len(listed)}): {TOPIC}"
    assert series.isExpanded()
    assert "S/RES/2396 (2017) · 21 December 2017 — this document" in listed
    assert "S/RES/2395 (2017) · 21 December 2017" in listed  # held: opens the text
    assert "S/RES/2322 (2016) · 12 December 2016" in listed
    assert "S/RES/2341 (2017) · 13 February 2017 — not in your library" in listed
    assert "S/RES/2560 (2020) · 29 December 2020 — not in your library" in listed
    order = [text.split(" · ")[0] for text in listed]
    assert order.index("S/RES/2322 (2016)") < order.index("S/RES/2341 (2017)") \
        < order.index("S/RES/2395 (2017)") < order.index("S/RES/2396 (2017)") \
        < order.index("S/RES/2462 (2019)")
    assert all(symbol.startswith("S/RES/") for symbol in order)  # resolutions, no statements
    assert row(series, "S/RES/2396 (2017)").font(0).bold()
    assert row(series, "S/RES/2395 (2017)").font(0).underline()
    assert not row(series, "S/RES/2341 (2017)").font(0).underline()


def test_a_held_resolution_opens_and_one_not_held_opens_its_card(qtbot, panel, library):
    panel.show_document(library.get("S/RES/2322 (2016)"))
    series = section(panel, "On this topic")
    with qtbot.waitSignal(panel.targetRequested) as opened:
        click(qtbot, panel, row(series, "S/RES/2395 (2017)"))
    assert opened.args == ["S/RES/2395 (2017)"]
    with qtbot.waitSignal(panel.targetRequested) as opened:
        click(qtbot, panel, row(series, "S/RES/2309 (2016)"))
    assert opened.args == ["S/RES/2309 (2016)"]
    with qtbot.assertNotEmitted(panel.targetRequested):
        click(qtbot, panel, row(series, "S/RES/2322 (2016)"))  # the document on display


def test_a_document_the_record_does_not_list_has_no_topic(panel, library):
    for symbol in ("A/RES/72/284", "S/2017/1051"):
        panel.show_document(library.get(symbol))
        assert [s for s in sections(panel) if s.startswith("On this topic")] == [], symbol
        assert sections(panel)[0].startswith("Cites (")


def test_the_topic_is_shown_as_text(qtbot, library, tmp_path):
    path = tmp_path / "record.tsv"
    topic = "The <b>question</b> & more"
    path.write_text(dump([
        RecordEntry("S/RES/2322 (2016)", "resolution", "2016-12-12", "S/PV.7831", topic, "15-0-0"),
        RecordEntry("S/PRST/2017/1", "statement", "2017-01-01", "S/PV.7832", topic, ""),
        RecordEntry("S/RES/2396 (2017)", "resolution", "2017-12-21", "S/PV.8148", topic, "15-0-0"),
    ]), encoding="utf-8")
    panel = ReferencesPanel(library, record=Record(path))
    qtbot.addWidget(panel)
    panel.show_document(library.get("S/RES/2396 (2017)"))
    series = section(panel, "On this topic")
    assert series.text(0) == f"On this topic (2): {topic}"
    assert rows(series) == ["S/RES/2322 (2016) · 12 December 2016",
                            "S/RES/2396 (2017) · 21 December 2017 — this document"]
    assert "&lt;b&gt;question" in series.toolTip(0)
