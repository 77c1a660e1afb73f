"""Batch throughput and memory on real scraped news (``../shared/data/news``).

    python benchmarks/scale.py throughput [--articles 5000]
    python benchmarks/scale.py memory [--sizes 1000 20000]
    python benchmarks/scale.py robustness          # all of clickid + indosum-dev

throughput: articles/s and tokens/s of ``idnews extract`` with 1 and 2
workers over the first N CLICK-ID articles, beside two references timed in the
same run on the same texts: spaCy's bare Indonesian tokenizer, and ``nlp.pipe``
with only the project's NER model (when ``models/id_news_ner`` exists).

memory: peak resident memory of the largest process (the extracting process,
or the biggest worker) for runs over inputs of growing size.

robustness: every article of ``clickid.jsonl.gz`` (21,966) and of the five
``indosum-dev`` folds (3,463 unique; tokens joined into text) goes through
``idnews extract --workers 2``; prints records + errors = inputs, and the time.

Results are printed and written as JSON to ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
CLICKID = NEWS / "clickid.jsonl.gz"
INDOSUM = NEWS / "indosum-dev"
RESULTS = REPO / "benchmarks" / "results"


def clickid_subset(n: int, dest: Path) -> list[str]:
    """The first ``n`` CLICK-ID articles written to ``dest`` (JSONL); returns their texts."""
    texts = []
    with gzip.open(CLICKID, "rt", encoding="utf-8") as src, open(dest, "w", encoding="utf-8") as out:
        for line in src:
            if len(texts) >= n:
                break
            obj = json.loads(line)
            out.write(json.dumps({"article": obj["article"], "url": obj.get("url"), "title": obj.get("title"), "text": obj["text"]}) + "\n")
            texts.append(obj["text"])
    return texts


def indosum_jsonl(dest: Path) -> int:
    """The unique indosum-dev articles as JSONL with running text (tokens joined)."""
    seen = set()
    with open(dest, "w", encoding="utf-8") as out:
        for path in sorted(INDOSUM.glob("dev.0*.jsonl")):
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    obj = json.loads(line)
                    if obj["id"] in seen:
                        continue
                    seen.add(obj["id"])
                    paras = ["\n".join(" ".join(sent) for sent in para) for para in obj["paragraphs"]]
                    out.write(json.dumps({"article": obj["id"], "url": obj.get("source_url"), "text": "\n\n".join(paras)}) + "\n")
    return len(seen)


def run_extract(inputs: list[Path], out: Path, workers: int, extra: list[str] | None = None) -> dict:
    """Run ``idnews extract`` in a child; time it and read the child tree's peak RSS."""
    cmd = [sys.executable, str(Path(__file__).with_name("_peak.py")), sys.executable, "-m", "pipeline.cli", "extract",
           *map(str, inputs), "-o", str(out), "-q", "--workers", str(workers), *(extra or [])]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak = json.loads(proc.stdout.strip().splitlines()[-1])
    records = sum(1 for _ in open(out, encoding="utf-8"))
    errors_file = out.with_name(out.name.replace(".jsonl", ".errors.jsonl"))
    errors = sum(1 for _ in open(errors_file, encoding="utf-8")) if errors_file.exists() else 0
    return {"workers": workers, "seconds": round(seconds, 2), "records": records, "errors": errors,
            "exit": peak["exit"], "peak_rss_mb": peak["peak_rss_mb"]}


def throughput(n: int) -> dict:
    import spacy

    tmp = Path(tempfile.mkdtemp(prefix="idnews-bench-"))
    src = tmp / "clickid.jsonl"
    texts = clickid_subset(n, src)
    bare = spacy.blank("id")
    t0 = time.perf_counter()
    n_tokens = sum(len(d) for d in bare.tokenizer.pipe(texts, batch_size=256))
    t_bare = time.perf_counter() - t0
    result = {"articles": len(texts), "tokens": n_tokens,
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
              "bare_tokenizer": _rates(len(texts), n_tokens, t_bare)}
    model = REPO / "models" / "id_news_ner"
    if model.exists():
        nlp = spacy.load(model)
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        result["ner_only"] = _rates(len(texts), n_tokens, time.perf_counter() - t0)
    for w in (1, 2):
        run = run_extract([src], tmp / f"w{w}.jsonl", w)
        run.update(_rates(len(texts), n_tokens, run["seconds"]))
        result[f"idnews_{w}_worker{'s' if w > 1 else ''}"] = run
    w1, w2 = result["idnews_1_worker"], result["idnews_2_workers"]
    result["speedup_2_vs_1"] = round(w2["articles_per_s"] / w1["articles_per_s"], 2)
    if "ner_only" in result:
        result["pipeline_vs_ner_only"] = round(w1["articles_per_s"] / result["ner_only"]["articles_per_s"], 2)
    return result


def _rates(articles: int, tokens: int, seconds: float) -> dict:
    return {"seconds": round(seconds, 2), "articles_per_s": round(articles / seconds, 1), "tokens_per_s": round(tokens / seconds)}


def memory(sizes: list[int], workers: int = 1) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="idnews-mem-"))
    out = {}
    for n in sizes:
        src = tmp / f"in{n}.jsonl"
        clickid_subset(n, src)
        out[str(n)] = run_extract([src], tmp / f"out{n}.jsonl", workers)
    return out


def robustness() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="idnews-rob-"))
    indosum = tmp / "indosum-dev.jsonl"
    n_indosum = indosum_jsonl(indosum)
    n_click = sum(1 for _ in gzip.open(CLICKID, "rt", encoding="utf-8"))
    run = run_extract([CLICKID, indosum], tmp / "all.jsonl", 2)
    run["inputs"] = n_click + n_indosum
    run["clickid"] = n_click
    run["indosum_dev"] = n_indosum
    run["accounted_for"] = run["records"] + run["errors"] == run["inputs"]
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--articles", type=int, default=5000)
    m = sub.add_parser("memory")
    m.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    m.add_argument("--workers", type=int, default=1)
    sub.add_parser("robustness")
    args = ap.parse_args()
    if not CLICKID.exists():
        sys.exit(f"needs the shared news data at {NEWS}")
    if args.what == "throughput":
        result = throughput(args.articles)
    elif args.what == "memory":
        result = memory(args.sizes, args.workers)
    else:
        result = robustness()
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.what}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
