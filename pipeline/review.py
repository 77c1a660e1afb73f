"""Review: records shown beside their articles, for checking extractions by eye.

``render_review(items)`` turns ``(article text, Record)`` pairs into one
self-contained HTML page: every article with its extracted spans highlighted
by type (persons, agencies, places, dates, metrics, quotes and their cues,
events, header fields, positioned warnings), a legend, the record beside the
text (officials with title and agency, agencies with aliases, places with type
and Kemendagri code, dates with value/role/flags, a metrics table, quotes,
events, warnings), a table of contents and the articles that failed, with
their reasons.  The page has no scripts and loads nothing from the network;
all text is HTML-escaped.

Spans may overlap (a person inside a quote, a place inside an agency): the text
is cut at every span boundary and each piece carries one underline per span
covering it, stacked in slots as displaCy's ``span`` style does.

The same module has small helpers for analysts (used by
``notebooks/quickstart.ipynb``): :func:`item_rows` flattens a record field
into table rows, :func:`idm_points` and :func:`plot_idm` chart IDM values by
year and region.

    idnews review corpus/articles -o review.html
    idnews review corpus/articles --records records.jsonl -o review.html
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Union, get_args

import click

from . import lexicons
from .schema import ArticleInput, ErrorEntry, Mention, Metric, Record

LOGGER = logging.getLogger(__name__)

#: Spans stacked under one piece of text beyond this many share the last slot.
MAX_SLOTS = 6
#: Height and spacing of one underline, px.
_BAR, _STEP = 3, 4
_DEFAULT_COLOUR = "#dddddd"
_NONE = '<span class="empty">–</span>'
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{3,8}$")
_HEADER_FIELDS = ("title", "source", "published", "dateline", "reporter")
_LIST_FIELDS = ("officials", "agencies", "places", "dates", "metrics", "quotes", "events", "warnings")

Item = tuple[str, Record]


# --------------------------------------------------------------------- assets


def _asset(name: str) -> str:
    """Text of a data file in ``pipeline/data/`` (CSS is not a lexicon: read whole)."""
    loader = getattr(lexicons, "load_text", None)
    if loader is not None:
        return loader(name)
    return resources.files("pipeline").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Label:
    """One highlight type of the page."""

    name: str
    colour: str
    field: str
    description: str


@lru_cache(maxsize=1)
def labels() -> dict[str, Label]:
    """Highlight labels from ``review_labels.tsv``, in legend order."""
    out: dict[str, Label] = {}
    for row in lexicons.load_tsv("review_labels.tsv"):
        colour = row.get("colour", "")
        if not _COLOUR_RE.match(colour):
            LOGGER.warning("review_labels.tsv: bad colour %r for %s", colour, row.get("label"))
            colour = _DEFAULT_COLOUR
        name = row["label"].upper()
        out[name] = Label(name, colour, row.get("field", ""), row.get("description", ""))
    return out


def _colour(label: str) -> str:
    lab = labels().get(label)
    return lab.colour if lab else _DEFAULT_COLOUR


# ---------------------------------------------------------------------- spans


@dataclass
class Span:
    """A highlighted stretch of the article: ``text[start:end]`` under ``label``.

    ref: anchor id of the record item it belongs to (in the panel).
    note: tooltip (what the record says about it).
    """

    start: int
    end: int
    label: str
    note: str
    ref: str
    text: str
    slot: int = 0
    key: int = 0


def _e(value: Any) -> str:
    """HTML-escape anything (``None`` becomes empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def collect_spans(record: Record, text: str, aid: str = "a1") -> tuple[list[Span], list[str]]:
    """The record's positioned items as spans, and problems with their offsets.

    A span outside the text or empty is dropped; one whose ``text`` differs from
    the article at its offsets is kept (highlighting what the offsets point at)
    and reported, since the reviewer should see it.
    RETURNS: (spans sorted by start, longest first; problems as sentences).
    """
    raw: list[tuple[int, int, str, str, str, str]] = []

    def add(start: Optional[int], end: Optional[int], label: str, note: str, ref: str, said: str) -> None:
        raw.append((start if start is not None else -1, end if end is not None else -1, label, note, ref, said))

    h = record.header
    for name in _HEADER_FIELDS:
        m: Optional[Mention] = getattr(h, name)
        if m is not None:
            value = getattr(record, name)
            add(m.start, m.end, name.upper(), f"{name}: {value}" if value else name, f"{aid}-header-{name}", m.text)
    for i, o in enumerate(record.officials):
        note = o.name + (f" — {o.title}" if o.title else "") + (f", {o.agency}" if o.agency else "")
        for m in o.mentions:
            add(m.start, m.end, "PERSON", note, f"{aid}-officials-{i}", m.text)
    for i, a in enumerate(record.agencies):
        for m in a.mentions:
            add(m.start, m.end, "ORG", a.name, f"{aid}-agencies-{i}", m.text)
    for i, p in enumerate(record.places):
        note = f"{p.name} ({p.type}{', ' + p.code if p.code else ''})"
        for m in p.mentions:
            add(m.start, m.end, "PLACE", note, f"{aid}-places-{i}", m.text)
    for i, d in enumerate(record.dates):
        note = f"{d.value} ({d.role}{'; ' + ', '.join(d.flags) if d.flags else ''})"
        add(d.start, d.end, "DATE", note, f"{aid}-dates-{i}", d.text)
    for i, mt in enumerate(record.metrics):
        add(mt.start, mt.end, "METRIC", _metric_note(mt), f"{aid}-metrics-{i}", mt.text)
    for i, q in enumerate(record.quotes):
        add(q.start, q.end, "QUOTE", f"quote by {q.speaker}", f"{aid}-quotes-{i}", q.text)
        if q.cue is not None:
            add(q.cue.start, q.cue.end, "CUE", f"speaker: {q.speaker}", f"{aid}-quotes-{i}", q.cue.text)
    for i, ev in enumerate(record.events):
        note = f"{ev.type}: {ev.name}" + (f" ({ev.date})" if ev.date else "")
        add(ev.start, ev.end, "EVENT", note, f"{aid}-events-{i}", ev.text)
    for i, w in enumerate(record.warnings):
        if w.start is not None and w.end is not None:
            add(w.start, w.end, "WARNING", f"{w.code}: {w.message}", f"{aid}-warnings-{i}", text[w.start : w.end])

    spans: list[Span] = []
    problems: list[str] = []
    n = len(text)
    for start, end, label, note, ref, said in raw:
        where = ref.split("-", 1)[1].replace("-", " #", 1)
        if not (0 <= start < end <= n):
            problems.append(f"{label} {said!r} ({where}): offsets {start}–{end} outside the text (length {n}); not shown")
            continue
        if text[start:end] != said:
            problems.append(
                f"{label} {said!r} ({where}): offsets {start}–{end} point at {text[start:end]!r}, not at its text"
            )
        spans.append(Span(start, end, label, note, ref, text[start:end]))
    order = {name: i for i, name in enumerate(labels())}
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), order.get(s.label, len(order))))
    _assign_slots(spans)
    for k, s in enumerate(spans):
        s.key = k
    return spans, problems


