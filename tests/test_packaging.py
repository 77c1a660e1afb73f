"""An installed copy carries its data files and the trained models (not only a checkout)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_packaging_wheel_contains_lexicons_and_models(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    names = set(zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist())
    for lexicon in ("titles.tsv", "agency_abbreviations.tsv", "region_aliases.tsv", "boilerplate.txt", "idm_bands.json"):
        assert f"pipeline/data/{lexicon}" in names
    for part in ("meta.json", "config.cfg", "ner/model", "tok2vec/model", "vocab/vectors"):
        assert f"idnews_models/id_news_ner/{part}" in names
    assert "pipeline/py.typed" in names


def test_packaging_model_path_finds_the_ner_model():
    from pipeline.models import model_path

    path = model_path("id_news_ner")
    assert (path / "meta.json").is_file()
    with pytest.raises(FileNotFoundError):
        model_path("no_such_model")
