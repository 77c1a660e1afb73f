"""``idnews load``: put an existing JSONL file of records into a database.

The CLI group attaches :data:`load_cmd`; ``idnews extract --db URL`` uses
:func:`pipeline.sinks.open_sink` directly.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, ContextManager, Optional, Union

import click
from pydantic import ValidationError

from ..schema import Record
from . import DB_URL_ENVVAR, DEFAULT_DB_URL, SinkError

LOGGER = logging.getLogger(__name__)


def _open(path: Path) -> ContextManager[IO[bytes]]:
    if str(path) == "-":
        return contextlib.nullcontext(sys.stdin.buffer)  # do not close stdin
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def validation_reason(e: ValidationError) -> str:
    """One line saying why a line is not a record."""
    errors = e.errors(include_url=False)
    if not errors:
        return str(e).splitlines()[0]
    first = errors[0]
    loc = ".".join(str(p) for p in first.get("loc", ())) or "line"
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{loc}: {first.get('msg', 'invalid')}{more}"


def iter_records(path: Path) -> Iterator[tuple[int, Union[Record, str]]]:
    """(line number, record or reason) for each non-blank line of a records JSONL file."""
    with _open(path) as fh:
        n = 0
        try:
            for n, raw in enumerate(fh, 1):
                line = raw.strip()
                if not line:
                    continue
                try:
                    yield n, Record.model_validate_json(line)
                except ValidationError as e:
                    yield n, validation_reason(e)
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            yield n + 1, f"cannot read further: {e}"


@click.command("load")
@click.argument("records", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--db",
    "db_url",
    envvar=DB_URL_ENVVAR,
    default=DEFAULT_DB_URL,
    show_default=True,
    help=(
        "Database URL: sqlite:///file.db, postgresql://user:password@host:5432/dbname "
        f"(psycopg 3), or a SQLite file path; also read from ${DB_URL_ENVVAR}."
    ),
)
@click.option("--batch-size", type=click.IntRange(min=1), default=100, show_default=True, help="Records per transaction.")
@click.option("--table-prefix", default="", help="Prepended to every table name (e.g. idnews_).")
@click.option("-q", "--quiet", is_flag=True, help="No summary; only errors.")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def load_cmd(
    records: tuple[Path, ...], db_url: str, batch_size: int, table_prefix: str, quiet: bool, verbose: int
) -> None:
    """Load records (JSONL written by `idnews extract`) into a database.

    Tables (articles, officials, agencies, places, dates, metrics, quotes,
    events, warnings) are created if missing.  Loading an article again
    replaces its rows.  Bad lines are reported with their line number and
    skipped; the exit code is 1 if any line or record failed.

    Example: idnews load records.jsonl --db postgresql://idnews:secret@localhost/news
    """
    _setup_logging(verbose, quiet)
    try:
        from .sql import SqlSink, _short, safe_url
    except ImportError as e:
        raise click.ClickException(f"idnews load needs SQLAlchemy 2 (pip install 'sqlalchemy>=2'): {e}") from e
    bad = 0
    seen = 0
    try:
        sink = SqlSink(db_url, batch_size=batch_size, prefix=table_prefix)
    except SinkError as e:
        raise click.ClickException(str(e)) from e
    except Exception as e:  # driver errors while connecting
        raise click.ClickException(f"cannot open {safe_url(str(db_url))}: {type(e).__name__}: {e}") from e
    try:
        with sink:
            for path in records:
                if str(path) != "-" and not path.is_file():
                    click.echo(f"{path}: no such file", err=True)
                    bad += 1
                    continue
                for n, item in iter_records(path):
                    if isinstance(item, str):
                        click.echo(f"{path}:{n}: skipped: {item}", err=True)
                        bad += 1
                        continue
                    seen += 1
                    sink.write(item)
    except SinkError as e:
        raise click.ClickException(str(e)) from e
    except Exception as e:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(e, SQLAlchemyError):
            raise click.ClickException(f"database error in {sink.url}: {_short(e)}") from e
        raise
    for article, reason in sink.failed:
        click.echo(f"{article}: not stored: {reason}", err=True)
    stored = seen - len(sink.failed)
    if not quiet:
        click.echo(
            f"{stored} records loaded into {sink.url}; {bad} bad lines skipped; "
            f"{len(sink.failed)} records refused by the database",
            err=True,
        )
    if bad or sink.failed:
        sys.exit(1)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def main(argv: Optional[list[str]] = None) -> None:
    """Run ``load`` on its own (``python -m pipeline.sinks.commands``)."""
    load_cmd.main(args=argv, prog_name="idnews load")


if __name__ == "__main__":
    main()
