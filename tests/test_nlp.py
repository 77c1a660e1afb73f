"""Tests for pipeline.nlp: tokenizer exceptions and the idnews_sentences rules.

Sentences are written for these tests in Indonesian news style.
"""

from __future__ import annotations

import pytest

from pipeline.clean import clean


@pytest.fixture(scope="module")
def nlp(blank_nlp):
    """Tokenizer and sentence rules only (``build_nlp(recognizers=False)``, from conftest)."""
    return blank_nlp


@pytest.mark.parametrize(
    "text,tokens",
    [
        # administrative units, addresses
        ("di Kab. Tapin", ["di", "Kab.", "Tapin"]),
        ("Kec. Binuang, Kel. Rantau", ["Kec.", "Binuang", ",", "Kel.", "Rantau"]),
        ("warga Ds. Jati Prov. Jateng", ["warga", "Ds.", "Jati", "Prov.", "Jateng"]),
        ("di Jl. Ahmad Yani No. 5", ["di", "Jl.", "Ahmad", "Yani", "No.", "5"]),
        ("KAB. BANDUNG BARAT", ["KAB.", "BANDUNG", "BARAT"]),
        # honorifics, titles, ranks
        ("Prof. Dr. Ir. H. Budi Santoso", ["Prof.", "Dr.", "Ir.", "H.", "Budi", "Santoso"]),
        ("Hj. Siti dan Drs. Andi", ["Hj.", "Siti", "dan", "Drs.", "Andi"]),
        ("Dra. Ani bersama Kompol. Rudi", ["Dra.", "Ani", "bersama", "Kompol.", "Rudi"]),
        ("Kol. Inf. Dedi", ["Kol.", "Inf.", "Dedi"]),
        ("Let. Kol. Arif", ["Let.", "Kol.", "Arif"]),
        # degrees
        ("Budi, S.Sos., M.Si. hadir", ["Budi", ",", "S.Sos.", ",", "M.Si.", "hadir"]),
        ("Ani, S.E., M.M. hadir", ["Ani", ",", "S.E.", ",", "M.M.", "hadir"]),
        ("Rudi, SE. dan Tono, MM. hadir", ["Rudi", ",", "SE.", "dan", "Tono", ",", "MM.", "hadir"]),
        ("Sari, S.H., M.H. menjelaskan", ["Sari", ",", "S.H.", ",", "M.H.", "menjelaskan"]),
        ("guru S.Pd. dan S.IP. serta S.Kom.", ["guru", "S.Pd.", "dan", "S.IP.", "serta", "S.Kom."]),
        ("Joko S.T., M.T. dan Ali S.Ag.", ["Joko", "S.T.", ",", "M.T.", "dan", "Ali", "S.Ag."]),
        ("Hendra Wijaya SE.MM. Membuka", ["Hendra", "Wijaya", "SE.MM.", "Membuka"]),
        ("Dewi S.Sos.M.Si. hadir", ["Dewi", "S.Sos.M.Si.", "hadir"]),
        ("Budi SE.,MM. hadir", ["Budi", "SE.", ",", "MM.", "hadir"]),
        ("Budi, S.Sos, M.Si mengatakan", ["Budi", ",", "S.Sos", ",", "M.Si", "mengatakan"]),
        # numbers
        ("nilai 1.000,50 rupiah", ["nilai", "1.000,50", "rupiah"]),
        ("nilai IDM 0,7480 naik", ["nilai", "IDM", "0,7480", "naik"]),
        ("Radio 104,7 FM", ["Radio", "104,7", "FM"]),
        ("sebanyak 5.300 desa", ["sebanyak", "5.300", "desa"]),
        ("total 364.858.000 rupiah", ["total", "364.858.000", "rupiah"]),
        ("naik 24,4% dari", ["naik", "24,4", "%", "dari"]),
        ("pukul 10.00 WIB", ["pukul", "10.00", "WIB"]),
        # rupiah
        ("Rp1,5 miliar", ["Rp", "1,5", "miliar"]),
        ("Rp.900 juta", ["Rp.", "900", "juta"]),
        ("Rp. 900 juta", ["Rp.", "900", "juta"]),
        ("Rp 364.858.000,-", ["Rp", "364.858.000", ",", "-"]),
        ("Rp300 juta.", ["Rp", "300", "juta", "."]),
        ("Rp.800 Juta/ desa", ["Rp.", "800", "Juta", "/", "desa"]),
        # dates in brackets
        ("Rabu (6/4), dan", ["Rabu", "(", "6", "/", "4", ")", ",", "dan"]),
        # a sentence-final acronym that is not a degree keeps its period apart
        ("diajukan ke MA. Lalu", ["diajukan", "ke", "MA", ".", "Lalu"]),
    ],
)
def test_nlp_tokenization(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize(
    "text,sentences",
    [
        (
            "Rapat digelar Rabu (6/4). Rapat dibuka Kepala Dinas H. Budi, S.Sos., M.Si. di Jl. A. Yani.",
            ["Rapat digelar Rabu (6/4).", "Rapat dibuka Kepala Dinas H. Budi, S.Sos., M.Si. di Jl. A. Yani."],
        ),
        (
            "Nilai IDM 0,7480 naik! Target 5.300 desa tercapai? Ya.",
            ["Nilai IDM 0,7480 naik!", "Target 5.300 desa tercapai?", "Ya."],
        ),
        (
            "“Kami terus berupaya,” ungkap Budi. Ia berharap program berlanjut.",
            ["“Kami terus berupaya,” ungkap Budi.", "Ia berharap program berlanjut."],
        ),
        ("“Program ini penting.” Lalu ia pergi.", ["“Program ini penting.”", "Lalu ia pergi."]),
        ("“Kami siap bekerja.” Ucap Hendra. Acara selesai.", ["“Kami siap bekerja.” Ucap Hendra.", "Acara selesai."]),
        ("“Desa harus mandiri.” kata dia. Warga setuju.", ["“Desa harus mandiri.” kata dia.", "Warga setuju."]),
        ("Beras, gula, dll. Semua harga naik.", ["Beras, gula, dll.", "Semua harga naik."]),
        ("Paragraf pertama tanpa titik\nParagraf kedua juga", ["Paragraf pertama tanpa titik", "Paragraf kedua juga"]),
        ("Anggaran Rp.900 juta. Sisanya Rp 1,5 miliar.", ["Anggaran Rp.900 juta.", "Sisanya Rp 1,5 miliar."]),
        (
            "Kegiatan di Kab. Tapin, Kec. Binuang berjalan lancar.",
            ["Kegiatan di Kab. Tapin, Kec. Binuang berjalan lancar."],
        ),
    ],
)
def test_nlp_sentence_splits(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents] == sentences


@pytest.mark.parametrize(
    "text",
    [
        "   \n\n   Kalimat pertama.   \n      \n   Kalimat kedua.\n\n     ",
        "Judul\n\n\n\n          \n\nIsi berita di sini. Lanjut.",
        "\n\n\n",
    ],
)
def test_nlp_whitespace_never_a_sentence(nlp, text):
    doc = nlp(text)
    sents = list(doc.sents)
    assert sents, "a doc has at least one sentence"
    if text.strip():
        assert all(s.text.strip() for s in sents)
    for token in doc:
        assert token.is_sent_start is not None


def test_nlp_masked_article_sentences(nlp):
    text = (
        "Bupati Resmikan Pasar Desa\n\n2 min read\n\n"
        "RANTAU – Pemerintah Kabupaten Tapin meresmikan pasar desa, Senin (10/6). Pasar dibangun dengan dana desa.\n\n"
        "Tinggalkan Balasan\n\nAlamat email Anda tidak akan dipublikasikan.\n"
    )
    art = clean(text)
    doc = nlp(art.body)
    assert [s.text.strip() for s in doc.sents] == [
        "RANTAU   Pemerintah Kabupaten Tapin meresmikan pasar desa, Senin (10/6).",
        "Pasar dibangun dengan dana desa.",
    ]
    assert doc.text == art.body and len(doc.text) == len(text)


def test_nlp_build_without_recognizers_has_sentences_only(nlp):
    assert nlp.pipe_names == ["idnews_sentences"]


def test_nlp_build_with_recognizers_has_components_in_order(extractor):
    from pipeline import components

    names = [n for n in extractor.nlp.pipe_names if n != "idnews_ner"]  # the model, when on, comes first
    assert names[0] == "idnews_sentences"
    assert tuple(names[1 : 1 + len(components.COMPONENT_NAMES)]) == components.COMPONENT_NAMES


try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev extra
    given = None

if given is not None:
    _PIECES = st.sampled_from(
        [
            "Budi",
            "H.",
            "S.Sos.",
            "SE.MM.",
            "Rp.900",
            "0,7480",
            ".",
            "!",
            "?",
            "“",
            "”",
            '"',
            ")",
            "(6/4)",
            " ",
            "   ",
            "\n",
            "\n\n  \n",
            "dll.",
            "Ucap",
            "kata",
            "Lalu",
            "…",
        ]
    )

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), min_size=1, max_size=40).map(" ".join))
    def test_nlp_sentences_property(nlp, text):
        doc = nlp(text)
        assert all(t.is_sent_start is not None for t in doc)
        sents = list(doc.sents)
        assert "".join(s.text_with_ws for s in sents) == text
        if text.strip():
            assert all(s.text.strip() for s in sents)


