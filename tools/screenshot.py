"""Grab the main window to a PNG, offscreen: the README's screenshot and a look at the UI.

    QT_QPA_PLATFORM=offscreen python tools/screenshot.py docs/screenshot-library.png \
        [--document "S/RES/2396 (2017)"] [--anchor op11] [--size 1280x800]
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

from corpus.library import load_library
from reader.library_window import LibraryWindow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--document", default="S/RES/2396 (2017)")
    parser.add_argument("--anchor", default=None, help="paragraph id to scroll to, e.g. op11")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as data:
        window = LibraryWindow(load_library(Path(data)))
        window.resize(width, height)
        window.show()
        window.show_document(args.document)
        if args.anchor:
            window.view.scrollToAnchor(args.anchor)
        app.processEvents()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.output))
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
