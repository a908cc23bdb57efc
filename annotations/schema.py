"""The SQL of the annotations database: its tables, the migrations between versions, and
annotations in and out of rows (with their tags and search rows).

Apart from the store so that what a row holds, and how a file of an older version is brought
forward, can be read in one place; the store decides when these run, and in which transaction.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator, Sequence

from annotations.model import Annotation

SCHEMA_VERSION = 2
#: Ids per ``IN (…)`` list: well under SQLite's oldest limit of 999 parameters.
CHUNK = 500

_COLUMNS = ("id", "symbol", "block", "start", "end", "quote", "prefix", "suffix", "color",
            "note", "created", "updated", "detached")
_QUOTED = [f'"{name}"' for name in _COLUMNS]  # "end" is an SQL keyword
#: Tags joined with the unit separator, which no tag can contain (Python counts it as white
#: space, and normalise_tags splits on that): one query for annotations and tags together.
_TAG_SEPARATOR = "\x1f"
_SELECT = ("SELECT " + ", ".join(f"a.{name}" for name in _QUOTED)
           + ", (SELECT group_concat(t.tag, char(31)) FROM tags t WHERE t.annotation = a.id)")
_UPSERT = (f"INSERT INTO annotations ({', '.join(_QUOTED)}) "
           f"VALUES ({', '.join('?' * len(_QUOTED))}) ON CONFLICT (id) DO UPDATE SET "
           + ", ".join(f"{name} = excluded.{name}" for name in _QUOTED[1:]))
#: The search row of each annotation: its quote, note and tags (what a user remembers).
_SEARCH_ROWS = ("SELECT a.id, a.quote, a.note, coalesce((SELECT group_concat(t.tag, ' ') "
                "FROM tags t WHERE t.annotation = a.id), '') FROM annotations a")

#: ``MIGRATIONS[n - 1]`` brings the schema from version n - 1 to n. :func:`migrate` runs each
#: step in one transaction with its ``user_version``, so a crash leaves one version or the next.
MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: annotations and their tags
        """CREATE TABLE annotations (
            id TEXT PRIMARY KEY NOT NULL,
            symbol TEXT NOT NULL,
            block TEXT NOT NULL,
            start INTEGER,
            "end" INTEGER,
            quote TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            color TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            detached INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1)),
            CHECK ((start IS NULL) = ("end" IS NULL)),
            CHECK (start IS NULL OR start <= "end"))""",
        "CREATE INDEX annotations_symbol ON annotations (symbol)",
        """CREATE TABLE tags (
            annotation TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (annotation, tag))""",
        "CREATE INDEX tags_tag ON tags (tag)",
    ),
    (  # 2: full-text search over quote, note and tags
        """CREATE VIRTUAL TABLE annotation_search USING fts5(
            id UNINDEXED, quote, note, tags,
            tokenize = 'porter unicode61 remove_diacritics 2')""",
        f"INSERT INTO annotation_search (id, quote, note, tags) {_SEARCH_ROWS}",
    ),
]


# --- versions ------------------------------------------------------------------------------


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error. IMMEDIATE takes the write lock first,
    so a busy database fails before anything is done instead of half-way through."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Bring the schema forward to version ``upto``, one transaction per version, and return
    the version it had. Never goes backwards: a newer file is left alone."""
    found = user_version(conn)
    for version in range(found + 1, upto + 1):
        with transaction(conn):
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
    return found


# --- rows ----------------------------------------------------------------------------------


def _to_row(annotation: Annotation) -> tuple:
    return (annotation.id, annotation.symbol, annotation.block, annotation.start, annotation.end,
            annotation.quote, annotation.prefix, annotation.suffix, annotation.color,
            annotation.note, annotation.created, annotation.updated, int(annotation.detached))


def _from_row(row: Sequence) -> Annotation | None:
    """Through the constructor, so tags come back normalised and sorted as the model keeps them;
    None for a row whose values are not of their columns' types (see ``unreadable_rows``)."""
    if not _sound(row):
        return None
    (id_, symbol, block, start, end, quote, prefix, suffix, color, note, created, updated,
     detached, tags) = row
    return Annotation(symbol, block, start, end, quote, prefix, suffix, color, note,
                      tuple(tags.split(_TAG_SEPARATOR)) if tags else (), id_, created, updated,
                      bool(detached))


#: What each column must hold: text, a whole number or nothing (offsets), 0 or 1.
_OFFSETS = ("start", "end")


