"""Recognizer: calendar dates (``Rabu (6/4)``, ``Selasa, 5 Maret 2024``, ``kemarin``).

``find_dates(doc)`` finds date expressions with its own patterns (built once
from ``pipeline/data/months.tsv``, ``weekdays.tsv``, ``dates_relative.tsv``),
resolves each against the publication date ``doc._.article.published``, and
gives each distinct day once with a role:

- ``published``: the printed publication date (``doc._.article.published_mention``);
  when the header stage found none, a full date printed as the article's date
  on one of its first lines (``Rabu, 06 Maret 2024 - 14:20 WIB``, ``Oleh: X |
  Selasa, 12 Maret 2024``, ``Diposting pada ...``) or in its opening dateline
  before the dash (``PALU, Senin (11/3/2024) –``), read from the original text
  even where the body masks it, and used to resolve the other dates;
- ``other``: the time a statement was given (``kata X kepada wartawan, Jumat (11/12/20)``);
  speech cues are in ``dates_speech_cues.txt``;
- ``event``: any other date (the day something reported happened).

A day/month without a year takes the publication year, or the previous one
when that would put the date more than ~2 months after publication (articles
report the past); with no publication date the value is ``XXXX-MM-DD``
flagged ``ambiguous``.  A named weekday that disagrees with the resolved date
is kept, flagged ``weekday_mismatch`` and reported in ``doc._.warnings``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex
from spacy.tokens import Doc
from ..sentences import CACHED_TEXTS, doc_text, sentence_spans

from .. import lexicons
from ..schema import DateMention, Warning

LOGGER = logging.getLogger(__name__)

#: A date without a year may lie at most this many days after publication.
MAX_DAYS_AFTER_PUBLICATION = 62
#: ... and at most this many days before it.
MAX_DAYS_BEFORE_PUBLICATION = 366

_ROLE_RANK = {"published": 0, "event": 1, "other": 2}
_EXPLICIT, _WEEKDAY, _RELATIVE = 0, 1, 2  # how precisely a mention names its day


@dataclass
class Candidate:
    """A date expression found in the text, before resolution."""

    start: int
    end: int
    text: str
    precision: int = _EXPLICIT
    day: Optional[int] = None
    month: Optional[int] = None
    year: Optional[int] = None
    two_digit_year: bool = False
    weekday: Optional[int] = None
    relation: Optional[str] = None  # bare weekday: None, lalu, depan, ini ...
    offset: Optional[int] = None  # relative word: days from publication
    anchor: Optional[tuple[int, int, int]] = None  # commemoration: (month, day, days after it)
    flags: list[str] = field(default_factory=list)
    value: Optional[str] = None
    role: str = "event"
    raw_year: Optional[str] = field(default=None, repr=False)  # the year as written, resolved per publication date


# --------------------------------------------------------------------------- lexicons


def _apostrophe_free(name: str) -> str:
    return regex.sub(r"['’`]", "", name.lower())


@lru_cache(maxsize=None)
def months() -> dict[str, int]:
    """Lower-cased month name -> month number."""
    return {r["name"].lower(): int(r["month"]) for r in lexicons.load_tsv("months.tsv")}


@lru_cache(maxsize=None)
def weekdays() -> dict[str, int]:
    """Lower-cased weekday name without apostrophes -> ``date.weekday()`` number."""
    return {_apostrophe_free(r["name"]): int(r["weekday"]) for r in lexicons.load_tsv("weekdays.tsv") if r.get("scope") != "header"}


@lru_cache(maxsize=None)
def _relative_words() -> dict[str, int]:
    return {r["word"].lower(): int(r["offset"]) for r in lexicons.load_tsv("dates_relative.tsv")}


@lru_cache(maxsize=None)
def _commemorations() -> dict[str, tuple[int, int]]:
    return {_norm_space(r["name"]): (int(r["month"]), int(r["day"])) for r in lexicons.load_tsv("dates_commemorations.tsv")}


@lru_cache(maxsize=None)
def _day_offsets() -> dict[str, int]:
    return {r["word"].lower(): int(r["days"]) for r in lexicons.load_tsv("dates_day_offsets.tsv")}


def _alternation(words) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = regex.escape(w)
        esc = esc.replace(r"\'", "['’`]?").replace("'", "['’`]?")
        parts.append(esc.replace(r"\ ", r"\s+"))
    return "|".join(parts)


@dataclass(frozen=True)
class _Patterns:
    wd_paren: regex.Pattern
    day_month: regex.Pattern
    month_day: regex.Pattern
    numeric: regex.Pattern
    iso: regex.Pattern
    bare_weekday: regex.Pattern
    relative: regex.Pattern
    speech: regex.Pattern
    occasion: regex.Pattern
    event_lead: regex.Pattern
    weekday_only: str
    commemoration: regex.Pattern


@lru_cache(maxsize=None)
def _patterns() -> _Patterns:
    wd_names = [r["name"] for r in lexicons.load_tsv("weekdays.tsv") if r.get("scope") != "header"]
    wd = rf"(?P<wd>{_alternation(wd_names)})"
    mon = rf"(?P<mon>{_alternation(months())})\.?"
    flags = regex.IGNORECASE | regex.VERSION0
    speech = lexicons.load_lines("dates_speech_cues.txt")
    occasion = lexicons.load_lines("dates_event_cues.txt")
    return _Patterns(
        wd_paren=regex.compile(
            rf"(?<!\w){wd}\s*,?\s*\(\s*(?P<d>\d{{1,2}})\s*[/\-.]\s*(?P<m>\d{{1,2}})"
            rf"(?:\s*[/\-.]\s*(?P<y>\d{{4}}|\d{{2}}))?\s*\)",
            flags,
        ),
        day_month=regex.compile(
            rf"(?<!\w)(?:{wd}\s*,?\s*)?(?:(?P<d0>\d{{1,2}})\s*(?:-|–|s\.?d\.?|s/d|hingga|sampai(?:\s+dengan)?|dan)\s*)?"
            rf"(?P<d>\d{{1,2}})\s+{mon}(?!\w)(?:\s+(?P<y>\d{{4}})(?!\d))?",
            flags,
        ),
        month_day=regex.compile(
            rf"(?<!\w)(?:{wd}\s*,?\s*)?{mon}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", flags
        ),
        numeric=regex.compile(
            rf"(?:(?<!\w){wd}\s*,?\s*)?(?<![\d/.\-])(?P<d>\d{{1,2}})(?:(-)(?P<m>\d{{1,2}})-(?P<y>\d{{4}})|/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}}))(?![\d/\-])",
            flags,
        ),
        iso=regex.compile(r"(?<![\d/\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d/\-])"),
        bare_weekday=regex.compile(
            rf"(?<!\w){wd}(?!\w)(?:\s+(?P<rel>lalu|kemarin|depan|mendatang|ini)(?!\w))?", flags
        ),
        relative=regex.compile(rf"(?<!\w)(?P<rw>{_alternation(_relative_words())})(?!\w)", flags),
        speech=regex.compile(rf"(?<!\w)(?:{_alternation(speech)})(?!\w)", flags),
        occasion=regex.compile(rf"(?<!\w)(?:{_alternation(occasion)})(?!\w)|(?<!\w)di\s+\p{{Lu}}", regex.VERSION0),
        event_lead=regex.compile(r"(?i)(?:\bpada|\btanggal|\btgl\.?|\bsejak|\bhingga|\bsampai)\s*(?:hari\s+)?$"),
        weekday_only=_alternation(wd_names),
        commemoration=regex.compile(
            rf"(?<!\w)(?:(?P<off>{_alternation(_day_offsets())}|\d{{1,2}}\s+hari)\s+(?P<dir>setelah|sesudah|usai|pasca|sebelum|menjelang|jelang)"
            rf"|(?P<on>bertepatan\s+dengan|tepat\s+pada|pada))\s+(?:(?:peringatan|perayaan|puncak\s+peringatan)\s+)?"
            rf"(?P<name>{_alternation(_commemorations())})(?!\w)(?:\s*\((?P<abbr>[^()\n]{{1,20}})\))?"
            rf"(?:\s+(?:tahun\s+)?(?P<y>(?:19|20)\d{{2}})(?!\d))?",
            flags,
        ),
    )


# --------------------------------------------------------------------------- candidates


def _weekday_of(name: Optional[str]) -> Optional[int]:
    return weekdays().get(_apostrophe_free(name)) if name else None


def _year(raw: Optional[str], pub: Optional[dt.date]) -> tuple[Optional[int], bool]:
    if not raw:
        return None, False
    y = int(raw)
    if len(raw) == 2:
        ref = (pub.year if pub else dt.date.today().year) + 1
        y = 2000 + y if 2000 + y <= ref else 1900 + y
        return y, True
    return y, False


def _candidates(text: str, pub: Optional[dt.date]) -> list[Candidate]:
    """Date expressions in ``text``, longest/most explicit first where they overlap, with
    their years resolved against ``pub`` (fresh objects: callers may change them)."""
    out = []
    for c in _scan(text):
        year, two = _year(c.raw_year, pub)
        out.append(dataclasses.replace(c, year=year, two_digit_year=two, flags=[]))
    return out


@lru_cache(maxsize=CACHED_TEXTS)
def _scan(text: str) -> tuple[Candidate, ...]:
    """The date expressions of ``text`` (years unresolved): the pattern scans, done once per
    text although the dates and metrics stages both ask (a small cache keyed by the text)."""
    p = _patterns()
    taken: list[tuple[int, int]] = []
    out: list[Candidate] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(c: Candidate) -> None:
        taken.append((c.start, c.end))
        out.append(c)

    for pat in (p.wd_paren, p.day_month, p.month_day, p.numeric, p.iso):
        for m in pat.finditer(text):
            if not free(m.start(), m.end()):
                continue
            gd = m.groupdict()
            month = int(gd["m"]) if gd.get("m") else months().get((gd.get("mon") or "").lower().rstrip("."))
            if month is None:
                continue
            raw_year = gd.get("y")
            if gd.get("d0"):  # "6-7 Mei 2024": the first day too (the weekday names the first)
                out.append(
                    Candidate(m.start(), m.end(), m.group(), _EXPLICIT, int(gd["d0"]), month,
                              weekday=_weekday_of(gd.get("wd")), raw_year=raw_year)
                )
            add(
                Candidate(
                    m.start(), m.end(), m.group(), _EXPLICIT, int(gd["d"]), month,
                    weekday=None if gd.get("d0") else _weekday_of(gd.get("wd")), raw_year=raw_year,
                )
            )
    for m in p.commemoration.finditer(text):
        if not free(m.start(), m.end()):
            continue
        month, day = _commemorations()[_norm_space(m.group("name"))]
        shift = 0
        if m.group("off"):
            off = _norm_space(m.group("off"))
            shift = _day_offsets().get(off) or int(off.split()[0])
            if m.group("dir").lower() in ("sebelum", "menjelang", "jelang"):
                shift = -shift
        start = m.start() if m.group("off") else m.start("name")
        add(Candidate(start, m.end(), text[start : m.end()], _RELATIVE, anchor=(month, day, shift), raw_year=m.group("y")))
    for m in p.bare_weekday.finditer(text):
        if not free(m.start(), m.end()) or not _plausible_bare_weekday(text, m):
            continue
        rel = (m.group("rel") or "").lower() or None
        start, end = m.start(), m.end()
        if rel == "ini" and m.group("wd").lower() == "minggu":
            continue  # "Minggu ini" is "this week"
        add(Candidate(start, end, text[start:end], _WEEKDAY, weekday=_weekday_of(m.group("wd")), relation=rel))
    for m in p.relative.finditer(text):
        if not free(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 25) : m.start()]
        if regex.search(
            rf"(?i)(?:\b(?:{_alternation(months())})|tahun|bulan|pekan|minggu|malam|sore|siang|pagi)\s+$", before
        ) and m.group("rw").lower().startswith("kemarin"):
            continue  # "Januari kemarin", "tahun kemarin": not yesterday
        add(Candidate(m.start(), m.end(), m.group(), _RELATIVE, offset=_relative_words()[_norm_space(m.group("rw"))]))
    out.sort(key=lambda c: c.start)
    return tuple(out)


def date_spans(text: str, published: Optional[dt.date] = None) -> list[tuple[int, int]]:
    """Where ``text`` has date expressions (resolvable or not): numbers there are not figures."""
    return [(c.start, c.end) for c in _candidates(text, published)]


def _norm_space(s: str) -> str:
    return regex.sub(r"\s+", " ", s.lower())


def _plausible_bare_weekday(text: str, m: regex.Match) -> bool:
    """A weekday on its own is a date only in date-like contexts (``pada Jumat``, ``Senin lalu``)."""
    name = m.group("wd")
    before = text[max(0, m.start() - 20) : m.start()]
    after = text[m.end() : m.end() + 15]
    if regex.search(r"(?i)\b(?:setiap|tiap|per|beberapa|sepekan|seminggu|satu|dua|tiga|empat|\d+)\s+$", before):
        return False
    if regex.search(r"(?i)\b(?:setiap|tiap)\s+\w+\s*(?:,|dan|atau)\s*$", before):
        return False  # "setiap Senin dan Kamis"
    wd = _patterns().weekday_only
    range_word = r"(?:-|–|hingga|sampai(?:\s+dengan)?|s\.?d\.?|s/d)"
    if regex.match(rf"(?i)\s*{range_word}\s*(?:{wd})", after + text[m.end() + 15 : m.end() + 30]) or regex.search(
        rf"(?i)(?:{wd})\s*{range_word}\s*$", before
    ):
        return False  # "Senin hingga Jumat": a span of weekdays
    if name.lower() == "minggu" and (name != "Minggu" or m.group("rel")):
        return False  # "minggu" is also "week"
    if m.group("rel"):
        return True
    if regex.search(r"(?i)(?:\bpada|\bhari|\bsejak|,)\s*$", before):
        return True
    return bool(regex.match(r"(?i)\s*(?:[.,;)]|pagi|siang|sore|malam|dini\s+hari|$)", after))


# --------------------------------------------------------------------------- resolution


def _valid(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve(c: Candidate, pub: Optional[dt.date]) -> bool:
    """Set ``c.value`` and ``c.flags``; False if ``c`` names no real day.

    ``pub`` is the reference day: the publication date (for a commemoration,
    the article's first fully dated day when there is no publication date).
    """
    if c.anchor is not None:
        month, day, shift = c.anchor
        if c.year is not None:
            base = _valid(c.year, month, day)
        elif pub is not None:
            base = _guess_year(month, day, None, pub)
        else:
            return False
        if base is None:
            return False
        c.value = (base + dt.timedelta(days=shift)).isoformat()
        return True
    if c.precision == _RELATIVE:
        if pub is None:
            return False
        c.value = (pub + dt.timedelta(days=c.offset or 0)).isoformat()
        return True
    if c.precision == _WEEKDAY:
        if pub is None or c.weekday is None:
            return False
        delta = (pub.weekday() - c.weekday) % 7
        if c.relation in ("depan", "mendatang"):
            day = pub + dt.timedelta(days=(c.weekday - pub.weekday()) % 7 or 7)
        elif c.relation == "ini":
            day = pub + dt.timedelta(days=c.weekday - pub.weekday())
        elif c.relation in ("lalu", "kemarin"):
            day = pub - dt.timedelta(days=delta or 7)
        else:
            day = pub - dt.timedelta(days=delta)
        c.value = day.isoformat()
        return True
    if c.day is None or c.month is None or not _valid(2000, c.month, c.day):
        return False
    if c.year is not None:
        if not 1900 <= c.year <= 2100:
            return False
        day = _valid(c.year, c.month, c.day)
        if day is None:
            return False
    elif pub is None:
        c.value = f"XXXX-{c.month:02d}-{c.day:02d}"
        c.flags.append("ambiguous")
        return True
    else:
        day = _guess_year(c.month, c.day, c.weekday, pub)
        if day is None:
            return False
    c.value = day.isoformat()
    if c.weekday is not None and day.weekday() != c.weekday:
        c.flags.append("weekday_mismatch")
    return True


def _guess_year(month: int, day: int, weekday: Optional[int], pub: dt.date) -> Optional[dt.date]:
    """The day/month's year, from the publication date (see module doc)."""
    options = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        d = _valid(y, month, day)
        if d is None:
            continue
        diff = (d - pub).days
        if -MAX_DAYS_BEFORE_PUBLICATION <= diff <= MAX_DAYS_AFTER_PUBLICATION:
            options.append(d)
    if not options:
        return None
    if weekday is not None:
        matching = [d for d in options if d.weekday() == weekday]
        if matching:
            options = matching
    return min(options, key=lambda d: abs((d - pub).days))


# --------------------------------------------------------------------------- roles


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of sentences (spaCy's, else split at . ! ? and line breaks)."""
    if doc.has_annotation("SENT_START"):
        return sentence_spans(doc)
    bounds, start = [], 0
    for m in regex.finditer(r"[.!?](?=\s+[\p{Lu}\"“])|\n", doc_text(doc)):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(doc_text(doc))))
    return bounds


