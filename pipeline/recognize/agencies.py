"""Recognizer: agencies (named organisations), merged across the article.

Three ways in, all driven by data files:

- abbreviations of ``data/agency_abbreviations.tsv`` (``Pemprov``, ``DPMD``,
  ``Polsek``) and those the article defines (``Badan ... Daerah (BPBD)``);
- head words of ``data/agency_heads.tsv`` (``Dinas``, ``Kementerian``, ``PT``,
  ``BUMDesa``) followed by name words (agency vocabulary for government
  bodies, any capitalised words for companies, schools, courts);
- a region after the name (``Provinsi Kalsel``, ``Kabupaten Paser``, ``Pati``),
  resolved with :func:`pipeline.recognize.places.lookup_region`.

The canonical name is the full form with abbreviations expanded and the region
attached (``Pemprov Kalsel`` -> ``Pemerintah Provinsi Kalimantan Selatan``).
Mentions of the same body merge into one :class:`Agency`; a bare form
(``Dinas PMD``, ``BPBD``) becomes an alias of the body with a region the article
names.  Generic collectives (``data/agency_generic.txt``) standing alone are
dropped.

Public helper: :func:`canonical_agency`.
"""

from __future__ import annotations

import bisect
import difflib
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex
from spacy.tokens import Doc
from ..sentences import doc_text

from .. import lexicons
from ..schema import Agency, Mention
from .places import (
    Region,
    _admin_match,
    _gazetteer,
    _joined,
    _lokal_match,
    _words,
    lookup_region,
    normkey,
    title_case,
)

LOGGER = logging.getLogger(__name__)

_CONNECTORS = frozenset({"dan", "&", "serta", "dalam"})
_LOWER_KEEP = frozenset({"dan", "serta", "atau", "di", "untuk", "&"})
_REGION_CUES = {
    "provinsi": "province",
    "prov": "province",
    "propinsi": "province",
    "kabupaten": "regency",
    "kab": "regency",
    "kota": "city",
    "kotamadya": "city",
}
_LOCAL_CUES = {
    "desa": "Desa",
    "kelurahan": "Kelurahan",
    "kecamatan": "Kecamatan",
    "kampung": "Kampung",
    "gampong": "Gampong",
    "nagari": "Nagari",
    "pekon": "Pekon",
    "tiyuh": "Tiyuh",
    "kalurahan": "Kalurahan",
    "kapanewon": "Kapanewon",  # a district of Yogyakarta's regencies
    "kemantren": "Kemantren",
    "distrik": "Distrik",  # a district of Papua
}
_CLASS = regex.compile(r"(?:I{1,3}|IV|[1-4])[ABC]?")
_NAME_PART_STOPS = frozenset({"bersama", "baru", "lama", "tengah", "atas", "bawah", "luar", "dalam", "lain"})
_BLOCK_BEFORE = frozenset({"kategori", "predikat", "penghargaan", "juara"})
_MAX_CORE = 9
_UNIT_NUMBER = regex.compile(r"\d{1,4}(?:-\d{1,3})*|[IVX]{1,5}")  # Kodim 1304, Koramil 427-01, Kodam XIV
_NUMBER_WORDS = frozenset(
    {
        "satu",
        "dua",
        "tiga",
        "empat",
        "lima",
        "enam",
        "tujuh",
        "delapan",
        "sembilan",
        "sepuluh",
    }
)
_FACILITIES = frozenset({"Rumah Tahanan Negara", "Lembaga Pemasyarakatan"})  # Rutan Polres X: a cell of the police
_DEFINED = regex.compile(r"\((\p{Lu}[\p{L}\d-]{1,11})\)")
_NAME_REGION = regex.compile(
    r"^.*\b(Provinsi|Kabupaten|Kota|Kecamatan|Desa|Kelurahan|Kampung|Nagari|Gampong) (\p{Lu}[^/()]*)$"
)
_HOME_GOVERNMENT = {"regency": "Pemerintah Kabupaten", "city": "Pemerintah Kota"}
_REGION_TYPES = {
    "Provinsi": "province",
    "Kabupaten": "regency",
    "Kota": "city",
    "Kecamatan": "district",
}


@dataclass(frozen=True)
class _Entry:
    full: str
    region: str  # prefixed | bare | none
    kind: str = "gov"


@lru_cache(maxsize=1)
def _abbrs() -> dict[str, _Entry]:
    return {normkey(r["abbr"]): _Entry(r["full"], r["region"]) for r in lexicons.load_tsv("agency_abbreviations.tsv")}


@lru_cache(maxsize=1)
def _fulls() -> dict[str, _Entry]:
    """Full names of the lexicon, by key (so a written full name gets its region style)."""
    out: dict[str, _Entry] = {}
    for e in _abbrs().values():
        out.setdefault(normkey(e.full), e)
    return out


@lru_cache(maxsize=1)
def _fulls_by_head() -> dict[str, list[tuple[str, _Entry, tuple[str, ...]]]]:
    """Lexicon full names by their first word; words lower case, without commas."""
    out: dict[str, list] = {}
    for key, entry in _fulls().items():
        parts = tuple(w.lower() for w in regex.findall(r"\w+(?:[-'’]\w+)*", entry.full))
        out.setdefault(parts[0], []).append((key, entry, parts))
    return out


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple[str, _Entry]]:
    out = {}
    for r in lexicons.load_tsv("agency_heads.tsv"):
        out[r["head"].lower()] = (
            r["canonical"],
            _Entry(r["canonical"], r["region"], r["kind"]),
        )
    return out


