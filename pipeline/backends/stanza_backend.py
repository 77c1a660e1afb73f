"""Optional stanza backend: sentences, lemmas, POS, morphology and dependency parses.

stanza has Indonesian tokenize, mwt, pos, lemma and depparse models (UD) but no Indonesian NER;
this backend uses it for what spaCy's blank ``id`` pipeline lacks, for attributing quotes and
event roles.  It is optional: ``import pipeline`` never imports this module, and importing this
module does not import stanza or torch (:func:`load_stanza` does).

Install (torch first, the CPU wheel; any other torch pulls a multi-GB CUDA build)::

    pip install torch==2.13.0
    pip install 'idnews[stanza]'        # stanza>=1.9

Models are never downloaded at run time.  :func:`load_stanza` takes either

- a *flat* folder as written by ``scripts/train_stanza.py`` (the repository ships a small one in
  ``models/stanza_id/``): ``tokenize.pt`` and any of ``mwt.pt``, ``pos.pt``, ``lemma.pt``,
  ``depparse.pt``, with ``pretrain.pt`` (word vectors) for ``pos`` and ``depparse``; or
- a stanza resources folder, as made by ``stanza.download("id", model_dir=DIR)`` on a machine
  with internet access and copied over: ``DIR/resources.json`` and ``DIR/id/...``.

The spaCy component ``idnews_stanza`` (config ``model_dir``, ``processors``) runs the stanza
pipeline on ``doc.text`` and writes its results onto the spaCy tokens whose character span is
exactly a stanza token's span: ``token.lemma_``, ``token.pos_``, ``token.tag_``, ``token.morph``,
``token.head``/``token.dep_`` and so sentence starts (a multi-word token such as ``bukunya`` =
``buku`` + ``nya`` gets the values of its syntactic head word, ``buku``).  spaCy tokens with no
stanza token of the same span (different tokenization, whitespace of masked boilerplate) are left
as they are: no lemma or POS, and a *missing* head (``dep_ == ""``).  Text is processed one line
at a time, so a sentence never crosses a line break (as with ``idnews_sentences``).  With config
``sentences="keep"`` stanza does not split sentences: each sentence already on the Doc (from
``idnews_sentences``, which knows news abbreviations such as ``Kab.``) is analysed alone, and the
parse keeps those boundaries.

    >>> nlp = build_nlp(recognizers=False)
    >>> nlp.add_pipe("idnews_stanza", after="idnews_sentences", config={"model_dir": "models/stanza_id"})
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import regex
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc

from . import STANZA_FACTORY

LOGGER = logging.getLogger(__name__)

#: Environment variable naming the model folder when no ``model_dir`` is given.
ENV_MODEL_DIR = "IDNEWS_STANZA_DIR"
#: The small model trained by ``scripts/train_stanza.py`` (present in a repository checkout).
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "stanza_id"
#: Processors in pipeline order, with their file in a flat model folder.
PROCESSOR_FILES = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}
PRETRAIN_FILE = "pretrain.pt"
#: What each processor needs before it (in a flat folder); "pretrain" is ``pretrain.pt``.
_NEEDS = {
    "tokenize": (),
    "mwt": ("tokenize",),
    "pos": ("tokenize", "pretrain"),
    "lemma": ("tokenize", "pos"),
    "depparse": ("tokenize", "pos", "lemma", "pretrain"),
}
INSTALL_HINT = "pip install torch==2.13.0 first (the CPU wheel), then pip install 'idnews[stanza]'"
#: How sentence boundaries are decided (see :func:`annotate`).
SENTENCE_MODES = ("stanza", "keep")
#: Runs of text between line breaks (stanza is run on each; offsets are kept).
_LINE = regex.compile(r"[^\n\r]+")


class StanzaBackendError(RuntimeError):
    """stanza is not installed, or no usable Indonesian stanza models were found."""


@dataclass(frozen=True)
class StanzaModels:
    """What was found in a model folder.

    kind: ``"flat"`` (files named as in :data:`PROCESSOR_FILES`) or ``"resources"`` (a stanza
        resources folder with ``resources.json``).
    processors: the processors to run, in pipeline order.
    paths: for a flat folder, the stanza ``*_model_path``/``*_pretrain_path`` arguments.
    """

    directory: Path
    kind: str
    processors: tuple[str, ...]
    paths: dict[str, str] = field(default_factory=dict)


def resolve_model_dir(model_dir: str | Path | None = None) -> Path:
    """``model_dir``, else ``$IDNEWS_STANZA_DIR``, else the repository's ``models/stanza_id``."""
    if model_dir:
        return Path(model_dir).expanduser()
    env = os.environ.get(ENV_MODEL_DIR)
    return Path(env).expanduser() if env else DEFAULT_MODEL_DIR


