"""Shared fixtures. ``../shared`` (beside the repository) holds the evaluation data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"

requires_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "GOLD_FORMAT.md").exists(),
    reason=f"needs the shared evaluation data at {SHARED} (present in CI, absent here)",
)


@pytest.fixture(scope="session")
def extractor():
    """The full pipeline, loaded once for the test session."""
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def blank_nlp():
    """Tokenizer and sentence rules only, with the Doc extensions registered."""
    import pipeline.components  # noqa: F401  (registers extensions)
    from pipeline.nlp import build_nlp

    return build_nlp(recognizers=False)
