"""idnews: Indonesian news articles to structured, validated event records.

    >>> import pipeline
    >>> record = pipeline.extract(text, url=None, published=None)
    >>> for record in pipeline.extract_many(texts): ...
"""

import logging

from .api import Extractor, InputError, extract, extract_many, load
from .schema import ArticleInput, ErrorEntry, Record

__all__ = ["load", "extract", "extract_many", "Extractor", "InputError", "Record", "ArticleInput", "ErrorEntry"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
