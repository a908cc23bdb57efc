"""Saving what can be read from a damaged annotations file, instead of starting empty.

A failed check used to move the whole file aside and start an empty one, even when only an
index or a full-text page was damaged and every annotation still read. Now, in this order:

1. the file (with its -wal) is copied aside, untouched, as ``annotations.sqlite3.damaged-*``;
2. a working copy is repaired in place: indexes rebuilt (REINDEX), the full-text table made
   again from the annotations; if SQLite then finds it sound, it replaces the damaged file;
3. otherwise every readable row is copied, table by table and row by row, into a fresh file
   (the model is SQLite's ``.recover``): rowids are found by walking the table (stepping over
   a damaged stretch) and by reading the table's indexes, each row is read on its own, and a
   row that cannot be read is counted, not fatal. The full-text table is rebuilt from the rows.

The fresh file replaces the damaged one by one rename; the report says what was saved and what
was not (with the ids of lost annotations where an index still names them).

Qt-free; called by ``annotations.opening`` when a check fails.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from dataclasses import dataclass, field
from pathlib import Path

from annotations.files import (
    aside_name,
    copy_set,
    database_files,
    remove_sidecars,
)
from annotations.schema import MIGRATIONS, SCHEMA_VERSION, migrate, rebuild_search
from corpus.faults import crash_point
from corpus.files import fsync_dir, fsync_file

#: The tables copied, parents first (a tag needs its annotation); the search table is rebuilt.
TABLES = ("annotations", "tags")
#: Seeks spent stepping over damaged stretches of one table (about 130 per stretch at worst).
MAX_PROBES = 1000


@dataclass
class Salvage:
    """What a salvage did: where the damaged file was kept, how many rows of each table were
    saved and lost, and the ids of annotations known to be lost."""

    aside: Path
    repaired: bool = False  # step 2 was enough: nothing was lost
    saved: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    lost_ids: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # tables that could not be read at all

    @property
    def annotations(self) -> int:
        return self.saved.get("annotations", 0)


def _remove(path: Path) -> None:
    for file in database_files(path):
        file.unlink(missing_ok=True)


def salvage(path: Path) -> Salvage:
    """Repair or rebuild the damaged database at ``path`` (see the module's steps); OSError or
    sqlite3.Error if even that cannot be done (then ``path`` is as it was)."""
    aside = aside_name(path, "damaged")
    copy_set(path, aside)
    kept = {file for file in database_files(aside) if file.exists()}
    crash_point("salvage:aside")
    result = Salvage(aside)
    work = path.with_name(path.name + ".salvage")
    _remove(work)
    try:
        if _repair(aside, work, result):
            result.repaired = True
        else:
            _remove(work)
            _rebuild(aside, work, result)
        _finish(work)
        crash_point("salvage:built")
        remove_sidecars(path)
        os.replace(work, path)
        fsync_dir(path.parent)
    finally:
        _remove(work)
        for sidecar in database_files(aside)[1:]:  # what SQLite made when reading the copy
            if sidecar not in kept:
                sidecar.unlink(missing_ok=True)
    return result


def _finish(work: Path) -> None:
    """One self-contained, durable file: the WAL folded in, a rollback journal."""
    conn = sqlite3.connect(work, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    fsync_file(work)


# --- step 2: repair in place ---------------------------------------------------------------


def _repair(original: Path, work: Path, result: Salvage) -> bool:
    """Rebuild indexes and the search table on a copy; True if SQLite then finds it sound."""
    copy_set(original, work)
    try:
        conn = sqlite3.connect(work, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("REINDEX")
        _rebuild_search(conn)
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            return False
        for table in TABLES:
            result.saved[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _rebuild_search(conn: sqlite3.Connection) -> None:
    """The search table made again from the annotations (it holds nothing else)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DROP TABLE IF EXISTS annotation_search")
        for statement in MIGRATIONS[1]:
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


# --- step 3: copy every readable row -------------------------------------------------------


def _rebuild(original: Path, work: Path, result: Salvage) -> None:
    """A fresh file at ``work`` holding every row of ``original`` that can be read."""
    fresh = sqlite3.connect(work, isolation_level=None)
    try:
        fresh.execute("PRAGMA foreign_keys = ON")
        migrate(fresh, SCHEMA_VERSION)
        source = _open_source(original)
        try:
            fresh.execute("BEGIN IMMEDIATE")
            for table in TABLES:
                _copy_table(source, fresh, table, result, original)
            if source is not None:
                _lost_ids(source, fresh, result)
            rebuild_search(fresh)
            fresh.execute("COMMIT")
        finally:
            if source is not None:
                source.close()
    finally:
        fresh.close()


def _open_source(original: Path) -> sqlite3.Connection | None:
    try:
        conn = sqlite3.connect(f"{original.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("SELECT name FROM sqlite_master").fetchall()
    except sqlite3.Error:
        conn.close()
        return None
    return conn


def _copy_table(source: sqlite3.Connection | None, fresh: sqlite3.Connection, table: str,
                result: Salvage, original: Path) -> None:
    """Every row of ``table`` that SQL can still read, row by row; where SQL met damage, the
    rows the pages themselves still hold (``_raw_rows``) too."""
    columns = [row[1] for row in fresh.execute(f"PRAGMA table_info({table})")]
    quoted = ", ".join(f'"{name}"' for name in columns)
    values = ", ".join("?" * len(columns))
    insert = f"INSERT INTO {table} ({quoted}) VALUES ({values})"
    damage: list[bool] = []
    rowids = _rowids(source, table, damage) if source is not None else None
    if source is None or rowids is None:
        result.unreadable.append(table)
        rowids, damage = set(), [True]
    select = f"SELECT {quoted} FROM {table} WHERE rowid = ?"
    for rowid in sorted(rowids):
        try:
            row = source.execute(select, (rowid,)).fetchone()  # type: ignore[union-attr]
        except sqlite3.Error:
            row = None
            damage.append(True)
        if row is None:
            continue
        with contextlib.suppress(sqlite3.Error):  # a constraint: e.g. a tag of a lost row
            fresh.execute(insert, row)
    if damage:
        for row in _raw_rows(original, table, len(columns)):
            with contextlib.suppress(sqlite3.Error):  # already saved, or not a valid row
                fresh.execute(f"INSERT OR IGNORE INTO {table} ({quoted}) VALUES ({values})",
                              row)
    saved = fresh.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    result.saved[table], result.lost[table] = saved, max(0, len(rowids) - saved)


def _rowids(source: sqlite3.Connection, table: str, damage: list[bool]) -> set[int] | None:
    """Every rowid of ``table`` that the table itself or any of its indexes still names; None
    if the table cannot be found at all. Damage met on the way is noted in ``damage``."""
    try:
        indexes = [row[0] for row in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,))]
        source.execute(f"SELECT 1 FROM {table} LIMIT 0")
    except sqlite3.Error:
        return None
    found = set(_walk(source, table, damage))
    for index in indexes:
        try:
            for (rowid,) in source.execute(f'SELECT rowid FROM {table} INDEXED BY "{index}"'):
                found.add(rowid)
        except sqlite3.Error:
            damage.append(True)
    return found