def _sound(row: Sequence) -> bool:
    for name, value in zip(_COLUMNS, row, strict=False):
        if name in _OFFSETS:
            if value is not None and (type(value) is not int):
                return False
        elif name == "detached":
            if value not in (0, 1) or type(value) is not int:
                return False
        elif type(value) is not str:
            return False
    return row[-1] is None or type(row[-1]) is str


_TYPE_OK = {name: (("integer", "null") if name in _OFFSETS else
                   ("integer",) if name == "detached" else ("text",)) for name in _COLUMNS}
_UNREADABLE = ("SELECT rowid, " + ", ".join(f"{q}, typeof({q})" for q in _QUOTED)
               + " FROM annotations WHERE "
               + " OR ".join(f"typeof({q}) NOT IN ({', '.join(repr(t) for t in _TYPE_OK[n])})"
                             for n, q in zip(_COLUMNS, _QUOTED, strict=True)))
_KIND = {"integer": "a number", "real": "a fractional number", "text": "text",
         "blob": "binary data", "null": "empty"}


def unreadable_rows(conn: sqlite3.Connection, limit: int = 1000) -> list[tuple[str, str]]:
    """Rows of the annotations table that cannot be an annotation (a value of the wrong type,
    e.g. an offset that is text): (the row's id, or "row N", what is wrong). Reads skip them;
    they stay in the file as they are."""
    found = []
    for row in conn.execute(f"{_UNREADABLE} LIMIT ?", (limit,)):
        rowid, values = row[0], row[1:]
        name = values[0] if isinstance(values[0], str) else f"row {rowid}"
        faults = []
        for i, column in enumerate(_COLUMNS):
            value, kind = values[2 * i], values[2 * i + 1]
            if kind not in _TYPE_OK[column]:
                wanted = ("a whole number" if column in _OFFSETS else
                          "0 or 1" if column == "detached" else "text")
                shown = repr(value)[:40] if kind != "blob" else f"{len(value)} bytes"
                faults.append(f"{column} is {_KIND.get(kind, kind)} ({shown}), not {wanted}")
        found.append((name, "; ".join(faults)))
    return found


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """``items`` in lists of at most CHUNK, each short enough for one ``IN (…)``."""
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def placeholders(items: Sequence[str]) -> str:
    """"?, ?, ?": one parameter per item, for an ``IN (…)`` list."""
    return ", ".join("?" * len(items))


def count_annotations(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM annotations").fetchone()[0]


def load(conn: sqlite3.Connection, tail: str, params: Sequence = ()) -> list[Annotation]:
    """Annotations of ``SELECT … FROM annotations a <tail>``, with their tags."""
    rows = (_from_row(row) for row in conn.execute(f"{_SELECT} {tail}", params))
    return [annotation for annotation in rows if annotation is not None]


def find(conn: sqlite3.Connection, annotation_id: str) -> Annotation | None:
    found = load(conn, "FROM annotations a WHERE a.id = ?", (annotation_id,))
    return found[0] if found else None


def save(conn: sqlite3.Connection, annotations: Sequence[Annotation]) -> None:
    """Insert or replace rows and tags, and their search rows, inside the caller's transaction."""
    for annotation in annotations:
        conn.execute(_UPSERT, _to_row(annotation))
        conn.execute("DELETE FROM tags WHERE annotation = ?", (annotation.id,))
        conn.executemany("INSERT INTO tags (annotation, tag) VALUES (?, ?)",
                         [(annotation.id, tag) for tag in annotation.tags])
    reindex(conn, [annotation.id for annotation in annotations])


def reindex(conn: sqlite3.Connection, ids: Sequence[str]) -> None:
    """Make the search rows of ``ids`` match their annotations (none for a deleted one). By
    lists of ids, because finding a row by the unindexed id scans the search table."""
    for chunk in chunks(list(dict.fromkeys(ids))):
        conn.execute(f"DELETE FROM annotation_search WHERE id IN ({placeholders(chunk)})",
                     chunk)
        conn.execute(f"INSERT INTO annotation_search (id, quote, note, tags) {_SEARCH_ROWS} "
                     f"WHERE a.id IN ({placeholders(chunk)})", chunk)


def rebuild_search(conn: sqlite3.Connection) -> None:
    """Every search row made again from the annotations, inside the caller's transaction."""
    conn.execute("DELETE FROM annotation_search")
    conn.execute(f"INSERT INTO annotation_search (id, quote, note, tags) {_SEARCH_ROWS}")


def search_query(text: str) -> str:
    """The user's words as an FTS5 query: each word a quoted prefix term, all required. Quoting
    every word means no input (quotes, brackets, AND, NEAR) can be read as query syntax."""
    return " AND ".join(f'"{word}"*' for word in re.findall(r"\w+", text))