def _assign_slots(spans: list[Span]) -> None:
    """Give each span the lowest underline slot free over its whole stretch."""
    active: list[Span] = []
    for s in spans:  # sorted by start
        active = [a for a in active if a.end > s.start]
        taken = {a.slot for a in active}
        slot = 0
        while slot in taken:
            slot += 1
        s.slot = slot
        active.append(s)


def _metric_note(m: Metric) -> str:
    parts = [m.indicator, _fmt_value(m)]
    if m.status:
        parts.append(m.status)
    if m.region:
        parts.append(m.region)
    if m.year is not None:
        parts.append(str(m.year))
    return " ".join(parts)


def _fmt_value(m: Metric) -> str:
    v = m.value
    if m.indicator == "MONEY":
        return f"Rp {v:,.0f}" if float(v).is_integer() else f"Rp {v:,.2f}"
    if m.indicator == "PERCENT":
        return f"{v:g} %"
    if float(v).is_integer() and m.indicator != "IDM":
        return f"{int(v):,}"
    return f"{v:.10g}"


def masked_ranges(text: str, url: Optional[str] = None) -> list[tuple[int, int]]:
    """Stretches of ``text`` the clean stage masks as boilerplate (the recognizers never read them).

    Runs separated only by whitespace are merged. Empty when cleaning fails.
    """
    try:
        from .clean import clean

        body = clean(text, url=url).body
    except Exception:  # the page must render whatever the cleaner does
        LOGGER.debug("cannot clean for the review page", exc_info=True)
        return []
    if len(body) != len(text):
        return []
    ranges: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == body[i]:
            i += 1
            continue
        j = i
        while j < n and text[j] != body[j]:
            j += 1
        if ranges and not text[ranges[-1][1] : i].strip():
            ranges[-1] = (ranges[-1][0], j)
        else:
            ranges.append((i, j))
        i = j
    return ranges


