"""Training recipes for the Indonesian NER model.

``prepare_corpora`` converts the shared NER corpora into DocBins in a work
folder (never in the repository). A *recipe* names the training, dev and test
files of one experiment:

* ``nergrit``: IndoNLU NERGrit train -> valid (model choice) -> test.
* ``nerugm-1`` .. ``nerugm-5``: IndoLEM NER-UGM fold k (train.0k / dev.0k / test.0k).
* ``idner``: idner-news-2k train / dev / test.
* ``news``: the shipped model: NERGrit train (dates and numbers left
  unannotated, see ``convert.mark_missing``) + NER-UGM fold 1 train; dev =
  NERGrit valid + NER-UGM dev.01; tested on NERGrit test and NER-UGM test.01.
* ``news-idner``: as ``news`` plus idner-news-2k train (PER/ORG/LOC, news) joined with the
  NER-UGM train.01 sentences it re-annotates (see ``write_idner_merge``); dev = NERGrit valid
  + NER-UGM dev.01 without idner train sentences; tested on NERGrit test only (idner-news-2k
  holds NER-UGM test sentences, so this model must not be scored on NER-UGM).

idner-news-2k and NER-UGM annotate the same sentences: only ``news-idner`` uses both, with
each shared sentence once (``convert.merge_same_sentences``).
``with_nergrit=True`` adds the (masked) NERGrit train set to the training data of
the NER-UGM and idner recipes.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Token

from .convert import convert_file, mark_missing, merge_same_sentences, write_docbin

LOGGER = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_DIR = REPO_ROOT / "configs"
DEFAULT_MODEL_DIR = REPO_ROOT / "models" / "id_news_ner"
DEFAULT_SHARED_NER = REPO_ROOT.parent / "shared" / "data" / "ner"
DEFAULT_WORKDIR = Path("/tmp/ner")

TIME_WORDS_FILE = Path(__file__).with_name("time_words.txt")

SOURCES: dict[str, dict[str, str]] = {
    "nergrit": {
        "train": "indonlu-nergrit/train_preprocess.txt",
        "dev": "indonlu-nergrit/valid_preprocess.txt",
        "test": "indonlu-nergrit/test_preprocess.txt",
    },
    "idner": {
        "train": "idner-news-2k/train.txt",
        "dev": "idner-news-2k/dev.txt",
        "test": "idner-news-2k/test.txt",
    },
    "nerugm": {f"{split}.0{k}": f"indolem-nerugm/{split}.0{k}.tsv"
               for split in ("train", "dev", "test") for k in range(1, 6)},
}
"""Corpus -> split -> file under the shared ``data/ner`` folder."""


@dataclass
class Recipe:
    """The data of one training run (paths relative to the corpus folder)."""

    name: str
    train: list[str]
    dev: list[str]
    tests: dict[str, str] = field(default_factory=dict)


def _time_words() -> frozenset[str]:
    lines = TIME_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip() for l in lines if l.strip() and not l.startswith("#"))


def is_date_or_number(token: Token) -> bool:
    """True for tokens that could be part of a date or quantity (digits, number words, day/month names)."""
    return token.like_num or token.lower_ in _time_words() or any(c.isdigit() for c in token.text)


def prepare_corpora(shared_ner: Path, workdir: Path) -> Path:
    """Convert every corpus split to ``<workdir>/corpus/<corpus>/<split>.spacy``.

    Also writes ``nergrit/train.masked.spacy`` (date/number tokens unannotated).
    RETURNS (Path): the corpus folder.
    """
    out = workdir / "corpus"
    nlp = spacy.blank("id")
    for corpus, splits in SOURCES.items():
        for split, rel in splits.items():
            src = shared_ner / rel
            if not src.exists():
                raise FileNotFoundError(f"missing corpus file {src}")
            docs = convert_file(src, out / corpus / f"{split}.spacy", vocab=nlp.vocab)
            if corpus == "nergrit" and split == "train":
                write_docbin(mark_missing(docs, is_date_or_number), out / corpus / "train.masked.spacy")
    write_idner_merge(out, nlp)
    LOGGER.info("corpora written to %s", out)
    return out


def write_idner_merge(corpus: Path, nlp) -> None:
    """Files for training on idner-news-2k train together with NER-UGM fold 1 (``merged/``).

    idner-news-2k re-annotates NER-UGM sentences with PER/ORG/LOC only. ``merge_same_sentences``
    gives each idner train sentence that is also in NER-UGM train.01 the NER-UGM DATE/QTY
    entities (other idner sentences get dates/numbers *missing*) and drops those twins from
    NER-UGM train.01: ``merged/idner_train.spacy`` + ``merged/nerugm_train.01.rest.spacy``.
    ``merged/nerugm_dev.01.noidner.spacy`` is NER-UGM dev.01 without the sentences that are in
    idner train (the model choice must not see training sentences).
    """
    from .evaluate import load_docbin

    idner = load_docbin(corpus / "idner" / "train.spacy", nlp)
    merged, rest = merge_same_sentences(idner, load_docbin(corpus / "nerugm" / "train.01.spacy", nlp),
                                        ["DATE", "QTY"], is_date_or_number)
    write_docbin(merged, corpus / "merged" / "idner_train.spacy")
    write_docbin(rest, corpus / "merged" / "nerugm_train.01.rest.spacy")
    seen = {tuple(t.text for t in d) for d in idner}
    dev = [d for d in load_docbin(corpus / "nerugm" / "dev.01.spacy", nlp) if tuple(t.text for t in d) not in seen]
    write_docbin(dev, corpus / "merged" / "nerugm_dev.01.noidner.spacy")


def get_recipe(name: str, with_nergrit: bool = False) -> Recipe:
    """The recipe called ``name`` (``nergrit``, ``nerugm-K``, ``idner``, ``news``, ``news-idner``)."""
    extra = ["nergrit/train.masked.spacy"] if with_nergrit else []
    if name == "nergrit":
        return Recipe(name, ["nergrit/train.spacy"], ["nergrit/dev.spacy"], {"nergrit": "nergrit/test.spacy"})
    if name.startswith("nerugm-"):
        k = int(name.split("-", 1)[1])
        return Recipe(name, [f"nerugm/train.0{k}.spacy", *extra], [f"nerugm/dev.0{k}.spacy"],
                      {f"nerugm-{k}": f"nerugm/test.0{k}.spacy"})
    if name == "idner":
        return Recipe(name, ["idner/train.spacy", *extra], ["idner/dev.spacy"], {"idner": "idner/test.spacy"})
    if name == "news":
        return Recipe(name, ["nergrit/train.masked.spacy", "nerugm/train.01.spacy"],
                      ["nergrit/dev.spacy", "nerugm/dev.01.spacy"],
                      {"nergrit": "nergrit/test.spacy", "nerugm-1": "nerugm/test.01.spacy"})
    if name == "news-idner":
        return Recipe(name, ["nergrit/train.masked.spacy", "merged/idner_train.spacy",
                             "merged/nerugm_train.01.rest.spacy"],
                      ["nergrit/dev.spacy", "merged/nerugm_dev.01.noidner.spacy"],
                      {"nergrit": "nergrit/test.spacy"})
    raise ValueError(f"unknown recipe {name!r}")


def _link_dir(files: list[Path], folder: Path) -> Path:
    """A folder holding (copies of) ``files``: spaCy's corpus reader takes a folder of .spacy files."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for i, f in enumerate(files):
        shutil.copy(f, folder / f"{i}_{f.name}")
    return folder


