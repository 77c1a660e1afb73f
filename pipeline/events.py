"""Stage 5, events: what the article reports as happening.

``find_events(doc)`` reads ``doc_text(doc)`` and what the earlier stages set
(``doc._.dates``, ``agencies``, ``officials``, ``quotes``, ``metrics``,
``article``) and returns :class:`pipeline.schema.Event` items.

How:

1. Triggers (``event_types.jsonl``): regular expressions, each with a type, a
   kind and optionally a family.  ``strong`` triggers (``rapat koordinasi``,
   ``banjir``) report a happening by themselves; ``weak`` ones
   (``pendampingan``, ``kunjungan``) only with an occurrence verb next to them
   (``melakukan pendampingan``, ``pendampingan ... diberikan``; not a plan:
   ``akan terus melakukan ...``, unless a future one whose sentence gives its
   day: ``akan menggelar pelatihan ... pada Jumat (20/9)``) or, when the entry has a ``context``, with one
   of its words in the sentence; ``anaphor`` ones (``acara``, ``kegiatan
   tersebut``, ``peristiwa itu``) only add details (date, venue) to what they
   refer to.
   Not happenings: a trigger inside an agency's or official's mention (part of
   a name), after a blocking word (``perlu sosialisasi``, ``rawan banjir``,
   ``hasil musrenbang``), near a habit marker (``kerap banjir``), an "other" or
   "distribution" trigger in a sentence about proposals or spending
   (``usulan ... perbaikan jalan``), a second gathering in the sentence of
   another (``rembuk ... ditutup dengan penandatanganan``; a handover of
   things stays apart), and any trigger
   inside a quote (it may only add to an event found outside quotes), except
   a handout a quote says is done (``bantuan sudah kami salurkan``).  A
   gathering after a purpose word (``tiba ..., Senin (4/3), untuk kunjungan
   kerja``) is a happening when its sentence gives its day.
   A gathering or handover said to be planned (``akan menggelar rapat``,
   ``rapat ... akan digelar``, ``... dijadwalkan pekan depan``) is an event
   only when its sentence gives its day; one opening with ``Sebelumnya``/``pernah`` without a day, or near
   ``Maret lalu``, is background.  Building work (``pembangunan jalan``, rows
   marked ``project``) is an event only as the article's main happening: not
   after another happening, unless in the lead, and not as the object of a
   gathering (``meninjau pembangunan jembatan``), nor when a ceremony in the
   lead marks it (``Peletakan batu pertama dilakukan Bupati ...``).
2. Awards (``events_awards.jsonl``): every prize named (``X Award Tahun
   2023``, ``Juara I ...``, ``Penghargaan ...``; not a village status such as
   ``predikat Desa Mandiri``) is one award; mentions whose
   words are within another's (``Juara I`` / ``Juara I Lomba BUMDes ...``) are
   the same prize; triggers inside an award's name are part of it.
   Handovers of things (``penyerahan satu unit ambulans``, ``menyerahkan 500
   buku``) are ceremonies of their own family, apart from launches.
3. One event per happening: mentions of one type (and family: corruption and
   a road accident are two incidents) merge (``Rakor``, ``Rakor tersebut``,
   ``Rakor ini`` are one meeting) unless they carry different dates and the
   later one is not a short form of the first's name; a mention referring
   back (``korban banjir``, ``bimtek Siskeudes ini``) joins the event it refers to.  A mention marked as
   long past (``banjir ... tahun lalu``) has no date and stays apart from a
   dated one.
4. Date: a date of role event (or published) in a mention's sentence, not one
   that ends a period (``hingga 30 Juni``), not for an alleged offence
   (``dugaan korupsi``).  A date listed once by the dates stage but written
   again in the sentence (``(23/2/2022)``) counts too.  Anaphors lend theirs
   (``acara ...`` to the main gathering, ``peristiwa itu ...`` to the first
   disaster or incident).  The main gathering and the first disaster or
   incident without one take the next sentence's event date (the gathering,
   failing that, the article's first unused event date); things handed over
   during a visit or ceremony take its date, unless it lasts several days
   (``kunjungan kerja dua hari``); awards without one take the date of the
   sentence handing the prizes over (``Penghargaan diserahkan ..., Selasa
   (22/8/2023)``) or of the next sentence in its paragraph.  A range of days
   the dates stage did not list (``Senin-Rabu (7-9/10/2024)``, ``7-9 Oktober``)
   dates an event by its first day.
   Also: a date tied to another happening by a relative clause (``lokasi
   longsor yang terjadi Minggu (12/5)``) is not the mention's; a weekday
   alone (``pada Selasa pagi``) names the one listed day of that weekday;
   what follows ``Usai peresmian, ...`` or happens ``pada acara yang sama``
   takes the day of the happening before it; a distribution running over
   months (``penyaluran dana desa tahun anggaran 2024 sudah mencapai 60
   persen``) has no day.
5. Details: ``venue`` the phrase after ``di``/``bertempat di`` with a venue
   head word, up to a weekday, a demonstrative or a verb; ``city`` from
   ``di Kota/Kabupaten X`` or the dateline;
   ``organizer`` the agency that is the subject of ``menggelar`` (or after
   ``oleh``/``melalui``, or named in the event's name); ``speakers`` the quoted
   speakers, for the article's main event; ``metrics`` the metrics in the
   event's sentences; ``year`` a year in the name of an undated event.

Cue lists are in ``events_cues.txt``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex as re
from spacy.tokens import Doc
from .sentences import doc_text, sentence_spans

from .lexicons import load_jsonl, load_lines, load_tsv
from .quotes import quote_spans
from .schema import Agency, DateMention, Event

LOGGER = logging.getLogger(__name__)
_ANY_WORD = re.compile(r"\w")

#: Types that are gatherings: the article's main one takes leftover details.
GATHERINGS = ("meeting", "ceremony", "visit")
#: Types of mishaps: "peristiwa itu", "musibah" refer back to the first of them.
MISHAPS = ("disaster", "incident")
#: Types whose trigger near a habit marker ("kerap banjir") is not one happening.
HABIT_TYPES = ("disaster", "incident", "other", "distribution")
#: Types whose trigger in a sentence about plans or spending ("usulan ... perbaikan
#: jalan", "dana dipakai untuk ...") is a topic, not a happening.
TOPIC_TYPES = ("other", "distribution")
#: Types that have no organiser (nobody organises a flood).
NO_ORGANIZER = ("disaster", "incident", "award")
#: Longest event name, in words.
MAX_NAME_WORDS = 14
#: How far (characters) around a trigger a "long ago" marker counts.
PAST_WINDOW_AFTER, PAST_WINDOW_BEFORE = 60, 40

_WB0, _WB1 = r"(?<![\w-])", r"(?![\w-])"


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Trigger:
    type: str
    kind: str  # strong | weak | anaphor
    family: str  # mentions merge within a family (incidents: korupsi vs kecelakaan)
    pattern: re.Pattern
    context: Optional[re.Pattern]
    project: bool = False  # building work: an event only as the article's main happening


@dataclass(frozen=True)
class _Cues:
    occur: re.Pattern
    block: re.Pattern
    past: re.Pattern
    stop: frozenset[str]
    award_stop: frozenset[str]
    verb: re.Pattern
    by: re.Pattern
    venue: re.Pattern
    ref: re.Pattern
    plan: re.Pattern
    habit: re.Pattern
    topic: re.Pattern
    undated: re.Pattern
    giving: re.Pattern
    cutoff: re.Pattern
    plan_event: re.Pattern
    occasion: re.Pattern
    demo: re.Pattern
    other_date: re.Pattern
    background: re.Pattern
    running: re.Pattern
    routine: re.Pattern
    purpose: re.Pattern
    done: re.Pattern
    multiday: re.Pattern
    scheduled: re.Pattern
    negation: re.Pattern


@lru_cache(maxsize=1)
def _triggers() -> tuple[_Trigger, ...]:
    out = []
    for row in load_jsonl("event_types.jsonl"):
        ctx = row.get("context")
        out.append(
            _Trigger(
                type=row["type"],
                kind=row.get("kind", "strong"),
                family=row.get("family", row["type"]),
                pattern=re.compile(_WB0 + "(?:" + row["pattern"] + ")" + _WB1, re.I | re.V0),
                context=re.compile(_WB0 + "(?:" + ctx + ")" + _WB1, re.I | re.V0) if ctx else None,
                project=bool(row.get("project", False)),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _trigger_union() -> re.Pattern:
    """Any trigger (each trigger's pattern after the shared left word boundary)."""
    inner = [t.pattern.pattern[len(_WB0) :] for t in _triggers()]
    return re.compile(_WB0 + "(?:" + "|".join(f"(?:{p})" for p in inner) + ")", re.I | re.V0)


@lru_cache(maxsize=1)
def _trigger_union_lower() -> Optional[re.Pattern]:
    """The union for lower-cased text, without case folding (faster); ``None``
    when a pattern has an escape that lower-casing would change (``\\S``, ``\\p{Lu}``)."""
    src = _trigger_union().pattern
    if re.search(r"\\[A-Z]", src):
        return None
    return re.compile(src.lower(), re.V0)


def _trigger_starts(text: str) -> list[int]:
    """Where any trigger starts (overlapping), one scan of the text."""
    lower = _trigger_union_lower()
    low = text.lower()
    if lower is not None and len(low) == len(text):
        return [m.start() for m in lower.finditer(low, overlapped=True)]
    return [m.start() for m in _trigger_union().finditer(text, overlapped=True)]


@lru_cache(maxsize=1)
def _awards() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(_WB0 + "(?:" + r["pattern"] + ")", re.V0) for r in load_jsonl("events_awards.jsonl"))


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw: dict[str, list[str]] = {}
    for line in load_lines("events_cues.txt"):
        kind, _, value = line.partition(" ")
        raw.setdefault(kind, []).append(value.strip())

    def alt(kind: str) -> str:
        if not raw.get(kind):
            raise ValueError(f"events_cues.txt: no '{kind}' entries")
        return "|".join(f"(?:{v})" for v in raw[kind])

    def words(kind: str) -> frozenset[str]:
        return frozenset(w for v in raw.get(kind, []) for w in v.split("|"))

    return _Cues(
        occur=re.compile(_WB0 + "(?:" + alt("occur") + ")" + _WB1, re.I),
        block=re.compile(_WB0 + "(?:" + alt("block") + ")" + _WB1, re.I),
        past=re.compile(_WB0 + "(?:" + alt("past") + ")" + _WB1, re.I),
        stop=words("stop"),
        award_stop=words("award_stop"),
        verb=re.compile(_WB0 + "(?:" + alt("verb") + ")" + _WB1, re.I),
        by=re.compile(_WB0 + "(?:" + alt("by") + ")" + _WB1, re.I),
        ref=re.compile(_WB0 + "(?:" + alt("ref") + ")" + _WB1, re.I),
        plan=re.compile(_WB0 + "(?:" + alt("plan") + ")" + _WB1, re.I),
        habit=re.compile(_WB0 + "(?:" + alt("habit") + ")" + _WB1, re.I),
        topic=re.compile(_WB0 + "(?:" + alt("topic") + ")" + _WB1, re.I),
        undated=re.compile(_WB0 + "(?:" + alt("undated") + ")" + _WB1, re.I),
        giving=re.compile(_WB0 + "(?:" + alt("giving") + ")" + _WB1, re.I),
        cutoff=re.compile(_WB0 + "(?:" + alt("cutoff") + r")(?:\s+(?:tanggal|tgl\.?))?\s*$", re.I),
        plan_event=re.compile(_WB0 + "(?:" + alt("plan_event") + ")" + _WB1, re.I),
        occasion=re.compile(_WB0 + "(?:" + alt("occasion") + ")" + _WB1, re.I),
        demo=re.compile(_WB0 + "(?:" + alt("demo") + ")" + _WB1, re.I),
        routine=re.compile(_WB0 + "(?:" + alt("routine") + ")" + _WB1, re.I),
        purpose=re.compile("(?:" + alt("purpose") + ")", re.I),
        done=re.compile(_WB0 + "(?:" + alt("done") + ")" + _WB1, re.I),
        negation=re.compile("(?:" + alt("negation") + ")", re.I),
        scheduled=re.compile("(?:" + alt("scheduled") + ")", re.I),
        multiday=re.compile(_WB0 + "(?:" + alt("multiday") + ")", re.I),
        running=re.compile(_WB0 + "(?:" + alt("running") + r")(?![\w-])", re.I),
        background=re.compile(r"^\W*(?:" + alt("background") + ")" + _WB1, re.I),
        other_date=re.compile(_WB0 + "(?:" + alt("other_date") + r")\s*,?\s*$", re.I),
        venue=re.compile(
            _WB0 + r"(?:bertempat\s+)?di\s+(?P<venue>(?i:" + alt("venue") + r")" + _WB1 + r"[^,.;:\n]*)", re.V0
        ),
    )