def render_text(
    text: str, spans: Sequence[Span], aid: str = "a1", masked: Sequence[tuple[int, int]] = ()
) -> str:
    """The article as HTML: escaped text, spans as stacked underlines with label chips.

    masked: stretches shown greyed out (boilerplate the cleaner masked).
    """
    bounds = sorted(
        {0, len(text), *(s.start for s in spans), *(s.end for s in spans), *(x for r in masked for x in r)}
    )
    bounds = [b for b in bounds if 0 <= b <= len(text)]
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    out: list[str] = []
    active: list[Span] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [s for s in active if s.end > a]
        for s in sorted(starts.get(a, ()), key=lambda s: s.slot):
            out.append(
                f'<a class="chip" id="{aid}-s{s.key}" href="#{s.ref}" data-span="{s.key}" '
                f'data-label="{_e(s.label)}" style="--c:{_colour(s.label)}" title="{_e(s.note)}">{_e(s.label)}</a>'
            )
            active.append(s)
        piece = _e(text[a:b])
        if any(ms <= a and b <= me for ms, me in masked):
            piece = f'<span class="masked">{piece}</span>'
        if not active:
            out.append(piece)
            continue
        tip = "\n".join(f"{s.label}: {s.note}" for s in sorted(active, key=lambda s: s.slot))
        out.append(
            f'<span class="seg" data-spans="{" ".join(str(s.key) for s in active)}" '
            f'style="{_seg_style(active)}" title="{_e(tip)}">{piece}</span>'
        )
    return "".join(out)


def _seg_style(active: Sequence[Span]) -> str:
    """Underlines (one per covering span, by slot) and a tint of the innermost span."""
    images, sizes, positions = [], [], []
    top = 0
    for s in sorted(active, key=lambda s: s.slot):
        slot = min(s.slot, MAX_SLOTS - 1)
        top = max(top, slot)
        c = _colour(s.label)
        images.append(f"linear-gradient({c},{c})")
        sizes.append(f"100% {_BAR}px")
        positions.append(f"0 calc(100% - {slot * _STEP}px)")
    inner = min(active, key=lambda s: (s.end - s.start, -s.slot))
    tint = _colour(inner.label)
    tint = tint + "40" if len(tint) == 7 else tint
    return (
        f"background-color:{tint};background-image:{','.join(images)};background-size:{','.join(sizes)};"
        f"background-position:{','.join(positions)};padding-bottom:{(top + 1) * _STEP}px"
    )


# ---------------------------------------------------------------------- panel


@lru_cache(maxsize=4096)
def _kemendagri(code: str) -> Optional[str]:
    """Official name and path of a Kemendagri code, or None when unknown."""
    try:
        from lokal import wilayah

        w = wilayah.get_wilayah(code)
    except Exception:  # the page must render even without the region data
        LOGGER.debug("no Kemendagri lookup for %s", code, exc_info=True)
        return None
    if w is None:
        return None
    return getattr(w, "path", None) or getattr(w, "name", None)


