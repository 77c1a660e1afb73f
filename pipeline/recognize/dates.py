"""Recognizer: dates (stub, to be implemented)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..schema import DateMention


def find_dates(doc: Doc) -> list[DateMention]:
    """Find dates in ``doc`` (offsets into the original text)."""
    return []


def parse_metadata_date(value: str):
    """A date from metadata (ISO ``2024-05-03``, ``2024-05-03T10:00``); None if unreadable."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