def find_models(model_dir: str | Path | None = None, processors: str | None = None) -> StanzaModels:
    """Inspect a model folder; raise :class:`StanzaBackendError` naming what is missing.

    model_dir: the folder (see :func:`resolve_model_dir` for the default).
    processors: comma-separated processors wanted (default: every one available).
    """
    directory = resolve_model_dir(model_dir)
    wanted = _parse_processors(processors)
    expected = (
        f"expected {PROCESSOR_FILES['tokenize']} (and any of mwt.pt, pos.pt, lemma.pt, depparse.pt, "
        f"with {PRETRAIN_FILE} for pos/depparse), or a stanza resources folder (resources.json and id/) "
        "made with stanza.download('id', model_dir=DIR) where the internet is reachable; "
        "scripts/train_stanza.py builds a small one from UD data"
    )
    if not directory.is_dir():
        raise StanzaBackendError(f"no Indonesian stanza models under {directory}: the folder does not exist; {expected}")
    if (directory / "resources.json").is_file() and (directory / "id").is_dir():
        procs = wanted or tuple(PROCESSOR_FILES)
        return StanzaModels(directory, "resources", procs)
    available = {name for name, fname in PROCESSOR_FILES.items() if (directory / fname).is_file()}
    if (directory / PRETRAIN_FILE).is_file():
        available.add("pretrain")
    if "tokenize" not in available:
        raise StanzaBackendError(f"no Indonesian stanza models under {directory}: {PROCESSOR_FILES['tokenize']} is missing; {expected}")
    usable: list[str] = []
    for name in PROCESSOR_FILES:
        if name not in available:
            continue
        missing = [need for need in _NEEDS[name] if need not in available or (need != "pretrain" and need not in usable)]
        if missing:
            LOGGER.warning("stanza %s model in %s not used: it needs %s", name, directory, ", ".join(missing))
            continue
        usable.append(name)
    if wanted:
        absent = [name for name in wanted if name not in usable]
        if absent:
            raise StanzaBackendError(
                f"no Indonesian stanza models under {directory} for {', '.join(absent)} "
                f"(usable here: {', '.join(usable)}); {expected}"
            )
        usable = [name for name in usable if name in wanted]
    paths = {f"{name}_model_path": str(directory / PROCESSOR_FILES[name]) for name in usable}
    for name in ("pos", "depparse"):
        if name in usable:
            paths[f"{name}_pretrain_path"] = str(directory / PRETRAIN_FILE)
    return StanzaModels(directory, "flat", tuple(usable), paths)


def _parse_processors(processors: str | None) -> tuple[str, ...]:
    if not processors:
        return ()
    names = tuple(p.strip().lower() for p in processors.split(",") if p.strip())
    unknown = [p for p in names if p not in PROCESSOR_FILES]
    if unknown:
        raise StanzaBackendError(f"unknown stanza processors {unknown}; known: {', '.join(PROCESSOR_FILES)}")
    return names


def _import_stanza() -> Any:
    try:
        import stanza
    except ImportError as exc:  # stanza itself, or torch under it
        raise StanzaBackendError(f"stanza is not installed: {INSTALL_HINT} ({exc})") from exc
    return stanza