# --------------------------------------------------------------------------- doc helpers


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans (character offsets); spaCy's when set, else a simple split."""
    if doc.has_annotation("SENT_START"):
        return sentence_spans(doc)
    out = []
    for m in re.finditer(r"[^\n]*?(?:[.!?](?=\s)|\n|$)", doc_text(doc)):
        if m.end() > m.start():
            out.append((m.start(), m.end()))
    return out or [(0, len(doc_text(doc)))]


def _next_sentence(sents: list[tuple[int, int]], sent: tuple[int, int]) -> tuple[int, int]:
    """The sentence after ``sent`` (an empty span when it is the last)."""
    for i, s in enumerate(sents):
        if s == sent:
            return sents[i + 1] if i + 1 < len(sents) else (sent[1], sent[1])
    return (sent[1], sent[1])


def _sentence_of(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sents:
        if s <= pos < e:
            return s, e
    return (pos, pos)


@dataclass
class _Mention:
    type: str
    kind: str
    family: str
    start: int
    end: int
    text: str
    sent: tuple[int, int]
    in_quote: bool
    seeds: bool = True
    past: bool = False
    ref: bool = False
    undated: bool = False
    demo: bool = False
    project: bool = False
    date: Optional[str] = None
    name: str = ""


@dataclass
class _Cluster:
    type: str
    family: str
    mentions: list[_Mention] = field(default_factory=list)
    date: Optional[str] = None
    past: bool = False

    @property
    def first(self) -> _Mention:
        return self.mentions[0]


class _Context:
    """What the article offers events: text, sentences, quotes, dates, agencies."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.sents = _sentences(doc)
        self.quotes = [(q.start, q.end) for q in quote_spans(self.text)]
        # Only dates written in the body (a header date is masked out of doc_text(doc)).
        self.all_dates: list[DateMention] = [d for d in (doc._.dates or []) if isinstance(d, DateMention)]
        self.dates = [d for d in self.all_dates if self.text[d.start : d.end] == d.text]
        self.agencies: list[Agency] = [a for a in (doc._.agencies or []) if isinstance(a, Agency)]
        self.names: list[tuple[int, int]] = [
            (m.start, m.end) for a in self.agencies for m in a.mentions
        ] + [(m.start, m.end) for o in (doc._.officials or []) for m in getattr(o, "mentions", [])]
        self.cues = _cues()

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quotes)

    def in_name(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.names)

    # -- dates -----------------------------------------------------------------
    def date_in(
        self, lo: int, hi: int, roles: tuple[str, ...] = ("event", "published"), skip_other: bool = False
    ) -> Optional[str]:
        """A date of one of ``roles`` written in ``text[lo:hi]`` (event role first);
        with ``skip_other``, of several dates not one tied to another happening
        by a relative clause (``longsor yang terjadi Minggu (12/5)``)."""
        found = [
            d
            for d in self.dates
            if lo <= d.start < hi and d.role in roles and not self.cues.cutoff.search(self.text[max(lo, d.start - 30) : d.start])
        ]
        if not found:
            found = self._dates_by_text(lo, hi, roles)
        if not found:
            return self._range_start(lo, hi) if "event" in roles else None
        if skip_other:
            # "meninjau lokasi longsor yang terjadi Minggu (12/5)": a date in a
            # relative clause about another happening is not this one's
            found = [d for d in found if not self.cues.other_date.search(self.text[max(lo, d.start - 40) : d.start])]
            if not found:
                return None
        found.sort(key=lambda d: (d.role != "event", d.start))
        return found[0].value

    def _range_start(self, lo: int, hi: int) -> Optional[str]:
        """The first day of a range of days the dates stage did not list
        (``Senin-Rabu (7-9/10/2024)``, ``7-9 Oktober 2024``, ``7 s.d. 9 Oktober``):
        a gathering over several days happens from its first day."""
        numeric, named = _range_patterns()
        for m in numeric.finditer(self.text, lo, hi):
            if not m.group("y") and self.text[m.start() - 1 : m.start()] != "(":
                continue  # "RT 02-03/05": only "(7-9/10)" or one with its year
            if not self.cues.cutoff.search(self.text[max(lo, m.start() - 30) : m.start()]):
                return self._iso(m.group("y"), int(m.group("m")), int(m.group("d")))
        months = _month_numbers()
        for m in named.finditer(self.text, lo, hi):
            mon = months.get(m.group("m").lower())
            if mon and not self.cues.cutoff.search(self.text[max(lo, m.start() - 30) : m.start()]):
                return self._iso(m.group("y"), mon, int(m.group("d")))
        return None

    def _iso(self, year: Optional[str], month: int, day: int) -> Optional[str]:
        """``YYYY-MM-DD`` (a two-digit year in this century; no year: the
        publication year, else ``XXXX``), or ``None`` for no such day."""
        if year:
            y = int(year) + (2000 if len(year) == 2 else 0)
        else:
            published = getattr(self.doc._.article, "published", None)
            y = published.year if isinstance(published, dt.date) else None
        try:
            dt.date(y or 2000, month, day)  # 2000: a leap year, "29/2" stays valid
        except ValueError:
            return None
        return f"{y:04d}-{month:02d}-{day:02d}" if y else f"XXXX-{month:02d}-{day:02d}"

    def _dates_by_text(self, lo: int, hi: int, roles: tuple[str, ...]) -> list[DateMention]:
        """Dates the dates stage listed once (one entry per day) but that are also
        written here: ``(23/2/2022)`` or ``23 Februari`` matching a listed value."""
        chunk = self.text[lo:hi]
        days: set[tuple[int, int]] = set()
        def cut(m: re.Match) -> bool:
            return bool(self.cues.cutoff.search(chunk[max(0, m.start() - 30) : m.start()]))

        for m in re.finditer(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?(?!\d)", chunk):
            if not cut(m):
                days.add((int(m.group(1)), int(m.group(2))))
        months = _month_numbers()
        for m in re.finditer(r"(?<!\d)(\d{1,2})\s+(\p{L}+)", chunk):
            mon = months.get(m.group(2).lower())
            if mon and not cut(m):
                days.add((int(m.group(1)), mon))
        # "pada Selasa pagi": a weekday alone names the listed day of that weekday
        weekdays = _weekday_numbers()
        named = {
            weekdays[w.group(1).lower().replace("'", "").replace("’", "")]
            for w in re.finditer(r"(?<![\w-])(\p{Lu}[\p{L}'’]+)(?![\w-])", chunk)
            if w.group(1).lower().replace("'", "").replace("’", "") in weekdays
        }
        out = []
        by_weekday = []
        for d in self.all_dates:
            if d.role not in roles:
                continue
            try:
                month, day = int(d.value[5:7]), int(d.value[8:10])
            except ValueError:
                continue
            if (day, month) in days:
                out.append(d)
            elif named and not days:
                try:
                    wd = dt.date.fromisoformat(d.value).weekday()
                except ValueError:
                    continue
                if wd in named:
                    by_weekday.append(d)
        # only when one listed day has that weekday (otherwise it is ambiguous)
        return out or (by_weekday if len({d.value for d in by_weekday}) == 1 else [])

    def first_event_date(self, used: set[str]) -> Optional[str]:
        for d in sorted(self.dates, key=lambda d: d.start):
            if d.role == "event" and d.value not in used:
                return d.value
        return None


@lru_cache(maxsize=1)
def _range_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A range of days written with numbers (``7-9/10/2024``, ``(7–9/10)``) and with a
    month name (``7-9 Oktober 2024``, ``7 s.d. 9 Oktober``, ``7 sampai 9 Oktober``)."""
    to = r"\s*(?:[-–—]|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*"
    numeric = re.compile(
        r"(?<![\d/.-])(?P<d>\d{1,2})" + to + r"\d{1,2}[/.](?P<m>\d{1,2})(?:[/.](?P<y>\d{4}|\d{2}))?(?![\d/])"
    )
    names = "|".join(sorted((re.escape(n) for n in _month_numbers()), key=len, reverse=True)) or "(?!)"
    named = re.compile(
        r"(?<![\d/.-])(?P<d>\d{1,2})" + to + r"\d{1,2}\s+(?P<m>(?i:" + names + r"))(?![\w-])(?:\s+(?P<y>\d{4}))?"
    )
    return numeric, named


@lru_cache(maxsize=1)
def _weekday_numbers() -> dict[str, int]:
    """Weekday names (lower-case, no apostrophe) to ``date.weekday()`` numbers, from ``weekdays.tsv``."""
    out: dict[str, int] = {}
    try:
        for row in load_tsv("weekdays.tsv"):
            if row.get("scope") == "header":
                continue
            out[row["name"].lower().replace("'", "").replace("’", "")] = int(row["weekday"])
    except (FileNotFoundError, KeyError, ValueError) as e:
        LOGGER.warning("weekdays.tsv unreadable (%s): a weekday alone is not matched", e)
    return out


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    """Month spellings (lower-case) to numbers, from ``months.tsv`` (shared with dates)."""
    out: dict[str, int] = {}
    try:
        for row in load_tsv("months.tsv"):
            out[row["name"].lower()] = int(row["month"])
    except (FileNotFoundError, KeyError, ValueError) as e:
        LOGGER.warning("months.tsv unreadable (%s): dates written as '23 Februari' are not matched", e)
    return out


# --------------------------------------------------------------------------- names


def _event_name(text: str, start: int, hi: int, stops: frozenset[str]) -> str:
    """The event's name: the trigger and the noun phrase after it, up to a stop
    word, a verb-like lower-case word or punctuation (parentheses are kept)."""
    words = []
    n = 0
    for m in re.finditer(r"\([^()\n]{1,80}\)|\d+(?:[.,]\d+)+|[^\s,.;:!?()\"“”]+|[,.;:!?\"“”]", text[start:hi]):
        tok = m.group(0)
        if tok in ",.;:!?\"“”":
            # keep decimal/abbrev dots inside words only; any other punctuation ends the name
            break
        low = tok.lower()
        if n > 0 and not tok.startswith("("):
            if low in stops:
                break
            if tok[:1].islower() and re.match(r"(?:me|di|ber|ter|memper|diper)\w{3,}", low) and not re.match(
                r"(?:desa|dinas|daerah|digital|distrik|dialog|diskusi)", low
            ):
                break
        words.append(m)
        n += 1
        if n >= MAX_NAME_WORDS:
            break
    if not words:
        return text[start:hi].strip()
    while words and words[-1].group(0).lower() in stops:
        words.pop()
    if not words:
        return text[start:hi].strip()
    return text[start : start + words[-1].end()]


def _award_name(text: str, m: re.Match, hi: int, stops: frozenset[str]) -> tuple[int, int]:
    """Extent of an award's name from its match: a ``... Award`` match is whole;
    ``Juara I ...``/``Penghargaan ...`` run on to a stop word or punctuation."""
    start, end = m.start(), m.end()
    if re.search(r"Awards?(?:\s+(?:Tahun\s+)?\d{4})?$", m.group(0)):
        return start, end
    n = 0
    for w in re.finditer(r"\s+([^\s,.;:!?()\"“”]+|\([^()\n]{1,60}\))", text[end:hi]):
        tok = w.group(1)
        low = tok.lower()
        if low in stops or low.startswith("rp") or _verb_like(tok):
            break
        end = m.end() + w.end()
        n += 1
        if n >= MAX_NAME_WORDS:
            break
    return start, end


def _verb_like(tok: str) -> bool:
    """A lower-case word with a verbal prefix (``diraih``, ``memperoleh``)."""
    return tok[:1].islower() and bool(re.match(r"(?:me|di|ber|ter)\w{3,}", tok)) and not re.match(
        r"(?:desa|dinas|daerah|digital|distrik|dialog|diskusi|terbaik|tercepat|terbaru|tertinggi|terbanyak)", tok
    )


def _awards_merged(text: str, awards: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group award mentions naming the same prize: one name's words within the
    other's (``Juara I`` and ``Juara I Lomba BUMDes Tingkat Provinsi``)."""
    groups: list[list[tuple[int, int]]] = []

    def words(span: tuple[int, int]) -> set[str]:
        return {w.lower() for w in re.findall(r"[\w-]+", text[span[0] : span[1]])}

    for span in awards:
        ws = words(span)
        for g in groups:
            gw = words(max(g, key=lambda x: x[1] - x[0]))
            if ws <= gw or gw <= ws:
                g.append(span)
                break
        else:
            groups.append([span])
    return groups


# --------------------------------------------------------------------------- finding


def _find_mentions(ctx: _Context) -> tuple[list[_Mention], list[tuple[int, int]]]:
    """Trigger mentions (non-overlapping, longest first) and award spans."""
    text, cues = ctx.text, ctx.cues
    awards: list[tuple[int, int]] = []
    for pat in _awards():
        for m in pat.finditer(text):
            s, e = _award_name(text, m, _sentence_of(ctx.sents, m.start())[1] or len(text), cues.award_stop)
            if ctx.in_quote(s) or ctx.in_name(s, e):
                continue
            if any(s < ae and as_ < e for as_, ae in awards):
                # overlapping award names: keep the longer
                awards = [(as_, ae) for as_, ae in awards if not (s < ae and as_ < e and (ae - as_) < (e - s))]
                if any(s < ae and as_ < e for as_, ae in awards):
                    continue
            awards.append((s, e))
    awards.sort()

    raw = []
    # Where any trigger may start (one scan), then each trigger's own matches from there:
    # the same matches as each trigger's finditer, for a third of the time.
    starts = _trigger_starts(text)
    for trig in _triggers():
        after = -1  # finditer's matches of one pattern do not overlap
        for pos in starts:
            if pos < after:
                continue
            m = trig.pattern.match(text, pos)
            if m:
                raw.append((m.start(), m.end(), trig))
                after = max(m.end(), pos + 1)
    raw.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    mentions: list[_Mention] = []
    last_end = -1
    for s, e, trig in raw:
        if s < last_end:
            continue
        last_end = e
        if any(as_ <= s < ae for as_, ae in awards) or ctx.in_name(s, e):
            continue
        sent = _sentence_of(ctx.sents, s)
        men = _Mention(trig.type, trig.kind, trig.family, s, e, text[s:e], sent, ctx.in_quote(s), project=trig.project)
        blocker = _blocked(text, s, sent[0], cues) if trig.kind != "anaphor" else None
        # "desa yang belum mencairkan dana", "belum ada sosialisasi": did not happen
        negated = trig.kind != "anaphor" and _words_before(text, s, sent[0], cues.negation, 2)
        men.seeds = not men.in_quote and trig.kind != "anaphor" and blocker is None and not negated
        if (
            blocker is not None
            and not negated
            and not men.in_quote
            and trig.kind == "strong"
            and trig.type in GATHERINGS
            and cues.purpose.fullmatch(blocker)
        ):
            # "tiba di bandara, Selasa (19/6), untuk kunjungan kerja": what the
            # arrival is for happens, when its sentence gives the day
            men.seeds = ctx.date_in(*sent, roles=("event",)) is not None
        if men.in_quote and trig.type == "distribution" and trig.kind != "anaphor" and not negated:
            # "Bantuan sudah kami salurkan": a quote reporting a handout as done
            men.seeds = _done_before(text, s, sent[0], cues) and (
                trig.context is None or bool(trig.context.search(text, sent[0], sent[1]))
            )
        if men.seeds and trig.type in HABIT_TYPES and _near(text, s, e, sent, cues.habit):
            men.seeds = False
        if men.seeds and trig.type == "visit" and _near(text, s, e, sent, cues.routine):
            # "ia rutin meninjau desa-desa": a habit, unless its sentence gives a day
            men.seeds = ctx.date_in(*sent, roles=("event",)) is not None
        if men.seeds and trig.type in TOPIC_TYPES and cues.topic.search(text, sent[0], sent[1]):
            men.seeds = False
        if men.seeds and trig.kind == "weak":
            if trig.context is not None:
                men.seeds = bool(trig.context.search(text, sent[0], sent[1]))
            else:
                men.seeds = _occurs(text, s, e, sent, cues) or (
                    # "akan menggelar pelatihan BUMDes pada 20 September": planned, with its day
                    _occurs(text, s, e, sent, cues, future=True)
                    and ctx.date_in(*sent, roles=("event",)) is not None
                )
        if trig.kind == "weak" and not men.seeds:
            continue  # a weak trigger that does not report a happening says nothing
        if men.seeds and trig.type not in MISHAPS and trig.type != "incident" and _planned(text, s, e, sent, cues):
            # "akan menggelar rapat evaluasi", "rapat ... akan digelar bulan depan":
            # a plan, unless its sentence gives the day it will happen
            men.seeds = ctx.date_in(*sent, roles=("event",)) is not None
        if (
            men.seeds
            and trig.type in GATHERINGS
            and re.match(r"di\w{3,}", men.text.lower())
            and re.search(r"(?i)(?<![\w-])(?:yang|sejak)\s+$", text[max(sent[0], s - 8) : s])
        ):
            # "program yang diluncurkan sejak 2021", "sejak dilantik": a description, not a happening
            men.seeds = ctx.date_in(*sent, roles=("event",)) is not None
        men.demo = bool(re.match(r"(?:\s+\p{Lu}[\w-]*){0,3}\s+(?:" + cues.demo.pattern + ")", text[e : sent[1]]))
        men.past = bool(_near_past(text, s, e, sent, cues))
        if not men.past and trig.type in GATHERINGS and cues.background.search(text[sent[0] : s]):
            men.past = ctx.date_in(*sent, roles=("event",)) is None
        men.ref = _words_before(text, s, sent[0], cues.ref, 1)
        men.undated = trig.type == "incident" and _words_before(text, s, sent[0], cues.undated, 3)
        if trig.type == "distribution" and cues.running.search(text, s, sent[1]):
            men.undated = True  # "penyaluran dana desa tahun anggaran 2024 sudah mencapai 60 persen"
        mentions.append(men)
    # A second gathering in the sentence of another ("Rembuk ditutup dengan
    # penandatanganan ...") is part of the first; not a handover of things
    # ("Di sela musdesus, kades menyerahkan 40 paket alat tulis"), a ceremony
    # of its own.
    for i, men in enumerate(mentions):
        if men.seeds and men.type in GATHERINGS and men.family != "handover" and any(
            o.seeds and not o.ref and o.sent == men.sent and o.type in GATHERINGS and o.type != men.type
            for o in mentions[:i]
        ):
            men.seeds = False
    return mentions, awards


def _words_before(text: str, start: int, sent_lo: int, pattern: re.Pattern, n: int) -> bool:
    """One of the (up to) ``n`` words before ``start`` in its clause matches ``pattern``."""
    before = text[max(sent_lo, start - 60) : start]
    before = re.split(r"[,;:()\"“”\n]", before)[-1]
    words = re.findall(r"[\w-]+", before)[-n:] if n else []
    return any(pattern.fullmatch(w) for w in words)


def _done_before(text: str, start: int, sent_lo: int, cues: _Cues) -> bool:
    """A "done" word among the (up to) three words before ``start`` in its clause
    (``sudah kita salurkan``, ``telah disalurkan``)."""
    before = re.split(r"[,;:()\"“”\n]", text[max(sent_lo, start - 40) : start])[-1]
    return bool(cues.done.search(" ".join(re.findall(r"[\w-]+", before)[-3:])))


def _planned(text: str, start: int, end: int, sent: tuple[int, int], cues: _Cues) -> bool:
    """A plan word among the (up to) four words before the trigger in its clause
    (``akan menggelar rapat``), or one followed by an occurrence verb within the
    five words after it (``rapat evaluasi akan digelar``), or a word saying it is
    scheduled there (``penyaluran BLT tahap ketiga dijadwalkan pekan depan``)."""
    before = re.split(r"[,;:()\"“”\n]", text[max(sent[0], start - 60) : start])[-1]
    if any(cues.plan_event.fullmatch(w) for w in re.findall(r"[\w-]+", before)[-4:]):
        return True
    after = re.split(r"[,;:\"“”\n]", text[end : min(sent[1], end + 80)])[0]
    words = re.findall(r"[\w-]+", after)[:6]
    return any(
        (cues.plan_event.fullmatch(w) and any(cues.occur.fullmatch(x) for x in words[i + 1 : i + 3]))
        or cues.scheduled.fullmatch(w)
        for i, w in enumerate(words)
    )


def _blocked(text: str, start: int, sent_lo: int, cues: _Cues) -> Optional[str]:
    """The blocking word among the (up to) three words before ``start`` in its
    clause, with no occurrence verb after it (``untuk mengikuti sosialisasi`` is
    a happening); ``None`` when there is none."""
    before = re.split(r"[,;:()\"“”\n]", text[max(sent_lo, start - 60) : start])[-1]
    words = re.findall(r"[\w-]+", before)[-3:]
    hits = [i for i, w in enumerate(words) if cues.block.fullmatch(w)]
    if hits and not any(cues.occur.fullmatch(w) for w in words[hits[-1] + 1 :]):
        return words[hits[-1]]
    return None


@lru_cache(maxsize=1)
def _occur_patterns(occur: str) -> tuple[re.Pattern, re.Pattern]:
    """An occurrence verb ending a text (one word may follow), and one opening it."""
    return (
        re.compile(r"(?:" + occur + r")\s+(?:[\w-]+\s+)?$", re.I),
        re.compile(r"((?:\s+[\w-]+){0,2})\s*,?\s*(?:" + occur + ")", re.I),
    )


def _occurs(
    text: str, start: int, end: int, sent: tuple[int, int], cues: _Cues, future: bool = False
) -> bool:
    """An occurrence verb just before the trigger (one word may stand between) or
    just after its phrase (two words and a comma may stand between), not after a
    plan or habit word (``akan terus melakukan pendampingan``); with ``future``,
    a word of a future plan (``akan menggelar pelatihan``) does not count."""

    def stops(w: str) -> bool:
        return bool(cues.plan.fullmatch(w)) and not (future and cues.plan_event.fullmatch(w))

    before = text[max(sent[0], start - 40) : start]
    occur_before, occur_after = _occur_patterns(cues.occur.pattern)
    m = occur_before.search(before)
    if m:
        # "akan terus melakukan pendampingan": a plan, not a happening
        pos = max(sent[0], start - 40) + m.start()
        clause = re.split(r"[,;:()\"“”\n]", text[max(sent[0], pos - 60) : pos])[-1]
        return not any(stops(w) for w in re.findall(r"[\w-]+", clause)[-2:])
    after = text[end : min(sent[1], end + 50)]
    m = occur_after.match(after)
    return bool(m) and not any(stops(w) for w in re.findall(r"[\w-]+", m.group(1)))


def _near_past(text: str, start: int, end: int, sent: tuple[int, int], cues: _Cues) -> bool:
    """A "long ago" marker near the trigger, or opening its sentence ("Pada tahun
    lalu, ... akibat banjir")."""
    lead = sent[0] + len(text[sent[0] : sent[1]]) - len(text[sent[0] : sent[1]].lstrip())
    return _near(text, start, end, sent, cues.past) or bool(cues.past.search(text, lead, min(lead + 25, start)))


def _near(text: str, start: int, end: int, sent: tuple[int, int], pattern: re.Pattern) -> bool:
    """``pattern`` occurs near the trigger, within its sentence."""
    lo = max(sent[0], start - PAST_WINDOW_BEFORE)
    hi = min(sent[1], end + PAST_WINDOW_AFTER)
    return bool(pattern.search(text, lo, hi))


def _lead(ctx: _Context) -> list[tuple[int, int]]:
    """The article's lead: its first sentence, and the next one when it is in the
    same paragraph."""
    sents = [sp for sp in ctx.sents if _ANY_WORD.search(ctx.text, sp[0], sp[1])]
    if len(sents) < 2:
        return sents
    if "\n" in ctx.text[sents[0][0] : sents[1][0]].lstrip():
        return sents[:1]
    return sents[:2]


def _refers_to(men: _Mention, cl: _Cluster) -> bool:
    """The mention's trigger is written within a name the cluster already has."""
    key = " ".join(men.text.lower().split())
    return any(key in " ".join(m.name.lower().split()) for m in cl.mentions if m is not men)


def _multiday(ctx: _Context, cl: _Cluster) -> bool:
    """The gathering lasts several days (``kunjungan kerja dua hari``, ``Rakor
    tiga hari itu``, ``Senin-Rabu (7-9/10/2024)``): what is handed over during it
    is not on its first day."""
    numeric, named = _range_patterns()
    for m in cl.mentions:
        if m.in_quote:
            continue
        if _near(ctx.text, m.start, m.end, m.sent, ctx.cues.multiday):
            return True
        if numeric.search(ctx.text, *m.sent) or named.search(ctx.text, *m.sent):
            return True
    return False


def _cluster(ctx: _Context, mentions: list[_Mention]) -> list[_Cluster]:
    """Merge mentions into one cluster per happening."""
    for men in mentions:
        if not men.past and not men.undated:
            men.date = ctx.date_in(*men.sent, skip_other=men.type not in MISHAPS)
    clusters: list[_Cluster] = []

    def of_type(men: _Mention) -> list[_Cluster]:
        return [c for c in clusters if c.type == men.type and c.family == men.family]

    for men in [m for m in mentions if m.seeds and m.kind != "anaphor"]:
        same = of_type(men)
        if men.past and men.type in GATHERINGS:
            # a gathering long ago is background ("rakor tahun lalu"), not another event
            target = next((c for c in same if not c.past), None)
            if target is None:
                continue
        elif men.past:
            target = next((c for c in same if c.past), None)
        elif men.ref and any(not c.past for c in same):
            target = next(c for c in same if not c.past)  # "korban banjir": the flood already reported
        elif men.demo and any(not c.past for c in same):
            target = next(c for c in same if not c.past)  # "bimtek ini", "rapat tersebut": the one reported
        elif men.date:
            target = (
                next((c for c in same if not c.past and c.date == men.date), None)
                or next((c for c in same if not c.past and c.date is None), None)
                # "Bimtek ... ditutup pada Selasa": a short form of an event already dated
                or next((c for c in same if not c.past and _refers_to(men, c)), None)
            )
        else:
            target = next((c for c in same if not c.past), None)
        if target is None:
            target = _Cluster(men.type, men.family, past=men.past)
            clusters.append(target)
        target.mentions.append(men)
        if target.date is None and not target.past and men.date:
            target.date = men.date

    # Mentions inside quotes add to an existing event of their type.
    for men in [m for m in mentions if not m.seeds and m.kind != "anaphor"]:
        same = of_type(men)
        if not same:
            continue
        target = next((c for c in same if not c.past and (c.date is None or c.date == men.date)), None) or same[0]
        target.mentions.append(men)
        if target.date is None and not target.past and men.date and not men.past:
            target.date = men.date

    # Anaphors add details to what they refer to: "acara", "kegiatan tersebut" to
    # the main gathering; "peristiwa itu", "musibah" to the first disaster or incident.
    by_start = sorted(clusters, key=lambda c: c.first.start)
    main = next((c for c in by_start if c.type in GATHERINGS and not c.past), None)
    mishap = next((c for c in by_start if c.type in MISHAPS and not c.past), None)
    for men in [m for m in mentions if m.kind == "anaphor" and not m.in_quote]:
        target = mishap if men.family == "mishap" else main
        if target is None:
            continue
        target.mentions.append(men)
        if target.date is None and men.date:
            target.date = men.date
    # Without a date of its own, the main gathering and the first mishap take an
    # event date from the sentence after their first mention ("Banjir merendam
    # ... . Air mulai naik Minggu (5/5) malam."); the gathering, failing that,
    # the article's first unused event date.
    for c in (main, mishap):
        if c is not None and c.date is None and not c.first.undated:
            nxt = _next_sentence(ctx.sents, c.first.sent)
            # not when the next sentence reports another happening: the date is its
            if not any(
                m.seeds and nxt[0] <= m.start < nxt[1] and (m.type, m.family) != (c.type, c.family)
                for m in mentions
                if m.kind != "anaphor"
            ):
                c.date = ctx.date_in(*nxt, roles=("event",))
    lead = _lead(ctx)
    if main is not None and main.date is None and any(
        m.sent in lead or _occurs(ctx.text, m.start, m.end, m.sent, ctx.cues) for m in main.mentions if m.seeds
    ):
        # only a gathering the article reports as happening: in its lead, or with
        # a verb of occurrence ("musrenbang digelar"), not one named in passing
        main.date = ctx.first_event_date({c.date for c in clusters if c.date})
    # "Usai peresmian, Gubernur meninjau ...": on the day of the happening it follows.
    for c in clusters:
        if c.date is not None or c.past or c.type not in GATHERINGS + ("distribution",):
            continue
        for m in mentions:
            if m.ref and m.sent == c.first.sent and m.start < c.first.start and m not in c.mentions:
                if not re.search(r"(?i)(?:usai|seusai|setelah|sesudah|selesai)\s*$", ctx.text[max(m.sent[0], m.start - 12) : m.start]):
                    continue
                prior = next((o for o in clusters if o is not c and m in o.mentions and o.date), None)
                if prior is not None:
                    c.date = prior.date
                    break
    # Things handed over during a visit or ceremony, or "pada acara tersebut"
    # during any gathering, happen on its day.
    if main is not None and main.date and not _multiday(ctx, main):
        for c in clusters:
            if c.type in ("distribution", "ceremony") and c is not main and not c.past and c.date is None:
                if all(m.undated for m in c.mentions if m.seeds):
                    continue  # a process running over months
                during = main.type in ("visit", "ceremony") or any(
                    ctx.cues.occasion.search(ctx.text, *m.sent) for m in c.mentions if not m.in_quote
                )
                if during and c.first.start > main.first.start:
                    c.date = main.date
    # A project being built is an event only as the article's main happening:
    # named in the lead, or when nothing else happens.
    # Not when it is only the object of a gathering in its sentence ("meninjau
    # pembangunan jembatan", "meresmikan pembangunan ...").
    def project(c: _Cluster) -> bool:
        return all(m.project for m in c.mentions if m.seeds)

    # Nor when a ceremony in the lead marks it ("Pembangunan jalan ... mulai
    # dikerjakan. Peletakan batu pertama dilakukan Bupati, Rabu (17/7)."): the
    # ceremony is the happening.
    lead_ceremony = any(
        o.type == "ceremony" and o.family == "ceremony" and not o.past and any(m.seeds and m.sent in lead for m in o.mentions)
        for o in clusters
    )

    def main_project(c: _Cluster) -> bool:
        if lead_ceremony:
            return False
        first = not any(not o.past and not project(o) and o.first.start < c.first.start for o in clusters)
        return any(
            m.seeds
            and (first or m.sent in lead)
            and not any(o.seeds and o.sent == m.sent and o.start < m.start and o.type in GATHERINGS for o in mentions)
            for m in c.mentions
        )

    clusters = [c for c in clusters if not project(c) or main_project(c)]
    clusters.sort(key=lambda c: c.first.start)
    return clusters


# --------------------------------------------------------------------------- details


def _venue_end(venue: str) -> str:
    """A venue phrase up to what follows it: a weekday (``balai desa setempat
    Selasa``), a demonstrative (``Aula Kantor Camat itu diikuti ...``), a verb
    (``... dan dihadiri unsur Forkopimcam``)."""
    words = venue.split()
    weekdays = _weekday_numbers()
    for i, w in enumerate(words):
        if i == 0:
            continue
        low = w.lower().replace("'", "").replace("’", "")
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if (
            low in weekdays
            or low in ("itu", "ini", "tersebut")
            or _verb_like(w)
            or (low in ("dan", "serta") and _verb_like(nxt))
        ):
            return " ".join(words[:i])
    return venue


def _venue(ctx: _Context, cl: _Cluster) -> tuple[Optional[str], Optional[tuple[int, int]]]:
    for men in cl.mentions:
        if men.in_quote:
            continue
        lo, hi = men.sent
        for m in ctx.cues.venue.finditer(ctx.text, lo, hi):
            v = m.group("venue")
            v = re.split(
                r"\s+(?:di|pada|selama|dengan|yang|untuk|sejak|dan\s+dibuka|pukul|mulai)(?![\w-])|\s*\(",
                v,
                maxsplit=1,
            )[0].strip()
            v = _venue_end(v)
            if v:
                return v, men.sent
    return None, None


def _city(ctx: _Context, cl: _Cluster, venue_sent: Optional[tuple[int, int]]) -> Optional[str]:
    sents = [venue_sent] if venue_sent else []
    sents += [m.sent for m in cl.mentions if not m.in_quote]
    for lo, hi in sents:
        m = re.search(r"(?<![\w-])di\s+(?:Kota|Kabupaten|Kab\.)\s+(\p{Lu}[\w-]*(?:\s+\p{Lu}[\w-]*){0,2})", ctx.text[lo:hi])
        if m:
            return m.group(1)
    art = ctx.doc._.article
    return getattr(art, "dateline_name", None) if art is not None else None


def _organizer(ctx: _Context, cl: _Cluster) -> Optional[str]:
    """The agency that is the subject of an occurrence verb before the trigger,
    named after ``oleh``/``melalui`` near it, or named inside the event's name."""
    spans = sorted(((m.start, m.end, a.name) for a in ctx.agencies for m in a.mentions), key=lambda x: x[0])
    if not spans:
        return None
    if cl.type in NO_ORGANIZER:
        return None
    for men in cl.mentions:
        if men.in_quote or men.kind == "anaphor" or men.ref:
            continue
        lo, hi = men.sent
        verb = None
        for v in ctx.cues.verb.finditer(ctx.text, lo, men.start + (men.end - men.start)):
            verb = v
        if verb is not None:
            before = [s for s in spans if lo <= s[0] and s[1] <= verb.start()]
            if before:
                return before[-1][2]
        for by in ctx.cues.by.finditer(ctx.text, lo, hi):
            after = [s for s in spans if by.end() <= s[0] < by.end() + 3]
            if after:
                return after[0][2]
        inside = [s for s in spans if men.start <= s[0] < men.start + len(men.name or men.text) + 1]
        if inside:
            return inside[0][2]
    return None


def _year(name: str) -> Optional[int]:
    m = re.search(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", name)
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- entry point


def find_events(doc: Doc) -> list[Event]:
    """Events reported in the article.

    doc (Doc): the article, with ``doc._.dates``, ``agencies``, ``officials``,
        ``quotes``, ``metrics`` and ``article`` set by the earlier stages.
    RETURNS (list[Event]): one per happening, in order of first mention.
    """
    ctx = _Context(doc)
    text, cues = ctx.text, ctx.cues
    mentions, awards = _find_mentions(ctx)
    for men in mentions:
        men.name = _event_name(text, men.start, men.sent[1] or len(text), cues.stop)
    clusters = _cluster(ctx, mentions)

    metrics = doc._.metrics or []
    quotes = doc._.quotes or []
    speakers: list[str] = []
    for q in quotes:
        if getattr(q, "speaker", None) and q.speaker not in speakers:
            speakers.append(q.speaker)
    primary = next((c for c in clusters if not c.past and c.date), None) or next(
        (c for c in clusters if not c.past), None
    )

    out: list[tuple[int, Event]] = []
    on_occasion: set[int] = set()  # undated, said to happen "pada acara yang sama"
    for cl in clusters:
        named = [m for m in cl.mentions if m.kind != "anaphor" and not m.in_quote] or cl.mentions
        best = min(named, key=lambda m: m.start)
        if len(best.name.split()) < 2:  # "Rakor": a fuller mention names it better
            best = max(named, key=lambda m: (len(m.name.split()), -m.start))
        venue, venue_sent = (None, None) if cl.past else _venue(ctx, cl)
        sents = {m.sent for m in cl.mentions if not m.in_quote}
        ev = Event(
            type=cl.type,  # type: ignore[arg-type]
            name=best.name,
            date=cl.date,
            year=None if cl.date else _year(best.name),
            venue=venue,
            city=None if cl.past else _city(ctx, cl, venue_sent),
            organizer=None if cl.past else _organizer(ctx, cl),
            speakers=list(speakers) if cl is primary else [],
            metrics=[i for i, mt in enumerate(metrics) if any(lo <= mt.start < hi for lo, hi in sents)],
            text=best.text,
            start=best.start,
            end=best.end,
        )
        out.append((best.start, ev))
        if not cl.past and cl.date is None and cl.type in GATHERINGS + ("distribution",) and not cl.first.undated:
            if any(ctx.cues.occasion.search(text, *m.sent) for m in named if not m.in_quote):
                on_occasion.add(id(ev))

    # The sentence handing over the prizes ("Penghargaan diserahkan ..., Selasa (22/8)")
    # dates the awards that have no date of their own.
    giving_date = None
    for lo, hi in ctx.sents:
        if cues.giving.search(text, lo, hi):
            giving_date = ctx.date_in(lo, hi, roles=("event",))
            nxt = _next_sentence(ctx.sents, (lo, hi))
            if not giving_date and "\n" not in text[lo + len(text[lo:hi].rstrip()) : nxt[0]]:
                # the handover's place and day often follow in the same paragraph
                # (or a title such as "Dt." split the sentence)
                giving_date = ctx.date_in(*nxt, roles=("event",))
            if giving_date:
                break
    for group in _awards_merged(text, awards):
        s, e = max(group, key=lambda x: (x[1] - x[0], -x[0]))
        name = text[s:e]
        date = None
        for gs, _ in sorted(group):
            date = ctx.date_in(*_sentence_of(ctx.sents, gs), roles=("event",))
            if date:
                break
        date = date or giving_date
        out.append(
            (
                s,
                Event(
                    type="award", name=name, date=date, year=None if date else _year(name), text=name, start=s, end=e
                ),
            )
        )
    out.sort(key=lambda x: x[0])
    # "... pada acara yang sama": on the day of the happening reported before it
    last_date = None
    for _, ev in out:
        if ev.date is None and id(ev) in on_occasion and last_date:
            ev.date, ev.year = last_date, None
        last_date = ev.date or last_date
    LOGGER.debug("%d events from %d trigger mentions", len(out), len(mentions))
    return [ev for _, ev in out]
