"""Recognizer: officials (stub, to be implemented)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..schema import Official


def find_officials(doc: Doc) -> list[Official]:
    """Find officials in ``doc`` (offsets into the original text)."""
    return []