def load_stanza(
    model_dir: str | Path | None = None,
    processors: str | None = None,
    num_threads: int | None = None,
    split_sentences: bool = True,
) -> Any:
    """Build an Indonesian ``stanza.Pipeline`` from local files only (never downloads).

    model_dir: a flat model folder or a stanza resources folder (default: see
        :func:`resolve_model_dir`).
    processors: comma-separated subset (default: every processor whose model is there).
    num_threads: if given, ``torch.set_num_threads(num_threads)``.
    split_sentences: False: stanza does not split sentences (``tokenize_no_ssplit``); each text
        it is given is one sentence (see ``sentences="keep"`` of :func:`annotate`).
    RETURNS (stanza.Pipeline): the pipeline, on CPU.
    Raises :class:`StanzaBackendError` when stanza/torch are not installed or models are missing.
    """
    stanza = _import_stanza()
    models = find_models(model_dir, processors)
    if num_threads:
        import torch

        torch.set_num_threads(num_threads)
    common = {
        "lang": "id",
        "processors": ",".join(models.processors),
        "download_method": None,
        "use_gpu": False,
        "tokenize_pretokenized": False,
        "tokenize_no_ssplit": not split_sentences,
        "logging_level": "WARN",
    }
    LOGGER.info("loading stanza %s from %s", ",".join(models.processors), models.directory)
    try:
        if models.kind == "resources":
            return stanza.Pipeline(dir=str(models.directory), **common)
        # a flat folder has no resources.json: give stanza an empty one and every path explicitly
        with tempfile.TemporaryDirectory(prefix="idnews_stanza_") as tmp:
            resources = Path(tmp) / "resources.json"
            resources.write_text(json.dumps({}), encoding="utf-8")
            # (ERROR: stanza would warn that "id" is not in this empty resources file)
            return stanza.Pipeline(
                dir=str(models.directory),
                resources_filepath=str(resources),
                allow_unknown_language=True,
                **{**common, "logging_level": "ERROR"},
                **models.paths,
            )
    except (FileNotFoundError, KeyError, ValueError) as exc:
        raise StanzaBackendError(f"no usable Indonesian stanza models under {models.directory}: {exc}") from exc


def _chunks(doc: Doc, sentences: str) -> list[tuple[int, str]]:
    """(offset, text) pieces to analyse: each line with a word (``"stanza"``), or each part of
    a line within one of the doc's sentences (``"keep"``), whitespace trimmed."""
    text = doc.text
    if sentences == "keep" and doc.has_annotation("SENT_START"):
        bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]
    else:
        bounds = [(0, len(text))]
    out: list[tuple[int, str]] = []
    for lo, hi in bounds:
        for m in _LINE.finditer(text, lo, hi):
            chunk = m.group()
            stripped = chunk.strip()
            if stripped:
                out.append((m.start() + (len(chunk) - len(chunk.lstrip())), stripped))
    return out


def _stanza_docs(nlp: Any, chunks: list[tuple[int, str]]) -> list[tuple[int, Any]]:
    """stanza Documents for each chunk, with the chunk's offset.

    A ``stanza.Pipeline`` gets all chunks in one ``bulk_process`` call; any other callable
    (a test double) is called on each chunk's string.
    """
    if not chunks:
        return []
    bulk = getattr(nlp, "bulk_process", None)
    if bulk is None:
        docs = [nlp(chunk) for _, chunk in chunks]
    else:
        from stanza.models.common.doc import Document

        docs = bulk([Document([], text=chunk) for _, chunk in chunks])
    return [(start, sdoc) for (start, _), sdoc in zip(chunks, docs)]


def _head_word(token: Any) -> Any:
    """The word of a (multi-word) stanza token whose head lies outside the token."""
    words = token.words
    if len(words) == 1:
        return words[0]
    ids = {w.id for w in words}
    for word in words:
        if getattr(word, "head", None) is None or word.head not in ids:
            return word
    return words[0]


def _break_cycles(heads: numpy.ndarray, deps: list[str]) -> None:
    """Make heads a forest: a cycle (possible when a multi-word token's words have heads on both
    sides of another token) is cut by giving one of its tokens a missing head."""
    n = len(heads)
    state = [0] * n  # 0 unvisited, 1 on the current path, 2 done
    for start in range(n):
        path = []
        i = start
        while state[i] == 0:
            state[i] = 1
            path.append(i)
            if heads[i] == i:
                break
            i = int(heads[i])
        if state[i] == 1 and heads[i] != i:  # came back onto the current path: a cycle
            heads[i] = i
            deps[i] = ""
        for j in path:
            state[j] = 2


