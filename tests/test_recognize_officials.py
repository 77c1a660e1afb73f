"""Tests for pipeline.recognize.officials (sentences written for these tests)."""

from __future__ import annotations

import pytest

import pipeline.components  # noqa: F401  (registers the Doc extensions)
from pipeline.clean import CleanArticle
from pipeline.nlp import build_nlp
from pipeline.recognize.agencies import find_agencies
from pipeline.recognize.officials import find_officials
from pipeline.recognize.places import find_places

NLP = build_nlp(recognizers=False)


def _officials(text: str, entities: tuple[tuple[str, str], ...] = ()):
    """Officials of ``text``; ``entities`` are what an NER model proposes (span text, label; first occurrence)."""
    doc = NLP(text)
    doc._.article = CleanArticle(text=text, body=text)
    pipeline.components._fresh(doc)
    doc._.entities = [(text.index(span), text.index(span) + len(span), label) for span, label in entities]
    doc._.places = find_places(doc)
    doc._.agencies = find_agencies(doc)
    officials = find_officials(doc)
    for o in officials:
        for m in o.mentions:
            assert text[m.start : m.end] == m.text
    return {o.name: o for o in officials}


@pytest.mark.parametrize(
    "text,name,title,agency",
    [
        (
            "Kepala Dinas Kesehatan Kabupaten Sleman H. Muhammad Rizal mengatakan stok vaksin aman.",
            "Muhammad Rizal",
            "Kepala Dinas",
            "Dinas Kesehatan Kabupaten Sleman",
        ),
        (
            "Kasubag Umum dan Kepegawaian Sri Wahyuni menyampaikan jadwal pelatihan.",
            "Sri Wahyuni",
            "Kepala Subbagian Umum dan Kepegawaian",
            None,
        ),
        (
            "Kepala DPMD Jabar Asep Saepudin SE.MM. hadir dalam rapat itu.",
            "Asep Saepudin",
            "Kepala Dinas",
            "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Jawa Barat",
        ),
        (
            "Hal itu disampaikan Camat Cibeber Yusuf Maulana di kantornya.",
            "Yusuf Maulana",
            "Camat Cibeber",
            None,
        ),
    ],
)
def test_officials_title_agency_name(text: str, name: str, title: str, agency) -> None:
    found = _officials(text)
    assert name in found
    assert found[name].title == title
    assert found[name].agency == agency


def test_officials_represented_by_secretary() -> None:
    text = (
        "Acara dibuka oleh Kepala Dinas Sosial Provinsi Jambi Ahmad Fauzi, yang diwakili "
        "Sekretarisnya, Raden Mas Bagus Pratama."
    )
    found = _officials(text)
    assert set(found) == {"Ahmad Fauzi", "Bagus Pratama"}
    rep = found["Bagus Pratama"]
    assert rep.title == "Sekretaris" and rep.represents == "Ahmad Fauzi"
    assert rep.agency == found["Ahmad Fauzi"].agency == "Dinas Sosial Provinsi Jambi"


def test_officials_initials_of_suspects() -> None:
    text = "Polisi menahan AS (45) bersama bendahara desanya berinisial RK (39) sejak Senin."
    found = _officials(text)
    assert set(found) == {"AS", "RK"}
    assert found["RK"].title == "Bendahara Desa"


def test_officials_short_name_merges_into_full_name() -> None:
    text = (
        "Kabid Bina Marga Dinas PUPR Kabupaten Lahat Rudi Hartono meninjau jembatan. "
        "\u201cKami percepat,\u201d ujar Rudi."
    )
    found = _officials(text)
    assert list(found) == ["Rudi Hartono"]
    assert found["Rudi Hartono"].title == "Kepala Bidang Bina Marga"
    assert len(found["Rudi Hartono"].mentions) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Kepala Desa mengatakan warga sudah menerima bantuan pada Senin.",
        "Bupati Sleman hadir pada Kamis pagi.",
        "Dinas Sosial Provinsi Jambi menyalurkan bantuan kepada warga.",
    ],
)
def test_officials_no_person_without_a_name(text: str) -> None:
    assert _officials(text) == {}