def _jumps(ref: str, by_ref: dict[str, list[Span]], aid: str) -> str:
    links = by_ref.get(ref, [])
    return "".join(
        f'<a class="jump" href="#{aid}-s{s.key}" title="{_e(s.label)}: {_e(s.text)}">↗{j + 1}</a>'
        for j, s in enumerate(links)
    )


def _flags(flags: Iterable[str]) -> str:
    return "".join(f'<span class="flag">{_e(f)}</span>' for f in flags)


def _section(kind: str, title: str, n: int, body: str, label: Optional[str] = None) -> str:
    sw = f'<span class="swatch" style="--c:{_colour(label)}"></span>' if label else ""
    content = body if n else '<p class="empty">none</p>'
    return f'<details open data-section="{kind}"><summary>{sw}{_e(title)} ({n})</summary>{content}</details>'


def _table(head: Sequence[str], rows: Sequence[str]) -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _td(key: str, value: Any, cls: str = "", raw: bool = False) -> str:
    c = f' class="{cls}"' if cls else ""
    content = (value if raw else _e(value)) if value not in (None, "", []) else _NONE
    return f'<td data-k="{key}"{c}>{content}</td>'


def _safe_url(url: Optional[str]) -> str:
    if not url:
        return ""
    if re.match(r"^https?://", url, re.I):
        return f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
    return _e(url)


