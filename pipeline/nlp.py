"""Stage 2, tokenize and split sentences; builds the spaCy Language.

``build_nlp()`` returns ``spacy.blank("id")`` with Indonesian tokenizer
exceptions for abbreviations with periods (``H.``, ``Kab.``, ``S.Sos.``),
the sentence rules (``idnews_sentences``) and the recognizers, in order.

Tokenizer changes over spaCy's Indonesian defaults (data in ``pipeline/data/``):

- ``tokenizer_abbreviations.txt`` and ``tokenizer_degrees.txt``: forms such as
  ``Kab.``, ``Jl.``, ``Kompol.``, ``SE.``, ``S.IP.`` stay one token (their
  ALL-CAPS forms too); two degrees written together (``SE.MM.``,
  ``S.Sos.M.Si.``) are one token.
- ``Rp.900`` is ``Rp.`` + ``900`` (spaCy alone gives ``Rp`` + ``.900``); a
  trailing ``/`` (``Juta/ desa``) is split off.

Numbers (``0,7480``, ``5.300``, ``364.858.000``, ``24,4``) are kept whole by
spaCy's defaults; ``Rp`` before a number is its own token.

Statistical NER (``build_nlp(ner=True)``): the ``idnews_ner`` component runs the
shipped model ``models/id_news_ner`` (labels PER, ORG, LOC, DATE, QTY) on
``doc.text`` with the model's own tokenizer and sets ``doc._.entities`` to
``(start_char, end_char, label)`` tuples; it runs before the recognizers, which
may use the spans (the officials recognizer uses PER).  The model is loaded once,
when the component is added.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar, Optional, Union

import numpy
import regex
from spacy.attrs import ORTH, SENT_START
from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokenizer import Tokenizer
from spacy.util import registry

from . import components, lexicons

LOGGER = logging.getLogger(__name__)

#: Tokens that end a sentence.
SENTENCE_END = frozenset({".", "!", "?", "...", "…", "!?", "?!", "!!", "??"})
#: Closing quotation marks.
CLOSING_QUOTES = frozenset({"”", '"', "’", "'", "»"})
#: Abbreviations that may also be the last word of a sentence (``..., dan lain-lain.``).
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"dll.", "dsb.", "dst.", "dkk.", "tsb.", "Tbk.", "dll", "dsb"})

_EXTRA_PREFIXES = (r"Rp\.(?=\s*\d)", r"IDR\.(?=\s*\d)")
_EXTRA_SUFFIXES = (r"(?<=[^\W\d_]{2})/",)
#: "SE.,MM." (degrees run together with a comma) -> SE. , MM.
_EXTRA_INFIXES = (r"(?<=[^\W\d_]\.),(?=[^\W\d_])",)


@lru_cache(maxsize=1)
def _special_cases() -> tuple[str, ...]:
    """Every abbreviation form to keep as one token (as listed, and in ALL CAPS)."""
    forms: list[str] = []
    for name in ("tokenizer_abbreviations.txt", "tokenizer_degrees.txt"):
        for entry in lexicons.load_lines(name):
            forms.append(entry)
            forms.append(entry.upper())
    forms.extend(("Rp.", "RP."))
    return tuple(dict.fromkeys(f for f in forms if f and not any(c.isspace() for c in f)))


@lru_cache(maxsize=1)
def _degree_chain() -> regex.Pattern:
    """Two or more degrees written without a space (``SE.MM.``, ``S.Sos.M.Si.``), whole string."""
    forms: set[str] = set()
    for entry in lexicons.load_lines("tokenizer_degrees.txt"):
        forms.add(entry)
        forms.add(entry.upper())
    alt = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
    return regex.compile(rf"(?:{alt})(?:{alt})+")


class _IdNewsDefaults(Indonesian.Defaults):
    """spaCy's Indonesian defaults plus the news abbreviations, ``Rp.`` and degree chains."""

    tokenizer_exceptions: ClassVar[dict] = dict(Indonesian.Defaults.tokenizer_exceptions)
    prefixes = tuple(_EXTRA_PREFIXES) + tuple(Indonesian.Defaults.prefixes or ())
    suffixes = tuple(Indonesian.Defaults.suffixes or ()) + tuple(_EXTRA_SUFFIXES)
    infixes = tuple(Indonesian.Defaults.infixes or ()) + tuple(_EXTRA_INFIXES)


