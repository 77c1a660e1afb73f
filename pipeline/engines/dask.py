"""The Dask engine: the same batches on a Dask cluster.

With a scheduler address the job runs on that cluster (its workers need
``idnews`` installed); without one, on a local cluster of ``workers``
single-threaded processes.  Results come back in input order, so the records
are the same as a local run's.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Optional

from .worker import process_batch

LOGGER = logging.getLogger(__name__)

WINDOW_PER_WORKER = 3


def run_dask(batches: Iterable[list], workers: int = 2, options: Optional[dict] = None, scheduler: Optional[str] = None) -> Iterator[list]:
    """Results of each batch, in order, computed on a Dask cluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError("the dask engine needs: pip install 'idnews[dask]'") from e

    options = options or {}
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        window: deque = deque()
        for batch in batches:
            window.append(client.submit(process_batch, batch, options, pure=False))
            if len(window) >= n_workers * WINDOW_PER_WORKER:
                fut = window.popleft()
                yield fut.result()
                fut.release()
        while window:
            fut = window.popleft()
            yield fut.result()
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