def _walk(source: sqlite3.Connection, table: str, damage: list[bool]):
    """The table's rowids in order, stepping over a stretch whose pages cannot be read: after
    a failure at ``last``, seeks further and further ahead until one lands, then back to the
    first place past the damage that can be read."""
    last = None  # the last rowid read (None: before the first)
    probes = 0
    while probes < MAX_PROBES:
        try:
            for (rowid,) in source.execute(
                    f"SELECT rowid FROM {table} WHERE rowid > ? ORDER BY rowid",
                    (last if last is not None else -(2 ** 63),)):
                last = rowid
                yield rowid
            return
        except sqlite3.Error:
            damage.append(True)
        # Step over the damage: find some readable seek past it, then the nearest one.
        low = last if last is not None else -(2 ** 63)
        step, high = 1, None
        while probes < MAX_PROBES and low + step < 2 ** 63:
            probes += 1
            if _seek(source, table, low + step) is not False:
                high = low + step
                break
            step *= 2
        if high is None:
            return
        bad = low + step // 2 if step > 1 else low
        while high - bad > 1 and probes < MAX_PROBES:
            probes += 1
            middle = (bad + high) // 2
            if _seek(source, table, middle) is False:
                bad = middle
            else:
                high = middle
        found = _seek(source, table, high)
        if found is None or found is False:
            return
        last = found - 1


