"""Convert the labelled Indonesian NER corpora to spaCy ``DocBin`` files.

Input formats (all one token a line, blank line between sentences, LF or CRLF):

* ``token<TAB>tag``  (IndoNLU NERGrit, IndoLEM NER-UGM)
* ``token UPOS tag`` (idner-news-2k; the middle column is ignored)

The token is the first column and the tag the last one.

IOB repair: the corpora are meant to be IOB2 but are not always. An ``I-X``
that follows ``O``, the start of the sentence, or a tag of another type starts a
new entity (as conlleval does); an ``I-X`` after ``B-X``/``I-X`` continues it.

Label mapping (one label set for all corpora, chosen for the project's fields):

======================================  ======  ==========================
corpus tag                              label   project field
======================================  ======  ==========================
PER, PERSON                             PER     person / official
ORG, ORGANIZATION, ORGANISATION         ORG     organisation / agency
LOC, LOCATION, PLACE                    LOC     place
TIME                                    DATE    date (``9 Juli 2014``, ``Sabtu``)
QUANTITY                                QTY     metric / number (``188 orang``)
======================================  ======  ==========================

TIME becomes ``DATE`` because in NER-UGM it marks calendar expressions (days,
dates, months, years), which is what the date stage extracts; QUANTITY becomes
``QTY`` (numbers with their unit or currency). Unknown tags are dropped (the
tokens become ``O``) with a logged warning.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

LOGGER = logging.getLogger(__name__)

LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
    "TIME": "DATE",
    "QUANTITY": "QTY",
}
"""Corpus entity type -> model label."""

LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE", "QTY")
"""All labels the model can predict."""

Sentence = tuple[list[str], list[str]]
"""A sentence: its tokens and their (raw) tags."""

EntitySpan = tuple[int, int, str]
"""An entity as (first token, end token exclusive, mapped label)."""


def map_label(raw: str) -> str | None:
    """Model label for a corpus entity type (``PERSON`` -> ``PER``); None if unknown."""
    return LABEL_MAP.get(raw.strip().upper())


def read_conll(path: Path) -> list[Sentence]:
    """Read a token-per-line NER file (2-column TAB or 3-column SPACE format, LF or CRLF).

    path (Path): the file.
    RETURNS (list[Sentence]): sentences as (tokens, tags).
    """
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    text = path.read_bytes().decode("utf-8-sig")
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if len(cols) < 2:
            LOGGER.warning("%s:%d: no tag column, line skipped: %r", path, lineno, line)
            continue
        words.append(cols[0].strip() or cols[0])
        tags.append(cols[-1].strip())
    if words:
        sentences.append((words, tags))
    return sentences


def tags_to_spans(tags: Sequence[str], label_map: dict[str, str] | None = None) -> list[EntitySpan]:
    """Entity spans from IOB tags, repairing malformed IOB.

    An ``I-X`` after ``O``, at the start, or after another type starts a new
    entity; ``B-X`` always starts one. Tags without a prefix (``PER``) are read
    as ``I-``. Types not in the label map are dropped.

    tags (Sequence[str]): one tag per token (``O``, ``B-PERSON``, ``I-PLACE`` ...).
    label_map (dict | None): raw type -> label (default ``LABEL_MAP``).
    RETURNS (list[EntitySpan]): (start, end, label), end exclusive.
    """
    mapping = LABEL_MAP if label_map is None else label_map
    spans: list[EntitySpan] = []
    start: int | None = None
    cur: str | None = None  # raw type of the open entity
    unknown: Counter[str] = Counter()

    def close(end: int) -> None:
        if start is not None and cur is not None:
            label = mapping.get(cur.upper())
            if label is None:
                unknown[cur] += 1
            else:
                spans.append((start, end, label))

    for i, tag in enumerate(tags):
        tag = tag.strip()
        if not tag or tag.upper() == "O":
            close(i)
            start, cur = None, None
            continue
        if len(tag) > 2 and tag[1] in "-_" and tag[0].upper() in "BIESLU":
            prefix, typ = tag[0].upper(), tag[2:]
        else:
            prefix, typ = "I", tag
        if prefix in "BSU" or cur is None or typ.upper() != cur.upper():
            close(i)
            start, cur = i, typ
        if prefix in "ESLU":
            close(i + 1)
            start, cur = None, None
    close(len(tags))
    if unknown:
        LOGGER.warning("dropped entities of unknown types: %s", dict(unknown))
    return spans


def sentence_to_doc(vocab: Vocab, words: list[str], tags: list[str],
                    label_map: dict[str, str] | None = None) -> Doc:
    """A ``Doc`` with gold entities for one sentence (tokens separated by single spaces)."""
    spaces = [True] * len(words)
    if spaces:
        spaces[-1] = False
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in tags_to_spans(tags, label_map)]
    return doc


def convert_file(path: Path, out: Path | None = None, label_map: dict[str, str] | None = None,
                 vocab: Vocab | None = None) -> list[Doc]:
    """Convert one corpus file; optionally write it as a ``.spacy`` DocBin.

    RETURNS (list[Doc]): one doc per sentence.
    """
    vocab = vocab or Vocab()
    docs = [sentence_to_doc(vocab, w, t, label_map) for w, t in read_conll(path)]
    if out is not None:
        write_docbin(docs, out)
    LOGGER.info("%s: %d sentences, %s", path.name, len(docs), dict(count_labels(docs)))
    return docs


def write_docbin(docs: Iterable[Doc], out: Path) -> Path:
    """Write docs (with their entities) to a ``.spacy`` file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], docs=docs).to_disk(out)
    return out