@pytest.mark.parametrize(
    "text,name,title",
    [
        (
            "Rudi Hartono, Kepala Dinas PUPR Kabupaten Garut, mengatakan jembatan segera dibangun.",
            "Rudi Hartono",
            "Kepala Dinas",
        ),
        ("Ahmad Fauzan selaku Kepala Desa Sumberjo membenarkan hal tersebut.", "Ahmad Fauzan", "Kepala Desa Sumberjo"),
        ("Sementara itu, Sutrisno (kepala dusun) menyebut 40 rumah terdampak.", "Sutrisno", "Kepala Dusun"),
        (
            "Pj Wali Kota Lhokseumawe, A Hanan, berharap dana desa dimanfaatkan.",
            "A Hanan",
            "Penjabat Wali Kota Lhokseumawe",
        ),
        (
            "Menteri Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi (Mendes PDTT) Abdul Halim Iskandar hadir.",
            "Abdul Halim Iskandar",
            "Menteri Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
        ),
        ("Kapolsek Ngaglik Kompol Sutarja menjamin keamanan.", "Sutarja", "Kepala Kepolisian Sektor Ngaglik"),
    ],
)
def test_officials_other_title_patterns(text: str, name: str, title: str) -> None:
    found = _officials(text)
    assert list(found) == [name]
    assert found[name].title == title


@pytest.mark.parametrize(
    "text,names",
    [
        ("Suyono (56), warga setempat, mengaku sudah melapor.", {"Suyono"}),
        ("Warga mengatakan jalan itu rusak. Budi Santoso mengatakan perbaikan lambat.", {"Budi Santoso"}),
        ("\u201cKami menunggu,\u201d kata Siti Aminah, warga Desa Sukamaju.", {"Siti Aminah"}),
        ("Bupati Sleman hadir. Dr. Ir. Teuku Mahdi, M.Si mengatakan rapat dimulai.", {"Teuku Mahdi"}),
    ],
)
def test_officials_persons_without_titles(text: str, names: set) -> None:
    assert set(_officials(text)) == names


@pytest.mark.parametrize(
    "text,name,title",
    [
        ("Kades cibaregbeg, H. Dedi Supriadi S.Sos mengaku bangga.", "Dedi Supriadi", "Kepala Desa Cibaregbeg"),
        (
            "Kejari menahan mantan Kepala Desa Loa Kulu Kota berinisial SN (47) kemarin.",
            "SN",
            "Kepala Desa Loa Kulu Kota",
        ),
        ("Ketua Umum Partai Golkar Bambang Sutrisno hadir dalam pelantikan.", "Bambang Sutrisno", "Ketua Umum"),
    ],
)
def test_officials_village_titles_suspects_and_parties(text: str, name: str, title: str) -> None:
    found = _officials(text)
    assert name in found and found[name].title == title


@pytest.mark.parametrize(
    "text,names",
    [
        ("Menurut warga, ibu Ratna Sari sudah lama mengajar di sana.", {"Ratna Sari"}),
        ("Ketua Badan Pemenangan Daerah, Rahmat Hidayat menyampaikan laporan.", {"Rahmat Hidayat"}),
        ("Perdana Menteri Thailand, Somchai Prasert, membantah tuduhan itu.", {"Somchai Prasert"}),
    ],
)
def test_officials_addressed_and_not_organisation_words(text: str, names: set) -> None:
    assert set(_officials(text)) == names