def init_floret_vectors(floret_file: Path, out_dir: Path) -> Path:
    """``spacy init vectors id <floret_file> <out_dir> --mode floret`` (a pipeline folder with the vectors)."""
    cmd = [sys.executable, "-m", "spacy", "init", "vectors", "id", str(floret_file), str(out_dir), "--mode", "floret"]
    subprocess.run(cmd, check=True)
    return out_dir


def pretrain_tok2vec(config: Path, raw_jsonl: Path, vectors: Path, out_dir: Path,
                     resume_path: Path | None = None) -> Path:
    """``spacy pretrain`` of the tok2vec (character objective, settings in ``config``'s [pretraining]).

    With ``resume_path``, pretraining continues from those weights for one more epoch
    (epoch 1, over ``raw_jsonl``).
    RETURNS (Path): the weights of the last epoch (``model<N>.bin``), for ``paths.init_tok2vec``.
    """
    cmd = [sys.executable, "-m", "spacy", "pretrain", str(config), str(out_dir),
           "--paths.raw_text", str(raw_jsonl), "--paths.vectors", str(vectors)]
    if resume_path is not None:
        cmd += ["--resume-path", str(resume_path), "--epoch-resume", "1", "--pretraining.max_epochs", "2"]
    subprocess.run(cmd, check=True)
    final = sorted(out_dir.glob("model*.bin"), key=lambda p: p.stat().st_mtime)
    if not final:
        raise FileNotFoundError(f"spacy pretrain wrote no weights in {out_dir}")
    return final[-1]


def train_recipe(recipe: Recipe, corpus_dir: Path, run_dir: Path, config: Path,
                 vectors: Path | None = None, overrides: dict | None = None) -> Path:
    """Train one recipe with ``config``; RETURNS (Path) the ``model-best`` folder."""
    from spacy.cli.train import train as spacy_train

    train_dir = _link_dir([corpus_dir / f for f in recipe.train], run_dir / "train_data")
    dev_dir = _link_dir([corpus_dir / f for f in recipe.dev], run_dir / "dev_data")
    ovr = {"paths.train": str(train_dir), "paths.dev": str(dev_dir)}
    if vectors is not None:
        ovr["paths.vectors"] = str(vectors)
    ovr.update(overrides or {})
    LOGGER.info("training %s with %s, overrides %s", recipe.name, config.name, ovr)
    spacy_train(config, run_dir / "output", use_gpu=-1, overrides=ovr)
    return run_dir / "output" / "model-best"


def install_model(model_best: Path, dest: Path = DEFAULT_MODEL_DIR, name: str = "news_ner",
                  version: str = "0.1.0", description: str = "") -> Path:
    """Copy a trained pipeline to ``dest`` and set its meta (name, version, description)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(model_best, dest)
    nlp = spacy.load(dest)
    nlp.meta.update({"name": name, "version": version, "description": description or nlp.meta.get("description", "")})
    nlp.to_disk(dest)
    _clear_work_paths(dest / "config.cfg")
    return dest


def _clear_work_paths(config_file: Path) -> None:
    """Set the [paths] of a shipped config to null (they point into the work folder, unused by spacy.load)."""
    lines = config_file.read_text(encoding="utf-8").splitlines()
    out, in_paths = [], False
    for line in lines:
        if line.startswith("["):
            in_paths = line.strip() == "[paths]"
        elif in_paths and " = " in line:
            line = line.split(" = ", 1)[0] + " = null"
        out.append(line)
    config_file.write_text("\n".join(out) + "\n", encoding="utf-8")
