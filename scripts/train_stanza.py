"""Train a small Indonesian stanza pipeline (tokenize, mwt, lemma, pos, depparse) from local UD data.

Reproducible, CPU only, one thread, a few minutes per model (about 30 minutes in all on a busy
2-core machine: tokenizer 11, pos 10, lemma 5, depparse 3, pretrain 1.5, mwt 0.5).
Everything goes through stanza's own data preparation and training entry points (``stanza.utils.datasets.prepare_*_treebank`` and
``stanza.utils.training.run_*``); this script only lays out the data the way they expect, builds
a small word-vector pretrain file (gensim word2vec over unlabelled text) and copies the results
into ``models/stanza_id/``.

Data (``../shared/data`` next to the repository, or ``--shared``):

- ``ud/UD_Indonesian-CSUI`` train (656 sentences, news) + ``ud/UD_Indonesian-GSD`` dev (559;
  the GSD train file is not available here) are pooled; every 8th sentence is held out as the
  development set stanza needs for model selection; the test set is CSUI test (news).
  GSD test is scored as a second, out-of-domain test set by ``evaluate``.
- The pretrain: word2vec (50 dimensions, lower-cased, most frequent 15k words) over the UD
  training sentences, the NER corpora's sentences and the CLICK-ID news text (no UD test text).

Usage (from the repository root)::

    pip install torch==2.13.0 && pip install 'stanza>=1.9' gensim
    python scripts/train_stanza.py all            # prepare, pretrain, train, package, evaluate
    python scripts/train_stanza.py evaluate       # score models/stanza_id on the UD test sets

Stages can be run one by one: ``prepare``, ``pretrain``, ``tokenize``, ``mwt``, ``lemma``,
``pos``, ``depparse`` (its data is retagged with the trained pos model, as stanza does by
default), ``package`` (weights stored as float16: 13 MB in all), ``evaluate`` (raw text of
the CSUI and GSD test sets through the packaged pipeline, CoNLL 2018 scores, ``scores.json``).
Work files go to ``--work`` (default ``/tmp/idnews_stanza_train``).  Threads are limited to one (``OMP_NUM_THREADS=1``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

LOGGER = logging.getLogger("train_stanza")

REPO = Path(__file__).resolve().parents[1]
TREEBANK = "UD_Indonesian-IDNEWS"
SHORT = "id_idnews"

#: Training budget per model (steps or epochs) and model sizes small enough to ship (< 20 MB).
#: (pos batch_size counts sentences, depparse batch_size counts words.)
TOKENIZE_ARGS = ["--steps", "600", "--max_steps_before_stop", "300", "--eval_steps", "100"]
MWT_ARGS = ["--num_epoch", "10"]
LEMMA_ARGS = ["--num_epoch", "4", "--batch_size", "100", "--hidden_dim", "100", "--emb_dim", "50"]
POS_ARGS = [
    "--max_steps", "250", "--eval_interval", "50", "--batch_size", "32",
    "--hidden_dim", "100", "--char_hidden_dim", "100", "--deep_biaff_hidden_dim", "150",
    "--composite_deep_biaff_hidden_dim", "50", "--word_emb_dim", "50",
]
DEPPARSE_ARGS = [
    "--max_steps", "250", "--eval_interval", "50", "--batch_size", "1000",
    "--hidden_dim", "150", "--char_hidden_dim", "100", "--deep_biaff_hidden_dim", "100",
    "--num_layers", "2", "--word_emb_dim", "50",
]
PRETRAIN_DIM = 50
PRETRAIN_VOCAB = 15000

_TOKEN_RE = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]", re.UNICODE)


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATA_ROOT=str(work / "data"),
        UDBASE=str(work / "ud"),
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        STANZA_RESOURCES_DIR=str(work / "stanza_resources"),
    )
    return env


def _run(work: Path, module: str, *args: str) -> None:
    cmd = [sys.executable, "-m", module, *args]
    LOGGER.info("$ %s", " ".join(cmd))
    start = time.time()
    subprocess.run(cmd, check=True, cwd=work, env=_env(work))
    LOGGER.info("%s done in %.0f s", module, time.time() - start)


def _sentences(path: Path) -> list[str]:
    """CoNLL-U sentence blocks (comments included), without the trailing blank line."""
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    return [b.strip("\n") for b in blocks if b.strip()]


def prepare(work: Path, shared: Path) -> None:
    """Lay out train/dev/test as a UD treebank and run stanza's data preparation for each model."""
    ud = shared / "data" / "ud"
    pooled = _sentences(ud / "UD_Indonesian-CSUI" / "id_csui-ud-train.conllu")
    pooled += _sentences(ud / "UD_Indonesian-GSD" / "id_gsd-ud-dev.conllu")
    train = [s for i, s in enumerate(pooled) if i % 8 != 7]
    dev = [s for i, s in enumerate(pooled) if i % 8 == 7]
    test = _sentences(ud / "UD_Indonesian-CSUI" / "id_csui-ud-test.conllu")
    out = work / "ud" / TREEBANK
    out.mkdir(parents=True, exist_ok=True)
    for split, sents in (("train", train), ("dev", dev), ("test", test)):
        (out / f"{SHORT}-ud-{split}.conllu").write_text("\n\n".join(sents) + "\n\n", encoding="utf-8")
    shutil.copy(ud / "UD_Indonesian-GSD" / "id_gsd-ud-test.conllu", work / "gsd_test.conllu")
    LOGGER.info("train %d, dev %d, test %d sentences", len(train), len(dev), len(test))
    _run(work, "stanza.utils.datasets.prepare_tokenizer_treebank", TREEBANK)
    _run(work, "stanza.utils.datasets.prepare_mwt_treebank", TREEBANK)
    _run(work, "stanza.utils.datasets.prepare_lemma_treebank", TREEBANK, "--no_lemma_classifier", "--gold")
    _run(work, "stanza.utils.datasets.prepare_pos_treebank", TREEBANK)