def _seek(source: sqlite3.Connection, table: str, after: int) -> int | None | bool:
    """The first rowid above ``after`` (None: there is none), or False if that seek reaches a
    page that cannot be read."""
    try:
        row = source.execute(f"SELECT rowid FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 1",
                             (after,)).fetchone()
    except sqlite3.Error:
        return False
    return row[0] if row else None


def _lost_ids(source: sqlite3.Connection, fresh: sqlite3.Connection, result: Salvage) -> None:
    """Ids an index of the damaged file still names but whose rows could not be saved."""
    names: set[str] = set()
    indexes = [row[0] for row in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'annotations'")]
    for index in indexes:
        with contextlib.suppress(sqlite3.Error):
            for (found,) in source.execute(f'SELECT id FROM annotations INDEXED BY "{index}"'):
                if isinstance(found, str):
                    names.add(found)
    saved = {row[0] for row in fresh.execute("SELECT id FROM annotations")}
    result.lost_ids = sorted(names - saved)
    result.lost["annotations"] = max(result.lost.get("annotations", 0), len(result.lost_ids))


# --- below SQL: reading the pages themselves -----------------------------------------------
#
# When a table's interior page is damaged, SQL cannot reach the leaves under it, though they
# are intact. SQLite's .recover reads every page of the file instead; so does this, for the
# two tables that matter: each table-leaf page (not on the free list) is decoded cell by cell,
# with overflow chains followed, and a record of the table's shape (the columns' count and
# types) is taken as one of its rows. Anything that does not decode exactly is skipped.

_DOUBLE = struct.Struct(">d")


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def _value(serial: int, data: bytes, at: int) -> tuple[object, int]:
    sizes = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 8, 8: 0, 9: 0}
    if serial in sizes:
        size = sizes[serial]
        raw = data[at:at + size]
        if len(raw) != size:
            raise ValueError("record cut short")
        if serial == 7:
            return _DOUBLE.unpack(raw)[0], at + size
        if serial in (8, 9):
            return serial - 8, at
        return (int.from_bytes(raw, "big", signed=True) if size else None), at + size
    if serial < 12:
        raise ValueError("reserved serial type")
    size = (serial - 12) // 2
    raw = data[at:at + size]
    if len(raw) != size:
        raise ValueError("record cut short")
    return (raw.decode("utf-8") if serial % 2 else bytes(raw)), at + size


def _record(payload: bytes) -> list:
    header, at = _varint(payload, 0)
    serials, body = [], header
    while at < header:
        serial, at = _varint(payload, at)
        serials.append(serial)
    values = []
    for serial in serials:
        value, body = _value(serial, payload, body)
        values.append(value)
    return values


