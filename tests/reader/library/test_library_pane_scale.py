"""The library pane at 10,000 documents: listed and filtered from summaries alone, never
reading a document. (How fast it filters is measured by benchmarks/load_bench.py, not here:
timings are noisy on a shared machine.)"""

from __future__ import annotations

from corpus.library import DocumentSummary
from corpus.model import DocumentKind
from reader.library.library_pane import LibraryPane

TOPICS = ("The situation in the Middle East", "The situation in Cyprus",
          "Threats to international peace and security caused by terrorist acts",
          "The question of South Africa", "Admission of new Members", "Bosnia and Herzegovina")


class SummariesOnly:
    """A library that answers with summaries and has no document to give."""

    def __init__(self, count: int) -> None:
        self._summaries = [
            DocumentSummary(f"S/RES/{n} ({1946 + n % 77})",
                            "General Assembly" if n % 5 == 0 else "Security Council",
                            f"{1946 + n % 77}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                            TOPICS[n % len(TOPICS)], DocumentKind.RESOLUTION)
            for n in range(1, count + 1)]

    def summaries(self):
        return list(self._summaries)

    def __len__(self) -> int:
        return len(self._summaries)

    def get(self, symbol):
        raise AssertionError(f"the pane read {symbol}: it must list summaries only")

    def __iter__(self):
        raise AssertionError("the pane read every document: it must list summaries only")


def test_ten_thousand_documents_are_filtered_from_summaries_as_one_types(qtbot):
    pane = LibraryPane(SummariesOnly(10_000))
    qtbot.addWidget(pane)
    pane.resize(500, 700)
    pane.show()
    qtbot.waitExposed(pane)
    counts = []
    pane.countChanged.connect(lambda visible, total: counts.append((visible, total)))
    for text in ("c", "cy", "cyp", "cypr", "cyprus"):
        pane.filter_edit.setText(text)
        qtbot.wait(0)
    assert counts[-1] == (sum(1 for n in range(1, 10_001) if n % len(TOPICS) == 1), 10_000)
    pane.filter_edit.setText("S/RES/1234 (")
    assert pane.current_symbol == "S/RES/1234 (1948)"
    assert pane.select(f"S/RES/9999 ({1946 + 9999 % 77})")
