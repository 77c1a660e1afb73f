"""SQL sink: records into SQLite or PostgreSQL tables with SQLAlchemy 2 Core.

One code path serves both databases.  The tables are derived from the pydantic
models in :mod:`pipeline.schema` (still the only place fields are defined):

``articles``
    one row per record: ``article`` (primary key), the record's scalar fields
    (``url``, ``title``, ``source``, ``published`` (a DATE), ``dateline``,
    ``reporter``, ``schema_version``), ``record`` (the whole record as JSON:
    JSONB on PostgreSQL, JSON text on SQLite) and ``updated_at`` (UTC).
``officials``, ``agencies``, ``places``, ``dates``, ``metrics``, ``quotes``, ``events``, ``warnings``
    one row per item of the record's list of the same name: ``article``
    (foreign key to ``articles``, ``ON DELETE CASCADE``), ``idx`` (position in
    the list, from 0; primary key with ``article``), then one column per field
    of the item: strings as TEXT, integers as INTEGER, floats as FLOAT, lists
    and nested objects (``mentions``, ``aliases``, ``flags``, ``speakers``,
    ``cue``...) as JSON.

Loading is idempotent: the article row is upserted (``INSERT ... ON CONFLICT DO
UPDATE``), its child rows are deleted and the new ones inserted, all in one
transaction per batch, so a record is either wholly stored or not at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, Optional, Union, get_args, get_origin

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError

from ..schema import Record
from . import DEFAULT_DB_URL, SinkError

LOGGER = logging.getLogger(__name__)

#: Records buffered before they are written in one transaction.
DEFAULT_BATCH_SIZE = 100
#: Most article ids in one ``DELETE ... WHERE article IN (...)``.
_IN_CHUNK = 500

#: JSON column type: JSONB on PostgreSQL, JSON text elsewhere; Python ``None`` is SQL NULL.
JSON_TYPE = sa.JSON(none_as_null=True).with_variant(pg_dialect.JSONB(none_as_null=True), "postgresql")
#: Columns of ``articles`` whose type is not the one derived from the schema.
_ARTICLE_TYPES: dict[str, sa.types.TypeEngine] = {"published": sa.Date()}
#: Child-table columns indexed for the usual queries (only short values).
_INDEXED: dict[str, tuple[str, ...]] = {
    "officials": ("name",),
    "agencies": ("name", "region_code"),
    "places": ("code", "name"),
    "dates": ("value",),
    "metrics": ("indicator", "region"),
    "events": ("type", "date"),
    "warnings": ("code",),
}


# --------------------------------------------------------------------------- URLs


def normalize_url(url: Union[str, Path, None]) -> str:
    """A SQLAlchemy URL for what a user typed.

    ``None``/empty -> :data:`DEFAULT_DB_URL`; ``postgresql://`` and ``postgres://``
    -> ``postgresql+psycopg://`` (psycopg 3); a bare path (no ``://``) -> a
    SQLite file; anything else unchanged.
    """
    if url is None or str(url).strip() == "":
        return DEFAULT_DB_URL
    text = str(url).strip()
    if "://" not in text:
        if text == ":memory:":
            return "sqlite://"
        return "sqlite:///" + str(Path(text).expanduser())
    scheme, rest = text.split("://", 1)
    if scheme.lower() in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return text


def safe_url(url: Union[str, URL]) -> str:
    """The URL with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not parseable: say nothing secret
        return "<unparseable database URL>"


# --------------------------------------------------------------------------- tables


def _unwrap_optional(ann: Any) -> tuple[Any, bool]:
    origin = get_origin(ann)
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(ann) if a is not type(None)]
        optional = len(args) < len(get_args(ann))
        if len(args) == 1:
            return args[0], optional
        return ann, optional
    return ann, False


def _sql_type(ann: Any) -> sa.types.TypeEngine:
    """SQL column type for a pydantic field annotation."""
    if get_origin(ann) is Literal:
        kinds = {type(v) for v in get_args(ann)}
        ann = kinds.pop() if len(kinds) == 1 else object
    if ann is bool:
        return sa.Boolean()
    if ann is int:
        return sa.Integer()
    if ann is float:
        return sa.Float()
    if ann is str:
        return sa.Text()
    return JSON_TYPE


