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


# --------------------------------------------------------------------------- round 2: other phrasings


@pytest.mark.parametrize(
    "text,expected",
    [
        # a status after a filler, in a sentence about IDM
        ("Hasil pemutakhiran IDM 2023 mencatat 27 nagari masih tertinggal.",
         [("IDM_STATUS_COUNT", 27, 2023, "Tertinggal", "nagari")]),
        ("Berdasarkan IDM 2022, 6 kampung tercatat mandiri dan 3 kampung berstatus tertinggal.",
         [("IDM_STATUS_COUNT", 6, 2022, "Mandiri", "kampung"), ("IDM_STATUS_COUNT", 3, 2022, "Tertinggal", "kampung")]),
        # ... but not a bare "maju" outside an IDM sentence
        ("Sebanyak 4 desa masih maju ke babak final lomba kebersihan.", [("COUNT", 4, None, None, "desa")]),
        # "tidak satu pun" is a zero, not one
        ("Menurut IDM 2023, tidak satu pun desa di kabupaten itu berstatus sangat tertinggal.",
         [("IDM_STATUS_COUNT", 0, 2023, "Sangat Tertinggal", "desa")]),
        # the count written after its status
        ("Pada IDM 2024 desa berstatus maju sebanyak 31 desa dan kategori tertinggal tinggal 4 desa.",
         [("IDM_STATUS_COUNT", 31, 2024, "Maju", "desa"), ("IDM_STATUS_COUNT", 4, 2024, "Tertinggal", "desa")]),
        # a status named as the subject makes the sentence about IDM: its year carries
        ("Jumlah kelurahan mandiri bertambah dari 4 kelurahan pada 2021 menjadi 9 kelurahan pada 2022. "
         "Adapun kelurahan tertinggal berkurang menjadi 2 kelurahan.",
         [("IDM_STATUS_COUNT", 4, 2021, "Mandiri", "kelurahan"), ("IDM_STATUS_COUNT", 9, 2022, "Mandiri", "kelurahan"),
          ("IDM_STATUS_COUNT", 2, 2022, "Tertinggal", "kelurahan")]),
        # each clause's own year
        ("Pada 2018 ada 3 desa berstatus mandiri, sedangkan pada 2022 sebanyak 15 desa berstatus mandiri.",
         [("IDM_STATUS_COUNT", 3, 2018, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 15, 2022, "Mandiri", "desa")]),
        # a year that heads the next figure is not this one's
        ("IDM Kabupaten Bima tahun 2020 sebesar 0,6012, tahun 2021 sebesar 0,6345 dan tahun 2022 sebesar 0,6711.",
         [("IDM", 0.6012, 2020, None, None), ("IDM", 0.6345, 2021, None, None), ("IDM", 0.6711, 2022, None, None)]),
        # "tahun sebelumnya" is the year before the one the sentence names
        ("IDM Kota Batu tahun 2023 mencapai 0,7420, naik dari 0,7102 pada tahun sebelumnya.",
         [("IDM", 0.742, 2023, None, None), ("IDM", 0.7102, 2022, None, None)]),
        # a present-tense clause after a dated one
        ("Menurut data IDM, desa tertinggal pada 2019 tercatat 12 desa, kini tidak ada lagi desa berstatus "
         "tertinggal. Pada 2023 desa mandiri mencapai 40 desa.",
         [("IDM_STATUS_COUNT", 12, 2019, "Tertinggal", "desa"), ("IDM_STATUS_COUNT", 0, 2023, "Tertinggal", "desa"),
          ("IDM_STATUS_COUNT", 40, 2023, "Mandiri", "desa")]),
    ],
)
def test_metrics_idm_status_phrasings(text, expected):
    metrics, _ = run(text)
    assert summary(metrics) == expected


