"""Engines run batches of articles and give back their results in input order.

An engine is a function ``run(batches, workers, options, scheduler) ->
iterator of result lists``; ``options`` are ``pipeline.load()`` keyword
arguments, and each worker loads the pipeline once with them.

- ``local``: in this process (``workers=1``) or a pool of processes;
- ``dask``: a Dask cluster (``scheduler`` address, or a local cluster of
  ``workers`` processes).
"""

from __future__ import annotations

from collections.abc import Callable

ENGINES = ("local", "dask")


def get_engine(name: str) -> Callable:
    """The engine function registered under ``name``."""
    if name == "local":
        from .local import run_local

        return run_local
    if name == "dask":
        from .dask import run_dask

        return run_dask
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