def count_labels(docs: Iterable[Doc]) -> Counter[str]:
    """Number of entities per label."""
    return Counter(ent.label_ for doc in docs for ent in doc.ents)


def restrict_labels(docs: Iterable[Doc], keep: Iterable[str]) -> list[Doc]:
    """Copies of ``docs`` keeping only entities whose label is in ``keep``."""
    keep = set(keep)
    out = []
    for doc in docs:
        new = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        new.ents = [Span(new, e.start, e.end, label=e.label_) for e in doc.ents if e.label_ in keep]
        out.append(new)
    return out


def mark_missing(docs: Iterable[Doc], is_unknown) -> list[Doc]:
    """Copies of ``docs`` where ``O`` tokens for which ``is_unknown(token)`` is true are *missing*.

    Used when merging corpora that do not annotate every label (NERGrit has no
    dates or quantities): tokens that could be part of a date or a quantity get
    no annotation instead of a false ``O``, so the model is not taught that
    they are never entities.
    """
    out = []
    for doc in docs:
        new = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        ents = [Span(new, e.start, e.end, label=e.label_) for e in doc.ents]
        missing = [i for i, t in enumerate(doc) if t.ent_iob_ == "O" and is_unknown(t)]
        new.set_ents(ents, missing=[new[i:i + 1] for i in missing], default="outside")
        out.append(new)
    return out


def merge_same_sentences(primary: Sequence[Doc], secondary: Sequence[Doc], labels_from_secondary: Iterable[str],
                         is_unknown) -> tuple[list[Doc], list[Doc]]:
    """Join two corpora that annotate (partly) the same sentences with different label sets.

    ``primary`` (e.g. idner-news-2k: PER/ORG/LOC) and ``secondary`` (e.g.
    NER-UGM: PER/ORG/LOC/DATE/QTY) share sentences. A primary sentence whose
    tokens equal a secondary sentence keeps its own entities plus the
    secondary's entities with a label in ``labels_from_secondary`` (e.g.
    ``DATE``/``QTY``) that overlap none of them; a primary sentence with no
    twin gets ``mark_missing(is_unknown)`` (the labels it does not annotate are
    unknown there). Secondary sentences with a twin are dropped, the others kept
    as they are, so no sentence occurs twice.

    RETURNS (tuple[list[Doc], list[Doc]]): (merged primary docs, remaining secondary docs).
    """
    extra = set(labels_from_secondary)
    twins = {tuple(t.text for t in d): d for d in secondary}
    used: set[tuple[str, ...]] = set()
    merged, unmatched = [], []
    for doc in primary:
        key = tuple(t.text for t in doc)
        twin = twins.get(key)
        if twin is None:
            unmatched.append(doc)
            continue
        used.add(key)
        new = Doc(doc.vocab, words=list(key), spaces=[bool(t.whitespace_) for t in doc])
        ents = [Span(new, e.start, e.end, label=e.label_) for e in doc.ents]
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        ents += [Span(new, e.start, e.end, label=e.label_) for e in twin.ents
                 if e.label_ in extra and not taken.intersection(range(e.start, e.end))]
        new.ents = sorted(ents, key=lambda s: s.start)
        merged.append(new)
    merged.extend(mark_missing(unmatched, is_unknown))
    rest = [d for d in secondary if tuple(t.text for t in d) not in used]
    LOGGER.info("merged %d twin sentences; %d primary without twin (masked), %d secondary kept",
                len(used), len(unmatched), len(rest))
    return merged, rest
