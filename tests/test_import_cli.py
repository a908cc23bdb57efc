"""``main.py import`` and ``main.py remove``: files of every kind in, bad ones refused with the
library, the index and the annotations exactly as they were."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import main
from annotations.model import highlight
from annotations.store import AnnotationStore
from corpus.library import load_library
from corpus.manifest import BUNDLED_SOURCES

NEW = "S/RES/2178 (2014)"


def as_2178(tmp_path: Path, name: str = "res2178.md") -> Path:
    """The bundled 2396 text made into S/RES/2178 (2014), which the bundled documents cite."""
    text = (BUNDLED_SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    text = text.replace("Resolution 2396 (2017)", "Resolution 2178 (2014)", 1)
    text = text.replace("8148th meeting, on\n21 December 2017",
                        "7272nd meeting, on\n24 September 2014", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def runner(data_dir: Path, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        status = main.main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err
    return run


@pytest.fixture
def data_dir(warm_data_dir: Path) -> Path:
    """A reader's data directory after a first run (the bundled library parsed and indexed; a
    copy of the session's): each import then parses and indexes only itself."""
    return warm_data_dir


@pytest.fixture
def run(data_dir, capsys):
    return runner(data_dir, capsys)


def snapshot(data_dir: Path) -> dict[str, str]:
    """Every file of the reader's library, the index and the annotations, by content."""
    files = {}
    for part in ("library", "index", "annotations.sqlite3"):
        root = data_dir / part
        paths = [root] if root.is_file() else sorted(root.rglob("*")) if root.exists() else []
        for path in paths:
            if path.is_file():
                files[str(path.relative_to(data_dir))] = hashlib.sha256(
                    path.read_bytes()).hexdigest()
    return files


def test_an_import_turns_the_citations_of_it_into_links(run, data_dir, tmp_path):
    status, out, err = run("import", str(as_2178(tmp_path)))
    assert status == 0, err
    assert f"imported {NEW}" in out and "cited in" in out
    library = load_library(data_dir)
    imported = library.get(NEW)
    assert imported is not None and imported.date == "2014-09-24"
    assert imported.meeting == "7272nd meeting"
    assert library.cited_by(NEW) and all(c.ref.in_library for c in library.cited_by(NEW))
    status, out, _ = run("search", "--json", "symbol:2178 terrorist")
    assert any(hit["symbol"] == NEW for hit in json.loads(out))  # indexed at once


def test_json_output_and_the_time_it_took(run, tmp_path):
    status, out, _ = run("import", "--json", str(as_2178(tmp_path)))
    [result] = json.loads(out)
    assert status == 0 and result["imported"] and result["symbol"] == NEW
    assert result["format"] == "markdown" and result["ms"] > 0 and result["index_ms"] > 0


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n \t\n", "empty"),
    ("junk.txt", bytes(range(256)) * 64, "binary"),
    ("junk.pdf", b"\x00\x01garbage" * 100, "not a PDF"),
    ("letter.txt", b"Dear colleague,\n\nThank you for your letter of 3 May.\n\nYours,\nA.",
     "not"),
])
def test_bad_files_are_refused_and_change_nothing(run, data_dir, tmp_path, name, content,
                                                 reason):
    run("import", str(as_2178(tmp_path)))  # a library with an import, an index, annotations
    doc = load_library(data_dir).get(NEW)
    with AnnotationStore.open(data_dir) as store:
        store.add(highlight(doc, doc.block("op1"), 0, 8))
    before = snapshot(data_dir)
    bad = tmp_path / name
    bad.write_bytes(content)
    status, out, err = run("import", str(bad))
    assert status == 1 and name in err and reason in err
    assert snapshot(data_dir) == before


