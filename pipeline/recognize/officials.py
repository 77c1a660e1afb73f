"""Recognizer: officials (named persons in the body) with title and agency.

Patterns (titles from ``data/titles.tsv``, honorifics and ranks from
``data/honorifics.txt``, degrees from ``data/degrees.txt``, verbs of saying
from ``data/person_cues.txt``):

- ``<Title> [<unit words>] [<Agency>] [<place>] [,] <Name>``
  (``Kepala Dinas PMD Provinsi Kalsel Faried Fakhmansyah``), and
  ``<Name>, <Title> ...`` / ``<Name> selaku <Title>`` / ``<Name> (<title>)``;
- ``<Name>, yang diwakili <Title>nya, <Name>``: a second official who
  ``represents`` the first;
- initials of suspects: ``LT (58)``, ``berinisial VG (34)``; anyone named
  with an age (``Suyono (56)``);
- a name followed by academic degrees (``Hendri Kusuma Fatria Jaya SE.MM.``),
  after a form of address (``Pak Wiranto``) or next to a verb of saying
  (``ucap Hendri``, ``Budi mengatakan``; a fuller form in the article's title
  is used).

Agencies come from ``doc._.agencies`` (their mentions), places from
``doc._.places``.  Later mentions of a part of the name (``ungkap Tutuk``) are
merged into the full name; the first title stays unless a later one says more.
``doc._.entities`` (``PER`` spans of the statistical NER model, when the
pipeline runs it: ``build_nlp(ner=True)``) add persons no pattern found, last,
so the rules keep precedence: the span is cleaned of honorifics, ranks, titles
and degrees; it is dropped when it overlaps a person, agency or place the rules
found, sits on a credit line (``Penulis:``, ``(AM/RD)``), is initials or not a
name by the same word checks as the rules; its title stays null unless a rule
gives one (merging by name words, as for every candidate).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex
from spacy.tokens import Doc
from ..sentences import doc_text

from .. import lexicons
from ..schema import Agency, Mention, Official, Place
from .agencies import _vocab
from .places import _gazetteer, _lokal_match, _Word, _words, normkey, title_case

LOGGER = logging.getLogger(__name__)

#: An age in brackets after a name: ``Rustam (45)``.
_AGE = regex.compile(r"\s*\(\d{1,3}\)")

_MONTHS_DAYS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "senin selasa rabu kamis jumat jum'at sabtu minggu".split()
)
_TERRITORIAL = frozenset(
    {
        "camat",
        "bupati",
        "wakil bupati",
        "wali kota",
        "wakil wali kota",
        "gubernur",
        "wakil gubernur",
        "lurah",
        "kuwu",
        "kepala desa",
        "perbekel",
        "keuchik",
        "wali nagari",
        "kepala dusun",
        "sekretaris desa",
        "bendahara desa",
        "kepala kelurahan",
    }
)
_VILLAGE_TITLES = frozenset(
    {
        "kades",
        "kepala desa",
        "lurah",
        "kuwu",
        "perbekel",
        "keuchik",
        "geuchik",
        "wali nagari",
        "kepala dusun",
        "kadus",
        "sekdes",
        "sekretaris desa",
        "kepala kelurahan",
        "kepala kampung",
        "kepala gampong",
        "kepala nagari",
        "kepala pekon",
        "kepala tiyuh",
        "kepala lembang",
        "kepala kalurahan",
        "petinggi",
        "pambakal",
        "hukum tua",
        "bendesa adat",
    }
)
_AGENCY_TYPE_TITLES = frozenset({"kepala", "sekretaris", "wakil kepala", "plt kepala"})
_UNIT_CONNECTORS = frozenset({"dan", "&", "serta"})
_ADMIN_TYPES = ("province", "regency", "city")
_STREETS = frozenset({"jalan", "jl", "jln", "bandara", "stadion", "lapangan", "gedung", "museum", "taman", "makam"})
_BUILDING_WORDS = frozenset({"kantor", "rujab", "pendopo", "aula", "rumdin"})
_UNIT_NUMBER = regex.compile(r"\A\s*\d+(?:[-.]\d+)*(?:\s*/\s*(\p{Lu}[\w-]*(?:\s+\p{Lu}[\w-]*)?))?")
_INITIALS_AGE = regex.compile(r"\b(?:(?:berinisial|inisial)\s+(\p{Lu}{2,4})\b|(\p{Lu}{2,4})\s*\(\d{1,3}\))")
_ADDRESS = frozenset({"pak", "bapak", "bu", "ibu", "bpk", "saudara", "sdr", "saudari"})
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI"})
#: A credit line (reporter, editor, photo): no official is named there.
_CREDIT_LINE = regex.compile(
    r"\A\s*[(\[]?\s*(?:reporter|penulis|pewarta|editor|redaktur|foto|sumber|kontributor|wartawan|"
    r"laporan|liputan|teks|narasi|penyunting)\b",
    flags=regex.I,
)
_REPRESENT = regex.compile(r"\A,?\s*yang\s+diwakili(?:\s+oleh)?\s+(\w+?)(?:nya)?\s*,?\s+")


def low_cue(word: str) -> bool:
    """A place cue word (``Kecamatan``, ``Kabupaten``)."""
    from .places import _cues

    return word.lower().rstrip(".") in _cues()


@lru_cache(maxsize=1)
def _titles() -> dict[str, tuple[str, str]]:
    """Written title (lower case, spaces) -> (full form, kind)."""
    return {" ".join(r["abbr"].lower().split()): (r["full"], r["kind"]) for r in lexicons.load_tsv("titles.tsv")}


@lru_cache(maxsize=1)
def _title_first_words() -> frozenset[str]:
    """First words (lower case) of the titles of kind ``title``: a quick test before the lookups."""
    return frozenset(key.split(" ")[0] for key, (_, kind) in _titles().items() if kind == "title")


@lru_cache(maxsize=1)
def _speech_cues() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs of saying before a name (``ujar``) and after one (``mengatakan``)."""
    words = [w.lower() for w in lexicons.load_lines("person_cues.txt")]
    after = frozenset(w for w in words if w.startswith("me"))
    return frozenset(words) - after, after


