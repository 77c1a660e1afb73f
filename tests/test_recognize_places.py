"""Tests for pipeline.recognize.places (sentences written for these tests)."""

from __future__ import annotations

from typing import Optional

import pytest

import pipeline.components  # noqa: F401  (registers the Doc extensions)
from pipeline.clean import CleanArticle
from pipeline.nlp import build_nlp
from pipeline.recognize.places import find_places, lookup_region
from pipeline.schema import Mention

NLP = build_nlp(recognizers=False)


def _places(text: str, dateline: Optional[str] = None) -> dict[tuple[str, str], object]:
    doc = NLP(text)
    mention = None
    if dateline:
        start = text.lower().find(dateline.lower())
        mention = Mention(text=text[start : start + len(dateline)], start=start, end=start + len(dateline))
    doc._.article = CleanArticle(text=text, body=text, dateline=mention, dateline_name=dateline)
    pipeline.components._fresh(doc)
    places = find_places(doc)
    for p in places:
        for m in p.mentions:
            assert text[m.start : m.end] == m.text
    return {(p.name, p.type): p for p in places}


@pytest.mark.parametrize(
    "name,code,typ",
    [
        ("Kalsel", "63", "province"),
        ("Kabupaten Paser", "64.01", "regency"),
        ("Kota Batu", "35.79", "city"),
        ("Provinsi Kalimantan Selatan", "63", "province"),
        ("Madina", "12.13", "regency"),
        ("Bandung", "32.04", "regency"),
        ("Kota Bandung", "32.73", "city"),
        ("Pagar Alam", "16.72", "city"),
        ("Kecamatan Sibolangit", "12.07.03", "district"),
    ],
)
def test_places_lookup_region(name: str, code: str, typ: str) -> None:
    region = lookup_region(name)
    assert region is not None and region.code == code and region.type == typ


def test_places_lookup_region_unknown_and_prefer_city() -> None:
    assert lookup_region("Atlantis Raya") is None
    assert lookup_region("Bandung", prefer_city=True).code == "32.73"


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Pemerintah Provinsi Jawa Timur (Jatim) menyalurkan bantuan ke Kabupaten Sleman dan Kota Batu pekan ini.",
            {("Jawa Timur", "province"), ("Sleman", "regency"), ("Batu", "city")},
        ),
        (
            "Warga Desa Sukamaju, Kecamatan Cibeber, Kabupaten Cianjur mengungsi ke balai desa.",
            {("Sukamaju", "village"), ("Cibeber", "district"), ("Cianjur", "regency")},
        ),
        (
            "Rapat digelar di Aula Hotel Mawar Indah dan diikuti perwakilan se-Sulawesi Selatan.",
            {("Hotel Mawar Indah", "other"), ("Sulawesi Selatan", "province")},
        ),
        (
            "Jalan penghubung desa sidomulyo rusak, kata warga Indonesia yang tinggal di Kaltim.",
            {("Sidomulyo", "village"), ("Indonesia", "country"), ("Kalimantan Timur", "province")},
        ),
    ],
)
def test_places_find_types(text: str, expected: set) -> None:
    assert set(_places(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Batu besar itu jatuh di tengah jalan saat hujan deras.",
        "Penyaluran Dana Desa Tahun Anggaran 2023 sudah selesai, desa tersebut siap membangun.",
        "Kepala Desa (Kades) mengatakan bahwa Indeks Desa Membangun naik.",
    ],
)
def test_places_no_false_positives(text: str) -> None:
    assert _places(text) == {}


def test_places_bandung_dateline_city_body_regency() -> None:
    text = "BANDUNG – Banjir merendam tiga kecamatan di Kabupaten Bandung, termasuk Kecamatan Cileunyi."
    found = _places(text, dateline="Bandung")
    assert ("Bandung", "city") in found and ("Bandung", "regency") in found
    assert ("Cileunyi", "district") in found


def test_places_dateline_district_and_bare_district_in_named_regency() -> None:
    text = "Sibolangit – Warga Kabupaten Deli Serdang di Pancur Batu menerima bantuan."
    found = _places(text, dateline="Sibolangit")
    assert ("Sibolangit", "district") in found
    assert ("Pancur Batu", "district") in found


def test_places_one_place_per_name_with_all_mentions() -> None:
    text = "Bupati Sleman meninjau Sleman barat. Warga Sleman menyambut baik."
    found = _places(text)
    assert len(found[("Sleman", "regency")].mentions) == 3


