"""Tests for pipeline.recognize.dates: finding, resolving and role of dates."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.components  # noqa: F401  (registers the Doc extensions)
from pipeline.clean import CleanArticle
from pipeline.nlp import build_nlp
from pipeline.recognize.dates import find_dates, parse_metadata_date
from pipeline.schema import Mention

NLP = build_nlp(recognizers=False)

WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def run(text: str, published: Optional[dt.date] = None, published_mention: Optional[Mention] = None):
    doc = NLP(text)
    doc._.article = CleanArticle(text=text, body=text, published=published, published_mention=published_mention)
    doc._.warnings = []
    return find_dates(doc), doc._.warnings


def triples(dates):
    return [(d.text, d.value, d.role, d.flags) for d in dates]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # day/month without year: publication year, previous year when it would be > 2 months ahead
        ("Rapat itu digelar di aula kantor bupati, Kamis (4/4), dan dibuka oleh wakil bupati.",
         dt.date(2024, 5, 3), [("Kamis (4/4)", "2024-04-04", "event", [])]),
        ("Musyawarah desa berlangsung Senin (11/12) di balai desa.",
         dt.date(2024, 1, 8), [("Senin (11/12)", "2023-12-11", "event", [])]),
        ("Pelatihan kader posyandu dilaksanakan Rabu (6/4).",
         dt.date(2024, 5, 3), [("Rabu (6/4)", "2024-04-06", "event", ["weekday_mismatch"])]),
        # full dates, two-digit years, apostrophes, lower case, comma before the parenthesis
        ("Bupati meresmikan pasar desa, Senin (4/5/2020).", None, [("Senin (4/5/2020)", "2020-05-04", "event", [])]),
        ("Kepala desa itu diperiksa penyidik, Jum'at (11/12/20).", None,
         [("Jum'at (11/12/20)", "2020-12-11", "event", [])]),
        ("Warga menyambut baik perbaikan jalan itu, kamis (28/09/2023)", None,
         [("kamis (28/09/2023)", "2023-09-28", "event", [])]),
        ("Bantuan disalurkan Kamis, (08/09/2022) kepada 40 keluarga.", None,
         [("Kamis, (08/09/2022)", "2022-09-08", "event", [])]),
        ("Sosialisasi digelar pada tanggal 3 Mei 2024 di kantor camat.", None,
         [("3 Mei 2024", "2024-05-03", "event", [])]),
        ("Lomba desa ditutup Selasa, 5 Maret 2024.", None, [("Selasa, 5 Maret 2024", "2024-03-05", "event", [])]),
        ("The forum was held on February 23, 2022 in Samarinda.", None,
         [("February 23, 2022", "2022-02-23", "event", [])]),
        ("Penyerahan bantuan pada 17 Nopember 2021 berjalan lancar.", None,
         [("17 Nopember 2021", "2021-11-17", "event", [])]),
        ("Rapat digelar Senin 4/3/2024 di aula.", None, [("Senin 4/3/2024", "2024-03-04", "event", [])]),
        ("Rapat digelar Selasa, 4/3/2024 di aula.", None,
         [("Selasa, 4/3/2024", "2024-03-04", "event", ["weekday_mismatch"])]),
        # a range of days gives both days
        ("Bimtek digelar 6-7 Mei 2024 di Banjarmasin.", None,
         [("6-7 Mei 2024", "2024-05-06", "event", []), ("6-7 Mei 2024", "2024-05-07", "event", [])]),
        # statement time is "other"
        ("\u201cKami siap,\u201d kata Camat Budi kepada wartawan, Jumat (11/12/20) siang.", None,
         [("Jumat (11/12/20)", "2020-12-11", "other", [])]),
        ("Dana belum cair, ujar Kabid Pemdes Siti Aminah, Selasa, 5 Maret 2024.", None,
         [("Selasa, 5 Maret 2024", "2024-03-05", "other", [])]),
        ("Hal itu disampaikan dalam keterangan tertulis yang diterima Kamis, (08/09/2022).", None,
         [("Kamis, (08/09/2022)", "2022-09-08", "other", [])]),
        # ... unless the speaker spoke at an occasion
        ("Hal itu disampaikan Kadis saat membuka rakor di Hotel Mutiara, Rabu (23/2/2022).", None,
         [("Rabu (23/2/2022)", "2022-02-23", "event", [])]),
        # no publication date and no year: XXXX, ambiguous, no weekday check
        ("Camat menghadiri musrenbang, Selasa (10/9).", None, [("Selasa (10/9)", "XXXX-09-10", "event", ["ambiguous"])]),
        # relative words and bare weekdays resolve only with a publication date
        ("Banjir melanda tiga kecamatan pada Jumat.", dt.date(2020, 1, 24), [("Jumat", "2020-01-24", "event", [])]),
        ("Banjir melanda tiga kecamatan pada Jumat.", None, []),
        ("Warga mengungsi sejak kemarin.", dt.date(2023, 3, 1), [("kemarin", "2023-02-28", "event", [])]),
        ("Tim kembali turun ke lokasi Senin lalu.", dt.date(2023, 3, 6), [("Senin lalu", "2023-02-27", "event", [])]),
        ("Dari Januari kemarin sudah ada pengajuan.", dt.date(2024, 3, 5), []),
        # commemorations, with an offset or "bertepatan dengan"; the year from the publication date,
        # else from the article's own dated day
        ("Tersangka ditetapkan sehari setelah peringatan Hari Antikorupsi Sedunia (Hakordia). Hal itu "
         "disampaikan kepada wartawan, Selasa (11/12/18).", None,
         [("sehari setelah peringatan Hari Antikorupsi Sedunia (Hakordia)", "2018-12-10", "event", []),
          ("Selasa (11/12/18)", "2018-12-11", "other", [])]),
        ("Upacara digelar bertepatan dengan Hari Pahlawan.", dt.date(2023, 11, 11),
         [("Hari Pahlawan", "2023-11-10", "event", [])]),
        ("Lomba digelar dua hari menjelang HUT RI ke-78.", dt.date(2023, 8, 10),
         [("dua hari menjelang HUT RI", "2023-08-15", "event", [])]),
        ("Dalam rangka Hari Kartini warga berkumpul.", dt.date(2023, 4, 22), []),
        # not dates
        ("Posyandu buka setiap Senin dan Kamis.", dt.date(2024, 3, 5), []),
        ("Program ini berjalan sejak tahun 2023 dan pekan lalu dievaluasi.", dt.date(2024, 3, 5), []),
        ("Dua minggu lalu sudah dibahas.", dt.date(2024, 3, 5), []),
        ("Nomor surat 12/04/DPMD tertanggal itu.", None, []),
    ],
)
def test_dates_find_dates_resolves_and_assigns_role(text, published, expected):
    dates, _ = run(text, published)
    assert triples(dates) == expected
    for d in dates:
        assert text[d.start : d.end] == d.text


def test_dates_weekday_mismatch_is_warned():
    text = "Rapat digelar Rabu (6/4) di aula."
    dates, warnings = run(text, dt.date(2024, 5, 3))
    assert [w.code for w in warnings] == ["weekday_mismatch"]
    assert (warnings[0].start, warnings[0].end) == (dates[0].start, dates[0].end)


def test_dates_guessed_year_prefers_matching_weekday():
    # 6 April 2023 was a Thursday: with the weekday, the earlier year is chosen
    dates, warnings = run("Kunjungan kerja dilakukan Kamis (6/4).", dt.date(2024, 2, 1))
    assert triples(dates) == [("Kamis (6/4)", "2023-04-06", "event", [])]
    assert warnings == []


def test_dates_one_entry_per_day_published_first():
    text = "3 Mei 2024\n\nBANJARBARU – Dinas menggelar rakor, Jumat (3/5). Rakor berlanjut Sabtu (4/5/2024)."
    pm = Mention(text="3 Mei 2024", start=0, end=10)
    dates, _ = run(text, dt.date(2024, 5, 3), pm)
    assert triples(dates) == [
        ("3 Mei 2024", "2024-05-03", "published", []),
        ("Sabtu (4/5/2024)", "2024-05-04", "event", []),
    ]


def test_dates_header_date_is_published_without_mention():
    text = "February 23, 2022 by\n\nSAMARINDA — Rakor digelar Rabu (23/2/2022) di Samarinda."
    dates, _ = run(text, dt.date(2022, 2, 23))
    assert triples(dates) == [("February 23, 2022", "2022-02-23", "published", [])]


def test_dates_same_day_keeps_most_explicit_text_and_event_role():
    text = ("Banjir melanda empat kecamatan pada Jumat. \u201cWarga sudah dievakuasi,\u201d kata Kepala BPBD "
            "Ahmad Yani ketika dihubungi, Jumat (24/1/2020).")
    dates, _ = run(text, dt.date(2020, 1, 24))
    assert triples(dates) == [("Jumat (24/1/2020)", "2020-01-24", "event", [])]


@pytest.mark.parametrize(
    "value,expected",
    [("2024-05-03", dt.date(2024, 5, 3)), ("2024-05-03T10:00:00+07:00", dt.date(2024, 5, 3)), ("kemarin", None)],
)
def test_dates_parse_metadata_date(value, expected):
    assert parse_metadata_date(value) == expected


# --------------------------------------------------------------------------- properties

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))


@settings(max_examples=150, deadline=None)
@given(days, st.sampled_from(["{d}/{m}/{Y}", "{d}/{m}/{y}", "{dd}/{mm}/{Y}", "{d} {M} {Y}", "{W}, {d} {M} {Y}",
                              "{W} ({d}/{m}/{Y})", "{W} ({dd}/{mm}/{y})"]))
def test_dates_explicit_formats_round_trip(day, fmt):
    if "{y}" in fmt and not 2000 <= day.year <= 2026:
        return  # a two-digit year means 20yy up to next year
    written = fmt.format(d=day.day, m=day.month, dd=f"{day.day:02d}", mm=f"{day.month:02d}", Y=day.year,
                         y=f"{day.year % 100:02d}", M=MONTHS[day.month - 1], W=WEEKDAYS[day.weekday()])
    text = f"Kegiatan itu berlangsung {written} di balai desa."
    dates, warnings = run(text, dt.date(2026, 1, 1) if "{y}" in fmt else None)
    assert [(d.text, d.value, d.flags) for d in dates] == [(written, day.isoformat(), [])]
    assert warnings == []


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=dt.date(2000, 3, 1), max_value=dt.date(2040, 12, 31)), st.integers(-300, 60))
def test_dates_weekday_day_month_resolves_against_publication(day, offset):
    published = day - dt.timedelta(days=offset)
    written = f"{WEEKDAYS[day.weekday()]} ({day.day}/{day.month})"
    dates, warnings = run(f"Rapat digelar {written} di aula.", published)
    assert [(d.text, d.value, d.flags) for d in dates] == [(written, day.isoformat(), [])]
    assert warnings == []


@settings(max_examples=150, deadline=None)
@given(days, st.integers(1, 6), st.booleans())
def test_dates_wrong_weekday_is_always_flagged(day, shift, numeric):
    wrong = WEEKDAYS[(day.weekday() + shift) % 7]
    written = (f"{wrong} ({day.day}/{day.month}/{day.year})" if numeric
               else f"{wrong}, {day.day} {MONTHS[day.month - 1]} {day.year}")
    dates, warnings = run(f"Rapat digelar {written} di aula.", None)
    assert [(d.value, d.flags) for d in dates] == [(day.isoformat(), ["weekday_mismatch"])]
    assert [w.code for w in warnings] == ["weekday_mismatch"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a dated header line gives the publication date when the header stage found none
        ("Kamis, 14 Maret 2024 - 09:30 WIB\n\nPemdes Sukamaju menggelar musdes, Rabu (13/3).",
         [("Kamis, 14 Maret 2024", "2024-03-14", "published", []), ("Rabu (13/3)", "2024-03-13", "event", [])]),
        # ... as does the date in an opening dateline, before its dash
        ("MAGELANG, Senin 4 Mar 2024 10:15 - Banjir melanda dua dusun, Minggu (3/3) malam.",
         [("Senin 4 Mar 2024", "2024-03-04", "published", []), ("Minggu (3/3)", "2024-03-03", "event", [])]),
        # a date inside a body sentence is not a header
        ("Pemdes menggelar musdes pada 12 Maret 2024 di balai desa dan berakhir pukul 12.00. Rapat lanjutan "
         "digelar Kamis (14/3).",
         [("12 Maret 2024", "2024-03-12", "event", []), ("Kamis (14/3)", "XXXX-03-14", "event", ["ambiguous"])]),
    ],
)
def test_dates_header_date_when_publication_unknown(text, expected):
    dates, _ = run(text)
    assert triples(dates) == expected


@pytest.mark.parametrize(
    "text,role",
    [
        ("Kadis memaparkan capaian program pada rapat evaluasi, Selasa (5/3/2024).", "event"),
        ("Hal itu disampaikan Kadis dalam sosialisasi, Selasa (5/3/2024).", "event"),
        ("Kadis menjelaskan hal itu kepada wartawan, Selasa (5/3/2024).", "other"),
    ],
)
def test_dates_role_after_a_named_occasion(text, role):
    dates, _ = run(text, dt.date(2024, 3, 6))
    assert [d.role for d in dates] == [role]


def test_dates_dateline_date_masked_from_the_body_is_still_the_publication_date():
    text = "SORONG, Senin (11/3/2024) – Pemdes menyalurkan BLT, Sabtu (9/3)."
    head = text.index("Senin")
    dash = text.index("–") + 1
    body = text[:head] + " " * (dash - head) + text[dash:]
    doc = NLP(body)
    doc._.article = CleanArticle(text=text, body=body)
    doc._.warnings = []
    assert triples(find_dates(doc)) == [
        ("Senin (11/3/2024)", "2024-03-11", "published", []), ("Sabtu (9/3)", "2024-03-09", "event", [])
    ]