# ---------------------------------------------------------------- the statistical NER component


@pytest.fixture(scope="module")
def ner_extractor():
    """An Extractor with the NER model on (the model loads once, here)."""
    from pipeline.api import Extractor

    return Extractor(ner=True)


def test_nlp_ner_component_runs_before_recognizers(ner_extractor) -> None:
    names = ner_extractor.nlp.pipe_names
    assert names.index("idnews_ner") < names.index("idnews_places") < names.index("idnews_officials")


def test_nlp_without_ner_has_no_model_component(blank_nlp) -> None:
    from pipeline.api import Extractor
    from pipeline.nlp import build_nlp

    assert "idnews_ner" not in build_nlp().pipe_names
    assert "idnews_ner" not in Extractor(ner=False).nlp.pipe_names
    assert "idnews_ner" not in blank_nlp.pipe_names


@pytest.mark.parametrize(
    "text,span,label",
    [
        ("Hadir dalam kegiatan itu Rudi Hartono dan warga desa lainnya.", "Rudi Hartono", "PER"),
        # masked boilerplate (spaces) before the body: offsets still index the text
        ("          \n\nSejumlah tokoh seperti Agus Salim Harahap hadir.", "Agus Salim Harahap", "PER"),
    ],
)
def test_nlp_ner_entities_are_char_offsets_into_doc_text(ner_extractor, text: str, span: str, label: str) -> None:
    nlp = ner_extractor.nlp
    doc = nlp.make_doc(text)
    doc = nlp.get_pipe("idnews_ner")(doc)
    found = {(doc.text[s:e], lab) for s, e, lab in doc._.entities}
    assert (span, label) in found
    assert all(doc.text[s:e] == doc.text[s:e].strip() and s < e for s, e, _ in doc._.entities)