@lru_cache(maxsize=1)
def _vocab() -> frozenset[str]:
    words = {w.lower() for w in lexicons.load_lines("agency_words.txt")}
    for e in _abbrs().values():
        words.update(w.lower().strip(",") for w in e.full.replace("/", " ").split())
    return frozenset(words - {"provinsi", "kabupaten", "kota"})


@lru_cache(maxsize=1)
def _numbered() -> frozenset[str]:
    """Full names of units designated by a number and a seat (``Kodim 1304/Gorontalo``)."""
    return frozenset(lexicons.load_lines("agency_numbered.txt"))


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(normkey(w) for w in lexicons.load_lines("agency_generic.txt"))


@lru_cache(maxsize=1)
def _name_stop() -> frozenset[str]:
    from spacy.lang.id.stop_words import STOP_WORDS

    extra = {
        "inspiratif",
        "terbaik",
        "teladan",
        "berprestasi",
        "tercepat",
        "award",
        "kategori",
        "tahun",
        "tingkat",
    }
    return frozenset(STOP_WORDS) | extra


def _norm_written(words: list[str]) -> str:
    """Written core words to canonical spelling: title case, connectors lower case."""
    out = []
    for k, w in enumerate(words):
        if w == ",":
            if out:
                out[-1] += ","
            continue
        low = w.lower()
        if k and low in _LOWER_KEEP:
            out.append(low)
        elif w.isupper() and len(w) > 1:
            out.append(w)
        else:
            out.append(title_case(w) if w.islower() or not w[:1].isupper() else w[:1].upper() + w[1:])
    return " ".join(out)


def _best_full(written: str, abbr_entry: Optional[_Entry]) -> tuple[str, Optional[_Entry]]:
    """Canonical core: an exact lexicon full form, else the abbreviation's full form when close, else as written."""
    key = normkey(written)
    exact = _fulls().get(key)
    if exact is not None:
        return exact.full, exact
    if abbr_entry is not None:
        ratio = difflib.SequenceMatcher(None, written.lower(), abbr_entry.full.lower()).ratio()
        if ratio >= 0.9:
            return abbr_entry.full, abbr_entry
    return written, None


def _initials_match(abbr: str, words: list[str]) -> int:
    """Index of the first core word the abbreviation stands for (0: all), or -1."""
    parts = abbr.split()
    if len(parts) == 2 and parts[0].isupper() and not parts[1].isupper():
        abbr = parts[0]  # DPMPD Dukcapil: the initials are in the first part
    expanded = regex.sub(r"(\p{Lu})(\d)", lambda m: m.group(1) * int(m.group(2)), abbr)  # DP3 = DPPP
    letters = "".join(ch for ch in expanded if ch.isupper())
    if len(letters) < 2:
        return -1
    content = [(k, w) for k, w in enumerate(words) if w not in (",",) and w.lower() not in _CONNECTORS]
    initials = "".join(w[0].upper() for _, w in content)
    for start in range(len(content)):
        sub = initials[start:]
        if sub[:1] != letters[:1]:
            continue
        it = iter(sub)
        if all(ch in it for ch in letters) and (start == 0 or sub == letters):
            return content[start][0]
    return -1


def _syllabic_match(abbr: str, words: list[str]) -> bool:
    """``Bamus`` = ``Ba``dan ``Mus``yawarah: the short form is made of the first letters of the words, in order,
    starting with the first word (connectors may be skipped)."""
    if " " in abbr or not abbr[:1].isupper() or abbr.isupper() or len(abbr) < 4:
        return False
    target = abbr.lower()
    content = [w.lower() for w in words if w != "," and w.lower() not in _CONNECTORS]

    def fit(pos: int, k: int) -> bool:
        if pos == len(target):
            return True
        if k >= len(content):
            return False
        w = content[k]
        for n in range(min(len(w), len(target) - pos), 0, -1):
            if w[:n] == target[pos : pos + n] and fit(pos + n, k + 1):
                return True
        return k > 0 and fit(pos, k + 1)

    return bool(content) and fit(0, 0) and target[:1] == content[0][:1]


