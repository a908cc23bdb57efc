"""Nothing a command prints can act on the terminal: control characters of an imported text
(ESC, BEL, C1, bidirectional overrides) are shown, never sent raw (issue 14, item 8)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import main
from corpus.manifest import BUNDLED_SOURCES, SourceEntry
from corpus.model import DocumentKind
from corpus.terminal import SafeStream, json_safe, terminal_safe
from corpus.userlib import UserLibrary

ROOT = Path(__file__).resolve().parent.parent
#: Clear the screen and go red, ring, reverse what follows, and a C1 "CSI" for 8-bit terminals.
EVIL = "\x1b[2J\x1b[31m\x07\u202e\x9b"
SYMBOL = f"S/RES/1 <b>bold</b>{EVIL} (2020)"
#: What may not reach a terminal: C0 controls but line feed and tab, DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def raw_controls(text: str) -> list[str]:
    # A progress line redraws itself with a carriage return, which is the program's own.
    return RAW.findall(re.sub(r"\r(?=indexing \[)", "", text))


def add_evil_document(data_dir: Path) -> None:
    """S/RES/2396 (2017)'s text under a symbol, body, title and subject full of controls, with
    controls inside two of its paragraphs."""
    text = (BUNDLED_SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    text = text.replace("Reaffirming its resolutions", f"Reaffirming {EVIL}its resolutions", 1)
    text = text.replace("Reaffirming that terrorism in all",
                        f"Reaffirming that {EVIL}terrorism in all", 1)
    UserLibrary(data_dir).add(SourceEntry(
        symbol=SYMBOL, body=f"<i>x</i>{EVIL}", date="2020-01-01", title=f"Title {EVIL}",
        kind=DocumentKind.RESOLUTION, path=Path("evil.md"), format="markdown",
        subject=f"Subject {EVIL}"), text)


@pytest.fixture(scope="module")
def evil_dir(warm_data_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory after a first run, with the evil document imported and indexed."""
    data_dir = tmp_path_factory.mktemp("evil-data") / "data"
    shutil.copytree(warm_data_template, data_dir)
    add_evil_document(data_dir)
    assert main.main(["--data-dir", str(data_dir), "index"]) == 0
    return data_dir


@pytest.fixture
def run(evil_dir, capsys):
    def run(*args: str, data_dir: Path = evil_dir, status: int = 0) -> tuple[str, str]:
        assert main.main(["--data-dir", str(data_dir), *args]) == status
        captured = capsys.readouterr()
        assert raw_controls(captured.out) == [] and raw_controls(captured.err) == []
        return captured.out, captured.err
    capsys.readouterr()
    return run


def test_terminal_safe_shows_controls_and_keeps_the_layout():
    assert terminal_safe("a\x1b[31mb\x07\tc\n") == "a␛[31mb␇\tc\n"
    assert terminal_safe("\r\x00\x7f") == "␍␀␡"
    assert terminal_safe("x\x9by\u202ez\u2066") == "x\\x9by\\u202ez\\u2066"
    assert terminal_safe("Plain – “quoted” text ✓") == "Plain – “quoted” text ✓"