def _corpus(shared: Path, work: Path) -> Iterator[list[str]]:
    """Lower-cased token lists: UD train, NER corpora, CLICK-ID news (no UD test text)."""
    for sent in _sentences(work / "ud" / TREEBANK / f"{SHORT}-ud-train.conllu"):
        words = [ln.split("\t")[1] for ln in sent.splitlines() if re.match(r"^\d+\t", ln)]
        yield [w.lower() for w in words]
    for path in sorted((shared / "data" / "ner").rglob("*")):
        if path.suffix not in {".txt", ".tsv"} or "test" in path.name or not path.is_file():
            continue
        words: list[str] = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if not parts:
                if words:
                    yield words
                words = []
            elif len(parts) >= 2 and not line.startswith("#"):
                words.append(parts[0].lower())
        if words:
            yield words
    news = shared / "data" / "news" / "clickid.jsonl.gz"
    if news.exists():
        with gzip.open(news, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                for para in re.split(r"(?<=[.!?])\s+", text):
                    toks = _TOKEN_RE.findall(para.lower())
                    if len(toks) > 3:
                        yield toks


def pretrain(work: Path, shared: Path) -> Path:
    """word2vec (gensim) -> text vectors -> stanza Pretrain ``.pt`` (limited vocabulary)."""
    from gensim.models import Word2Vec  # training-time dependency only
    from stanza.models.common.pretrain import Pretrain

    sents = list(_corpus(shared, work))
    LOGGER.info("word2vec over %d sentences", len(sents))
    model = Word2Vec(sents, vector_size=PRETRAIN_DIM, window=5, min_count=3, workers=1, epochs=5,
                     max_final_vocab=PRETRAIN_VOCAB, seed=1)
    vec = work / "id_w2v.txt"
    model.wv.save_word2vec_format(str(vec), binary=False)
    out = work / "id_idnews_pretrain.pt"
    if out.exists():
        out.unlink()
    pt = Pretrain(str(out), str(vec), max_vocab=PRETRAIN_VOCAB)
    pt.load()  # builds and saves the .pt
    LOGGER.info("pretrain: %d words, %s", len(pt.vocab), out)
    return out


def _pt(work: Path) -> str:
    return str(work / "id_idnews_pretrain.pt")


def train_tokenize(work: Path) -> None:
    _run(work, "stanza.utils.training.run_tokenizer", SHORT, "--no_charlm", *TOKENIZE_ARGS)


def train_mwt(work: Path) -> None:
    _run(work, "stanza.utils.training.run_mwt", SHORT, *MWT_ARGS)


def train_lemma(work: Path) -> None:
    _run(work, "stanza.utils.training.run_lemma", SHORT, "--no_charlm", *LEMMA_ARGS)


def train_pos(work: Path) -> None:
    _run(work, "stanza.utils.training.run_pos", SHORT, "--no_charlm",
         "--wordvec_pretrain_file", _pt(work), *POS_ARGS)


def train_depparse(work: Path) -> None:
    """Depparse data retagged with the trained POS model (stanza's default, predicted tags)."""
    tagger = sorted((work / "saved_models" / "pos").glob(f"{SHORT}*tagger.pt"))
    tag_args = ["--predicted", "--tagger_model", str(tagger[0])] if tagger else ["--gold"]
    _run(work, "stanza.utils.datasets.prepare_depparse_treebank", TREEBANK, *tag_args,
         "--wordvec_pretrain_file", _pt(work), "--no_charlm")
    _run(work, "stanza.utils.training.run_depparse", SHORT, "--no_charlm",
         "--wordvec_pretrain_file", _pt(work), *DEPPARSE_ARGS)


#: (saved_models subfolder, file glob, shipped name)
_PACKAGE = (
    ("tokenize", f"{SHORT}*tokenizer.pt", "tokenize.pt"),
    ("mwt", f"{SHORT}*mwt_expander.pt", "mwt.pt"),
    ("lemma", f"{SHORT}*lemmatizer.pt", "lemma.pt"),
    ("pos", f"{SHORT}*tagger.pt", "pos.pt"),
    ("depparse", f"{SHORT}*parser.pt", "depparse.pt"),
)


def _copy_half(src: Path, dst: Path) -> None:
    """Copy a stanza model file with its float32 weights stored as float16 (half the size).

    stanza loads them into its float32 modules (``load_state_dict`` casts), so nothing else
    changes; ``evaluate`` scores the shipped files.
    """
    import torch

    data = torch.load(src, map_location="cpu", weights_only=False)
    state = data.get("model") if isinstance(data, dict) else None
    if isinstance(state, dict):
        for key, value in state.items():
            if torch.is_tensor(value) and value.dtype == torch.float32:
                state[key] = value.half()
        torch.save(data, dst)
    else:
        shutil.copy(src, dst)


def package(work: Path, dest: Path) -> None:
    """Copy the trained models and the pretrain into ``dest`` under the names the backend reads."""
    dest.mkdir(parents=True, exist_ok=True)
    for sub, pattern, name in _PACKAGE:
        found = [p for p in sorted((work / "saved_models" / sub).glob(pattern)) if "checkpoint" not in p.name]
        if not found:
            LOGGER.warning("no %s model in %s", sub, work / "saved_models" / sub)
            continue
        _copy_half(found[0], dest / name)
    shutil.copy(_pt(work), dest / "pretrain.pt")
    # an empty resources file: lets plain stanza.Pipeline(dir=dest, download_method=None) start
    (dest / "resources.json").write_text("{}\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in dest.glob("*.pt"))
    LOGGER.info("packaged into %s: %.1f MB", dest, total / 1e6)


def evaluate(dest: Path, work: Path, shared: Path) -> dict[str, dict[str, float]]:
    """Run the packaged pipeline on raw test text and score with the CoNLL 2018 evaluation script."""
    import torch
    from stanza.models.common.utils import (
        ud_scores,  # the CoNLL 2018 evaluation (udtools)
    )
    from stanza.utils.conll import CoNLL

    sys.path.insert(0, str(REPO))
    from pipeline.backends.stanza_backend import load_stanza

    torch.set_num_threads(1)
    nlp = load_stanza(dest)
    ud = shared / "data" / "ud"
    results: dict[str, dict[str, float]] = {}
    for name, gold in (("CSUI test", ud / "UD_Indonesian-CSUI" / "id_csui-ud-test.conllu"),
                       ("GSD test", ud / "UD_Indonesian-GSD" / "id_gsd-ud-test.conllu")):
        text = "\n\n".join(
            ln[len("# text = "):] for ln in gold.read_text(encoding="utf-8").splitlines() if ln.startswith("# text = ")
        )
        start = time.time()
        doc = nlp(text)
        pred = work / f"pred_{gold.stem}.conllu"
        CoNLL.write_doc2conll(doc, str(pred))
        scores = ud_scores(str(gold), str(pred))
        row = {m: round(100 * scores[m].f1, 2) for m in ("Tokens", "Sentences", "Words", "UPOS", "Lemmas", "UAS", "LAS")}
        row["seconds"] = round(time.time() - start, 1)
        results[name] = row
        LOGGER.info("%s: %s", name, row)
    (work / "scores.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if dest.is_dir():
        (dest / "scores.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=["all", "prepare", "pretrain", "tokenize", "mwt", "lemma", "pos",
                                          "depparse", "package", "evaluate"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/idnews_stanza_train"))
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--dest", type=Path, default=REPO / "models" / "stanza_id")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    stages = {
        "prepare": lambda: prepare(work, args.shared),
        "pretrain": lambda: pretrain(work, args.shared),
        "tokenize": lambda: train_tokenize(work),
        "mwt": lambda: train_mwt(work),
        "lemma": lambda: train_lemma(work),
        "pos": lambda: train_pos(work),
        "depparse": lambda: train_depparse(work),
        "package": lambda: package(work, args.dest),
        "evaluate": lambda: evaluate(args.dest, work, args.shared),
    }
    for name in stages if args.stage == "all" else [args.stage]:
        stages[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