def render_panel(record: Record, spans: Sequence[Span], problems: Sequence[str], aid: str) -> str:
    """The record beside the text: a readable summary with links to the spans."""
    by_ref: dict[str, list[Span]] = {}
    for s in spans:
        by_ref.setdefault(s.ref, []).append(s)
    parts: list[str] = []

    # warnings first: the reviewer's checklist
    if record.warnings or problems:
        items = []
        for i, w in enumerate(record.warnings):
            items.append(
                f'<li class="item" id="{aid}-warnings-{i}" data-kind="warning"><code data-k="code">{_e(w.code)}</code> '
                f'<span data-k="message">{_e(w.message)}</span>{_jumps(f"{aid}-warnings-{i}", by_ref, aid)}</li>'
            )
        for p in problems:
            items.append(f'<li class="item" data-kind="problem"><code>review</code> {_e(p)}</li>')
        parts.append(
            f'<div class="warnings" data-section="warnings"><h3>Warnings ({len(items)})</h3><ul>{"".join(items)}</ul></div>'
        )

    # header
    rows = []
    for name in _HEADER_FIELDS:
        value = getattr(record, name)
        ref = f"{aid}-header-{name}"
        cell = _e(value) + _jumps(ref, by_ref, aid) if value else None
        rows.append(f'<tr class="item" id="{ref}" data-kind="header"><th>{name}</th>{_td(name, cell, raw=True)}</tr>')
    rows.append(f"<tr><th>url</th>{_td('url', _safe_url(record.url) or None, raw=True)}</tr>")
    parts.append(
        '<details open data-section="header"><summary>Header</summary>'
        f'<table class="kv">{"".join(rows)}</table></details>'
    )

    # officials
    rows = []
    for i, o in enumerate(record.officials):
        ref = f"{aid}-officials-{i}"
        rows.append(
            f'<tr class="item" id="{ref}" data-kind="official">{_td("name", _e(o.name) + _jumps(ref, by_ref, aid), raw=True)}'
            f'{_td("title", o.title)}{_td("agency", o.agency)}{_td("represents", o.represents)}</tr>'
        )
    head = ["name", "title", "agency", "stood in for"]
    parts.append(_section("officials", "Officials", len(rows), _table(head, rows), "PERSON"))

    # agencies
    rows = []
    for i, a in enumerate(record.agencies):
        ref = f"{aid}-agencies-{i}"
        code = a.region_code
        region = f"{code} {_kemendagri(code) or '(unknown code)'}" if code else None
        rows.append(
            f'<tr class="item" id="{ref}" data-kind="agency">{_td("name", _e(a.name) + _jumps(ref, by_ref, aid), raw=True)}'
            f'{_td("aliases", "<br>".join(_e(x) for x in a.aliases) or None, raw=True)}{_td("region_code", region)}</tr>'
        )
    parts.append(_section("agencies", "Agencies", len(rows), _table(["name", "aliases", "region"], rows), "ORG"))

    # places
    rows = []
    for i, p in enumerate(record.places):
        ref = f"{aid}-places-{i}"
        official = _kemendagri(p.code) if p.code else None
        code = (
            f"{_e(p.code)} <span class='muted'>{_e(official)}</span>" if official
            else (f"{_e(p.code)} {_flags(['unknown code'])}" if p.code else None)
        )
        rows.append(
            f'<tr class="item" id="{ref}" data-kind="place">{_td("name", _e(p.name) + _jumps(ref, by_ref, aid), raw=True)}'
            f'{_td("type", p.type, "nowrap")}{_td("code", code, raw=True)}</tr>'
        )
    parts.append(_section("places", "Places", len(rows), _table(["name", "type", "Kemendagri code"], rows), "PLACE"))

    # dates
    rows = []
    for i, d in enumerate(record.dates):
        ref = f"{aid}-dates-{i}"
        rows.append(
            f'<tr class="item" id="{ref}" data-kind="date">{_td("text", _e(d.text) + _jumps(ref, by_ref, aid), raw=True)}'
            f'{_td("value", d.value, "num")}{_td("role", d.role, "nowrap")}{_td("flags", _flags(d.flags) or None, raw=True)}</tr>'
        )
    parts.append(_section("dates", "Dates", len(rows), _table(["as written", "value", "role", "flags"], rows), "DATE"))

    # metrics
    rows = []
    for i, m in enumerate(record.metrics):
        ref = f"{aid}-metrics-{i}"
        ind = f'<span data-k="indicator">{_e(m.indicator).replace("_", "_<wbr>")}</span>' + (
            f' <span data-k="status" class="muted">{_e(m.status)}</span>' if m.status else ""
        )
        where = " ".join(
            f'<span data-k="{k}">{_e(v)}</span>' for k, v in (("region", m.region), ("year", m.year)) if v is not None
        )
        what = " — ".join(
            f'<span data-k="{k}">{_e(v)}</span>' for k, v in (("unit", m.unit), ("subject", m.subject)) if v
        )
        rows.append(
            f'<tr class="item" id="{ref}" data-kind="metric"><td class="num">{i}</td><td>{ind}</td>'
            f'{_td("value", _fmt_value(m), "num")}<td>{where or _NONE}</td><td>{what or _NONE}</td>'
            f'{_td("text", _e(m.text) + _jumps(ref, by_ref, aid), raw=True)}</tr>'
        )
    head = ["#", "indicator", "value", "region, year", "unit — subject", "as written"]
    parts.append(_section("metrics", "Metrics", len(rows), _table(head, rows), "METRIC"))

    # quotes
    items = []
    for i, q in enumerate(record.quotes):
        ref = f"{aid}-quotes-{i}"
        cue = f' <span class="muted">({_e(q.cue.text)})</span>' if q.cue else ""
        items.append(
            f'<li class="item" id="{ref}" data-kind="quote"><b data-k="speaker">{_e(q.speaker)}</b>{cue}'
            f'{_jumps(ref, by_ref, aid)}<blockquote data-k="text">{_e(q.text)}</blockquote></li>'
        )
    parts.append(_section("quotes", "Quotes", len(items), f'<ul class="plain">{"".join(items)}</ul>', "QUOTE"))

    # events
    items = []
    for i, ev in enumerate(record.events):
        ref = f"{aid}-events-{i}"
        metrics = ", ".join(
            f'<a href="#{aid}-metrics-{j}">#{j}</a>' if 0 <= j < len(record.metrics) else f"#{j} {_flags(['no such metric'])}"
            for j in ev.metrics
        )
        facts = [
            ("date", _e(ev.date) if ev.date else None),
            ("year", _e(ev.year) if ev.year is not None else None),
            ("venue", _e(ev.venue) if ev.venue else None),
            ("city", _e(ev.city) if ev.city else None),
            ("organizer", _e(ev.organizer) if ev.organizer else None),
            ("speakers", "; ".join(_e(s) for s in ev.speakers) or None),
            ("metrics", metrics or None),
        ]
        rows_ = "".join(f"<tr><th>{k}</th>{_td(k, v, raw=True)}</tr>" for k, v in facts)
        items.append(
            f'<li class="item" id="{ref}" data-kind="event"><b data-k="type">{_e(ev.type)}</b>: '
            f'<span data-k="name">{_e(ev.name)}</span> <span class="muted">“{_e(ev.text)}”</span>{_jumps(ref, by_ref, aid)}'
            f'<table class="kv">{rows_}</table></li>'
        )
    parts.append(_section("events", "Events", len(items), f'<ul class="plain">{"".join(items)}</ul>', "EVENT"))
    return f'<aside class="panel">{"".join(parts)}</aside>'


