"""Recognizer: reported figures (IDM values, IDM status counts, money, percentages, counts).

``find_metrics(doc)`` reads the numbers of the text (:mod:`.numbers`) and keeps
those that are figures of the story:

- ``IDM``: a value in (0, 1] with decimals whose sentence names the Indeks
  Desa Membangun, or an item of a list whose heading does, or a 4-decimal
  value (``0,6104``) shortly after IDM was named; its ``status`` when the text
  ties one (``0,6472 berada pada status Berkembang``, ``0,7421 (Maju)``,
  ``berstatus tertinggal dengan IDM 0,5184``).  A stated status outside the
  value's official band (``idm_bands.json``) is kept and warned about
  (``idm_status_band`` in ``doc._.warnings``); a status stated later in the
  sentence (``0,6254 pada 2023, sehingga status wilayah tersebut kini
  berkembang``, ``predikat desa mandiri setelah skor IDM-nya mencapai``); a
  headline value without status takes the one the body states for it; an
  index-like value (``0,7105``) after ``nilai``/``skor`` anywhere after IDM was
  named;
  Not a change (``naik 0,0215 poin``) nor a component index (``IKS``,
  ``indeks ketahanan sosial``); a table row ``| 2021 | 0,6234 | Berkembang |``
  gives its status;
- ``IDM_STATUS_COUNT``: ``tujuh kabupaten dengan IDM status Maju`` (7),
  ``71 kalurahan Maju``, ``38 nagari masih tertinggal`` (a filler between, in a
  sentence about IDM), ``tidak ada satu kabupaten ... status maju`` and
  ``tidak satu pun`` (0, not in a sentence about a target; its unit the one
  counted before), ``tidak ada lagi desa sangat tertinggal`` (a bare status
  after a zero), a second status joined to a zero (``tertinggal ataupun sangat
  tertinggal``: 0 of each), the earlier value after a count's status (``52
  desa berstatus maju, naik dari 40 desa``), ``satu-satunya ... status desa mandiri`` (1), ``jumlah desa
  mandiri naik dari 52 desa pada 2022 menjadi 97 desa`` (52, 97; ``naik dari 17
  menjadi 23`` without units: the old one the year before), a count after
  its status (``berstatus maju sebanyak 48 desa``, ``status tertinggal masih
  disandang 9 kampung``; not a count that has its own status after it) and list/table rows under a
  heading about IDM or status (``1. Mandiri: 25 desa``, ``| Maju | 405 |``);
- ``MONEY`` and ``PERCENT``: every rupiah amount and percentage;
- ``COUNT``: a number followed by a countable noun (``metric_units.txt``;
  ``metrics_weak_units.txt`` only with an impact or deployment word such as
  ``meninggal``, ``mengerahkan``), not after a rank/list word
  (``metrics_count_stop_before.txt``), not before a time/measure word
  (``metrics_stop_units.txt``; ``hari kalender`` is a unit), not an age
  ``(58)``, not the size of a ranking (``tiga kampung dengan skor IDM terendah``,
  ``metrics_rank_words.txt``), not number words in a name (``Kecamatan Tiga
  Lingga``, ``metrics_name_words.txt``); ``unit``/``titik``/``kelompok``/
  ``lembar`` take the noun after them (``unit perahu``), a bare ``unit`` the
  counted noun that opens the sentence (``Sekolah yang rusak tercatat 14 unit``),
  ``orang`` before a counted noun gives way to it (``14 orang saksi``);
  ``415 di antaranya mengungsi`` / ``tiga di antaranya roboh`` takes the
  unit counted before it; ``150 dari total 420 BUMDes`` counts both;
  ``satu`` opening a list of counts (``satu sekolah dasar, dua rumah
  ibadah``); a counted area (``12,5 hektare``); a length that is the size of
  what is built (``jalan sepanjang 2,5 kilometer``, ``700 meter saluran``: a
  build word in the sentence, no damage word, not a height/width, not in a
  case article; ``metrics_length_*.txt``).

``year`` comes from the figure's own sentence: in ``pada 2021 dan 2022
masing-masing X dan Y`` the figure's own position in the list; a year tied
right before it (``tahun 2019 sebesar 0,6421``); a year right after the figure
(``24,4% di tahun 2021``, ``97 desa pada 2023``, ``0,6234 (2021)``; not one
that heads the next figure), a clause saying ``kini``/``saat ini`` after a
dated one takes the present data year, else the nearest one before (not a
comparison ``dibandingkan tahun 2022 ... menjadi``)
it (unless that one belongs to the old figure of a ``dari X pada 2022 menjadi
Y`` change), else the only one in the sentence (not one after the figure in
another clause: ``..., sedangkan pemilihan ulang dijadwalkan pada 2026``); a sentence with several years
none of which is the figure's gives no year.  ``tahun lalu``/``tahun ini``
count as years relative to the article's own year, ``tahun sebelumnya`` to
the year named before it in the sentence (``metrics_relative_years.tsv``).  Without any year in the
sentence: IDM figures (and counts in IDM sentences) take the year of the
article's IDM data (the latest year of the first IDM sentence that names one),
else none; a loss to the state (``kerugian negara``), and in a case article
(corruption, misuse) money of the budget (``dana desa``, ``anggaran``), take
the case's fiscal year (``tahun anggaran 2020``, ``Dana Desa tahun 2021``;
none when it names several: ``tahun anggaran 2021 dan 2022``, ``TA 2020-2022``),
and a loss in a case that names none has no year; in an article that names a year in most of
its figure sentences, an undated figure is timeless (no year); other figures
take the year of the article's dated event, else the last year named, else
the publication year.  Years
inside regulation names (``Perpres 72 tahun 2021``) are ignored.

``region`` is the place the figure is about (a list item's first place, a
place right after it ``362 desa di Pati``, else the nearest place before it in
the sentence outside agency names and the dateline (of an address ``Desa X,
Kecamatan Y, Kabupaten Z`` or ``Desa X di Kecamatan Y`` its first place: the village), ``Indonesia`` for a
sentence that says ``secara nasional``, else the article's subject village
(a village named in its title or lead, ``metrics_village_words.txt``), else
its most mentioned place).
All word lists are in ``pipeline/data/metric*`` and ``idm_bands.json``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex
from spacy.tokens import Doc
from ..sentences import doc_text

from .. import lexicons
from ..schema import Metric, Place, Warning
from . import dates as dates_mod
from .numbers import NumberSpan, find_numbers

LOGGER = logging.getLogger(__name__)

_WORD = r"[\p{L}\d][\p{L}\d/\-]*"


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Lex:
    idm_cue: regex.Pattern
    statuses: dict[str, str]
    status_after: regex.Pattern
    status_before: regex.Pattern
    status_mention: regex.Pattern
    subject_status: regex.Pattern
    target: regex.Pattern
    loss: regex.Pattern
    case: regex.Pattern
    fiscal_before: regex.Pattern
    count_to_status: regex.Pattern
    zero: regex.Pattern
    zero_tail: regex.Pattern
    one: regex.Pattern
    units: regex.Pattern
    weak_units: regex.Pattern
    impact: regex.Pattern
    stop_units: regex.Pattern
    stop_before: regex.Pattern
    regulation: regex.Pattern
    year: regex.Pattern
    bands: tuple[tuple[str, float], ...]
    relative_year: regex.Pattern
    relative_years: dict[str, int]
    relative_context: frozenset[str]
    status_loose: regex.Pattern
    zero_word_one: regex.Pattern
    length_units: regex.Pattern
    length_cue: regex.Pattern
    length_object_after: regex.Pattern
    length_object_before: regex.Pattern
    length_blocker: regex.Pattern
    length_build: regex.Pattern
    length_damage: regex.Pattern
    budget: regex.Pattern
    count_heads: frozenset[str]
    count_head_stops: frozenset[str]
    status_unit: regex.Pattern
    status_unit_word: regex.Pattern
    village_address: regex.Pattern
    status_then_count: regex.Pattern
    status_label: regex.Pattern
    status_bare_then_count: regex.Pattern
    subindex: regex.Pattern
    delta_before: regex.Pattern
    delta_after: regex.Pattern
    national: regex.Pattern
    zero_status: regex.Pattern
    status_coord: regex.Pattern
    change_from: regex.Pattern
    own_status: regex.Pattern
    rank_after: regex.Pattern
    name_before: regex.Pattern
    unit_lead: regex.Pattern


def _alt(words) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=None)
def _lex() -> _Lex:
    idm = lexicons.load_json("metrics_idm.json")
    statuses = {k.lower(): v for k, v in idm["statuses"].items()}
    status_alt = _alt(statuses)
    fill = rf"(?:(?:{_alt(idm['fillers'])})\s+)"
    units = lexicons.load_lines("metric_units.txt")
    weak = lexicons.load_lines("metrics_weak_units.txt")
    regs = "|".join(lexicons.load_lines("metrics_regulations.txt"))
    su = _alt(idm["status_units"])
    num_words = _alt(r["word"] for r in lexicons.load_tsv("number_words.tsv") if r["kind"] in ("digit", "whole"))
    rel_years = {r["phrase"].lower(): int(r["offset"]) for r in lexicons.load_tsv("metrics_relative_years.tsv")}
    flags = regex.IGNORECASE | regex.VERSION0
    return _Lex(
        idm_cue=regex.compile(idm["cue"], flags),
        statuses=statuses,
        status_after=regex.compile(
            rf"^\s*(?:,\s*)?(?:\(\s*(?:status\s+)?(?P<st>{status_alt})\s*\)|[^\S\n]*\|[^\S\n]*(?P<st3>{status_alt})[^\S\n]*(?:\||$)"
            rf"|(?:{fill}|(?:tahun\s+)?(?:19|20)\d\d\s*,?\s+|,\s*){{0,8}}(?:ber)?(?:status|kategori|predikat)\s+(?:(?:{su})\s+)?{fill}{{0,2}}(?P<st2>{status_alt})(?!\w))",
            flags,
        ),
        status_before=regex.compile(
            rf"(?:(?:ber)?(?:status|predikat|kategori)\s+(?:desa\s+)?|(?<!\w)menjadi\s+(?:desa\s+)?)(?P<st>{status_alt})\s+{fill}{{0,4}}(?:sebesar\s+)?$", flags
        ),
        status_mention=regex.compile(
            rf"(?<!\w)(?:(?:ber)?(?:status|kategori|predikat)\s+(?:desa\s+)?|(?<=(?:\d|\b(?:{num_words}))\s+(?:{su})\s+))(?P<st>{status_alt})(?!\w)",
            flags,
        ),
        subject_status=regex.compile(
            rf"(?<!\w)(?:jumlah\s+)?(?P<unit>{su})\s+(?:yang\s+)?(?P<kw>(?:ber)?(?:status|kategori)\s+)?(?P<st>{status_alt})(?!\w)",
            flags,
        ),
        count_to_status=regex.compile(
            rf"^(?:\s+(?P<unit>{su}))?\s*(?:(?:{_alt(idm['fillers'])}|{su}|se\w+|(?-i:di\s+\p{{Lu}}\S*(?:\s+\p{{Lu}}\S*)*)|{_WORD}an)\s+){{0,6}}"
            rf"(?:ber)?(?:status\s+|kategori\s+|predikat\s+)?(?:desa\s+)?$",
            flags,
        ),
        target=regex.compile(idm["target_cue"], flags),
        loss=regex.compile(idm["loss_cue"], flags),
        case=regex.compile(idm["case_cue"], flags),
        fiscal_before=regex.compile(idm["fiscal_before"], regex.VERSION0),
        zero=regex.compile(rf"(?<!\w)(?:{idm['zero']})(?:\s+(?P<unit>{su}))?", flags),
        zero_tail=regex.compile(rf"(?:{idm['zero']})$", flags),
        one=regex.compile(rf"(?<!\w)(?P<pre>(?:{su})\s+)?(?:{idm['one']})", flags),
        units=regex.compile(rf"^\s+(?P<unit>{_alt(units)})(?![\w/])", regex.VERSION0 | regex.IGNORECASE),
        weak_units=regex.compile(rf"^\s+(?P<unit>{_alt(weak)})(?!\w)", flags),
        impact=regex.compile(rf"(?<!\w)(?:{_alt(lexicons.load_lines('metrics_impact_cues.txt'))})(?!\w)", flags),
        stop_units=regex.compile(rf"^\s+(?:{_alt(lexicons.load_lines('metrics_stop_units.txt'))})(?!\w)", flags),
        stop_before=regex.compile(
            rf"(?<!\w)(?:{_alt(lexicons.load_lines('metrics_count_stop_before.txt'))})\s*[-.]?\s*$", flags
        ),
        regulation=regex.compile(
            rf"(?<!\w)(?:{regs})\s*(?:\p{{Lu}}[\p{{L}}]*\s+)?(?:No\.?|Nomor)?\s*\d+[\w/.\-]*\s+(?:[Tt]ahun|TAHUN|[Tt]h\.?)\s+(?P<y>\d{{4}})",
            regex.VERSION0,
        ),
        year=regex.compile(
            r"(?<![\w/.\-])(?:(?P<kw>(?:tahun|th\.?|TA|T\.A\.)(?:\s+anggaran)?)\s+)?(?P<y>(?:19|20)\d{2})(?![\w/]|[.,]\d)",
            regex.IGNORECASE | regex.VERSION0,
        ),
        bands=tuple((b["status"], float(b["max"])) for b in lexicons.load_json("idm_bands.json")["bands"]),
        relative_year=regex.compile(rf"(?<!\w)(?P<rel>{_alt(rel_years)})(?!\w)", flags),
        relative_years=rel_years,
        relative_context=frozenset(
            r["phrase"].lower() for r in lexicons.load_tsv("metrics_relative_years.tsv") if r.get("ref") == "context"
        ),
        status_loose=regex.compile(
            rf"(?<=(?:\d|\b(?:{num_words}))\s+(?:{su})\s+(?:(?:{_alt(idm['loose_fillers'])})\s+){{1,2}})(?P<st>{status_alt})(?!\w)",
            flags,
        ),
        zero_word_one=regex.compile(rf"(?:{idm['zero_word_one']})", flags),
        length_units=regex.compile(rf"\s*(?P<unit>{_alt(lexicons.load_lines('metrics_length_units.txt'))})(?![\w/²])", flags),
        length_cue=regex.compile(rf"(?<!\w)(?:{_alt(lexicons.load_lines('metrics_length_cues.txt'))})\s+(?:\S+\s+)?$", flags),
        length_object_after=regex.compile(rf"\s+(?:{_alt(lexicons.load_lines('metrics_length_objects.txt'))})(?!\w)", flags),
        length_object_before=regex.compile(rf"(?<!\w)(?:{_alt(lexicons.load_lines('metrics_length_objects.txt'))})\s+(?:\p{{Ll}}+\s+)?$", flags),
        length_blocker=regex.compile(rf"(?<!\w)(?:{_alt(lexicons.load_lines('metrics_length_blockers.txt'))})\s+(?:\S+\s+){{0,2}}$", flags),
        length_build=regex.compile(rf"(?<!\w)(?:{_alt(lexicons.load_lines('metrics_length_build_cues.txt'))})(?!\w)", flags),
        length_damage=regex.compile(rf"(?<!\w)(?:{_alt(lexicons.load_lines('metrics_length_damage_cues.txt'))})(?!\w)", flags),
        budget=regex.compile(idm["budget_cue"], flags),
        count_heads=frozenset(w.lower() for w in lexicons.load_lines("metrics_count_heads.txt")),
        count_head_stops=frozenset(w.lower() for w in lexicons.load_lines("metrics_count_head_stops.txt")),
        status_then_count=regex.compile(
            rf"(?<!\w)(?:ber)?(?:status|kategori|predikat)\s+(?:desa\s+)?(?P<st>{status_alt})\s*(?:\)\s*)?(?:,\s*)?"
            rf"(?:[:=]\s*|(?:{idm['count_after_status']})\s+(?:(?:{idm['count_after_status']})\s+)?)(?=\d|\b(?:{num_words})\b)",
            flags,
        ),
        subindex=regex.compile(idm["subindex_cue"], flags),
        delta_before=regex.compile(idm["delta_before"], flags),
        delta_after=regex.compile(idm["delta_after"], flags),
        status_bare_then_count=regex.compile(
            rf"(?<=(?:\b(?:rincian|yakni|yaitu|meliputi|terdiri\s+(?:dari|atas)|antara\s+lain|dan|serta)|[,:;])\s+)"
            rf"(?-i:(?P<st>{status_alt.lower()}))\s+(?=\d[\d.]*\s+(?:{su})(?!\w))",
            flags,
        ),
        status_label=regex.compile(
            rf"(?m)^[^\S\n]*(?:(?:[-•*–|]|\d+[.)])[^\S\n]*)?(?:(?:(?:ber)?status|kategori|desa|kelurahan|kabupaten|kampung|gampong|nagari)[^\S\n]+)?"
            rf"(?P<st>{status_alt})[^\S\n]*(?:[:=]|[-–]\s|\|)[^\S\n]*(?=\d|\b(?:{num_words})\b)",
            flags,
        ),
        village_address=regex.compile(
            rf"(?<![\p{{L}}])(?:{_alt(lexicons.load_lines('metrics_village_words.txt'))})\s+"
            r"(?P<name>\p{Lu}[\p{L}'\-]*(?:[^\S\n]+\p{Lu}[\p{L}'\-]*){0,2})(?=\s*,?\s*(?:Kecamatan|Kec\.|Kab\.|Kabupaten|Kota)\s)",
            regex.VERSION0,
        ),
        national=regex.compile(
            r"(?i)(?<!\w)(?:secara\s+nasional|tingkat\s+nasional|skala\s+nasional|rata-rata\s+nasional|IDM\s+nasional"
            r"|angka\s+nasional|se-?Indonesia|seluruh\s+Indonesia)(?!\w)"
        ),
        status_unit_word=regex.compile(rf"(?<!\w)(?P<unit>{su})(?!\w)", flags),
        zero_status=regex.compile(rf"(?<!\w)(?:{idm['zero']})\s+(?:{su})\s+(?:yang\s+)?\K(?P<st>{status_alt})(?!\w)", flags),
        status_coord=regex.compile(
            rf"\s*,?\s*(?:{idm['status_coordination']})\s+(?:(?:yang\s+)?(?:ber)?(?:status|kategori|predikat)\s+)?(?:desa\s+)?"
            rf"(?P<st>{status_alt})(?!\w)",
            flags,
        ),
        change_from=regex.compile(rf"\s*,?\s*(?:{fill}{{0,2}}){idm['change_from']}(?=\d)", flags),
        own_status=regex.compile(
            rf"\s+(?:{su})\s+(?:(?:yang|masih|sudah|telah|kini|tercatat|dengan|dalam)\s+){{0,2}}(?:ber)?(?:status|kategori|predikat)(?!\w)", flags
        ),
        rank_after=regex.compile(
            rf"[^\S\n]+(?:[^\s,;.:“”\"]+[^\S\n]+){{0,8}}?(?:{_alt(lexicons.load_lines('metrics_rank_words.txt'))})(?!\w)", flags
        ),
        name_before=regex.compile(rf"(?<![\p{{L}}.])(?:{_alt(lexicons.load_lines('metrics_name_words.txt'))})[^\S\n]+$", regex.VERSION0),
        unit_lead=regex.compile(rf"[\s“\"']*(?P<unit>{_alt(units)})(?![\w/])", regex.VERSION0 | regex.IGNORECASE),
        status_unit=regex.compile(rf"(?<!\w)(?:\d[\d.]*|(?:{num_words}))\s+(?P<unit>{su})(?!\w)", flags),
    )


def idm_band(value: float) -> Optional[str]:
    """The official IDM status for ``value`` (Permendesa PDTT 2/2016); None outside 0-1."""
    if not 0 <= value <= 1:
        return None
    for status, top in _lex().bands:
        if value <= top:
            return status
    return None


# --------------------------------------------------------------------------- context


@dataclass
class _Year:
    start: int
    end: int
    year: int
    fiscal: bool = False  # "tahun anggaran 2020", "TA 2020"
    relative: bool = False  # "tahun lalu"
    comparison: bool = False  # "dibandingkan tahun sebelumnya": a reference, not a figure's year
    multi: bool = False  # one of several fiscal years named together ("tahun anggaran 2021 dan 2022")


@dataclass
class _Ctx:
    text: str
    sentences: list[tuple[int, int]]
    years: list[_Year]
    blocked: list[tuple[int, int]]
    places: list[tuple[int, int, str]]
    main_region: Optional[str]
    article_year: Optional[int]
    pub_year: Optional[int]
    subject_village: Optional[str] = None
    is_case: bool = False  # a corruption/misuse case (its money is dated by its fiscal year)
    idm_year: Optional[int] = None
    idm_latest: Optional[int] = None  # the latest year named in a sentence about IDM
    dates_its_figures: bool = False

    def sentence(self, pos: int) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)

    def is_blocked(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self.blocked)


def _context(doc: Doc) -> _Ctx:
    text = doc_text(doc)
    lex = _lex()
    article = getattr(doc._, "article", None)
    pub: Optional[dt.date] = getattr(article, "published", None)
    if pub is None:  # a header date the dates stage read when the header stage found none
        printed = [d for d in doc._.dates or [] if d.role == "published" and d.value[:4].isdigit()]
        pub = dt.date.fromisoformat(printed[0].value) if printed else None
    blocked: list[tuple[int, int]] = []
    # dates (found again here: doc._.dates holds one mention per day only)
    blocked.extend(dates_mod.date_spans(text, pub))
    for d in doc._.dates or []:
        blocked.append((d.start, d.end))
    reg_years = []
    for m in lex.regulation.finditer(text):
        blocked.append((m.start(), m.end()))
        reg_years.append((m.start("y"), m.end("y")))
    years = []
    for m in lex.year.finditer(text):
        s, e = m.start("y"), m.end("y")
        if any(s < b and a < e for a, b in blocked):
            continue
        kw = (m.group("kw") or "").lower()
        fiscal = "anggaran" in kw or kw in ("ta", "t.a.") or bool(lex.fiscal_before.search(text, max(0, s - 60), s))
        years.append(_Year(m.start(), m.end(), int(m.group("y")), fiscal))
    for y, nxt in zip(years, years[1:] + [None]):  # "TA 2021 dan 2022", "tahun anggaran 2021-2022"
        if not y.fiscal:
            continue
        joined = _YEAR_JOIN.match(text, y.end)
        if joined:
            y.multi = True
            if nxt is not None and nxt.end == joined.end():
                nxt.fiscal = nxt.multi = True
    agency_spans = [(mn.start, mn.end) for a in doc._.agencies or [] for mn in getattr(a, "mentions", [])]
    places = []
    counts: dict[str, int] = {}
    dateline = getattr(article, "dateline", None)
    villages: list[tuple[int, str]] = []
    for p in doc._.places or []:
        if not isinstance(p, Place):
            continue
        body_mentions = 0
        for mn in p.mentions:
            if dateline is not None and mn.start < dateline.end and dateline.start < mn.end:
                continue  # the dateline says where the story was filed, not what a figure is about
            body_mentions += 1
            if not any(a <= mn.start and mn.end <= b for a, b in agency_spans):
                places.append((mn.start, mn.end, p.name))
            if p.type == "village":
                villages.append((mn.start, p.name))
        if p.type != "country" and body_mentions:
            counts[p.name] = counts.get(p.name, 0) + body_mentions + (1 if p.type in ("province", "regency", "city") else 0)
    known = {(s, e) for s, e, _ in places}
    for m in lex.village_address.finditer(text):  # "Desa Bila Riase, Kecamatan Pitu Riase": a village
        s, e = m.span("name")
        if not any(s < b and a < e for a, b in known) and not any(s < b and a < e for a, b in agency_spans):
            places.append((s, e, m.group("name")))
            villages.append((s, m.group("name")))
    places.sort()
    main_region = max(counts, key=lambda k: counts[k]) if counts else None
    # the article's subject village: a village named in the title or the lead sentence
    title = getattr(article, "title", None)
    sentences = dates_mod.sentence_bounds(doc)
    body_start = getattr(article, "body_start", 0) or 0
    lead_end = next((b for a, b in sentences if b > body_start and text[max(a, body_start) : b].strip()), 0)
    subject_village = None
    for s, name in sorted(villages):
        if (title is not None and title.start <= s < title.end) or s < lead_end:
            subject_village = name
            break
    # the article's dated event: its year is the year of "current" figures
    article_year = None
    for d in sorted(doc._.dates or [], key=lambda d: ({"event": 0, "other": 1, "published": 2}[d.role], d.start)):
        if d.value[:4].isdigit():
            article_year = int(d.value[:4])
            break
    ref = article_year or (pub.year if pub else None)
    explicit = list(years)
    for m in lex.relative_year.finditer(text):  # "tahun lalu", "tahun ini", "tahun sebelumnya"
        phrase = _norm(m.group("rel"))
        base = ref
        if phrase in lex.relative_context:
            a, _ = next(((a, b) for a, b in sentences if a <= m.start() < b), (0, len(text)))
            named = [y for y in explicit if a <= y.start and y.end <= m.start()]
            base = named[-1].year if named else ref
        if base is not None:
            years.append(_Year(m.start(), m.end(), base + lex.relative_years[phrase], relative=True))
    years.sort(key=lambda y: y.start)
    for y in years:
        y.comparison = bool(_COMPARED.search(text, max(0, y.start - 30), y.start))
    ctx = _Ctx(
        text=text,
        sentences=sentences,
        years=years,
        blocked=blocked,
        places=places,
        main_region=main_region,
        subject_village=subject_village,
        is_case=bool(lex.case.search(text)),
        article_year=article_year,
        pub_year=pub.year if pub else None,
    )
    # the year of the article's IDM data: the latest year of the first IDM sentence that names one
    for a, b in ctx.sentences:
        if _is_idm_context(ctx, a, b):
            ys = [y.year for y in years if a <= y.start and y.end <= b]
            if ys and ctx.idm_year is None:
                ctx.idm_year = max(ys)
            ys = [y.year for y in years if a <= y.start and y.end <= b and not y.relative]
            if ys and (ctx.pub_year is None or max(ys) <= ctx.pub_year):
                ctx.idm_latest = max([*ys, ctx.idm_latest or 0])
    return ctx


def _norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower())


def _is_idm_context(ctx: _Ctx, a: int, b: int) -> bool:
    """Whether the sentence ``a:b`` talks about IDM (names it or an IDM status)."""
    lex = _lex()
    if lex.idm_cue.search(ctx.text, a, b) or lex.status_mention.search(ctx.text, a, b):
        return True
    # "jumlah gampong mandiri bertambah ...": a status named as the subject
    return any(m.group("kw") or m.group("st").islower() for m in lex.subject_status.finditer(ctx.text, a, b))


def _year_for(ctx: _Ctx, start: int, end: int, family: str) -> Optional[int]:
    """The year of the figure at ``start:end`` (see module doc).

    family: ``idm`` (IDM values and status counts, and counts in IDM sentences),
    ``money`` or ``plain``.
    """
    a, b = ctx.sentence(start)
    in_sent = [y for y in ctx.years if a <= y.start and y.end <= b]
    resp = _respective_year(ctx, start, a, b, in_sent)
    if resp is not None:
        return resp
    for y in reversed(in_sent):  # "tahun 2019 sebesar 0,6421, tahun 2020 sebesar 0,6587": 2019
        if y.end <= start and not y.relative and _YEAR_TIGHT.fullmatch(ctx.text[y.end : start]):
            return y.year
    for y in in_sent:  # "27,67% pada tahun 2019", "3% tahun 2022", "97 desa pada 2023"
        if y.start >= end and _YEAR_GAP.fullmatch(ctx.text[end : y.start]):
            if _YEAR_HEADS.match(ctx.text, y.end):
                break  # ", tahun 2020 sebesar 0,6587": that year is the next figure's
            return y.year
    before = [y for y in in_sent if y.end <= start and not (y.comparison and _CHANGE_TO.search(ctx.text, y.end, start))]
    if (
        before
        and _CHANGE_TO.search(ctx.text, before[-1].end, start)
        and _CHANGE_FROM.search(ctx.text[a : before[-1].start])
    ):
        # "dari 65% pada 2015 menjadi 94% atau 82 LKKL pada 2018": 2015 is the old figure's year
        after = [y for y in in_sent if y.start >= end and not y.relative]
        if after:
            return after[0].year
        before = []
        in_sent = []
    if before and _NOW.search(ctx.text, before[-1].end, start):
        # "pada 2019 tercatat 17 desa, kini tidak ada lagi": the clause is about the present
        return (ctx.idm_latest or ctx.article_year or ctx.pub_year) if family == "idm" else (ctx.article_year or ctx.pub_year)
    if before:
        return None if before[-1].multi else before[-1].year  # "dana desa TA 2020-2022": several years
    in_sent = [y for y in in_sent if not y.relative]
    if in_sent:
        distinct = {y.year for y in in_sent}
        if len(distinct) > 1:
            return None
        if not (in_sent[0].start >= end and _OTHER_CLAUSE.search(ctx.text, end, in_sent[0].start)):
            return in_sent[0].year
        # "jabatan lima kepala desa itu habis, sedangkan pemilihan ulang pada 2026": another clause's year
    if family == "idm":
        if ctx.idm_year and _FROM_BEFORE.search(ctx.text, max(a, start - 10), start) and _TO_AFTER.match(ctx.text, end, b):
            return ctx.idm_year - 1  # "naik dari 17 menjadi 23": the index is yearly, the old figure the year before
        return ctx.idm_year
    earlier = [y for y in ctx.years if y.end <= start]
    if family == "money" and (
        _lex().loss.search(ctx.text, a, b) or (ctx.is_case and _lex().budget.search(ctx.text, a, b))
    ):
        # "kerugian negara Rp 612 juta" in a case about Dana Desa TA 2020: the case's fiscal year
        fiscal = [y for y in earlier if y.fiscal] or [y for y in ctx.years if y.fiscal and y.start >= end][:1]
        if fiscal:
            return None if fiscal[-1].multi else fiscal[-1].year  # a case over several fiscal years
        if ctx.is_case and _lex().loss.search(ctx.text, a, b):
            return None  # a loss in a case that names no fiscal year: not the publication year
    if ctx.dates_its_figures:
        return None  # the article dates the figures that have a year: the others have none
    if ctx.article_year is not None:
        return ctx.article_year
    if earlier:
        return earlier[-1].year
    return ctx.pub_year


_RESPECTIVELY = regex.compile(r"(?i)\b(?:masing-masing|berturut-turut)\b")


def _respective_year(ctx: _Ctx, start: int, a: int, b: int, in_sent: list[_Year]) -> Optional[int]:
    """``pada 2021, 2022 dan 2023 masing-masing 0,6234, 0,6598 dan 0,7102``: the i-th figure after
    ``masing-masing`` takes the i-th year of the list before it."""
    cue = None
    for m in _RESPECTIVELY.finditer(ctx.text, a, start):
        cue = m
    if cue is None:
        return None
    years = [y for y in in_sent if y.end <= cue.start() and not y.relative]
    if len(years) < 2:
        return None
    # the figures after the cue, in order: numbers that are not years
    figs = [n for n in find_numbers(ctx.text[cue.end() : b]) if not _looks_like_year(n)]
    offsets = [cue.end() + n.start for n in figs]
    if start not in offsets or len(figs) != len(years):
        return None
    return years[offsets.index(start)].year


_YEAR_JOIN = regex.compile(
    r"[^\S\n]*(?:[-–/,&]|dan|s\.?d\.?|hingga|sampai(?:[^\S\n]+dengan)?)[^\S\n]*(?:tahun[^\S\n]+)?(?:19|20)\d\d(?!\d)",
    regex.IGNORECASE | regex.VERSION0,
)
_OTHER_CLAUSE = regex.compile(r"(?i),[^\S\n]*(?:sementara|sedangkan|namun|tetapi|padahal|adapun)\b|;")
_COMPARED = regex.compile(r"(?i)\b(?:dibanding(?:kan)?|ketimbang|daripada)(?:\s+(?:dengan|pada|di))?\s+$")
_NOW = regex.compile(r"(?i)(?<!\w)(?:kini|saat\s+ini|sekarang|hingga\s+kini|per\s+hari\s+ini)(?!\w)")
_YEAR_TIGHT = regex.compile(
    r"[^\S\n]*(?:[:=][^\S\n]*|(?:sebesar|senilai|sebanyak|berjumlah|mencapai|yakni|yaitu|adalah|ialah|tercatat|hanya|terdapat|ada)[^\S\n]+){1,2}",
    regex.VERSION0 | regex.IGNORECASE,
)
_YEAR_HEADS = regex.compile(
    r"[^\S\n]*(?:[:=][^\S\n]*|(?:sebesar|senilai|sebanyak|berjumlah|mencapai|yakni|yaitu|adalah|tercatat|terdapat|ada)[^\S\n]+)"
    r"(?:Rp\.?[^\S\n]*)?\d",
    regex.VERSION0 | regex.IGNORECASE,
)
_CHANGE_TO = regex.compile(r"(?i)\b(?:menjadi|jadi|hingga\s+menjadi)\b")
_CHANGE_FROM = regex.compile(r"(?i)\bdari\s+(?:\S+\s+){0,2}?(?:rp\.?\s*)?\d[^\n]*$")

_YEAR_GAP = regex.compile(
    r"[^\S\n]*(?:,[^\S\n]*)?(?:\([^\S\n]*)?(?:(?:pada|di|untuk|dalam|hingga|sampai|sejak|per)[^\S\n]+)?"
    rf"(?:(?:bulan[^\S\n]+)?(?:{'|'.join(sorted(dates_mod.months(), key=len, reverse=True))})\.?[^\S\n]+)?",
    regex.VERSION0 | regex.IGNORECASE,
)

_SPACES = regex.compile(r"\s+")
_LEAD_SPLIT = regex.compile(r"(?i)\brp\.?\s*\d[\d.,]*(?:\s+\p{L}+)?|\d[\d.,]*\s*%|[“”\"(),;:–—]")
_ITEM_START = regex.compile(r"\s*(?:[-•*–]|\d+[.)])\s")
_ITEM_VILLAGE = regex.compile(r"\s*(?:[-•*–]|\d+[.)])\s+(?:Desa|Kelurahan)\s+(\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)*)")
_SUBJECT_SPLIT = regex.compile(r"[,;.:“”\"()]")
_DECIMALS = regex.compile(r"[.,](\d+)$")
_CAP_AFTER = regex.compile(r"\s+\p{Lu}")
_STATUS_WORD = regex.compile(r"(?i)\b(?:ber)?status\b")
_BARE_STATUS_WORD = regex.compile(r"(?i)\bstatus\b")
_STATUS_BEFORE = regex.compile(r"(?i)\bstatus\s+$")
_LAST_WORD = regex.compile(r"(\S+)\s+$")
_YEARLIKE = regex.compile(r"(?:19|20)\d\d[,.]?")
_LETTER = regex.compile(r"\p{L}")
_HECTARE = regex.compile(r"(?i)\s+(?:hektare|hektar|ha)(?!\w)")
_AMONG_BEFORE = regex.compile(r"(?i)\bdi\s*antara\s*$")
_OPEN_PAREN = regex.compile(r"\(\s*$")
_CLOSE_PAREN = regex.compile(r"\s*\)")
_ONE_OF = regex.compile(r"(?i)(?<!salah\s)\bsatu\s+dari\s+$")
_FROM_END = regex.compile(r"(?i)\bdari\s*$")
_AMONG_THEM = regex.compile(r"(?i)\s+(?:di\s*antaranya|diantaranya)(?!\w)")
_SALAH = regex.compile(r"(?i)\bsalah\s+$")
_PREFIXED_VERB = regex.compile(r"(?:me|di|ber|ter|se)\p{Ll}{3,}")


@lru_cache(maxsize=None)
def _unit_after(unit: str) -> regex.Pattern:
    return regex.compile(rf"\s+{regex.escape(unit)}(?!\w)", regex.IGNORECASE)


@lru_cache(maxsize=None)
def _status_unit_before() -> regex.Pattern:
    return regex.compile(rf"(?i)(?<!\w)(?P<unit>{_alt(_status_units())})\s+(?:yang\s+)?$")


_PLACE_AFTER = regex.compile(
    r"[^\S\n]*(?:[\p{L}\-/]+[^\S\n]+){0,3}?di[^\S\n]+(?:(?:Kabupaten|Kab\.|Kota|Provinsi|Kecamatan|Desa|Kelurahan)[^\S\n]+)?",
    regex.VERSION0,
)


def _lead_words(ctx: _Ctx, start: int, n: int = 5) -> Optional[str]:
    """Up to ``n`` words before ``start`` in its sentence, after any earlier figure."""
    a, _ = ctx.sentence(start)
    lead = _LEAD_SPLIT.split(ctx.text[a:start])[-1]
    words = lead.split()[-n:]
    return " ".join(words) or None


def _region_for(ctx: _Ctx, start: int, end: Optional[int] = None) -> Optional[str]:
    """The place a figure is about: its list item's first place, a place right after it
    (``362 desa di Pati``), the nearest place before it in the sentence, else the main region."""
    a, _ = ctx.sentence(start)
    line_start = ctx.text.rfind("\n", 0, start) + 1
    line = ctx.text[line_start:start]
    if _ITEM_START.match(line):
        # a list item ("- Desa Peliatan, Gianyar – Bali: nilai IDM 0.9981"): its first place
        first = [p for p in ctx.places if line_start <= p[0] < start]
        if first:
            return first[0][2]
        m = _ITEM_VILLAGE.match(line)
        if m:
            return m.group(1)
    if end is not None:
        for p in ctx.places:
            if end <= p[0] <= end + 60 and _PLACE_AFTER.fullmatch(ctx.text, end, p[0]):
                return p[2]
    before = [p for p in ctx.places if a <= p[0] and p[1] <= start]
    if before:
        i = len(before) - 1
        # an address "Desa Bila Riase, Kecamatan Pitu Riase, Kabupaten Sidrap": its first (smallest) place
        while i > 0 and _ADDRESS_LINK.fullmatch(ctx.text, before[i - 1][1], before[i][0]):
            i -= 1
        return before[i][2]
    if _lex().national.search(ctx.text, a, start):
        return "Indonesia"  # "Secara nasional, jumlah desa mandiri ...": not the article's region
    return ctx.subject_village or ctx.main_region


_ADDRESS_LINK = regex.compile(
    r"[^\S\n]*,[^\S\n]*(?:(?:Kecamatan|Kec\.|Kabupaten|Kab\.|Kota|Provinsi|Prov\.)[^\S\n]+)?"
    r"|[^\S\n]+di[^\S\n]+(?:Kecamatan|Kec\.|Kabupaten|Kab\.)[^\S\n]+",
    regex.VERSION0,
)


def _subject(ctx: _Ctx, start: int, end: int, words_after: int = 6) -> Optional[str]:
    _, b = ctx.sentence(start)
    tail = _SUBJECT_SPLIT.split(ctx.text[end:b], maxsplit=1)[0]
    words = tail.split()[:words_after]
    return " ".join(words) or None


# --------------------------------------------------------------------------- finders


def _status(word: str) -> Optional[str]:
    return _lex().statuses.get(_SPACES.sub(" ", word.lower()))


_LIST_ITEM = regex.compile(r"[^\S\n]*(?:[-•*–]|\d+[.)])[^\S\n]")


def _idm_value_context(ctx: _Ctx, n: NumberSpan, a: int, b: int) -> bool:
    """Whether the decimal ``n`` is an IDM value: its sentence names IDM, or it is an item of a
    list whose heading does, or it is written like an index (0,xxxx) shortly after IDM is named."""
    lex = _lex()
    if lex.idm_cue.search(ctx.text, a, b):
        return True
    line_start = ctx.text.rfind("\n", 0, n.start) + 1
    if _LIST_ITEM.match(ctx.text, line_start):
        pos = line_start
        while pos > 0:  # walk up to the list's heading
            prev_start = ctx.text.rfind("\n", 0, pos - 1) + 1
            line = ctx.text[prev_start : pos]
            if line.strip() and not _LIST_ITEM.match(line):
                return bool(lex.idm_cue.search(line))
            pos = prev_start
        return False
    decimals = _DECIMALS.search(n.text)
    if not (decimals and len(decimals.group(1)) == 4):
        return False
    if lex.idm_cue.search(ctx.text, max(0, n.start - 800), n.start):
        return True
    # "... disusul Desa X dengan nilai 0,7105" further on in an article about IDM
    return bool(_VALUE_WORD.search(ctx.text, max(a, n.start - 40), n.start) and lex.idm_cue.search(ctx.text, 0, n.start))


_VALUE_WORD = regex.compile(r"(?i)\b(?:nilai|skor|indeks|angka)\s+(?:\S+\s+){0,2}$")


def _idm_values(ctx: _Ctx, nums: list[NumberSpan]) -> list[Metric]:
    lex = _lex()
    out = []
    for n in nums:
        if n.kind != "plain" or not n.has_decimal or not 0 < n.value <= 1:
            continue
        a, b = ctx.sentence(n.start)
        if not _idm_value_context(ctx, n, a, b):
            continue
        if lex.delta_before.search(ctx.text[max(a, n.start - 40) : n.start]) or lex.delta_after.match(ctx.text[n.end : n.end + 20]):
            continue  # "naik 0,0215 poin": a change, not a value
        subs = list(lex.subindex.finditer(ctx.text, a, n.start))
        idms = list(lex.idm_cue.finditer(ctx.text, a, n.start))
        if subs and (not idms or subs[-1].start() > idms[-1].start()):
            continue  # "indeks ketahanan sosial sebesar 0,7812": a component index
        status = None
        m = lex.status_after.match(ctx.text[n.end : b])
        if m:
            status = _status(m.group("st") or m.group("st2") or m.group("st3"))
        else:
            m = lex.status_before.search(ctx.text[a : n.start])
            if m:
                status = _status(m.group("st"))
        out.append(
            Metric(
                indicator="IDM", value=n.value, region=_region_for(ctx, n.start),
                year=_year_for(ctx, n.start, n.end, family="idm"), status=status, subject="nilai IDM",
                text=n.text, start=n.start, end=n.end,
            )
        )
    return out


def _looks_like_year(n: NumberSpan) -> bool:
    return not n.is_word and n.text.isdigit() and 1900 <= n.value <= 2100


def _status_counts(ctx: _Ctx, nums: list[NumberSpan]) -> tuple[list[Metric], set[int]]:
    """IDM status counts, and the starts of the numbers they used."""
    lex = _lex()
    text = ctx.text
    used: set[int] = set()
    out: list[Metric] = _status_then_counts(ctx, nums, used)
    by_start = {n.start: n for n in nums}
    prev_end = 0
    for sm in _status_mentions(ctx):
        a, _ = ctx.sentence(sm.start())
        lo = max(a, prev_end)
        prev_end = sm.end()
        window = text[lo : sm.start()]
        status = _status(sm.group("st"))
        if status is None:
            continue
        hit = None  # (value, start, end, unit)
        for n in reversed([n for n in nums if lo <= n.start and n.end <= sm.start()]):
            if n.start in used:
                break  # "berstatus maju sebanyak 48 desa dan kategori ...": 48 is Maju's
            if lex.zero_tail.search(text[lo : n.end]) or (
                n.is_word and n.value == 1 and lex.zero_word_one.search(text[lo : n.start])
            ):
                used.add(n.start)  # "tidak ada satu kabupaten", "tidak satu pun": a zero, read below
                break
            if n.kind != "plain" or n.has_decimal or n.value != int(n.value) or ctx.is_blocked(n.start, n.end):
                break
            if _looks_like_year(n):
                break
            m = lex.count_to_status.match(text[n.end : sm.start()])
            if m:
                hit = (n.value, n.start, n.end, m.group("unit"))
            break
        if hit is None:
            zs = list(lex.zero.finditer(window))
            if zs:
                z = zs[-1]
                rest = text[lo + z.end() : sm.start()]
                m = lex.count_to_status.match(rest)
                if m:
                    hit = (0.0, lo + z.start(), lo + z.end(), z.group("unit") or m.group("unit"))
        if hit is None:
            os_ = list(lex.one.finditer(window))
            if os_:
                o = os_[-1]
                rest = text[lo + o.end() : sm.start()]
                if lex.count_to_status.match(rest):
                    unit = (o.group("pre") or "").strip() or None
                    hit = (1.0, lo + o.start(), lo + o.end(), unit)
        if hit is None:
            continue
        value, s, e, unit = hit
        if unit is None:  # "dari 100 kampung yang ada, tidak satu pun ...": the unit named before
            units = [u for u in lex.status_unit_word.finditer(text, a, s) if not _CAP_AFTER.match(text, u.end(), u.end() + 3)]
            unit = units[-1].group("unit") if units else None  # not "Kabupaten Pati", a place's name
        if value == 0 and lex.target.search(text, a, ctx.sentence(sm.start())[1]):
            continue  # "menargetkan tidak ada lagi desa tertinggal": a goal, not a figure
        used.add(s)
        out.append(_status_count(ctx, value, s, e, unit, status))
        if value == 0:  # "tidak ada kelurahan berstatus tertinggal ataupun sangat tertinggal": none of either
            co = lex.status_coord.match(text, sm.end())
            if co and _status(co.group("st")):
                out.append(_status_count(ctx, 0.0, s, e, unit, _status(co.group("st"))))
        else:  # "52 desa berstatus maju, naik dari 40 desa pada tahun sebelumnya": 40 Maju
            out += _earlier_count(ctx, by_start, used, sm.end(), status)
    out += _subject_status_counts(ctx, nums, used)
    return out, used


def _earlier_count(ctx: _Ctx, by_start: dict[int, NumberSpan], used: set[int], pos: int, status: str) -> list[Metric]:
    """The earlier value of a status count written right after it: ``..., naik dari 40 desa``."""
    m = _lex().change_from.match(ctx.text, pos)
    n = by_start.get(m.end()) if m else None
    if n is None or n.start in used or n.kind != "plain" or n.has_decimal or _looks_like_year(n):
        return []
    um = _status_unit_after().match(ctx.text, n.end)
    if um is None:
        return []
    used.add(n.start)
    return [_status_count(ctx, n.value, n.start, n.end, um.group("unit"), status, year_end=um.end())]


@lru_cache(maxsize=None)
def _status_unit_after() -> regex.Pattern:
    return regex.compile(rf"\s+(?P<unit>{_alt(_status_units())})(?!\w)", regex.IGNORECASE | regex.VERSION0)


def _status_then_counts(ctx: _Ctx, nums: list[NumberSpan], used: set[int]) -> list[Metric]:
    """Counts written after their status: ``berstatus maju sebanyak 48 desa``, and list/table rows
    ``1. Mandiri: 25 desa`` under a heading (or in a sentence) about IDM or status."""
    lex = _lex()
    text = ctx.text
    out: list[Metric] = []
    by_start = {n.start: n for n in nums}
    found = [(m, False) for m in lex.status_then_count.finditer(text)] + [(m, True) for m in lex.status_label.finditer(text)]
    for m in lex.status_bare_then_count.finditer(text):  # "dengan rincian mandiri 12 desa, maju 40 desa"
        a, b = ctx.sentence(m.start())
        if lex.idm_cue.search(text, a, b) or _BARE_STATUS_WORD.search(text, a, b):
            found.append((m, False))
    for m, label in sorted(found, key=lambda x: x[0].start()):
        n = by_start.get(m.end())
        if n is None or n.start in used or n.kind != "plain" or n.has_decimal or _looks_like_year(n):
            continue
        if ctx.is_blocked(n.start, n.end):
            continue
        if label and not _label_in_idm_context(ctx, m.start()):
            continue
        if not label and lex.own_status.match(text, n.end):
            continue  # "berstatus mandiri, sebanyak 31 desa berstatus maju": 31 is Maju's
        status = _status(m.group("st"))
        if status is None:
            continue
        um = _status_unit_after().match(text, n.end, n.end + 30)
        unit = um.group("unit") if um else None
        if unit is None:  # "desa berstatus maju sebanyak 48": the unit before the status
            pm = _status_unit_before().search(text[max(0, m.start() - 30) : m.start()])
            unit = pm.group("unit") if pm else None
        if unit is None and label:  # a table under "rincian status desa": the heading's unit
            unit = _label_unit(ctx, m.start())
        used.add(n.start)
        out.append(_status_count(ctx, n.value, n.start, n.end, unit, status, year_end=um.end() if um else n.end))
    return out


@lru_cache(maxsize=None)
def _status_units() -> tuple[str, ...]:
    return tuple(lexicons.load_json("metrics_idm.json")["status_units"])


def _label_unit(ctx: _Ctx, pos: int) -> Optional[str]:
    """The counted unit named in the heading above a status row (``status desa``), if any."""
    lex = _lex()
    p = ctx.text.rfind("\n", 0, pos) + 1
    while p > 0:
        prev = ctx.text.rfind("\n", 0, p - 1) + 1
        above = ctx.text[prev:p]
        if above.strip() and not lex.status_label.match(above) and not _LIST_ITEM.match(above) and "|" not in above:
            units = list(lex.status_unit_word.finditer(above))
            return units[-1].group("unit").lower() if units else None
        p = prev
    return None


@lru_cache(maxsize=None)
def _label_cue() -> regex.Pattern:
    return regex.compile(rf"{_lex().idm_cue.pattern}|\bstatus\b", regex.IGNORECASE | regex.VERSION0)


def _label_in_idm_context(ctx: _Ctx, pos: int) -> bool:
    """Whether the line at ``pos`` (a list/table row) is about IDM: the line itself, its sentence,
    or the nearest non-item line above it names IDM or a status."""
    lex = _lex()
    cue = _label_cue()
    line_start = ctx.text.rfind("\n", 0, pos) + 1
    line_end = ctx.text.find("\n", pos)
    line = ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)]
    if cue.search(line):
        return True
    p = line_start
    while p > 0:
        prev = ctx.text.rfind("\n", 0, p - 1) + 1
        above = ctx.text[prev:p]
        if above.strip() and not lex.status_label.match(above) and not _LIST_ITEM.match(above):
            return bool(cue.search(above))
        p = prev
    return False


def _status_mentions(ctx: _Ctx) -> list[regex.Match]:
    """Status words that an IDM status count may precede: ``berstatus maju``, ``23 desa maju``, and
    in a sentence about IDM also a status after a filler (``38 nagari masih tertinggal``)."""
    lex = _lex()
    found = {m.start(): m for m in lex.status_mention.finditer(ctx.text)}
    for m in lex.zero_status.finditer(ctx.text):  # "tidak ada lagi desa sangat tertinggal"
        found.setdefault(m.start(), m)
    for m in lex.status_loose.finditer(ctx.text):
        if m.start() in found:
            continue
        a, b = ctx.sentence(m.start())
        if lex.idm_cue.search(ctx.text, a, b) or _STATUS_WORD.search(ctx.text, a, b) or any(
            a <= s < b for s in found
        ):
            found[m.start()] = m
    return [found[k] for k in sorted(found)]


def _status_count(ctx: _Ctx, value: float, s: int, e: int, unit: Optional[str], status: str,
                  year_end: Optional[int] = None) -> Metric:
    return Metric(
        indicator="IDM_STATUS_COUNT", value=value, region=_region_for(ctx, s, e),
        year=_year_for(ctx, s, year_end or e, family="idm"), status=status, unit=(unit or "").lower() or None,
        subject=f"{unit or 'wilayah'} berstatus {status}", text=ctx.text[s:e], start=s, end=e,
    )


_FROM_BEFORE = regex.compile(r"(?i)\bdari\s+$")
_TO_AFTER = regex.compile(r"(?i)\s+(?:\S+\s+){0,3}?(?:menjadi|jadi)\s+\d")
_CHANGE_BARE = regex.compile(r"(?i)\b(?:dari|menjadi|jadi)\s+$")
_CHANGE_BARE_PAIR = regex.compile(r"(?i)\bdari\s+\d[\d.]*\s+(?:\S+\s+){0,4}?(?:menjadi|jadi)\s+\d")
_COUNTED_BEFORE = regex.compile(r"(?:\d|\b\p{L}+)\s+$")


def _subject_status_counts(ctx: _Ctx, nums: list[NumberSpan], used: set[int]) -> list[Metric]:
    """Counts after a status named as the subject: ``Jumlah desa mandiri naik dari 52 desa pada
    2022 menjadi 97 desa pada 2023`` gives 52 (2022) and 97 (2023) desa Mandiri."""
    lex = _lex()
    text = ctx.text
    out: list[Metric] = []
    for sm in lex.subject_status.finditer(text):
        if not sm.group("kw") and not sm.group("st").islower():
            continue  # "Desa Maju Jaya" is a name
        before = text[max(0, sm.start() - 30) : sm.start()]
        if _STATUS_BEFORE.search(before):
            continue  # "status desa mandiri" is the status itself
        prev = _LAST_WORD.search(before)
        if prev and _YEARLIKE.fullmatch(prev.group(1)):
            pass  # "Pada 2023 desa mandiri mencapai 40 desa": a year, not a count
        elif prev and (prev.group(1)[-1].isdigit() or prev.group(1).lower() in _number_words()):
            continue  # "23 desa mandiri" is read as a count before its status
        status = _status(sm.group("st"))
        unit = sm.group("unit").lower()
        _, b = ctx.sentence(sm.start())
        nxt = lex.status_mention.search(text, sm.end(), b)
        stop = nxt.start() if nxt else b
        for other in lex.subject_status.finditer(text, sm.end(), stop):
            if other.group("kw") or other.group("st").islower():
                stop = other.start()  # "..., sedangkan desa maju berjumlah 300 desa": the next status's
                break
        for n in nums:
            if not sm.end() <= n.start < stop or n.start in used or n.kind != "plain" or n.has_decimal:
                continue
            if _looks_like_year(n) or n.value != int(n.value):
                continue
            um = _unit_after(unit).match(text, n.end, n.end + 30)
            if status is None:
                continue
            if not um and not (_CHANGE_BARE.search(text, max(sm.end(), n.start - 12), n.start) and _CHANGE_BARE_PAIR.search(text, sm.end(), stop)):
                continue  # "naik dari 17 menjadi 23" counts the subject's unit without repeating it
            used.add(n.start)
            out.append(_status_count(ctx, n.value, n.start, n.end, unit, status, year_end=um.end() if um else n.end))
    return out


@lru_cache(maxsize=None)
def _number_words() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in lexicons.load_tsv("number_words.tsv"))


def _money_percent(ctx: _Ctx, nums: list[NumberSpan]) -> list[Metric]:
    out: list[Metric] = []
    for n in nums:
        if n.kind not in ("money", "percent") or ctx.is_blocked(n.start, n.end):
            continue
        subject = _lead_words(ctx, n.start)
        if subject is None and out and ctx.sentence(out[-1].start) == ctx.sentence(n.start):
            subject = out[-1].subject  # the upper end of a range "Rp.900 Juta – Rp.1 Miliar"
        out.append(
            Metric(
                indicator="MONEY" if n.kind == "money" else "PERCENT", value=n.value,
                region=_region_for(ctx, n.start, n.end),
                year=_year_for(ctx, n.start, n.end, "money" if n.kind == "money" else "plain"),
                subject=subject, text=n.text, start=n.start, end=n.end,
            )
        )
    return out


_PART_OF = regex.compile(r"(?i)\s+dari\s+(?:(?:total|jumlah|sebanyak|keseluruhan|seluruh)\s+)?")
_OF_TOTAL = regex.compile(r"^\s*,?\s*(?P<n>\S+)\s+(?:di\s*antaranya|diantaranya)", regex.IGNORECASE)


def _counts(ctx: _Ctx, nums: list[NumberSpan], used: set[int]) -> list[Metric]:
    lex = _lex()
    text = ctx.text
    out = []
    skip: set[int] = set()
    for i, n in enumerate(nums):
        if n.start in used or n.start in skip or n.kind != "plain":
            continue
        if n.value > 0 and _is_built_length(ctx, n):
            out.append(_length(ctx, n))
            continue
        if n.has_decimal and n.value == int(n.value) and n.value >= 1000 and _LETTER.search(n.text):
            n = NumberSpan(n.start, n.end, n.value, n.kind, n.text, n.is_word, False)  # "1,2 juta jiwa"
        if n.has_decimal:
            if n.value > 0 and _HECTARE.match(text, n.end, n.end + 12):
                m = lex.units.match(text[n.end : n.end + 40])
                a, b = ctx.sentence(n.start)
                out.append(_count(ctx, n.value, n.start, n.end, n.text, m, n.end + m.end(), a, b))
            continue
        if ctx.is_blocked(n.start, n.end) or n.value != int(n.value) or n.value < 1:
            continue
        if n.is_word and n.value == 1 and not _one_in_list(ctx, n, nums[i + 1] if i + 1 < len(nums) else None):
            continue  # "salah satu", "satu kali": rarely a figure (but "satu sekolah dasar, dua rumah ibadah")
        if 1900 <= n.value <= 2100 and not n.is_word and "." not in n.text:
            continue  # a year
        after = text[n.end : n.end + 40]
        before = text[max(0, n.start - 30) : n.start]
        stop = lex.stop_units.match(after)
        if stop and not (lex.units.match(after) and lex.units.match(after).end() > stop.end()):
            continue  # "90 hari" is a duration, "90 hari kalender" a contract's size
        if lex.stop_before.search(before) and not _AMONG_BEFORE.search(before):
            continue
        if _OPEN_PAREN.search(before) and _CLOSE_PAREN.match(after):
            continue  # an age: "LT (58)"
        if _ONE_OF.search(before):
            continue  # a ratio: "satu dari empat anak" (but "salah satu dari empat kades" counts)
        m = lex.units.match(after)
        weak = False
        unit_end = n.end + m.end() if m else n.end
        if not m:
            m = lex.weak_units.match(after)
            weak = True
            unit_end = n.end + m.end() if m else n.end
            strong = lex.units.match(after[m.end() :]) if m else None
            if strong:  # "14 orang saksi": the noun after the classifier is what is counted
                m, weak, unit_end = strong, False, unit_end + strong.end()
        if m and not weak and lex.rank_after.match(text, n.end):
            continue  # "tiga kampung dengan skor IDM terendah": the size of a ranking
        value, start, end, shown = n.value, n.start, n.end, n.text
        # "Dari 33 provinsi, 20 diantaranya ..." -> 20 provinsi
        if m and _FROM_END.search(before):
            t = _OF_TOTAL.match(text[unit_end : unit_end + 40])
            if t and i + 1 < len(nums) and nums[i + 1].start == unit_end + t.start("n"):
                nxt = nums[i + 1]
                skip.add(nxt.start)
                value, start, end, shown = nxt.value, nxt.start, nxt.end, nxt.text
        if not m:
            a, b = ctx.sentence(n.start)
            prior = [c for c in out if a <= c.start < n.start and c.unit]
            if (
                prior and _AMONG_THEM.match(after)
                and lex.impact.search(text, n.end, b)
            ):
                # "3.210 jiwa terdampak dan 415 di antaranya mengungsi": 415 jiwa
                out.append(_count(ctx, n.value, n.start, n.end, n.text, prior[-1].unit, n.end, a, b))
            continue
        a, b = ctx.sentence(start)
        if weak and not lex.impact.search(text[a:b]):
            continue
        part = nums[i - 1] if i > 0 else None
        if (
            part is not None and start == n.start and part.kind == "plain" and not part.has_decimal
            and _PART_OF.fullmatch(text, part.end, n.start) and not _looks_like_year(part)
            and not (part.is_word and part.value == 1)
        ):
            # "201 dari 236 desa": the part is counted in the same unit
            out.append(_count(ctx, part.value, part.start, part.end, part.text, m, n.end + m.end(), a, b))
        out.append(_count(ctx, value, start, end, shown, m, unit_end if start == n.start else end, a, b))
    return out


_LIST_NEXT = regex.compile(r"[^\S\n]*(?:,|dan|serta)[^\S\n]*(?:dan[^\S\n]+)?")


def _one_in_list(ctx: _Ctx, n: NumberSpan, nxt: Optional[NumberSpan]) -> bool:
    """``satu`` that opens a list of counts: ``merusak satu sekolah dasar, dua rumah ibadah``."""
    lex = _lex()
    m = lex.units.match(ctx.text[n.end : n.end + 40])
    if m is None or nxt is None or nxt.kind != "plain" or _SALAH.search(ctx.text, max(0, n.start - 8), n.start):
        return False
    return bool(_LIST_NEXT.fullmatch(ctx.text, n.end + m.end(), nxt.start) and lex.units.match(ctx.text[nxt.end : nxt.end + 40]))


def _is_built_length(ctx: _Ctx, n: NumberSpan) -> bool:
    """Whether ``n`` is a length that is the size of what is built or repaired: ``jalan sepanjang
    2,5 kilometer``, ``1.200 meter saluran irigasi`` (not ``tinggi tanggul 2,5 meter``, ``10 cm``)."""
    lex = _lex()
    um = lex.length_units.match(ctx.text, n.end, n.end + 20)
    if not um:
        return False
    a, b = ctx.sentence(n.start)
    before = ctx.text[max(a, n.start - 40) : n.start]
    if lex.length_blocker.search(before) or ctx.is_case:
        return False
    if not lex.length_build.search(ctx.text, a, b) or lex.length_damage.search(ctx.text, a, b):
        return False
    if lex.length_cue.search(before) or lex.length_object_after.match(ctx.text, um.end(), um.end() + 40):
        return True
    return bool(lex.length_object_before.search(before))


def _length(ctx: _Ctx, n: NumberSpan) -> Metric:
    um = _lex().length_units.match(ctx.text, n.end, n.end + 20)
    unit = um.group("unit").lower()
    about = _subject(ctx, n.start, um.end())
    return Metric(
        indicator="COUNT", value=n.value, region=_region_for(ctx, n.start, um.end()),
        year=_year_for(ctx, n.start, um.end(), "plain"), unit=unit,
        subject=" ".join([unit] + ([about] if about else [])), text=n.text, start=n.start, end=n.end,
    )


_BARE_CLASSIFIERS = frozenset({"unit", "buah"})


@lru_cache(maxsize=None)
def _unit_forms() -> dict[str, str]:
    """Units listed with capitals (``BUMNag``, ``KK``) keep that form; others are lower case."""
    return {u.lower(): u for u in lexicons.load_lines("metric_units.txt") if u != u.lower()}


def _unit_form(unit: str) -> str:
    unit = _SPACES.sub(" ", unit)
    if unit.isupper():
        return unit
    return _unit_forms().get(unit.lower(), unit.lower())
_NEXT_WORD = regex.compile(r"[^\S\n]+(\p{Ll}+)(?!\w|-)", regex.VERSION0)


def _count(ctx: _Ctx, value: float, start: int, end: int, shown: str, unit_match, year_end: int,
           a: int, b: int) -> Metric:
    """A COUNT metric for ``value`` written ``shown`` at ``start:end``, counted in ``unit_match``'s unit
    (a match of the unit pattern, or the unit itself)."""
    if isinstance(unit_match, str):
        unit = unit_match
    else:
        unit = _SPACES.sub(" ", unit_match.group("unit"))
        unit = _unit_form(unit)
        lex = _lex()
        if unit in lex.count_heads:  # "6 unit perahu karet" -> unit perahu
            nxt = _NEXT_WORD.match(ctx.text, year_end)
            if (
                nxt and nxt.group(1) not in lex.count_head_stops and len(nxt.group(1)) > 2
                and not _PREFIXED_VERB.match(nxt.group(1))
            ):
                unit = f"{unit} {nxt.group(1)}"
                year_end = nxt.end()
    if unit in _BARE_CLASSIFIERS:  # "Sekolah yang rusak tercatat 14 unit": sekolah
        lead = _lex().unit_lead.match(ctx.text, a, start)
        if lead and lead.group("unit").lower() not in _BARE_CLASSIFIERS:
            unit = _unit_form(lead.group("unit"))
    about = _subject(ctx, start, year_end)
    return Metric(
        indicator="COUNT", value=value, region=_region_for(ctx, start, end),
        year=_year_for(ctx, start, max(end, year_end), "idm" if _is_idm_context(ctx, a, b) else "plain"),
        unit=unit, subject=" ".join([unit] + ([about] if about else [])), text=shown, start=start, end=end,
    )


def _dedupe(metrics: list[Metric], explicit: dict[int, bool]) -> list[Metric]:
    """One metric per figure: the same value twice keeps the mention with the surest year; an IDM value
    stated without a status (a headline) takes the status the body gives the same value and year."""
    stated = {(m.value, m.year): m.status for m in metrics if m.indicator == "IDM" and m.status}
    metrics = [
        m.model_copy(update={"status": stated[(m.value, m.year)]})
        if m.indicator == "IDM" and m.status is None and (m.value, m.year) in stated else m
        for m in metrics
    ]
    groups: dict[tuple, list[Metric]] = {}
    for m in metrics:
        key = (m.indicator, round(m.value, 6), m.unit, m.status, m.region if m.indicator == "IDM" else None)
        groups.setdefault(key, []).append(m)
    out = []
    for group in groups.values():
        years = {m.year for m in group}
        if len(years) == 1:
            out.append(group[0])
            continue
        sure = [m for m in group if explicit.get(m.start)]
        keep = sure or group
        seen = set()
        for m in keep:
            if m.year not in seen:
                seen.add(m.year)
                out.append(m)
    out.sort(key=lambda m: m.start)
    return out


def _dates_its_figures(ctx: _Ctx, nums: list[NumberSpan]) -> bool:
    """Whether most sentences with a figure name a year (then a figure without one is timeless)."""
    sentences = {ctx.sentence(n.start) for n in nums if not _looks_like_year(n) and (n.kind != "plain" or n.value >= 2)}
    if len(sentences) < 3:
        return False
    dated = [s for s in sentences if any(s[0] <= y.start and y.end <= s[1] and not y.relative for y in ctx.years)]
    return 2 * len(dated) >= len(sentences)


def _in_name(ctx: _Ctx, n: NumberSpan) -> bool:
    """Whether the number is part of a name: inside a place mention, or number words written
    capitalised after a name's first word (``Kecamatan Tiga Lingga``, ``Jalan Tujuh Belas``)."""
    if not (n.is_word and n.text[:1].isupper()):
        return False
    if any(s <= n.start and n.end <= e for s, e, _ in ctx.places):
        return True
    return bool(_lex().name_before.search(ctx.text, max(0, n.start - 20), n.start))


