"""The reader's part of the library: imported documents load like bundled ones; bundled ones
can be hidden, never deleted; a damaged list of imports does not cost the bundled library."""

from __future__ import annotations

import dataclasses

import pytest

from corpus.errors import ManifestError
from corpus.library import load_library
from corpus.manifest import BUNDLED_SOURCES as SOURCES
from corpus.manifest import load_manifest
from corpus.model import DocumentKind
from corpus.userlib import UserLibrary

ADOPTED = "S/RES/2396 (2017)"


@pytest.fixture
def data_dir(warm_data_dir):
    """A data directory after a first run (the bundled library's parse cache filled; a copy of
    the session's): each load then parses only what was imported."""
    return warm_data_dir


def _as_2178(text: str) -> str:
    """The bundled 2396 text made into S/RES/2178 (2014), a resolution the library cites."""
    return text.replace("Resolution 2396 (2017)", "Resolution 2178 (2014)", 1)


def _entry(symbol: str = "S/RES/2178 (2014)"):
    bundled = next(e for e in load_manifest(SOURCES) if e.symbol == ADOPTED)
    return dataclasses.replace(bundled, symbol=symbol, date="2014-09-24",
                               meeting="7272nd meeting")


def test_an_imported_document_loads_and_the_citations_of_it_become_links(data_dir):
    before = load_library(data_dir)
    citing = [c for c in before.cited_by("S/RES/2178 (2014)")]
    assert citing and not any(c.ref.in_library for c in citing)
    text = _as_2178((SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8"))
    stored = UserLibrary(data_dir).add(_entry(), text)
    assert stored.path.parent == data_dir / "library" and stored.path.read_text() == text
    after = load_library(data_dir)
    imported = after.get("S/RES/2178 (2014)")
    assert imported is not None and imported.date == "2014-09-24"
    assert [b.text for b in imported.blocks if b.kind != "title"] == [
        b.text for b in after.get(ADOPTED).blocks if b.kind != "title"]
    assert after.cited_by("S/RES/2178 (2014)")
    assert all(c.ref.in_library for c in after.cited_by("S/RES/2178 (2014)"))


def test_an_import_of_a_bundled_symbol_takes_its_place(data_dir):
    text = (SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    UserLibrary(data_dir).add(dataclasses.replace(_entry(ADOPTED), date="2017-12-21",
                                                  subject="Replaced by the reader"), text)
    library = load_library(data_dir)
    assert [d.symbol for d in library].count(ADOPTED) == 1
    assert library.get(ADOPTED).subject == "Replaced by the reader"


def test_a_bundled_document_is_hidden_and_shown_again(data_dir):
    user = UserLibrary(data_dir)
    user.set_hidden("S/RES/2395 (2017)", True)
    assert load_library(data_dir).get("S/RES/2395 (2017)") is None
    user.set_hidden("S/RES/2395 (2017)", False)
    assert load_library(data_dir).get("S/RES/2395 (2017)") is not None


def test_removing_an_import_deletes_its_source(data_dir):
    user = UserLibrary(data_dir)
    text = (SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    stored = user.add(_entry(), text)
    assert user.remove("S/RES/2178 (2014)") and not stored.path.exists()
    assert not user.remove("S/RES/2178 (2014)")
    assert load_library(data_dir).get("S/RES/2178 (2014)") is None


def test_the_manifest_reads_back_what_was_written_odd_characters_included(data_dir):
    user = UserLibrary(data_dir)
    entry = dataclasses.replace(_entry(), title='Threats "quoted" \\ and ünïcode — 決議',
                                kind=DocumentKind.DRAFT, draft_of=ADOPTED)
    user.add(entry, "text")
    [back] = user.entries()
    assert dataclasses.replace(back, path=entry.path) == entry


def test_a_damaged_list_of_imports_is_reported_and_the_bundled_library_loads(data_dir):
    (data_dir / "library").mkdir()
    (data_dir / "library" / "manifest.toml").write_text("[[document]\nbroken", encoding="utf-8")
    library = load_library(data_dir)
    assert len(library) == 5
    assert any("manifest" in str(error) for error in library.errors)


def test_an_import_whose_file_is_gone_costs_nothing_else(data_dir):
    user = UserLibrary(data_dir)
    text = (SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    gone = user.add(_entry(), text)
    user.add(_entry("S/RES/2129 (2013)"), text)
    user.set_hidden("S/RES/2395 (2017)", True)
    gone.path.unlink()
    library = load_library(data_dir)
    assert library.get("S/RES/2129 (2013)") is not None  # the other import stays
    assert library.get("S/RES/2395 (2017)") is None  # and the hidden one hidden
    assert any("S/RES/2178 (2014)" in str(e) and "missing" in str(e) for e in library.errors)
    user.set_hidden("S/RES/2322 (2016)", True)  # the library can still be changed
    assert user.remove("S/RES/2129 (2013)")


def test_symbols_that_differ_only_in_spacing_keep_their_own_files(data_dir):
    user = UserLibrary(data_dir)
    one = user.add(_entry("S/RES/2178 (2014)"), "first")
    two = user.add(_entry("S/RES/2178(2014)"), "second")
    assert one.path != two.path and one.path.read_text() == "first"
    assert user.remove("S/RES/2178(2014)") and one.path.read_text() == "first"


def test_replacing_an_import_deletes_the_old_text_only_after_the_manifest(data_dir):
    user = UserLibrary(data_dir)
    old = user.add(_entry(), "old text")
    new = user.add(_entry(), "new text")
    assert not old.path.exists() and new.path.read_text() == "new text"
    assert [e.path for e in user.entries()] == [new.path]


def test_control_characters_and_quotes_in_a_title_read_back(data_dir):
    user = UserLibrary(data_dir)
    entry = dataclasses.replace(_entry(), title='A\x7fB "C" \\ D\x01 — é')
    user.add(entry, "text")
    assert user.entries()[0].title == entry.title
    with pytest.raises(ManifestError, match="not text that can be saved"):
        user.add(dataclasses.replace(_entry(), title="\udcff"), "text")
    assert user.entries()[0].title == entry.title  # nothing changed


def test_a_removal_is_decided_before_it_is_done(data_dir):
    """What Remove from Library will do, for the window's question and the command line:
    an import is deleted, an import over a bundled text uncovers it, a bundled one hides."""
    from corpus.errors import CorpusError
    from corpus.importing import RemovalKind, plan_removal, remove

    user = UserLibrary(data_dir)
    text = (SOURCES / "S_RES_2396_2017.md").read_text(encoding="utf-8")
    user.add(_entry(), text)
    user.add(dataclasses.replace(_entry(ADOPTED), date="2017-12-21"), text)
    library = load_library(data_dir)
    plans = {symbol: plan_removal(data_dir, library, symbol)
             for symbol in ("S/RES/2178 (2014)", ADOPTED, "S/RES/2395 (2017)")}
    assert [p.kind for p in plans.values()] == [RemovalKind.DELETE, RemovalKind.UNCOVER,
                                               RemovalKind.HIDE]
    assert plans["S/RES/2395 (2017)"].verb == "Hide"
    assert "bundled with Plenary shows again" in plans[ADOPTED].question()
    with pytest.raises(CorpusError, match="not in the library"):
        plan_removal(data_dir, library, "S/RES/9999 (2030)")

    assert remove(data_dir, library, ADOPTED) == plans[ADOPTED].done()
    assert load_library(data_dir).get(ADOPTED).subject != "Replaced by the reader"
    assert remove(data_dir, library, "S/RES/2395 (2017)").startswith(
        "S/RES/2395 (2017) (bundled with Plenary) is hidden")
    assert user.hidden() == {"S/RES/2395 (2017)"}


def test_adding_documents_one_by_one_is_linear(data_dir, monkeypatch):
    """Each import appends its table: the manifest is neither read nor written whole again,
    so the thousandth costs what the first did (rewriting it each time took 907 imports 41 s)."""
    import time
    import tomllib as real_tomllib

    import corpus.manifest
    import corpus.userlib

    parsed = []

    class Counting:
        TOMLDecodeError = real_tomllib.TOMLDecodeError

        @staticmethod
        def loads(text):
            parsed.append(len(text))
            return real_tomllib.loads(text)

    monkeypatch.setattr(corpus.userlib, "tomllib", Counting)
    monkeypatch.setattr(corpus.manifest, "tomllib", Counting)
    user = UserLibrary(data_dir)
    entry = _entry()
    times = []
    for n in range(600):
        started = time.perf_counter()
        user.add(dataclasses.replace(entry, symbol=f"S/RES/{3000 + n} (2030)"), "text")
        times.append(time.perf_counter() - started)
    manifest = (data_dir / "library" / "manifest.toml").stat().st_size
    assert sum(parsed) < 3 * manifest  # each table read about once, not 300 times
    first, last = sorted(times[:100])[50], sorted(times[-100:])[50]
    assert last < 3 * first + 0.002, (first, last)
    listed = [e.symbol for e in user.entries()]
    assert len(listed) == 600 and listed[-1] == "S/RES/3599 (2030)"


def test_an_append_cut_short_costs_only_itself(data_dir):
    user = UserLibrary(data_dir)
    user.add(_entry("S/RES/3001 (2030)"), "text")
    manifest = data_dir / "library" / "manifest.toml"
    with open(manifest, "a", encoding="utf-8") as f:
        f.write('\n[[document]]\nsymbol = "S/RES/3002 (2030)"\nbody = "Secur')  # a crash
    errors = []
    assert [e.symbol for e in user.entries(errors)] == ["S/RES/3001 (2030)"]
    assert errors and "document 2 cannot be read" in str(errors[0])
    user.add(_entry("S/RES/3003 (2030)"), "text")  # the next change rewrites it away
    errors = []
    assert [e.symbol for e in user.entries(errors)] == ["S/RES/3001 (2030)", "S/RES/3003 (2030)"]
    assert errors == []


def test_a_manifest_changed_by_another_program_is_read_again(data_dir):
    user = UserLibrary(data_dir)
    user.add(_entry("S/RES/3001 (2030)"), "text")
    user.add(_entry("S/RES/3002 (2030)"), "text")
    manifest = data_dir / "library" / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("S/RES/3002 (2030)", "S/RES/3009 (2030)"), encoding="utf-8")
    user.add(_entry("S/RES/3009 (2030)"), "again")  # now a replacement, not an append
    assert [e.symbol for e in user.entries()] == ["S/RES/3001 (2030)", "S/RES/3009 (2030)"]