def test_a_file_over_20_mb_is_refused(run, data_dir, tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    status, _, err = run("import", str(big))
    assert status == 1 and "huge.txt" in err and "20 MB" in err
    assert not (data_dir / "library").exists()


def test_a_missing_file_is_refused(run, data_dir, tmp_path):
    status, _, err = run("import", str(tmp_path / "gone.pdf"))
    assert status == 1 and "gone.pdf" in err
    assert not (data_dir / "library").exists()


def test_one_bad_file_among_good_ones(run, data_dir, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, out, err = run("import", str(empty), str(as_2178(tmp_path)))
    assert status == 1 and "empty.txt" in err and f"imported {NEW}" in out
    assert load_library(data_dir).get(NEW) is not None


def test_a_symbol_already_in_the_library_needs_a_choice(run, data_dir, tmp_path):
    again = tmp_path / "2395.md"
    again.write_bytes((BUNDLED_SOURCES / "S_RES_2395_2017.md").read_bytes())
    status, _, err = run("import", str(again))
    assert status == 1 and "already in the library" in err
    assert run("import", "--as-version", str(again))[0] == 0
    library = load_library(data_dir)
    assert library.get("S/RES/2395 (2017) (version 2)") is not None
    assert library.get("S/RES/2395 (2017)") is not None


def test_replacing_a_document_re_anchors_its_annotations(run, data_dir, tmp_path):
    """A corrected text replaces the bundled one: the highlight follows its words."""
    doc = load_library(data_dir).get("S/RES/2395 (2017)")
    block = doc.block("op3")
    text = (BUNDLED_SOURCES / "S_RES_2395_2017.md").read_text(encoding="utf-8")
    start = next(i for i in range(20, len(block.text) - 40)
                 if block.text[i - 1] == " " != block.text[i] and block.text[i:i + 40] in text)
    words = block.text[start:start + 40]  # words the source has as they read (no markup)
    with AnnotationStore.open(data_dir) as store:
        note = store.add(highlight(doc, block, start, start + 40, note="keep"))
    revised = tmp_path / "2395-revised.md"
    revised.write_text(text.replace(words, "really " + words, 1), encoding="utf-8")
    status, out, err = run("import", "--replace", str(revised))
    assert status == 0, err
    with AnnotationStore.open(data_dir) as store:
        placed = store.get(note.id)
    assert (placed.block, placed.start, placed.quote, placed.note) == (
        "op3", start + len("really "), words, "keep")
    assert "1 moved" in out


def test_remove_an_import_and_hide_a_bundled_document(run, data_dir, tmp_path):
    run("import", str(as_2178(tmp_path)))
    status, out, _ = run("remove", NEW)
    assert status == 0 and "removed" in out
    assert load_library(data_dir).get(NEW) is None
    status, out, _ = run("remove", "S/RES/2395 (2017)")
    assert status == 0 and "hidden" in out
    assert load_library(data_dir).get("S/RES/2395 (2017)") is None
    status, _, err = run("remove", "S/RES/9999 (2020)")
    assert status == 1 and "not in the library" in err
    status, out, _ = run("restore", "S/RES/2395 (2017)")
    assert status == 0 and "back" in out and load_library(data_dir).get("S/RES/2395 (2017)")
    status, _, err = run("restore", "S/RES/2395 (2017)")
    assert status == 1 and "not hidden" in err


def test_annotations_on_a_hidden_document_come_back_with_it(run, data_dir):
    doc = load_library(data_dir).get("S/RES/2395 (2017)")
    with AnnotationStore.open(data_dir) as store:
        kept = store.add(highlight(doc, doc.block("op2"), 0, 12, note="mine"))
    run("remove", "S/RES/2395 (2017)")
    run("annotations", "list")  # re-anchors against a library without the document
    run("restore", "S/RES/2395 (2017)")
    with AnnotationStore.open(data_dir) as store:
        assert store.get(kept.id) == kept


def _pdf_bytes(*, encrypted: bool) -> bytes:
    """A one-page PDF without text (what a scan is to a text reader), or an encrypted one."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypted:
        writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("encrypted", "reason"), [(False, "no text layer"),
                                                   (True, "encrypted")])
def test_scanned_and_encrypted_pdfs_are_refused_and_change_nothing(run, data_dir, tmp_path,
                                                                  encrypted, reason):
    run("import", str(as_2178(tmp_path)))
    before = snapshot(data_dir)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(_pdf_bytes(encrypted=encrypted))
    status, _, err = run("import", str(pdf))
    assert status == 1 and "scan.pdf" in err and reason in err
    assert snapshot(data_dir) == before


def test_a_stated_symbol_is_written_the_library_way_and_a_cleared_field_stays_empty(
        run, data_dir, tmp_path):
    status, out, err = run("import", "--symbol", "S/RES/2129(2013)", "--meeting", " ",
                           str(as_2178(tmp_path)))
    assert status == 0, err
    doc = load_library(data_dir).get("S/RES/2129 (2013)")
    assert doc is not None and doc.meeting is None
    status, _, err = run("import", "--symbol", "s/res/2129 (2013)", str(as_2178(tmp_path)))
    assert status == 1 and "--replace" in err  # the same document, however it is written


def test_importing_while_a_window_is_open_says_when_it_shows(run, data_dir, tmp_path):
    with AnnotationStore.open(data_dir, exclusive=True):  # what a running window holds
        status, out, err = run("import", str(as_2178(tmp_path)))
    assert status == 0 and f"imported {NEW}" in out
    assert "Plenary is open" in err and "restarted" in err


def undated(tmp_path: Path) -> Path:
    """The bundled 2396 text without its title block: no symbol, no date, no meeting."""
    text = (BUNDLED_SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    path = tmp_path / "undated.md"
    path.write_text(text[text.index("The Security Council,"):], encoding="utf-8")
    return path


def test_a_text_without_a_date_imports_with_its_symbols_year(run, data_dir, tmp_path):
    status, out, err = run("import", "--symbol", "S/RES/2253 (2015)", str(undated(tmp_path)))
    assert status == 0, err
    doc = load_library(data_dir).get("S/RES/2253 (2015)")
    assert (doc.date, doc.year, doc.date_known) == ("2015", 2015, False)
    status, out, _ = run("search", "--json", "year:2015 terrorist")  # the year filter works
    assert status == 0 and {hit["symbol"] for hit in json.loads(out)} == {"S/RES/2253 (2015)"}
    status, out, _ = run("search", "--json", "--sort", "date", "--limit", "1000", "terrorist")
    dates = [hit["date"] for hit in json.loads(out)]  # newest first: "2015" after 2016's
    assert status == 0 and "2015" in dates and dates == sorted(dates, reverse=True)
    assert run("corpus")[0] == 0


def test_a_stated_date_still_wins(run, data_dir, tmp_path):
    status, _, err = run("import", "--symbol", "S/RES/2253 (2015)", "--date", "2015-12-17",
                         str(undated(tmp_path)))
    assert status == 0, err
    doc = load_library(data_dir).get("S/RES/2253 (2015)")
    assert (doc.date, doc.date_known) == ("2015-12-17", True)


def test_a_symbol_without_a_year_still_needs_a_date(run, data_dir, tmp_path):
    status, _, err = run("import", "--symbol", "A/RES/80/4", str(undated(tmp_path)))
    assert status == 1 and "--date" in err and "--symbol" not in err
    status, _, err = run("import", "--symbol", "A/RES/80/4", "--date", "2025",
                         str(undated(tmp_path)))
    assert status == 0, err
    assert load_library(data_dir).get("A/RES/80/4").date == "2025"


def test_a_refused_import_does_no_work(tmp_path, capsys, monkeypatch):
    """Nothing is indexed, no annotations database is created: a first run's data directory
    is as the library's loading left it."""
    data_dir = tmp_path / "first-run"
    run = runner(data_dir, capsys)
    monkeypatch.setattr(main, "_after_import", lambda *a, **k: pytest.fail("work was done"))
    status, _, err = run("import", str(undated(tmp_path)))
    assert status == 1 and "--symbol" in err
    status, out, _ = run("import", "--json", str(undated(tmp_path)))
    assert status == 1 and not json.loads(out)[0]["imported"]
    assert not (data_dir / "index").exists()
    assert not (data_dir / "annotations.sqlite3").exists()
    assert not (data_dir / "library").exists()


def test_a_refused_import_leaves_an_existing_index_and_annotations_as_they_were(
        run, data_dir, tmp_path):
    run("import", str(as_2178(tmp_path)))
    before = snapshot(data_dir)
    assert any(name.startswith("index") for name in before) and "annotations.sqlite3" in before
    status, _, _ = run("import", str(undated(tmp_path)))
    assert status == 1 and snapshot(data_dir) == before