# ----------------------------------------------------------------------- page


def _legend(counts: Optional[Counter] = None) -> str:
    keys = []
    for lab in labels().values():
        n = f" ({counts[lab.name]})" if counts is not None else ""
        keys.append(
            f'<span class="key" data-label="{_e(lab.name)}" title="{_e(lab.description)} — {_e(lab.field)}">'
            f'<span class="swatch" style="--c:{lab.colour}"></span>{_e(lab.name)}{n}</span>'
        )
    keys.append(
        '<span class="key" data-label="MASKED" title="boilerplate the clean stage masks: recognizers never read it">'
        '<span class="masked">grey text</span>&nbsp;boilerplate (masked)</span>'
    )
    return f'<div class="legend" role="list" aria-label="legend">{"".join(keys)}</div>'


def _article_section(n: int, text: str, record: Record, show_masked: bool) -> tuple[str, str, Counter]:
    """One article: (section HTML, table-of-contents entry, label counts)."""
    aid = f"a{n}"
    spans, problems = collect_spans(record, text, aid)
    masked = masked_ranges(text, record.url) if show_masked else []
    counts = Counter(s.label for s in spans)
    n_warn = len(record.warnings) + len(problems)
    badge = f' <span class="badge" title="warnings">{n_warn} ⚠</span>' if n_warn else ""
    heading = record.title or record.article
    meta = " · ".join(_e(x) for x in (record.source, record.published, record.dateline) if x)
    section = (
        f'<section class="article" id="{aid}" data-article="{_e(record.article)}"><header>'
        f'<h2>{n}. {_e(heading)}{badge}</h2><div class="article-id">{_e(record.article)}</div>'
        f'<div class="muted">{meta} <a class="up" href="#contents">↑ contents</a></div></header><div class="cols">'
        f'<div class="text" lang="id">{render_text(text, spans, aid, masked)}</div>'
        f"{render_panel(record, spans, problems, aid)}</div></section>"
    )
    summary = ", ".join(
        f"{k}: {len(getattr(record, k))}" for k in ("officials", "agencies", "places", "dates", "metrics", "quotes", "events")
    )
    toc = (
        f'<li><a href="#{aid}">{_e(heading)}</a>{badge} <span class="article-id">{_e(record.article)}</span>'
        f'<div class="counts">{_e(summary)}</div></li>'
    )
    return section, toc, counts


def _errors_section(errors: Sequence[ErrorEntry]) -> str:
    rows = [
        f'<tr class="item" data-kind="error">{_td("input", e.input)}{_td("line", e.line, "num")}'
        f'{_td("article", e.article)}{_td("reason", e.reason)}</tr>'
        for e in errors
    ]
    return (
        f'<section class="errors" id="errors"><h2>Failed articles ({len(errors)}) <a class="up" href="#contents">↑ contents</a></h2>'
        f'{_table(["input", "line", "article", "reason"], rows)}</section>'
    )


