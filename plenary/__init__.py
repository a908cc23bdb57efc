"""The installed `plenary` command: a launcher for the app in ``plenary/_app/``.

The app's folders (``corpus/``, ``index/``, ``annotations/``, ``reader/``, ``resources/``) and
``main.py`` import each other by their short names, as they do in the checkout. A wheel installs
them inside this package, as ``plenary/_app/…`` (pyproject.toml's ``[tool.setuptools]``), never
as top-level names in site-packages, where ``index`` or ``reader`` could shadow another
distribution's module or be shadowed by one: the short names exist only inside the app's own
process, which the launcher starts by putting ``plenary/_app`` first on ``sys.path``.

In the checkout (and in an editable install) there is no ``_app``: the app is the repository
root, beside this folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

__version__ = "0.1.0"

__all__ = ["__version__", "app_dir", "main"]


def app_dir() -> Path:
    """The folder holding ``main.py`` and the app's packages."""
    here = Path(__file__).resolve().parent
    installed = here / "_app"
    return installed if (installed / "main.py").is_file() else here.parent


def main(argv: list[str] | None = None) -> int:
    """The ``plenary`` command: ``main.py``'s ``main()``, with the app's folder first on the
    path so that its short names (``corpus``, ``reader``…) are its own."""
    folder = str(app_dir())
    if sys.path[:1] != [folder]:
        sys.path.insert(0, folder)
    from main import main as run

    return run(argv)
