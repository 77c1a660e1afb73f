"""Recognizer: places (stub, to be implemented)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..schema import Place


def find_places(doc: Doc) -> list[Place]:
    """Find places in ``doc`` (offsets into the original text)."""
    return []