class IndonesianNews(Indonesian):
    """``spacy.blank("id")`` with the tokenizer changes above (built in one go: adding special
    cases one by one to a built tokenizer is slow)."""

    lang = "id"
    Defaults = _IdNewsDefaults


def _prepare_defaults() -> None:
    """Fill the defaults from the data files (once)."""
    if getattr(_IdNewsDefaults, "_idnews_ready", False):
        return
    exc = dict(Indonesian.Defaults.tokenizer_exceptions)
    for form in _special_cases():
        exc.setdefault(form, [{ORTH: form}])
    _IdNewsDefaults.tokenizer_exceptions = exc
    _IdNewsDefaults.token_match = _degree_chain().fullmatch
    _IdNewsDefaults._idnews_ready = True


@lru_cache(maxsize=1)
def _quote_cues() -> frozenset[str]:
    """Speech verbs written after a quote (``post`` entries of ``speech_verbs.txt``, owned by
    the quotes stage), lower-case; empty if that file is missing or changes its format."""
    try:
        lines = lexicons.load_lines("speech_verbs.txt")
    except (FileNotFoundError, OSError, UnicodeDecodeError):
        return frozenset()
    cues = set()
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[0] == "post":
            cues.add(parts[1].lower())
    return frozenset(cues)


def _is_quote_cue(word: str) -> bool:
    w = word.lower()
    cues = _quote_cues()
    return w in cues or (w.endswith("nya") and w[:-3] in cues)


def _starts_upper(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "“\"‘'(")


class _Tokens:
    """The token facts the sentence rules read, as plain lists (one pass over the Doc)."""

    __slots__ = ("text", "space", "ws")

    def __init__(self, doc: Doc) -> None:
        self.text = [t.text for t in doc]
        self.space = [t.is_space for t in doc]
        self.ws = [bool(t.whitespace_) for t in doc]


def _ends_sentence(toks: _Tokens, i: int) -> bool:
    """Does a sentence end after token ``i`` (its text only; line breaks are handled apart)?"""
    text = toks.text[i]
    n = len(toks.text)
    nxt = toks.text[i + 1] if i + 1 < n else None
    if text in SENTENCE_END:
        # a closing quote or bracket glued to the period decides: “... selesai.” kata dia
        return not (nxt is not None and not toks.ws[i] and nxt in CLOSING_QUOTES | {")"})
    if (text in CLOSING_QUOTES or text == ")") and i > 0:
        # “... selesai.” Lalu ...  (the quote closes a sentence; a lower-case cue continues it)
        prev = toks.text[i - 1]
        if not toks.ws[i - 1] and (prev in SENTENCE_END or prev[-1:] in "!?"):
            if nxt is None or not _next_word_upper(toks, i + 1):
                return False
            # “... selesai.” Ucap Hendri.  (a capitalised speech verb still attributes the quote)
            return not (text != ")" and not toks.space[i + 1] and _is_quote_cue(nxt))
        return False
    if text in SENTENCE_FINAL_ABBREVIATIONS and nxt is not None:
        return _next_word_upper(toks, i + 1)
    return False


def _next_word_upper(toks: _Tokens, j: int) -> bool:
    n = len(toks.text)
    while j < n and toks.space[j]:
        if "\n" in toks.text[j]:
            return True
        j += 1
    return j < n and _starts_upper(toks.text[j])