@lru_cache(maxsize=1)
def _person_stop() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons.load_lines("person_stopwords.txt"))


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    """First words of organisation names (``Badan``, ``Dinas``, ``Partai``)."""
    return frozenset(r["head"].split()[0].lower() for r in lexicons.load_tsv("agency_heads.tsv"))


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(normkey(h) for h in lexicons.load_lines("honorifics.txt"))


@lru_cache(maxsize=1)
def _degrees() -> frozenset[str]:
    return frozenset(normkey(d) for d in lexicons.load_lines("degrees.txt"))


@lru_cache(maxsize=1)
def _ranks() -> frozenset[str]:
    """Police and military ranks (``person_ranks.txt``)."""
    return frozenset(normkey(w) for w in lexicons.load_lines("person_ranks.txt"))


@lru_cache(maxsize=1)
def _facility_words() -> frozenset[str]:
    """Words that start a facility named after a person (``Pangkalan``, ``Jalan``, ``RSUD``)."""
    return frozenset(w.lower() for w in lexicons.load_lines("person_facility_words.txt"))


@lru_cache(maxsize=1)
def _introducers() -> frozenset[str]:
    """Words that introduce a person's name (``bernama``, ``oleh``, ``bersama``)."""
    return frozenset(w.lower() for w in lexicons.load_lines("person_introducers.txt"))


@lru_cache(maxsize=1)
def _name_abbrevs() -> frozenset[str]:
    """Shortened name parts written with a period (``Muh.``, ``M.``)."""
    return frozenset(w.lower() for w in lexicons.load_lines("person_name_abbreviations.txt"))


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    from spacy.lang.id.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _MONTHS_DAYS


