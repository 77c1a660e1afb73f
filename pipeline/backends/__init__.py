"""Optional NLP backends that add annotations spaCy's blank Indonesian pipeline lacks.

- :mod:`pipeline.backends.stanza_backend`: sentences, lemmas, UPOS/XPOS, morphology and
  dependency parses from a stanza Indonesian pipeline (``pip install torch==2.13.0`` first,
  then ``pip install 'idnews[stanza]'``), as the spaCy component ``idnews_stanza``.

Nothing here is imported by ``import pipeline``; importing a backend module does not import
stanza or torch either (they are imported when a model is loaded).
"""

from __future__ import annotations

__all__ = ["STANZA_FACTORY"]

#: Name of the spaCy factory registered by :mod:`pipeline.backends.stanza_backend`.
STANZA_FACTORY = "idnews_stanza"
