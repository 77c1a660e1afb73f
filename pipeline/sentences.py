"""Sentence spans and text of a Doc, computed once and shared by every stage.

``doc.sents`` walks every token each time it is read; the recognizers ask for
sentences several times per article, so the character spans are cached on
the Doc (``doc.user_data``).
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "idnews.sentence_spans"

#: How many texts the stages' per-text caches keep (word splits in places, date scans in
#: dates): more than a batch of :meth:`pipeline.api.Extractor.process` (``BATCH_SIZE``),
#: since each stage runs over the whole batch before the next stage starts.
CACHED_TEXTS = 80


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence; the whole text if none are set."""
    spans = doc.user_data.get(_KEY)
    if spans is None:
        if doc.has_annotation("SENT_START"):
            spans = [(s.start_char, s.end_char) for s in doc.sents]
        else:
            spans = [(0, len(doc.text))]
        doc.user_data[_KEY] = spans
    return spans


_TEXT_KEY = "idnews.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once (spaCy joins every token's text on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
