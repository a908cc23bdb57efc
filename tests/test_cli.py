"""The command line: the same functions the GUI uses, testable without a window."""

from __future__ import annotations

import json

import main


def test_corpus_summary_lists_the_five_documents(data_dir, capsys):
    assert main.main(["--data-dir", str(data_dir), "corpus"]) == 0
    out = capsys.readouterr().out
    for symbol in ("S/RES/2396 (2017)", "S/2017/1051", "S/RES/2395 (2017)", "S/RES/2322 (2016)",
                   "A/RES/72/284"):
        assert symbol in out
    assert "36 preambular, 4 heading, 51 operative" in out
    assert "draft of S/RES/2396 (2017)" in out
    assert (data_dir / "cache" / "documents").is_dir()


def test_corpus_json_has_the_documented_keys(data_dir, capsys):
    assert main.main(["--data-dir", str(data_dir), "corpus", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    docs = {d["symbol"]: d for d in data["documents"]}
    assert len(docs) == 5
    draft = docs["S/2017/1051"]
    keys = {"symbol", "body", "date", "kind", "title", "relations", "sponsors", "blocks"}
    assert keys <= set(draft)
    assert draft["kind"] == "draft" and len(draft["sponsors"]) == 66
    block = next(b for b in docs["S/RES/2396 (2017)"]["blocks"] if b["id"] == "op18")
    assert {"id", "kind", "number", "text", "verb", "refs"} <= set(block)
    assert block["refs"][0]["target"] == "S/RES/2178 (2014)"
    assert {"target", "paragraph", "in_library", "start", "end", "text"} <= set(block["refs"][0])


def test_data_dir_that_cannot_be_created_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main.main(["--data-dir", str(blocker / "sub"), "corpus"]) == 2
    assert "cannot use the data directory" in capsys.readouterr().err
