"""Sinks: where records go besides JSONL files.

    >>> from pipeline.sinks import open_sink
    >>> with open_sink("sqlite:///idnews.db") as sink:     # or postgresql://user:pw@host/db
    ...     for record in extractor.process(items):
    ...         sink.write(record)

:func:`open_sink` returns a :class:`RecordSink`: ``write(record)``, ``flush()``,
``close()``, usable as a context manager.  The SQL sink (SQLite, PostgreSQL) is
in :mod:`pipeline.sinks.sql`; it needs SQLAlchemy (and psycopg 3 for
PostgreSQL: ``pip install 'idnews[postgres]'``), imported only when a sink is
opened.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional, Protocol, Union, runtime_checkable

from ..schema import Record

LOGGER = logging.getLogger(__name__)

#: Database used when no URL is given (a SQLite file in the working folder).
DEFAULT_DB_URL = "sqlite:///idnews.db"
#: Environment variable read by ``idnews load`` (and ``extract --db``) for the URL.
DB_URL_ENVVAR = "IDNEWS_DB_URL"


class SinkError(RuntimeError):
    """The database cannot be used as a sink (bad URL, missing driver, unreachable, incompatible tables)."""


@runtime_checkable
class RecordSink(Protocol):
    """Something records can be written to."""

    written: int
    failed: list[tuple[str, str]]

    def write(self, record: Record) -> None:
        """Store (or buffer) one record."""

    def flush(self) -> None:
        """Store everything buffered."""

    def close(self) -> None:
        """Flush and release resources."""

    def __enter__(self) -> "RecordSink": ...

    def __exit__(self, *exc: Any) -> None: ...


def open_sink(
    url: Union[str, Path, None] = None,
    batch_size: Optional[int] = None,
    table_prefix: str = "",
) -> RecordSink:
    """A sink for a database URL, tables created if missing.

    url: ``sqlite:///path.db``, ``postgresql://user:password@host:5432/db``
    (driven by psycopg 3), any SQLAlchemy URL, or a bare file path (SQLite);
    ``None`` means :data:`DEFAULT_DB_URL`.  batch_size: records per
    transaction (default 100).  table_prefix: prepended to every table name.

    Raises :class:`SinkError` when the database cannot be used (SQLAlchemy
    missing, bad URL, missing driver, unreachable server, incompatible tables).
    """
    try:
        from .sql import DEFAULT_BATCH_SIZE, SqlSink
    except ImportError as e:
        raise SinkError(f"database sinks need SQLAlchemy 2 (pip install 'sqlalchemy>=2'): {e}") from e

    return SqlSink(url, batch_size=batch_size or DEFAULT_BATCH_SIZE, prefix=table_prefix)


__all__ = ["RecordSink", "SinkError", "open_sink", "DEFAULT_DB_URL", "DB_URL_ENVVAR"]