@dataclass
class _Person:
    name: str
    start: int
    end: int
    title: Optional[str] = None
    agency: Optional[str] = None
    represents: Optional[str] = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        self.words = _words(self.text)
        self.starts = [w.start for w in self.words]
        self.agencies: list[Agency] = list(getattr(doc._, "agencies", None) or [])
        self.places: list[Place] = list(getattr(doc._, "places", None) or [])
        self.agency_spans = sorted(
            ((m.start, m.end, a.name) for a in self.agencies for m in a.mentions), key=lambda x: (x[0], -x[1])
        )
        self.place_spans = sorted((m.start, m.end, p) for p in self.places for m in p.mentions)
        self.persons: list[_Person] = []
        self.last_units = False  # whether the last parsed title had unit words

    # ------------------------------------------------------------------ lookups
    def word_at(self, pos: int) -> int:
        """Index of the first word starting at or after char pos."""
        return bisect.bisect_left(self.starts, pos)

    def agency_at(self, pos: int) -> Optional[tuple[int, int, str]]:
        """The longest agency mention starting at char pos."""
        best = None
        for s, e, name in self.agency_spans:
            if s == pos and (best is None or e > best[1]):
                best = (s, e, name)
        return best

    def named_place_at(self, k: int) -> Optional[tuple[int, int, Place]]:
        """A village or district the article names elsewhere, written again at word k without its cue."""
        words = self.words
        for n in (3, 2, 1):
            if k + n > len(words) or any(self.gap(x).strip() or not words[x].cap for x in range(k + 1, k + n)):
                continue
            key = normkey("".join(w.text for w in words[k : k + n]))
            for p in self.places:
                if p.type in ("village", "district") and normkey(p.name) == key:
                    return words[k].start, words[k + n - 1].end, p
        return None

    def in_place(self, pos: int) -> bool:
        return any(s <= pos < e for s, e, _ in self.place_spans)

    def in_agency(self, pos: int) -> bool:
        return any(s <= pos < e for s, e, _ in self.agency_spans)

    def inner_agency(self, s: int, e: int) -> Optional[tuple[int, int, str]]:
        """An agency mention ending at e inside (s, e): the parent of a unit."""
        inner = [x for x in self.agency_spans if s < x[0] and x[1] == e]
        return min(inner, key=lambda x: x[0]) if inner else None

    def place_at(self, pos: int) -> Optional[tuple[int, int, Place]]:
        for s, e, p in self.place_spans:
            if s == pos:
                return s, e, p
        return None

    def title_at(self, i: int, allow_lower: bool = False) -> tuple[int, Optional[str], Optional[str]]:
        """Longest title at word i: (n words, full form, written key)."""
        words = self.words
        if not (words[i].cap or allow_lower) or words[i].text.lower() not in _title_first_words():
            return 0, None, None
        titles = _titles()
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            gap_ok = all(not self.text[words[k].end : words[k + 1].start].strip() for k in range(i, i + n - 1))
            key = " ".join(w.text.lower() for w in words[i : i + n])
            if gap_ok and key in titles and titles[key][1] == "title":
                return n, titles[key][0], key
        return 0, None, None

    def gap(self, k: int) -> str:
        return self.text[self.words[k - 1].end : self.words[k].start] if 0 < k < len(self.words) else ""

    def name_at(self, k: int) -> tuple[int, int, str]:
        """A person's name at word k (honorifics skipped): (first word, n words, name)."""
        words, hon = self.words, _honorifics()
        k0 = k
        while k < len(words) and words[k].text[:1].isalpha():
            two = normkey(words[k].text + (words[k + 1].text if k + 1 < len(words) else ""))
            step = 2 if two in hon and k + 1 < len(words) else 1 if normkey(words[k].text) in hon else 0
            if not step or (k + step < len(words) and "\n" in self.gap(k + step)):
                break
            k += step
        if k < len(words) and self.degree_at(k, strict=False):
            return k, 0, ""  # S.Pd., M.Si: a degree, not a name
        n = 0
        while k + n < len(words) and n < 5:
            w = words[k + n]
            low = w.text.lower()
            if n and (self.gap(k + n).strip() not in ("", ".") or "\n" in self.gap(k + n)):
                break
            if (
                n
                and self.gap(k + n).strip() == "."
                and len(words[k + n - 1].text) > 1
                and words[k + n - 1].text.lower() not in _name_abbrevs()
            ):
                break
            if n and low_cue(w.text) and w.text.lower() not in ("kota",):
                break  # Trantib Kecamatan X: a cue word is no part of a name
            if n and normkey(w.text) in hon and w.cap and len(w.text) > 2 and not self._age_after(w):
                n += 1  # Sidrap AKBP Harianto: a rank inside the run; the name follows it
                continue
            if not w.cap or low in _stop() or (n and (normkey(w.text) in _degrees() or self.degree_at(k + n))):
                break
            if self.agency_at(w.start) or (low in _titles() and _titles()[low][1] == "title"):
                break
            if w.text.isupper() and len(w.text) > 1 and not self._age_after(w):
                if n == 0 and len(w.text) > 4:
                    break
                if n == 0 and not self._age_after(w):
                    break
                break
            n += 1
        if n and k + n < len(words) and not self.gap(k + n).strip():
            nxt = words[k + n].text.lower()
            if k > k0:
                pass  # AKP Darmawan dan ...: after a rank or honorific, a name
            elif n == 1 and (nxt in _titles() or " ".join([words[k].text.lower(), nxt]) in _titles()):
                return k, 0, ""  # Perdana Menteri, Wakil Ketua: a title, not a name
            elif (
                nxt in _UNIT_CONNECTORS
                and k + n + 1 < len(words)
                and words[k + n + 1].cap
                and not self.title_at(k + n + 1)[0]  # Benediktus Asong dan Kepala Dinas ...: a name
            ):
                return k, 0, ""  # Direktur Pemasaran dan Niaga: unit words, not a name
        if n:
            last = self.place_at(words[k + n - 1].start)
            if last is not None and last[2].type in ("country", "province") and last[1] >= words[k + n - 1].end:
                return k, 0, ""  # Imigrasi Australia: ends with a country, not a person
        abbrev_first = n > 1 and words[k].text.lower() in _name_abbrevs() and self.gap(k + 1).strip() == "."
        if not n or (k > 0 and low_cue(words[k - 1].text) and not self.gap(k).strip() and not abbrev_first):
            return k, 0, ""  # Desa Salabulan: a place after its cue word
        if k > 0 and self.gap(k) == "." and (words[k - 1].text.lower() not in _name_abbrevs() or self.degree_at(k - 1)):
            return k, 0, ""  # M.Si: a degree, not a name
        if n == 1 and words[k].text.isupper() and not self._age_after(words[k]):
            return k, 0, ""
        ranks = [x for x in range(k + 1, k + n) if normkey(words[x].text) in hon]
        if ranks and ranks[-1] + 1 < k + n:  # Ngaglik Kompol Sutarja: the name follows the rank
            n, k = k + n - ranks[-1] - 1, ranks[-1] + 1
        elif ranks:
            n = ranks[0] - k  # the run ends with a rank: no name after it
            if not n:
                return k, 0, ""
        name = " ".join(self.text[words[k].start : words[k + n - 1].end].split())  # as written: Muh. Arsyad
        if self.place_at(words[k].start) and n == 1:
            return k, 0, ""
        if all(w.text.lower() in _vocab() for w in words[k : k + n]):  # Pangan, Kesehatan: not a name
            return k, 0, ""
        if words[k].text.lower() in _head_words() or words[k].text.lower() in _person_stop():
            return k, 0, ""  # Badan Pemenangan Pemilu: an organisation, not a name
        if regex.match(r"\s*\([^)]*\p{Lu}[^)]*\)", self.text[words[k + n - 1].end : words[k + n - 1].end + 25]):
            return k, 0, ""  # Dewan Pertimbangan Musyawarah Kekeluargaan Gotong Royong (MKGR)
        return k, n, name

    def _age_after(self, w: _Word) -> bool:
        return bool(_AGE.match(self.text, w.end, w.end + 8))

    # ------------------------------------------------------------------ patterns
    def titled(self) -> None:
        """``<Title> [units] [Agency] [place] [,] <Name>``."""
        words = self.words
        i = 0
        while i < len(words):
            n, full, key = self.title_at(i, allow_lower=True)
            if not n or (not words[i].cap and not self._lower_title_ok(i, n)):
                i += 1
                continue
            if i > 0 and words[i - 1].text.lower() in _BUILDING_WORDS and not self.gap(i).strip():
                i += n  # Kantor Camat Mesjid Raya: a building, not a person's title
                continue
            got = self.after_title(i, n, full, key)
            if got is None:
                i += n
                continue
            person, nxt = got
            self.persons.append(person)
            self.represented(person, nxt)
            i = max(nxt, i + 1)

    def _lower_title_ok(self, i: int, n: int) -> bool:
        """A lower-case title counts before an honorific and a name (``kepala desa, Bpk Rustani``),
        or in parentheses after a name (``Rustani (kuwu jayamulya)``)."""
        if self.gap(i).strip() == "(" and i > 0 and self.words[i - 1].cap:
            return True
        k = i + n
        while k < len(self.words) and self.gap(k).strip() in ("", ","):
            if normkey(self.words[k].text) in _honorifics() and self.words[k].cap:
                return True
            if not self.words[k].cap:
                return False
            k += 1
            if k > i + n + 1:
                return False
        return False

    def parse_title(self, i: int, n: int, full: str, key: str) -> tuple[str, Optional[str], int]:
        """The title at word i (n words) with its units, agency and territory: (title, agency, next word)."""
        words, t = self.words, self.text
        title_parts = [full]
        units: list[str] = []
        territory: list[str] = []
        territory_place: Optional[Place] = None
        agency: Optional[str] = None
        k = i + n
        vocab = _vocab()
        # Pj Wali Kota, Plt Kepala Dinas: a title after an acting prefix
        if k < len(words) and not self.gap(k).strip():
            n2, full2, key2 = self.title_at(k)
            if n2:
                title_parts.append(full2)
                key = key2 if key2 else key
                full = full2
                k += n2
        # Asisten I, Wakil Ketua II
        if k < len(words) and words[k].text in _ROMAN and not self.gap(k).strip():
            title_parts.append(words[k].text)
            k += 1
        # Danramil 402-09/Tulung Selapan, Danramil 14/Pandanarum: the unit's number and seat
        um = _UNIT_NUMBER.match(t[words[k - 1].end : words[k - 1].end + 60]) if k < len(words) else None
        if um and k < len(words) and words[k].text[:1].isdigit():
            end = words[k - 1].end + um.end(0)
            if um.group(1):
                seat = []
                for part in um.group(1).split():
                    if normkey(part) in _honorifics():
                        break
                    seat.append(part)
                end = words[k - 1].end + um.start(1) + len(" ".join(seat))
            title_parts.append(" ".join(t[words[k].start : end].split()))
            k = self.word_at(end)
        # Menteri Desa, ... (Mendes PDTT) Name: the title spelled out, then its short form
        defined = self.title_definition(k)
        if defined is not None:
            title_parts, k = [defined[0]], defined[1]
        while k < len(words):
            gap = self.gap(k)
            if "\n" in gap:
                break
            g = gap.strip()
            w = words[k]
            ag = self.agency_at(w.start)
            if ag is not None and g in ("", ",", "(", ")", "pada", ") ,", "),"):
                s, e, name = ag
                inner = self.inner_agency(s, e)
                if inner is not None:  # Manajer Pusat ... BPBD Provinsi Jawa Barat
                    units.append(" ".join(t[s : inner[0]].split()))
                    name = inner[2]
                agency = name
                if key in _AGENCY_TYPE_TITLES and not units:
                    title_parts.append(name.split()[0])
                k = self.word_at(e)
                continue
            if agency is None and g in ("", ","):
                reach = self.agency_ahead(k)
                if reach is not None:  # Direktur Jenderal Pembangunan Desa dan Perdesaan Kemendes PDTT
                    units.extend(reach[0])
                    k = reach[1]
                    continue
            if g.startswith("(") and t.find(")", w.start) != -1 and t.find(")", w.start) - w.start < 15:
                k = self.word_at(t.find(")", w.start) + 1)
                continue
            pl = self.place_at(w.start)
            if pl is None and low_cue(w.text) and k + 1 < len(words) and self.place_at(words[k + 1].start):
                pl = self.place_at(words[k + 1].start)  # Kecamatan Sibolangit: the cue is not in the mention
            if pl is None and w.cap and g in ("", ")", ","):
                pl = self.named_place_at(k)  # (BHP) Sukamulya: a place the article names elsewhere
            if pl is not None and g in ("", ",", ")"):
                if agency is None and units and territory_place is None and pl[2].type in _ADMIN_TYPES:
                    territory_place = pl[2]
                village_title = key in _VILLAGE_TITLES or full.lower() in _VILLAGE_TITLES
                if (
                    agency is None
                    and not units
                    and (
                        pl[2].type in ("village", "district", "regency", "city", "province")
                        or (pl[2].type == "other" and village_title and w.cap)  # Kepala Kampung X
                    )
                    and not territory
                ):
                    territory.append(pl[2].name)
                k = self.word_at(pl[1])
                continue
            low = w.text.lower()
            if not territory and agency is None and not units and g == "" and w.cap and low not in vocab:
                m = _lokal_match(t, words, k, _gazetteer().district, 3)  # Camat Cibeber
                if m and k + m < len(words) and words[k + m].cap:
                    territory.append(t[w.start : words[k + m - 1].end])
                    k += m
                    continue
            if (
                not territory
                and agency is None
                and not units
                and g == ""
                and (key in _VILLAGE_TITLES or full.lower() in _VILLAGE_TITLES)
                and low not in _stop()
                and low not in vocab
            ):  # Kades cibaregbeg, H. Dedi: the village, any case, before a name
                m = _lokal_match(t, words, k, _gazetteer().village, 3) or 1
                nxt = k + m
                if nxt < len(words) and self.gap(nxt).strip() in ("", ",") and words[nxt].cap and w.text.isalpha():
                    territory.append(title_case(t[w.start : words[nxt - 1].end]))
                    k = nxt
                    continue
            if g.replace(")", "").strip() == "" and agency is None:
                if low in _titles() and _titles()[low][1] == "unit" and w.cap:
                    units.append(_titles()[low][0])
                    k += 1
                    continue
                if (
                    not units
                    and k == i + n
                    and w.text.isupper()
                    and 2 <= len(w.text) <= 5
                    and k + 1 < len(words)
                    and (self.gap(k + 1).strip() == "," or low_cue(words[k + 1].text))
                ):
                    units.append(w.text)  # Kasi PMG Kecamatan, Nurlaila: a unit's short form
                    k += 1
                    continue
                if units and low_cue(w.text) and self.gap(k + 1).strip() == "," and w.text.lower() != "kota":
                    units.append(w.text)  # ... Kecamatan, Nurlaila: the office of the district itself
                    k += 1
                    continue
                if w.cap and low in vocab:
                    units.append(w.text)
                    k += 1
                    continue
                if low in _UNIT_CONNECTORS and units and k + 1 < len(words) and words[k + 1].text.lower() in vocab:
                    units.append(low)
                    k += 1
                    continue
            if (
                low in ("pada", "di")
                and units
                and agency is None
                and k + 1 < len(words)
                and self.agency_at(words[k + 1].start)
            ):
                k += 1
                continue
            break
        head = full.split()[-1] if full else ""
        if agency is None and units and head in ("Dinas", "Badan") and territory_place is not None:
            # Kadis PMD Pessel: Kepala Dinas, of the Dinas PMD of that regency
            prefix = {"province": "Provinsi", "regency": "Kabupaten", "city": "Kota"}.get(territory_place.type)
            if prefix:
                agency = " ".join([head, *units, prefix, territory_place.name])
                territory, units = [], []
        title = " ".join(title_parts + units)
        if agency is None:
            agency = self.title_agency(full, k)
        if agency is None:
            agency = self.sentence_agency(words[i].start)
        if agency is None and territory and territory[0].lower() not in title.lower():
            title += " " + territory[0]
        self.last_units = bool(units)
        return title.strip(), agency, k

    def after_title(self, i: int, n: int, full: str, key: str) -> Optional[tuple[_Person, int]]:
        """A person named right after (or right before) the title at word i."""
        words = self.words
        title, agency, k = self.parse_title(i, n, full, key)
        m = 0
        if k < len(words) and self.gap(k).replace(")", "").strip() in ("", ",") and "\n" not in self.gap(k):
            first, m, name = self.name_at(k)
            if (
                m
                and (m == 1 or self.last_units)
                and first + m < len(words)
                and self.gap(first + m).strip() == ","
                and (not agency or m == 1)
            ):
                f2, m2, name2 = self.name_at(first + m)
                honored = f2 > first + m  # , Hj. Ernawati: an honorific before the second name
                degreed = m2 and f2 + m2 < len(words) and self.gap(f2 + m2).strip() == "," and self.degree_at(f2 + m2)
                if m2 and (m2 >= 2 or honored or degreed) and f2 <= first + m + 3:
                    if not agency:  # Ketua Dewan Pertimbangan, Hary Tanoesoedibjo
                        title = f"{title} {name}"
                    first, m, name = f2, m2, name2  # Kepala UPTD Puskesmas Tanru Tedong, Hasnah, S.Kep.
            elif m == 1 and not agency and self.last_units and self.gap(first).strip() == "" and first + 1 < len(words):
                nxt = words[first + 1].text.lower()
                if (
                    not words[first + 1].cap
                    and nxt not in _speech_cues()[1]
                    and nxt not in ("mengatakan", "menyatakan")
                ):
                    m = 0  # Kepala Pembinaan Karier di Mabes: a unit word, not a name
        if not m:  # Rudi Hartono, Kepala Dinas PUPR Lahat, mengatakan
            before = self.name_before(i)
            if before is None:
                return None
            first, m, name = before
            k = i
        person = _Person(name, words[first].start, words[first + m - 1].end, title=title, agency=agency)
        person.mentions.append((person.start, person.end))
        return person, max(first + m, k, i + n)

    def name_before(self, i: int) -> Optional[tuple[int, int, str]]:
        """A name right before ``, <Title>``: (first word, n words, name)."""
        words = self.words
        if i > 1 and words[i - 1].text.lower() in ("selaku", "sebagai") and self.gap(i - 1).strip() in ("", ",", "."):
            i -= 1  # Ahmad Yani selaku Kepala Desa Sukamaju
        elif i < 1 or self.gap(i).strip() not in (",", "("):
            return None
        while i > 2 and self.gap(i).strip() in (",", ".", ".,", "") and self._degree_ending(i - 1):
            i = self._degree_ending(i - 1)  # Rusmini, S.Pd. sebagai ...: the name is before the degrees
            if self.gap(i).strip() not in (",", ""):
                return None
        j = i - 1
        while j > 0 and i - j < 5 and words[j - 1].cap and not self.gap(j).strip() and "\n" not in self.gap(j):
            j -= 1
        for start in range(j, i):
            first, n, name = self.name_at(start)
            if n and first + n == i and first == start and not self.place_at(words[first].start):
                if start > 0 and words[start - 1].text.lower() in ("menurut", "kata", "ujar", "bagi") and n == 1:
                    return None
                return first, n, name
        return None

    def agency_ahead(self, k: int) -> Optional[tuple[list[str], int]]:
        """Unit words up to an agency mention a few words on: (unit words, index of the agency's first word)."""
        words = self.words
        units: list[str] = []
        j = k
        while j < len(words) and j - k < 8:
            if j > k and (self.gap(j).strip() not in ("", ",") or "\n" in self.gap(j)):
                return None
            w = words[j]
            if self.agency_at(w.start) is not None:
                return (units, j) if units else None
            if self.title_at(j)[0] or self.place_at(w.start):
                return None  # Bupati Sanggau Benediktus Asong dan Kepala Dinas ...: another official
            low = w.text.lower()
            if w.cap and low not in _stop():
                unit = _titles().get(low)
                units.append(unit[0] if unit and unit[1] == "unit" else w.text)
            elif low in _UNIT_CONNECTORS and units:
                units.append(low)
            else:
                return None
            j += 1
        return None

    def title_definition(self, k: int) -> Optional[tuple[str, int]]:
        """``Menteri Desa, ... (Mendes PDTT)``: (full title, index of the word after the parenthesis)."""
        t = self.text
        if k >= len(self.words):
            return None
        window = t[self.words[k - 1].end : self.words[k - 1].end + 160]
        m = regex.match(r"[\w\s,&/-]{0,120}?\(([^()\n]{2,20})\)", window)
        if not m:
            return None
        key = " ".join(m.group(1).lower().split())
        entry = _titles().get(key)
        if entry is None or entry[1] != "title":
            return None
        return entry[0], self.word_at(self.words[k - 1].end + m.end())

    def title_agency(self, full: str, k: int) -> Optional[str]:
        """A title naming its agency (Kacabjari -> Cabang Kejaksaan Negeri): the article's agency of that kind."""
        low = full.lower()
        for a in self.agencies:
            base = a.name.lower()
            for cut in ("kepala ", "komandan ", "panglima "):
                if low.startswith(cut) and base.startswith(low[len(cut) :]) and len(low) > len(cut) + 6:
                    return a.name
        return None

    def sentence_agency(self, pos: int) -> Optional[str]:
        """``<Agency>, melalui <Title> <Name>``: the agency acting through the official."""
        before = [x for x in self.agency_spans if x[1] <= pos and pos - x[1] <= 15]
        if before:
            s, e, name = max(before, key=lambda x: x[1])
            if regex.fullmatch(r"\W*melalui\s+", self.text[e:pos]) or regex.fullmatch(
                r"\s*\w+\s*,?\s*melalui\s+", self.text[e:pos]
            ):
                return name
        return None

    def represented(self, person: _Person, k: int) -> None:
        """``..., yang diwakili Sekretarisnya, Raden Mas Ernato Surya Jaya``."""
        if k >= len(self.words):
            return
        m = _REPRESENT.match(self.text[person.end : person.end + 80])
        if not m:
            return
        k2 = self.word_at(person.end + m.end())
        first, n, name = self.name_at(k2)
        if not n:
            return
        written = m.group(1).lower()
        title = _titles().get(written, (written.capitalize(), ""))[0]
        rep = _Person(
            name,
            self.words[first].start,
            self.words[first + n - 1].end,
            title=title,
            agency=person.agency,
            represents=person.name,
        )
        rep.mentions.append((rep.start, rep.end))
        self.persons.append(rep)

    def initials(self) -> None:
        """Suspects named by initials: ``LT (58)``, ``berinisial VG (34)``."""
        for m in _INITIALS_AGE.finditer(self.text):
            grp = 1 if m.group(1) else 2
            s, e = m.span(grp)
            if normkey(m.group(grp)) in _honorifics() or normkey(m.group(grp)) in _degrees():
                continue
            if any(p.start == s for p in self.persons) or self.agency_at(s):
                continue
            title = self.title_before(self.word_at(m.start()))
            before = self.text[max(0, m.start() - 40) : m.start()]
            tm = regex.search(r"(\w+)\s+(desa\w*|kelurahan\w*)?\s*$", before.replace("bersama", " "), flags=regex.I)
            if tm and title is None:
                base = _titles().get(tm.group(1).lower())
                if base and base[1] == "title":
                    title = base[0] + (" Desa" if tm.group(2) and tm.group(2).lower().startswith("desa") else "")
            p = _Person(m.group(grp), s, e, title=title)
            p.mentions.append((s, e))
            self.persons.append(p)

    def addressed(self) -> None:
        """Names after a form of address: ``Pak Wiranto``, ``ibu Sri Mulyani``."""
        words = self.words
        for k in range(len(words) - 1):
            if words[k].text.lower() not in _ADDRESS or self.gap(k + 1).strip() or not words[k + 1].cap:
                continue
            if any(p.start <= words[k + 1].start < p.end for p in self.persons):
                continue
            first, n, name = self.name_at(k + 1)
            if (
                n
                and first == k + 1
                and not self.place_at(words[first].start)
                and not self.in_agency(words[first].start)
            ):
                p = _Person(name, words[first].start, words[first + n - 1].end)
                p.mentions.append((p.start, p.end))
                self.persons.append(p)

    def aged(self) -> None:
        """Anyone named with an age: ``Suyono (56), warga setempat``."""
        words = self.words
        for k, w in enumerate(words):
            if not w.cap or w.text.isupper() or not self._age_after(w):
                continue
            if any(p.start <= w.start < p.end for p in self.persons):
                continue
            j = k
            while j > 0 and k - j < 4 and words[j - 1].cap and not self.gap(j).strip() and "\n" not in self.gap(j):
                j -= 1
            for start in range(j, k + 1):
                first, n, name = self.name_at(start)
                if n and first + n == k + 1 and first == start and not self.place_at(words[first].start):
                    p = _Person(name, words[first].start, w.end)
                    p.mentions.append((p.start, p.end))
                    self.persons.append(p)
                    break

    def title_before(self, idx: int) -> Optional[str]:
        """The title ending right before word idx (``Kepala Desa Sukamaju berinisial AS``), if any."""
        for ti in range(idx - 1, max(-1, idx - 12), -1):
            if "\n" in self.gap(ti + 1):
                break
            n, full, key = self.title_at(ti, allow_lower=True)
            if n:
                title, _agency, kend = self.parse_title(ti, n, full, key)
                return title if kend == idx else None
        return None

    def _degree_ending(self, e: int) -> int:
        """First word of a degree ending at word e (``S.Pd``: the ``S``), 0 if none ends there."""
        for start in (e - 1, e):
            if start > 0 and self.degree_at(start) and start + self.degree_at(start) - 1 == e:
                return start
        return 0

    def degree_at(self, k: int, strict: bool = True) -> int:
        """Number of words of an academic degree at word k (``SE``, ``M.Si`` = 2 words), 0 if none.

        strict: a one-word degree counts only before a period or comma (``SE,``); otherwise only
        degrees written with periods (``S.Pd``, ``M.T.``) count.
        """
        words = self.words
        if not words[k].text[:1].isupper():
            return 0
        if k + 1 < len(words) and self.gap(k + 1) == "." and normkey(words[k].text + words[k + 1].text) in _degrees():
            if not strict and k + 1 < len(words) and len(words[k + 1].text) > 3 and words[k + 1].text[1:].islower():
                return 0  # M. Taufik: a name part, not M.T
            return 2
        if not strict:
            return 0
        if normkey(words[k].text) in _degrees():
            tail = self.text[words[k].end : words[k].end + 1]
            return 1 if tail in (".", ",") or self.gap(k).strip() == "," else 0
        return 0

    def degreed(self) -> None:
        """A name followed by degrees: ``Hendri Kusuma Fatria Jaya SE.MM.``, ``Teuku Mahdi, M.Si``."""
        words = self.words
        for k in range(2, len(words)):
            if not self.degree_at(k) or self.gap(k).strip() not in ("", ",") or "\n" in self.gap(k):
                continue
            d = self.degree_at(k)
            if normkey(words[k].text) in _honorifics() and k + d < len(words) and words[k + d].cap:
                continue  # Kalimantan Barat, Dr. Ir. Yohanes: an honorific before the next name
            e = k - 1  # last word of the name
            if self.degree_at(e) or any(p.start <= words[e].start < p.end for p in self.persons):
                continue
            j = e
            while (
                j > 0
                and e - j < 6
                and words[j - 1].cap
                and self.gap(j).strip() in ("", ".")
                and "\n" not in self.gap(j)
            ):
                j -= 1
            for start in range(j, e + 1):
                first, n, name = self.name_at(start)
                if n and (self.in_place(words[first].start) or self.in_agency(words[first].start)):
                    continue
                if n and first + n == e + 1 and (n >= 2 or first > start):
                    p = _Person(name, words[first].start, words[first + n - 1].end)
                    p.mentions.append((p.start, p.end))
                    self.persons.append(p)
                    break

    def ranked(self) -> None:
        """Names after a police or military rank: ``Bripka Andi Saputra``, ``Peltu Sukardi``."""
        words = self.words
        for k in range(len(words) - 1):
            if normkey(words[k].text) not in _ranks() or not words[k].cap:
                continue
            if k > 0 and normkey(words[k - 1].text) in _ranks() and not self.gap(k).strip():
                continue  # Kapten Inf: the second word of a rank
            if k > 0 and normkey(words[k - 1].text) in _STREETS:
                continue  # Jalan Jenderal Sudirman: a street
            if any(p.start <= words[k + 1].start < p.end for p in self.persons):
                continue
            first, n, name = self.name_at(k)
            if not n or self.in_place(words[first].start) or self.in_agency(words[first].start):
                continue
            if any(p.start <= words[first].start < p.end for p in self.persons):
                continue
            title = None
            nxt = first + n
            if nxt < len(words) and self.gap(nxt).strip() == ",":  # Bripka Andi, Kanit Reskrim Polsek X
                tn, full, key = self.title_at(nxt, allow_lower=True)
                if tn:
                    title, agency, _ = self.parse_title(nxt, tn, full, key)
                    p = _Person(name, words[first].start, words[first + n - 1].end, title=title, agency=agency)
                    p.mentions.append((p.start, p.end))
                    self.persons.append(p)
                    continue
            p = _Person(name, words[first].start, words[first + n - 1].end)
            p.mentions.append((p.start, p.end))
            self.persons.append(p)

    def introduced(self) -> None:
        """Names after an introducing word: ``warga bernama Herman``, ``oleh Ahmad Suryadi``,
        ``bersama Siti Nurhaliza`` (two words at least, except after ``bernama``)."""
        words = self.words
        intro = _introducers()
        for k in range(len(words) - 1):
            low = words[k].text.lower()
            if low not in intro or not words[k + 1].cap or self.gap(k + 1).strip() or "\n" in self.gap(k + 1):
                continue
            if any(p.start <= words[k + 1].start < p.end for p in self.persons):
                continue
            if self.title_at(k + 1)[0] or self.in_place(words[k + 1].start) or self.in_agency(words[k + 1].start):
                continue
            first, n, name = self.name_at(k + 1)
            if not n or (n < 2 and low not in ("bernama", "namanya")) or first != k + 1:
                continue
            if any(x.text.lower() in _vocab() or low_cue(x.text) for x in words[first : first + n]):
                continue
            if any(x.text.lower() in _person_stop() for x in words[first : first + n]):
                continue
            if self.in_place(words[first + n - 1].start):
                continue
            p = _Person(name, words[first].start, words[first + n - 1].end)
            p.mentions.append((p.start, p.end))
            self.persons.append(p)

    def speakers(self, title_text: str) -> None:
        """Names next to a verb of saying: ``ucap Hendri``, ``Budi mengatakan``.

        A fuller form of the name in the article's title is used (``Hendri`` ->
        ``Hendri Kusuma Fatria Jaya``).
        """
        before, after = _speech_cues()
        words = self.words
        found: list[tuple[int, int, str]] = []
        for k in range(len(words) - 1):
            low = words[k].text.lower()
            if (
                low in before
                and words[k + 1].cap
                and "\n" not in self.gap(k + 1)
                and self.gap(k + 1).strip() in ("", ",")
            ):
                first, n, name = self.name_at(k + 1)
                if n:
                    found.append((first, n, name))
            if low in after and k > 0 and words[k - 1].cap and not self.gap(k).strip():
                j = k - 1
                while j > 0 and k - j < 4 and words[j - 1].cap and not self.gap(j).strip() and "\n" not in self.gap(j):
                    j -= 1
                for start in range(j, k):
                    low0 = words[start].text.lower()
                    if (
                        low0 in _vocab()
                        or low0 in _person_stop()
                        or low_cue(low0)
                        or low0 in _titles()
                        or self.place_at(words[start].start)
                        or self.in_place(words[start].start)
                        or self.in_agency(words[start].start)
                    ):
                        continue  # Kepala Bidang Bina Marga Heru, Provinsi Sumut Erwin: not the name
                    first, n, name = self.name_at(start)
                    if n and first + n == k and first == start:
                        found.append((first, n, name))
                        break
        stop = _person_stop()
        for first, n, name in found:
            if any(set(name.split()) <= set(p.name.split()) for p in self.persons):
                continue
            if any(p.start < words[first + n - 1].end and words[first].start < p.end for p in self.persons):
                continue
            if (
                name.split()[0].lower() in stop
                or self.place_at(words[first].start)
                or any(s <= words[first].start < e for s, e, _ in self.agency_spans)
            ):
                continue
            full = (
                regex.search(
                    r"((?:\p{Lu}[\w'-]*\s+){0,4}" + regex.escape(name) + r"(?:\s+\p{Lu}[\w'-]*){0,4})", title_text
                )
                if title_text
                else None
            )
            if full:
                parts = [
                    w for w in full.group(1).split() if normkey(w) not in _degrees() and normkey(w) not in _honorifics()
                ]
                if len(parts) >= 2 and parts[0].lower() not in _stop():
                    name = " ".join(parts)
            p = _Person(name, words[first].start, words[first + n - 1].end)
            p.mentions.append((p.start, p.end))
            self.persons.append(p)

    # ------------------------------------------------------------------ model entities
    def from_entities(self, entities: list[tuple[int, int, str]], credit: Optional[tuple[int, int]] = None) -> None:
        """Persons from the NER model's ``PER`` spans that no pattern found (see the module doc)."""
        words = self.words
        for s, e, label in entities:
            if label != "PER" or e <= s:
                continue
            if credit is not None and s < credit[1] and credit[0] < e:
                continue
            line_start = self.text.rfind("\n", 0, s) + 1
            if _CREDIT_LINE.match(self.text[line_start:s]) or "\n" in self.text[s:e]:
                continue
            if regex.search(r"\([^()\n]{0,40}\Z", self.text[line_start:s]) and regex.match(
                r"[^()\n]{0,40}/", self.text[s:]
            ):
                continue  # (AM/RD), (Budi/Red): a signature
            ks = [k for k in range(self.word_at(s), len(words)) if words[k].start < e]
            ks = [k for k in ks if words[k].end <= e]
            if not ks:
                continue
            # leading honorifics, ranks, forms of address and titles are no part of the name
            while ks:
                k = ks[0]
                w = words[k]
                nk = normkey(w.text)
                tn = self.title_at(k, allow_lower=True)[0]
                if tn:
                    ks = ks[tn:]
                elif nk in _honorifics() or nk in _ranks() or w.text.lower() in _ADDRESS:
                    ks = ks[1:]
                else:
                    break
            # trailing degrees and everything after a comma
            cut = []
            for k in ks:
                if cut and (self.gap(k).strip() not in ("", ".") or self.degree_at(k) or normkey(words[k].text) in _degrees()):
                    break
                cut.append(k)
            ks = cut
            if not ks:
                continue
            first, last = ks[0], ks[-1]
            if any(words[k].text.isupper() and len(words[k].text) > 1 for k in ks) and not self._age_after(words[last]):
                continue  # initials (AS, VG) or an acronym: the rules decide
            if any(not words[k].cap or words[k].text.lower() in _stop() for k in ks):
                continue
            if words[first].text.lower() in _head_words() or any(words[k].text.lower() in _person_stop() for k in ks):
                continue
            if all(words[k].text.lower() in _vocab() for k in ks) or any(low_cue(words[k].text) for k in ks):
                continue
            if len(ks) < 2:
                continue  # one word (Musrenbang, Amang): too often no person; the rules find those
            if normkey(self.text[words[first].start : words[last].end]) in _degrees() or any(
                self.degree_at(k, strict=False) for k in ks
            ):
                continue  # S.E, M.Kes: a degree
            ps, pe = words[first].start, words[last].end
            if any(ps < x[1] and x[0] < pe for x in self.agency_spans):
                continue
            if any(ps < x[1] and x[0] < pe for x in self.place_spans) or self.named_place_at(first):
                continue
            if first > 0 and low_cue(words[first - 1].text) and not self.gap(first).strip():
                continue  # Desa Sukamaju: a place after its cue word
            if self.facility_before(first):
                continue  # Pangkalan TNI AU Roesmin Nurjadin: a base named after a person
            if regex.match(r"\s*\((?!\d{1,3}\))\s*\d", self.text[pe : pe + 12]):
                continue  # Pacuan Kuda (31 Maret): an event with its date, not a person (an age is)
            if any(p.start < pe and ps < p.end for p in self.persons):
                continue
            name = " ".join(self.text[ps:pe].split())
            key = {normkey(x) for x in name.split()}
            if any(key > {normkey(x) for x in p.name.split()} for p in self.persons):
                continue  # the rules' (shorter) form of this name stands
            p = _Person(name, ps, pe)
            p.mentions.append((ps, pe))
            self.persons.append(p)

    def facility_before(self, k: int) -> bool:
        """Does the capitalised run before word k start with a facility word (``Jalan``, ``Pangkalan``)?"""
        j = k
        while j > 0 and k - j < 5 and not self.gap(j).strip() and "\n" not in self.gap(j):
            j -= 1
            if self.words[j].text.lower().rstrip(".") in _facility_words():
                return True
            if not (self.words[j].cap or self.words[j].text.isupper()):
                return False
        return False

    # ------------------------------------------------------------------ merging
    def merge(self) -> list[Official]:
        people: list[_Person] = []
        titles: dict[int, list[tuple[int, str, Optional[str]]]] = {}
        for p in sorted(self.persons, key=lambda p: (-len(p.name.split()), p.start)):
            key = set(normkey(x) for x in p.name.split())
            same = next((q for q in people if key <= set(normkey(x) for x in q.name.split())), None)
            if same is None:
                people.append(p)
                same = p
            else:
                same.mentions.extend(p.mentions)
                same.represents = same.represents or p.represents
            if p.title:
                titles.setdefault(id(same), []).append((p.start, p.title, p.agency))
            elif p.agency:
                titles.setdefault(id(same), []).append((p.start, "", p.agency))
        for p in people:  # the first title, unless a later one says more (contains all its words)
            found = sorted(titles.get(id(p), []))
            chosen_title, chosen_agency = None, None
            for _, title, agency in found:
                if title and (chosen_title is None or set(chosen_title.lower().split()) < set(title.lower().split())):
                    chosen_title = title
                chosen_agency = chosen_agency or agency
            p.title, p.agency = chosen_title, chosen_agency
        # later mentions of a part of the name (ungkap Tutuk)
        for p in people:
            parts = {x for x in p.name.split() if len(x) > 2}
            for w in self.words:
                if w.text in parts and not any(s <= w.start < e for s, e in p.mentions):
                    p.mentions.append((w.start, w.end))
        people.sort(key=lambda p: min(s for s, _ in p.mentions))
        return [
            Official(
                name=p.name,
                title=p.title or None,
                agency=p.agency,
                represents=p.represents,
                mentions=[Mention(text=self.text[s:e], start=s, end=e) for s, e in sorted(set(p.mentions))],
            )
            for p in people
        ]


def find_officials(doc: Doc) -> list[Official]:
    """Find officials in ``doc`` (offsets into the original text).

    doc (Doc): with ``doc._.agencies`` and ``doc._.places`` set.
    RETURNS (list[Official]): one Official per person, in order of first mention.
    """
    finder = _Finder(doc)
    finder.titled()
    finder.initials()
    finder.aged()
    finder.addressed()
    finder.degreed()
    finder.ranked()
    finder.introduced()
    article = getattr(doc._, "article", None)
    title = getattr(article, "title", None) if article is not None else None
    finder.speakers(article.text[title.start : title.end] if title is not None else "")
    entities = getattr(doc._, "entities", None)
    if entities:
        reporter = getattr(article, "reporter", None) if article is not None else None
        finder.from_entities(list(entities), (reporter.start, reporter.end) if reporter is not None else None)
    return finder.merge()
