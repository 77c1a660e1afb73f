"""Tests for pipeline.recognize.agencies (sentences written for these tests)."""

from __future__ import annotations

from typing import Optional

import pytest

import pipeline.components  # noqa: F401  (registers the Doc extensions)
from pipeline.clean import CleanArticle
from pipeline.nlp import build_nlp
from pipeline.recognize.agencies import canonical_agency, find_agencies
from pipeline.recognize.places import find_places, lookup_region

NLP = build_nlp(recognizers=False)


def _agencies(text: str, dateline: Optional[str] = None):
    doc = NLP(text)
    doc._.article = CleanArticle(text=text, body=text, dateline_name=dateline)
    pipeline.components._fresh(doc)
    doc._.places = find_places(doc)
    agencies = find_agencies(doc)
    for a in agencies:
        for m in a.mentions:
            assert text[m.start : m.end] == m.text
    return {a.name: a for a in agencies}


@pytest.mark.parametrize(
    "written,canonical",
    [
        ("Pemprov Jatim", "Pemerintah Provinsi Jawa Timur"),
        (
            "Dinas PMD Provinsi Sulsel",
            "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Sulawesi Selatan",
        ),
        (
            "DPMPD Kaltim",
            "Dinas Pemberdayaan Masyarakat dan Pemerintahan Desa Provinsi Kalimantan Timur",
        ),
        ("Polres Sleman", "Kepolisian Resor Sleman"),
        ("KPPN Kudus", "Kantor Pelayanan Perbendaharaan Negara Kudus"),
        ("Kemendagri", "Kementerian Dalam Negeri"),
        ("Kementrian dalam Negeri", "Kementerian Dalam Negeri"),
        (
            "Kemenko PMK",
            "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan",
        ),
        ("Pemerintah Kabupaten Garut", "Pemerintah Kabupaten Garut"),
    ],
)
def test_agencies_canonical_agency(written: str, canonical: str) -> None:
    assert canonical_agency(written) == canonical


def test_agencies_canonical_agency_with_region() -> None:
    assert canonical_agency("Bappeda", lookup_region("Kabupaten Lahat")) == (
        "Badan Perencanaan Pembangunan Daerah Kabupaten Lahat"
    )


def test_agencies_definition_teaches_abbreviation() -> None:
    text = (
        "Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Garut mencatat 40 rumah rusak. "
        "Tim BPBD masih berada di lokasi bersama relawan."
    )
    found = _agencies(text)
    assert list(found) == ["Badan Penanggulangan Bencana Daerah Kabupaten Garut"]
    agency = found["Badan Penanggulangan Bencana Daerah Kabupaten Garut"]
    assert "BPBD" in agency.aliases and len(agency.mentions) == 2
    assert agency.region_code == "32.05"


def test_agencies_bare_form_is_alias_of_regional_one() -> None:
    text = "Dinas PMD Provinsi Sulsel menggelar bimtek. Menurut panitia, Dinas PMD mengundang seluruh kepala desa."
    found = _agencies(text)
    name = "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Sulawesi Selatan"
    assert list(found) == [name]
    assert "Dinas PMD" in found[name].aliases


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Proyek dikerjakan oleh CV. Karya Mandiri Sejahtera selama 90 hari.",
            "CV Karya Mandiri Sejahtera",
        ),
        (
            "Dana itu dikelola BUMDes bersama Sumber Rejeki di desa itu.",
            "Badan Usaha Milik Desa Bersama Sumber Rejeki",
        ),
        (
            "Dinas pekerjaan umum dan penataan ruang (DPUPR) segera memperbaiki jalan kabupaten.",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
        ),
    ],
)
def test_agencies_named_and_lowercase(text: str, expected: str) -> None:
    assert expected in _agencies(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dana desa berasal dari pemerintah pusat dan dibagikan kepada masyarakat.",
        "Seluruh SKPD dan OPD diminta hadir. Pemerintah Desa juga harus aktif.",
        "Camat mengatakan Kepala Desa wajib melapor.",
    ],
)
def test_agencies_generic_collectives_are_not_agencies(text: str) -> None:
    assert _agencies(text) == {}


