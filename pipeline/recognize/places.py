"""Recognizer: places (country, provinces, regencies, cities, districts, villages, others).

Provinces, regencies and cities come from the Kemendagri gazetteer of
``lokal`` (index built once, lazily) plus the short forms of
``data/region_aliases.tsv`` (``Kalsel``, ``Madina``).  Districts and villages
are taken only after their cue word (``Kecamatan X``, ``desa x``; see
``data/place_cues.tsv``), or, for districts, bare when they lie in a regency
or city the article names.  The dateline place
(``doc._.article.dateline_name``) is a place too.

Public helpers: :class:`Region`, :func:`lookup_region`, :func:`region_at`,
:func:`normkey`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex
from spacy.tokens import Doc
from ..sentences import CACHED_TEXTS, doc_text

from .. import lexicons
from ..schema import Mention, Place

LOGGER = logging.getLogger(__name__)

_WORD = regex.compile(r"\w+(?:[-'’]\w+)*")
_PREFIXES = (
    ("provinsi ", "province"),
    ("propinsi ", "province"),
    ("prov. ", "province"),
    ("kabupaten ", "regency"),
    ("kab. ", "regency"),
    ("kota ", "city"),
    ("kotamadya ", "city"),
    ("kecamatan ", "district"),
    ("kec. ", "district"),
    ("desa ", "village"),
    ("kelurahan ", "village"),
)
_ADMIN_TYPES = ("province", "regency", "city")
_STREET_CUES = frozenset({"jalan", "jl", "jln", "gang", "gg", "komplek", "kompleks", "perumahan", "perum"})
_MAX_WORDS = 5
_WEAK_VILLAGE_CUES = frozenset({"kampung"})
_ABBREVIATED_CUES = frozenset({"kab", "kec", "ds", "kel", "prov"})


@dataclass(frozen=True)
class Region:
    """A region of the gazetteer.

    code (str): dotted Kemendagri code (``"63.72"``); empty for the country.
    name (str): name without the Kabupaten/Kota/Provinsi prefix.
    type (str): province, regency, city, district, village (or country/other
        for entries of ``region_aliases.tsv``).
    """

    code: str
    name: str
    type: str

    @property
    def province_code(self) -> str:
        """Code of the province the region lies in (``"63"``)."""
        return self.code.split(".")[0] if self.code else ""


@lru_cache(maxsize=1 << 16)
def normkey(text: str) -> str:
    """Matching key of a name: lower case, letters and digits only (``Pagar Alam`` = ``Pagaralam``).
    Cached: the recognizers ask for the keys of the same words many times."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def title_case(text: str) -> str:
    """``desa jayamulya`` -> ``Desa Jayamulya``; ``oro-oro ombo`` -> ``Oro-Oro Ombo``; keeps ALLCAPS short forms."""
    out = []
    for word in text.split():
        if word.isupper() and len(word) <= 4:
            out.append(word)
            continue
        out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


@dataclass
class _Gazetteer:
    admin: dict[str, list[Region]] = field(default_factory=dict)
    alias: dict[str, Region] = field(default_factory=dict)
    district: dict[str, list[Region]] = field(default_factory=dict)
    village: dict[str, list[Region]] = field(default_factory=dict)
    by_code: dict[str, Region] = field(default_factory=dict)