def _explicit_year(ctx: _Ctx, m: Metric) -> bool:
    a, b = ctx.sentence(m.start)
    return any(a <= y.start and y.end <= b for y in ctx.years)


def find_metrics(doc: Doc) -> list[Metric]:
    """Figures in ``doc`` (see module doc); IDM status/band disagreements go to ``doc._.warnings``."""
    ctx = _context(doc)
    nums = [
        n for n in find_numbers(ctx.text)
        if not (n.kind == "plain" and (ctx.is_blocked(n.start, n.end) or _in_name(ctx, n)))
    ]
    ctx.dates_its_figures = _dates_its_figures(ctx, nums)
    idm = _idm_values(ctx, nums)
    idm_starts = {m.start for m in idm}
    status_counts, used = _status_counts(ctx, nums)
    metrics = idm + status_counts + _money_percent(ctx, nums) + _counts(ctx, nums, used | idm_starts)
    metrics = _dedupe(metrics, {m.start: _explicit_year(ctx, m) for m in metrics})
    warnings = doc._.warnings if doc._.warnings is not None else []
    for m in metrics:
        if m.indicator == "IDM" and m.status:
            band = idm_band(m.value)
            if band and band != m.status:
                warnings.append(
                    Warning(
                        code="idm_status_band",
                        message=f"IDM {m.text} is stated as {m.status} but falls in the {band} band",
                        start=m.start,
                        end=m.end,
                    )
                )
    if doc._.warnings is None:
        doc._.warnings = warnings
    LOGGER.debug("metrics: %s", [(m.indicator, m.value, m.year) for m in metrics])
    return metrics