@dataclass
class _Span:
    start: int
    end: int
    base: str
    style: str
    suffix: str = ""
    region: Optional[Region] = None
    abbr: Optional[str] = None  # abbreviation the article defined for it
    extra_aliases: list[str] = field(default_factory=list)
    parent: Optional["_Span"] = None

    @property
    def name(self) -> str:
        return f"{self.base} {self.suffix}".strip()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _words(text)
        self.learned: dict[str, tuple[str, str]] = {}  # abbr key -> (base, style)
        self.alias_of: dict[str, str] = {}  # alias key -> canonical name
        self.redefined = self.redefinitions()

    def redefinitions(self) -> frozenset[str]:
        """Known short forms the article defines as something else: ``Pendapatan Asli Nagari (PAN)``.

        One scan for ``(ABBR)`` per article; a lexicon short form whose preceding words spell
        its initials but are not its full name (and start no agency) is not that agency here."""
        t, words = self.text, self.words
        out: set[str] = set()
        starts = None
        for m in _DEFINED.finditer(t):
            key = normkey(m.group(1))
            entry = _abbrs().get(key)
            if entry is None or key in out:
                continue
            if starts is None:
                starts = [w.start for w in words]
            k = bisect.bisect_left(starts, m.start())  # first word after "("
            if k == 0 or t[words[k - 1].end : m.start()].strip():
                continue
            a = k - 1
            while a > 0 and k - a < 8:
                gap = t[words[a - 1].end : words[a].start]
                if "\n" in gap or gap.strip() not in ("", ","):
                    break
                a -= 1
            prev = [w.text for w in words[a:k]]
            if normkey(" ".join(prev)).endswith(normkey(entry.full)):
                continue
            first = _initials_match(m.group(1), prev)
            if first < 0 or not prev[first][:1].isupper():
                continue
            if any(self.head_at(x)[0] for x in range(a + first, k)):
                continue  # Badan Permusyawaratan Kampung (BPK): the article's own agency, learned later
            out.add(key)
        return frozenset(out)

    # ------------------------------------------------------------------ helpers
    def gap(self, k: int) -> str:
        return self.text[self.words[k].end : self.words[k + 1].start] if k + 1 < len(self.words) else ""

    def paren_after(self, k: int) -> Optional[tuple[str, int, int]]:
        """``(Abbr)`` right after word k: (content, index of the word after it, end char)."""
        t = self.text
        pos = self.words[k].end
        rest = t[pos : pos + 40]
        stripped = rest.lstrip(" ")
        if not stripped.startswith("("):
            return None
        open_at = pos + len(rest) - len(stripped)
        close = t.find(")", open_at, open_at + 30)
        if close == -1 or "\n" in t[open_at:close]:
            return None
        content = t[open_at + 1 : close].strip()
        j = k + 1
        while j < len(self.words) and self.words[j].start < close:
            j += 1
        return content, j, close + 1

    def region_after(self, j: int, style: str, base: str) -> tuple[int, str, Optional[Region], int]:
        """Region written at word j: (next word, suffix for the name, region, end char); j unchanged if none."""
        words, t = self.words, self.text
        if j >= len(words) or style == "none" or "\n" in t[words[j - 1].end : words[j].start] if j else False:
            return j, "", None, -1
        gap = t[words[j - 1].end : words[j].start].replace(")", "") if j else ""
        if gap.strip() not in ("", ","):
            return j, "", None, -1
        if gap.strip() == ",":
            return j, "", None, -1  # ``X, Cabang Y`` is handled by finish()
        w = words[j]
        low = w.text.lower()
        if low in _REGION_CUES:
            nxt = j + 1
            after = t[w.end : words[nxt].start] if nxt < len(words) else ""
            if after.strip() == "/" and nxt < len(words) and words[nxt].text.lower() == "kota":
                end, k = words[nxt].end, nxt + 1
                suffix = "Kabupaten/Kota"
                region = None
                if (
                    k < len(words)
                    and t[words[k].start - 3 : words[k].start].lower() == "se-"
                    and t[end : words[k].start - 3].strip() == ""
                ):
                    n, cands, alias = _admin_match(t, words, k, need_caps=False)
                    if n:
                        region = alias or lookup_region(t[words[k].start : words[k + n - 1].end])
                        if region is not None:
                            suffix += f" se-{region.name}"
                            end, k = words[k + n - 1].end, k + n
                return k, suffix, region, end
            if after.strip() not in ("", ".") or nxt >= len(words):
                return j, "", None, -1
            n, cands, alias = _admin_match(t, words, nxt, need_caps=words[nxt].cap)
            if not n:
                return j, "", None, -1
            written = t[words[nxt].start : words[nxt + n - 1].end]
            region = lookup_region(f"{w.text.rstrip('.')} {written}") or alias
            if region is None:
                return j, "", None, -1
            return nxt + n, self.suffix(region, style), region, words[nxt + n - 1].end
        if low in _LOCAL_CUES and w.cap:  # BPD Desa Sukamaju, Pemerintah Desa Sukamaju
            nxt = j + 1
            if nxt < len(words) and _joined(t, words, j, 2):
                n = self.name_run(nxt, 3)
                if n:
                    name = title_case(t[words[nxt].start : words[nxt + n - 1].end])
                    cue = _LOCAL_CUES[low]
                    suffix = name if base.endswith(cue) else f"{cue} {name}"
                    return nxt + n, suffix, None, words[nxt + n - 1].end
            return j, "", None, -1
        last = base.split()[-1].lower() if base else ""
        if last in _LOCAL_CUES and " dan " not in base and w.cap and low not in _name_stop():  # Pemerintah Kampung X
            gaz = _gazetteer()
            n = max(_lokal_match(t, words, j, gaz.village, 3), self.name_run(j, 3))
            if n and not _admin_match(t, words, j, need_caps=True)[0]:
                return (
                    j + n,
                    " ".join(t[w.start : words[j + n - 1].end].split()),
                    None,
                    words[j + n - 1].end,
                )
        if low == "kelas" and w.cap and j + 1 < len(words) and _CLASS.fullmatch(words[j + 1].text):
            cls = f"Kelas {words[j + 1].text}"  # Lapas Kelas IIB Muntok
            k2, sub, region, end = (
                self.region_after(j + 2, style, base) if j + 2 < len(words) else (j + 2, "", None, -1)
            )
            if sub:
                return k2, f"{cls} {sub}", region, end
            return j + 2, cls, None, words[j + 1].end
        if not w.cap and style != "bare":
            return j, "", None, -1
        n, cands, alias = _admin_match(t, words, j, need_caps=True) if w.cap else (0, [], None)
        if n and not (n == 1 and normkey(w.text) in _ambiguous_names()):
            region = (
                alias
                if alias is not None and alias.type in ("province", "regency", "city")
                else lookup_region(t[w.start : words[j + n - 1].end])
            )
            if region is not None:
                return j + n, self.suffix(region, style), region, words[j + n - 1].end
        if style == "bare":  # Polsek Karang Jaya, Pemdes jayamulya: a district or village name
            gaz = _gazetteer()
            n = _lokal_match(t, words, j, gaz.district, 3) if w.cap else 0
            if not n:
                n = _lokal_match(t, words, j, gaz.village, 2)
                if n and not w.cap and (len(w.text) < 4 or w.text.lower() in _name_stop()):
                    n = 0
            if not n and w.cap:
                n = min(self.name_run(j, 2), 2)
            if n:
                name = title_case(t[w.start : words[j + n - 1].end]) if not w.cap else t[w.start : words[j + n - 1].end]
                return j + n, " ".join(name.split()), None, words[j + n - 1].end
        return j, "", None, -1

    @staticmethod
    def suffix(region: Region, style: str) -> str:
        if style == "prefixed":
            prefix = {
                "province": "Provinsi",
                "regency": "Kabupaten",
                "city": "Kota",
            }.get(region.type)
            return f"{prefix} {region.name}" if prefix else region.name
        return region.name

    def name_run(self, j: int, max_n: int) -> int:
        """Capitalised words (not stop words) from j, joined by spaces."""
        words, stop = self.words, _name_stop()
        n = 0
        while j + n < len(words) and n < max_n:
            w = words[j + n]
            low = w.text.lower()
            if not (w.cap or w.text[:1].isdigit()) or low in _REGION_CUES or normkey(w.text) in _ranks():
                break  # Kodim Letda Inf Mulyadi: a rank, not the seat's name
            if (
                low in _NUMBER_WORDS
                and w.cap
                and j + n + 1 < len(words)
                and words[j + n + 1].cap
                and _joined(self.text, words, j + n, 2)
            ):
                pass  # CV Tiga Putra: a number word opening a company's name
            elif low in stop and not (n and w.cap and low in _NAME_PART_STOPS):
                break  # but BUMDes Maju Bersama: a capitalised word of the name
            if n and not _joined(self.text, words, j + n - 1, 2):
                break
            n += 1
        return n

    # ------------------------------------------------------------------ matching
    def abbr_at(self, i: int) -> tuple[int, Optional[_Entry], Optional[tuple[str, str]]]:
        """Longest known or learned abbreviation at word i: (n words, lexicon entry, learned)."""
        words = self.words
        if not (words[i].cap or words[i].text[:1].isdigit()):
            return 0, None, None
        for n in (3, 2, 1):
            if i + n > len(words) or not _joined(self.text, words, i, n):
                continue
            if n > 1 and (self.text[words[i].end : words[i + 1].start] == "\n" or len(words[i].text) < 2):
                continue  # Desa Lobu Siregar I di ...: a numeral and a preposition spell no "IDI"
            key = normkey("".join(w.text for w in words[i : i + n]))
            written = self.text[words[i].start : words[i + n - 1].end]
            if key in self.learned:
                return n, None, self.learned[key]
            if key in self.redefined:
                continue
            entry = _abbrs().get(key)
            if entry is not None and (
                written.split()[0][1:].lower() != written.split()[0][1:]
                or len(written) > 3
                or n > 1
                or written.isupper()
            ):
                return n, entry, None
        return 0, None, None

    def head_at(self, i: int) -> tuple[int, Optional[str], Optional[_Entry]]:
        words = self.words
        if not words[i].cap:
            return 0, None, None
        for n in (3, 2, 1):
            if i + n > len(words) or not _joined(self.text, words, i, n):
                continue
            key = " ".join(w.text.lower() for w in words[i : i + n])
            if key in _heads():
                canon, entry = _heads()[key]
                return n, canon, entry
        return 0, None, None

    def definition(self, i: int, h: int) -> Optional[tuple[int, str, int, int]]:
        """A ``(Abbr)`` closing the name that starts at word i (head h words): (last core word, abbr, next word, end)."""
        words, t = self.words, self.text
        k = i + h - 1
        while k < len(words) and k < i + _MAX_CORE:
            p = self.paren_after(k)
            if p is not None:
                content, nxt, end = p
                parts = content.split()
                looks_abbr = (
                    1 < len(content) <= 20
                    and any(ch.isupper() for ch in content)
                    and (len(parts) == 1 or (len(parts) == 2 and all(p[:1].isupper() for p in parts)))
                )
                if looks_abbr or normkey(content) in _abbrs():
                    return k, content, nxt, end
                return None
            if k + 1 >= len(words):
                return None
            gap = t[words[k].end : words[k + 1].start]
            if gap.strip() not in ("", ",") or "\n" in gap:
                return None
            nxt_low = words[k + 1].text.lower()
            if nxt_low in (
                "melalui",
                "bersama",
                "yang",
                "oleh",
                "pada",
                "kepada",
                "dengan",
                "untuk",
                "di",
                "ke",
                "dari",
                "adalah",
                "akan",
                "telah",
                "sudah",
                "tidak",
                "menggelar",
            ):
                return None
            k += 1
        return None

    def parse_at(self, i: int) -> Optional[tuple[_Span, int]]:
        """An agency mention starting at word i: (span, next word index)."""
        words, t = self.words, self.text
        if i and words[i - 1].text.lower() in _BLOCK_BEFORE:
            return None
        if words[i].text == "pemerintah" and i + 2 < len(words) and _joined(t, words, i, 3) and words[i + 2].cap:
            cue = words[i + 1].text.lower()  # pemerintah desa Sukamaju, pemerintah kabupaten Way Kanan
            level = _LOCAL_CUES.get(cue) or {
                "provinsi": "Provinsi",
                "kabupaten": "Kabupaten",
                "kota": "Kota",
            }.get(cue)
            if level:
                base = f"Pemerintah {level}"
                style = _fulls()[normkey(base)].region if normkey(base) in _fulls() else "bare"
                got = self.finish(_Span(words[i].start, words[i + 1].end, base, style), i + 2)
                return got if got[0].suffix else None
        n, entry, learned = self.abbr_at(i)
        if n:
            if (
                entry is not None
                and entry.full in _FACILITIES
                and i + 1 < len(words)
                and _joined(t, words, i, 2)
                and self.abbr_at(i + 1)[0]
            ):
                return None  # Rutan Polres Sarolangun: the cells of the agency that follows
            base, style = (entry.full, entry.region) if entry else learned
            span = _Span(words[i].start, words[i + n - 1].end, base, style)
            j = i + n
            inside = words[i].start > 0 and t[: words[i].start].rstrip(" ")[-1:] == "("
            if inside and t[span.end : span.end + 1] == ")":  # (Dispermades) Pati
                k = j
                if k < len(words) and t[span.end + 1 : words[k].start].strip() == "":
                    _k, suffix, region, _end = self.region_after(k, style, base)
                    if suffix:
                        span.suffix, span.region = suffix, region
                return span, j
            return self.finish(span, j)
        h, canon, hentry = self.head_at(i)
        if not h:
            return None
        if canon in _FACILITIES and i + h < len(words) and _joined(t, words, i + h - 1, 2) and self.abbr_at(i + h)[0]:
            return None  # Rumah Tahanan Polres Blitar: the cells of the agency that follows
        if canon == "Kantor" and i + 1 < len(words) and _joined(t, words, i, 2) and self.abbr_at(i + 1)[0]:
            return None  # Kantor Kejari Kukar: the office of the agency that follows
        if canon == "Kantor" and i + 1 < len(words) and _joined(t, words, i, 2):
            nxt = words[i + 1].text.lower()
            if nxt in _office_titles() or nxt in _LOCAL_CUES:
                return None  # Kantor Bupati Sidrap, Kantor Desa X: a building, not an agency
        d = self.definition(i, h)
        if d is not None:
            last, abbr, nxt, end = d
            core_words = [canon] + self.core_tokens(i + h, last + 1)
            abbr_entry = _abbrs().get(normkey(abbr))
            written = _norm_written(core_words)
            base, exact = _best_full(written, abbr_entry)
            style = (exact or abbr_entry or hentry).region
            if abbr.lower() in _heads():
                pass  # Badan Usaha Milik Desa (BUMDes) X: BUMDes is a head word of its own
            elif (
                abbr_entry is not None
                and exact is None
                and base != abbr_entry.full
                and _initials_match(abbr, core_words) == 0
            ):
                # Badan Permusyawaratan Kampung (BPK): the article's own meaning of a known short form
                style = hentry.region
                self.learned[normkey(abbr)] = (base, style)
            elif abbr_entry is None and _syllabic_match(abbr, core_words):
                self.learned[normkey(abbr)] = (base, style)  # Badan Musyawarah (Bamus)
            elif abbr_entry is None:
                start_word = _initials_match(abbr, core_words)
                if start_word == -1:
                    return self.plain(i, h, canon, hentry)
                if start_word > 0 and any(
                    w != "," and w.lower() not in _vocab() and w.lower() not in _CONNECTORS
                    for w in core_words[1:start_word]
                ):
                    return self.plain(i, h, canon, hentry)
                if start_word > 0:  # Dinas ... (PMD): "Dinas PMD" stands for it
                    self.learned[normkey(canon + abbr)] = (base, style)
                else:
                    self.learned[normkey(abbr)] = (base, style)
            span = _Span(words[i].start, end, base, style, abbr=abbr)
            return self.finish(span, nxt, after_paren=True)
        return self.plain(i, h, canon, hentry)

    def core_tokens(self, a: int, b: int) -> list[str]:
        out = []
        for k in range(a, b):
            if t := self.text[self.words[k - 1].end : self.words[k].start].strip():
                if t == ",":
                    out.append(",")
            out.append(self.words[k].text)
        return out

    def plain(self, i: int, h: int, canon: str, hentry: _Entry) -> Optional[tuple[_Span, None]]:
        """Head word(s) and name words without a definition."""
        words, t = self.words, self.text
        j = i + h
        core = [canon]
        if hentry.kind == "named":
            if (
                j < len(words)
                and words[j].text.lower() == "bersama"
                and canon.lower().startswith(("bumdes", "badan usaha milik"))
            ):
                core.append("Bersama")
                j += 1
            gap = t[words[j - 1].end : words[j].start] if j < len(words) else "\n"
            if gap.strip() not in ("", ".") or "\n" in gap:
                return None
            if canon == "PT":
                n2, e2, _learned = self.abbr_at(j)
                if n2 and e2 is not None:  # PT PLN (Persero): the company of the short form
                    return self.finish(
                        _Span(words[i].start, words[j + n2 - 1].end, e2.full, e2.region),
                        j + n2,
                    )
            n = self.name_run(j, 5)
            if not n or all(w.text.lower() in _name_stop() for w in words[j : j + n]):
                return None
            while n > 1 and regex.fullmatch(r"(?:19|20)\d\d", words[j + n - 1].text):
                n -= 1  # Gebyar BUMDes Jambi 2023: a year, not part of the name
            if canon.startswith("Badan Usaha Milik") and _admin_match(t, words, j, need_caps=True)[0] >= n:
                return None  # BUMDes Banyuwangi: the village enterprises of a regency, not one named body
            for x in range(j, j + n):  # Partai Golkar Aburizal Bakrie: the name ends with a known short form
                if normkey(words[x].text) in _abbrs():
                    n = x - j + 1
                    break
            core += [w.text for w in words[j : j + n]]
            span = _Span(words[i].start, words[j + n - 1].end, " ".join(core), hentry.region)
            span.style = hentry.region
            last = words[j + n - 1]
            tail = _admin_match(t, words, j + n - 1, need_caps=True)
            if tail[0] == 1 and tail[2] is None and tail[1]:
                span.region = lookup_region(last.text)
            return self.finish(span, j + n, no_region=True)
        full = self.full_form_at(i, h, canon)
        vocab = _vocab()
        k = j
        while k < len(words) and k - j < _MAX_CORE:
            w = words[k]
            if len(core) > 1 and t[words[k - 1].end : w.start].strip() == "," and self.comma_list(k):
                core.append(",")  # Dinas Tanaman Pangan, Hortikultura dan Perkebunan
            elif not _joined(t, words, k - 1, 2) and t[words[k - 1].end : w.start].strip() != "":
                break
            if "\n" in t[words[k - 1].end : w.start]:
                break
            low = w.text.lower()
            if w.cap and low in vocab:
                core.append(w.text)
                k += 1
                continue
            if (
                low in _CONNECTORS
                and k + 1 < len(words)
                and words[k + 1].cap
                and words[k + 1].text.lower() in vocab
                and _joined(t, words, k, 2)
            ):
                core.append(low if low != "dalam" else "Dalam")
                k += 1
                continue
            break
        if full is not None and full[1] > k:  # a full name of the lexicon, commas and all
            entry, k = full
            return self.finish(_Span(words[i].start, words[k - 1].end, entry.full, entry.region), k)
        span = _Span(words[i].start, words[k - 1].end, _norm_written(core), hentry.region)
        exact = _fulls().get(normkey(span.base))
        if exact is not None:
            span.base, span.style = exact.full, exact.region
        return self.finish(span, k)

    def comma_list(self, k: int) -> bool:
        """Words from k go on a comma list of agency words closed by ``dan``/``serta`` (``Hortikultura dan Perkebunan``)."""
        words, t, vocab = self.words, self.text, _vocab()
        for x in range(k, min(k + 8, len(words))):
            w = words[x]
            gap = t[words[x - 1].end : w.start]
            if "\n" in gap or gap.strip() not in ("", ","):
                return False
            low = w.text.lower()
            if low in ("dan", "serta"):
                return x + 1 < len(words) and words[x + 1].cap and words[x + 1].text.lower() in vocab
            if not (w.cap and low in vocab):
                return False
        return False

    def full_form_at(self, i: int, h: int, canon: str) -> Optional[tuple[_Entry, int]]:
        """The longest lexicon full name written at word i (any case, commas optional): (entry, next word)."""
        words, t = self.words, self.text
        seq = [canon.lower()] + [w.text.lower() for w in words[i + h : i + h + 14]]
        best = None
        for key, entry, parts in _fulls_by_head().get(canon.lower(), ()):
            if len(parts) > len(seq) or tuple(seq[: len(parts)]) != parts:
                continue
            n_words = len(parts) - 1 + h
            ok = all(
                t[words[k].end : words[k + 1].start].strip() in ("", ",")
                and "\n" not in t[words[k].end : words[k + 1].start]
                for k in range(i, i + n_words - 1)
            )
            if ok and (best is None or n_words > best[1] - i):
                best = (entry, i + n_words)
        return best

    def finish(self, span: _Span, j: int, after_paren: bool = False, no_region: bool = False) -> tuple[_Span, int]:
        """Attach a region, a region alias in parentheses, a branch, a parent agency."""
        words, t = self.words, self.text
        if (
            span.base in _numbered()
            and j < len(words)
            and _UNIT_NUMBER.fullmatch(words[j].text)
            and t[words[j - 1].end : words[j].start].replace(")", "").strip(" ") == ""
        ):  # Kodim 1304/Gorontalo, Koramil 427-01/Blambangan Umpu
            suffix, end, k = words[j].text, words[j].end, j + 1
            if k < len(words) and t[end : words[k].start] == "/":
                n = self.name_run(k, 3)
                if n:
                    suffix += "/" + " ".join(t[words[k].start : words[k + n - 1].end].split())
                    end, k = words[k + n - 1].end, k + n
            span.suffix, span.end = suffix, end
            return span, k
        if not no_region and j < len(words):
            k, suffix, region, end = self.region_after(j, span.style, span.base)
            if suffix:
                span.suffix, span.region, span.end, j = suffix, region, end, k
                p = self.paren_after(j - 1)
                if p is not None and region is not None and lookup_region(p[0]) == region:
                    span.end, j = p[2], p[1]
            elif span.base.startswith("Pemerintah") and j < len(words) and words[j].text.lower() in _REGION_CUES:
                level = {
                    "province": "Provinsi",
                    "regency": "Kabupaten",
                    "city": "Kota",
                }[_REGION_CUES[words[j].text.lower()]]
                if span.base == "Pemerintah" and _joined(t, words, j - 1, 2):
                    span.base, span.end, j = f"Pemerintah {level}", words[j].end, j + 1
        # BPKP Perwakilan (Provinsi) Gorontalo: a regional representation of a national body
        if (
            not span.suffix
            and j + 1 < len(words)
            and words[j].text == "Perwakilan"
            and j
            and t[words[j - 1].end : words[j].start].replace(")", "").strip(" ") == ""
            and _joined(t, words, j, 2)
        ):  # also after a definition: Badan ... (BPKP) Perwakilan Sultra
            k, suffix, region, end = self.region_after(j + 1, "prefixed", span.base)
            if suffix and region is not None:
                span.suffix, span.region, span.end, j = (
                    f"Perwakilan {suffix}",
                    region,
                    end,
                    k,
                )
        # Kejaksaan Negeri X, Cabang Y  /  Cabang Kejaksaan Negeri X di Y
        if j + 1 < len(words) and span.base.startswith(("Kejaksaan", "Cabang")):
            gap = t[words[j - 1].end : words[j].start].strip()
            cue = words[j].text.lower()
            if (gap == "," and cue == "cabang" and not span.base.startswith("Cabang")) or (
                gap == "" and cue == "di" and span.base.startswith("Cabang")
            ):
                n = self.name_run(j + 1, 2)
                if n:
                    place = t[words[j + 1].start : words[j + n].end]
                    if not span.base.startswith("Cabang"):
                        span.base = "Cabang " + span.base
                    span.suffix = f"{span.suffix} di {place}".strip()
                    span.end, j = words[j + n].end, j + 1 + n
        # A unit of another agency: Pusat ... BPBD Provinsi Jawa Barat
        if (
            j < len(words)
            and _joined(t, words, j - 1, 2)
            and not span.suffix
            and span.base.split()[0]
            in (
                "Pusat",
                "Bidang",
                "Bagian",
                "Seksi",
                "Sekretariat",
                "Satuan",
                "Unit",
                "Balai",
                "Biro",
            )
        ):
            sub = self.parse_at(j)
            if sub is not None and sub[0].suffix:
                parent, nj = sub
                span.parent = parent
                span.suffix = parent.name
                span.region = parent.region
                span.end = parent.end
                j = nj
        # Institut X atau Y: Y is another name of it
        if j + 1 < len(words) and words[j].text == "atau" and _joined(t, words, j - 1, 3):
            n = self.name_run(j + 1, 1)
            w = words[j + 1]
            if n == 1 and normkey(w.text) not in _abbrs() and lookup_region(w.text) is None:
                span.extra_aliases.append(w.text)
                self.learned[normkey(w.text)] = (span.base, "none")
                self.alias_of[normkey(w.text)] = span.name
        return span, j

    def scan(self) -> list[_Span]:
        spans: list[_Span] = []
        i = 0
        while i < len(self.words):
            got = self.parse_at(i)
            if got is None:
                i += 1
                continue
            span, j = got
            spans.append(span)
            if span.parent is not None:
                spans.append(span.parent)
            while i < len(self.words) and self.words[i].start < span.end:
                i += 1
            i = max(i, j) if j is not None else i
        return spans