def test_agencies_local_body_gets_dateline_region() -> None:
    found = _agencies("LAHAT – Kepala Bappeda menyampaikan usulan warga.", dateline="Lahat")
    assert "Badan Perencanaan Pembangunan Daerah Kabupaten Lahat" in found


def test_agencies_full_name_with_commas_and_unit_of_agency() -> None:
    text = (
        "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi menyalurkan dana. "
        "Pusat Pengendalian Operasi Penanggulangan Bencana BPBD Provinsi Jambi siaga."
    )
    found = _agencies(text)
    assert "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi" in found
    assert "Badan Penanggulangan Bencana Daerah Provinsi Jambi" in found
    assert (
        "Pusat Pengendalian Operasi Penanggulangan Bencana Badan Penanggulangan Bencana Daerah Provinsi Jambi" in found
    )


def test_agencies_generic_definition_and_award_category_dropped() -> None:
    text = "Badan Usaha Milik Desa (BUMDes) diminta aktif. Desa itu meraih juara kategori BUMDes Inspiratif tahun ini."
    assert _agencies(text, dateline="Sleman") == {}


@pytest.mark.parametrize(
    "text,expected,absent",
    [
        (
            "Ketua BPD Desa Cibaregbeg hadir. Kantor Kejari Kukar juga mengirim jaksa, kata Kejari Kukar.",
            {
                "Badan Permusyawaratan Desa Cibaregbeg",
                "Kejaksaan Negeri Kutai Kartanegara",
            },
            {"Kantor Kejari Kukar"},
        ),
        (
            "Ketua Umum Partai Golkar Bambang Sutrisno menerima Kementerian Desa PDTT.",
            {
                "Partai Golongan Karya",
                "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
            },
            {"Partai Golkar Bambang Sutrisno"},
        ),
    ],
)
def test_agencies_village_bodies_offices_and_parties(text: str, expected: set, absent: set) -> None:
    found = set(_agencies(text))
    assert expected <= found and not (absent & found)


@pytest.mark.parametrize(
    "text,expected,absent",
    [
        (
            "Rapat digelar di Kantor Bupati Sidrap bersama Dinas Tanaman Pangan, Hortikultura dan Perkebunan.",
            {"Dinas Tanaman Pangan, Hortikultura dan Perkebunan Kabupaten Sidenreng Rappang"},
            {"Kantor Bupati Sidrap", "Kantor Bupati"},
        ),
        (
            "Warga berkumpul di Kantor Camat Lhoksukon dan Kantor Desa Blang Pha.",
            set(),
            None,
        ),
        (
            "Kegiatan digelar Dinas Pemberdayaan Masyarakat, Pemerintahan Desa, Kependudukan dan Pencatatan Sipil "
            "(DPMPD Dukcapil) Provinsi Kalimantan Tengah di Palangka Raya.",
            {
                "Dinas Pemberdayaan Masyarakat, Pemerintahan Desa, Kependudukan dan Pencatatan Sipil "
                "Provinsi Kalimantan Tengah"
            },
            None,
        ),
        (
            "Tim BPKP Perwakilan Provinsi Riau melakukan audit.",
            {"Badan Pengawasan Keuangan dan Pembangunan Perwakilan Provinsi Riau"},
            None,
        ),
        (
            "Warga binaan Lapas Kelas IIB Kotabumi mengikuti pelatihan.",
            {"Lembaga Pemasyarakatan Kelas IIB Kotabumi"},
            None,
        ),
        (
            "Omzet BUMDes Maju Bersama naik.",
            {"Badan Usaha Milik Desa Maju Bersama"},
            None,
        ),
        (
            "Rapat Badan Permusyawaratan Kampung Long Iram Bayan dan Pemerintah Kampung Long Iram Bayan.",
            {
                "Badan Permusyawaratan Kampung Long Iram Bayan",
                "Pemerintah Kampung Long Iram Bayan",
            },
            None,
        ),
        (
            "Tuha Peuet Gampong Blang Pha menggelar musyawarah.",
            {"Tuha Peuet Gampong Blang Pha"},
            None,
        ),
        (
            "Badan Geologi mencatat gempa di Kabupaten Sigi.",
            {"Badan Geologi"},
            {"Badan Geologi Kabupaten Sigi"},
        ),
        (
            "Kapolsek Lhoksukon AKP Hendra dan Danramil Kapten Inf Joko hadir.",
            set(),  # titles: the territory stays in the title (as Kepala Desa Salabulan), no agency
            {
                "Kepolisian Sektor Lhoksukon",
                "Kepolisian Negara Republik Indonesia",
                "Tentara Nasional Indonesia",
                "Komando Rayon Militer",
            },
        ),
    ],
)
def test_agencies_buildings_comma_lists_branches_and_village_bodies(text: str, expected: set, absent) -> None:
    found = _agencies(text)
    if expected:
        assert expected <= set(found)
    else:
        assert set(found) == set()
    for name in absent or ():
        assert name not in found


