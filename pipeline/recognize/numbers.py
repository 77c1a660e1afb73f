"""Indonesian numerals: parse one (``parse_number``) or find them in text (``find_numbers``).

Indonesian writes ``364.858.000`` (dots group thousands) and ``0,7480`` (comma
is the decimal point); IDM values are often written with a dot (``0.9981``).
Numbers may be words (``dua puluh lima``, ``seratus``, ``seribu``) and may
carry a scale word (``1,5 miliar``, ``Rp.900 Juta``).  Word lists live in
``pipeline/data/number_words.tsv`` and ``numbers_scales.tsv``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional

import regex

from .. import lexicons

LOGGER = logging.getLogger(__name__)

NumberKind = Literal["plain", "money", "percent"]


@dataclass(frozen=True)
class NumberSpan:
    """A number found in text: ``text[start:end]`` is the figure as written.

    value (float): the number (scale words applied; money in rupiah).
    kind: ``plain``, ``money`` (rupiah) or ``percent``.
    is_word (bool): written with number words (``empat``) rather than digits.
    has_decimal (bool): the figure had a decimal part (``0,7480``).
    """

    start: int
    end: int
    value: float
    kind: NumberKind = "plain"
    text: str = ""
    is_word: bool = False
    has_decimal: bool = False


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=None)
def _words() -> dict[str, tuple[int, str]]:
    return {r["word"].lower(): (int(r["value"]), r["kind"]) for r in lexicons.load_tsv("number_words.tsv")}


@lru_cache(maxsize=None)
def _scales() -> dict[str, tuple[int, bool]]:
    out: dict[str, tuple[int, bool]] = {}
    for r in lexicons.load_tsv("numbers_scales.tsv"):
        word = r["word"] if r["money_only"] == "1" else r["word"].lower()
        out[word] = (int(r["value"]), r["money_only"] == "1")
    return out


def _scale_value(word: str, money: bool) -> Optional[int]:
    """Multiplier for a scale word (``Juta`` -> 10**6); abbreviations only for money."""
    scales = _scales()
    hit = scales.get(word.lower())
    if hit and not hit[1]:
        return hit[0]
    hit = scales.get(word) or scales.get(word.lower())
    if hit and (money or not hit[1]):
        return hit[0]
    return None


# --------------------------------------------------------------------------- parsing

_DIGITS = regex.compile(r"\d[\d.,]*")
_COMMA_GROUPS = regex.compile(r"\d{1,3}(?:,\d{3})+")
_DOT_GROUPS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_WORD_SPLIT = regex.compile(r"[\s\-]+")
_PERCENT_TAIL = regex.compile(r"(?i)\s*(%|persen)$")
_RP_HEAD = regex.compile(r"(?i)rp\b|rp\.|rp\d")
_RP_PREFIX = regex.compile(r"(?i)^rp\.?\s*")


def parse_digits(s: str) -> Optional[float]:
    """A numeral written with digits, the Indonesian way (see module doc); None if not one.

    ``5.300`` -> 5300, ``364.858.000`` -> 364858000, ``0,7480`` -> 0.748,
    ``0.9981`` -> 0.9981, ``24,4`` -> 24.4, ``364.858.000,-`` -> 364858000.
    """
    s = s.strip()
    for tail in (",-", ".-", ",--", "-"):
        if s.endswith(tail):
            s = s[: -len(tail)]
            break
    s = s.rstrip(".,")
    if not s or not _DIGITS.fullmatch(s):
        return None
    dots, commas = s.count("."), s.count(",")
    try:
        if dots and commas:
            if s.rfind(",") > s.rfind("."):  # 1.234,5 (Indonesian)
                return float(s.replace(".", "").replace(",", "."))
            return float(s.replace(",", ""))  # 1,234.5 (English)
        if commas:
            if commas == 1:
                return float(s.replace(",", "."))
            if _COMMA_GROUPS.fullmatch(s):
                return float(s.replace(",", ""))
            return None
        if dots:
            if dots > 1:
                if _DOT_GROUPS.fullmatch(s):
                    return float(s.replace(".", ""))
                return None
            head, tail = s.split(".")
            # 5.300 / 74.955 are thousands; 0.9981, 0.748, 2.5 are decimals
            if len(tail) == 3 and head != "0" and not head.startswith("0"):
                return float(head + tail)
            return float(s)
        return float(s)
    except ValueError:
        return None


def parse_words(text: str) -> Optional[float]:
    """A number written in words (``dua puluh lima`` -> 25, ``seribu`` -> 1000); None if not one."""
    tokens = [t for t in _WORD_SPLIT.split(text.strip().lower()) if t]
    if not tokens:
        return None
    words = _words()
    total = 0
    group = 0  # below one thousand, being built
    pending: Optional[int] = None  # a digit word waiting for its multiplier
    seen = False
    for tok in tokens:
        entry = words.get(tok)
        if entry is None:
            return None
        value, kind = entry
        seen = True
        if kind == "digit":
            if pending is not None:
                return None
            pending = value
        elif kind in ("teen", "tens", "hundreds"):
            if pending is None:
                return None
            group += pending + 10 if kind == "teen" else pending * value
            pending = None
        elif kind == "whole":
            if pending is not None:
                return None
            group += value
        elif kind == "se_scale":
            if pending is not None or group:
                # "dua ratus seribu" is not a number
                return None
            total += value
        elif kind == "scale":
            amount = group + (pending or 0)
            if amount == 0:
                return None
            total += amount * value
            group, pending = 0, None
    if not seen:
        return None
    return float(total + group + (pending or 0))


_NUMBER_TEXT = regex.compile(
    r"^(?:rp\.?\s*)?(?P<num>\d[\d.,]*?)(?:,-|\.-)?\s*(?P<scale>[[:alpha:]]+\.?)?$",
    regex.IGNORECASE,
)


def parse_number(text: str) -> Optional[float]:
    """One Indonesian numeral to a number; None if ``text`` is not one.

    Accepts digits (``0,7480``, ``5.300``, ``0.9981``), words (``tiga ratus``,
    ``se-``forms), scale words (``1,5 miliar``), a leading ``Rp``/``Rp.`` and a
    trailing ``%``/``persen`` (the value of ``24,4 persen`` is 24.4).
    """
    if not text or not text.strip():
        return None
    t = _PERCENT_TAIL.sub("", text.strip())
    money = bool(_RP_HEAD.match(t))
    m = _NUMBER_TEXT.match(t)
    if m:
        base = parse_digits(m.group("num"))
        if base is None:
            return None
        scale = m.group("scale")
        if scale:
            mult = _scale_value(scale, money) or _scale_value(scale.rstrip("."), money)
            if mult is None:
                return None
            return _clean_float(base * mult)
        return base
    return parse_words(_RP_PREFIX.sub("", t))


def _clean_float(x: float) -> float:
    """Round away binary noise (1.5 * 10**9 stays 1500000000.0)."""
    r = round(x, 6)
    return float(round(r)) if abs(r - round(r)) < 1e-9 else r


# --------------------------------------------------------------------------- finding


@lru_cache(maxsize=None)
def _patterns() -> tuple[regex.Pattern, regex.Pattern]:
    words = sorted(_words(), key=len, reverse=True)
    starters = [w for w, (_, k) in _words().items() if k in ("digit", "whole", "se_scale")]
    word_alt = "|".join(regex.escape(w) for w in words)
    start_alt = "|".join(regex.escape(w) for w in sorted(starters, key=len, reverse=True))
    word_num = rf"(?i:(?:{start_alt})(?:\s+(?:{word_alt}))*)(?!-)"
    scale_words = sorted(_scales(), key=len, reverse=True)
    scale_alt = "|".join(regex.escape(w.rstrip(".")) for w in scale_words)
    digits = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
    number = (
        rf"(?:(?P<digits>{digits})(?:,-|\.-)?|(?P<words>{word_num}))"
        rf"(?:\s*(?P<scale>(?i:{scale_alt}))(?:(?<=\p{{Ll}})-?an)?\b)?"
    )
    one = regex.compile(
        rf"(?<![\w.,/:])(?<![^\d\s]-)(?<!\d:)(?P<rp>(?i:rp)\.?\s*)?{number}(?P<pct>\s*(?:%|(?i:persen)\b))?(?![\w]|[.,]\d|/\d)",
        regex.VERSION0,
    )
    connector = regex.compile(r"\s*(?:–|—|-|s\.d\.?|s/d|hingga|sampai(?:\s+dengan)?|sd)\s*", regex.IGNORECASE)
    return one, connector


_RUPIAH_AFTER = regex.compile(r"\s*(?i:rupiah)\b")


def _value_of(m: regex.Match, money: bool) -> Optional[tuple[float, bool, bool]]:
    """(value, is_word, has_decimal) of one match of the number pattern."""
    if m.group("digits"):
        base = parse_digits(m.group("digits"))
        is_word = False
        raw = m.group("digits")
        has_decimal = bool(base is not None and (("," in raw and not raw.endswith(",-")) or (base != int(base))))
    else:
        base = parse_words(m.group("words"))
        is_word = True
        has_decimal = False
    if base is None:
        return None
    scale = m.group("scale")
    if scale:
        mult = _scale_value(scale, money)
        if mult is None:
            return None
        base = _clean_float(base * mult)
    return base, is_word, has_decimal


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number in ``text``, in order, with its kind (plain, money, percent).

    A money range ``Rp.900 Juta – Rp.1 Miliar`` gives two amounts; in
    ``Rp.700 – Rp.800 Juta`` the second amount's scale applies to the first.
    Scale abbreviations (``M``, ``T``, ``jt``) are read only after ``Rp``.
    """
    one, connector = _patterns()
    found: list[tuple[regex.Match, NumberSpan]] = []
    for m in one.finditer(text):
        money = bool(m.group("rp"))
        if m.group("scale") and not money and _scale_value(m.group("scale"), False) is None:
            # an abbreviation such as "M" only counts after Rp: re-read without it
            body = text[m.start() : m.start("scale")].rstrip()
            v = parse_number(body)
            if v is not None:
                found.append((m, NumberSpan(m.start(), m.start() + len(body), v, "plain", body)))
            continue
        got = _value_of(m, money)
        if got is None:
            continue
        value, is_word, has_dec = got
        kind: NumberKind = "money" if money else ("percent" if m.group("pct") else "plain")
        if kind == "plain" and _RUPIAH_AFTER.match(text, m.end()):
            kind = "money"  # "1,2 miliar rupiah"
        end = m.end()
        span_text = text[m.start() : end]
        found.append((m, NumberSpan(m.start(), end, value, kind, span_text, is_word, has_dec)))

    # ranges: "Rp.700 – Rp.800 Juta", "Rp 60-70 ribu" -> the first takes the second's scale,
    # and a bare second number of a rupiah range is rupiah too
    for i in range(len(found) - 1):
        (m, span), (m2, nxt) = found[i], found[i + 1]
        if span.kind == "money" and nxt.kind == "plain" and connector.fullmatch(text[span.end : nxt.start]):
            found[i + 1] = (m2, NumberSpan(nxt.start, nxt.end, nxt.value, "money", nxt.text, nxt.is_word, nxt.has_decimal))
    out: list[NumberSpan] = []
    for i, (m, span) in enumerate(found):
        if span.kind == "money" and not m.group("scale") and i + 1 < len(found):
            m2, nxt = found[i + 1]
            gap = text[span.end : nxt.start]
            if nxt.kind == "money" and m2.group("scale") and connector.fullmatch(gap):
                mult = _scale_value(m2.group("scale"), True)
                if mult and span.value < 1000:
                    span = NumberSpan(
                        span.start, span.end, _clean_float(span.value * mult), "money", span.text,
                        span.is_word, span.has_decimal,
                    )
        out.append(span)
    return out
