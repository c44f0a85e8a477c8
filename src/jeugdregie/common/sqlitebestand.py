"""One SQLite database file, two SQLite libraries in one process (issue 18, found in review).

DuckDB's sqlite extension (the rollup's engine, ``beheersing.services.rekenkern``) carries its own
copy of SQLite. Its file locks and those of Python's ``sqlite3`` are POSIX locks of the same
process: they never conflict with each other, and closing any descriptor of the file drops them
all. While the engine reads the database file, no other thread of the process may use it, or a
write could be read half and its lock lost. Every background thread of a process that runs the
engine and touches the database (the task lease's heartbeat, ``taken.slot``) holds ``BESTAND``
while it does; the engine holds it from attaching the file to detaching it. On PostgreSQL
nothing is shared and the lock costs nothing that matters."""

from __future__ import annotations

import threading

BESTAND = threading.Lock()