def _strip_admin_prefix(name: str) -> tuple[str, str]:
    for prefix, typ in (("Kabupaten ", "regency"), ("Kota ", "city")):
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            if rest.startswith("Administrasi "):
                rest = rest[len("Administrasi ") :]
            return rest, typ
    return name, "regency"


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Build the name indexes from ``lokal`` and ``region_aliases.tsv`` (once)."""
    from lokal import wilayah

    gaz = _Gazetteer()
    for code, raw in wilayah._base().items():
        depth = code.count(".")
        if depth == 0:
            region = Region(code, raw, "province")
            gaz.admin.setdefault(normkey(raw), []).append(region)
        elif depth == 1:
            name, typ = _strip_admin_prefix(raw)
            region = Region(code, name, typ)
            gaz.admin.setdefault(normkey(name), []).append(region)
        elif depth == 2:
            region = Region(code, raw, "district")
            gaz.district.setdefault(normkey(raw), []).append(region)
        else:
            continue
        gaz.by_code[code] = region
    for code, raw in wilayah._desa().items():
        gaz.village.setdefault(normkey(raw), []).append(Region(code, raw, "village"))
    for row in lexicons.load_tsv("region_aliases.tsv"):
        code = row.get("code", "")
        base = gaz.by_code.get(code)
        typ = row.get("type") or (base.type if base else "other")
        name = row.get("name") or (base.name if base else row["alias"])
        gaz.alias[normkey(row["alias"])] = Region(code, name, typ)
    LOGGER.debug("gazetteer: %d admin keys, %d district keys", len(gaz.admin), len(gaz.district))
    return gaz


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, bool]]:
    return {r["cue"].lower(): (r["type"], r["keep"].lower() == "yes") for r in lexicons.load_tsv("place_cues.tsv")}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from spacy.lang.id.stop_words import STOP_WORDS

    return frozenset(w.lower() for w in lexicons.load_lines("place_stopwords.txt")) | frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _title_cues() -> frozenset[str]:
    """Titles of village heads before a village's name (``Lurah Pangkajene``)."""
    return frozenset(w.lower() for w in lexicons.load_lines("place_title_cues.txt"))


@lru_cache(maxsize=1)
def _cue_blockers() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons.load_lines("place_cue_blockers.txt"))


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    return frozenset(normkey(w) for w in lexicons.load_lines("place_ambiguous.txt"))


@lru_cache(maxsize=1)
def _title_abbrs() -> frozenset[str]:
    """Short forms of titles (``Kades``, ``Kaur``): never bare place names."""
    try:
        return frozenset(normkey(r["abbr"]) for r in lexicons.load_tsv("titles.tsv") if " " not in r["abbr"])
    except (FileNotFoundError, KeyError):
        return frozenset()


@lru_cache(maxsize=1)
def _agency_words() -> frozenset[str]:
    """Abbreviations of agencies: not the start of a building's name (``Gedung DPRD``)."""
    try:
        return frozenset(normkey(r["abbr"]) for r in lexicons.load_tsv("agency_abbreviations.tsv"))
    except (FileNotFoundError, KeyError):
        return frozenset()


_TYPE_ORDER = {"province": 0, "regency": 1, "city": 2, "district": 3, "village": 4}


def _choose(
    cands: list[Region], want: Optional[str] = None, prefer_city: bool = False, context: frozenset[str] = frozenset()
) -> Optional[Region]:
    """Pick one region among same-named candidates.

    want: the type the cue word asks for (others only when none has it).
    prefer_city: a bare name that is both city and regency is the city (datelines).
    context: province codes the article names; candidates inside them win.
    """
    if not cands:
        return None
    if want:
        typed = [c for c in cands if c.type == want]
        cands = typed or cands

    def rank(c: Region) -> tuple:
        order = _TYPE_ORDER.get(c.type, 5)
        if prefer_city and c.type == "city":
            order = -1
        return (0 if c.province_code in context else 1, order, c.code)

    return sorted(cands, key=rank)[0]


def lookup_region(name: str, prefer_city: bool = False) -> Optional[Region]:
    """The gazetteer region a written name stands for, or None.

    name (str): ``Kalsel``, ``Kabupaten Paser``, ``Kota Batu``, ``Provinsi
        Kalimantan Selatan``, ``Madina``, ``Kecamatan Sibolangit``.
    prefer_city (bool): a bare name that is both a city and a regency
        (``Bandung``) is the city; otherwise the regency.
    RETURNS (Region | None): the region; ``None`` when unknown.

    >>> lookup_region("Kalsel").code
    '63'
    """
    gaz = _gazetteer()
    text = " ".join(name.split())
    low = text.lower()
    want = None
    for prefix, typ in _PREFIXES:
        if low.startswith(prefix):
            want, text = typ, text[len(prefix) :]
            break
    if low.startswith("se-"):
        text = text[3:]
    key = normkey(text)
    if not key:
        return None
    if want in ("district", "village"):
        return _choose((gaz.district if want == "district" else gaz.village).get(key, []))
    alias = gaz.alias.get(key)
    if alias and (want is None or alias.type == want or want == "province" and alias.type == "city"):
        if want == "province" and alias.type == "city" and alias.province_code:
            return gaz.by_code.get(alias.province_code, alias)
        return alias
    return _choose(gaz.admin.get(key, []), want=want, prefer_city=prefer_city)


