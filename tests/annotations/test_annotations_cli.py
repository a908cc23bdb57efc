"""``main.py annotations``: add, list, export and import without a window."""

from __future__ import annotations

import json

import docx
import pytest

import main

OP12 = "S/RES/2396 (2017)#op12"


@pytest.fixture
def data_dir(warm_data_dir):
    """A data directory after a first run (the bundled library parsed; a copy of the
    session's), so each command only loads it."""
    return warm_data_dir


@pytest.fixture
def run(data_dir, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        status = main.main(["--data-dir", str(data_dir), "annotations", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err
    return run


def test_add_a_highlight_with_note_tags_and_colour_then_list_it(run):
    status, out, _ = run("add", OP12, "--quote", "Member States", "--note", "Ask *capital*",
                         "--tag", "cttc", "--tag", "PNR", "--color", "green")
    assert status == 0 and "S/RES/2396 (2017), para. 12" in out
    status, out, _ = run("list", "--json")
    [item] = json.loads(out)["annotations"]
    assert (item["block"], item["quote"], item["note"], item["color"]) == (
        "op12", "Member States", "Ask *capital*", "green")
    assert item["tags"] == ["cttc", "PNR"] and item["start"] is not None


def test_without_a_quote_the_paragraph_is_bookmarked(run):
    assert run("add", "S/RES/2396 (2017)#op3")[0] == 0
    out = run("list")[1]
    assert "S/RES/2396 (2017), para. 3" in out and "bookmark" in out


@pytest.mark.parametrize(("where", "quote", "message"), [
    (OP12, "words the paragraph does not have", "are not in S/RES/2396 (2017) op12"),
    ("S/RES/2396 (2017)#op99", None, "has no paragraph 'op99'"),
    ("S/RES/9999 (2020)#op1", None, "is not in the library"),
    ("S/RES/2396 (2017)", None, "does not name a paragraph"),
])
def test_a_place_that_is_not_there_is_refused(run, where, quote, message):
    args = ["add", where] + (["--quote", quote] if quote else [])
    status, _, err = run(*args)
    assert status == 2 and message in err
    assert "No annotations yet" in run("list")[1]


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json", "docx"])
def test_export_writes_each_format_with_citation_quote_and_note(run, data_dir, fmt):
    run("add", OP12, "--quote", "Member States", "--note", "Raise at the CTC briefing")
    path = data_dir / f"out.{fmt}"
    status, out, _ = run("export", "--format", fmt, "-o", str(path))
    assert status == 0 and "1 annotation written" in out
    text = ("\n".join(p.text for p in docx.Document(str(path)).paragraphs) if fmt == "docx"
            else path.read_text(encoding="utf-8-sig"))
    for expected in ("S/RES/2396 (2017), para. 12", "Member States", "Raise at the CTC briefing"):
        assert expected in text


def test_export_of_one_tag_or_document_only(run, data_dir):
    run("add", OP12, "--quote", "Member States", "--tag", "travel")
    run("add", "S/RES/2395 (2017)#op1", "--note", "mandate")
    path = data_dir / "travel.json"
    assert run("export", "--format", "json", "--tag", "travel", "-o", str(path))[0] == 0
    assert [a["symbol"] for a in json.loads(path.read_text())["annotations"]] == [
        "S/RES/2396 (2017)"]
    run("export", "--format", "json", "--document", "S/RES/2395 (2017)", "-o", str(path))
    assert [a["note"] for a in json.loads(path.read_text())["annotations"]] == ["mandate"]
    status, _, err = run("export", "--format", "md", "--tag", "none", "-o", str(path))
    assert status == 1 and "nothing written" in err


def test_import_merges_and_a_malformed_file_changes_nothing(run, data_dir, tmp_path):
    run("add", OP12, "--quote", "Member States")
    exported = tmp_path / "mine.json"
    run("export", "--format", "json", "-o", str(exported))
    data = json.loads(exported.read_text())
    data["annotations"][0]["note"] = "edited elsewhere"
    data["annotations"][0]["updated"] = "2099-01-01T00:00:00+00:00"
    exported.write_text(json.dumps(data))
    status, out, _ = run("import", str(exported))
    assert status == 0 and "1 updated" in out
    before = json.loads(run("list", "--json")[1])["annotations"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "plenary-annotations", "version": 1, "annotations": [{')
    status, _, err = run("import", str(broken))
    assert status == 1 and "nothing changed" in err
    assert json.loads(run("list", "--json")[1])["annotations"] == before
    assert before[0]["note"] == "edited elsewhere"


def test_with_a_window_open_the_commands_read_but_do_not_write(run, data_dir):
    from annotations.store import AnnotationStore

    run("add", OP12, "--quote", "Member States")
    with AnnotationStore.open(data_dir, exclusive=True):  # what a running window holds
        status, _, err = run("add", OP12, "--quote", "Decides")
        assert status == 1 and "already running" in err and "not saved" in err
        status, out, _ = run("list")
        assert status == 0 and "Member States" in out and "Decides" not in out


def test_backups_list_and_restore_latest_and_a_window_refuses_it(run, data_dir):
    from annotations.store import AnnotationStore

    assert "No backups yet" in run("backups")[1]
    run("add", OP12, "--quote", "Member States")
    run("add", OP12, "--quote", "Decides")  # this open backs up the first one
    status, out, _ = run("backups", "--json")
    [backup] = json.loads(out)
    assert status == 0 and backup["annotations"] == 1 and backup["size"] > 0
    assert backup["name"] in run("backups")[1] and "1 annotation" in run("backups")[1]
    with AnnotationStore.open(data_dir, exclusive=True):  # what a running window holds
        status, _, err = run("restore", "latest")
        assert status == 1 and "already running" in err and "not restored" in err
    assert len(json.loads(run("list", "--json")[1])["annotations"]) == 2
    status, out, _ = run("restore", "latest")
    assert status == 0 and f"restored {backup['name']}: 1 annotation;" in out
    assert "replaced-" in out
    assert [a["quote"] for a in json.loads(run("list", "--json")[1])["annotations"]] == [
        "Member States"]
    status, _, err = run("restore", "annotations-1999-01-01.sqlite3")
    assert status == 2 and backup["name"] in err


def test_export_by_tag_groups_under_each_tag(run, data_dir):
    run("add", OP12, "--quote", "passenger name record (PNR) data", "--tag", "PNR",
        "--tag", "travel")
    run("add", "S/RES/2396 (2017)#op11", "--quote", "advance passenger information",
        "--tag", "travel")
    run("add", "S/RES/2395 (2017)#op1", "--note", "mandate")
    path = data_dir / "brief.md"
    status, out, _ = run("export", "--format", "md", "--by-tag", "-o", str(path))
    assert status == 0 and "3 annotations written" in out
    text = path.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## PNR", "## travel", "## Untagged"]
    assert text.count("**S/RES/2396 (2017), para. 12**") == 2  # under both of its tags
    assert "**passenger name record (PNR) data** and to ensure PNR data" in text
    assert text.index("## travel") < text.index("**S/RES/2396 (2017), para. 11**") < text.index(
        "## Untagged") < text.index("**S/RES/2395 (2017), para. 1**")
    run("export", "--format", "md", "-o", str(path))  # without it: by document, headed
    text = path.read_text(encoding="utf-8")
    assert "## S/RES/2396 (2017) — Threats to international peace and security caused by " \
           "terrorist acts: returning and relocating foreign terrorist fighters" in text
    assert text.count("para. 12**") == 1
