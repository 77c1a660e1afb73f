"""What a worker process runs: the pipeline, loaded once per process."""

from __future__ import annotations

from typing import Union

from ..schema import ArticleInput, ErrorEntry, Record

_EXTRACTORS: dict = {}


def get_extractor(options: dict):
    """The process's extractor for these ``load()`` options (loaded on first use, then reused)."""
    key = tuple(sorted(options.items()))
    ex = _EXTRACTORS.get(key)
    if ex is None:
        from ..api import load

        ex = _EXTRACTORS[key] = load(**options)
    return ex


def init_worker(options: dict) -> None:
    """Process-pool initializer: load models before the first batch arrives."""
    get_extractor(options)


def process_batch(batch: list[Union[ArticleInput, ErrorEntry]], options: dict) -> list[Union[Record, ErrorEntry]]:
    """Records (or error entries) for one batch, in order; never raises for an article."""
    return list(get_extractor(options).process(batch))