def region_at(doc_or_text, start: int, end: int) -> Optional[Region]:
    """The region written in ``text[start:end]`` (see :func:`lookup_region`)."""
    text = doc_or_text.text if isinstance(doc_or_text, Doc) else doc_or_text
    return lookup_region(text[start:end])


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def _words(text: str) -> list[_Word]:
    """The words of ``text`` (a new list; the words are shared: places, agencies and
    officials all split the same text, so the split is cached)."""
    return list(_split_words(text))


@lru_cache(maxsize=CACHED_TEXTS)
def _split_words(text: str) -> tuple[_Word, ...]:
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if w[:3].lower() == "se-" and len(w) > 4:  # se-Kalimantan Selatan
            out.append(_Word(m.start() + 3, m.end(), w[3:]))
        else:
            out.append(_Word(m.start(), m.end(), w))
    return tuple(out)


def _joined(text: str, words: list[_Word], i: int, n: int) -> bool:
    """Words i..i+n-1 are separated by plain spaces only (one name)."""
    for k in range(i, i + n - 1):
        gap = text[words[k].end : words[k + 1].start]
        if gap.strip() or "\n" in gap:
            return False
    return True


def _is_se(text: str, w: _Word) -> bool:
    return w.start >= 3 and text[w.start - 3 : w.start].lower() == "se-"


def _caps_ok(text: str, words: list[_Word], i: int, n: int) -> bool:
    for k in range(i, i + n):
        w = words[k]
        if not (w.cap or (k == i and _is_se(text, w))):
            return False
    return True


@dataclass
class _Hit:
    start: int
    end: int
    cands: list[Region]
    want: Optional[str] = None
    fixed: Optional[Region] = None
    name: Optional[str] = None
    typ: Optional[str] = None
    weak: bool = False  # a village only where the gazetteer knows it in a regency/district the article names
    strict: bool = False  # weak, and not a place at all outside them


def _admin_match(text: str, words: list[_Word], i: int, need_caps: bool) -> tuple[int, list[Region], Optional[Region]]:
    """Longest gazetteer/alias match starting at word i: (n words, candidates, alias)."""
    gaz = _gazetteer()
    for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
        if not _joined(text, words, i, n):
            continue
        if need_caps and not _caps_ok(text, words, i, n):
            continue
        key = normkey("".join(w.text for w in words[i : i + n]))
        alias = gaz.alias.get(key)
        cands = gaz.admin.get(key, [])
        if alias or cands:
            if alias and alias.type == "country" and not words[i].cap:
                continue
            return n, cands, alias
    return 0, [], None


def _lokal_match(text: str, words: list[_Word], i: int, index: dict[str, list[Region]], max_n: int = 4) -> int:
    for n in range(min(max_n, len(words) - i), 0, -1):
        if _joined(text, words, i, n) and normkey("".join(w.text for w in words[i : i + n])) in index:
            return n
    return 0


def _cap_run(text: str, words: list[_Word], i: int, max_n: int = 4) -> int:
    """Length of the run of capitalised name words starting at i (stops at stop words and at cue
    words of administrative places; ``Sungai``, ``Gunung`` may be part of a village's name)."""
    cues, stop = _cues(), _stopwords()
    n = 0
    while i + n < len(words) and n < max_n:
        w = words[i + n]
        low = w.text.lower()
        if not (w.cap or w.text[:1].isdigit()) or low in stop or (low in cues and cues[low][0] != "other"):
            break
        if n and not _joined(text, words, i + n - 1, 2):
            break
        n += 1
    return n


