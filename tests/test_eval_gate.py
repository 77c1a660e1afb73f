"""Accuracy gate: the pipeline's macro F1 on the seed, the dev set and the corpus stays above floors.

The floors are pinned below the scores measured when they were set (see the
README), so a regression fails CI.  The dev set and the seed are in
``../shared`` (skipped when it is absent); the corpus ships with the repo.
"""

from __future__ import annotations

import json


from pipeline.evaluate import load_gold, score
from pipeline.io import iter_inputs
from pipeline.schema import ArticleInput
from conftest import CORPUS, SHARED, requires_shared

FLOORS = {"seed": 0.95, "dev": 0.80, "corpus": 0.90}


def _records(extractor, inputs) -> dict[str, dict]:
    from pipeline.evaluate import gold_key

    out = {}
    for item in iter_inputs(inputs):
        assert isinstance(item, ArticleInput), item
        out[gold_key(item.article)] = json.loads(extractor.run(item).model_dump_json())
    return out


@requires_shared
def test_eval_gate_seed(extractor):
    report = score(load_gold(SHARED / "eval" / "seed"), _records(extractor, [SHARED / "seed"]))
    assert report.macro_f1 >= FLOORS["seed"], report.table()


@requires_shared
def test_eval_gate_dev(extractor):
    report = score(load_gold(SHARED / "eval" / "dev" / "gold"), _records(extractor, [SHARED / "eval" / "dev" / "dev.jsonl"]))
    assert report.macro_f1 >= FLOORS["dev"], report.table()


def test_eval_gate_corpus(extractor):
    report = score(load_gold(CORPUS / "gold"), _records(extractor, [CORPUS / "articles"]))
    assert report.articles >= 20
    assert report.macro_f1 >= FLOORS["corpus"], report.table()
