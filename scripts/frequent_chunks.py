"""Write ``pipeline/data/tokenizer_warm_chunks.txt``: the 5,000 most frequent whitespace-separated
chunks of CLICK-ID articles 10,000-12,999 (``../shared/data/news/clickid.jsonl.gz``, CC BY 4.0).

The pipeline tokenizes these once when it loads (outside any memory zone), so spaCy's tokenizer
cache and the vocab hold them for good; inside the per-batch memory zones the tokenizer caches
nothing, and without the warm-up every common word is split again in every article.  The first
5,000 CLICK-ID articles (the throughput benchmark's) are not used.

    python scripts/frequent_chunks.py
"""

from __future__ import annotations

import collections
import gzip
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "data" / "news" / "clickid.jsonl.gz"
OUT = REPO / "pipeline" / "data" / "tokenizer_warm_chunks.txt"


def main(first: int = 10_000, last: int = 13_000, keep: int = 5_000) -> None:
    counts: collections.Counter[str] = collections.Counter()
    with gzip.open(SOURCE, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= last:
                break
            if i >= first:
                counts.update(json.loads(line)["text"].split())
    chunks = [c for c, _ in counts.most_common() if not c.startswith("#")][:keep]
    header = "# Frequent chunks of news text, tokenized once at load to fill the tokenizer cache (scripts/frequent_chunks.py)\n"
    OUT.write_text(header + "\n".join(chunks) + "\n", encoding="utf-8")
    print(f"{len(chunks)} chunks -> {OUT}")


if __name__ == "__main__":
    main()
