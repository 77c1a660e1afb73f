"""The library API: load the models once, turn texts into records.

    >>> import pipeline
    >>> record = pipeline.extract("BANJARBARU – Pemprov Kalsel ...", published="2024-05-03")
    >>> record.places[0].name
    'Banjarbaru'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Optional, Union

from spacy.language import Language

from .clean import CleanArticle, clean
from .nlp import build_nlp
from .schema import ArticleInput, ErrorEntry, Header, Record

LOGGER = logging.getLogger(__name__)

#: Longest text accepted as one article (characters); longer inputs are errors.
MAX_CHARS = 1_000_000
#: Articles per batch in :meth:`Extractor.process` (the NER model's batch).
BATCH_SIZE = 32
#: Whether the statistical NER model (``models/id_news_ner``) runs by default; chosen by
#: measurement (see the README): it adds persons no pattern finds (officials F1 on the
#: repo corpus 0.980 -> 0.994, seed and dev unchanged) for about 1.8x the time per article
#: and 4 s more loading.  If the model is not installed the default falls back to the rules.
NER_DEFAULT = True


class InputError(ValueError):
    """An article that cannot be processed (empty, too long, not text)."""


class Extractor:
    """Holds the loaded pipeline; call it on articles.

    max_chars (int): longest accepted article, in characters.
    ner (bool | None): run the statistical NER model (loaded once, here) so that the
        recognizers can use its entities (``doc._.entities``); ``None``: :data:`NER_DEFAULT`
        (falling back to the rules alone, with a warning, if the model is missing).
        Ignored when ``nlp`` is given (``self.ner`` then says whether it has ``idnews_ner``).
    """

    def __init__(
        self,
        nlp: Optional[Language] = None,
        max_chars: int = MAX_CHARS,
        ner: Optional[bool] = None,
        backend: Optional[str] = None,
        stanza_dir: Optional[str] = None,
    ) -> None:
        self.ner = NER_DEFAULT if ner is None else bool(ner)
        if nlp is None and self.ner and ner is None:
            try:
                nlp = build_nlp(ner=True, backend=backend, stanza_dir=stanza_dir)
            except (FileNotFoundError, OSError) as e:  # by default only: an explicit ner=True must fail
                LOGGER.warning("NER model not available (%s): running the rules alone", e)
                self.ner = False
        if nlp is not None:
            self.ner = "idnews_ner" in nlp.pipe_names
        self.nlp = nlp if nlp is not None else build_nlp(ner=self.ner, backend=backend, stanza_dir=stanza_dir)
        self.max_chars = max_chars
        self.nlp.max_length = max(self.nlp.max_length, max_chars + 1)

    def __call__(
        self,
        text: str,
        url: Optional[str] = None,
        published: Optional[str] = None,
        article: str = "article",
        title: Optional[str] = None,
        source: Optional[str] = None,
    ) -> Record:
        """Extract one record. Raises :class:`InputError` for unusable text."""
        inp = _Prepared(0, article, url, title, source, self._clean(text, url, published))
        # Strings an article adds to the vocab are freed when it is done (bounded memory in
        # long batch runs); the record holds plain Python values, never the Doc.
        with self.nlp.memory_zone():
            doc = self._make_doc(inp)
            for _, proc in self.nlp.pipeline:
                doc = proc(doc)
            return self._record(doc, inp)

    def _clean(self, text: str, url: Optional[str], published: Optional[str]) -> CleanArticle:
        """Check the text and clean it; raises :class:`InputError` for unusable text."""
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        if not text.strip():
            raise InputError("empty article: no text")
        if len(text) > self.max_chars:
            raise InputError(
                f"article too long: {len(text):,} characters (limit {self.max_chars:,}); "
                "is this really one article?"
            )
        if "\x00" in text:
            raise InputError("text contains NUL bytes: binary data, not an article")
        return clean(text, url=url, published=_iso_or_none(published))

    def _make_doc(self, inp: "_Prepared"):
        doc = self.nlp.make_doc(inp.cleaned.body)
        doc._.article = inp.cleaned
        return doc

    def _record(self, doc, inp: "_Prepared") -> Record:
        return _assemble(doc, inp.cleaned, article=inp.article, url=inp.url, title=inp.title, source=inp.source)

    def extract_many(self, items: Iterable[Union[str, dict, ArticleInput]]) -> Iterator[Record]:
        """Records for many articles, in order; raises on the first bad one.

        For batches that must survive bad inputs use :meth:`process`.
        """
        for i, item in enumerate(items):
            inp = _as_input(item, i)
            yield self.run(inp)

    def run(self, inp: ArticleInput) -> Record:
        """Extract the record of one :class:`ArticleInput` (metadata passed through)."""
        return self(inp.text, url=inp.url, published=inp.published, article=inp.article, title=inp.title, source=inp.source)

    def process(
        self, items: Iterable[Union[ArticleInput, ErrorEntry]], batch_size: int = BATCH_SIZE
    ) -> Iterator[Union[Record, ErrorEntry]]:
        """Like :meth:`extract_many`, but a bad article becomes an :class:`ErrorEntry`.

        Articles go through the pipeline ``batch_size`` at a time, so that components with
        a ``pipe`` method (the NER model) work on batches, as ``nlp.pipe`` does; the
        results are the same as one article at a time, in the same order.
        """
        chunk: list[Union[ArticleInput, ErrorEntry]] = []
        for inp in items:
            chunk.append(inp)
            if len(chunk) >= batch_size:
                yield from self._process_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._process_chunk(chunk)

    def _process_chunk(self, chunk: list[Union[ArticleInput, ErrorEntry]]) -> list[Union[Record, ErrorEntry]]:
        out: list[Union[Record, ErrorEntry, None]] = [None] * len(chunk)
        ready: list[_Prepared] = []
        for i, inp in enumerate(chunk):
            if isinstance(inp, ErrorEntry):
                out[i] = inp
                continue
            try:
                cleaned = self._clean(inp.text, inp.url, inp.published)
            except Exception as e:  # noqa: BLE001  (InputError, or a bug in cleaning: an error entry)
                out[i] = _error_entry(inp, e)
                continue
            ready.append(_Prepared(i, inp.article, inp.url, inp.title, inp.source, cleaned))
        with self.nlp.memory_zone():
            docs = {}
            for prep in ready:
                try:
                    docs[prep.index] = self._make_doc(prep)
                except Exception as e:  # noqa: BLE001
                    out[prep.index] = _error_entry(chunk[prep.index], e)
            for _, proc in self.nlp.pipeline:
                self._apply(proc, docs, chunk, out)
            for prep in ready:
                if prep.index in docs:
                    try:
                        out[prep.index] = self._record(docs[prep.index], prep)
                    except Exception as e:  # noqa: BLE001
                        out[prep.index] = _error_entry(chunk[prep.index], e)
        return out  # type: ignore[return-value]

    @staticmethod
    def _apply(proc, docs: dict, chunk: list, out: list) -> None:
        """Run one component over the chunk's Docs: batched when it can, else one by one;
        an article whose Doc the component breaks becomes an error entry."""
        if len(docs) > 1 and hasattr(proc, "pipe"):
            keys = list(docs)
            try:
                done = list(proc.pipe([docs[k] for k in keys]))
            except Exception:  # noqa: BLE001  (find the article one by one below)
                LOGGER.warning("batched %s failed; running it article by article", type(proc).__name__)
            else:
                docs.update(zip(keys, done))
                return
        for k in list(docs):
            try:
                docs[k] = proc(docs[k])
            except Exception as e:  # noqa: BLE001
                out[k] = _error_entry(chunk[k], e)
                del docs[k]


@dataclass(frozen=True)
class _Prepared:
    """An article that passed the checks, cleaned, with its metadata."""

    index: int
    article: str
    url: Optional[str]
    title: Optional[str]
    source: Optional[str]
    cleaned: CleanArticle


def _error_entry(inp: ArticleInput, e: Exception) -> ErrorEntry:
    if isinstance(e, InputError):
        LOGGER.warning("discarding %s: %s", inp.article, e)
        return ErrorEntry(input=inp.path or inp.article, line=inp.line, article=inp.article, reason=str(e))
    # a bug must not kill the batch; say what it was
    LOGGER.error("failed on %s: %s: %s", inp.article, type(e).__name__, e, exc_info=e)
    return ErrorEntry(
        input=inp.path or inp.article, line=inp.line, article=inp.article, reason=f"internal error: {type(e).__name__}: {e}"
    )


def _iso_or_none(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    from .recognize.dates import parse_metadata_date

    d = parse_metadata_date(value)
    return d.isoformat() if d else None


def _as_input(item: Union[str, dict, ArticleInput], index: int) -> ArticleInput:
    if isinstance(item, ArticleInput):
        return item
    if isinstance(item, str):
        return ArticleInput(article=f"article-{index + 1}", text=item)
    if isinstance(item, dict):
        data = dict(item)
        data.setdefault("article", str(data.pop("id", f"article-{index + 1}")))
        data.pop("id", None)
        keep = {k: data[k] for k in ArticleInput.model_fields if k in data}
        return ArticleInput(**keep)
    raise InputError(f"cannot read an article from {type(item).__name__}")


def _assemble(
    doc, cleaned: CleanArticle, article: str, url: Optional[str], title: Optional[str], source: Optional[str] = None
) -> Record:
    """Build the validated record from the Doc's extensions."""
    x = doc._
    published = cleaned.published.isoformat() if cleaned.published else None
    if published is None:
        # The dates stage may find a printed publication date the clean stage missed.
        published = next((d.value for d in x.dates or [] if d.role == "published" and d.value[:4] != "XXXX"), None)
    return Record(
        article=article,
        url=url,
        title=cleaned.text[cleaned.title.start : cleaned.title.end].strip() if cleaned.title else title,
        source=cleaned.source_name or source,
        published=published,
        dateline=cleaned.dateline_name,
        reporter=cleaned.reporter.text if cleaned.reporter else None,
        officials=x.officials or [],
        agencies=x.agencies or [],
        places=x.places or [],
        dates=x.dates or [],
        metrics=x.metrics or [],
        quotes=x.quotes or [],
        events=x.events or [],
        warnings=x.warnings or [],
        header=Header(
            title=cleaned.title,
            source=cleaned.source,
            published=cleaned.published_mention,
            dateline=cleaned.dateline,
            reporter=cleaned.reporter,
        ),
    )


_DEFAULT: Optional[Extractor] = None


def load(
    max_chars: int = MAX_CHARS, ner: Optional[bool] = None, backend: Optional[str] = None, stanza_dir: Optional[str] = None
) -> Extractor:
    """Load the pipeline (models, lexicons) once; reuse the returned extractor.

    ner (bool | None): run the statistical NER model too (``None``: :data:`NER_DEFAULT`).
    backend (str | None): ``"stanza"`` adds the optional stanza analyses (see ``build_nlp``).
    """
    return Extractor(max_chars=max_chars, ner=ner, backend=backend, stanza_dir=stanza_dir)


def _default() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load()
    return _DEFAULT


def extract(text: str, url: Optional[str] = None, published: Optional[str] = None, article: str = "article") -> Record:
    """One article's text to a validated :class:`Record` (loads models on first call)."""
    return _default()(text, url=url, published=published, article=article)


def extract_many(items: Iterable[Union[str, dict, ArticleInput]]) -> Iterator[Record]:
    """Stream records for many articles, loading the models once."""
    return _default().extract_many(items)
