"""Stage 5, events (stub, to be implemented)."""

from __future__ import annotations

from spacy.tokens import Doc

from .schema import Event


def find_events(doc: Doc) -> list[Event]:
    """Events reported in the article."""
    return []