@pytest.mark.parametrize(
    "text,name,title",
    [
        ("Yuliani, S.Pd. sebagai Pj Kepala Desa Sungai Baru membuka rapat.", "Yuliani", "Penjabat Kepala Desa"),
        ("Camat Kota Juang, Safrizal, S.Sos. mengatakan rapat berjalan lancar.", "Safrizal", "Camat"),
        ("Sekretaris Daerah Drs.  Hendra Wijaya, M.Si. membuka acara itu.", "Hendra Wijaya", "Sekretaris Daerah"),
        ("Rektor Dr. Ir. Agus Priyanto, M.T. hadir dalam wisuda.", "Agus Priyanto", "Rektor"),
        ("Kepala Desa Moh. Ridwan mengatakan warga antusias.", "Moh. Ridwan", "Kepala Desa"),
    ],
)
def test_officials_degrees_after_comma_and_name_abbreviations(text: str, name: str, title: str) -> None:
    found = _officials(text)
    assert set(found) == {name}
    assert found[name].title.startswith(title)


@pytest.mark.parametrize(
    "text,name,title_part",
    [
        ("Kapolsek Tanjung Lubuk AKP Rudi Hartono mengatakan situasi aman.", "Rudi Hartono", "Kepolisian Sektor"),
        ("Kapolres Sidrap AKBP Yohanes Lumban memimpin apel pagi.", "Yohanes Lumban", "Kepolisian Resor"),
        ("Danramil 0815-03/Sooko Kapten Inf Bambang Sutejo turut hadir.", "Bambang Sutejo", "0815-03/Sooko"),
        ("Danramil 11/Kradenan Kapten Czi Joko Santoso memantau lokasi.", "Joko Santoso", "11/Kradenan"),
        ("Kapolsek Kupang Tengah Iptu Yosef Bire menyebut tidak ada korban.", "Yosef Bire", "Kupang Tengah"),
    ],
)
def test_officials_rank_between_title_and_name(text: str, name: str, title_part: str) -> None:
    found = _officials(text)
    assert set(found) == {name}
    assert title_part in found[name].title


@pytest.mark.parametrize(
    "text,name,title",
    [
        ("Kepala Kampung Long Iram Bayan, Yohanes Ding, mengatakan jalan rusak.", "Yohanes Ding", "Kepala Kampung"),
        ("Keuchik Meunasah Baro, Zulfikar Hasan, menyambut program itu.", "Zulfikar Hasan", "Keuchik"),
        ("Petinggi Desa Tulakan, Sukirno, hadir dalam acara itu.", "Sukirno", "Petinggi"),
        ("Hukum Tua Desa Kali, Frangky Lumingkewas, menyampaikan laporan.", "Frangky Lumingkewas", "Hukum Tua"),
        ("Pambakal Desa Sungai Alat, Ahmad Riduan, mengatakan jalan diperbaiki.", "Ahmad Riduan", "Pambakal"),
        ("Kepala Pekon Sukamulya, Rohman, membuka musyawarah.", "Rohman", "Kepala Pekon"),
        ("Pj Kepala Desa Sungai Rangas Ilham mengatakan bantuan sudah diterima.", "Ilham", "Penjabat Kepala Desa"),
    ],
)
def test_officials_village_heads_title_place_comma_name(text: str, name: str, title: str) -> None:
    found = _officials(text)
    assert set(found) == {name}
    assert found[name].title.startswith(title)


@pytest.mark.parametrize(
    "text,name,agency",
    [
        (
            "Kadis PMD Pessel, Hj. Rosmawati Yunus, membuka pelatihan.",
            "Rosmawati Yunus",
            "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Pesisir Selatan",
        ),
        (
            "Koordinator Pengawasan Bidang Akuntabilitas Pemerintah Daerah BPKP Perwakilan Riau, Dedi Kurniawan, "
            "memaparkan hasil audit.",
            "Dedi Kurniawan",
            "Badan Pengawasan Keuangan dan Pembangunan Perwakilan Provinsi Riau",
        ),
        (
            "Direktur BUMDes Maju Bersama, Slamet Riyadi, mengatakan omzet naik.",
            "Slamet Riyadi",
            "Badan Usaha Milik Desa Maju Bersama",
        ),
    ],
)
def test_officials_title_agency_place_comma_name(text: str, name: str, agency: str) -> None:
    found = _officials(text)
    assert set(found) == {name}
    assert found[name].agency == agency