@pytest.mark.parametrize(
    "text,absent",
    [
        ("Bima Arya mengatakan kota harus bersih.", ("Bima", "regency")),
        ("Koperasi Unit Desa Sumber Makmur menerima bantuan.", ("Sumber Makmur", "village")),
        ("Puncak acara digelar di lapangan.", ("Puncak", "regency")),
        ("Kantor itu di Jalan Medan Merdeka Barat.", ("Medan", "city")),
    ],
)
def test_places_names_inside_other_names_are_not_places(text: str, absent: tuple) -> None:
    assert absent not in _places(text)


def test_places_region_after_title_is_kept() -> None:
    assert ("Sleman", "regency") in _places("Kata Bupati Sleman Kustini Sri Purnomo di pendopo.")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Kejari menahan mantan Kepala Desa Loa Kulu Kota kemarin.", ("Loa Kulu Kota", "village")),
        ("Bantuan dari Kementerian Desa PDTT tiba di Desa Sukamaju.", ("Sukamaju", "village")),
    ],
)
def test_places_village_names_from_gazetteer(text: str, expected: tuple) -> None:
    found = _places(text)
    assert expected in found
    assert not any(typ == "village" and name != expected[0] for name, typ in found)


@pytest.mark.parametrize(
    "text,expected,absent",
    [
        ("Banjir melanda Kecamatan Kupang Tengah sejak pagi.", ("Kupang Tengah", "district"), ("Kupang", "regency")),
        ("Kapolsek Kupang Tengah hadir.", ("Kupang Tengah", "district"), ("Kupang", "regency")),
        ("Kepala Desa Sungai Rangas hadir di sana.", ("Sungai Rangas", "village"), ("Sungai Rangas", "other")),
        ("Kepala Desa Moh. Ridwan hadir.", None, ("Moh", "village")),
        ("Setiap desa Rp95 juta untuk jalan.", None, ("Rp95", "village")),
        ("Warga Kayu Agung antusias.", ("Kayu Agung", "district"), None),
        (
            "Dana itu untuk Kampung Long Iram Bayan, Kecamatan Long Iram, Kutai Barat.",
            ("Long Iram Bayan", "village"),
            None,
        ),
    ],
)
def test_places_longest_gazetteer_match_and_not_places(text: str, expected, absent) -> None:
    found = _places(text)
    if expected:
        assert expected in found
    if absent:
        assert absent not in found


def test_places_pj_village_head_name_is_not_part_of_village() -> None:
    found = _places("Pj Kepala Desa Sungai Rangas Ilham mengatakan bantuan sudah diterima.")
    assert ("Sungai Rangas", "village") in found
    assert not any("Ilham" in name for name, _ in found)


def test_places_kampung_outside_named_district_is_a_hamlet() -> None:
    found = _places("Jembatan menghubungkan Kampung Cibeureum di Desa Cikandang, Kecamatan Cikajang, Garut.")
    assert ("Cibeureum", "other") in found and ("Cikandang", "village") in found


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Lurah Pangkajene, Hj. Sitti Aisyah, memimpin rapat di Sidrap.", {("Pangkajene", "village")}),
        ("Lurah Pangkajene, Hj. Sitti Aisyah, memimpin rapat.", set()),
        ("Lurah Budi Santoso memimpin rapat.", set()),
    ],
)
def test_places_village_after_head_title_only_from_gazetteer(text: str, expected: set) -> None:
    found = {k for k in _places(text) if k[1] == "village"}
    assert found == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Tiga kalurahan di Prambanan, yakni Sumberharjo, Wukirharjo dan Gayamharjo, mengajukan usulan.",
            {"Sumberharjo", "Wukirharjo", "Gayamharjo"},
        ),
        ("Peserta dari Desa Sidodadi, Bumiayu dan Galeso hadir.", {"Sidodadi", "Bumiayu", "Galeso"}),
        ("Bantuan untuk Desa Sukamaju, Bapak Ahmad dan warga lain.", {"Sukamaju"}),
    ],
)
def test_places_villages_listed_after_one_cue(text: str, expected: set) -> None:
    assert {name for name, typ in _places(text) if typ == "village"} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Di Desa Sukamaju, Rahmat (45) warga setempat mengaku senang.",
        "Di Desa Sukamaju, Hasan mengatakan warga senang.",
        "Lurah Hasan mengatakan warga senang.",
    ],
)
def test_places_person_names_after_village_are_not_villages(text: str) -> None:
    assert {name for name, typ in _places(text) if typ == "village"} <= {"Sukamaju"}
