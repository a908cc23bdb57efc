"""tools/build_record.py: the committed catalogue is what the UN's pages give, byte for byte,
and the pages' irregular layouts (reproduced here in a few lines each) are read as a reader
reads them.

The pages may not be copied into the repository: the byte-for-byte test reads them where the
workplace keeps them (../shared/realdata/sc-meetings) and skips, saying so, where they are not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.record import RECORD_FILE, Record
from support import ROOT

SCRIPT = ROOT / "tools" / "build_record.py"
PAGES = ROOT.parent / "shared" / "realdata" / "sc-meetings"


def _build(source: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(source), str(output)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


@pytest.mark.skipif(not PAGES.is_dir(), reason=f"the UN's meeting pages are not here ({PAGES})")
def test_the_committed_catalogue_is_what_the_pages_give(tmp_path):
    built = tmp_path / "sc_record.tsv"
    done = _build(PAGES, built)
    assert done.returncode == 0, done.stderr
    assert "resolutions: 2640 (S/RES/1 to S/RES/2640" in done.stdout
    assert built.read_bytes() == RECORD_FILE.read_bytes(), (
        "the catalogue is out of date: run python tools/build_record.py")


# --- Layouts of the pages, in miniature ----------------------------------------------------

_HEAD = """<table class="tablefont">
<tr><th colspan="5" class="tbltitle">Meetings conducted  by the Security Council in {year}<br/>
(in reverse chronological order)</th></tr>
<tr><th>Meeting<br />Record</th><th>Date</th>{press}<th>Topic</th>
<th>Security Council<br> Outcome / Vote</th></tr>
"""

PAGE_1946 = _HEAD.format(year=1946, press="") + """
<tr><td><a href="x">S/PV.5</a></td><td>30 January </td><td>The Iranian question </td>
<td><a href="x">S/RES/2 (1946)</a> <br> adopted unanimously</td></tr>
<tr><td><a href="x">S/PV.4</a></td><td>29 January </td>
<td>Credentials</br> </br>The Iranian question </td>
<td></br> </br><a href="x">S/RES/1 (1946)</a> <br> 9-0-2</td></tr>
"""

# Rowspans in <th> cells (1947), rows whose meeting and date cells are left empty (1948), a
# "<br />" before the vote, votes given once for two resolutions, a typo in a resolution's year.
PAGE_1947 = _HEAD.format(year=1947, press="") + """
<tr><th rowspan="2"><a href="x"><p><span>S/PV.9</span></p></th></a>
<th rowspan="2"><p><span>19 December</p></span></th>
<td>The Indonesian question</td><td><a href="x">S/RES/5 (1947)</a><br />11-0-0</td></tr>
<tr><td>Voting procedure</td><td>--</td></tr>
<tr><td></td><td></td><td>The Palestine question</td>
<td><a href="x">S/RES/4 (1946)</a><br>8-0-3</td></tr>
<tr><td><a href="x">S/PV.8 (Resumption1)+Corr.1</a></td><td>14-15 October</td>
<td>The Greek question</td>
<td><a href="x">S/RES/3 (1947)</a> and<br><a href="x">S/RES/6 (1947)</a><br>10-0-1</td></tr>
"""

# The written-procedure layout of 2020: no meeting record, the outcome in a letter; a presidential
# statement; a draft vetoed, and the page's mojibake ("People\u00e2\u0080\u0099s").
PAGE_2020 = """\ufeff<table class="tablefont">
<tr><th colspan="7">Meetings conducted by the Security Council in 2021<br/></th></tr>
<tr><th>Meeting<br />Record</th><th>Date</th><th>Recording</th><th>Topic</th>
<th>Letter with Vote Procedure / <br> Briefings</th><th>Letter with Vote Outcome</th>
<th>Security Council<br> Outcome / Vote</th></tr>
<tr><td>--</td><td>29 December </td><td>--</td>
<td>Non-proliferation/Democratic People\u00e2\u0080\u0099s Republic of Korea (S/2016/53)* </td>
<td><a href="x">S/2020/1311</a></td><td><a href="x">S/2020/1305</a></td>
<td><a href="x">S/RES/7 (2020)</a><br> 15-0-0</td></tr>
<tr><td><a href="x">S/PV.8700</a></td><td>15 Sep.</td><td>--</td><td>Peace and security</td>
<td>--</td><td>--</td><td><a href="x">S/PRST/2020/9</a></td></tr>
<tr><td><a href="x">S/PV.8600</a></td><td>7 July</td><td>--</td><td>Middle East</td><td>--</td>
<td>--</td><td>Draft resolution <a href="x">S/2020/654</a> <br>vetoed by China, Russian
Federation<br>13-2-0</td></tr>
"""

VETO_LIST = """<table>
<tr><th colspan="5" class="tbltitle"> Security Council - Veto List<br></th></tr>
<tr><th>Date</th><th>Draft</th><th>Written<br>Record</th><th>Agenda Item</th>
<th>Permanent<br>Member Casting<br>Negative Vote</th></tr>
<tr><td>7 July 2020</td><td><a href="x">S/2020/654</a></td>
<td><a href="x">S/2020/661</a><br><a href="x">S/2020/657</a></td>
<td>The situation in the Middle East</td><td>China</br>Russian Federation</td></tr>
<tr><td>30 January 86</td><td><a href="x">S/17769/Rev.1 </a></td><td><a href="x">S/PV.2650</a>
</td><td>The situation in the occupied Arab territories </td><td>UK</br> USA</td></tr>
"""


def _pages(folder: Path, **pages: str) -> Path:
    folder.mkdir()
    for name, text in pages.items():
        (folder / f"scact{name}_table_en.html").write_text(text, encoding="utf-8")
    return folder


def test_irregular_layouts_are_read_as_a_reader_reads_them(tmp_path):
    source = _pages(tmp_path / "pages", **{"1946": PAGE_1946, "1947": PAGE_1947,
                                            "2020_covid": PAGE_2020, "_veto": VETO_LIST})
    output = tmp_path / "record.tsv"
    done = _build(source, output)
    assert done.returncode == 0, done.stderr
    assert "resolutions: 7 (S/RES/1 to S/RES/7" in done.stdout
    assert "S/RES/4 (1946)" in done.stderr  # the page's wrong year is reported …
    record = Record(output)
    rows = {e.symbol: (e.date, e.meeting, e.topic, e.vote) for e in record}
    assert rows["S/RES/1 (1946)"] == ("1946-01-29", "S/PV.4", "The Iranian question", "9-0-2")
    assert rows["S/RES/2 (1946)"] == ("1946-01-30", "S/PV.5", "The Iranian question",
                                      "adopted unanimously")
    assert rows["S/RES/3 (1947)"] == ("1947-10-14", "S/PV.8 (Resumption 1)",
                                      "The Greek question", "10-0-1")
    assert rows["S/RES/6 (1947)"][3] == "10-0-1"
    # … and the meeting's year used; the row with empty cells is the meeting above's
    assert rows["S/RES/4 (1947)"] == ("1947-12-19", "S/PV.9", "The Palestine question", "8-0-3")
    assert rows["S/RES/5 (1947)"] == ("1947-12-19", "S/PV.9", "The Indonesian question",
                                      "11-0-0")
    assert rows["S/RES/7 (2020)"] == (
        "2020-12-29", "S/2020/1305",
        "Non-proliferation/Democratic People's Republic of Korea (S/2016/53)", "15-0-0")
    assert rows["S/PRST/2020/9"] == ("2020-09-15", "S/PV.8700", "Peace and security", "")
    vetoes = [e for e in record if e.kind == "veto"]
    assert [(e.symbol, e.date, e.meeting, e.vote, e.vetoed_by) for e in vetoes] == [
        ("S/17769/Rev.1", "1986-01-30", "S/PV.2650", "", ("UK", "USA")),
        ("S/2020/654", "2020-07-07", "S/2020/661", "13-2-0", ("China", "Russian Federation"))]
    assert "2021" in done.stderr  # the 2020 page's title names the wrong year


def test_a_resolution_missing_from_the_pages_is_fatal(tmp_path):
    gap = PAGE_1946.replace("S/RES/1 (1946)", "S/RES/3 (1946)")
    source = _pages(tmp_path / "pages", **{"1946": gap, "_veto": VETO_LIST})
    done = _build(source, tmp_path / "record.tsv")
    assert done.returncode == 1
    assert "resolutions missing from the pages: 1" in done.stderr
    assert not (tmp_path / "record.tsv").exists()


def test_a_misnumbered_listing_fills_the_gap_it_stands_in(tmp_path):
    """1990's page lists "S/RES/663" at the meeting that adopted 666 and never 666: the listing
    that falls between 665 and 667 is the missing number."""
    page = _HEAD.format(year=1990, press="") + "".join(
        f'<tr><td>S/PV.{10 + day}</td><td>{day} May</td><td>Topic {day}</td>'
        f'<td>S/RES/{shown} (1990)<br>15-0-0</td></tr>\n'
        for day, shown in ((24, 5), (20, 1), (10, 3), (5, 2), (1, 1)))
    source = _pages(tmp_path / "pages", **{"1990": page, "_veto": VETO_LIST})
    done = _build(source, tmp_path / "record.tsv")
    assert done.returncode == 0, done.stderr
    record = Record(tmp_path / "record.tsv")
    assert [(e.number, e.date) for e in record if e.kind == "resolution"] == [
        (1, "1990-05-01"), (2, "1990-05-05"), (3, "1990-05-10"), (4, "1990-05-20"),
        (5, "1990-05-24")]
    assert "S/RES/1 listed at S/PV.30 of 1990-05-20" in done.stderr
    assert "taken as S/RES/4" in done.stderr


def test_no_pages_is_fatal(tmp_path):
    done = _build(tmp_path / "nowhere", tmp_path / "record.tsv")
    assert done.returncode == 1 and "no such directory" in done.stderr
