"""Throughput of the full pipeline vs spaCy's bare Indonesian tokenizer, same texts, same run.

    python benchmarks/throughput.py [FOLDER_OR_JSONL ...] [--repeat N] [--json OUT]

Defaults to the shipped ``corpus/articles``.  Reports articles per second and
tokens per second (tokens counted by the bare tokenizer, so both rows count the
same tokens), best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _texts(inputs: list[str]) -> list[str]:
    from pipeline.io import iter_inputs
    from pipeline.schema import ArticleInput

    return [i.text for i in iter_inputs(inputs) if isinstance(i, ArticleInput)]


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", default=[str(REPO / "corpus" / "articles")])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", dest="json_out", default=None)
    ap.add_argument("--no-ner", action="store_true", help="rules only, without the statistical NER model")
    args = ap.parse_args(argv)

    import spacy

    import pipeline

    texts = _texts(args.inputs)
    if not texts:
        sys.exit("no articles found")
    bare = spacy.blank("id")
    n_tokens = sum(len(d) for d in bare.tokenizer.pipe(texts))
    extractor = pipeline.load(ner=False if args.no_ner else None)
    extractor(texts[0])  # warm up: lazy lexicon and gazetteer loading is not throughput

    t_bare = _best(lambda: [len(d) for d in bare.tokenizer.pipe(texts)], args.repeat)
    t_full = _best(lambda: [extractor(t) for t in texts], args.repeat)
    result = {
        "articles": len(texts),
        "tokens": n_tokens,
        "ner": extractor.ner,
        "machine": f"{platform.machine()}, Python {platform.python_version()}, spaCy {spacy.__version__}",
        "bare_tokenizer": {"seconds": round(t_bare, 4), "articles_per_s": round(len(texts) / t_bare, 1), "tokens_per_s": round(n_tokens / t_bare)},
        "idnews_pipeline": {"seconds": round(t_full, 4), "articles_per_s": round(len(texts) / t_full, 1), "tokens_per_s": round(n_tokens / t_full)},
    }
    result["pipeline_vs_tokenizer"] = round(t_full / t_bare, 1)
    print(f"{len(texts)} articles, {n_tokens:,} tokens (best of {args.repeat})")
    print(f"{'':<22}{'articles/s':>12}{'tokens/s':>12}")
    for key in ("bare_tokenizer", "idnews_pipeline"):
        r = result[key]
        print(f"{key:<22}{r['articles_per_s']:>12,.1f}{r['tokens_per_s']:>12,}")
    print(f"full pipeline is {result['pipeline_vs_tokenizer']}x slower than the bare tokenizer")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
