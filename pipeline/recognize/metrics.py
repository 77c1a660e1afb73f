"""Recognizer: metrics (stub, to be implemented)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..schema import Metric


def find_metrics(doc: Doc) -> list[Metric]:
    """Find metrics in ``doc`` (offsets into the original text)."""
    return []