@lru_cache(maxsize=1)
def _ranks() -> frozenset[str]:
    """Police and military ranks and corps: never part of an agency's name."""
    return frozenset(normkey(w) for w in lexicons.load_lines("person_ranks.txt")) | {
        "inf",
        "czi",
        "kav",
        "arh",
        "pol",
    }


@lru_cache(maxsize=1)
def _office_titles() -> frozenset[str]:
    """Single-word titles of office holders (``bupati``, ``camat``, ``keuchik``): ``Kantor <title>`` is a building."""
    return frozenset(
        r["abbr"].lower() for r in lexicons.load_tsv("titles.tsv") if r["kind"] == "title" and " " not in r["abbr"]
    )


@lru_cache(maxsize=1)
def _national_words() -> frozenset[str]:
    """Words marking a national body (``Nasional``, ``Pusat``): no local region is attached to it."""
    return frozenset(w.lower() for w in lexicons.load_lines("agency_national_words.txt"))


@lru_cache(maxsize=1)
def _ambiguous_names() -> frozenset[str]:
    return frozenset(normkey(w) for w in lexicons.load_lines("place_ambiguous.txt"))


def canonical_agency(text: str, region: Optional[Region] = None) -> str:
    """Canonical name of an agency as written.

    text (str): the agency as written (``Pemprov Kalsel``, ``Dinas PMD``,
        ``DPMPD Kaltim``, ``Kementrian dalam Negeri``).
    region (Region | None): region to attach when the text names none.
    RETURNS (str): the full name with abbreviations expanded and the region
        attached; the text itself (spaces normalised) when nothing is known.

    >>> canonical_agency("Pemprov Kalsel")
    'Pemerintah Provinsi Kalimantan Selatan'
    """
    clean = " ".join(text.split())
    spans = _Scanner(clean).scan()
    if not spans:
        return clean
    span = spans[0]
    if region is not None and not span.suffix and span.style != "none":
        span.suffix = _Scanner.suffix(region, span.style)
    return span.name