def _after_cue(text: str, words: list[_Word], i: int) -> Optional[int]:
    """Index of the word after cue word i, skipping ``.``, ``(Abbr)`` and ``)``; None if separated."""
    if i + 1 >= len(words):
        return None
    pos = words[i].end
    gap_end = words[i + 1].start
    gap = text[pos:gap_end]
    if "\n" in gap:
        return None
    if "." in gap and words[i].text.lower() not in _ABBREVIATED_CUES:  # Kab. X, not "desa. Indeks"
        return None
    stripped = gap.replace(".", "").replace(")", "").strip()
    if not stripped:
        return i + 1
    if stripped == "(":  # Desa (Kades) Salabulan: skip a title's short form in parentheses
        close = text.find(")", gap_end, gap_end + 15)
        if close == -1 or normkey(text[gap_end:close]) not in _title_abbrs():
            return None
        j = i + 1
        while j < len(words) and words[j].start < close:
            j += 1
        if j < len(words) and "\n" not in text[close : words[j].start] and not text[close + 1 : words[j].start].strip():
            return j
    return None


def _scan(text: str, skip: tuple[int, int]) -> list[_Hit]:
    """First pass: cue-word places and bare gazetteer names."""
    cues, amb = _cues(), _ambiguous()
    words = _words(text)
    hits: list[_Hit] = []
    i = 0
    while i < len(words):
        w = words[i]
        if skip[0] <= w.start < skip[1]:
            i += 1
            continue
        low = w.text.lower()
        cue = cues.get(low)
        blocked = (
            cue is not None
            and cue[0] in ("village", "district")
            and i > 0
            and words[i - 1].text.lower() in _cue_blockers()
        )
        if cue and not blocked and not (cue[0] == "other" and cue[1] and not w.cap):
            typ, keep = cue
            j = _after_cue(text, words, i)
            if j is not None:
                hit = _cue_place(text, words, i, j, typ, keep)
                if hit is not None:
                    hits.append(hit[0])
                    i = hit[1]
                    if typ in ("village", "district") and hit[0].typ == typ:
                        more, i = _listed(text, words, i, typ)  # Desa Sidodadi, Bumiayu dan Galeso
                        hits.extend(more)
                    continue
        if low in _LIST_CUES and i > 0 and text[words[i - 1].end : w.start].strip() == ",":
            typ = next(
                (
                    cues[x.text.lower()][0]
                    for x in words[max(0, i - 6) : i]
                    if cues.get(x.text.lower(), ("",))[0] in ("village", "district")
                ),
                None,
            )
            if typ is not None and i + 1 < len(words):  # lima kalurahan di Cangkringan, yakni A, B dan C
                more, nxt = _listed(text, words, i + 1, typ, first=True)
                if more:
                    hits.extend(more)
                    i = nxt
                    continue
        if low in _title_cues() and w.cap and i + 1 < len(words) and _joined(text, words, i, 2):
            m = _lokal_match(text, words, i + 1, _gazetteer().village, 3)
            nxt = i + 1 + m
            if (
                m
                and _caps_ok(text, words, i + 1, m)
                and not _admin_match(text, words, i + 1, need_caps=True)[0]
                and not (nxt < len(words) and words[nxt].cap and _joined(text, words, nxt - 1, 2))
            ):  # Lurah Pangkajene, Hj. Sitti: the village the head leads
                name = title_case(text[words[i + 1].start : words[nxt - 1].end])
                cands = _gazetteer().village.get(normkey(name), [])
                hit = _Hit(words[i + 1].start, words[nxt - 1].end, cands, name=name, typ="village", weak=True)
                hit.strict = True  # Lurah Hasan: a village only inside the regency or district the article names
                hits.append(hit)
                i = nxt
                continue
        if low not in cues and (w.cap or _is_se(text, w)):
            n, cands, alias = _admin_match(text, words, i, need_caps=True)
            d = _lokal_match(text, words, i, _gazetteer().district, 3) if n else 0
            if d > n and _caps_ok(text, words, i, d):
                key = normkey("".join(x.text for x in words[i : i + d]))
                inside = [r for r in _gazetteer().district[key] if any(r.code.startswith(c.code + ".") for c in cands)]
                if inside:  # Kupang Tengah: a district of the regency Kupang, not the regency
                    hits.append(_Hit(words[i].start, words[i + d - 1].end, inside, want="district", fixed=inside[0]))
                    i += d
                    continue
            if (
                n
                and not (n == 1 and normkey(w.text) in amb | _title_abbrs())
                and not (n == 1 and _before_bali_unit(text, words, i))
                and not _after_street(text, words, i)
                and not (n == 1 and _starts_person_name(text, words, i))
            ):
                hits.append(_Hit(words[i].start, words[i + n - 1].end, cands, fixed=alias))
                i += n
                continue
        i += 1
    return hits


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Single words of titles (``Kepala``, ``Kades``, ``Lurah``): a place cue after one names the office's territory."""
    try:
        return frozenset(normkey(r["abbr"].split()[0]) for r in lexicons.load_tsv("titles.tsv") if r["kind"] == "title")
    except (FileNotFoundError, KeyError):
        return frozenset()


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Every word of a region or village name of the gazetteer (lower case)."""
    from lokal import wilayah

    out: set[str] = set()
    for name in list(wilayah._base().values()) + list(wilayah._desa().values()):
        out.update(name.lower().split())
    return frozenset(out)


_NOT_A_NAME = regex.compile(r"(?i)(?:rp|us\$|idr)?\d")


@lru_cache(maxsize=1)
def _name_abbrevs() -> frozenset[str]:
    """Shortened parts of persons' names (``Muh.``, ``M.``) from ``person_name_abbreviations.txt``."""
    return frozenset(w.lower() for w in lexicons.load_lines("person_name_abbreviations.txt"))


