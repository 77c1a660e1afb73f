"""Click commands to train and evaluate the Indonesian NER model.

The lead attaches ``train_ner`` and ``eval_ner`` to the ``idnews`` CLI
(``idnews train-ner`` / ``idnews eval-ner``). Meanwhile::

    python -m pipeline.ner.commands train [--recipe news] [--vectors-file F.floret]
    python -m pipeline.ner.commands eval  [--model models/id_news_ner]
    python -m pipeline.ner.commands vectors          # raw text + floret vectors
    python -m pipeline.ner.commands pretrain         # spacy pretrain of the tok2vec
    python -m pipeline.ner.commands cv               # NER-UGM 5 folds

Training and evaluation use one thread (numpy/BLAS limited to 1 thread).
Work files (DocBins, runs, vectors) go to ``--workdir`` (default ``/tmp/ner``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import click

from . import evaluate as ev
from . import train as tr

LOGGER = logging.getLogger(__name__)

_shared_opt = click.option("--shared-ner", type=click.Path(path_type=Path), default=tr.DEFAULT_SHARED_NER,
                           show_default=True, help="the shared data/ner folder")
_workdir_opt = click.option("--workdir", type=click.Path(path_type=Path), default=tr.DEFAULT_WORKDIR,
                            show_default=True, help="work folder for DocBins, runs and vectors")

DEFAULT_CONFIG = tr.CONFIG_DIR / "ner_cnn_floret_pretrain.cfg"
DEFAULT_VECTORS = "vectors/id_news_floret.floret"


def _vectors_dir(workdir: Path, vectors_file: Path | None, build: bool = True) -> Path:
    """spaCy vectors pipeline for a .floret file (built once, cached in the work folder).

    Without ``vectors_file``, the default vectors in the work folder are used and,
    if absent and ``build`` is true, trained first (raw text + floret, ~15 min).
    """
    vf = vectors_file or workdir / DEFAULT_VECTORS
    if not vf.exists() and vectors_file is None and build:
        from .vectors import train_floret, write_raw_text

        raw = workdir / "raw" / "raw.txt"
        if not raw.exists():
            write_raw_text(tr.DEFAULT_SHARED_NER.parent, raw)
        train_floret(raw, workdir / DEFAULT_VECTORS.replace(".floret", ""))
    if not vf.exists():
        raise click.ClickException(f"{vf} not found: run `python -m pipeline.ner.commands vectors` first")
    out = workdir / "vectors" / (vf.stem + "_spacy")
    if not (out / "config.cfg").exists():
        tr.init_floret_vectors(vf, out)
    return out


@click.command("vectors")
@click.option("--shared-data", type=click.Path(path_type=Path), default=tr.DEFAULT_SHARED_NER.parent,
              show_default=True)
@_workdir_opt
@click.option("--dim", default=100, show_default=True)
@click.option("--bucket", default=25000, show_default=True, help="floret hash rows (model size ~ dim*bucket*4 bytes)")
@click.option("--epoch", default=5, show_default=True)
def build_vectors(shared_data: Path, workdir: Path, dim: int, bucket: int, epoch: int) -> None:
    """Build the raw text and train floret vectors on it (needs the `floret` package)."""
    from .vectors import train_floret, write_raw_text

    raw = workdir / "raw" / "raw.txt"
    if not raw.exists():
        write_raw_text(shared_data, raw)
    path = train_floret(raw, workdir / DEFAULT_VECTORS.replace(".floret", ""), dim=dim, bucket=bucket, epoch=epoch)
    click.echo(f"vectors: {path}")


@click.command("pretrain")
@_workdir_opt
@click.option("--config", type=click.Path(path_type=Path), default=tr.CONFIG_DIR / "ner_cnn_floret_pretrain.cfg",
              show_default=True)
@click.option("--vectors-file", type=click.Path(path_type=Path), default=None)
@click.option("--resume", type=click.Path(path_type=Path), default=None,
              help="continue from these weights (e.g. <workdir>/pretrain/model0.temp.bin) for one more epoch "
                   "over raw tokens 2.5M-6M (unseen by the first run); output <workdir>/pretrain2")
def pretrain(workdir: Path, config: Path, vectors_file: Path | None, resume: Path | None) -> None:
    """`spacy pretrain` the tok2vec on the raw news text (run `vectors` first); prints the weights path."""
    from .vectors import write_pretrain_jsonl

    if resume is None:
        raw_jsonl, out, extra = workdir / "raw" / "pretrain.jsonl", workdir / "pretrain", {}
        if not raw_jsonl.exists():
            write_pretrain_jsonl(workdir / "raw" / "raw.txt", raw_jsonl)
    else:
        raw_jsonl, out = workdir / "raw" / "pretrain_cont.jsonl", workdir / "pretrain2"
        extra = {"resume_path": resume}
        if not raw_jsonl.exists():
            write_pretrain_jsonl(workdir / "raw" / "raw.txt", raw_jsonl, skip_tokens=2_500_000, max_tokens=6_000_000)
    weights = tr.pretrain_tok2vec(config, raw_jsonl, _vectors_dir(workdir, vectors_file), out, **extra)
    click.echo(f"pretrained tok2vec: {weights}")


def _init_tok2vec(workdir: Path, config: Path, init_tok2vec: Path | None, vectors: Path | None) -> dict:
    """Overrides for ``paths.init_tok2vec``: the given weights, or (for a config with a
    [pretraining] section) the latest ``<workdir>/pretrain/model*.bin``, pretraining first if there is none."""
    if init_tok2vec is None and "[pretraining]" in config.read_text(encoding="utf-8"):
        found = sorted((workdir / "pretrain").glob("model*.bin"), key=lambda p: p.stat().st_mtime)
        if found:
            init_tok2vec = found[-1]
        elif vectors is not None:
            from .vectors import write_pretrain_jsonl

            raw_jsonl = workdir / "raw" / "pretrain.jsonl"
            if not raw_jsonl.exists():
                write_pretrain_jsonl(workdir / "raw" / "raw.txt", raw_jsonl)
            init_tok2vec = tr.pretrain_tok2vec(config, raw_jsonl, vectors, workdir / "pretrain")
    if init_tok2vec is not None:
        LOGGER.info("tok2vec initialised from %s", init_tok2vec)
        return {"paths.init_tok2vec": str(init_tok2vec)}
    return {}


def _print_scores(name: str, scores: ev.NERScores) -> None:
    click.echo(f"\n== {name} ==")
    click.echo(scores.table())


def _evaluate_model(model: Path, tests: dict[str, Path], speed_texts: list[str] | None = None) -> dict:
    import spacy

    ev.set_single_thread()
    nlp = spacy.load(model)
    result: dict = {"model": str(model), "tests": {}}
    for name, path in tests.items():
        scores = ev.evaluate_docs(nlp, ev.load_docbin(path, nlp))
        _print_scores(name, scores)
        result["tests"][name] = scores.as_dict()
    if speed_texts:
        speed = ev.measure_speed(nlp, speed_texts)
        click.echo(f"\nspeed (1 thread, {int(speed['tokens'])} tokens): "
                   f"pipeline {speed['pipeline_cpu_wps']:,.0f} tok/s per CPU-second "
                   f"({speed['pipeline_wps']:,.0f} wall-clock), "
                   f"bare tokenizer {speed['tokenizer_cpu_wps']:,.0f} tok/s per CPU-second "
                   f"({speed['tokenizer_wps']:,.0f} wall-clock); ratio {speed['ratio']:.3f}")
        result["speed"] = speed
    return result


def _speed_texts(corpus_dir: Path, repeat: int = 3) -> list[str]:
    """Sentences of all test sets joined as plain text (for the speed figure)."""
    import spacy

    nlp = spacy.blank("id")
    texts = []
    for path in sorted(corpus_dir.glob("*/test*.spacy")):
        texts.extend(d.text for d in ev.load_docbin(path, nlp))
    return texts * repeat


@click.command("train-ner")
@_shared_opt
@_workdir_opt
@click.option("--recipe", default="news", show_default=True,
              help="news (shipped model) | news-idner | nergrit | idner | nerugm-1..5")
@click.option("--config", type=click.Path(path_type=Path), default=DEFAULT_CONFIG, show_default=True)
@click.option("--vectors-file", type=click.Path(path_type=Path), default=None,
              help=f"a .floret file (default <workdir>/{DEFAULT_VECTORS}); ignored if the config has no static vectors")
@click.option("--with-nergrit/--no-nergrit", default=False, show_default=True,
              help="add NERGrit train to the nerugm-K / idner recipes")
@click.option("--init-tok2vec", type=click.Path(path_type=Path), default=None,
              help="pretrained tok2vec weights (default for a config with [pretraining]: latest "
                   "<workdir>/pretrain/model*.bin, made by `pretrain` if absent)")
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="install the trained model here (default for recipe news: models/id_news_ner)")
@click.option("--evaluate/--no-evaluate", default=True, show_default=True, help="score the test sets afterwards")
def train_ner(shared_ner: Path, workdir: Path, recipe: str, config: Path, vectors_file: Path | None,
              with_nergrit: bool, init_tok2vec: Path | None, output: Path | None, evaluate: bool) -> None:
    """Convert the corpora, train RECIPE with CONFIG, install and evaluate the model."""
    corpus = tr.prepare_corpora(shared_ner, workdir)
    rec = tr.get_recipe(recipe, with_nergrit=with_nergrit)
    uses_vectors = "include_static_vectors = true" in config.read_text(encoding="utf-8")
    vectors = _vectors_dir(workdir, vectors_file) if uses_vectors else None
    overrides = _init_tok2vec(workdir, config, init_tok2vec, vectors)
    best = tr.train_recipe(rec, corpus, workdir / "runs" / recipe, config, vectors, overrides)
    if output is None and recipe == "news":
        output = tr.DEFAULT_MODEL_DIR
    model = tr.install_model(best, output) if output is not None else best
    click.echo(f"model: {model}")
    if evaluate:
        res = _evaluate_model(model, {n: corpus / p for n, p in rec.tests.items()})
        (workdir / "runs" / recipe / "test_scores.json").write_text(json.dumps(res, indent=1), encoding="utf-8")


@click.command("cv")
@_shared_opt
@_workdir_opt
@click.option("--config", type=click.Path(path_type=Path), default=DEFAULT_CONFIG, show_default=True)
@click.option("--vectors-file", type=click.Path(path_type=Path), default=None)
@click.option("--with-nergrit/--no-nergrit", default=False, show_default=True)
@click.option("--init-tok2vec", type=click.Path(path_type=Path), default=None)
@click.option("--folds", default="1,2,3,4,5", show_default=True)
@click.option("--max-epochs", default=None, type=int, help="override training.max_epochs (shorter runs)")
def cv_nerugm(shared_ner: Path, workdir: Path, config: Path, vectors_file: Path | None, with_nergrit: bool,
              init_tok2vec: Path | None, folds: str, max_epochs: int | None) -> None:
    """NER-UGM cross-validation: train and test each fold, print the per-fold and average F1."""
    corpus = tr.prepare_corpora(shared_ner, workdir)
    uses_vectors = "include_static_vectors = true" in config.read_text(encoding="utf-8")
    vectors = _vectors_dir(workdir, vectors_file) if uses_vectors else None
    overrides: dict = {"training.max_epochs": max_epochs} if max_epochs else {}
    overrides.update(_init_tok2vec(workdir, config, init_tok2vec, vectors))
    import spacy

    per_fold = {}
    for k in [int(x) for x in folds.split(",")]:
        rec = tr.get_recipe(f"nerugm-{k}", with_nergrit=with_nergrit)
        best = tr.train_recipe(rec, corpus, workdir / "runs" / f"cv{k}", config, vectors, overrides)
        nlp = spacy.load(best)
        scores = ev.evaluate_docs(nlp, ev.load_docbin(corpus / rec.tests[f"nerugm-{k}"], nlp))
        _print_scores(f"NER-UGM fold {k} test", scores)
        per_fold[k] = scores.as_dict()
    click.echo(f"\n== NER-UGM {len(per_fold)}-fold average ==")
    labels = sorted(next(iter(per_fold.values()))["per_label"])
    for lab in labels:
        click.echo(f"{lab:<8}F1 {sum(f['per_label'][lab]['f'] for f in per_fold.values()) / len(per_fold):6.2f}")
    click.echo(f"{'micro':<8}F1 {sum(f['micro']['f'] for f in per_fold.values()) / len(per_fold):6.2f}")
    click.echo(f"{'macro':<8}F1 {sum(f['macro_f'] for f in per_fold.values()) / len(per_fold):6.2f}")
    (workdir / "cv_nerugm.json").write_text(json.dumps(per_fold, indent=1), encoding="utf-8")


@click.command("eval-ner")
@_shared_opt
@_workdir_opt
@click.option("--model", type=click.Path(path_type=Path), default=None,
              help="model directory (default: the shipped models/id_news_ner, also when installed)")
@click.option("--test", "tests", multiple=True,
              help="NAME=corpus/split.spacy under <workdir>/corpus (default: the shipped model's tests)")
@click.option("--speed/--no-speed", default=True, show_default=True)
def eval_ner(shared_ner: Path, workdir: Path, model: Path, tests: tuple[str, ...], speed: bool) -> None:
    """Per-label P/R/F1, micro F1, F1 averaged over labels, and tokens/s on one thread."""
    if model is None:
        from ..models import model_path

        model = model_path("id_news_ner")
    corpus = tr.prepare_corpora(shared_ner, workdir)
    if tests:
        chosen = {t.split("=", 1)[0]: corpus / t.split("=", 1)[1] for t in tests}
    else:
        chosen = {n: corpus / p for n, p in tr.get_recipe("news").tests.items()}
    res = _evaluate_model(model, chosen, _speed_texts(corpus) if speed else None)
    click.echo(json.dumps(res, indent=1))


@click.group()
def cli() -> None:
    """Indonesian NER model: vectors, train, cv, eval."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


cli.add_command(build_vectors, "vectors")
cli.add_command(pretrain, "pretrain")
cli.add_command(train_ner, "train")
cli.add_command(cv_nerugm, "cv")
cli.add_command(eval_ner, "eval")

if __name__ == "__main__":
    cli()