@pytest.mark.parametrize(
    "text,name,with_model",
    [
        ("Hadir dalam kegiatan itu Rudi Hartono dan warga desa lainnya.", "Rudi Hartono", True),
        ("Penghargaan juga diraih Kelompok Tani Sri Rejeki dari Kecamatan Sleman.", "Sri Rejeki", False),
    ],
)
def test_nlp_ner_extractor_officials(ner_extractor, text: str, name: str, with_model: bool) -> None:
    from pipeline.api import Extractor

    on = {o.name for o in ner_extractor(text).officials}
    off = {o.name for o in Extractor(ner=False)(text).officials}
    assert (name in on) is with_model
    assert name not in off


def test_nlp_ner_model_loaded_once_per_extractor(ner_extractor) -> None:
    component = ner_extractor.nlp.get_pipe("idnews_ner")
    model = component.ner_nlp
    ner_extractor("Hadir dalam kegiatan itu Rudi Hartono.")
    ner_extractor("Sejumlah tokoh seperti Agus Salim Harahap hadir.")
    assert ner_extractor.nlp.get_pipe("idnews_ner").ner_nlp is model


def test_nlp_ner_empty_text_has_no_entities(ner_extractor) -> None:
    assert ner_extractor.nlp.get_pipe("idnews_ner").entities("   \n ") == []