class _Pages:
    """The file's pages, its free list known (those pages hold deleted rows)."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 100 or not data.startswith(b"SQLite format 3\x00"):
            raise ValueError("not an SQLite file")
        size = int.from_bytes(data[16:18], "big")
        self.size = 65536 if size == 1 else size
        self.usable = self.size - data[20]
        self.data = data
        self.count = min(len(data) // self.size, int.from_bytes(data[28:32], "big")
                         or len(data) // self.size)
        self.free = self._free_list(int.from_bytes(data[32:36], "big"))

    def page(self, number: int) -> bytes:
        if not 1 <= number <= self.count:
            raise ValueError("no such page")
        return self.data[(number - 1) * self.size:number * self.size]

    def _free_list(self, trunk: int) -> set[int]:
        free: set[int] = set()
        while trunk and trunk not in free and len(free) <= self.count:
            free.add(trunk)
            try:
                page = self.page(trunk)
            except ValueError:
                break
            leaves = int.from_bytes(page[4:8], "big")
            for i in range(min(leaves, (self.usable - 8) // 4)):
                free.add(int.from_bytes(page[8 + 4 * i:12 + 4 * i], "big"))
            trunk = int.from_bytes(page[0:4], "big")
        return free

    def payload(self, page: bytes, at: int) -> tuple[int, bytes]:
        """The rowid and the whole payload of the table-leaf cell at ``at``."""
        length, at = _varint(page, at)
        rowid, at = _varint(page, at)
        if rowid >= 1 << 63:
            rowid -= 1 << 64
        usable = self.usable
        most = usable - 35
        if length <= most:
            local = length
        else:
            least = (usable - 12) * 32 // 255 - 23
            local = least + (length - least) % (usable - 4)
            local = local if local <= most else least
        data = page[at:at + local]
        if len(data) != local:
            raise ValueError("cell cut short")
        if local < length:
            overflow = int.from_bytes(page[at + local:at + local + 4], "big")
            parts, seen = [data], set()
            remaining = length - local
            while remaining > 0:
                if overflow in seen or overflow in self.free:
                    raise ValueError("overflow chain broken")
                seen.add(overflow)
                chunk = self.page(overflow)
                parts.append(chunk[4:4 + min(remaining, usable - 4)])
                remaining -= usable - 4
                overflow = int.from_bytes(chunk[0:4], "big")
            data = b"".join(parts)
            if len(data) != length:
                raise ValueError("overflow chain cut short")
        return rowid, data

    def rows(self, width: int):
        """(rowid, values) of every record of ``width`` columns on a table-leaf page."""
        for number in range(1, self.count + 1):
            if number in self.free:
                continue
            page = self.page(number)
            start = 100 if number == 1 else 0
            if page[start] != 0x0D:
                continue
            cells = int.from_bytes(page[start + 3:start + 5], "big")
            for i in range(min(cells, self.size // 2)):
                pointer = start + 8 + 2 * i
                at = int.from_bytes(page[pointer:pointer + 2], "big")
                try:
                    if not start + 8 <= at < self.size:
                        raise ValueError("cell outside its page")
                    rowid, payload = self.payload(page, at)
                    values = _record(payload)
                except (ValueError, IndexError, UnicodeDecodeError):
                    continue
                if len(values) == width:
                    yield rowid, values


def _shaped(table: str, values: list) -> bool:
    """Whether a decoded record has the shape of a row of ``table``."""
    if table == "tags":
        return all(isinstance(v, str) for v in values)
    texts = (0, 1, 2, 5, 6, 7, 8, 9, 10, 11)
    return (all(isinstance(values[i], str) for i in texts)
            and all(v is None or type(v) is int for v in values[3:5])
            and values[12] in (0, 1))


def _raw_rows(original: Path, table: str, width: int) -> list[list]:
    """Rows of ``table`` read off the pages of ``original`` (its WAL folded into a copy first,
    so the pages are the current ones); [] if the file cannot be read this way."""
    merged = original.with_name(original.name + ".pages")
    _remove(merged)
    try:
        copy_set(original, merged)
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(merged, isolation_level=None)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        pages = _Pages(merged.read_bytes())
        return [values for _rowid, values in pages.rows(width) if _shaped(table, values)]
    except (OSError, ValueError):
        return []
    finally:
        _remove(merged)