def test_metrics_idm_status_list_rows_under_heading():
    text = ("Status IDM desa di kabupaten itu tahun 2023 sebagai berikut:\n1. Mandiri: 12 desa\n2. Maju: 57 desa\n"
            "3. Berkembang: 101 desa\n\nPanitia menyiapkan 20 kursi.")
    metrics, _ = run(text)
    assert summary(metrics) == [
        ("IDM_STATUS_COUNT", 12, 2023, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 57, 2023, "Maju", "desa"),
        ("IDM_STATUS_COUNT", 101, 2023, "Berkembang", "desa"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Pemkab menyerahkan 9 unit ambulans dan 14 unit usaha mendapat modal.",
         [("COUNT", 9, "unit ambulans"), ("COUNT", 14, "unit usaha")]),
        ("Pelatihan diikuti 85 perangkat desa, 20 pendamping desa dan 12 kelompok tani.",
         [("COUNT", 85, "perangkat desa"), ("COUNT", 20, "pendamping desa"), ("COUNT", 12, "kelompok tani")]),
        ("Polres mengerahkan 45 personel untuk mengamankan pilkades.", [("COUNT", 45, "personel")]),
        ("Sebanyak 30 personel bersiaga di posko.", []),
        ("Lahan seluas 12,5 hektare ditanami jagung.", [("COUNT", 12.5, "hektare")]),
        ("Pembangunan jalan usaha tani sepanjang 1,8 kilometer menelan Rp900 juta.",
         [("COUNT", 1.8, "kilometer"), ("MONEY", 900_000_000, None)]),
        ("Warga memperbaiki 700 meter saluran irigasi secara swadaya.", [("COUNT", 700, "meter")]),
        ("Longsor memutus jalan desa sepanjang 50 meter.", []),
        ("Air setinggi 40 cm merendam jalan desa.", []),
        ("Pekerjaan rehabilitasi jembatan dikerjakan selama 120 hari kalender.", [("COUNT", 120, "hari kalender")]),
        ("Sebanyak 1,2 juta jiwa terdampak banjir.", [("COUNT", 1_200_000, "jiwa")]),
        ("BPBD mengerahkan 4 unit perahu karet dan 2 unit kepada relawan.", [("COUNT", 4, "unit perahu"), ("COUNT", 2, "unit")]),
        ("Sebanyak 860 jiwa terdampak dan 120 di antaranya mengungsi.", [("COUNT", 860, "jiwa"), ("COUNT", 120, "jiwa")]),
    ],
)
def test_metrics_count_units(text, expected):
    metrics, _ = run(text)
    assert [(m.indicator, m.value, m.unit) for m in metrics] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a loss and the budget of a case take its fiscal year, wherever it is named
        ("Kerugian negara mencapai Rp310.500.000. Kasus itu terkait pengelolaan Dana Desa Tahun Anggaran 2020 "
         "yang nilainya Rp1,1 miliar, kata Kajari, Selasa (5/3/2024).",
         [("MONEY", 310_500_000, 2020), ("MONEY", 1_100_000_000, 2020)]),
        # money seized in a case is not dated by the fiscal year
        ("Tersangka korupsi dana desa TA 2019 ditahan, Kamis (7/3/2024). Polisi menyita uang tunai Rp15 juta.",
         [("MONEY", 15_000_000, 2024)]),
        # a loss in a case that names no fiscal year has no year
        ("Kades ditetapkan sebagai tersangka korupsi, Kamis (7/3/2024). Kerugian negara ditaksir Rp200 juta.",
         [("MONEY", 200_000_000, None)]),
    ],
)
def test_metrics_money_year_in_cases(text, expected):
    metrics, _ = run(text)
    assert [(m.indicator, m.value, m.year) for m in metrics] == expected


def _place(name: str, type_: str, text: str, word: str) -> Place:
    i = text.index(word)
    return Place(name=name, type=type_, mentions=[Mention(text=word, start=i, end=i + len(word))])


