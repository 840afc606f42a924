"""A load into an empty store writes its pages once: a rollback journal, not the WAL.

The store runs in WAL mode (readers work while a load runs). A WAL load writes every new
page twice: into the WAL, then into the database file at the checkpoint (at 1M parties,
5 GB twice). A rollback journal keeps the old content of the pages a transaction
changes, and a page past the end of the file at the start of the transaction has no old
content: SQLite journals nothing for it, and a rollback (or the recovery of a hot journal
after a crash or a kill) truncates the file back to its old length. So a load into an
empty store is atomic with a journal of a few pages, and each new page is written once.

Switching out of WAL needs the store to itself: if any other connection has it open, the
switch fails at once and the load runs in WAL mode as before (same result, slower). While
the load runs, other processes wait for it (a rollback journal does not let readers read
beside a writer); an empty store has nothing to read. After the load the store returns to
WAL mode (and every :class:`graph.store.Store` opening it sets WAL mode anyway).

>>> import tempfile, pathlib, sqlite3
>>> conn = sqlite3.connect(pathlib.Path(tempfile.mkdtemp()) / "t.db", isolation_level=None)
>>> _ = conn.execute("PRAGMA journal_mode=WAL")
>>> _ = conn.execute("CREATE TABLE documents (id TEXT)")
>>> with journal_for_load(conn) as once:
...     print(once, conn.execute("PRAGMA journal_mode").fetchone()[0])
True delete
>>> conn.execute("PRAGMA journal_mode").fetchone()[0]
'wal'
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager


def _empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None


def _set_mode(conn: sqlite3.Connection, mode: str) -> bool:
    """Set the journal mode without waiting for other connections; whether it is set."""
    (busy,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout=0")
    try:
        (now,) = conn.execute(f"PRAGMA journal_mode={mode}").fetchone()  # noqa: S608 - fixed
    except sqlite3.OperationalError:  # another connection has the store open
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(busy)}")  # noqa: S608 - an int
    return str(now).lower() == mode


@contextmanager
def journal_for_load(conn: sqlite3.Connection) -> Iterator[bool]:
    """Around a load's transaction (outside it): a rollback journal if the store holds no
    document and no other connection has it open; yields whether it switched. Back to
    WAL mode after (if a reader came meanwhile, the next open of the store does it)."""
    if conn.in_transaction or not _empty(conn) or not _set_mode(conn, "delete"):
        yield False
        return
    try:
        yield True
    finally:
        if not conn.in_transaction:
            _set_mode(conn, "wal")


def open_in_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Set WAL mode on a connection that opens the store, waiting up to ``timeout`` seconds
    while another process loads into an empty store under a rollback journal.

    SQLite answers ``PRAGMA journal_mode=WAL`` with "database is locked" at once, without
    its busy handler, while another connection holds a write transaction in rollback mode:
    an open during a first load waits for that load like any other lock, instead of failing.
    """
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)
