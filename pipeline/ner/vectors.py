"""Static word vectors for the NER model, trained on unlabelled Indonesian news.

``write_raw_text`` turns the unlabelled corpora into one tokenized sentence-ish
line per paragraph (tokens from spaCy's Indonesian tokenizer, case kept, so the
vector keys match the ``ORTH`` of the tokens the NER model sees).
``train_floret`` trains compact floret vectors (fastText with a small hashed
subword table, so every word, also an unseen one, gets a vector) with the
``floret`` package from PyPI (optional: ``pip install idnews[train]``).

No NER-UGM or idner-news-2k sentences are used (their sentences are test data
in one setting or another); NERGrit *train* and the UD train/dev sentences are.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import spacy

from .convert import read_conll

LOGGER = logging.getLogger(__name__)


def _clickid_texts(path: Path) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for part in (row.get("title") or "", row.get("text") or ""):
                for para in part.split("\n"):
                    if para.strip():
                        yield para.strip()


def _indosum_texts(folder: Path) -> Iterator[list[str]]:
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                for para in row["paragraphs"]:
                    yield from para


def _conllu_sentences(path: Path) -> Iterator[list[str]]:
    words: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words
                words = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    words.append(cols[1])
    if words:
        yield words


def write_raw_text(shared_data: Path, out: Path) -> int:
    """Write the raw corpus for vector training; one tokenized paragraph a line.

    shared_data (Path): the ``shared/data`` folder (holds ``news/``, ``ner/``, ``ud/``).
    out (Path): output text file.
    RETURNS (int): number of tokens written.
    """
    nlp = spacy.blank("id")
    n_tokens = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        clickid = shared_data / "news" / "clickid.jsonl.gz"
        if clickid.exists():
            for doc in nlp.tokenizer.pipe(_clickid_texts(clickid), batch_size=1000):
                toks = [t.text for t in doc if not t.is_space]
                n_tokens += len(toks)
                fh.write(" ".join(toks) + "\n")
        indosum = shared_data / "news" / "indosum-dev"
        sentence_sources: list[Iterator[list[str]]] = []
        if indosum.exists():
            sentence_sources.append(_indosum_texts(indosum))
        for conllu in sorted((shared_data / "ud").glob("*/*.conllu")):
            if "-test" not in conllu.name:
                sentence_sources.append(_conllu_sentences(conllu))
        nergrit = shared_data / "ner" / "indonlu-nergrit" / "train_preprocess.txt"
        if nergrit.exists():
            sentence_sources.append(words for words, _ in read_conll(nergrit))
        for source in sentence_sources:
            for words in source:
                words = [w.replace(" ", "_") for w in words if w.strip()]
                n_tokens += len(words)
                fh.write(" ".join(words) + "\n")
    LOGGER.info("wrote %d tokens to %s", n_tokens, out)
    return n_tokens


def train_floret(raw: Path, out_prefix: Path, dim: int = 100, bucket: int = 25000,
                 epoch: int = 5, min_count: int = 5, threads: int = 1) -> Path:
    """Train floret vectors (cbow, char 4-5-grams, 2 hashes) and save them in floret's text format.

    raw (Path): tokenized text, one paragraph a line.
    out_prefix (Path): output prefix; writes ``<prefix>.floret``.
    RETURNS (Path): the ``.floret`` file, for ``spacy init vectors --mode floret``.
    """
    import floret  # optional dependency (train extra)

    model = floret.train_unsupervised(
        str(raw), model="cbow", mode="floret", hashCount=2, bucket=bucket,
        minn=4, maxn=5, minCount=min_count, dim=dim, epoch=epoch, thread=threads,
    )
    path = out_prefix.with_suffix(".floret")
    model.save_floret_vectors(str(path))
    LOGGER.info("saved floret vectors %s", path)
    return path


def write_pretrain_jsonl(raw: Path, out: Path, min_tokens: int = 8, seed: int = 0,
                         max_tokens: int = 2_300_000, skip_tokens: int = 0) -> int:
    """Shuffle the raw lines (fixed seed) into ``{"text": ...}`` JSONL for ``spacy pretrain``.

    Only the first lines up to ``max_tokens`` whitespace tokens are kept (one
    pretraining epoch over ~2.3M tokens takes ~6 minutes on one thread;
    spaCy's ``JsonlCorpus`` has no working ``limit``).

    With ``skip_tokens`` > 0 the file holds instead the lines that bring the
    running token count into ``(skip_tokens, max_tokens]``: text the first
    pretraining run (cut at ~2.3M tokens) has not seen, for a second epoch
    resumed from its weights (``python -m pipeline.ner.commands pretrain --resume``).

    RETURNS (int): number of lines written.
    """
    import random

    lines = [l.strip() for l in raw.read_text(encoding="utf-8").splitlines() if len(l.split()) >= min_tokens]
    random.Random(seed).shuffle(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_tokens = n_lines = 0
    with out.open("w", encoding="utf-8") as fh:
        for line in lines:
            if skip_tokens:
                n_tokens += len(line.split())
                if skip_tokens < n_tokens <= max_tokens:
                    fh.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
                    n_lines += 1
                continue
            if n_tokens >= max_tokens:
                break
            fh.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
            n_tokens += len(line.split())
            n_lines += 1
    return n_lines
