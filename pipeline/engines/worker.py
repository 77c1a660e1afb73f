"""What a worker process runs: the pipeline, loaded once per process."""

from __future__ import annotations

from typing import Union

from ..schema import ArticleInput, ErrorEntry, Record

_EXTRACTORS: dict = {}


def get_extractor(max_chars: int):
    """The process's extractor (loaded on first use, then reused)."""
    ex = _EXTRACTORS.get(max_chars)
    if ex is None:
        from ..api import load

        ex = _EXTRACTORS[max_chars] = load(max_chars=max_chars)
    return ex


def init_worker(max_chars: int) -> None:
    """Process-pool initializer: load models before the first batch arrives."""
    get_extractor(max_chars)


def process_batch(batch: list[Union[ArticleInput, ErrorEntry]], max_chars: int) -> list[Union[Record, ErrorEntry]]:
    """Records (or error entries) for one batch, in order; never raises for an article."""
    return list(get_extractor(max_chars).process(batch))
