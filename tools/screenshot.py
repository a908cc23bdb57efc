"""Grab the main window to a PNG, offscreen: the README's screenshot and a look at the UI.

    python tools/screenshot.py docs/screenshot-main.png [--document "S/RES/2396 (2017)"]
        [--anchor op11] [--search PNR] [--theme light|dark] [--size 1360x840] [--annotate]
        [--import FILE …] [--side Outline]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from annotations.anchors import find_place
from annotations.model import bookmark, highlight
from annotations.store import AnnotationStore
from corpus.importing import commit, prepare
from corpus.library import load_library
from index.store import open_index
from reader.common.tasks import TaskRunner
from reader.window.main_window import MainWindow
from reader.window.settings import Settings

#: What a reader preparing a briefing might have marked in S/RES/2396 (2017):
#: (paragraph, words, colour, note, tags); no words: a bookmark.
SAMPLE = (
    ("S/RES/2396 (2017)#op11", "advance passenger information (API) systems", "yellow",
     "Our API system is live; **PNR** (para. 12) is the gap.", ("API", "briefing")),
    ("S/RES/2396 (2017)#op12", "develop the capability to collect, process and analyse",
     "orange", "Binding: *shall*. Ask the ministry for the ICAO timeline.", ("PNR", "briefing")),
    ("S/RES/2396 (2017)#op13", "watch lists or databases of known and suspected terrorists",
     "pink", "Interpol liaison: who has access?", ("interpol",)),
    ("S/RES/2396 (2017)#op15", "biometric data", "green", "", ("biometrics",)),
    ("S/RES/2396 (2017)#op10", None, "blue", "", ()),
)


def seed_annotations(data_dir: Path, library) -> None:
    """The sample annotations, placed through the same look-up the command line uses."""
    with AnnotationStore.open(data_dir) as store:
        for key, words, colour, note, tags in SAMPLE:
            doc, block, start, end = find_place(library, key, words)
            fields = {"color": colour, "note": note, "tags": tags}
            store.add(bookmark(doc, block, **fields) if start is None
                      else highlight(doc, block, start, end, **fields))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--document", default="S/RES/2396 (2017)")
    parser.add_argument("--anchor", default=None, help="paragraph id to scroll to, e.g. op11")
    parser.add_argument("--search", default=None, help="a query to show in the search panel")
    parser.add_argument("--compare", default=None, metavar="SYMBOL",
                        help="compare --document with this document (draft on the left)")
    parser.add_argument("--changes", default=None, type=int, metavar="N",
                        help="in a comparison, step to the Nth change")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--size", default="1360x840")
    parser.add_argument("--import", dest="imports", type=Path, nargs="*", default=[],
                        help="files to import into the library first (their texts as read)")
    parser.add_argument("--side", default=None, metavar="TAB",
                        help="the side panel's tab to show: Search, References, Outline …")
    parser.add_argument("--annotate", action="store_true",
                        help="with sample highlights and notes, the Notes panel shown")
    parser.add_argument("--card", default=None, metavar="SYMBOL",
                        help="show the 'not in your library' card of a document cited")
    parser.add_argument("--record", default=None, metavar="QUERY",
                        help="show the library pane's Record tab, filtered by QUERY")
    parser.add_argument("--redline", action="store_true",
                        help="show a comparison (--compare) as a redline")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as data:
        library = load_library(Path(data))
        for path in args.imports:
            commit(prepare(path, library), Path(data), library)
        if args.imports:
            library = load_library(Path(data))
        if args.annotate:
            seed_annotations(Path(data), library)
        window = MainWindow(library, Settings(Path(data)), TaskRunner(synchronous=True))
        window.set_theme(args.theme)
        window.resize(width, height)
        window.show()
        window.open_document(args.document)
        if args.search:
            index, _ = open_index(Path(data), library.documents)
            window.search_panel.set_index(index)
            window.search_panel.search(args.search)
            window.search_panel.search_now()
        if args.annotate:
            window.show_annotations()
        if args.side:
            tabs = [window.side.tabText(i).replace("&", "") for i in range(window.side.count())]
            window.side.setCurrentIndex(tabs.index(args.side))
        if args.compare:
            window.open_comparison(args.compare, args.document)
            if args.redline:
                window.comparison.set_mode("redline")
        if args.card:
            window.navigator.open_target(args.card)
        if args.record is not None:
            window.library_pane.show_record()
            window.library_pane.record_view.filter_edit.setText(args.record)
        for _ in range(5):
            app.processEvents()
        for _ in range(args.changes or 0):
            window.comparison.next_change()
        if args.anchor:
            window.view.scroll_to_block(args.anchor, flash=False)
        app.processEvents()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.output))
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
