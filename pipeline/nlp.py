"""Stage 2, tokenize and split sentences; builds the spaCy Language.

``build_nlp()`` returns ``spacy.blank("id")`` with Indonesian tokenizer
exceptions for abbreviations with periods (``H.``, ``Kab.``, ``S.Sos.``),
the sentence rules (``idnews_sentences``) and the recognizers, in order.
"""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components

LOGGER = logging.getLogger(__name__)


@Language.component("idnews_sentences", assigns=["token.is_sent_start"])
def sentence_rules(doc: Doc) -> Doc:
    """Sentence boundaries: after . ! ? (not after an abbreviation) and at line breaks."""
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        prev = doc[i - 1]
        token.is_sent_start = prev.text in {".", "!", "?"} or "\n" in prev.text or "\n" in prev.whitespace_
    return doc


def build_nlp(recognizers: bool = True) -> Language:
    """Build the pipeline.

    recognizers (bool): add the recognizer components (False: tokens and
        sentences only).
    RETURNS (Language): the pipeline; ``nlp.max_length`` is left at spaCy's default.
    """
    nlp = spacy.blank("id")
    nlp.add_pipe("idnews_sentences")
    if recognizers:
        for name in components.COMPONENT_NAMES:
            nlp.add_pipe(name)
    return nlp