def _sentence_start(bounds: list[tuple[int, int]], pos: int) -> int:
    for a, b in bounds:
        if a <= pos < b:
            return a
    return 0


def _role(text: str, sent_start: int, c: Candidate) -> str:
    """``other`` when ``c`` is the time a statement was given, else ``event``."""
    p = _patterns()
    before = text[sent_start : c.start]
    if p.event_lead.search(before):
        return "event"
    speech = [m.end() for m in p.speech.finditer(before)]
    if not speech:
        return "event"
    occasion = [m.end() for m in p.occasion.finditer(before)]
    if occasion and occasion[-1] > speech[-1]:
        return "event"
    return "other"


def _in_header(text: str, c: Candidate, article) -> bool:
    """Whether ``c`` sits in the article's header (before its dateline, or alone on a short line)."""
    dateline = getattr(article, "dateline", None)
    if dateline is not None:
        return c.end <= dateline.start
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line.strip()) <= len(c.text) + 25


_DATELINE_HEAD = regex.compile(r"[^\S\n]*\p{Lu}[\p{Lu}\p{L} .'\-]{1,40}(?:,[^\S\n]*(?:\p{L}+[^\S\n]*)?)?[^\S\n]*$", regex.VERSION0)


_HEADER_PREFIX = regex.compile(
    r"[^\S\n]*(?:(?i:diposting|dipublikasikan|diterbitkan|dipublish|posted|published|tanggal|tgl\.?|update|diperbarui|"
    r"dibuat|terbit)(?:[^\S\n]+(?i:pada|on|tanggal))?[^\S\n]*:?[^\S\n]*|[^\n]*[|•][^\S\n]*)?",
    regex.VERSION0,
)
_HEADER_REST = regex.compile(r"[^\S\n]*(?:$|\n|[|\-–—•/]|,?[^\S\n]*(?:pukul[^\S\n]+)?\d{1,2}[.:]\d{2})", regex.VERSION0)


