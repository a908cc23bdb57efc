"""Write the manifest of the bundled CR-UNSC texts: corpus/sources/cr-unsc/manifest.toml.

    python tools/cr_unsc_manifest.py [--check]

Each text says what it is: its symbol, date and meeting are read off it exactly as an import
reads them (corpus/importing/detect.py). Where the text lacks one (an OCR'd date with no day, a
yearbook resolution naming no meeting), the Security Council's record (corpus/record/, when
present) fills it in; it also gives the agenda topic as the title where the text has none (the
seed texts' manifest gives the agenda topic as the title too). Nothing the text states is
overridden: where the record dates a resolution a day apart from its text, the text's date
stands. With ``--check``, exits 1 if the manifest on disk differs from what would be written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.importing.detect import detect_metadata  # noqa: E402
from corpus.importing.extract import extract  # noqa: E402
from corpus.manifest import BUNDLED_SOURCES, MANIFEST_NAME  # noqa: E402
from corpus.userlib import toml_string  # noqa: E402

FOLDER = BUNDLED_SOURCES / "cr-unsc"
HEADER = """\
# The Security Council resolution texts of CR-UNSC (CC0; see README.md in this folder), one
# table per resolution. Written by tools/cr_unsc_manifest.py from what each text states
# (corpus/importing/detect.py), the Security Council's record (corpus/record/) filling in what
# a text lacks (a day, a meeting, the agenda topic as the title). Do not edit by hand.
"""


def _record():
    """The Security Council's record, if this checkout has it."""
    try:
        from corpus.record import load_record
    except ImportError:
        return None
    try:
        record = load_record()
        len(record)
    except (OSError, ValueError):
        return None
    return record


def _meeting(record_meeting: str) -> str | None:
    """"S/PV.1382" -> "1382nd meeting", as the texts write it."""
    match = re.fullmatch(r"S/PV\.(\d+)", record_meeting.strip())
    if not match:
        return None
    number = int(match.group(1))
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix} meeting"


def entry_tables(folder: Path = FOLDER) -> tuple[list[dict[str, str]], list[str]]:
    """One manifest table per resolution of ``folder``, in file order, and the texts left
    out: a second text of a resolution already listed (CR-UNSC files two resolutions' texts
    again under the numbers 542 and 778, whose own texts it lacks)."""
    record = _record()
    tables: list[dict[str, str]] = []
    again: list[str] = []
    listed: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        extracted = extract(path)
        meta = detect_metadata(extracted.text, extracted.format)
        if not meta.symbol or not meta.date:
            raise SystemExit(f"{path.name}: no symbol or date read off the text")
        if meta.symbol in listed:
            again.append(f"{path.name} is {meta.symbol} again (as {listed[meta.symbol]})")
            continue
        listed[meta.symbol] = path.name
        known = record.get(meta.symbol) if record is not None else None
        date, meeting, title = meta.date, meta.meeting, meta.title
        if known is not None:
            if len(date) == 4 and known.date[:4] == date:
                date = known.date
            meeting = meeting or _meeting(known.meeting)
            title = title or known.topic or None
        table = {"symbol": meta.symbol, "body": meta.body or "Security Council",
                 "date": date, "meeting": meeting, "title": title or "",
                 "kind": (meta.kind.value if meta.kind else "resolution"),
                 "source": path.name, "format": extracted.format}
        tables.append({k: v for k, v in table.items() if v is not None})
    return tables, again


def manifest_text(tables: list[dict[str, str]], again: list[str]) -> str:
    lines = [HEADER]
    if again:
        lines[0] += "#\n# Not listed, a second text of a resolution listed once:\n"
        lines[0] += "".join(f"#   {line}\n" for line in again)
    for table in tables:
        lines.append("[[document]]")
        lines += [f"{key} = {toml_string(value)}" for key, value in table.items()]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the manifest is not what would be written")
    args = parser.parse_args(argv)
    text = manifest_text(*entry_tables())
    target = FOLDER / MANIFEST_NAME
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run tools/cr_unsc_manifest.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count('[[document]]')} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
