"""Score records against gold files (``GOLD_FORMAT.md``): P/R/F1 per field.

Matching rules (from the end of ``GOLD_FORMAT.md``):

- names match after lower-casing and dropping honorifics and degrees, a
  shorter name matching a longer one that contains all its words, spacing
  ignored (``Pagar Alam`` = ``Pagaralam``);
- agencies match on the canonical name or any alias;
- places on name (as above) and type; dates on value;
- metrics on indicator, value (relative tolerance 1e-6) and year;
- quotes on speaker and on most of the words of the text;
- events on type and date;
- ``title``, ``source``, ``published`` and ``dateline`` by accuracy (a dateline
  within a typo of the gold counts); a matched official's title counts as right
  when one title's words contain the other's or they share at least half
  their words (reported as ``official_titles``, not part of the macro average).

List fields are scored micro over all articles, with one-to-one matching of
items inside an article.  The macro average is the mean over the eleven
fields.
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .lexicons import load_lines

LOGGER = logging.getLogger(__name__)

SCALAR_FIELDS = ("title", "source", "published", "dateline")
LIST_FIELDS = ("officials", "agencies", "places", "dates", "metrics", "quotes", "events")
FIELDS = SCALAR_FIELDS + LIST_FIELDS

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class FieldScore:
    """Counts for one field; scalar fields use ``correct``/``total``."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0
    scalar: bool = False

    @property
    def precision(self) -> float:
        if self.scalar:
            return self.accuracy
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        if self.scalar:
            return self.accuracy
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        if self.scalar:
            return self.accuracy
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class Report:
    """Scores of a run: per field, the macro average, and per-article misses."""

    fields: dict[str, FieldScore]
    official_titles: FieldScore
    articles: int
    missing_records: list[str] = field(default_factory=list)
    details: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return sum(self.fields[f].f1 for f in FIELDS) / len(FIELDS)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": self.articles,
            "missing_records": self.missing_records,
            "macro_f1": round(self.macro_f1, 4),
            "fields": {},
        }
        for name in FIELDS:
            s = self.fields[name]
            entry = {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
            entry.update({"correct": s.correct, "total": s.total} if s.scalar else {"tp": s.tp, "fp": s.fp, "fn": s.fn})
            out["fields"][name] = entry
        out["official_titles"] = {
            "accuracy": round(self.official_titles.accuracy, 4),
            "correct": self.official_titles.correct,
            "total": self.official_titles.total,
        }
        return out

    def table(self) -> str:
        lines = [f"{'field':<16}{'P':>8}{'R':>8}{'F1':>8}   counts"]
        for name in FIELDS:
            s = self.fields[name]
            counts = f"{s.correct}/{s.total} correct" if s.scalar else f"tp={s.tp} fp={s.fp} fn={s.fn}"
            lines.append(f"{name:<16}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}   {counts}")
        lines.append(f"{'macro F1':<16}{'':>16}{self.macro_f1:>8.3f}   over {len(FIELDS)} fields, {self.articles} articles")
        t = self.official_titles
        lines.append(f"{'official titles':<16}{'':>16}{t.accuracy:>8.3f}   {t.correct}/{t.total} matched officials")
        if self.missing_records:
            lines.append(f"no record for {len(self.missing_records)} gold article(s): {', '.join(self.missing_records)}")
        return "\n".join(lines)


# ---------------------------------------------------------------- normalising


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return text


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _name_affixes() -> tuple[set[str], set[str]]:
    """Honorifics and degrees (lower-case, dots removed) from the lexicons."""
    hon = {_norm_token(x) for x in load_lines("honorifics.txt")} if _has_data("honorifics.txt") else set()
    deg = {_norm_token(x) for x in load_lines("degrees.txt")} if _has_data("degrees.txt") else set()
    return hon, deg


def _has_data(name: str) -> bool:
    from importlib import resources

    return resources.files("pipeline").joinpath("data").joinpath(name).is_file()


def _norm_token(token: str) -> str:
    return re.sub(r"[^\w]", "", _fold(token))


_AFFIX_CACHE: Optional[tuple[set[str], set[str]]] = None


def name_words(name: str) -> list[str]:
    """Words of a person's name, lower-cased, without honorifics and degrees."""
    global _AFFIX_CACHE
    if _AFFIX_CACHE is None:
        _AFFIX_CACHE = _name_affixes()
    hon, deg = _AFFIX_CACHE
    # Degrees are written with dots and commas (``S.Sos``, ``SE.MM.``): cut at
    # the first comma, then drop dotted tokens that are degrees.
    raw = _strip_accents(_fold(name))
    parts = [p for p in re.split(r"[\s,]+", raw) if p]
    words = []
    for p in parts:
        n = re.sub(r"[^\w]", "", p)
        if not n:
            continue
        if n in hon or n in deg:
            continue
        # Multi-degree runs such as "se.mm." -> "semm": split on dots and check each piece.
        pieces = [x for x in p.split(".") if x]
        if len(pieces) > 1 and all(re.sub(r"[^\w]", "", x) in deg for x in pieces):
            continue
        words.append(n)
    return words


def names_match(a: str, b: str) -> bool:
    """Two person names (or place names) refer to the same entity."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    if "".join(wa) == "".join(wb):
        return True
    sa, sb = set(wa), set(wb)
    return sa <= sb or sb <= sa


def _norm_label(text: Optional[str]) -> str:
    """Agency names, sources, titles: lower-case, punctuation to spaces, spaces collapsed."""
    t = _strip_accents(_fold(text or ""))
    t = re.sub(r"[^\w/]+", " ", t)
    return " ".join(t.split())


def _words(text: Optional[str]) -> list[str]:
    return _WORD.findall(_strip_accents(_fold(text or "")))


def _levenshtein(a: str, b: str) -> int:
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# ------------------------------------------------------------------- matchers


def _agency_forms(item: dict) -> set[str]:
    forms = {_norm_label(item.get("name"))}
    forms.update(_norm_label(a) for a in item.get("aliases") or [])
    forms.discard("")
    return forms


def match_agency(pred: dict, gold: dict) -> bool:
    return bool(_agency_forms(pred) & _agency_forms(gold))


def match_place(pred: dict, gold: dict) -> bool:
    return pred.get("type") == gold.get("type") and names_match(pred.get("name") or "", gold.get("name") or "")


def match_official(pred: dict, gold: dict) -> bool:
    return names_match(pred.get("name") or "", gold.get("name") or "")


def match_date(pred: dict, gold: dict) -> bool:
    return (pred.get("value") or "") == (gold.get("value") or "")


def _close(a: Any, b: Any) -> bool:
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(fa, fb, rel_tol=1e-6, abs_tol=1e-9)


def match_metric(pred: dict, gold: dict) -> bool:
    return (
        pred.get("indicator") == gold.get("indicator")
        and _close(pred.get("value"), gold.get("value"))
        and pred.get("year") == gold.get("year")
    )


def text_overlap(a: str, b: str) -> float:
    """Share of the longer text's words found in the other (0..1)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    from collections import Counter

    ca, cb = Counter(wa), Counter(wb)
    common = sum((ca & cb).values())
    return common / max(len(wa), len(wb))


def match_quote(pred: dict, gold: dict) -> bool:
    return names_match(pred.get("speaker") or "", gold.get("speaker") or "") and text_overlap(
        pred.get("text") or "", gold.get("text") or ""
    ) >= 0.5


def match_event(pred: dict, gold: dict) -> bool:
    return pred.get("type") == gold.get("type") and (pred.get("date") or None) == (gold.get("date") or None)


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "officials": match_official,
    "agencies": match_agency,
    "places": match_place,
    "dates": match_date,
    "metrics": match_metric,
    "quotes": match_quote,
    "events": match_event,
}