@pytest.mark.parametrize(
    "text,names",
    [
        ("Bantuan diserahkan kepada warga bernama Sutinah yang rumahnya rusak.", {"Sutinah"}),
        ("Acara itu dihadiri oleh Wahyu Hidayat bersama Lestari Handayani.", {"Wahyu Hidayat", "Lestari Handayani"}),
        ("Warga berkumpul di Kantor Camat Lhoksukon dan Kantor Keuchik Blang Pha.", set()),
        ("Bantuan itu diserahkan oleh Pemerintah Kabupaten Bireuen.", set()),
    ],
)
def test_officials_introduced_names_and_buildings(text: str, names: set) -> None:
    assert set(_officials(text)) == names


@pytest.mark.parametrize(
    "text,name,title,agency",
    [
        ("Bripka Dodi Saputra, anggota Polsek Lhoksukon, membantu evakuasi.", "Dodi Saputra", "Anggota", None),
        ("Peltu Sukarno ikut membantu warga.", "Sukarno", None, None),
        ("Pasi Ops Kodim Letda Inf Rahmadi memimpin apel.", "Rahmadi", "Perwira Seksi Operasi", None),
        ("Kasi PMG Kecamatan, Nurjannah, menyampaikan apresiasi.", "Nurjannah", "Kepala Seksi PMG Kecamatan", None),
        (
            "Kasi Trantib Kecamatan Sooko, Suwandi, S.Sos, ikut hadir.",
            "Suwandi",
            "Kepala Seksi Ketenteraman dan Ketertiban Umum",
            None,
        ),
    ],
)
def test_officials_ranks_units_and_short_unit_forms(text: str, name: str, title, agency) -> None:
    found = _officials(text)
    assert set(found) == {name}
    if title is None:
        assert found[name].title is None
    else:
        assert found[name].title.startswith(title)
    if agency is None and "Polsek" in text:
        assert found[name].agency == "Kepolisian Sektor Lhoksukon"


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Pj Gubernur Kalimantan Tengah, Dr. Ir. Benny Susanto, M.Sc., berkunjung.",
            {"Benny Susanto": "Gubernur Kalimantan Tengah"},
        ),
        (
            "Ia didampingi Bupati Sanggau Paulus Hadi dan Kepala Dinas Sosial Provinsi Kalbar, Hj. Rosita, S.Sos.",
            {"Paulus Hadi": "Bupati Sanggau", "Rosita": "Kepala Dinas"},
        ),
    ],
)
def test_officials_honorific_after_place_and_two_officials_joined_by_dan(text: str, expected: dict) -> None:
    found = _officials(text)
    assert set(found) == set(expected)
    for name, title in expected.items():
        assert found[name].title.endswith(title)


@pytest.mark.parametrize(
    "text,names",
    [
        ("Kantor itu di Jalan Jenderal Sudirman dan Jl. Letjen Suprapto.", set()),
        ("Camat Gisting, Drs. Hi. Syamsul Bahri, M.M., hadir.", {"Syamsul Bahri"}),
        (
            "Warga Pekon Sukamulya hadir. Ketua Badan Hippun Pemekonan (BHP) Sukamulya, Nasrullah, berbicara.",
            {"Nasrullah"},
        ),
    ],
)
def test_officials_streets_honorifics_and_places_named_again(text: str, names: set) -> None:
    assert set(_officials(text)) == names


def test_officials_village_head_keeps_village_written_as_kampung() -> None:
    found = _officials("Kepala Kampung Long Iram Bayan, Yohanes Ding, mengatakan jalan rusak.")
    assert found["Yohanes Ding"].title == "Kepala Kampung Long Iram Bayan"


# ---------------------------------------------------------------- statistical NER candidates


