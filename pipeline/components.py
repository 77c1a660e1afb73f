"""Registers the Doc extensions and the spaCy components, in one place.

Each recognizer is a plain function ``find_x(doc) -> list[Item]`` in its own
module; here it is wrapped as a spaCy component registered by name, so that
``nlp.add_pipe("idnews_places")`` works.  Keeping registration here (and not
in the recognizer modules) avoids import cycles, as spaCy's own
``registrations.py`` does.

Extensions on ``Doc`` (all default to empty):

- ``doc._.article``: the :class:`pipeline.clean.CleanArticle` of the text
- ``doc._.places``, ``agencies``, ``officials``, ``dates``, ``metrics``,
  ``quotes``, ``events``: lists of :mod:`pipeline.schema` items
- ``doc._.warnings``: list of :class:`pipeline.schema.Warning`
- ``doc._.entities``: list of ``(start_char, end_char, label)`` proposed by
  the statistical NER model, if it is in the pipeline (the ``idnews_ner``
  component of :mod:`pipeline.nlp`; labels PER, ORG, LOC, DATE, QTY)
"""

from __future__ import annotations

import logging
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .events import find_events
from .quotes import find_quotes
from .recognize.agencies import find_agencies
from .recognize.dates import find_dates
from .recognize.metrics import find_metrics
from .recognize.officials import find_officials
from .recognize.places import find_places
from .schema import Warning

LOGGER = logging.getLogger(__name__)

EXTENSIONS = (
    "article",
    "places",
    "agencies",
    "officials",
    "dates",
    "metrics",
    "quotes",
    "events",
    "warnings",
    "entities",
)

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _fresh(doc: Doc) -> None:
    """Give a new Doc its own empty lists (spaCy defaults would be shared)."""
    for name in EXTENSIONS[1:]:
        if getattr(doc._, name) is None:
            setattr(doc._, name, [])


def _wrap(attr: str, finder: Callable[[Doc], list]) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        _fresh(doc)
        try:
            setattr(doc._, attr, finder(doc))
        except Exception as e:  # one recognizer's bug must not lose the article's other fields
            LOGGER.exception("%s failed", finder.__name__)
            setattr(doc._, attr, [])
            doc._.warnings.append(
                Warning(code=f"{attr}_failed", message=f"{finder.__name__} failed: {type(e).__name__}: {e}")
            )
        return doc

    component.__name__ = f"idnews_{attr}"
    component.__doc__ = f"Sets doc._.{attr} with {finder.__module__}.{finder.__name__}."
    return component


# Order matters: each component may read what the earlier ones set.
COMPONENTS: tuple[tuple[str, str, Callable[[Doc], list], list[str]], ...] = (
    ("idnews_places", "places", find_places, []),
    ("idnews_agencies", "agencies", find_agencies, ["doc._.places"]),
    ("idnews_officials", "officials", find_officials, ["doc._.agencies", "doc._.places"]),
    ("idnews_dates", "dates", find_dates, []),
    ("idnews_metrics", "metrics", find_metrics, ["doc._.places", "doc._.dates"]),
    ("idnews_quotes", "quotes", find_quotes, ["doc._.officials"]),
    (
        "idnews_events",
        "events",
        find_events,
        ["doc._.dates", "doc._.places", "doc._.agencies", "doc._.officials", "doc._.quotes", "doc._.metrics"],
    ),
)

for _factory, _attr, _finder, _requires in COMPONENTS:
    if not Language.has_factory(_factory):
        Language.component(_factory, assigns=[f"doc._.{_attr}"], requires=_requires, func=_wrap(_attr, _finder))

COMPONENT_NAMES = tuple(c[0] for c in COMPONENTS)