def test_json_safe_is_the_same_json_without_raw_controls():
    value = {"s": f"a{EVIL}\x7f\u200f\u2069b"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert raw_controls(text) == [] and json.loads(text) == value


def test_a_safe_stream_keeps_only_a_progress_lines_carriage_return(capsys):
    stream = SafeStream(sys.stderr, redraw=True)
    stream.write("\rindexing [##] 1/2")
    stream.write("plenary: a\rb\n")
    assert capsys.readouterr().err == "\rindexing [##] 1/2plenary: a␍b\n"
    assert stream.isatty() == sys.stderr.isatty()  # the rest is the wrapped stream's


def test_corpus_summary_and_json(run):
    out, _ = run("corpus")
    assert "S/RES/1 <b>bold</b>␛[2J␛[31m␇\\u202e\\x9b (2020)" in out
    out, _ = run("corpus", "--json")
    docs = {d["symbol"]: d for d in json.loads(out)["documents"]}
    assert docs[SYMBOL]["body"] == f"<i>x</i>{EVIL}"  # the JSON still holds the text as it is
    assert EVIL in docs[SYMBOL]["blocks"][3]["text"]


def test_search_as_text_and_as_json(run):
    out, _ = run("search", "manifestations constitutes", "--limit", "50")
    assert "S/RES/1 <b>bold</b>␛" in out and "that ␛[2J" in out
    out, _ = run("search", "manifestations constitutes", "--limit", "50", "--json")
    assert any(hit["symbol"] == SYMBOL for hit in json.loads(out))


def test_similar_as_text_and_as_json(run):
    out, _ = run("similar", "S/RES/2396 (2017)#pp2")
    assert "S/RES/1 <b>bold</b>␛" in out
    out, _ = run("similar", f"{SYMBOL}#pp2", "--json")
    assert json.loads(out)
    out, _ = run("similar", "--text", f"Reaffirming that {EVIL}terrorism in all forms")
    assert "␛" in out


def test_compare_listing_and_json(run):
    out, _ = run("compare", "S/RES/2396 (2017)", SYMBOL, "--changes")
    assert "␛[2J" in out
    out, _ = run("compare", "S/RES/2396 (2017)", SYMBOL, "--json")
    assert json.loads(out)["rows"]


def test_annotations_import_and_remove(run, evil_dir, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(evil_dir, data_dir)
    out, _ = run("annotations", "add", f"{SYMBOL}#pp1", "--quote", f"{EVIL}its resolutions",
                 "--note", f"a note {EVIL}", "--tag", f"t{EVIL}", data_dir=data_dir)
    assert "S/RES/1 <b>bold</b>␛" in out
    out, _ = run("annotations", "list", data_dir=data_dir)
    assert "a note ␛" in out and "“␛[2J" in out and "#t␛" in out
    out, _ = run("annotations", "list", "--json", data_dir=data_dir)
    assert json.loads(out)

    source = tmp_path / f"evil{EVIL}.md"
    source.write_text((BUNDLED_SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
                      .replace("Resolution 2396 (2017)", "Resolution 2178 (2014)", 1),
                      encoding="utf-8")
    out, err = run("import", str(source), "--symbol", f"S/RES/2178 (2014){EVIL}",
                   data_dir=data_dir)
    assert "imported S/RES/2178 (2014)␛" in out and "evil␛" in out
    out, _ = run("import", str(source), "--symbol", f"S/RES/2179 (2014){EVIL}", "--json",
                 data_dir=data_dir)
    assert json.loads(out)[0]["imported"]
    out, _ = run("remove", f"S/RES/2178 (2014){EVIL}", data_dir=data_dir)
    assert "␛" in out

    bad = tmp_path / f"bad{EVIL}.txt"
    bad.write_bytes(b"\x00\x01 not a resolution")
    _, err = run("import", str(bad), data_dir=data_dir, status=1)
    assert "bad␛" in err


def test_a_real_terminal_stream_gets_no_raw_control_bytes(evil_dir):
    """The same through the process's own stdout and stderr, as a terminal receives them."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(evil_dir),
                           "search", "manifestations constitutes", "--limit", "50"],
                          capture_output=True, env=env, timeout=120, check=True)
    assert "S/RES/1 <b>bold</b>␛".encode() in done.stdout
    for stream in (done.stdout, done.stderr):
        assert raw_controls(stream.decode("utf-8")) == []


def test_a_command_piped_into_a_reader_that_stops_early_ends_quietly(warm_data_dir):
    """`main.py corpus --json | head -1`: the reader closes the pipe; the command stops
    without a traceback (Python's BrokenPipeError) and with the status a shell expects."""
    root = Path(main.__file__).resolve().parent
    process = subprocess.Popen(
        [sys.executable, str(root / "main.py"), "--data-dir", str(warm_data_dir), "corpus",
         "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    process.stdout.readline()
    process.stdout.close()  # what `head -1` does once it has its line
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert process.returncode in (0, 141)
