"""Tests for pipeline.backends.stanza_backend: alignment of stanza analyses onto spaCy tokens,
model discovery and its error messages, and the shipped small model (when stanza is installed).

Sentences are written for these tests in Indonesian news style.  The alignment tests use a
stand-in for ``stanza.Pipeline`` (so they run without stanza or torch); the model tests load
``models/stanza_id`` and skip when stanza/torch or the model are absent.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import regex

from pipeline.backends import stanza_backend as sb

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "models" / "stanza_id"
HAS_STANZA = importlib.util.find_spec("stanza") is not None and importlib.util.find_spec("torch") is not None
requires_model = pytest.mark.skipif(
    not HAS_STANZA or not (MODEL_DIR / "tokenize.pt").exists(),
    reason="needs stanza and torch (pip install torch==2.13.0, then pip install 'idnews[stanza]') "
    f"and the small Indonesian model in {MODEL_DIR} (scripts/train_stanza.py)",
)


# --- a stand-in for stanza.Pipeline: words split at spaces and punctuation, "Kab." split ----------


@dataclass
class FakeWord:
    id: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str | None
    head: int
    deprel: str


@dataclass
class FakeToken:
    start_char: int
    end_char: int
    words: list[FakeWord] = field(default_factory=list)


@dataclass
class FakeSentence:
    tokens: list[FakeToken]


@dataclass
class FakeDoc:
    sentences: list[FakeSentence]


_FAKE_TOKEN = regex.compile(r"\w+|[^\w\s]")


class FakeStanza:
    """Sentences end at every "." (none with ``split=False``, like ``tokenize_no_ssplit``); each
    word's head is the first word of its sentence (the root); lemma = lower case; ``...nya`` is a
    multi-word token (word + ``nya``); "Kab." is two tokens."""

    def __init__(self, split: bool = True) -> None:
        self.calls: list[str] = []
        self.split = split

    def __call__(self, text: str) -> FakeDoc:
        self.calls.append(text)
        sentences: list[FakeSentence] = []
        tokens: list[FakeToken] = []
        wid = 0
        for m in _FAKE_TOKEN.finditer(text):
            word = m.group()
            upos = "PUNCT" if not word[0].isalnum() else ("PROPN" if word[0].isupper() else "NOUN")
            parts = [word[:-3], "nya"] if word.lower().endswith("nya") and len(word) > 5 else [word]
            tok = FakeToken(m.start(), m.end())
            for k, part in enumerate(parts):
                wid += 1
                head = 0 if wid == 1 else 1
                deprel = "root" if head == 0 else ("nmod:poss" if k == 1 else "dep")
                if k == 1:  # "nya" hangs on the word before it, inside the token
                    head = wid - 1
                tok.words.append(FakeWord(wid, part, part.lower(), upos if k == 0 else "PRON", "X", None, head, deprel))
            tokens.append(tok)
            if word == "." and self.split:
                sentences.append(FakeSentence(tokens))
                tokens, wid = [], 0
        if tokens:
            sentences.append(FakeSentence(tokens))
        return FakeDoc(sentences)


@pytest.fixture(scope="module")
def nlp(blank_nlp):
    return blank_nlp


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(
    "text,sent_starts",
    [
        ("Warga desa menanam padi. Bupati meninjau sawah.", ["Warga", "Bupati"]),
        # masked boilerplate (a run of spaces) and a line break between the two sentences
        ("Warga desa menanam padi.          \nBupati meninjau sawah.", ["Warga", "Bupati"]),
        ("   \n\nWarga desa menanam padi.\n\n      Bupati meninjau sawah.    ", ["Warga", "Bupati"]),
        # a line break ends a sentence even without a period (each line is processed alone)
        ("Warga desa menanam padi\nBupati meninjau sawah", ["Warga", "Bupati"]),
    ],
)
def test_stanza_backend_sentences_and_offsets(nlp, text, sent_starts):
    fake = FakeStanza()
    doc = sb.annotate(nlp.make_doc(text), fake)
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts == sent_starts
    # stanza saw each line alone (no newline inside a call)
    assert all("\n" not in call for call in fake.calls)
    for token in doc:
        if token.is_space:
            assert token.lemma_ == "" and token.dep_ == ""
        else:
            assert token.lemma_ == token.text.lower()
            assert token.dep_ != ""


@pytest.mark.parametrize(
    "text,word,head,dep,pos",
    [
        ("Kepala desa membacakan laporan.", "laporan", "Kepala", "dep", "NOUN"),
        ("Kepala desa membacakan laporan.", "Kepala", "Kepala", "ROOT", "PROPN"),
        ("Camat menyerahkan bantuannya kemarin.", "bantuannya", "Camat", "dep", "NOUN"),
    ],
)
def test_stanza_backend_heads_and_pos(nlp, text, word, head, dep, pos):
    doc = sb.annotate(nlp.make_doc(text), FakeStanza())
    tok = _tok(doc, word)
    assert (tok.head.text, tok.dep_, tok.pos_) == (head, dep, pos)


def test_stanza_backend_multiword_token_takes_its_head_word(nlp):
    doc = sb.annotate(nlp.make_doc("Camat menyerahkan bantuannya kemarin."), FakeStanza())
    tok = _tok(doc, "bantuannya")
    # "bantuannya" = "bantuan" + "nya": the token gets the word whose head is outside it
    assert tok.lemma_ == "bantuan"


@pytest.mark.parametrize("text", ["Warga Kab. Tapin menanam padi.", "Bupati Kab. Banjar hadir.\n  Warga senang."])
def test_stanza_backend_unaligned_token_left_as_is(nlp, text):
    doc = nlp.make_doc(text)
    assert any(t.text == "Kab." for t in doc)  # the idnews tokenizer keeps it whole
    doc = sb.annotate(doc, FakeStanza())
    kab = _tok(doc, "Kab.")
    assert (kab.lemma_, kab.pos_, kab.dep_) == ("", "", "")
    assert kab.head.i == kab.i
    # its neighbours are still annotated
    assert _tok(doc, "Tapin" if "Tapin" in text else "Banjar").lemma_ != ""


@pytest.mark.parametrize(
    "sentences,split,starts,padi_head",
    [
        ("stanza", True, ["Warga", "Tapin", "Bupati"], "Tapin"),  # the stand-in splits after "Kab."
        ("keep", False, ["Warga", "Bupati"], "Warga"),  # idnews_sentences knows "Kab."; stanza parses each
    ],
)
def test_stanza_backend_sentence_modes(nlp, sentences, split, starts, padi_head):
    fake = FakeStanza(split=split)
    doc = sb.annotate(nlp("Warga Kab. Tapin menanam padi.  \n  Bupati hadir."), fake, sentences)
    assert [s[0].text for s in doc.sents if not s[0].is_space] == starts
    if sentences == "keep":
        assert fake.calls == ["Warga Kab. Tapin menanam padi.", "Bupati hadir."]
    assert _tok(doc, "padi").head.text == padi_head


def test_stanza_backend_bad_sentence_mode(nlp):
    with pytest.raises(ValueError, match="sentences must be one of"):
        sb.annotate(nlp("Warga hadir."), FakeStanza(), "paragraphs")


def test_stanza_backend_without_parse_sets_sentence_starts(nlp):
    class NoParse(FakeStanza):
        def __call__(self, text):
            out = super().__call__(text)
            for sent in out.sentences:
                for tok in sent.tokens:
                    for w in tok.words:
                        w.head, w.deprel = None, None
            return out

    doc = sb.annotate(nlp.make_doc("Warga menanam padi. Bupati meninjau sawah."), NoParse())
    assert not doc.has_annotation("DEP")
    assert [s[0].text for s in doc.sents] == ["Warga", "Bupati"]
    assert _tok(doc, "padi").lemma_ == "padi"


@pytest.mark.parametrize(
    "heads,expected_missing",
    [
        ([0, 0, 1, 2], set()),  # a tree
        ([1, 2, 1, 3], {1}),  # 1 -> 2 -> 1: cut at the token where the walk comes back
        ([1, 2, 0, 3], {0}),  # 0 -> 1 -> 2 -> 0
    ],
)
def test_stanza_backend_break_cycles(heads, expected_missing):
    import numpy

    arr = numpy.array(heads, dtype="int64")
    deps = ["x" if h != i else "ROOT" for i, h in enumerate(heads)]
    sb._break_cycles(arr, deps)
    assert {i for i, d in enumerate(deps) if d == ""} == expected_missing
    # every walk up the heads now ends at a token that is its own head
    for i in range(len(arr)):
        seen = set()
        while arr[i] != i:
            assert i not in seen
            seen.add(i)
            i = int(arr[i])


@pytest.mark.parametrize("text", ["", "   \n\n   "])
def test_stanza_backend_empty_text(nlp, text):
    fake = FakeStanza()
    doc = sb.annotate(nlp.make_doc(text), fake)
    assert fake.calls == []
    assert all(t.lemma_ == "" for t in doc)


# --- model discovery and errors ------------------------------------------------------------------


def test_stanza_backend_missing_dir_error(tmp_path):
    missing = tmp_path / "nothing"
    with pytest.raises(sb.StanzaBackendError, match=r"no Indonesian stanza models under .*nothing"):
        sb.find_models(missing)


def test_stanza_backend_no_tokenizer_error(tmp_path):
    (tmp_path / "pos.pt").write_bytes(b"x")
    with pytest.raises(sb.StanzaBackendError, match=r"no Indonesian stanza models under .*tokenize\.pt is missing"):
        sb.find_models(tmp_path)


@pytest.mark.parametrize(
    "files,expected",
    [
        (["tokenize.pt"], ("tokenize",)),
        (["tokenize.pt", "mwt.pt"], ("tokenize", "mwt")),
        # pos without pretrain.pt cannot be loaded; lemma and depparse need pos
        (["tokenize.pt", "pos.pt", "lemma.pt", "depparse.pt"], ("tokenize",)),
        (["tokenize.pt", "pos.pt", "pretrain.pt", "lemma.pt"], ("tokenize", "pos", "lemma")),
        (
            ["tokenize.pt", "mwt.pt", "pos.pt", "pretrain.pt", "lemma.pt", "depparse.pt"],
            ("tokenize", "mwt", "pos", "lemma", "depparse"),
        ),
    ],
)
def test_stanza_backend_find_models_flat(tmp_path, files, expected):
    for name in files:
        (tmp_path / name).write_bytes(b"x")
    models = sb.find_models(tmp_path)
    assert models.kind == "flat"
    assert models.processors == expected
    assert models.paths["tokenize_model_path"] == str(tmp_path / "tokenize.pt")
    if "pos" in expected:
        assert models.paths["pos_pretrain_path"] == str(tmp_path / "pretrain.pt")


def test_stanza_backend_find_models_resources_dir(tmp_path):
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")
    (tmp_path / "id").mkdir()
    models = sb.find_models(tmp_path, "tokenize,pos")
    assert (models.kind, models.processors) == ("resources", ("tokenize", "pos"))


@pytest.mark.parametrize("processors,match", [("tokenize,ner", "unknown stanza processors"), ("depparse", "for depparse")])
def test_stanza_backend_processor_errors(tmp_path, processors, match):
    (tmp_path / "tokenize.pt").write_bytes(b"x")
    with pytest.raises(sb.StanzaBackendError, match=match):
        sb.find_models(tmp_path, processors)


def test_stanza_backend_env_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(sb.ENV_MODEL_DIR, str(tmp_path))
    assert sb.resolve_model_dir(None) == tmp_path
    assert sb.resolve_model_dir("/x/y") == Path("/x/y")


def test_stanza_backend_not_installed_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "stanza", None)  # makes "import stanza" raise ImportError
    with pytest.raises(sb.StanzaBackendError, match=r"stanza is not installed: .*pip install 'idnews\[stanza\]'"):
        sb.load_stanza(tmp_path)


def test_stanza_backend_import_is_light():
    code = (
        "import sys, pipeline; assert 'stanza' not in sys.modules and 'torch' not in sys.modules, 'pipeline'; "
        "import pipeline.backends.stanza_backend; assert 'stanza' not in sys.modules, 'backend'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr


# --- the shipped small model --------------------------------------------------------------------


@pytest.fixture(scope="module")
def stanza_nlp():
    return sb.load_stanza(MODEL_DIR, num_threads=1)


@requires_model
@pytest.mark.slow
def test_stanza_backend_real_model_component(blank_nlp, stanza_nlp):
    from pipeline.nlp import build_nlp

    nlp = build_nlp(recognizers=False)
    nlp.add_pipe("idnews_stanza", after="idnews_sentences", config={"model_dir": str(MODEL_DIR)})
    text = (
        "Bupati Tapin meresmikan gedung sekolah baru di desa itu pada Senin pagi.        \n"
        "Warga menyambut kedatangannya dengan gembira. Kepala desa mengatakan bangunan itu sudah lama ditunggu."
    )
    doc = nlp(text)
    words = [t for t in doc if not t.is_space]
    assert sum(1 for t in words if t.pos_) >= 0.9 * len(words)
    assert sum(1 for t in words if t.lemma_) >= 0.9 * len(words)
    assert doc.has_annotation("DEP")
    # a line break always ends a sentence; the two sentences of the second line are split
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts[:2] == ["Bupati", "Warga"] and "Kepala" in starts
    # every sentence has exactly one root and all heads stay inside it
    for sent in doc.sents:
        roots = [t for t in sent if t.dep_ == "ROOT"]
        assert len(roots) == 1
        assert all(t.head in sent for t in sent)
    assert _tok(doc, "meresmikan").pos_ == "VERB"
    assert _tok(doc, ".").pos_ == "PUNCT"


@requires_model
@pytest.mark.slow
def test_stanza_backend_real_model_keeps_idnews_sentences():
    from pipeline.nlp import build_nlp

    nlp = build_nlp(recognizers=False)
    nlp.add_pipe("idnews_stanza", after="idnews_sentences", config={"model_dir": str(MODEL_DIR), "sentences": "keep"})
    text = "Warga Kec. Binuang dan Kab. Tapin menerima bantuan. Camat Binuang, S.Sos. menyerahkannya kemarin."
    doc = nlp(text)
    assert [s[0].text for s in doc.sents] == ["Warga", "Camat"]
    assert doc.has_annotation("DEP")
    assert sum(1 for s in doc.sents for t in s if t.dep_ == "ROOT") == 2


@requires_model
@pytest.mark.slow
def test_stanza_backend_real_model_masked_text(blank_nlp, stanza_nlp):
    text = "Camat membuka acara itu.                              \n\n   Warga hadir."
    doc = sb.annotate(blank_nlp.make_doc(text), stanza_nlp)
    assert _tok(doc, "Camat").is_sent_start and _tok(doc, "Warga").is_sent_start
    assert all(t.dep_ == "" and t.pos_ == "" for t in doc if t.is_space)
    assert _tok(doc, "Warga").pos_ in {"NOUN", "PROPN"}