def find_agencies(doc: Doc) -> list[Agency]:
    """Find agencies in ``doc`` (offsets into the original text).

    doc (Doc): the article; ``doc._.article.dateline_name`` gives the region of
        local bodies the article names without one (``Kepala Bappeda``).
    RETURNS (list[Agency]): one Agency per canonical name, in order of first mention.
    """
    text = doc_text(doc)
    scanner = _Scanner(text)
    spans = scanner.scan()
    article = getattr(doc._, "article", None)
    dl_name = getattr(article, "dateline_name", None) if article is not None else None
    home = lookup_region(dl_name, prefer_city=True) if dl_name else None
    if home is not None and home.type not in ("regency", "city"):
        home = None
    if home is None:
        home = _only_region(doc, spans)
    places = list(getattr(doc._, "places", None) or [])
    return _merge(spans, text, home, _only_province(places, spans, home), places)


def _only_province(places: list, spans: list[_Span], home: Optional[Region]) -> Optional[Region]:
    """The province a bare ``Pemprov`` means: the one its agencies name, else the one its places
    name, else the province of its home regency or city."""
    for codes in (
        {s.region.code: s.region for s in spans if s.region is not None and s.region.type == "province"},
        {p.code: Region(p.code, p.name, p.type) for p in places if p.type == "province" and p.code},
    ):
        if len(codes) == 1:
            return next(iter(codes.values()))
        if codes:
            return None
    if home is not None and home.province_code:
        return _gazetteer().by_code.get(home.province_code)
    return None


