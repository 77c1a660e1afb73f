"""The review page as a reader sees it: rendered by headless Chromium (Debian's ``chromium`` package)."""

from __future__ import annotations

import struct
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.review import render_review
from pipeline.schema import Agency, DateMention, ErrorEntry, Header, Mention, Metric, Official, Place, Quote, Record

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs headless Chromium at /usr/bin/chromium (apt-get install -y chromium chromium-driver)",
)

PAGE_TITLE = "Tinjauan ekstraksi"
ATTACK = (
    "<script>document.title='DIRETAS';"
    "document.body.insertAdjacentHTML('beforeend','<div id=\"diretas\">diretas</div>')</script>"
    "<img src=x onerror=\"document.title='DIRETAS'\">"
)

ARTICLE_1 = (
    "Pemkab Tapin Gelar Musrenbang Kecamatan\n\n"
    "RANTAU – Pemerintah Kabupaten (Pemkab) Tapin menggelar musyawarah perencanaan pembangunan "
    "tingkat kecamatan di Rantau, Rabu (14/2/2024).\n\n"
    "Kepala Bappeda Tapin, Hj. Siti Rahmawati, mengatakan anggaran yang diusulkan mencapai Rp2,5 miliar.\n\n"
    '"Usulan desa harus sesuai prioritas daerah," ujar Siti.\n'
)
ARTICLE_2 = "Komentar pembaca: " + ATTACK + "\n\nBARABAI – Warga Desa Pagat menerima bantuan.\n"


def _m(text: str, needle: str, nth: int = 0) -> Mention:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return Mention(text=needle, start=i, end=i + len(needle))


def _records() -> list[tuple[str, Record]]:
    t = ARTICLE_1
    q = _m(t, "Usulan desa harus sesuai prioritas daerah,")
    rec1 = Record(
        article="01_tapin-musrenbang.txt",
        title="Pemkab Tapin Gelar Musrenbang Kecamatan",
        dateline="Rantau",
        officials=[
            Official(
                name="Siti Rahmawati",
                title="Kepala Badan Perencanaan Pembangunan Daerah",
                agency="Badan Perencanaan Pembangunan Daerah Kabupaten Tapin",
                mentions=[_m(t, "Siti Rahmawati"), _m(t, "Siti", 1)],
            )
        ],
        agencies=[
            Agency(
                name="Pemerintah Kabupaten Tapin",
                aliases=["Pemkab Tapin"],
                mentions=[_m(t, "Pemkab Tapin"), _m(t, "Pemerintah Kabupaten (Pemkab) Tapin")],
            )
        ],
        places=[Place(name="Rantau", type="district", mentions=[_m(t, "RANTAU"), _m(t, "Rantau")])],
        dates=[DateMention(role="event", value="2024-02-14", **_m(t, "Rabu (14/2/2024)").model_dump())],
        metrics=[Metric(indicator="MONEY", value=2.5e9, **_m(t, "Rp2,5 miliar").model_dump())],
        quotes=[Quote(speaker="Siti Rahmawati", cue=_m(t, "ujar Siti"), **q.model_dump())],
        header=Header(title=_m(t, "Pemkab Tapin Gelar Musrenbang Kecamatan"), dateline=_m(t, "RANTAU")),
    )
    t2 = ARTICLE_2
    rec2 = Record(
        article="02_<b>barabai</b>.txt",
        places=[
            Place(name="Barabai", type="regency", mentions=[_m(t2, "BARABAI")]),
            Place(name="Pagat", type="village", mentions=[_m(t2, "Desa Pagat")]),
        ],
        officials=[Official(name=ATTACK, mentions=[])],
    )
    return [(ARTICLE_1, rec1), (ARTICLE_2, rec2)]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


_VOID = {"br", "wbr", "img", "meta", "hr", "input", "link"}


