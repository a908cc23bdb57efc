"""`main.py record`: the Security Council's record from the command line, each entry marked
where the library holds its text."""

from __future__ import annotations

import json

import main


def test_record_242_as_json(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "record", "242", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"symbol": "S/RES/242 (1967)", "kind": "resolution", "date": "1967-11-22",
                     "meeting": "S/PV.1382", "topic": "The situation in the Middle East",
                     "vote": "15-0-0", "vetoed_by": [], "in_library": False}]


def test_record_marks_what_the_library_holds(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "record", "terrorist acts 2017",
                      "--json"]) == 0
    rows = {row["symbol"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["S/RES/2396 (2017)"]["in_library"] and rows["S/RES/2395 (2017)"]["in_library"]
    assert not rows["S/RES/2341 (2017)"]["in_library"]

    assert main.main(["--data-dir", str(warm_data_dir), "record", "terrorist acts 2017"]) == 0
    out = capsys.readouterr().out
    assert "* S/RES/2396 (2017)  2017-12-21  S/PV.8148" in out
    assert out.rstrip().endswith("(* 2 in your library)")


def test_record_of_a_veto_names_the_members(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "record", "S/2022/431"]) == 0
    out = capsys.readouterr().out
    assert "13-0-2 vetoed by China, Russian Federation" in out and "1 entry" in out


def test_record_with_nothing_found(warm_data_dir, capsys):
    assert main.main(["--data-dir", str(warm_data_dir), "record", "no such topic at all"]) == 0
    assert capsys.readouterr().out.strip() == "0 entries"