def _region_in_name(name: str, places: list) -> Optional[Region]:
    """The region a canonical name ends with (``Pemerintah Provinsi Kalimantan Timur``), for its code;
    districts and villages only when the article's places give their code."""
    m = _NAME_REGION.match(name)
    if m is None:
        return None
    cue, rest = m.group(1), m.group(2).strip()
    typ = _REGION_TYPES.get(cue, "village")
    key = normkey(rest)
    for p in places:
        if p.code and p.type == typ and normkey(p.name) == key:
            return Region(p.code, p.name, p.type)
    if typ in ("province", "regency", "city"):
        return lookup_region(f"{cue} {rest}")
    return None


def _only_region(doc: Doc, spans: list[_Span]) -> Optional[Region]:
    """The one regency or city an article names (its places and its agencies' regions), if it names only one."""
    codes: dict[str, Region] = {}
    for p in getattr(doc._, "places", None) or []:
        if p.type in ("regency", "city") and p.code:
            codes[p.code] = Region(p.code, p.name, p.type)
    for s in spans:
        if s.region is not None and s.region.type in ("regency", "city") and s.region.code:
            codes[s.region.code] = s.region
    return next(iter(codes.values())) if len(codes) == 1 else None


def _suffix_words(span: _Span) -> set[str]:
    return {normkey(w) for w in span.suffix.replace("/", " ").replace("se-", "").split()} - {""}


