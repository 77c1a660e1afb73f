"""The review page: spans highlighted by type, record beside the text, safe HTML; tables and IDM chart."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from pipeline import review
from pipeline.schema import (
    Agency,
    DateMention,
    ErrorEntry,
    Event,
    Header,
    Mention,
    Metric,
    Official,
    Place,
    Quote,
    Record,
    Warning,
)

TEXT = (
    "Bimtek Keuangan Desa Digelar di Kandangan\n\n"
    "KANDANGAN – Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten Hulu Sungai Selatan "
    "menggelar bimbingan teknis pengelolaan keuangan desa, Senin (7/10/2024).\n\n"
    "Sekretaris DPMD HSS, Ahmad Fauzan Noor, S.Sos., mengatakan nilai IDM kabupaten itu pada 2023 "
    "mencapai 0,7012 dengan status Maju. Sebanyak 12 desa sudah berstatus Mandiri.\n\n"
    '"Kami minta bendahara desa tertib membuat laporan," kata Fauzan.\n'
)


def _m(needle: str, nth: int = 0, text: str = TEXT) -> Mention:
    """Mention of the nth occurrence of ``needle`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return Mention(text=needle, start=i, end=i + len(needle))


def _pos(needle: str, nth: int = 0, text: str = TEXT) -> dict:
    return _m(needle, nth, text).model_dump()


def _record(**overrides) -> Record:
    quote = "Kami minta bendahara desa tertib membuat laporan,"
    data = dict(
        article="01_hss-bimtek.txt",
        title="Bimtek Keuangan Desa Digelar di Kandangan",
        published="2024-10-07",
        dateline="Kandangan",
        officials=[
            Official(
                name="Ahmad Fauzan Noor",
                title="Sekretaris",
                agency="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Hulu Sungai Selatan",
                mentions=[_m("Ahmad Fauzan Noor"), _m("Fauzan", 1)],
            )
        ],
        agencies=[
            Agency(
                name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Hulu Sungai Selatan",
                aliases=["DPMD HSS"],
                region_code="63.06",
                mentions=[_m("Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten Hulu Sungai Selatan"), _m("DPMD HSS")],
            )
        ],
        places=[
            Place(name="Kandangan", type="district", code="63.06.05", mentions=[_m("Kandangan"), _m("KANDANGAN")]),
            Place(name="Hulu Sungai Selatan", type="regency", code="63.06", mentions=[_m("Kabupaten Hulu Sungai Selatan")]),
        ],
        dates=[DateMention(value="2024-10-07", role="event", flags=["weekday_mismatch"], **_pos("Senin (7/10/2024)"))],
        metrics=[
            Metric(indicator="IDM", value=0.7012, region="Hulu Sungai Selatan", year=2023, status="Maju", **_pos("0,7012")),
            Metric(indicator="IDM_STATUS_COUNT", value=12, unit="desa", status="Mandiri", **_pos("12 desa")),
        ],
        quotes=[Quote(speaker="Ahmad Fauzan Noor", cue=_m("kata Fauzan"), **_pos(quote))],
        events=[
            Event(
                type="meeting",
                name="bimbingan teknis pengelolaan keuangan desa",
                date="2024-10-07",
                city="Kandangan",
                speakers=["Ahmad Fauzan Noor"],
                metrics=[0],
                **_pos("bimbingan teknis"),
            )
        ],
        warnings=[Warning(code="weekday_mismatch", message="Senin is not 7/10/2024's weekday", **{
            k: v for k, v in _pos("Senin (7/10/2024)").items() if k != "text"})],
        header=Header(title=_m("Bimtek Keuangan Desa Digelar di Kandangan"), dateline=_m("KANDANGAN")),
    )
    data.update(overrides)
    return Record(**data)


_VOID = {"br", "wbr", "img", "meta", "hr", "input", "link"}


class Page(HTMLParser):
    """What the page shows: chips (label, tooltip), the text under each span, record cells."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.chips: dict[str, dict] = {}
        self.span_text: dict[str, str] = defaultdict(str)
        self.cells: list[tuple[str, str, str]] = []  # (article section id, data-k, text)
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self._stack: list[dict] = []
        self._article = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "section" and a.get("id"):
            self._article = a["id"]
        if tag in _VOID:
            return
        self._stack.append({"tag": tag, "a": a, "text": ""})

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self._stack:
            el = self._stack.pop()
            a = el["a"]
            if "chip" in a.get("class", ""):
                self.chips[f"{self._article}-{a['data-span']}"] = {"label": a["data-label"], "title": a.get("title", "")}
            elif "seg" in a.get("class", ""):
                for key in a["data-spans"].split():
                    self.span_text[f"{self._article}-{key}"] += el["text"]
            if "data-k" in a:
                self.cells.append((self._article, a["data-k"], el["text"].strip()))
            if self._stack:
                self._stack[-1]["text"] += el["text"]
            if el["tag"] == tag:
                break

    def handle_data(self, data):
        if self._stack:
            self._stack[-1]["text"] += data

    def spans(self, article: str = "a1") -> set[tuple[str, str]]:
        """(label, text) of every highlighted span of an article."""
        return {
            (c["label"], self.span_text[k]) for k, c in self.chips.items() if k.startswith(article + "-")
        }

    def cell(self, key: str, article: str = "a1") -> list[str]:
        return [t for art, k, t in self.cells if art == article and k == key]


@pytest.fixture(scope="module")
def page() -> Page:
    return Page(review.render_review([(TEXT, _record())]))


@pytest.mark.parametrize(
    "label,text",
    [
        ("PERSON", "Ahmad Fauzan Noor"),
        ("PERSON", "Fauzan"),
        ("ORG", "Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten Hulu Sungai Selatan"),
        ("ORG", "DPMD HSS"),
        ("PLACE", "Kabupaten Hulu Sungai Selatan"),
        ("PLACE", "KANDANGAN"),
        ("DATE", "Senin (7/10/2024)"),
        ("METRIC", "0,7012"),
        ("METRIC", "12 desa"),
        ("QUOTE", "Kami minta bendahara desa tertib membuat laporan,"),
        ("CUE", "kata Fauzan"),
        ("EVENT", "bimbingan teknis"),
        ("TITLE", "Bimtek Keuangan Desa Digelar di Kandangan"),
        ("DATELINE", "KANDANGAN"),
        ("WARNING", "Senin (7/10/2024)"),
    ],
)
def test_review_highlights_each_span_with_its_label(page, label, text):
    assert (label, text) in page.spans()


def test_review_nested_and_overlapping_spans_keep_their_whole_text():
    # ORG contains a PLACE; an EVENT overlaps the ORG's end without nesting
    org = _m("Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten Hulu Sungai Selatan")
    event_text = "Hulu Sungai Selatan menggelar bimbingan"
    rec = _record(events=[Event(type="meeting", name="bimtek", **_pos(event_text))])
    spans, problems = review.collect_spans(rec, TEXT)
    shown = Page(review.render_review([(TEXT, rec)])).spans()
    assert ("ORG", org.text) in shown
    assert ("PLACE", "Kabupaten Hulu Sungai Selatan") in shown
    assert ("EVENT", event_text) in shown
    assert problems == []
    # overlapping spans never share an underline slot
    for a in spans:
        for b in spans:
            if a is not b and a.start < b.end and b.start < a.end:
                assert a.slot != b.slot, (a, b)


@pytest.mark.parametrize(
    "key,value",
    [
        ("name", "Ahmad Fauzan Noor"),
        ("title", "Sekretaris"),
        ("agency", "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Hulu Sungai Selatan"),
        ("aliases", "DPMD HSS"),
        ("type", "district"),
        ("value", "2024-10-07"),
        ("flags", "weekday_mismatch"),
        ("indicator", "IDM"),
        ("status", "Mandiri"),
        ("value", "0.7012"),
        ("speaker", "Ahmad Fauzan Noor"),
        ("code", "weekday_mismatch"),
        ("city", "Kandangan"),
        ("dateline", "Kandangan"),
    ],
)
def test_review_panel_shows_record_fields(page, key, value):
    assert any(value == t or t.startswith(value) for t in page.cell(key)), page.cell(key)


def test_review_panel_names_kemendagri_region_of_codes(page):
    codes = page.cell("code")
    assert any(c.startswith("63.06.05") and "Kandangan" in c and "Hulu Sungai Selatan" in c for c in codes), codes
    rec = _record(places=[Place(name="Tak Ada", type="village", code="99.99.99.9999", mentions=[])])
    html = review.render_review([(TEXT, rec)])
    assert "unknown code" in html


@pytest.mark.parametrize(
    "field,payload",
    [
        ("text", "<script>document.title='x'</script>"),
        ("article", '"><img src=x onerror=alert(1)>'),
        ("title", "<b onmouseover=alert(1)>judul</b>"),
        ("official", "<svg onload=alert(1)>"),
        ("warning", "</li><script>alert(1)</script>"),
    ],
)
def test_review_escapes_markup_everywhere(field, payload):
    text = TEXT + payload + "\n"
    rec = _record()
    if field == "article":
        rec = _record(article=payload)
    elif field == "title":
        rec = _record(title=payload)
    elif field == "official":
        rec = _record(officials=[Official(name=payload, title=payload, mentions=[])])
    elif field == "warning":
        rec = _record(warnings=[Warning(code=payload, message=payload)])
    html = review.render_review([(text, rec)], [ErrorEntry(input=payload, reason=payload)], title=payload)
    assert payload not in html
    assert re.search(r"<(script|img|svg)\b", html) is None
    assert re.search(r"<b\b", html) is None or "<b onmouseover" not in html
    parsed = Page(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "svg" not in parsed.tags


@pytest.mark.parametrize(
    "url,linked",
    [("https://contoh.go.id/berita/1", True), ("javascript:alert(1)", False), ("data:text/html,x", False)],
)
def test_review_links_only_web_urls(url, linked):
    html = review.render_review([(TEXT, _record(url=url))])
    assert (f'href="{url}"' in html) is linked
    assert Page(html).cell("url") == [url]


def test_review_page_is_self_contained(page):
    html = review.render_review([(TEXT, _record())])
    assert "<style>" in html and ".chip" in html
    assert "<script" not in html and "<link" not in html
    assert re.search(r"""\b(src|href)=["']?(https?:)?//""", html) is None
    assert "Content-Security-Policy" in html


@pytest.mark.parametrize(
    "mention,problem",
    [
        (Mention(text="Ahmad", start=5000, end=5005), "outside the text"),
        (Mention(text="Ahmad", start=0, end=5), "not at its text"),
        (Mention(text="Ahmad", start=7, end=7), "outside the text"),
    ],
)
def test_review_reports_bad_offsets_instead_of_failing(mention, problem):
    rec = _record(officials=[Official(name="Ahmad", mentions=[mention])])
    spans, problems = review.collect_spans(rec, TEXT)
    assert any(problem in p for p in problems)
    html = review.render_review([(TEXT, rec)])
    assert problem in html
    assert all(0 <= s.start < s.end <= len(TEXT) for s in spans)


def test_review_toc_links_every_article_and_lists_errors():
    second_text = "SAMARINDA – Rapat evaluasi IDM digelar di Samarinda, Selasa (5/3/2024).\n"
    second = Record(
        article="02_samarinda.txt",
        places=[Place(name="Samarinda", type="city", code="64.72", mentions=[_m("Samarinda", 0, second_text)])],
    )
    errors = [ErrorEntry(input="in/03_kosong.txt", article="03_kosong.txt", reason="empty file: no text")]
    parsed = Page(review.render_review([(TEXT, _record()), (second_text, second)], errors))
    assert {"a1", "a2", "errors"} <= parsed.ids
    assert ("PLACE", "Samarinda") in parsed.spans("a2")
    assert parsed.cell("reason", "errors") == ["empty file: no text"]
    assert parsed.cell("article", "errors") == ["03_kosong.txt"]


def test_review_empty_input_renders_a_page():
    html = review.render_review([])
    assert "No articles" in html and html.rstrip().endswith("</html>")


def _write_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "01_hss-bimtek.txt").write_text(TEXT, encoding="utf-8")
    (folder / "02_tanpa-rekaman.txt").write_text("BARABAI – Musrenbang kecamatan digelar hari ini.\n", encoding="utf-8")
    (folder / "03_kosong.txt").write_text("", encoding="utf-8")
    return folder


def test_review_cmd_uses_records_file_and_lists_failures(tmp_path):
    folder = _write_inputs(tmp_path)
    records = tmp_path / "records.jsonl"
    records.write_text(_record().model_dump_json() + "\n" + json.dumps({"article": 5}) + "\n", encoding="utf-8")
    out = tmp_path / "page" / "review.html"
    args = [str(folder), "--records", str(records), "-o", str(out), "--title", "Cek <HSS>", "--no-masked"]
    result = CliRunner().invoke(review.review_cmd, args)
    assert result.exit_code == 0, result.output
    assert "<title>Cek &lt;HSS&gt;</title>" in out.read_text(encoding="utf-8")
    parsed = Page(out.read_text(encoding="utf-8"))
    assert ("PERSON", "Ahmad Fauzan Noor") in parsed.spans("a1")
    assert "a2" not in parsed.ids
    reasons = parsed.cell("reason", "errors")
    assert any("not a valid record" in r for r in reasons)
    assert any("no record for this article" in r for r in reasons)
    assert any("empty" in r for r in reasons)
    assert "1 articles, 3 errors" in result.stderr


def test_review_cmd_extracts_when_no_records_given(tmp_path, monkeypatch, extractor):
    monkeypatch.setattr("pipeline.api.load", lambda *a, **k: extractor)  # the session's loaded pipeline
    folder = _write_inputs(tmp_path)
    out = tmp_path / "review.html"
    result = CliRunner().invoke(review.review_cmd, [str(folder), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    parsed = Page(out.read_text(encoding="utf-8"))
    sections = [i for i in parsed.ids if re.fullmatch(r"a\d+", i)]
    assert sorted(sections) == ["a1", "a2"]
    assert any("empty" in r for r in parsed.cell("reason", "errors"))


@pytest.mark.parametrize(
    "field,expected",
    [
        ("officials", {"article": "01_hss-bimtek.txt", "name": "Ahmad Fauzan Noor", "title": "Sekretaris", "mentions": 2}),
        ("metrics", {"indicator": "IDM", "value": 0.7012, "year": 2023, "status": "Maju", "region": "Hulu Sungai Selatan"}),
        ("agencies", {"aliases": "DPMD HSS", "region_code": "63.06"}),
        ("quotes", {"speaker": "Ahmad Fauzan Noor", "cue": "kata Fauzan"}),
        ("events", {"speakers": "Ahmad Fauzan Noor", "metrics": "0"}),
    ],
)
def test_review_item_rows_flatten_for_tables(field, expected):
    rows = review.item_rows([_record(), _record(article="kosong.txt", **{field: []})], field)
    assert len(rows) == len(getattr(_record(), field))
    assert expected.items() <= rows[0].items()


def test_review_item_rows_rejects_unknown_field():
    with pytest.raises(ValueError, match="not a list field"):
        review.item_rows([_record()], "title")


@pytest.mark.parametrize(
    "metrics,n_lines,skipped",
    [
        ([], 0, False),
        ([("A", 2022, 0.65), ("A", 2023, 0.70), ("B", 2023, 0.58)], 2, False),
        ([("A", None, 0.65), ("A", 2023, 0.70)], 1, True),
    ],
)
def test_review_plot_idm_by_year_and_region(tmp_path, metrics, n_lines, skipped):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    rec = _record(
        metrics=[
            Metric(indicator="IDM", region=r, year=y, value=v, text="0,7", start=0, end=3) for r, y, v in metrics
        ]
        + [Metric(indicator="COUNT", value=5, year=2023, text="5", start=0, end=1)]
    )
    assert len(review.idm_points([rec])) == len(metrics)
    path = tmp_path / "fig" / "idm.png"
    fig = review.plot_idm([rec], path=path)
    ax = fig.axes[0]
    assert len(ax.get_lines()) == n_lines
    assert ("without a year" in ax.get_title()) is skipped
    if not metrics:
        assert any("no IDM values" in t.get_text() for t in ax.texts)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.pyplot as plt

    plt.close(fig)


BOILERPLATE = (
    "Beranda > Berita > Daerah\n\n"
    "Bimtek Keuangan Desa Digelar di Kandangan\n\n"
    "KANDANGAN – Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Hulu Sungai Selatan menggelar "
    "bimbingan teknis pengelolaan keuangan desa.\n\n"
    "Baca juga: Harga Beras Naik di Pasar Kandangan\n\n"
    "Kegiatan diikuti 144 bendahara desa dari 11 kecamatan.\n\n"
    "Editor: Rudi Hartono\nBagikan artikel ini\n"
)


@pytest.mark.parametrize(
    "snippet,masked",
    [
        ("Beranda > Berita > Daerah", True),
        ("Baca juga: Harga Beras Naik di Pasar Kandangan", True),
        ("Bagikan artikel ini", True),
        ("Kegiatan diikuti 144 bendahara desa dari 11 kecamatan.", False),
        ("menggelar bimbingan teknis", False),
    ],
)
def test_review_greys_out_masked_boilerplate(snippet, masked):
    ranges = review.masked_ranges(BOILERPLATE)
    i = BOILERPLATE.index(snippet)
    covered = any(s <= i and i + len(snippet) <= e for s, e in ranges)
    assert covered is masked
    html = review.render_review([(BOILERPLATE, Record(article="x.txt"))])
    greyed = re.findall(r'<span class="masked">([^<]*)</span>', html)
    assert any(review._e(snippet) in g for g in greyed) is masked
    plain = review.render_review([(BOILERPLATE, Record(article="x.txt"))], show_masked=False)
    assert plain.count('class="masked"') == 1  # the legend's sample only


def test_review_hovering_text_tells_what_the_record_says():
    html = review.render_review([(TEXT, _record())])
    seg_titles = [review.html.unescape(t) for t in re.findall(r'<span class="seg"[^>]* title="([^"]*)"', html)]
    assert any("PERSON: Ahmad Fauzan Noor — Sekretaris, Dinas Pemberdayaan" in t for t in seg_titles)
    assert any("METRIC: IDM 0.7012 Maju Hulu Sungai Selatan 2023" in t for t in seg_titles)
    assert any("QUOTE: quote by Ahmad Fauzan Noor" in t for t in seg_titles)
