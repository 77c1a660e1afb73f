"""One loader for the data files in ``pipeline/data/`` (lexicons, patterns).

Data files are versioned with the package; code never embeds long word lists.
Formats: ``.txt`` (one entry a line, ``#`` comments), ``.tsv`` (tab-separated,
``#`` comments, first non-comment line is the header), ``.json``, ``.jsonl``.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files("pipeline").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Entries of a ``.txt`` list, stripped, without blanks and ``#`` comments."""
    out = []
    for line in _read(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a ``.tsv`` file as dicts keyed by its header."""
    lines = [l for l in _read(name).splitlines() if l.strip() and not l.lstrip().startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for row in reader:
        rows.append({k: (v or "").strip() for k, v in row.items() if k is not None})
    return tuple(rows)


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A ``.json`` file."""
    return json.loads(_read(name))


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[Any, ...]:
    """Objects of a ``.jsonl`` file (blank lines skipped)."""
    return tuple(json.loads(l) for l in _read(name).splitlines() if l.strip())
