"""The main flows in a real window, under Xvfb with the xcb platform (tools/smoke.py).

The rest of the suite runs offscreen, which draws without a window system: a window that is
never mapped, fonts and events that never pass through X. This test starts a virtual X
server and runs the flows a reader uses (open, follow a link, search, compare, highlight,
export, print to PDF) in the real window. Where Xvfb is not installed it is skipped, and
`make test` (pytest -rs) prints why; `.ci/run` installs Xvfb first, so CI always runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
XVFB = shutil.which("Xvfb")

pytestmark = pytest.mark.skipif(
    XVFB is None, reason="Xvfb is not installed: the real-window smoke run (tests/smoke) "
                         "was skipped; `apt-get install xvfb` (as .ci/run does) runs it")


@pytest.fixture
def display(tmp_path):
    """A virtual X server of its own, on a free display number, stopped afterwards."""
    number = 90 + os.getpid() % 500
    while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    server = subprocess.Popen([XVFB, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f":{number}"
    server.terminate()
    server.wait(10)


def test_the_main_flows_work_in_a_real_window(display, warm_data_dir, tmp_path):
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "smoke.py"), "--data-dir", str(warm_data_dir),
         "--out", str(tmp_path / "out")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["platform"] == "xcb"  # a real window system, not offscreen
    assert seen["open"] == {"tab": "S/RES/2396 (2017)", "at": "op11", "exposed": True}
    assert seen["follow_link"]["card"].startswith("S/RES/2178 (2014)")
    assert seen["follow_link"]["back_to"] == "S/RES/2396 (2017)"
    assert seen["search"]["index_ready"] and seen["search"]["hits"] > 0
    assert seen["compare"]["tab"] == "S/2017/1051 ⇄ S/RES/2396 (2017)"
    assert "7 changed" in seen["compare"]["summary"]
    assert seen["highlight"] == {"quotes": ["Member States"]}
    assert seen["export"] == {"written": True, "mentions": True}
    assert seen["print"]["written"] and seen["print"]["bytes"] > 10_000
    assert seen["screenshot"]["width"] == 1280 and seen["screenshot"]["colours"] > 20
