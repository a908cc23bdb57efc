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


def test_corpus_json_has_the_documented_keys(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "corpus", "--json"]) == 0
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


def test_corpus_json_marks_binding_paragraphs(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "corpus", "--json"]) == 0
    docs = {d["symbol"]: d for d in json.loads(capsys.readouterr().out)["documents"]}

    assert all(isinstance(b["binding"], bool) for d in docs.values() for b in d["blocks"])
    marked = {b["id"] for b in docs["S/RES/2396 (2017)"]["blocks"] if b["binding"]}
    assert marked == {"op11", "op12", "op13", "op15"}  # not op51, "Decides to remain seized"
    for symbol in ("S/2017/1051", "A/RES/72/284"):  # a draft; the General Assembly
        assert not any(b["binding"] for b in docs[symbol]["blocks"]), symbol


def test_data_dir_that_cannot_be_created_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main.main(["--data-dir", str(blocker / "sub"), "corpus"]) == 2
    assert "cannot use the data directory" in capsys.readouterr().err


def test_index_search_and_similar_from_the_command_line(data_dir, capsys):
    assert main.main(["--data-dir", str(data_dir), "index"]) == 0
    out = capsys.readouterr()
    assert "432 paragraphs indexed" in out.out and "5/5" in out.err

    assert main.main(["--data-dir", str(data_dir), "search", "PNR", "--limit", "3", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 3
    assert {"symbol", "block", "number", "kind", "score", "snippet"} <= set(hits[0])
    assert "<b>PNR</b>" in hits[0]["snippet"]

    assert main.main(["--data-dir", str(data_dir), "search", "extradtion"]) == 0
    assert "Did you mean: extradition" in capsys.readouterr().out

    assert main.main(["--data-dir", str(data_dir), "similar", "S/RES/2396 (2017)#op12",
                      "--json"]) == 0
    similar = json.loads(capsys.readouterr().out)
    assert similar[0]["symbol"] == "S/2017/1051" and similar[0]["block"] == "op12"
    assert similar[0]["score"] == 1.0

    assert main.main(["--data-dir", str(data_dir), "similar", "--text",
                      "Reaffirming its commitment to sovereignty, territorial integrity"]) == 0
    assert "S/RES/2322 (2016)#pp2" in capsys.readouterr().out


def test_similar_with_an_unknown_paragraph_is_a_clear_error(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "similar", "S/RES/2396 (2017)#op99"]) == 2
    assert "no paragraph" in capsys.readouterr().err


def test_index_rebuild(warm_data_dir, capsys):
    """An index already built (the warm data directory's) is built again from scratch."""
    before = (warm_data_dir / "index" / "plenary-index.json").read_text(encoding="utf-8")
    assert main.main(["--data-dir", str(warm_data_dir), "index", "--rebuild"]) == 0
    out = capsys.readouterr()
    assert "432 paragraphs indexed" in out.out and "5/5" in out.err
    assert (warm_data_dir / "index" / "plenary-index.json").read_text(encoding="utf-8") != before


def test_search_sort_choices_are_the_ones_the_index_knows():
    from index.search import SORTS

    search = main.build_parser()._subparsers._group_actions[0].choices["search"]
    sort = next(a for a in search._actions if a.dest == "sort")
    assert tuple(sort.choices) == SORTS


def test_compare_prints_the_alignment_as_json(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "compare", "S/2017/1051",
                      "S/RES/2396 (2017)", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    op44 = next(r for r in data["rows"] if r["right"] == "op44")
    assert op44["left"] == "op44" and op44["status"] == "changed" and "minor" not in op44
    assert data["summary"]["changed"] == 7 and data["summary"]["minor"] == 6
    assert data["summary"]["added"] == data["summary"]["removed"] == 0


def test_compare_lists_the_changes_for_the_terminal(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "compare", "S/2017/1051",
                      "S/RES/2396 (2017)", "--changes"]) == 0
    out = capsys.readouterr().out
    assert '~ OP 44' in out and '-"principle" +"principal"' in out
    assert "OP 12" not in out  # identical rows left out
    assert "85 identical, 7 changed (6 minor)" in out


def test_compare_with_an_unknown_document_is_a_clear_error(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "compare", "S/2017/1051",
                      "S/RES/9999"]) == 1
    assert "'S/RES/9999' is not in the library" in capsys.readouterr().err


def test_compare_redline_writes_word_tracked_changes(warm_data_dir, tmp_path, capsys):
    import docx

    target = tmp_path / "redline.docx"
    assert main.main(["--data-dir", str(warm_data_dir), "compare", "S/2017/1051",
                      "S/RES/2396 (2017)", "--redline", "-o", str(target)]) == 0
    assert f"Redline written to {target}" in capsys.readouterr().out
    body = docx.Document(str(target)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    inserted = ["".join(t.text for t in e.iter(w + "t")) for e in body.iter(w + "ins")]
    deleted = ["".join(t.text for t in e.iter(w + "delText")) for e in body.iter(w + "del")]
    assert "principal" in inserted and "principle" in deleted
    assert {e.get(w + "author") for e in body.iter(w + "ins")} == {"Plenary"}


def test_compare_redline_as_a_page_and_in_the_terminal(warm_data_dir, tmp_path, capsys):
    page = tmp_path / "redline.html"
    assert main.main(["--data-dir", str(warm_data_dir), "compare", "S/2017/1051",
                      "S/RES/2396 (2017)", "--redline", "-o", str(page)]) == 0
    assert "<del>principle</del><ins>principal</ins>" in page.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main.main(["--data-dir", str(warm_data_dir), "compare", "S/2017/1051",
                      "S/RES/2396 (2017)", "--redline", "--changes"]) == 0
    out = capsys.readouterr().out
    assert "[-principle-]{+principal+}" in out and "[OP 44: changed]" in out


def test_compare_output_without_redline_writes_the_table(warm_data_dir, tmp_path, capsys):
    table = tmp_path / "table.html"
    assert main.main(["--data-dir", str(warm_data_dir), "compare", "S/2017/1051",
                      "S/RES/2396 (2017)", "-o", str(table)]) == 0
    assert "<table>" in table.read_text(encoding="utf-8")
    assert f"Comparison written to {table}" in capsys.readouterr().out