@Language.component("idnews_sentences", assigns=["token.is_sent_start"])
def sentence_rules(doc: Doc) -> Doc:
    """Sentence boundaries: after . ! ? (not after an abbreviation token), after a quote that
    closes a sentence, and at every line break.  Whitespace tokens (masked boilerplate) never
    start a sentence: they stay with the sentence before them.

    doc (Doc): the tokenized text.
    RETURNS (Doc): the same Doc with ``token.is_sent_start`` set on every token.
    """
    if not len(doc):
        return doc
    toks = _Tokens(doc)
    starts = numpy.full((len(doc), 1), -1, dtype="int64")  # SENT_START: 1 starts, -1 does not
    starts[0, 0] = 1
    pending = False  # the next real token starts a sentence
    seen_word = False
    for i, text in enumerate(toks.text):
        if i and not toks.space[i] and pending and seen_word:
            starts[i, 0] = 1
        if toks.space[i]:
            if "\n" in text or "\r" in text:
                pending = True
            continue
        if not seen_word:
            seen_word = True
            pending = False
        pending = _ends_sentence(toks, i)
    doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy's arrays are uint64 (-1 wraps)
    return doc


#: The shipped NER model's name (``pipeline.models.model_path``).
NER_MODEL = "id_news_ner"


class NerComponent:
    """Sets ``doc._.entities`` from the statistical NER model.

    In a pipeline the model is loaded into the pipeline's vocab (its floret vectors
    with it) and its components (``tok2vec``, ``ner``) run on the pipeline's Doc, so
    the text is tokenized once, by the pipeline's tokenizer; the model's own tokenizer
    is never built (building spaCy's Indonesian exceptions takes seconds).  Entities are
    stripped of surrounding whitespace and stored as ``(start_char, end_char, label)``
    indexing ``doc.text``.

    model (str | Path): a shipped model's name or a model directory.
    nlp (Language | None): the pipeline this component belongs to; ``None``: a
        stand-alone model with its own tokenizer (for :meth:`entities`).
    """

    def __init__(self, model: Union[str, Path] = NER_MODEL, nlp: Optional[Language] = None) -> None:
        import spacy

        from .models import model_path

        path = Path(model) if Path(str(model)).is_dir() else model_path(str(model))
        self.model_dir = path
        if nlp is None:
            self.ner_nlp = spacy.load(path)
        else:
            self.ner_nlp = spacy.load(
                path, vocab=nlp.vocab, exclude=["tokenizer"], config={"nlp": {"tokenizer": {"@tokenizers": NO_RULES_TOKENIZER}}}
            )
            self.ner_nlp.tokenizer = nlp.tokenizer  # :meth:`entities` tokenizes as the pipeline does
        self.pipes = [proc for _, proc in self.ner_nlp.pipeline]
        LOGGER.info("loaded NER model %s", path)

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """The model's entities in ``text``: ``(start_char, end_char, label)``.
        Not inside a memory zone of the pipeline (zones do not nest)."""
        if not text.strip():
            return []
        self.ner_nlp.max_length = max(self.ner_nlp.max_length, len(text) + 1)
        # The memory zone frees the strings this text adds to the vocab: without it a
        # long-running worker grows with the vocabulary of everything it has read.
        with self.ner_nlp.memory_zone():
            return _stripped_ents(self.ner_nlp(text))

    def __call__(self, doc: Doc) -> Doc:
        try:
            for proc in self.pipes:
                doc = proc(doc)
            _move_ents(doc)
        except Exception:  # the model must not lose the article: the rules still run
            LOGGER.exception("NER model failed")
            doc._.entities = []
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Batches of Docs through the model (faster than one at a time, same entities).
        If the batch fails, each Doc is tried alone (:meth:`__call__`)."""
        for group in _token_groups(list(docs), batch_size, NER_BATCH_TOKENS):
            try:
                batch: Iterable[Doc] = group
                for proc in self.pipes:
                    batch = proc.pipe(batch, batch_size=len(group))
                done = list(batch)
            except Exception:  # noqa: BLE001
                LOGGER.exception("NER model failed on a batch; trying its articles one by one")
                yield from (self(doc) for doc in group)
                continue
            for doc in done:
                _move_ents(doc)
                yield doc


#: Most tokens the NER model gets in one batch: the model's arrays grow with the batch, and a few
#: long articles together would raise a worker's peak memory for little gain in speed.
NER_BATCH_TOKENS = 4000


def _token_groups(docs: list[Doc], most_docs: int, most_tokens: int) -> Iterator[list[Doc]]:
    """Consecutive groups of ``docs``: at most ``most_docs`` Docs and, unless one Doc alone is
    longer, at most ``most_tokens`` tokens each."""
    group: list[Doc] = []
    tokens = 0
    for doc in docs:
        if group and (len(group) >= most_docs or tokens + len(doc) > most_tokens):
            yield group
            group, tokens = [], 0
        group.append(doc)
        tokens += len(doc)
    if group:
        yield group


def _move_ents(doc: Doc) -> None:
    """The model's entities to ``doc._.entities``; the Doc's own spans stay empty (the rules own them)."""
    doc._.entities = _stripped_ents(doc)
    doc.ents = ()


def _stripped_ents(doc: Doc) -> list[tuple[int, int, str]]:
    text = doc.text
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        s, e = ent.start_char, ent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, str(ent.label_)))
    return out


#: A tokenizer with no rules: the NER model's own is never used inside the pipeline.
NO_RULES_TOKENIZER = "idnews.no_rules_tokenizer.v1"


@registry.tokenizers(NO_RULES_TOKENIZER)
def _no_rules_tokenizer() -> Callable[[Language], Tokenizer]:
    return lambda nlp: Tokenizer(nlp.vocab)


def make_ner(nlp: Language, name: str, model: str) -> NerComponent:
    """Factory of :class:`NerComponent` (``nlp.add_pipe("idnews_ner")``)."""
    return NerComponent(model, nlp=nlp)


if not Language.has_factory("idnews_ner"):
    Language.factory("idnews_ner", assigns=["doc._.entities"], default_config={"model": NER_MODEL}, func=make_ner)


def build_nlp(
    recognizers: bool = True,
    ner: bool = False,
    ner_model: Optional[str] = None,
    backend: Optional[str] = None,
    stanza_dir: Optional[str] = None,
    stanza_sentences: str = "keep",
) -> Language:
    """Build the pipeline.

    recognizers (bool): add the recognizer components (False: tokens and
        sentences only).
    ner (bool): add ``idnews_ner`` (the statistical NER model, loaded here once)
        before the recognizers.
    ner_model (str | None): a model name or directory instead of the shipped one.
    backend (str | None): ``"spacy"`` (default, or ``$IDNEWS_BACKEND``) or ``"stanza"``:
        add ``idnews_stanza`` (lemmas, POS, dependency parses; needs ``idnews[stanza]``).
    stanza_dir (str | None): the stanza model folder (default: ``models/stanza_id``).
    stanza_sentences (str): ``"keep"`` our sentence rules, or ``"stanza"``'s splits.
    RETURNS (Language): the pipeline; ``nlp.max_length`` is left at spaCy's default.
    """
    _prepare_defaults()
    nlp = IndonesianNews()
    nlp.add_pipe("idnews_sentences")
    backend = backend or os.environ.get("IDNEWS_BACKEND", "spacy")
    if backend == "stanza":
        from .backends import stanza_backend  # noqa: F401  (registers idnews_stanza; imports stanza)

        nlp.add_pipe(
            "idnews_stanza",
            after="idnews_sentences",
            config={"model_dir": str(stanza_dir) if stanza_dir else None, "sentences": stanza_sentences},
        )
    elif backend != "spacy":
        raise ValueError(f"unknown backend {backend!r}: use 'spacy' or 'stanza'")
    if ner:
        nlp.add_pipe("idnews_ner", config={"model": str(ner_model or NER_MODEL)})
    if recognizers:
        for name in components.COMPONENT_NAMES:
            nlp.add_pipe(name)
    warm_tokenizer(nlp)
    return nlp


def warm_tokenizer(nlp: Language) -> None:
    """Tokenize the frequent chunks of news text (``tokenizer_warm_chunks.txt``) once, outside
    any memory zone: spaCy's tokenizer caches nothing inside a zone, so without this every
    common word would be split again in every article.  Tokens are the same either way."""
    try:
        chunks = lexicons.load_lines("tokenizer_warm_chunks.txt")
    except (FileNotFoundError, OSError) as e:
        LOGGER.warning("no tokenizer warm-up list (%s): tokenizing is slower, not different", e)
        return
    nlp.tokenizer(" ".join(chunks))
