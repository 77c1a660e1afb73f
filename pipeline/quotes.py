"""Stage 4, quotes: direct speech in quotation marks, attributed to a named speaker.

``find_quotes(doc)`` reads ``doc_text(doc)`` (the cleaned body, same offsets as the
original) and ``doc._.officials`` and returns :class:`pipeline.schema.Quote`
items:

1. Quote spans: straight (``"..."``) or curly (``“...”``, also mismatched
   ``” ... ”``) marks, paired in order within a paragraph; an opening mark
   left open runs to the end of its paragraph.  ``text`` is what lies between
   the marks, trimmed of outer spaces (a trailing comma or period inside the
   marks is kept).
2. Attribution, tried in order:
   - after the quote, an inverted speech verb (``ujar Budi``, ``kata Kepala
     Dinas X Budi``, ``katanya``, ``kata dia``), or a speaker and a speech verb
     (``Budi menambahkan``);
   - before the quote, in the same paragraph (``Budi mengatakan, "..."``,
     ``Menurut Budi, "..."``);
   - none: a quote followed in the same paragraph by an attributed one takes
     its speaker; an unclosed quote takes the speaker of the quote opening the
     next paragraph; a quote of 4+ words opening its paragraph continues the
     last speaker.  Other quotes without attribution (titles, scare quotes)
     are not speech.
3. Speaker: the official (``doc._.officials``) named in the attribution (a
   shorter form such as a given name matches the official's full name); a
   pronoun (``katanya``, ``kata dia``) is the last person introduced as
   speaking since the previous quote, else the previous quote's speaker,
   else the last official named before.  When no official matches, the
   capitalised name as written is used, without position words and
   honorifics.  Unnamed attributions (``ujar warga``) drop the quote; a
   lower-case position (``ujar bupati``) names the official holding it.
   Officials' names are cleaned before use (:func:`speaker_name`: ``M Si``
   is no name, ``Kaltim Rudi Hamdani`` is ``Rudi Hamdani``), and a name
   written after the verb that only shares a word with an official
   (``kata Budi Santoso`` beside ``Budi Hartono``) is taken as written.

Lexicons (``pipeline/data``): ``speech_verbs.txt``, ``quotes_pronouns.txt``,
``honorifics.txt``, ``degrees.txt`` (shared with officials), ``quotes_title_words.txt``,
``quotes_stopwords.txt``; region names from ``lokal`` and short forms from
``region_aliases.tsv`` (when present) to tell places from people.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

import regex as re
from spacy.tokens import Doc
from .sentences import doc_text

from .lexicons import load_lines, load_tsv
from .schema import Mention, Official, Quote

LOGGER = logging.getLogger(__name__)

#: Characters used as quotation marks (straight, curly, low-9).
QUOTE_MARKS = "\"“”„‟«»"
#: A quote without any attribution must have at least this many words to be
#: taken as continued speech (shorter ones are titles or scare quotes).
MIN_UNATTRIBUTED_WORDS = 4
#: Name words shorter than this are not matched alone against officials.
MIN_NAME_WORD = 3

# Result kinds of an attribution.
_NAMED, _PRONOUN, _UNNAMED = "named", "pronoun", "unnamed"


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Lex:
    post: tuple[str, ...]
    subject: tuple[str, ...]
    intro: tuple[str, ...]
    pronouns: frozenset[str]
    honorifics: frozenset[str]
    degrees: frozenset[str]
    titles: frozenset[str]
    regions: frozenset[str]
    stops: frozenset[str]
    verbs: frozenset[str]
    region_types: frozenset[str] = frozenset({"desa", "kelurahan", "kecamatan", "kabupaten", "kota", "provinsi", "dusun"})


def _has_data(name: str) -> bool:
    return resources.files("pipeline").joinpath("data").joinpath(name).is_file()


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    sections: dict[str, list[str]] = {"post": [], "subject": [], "intro": []}
    for line in load_lines("speech_verbs.txt"):
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0] in sections:
            sections[parts[0]].append(parts[1].strip().lower())
        else:
            LOGGER.warning("speech_verbs.txt: ignoring line %r", line)
    regions: set[str] = set(_gazetteer_words())
    if _has_data("region_aliases.tsv"):
        for row in load_tsv("region_aliases.tsv"):
            alias = row.get("alias", "")
            regions.update(w.lower() for w in alias.split())

    def longest_first(xs: list[str]) -> tuple[str, ...]:
        return tuple(sorted(set(xs), key=lambda s: (-len(s), s)))

    return _Lex(
        post=longest_first(sections["post"]),
        subject=longest_first(sections["subject"]),
        intro=longest_first(sections["intro"]),
        pronouns=frozenset(w.lower() for w in load_lines("quotes_pronouns.txt")),
        honorifics=frozenset(_norm(w) for w in _lines_union("honorifics.txt") if _norm(w)),
        degrees=frozenset(_norm(w) for w in _lines_union("degrees.txt") if _norm(w)),
        titles=frozenset(_norm(w) for w in load_lines("quotes_title_words.txt")),
        stops=frozenset(w.lower() for w in load_lines("quotes_stopwords.txt")),
        regions=frozenset(regions),
        verbs=frozenset(sections["post"] + sections["subject"] + sections["intro"]),
    )


def _lines_union(*names: str) -> list[str]:
    """Entries of the ``.txt`` lists that exist (the officials stage keeps its own
    honorifics and degrees; quotes adds to them)."""
    out: list[str] = []
    for name in names:
        if _has_data(name):
            out.extend(load_lines(name))
    return out


def _gazetteer_words() -> set[str]:
    """Words that start province, regency and city names (``Sleman``, ``Deli`` of
    ``Deli Serdang``), to tell a place from a person in a name as written."""
    try:
        from lokal import wilayah

        base = wilayah._base()
    except Exception as e:  # the gazetteer is optional here: names still work without it
        LOGGER.warning("no region names from lokal: %s", e)
        return set()
    out = set()
    for code, name in base.items():
        if code.count(".") > 1:
            continue
        words = re.sub(r"^(?:Kabupaten|Kota|Provinsi)\s+", "", name).split()
        if words:
            out.add(_norm(words[0]))
    return out


@lru_cache(maxsize=1)
def _title_forms() -> dict[str, str]:
    """One-word position abbreviations (lower-case) to their full forms
    (``kades`` -> ``kepala desa``), from ``titles.tsv`` when present."""
    out: dict[str, str] = {}
    if not _has_data("titles.tsv"):
        return out
    for row in load_tsv("titles.tsv"):
        abbr, full = (row.get("abbr") or "").strip(), (row.get("full") or "").strip()
        if abbr and full and " " not in abbr and row.get("kind", "title") == "title":
            out.setdefault(abbr.lower(), " ".join(re.findall(r"[\w-]+", full.lower())))
    return out


def _alt(words: tuple[str, ...]) -> str:
    if not words:
        raise ValueError("empty word list for a pattern")
    return "|".join(re.escape(w) for w in words)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    lx = _lex()
    post, subj, intro = _alt(lx.post), _alt(lx.subject), _alt(lx.intro)
    return {
        # "...," ujar Budi / katanya / kata dia   (after the closing mark)
        "post": re.compile(rf"^[\s,.;:]*(?P<verb>(?i:{post}))(?P<nya>nya)?(?![\w-])", re.V0),
        # "...". Demikian disampaikan Budi / Hal itu dikatakan oleh Budi
        "post_passive": re.compile(
            r"^[\s,.;:]*(?P<verb>(?i:demikian|hal\s+itu|hal\s+tersebut|begitu)\s+"
            r"di(?:katakan|sampaikan|ungkapkan|jelaskan|tegaskan|tuturkan|paparkan|terangkan|utarakan)"
            r"(?:\s+oleh)?)(?![\w-])",
            re.V0,
        ),
        # "...," Budi menambahkan / ia menambahkan
        "post_subject": re.compile(
            rf"^[\s,.;:]*(?P<subj>[^\s,.;:\"“”]+(?:[ \t]+[^\s,.;:\"“”]+){{0,7}}?)[ \t]*,?[ \t]+"
            rf"(?P<verb>(?i:{subj}))(?![\w-])",
            re.V0,
        ),
        # Budi mengatakan, "..."   (before the opening mark)
        "pre_subject": re.compile(rf"(?<![\w-])(?P<verb>(?i:{subj}))(?:[ \t]+bahwa)?[ \t]*[,:]?[ \t]*$", re.V0),
        # Menurut Budi, "..."
        "pre_intro": re.compile(rf"(?<![\w-])(?P<verb>(?i:{intro}))[ \t]+(?P<name>[^,:;\"“”\n]+?)[ \t]*[,:][ \t]*$", re.V0),
        # a subject speech verb right after a name ("Budi mengatakan", "Budi, mengatakan")
        "after_name": re.compile(rf"^[ \t]*,?[ \t]*(?:(?:juga|pun|kemudian|lalu|pula|turut)[ \t]+)?(?i:{subj})(?![\w-])", re.V0),
        # an intro verb shortly before a name ("kata Budi", "Lanjut Kepala Dinas Budi")
        "before_name": re.compile(rf"(?<![\w-])(?i:{intro}|{post})[ \t]+(?:[\w.()/-]+[ \t]+){{0,8}}$", re.V0),
        # any subject speech verb; an intro verb and what follows it
        "subject_verb": re.compile(rf"(?<![\w-])(?i:{subj})(?![\w-])", re.V0),
        "intro_name": re.compile(rf"(?<![\w-])(?i:{intro})[ \t]+([^,.;:\n]+)", re.V0),
        # a word that ends the name part of an attribution ("saat", "kepada")
        "stop": re.compile(r"(?<![\w-])(?:" + _alt(tuple(sorted(lx.stops))) + r")(?![\w-])", re.V0),
    }


_NON_WORD = re.compile(r"[^\w]")


def _norm(word: str) -> str:
    return _NON_WORD.sub("", word).lower()


# --------------------------------------------------------------------------- spans


@dataclass
class _QSpan:
    """A quotation: marks at ``open_mark``/``close_mark``; text at ``start:end``."""

    open_mark: int
    close_mark: Optional[int]  # None: left open to the end of the paragraph
    start: int
    end: int
    para_start: int
    para_end: int
    speaker: Optional[str] = None
    kind: Optional[str] = None
    cue: Optional[Mention] = None

    @property
    def after(self) -> int:
        """Offset just past the quote (after its closing mark)."""
        return (self.close_mark + 1) if self.close_mark is not None else self.para_end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, except that a line leaving a quotation open is
    joined with the next line when that one closes it (hard-wrapped text); a
    next line opening with a mark starts a new quoted paragraph instead."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[tuple[int, int]] = []
    open_marks = 0
    for s, e in lines:
        chunk = text[s:e]
        n = sum(1 for ch in chunk if ch in QUOTE_MARKS)
        if out and open_marks % 2 == 1 and chunk.strip() and chunk.lstrip()[0] not in QUOTE_MARKS and n % 2 == 1:
            out[-1] = (out[-1][0], e)
            open_marks += n
            continue
        out.append((s, e))
        open_marks = n
    return out


def quote_spans(text: str) -> list[_QSpan]:
    """Quotations in ``text``: marks paired in order within each paragraph.

    text (str): the article body.
    RETURNS (list[_QSpan]): spans with non-empty text, in order.
    """
    spans: list[_QSpan] = []
    for p_start, p_end in _paragraphs(text):
        marks = [i for i in range(p_start, p_end) if text[i] in QUOTE_MARKS]
        i = 0
        while i < len(marks):
            o = marks[i]
            c = marks[i + 1] if i + 1 < len(marks) else None
            i += 2
            inner_start, inner_end = o + 1, (c if c is not None else p_end)
            raw = text[inner_start:inner_end]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            s, e = inner_start + lead, inner_end - trail
            if e <= s or not re.search(r"\w", text[s:e]):
                continue
            spans.append(_QSpan(o, c, s, e, p_start, p_end))
    spans.extend(_single_quoted(text, spans))
    spans.sort(key=lambda q: q.open_mark)
    return spans


@lru_cache(maxsize=1)
def _single_quote_pattern() -> re.Pattern:
    post = _alt(_lex().post)
    return re.compile(
        r"(?:(?<=^)|(?<=[\s:(]))[‘'](?P<body>[^\W\d_][^‘’'\n]{2,600}?[,.!?])[’'](?=[ \t]*(?i:" + post + r")(?![\w-]))",
        re.M | re.V0,
    )


def _single_quoted(text: str, taken: list[_QSpan]) -> list[_QSpan]:
    """Speech in single marks (``‘Kami siap,’ kata Budi``): only when the
    closing mark follows punctuation and is followed by a speech verb, since
    single marks are also apostrophes (``Jum'at``) and scare quotes."""
    out = []
    for m in _single_quote_pattern().finditer(text):
        o, c = m.start(), m.end() - 1
        if any(q.open_mark <= o <= q.after for q in taken):
            continue
        p_start = text.rfind("\n", 0, o) + 1
        p_end = text.find("\n", c)
        p_end = len(text) if p_end < 0 else p_end
        out.append(_QSpan(o, c, m.start("body"), m.end("body"), p_start, p_end))
    return out


# --------------------------------------------------------------------------- officials


@dataclass
class _Hit:
    start: int
    end: int
    name: str
    full: bool


_WORD_CHAR = re.compile(r"[\w-]")
_SPACES = re.compile(r"\s+")


def _find_words(text: str, words: list[str]) -> Iterator[tuple[int, int]]:
    """Where ``words`` occur in ``text`` as whole words, separated by whitespace: the matches
    of ``(?<![\\w-])w1\\s+w2...(?![\\w-])`` without compiling a pattern per name."""
    first, pos, n = words[0], 0, len(text)
    while (i := text.find(first, pos)) >= 0:
        end = i + len(first)
        ok = not (i and _WORD_CHAR.match(text, i - 1))
        for w in words[1:] if ok else ():
            gap = _SPACES.match(text, end)
            if gap is None or not text.startswith(w, gap.end()):
                ok = False
                break
            end = gap.end() + len(w)
        if ok and not (end < n and _WORD_CHAR.match(text, end)):
            yield i, end
            pos = end
        else:
            pos = i + 1


class _NameIndex:
    """Where officials are named: full names, their own mentions, and single
    distinctive name words (``Tutuk`` for ``Tutuk Munikah``)."""

    def __init__(self, text: str, officials: list[Official]) -> None:
        lx = _lex()
        self.hits: list[_Hit] = []
        owners: dict[str, set[str]] = {}
        for off in officials:
            name = speaker_name(off.name)
            if not name:
                continue  # "M Si": a degree the officials stage took for a name
            for m in off.mentions:
                if text[m.start : m.end] == m.text:
                    self.hits.append(_Hit(m.start, m.end, name, True))
            words = name.split()
            for s, e in _find_words(text, words):
                self.hits.append(_Hit(s, e, name, True))
            for w in words:
                n = _norm(w)
                if len(n) < MIN_NAME_WORD or n in lx.honorifics or n in lx.degrees or n in lx.titles:
                    continue
                if not w[:1].isupper():
                    continue
                owners.setdefault(w, set()).add(name)
        for w, names in owners.items():
            if len(names) != 1:
                continue  # shared by two officials: not distinctive
            name = next(iter(names))
            for s, e in _find_words(text, [w]):
                self.hits.append(_Hit(s, e, name, False))
        # Drop word hits inside full hits; sort by position.
        fulls = [h for h in self.hits if h.full]
        self.hits = [
            h for h in self.hits if h.full or not any(f.start <= h.start and h.end <= f.end for f in fulls)
        ]
        # A one-word "name" right after Desa/Kecamatan/... is a place the officials
        # stage took for a person ("Kepala Desa Sukamaju, Dede"): not a speaker.
        self.hits = [
            h for h in self.hits if not (len(h.name.split()) == 1 and _after_region_word(text, h.start, lx))
        ]
        self.hits.sort(key=lambda h: (h.start, -h.end))

    def within(self, lo: int, hi: int) -> list[_Hit]:
        return [h for h in self.hits if lo <= h.start and h.end <= hi]


def speaker_name(name: Optional[str]) -> Optional[str]:
    """An official's name fit to name a speaker: without honorifics and degrees
    (``M Si`` alone is no name), and without leading region or position words
    the officials stage may have taken in (``Kaltim Rudiansyah Hamdani``) as
    long as two name words remain."""
    lx = _lex()
    words = [w for w in (name or "").split() if _norm(w) and _norm(w) not in lx.honorifics and _norm(w) not in lx.degrees]
    if _norm("".join(words)) in lx.degrees:
        return None  # "M Si", "S Sos": one degree split into words
    while len(words) > 1 and _norm(words[0]) in lx.titles:
        words = words[1:]
    while len(words) > 2 and (_norm(words[0]) in lx.regions or _norm(words[0]) in lx.titles):
        words = words[1:]
    if not words or sum(len(_norm(w)) for w in words) < MIN_NAME_WORD:
        return None
    if len(words) == 1 and (_norm(words[0]) in lx.titles or _norm(words[0]) in lx.pronouns):
        return None
    return " ".join(words)


def _after_region_word(text: str, pos: int, lx: _Lex) -> bool:
    """``text[pos:]`` follows a region word (``Desa``, ``Kecamatan``), not ``Wali Kota``."""
    m = re.search(r"(?:([\w-]+)[ \t]+)?([\w-]+)[ \t]+$", text[max(0, pos - 40) : pos])
    return bool(m) and _norm(m.group(2)) in lx.region_types and _norm(m.group(1) or "") != "wali"


# --------------------------------------------------------------------------- names as written


def _clean_name(phrase: str, place_words: frozenset[str]) -> Optional[str]:
    """A person's name from an attribution phrase as written: the trailing run of
    name-like capitalised words, without positions, places and honorifics."""
    lx = _lex()
    phrase = re.sub(r"\([^)]*\)?", " ", phrase)
    words = [w.strip(",;:") for w in phrase.split()]
    words = [w for w in words if w]
    run: list[str] = []
    for w in reversed(words):
        n = _norm(w)
        if not n:
            break
        if n in lx.degrees and run == []:
            continue  # degree after the name
        if n in lx.honorifics or n in lx.pronouns or (n.endswith("nya") and n[:-3] in lx.verbs):
            break  # "Menurutnya", "Ia": not a name
        letters = re.sub(r"[^\p{L}]", "", w)
        if not letters or not letters[0].isupper():
            break
        if len(letters) >= 3 and letters.isupper():
            break  # an acronym: an agency
        if n in lx.titles or n in lx.regions or n in place_words:
            break
        run.append(w.rstrip("."))
    run.reverse()
    if not run:
        return None
    # "Kepala Desa Sukamaju Ahmad Yani": the word after a region word is the region's name
    head = words[: len(words) - len(run)]
    if head and _norm(head[-1]) in lx.region_types:
        run = run[1:]
        if not run:
            return None
    return " ".join(run)


# --------------------------------------------------------------------------- attribution


class _Resolver:
    """Finds the attribution of each quote and resolves its speaker."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        officials = [o for o in (doc._.officials or []) if isinstance(o, Official)]
        self.officials = officials
        self.index = _NameIndex(self.text, officials)
        places = getattr(doc._, "places", None) or []
        self.place_words = frozenset(w.lower() for p in places for w in getattr(p, "name", "").split())
        self.pat = _patterns()
        self.lx = _lex()

    # -- a region of text naming the speaker -------------------------------------
    def _segment_end(self, pos: int, limit: int) -> int:
        """End of the attribution phrase starting at ``pos``: first comma, colon,
        parenthesis, or sentence-ending period (not one after an honorific)."""
        t = self.text
        i = pos
        while i < limit:
            ch = t[i]
            if ch in ",;:(\n" or ch in QUOTE_MARKS:
                return i
            if ch in ".!?":
                prev = re.search(r"(\w+)$", t[pos:i])
                nxt = t[i + 1 : i + 2]
                is_abbrev = prev is not None and (
                    _norm(prev.group(1)) in self.lx.honorifics or len(prev.group(1)) == 1
                )
                if not is_abbrev and (nxt == "" or nxt.isspace() or nxt in QUOTE_MARKS):
                    return i
            i += 1
        return limit

    def _sentence_end(self, pos: int, limit: int) -> int:
        t = self.text
        i = pos
        while i < limit:
            if t[i] == "\n" or t[i] in QUOTE_MARKS:
                return i
            if t[i] in ".!?" and (i + 1 >= limit or t[i + 1].isspace()):
                prev = re.search(r"(\w+)$", t[pos:i])
                if not (prev and (_norm(prev.group(1)) in self.lx.honorifics or len(prev.group(1)) == 1)):
                    return i
            i += 1
        return limit

    def _name_in(self, lo: int, hi: int, last: bool = False) -> Optional[str]:
        hits = self.index.within(lo, hi)
        if not hits:
            return None
        return (hits[-1] if last else hits[0]).name

    def named_after(self, lo: int, limit: int) -> tuple[str, Optional[str], int]:
        """Speaker named from ``lo`` (just after a verb) on: (kind, name, end of the name)."""
        t = self.text
        m = re.match(r"[ \t]*([\w'-]+)", t[lo:limit])
        if not m:
            return _UNNAMED, None, lo
        first = m.group(1)
        if first.lower() in self.lx.pronouns:
            return _PRONOUN, None, lo + m.end(1)
        seg_end = self._segment_end(lo, limit)
        stop = self.pat["stop"].search(t, lo, seg_end)
        name_end = stop.start() if stop else seg_end
        hits = self.index.within(lo, name_end)
        if hits:
            # the person closest to the end of the attribution phrase
            appo = self._apposition(hits[-1].end, limit)
            if appo:
                return _NAMED, appo, hits[-1].end
            other = self._other_person(hits[-1], name_end)
            if other:
                return _NAMED, other[0], other[1]
            return _NAMED, hits[-1].name, hits[-1].end
        # "ujar Kepala Bidang X Pati, Agustin, Selasa", "kata seorang warga, Siti":
        # look on to the sentence end.
        hits = self.index.within(lo, self._sentence_end(lo, limit))
        if hits:
            return _NAMED, hits[0].name, hits[0].end
        written, end = self._written_name(lo, self._sentence_end(lo, limit))
        if not first[:1].isupper():
            # "ujar warga": unnamed, unless a name follows ("ujar seorang warga, Siti Aminah")
            # or a position names the official who holds it ("ujar bupati")
            if not written and _norm(first) in self.lx.titles:
                written = self._by_title(t[lo:seg_end])
            return (_NAMED, written, end) if written else (_UNNAMED, None, lo + m.end(1))
        if written is None:
            # "kata Camat": a position alone names the official who holds it
            written = self._by_title(t[lo:seg_end])
        return (_NAMED, written, end) if written else (_UNNAMED, None, seg_end)

    def _other_person(self, hit: _Hit, hi: int) -> Optional[tuple[str, int]]:
        """The name as written when a single name word of an official runs on
        into words not in that official's name (``kata Budi Santoso`` where the
        official is ``Budi Hartono``): another person, whom the officials stage
        missed.  RETURNS (name, end) or None."""
        if hit.full:
            return None
        m = re.match(r"(?:[ \t]+\p{Lu}[\p{L}'-]+)+", self.text[hit.end : hi])
        if not m:
            return None
        known = {_norm(w) for w in hit.name.split()}
        extra = [w for w in m.group(0).split() if _norm(w) not in known]
        if not extra or any(_norm(w) in self.lx.titles or _norm(w) in self.lx.regions for w in extra):
            return None
        end = hit.end + m.end()
        return self.text[hit.start : end], end

    def _by_title(self, phrase: str) -> Optional[str]:
        """The official whose position is ``phrase`` (``Camat``, ``Kepala Desa X``,
        ``Kades`` for ``Kepala Desa``)."""
        words = re.findall(r"[\w-]+", phrase.lower())
        if words:
            words[0] = _title_forms().get(words[0], words[0])
        p = " ".join(words)
        if not p:
            return None
        for off in self.officials:
            title = " ".join(re.findall(r"[\w-]+", (off.title or "").lower()))
            if title and (p == title or p.startswith(title + " ") or title.startswith(p + " ")):
                return speaker_name(off.name)
        return None

    def _written_name(self, lo: int, hi: int, segments: int = 2) -> tuple[Optional[str], int]:
        """A name as written in ``text[lo:hi]``: the trailing name words of the
        first comma-separated segment, cut at a stop word (``saat``, ``di``);
        when that segment is only a position, the next segment (``..., Budi,``).

        RETURNS (tuple): the name or None, and the end offset of what was read.
        """
        t = self.text
        pos = lo
        for seg in re.finditer(r"[^,;:]+", t[lo:hi]):
            if segments <= 0:
                break
            segments -= 1
            seg_lo, seg_hi = lo + seg.start(), lo + seg.end()
            cut = seg_hi
            for w in re.finditer(r"[\w'-]+", t[seg_lo:seg_hi]):
                if w.group(0) in self.lx.stops:
                    cut = seg_lo + w.start()
                    break
            name = _clean_name(t[seg_lo:cut], self.place_words)
            if name:
                last = name.split()[-1]
                k = t.rfind(last, seg_lo, cut)
                return name, (k + len(last)) if k >= 0 else cut
            pos = cut
            if cut < seg_hi:
                break  # the circumstances of the statement begin: no name follows
        return None, pos

    def named_before(self, lo: int, hi: int) -> tuple[str, Optional[str]]:
        """Speaker named in the subject ``text[lo:hi]`` just before a speech verb."""
        t = self.text
        words = [w.lower().strip(",") for w in t[lo:hi].split()]
        if words and (words[-1] in self.lx.pronouns or words[0] in self.lx.pronouns):
            return _PRONOUN, None  # "ia menambahkan", "Ia juga mengatakan"
        name = self._name_in(lo, hi, last=True)
        if name:
            return _NAMED, name
        sub = re.split(r"[,;:]", t[lo:hi])[-1] if t[lo:hi].strip() else ""
        if not sub.strip():
            sub = t[lo:hi]
        written = _clean_name(sub, self.place_words)
        return (_NAMED, written) if written else (_UNNAMED, None)

    # -- the attribution of one quote --------------------------------------------
    def attribute(self, q: _QSpan) -> None:
        t = self.text
        after = q.after
        tail = t[after : q.para_end]
        m = self.pat["post"].match(tail)
        if m:
            v0, v1 = after + m.start("verb"), after + m.end("verb")
            if m.group("nya"):
                q.kind, q.speaker = _PRONOUN, None
                q.cue = Mention(text=t[v0 : after + m.end()], start=v0, end=after + m.end())
                return
            kind, name, end = self.named_after(v1, q.para_end)
            q.kind, q.speaker = kind, name
            q.cue = _mention(t, v0, max(end, v1))
            return
        m = self.pat["post_passive"].match(tail)
        if m:
            v0, v1 = after + m.start("verb"), after + m.end("verb")
            kind, name, end = self.named_after(v1, q.para_end)
            q.kind, q.speaker = kind, name
            q.cue = _mention(t, v0, max(end, v1))
            return
        m = self.pat["post_subject"].match(tail)
        if m:
            s0, s1 = after + m.start("subj"), after + m.end("subj")
            subj = m.group("subj")
            # After a quote ending a sentence ('."'), "Budi menjelaskan bahwa ..." starts
            # a new statement; only "Budi menambahkan." closes the quote.
            closes = t[q.end - 1 : q.end] == "," or re.match(r"[ \t]*(?:[.!?]|$)", t[after + m.end("verb") : q.para_end])
            if closes and (subj[:1].isupper() or (subj.split() or [""])[0].lower() in self.lx.pronouns):
                kind, name = self.named_before(s0, s1)
                q.kind, q.speaker = kind, name
                q.cue = _mention(t, s0, after + m.end("verb"))
                return
        head = t[q.para_start : q.open_mark]
        m = self.pat["pre_intro"].search(head)
        if m:
            n0 = q.para_start + m.start("name")
            n1 = q.para_start + m.end("name")
            kind, name, _ = self.named_after(n0, n1)
            q.kind, q.speaker = kind, name
            q.cue = _mention(t, q.para_start + m.start("verb"), n1)
            return
        m = self.pat["pre_subject"].search(head)
        if m:
            v0 = q.para_start + m.start("verb")
            sent_lo = self._sentence_start(v0, q.para_start)
            kind, name = self.named_before(sent_lo, v0)
            q.kind, q.speaker = kind, name
            cue_lo = v0
            if kind == _NAMED:
                hits = self.index.within(sent_lo, v0)
                cue_lo = hits[-1].start if hits else _last_capital_run_start(t, sent_lo, v0)
            elif kind == _PRONOUN:
                cue_lo = _last_word_start(t, sent_lo, v0)
            q.cue = _mention(t, cue_lo, q.para_start + m.end("verb"))
            return
        q.kind = None

    def _sentence_start(self, pos: int, lo: int) -> int:
        t = self.text
        i = pos - 1
        while i > lo:
            if t[i] in ".!?" and t[i + 1 : i + 2].isspace():
                prev = re.search(r"(\w+)$", t[lo:i])
                if not (prev and (_norm(prev.group(1)) in self.lx.honorifics or len(prev.group(1)) == 1)):
                    return i + 1
            i -= 1
        return lo

    # -- pronouns ------------------------------------------------------------------
    def _skip_degrees(self, pos: int, hi: int) -> str:
        """The text after a name, from ``pos``, past degrees (``, S.Sos., M.Si.``)."""
        t = self.text
        while True:
            m = re.match(r"[ \t]*,?[ \t]*([\w.]+\.?)", t[pos:hi])
            if not m or _norm(m.group(1)) not in self.lx.degrees or not _norm(m.group(1)):
                break
            pos += m.end()
        return t[pos : min(hi, pos + 40)]

    def speech_cued(self, lo: int, hi: int) -> Optional[str]:
        """The last person introduced as speaking, or as the subject of a sentence,
        in ``text[lo:hi]`` (``Budi mengatakan``, ``Menurut Budi``, ``Camat X,
        Budi, memastikan ...``)."""
        best: Optional[str] = None
        for s_lo, s_hi in self._sentences(lo, hi):
            name = self._sentence_speaker(s_lo, s_hi)
            if name:
                best = name
        return best

    def _sentences(self, lo: int, hi: int) -> list[tuple[int, int]]:
        out, pos = [], lo
        while pos < hi:
            end = self._sentence_end(pos, hi)  # index of the delimiter (or hi)
            if end > pos and re.search(r"\w", self.text[pos:end]):
                out.append((pos, end))
            pos = max(end, pos) + 1
        return out

    def _sentence_speaker(self, lo: int, hi: int) -> Optional[str]:
        t = self.text
        hits = self.index.within(lo, hi)
        cued = [
            h
            for h in hits
            if self.pat["after_name"].match(self._skip_degrees(h.end, hi))
            or self.pat["before_name"].search(t[lo : h.start])
        ]
        if cued:
            return cued[-1].name
        subjects = [h for h in hits if self._subject_prefix(t[lo : h.start])]
        if subjects:
            # "Camat X, Budi, ...": the apposition names the person
            return self._apposition(subjects[-1].end, hi) or subjects[-1].name
        if hits:
            return None  # officials named, but not as speakers: do not guess from the text
        # Names the officials recogniser missed, as written.
        for verb in self.pat["subject_verb"].finditer(t, lo, hi):
            prefix = t[lo : verb.start()]
            words = re.findall(r"[\w'-]+", prefix)
            if not words:
                continue  # "Menanggapi hal itu, ...": not a speaker's verb
            if words[-1].lower() in self.lx.pronouns:
                return None
            name = self._name_from_segments(prefix.split(","), 3)
            if name:
                return name
        m = self.pat["intro_name"].search(t, lo, hi)
        if m and (m.group(1).split() or [""])[0].lower() not in self.lx.pronouns:
            name = _clean_name(m.group(1), self.place_words)
            if name:
                return name
        segs = []
        for seg in t[lo:hi].split(","):
            if not self._subject_prefix(seg) or not re.search(r"\p{Lu}", seg):
                break
            segs.append(seg)
        if 0 < len(segs) < len(t[lo:hi].split(",")):
            return self._name_from_segments(segs, 3)
        return None

    def _name_from_segments(self, segs: list[str], n: int) -> Optional[str]:
        """A name as written in the last of ``segs`` (comma-separated) that holds
        one, looking back at most ``n`` segments (degrees alone are skipped)."""
        segs = [x for x in segs if re.search(r"\w", x) and not self._degrees_only(x)]
        for seg in reversed(segs[-n:] if n else segs):
            name = _clean_name(seg, self.place_words)
            if name and _norm((name.split() or [""])[0]) not in self.lx.pronouns:
                return name
        return None

    def _apposition(self, pos: int, hi: int) -> Optional[str]:
        """A person's name in apposition right after ``pos`` (``Ketua BPD X, Ujang
        Rohman, ...``) that is not a recognised official: the officials stage took
        a place for the person."""
        m = re.match(r",[ \t]*([^,.;:\n()]+?)[ \t]*,", self.text[pos:hi])
        if not m or self.index.within(pos + m.start(1), pos + m.end(1)):
            return None
        words = m.group(1).split()
        if len(words) < 2 or any(not w[:1].isupper() for w in words):
            return None
        name = _clean_name(m.group(1), self.place_words)
        return name if name and len(name.split()) >= 2 else None

    def _degrees_only(self, seg: str) -> bool:
        toks = [_norm(x) for x in seg.split()]
        return bool(toks) and all(x in self.lx.degrees for x in toks if x)

    def _subject_prefix(self, prefix: str) -> bool:
        """Text before a name in its sentence that leaves the name its subject: no
        verb-like or prepositional lower-case word (``Sementara itu, Camat X, ``)."""
        words = re.findall(r"[\w'-]+", prefix)
        if len(words) > 14:
            return False
        for w in words:
            if w[:1].isupper() or w.lower() in self.lx.honorifics:
                continue
            low = w.lower()
            if low in self.lx.stops or low in {"oleh", "bersama", "kepada", "pada", "para"}:
                return False
            if re.match(r"(?:me|di|ber|ke)\w{3,}", low):
                return False
        return True


def _mention(text: str, start: int, end: int) -> Mention:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Mention(text=text[start:end], start=start, end=end)


def _last_capital_run_start(text: str, lo: int, hi: int) -> int:
    runs = list(re.finditer(r"\p{Lu}[\w.'-]*(?:[ \t]+\p{Lu}[\w.'-]*)*", text[lo:hi]))
    return lo + runs[-1].start() if runs else hi


def _last_word_start(text: str, lo: int, hi: int) -> int:
    m = re.search(r"([\w-]+)[ \t,]*$", text[lo:hi])
    return lo + m.start(1) if m else hi


def _word_count(s: str) -> int:
    return len(re.findall(r"\w+", s))


# --------------------------------------------------------------------------- entry point


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct quotes attributed to named speakers.

    doc (Doc): the article; reads ``doc_text(doc)`` and ``doc._.officials``
        (and ``doc._.places`` to tell places from names).
    RETURNS (list[Quote]): one per quotation with a named speaker, in order.
    """
    text = doc_text(doc)
    spans = quote_spans(text)
    if not spans:
        return []
    res = _Resolver(doc)
    for q in spans:
        res.attribute(q)

    # Unattributed quotes: continuation of a following attributed quote in the
    # same paragraph, or of the quote opening the next paragraph when left open.
    for i, q in enumerate(spans):
        if q.kind is not None:
            continue
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if nxt is None:
            continue
        same_para = nxt.para_start == q.para_start and not re.search(r"\w", text[q.after : nxt.open_mark])
        opens_next = q.close_mark is None and not text[nxt.para_start : nxt.open_mark].strip()
        if (same_para or opens_next) and nxt.kind is not None:
            q.kind, q.speaker = nxt.kind, nxt.speaker
            q.cue = nxt.cue

    out: list[Quote] = []
    last_speaker: Optional[str] = None
    anchor = 0
    for q in spans:
        kind = q.kind
        if kind is None:
            opens_para = not text[q.para_start : q.open_mark].strip()
            if opens_para and _word_count(text[q.start : q.end]) >= MIN_UNATTRIBUTED_WORDS:
                kind = _PRONOUN  # a paragraph of speech continues the last speaker
            else:
                continue
        speaker = q.speaker
        if kind == _PRONOUN and speaker is None:
            speaker = res.speech_cued(anchor, q.open_mark) or last_speaker
            if speaker is None:
                before = res.index.within(0, q.open_mark)
                speaker = before[-1].name if before else None
        if kind == _UNNAMED or not speaker:
            LOGGER.debug("quote at %d left out: no named speaker", q.start)
            anchor = max(anchor, q.after)
            continue
        out.append(Quote(speaker=speaker, text=text[q.start : q.end], start=q.start, end=q.end, cue=q.cue))
        last_speaker = speaker
        anchor = max(anchor, q.cue.end if q.cue is not None and q.cue.end > q.after else q.after)
    return out
