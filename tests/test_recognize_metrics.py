"""Tests for pipeline.recognize.metrics: IDM values, status counts, money, percent, counts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

import pytest

import pipeline.components  # noqa: F401  (registers the Doc extensions)
from pipeline.clean import CleanArticle
from pipeline.nlp import build_nlp
from pipeline.recognize.dates import find_dates
from pipeline.recognize.metrics import find_metrics, idm_band
from pipeline.schema import Mention, Place

NLP = build_nlp(recognizers=False)


def run(text: str, published: Optional[dt.date] = None, places: Optional[list[Place]] = None):
    doc = NLP(text)
    doc._.article = CleanArticle(text=text, body=text, published=published)
    doc._.places = places or []
    doc._.warnings = []
    doc._.dates = find_dates(doc)
    return find_metrics(doc), doc._.warnings


def summary(metrics):
    return [(m.indicator, m.value, m.year, m.status, m.unit) for m in metrics]


@pytest.mark.parametrize(
    "text,expected",
    [
        # IDM values with year and status
        ("Pada tahun 2022 nilai IDM Kabupaten Sintang sebesar 0,6123 berada pada status Berkembang.",
         [("IDM", 0.6123, 2022, "Berkembang", None)]),
        ("Tahun 2020 lalu IDM Provinsi Jambi 0,6015 dengan status berkembang, sedangkan tahun 2021 "
         "IDM naik menjadi 0,6540 berada pada status Berkembang.",
         [("IDM", 0.6015, 2020, "Berkembang", None), ("IDM", 0.654, 2021, "Berkembang", None)]),
        ("Kabupaten Asmat berstatus sangat tertinggal dengan IDM 0.4512.",
         [("IDM", 0.4512, None, "Sangat Tertinggal", None)]),
        ("Berikut desa dengan Indeks Desa Membangun tertinggi tahun 2021.\n- Desa Sukamaju, Bogor: nilai IDM 0.9870\n"
         "- Desa Karangrejo, Klaten: nilai IDM 0.9712",
         [("IDM", 0.987, 2021, None, None), ("IDM", 0.9712, 2021, None, None)]),
        # IDM status counts
        ("Tahun 2023 terdapat sembilan kabupaten dengan IDM status Maju serta dua kabupaten dengan IDM status "
         "Berkembang, sehingga seluruh kabupaten di provinsi itu status Maju.",
         [("IDM_STATUS_COUNT", 9, 2023, "Maju", "kabupaten"), ("IDM_STATUS_COUNT", 2, 2023, "Berkembang", "kabupaten")]),
        ("Pada 2021 tidak ada satu kabupaten yang berada pada status mandiri.",
         [("IDM_STATUS_COUNT", 0, 2021, "Mandiri", "kabupaten")]),
        ("Hasil IDM 2022 menunjukkan 45 desa berstatus mandiri.",
         [("IDM_STATUS_COUNT", 45, 2022, "Mandiri", "desa")]),
        ("BUMDesa Sinar Maju meraih juara dalam lomba tahun 2023.", []),
        # money, ranges, percent
        ("Setiap desa menerima Rp.600 – Rp.750 Juta/ desa dari APBD tahun 2024.",
         [("MONEY", 600_000_000, 2024, None, None), ("MONEY", 750_000_000, 2024, None, None)]),
        ("Pagu dana desa tahun anggaran 2023 sebesar Rp 1,25 miliar.", [("MONEY", 1_250_000_000, 2023, None, None)]),
        ("Angka kemiskinan turun dari 12,5% pada tahun 2020 menjadi 10,25 persen di tahun 2023.",
         [("PERCENT", 12.5, 2020, None, None), ("PERCENT", 10.25, 2023, None, None)]),
        ("Kemiskinan turun 2,25%, yakni dari 12,5% pada tahun 2020 menjadi 10,25% pada tahun 2023.",
         [("PERCENT", 2.25, None, None, None), ("PERCENT", 12.5, 2020, None, None),
          ("PERCENT", 10.25, 2023, None, None)]),
        # counts and what is not a count
        ("Sebanyak 214 desa di Kabupaten Garut belum mencairkan dana desa.", [("COUNT", 214, None, None, "desa")]),
        ("Banjir merendam tiga kecamatan dan 1.250 rumah warga.",
         [("COUNT", 3, None, None, "kecamatan"), ("COUNT", 1250, None, None, "rumah")]),
        ("Dari 25 kabupaten, 18 di antaranya sudah menyalurkan BLT.", [("COUNT", 18, None, None, "kabupaten")]),
        ("Pendampingan dilakukan di 8 provinsi prioritas sesuai Perpres 72 tahun 2021.",
         [("COUNT", 8, None, None, "provinsi")]),
        ("Kades berinisial AS (47) ditahan selama 20 hari sejak pukul 10.00 WIB.", []),
        ("Proyek dikerjakan selama 90 hari dengan tinggi tanggul 2,5 meter.", []),
        ("Kabupaten itu kini berada di peringkat 3 dan rangking 12 nasional.", []),
        ("Petugas yang bersiaga sebanyak enam orang.", []),
        ("Sebanyak enam orang meninggal dunia akibat longsor.", [("COUNT", 6, None, None, "orang")]),
        ("Jembatan itu menghubungkan antara dua desa.", []),
        ("Berikut daftar 10 desa terbaik.", []),
        ("Artinya satu dari lima balita di desa itu masih stunting.", []),
        ("Sudah 150 dari 210 desa menyalurkan BLT.", [("COUNT", 150, None, None, "desa"), ("COUNT", 210, None, None, "desa")]),
        ("Ia salah satu dari tiga kepala desa yang dilantik.", [("COUNT", 3, None, None, "kepala desa")]),
        ("Harga rokok Rp 60-70 ribu per bungkus.",
         [("MONEY", 60_000, None, None, None), ("MONEY", 70_000, None, None, None)]),
        ("Capaian naik dari 65% pada 2015 menjadi 94% atau 82 satker pada 2018.",
         [("PERCENT", 65, 2015, None, None), ("PERCENT", 94, 2018, None, None)]),
        # status lists, subjects, zeros, targets
        ("Pada 2023, dari 120 kampung sebanyak 12 kampung berstatus Mandiri, 40 kampung Maju dan tujuh kampung "
         "Tertinggal.",
         [("COUNT", 120, 2023, None, "kampung"), ("IDM_STATUS_COUNT", 12, 2023, "Mandiri", "kampung"),
          ("IDM_STATUS_COUNT", 40, 2023, "Maju", "kampung"), ("IDM_STATUS_COUNT", 7, 2023, "Tertinggal", "kampung")]),
        ("Jumlah desa mandiri di provinsi itu naik dari 80 desa pada 2021 menjadi 132 desa pada 2022.",
         [("IDM_STATUS_COUNT", 80, 2021, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 132, 2022, "Mandiri", "desa")]),
        ("Tahun 2024 tidak ada lagi satu desa pun yang berstatus Sangat Tertinggal.",
         [("IDM_STATUS_COUNT", 0, 2024, "Sangat Tertinggal", "desa")]),
        ("Pemkab menargetkan tidak ada lagi desa berstatus Tertinggal pada 2026.", []),
        ("Desa Maju Makmur menerima bantuan 30 ekor sapi.", [("COUNT", 30, None, None, "ekor")]),
    ],
)
def test_metrics_find_metrics_indicators_values_years(text, expected):
    metrics, _ = run(text)
    assert summary(metrics) == expected
    for m in metrics:
        assert text[m.start : m.end] == m.text


def test_metrics_year_falls_back_to_the_article_event_date():
    text = ("Banjir melanda Kecamatan Cisarua, Senin (8/1/2024). Sebanyak 120 warga mengungsi ke balai desa.")
    metrics, _ = run(text, dt.date(2024, 1, 9))
    assert summary(metrics) == [("COUNT", 120, 2024, None, "warga")]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # "tahun lalu" is the year before the article's own year
        ("Rapat evaluasi digelar Senin (4/3/2024). Tahun lalu, omzet BUMDes itu mencapai Rp3,1 miliar.",
         None, [("MONEY", 3_100_000_000, 2023)]),
        # a loss to the state takes the case's fiscal year; other money the article's year
        ("Kejari menahan kades atas dugaan korupsi dana desa tahun anggaran 2021, Rabu (6/3/2024). Kerugian "
         "negara mencapai Rp 512.000.000. Tersangka baru mengembalikan Rp50 juta.",
         None, [("MONEY", 512_000_000, 2021), ("MONEY", 50_000_000, 2024)]),
        # IDM figures take the year of the article's IDM data, not of its date
        ("Nilai IDM Kabupaten Sigi tahun 2023 mencapai 0,7012, naik dari 0,6890 pada 2022. Rakor digelar "
         "Kamis (7/3/2024).\nKecamatan Dolo menjadi yang tertinggi dengan nilai 0,7756.",
         None, [("IDM", 0.7012, 2023), ("IDM", 0.689, 2022), ("IDM", 0.7756, 2023)]),
        # an article that dates most of its figures leaves the undated ones without a year
        ("Kemiskinan turun dari 12,5% pada 2020 menjadi 10,2% pada 2023. Target 2024 sebesar 9%. Rakor digelar "
         "Senin (4/3/2024). Program menjangkau 40 desa prioritas.",
         None, [("PERCENT", 12.5, 2020), ("PERCENT", 10.2, 2023), ("PERCENT", 9, 2024), ("COUNT", 40, None)]),
        # ... but one that dates few of them gives them the year of its dated event
        ("Banjir melanda Kecamatan Cisarua, Senin (8/1/2024). Sebanyak 120 warga mengungsi. Sebanyak 35 rumah "
         "terendam. Kerugian pada tahun 2023 mencapai Rp 2 miliar.",
         None, [("COUNT", 120, 2024), ("COUNT", 35, 2024), ("MONEY", 2_000_000_000, 2023)]),
        # ... and no year when the article never says which IDM year it is
        ("\u201cJawa Tengah rangking 1 IDM dengan 7.810 desa,\u201d kata Kadis, Senin (4/3/2024).",
         None, [("COUNT", 7810, None)]),
    ],
)
def test_metrics_year_rules(text, published, expected):
    metrics, _ = run(text, published)
    assert [(m.indicator, m.value, m.year) for m in metrics] == expected


def test_metrics_idm_list_under_heading():
    text = ("Berikut nilai IDM kabupaten di provinsi itu tahun 2024:\n- Kabupaten Poso: 0,7063 (Berkembang)\n"
            "- Kabupaten Buol: 0,5990 (Tertinggal)\n\nHarga beras naik 0,5 persen.")
    metrics, warnings = run(text)
    assert [(m.indicator, m.value, m.year, m.status) for m in metrics] == [
        ("IDM", 0.7063, 2024, "Berkembang"), ("IDM", 0.599, 2024, "Tertinggal"), ("PERCENT", 0.5, 2024, None)
    ]
    assert [w.code for w in warnings] == ["idm_status_band"]


def test_metrics_idm_year_carries_from_earlier_heading():
    text = "Data IDM tahun 2022.\nRata-rata IDM nasional 0,6800 dan tertinggi Bali 0,8300."
    metrics, _ = run(text, dt.date(2023, 4, 1))
    assert [(m.value, m.year) for m in metrics] == [(0.68, 2022), (0.83, 2022)]


def test_metrics_same_money_in_title_and_body_is_listed_once():
    text = "Korupsi Rp 450 Juta, Kades Ditahan\nKerugian dana desa tahun anggaran 2021 mencapai Rp450 juta."
    metrics, _ = run(text, dt.date(2022, 6, 1))
    assert summary(metrics) == [("MONEY", 450_000_000, 2021, None, None)]


def test_metrics_region_is_nearest_place_before():
    text = "Di Kabupaten Sleman tercatat 86 desa mandiri menurut IDM 2023."
    sleman = Place(name="Sleman", type="regency", mentions=[Mention(text="Kabupaten Sleman", start=3, end=19)])
    metrics, _ = run(text, places=[sleman])
    assert [(m.indicator, m.value, m.region, m.status) for m in metrics] == [
        ("IDM_STATUS_COUNT", 86, "Sleman", "Mandiri")
    ]


@pytest.mark.parametrize(
    "text,warned",
    [
        ("Tahun 2022 nilai IDM Kabupaten Lebak 0,7512 berada pada status Mandiri.", True),
        ("Tahun 2022 nilai IDM Kabupaten Lebak 0,7512 berada pada status Maju.", False),
    ],
)
def test_metrics_idm_status_band_warning(text, warned):
    metrics, warnings = run(text)
    assert metrics[0].status in ("Mandiri", "Maju")
    assert [w.code for w in warnings] == (["idm_status_band"] if warned else [])


@pytest.mark.parametrize(
    "value,status",
    [(0.40, "Sangat Tertinggal"), (0.4907, "Sangat Tertinggal"), (0.4908, "Tertinggal"), (0.5989, "Tertinggal"),
     (0.6, "Berkembang"), (0.7072, "Berkembang"), (0.7105, "Maju"), (0.8155, "Maju"), (0.8156, "Mandiri"),
     (1.2, None)],
)
def test_metrics_idm_band_boundaries(value, status):
    assert idm_band(value) == status


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "eval" / "seed").exists(), reason=f"needs the shared evaluation data at {SHARED}")
def test_metrics_seed_article_matches_gold():
    from pipeline.clean import clean

    gold = json.loads(next((SHARED / "eval" / "seed").glob("*.gold.json")).read_text(encoding="utf-8"))
    text = (SHARED / "seed" / gold["article"]).read_text(encoding="utf-8")
    cleaned = clean(text)
    doc = NLP(cleaned.body)
    doc._.article = cleaned
    doc._.warnings = []
    doc._.dates = find_dates(doc)
    assert sorted(d.value for d in doc._.dates) == sorted(d["value"] for d in gold["dates"])
    got = sorted((m.indicator, m.value, m.year) for m in find_metrics(doc))
    assert got == sorted((m["indicator"], float(m["value"]), m["year"]) for m in gold["metrics"])