def _name_abbrev_at(text: str, words: list[_Word], j: int) -> bool:
    """Word j is a shortened name part followed by a period and a name (``Muh. Arsyad``)."""
    w = words[j]
    return (
        w.text.lower() in _name_abbrevs()
        and text[w.end : w.end + 1] == "."
        and j + 1 < len(words)
        and words[j + 1].cap
        and text[w.end + 1 : words[j + 1].start].strip() == ""
        and "\n" not in text[w.end : words[j + 1].start]
    )


_NOT_NAME_PARTS = frozenset({"barat", "timur", "utara", "selatan", "tengah", "raya", "kota", "kabupaten", "provinsi"})


def _starts_person_name(text: str, words: list[_Word], i: int) -> bool:
    """A one-word region starting a run of capitalised words (``Bima Arya``): a person's name."""
    if i + 1 >= len(words) or not _joined(text, words, i, 2):
        return False
    nxt = words[i + 1]
    if not nxt.cap or nxt.text.isupper() or nxt.text.lower() in _stopwords() or nxt.text.lower() in _NOT_NAME_PARTS:
        return False
    if _admin_match(text, words, i + 1, need_caps=True)[0]:
        return False
    if i > 0 and words[i - 1].cap and _joined(text, words, i - 1, 2):
        return False  # Bupati Sleman Kustini: after a title or an agency
    return True


_LIST_CUES = frozenset({"yakni", "yaitu", "meliputi"})