def test_agencies_regional_body_gets_the_one_regency_named() -> None:
    found = _agencies(
        "Pemerintah Kabupaten Sidenreng Rappang melalui Dinas Sosial menyalurkan beras. Ketua DPRD menyambut baik."
    )
    assert "Dinas Sosial Kabupaten Sidenreng Rappang" in found
    assert "Dewan Perwakilan Rakyat Daerah Kabupaten Sidenreng Rappang" in found


def test_agencies_article_definition_overrides_known_short_form() -> None:
    found = _agencies(
        "Badan Permusyawaratan Kampung (BPK) Long Iram Bayan menggelar rapat. Ketua BPK Long Iram Bayan hadir."
    )
    assert set(found) == {"Badan Permusyawaratan Kampung Long Iram Bayan"}


def test_agencies_rank_words_are_not_the_seat_of_a_command() -> None:
    found = _agencies("Pasi Ops Kodim Letda Inf Rahmadi memimpin apel.")
    assert set(found) == {"Komando Distrik Militer"}


def test_agencies_bumdes_of_a_region_is_not_a_named_body() -> None:
    found = _agencies(
        "Badan Usaha Milik Desa (BUMDes) Maju Bersama juara. Gebyar BUMDes Banyuwangi 2023 digelar di Banyuwangi."
    )
    assert set(found) == {"Badan Usaha Milik Desa Maju Bersama"}