def test_metrics_region_is_the_village_of_an_address_and_the_subject_village():
    text = ("Desa Tanjung Harapan, Kecamatan Sungai Raya, meraih status mandiri dengan nilai IDM 0,8302 pada 2023.\n"
            "Desa itu memiliki 5 dusun.\nSecara nasional, jumlah desa mandiri mencapai 11.456 desa.")
    places = [_place("Sungai Raya", "district", text, "Sungai Raya")]
    metrics, _ = run(text, places=places)
    assert [(m.value, m.region) for m in metrics] == [
        (0.8302, "Tanjung Harapan"), (5, "Tanjung Harapan"), (11456, "Indonesia")
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a change of the index and its component indices are not IDM values
        ("Skor IDM Kabupaten Alor tahun 2023 naik 0,0312 poin dibandingkan tahun sebelumnya menjadi 0,6655.",
         [("IDM", 0.6655, 2023, None, None)]),
        ("IDM Kabupaten Alor tahun 2023 sebesar 0,6655, dengan indeks ketahanan sosial 0,7420 dan IKE 0,5511.",
         [("IDM", 0.6655, 2023, None, None)]),
        # the status a village rose to
        ("Desa itu naik status dari berkembang menjadi maju dengan nilai IDM 0,7342 pada 2024.",
         [("IDM", 0.7342, 2024, "Maju", None)]),
        # a table under a heading about status
        ("Rincian status desa hasil IDM 2022:\n| Status | Jumlah |\n| Mandiri | 14 |\n| Maju | 96 |\n",
         [("IDM_STATUS_COUNT", 14, 2022, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 96, 2022, "Maju", "desa")]),
        # the unit of a zero is the one counted before it, not a place's name
        ("Hasil IDM 2024 menunjukkan seluruh desa di Kabupaten Kudus tidak ada yang berstatus tertinggal.",
         [("IDM_STATUS_COUNT", 0, 2024, "Tertinggal", "desa")]),
    ],
)
def test_metrics_idm_values_tables_and_deltas(text, expected):
    metrics, _ = run(text)
    assert summary(metrics) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Perkembangan IDM Kabupaten Majene:\n| Tahun | Nilai IDM | Status |\n| 2021 | 0,6102 | Berkembang |\n"
         "| 2022 | 0,7150 | Maju |\n",
         [("IDM", 0.6102, 2021, "Berkembang", None), ("IDM", 0.715, 2022, "Maju", None)]),
        ("Nilai IDM Majene pada tahun 2020, 2021 dan 2022 masing-masing 0,5987, 0,6102 dan 0,7150.",
         [("IDM", 0.5987, 2020, None, None), ("IDM", 0.6102, 2021, None, None), ("IDM", 0.715, 2022, None, None)]),
        ("Rata-rata IDM Majene tercatat 0,6102 (2021) dan 0,7150 (2022).",
         [("IDM", 0.6102, 2021, None, None), ("IDM", 0.715, 2022, None, None)]),
        ("Jumlah desa mandiri pada 2021 dan 2022 berturut-turut 8 desa dan 13 desa.",
         [("IDM_STATUS_COUNT", 8, 2021, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 13, 2022, "Mandiri", "desa")]),
    ],
)
def test_metrics_idm_years_of_tables_and_respective_lists(text, expected):
    metrics, _ = run(text)
    assert summary(metrics) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hasil IDM 2023 dengan rincian mandiri 12 desa, maju 40 desa dan tertinggal 5 desa.",
         [("IDM_STATUS_COUNT", 12, 2023, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 40, 2023, "Maju", "desa"),
          ("IDM_STATUS_COUNT", 5, 2023, "Tertinggal", "desa")]),
        ("Berdasarkan IDM 2023, desa mandiri sebanyak 120 desa, sedangkan desa maju berjumlah 300 desa.",
         [("IDM_STATUS_COUNT", 120, 2023, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 300, 2023, "Maju", "desa")]),
        ("Lomba desa diikuti 30 desa, dan maju 5 desa ke tingkat provinsi.",
         [("COUNT", 30, None, None, "desa"), ("COUNT", 5, None, None, "desa")]),
    ],
)
def test_metrics_status_before_its_count(text, expected):
    metrics, _ = run(text)
    assert summary(metrics) == expected


# --------------------------------------------------------------------------- round 3: classes seen on unseen articles