def render_review(
    items: Iterable[Item],
    errors: Iterable[ErrorEntry] = (),
    title: str = "idnews review",
    show_masked: bool = True,
) -> str:
    """One self-contained HTML page reviewing records against their articles.

    items: ``(original article text, record)`` pairs; offsets in the record
        index into the text.
    errors: articles that failed, listed with their reasons.
    title: page title.
    show_masked: grey out the boilerplate the clean stage masks (runs the cleaner on each text).
    RETURNS (str): the HTML document (no scripts, no network resources).
    """
    sections, toc, total = [], [], Counter()
    for n, (text, record) in enumerate(items, 1):
        section, entry, counts = _article_section(n, text, record, show_masked)
        sections.append(section)
        toc.append(entry)
        total.update(counts)
    errors = list(errors)
    err_link = (
        f' <a href="#errors"><span class="badge err">{len(errors)} failed</span></a>' if errors else ""
    )
    err_entry = f'<p><a href="#errors">Failed articles</a> ({len(errors)})</p>' if errors else ""
    nav = (
        f'<nav class="toc" id="contents" aria-label="contents"><h2>Contents</h2><ol>{"".join(toc)}</ol>{err_entry}</nav>'
        if sections or errors
        else ""
    )
    body = "".join(sections) + (_errors_section(errors) if errors else "")
    if not sections and not errors:
        body = '<p class="empty">No articles.</p>'
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">'
        f"<title>{_e(title)}</title><style>{_asset('review.css')}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f'<p class="summary">{len(sections)} article(s) reviewed{err_link}. '
        f'Hover a label for what the record says; click it to jump to the record entry, ↗ to jump back.</p>'
        f"{_legend(total)}{nav}<main>{body}</main></body></html>\n"
    )


# ------------------------------------------------------------- records files


def read_records(path: Union[str, Path]) -> tuple[dict[str, Record], list[ErrorEntry]]:
    """Records of a JSONL file (as ``idnews extract`` writes) keyed by ``article``.

    A line that is not a valid record becomes an error entry; a repeated
    article keeps its last record.
    """
    records: dict[str, Record] = {}
    errors: list[ErrorEntry] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = Record.model_validate_json(line)
            except ValueError as e:
                first = str(e).splitlines()[0] if str(e) else type(e).__name__
                errors.append(ErrorEntry(input=str(path), line=n, reason=f"not a valid record: {first}"))
                continue
            if rec.article in records:
                LOGGER.warning("%s:%d: article %s repeated; keeping the last record", path, n, rec.article)
            records[rec.article] = rec
    return records, errors


def review_items(
    inputs: Iterable[Union[ArticleInput, ErrorEntry]],
    records: Optional[dict[str, Record]] = None,
    extractor: Any = None,
) -> Iterator[Union[Item, ErrorEntry]]:
    """Pair each input article with its record: taken from ``records`` or extracted.

    Inputs that are error entries pass through; an article with no record in
    ``records`` becomes an error entry.
    """
    for inp in inputs:
        if isinstance(inp, ErrorEntry):
            yield inp
        elif records is not None:
            rec = records.get(inp.article)
            if rec is None:
                yield ErrorEntry(
                    input=inp.path or inp.article, line=inp.line, article=inp.article,
                    reason="no record for this article in the records file",
                )
            else:
                yield inp.text, rec
        else:
            for result in extractor.process([inp]):
                yield result if isinstance(result, ErrorEntry) else (inp.text, result)


@click.command("review")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML page to write.")
@click.option(
    "--records", "records_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="Records (JSONL from idnews extract) to show instead of extracting; matched by article.",
)
@click.option("--title", default="idnews review", show_default=True, help="Page title.")
@click.option("--no-masked", is_flag=True, help="Do not grey out the boilerplate the cleaner masks.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def review_cmd(
    inputs: tuple[Path, ...], output: Path, records_path: Optional[Path], title: str, no_masked: bool, quiet: bool
) -> None:
    """Write one HTML page showing each article with its extractions highlighted.

    Articles that cannot be read or extracted are listed on the page with
    their reasons (the exit status stays 0: the page is the deliverable).

    Example: idnews review corpus/articles -o review.html
    """
    from .io import iter_inputs

    records = None
    errors: list[ErrorEntry] = []
    extractor = None
    if records_path is not None:
        records, errors = read_records(records_path)
    else:
        from .api import load

        extractor = load()
    pairs: list[Item] = []
    for result in review_items(iter_inputs(inputs), records, extractor):
        if isinstance(result, ErrorEntry):
            errors.append(result)
        else:
            pairs.append(result)
    page = render_review(pairs, errors, title=title, show_masked=not no_masked)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    if not quiet:
        click.echo(f"{len(pairs)} articles, {len(errors)} errors -> {output}", err=True)