@pytest.mark.parametrize(
    "text,expected,absent",
    [
        (  # a representation written after a definition
            "Inspektorat bekerja sama dengan Badan Pengawasan Keuangan dan Pembangunan (BPKP) Perwakilan Jambi.",
            {"Badan Pengawasan Keuangan dan Pembangunan Perwakilan Provinsi Jambi"},
            {"Badan Pengawasan Keuangan dan Pembangunan"},
        ),
        (  # military units designated by a number and a seat
            "Personel Kodim 0809/Kediri dan Koramil 12-05/Wates membantu warga membersihkan lumpur.",
            {
                "Komando Distrik Militer 0809/Kediri",
                "Komando Rayon Militer 12-05/Wates",
            },
            {"Komando Distrik Militer", "Komando Rayon Militer"},
        ),
        (  # a detention facility of the police is the police station
            "Tersangka kini ditahan di Rutan Polres Blitar untuk 20 hari ke depan.",
            {"Kepolisian Resor Blitar"},
            {"Rumah Tahanan Negara Polres Blitar", "Rumah Tahanan Negara"},
        ),
        (  # a company named after a known short form
            "Warga meminta PT PLN (Persero) segera memperbaiki jaringan. Petugas PLN datang sore harinya.",
            {"Perusahaan Listrik Negara"},
            {"PT PLN"},
        ),
        (  # a company name opening with a number word
            "Pekerjaan itu dikerjakan oleh CV Dua Saudara Mandiri selama 90 hari kalender.",
            {"CV Dua Saudara Mandiri"},
            set(),
        ),
        (  # combined planning and research agency
            "Hadir pula Kepala Bappeda dan Litbang Kalbar dalam rapat itu.",
            {"Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Provinsi Kalimantan Barat"},
            {"Badan Perencanaan Pembangunan Daerah"},
        ),
        (  # a forum of the local leadership
            "Apel siaga itu diikuti unsur Forkopimcam dan perangkat desa.",
            {"Forum Koordinasi Pimpinan Kecamatan"},
            set(),
        ),
        (  # the full name of a detention centre, and of the cells of a police station
            "Ia dipindahkan dari Rumah Tahanan Polres Kediri ke Rumah Tahanan Negara Kelas IIB Kediri.",
            {"Kepolisian Resor Kediri", "Rumah Tahanan Negara Kelas IIB Kediri"},
            {"Rumah Tahanan Negara Polres Kediri"},
        ),
        (  # local governments of districts named otherwise than kecamatan; a named health post
            "Pemerintah Kapanewon Prambanan dan Pemerintah Distrik Semangga meninjau Posyandu Kenanga.",
            {"Pemerintah Kapanewon Prambanan", "Pemerintah Distrik Semangga", "Posyandu Kenanga"},
            set(),
        ),
        (  # a village numeral and a preposition do not spell a known short form (IDI)
            "Desa Sumber Jaya I di Kecamatan Cibeber mencatat nilai tertinggi.",
            set(),
            {"Ikatan Dokter Indonesia", "Ikatan Dokter Indonesia Kecamatan Cibeber"},
        ),
        (  # a technical unit standing alone is a kind of body, not a named one
            "Para penjabat berasal dari kantor camat dan UPT di kecamatan itu.",
            set(),
            {"Unit Pelaksana Teknis"},
        ),
    ],
)
def test_agencies_units_companies_and_representations(text: str, expected: set, absent: set) -> None:
    found = _agencies(text)
    assert expected <= set(found)
    assert not absent & set(found)


def test_agencies_article_redefining_a_known_short_form() -> None:
    text = (
        "Penilaian meliputi kontribusi terhadap Pendapatan Asli Desa (PAD) dan dampak bagi warga. "
        "Kontribusi terhadap PAN tetap dihitung. Partai Amanat Nasional (PAN) ikut hadir."
    )
    found = _agencies(
        "Penilaian meliputi sumbangan bagi Pendapatan Asli Nagari (PAN) dan dampak bagi warga. PAN naik dua kali lipat."
    )
    assert "Partai Amanat Nasional" not in found
    assert "Partai Amanat Nasional" in _agencies(text)


@pytest.mark.parametrize(
    "text,name,code",
    [
        (
            "Pemerintah Provinsi Kalimantan Timur (Pemprov Kaltim) menggelar rapat.",
            "Pemerintah Provinsi Kalimantan Timur",
            "64",
        ),
        (  # a bare Pemprov in an article about one province
            "Dinas PMD Kaltara menggelar rakor. Pemprov menyiapkan anggaran untuk jalan desa.",
            "Pemerintah Provinsi Kalimantan Utara",
            "65",
        ),
        (  # lower-case start of a lead
            "pemerintah kabupaten Way Kanan menggelar musrenbang.",
            "Pemerintah Kabupaten Way Kanan",
            "18.08",
        ),
    ],
)
def test_agencies_region_code_of_named_region(text: str, name: str, code: str) -> None:
    found = _agencies(text)
    assert name in found
    assert found[name].region_code == code
