"""The main flows in a real window: open, follow a link, search, compare, highlight, export,
print to PDF; what each did, as JSON on stdout.

    QT_QPA_PLATFORM=xcb DISPLAY=:99 python tools/smoke.py --data-dir DIR --out DIR

Run by tests/smoke/test_real_window.py under Xvfb with the xcb platform, so the window is
mapped by a real X server, fonts are rasterised and events go through the window system, as
on a reader's laptop (the rest of the suite runs offscreen). Each step is bounded in time; a
step that fails is reported and the others still run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADOPTED, DRAFT = "S/RES/2396 (2017)", "S/2017/1051"
STEP_SECONDS = 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from annotations.store import AnnotationStore
    from corpus.library import load_library
    from reader.common.tasks import TaskRunner
    from reader.search.index_service import IndexService
    from reader.window.main_window import MainWindow
    from reader.window.settings import Settings

    app = QApplication([sys.argv[0]])
    library = load_library(args.data_dir)
    runner = TaskRunner()
    service = IndexService(runner)
    store = AnnotationStore.open(args.data_dir, exclusive=True)
    window = MainWindow(library, Settings(args.data_dir), runner, service, annotations=store)
    window.resize(1280, 800)
    window.show()
    results: dict[str, object] = {"platform": app.platformName()}

    def wait_for(done: Callable[[], bool], seconds: float = STEP_SECONDS) -> bool:
        end = time.monotonic() + seconds
        while not done() and time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return done()

    def step(name: str, action: Callable[[], object]) -> None:
        try:
            results[name] = action()
        except Exception as exc:  # reported, and the next flow still runs
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}

    wait_for(window.isVisible, 10)
    service.start(args.data_dir, library.documents)

    def open_document() -> dict:
        window.open_document(ADOPTED, "op11")
        wait_for(lambda: window.view is not None and window.view.current_block() == "op11", 10)
        return {"tab": window.tabs.tabText(window.tabs.currentIndex()),
                "at": window.view.current_block(), "exposed": window.view.isVisible()}

    def follow_link() -> dict:
        from reader.document.links import LinkTarget

        window.navigator.follow_link(LinkTarget(target="S/RES/2178 (2014)", paragraph="9"))
        card = window.tabs.tabText(window.tabs.currentIndex())
        window.navigator.go_back()
        wait_for(lambda: window.current_symbol == ADOPTED, 10)
        return {"card": card, "back_to": window.current_symbol}

    def search() -> dict:
        ready = wait_for(lambda: service.index is not None)
        window.focus_search()
        window.search_panel.search("PNR")
        wait_for(lambda: window.search_panel.shown_results is not None
                 and window.search_panel.shown_results.query == "PNR", 20)
        shown = window.search_panel.shown_results
        return {"index_ready": ready, "hits": len(shown.hits) if shown else 0}

    def compare() -> dict:
        window.open_comparison(DRAFT, ADOPTED)
        wait_for(lambda: window.comparison is not None, 30)
        comparison = window.comparison
        return {"tab": window.tabs.tabText(window.tabs.currentIndex()),
                "summary": comparison.summary.text() if comparison else None}

    def highlight() -> dict:
        window.open_document(ADOPTED, "op12", new_tab=True)
        wait_for(lambda: window.view is not None and window.view.current_block() == "op12", 10)
        block = library.get(ADOPTED).block("op12")
        start = block.text.index("Member States")
        window.view.setTextCursor(window.view.range_cursor("op12", block, start,
                                                          start + len("Member States")))
        window.annotating.highlight("yellow")
        return {"quotes": [a.quote for a in store.all()]}

    def export() -> dict:
        target = args.out / "notes.md"
        task = window.annotating.export_to(target, "md")
        wait_for(lambda: task is not None and task.is_finished(), 30)
        return {"written": target.is_file(),
                "mentions": "Member States" in target.read_text(encoding="utf-8")
                if target.is_file() else False}

    def print_pdf() -> dict:
        target = args.out / "resolution.pdf"
        task = window.printing.save_pdf(target, annotations=True)
        wait_for(lambda: task is not None and task.is_finished(), 60)
        return {"written": target.is_file(),
                "bytes": target.stat().st_size if target.is_file() else 0}

    def screenshot() -> dict:
        target = args.out / "window.png"
        image = window.grab().toImage()
        image.save(str(target))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
                   for y in range(0, image.height(), 29)}
        return {"width": image.width(), "height": image.height(), "colours": len(colours)}

    for name, action in (("open", open_document), ("follow_link", follow_link),
                         ("search", search), ("compare", compare), ("highlight", highlight),
                         ("export", export), ("print", print_pdf), ("screenshot", screenshot)):
        step(name, action)
    QTimer.singleShot(0, window.close)
    wait_for(lambda: not window.isVisible(), 10)
    runner.wait_for_done(10000)
    service.close()
    store.close()
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