@pytest.mark.parametrize(
    "text",
    [
        "Bupati Lembata Yohanes Kia menghadiri rapat di Aula Kantor Camat Nubatukan, Selasa (3/9/2024).",
        "Kepala Dinas Kesehatan Provinsi Jambi Feriadi Ramli mengatakan, vaksinasi sudah dimulai.",
    ],
)
def test_nlp_ner_runs_on_the_pipeline_doc(ner_extractor, text: str) -> None:
    """The model runs on the pipeline's own tokens (one tokenization) and finds what it finds
    on its own tokenizer's tokens for clean text; the Doc's own spans stay empty."""
    from pipeline.nlp import NerComponent

    nlp = ner_extractor.nlp
    component = nlp.get_pipe("idnews_ner")
    with nlp.memory_zone():
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "idnews_ner":
                break
        entities = list(doc._.entities)
        assert len(doc.ents) == 0
    assert entities, "the model finds the person in a titled sentence"
    assert all(text[s:e] == text[s:e].strip() for s, e, _ in entities)
    assert entities == component.entities(text)
    # the stand-alone model (its own tokenizer) agrees on clean text
    assert entities == NerComponent().entities(text)
    assert component.ner_nlp.vocab is nlp.vocab and nlp.vocab.vectors.mode == "floret"


@pytest.mark.parametrize(
    "lengths,most_docs,most_tokens,expected",
    [
        ([10, 10, 10], 32, 25, [[10, 10], [10]]),
        ([30, 5, 5], 32, 25, [[30], [5, 5]]),  # a Doc longer than the budget goes alone
        ([1, 1, 1, 1, 1], 2, 1000, [[1, 1], [1, 1], [1]]),
        ([], 32, 25, []),
    ],
)
def test_nlp_ner_batches_are_bounded_by_tokens(blank_nlp, lengths, most_docs, most_tokens, expected) -> None:
    from pipeline.nlp import _token_groups

    docs = [blank_nlp.make_doc(" ".join(["kata"] * n)) for n in lengths]
    groups = list(_token_groups(docs, most_docs, most_tokens))
    assert [[len(d) for d in g] for g in groups] == expected
    assert [d for g in groups for d in g] == docs


def test_nlp_tokenizer_warm_up_changes_no_tokens() -> None:
    """The warm-up only fills the tokenizer's cache: the same tokens come out, warm or cold."""
    from pipeline import lexicons
    from pipeline.nlp import IndonesianNews, _prepare_defaults, warm_tokenizer

    _prepare_defaults()
    cold, warm = IndonesianNews(), IndonesianNews()
    warm_tokenizer(warm)
    assert "yang" in lexicons.load_lines("tokenizer_warm_chunks.txt")
    assert warm.vocab.strings["yang"] and "yang" in warm.vocab.strings
    text = "Kades Sukamaju, H. Rustam S.Sos., mengatakan: “Dana desa tahap II sudah cair,” ujarnya (6/4)."
    for nlp in (cold, warm):
        with nlp.memory_zone():
            tokens = [(t.text, t.whitespace_) for t in nlp.make_doc(text)]
        assert "".join(a + b for a, b in tokens) == text
    with cold.memory_zone():
        cold_tokens = [t.text for t in cold.make_doc(text)]
    with warm.memory_zone():
        warm_tokens = [t.text for t in warm.make_doc(text)]
    assert cold_tokens == warm_tokens