def annotate(doc: Doc, stanza_nlp: Any, sentences: str = "stanza") -> Doc:
    """Write stanza's analysis of ``doc.text`` onto ``doc`` (see the module docstring).

    doc (Doc): a tokenized spaCy Doc (any earlier sentence boundaries are replaced where
        stanza has a parse; without depparse, sentence starts are set from stanza's sentences).
    stanza_nlp: a ``stanza.Pipeline`` (from :func:`load_stanza`).
    sentences: ``"stanza"``: stanza splits each line into sentences; ``"keep"``: each of the
        doc's sentences (e.g. from ``idnews_sentences``) is given to stanza alone, for a
        pipeline loaded with ``split_sentences=False``, so the boundaries stay the doc's.
    RETURNS (Doc): the same Doc.
    """
    if sentences not in SENTENCE_MODES:
        raise ValueError(f"sentences must be one of {SENTENCE_MODES}, not {sentences!r}")
    by_span = {(t.idx, t.idx + len(t.text)): t.i for t in doc if not t.is_space}
    n = len(doc)
    heads = numpy.arange(n, dtype="int64")  # absolute; self = root or missing
    deps = [""] * n
    values: dict[int, Any] = {}  # spaCy index -> stanza word carrying its values
    sent_first: set[int] = set()
    aligned: set[int] = set()
    has_parse = False
    n_tokens = n_aligned = 0
    for offset, sdoc in _stanza_docs(stanza_nlp, _chunks(doc, sentences)):
        for sent in sdoc.sentences:
            word_to_tok: dict[int, int] = {}  # stanza word id -> spaCy index (aligned only)
            first = True
            for token in sent.tokens:
                n_tokens += 1
                i = by_span.get((offset + token.start_char, offset + token.end_char))
                if i is None:
                    first = False
                    continue
                n_aligned += 1
                aligned.add(i)
                if first:
                    sent_first.add(i)
                    first = False
                for word in token.words:
                    word_to_tok[word.id] = i
                values[i] = _head_word(token)
            for i_tok in sorted(set(word_to_tok.values())):
                word = values[i_tok]
                head = getattr(word, "head", None)
                if head is None:
                    continue
                has_parse = True
                if head == 0:
                    deps[i_tok] = "ROOT"
                elif head in word_to_tok and word_to_tok[head] != i_tok:
                    heads[i_tok] = word_to_tok[head]
                    deps[i_tok] = word.deprel or "dep"
                # else: the head is in a token spaCy splits differently -> missing head
    if n_tokens:
        LOGGER.debug("stanza: %d of %d tokens aligned with spaCy's", n_aligned, n_tokens)
    if has_parse:
        _break_cycles(heads, deps)
        rel = (heads - numpy.arange(n, dtype="int64")).astype("int64")
        arr = numpy.zeros((n, 2), dtype="uint64")
        arr[:, 0] = rel.astype("uint64")
        arr[:, 1] = [doc.vocab.strings.add(d) if d else 0 for d in deps]
        doc.from_array([HEAD, DEP], arr)
    elif sent_first:
        for token in doc:
            if token.i == 0:
                token.is_sent_start = True
            elif token.i in aligned or token.is_space:
                token.is_sent_start = token.i in sent_first
    for i, word in values.items():
        token = doc[i]
        if getattr(word, "upos", None):
            token.pos_ = word.upos
        if getattr(word, "xpos", None):
            token.tag_ = word.xpos
        if getattr(word, "lemma", None):
            token.lemma_ = word.lemma
        if getattr(word, "feats", None):
            token.set_morph(word.feats)
    return doc


class StanzaComponent:
    """The ``idnews_stanza`` spaCy component (holds the loaded stanza pipeline)."""

    def __init__(self, stanza_nlp: Any, sentences: str = "stanza") -> None:
        if sentences not in SENTENCE_MODES:
            raise ValueError(f"sentences must be one of {SENTENCE_MODES}, not {sentences!r}")
        self.stanza_nlp = stanza_nlp
        self.sentences = sentences

    def __call__(self, doc: Doc) -> Doc:
        return annotate(doc, self.stanza_nlp, self.sentences)


@Language.factory(
    STANZA_FACTORY,
    default_config={"model_dir": None, "processors": None, "sentences": "stanza"},
    assigns=["token.is_sent_start", "token.lemma", "token.pos", "token.tag", "token.morph", "token.dep", "token.head"],
)
def make_stanza_component(
    nlp: Language, name: str, model_dir: str | None, processors: str | None, sentences: str
) -> StanzaComponent:
    """spaCy factory: load the stanza pipeline once (raises :class:`StanzaBackendError`).

    model_dir: model folder (default: ``$IDNEWS_STANZA_DIR``, else ``models/stanza_id``).
    processors: comma-separated subset of tokenize,mwt,pos,lemma,depparse (default: all found).
    sentences: ``"stanza"`` (stanza splits sentences) or ``"keep"`` (the sentences already on
        the Doc, e.g. from ``idnews_sentences``, are kept and parsed one by one).
    """
    if sentences not in SENTENCE_MODES:
        raise ValueError(f"sentences must be one of {SENTENCE_MODES}, not {sentences!r}")
    return StanzaComponent(load_stanza(model_dir, processors, split_sentences=sentences == "stanza"), sentences)