def _header_date(text: str, found: list[Candidate]) -> Optional[Candidate]:
    """A full date (day, month, year) printed as the article's date when the header stage found
    none: alone on one of the first lines (``Rabu, 06 Maret 2024 - 14:20 WIB``), or in an opening
    dateline before its dash (``BANYUWANGI, Kamis 7 Mar 2024 10:15 - ...``)."""
    head_end = 0
    for _ in range(4):  # the first four non-empty lines
        nxt = text.find("\n", head_end)
        if nxt < 0:
            head_end = len(text)
            break
        head_end = nxt + 1
        while head_end < len(text) and text[head_end] == "\n":
            head_end += 1
    for c in found:
        if c.start >= head_end or c.precision != _EXPLICIT or c.year is None or c.anchor is not None:
            continue
        if not resolve(c, None) or not c.value or c.value[0] == "X":
            continue
        line_start = text.rfind("\n", 0, c.start) + 1
        line_end = text.find("\n", c.end)
        rest = text[c.end : line_end if line_end >= 0 else len(text)]
        if _HEADER_PREFIX.fullmatch(text[line_start : c.start]) and _HEADER_REST.match(rest):
            return c  # "Rabu, 06 Maret 2024 - 14:20 WIB", "Diposting pada 15 April 2023", "Oleh: X | Senin, ..."
        if _DATELINE_HEAD.fullmatch(text[line_start : c.start]) and regex.match(r"[^\S\n]*(?:\d{1,2}[.:]\d{2}[^\S\n]*(?:WIB|WITA|WIT)?[^\S\n]*)?[-–—]", rest):
            return c
    return None