def _listed(text: str, words: list[_Word], i: int, typ: str, first: bool = False) -> tuple[list[_Hit], int]:
    """Further names of a list after a cue place (``, Bumiayu dan Galeso``), each known to the gazetteer."""
    index = _gazetteer().district if typ == "district" else _gazetteer().village
    hits: list[_Hit] = []
    start = i
    closed = False  # the list ends with ``dan X``: a real list, not a name after a comma
    while i < len(words):
        if not (first and not hits):
            gap = text[words[i - 1].end : words[i].start]
            if "\n" in gap:
                break
            if gap.strip() in ("", ",") and words[i].text.lower() in ("dan", "serta"):
                i += 1
                closed = True
            elif gap.strip() != "," or closed:
                break
            if i >= len(words) or text[words[i - 1].end : words[i].start].strip() not in ("", ","):
                break
        w = words[i]
        if not w.cap or w.text.lower() in _cues():
            break
        m = _lokal_match(text, words, i, index, 3)
        n = _cap_run(text, words, i, 3)
        if not m or m != n or not _caps_ok(text, words, i, m) or _admin_match(text, words, i, need_caps=True)[0]:
            break
        if regex.match(r"\s*\(\d", text[words[i + m - 1].end : words[i + m - 1].end + 4]):
            break  # Rahmat (45): a person's age
        name = title_case(text[w.start : words[i + m - 1].end])
        cands = index.get(normkey(name), [])
        hits.append(
            _Hit(w.start, words[i + m - 1].end, [], name=name, typ=typ, fixed=cands[0] if len(cands) == 1 else None)
        )
        i += m
    if not closed and not (first and len(hits) == 1):
        return [], start
    return hits, i


def _before_bali_unit(text: str, words: list[_Word], i: int) -> bool:
    """``Banjar Dinas``, ``Banjar Adat``: a Balinese hamlet, not the regency of that name."""
    return (
        i + 1 < len(words)
        and words[i + 1].text in ("Dinas", "Adat")
        and _joined(text, words, i, 2)
        and not (i > 0 and words[i - 1].text.lower() in _cues())
    )


def _after_street(text: str, words: list[_Word], i: int) -> bool:
    """Word i continues a street name (``Jalan Medan Merdeka``)."""
    k = i - 1
    while k >= 0 and _joined(text, words, k, 2) and words[k].cap:
        if words[k].text.lower() in _STREET_CUES:
            return True
        k -= 1
    return (
        k >= 0
        and words[k].text.lower() in _STREET_CUES
        and text[words[k].end : words[k + 1].start].strip() in ("", ".")
    )


