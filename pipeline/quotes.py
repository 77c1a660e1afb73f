"""Stage 4, quotes (stub, to be implemented)."""

from __future__ import annotations

from spacy.tokens import Doc

from .schema import Quote


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct quotes attributed to named speakers."""
    return []