@pytest.mark.parametrize(
    "text,expected",
    [
        # a zero written with a bare status ("tidak ada lagi desa sangat tertinggal")
        ("Menurut IDM 2024, kini tidak ada lagi kampung sangat tertinggal di distrik itu.",
         [("IDM_STATUS_COUNT", 0, 2024, "Sangat Tertinggal", "kampung")]),
        # ... and a second status joined to a zero: none of either
        ("Hasil IDM 2023 menunjukkan tidak ada kelurahan yang berstatus tertinggal maupun sangat tertinggal.",
         [("IDM_STATUS_COUNT", 0, 2023, "Tertinggal", "kelurahan"),
          ("IDM_STATUS_COUNT", 0, 2023, "Sangat Tertinggal", "kelurahan")]),
        # the earlier value of a status count: "naik dari 40 desa pada tahun sebelumnya"
        ("Hasil IDM 2024 mencatat 52 kelurahan berstatus maju, bertambah dari 40 kelurahan setahun sebelumnya.",
         [("IDM_STATUS_COUNT", 52, 2024, "Maju", "kelurahan"), ("IDM_STATUS_COUNT", 40, 2023, "Maju", "kelurahan")]),
        # a status held by a count written after a passive verb
        ("Pada IDM 2023, status tertinggal masih disandang 9 kampung.",
         [("IDM_STATUS_COUNT", 9, 2023, "Tertinggal", "kampung")]),
        # the next item's count belongs to its own status, not to the one before it
        ("Berdasarkan IDM 2022, sebanyak 4 desa berstatus mandiri, sebanyak 31 desa berstatus maju.",
         [("IDM_STATUS_COUNT", 4, 2022, "Mandiri", "desa"), ("IDM_STATUS_COUNT", 31, 2022, "Maju", "desa")]),
        # a status stated after the year of the latest value
        ("Rata-rata IDM kabupaten itu naik dari 0,5910 pada 2022 menjadi 0,6254 pada 2023, sehingga status "
         "wilayah tersebut kini berkembang.",
         [("IDM", 0.591, 2022, None, None), ("IDM", 0.6254, 2023, "Berkembang", None)]),
        # a status named with "predikat"/"kategori" before the value
        ("Desa Sukamulya meraih predikat desa mandiri setelah skor IDM-nya mencapai 0,8301 pada 2024.",
         [("IDM", 0.8301, 2024, "Mandiri", None)]),
        # a headline value without status takes the one the body gives it
        ("IDM Kabupaten Alor Naik Jadi 0,6254\nNilai IDM kabupaten itu tahun 2023 mencapai 0,6254 dengan status "
         "berkembang.",
         [("IDM", 0.6254, 2023, "Berkembang", None)]),
        # an index-like count change without units or years in an IDM article: the old figure is last year's
        ("Data IDM 2024 sudah diumumkan. Jumlah kalurahan mandiri naik dari 11 menjadi 15.",
         [("IDM_STATUS_COUNT", 11, 2023, "Mandiri", "kalurahan"), ("IDM_STATUS_COUNT", 15, 2024, "Mandiri", "kalurahan")]),
    ],
)
def test_metrics_idm_status_zero_coordination_and_change(text, expected):
    metrics, _ = run(text)
    assert summary(metrics) == expected


_FILLER = "Rapat itu juga membahas penguatan kelembagaan desa dan pelayanan publik di tingkat kecamatan. " * 10


