"""Tests for pipeline.quotes: quote spans, attribution, speaker resolution.

Articles here are written for the tests (no shared article text).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

import pytest

from pipeline.clean import CleanArticle
from pipeline.quotes import find_quotes, quote_spans
from pipeline.schema import Official, Place


def _doc(nlp, text: str, officials: Optional[list[str]] = None, titles: Optional[dict] = None, places=()):
    doc = nlp(text)
    doc._.article = CleanArticle(text=text, body=text, published=dt.date(2024, 5, 14))
    titles = titles or {}
    doc._.officials = [Official(name=n, title=titles.get(n)) for n in (officials or [])]
    doc._.places = [Place(name=p, type="regency") for p in places]
    doc._.warnings = []
    return doc


def _pairs(doc) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in find_quotes(doc)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('A "Desa Wisata" B', ["Desa Wisata"]),
        ("“Kami siap bekerja,” kata Budi.", ["Kami siap bekerja,"]),
        ("” bersyukur jalan sudah bagus , ” ujar warga.", ["bersyukur jalan sudah bagus ,"]),
        ("Ia berkata: “Satu. Dua.\n“Tiga,” katanya.", ["Satu. Dua.", "Tiga,"]),
        ('"   "', []),
        ("“Kami siap\nmembantu warga,” kata Budi.", ["Kami siap\nmembantu warga,"]),
        ("‘Kami minta warga tetap tenang,’ kata Herman.", ["Kami minta warga tetap tenang,"]),
        ("Pada hari Jum'at, Rifa'i bilang 'oke' saja.", []),
    ],
)
def test_quotes_spans_pair_marks_in_paragraph(text, expected):
    spans = quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == expected


@pytest.mark.parametrize(
    "text,officials,expected",
    [
        # inverted verb + short form of an official's name
        (
            "BOGOR – Rapat digelar kemarin.\n\n“Kami terus berupaya memperbaiki layanan desa,” ungkap Sari.",
            ["Sari Wulandari"],
            [("Sari Wulandari", "Kami terus berupaya memperbaiki layanan desa,")],
        ),
        # title before the name, the name as recognised
        (
            "“Anggaran sudah cair seluruhnya,” kata Kepala Dinas PMD Kabupaten Bogor Hendra Gunawan saat ditemui.",
            ["Hendra Gunawan"],
            [("Hendra Gunawan", "Anggaran sudah cair seluruhnya,")],
        ),
        # pronoun: the previous speaker
        (
            "“Kami siap membantu semua desa,” ujar Rina Marlina.\n\nIa menilai pelayanan membaik.\n\n"
            "“Tahun depan lebih baik lagi,” lanjutnya.",
            ["Rina Marlina"],
            [("Rina Marlina", "Kami siap membantu semua desa,"), ("Rina Marlina", "Tahun depan lebih baik lagi,")],
        ),
        # pronoun: a person introduced as speaking since the previous quote wins
        (
            "“Semua laporan sudah masuk,” ujar Rina Marlina.\n\n"
            "Sedangkan Kepala Seksi Pemerintahan, Joko Prasetyo mengatakan data akan diperbarui.\n\n"
            "“Kami periksa satu per satu,” ujarnya.",
            ["Rina Marlina", "Joko Prasetyo"],
            [("Rina Marlina", "Semua laporan sudah masuk,"), ("Joko Prasetyo", "Kami periksa satu per satu,")],
        ),
        # speaker before the quote
        (
            "Camat Tanjung Anom, Dedi Kurnia mengatakan, “Musyawarah berjalan lancar dan tertib.”",
            ["Dedi Kurnia"],
            [("Dedi Kurnia", "Musyawarah berjalan lancar dan tertib.")],
        ),
        (
            "Menurut Dedi Kurnia, \"Semua usulan warga sudah ditampung.\"",
            ["Dedi Kurnia"],
            [("Dedi Kurnia", "Semua usulan warga sudah ditampung.")],
        ),
        # unnamed speakers are left out; scare quotes are not speech
        (
            "Program \"Desa Wisata\" berjalan baik.\n\n“Kami senang sekali dengan jalan baru ini,” ujar seorang warga.",
            ["Dedi Kurnia"],
            [],
        ),
        # no officials: the name as written, without position and honorifics
        (
            "“Pembangunan jembatan selesai bulan ini,” kata Kepala Desa Sukamaju Bapak Ahmad Yani kepada wartawan.",
            [],
            [("Ahmad Yani", "Pembangunan jembatan selesai bulan ini,")],
        ),
        (
            "“Air mulai surut sejak pagi,” ucap Kapolsek AKBP Rudi Hartono.",
            [],
            [("Rudi Hartono", "Air mulai surut sejak pagi,")],
        ),
        (
            "“Semua desa wajib melapor tepat waktu.” Demikian disampaikan Kepala Dinas PMD, Rudi Hartono.",
            ["Rudi Hartono"],
            [("Rudi Hartono", "Semua desa wajib melapor tepat waktu.")],
        ),
        (
            "Rina Marlina hadir.\n\n“Kami siap membantu semua desa,” ia menambahkan.",
            ["Rina Marlina"],
            [("Rina Marlina", "Kami siap membantu semua desa,")],
        ),
        # after a quote ending a sentence, a new statement by someone else is not its attribution
        (
            "“Kami siap membantu semua desa.” Ani Susanti menjelaskan bahwa dana sudah cair.",
            ["Ani Susanti"],
            [],
        ),
        # a position alone names the official who holds it
        (
            "“Semua kepala desa hadir hari ini,” kata Camat.",
            ["Dedi Kurnia"],
            [("Dedi Kurnia", "Semua kepala desa hadir hari ini,")],
        ),
        # a quote left open continues into the next paragraph's quote
        (
            "Bupati Sleman Kustini Sri Purnomo menyampaikan: “Dana desa adalah amanah bagi kita semua.\n\n"
            "“Gunakan untuk kesejahteraan warga,” katanya.",
            ["Kustini Sri Purnomo"],
            [
                ("Kustini Sri Purnomo", "Dana desa adalah amanah bagi kita semua."),
                ("Kustini Sri Purnomo", "Gunakan untuk kesejahteraan warga,"),
            ],
        ),
        # a paragraph of speech without attribution continues the person just introduced
        (
            "Sekretaris Dinas Hj. Rosmini, S.Sos., M.Si. mengatakan peserta datang dari 24 daerah.\n\n"
            "“Antusiasme peserta luar biasa tahun ini.”",
            ["Rosmini"],
            [("Rosmini", "Antusiasme peserta luar biasa tahun ini.")],
        ),
        # "Menurutnya" continues the person just introduced; it is not a name
        (
            "“Angka stunting turun tahun ini,” tegas Benni.\n\n"
            "Kepala Dinas Kesehatan, dr. Ahmad Nasrudin, menyebut angka itu 16,8 persen.\n\n"
            "Menurutnya, rembuk stunting desa sudah dilaksanakan.\n\n“Kami targetkan di bawah 14 persen,” ucapnya.",
            [],
            [("Benni", "Angka stunting turun tahun ini,"), ("Ahmad Nasrudin", "Kami targetkan di bawah 14 persen,")],
        ),
        # an unnamed attribution followed by the person's name
        (
            "“Apinya cepat sekali membesar,” ujar seorang warga, Siti Aminah (45).",
            [],
            [("Siti Aminah", "Apinya cepat sekali membesar,")],
        ),
        # a place taken for a person by the officials stage: the apposition names the speaker
        (
            "Ketua BPD Sukamaju, Ujang Rohman, menambahkan hasil musyawarah dibawa ke kecamatan.\n\n"
            "“Kami akan kawal sampai tingkat kabupaten,” katanya.",
            ["Sukamaju"],
            [("Ujang Rohman", "Kami akan kawal sampai tingkat kabupaten,")],
        ),
        # "kata dia" after a paragraph naming the speaker by given name only
        (
            "Budi mengatakan air masih menggenang.\n\n“Ada 71 jiwa yang mengungsi di balai desa,” kata dia.",
            ["Budi Setiawan"],
            [("Budi Setiawan", "Ada 71 jiwa yang mengungsi di balai desa,")],
        ),
    ],
)
def test_quotes_speaker_resolution(blank_nlp, text, officials, expected):
    titles = {"Dedi Kurnia": "Camat"}
    assert _pairs(_doc(blank_nlp, text, officials, titles)) == expected


@pytest.mark.parametrize(
    "text,officials,expected",
    [
        # a degree the officials stage took for a name does not take the quote
        (
            "Kepala Dinas PMD Lamongan, H. Sugeng Riyadi, M.Si, mengatakan kasus ini menjadi pelajaran.\n\n"
            "“Kami sudah berkali-kali memberi pelatihan,” ujarnya.",
            ["Sugeng Riyadi", "M Si"],
            [("Sugeng Riyadi", "Kami sudah berkali-kali memberi pelatihan,")],
        ),
        # a region short form taken into the name is dropped
        (
            "“Capaian ini hasil kerja bersama,” kata Kepala Dinas PMD Jatim Agus Salim Harahap.",
            ["Jatim Agus Salim Harahap"],
            [("Agus Salim Harahap", "Capaian ini hasil kerja bersama,")],
        ),
        # a name written after the verb that only shares a word with an official is another person
        (
            "Kepala Desa Cibodas, Budi Hartono, menerima warga.\n\n"
            "“Jalan ini rusak sejak dua tahun lalu,” kata Budi Santoso, warga RT 03.",
            ["Budi Hartono"],
            [("Budi Santoso", "Jalan ini rusak sejak dua tahun lalu,")],
        ),
        # rank before the name; no officials at all
        (
            "“Kami sudah memeriksa lima saksi,” kata Kapolsek AKP Darmawan.",
            [],
            [("Darmawan", "Kami sudah memeriksa lima saksi,")],
        ),
    ],
)
def test_quotes_bad_official_names(blank_nlp, text, officials, expected):
    assert _pairs(_doc(blank_nlp, text, officials)) == expected


@pytest.mark.parametrize("verb", ["ucapnya", "imbuhnya", "tuturnya", "pungkasnya", "tandasnya", "ungkapnya"])
def test_quotes_pronoun_forms(blank_nlp, verb):
    text = (
        "Menurut Camat Sukaraja, Heri Purnomo, usulan warga sudah dicatat.\n\n"
        f"“Semua usulan akan kami kawal,” {verb}."
    )
    assert _pairs(_doc(blank_nlp, text, ["Heri Purnomo"])) == [("Heri Purnomo", "Semua usulan akan kami kawal,")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # "Menurut X, ..." introduces the speaker of the quote that follows
        (
            "Menurut Rina Marlina, modus pelaku menelepon korban. “Pelaku mengaku petugas bank,” katanya.",
            [("Rina Marlina", "Pelaku mengaku petugas bank,")],
        ),
        # "Sambung dia, ..." introduces the quote with a pronoun
        (
            "Rina Marlina hadir di balai desa. Sambung dia, “Kami siap membantu.”",
            [("Rina Marlina", "Kami siap membantu.")],
        ),
        # a companion named after the speaker ("didampingi ...") is not the speaker
        (
            "“Kami siap membantu,” tutur Rina Marlina didampingi Sekdes Joko Prasetyo.",
            [("Rina Marlina", "Kami siap membantu,")],
        ),
        # a quote running over two paragraphs, attributed at its end
        (
            "Rina Marlina menjelaskan modus itu.\n\n“Pelaku mengaku petugas bank. Korban diminta transfer.\n\n"
            "“Jadi jangan mudah percaya,” imbuhnya.",
            [
                ("Rina Marlina", "Pelaku mengaku petugas bank. Korban diminta transfer."),
                ("Rina Marlina", "Jadi jangan mudah percaya,"),
            ],
        ),
    ],
)
def test_quotes_intro_and_paragraphs(blank_nlp, text, expected):
    assert _pairs(_doc(blank_nlp, text, ["Rina Marlina", "Joko Prasetyo"])) == expected


@pytest.mark.parametrize(
    "attribution,expected",
    [("ujar bupati", ["Kustini Rahayu"]), ("ujar warga", [])],
)
def test_quotes_lower_case_position_names_its_holder(blank_nlp, attribution, expected):
    text = f"Bupati Sleman Kustini Rahayu meresmikan pasar desa.\n\n“Pasar ini untuk warga,” {attribution}."
    doc = _doc(blank_nlp, text, ["Kustini Rahayu"], {"Kustini Rahayu": "Bupati Sleman"})
    assert [q.speaker for q in find_quotes(doc)] == expected


@pytest.mark.parametrize("attribution", ["ujar Kades", "ujar kades", "kata Kepala Desa"])
def test_quotes_abbreviated_position_names_its_holder(blank_nlp, attribution):
    text = f"Kepala Desa Cibeber, Ujang Sopandi, membuka rembuk stunting.\n\n“Target kami nol stunting,” {attribution}."
    doc = _doc(blank_nlp, text, ["Ujang Sopandi"], {"Ujang Sopandi": "Kepala Desa Cibeber"})
    assert [q.speaker for q in find_quotes(doc)] == ["Ujang Sopandi"]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("M Si", None),
        ("S Sos", None),
        ("Kaltim Rudi Hamdani", "Rudi Hamdani"),
        ("H. Sugeng Riyadi", "Sugeng Riyadi"),
        ("Kepala Sugeng", "Sugeng"),
        ("Camat", None),
        ("Bima Arya", "Bima Arya"),
    ],
)
def test_quotes_speaker_name_cleans_official_names(name, expected):
    from pipeline.quotes import speaker_name

    assert speaker_name(name) == expected


@pytest.mark.parametrize(
    "text,titles",
    [
        ("“Kami siap,” kata Kabid Pemdes.", {}),
        ("“Kita targetkan seratus desa tahun depan,” ujar Kepala Desa Sukamaju.", {}),
    ],
)
def test_quotes_position_without_name_is_left_out(blank_nlp, text, titles):
    assert find_quotes(_doc(blank_nlp, text, [], titles)) == []


@pytest.mark.parametrize(
    "text,officials,cue",
    [
        ("“Kami siap bekerja keras,” ungkap Tutik.", ["Tutik Handayani"], "ungkap Tutik"),
        ("Tutik Handayani hadir.\n\n“Kami siap bekerja keras,” katanya.", ["Tutik Handayani"], "katanya"),
        ("“Kami siap bekerja keras,”ujar Tutik Handayani.", ["Tutik Handayani"], "ujar Tutik Handayani"),
        ("Tutik Handayani menjelaskan, “Kami siap bekerja keras.”", ["Tutik Handayani"], "Tutik Handayani menjelaskan"),
    ],
)
def test_quotes_offsets_and_cue(blank_nlp, text, officials, cue):
    doc = _doc(blank_nlp, text, officials)
    quotes = find_quotes(doc)
    assert len(quotes) == 1
    q = quotes[0]
    assert doc.text[q.start : q.end] == q.text
    assert q.text.startswith("Kami") and q.text[-1] in ",."
    assert q.cue is not None and q.cue.text == cue
    assert doc.text[q.cue.start : q.cue.end] == q.cue.text


def test_quotes_place_words_are_not_names(blank_nlp):
    text = "“Jalan desa sudah diperbaiki,” kata Bupati Sukoharjo, Etik Suryani."
    doc = _doc(blank_nlp, text, [], places=["Sukoharjo"])
    assert _pairs(doc) == [("Etik Suryani", "Jalan desa sudah diperbaiki,")]


def test_quotes_empty_article(blank_nlp):
    assert find_quotes(_doc(blank_nlp, "Tidak ada kutipan di sini.")) == []


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "eval" / "dev" / "gold").exists(), reason=f"needs the shared dev set at {SHARED}")
@pytest.mark.parametrize("with_officials", [True, False])
def test_quotes_dev_set_with_gold_officials(blank_nlp, with_officials):
    """Quotes on the shared dev articles, officials taken from the gold files
    (or none: names as written): F1 must stay >= 0.9."""
    from pipeline.evaluate import match_quote, one_to_one

    matched = predicted = gold_n = 0
    for art in sorted((SHARED / "eval" / "dev" / "articles").glob("*.txt")):
        gold = json.loads((SHARED / "eval" / "dev" / "gold" / f"{art.stem}.gold.json").read_text())
        names = [o["name"] for o in gold["officials"]] if with_officials else []
        places = [p["name"] for p in gold["places"]]
        pred = [q.model_dump() for q in find_quotes(_doc(blank_nlp, art.read_text(encoding="utf-8"), names, places=places))]
        matched += len(one_to_one(pred, gold["quotes"], match_quote))
        predicted += len(pred)
        gold_n += len(gold["quotes"])
    p, r = matched / max(predicted, 1), matched / max(gold_n, 1)
    assert 2 * p * r / max(p + r, 1e-9) >= 0.9

