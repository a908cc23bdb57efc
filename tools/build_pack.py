"""Rebuild the bundled library's pack: corpus/sources/library.pack.gz (see corpus/pack.py).

    python tools/build_pack.py [--check]

Parses every bundled text as a load would (a few seconds) and writes what the parse cache
would hold for each, under the same key. Run it after changing a bundled text or manifest, or
the parser (PARSER_VERSION, CITATIONS_VERSION): until then the app parses what the pack no
longer matches, on the reader's first start. With ``--check``, exits 1 if the pack on disk is
not what would be written (tests/corpus/test_pack.py checks the same).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.library import pack_entries  # noqa: E402
from corpus.pack import PACK_PATH, pack_bytes, pack_text  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the pack is not what would be written")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    packed = pack_bytes(pack_entries())
    if args.check:
        import gzip

        current = pack_text(PACK_PATH) if PACK_PATH.is_file() else ""
        if current != gzip.decompress(packed).decode("utf-8"):
            print(f"{PACK_PATH} is out of date: run tools/build_pack.py", file=sys.stderr)
            return 1
        return 0
    PACK_PATH.write_bytes(packed)
    print(f"wrote {PACK_PATH} ({len(packed) / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
