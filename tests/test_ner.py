"""Tests for pipeline.ner: IOB repair, label mapping, metrics, and the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from pipeline.ner.convert import (
    LABEL_MAP,
    map_label,
    mark_missing,
    merge_same_sentences,
    read_conll,
    sentence_to_doc,
    tags_to_spans,
)
from pipeline.ner.evaluate import score_entities

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "models" / "id_news_ner"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize(
    "tags,expected",
    [
        # well-formed IOB2
        (["B-PERSON", "I-PERSON", "O", "B-PLACE"], [(0, 2, "PER"), (3, 4, "LOC")]),
        # I- after O starts a new entity
        (["O", "I-PERSON", "I-PERSON", "O"], [(1, 3, "PER")]),
        # I- at the start of the sentence
        (["I-ORGANIZATION", "O"], [(0, 1, "ORG")]),
        # I- of another type starts a new entity
        (["B-PERSON", "I-LOCATION", "I-LOCATION"], [(0, 1, "PER"), (1, 3, "LOC")]),
        # B- right after I- of the same type starts a new entity
        (["B-LOC", "I-LOC", "B-LOC"], [(0, 2, "LOC"), (2, 3, "LOC")]),
        # entity running to the end; TIME and QUANTITY mapped
        (["O", "B-TIME", "I-TIME", "B-QUANTITY"], [(1, 3, "DATE"), (3, 4, "QTY")]),
        # unknown type dropped, known one kept
        (["B-MISC", "I-MISC", "B-ORG"], [(2, 3, "ORG")]),
        # lower-case tags and bare types
        (["b-per", "i-per", "ORG"], [(0, 2, "PER"), (2, 3, "ORG")]),
        (["O", "O"], []),
    ],
)
def test_convert_repairs_malformed_iob(tags, expected):
    assert tags_to_spans(tags) == expected


@pytest.mark.parametrize(
    "raw,label",
    [("PER", "PER"), ("PERSON", "PER"), ("ORG", "ORG"), ("ORGANIZATION", "ORG"), ("ORGANISATION", "ORG"),
     ("LOC", "LOC"), ("LOCATION", "LOC"), ("PLACE", "LOC"), ("TIME", "DATE"), ("QUANTITY", "QTY"),
     ("person", "PER"), ("MISC", None)],
)
def test_convert_label_mapping(raw, label):
    assert map_label(raw) == label
    assert set(LABEL_MAP.values()) == {"PER", "ORG", "LOC", "DATE", "QTY"}


@pytest.mark.parametrize(
    "content,expected_words,expected_tags",
    [
        ("Bupati\tO\nSleman\tB-PLACE\n\nIa\tO\n", [["Bupati", "Sleman"], ["Ia"]], [["O", "B-PLACE"], ["O"]]),
        # CRLF and the 3-column format (token UPOS tag)
        ("Wali PROPN O\r\nKota NOUN O\r\nMedan PROPN B-LOC\r\n\r\n", [["Wali", "Kota", "Medan"]], [["O", "O", "B-LOC"]]),
    ],
)
def test_convert_reads_formats(tmp_path, content, expected_words, expected_tags):
    path = tmp_path / "corpus.txt"
    path.write_bytes(content.encode("utf-8"))
    sents = read_conll(path)
    assert [w for w, _ in sents] == expected_words
    assert [t for _, t in sents] == expected_tags


def test_convert_sentence_to_doc_sets_entities():
    nlp = spacy.blank("id")
    doc = sentence_to_doc(nlp.vocab, ["Gubernur", "Jawa", "Tengah", "berkunjung"], ["O", "I-PLACE", "I-PLACE", "O"])
    assert [(e.text, e.label_) for e in doc.ents] == [("Jawa Tengah", "LOC")]


def test_convert_mark_missing_leaves_numbers_unannotated():
    nlp = spacy.blank("id")
    doc = sentence_to_doc(nlp.vocab, ["Rapat", "digelar", "12", "Maret", "di", "Bandung"],
                          ["O", "O", "O", "O", "O", "B-LOC"])
    masked = mark_missing([doc], lambda t: t.text.isdigit())[0]
    assert [t.ent_iob_ for t in masked] == ["O", "O", "", "O", "O", "B"]


def test_convert_merge_same_sentences_joins_label_sets():
    nlp = spacy.blank("id")
    words = ["Bupati", "Bantul", "meninjau", "12", "desa", "pada", "Senin"]
    # primary (PER/ORG/LOC only) and secondary (all labels) annotate the same sentence
    primary = sentence_to_doc(nlp.vocab, words, ["O", "B-LOC", "O", "O", "O", "O", "O"])
    secondary = sentence_to_doc(nlp.vocab, words, ["O", "B-ORG", "O", "B-QUANTITY", "I-QUANTITY", "O", "B-TIME"])
    lone_primary = sentence_to_doc(nlp.vocab, ["Camat", "Sewon", "hadir", "3", "kali"], ["O", "B-LOC", "O", "O", "O"])
    lone_secondary = sentence_to_doc(nlp.vocab, ["Warga", "Sleman"], ["O", "B-LOC"])
    merged, rest = merge_same_sentences([primary, lone_primary], [secondary, lone_secondary],
                                        ["DATE", "QTY"], lambda t: t.text.isdigit())
    # primary entities win; DATE/QTY come from the twin; the twin itself is dropped
    assert [(e.text, e.label_) for e in merged[0].ents] == [("Bantul", "LOC"), ("12 desa", "QTY"), ("Senin", "DATE")]
    # a primary sentence without twin has its number tokens unannotated (missing)
    assert [t.ent_iob_ for t in merged[1]] == ["O", "B", "O", "", "O"]
    assert [d.text for d in rest] == ["Warga Sleman"]


@pytest.mark.parametrize(
    "gold,pred,micro_f,macro_f",
    [
        # PER 3/3 right (F1 1.0), LOC boundary wrong (F1 0.0):
        # micro tp 3, fp 1, fn 1 -> 0.75; macro (1.0 + 0.0) / 2 = 0.5
        ([(0, 0, 2, "PER"), (0, 3, 4, "PER"), (1, 0, 1, "PER"), (1, 2, 3, "LOC")],
         [(0, 0, 2, "PER"), (0, 3, 4, "PER"), (1, 0, 1, "PER"), (1, 2, 4, "LOC")],
         0.75, 0.5),
        # wrong label: a false negative for ORG and a false positive for LOC
        # ORG F1 0; LOC P .5 R 1 F1 2/3; micro tp 1 fp 1 fn 1 -> .5; macro 1/3
        ([(0, 0, 1, "ORG"), (0, 2, 3, "LOC")], [(0, 0, 1, "LOC"), (0, 2, 3, "LOC")], 0.5, 1 / 3),
        ([(0, 0, 1, "ORG")], [], 0.0, 0.0),
    ],
)
def test_evaluate_micro_vs_macro(gold, pred, micro_f, macro_f):
    scores = score_entities(gold, pred)
    assert scores.micro.f == pytest.approx(micro_f)
    assert scores.macro_f == pytest.approx(macro_f)


def test_evaluate_ignores_labels_outside_the_test_set():
    gold = [(0, 0, 1, "PER")]
    pred = [(0, 0, 1, "PER"), (0, 2, 4, "DATE")]
    scores = score_entities(gold, pred)
    assert set(scores.per_label) == {"PER"}
    assert scores.micro.p == 1.0
    # scoring DATE explicitly makes the extra entity a false positive
    assert score_entities(gold, pred, labels=["PER", "DATE"]).per_label["DATE"].fp == 1


@pytest.fixture(scope="module")
def shipped_nlp():
    if not (MODEL_DIR / "config.cfg").exists():
        pytest.skip(f"no trained model in {MODEL_DIR}")
    return spacy.load(MODEL_DIR)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,label,word",
    [
        ("Bupati Sleman Kustini Sri Purnomo meninjau banjir di Kecamatan Depok.", "PER", "Purnomo"),
        ("Bupati Sleman Kustini Sri Purnomo meninjau banjir di Kecamatan Depok.", "LOC", "Depok"),
        ("Kapolres Bantul AKBP Ihsan mengatakan pelaku ditangkap di Yogyakarta.", "LOC", "Yogyakarta"),
        ("Kementerian Desa menyalurkan bantuan kepada 45 desa pada 3 Maret 2024.", "DATE", "Maret"),
        ("Kementerian Desa menyalurkan bantuan kepada 45 desa pada 3 Maret 2024.", "QTY", "45"),
    ],
)
def test_ner_shipped_model_tags_sentence(shipped_nlp, text, label, word):
    doc = shipped_nlp(text)
    ents = [(e.text, e.label_) for e in doc.ents]
    assert any(lab == label and word in ent.split() for ent, lab in ents), ents


@pytest.mark.slow
def test_ner_shipped_model_finds_person_and_place(shipped_nlp):
    doc = shipped_nlp("Bupati Sleman Kustini Sri Purnomo meninjau banjir di Kecamatan Depok.")
    labels = {e.label_ for e in doc.ents}
    assert {"PER", "LOC"} <= labels
    assert set(shipped_nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "DATE", "QTY"}


def test_ner_model_size_under_limit():
    if not MODEL_DIR.exists():
        pytest.skip(f"no trained model in {MODEL_DIR}")
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 25 * 1024 * 1024


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.joinpath("data", "ner").exists(), reason="needs ../shared/data/ner (absent)")
def test_convert_shared_nerugm_counts():
    sents = read_conll(SHARED / "data" / "ner" / "indolem-nerugm" / "dev.01.tsv")
    assert len(sents) == 187
    assert all(len(w) == len(t) for w, t in sents)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.joinpath("data", "ner").exists(), reason="needs ../shared/data/ner (absent)")
def test_train_news_idner_recipe_has_no_duplicate_or_dev_sentences(tmp_path):
    from pipeline.ner.evaluate import load_docbin
    from pipeline.ner.train import get_recipe, prepare_corpora

    corpus = prepare_corpora(SHARED / "data" / "ner", tmp_path)
    nlp = spacy.blank("id")
    rec = get_recipe("news-idner")

    def sentences(files):
        return [tuple(t.text for t in d) for f in files for d in load_docbin(corpus / f, nlp)]

    train = sentences(rec.train)
    # idner train and the rest of NER-UGM train.01 share no sentence (the corpora repeat a few
    # sentences internally, which is left as it is)
    assert rec.train[1:] == ["merged/idner_train.spacy", "merged/nerugm_train.01.rest.spacy"]
    assert not set(sentences(rec.train[1:2])) & set(sentences(rec.train[2:]))
    assert not set(train) & set(sentences(rec.dev))
    assert set(rec.tests) == {"nergrit"}