def _is_scalar(ann: Any) -> bool:
    inner, _ = _unwrap_optional(ann)
    if get_origin(inner) is Literal:
        return True
    return inner in (str, int, float, bool)


def _item_model(ann: Any) -> Optional[type[BaseModel]]:
    """The item model of a ``list[Model]`` field, else None."""
    if get_origin(ann) is list:
        (arg,) = get_args(ann) or (None,)
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def child_fields() -> dict[str, type[BaseModel]]:
    """Record list fields that become child tables, with their item models (schema order)."""
    return {
        name: model
        for name, f in Record.model_fields.items()
        if (model := _item_model(f.annotation)) is not None
    }


def article_fields() -> list[str]:
    """Record scalar fields that become ``articles`` columns (schema order)."""
    return [name for name, f in Record.model_fields.items() if _is_scalar(f.annotation)]


def _field_column(name: str, field: Any, type_override: Optional[sa.types.TypeEngine] = None) -> sa.Column:
    inner, optional = _unwrap_optional(field.annotation)
    col_type = type_override if type_override is not None else _sql_type(inner)
    nullable = optional or (not field.is_required() and field.default is None and field.default_factory is None)
    return sa.Column(name, col_type, nullable=nullable)


@functools.lru_cache(maxsize=None)
def build_metadata(prefix: str = "") -> sa.MetaData:
    """The tables (``articles`` and one per record list), names prefixed with ``prefix``."""
    md = sa.MetaData()
    art_cols = [sa.Column("article", sa.Text(), primary_key=True)]
    for name in article_fields():
        if name == "article":
            continue
        art_cols.append(_field_column(name, Record.model_fields[name], _ARTICLE_TYPES.get(name)))
    art_cols.append(sa.Column("record", JSON_TYPE, nullable=False))
    art_cols.append(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False))
    articles = sa.Table(f"{prefix}articles", md, *art_cols)
    sa.Index(f"ix_{prefix}articles_published", articles.c.published)

    for list_name, model in child_fields().items():
        cols: list[Any] = [
            sa.Column(
                "article",
                sa.Text(),
                sa.ForeignKey(articles.c.article, ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        ]
        for fname, field in model.model_fields.items():
            if fname in ("article", "idx"):
                raise SinkError(f"{model.__name__}.{fname} clashes with a key column of table {list_name}")
            cols.append(_field_column(fname, field))
        table = sa.Table(f"{prefix}{list_name}", md, *cols)
        for col in _INDEXED.get(list_name, ()):
            if col in table.c:
                sa.Index(f"ix_{prefix}{list_name}_{col}", table.c[col])
    return md


def tables(prefix: str = "") -> dict[str, sa.Table]:
    """Tables by unprefixed name: ``articles`` then the child tables."""
    md = build_metadata(prefix)
    names = ["articles", *child_fields()]
    return {n: md.tables[f"{prefix}{n}"] for n in names}


# --------------------------------------------------------------------------- rows


def _published(value: Optional[str], article: str) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        LOGGER.warning("%s: published %r is not a calendar date; stored as NULL (kept in record)", article, value)
        return None


def article_row(record: Record, now: dt.datetime) -> dict[str, Any]:
    """The ``articles`` row of a record."""
    row: dict[str, Any] = {name: getattr(record, name) for name in article_fields()}
    row["published"] = _published(record.published, record.article)
    row["record"] = json.loads(record.model_dump_json())  # exactly the JSONL line's content
    row["updated_at"] = now
    return row


def child_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """Rows of each child table for a record, by unprefixed table name."""
    out: dict[str, list[dict[str, Any]]] = {}
    for list_name in child_fields():
        rows = []
        for i, item in enumerate(getattr(record, list_name)):
            row = item.model_dump(mode="json")
            row["article"] = record.article
            row["idx"] = i
            rows.append(row)
        out[list_name] = rows
    return out


# --------------------------------------------------------------------------- engine


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    """Foreign keys on; let SQLAlchemy, not the sqlite3 module, open transactions."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # Python's sqlite3 commits before DDL and begins lazily; an explicit BEGIN makes
    # every transaction (table creation included) all-or-nothing (SQLAlchemy's pysqlite recipe).
    conn.exec_driver_sql("BEGIN")


def _json_dumps(value: Any) -> str:
    """JSON for the database: UTF-8 text as is (readable Indonesian), no NaN."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def create_engine(url: Union[str, Path, None]) -> Engine:
    """An engine for ``url`` (normalised); SQLite gets foreign keys on and its folder created."""
    norm = normalize_url(url)
    try:
        parsed = make_url(norm)
    except Exception as e:
        raise SinkError(f"not a database URL: {safe_url(norm)} ({e})") from e
    backend = parsed.get_backend_name()
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = sa.create_engine(parsed, pool_pre_ping=backend != "sqlite", json_serializer=_json_dumps)
    except ImportError as e:
        hint = " (pip install 'idnews[postgres]')" if backend == "postgresql" else ""
        raise SinkError(f"database driver for {safe_url(parsed)} is not installed: {e.name or e}{hint}") from e
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as e:
        raise SinkError(f"cannot use {safe_url(parsed)}: {e}") from e
    if backend == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def ensure_tables(engine: Engine, prefix: str = "") -> None:
    """Create missing tables; raise :class:`SinkError` if existing ones lack columns."""
    md = build_metadata(prefix)
    with engine.begin() as conn:
        md.create_all(conn)
        insp = sa.inspect(conn)
        problems = []
        for table in md.sorted_tables:
            have = {c["name"] for c in insp.get_columns(table.name)}
            missing = [c.name for c in table.columns if c.name not in have]
            if missing:
                problems.append(f"{table.name} lacks {', '.join(missing)}")
        if problems:  # raised inside the transaction: nothing is created
            raise SinkError(
                "existing tables do not match this idnews version ("
                + "; ".join(problems)
                + "): migrate them, drop them, or use another database or --table-prefix"
            )


# --------------------------------------------------------------------------- sink


def _is_connection_error(e: BaseException) -> bool:
    if isinstance(e, (DisconnectionError, InterfaceError)):
        return True
    if isinstance(e, DBAPIError) and e.connection_invalidated:
        return True
    return isinstance(e, OperationalError)


class SqlSink:
    """Writes records to SQL tables, buffering ``batch_size`` records per transaction.

    url: SQLAlchemy URL (see :func:`normalize_url`); engine: an existing engine
    instead; prefix: prepended to every table name.  Records that the database
    refuses (e.g. a constraint) are skipped and listed in :attr:`failed`;
    connection errors raise :class:`SinkError` and keep the records buffered.
    """

    def __init__(
        self,
        url: Union[str, Path, None] = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        engine: Optional[Engine] = None,
        prefix: str = "",
        create: bool = True,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._own_engine = engine is None
        self.engine = engine if engine is not None else create_engine(url)
        self.url = safe_url(self.engine.url)
        self.batch_size = batch_size
        self.prefix = prefix
        self.tables = tables(prefix)
        self._buffer: list[Record] = []
        self.written = 0
        self.failed: list[tuple[str, str]] = []
        self._closed = False
        if create:
            try:
                ensure_tables(self.engine, prefix)
            except SQLAlchemyError as e:
                self._dispose()
                raise SinkError(f"cannot prepare tables in {self.url}: {_short(e)}") from e
            except SinkError:
                self._dispose()
                raise

    # -- public API

    def write(self, record: Record) -> None:
        """Buffer one record; writes the buffer when it holds ``batch_size`` records."""
        if self._closed:
            raise SinkError("sink is closed")
        if not isinstance(record, Record):
            raise TypeError(f"expected a Record, not {type(record).__name__}")
        self._buffer.append(record)
        if len(self._buffer) >= self.batch_size:
            self.flush()

    def write_many(self, records: Iterable[Record]) -> None:
        """:meth:`write` each record."""
        for record in records:
            self.write(record)

    def flush(self) -> None:
        """Write the buffered records in one transaction.

        If the database refuses the batch (not a connection problem), the
        records are retried one at a time and those refused again are skipped
        and listed in :attr:`failed`.  Connection errors are raised with the
        batch put back in the buffer, as :class:`SinkError` (a RuntimeError).
        """
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        try:
            self._store(batch)
            return
        except SQLAlchemyError as e:
            if _is_connection_error(e):
                self._buffer = batch + self._buffer
                raise self._connection_failed(e) from e
            if len(batch) == 1:
                self._fail(batch[0], e)
                return
            LOGGER.warning("batch of %d records failed (%s); retrying one at a time", len(batch), _short(e))
        for i, record in enumerate(_last_per_article(batch)):
            try:
                self._store([record])
            except SQLAlchemyError as e:
                if _is_connection_error(e):
                    self._buffer = list(_last_per_article(batch))[i:] + self._buffer
                    raise self._connection_failed(e) from e
                self._fail(record, e)

    def close(self) -> None:
        """Write what is buffered and release the connection pool."""
        if self._closed:
            return
        try:
            self.flush()
        finally:
            self._closed = True
            self._dispose()

    def __enter__(self) -> "SqlSink":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.close()
            return
        try:  # keep what was extracted before the error, without hiding the error
            self.close()
        except Exception as e:
            LOGGER.error("could not write the last %d buffered records: %s", len(self._buffer), _short(e))

    @property
    def pending(self) -> int:
        """Records buffered, not yet written."""
        return len(self._buffer)

    # -- internals

    def _dispose(self) -> None:
        if self._own_engine:
            self.engine.dispose()

    def _connection_failed(self, e: BaseException) -> SinkError:
        return SinkError(
            f"database {self.url} failed: {_short(e)}; {len(self._buffer)} records not written "
            "(still buffered; loading them again later is safe)"
        )

    def _fail(self, record: Record, e: BaseException) -> None:
        reason = _short(e)
        LOGGER.error("%s: not stored: %s", record.article, reason)
        self.failed.append((record.article, reason))

    def _store(self, batch: Sequence[Record]) -> None:
        records = _last_per_article(batch)
        now = dt.datetime.now(dt.timezone.utc)
        ids = [r.article for r in records]
        children: dict[str, list[dict[str, Any]]] = {n: [] for n in child_fields()}
        for r in records:
            for name, rows in child_rows(r).items():
                children[name].extend(rows)
        with self.engine.begin() as conn:
            self._delete_children(conn, ids)
            self._upsert_articles(conn, [article_row(r, now) for r in records])
            for name, rows in children.items():
                if rows:
                    conn.execute(sa.insert(self.tables[name]), rows)
        self.written += len(batch)
        LOGGER.debug("stored %d records (%d articles) in %s", len(batch), len(records), self.url)

    def _delete_children(self, conn: Connection, ids: list[str]) -> None:
        for name in child_fields():
            table = self.tables[name]
            for i in range(0, len(ids), _IN_CHUNK):
                conn.execute(sa.delete(table).where(table.c.article.in_(ids[i : i + _IN_CHUNK])))

    def _upsert_articles(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        table = self.tables["articles"]
        dialect = conn.dialect.name
        if dialect in ("sqlite", "postgresql"):
            insert = sqlite_dialect.insert if dialect == "sqlite" else pg_dialect.insert
            stmt = insert(table)
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c.article],
                set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name != "article"},
            )
            conn.execute(stmt, rows)
            return
        # Other databases: delete and insert in the same transaction.
        ids = [r["article"] for r in rows]
        for i in range(0, len(ids), _IN_CHUNK):
            conn.execute(sa.delete(table).where(table.c.article.in_(ids[i : i + _IN_CHUNK])))
        conn.execute(sa.insert(table), rows)


def _last_per_article(batch: Sequence[Record]) -> list[Record]:
    """One record per article id (the last one written wins), in first-seen order."""
    last: dict[str, Record] = {}
    for r in batch:
        last[r.article] = r
    return list(last.values())


def _short(e: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's statement dump."""
    if isinstance(e, DBAPIError) and e.orig is not None:
        text = str(e.orig)
    else:
        text = str(e)
    first = text.strip().splitlines()[0] if text.strip() else type(e).__name__
    return f"{type(e).__name__}: {first}"
