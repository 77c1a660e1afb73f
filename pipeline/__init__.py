"""idnews: Indonesian news articles to structured, validated event records.

    >>> import pipeline
    >>> record = pipeline.extract(text, url=None, published=None)
    >>> for record in pipeline.extract_many(texts): ...

The pipeline (spaCy, lexicons) is imported on first use, so light commands
such as ``idnews load`` or ``idnews schema`` start fast.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from .schema import ArticleInput, ErrorEntry, Record

__all__ = ["load", "extract", "extract_many", "Extractor", "InputError", "Record", "ArticleInput", "ErrorEntry"]
__version__ = "0.1.0"

_LAZY = {"load", "extract", "extract_many", "Extractor", "InputError"}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(".api", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