@pytest.mark.parametrize(
    "text,entities,expected",
    [
        # a person no pattern finds: added, title null
        (
            "Hadir dalam kegiatan itu Rudi Hartono dari kalangan pemuda desa.",
            [("Rudi Hartono", "PER")],
            {"Rudi Hartono": None},
        ),
        # honorifics and degrees are cleaned off the span
        (
            "Tampak pula H. Ahmad Fauzi, S.Sos., M.Si. di barisan depan.",
            [("H. Ahmad Fauzi, S.Sos., M.Si.", "PER")],
            {"Ahmad Fauzi": None},
        ),
        # the rules keep precedence: their title stays, the span adds nothing new
        (
            "Kepala Dinas Kesehatan Kabupaten Sleman Muhammad Rizal meninjau posyandu.",
            [("Muhammad Rizal", "PER")],
            {"Muhammad Rizal": "Kepala Dinas"},
        ),
        # a later short mention merges into the full name
        (
            "Rombongan disambut Yusuf Mahendra. Menurut Yusuf, jalan itu rusak.",
            [("Yusuf Mahendra", "PER"), ("Yusuf", "PER")],
            {"Yusuf Mahendra": None},
        ),
        # labels other than PER are not persons
        ("Kegiatan dipusatkan di Lapangan Merdeka Sendawar.", [("Merdeka Sendawar", "LOC")], {}),
    ],
)
def test_officials_model_person_added_without_title(text: str, entities: list, expected: dict) -> None:
    found = _officials(text, tuple(entities))
    assert {name: o.title for name, o in found.items()} == expected


@pytest.mark.parametrize(
    "text,span",
    [
        # overlaps an agency the rules found
        ("Penghargaan diraih Kelompok Tani Sri Rejeki tahun ini.", "Sri Rejeki"),
        # overlaps a place the rules found
        ("Banjir melanda Desa Sumber Rejo sejak pagi.", "Sumber Rejo"),
        # a credit line and a signature
        ("Warga bergotong royong membersihkan selokan.\nPenulis: Andi Pratama", "Andi Pratama"),
        ("Warga bergotong royong membersihkan selokan. (Andi Pratama/Red)", "Andi Pratama"),
        # one word, a degree, initials, a base named after a person, an event with its date
        ("Rapat dipimpin langsung oleh Sutrisno kemarin.", "Sutrisno"),
        ("Ia bergelar S.E dari kampus itu.", "S.E"),
        ("Dalam kasus itu petugas mengamankan AS RB di rumahnya.", "AS RB"),
        ("Pesawat mendarat di Pangkalan TNI AU Adi Sucipto sore itu.", "Adi Sucipto"),
        ("Lomba yang digelar antara lain Pacuan Kuda (31 Maret) dan pawai.", "Pacuan Kuda"),
    ],
)
def test_officials_model_person_rejected(text: str, span: str) -> None:
    assert _officials(text, ((span, "PER"),)) == _officials(text)


@pytest.fixture(scope="module")
def ner_component():
    """The shipped NER model (loaded once for this module)."""
    from pipeline.nlp import NerComponent

    return NerComponent()


def _officials_model(text: str, ner_component):
    doc = NLP(text)
    doc._.entities = ner_component.entities(doc.text)
    doc._.article = CleanArticle(text=text, body=text)
    pipeline.components._fresh(doc)
    doc._.places = find_places(doc)
    doc._.agencies = find_agencies(doc)
    return {o.name: o for o in find_officials(doc)}


@pytest.mark.parametrize(
    "text,name",
    [
        ("Hadir dalam kegiatan itu Rudi Hartono dan warga desa lainnya.", "Rudi Hartono"),
        ("Sejumlah tokoh seperti Agus Salim Harahap turut menyaksikan penandatanganan itu.", "Agus Salim Harahap"),
    ],
)
def test_officials_model_finds_untitled_person_only_when_on(text: str, name: str, ner_component) -> None:
    assert name not in _officials(text)
    found = _officials_model(text, ner_component)
    assert name in found and found[name].title is None


def test_officials_model_entity_inside_agency_is_no_official(ner_component) -> None:
    text = "Penghargaan juga diraih Kelompok Tani Sri Rejeki dari Kecamatan Sleman."
    assert _officials_model(text, ner_component) == {}