def _merge(
    spans: list[_Span],
    text: str,
    home: Optional[Region],
    province: Optional[Region] = None,
    places: Optional[list] = None,
) -> list[Agency]:
    groups: dict[str, list[_Span]] = {}
    order: list[str] = []
    for s in spans:
        key = normkey(s.name)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(s)
    # fold less specific forms into a unique more specific one (Dinas PMD -> Dinas PMD Provinsi Kalsel)
    target: dict[str, str] = {}
    for key in order:
        first = groups[key][0]
        mine = _suffix_words(first)
        cands = [
            k
            for k in order
            if k != key and normkey(groups[k][0].base) == normkey(first.base) and mine < _suffix_words(groups[k][0])
        ]
        if cands:
            defined = [k for k in cands if any(s.abbr for s in groups[k])]
            target[key] = (defined or cands)[0]
    for key, dest in target.items():
        while dest in target:
            dest = target[dest]
        groups[dest].extend(groups[key])
    agencies: list[Agency] = []
    by_name: dict[str, Agency] = {}
    for key in order:
        if key in target:
            continue
        group = sorted(groups[key], key=lambda s: s.start)
        main = next((s for s in group if s.suffix), group[0])
        name = main.name
        region = main.region
        if not main.suffix:
            own = {"Pemerintah Provinsi": province}.get(main.base)
            if own is None and home is not None and main.base == _HOME_GOVERNMENT.get(home.type):
                own = home  # Pemkab alone in an article about one regency
            if own is not None:  # Pemprov alone: the province the article is about
                name, region = f"{main.base} {own.name}", own
            elif normkey(main.base) in _generic():
                continue
            if (
                home is not None
                and main.style == "prefixed"
                and normkey(main.base) not in _generic()
                and (
                    main.base.split()[0] in ("Dinas", "Badan", "Inspektorat", "Sekretariat", "Satuan")
                    or main.base == "Dewan Perwakilan Rakyat Daerah"
                )
                and not any(w.lower() in _national_words() for w in main.base.split())
            ):
                name = f"{main.base} {_Scanner.suffix(home, main.style)}"
                region = home
        if region is None and name[-1:].isalpha():
            region = _region_in_name(name, places or [])
        if region is None and main.suffix:  # Polsek Tapung Hulu: the district the article's places name
            key = normkey(main.suffix.rsplit("/", 1)[-1])  # Kodim 1304/Gorontalo: its seat
            region = next(
                (Region(p.code, p.name, p.type) for p in places or [] if p.code and normkey(p.name) == key),
                None,
            )
        aliases = []
        for s in group:
            written = " ".join(text[s.start : s.end].split())
            for form in [written, s.abbr, *s.extra_aliases]:
                if form and form != name and form not in aliases:
                    aliases.append(form)
        mentions = [Mention(text=text[s.start : s.end], start=s.start, end=s.end) for s in group]
        same = by_name.get(normkey(name))
        if same is not None:  # Pemprov alone and Pemerintah Provinsi Kalimantan Timur (Pemprov Kaltim)
            same.aliases.extend(a for a in aliases if a != same.name and a not in same.aliases)
            same.mentions = sorted([*same.mentions, *mentions], key=lambda m: m.start)
            continue
        agency = Agency(
            name=name,
            aliases=aliases,
            region_code=region.code if region is not None and region.code else None,
            mentions=mentions,
        )
        by_name[normkey(name)] = agency
        agencies.append(agency)
    return agencies
