"""Batch runs: inputs -> records file, errors file and database, resumable.

``run_batch`` streams articles from the readers in batches to an engine (one
process, a local process pool, or a Dask cluster), and writes what comes back
in input order.  Memory stays bounded: the engines keep only a small window of
batches in flight, and nothing holds the corpus.

Resuming: every line is written in one ``write`` and flushed, so a killed run
leaves at most one torn line at the end of a file.  With ``resume=True`` the
existing output and errors files are read first: a torn last line is cut off,
the ids of the articles already done (records and error entries) are
collected, and only the rest is processed and appended.  Article ids are
stable: the file name, the ``article``/``id`` field, else a hash of the text.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Optional, Union

from .io import errors_path_for, iter_inputs
from .schema import ArticleInput, ErrorEntry, Record

LOGGER = logging.getLogger(__name__)

Result = Union[Record, ErrorEntry]


@dataclass
class BatchSummary:
    """What a run did."""

    records: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    output: str = ""
    errors_path: str = ""

    @property
    def articles_per_second(self) -> float:
        return (self.records + self.errors) / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        done = f"{self.records} records -> {self.output}; {self.errors} errors -> {self.errors_path}"
        if self.skipped:
            done += f"; {self.skipped} already done (resumed)"
        return f"{done}; {self.seconds:.1f} s, {self.articles_per_second:.1f} articles/s"


def item_key(item: Union[ArticleInput, ErrorEntry]) -> str:
    """The stable id of an input, for resuming (article id, else file and line)."""
    if item.article:
        return item.article
    line = getattr(item, "line", None)
    path = getattr(item, "input", None) or getattr(item, "path", None)
    return f"{path}:{line or 0}"


# ------------------------------------------------------------------ output files


def _is_gz(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def repair_and_collect(path: Path) -> set[str]:
    """Cut a torn last line off a JSONL(.gz) file and return the ids it holds."""
    keys: set[str] = set()
    if not path.exists():
        return keys
    if _is_gz(path):
        good: list[bytes] = []
        try:
            with gzip.open(path, "rb") as fh:
                for raw in fh:
                    good.append(raw)
        except (EOFError, OSError, gzip.BadGzipFile):
            LOGGER.warning("%s ends in a broken gzip member; keeping its complete lines", path)
        if good and not good[-1].endswith(b"\n"):
            good.pop()
        tmp = path.with_name(path.name + ".repair")
        with gzip.open(tmp, "wb") as out:
            for raw in good:
                out.write(raw)
        os.replace(tmp, path)
        lines = good
    else:
        with open(path, "rb+") as fh:
            data = fh.read()
            cut = data.rfind(b"\n") + 1
            if cut != len(data):
                LOGGER.warning("%s: cutting a torn last line (%d bytes)", path, len(data) - cut)
                fh.truncate(cut)
            lines = data[:cut].splitlines()
    for raw in lines:
        try:
            obj = json.loads(raw)
        except ValueError:
            continue
        if obj.get("article"):
            keys.add(obj["article"])
        elif obj.get("input"):
            keys.add(f"{obj['input']}:{obj.get('line') or 0}")
    return keys


class LineWriter:
    """Appends JSON lines to a file (gzip by suffix); one write and a flush per line."""

    def __init__(self, path: Path, append: bool) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "ab" if append else "wb"
        self._fh: IO[bytes] = gzip.open(path, mode) if _is_gz(path) else open(path, mode)
        self.count = 0

    def write(self, item: Result) -> None:
        self._fh.write((item.model_dump_json() + "\n").encode("utf-8"))
        self._fh.flush()
        self.count += 1

    def close(self) -> None:
        self._fh.close()


# ---------------------------------------------------------------------- the run


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_batch(
    inputs: Iterable[Union[str, Path]],
    output: Union[str, Path],
    errors_path: Union[str, Path, None] = None,
    workers: int = 1,
    resume: bool = False,
    engine: str = "local",
    scheduler: Optional[str] = None,
    db: Optional[str] = None,
    max_chars: Optional[int] = None,
    batch_size: int = 16,
    on_progress: Optional[Callable[[int], None]] = None,
    ner: Optional[bool] = None,
    backend: Optional[str] = None,
) -> BatchSummary:
    """Process every input into ``output`` (records) and ``errors_path`` (error entries).

    inputs: files and folders (``.txt``, ``.html``, ``.jsonl``, ``.jsonl.gz``).
    workers (int): processes (local engine) or workers of a local Dask cluster.
    resume (bool): keep what earlier runs wrote and do only the rest.
    engine (str): ``local`` or ``dask``; scheduler: a Dask scheduler address.
    db (str | None): also load records into this database URL (SQLite, PostgreSQL).
    on_progress: called with the number of articles finished after each batch.
    ner (bool | None), backend (str | None): passed to ``pipeline.load`` in every worker.
    RETURNS (BatchSummary): counts and timing.
    """
    from .api import MAX_CHARS
    from .engines import get_engine

    output = Path(output)
    errors_path = Path(errors_path) if errors_path else errors_path_for(output)
    done: set[str] = set()
    if resume:
        done = repair_and_collect(output) | repair_and_collect(errors_path)
    summary = BatchSummary(output=str(output), errors_path=str(errors_path))
    def todo() -> Iterator[Union[ArticleInput, ErrorEntry]]:
        for item in iter_inputs(inputs):
            if done and item_key(item) in done:
                summary.skipped += 1
                continue
            yield item

    run = get_engine(engine)
    options = {"max_chars": max_chars or MAX_CHARS}
    if ner is not None:
        options["ner"] = ner
    if backend:
        options["backend"] = backend
    t0 = time.perf_counter()
    with contextlib.ExitStack() as stack:
        sink = stack.enter_context(_open_sink(db)) if db else None
        out = stack.enter_context(contextlib.closing(LineWriter(output, append=resume)))
        err = stack.enter_context(contextlib.closing(LineWriter(errors_path, append=resume)))
        for results in run(batched(todo(), batch_size), workers=workers, options=options, scheduler=scheduler):
            for result in results:
                if isinstance(result, ErrorEntry):
                    err.write(result)
                    summary.errors += 1
                else:
                    out.write(result)
                    summary.records += 1
                    if sink is not None:
                        sink.write(result)
            if on_progress is not None:
                on_progress(len(results))
        if sink is not None:
            sink.flush()
            for article, reason in sink.failed:
                err.write(ErrorEntry(input=str(db_label(db)), article=article, reason=f"database refused the record: {reason}"))
                summary.errors += 1
    summary.seconds = time.perf_counter() - t0
    return summary


def _open_sink(db: str):
    from .sinks import open_sink

    return open_sink(db)


def db_label(db: str) -> str:
    """A database URL without its password, for messages."""
    import re

    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", db)