def _cue_place(text: str, words: list[_Word], i: int, j: int, typ: str, keep: bool) -> Optional[tuple[_Hit, int]]:
    """A place introduced by cue word i, its name starting at word j: (hit, next index)."""
    gaz = _gazetteer()
    stop = _stopwords()
    first = words[j]
    cue_first = _cues().get(first.text.lower())
    if first.text.lower() in stop or (cue_first is not None and (cue_first[0] != "other" or typ == "other")):
        return None
    if _NOT_A_NAME.match(first.text):
        return None  # dana desa Rp95 juta: an amount, never a place
    if typ in _ADMIN_TYPES:
        n, cands, alias = _admin_match(text, words, j, need_caps=first.cap)
        if not n:
            return None
        if alias is not None and alias.type not in _ADMIN_TYPES:
            alias = None
        fixed = alias
        if alias is not None and alias.type != typ:
            fixed = None
            cands = cands or [gaz.by_code[alias.code]] if alias.code in gaz.by_code else cands
        return _Hit(words[j].start, words[j + n - 1].end, cands, want=typ, fixed=fixed), j + n
    if typ in ("district", "village"):
        index = gaz.district if typ == "district" else gaz.village
        if first.cap:
            n = _cap_run(text, words, j)
            m = _lokal_match(text, words, j, index, max_n=4)  # Loa Kulu Kota: the gazetteer knows longer names
            if m and not _caps_ok(text, words, j, m):
                m = 0
            admin_n = _admin_match(text, words, j, need_caps=True)[0]
            if m > max(n, admin_n) or (m >= 2 and m > admin_n):  # Kecamatan Kupang Tengah, Desa Sungai Baru Yusran
                n = m
            elif not n or admin_n >= n:
                return None
            if _name_abbrev_at(text, words, j):
                return None  # Kepala Desa Muh. Arsyad: a person's name
            if first.text.isupper() and len(first.text) > 1 and not _lokal_match(text, words, j, index, max_n=1):
                return None  # Kementerian Desa PDTT: a short form, not a village
            if m < n and i > 0 and normkey(words[i - 1].text) in _title_words():
                while n > max(m, 1) and words[j + n - 1].text.lower() not in _name_words():
                    n -= 1  # Kepala Desa Sungai Pedada Yusran: the run ends with the head's name
            if m >= n:
                n = m
            else:  # cut before a following regency/city name (Desa Peliatan Gianyar)
                for k in range(1, n):
                    if _admin_match(text, words, j + k, need_caps=True)[0]:
                        n = k
                        break
        else:
            n = _lokal_match(text, words, j, index, max_n=3)
            if not n or len(words[j].text) < 4 or any(words[k].text.lower() in stop for k in range(j, j + n)):
                return None
        name = title_case(text[words[j].start : words[j + n - 1].end])
        cands = index.get(normkey(name), [])
        fixed = cands[0] if len(cands) == 1 else None
        weak = words[i].text.lower() in _WEAK_VILLAGE_CUES
        hit = _Hit(
            words[j].start, words[j + n - 1].end, cands if weak else [], name=name, typ=typ, fixed=fixed, weak=weak
        )
        return hit, j + n
    # other places: buildings, rivers, blocks, IKN
    if keep:
        n = _cap_run(text, words, j)
        if not n or normkey(first.text) in _agency_words():
            return None
        start, end = words[i].start, words[j + n - 1].end
        name = text[start:end]
        k = j + n
        if k + 1 < len(words) and words[k].text == "atau" and _joined(text, words, k - 1, 3):
            m = _cap_run(text, words, k + 1)
            if m:  # Gedung A atau B: B is its usual name
                end = words[k + m].end
                name = words[i].text + " " + text[words[k + 1].start : end]
                k = k + 1 + m
        return _Hit(start, end, [], name=" ".join(name.split()), typ="other"), k
    lower_ok = first.text.lower() not in stop and ")" not in text[words[i].end : first.start]
    n = _cap_run(text, words, j, max_n=3) if first.cap else (1 if lower_ok else 0)  # dusun krajan, not (dusun) menyebut
    if not n:
        return None
    start, end = words[j].start, words[j + n - 1].end
    return _Hit(start, end, [], name=title_case(text[start:end]), typ="other"), j + n


def _context_districts(text: str, taken: list[tuple[int, int]], parents: set[str], skip: tuple[int, int]) -> list[_Hit]:
    """Bare district names inside the regencies/cities the article names."""
    if not parents:
        return []
    gaz = _gazetteer()
    amb, stop = _ambiguous(), _stopwords()
    words = _words(text)
    hits = []
    i = 0
    while i < len(words):
        w = words[i]
        if not w.cap or any(s <= w.start < e for s, e in taken) or skip[0] <= w.start < skip[1]:
            i += 1
            continue
        found = 0
        for n in range(min(3, len(words) - i), 0, -1):
            if not (_joined(text, words, i, n) and _caps_ok(text, words, i, n)):
                continue
            key = normkey("".join(x.text for x in words[i : i + n]))
            if n == 1 and (key in amb or w.text.lower() in stop):
                continue
            cands = [r for r in gaz.district.get(key, []) if r.code.rsplit(".", 1)[0] in parents]
            if cands and key not in gaz.admin:
                hits.append(_Hit(w.start, words[i + n - 1].end, cands, want="district", fixed=cands[0]))
                found = n
                break
        i += found or 1
    return hits


def _dateline_region(name: str, context: frozenset[str], parents: set[str]) -> Optional[Region]:
    gaz = _gazetteer()
    key = normkey(name)
    alias = gaz.alias.get(key)
    if alias is not None:
        return alias
    admin = [r for r in gaz.admin.get(key, []) if r.type in ("city", "regency")]
    if admin:
        return _choose(admin, prefer_city=True, context=context)
    dist = gaz.district.get(key, [])
    if dist:
        inside = [r for r in dist if r.code.rsplit(".", 1)[0] in parents]
        return _choose(inside or dist, context=context)
    prov = gaz.admin.get(key, [])
    return _choose(prov, context=context) if prov else None