def title_right(pred: Optional[str], gold: Optional[str]) -> bool:
    """An official's title: one's words contain the other's, or half shared."""
    if not pred and not gold:
        return True
    wp, wg = set(_words(pred)), set(_words(gold))
    if not wp or not wg:
        return False
    if wp <= wg or wg <= wp:
        return True
    return len(wp & wg) >= 0.5 * max(len(wp), len(wg))


def scalar_right(name: str, pred: Optional[str], gold: Optional[str]) -> bool:
    if gold in (None, "") or pred in (None, ""):
        return (gold in (None, "")) and (pred in (None, ""))
    if name == "published":
        return str(pred)[:10] == str(gold)[:10]
    a, b = _norm_label(pred), _norm_label(gold)
    if name == "dateline":
        return _levenshtein(a.replace(" ", ""), b.replace(" ", "")) <= 1
    if name == "source":
        return a == b or a.replace(" ", "") == b.replace(" ", "")
    return a == b


def one_to_one(preds: Sequence[dict], golds: Sequence[dict], match: Callable[[dict, dict], bool]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (Kuhn's augmenting paths); pairs (pred, gold)."""
    adj = [[p for p in range(len(preds)) if match(preds[p], g)] for g in golds]
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in adj[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    return sorted((p, g) for p, g in owner.items())


# ------------------------------------------------------------------- scoring


def gold_key(article: str) -> str:
    """The stem that names an article's gold file (``x.txt`` -> ``x``)."""
    name = Path(str(article)).name
    for suffix in (".gold.json", ".txt", ".html", ".htm", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold records by article stem, from ``*.gold.json`` files in a folder (recursively)."""
    golds = {}
    for path in sorted(Path(gold_dir).rglob("*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        golds[gold_key(data.get("article") or path.name)] = data
    if not golds:
        raise FileNotFoundError(f"no *.gold.json files under {gold_dir}")
    return golds


def load_records(path: Path) -> dict[str, dict]:
    """Records by article stem from a JSONL file (later lines win)."""
    records = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON: {e}") from e
            records[gold_key(data.get("article") or f"line-{n}")] = data
    return records


def score(golds: dict[str, dict], records: dict[str, dict]) -> Report:
    """Score records against gold (both keyed by article stem)."""
    fields = {f: FieldScore(scalar=f in SCALAR_FIELDS) for f in FIELDS}
    titles = FieldScore(scalar=True)
    missing = [k for k in golds if k not in records]
    details: dict[str, dict[str, dict[str, list]]] = {}
    for key, gold in golds.items():
        rec = records.get(key, {})
        art: dict[str, dict[str, list]] = {}
        for name in SCALAR_FIELDS:
            s = fields[name]
            s.total += 1
            if scalar_right(name, rec.get(name), gold.get(name)):
                s.correct += 1
            else:
                art[name] = {"predicted": [rec.get(name)], "gold": [gold.get(name)]}
        for name in LIST_FIELDS:
            preds, gitems = rec.get(name) or [], gold.get(name) or []
            pairs = one_to_one(preds, gitems, MATCHERS[name])
            s = fields[name]
            s.tp += len(pairs)
            s.fp += len(preds) - len(pairs)
            s.fn += len(gitems) - len(pairs)
            mp, mg = {p for p, _ in pairs}, {g for _, g in pairs}
            fps = [_brief(name, preds[i]) for i in range(len(preds)) if i not in mp]
            fns = [_brief(name, gitems[i]) for i in range(len(gitems)) if i not in mg]
            if fps or fns:
                art[name] = {"false_positives": fps, "missed": fns}
            if name == "officials":
                for p, g in pairs:
                    titles.total += 1
                    if title_right(preds[p].get("title"), gitems[g].get("title")):
                        titles.correct += 1
                    else:
                        art.setdefault("official_titles", {"wrong": []})["wrong"].append(
                            {"name": gitems[g].get("name"), "predicted": preds[p].get("title"), "gold": gitems[g].get("title")}
                        )
        if art:
            details[key] = art
    return Report(fields=fields, official_titles=titles, articles=len(golds), missing_records=missing, details=details)


_BRIEF_KEYS = {
    "officials": ("name", "title", "agency"),
    "agencies": ("name",),
    "places": ("name", "type"),
    "dates": ("text", "value", "role"),
    "metrics": ("indicator", "value", "year", "region", "status", "unit"),
    "quotes": ("speaker", "text"),
    "events": ("type", "date", "name"),
}


def _brief(name: str, item: dict) -> dict:
    out = {k: item.get(k) for k in _BRIEF_KEYS[name]}
    if name == "quotes" and out.get("text"):
        out["text"] = out["text"][:60]
    return out


def evaluate(gold_dir: Path, records_path: Path) -> Report:
    """Score a JSONL file of records against a folder of gold files."""
    return score(load_gold(Path(gold_dir)), load_records(Path(records_path)))


def format_details(report: Report) -> str:
    """Per-article misses, for finding what to fix."""
    out = []
    for key, fields in report.details.items():
        out.append(f"== {key}")
        for name, info in fields.items():
            for kind, items in info.items():
                for item in items:
                    out.append(f"  {name:<15} {kind:<16} {json.dumps(item, ensure_ascii=False)}")
    return "\n".join(out)


def iter_fields() -> Iterable[str]:
    return iter(FIELDS)
