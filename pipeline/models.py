"""Where the shipped models are: ``models/`` in a checkout, ``idnews_models`` when installed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

REPO_MODELS = Path(__file__).resolve().parents[1] / "models"


def model_path(name: str) -> Path:
    """Directory of a shipped model (e.g. ``id_news_ner``); FileNotFoundError if absent."""
    candidates = []
    try:
        candidates.append(Path(str(resources.files("idnews_models").joinpath(name))))
    except ModuleNotFoundError:
        pass
    candidates.append(REPO_MODELS / name)
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError(f"model {name!r} not found (looked in: {', '.join(map(str, candidates))})")
