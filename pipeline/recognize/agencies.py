"""Recognizer: agencies (stub, to be implemented)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..schema import Agency


def find_agencies(doc: Doc) -> list[Agency]:
    """Find agencies in ``doc`` (offsets into the original text)."""
    return []