# --------------------------------------------------------------------------- entry point


def find_dates(doc: Doc) -> list[DateMention]:
    """Dates in ``doc``, one per distinct day, with role and flags (see module doc)."""
    text = doc_text(doc)
    article = getattr(doc._, "article", None)
    pub: Optional[dt.date] = getattr(article, "published", None)
    pub_mention = getattr(article, "published_mention", None)
    warnings = doc._.warnings if doc._.warnings is not None else []

    header = None
    if pub is None:  # no publication date from the header stage: a dated header/dateline line gives it
        original = getattr(article, "text", None) or text
        if len(original) != len(text):
            original = text
        header = _header_date(original, _candidates(original, None))
        if header is not None:
            pub = dt.date.fromisoformat(header.value)
    found = _candidates(text, pub)
    cands = [c for c in found if c.anchor is None and resolve(c, pub)]
    ref = pub or next((dt.date.fromisoformat(c.value) for c in cands if c.value and c.value[0] != "X"), None)
    cands += [c for c in found if c.anchor is not None and resolve(c, ref)]
    cands.sort(key=lambda c: c.start)
    bounds = sentence_bounds(doc) if cands else []
    for c in cands:
        c.role = _role(text, _sentence_start(bounds, c.start), c)
        if (
            pub is not None and pub_mention is None and c.value == pub.isoformat() and c.precision == _EXPLICIT
            and _in_header(text, c, article)
        ):
            c.role = "published"
        if pub_mention is not None and c.start < pub_mention.end and pub_mention.start < c.end:
            c.role = "published"
        if header is not None and c.start == header.start:
            c.role = "published"
    if header is not None and not any(c.role == "published" for c in cands):
        header.role = "published"  # masked from the body as header boilerplate: listed all the same
        cands.append(header)
    if pub_mention is not None and pub is not None and not any(c.role == "published" for c in cands):
        cands.append(
            Candidate(pub_mention.start, pub_mention.end, pub_mention.text, _EXPLICIT, value=pub.isoformat(),
                      role="published")
        )

    for c in cands:
        if "weekday_mismatch" in c.flags:
            warnings.append(
                Warning(
                    code="weekday_mismatch",
                    message=f"{c.text!r}: the named weekday does not fall on {c.value}",
                    start=c.start,
                    end=c.end,
                )
            )
    if doc._.warnings is None:
        doc._.warnings = warnings

    by_value: dict[str, list[Candidate]] = {}
    for c in cands:
        by_value.setdefault(c.value or "", []).append(c)
    out = []
    for value, group in by_value.items():
        role = min((c.role for c in group), key=_ROLE_RANK.__getitem__)
        published = [c for c in group if c.role == "published"]
        best = published[0] if published else min(group, key=lambda c: (c.precision, _ROLE_RANK[c.role], c.start))
        out.append(
            DateMention(text=best.text, value=value, role=role, flags=list(dict.fromkeys(best.flags)),
                        start=best.start, end=best.end)
        )
    out.sort(key=lambda d: (_ROLE_RANK[d.role] != 0, d.start))
    LOGGER.debug("dates: %s", [(d.text, d.value, d.role) for d in out])
    return out


def parse_metadata_date(value: str) -> Optional[dt.date]:
    """A date from metadata (ISO ``2024-05-03``, ``2024-05-03T10:00``); None if unreadable."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
