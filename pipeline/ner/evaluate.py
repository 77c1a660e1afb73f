"""Entity-level evaluation (conlleval style) and speed measurement for the NER model.

Scores are exact-match entity scores: a predicted entity counts only if its
start token, end token and label equal a gold entity's. Per label we report
precision, recall and F1; ``micro`` pools all entities (spaCy's ``ents_f``);
``macro`` is the unweighted mean of the per-label F1 over the labels of the
test set (IndoNLU's ``tm_f1`` from ``utils/metrics.py::ner_metrics_fn``: the
conlleval per-type F1 averaged over types). Predictions with labels the test
set does not annotate (e.g. ``DATE`` on NERGrit, which has no dates) are
ignored, since the test set cannot say whether they are right.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

LOGGER = logging.getLogger(__name__)

Ent = tuple[int, int, int, str]
"""An entity occurrence: (doc index, start token, end token, label)."""


@dataclass
class LabelScore:
    """Counts and scores for one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class NERScores:
    """Per-label, micro and macro (over labels) entity scores."""

    per_label: dict[str, LabelScore] = field(default_factory=dict)

    @property
    def micro(self) -> LabelScore:
        tot = LabelScore()
        for s in self.per_label.values():
            tot.tp += s.tp
            tot.fp += s.fp
            tot.fn += s.fn
        return tot

    @property
    def macro_f(self) -> float:
        """Unweighted mean of per-label F1 (IndoNLU's metric)."""
        if not self.per_label:
            return 0.0
        return sum(s.f for s in self.per_label.values()) / len(self.per_label)

    def as_dict(self) -> dict:
        """Plain dict (percentages rounded to 2 decimals) for JSON output."""
        def pct(x: float) -> float:
            return round(100 * x, 2)
        m = self.micro
        return {
            "per_label": {k: {"p": pct(v.p), "r": pct(v.r), "f": pct(v.f), "n_gold": v.tp + v.fn}
                          for k, v in sorted(self.per_label.items())},
            "micro": {"p": pct(m.p), "r": pct(m.r), "f": pct(m.f)},
            "macro_f": pct(self.macro_f),
        }

    def table(self) -> str:
        """Human-readable table."""
        lines = [f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}"]
        for k, v in sorted(self.per_label.items()):
            lines.append(f"{k:<8}{100*v.p:8.2f}{100*v.r:8.2f}{100*v.f:8.2f}{v.tp+v.fn:7d}")
        m = self.micro
        lines.append(f"{'micro':<8}{100*m.p:8.2f}{100*m.r:8.2f}{100*m.f:8.2f}{m.tp+m.fn:7d}")
        lines.append(f"{'macro':<8}{'':8}{'':8}{100*self.macro_f:8.2f}")
        return "\n".join(lines)


def score_entities(gold: Iterable[Ent], pred: Iterable[Ent], labels: Sequence[str] | None = None) -> NERScores:
    """Exact-match entity scores.

    gold, pred: entity occurrences (doc index, start, end, label).
    labels: the labels to score (default: the labels present in ``gold``);
        predictions of other labels are ignored.
    """
    gold_set, pred_set = set(gold), set(pred)
    labs = sorted(set(labels) if labels is not None else {e[3] for e in gold_set})
    scores = NERScores({lab: LabelScore() for lab in labs})
    for e in pred_set:
        if e[3] in scores.per_label:
            if e in gold_set:
                scores.per_label[e[3]].tp += 1
            else:
                scores.per_label[e[3]].fp += 1
    for e in gold_set - pred_set:
        if e[3] in scores.per_label:
            scores.per_label[e[3]].fn += 1
    return scores


def doc_ents(docs: Iterable[Doc]) -> list[Ent]:
    """Entity occurrences of a sequence of docs."""
    return [(i, e.start, e.end, e.label_) for i, doc in enumerate(docs) for e in doc.ents]


def evaluate_docs(nlp: Language, gold_docs: Sequence[Doc], labels: Sequence[str] | None = None) -> NERScores:
    """Run ``nlp`` over the gold docs' tokens (gold tokenization kept) and score its entities."""
    texts = (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold_docs)
    preds = list(nlp.pipe(texts, batch_size=256))
    return score_entities(doc_ents(gold_docs), doc_ents(preds), labels)


def set_single_thread() -> None:
    """Limit numpy/BLAS to one thread (for speed figures on one core)."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-not-found]
        threadpool_limits(1)
    except ImportError:  # pragma: no cover - optional
        pass


def measure_speed(nlp: Language, texts: Sequence[str], repeat: int = 1) -> dict[str, float]:
    """Tokens per second of the full pipeline and of the bare tokenizer, on the same texts, same run.

    Both wall-clock rates (``*_wps``) and rates per second of this process's
    CPU time (``*_cpu_wps``) are given: with one thread the CPU-time rate is the
    speed on one core, and it is not lowered by other processes competing for
    the cores (the wall-clock rate is).

    RETURNS (dict): ``tokens``, ``pipeline_wps``, ``tokenizer_wps``, ``pipeline_cpu_wps``,
        ``tokenizer_cpu_wps``, ``ratio`` (pipeline / tokenizer, CPU time).
    """
    texts = list(texts) * repeat
    list(nlp.pipe(texts[:50]))  # warm-up

    def timed(fn) -> tuple[int, float, float]:
        w0, c0 = time.perf_counter(), time.process_time()
        n = fn()
        return n, time.perf_counter() - w0, time.process_time() - c0

    n_tok, w_tok, c_tok = timed(lambda: sum(len(d) for d in nlp.tokenizer.pipe(texts, batch_size=256)))
    n_pipe, w_pipe, c_pipe = timed(lambda: sum(len(d) for d in nlp.pipe(texts, batch_size=256)))

    def rate(n: int, t: float) -> float:
        return n / t if t else 0.0

    return {
        "tokens": float(n_pipe),
        "pipeline_wps": rate(n_pipe, w_pipe),
        "tokenizer_wps": rate(n_tok, w_tok),
        "pipeline_cpu_wps": rate(n_pipe, c_pipe),
        "tokenizer_cpu_wps": rate(n_tok, c_tok),
        "ratio": rate(n_pipe, c_pipe) / rate(n_tok, c_tok) if rate(n_tok, c_tok) else 0.0,
    }


def load_docbin(path: Path, nlp: Language) -> list[Doc]:
    """Docs of a ``.spacy`` file."""
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(nlp.vocab))