@pytest.mark.parametrize(
    "text,expected",
    [
        # an index-like value after "nilai" far into an article about IDM
        ("Hasil pengukuran IDM tahun 2024 diumumkan dalam rapat evaluasi.\n" + _FILLER
         + "\nDesa terbaik adalah Desa Mekar dengan nilai 0,7412, disusul Desa Sari dengan nilai 0,7105.",
         [("IDM", 0.7412, 2024), ("IDM", 0.7105, 2024)]),
        # ... not a component index, nor such a value in an article that never names IDM
        ("Hasil pengukuran IDM tahun 2024 diumumkan.\n" + _FILLER
         + "\nMasih ada pekerjaan besar di indeks ketahanan ekologi dengan nilai 0,5412.", []),
        (_FILLER + "\nGini rasio kabupaten itu tercatat dengan nilai 0,3812.", []),
    ],
)
def test_metrics_idm_value_far_from_its_cue(text, expected):
    metrics, _ = run(text)
    assert [(m.indicator, m.value, m.year) for m in metrics] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a classifier "orang" before a counted noun
        ("Penyidik telah memeriksa 14 orang saksi dalam kasus itu.", [("COUNT", 14, "saksi")]),
        # classifiers (lembar, helai) and local BUMDes names (BUMNag, BUMKal) keep their written form
        ("Dinsos menyalurkan 80 paket beras dan 120 lembar kain.",
         [("COUNT", 80, "paket beras"), ("COUNT", 120, "lembar kain")]),
        ("Sebanyak 45 BUMNag di 11 kabupaten menerima modal.", [("COUNT", 45, "BUMNag"), ("COUNT", 11, "kabupaten")]),
        ("Sebanyak 12 BUMKal mendapatkan pendampingan.", [("COUNT", 12, "BUMKal")]),
        # a part "dari total" a whole is counted in the whole's unit
        ("Sebanyak 150 dari total 420 BUMDes sudah menyetor laporan keuangan.",
         [("COUNT", 150, "BUMDes"), ("COUNT", 420, "BUMDes")]),
        # a bare "unit" takes the noun the sentence opens with; a damaged part of it counts too
        ("\u201cSekolah yang rusak tercatat 14 unit, tiga di antaranya roboh,\u201d katanya.",
         [("COUNT", 14, "sekolah"), ("COUNT", 3, "sekolah")]),
        # "satu" opening a list of counts
        ("Angin kencang merusak satu sekolah dasar, tiga rumah warga dan dua kios.",
         [("COUNT", 1, "sekolah dasar"), ("COUNT", 3, "rumah"), ("COUNT", 2, "kios")]),
        ("Ia salah satu kepala desa yang dilantik.", []),
        # the size of a ranking is not a count; a list of items to build is
        ("Ia menyebut tiga kampung dengan skor indeks terendah di distrik itu.", []),
        ("Berikut daftar 10 desa dengan penilaian (IDM) tertinggi.", []),
        ("Dinas PU masih memiliki daftar 25 titik jembatan yang belum dibangun.", [("COUNT", 25, "titik jembatan")]),
        # number words inside a place's name
        ("Bantuan diserahkan di Kecamatan Tiga Lingga kepada 30 keluarga.", [("COUNT", 30, "keluarga")]),
    ],
)
def test_metrics_count_classifiers_parts_ranks_and_names(text, expected):
    metrics, _ = run(text)
    assert [(m.indicator, m.value, m.unit) for m in metrics] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a case over several fiscal years: its loss has no single year
        ("Kades menjadi tersangka korupsi dana desa tahun anggaran 2021 dan 2022, Selasa (5/3/2024). Kerugian "
         "negara mencapai Rp 410 juta.",
         [("MONEY", 410_000_000, None)]),
        ("Kejari menyebut kerugian negara dalam kasus dana desa TA 2020-2022 mencapai Rp 1,2 miliar.",
         [("MONEY", 1_200_000_000, None)]),
        # a year in another clause of the sentence is not the figure's
        ("Pelantikan digelar Senin (2/12/2024). Jabatan lima kepala desa itu habis, sedangkan pemilihan ulang "
         "dijadwalkan pada 2026.",
         [("COUNT", 5, 2024)]),
        ("Pemilihan ulang digelar di enam desa pada tahun 2026.", [("COUNT", 6, 2026)]),
    ],
)
def test_metrics_year_of_multi_year_cases_and_other_clauses(text, expected):
    metrics, _ = run(text)
    assert [(m.indicator, m.value, m.year) for m in metrics] == expected


def test_metrics_region_is_the_village_before_di_kecamatan():
    text = "Nilai IDM tertinggi tahun 2024 diraih Desa Lembah Hijau di Kecamatan Karang Baru dengan nilai 0,7286."
    places = [_place("Lembah Hijau", "village", text, "Lembah Hijau"),
              _place("Karang Baru", "district", text, "Karang Baru")]
    metrics, _ = run(text, places=places)
    assert [(m.value, m.region) for m in metrics] == [(0.7286, "Lembah Hijau")]
