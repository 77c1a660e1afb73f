"""The local engine: this process, or a pool of worker processes."""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Optional

from ..schema import ErrorEntry
from .worker import get_extractor, init_worker, process_batch

LOGGER = logging.getLogger(__name__)

#: Batches in flight per worker: enough to keep workers busy, small enough to bound memory.
WINDOW_PER_WORKER = 3


def _lost(batch: list, reason: str) -> list[ErrorEntry]:
    out = []
    for item in batch:
        if isinstance(item, ErrorEntry):
            out.append(item)
        else:
            out.append(ErrorEntry(input=item.path or item.article, line=item.line, article=item.article, reason=reason))
    return out


def run_local(batches: Iterable[list], workers: int = 1, options: Optional[dict] = None, scheduler: Optional[str] = None) -> Iterator[list]:
    """Results of each batch, in order. ``workers > 1`` uses a process pool."""
    options = options or {}
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    if workers <= 1:
        extractor = get_extractor(options)
        for batch in batches:
            yield list(extractor.process(batch))
        return

    ctx = multiprocessing.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker, initargs=(options,))

    pool = new_pool()
    window: deque[tuple[list, Future]] = deque()

    def drain_one() -> list:
        nonlocal pool
        batch, fut = window.popleft()
        try:
            return fut.result()
        except BrokenProcessPool as e:
            # A worker died (killed, out of memory, a crash in native code): its
            # batch cannot be trusted; retry it alone in a fresh pool, one article at a time.
            LOGGER.error("a worker process died (%s); retrying its batch article by article", e)
            pool.shutdown(wait=False, cancel_futures=True)
            pending = [b for b, _ in window]
            window.clear()
            pool = new_pool()
            results = []
            for item in batch:
                try:
                    results.extend(pool.submit(process_batch, [item], options).result())
                except BrokenProcessPool:
                    pool = new_pool()
                    results.extend(_lost([item], "worker process died on this article"))
            for b in pending:
                window.append((b, pool.submit(process_batch, b, options)))
            return results

    try:
        for batch in batches:
            window.append((batch, pool.submit(process_batch, batch, options)))
            if len(window) >= workers * WINDOW_PER_WORKER:
                yield drain_one()
        while window:
            yield drain_one()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
