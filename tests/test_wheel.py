"""The wheel runs (issue 15, item 6): built from the checkout, installed into a fresh virtual
environment outside it, the `plenary` command starts the window and runs the commands, with
every resource and bundled source inside the installed distribution and no generic top-level
name (corpus, index, reader, annotations, main) in site-packages.

The new environment sees this interpreter's installed dependencies through a .pth file rather
than downloading them; the wheel is installed with --no-deps. Building it needs the build
backend (setuptools) as `make test` needs it to set up .venv. About 5-10 s.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

import plenary

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = ["annotations", "corpus", "index", "reader"]
GENERIC = {"annotations", "corpus", "index", "reader", "resources", "main", "main.py"}
#: What the build never needs; the rest of the checkout is copied, so that building writes
#: its build/ and *.egg-info into the copy, never into the checkout under other tests' feet.
NOT_BUILT = {".git", ".venv", "tests", "docs", "benchmarks", "tools", "build", "dist"}


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"]


def test_every_package_of_the_app_is_in_the_wheel_list():
    """pyproject.toml lists the app's packages under plenary._app (no finder can prefix
    names): a new sub-package must be added there, or the installed app lacks it."""
    found = {".".join(path.parent.relative_to(ROOT).parts)
             for name in APP_PACKAGES for path in (ROOT / name).rglob("__init__.py")}
    listed = {name.removeprefix("plenary._app.") for name in _setuptools()["packages"]}
    assert found - listed == set()


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv, outside the checkout, with the wheel installed; its bin/ folder."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    shutil.copytree(ROOT, source, ignore=_not_built)
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w",
          str(dist)], cwd=base)
    (wheel,) = dist.glob("plenary-*.whl")
    _check_wheel(wheel)

    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=base)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     cwd=base).strip())
    # This interpreter's dependencies, after the venv's own site-packages (a folder named in
    # a .pth is appended to sys.path; .pth files inside it are not run, so an editable
    # install of the checkout there is not picked up).
    here = dict.fromkeys(sysconfig.get_path(kind) for kind in ("purelib", "platlib"))
    (site / "_plenary_test_deps.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", "-q", str(wheel)], cwd=base)

    top = {p.name for p in site.iterdir()}
    assert top & GENERIC == set(), "generic top-level names installed into site-packages"
    assert {"plenary"} <= top
    record = next(site.glob("plenary-*.dist-info")) / "RECORD"
    roots = {line.split("/", 1)[0] for line in record.read_text(encoding="utf-8").splitlines()}
    assert roots - {"plenary", record.parent.name} <= {".."}, roots  # ../../../bin/plenary
    assert (site / "plenary" / "_app" / "resources" / "reader.css").is_file()
    return python.parent


def _not_built(folder: str, names: list[str]) -> set[str]:
    skip = {n for n in names if n == "__pycache__" or n.endswith((".egg-info", "_cache"))}
    return skip | (NOT_BUILT & set(names) if Path(folder) == ROOT else set())


def _check_wheel(wheel: Path) -> None:
    """Every module, bundled source and stylesheet of the checkout is in the wheel, under
    plenary/_app/; the word list and PDFium come as ordinary dependencies."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    files = [p for name in APP_PACKAGES for p in (ROOT / name).rglob("*.py")]
    files += [*(p for p in (ROOT / "corpus" / "sources").rglob("*") if p.is_file()),
              *(ROOT / "resources").iterdir(),
              ROOT / "main.py"]
    expected = {f"plenary/_app/{p.relative_to(ROOT).as_posix()}" for p in files}
    assert expected - names == set()
    assert all(n.startswith("plenary/") or n.split("/")[0].endswith(".dist-info")
               for n in names)
    requires = {re.match(r"[\w.-]+", line.removeprefix("Requires-Dist:").strip())[0].lower()
                for line in metadata.decode().splitlines() if line.startswith("Requires-Dist:")}
    assert {"pyspellchecker", "pypdfium2", "pyside6-essentials", "whoosh-reloaded"} <= requires

def _run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, (f"{command} exited {done.returncode}\n"
                                  f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def test_the_installed_command_runs_outside_the_checkout(installed, tmp_path):
    """--version, the commands (a cold parse with the word list, the index, a comparison, a
    PDF import through PDFium) and the window, which renders the first document with the
    installed stylesheet; nothing of the checkout on the path."""
    from tools.pdf_fixtures import resolution_pdf, sample_resolution

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "PYTHONNOUSERSITE": "1"}
    command = [str(installed / "plenary"), "--data-dir", str(tmp_path / "data")]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def plenary_(*args: str) -> str:
        return _run([*command, *args], cwd=elsewhere, env=env)

    assert plenary_("--version").strip() == f"plenary {plenary.__version__}"
    summary = plenary_("corpus")
    assert "S/RES/2396 (2017)" in summary and "S/2017/1051" in summary
    assert "S/RES/2396 (2017)" in plenary_("search", "extradite", "--limit", "1")
    assert "changed" in plenary_("compare", "S/2017/1051", "S/RES/2396 (2017)", "--changes")
    pdf = tmp_path / "resolution.pdf"
    pdf.write_bytes(resolution_pdf(sample_resolution(2)))
    assert "imported" in plenary_("import", str(pdf))
    assert "ready in" in plenary_("--quit-when-ready")
    # The app ran from the installed files, not from the checkout.
    where = _run([str(installed / "python"), "-c", "import plenary; print(plenary.app_dir())"],
                 cwd=elsewhere, env=env)
    assert Path(where.strip()).is_relative_to(installed.parent)