def find_places(doc: Doc) -> list[Place]:
    """Find places in ``doc`` (offsets into the original text).

    doc (Doc): with ``doc._.article`` (its ``dateline_name``/``dateline`` are used).
    RETURNS (list[Place]): one Place per distinct (name, type), mentions in order.
    """
    text = doc_text(doc)
    article = getattr(doc._, "article", None)
    dl_name = getattr(article, "dateline_name", None) if article is not None else None
    dl_mention: Optional[Mention] = getattr(article, "dateline", None) if article is not None else None
    skip = (dl_mention.start, dl_mention.end) if dl_mention is not None else (0, 0)

    hits = _scan(text, skip)
    context = frozenset(
        (h.fixed or h.cands[0]).province_code
        for h in hits
        if not h.weak and (h.fixed or (len(h.cands) == 1 and h.cands[0])) and (h.fixed or h.cands[0]).code
    )
    resolved: list[tuple[str, str, Optional[str], int, int]] = []
    weak = [h for h in hits if h.weak]
    for h in hits:
        if h.weak:
            continue
        if h.name is not None:
            resolved.append((h.name, h.typ or "other", h.fixed.code if h.fixed else None, h.start, h.end))
            continue
        region = h.fixed or _choose(h.cands, want=h.want, context=context)
        if region is None:
            continue
        resolved.append((region.name, region.type, region.code or None, h.start, h.end))

    parents = {code for _, typ, code, _, _ in resolved if code and typ in ("regency", "city")}
    parents |= {code.rsplit(".", 1)[0] for _, typ, code, _, _ in resolved if code and typ == "district"}
    dl_region = _dateline_region(dl_name, context, parents) if dl_name else None
    if dl_region is not None and dl_region.type == "district":
        parents.add(dl_region.code.rsplit(".", 1)[0])
    elif dl_region is not None and dl_region.type in ("regency", "city"):
        parents.add(dl_region.code)
    places_in = {code for _, typ, code, _, _ in resolved if code and typ == "district"} or parents
    for h in weak:  # Kampung X: a village where the gazetteer has it in a regency/district named, else a hamlet
        inside = [r for r in h.cands if any(r.code.startswith(c + ".") for c in places_in)]
        if h.strict and not inside:
            continue
        code = inside[0].code if len(inside) == 1 else None
        resolved.append((h.name or "", "village" if inside else "other", code, h.start, h.end))
    for h in _context_districts(text, [(s, e) for *_, s, e in resolved], parents, skip):
        resolved.append((h.fixed.name, "district", h.fixed.code, h.start, h.end))

    places: dict[tuple[str, str], Place] = {}
    if dl_name:
        if dl_region is not None:
            key = (dl_region.name, dl_region.type)
            place = Place(name=dl_region.name, type=dl_region.type, code=dl_region.code or None)
        else:
            key = (title_case(dl_name), "other")
            place = Place(name=key[0], type="other")
        if dl_mention is not None:
            place.mentions.append(Mention(text=dl_mention.text, start=dl_mention.start, end=dl_mention.end))
        places[key] = place
    for name, typ, code, start, end in sorted(resolved, key=lambda r: r[3]):
        key = (name, typ)
        if key not in places:
            places[key] = Place(name=name, type=typ, code=code)
        places[key].mentions.append(Mention(text=text[start:end], start=start, end=end))
    return _merge_others(list(places.values()))


def _merge_others(places: list[Place]) -> list[Place]:
    """Merge an ``other`` place into a longer one containing all its words (``Gedung Inkanas``)."""
    others = [p for p in places if p.type == "other"]
    drop = set()
    for p in others:
        words = set(p.name.lower().split())
        for q in others:
            if q is not p and id(q) not in drop and len(q.name) > len(p.name) and words <= set(q.name.lower().split()):
                q.mentions.extend(p.mentions)
                q.mentions.sort(key=lambda m: m.start)
                drop.add(id(p))
                break
    return [p for p in places if id(p) not in drop]