# ------------------------------------------------------- tables and charts


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "; ".join(str(v) for v in value)
        return len(value)
    if isinstance(value, dict):  # a Mention (quote cue)
        return value.get("text")
    return value


def item_rows(records: Iterable[Record], field: str) -> list[dict[str, Any]]:
    """One flat row per item of ``field`` (``officials``, ``metrics``, ...) across records.

    Each row starts with ``article``; lists of names become ``"; "``-joined
    text, ``mentions`` becomes their count, a quote's ``cue`` its text.
    Rows suit ``pandas.DataFrame(rows)``.
    """
    if field not in _LIST_FIELDS:
        raise ValueError(f"not a list field of the record: {field!r} (one of {', '.join(_LIST_FIELDS)})")
    rows = []
    for rec in records:
        for item in getattr(rec, field):
            row: dict[str, Any] = {"article": rec.article}
            for k, v in item.model_dump().items():
                row[k] = _flat(v)
            rows.append(row)
    return rows


def row_columns(field: str) -> list[str]:
    """Column names of :func:`item_rows` for ``field`` (so an empty table still has its columns)."""
    if field not in _LIST_FIELDS:
        raise ValueError(f"not a list field of the record: {field!r} (one of {', '.join(_LIST_FIELDS)})")
    model = get_args(Record.model_fields[field].annotation)[0]  # list[Model] -> Model
    return ["article", *model.model_fields]


def summary_rows(records: Iterable[Record]) -> list[dict[str, Any]]:
    """One row per record: article, title, source, published, dateline and item counts."""
    return [
        {
            "article": r.article,
            "title": r.title,
            "source": r.source,
            "published": r.published,
            "dateline": r.dateline,
            **{f: len(getattr(r, f)) for f in _LIST_FIELDS},
        }
        for r in records
    ]


IDM_COLUMNS = ("article", "region", "year", "value", "status")


def idm_points(records: Iterable[Record]) -> list[dict[str, Any]]:
    """IDM values (indicator ``IDM``) as rows: article, region, year, value, status."""
    return [
        {"article": r.article, "region": m.region, "year": m.year, "value": m.value, "status": m.status}
        for r in records
        for m in r.metrics
        if m.indicator == "IDM"
    ]


def plot_idm(records: Iterable[Record], ax: Any = None, path: Union[str, Path, None] = None) -> Any:
    """Plot IDM value by year, one line per region; save to ``path`` when given.

    Values without a year cannot be placed and are left out (counted in the
    title); with nothing to plot the axes say so. Needs matplotlib.
    RETURNS: the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    points = idm_points(records)
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 4.5))
    else:
        fig = ax.figure
    placed = [p for p in points if p["year"] is not None]
    by_region: dict[str, dict[int, list[float]]] = {}
    for p in placed:
        by_region.setdefault(p["region"] or "(no region)", {}).setdefault(p["year"], []).append(p["value"])
    for region in sorted(by_region):
        years = sorted(by_region[region])
        values = [sum(by_region[region][y]) / len(by_region[region][y]) for y in years]
        ax.plot(years, values, marker="o", label=region)
    ax.set_xlabel("year")
    ax.set_ylabel("IDM value")
    skipped = len(points) - len(placed)
    ax.set_title("IDM by year and region" + (f" ({skipped} without a year not shown)" if skipped else ""))
    if by_region:
        years_all = sorted({p["year"] for p in placed})
        ax.set_xticks(years_all)
        if len(by_region) > 8:  # many regions: legend beside the axes
            ax.legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1.01, 1.0), ncol=1 + len(by_region) // 25)
        else:
            ax.legend(fontsize="small", loc="best")
    else:
        ax.text(0.5, 0.5, "no IDM values with a year extracted", ha="center", va="center", transform=ax.transAxes)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110)
    return fig