class Dom(HTMLParser):
    """The rendered DOM: title, ids, tags, chips with the text under them, record cells."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.title = ""
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.chips: dict[str, str] = {}
        self.span_text: dict[str, str] = defaultdict(str)
        self.cells: list[tuple[str, str, str]] = []
        self.article_text: dict[str, str] = defaultdict(str)
        self.articles: list[str] = []
        self._stack: list[dict] = []
        self._section = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "section" and a.get("id"):
            self._section = a["id"]
            if "data-article" in a:
                self.articles.append(a["data-article"])
        if tag not in _VOID:
            self._stack.append({"tag": tag, "a": a, "text": ""})

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self._stack:
            el = self._stack.pop()
            a, cls = el["a"], el["a"].get("class", "")
            if el["tag"] == "title":
                self.title = el["text"]
            if "chip" in cls.split():
                self.chips[f"{self._section}-{a['data-span']}"] = a["data-label"]
            elif "seg" in cls.split():
                for key in a["data-spans"].split():
                    self.span_text[f"{self._section}-{key}"] += el["text"]
            if "data-k" in a:
                self.cells.append((self._section, a["data-k"], el["text"].strip()))
            if "text" in cls.split() and el["tag"] == "div":
                self.article_text[self._section] += el["text"]
            if self._stack:
                self._stack[-1]["text"] += el["text"]
            if el["tag"] == tag:
                break

    def handle_data(self, data):
        if self._stack:
            self._stack[-1]["text"] += data

    def spans(self, section: str) -> set[tuple[str, str]]:
        return {(lab, self.span_text[k]) for k, lab in self.chips.items() if k.startswith(section + "-")}

    def cell(self, key: str, section: str) -> list[str]:
        return [t for s, k, t in self.cells if s == section and k == key]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(page file, the DOM Chromium rendered from it)."""
    tmp = tmp_path_factory.mktemp("review_browser")
    page = tmp / "review.html"
    errors = [ErrorEntry(input="masuk/03_rusak.txt", article="03_rusak.txt", reason="binary file (NUL bytes), not text")]
    page.write_text(render_review(_records(), errors, title=PAGE_TITLE), encoding="utf-8")
    proc = _chromium(tmp, "--virtual-time-budget=3000", "--dump-dom", page.as_uri())
    return page, tmp, Dom(proc.stdout)


@pytest.mark.parametrize(
    "section,label,text",
    [
        ("a1", "PERSON", "Siti Rahmawati"),
        ("a1", "PERSON", "Siti"),
        ("a1", "ORG", "Pemerintah Kabupaten (Pemkab) Tapin"),
        ("a1", "PLACE", "RANTAU"),
        ("a1", "DATELINE", "RANTAU"),
        ("a1", "DATE", "Rabu (14/2/2024)"),
        ("a1", "METRIC", "Rp2,5 miliar"),
        ("a1", "QUOTE", "Usulan desa harus sesuai prioritas daerah,"),
        ("a1", "CUE", "ujar Siti"),
        ("a1", "TITLE", "Pemkab Tapin Gelar Musrenbang Kecamatan"),
        ("a2", "PLACE", "Desa Pagat"),
        ("a2", "PLACE", "BARABAI"),
    ],
)
def test_review_browser_shows_highlighted_spans(rendered, section, label, text):
    _, _, dom = rendered
    assert (label, text) in dom.spans(section)


@pytest.mark.parametrize(
    "key,value",
    [("name", "Siti Rahmawati"), ("title", "Kepala Badan Perencanaan Pembangunan Daerah"), ("aliases", "Pemkab Tapin")],
)
def test_review_browser_panel_shows_official_and_agency(rendered, key, value):
    _, _, dom = rendered
    assert any(c.startswith(value) for c in dom.cell(key, "a1")), dom.cell(key, "a1")


def test_review_browser_script_in_article_did_not_run(rendered):
    _, _, dom = rendered
    assert dom.title == PAGE_TITLE
    assert "diretas" not in dom.ids
    assert "script" not in dom.tags and "img" not in dom.tags
    assert "<script>document.title='DIRETAS'" in dom.article_text["a2"]  # shown as text
    assert any(c.startswith("<script>") for c in dom.cell("name", "a2"))
    assert "02_<b>barabai</b>.txt" in dom.articles  # the id, markup and all, as text


def test_review_browser_lists_failed_article(rendered):
    _, _, dom = rendered
    assert "errors" in dom.ids
    assert dom.cell("reason", "errors") == ["binary file (NUL bytes), not text"]


def test_review_browser_screenshot_renders_page(rendered):
    page, tmp, _ = rendered
    shot = tmp / "review.png"
    _chromium(tmp, "--window-size=1280,1600", "--hide-scrollbars", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1600)
    assert len(data) > 20_000  # a blank page compresses to a few kB
