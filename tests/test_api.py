"""The library API: extract one text, stream many, bad input is a clear error."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.schema import ArticleInput, ErrorEntry, Record

TEXT = (
    "BANJARBARU – Pemerintah Provinsi Kalimantan Selatan menggelar rapat koordinasi "
    "pemberdayaan masyarakat desa di Kota Banjarbaru, Rabu (6/4).\n"
)


def test_api_extract_returns_validated_record(extractor):
    record = extractor(TEXT, published="2024-05-03", article="a.txt")
    assert isinstance(record, Record)
    assert record.article == "a.txt"
    assert record.published == "2024-05-03"
    Record.model_validate_json(record.model_dump_json())  # round-trips


def test_api_spans_point_into_original_text(extractor):
    record = extractor(TEXT, published="2024-05-03")
    for item in [*record.dates, *record.metrics, *record.quotes, *record.events]:
        assert TEXT[item.start : item.end] == item.text
    for item in [*record.places, *record.agencies, *record.officials]:
        for m in item.mentions:
            assert TEXT[m.start : m.end] == m.text


def test_api_extract_many_streams_in_order(extractor):
    items = [TEXT, {"id": "x", "text": TEXT, "published": "2024-05-03"}, ArticleInput(article="y", text=TEXT)]
    records = list(extractor.extract_many(items))
    assert [r.article for r in records] == ["article-1", "x", "y"]


@pytest.mark.parametrize(
    "text,reason",
    [("", "empty"), ("   \n ", "empty"), ("a\x00b", "NUL"), ("x" * 2_000_001, "too long")],
)
def test_api_bad_text_raises_input_error(extractor, text, reason):
    with pytest.raises(pipeline.InputError, match=reason):
        extractor(text)


def test_api_process_turns_bad_articles_into_error_entries(extractor):
    items = [ArticleInput(article="ok", text=TEXT), ArticleInput(article="bad", text=" ", path="f.jsonl", line=2)]
    out = list(extractor.process(items))
    assert isinstance(out[0], Record)
    assert isinstance(out[1], ErrorEntry) and out[1].line == 2 and "empty" in out[1].reason


def test_api_module_level_extract():
    record = pipeline.extract(TEXT, published="2024-05-03")
    assert record.published == "2024-05-03"


def test_api_a_failing_recognizer_loses_only_its_field(blank_nlp):
    from pipeline.components import _wrap

    def find_places(doc):
        raise IndexError("list index out of range")

    doc = blank_nlp("BANJARBARU – Rapat digelar di Kota Banjarbaru.")
    doc = _wrap("places", find_places)(doc)
    assert doc._.places == []
    assert [w.code for w in doc._.warnings] == ["places_failed"]
    assert "IndexError" in doc._.warnings[0].message


def _corpus_inputs(n: int) -> list[ArticleInput]:
    from pathlib import Path

    paths = sorted((Path(__file__).resolve().parents[1] / "corpus" / "articles").glob("*.txt"))[:n]
    return [ArticleInput(article=p.name, text=p.read_text(encoding="utf-8")) for p in paths]


@pytest.mark.parametrize("batch_size", [2, 5, 32])
def test_api_process_batches_give_the_records_of_single_calls(extractor, batch_size):
    items = _corpus_inputs(6)
    items.insert(3, ArticleInput(article="empty", text="  "))
    items.insert(1, ErrorEntry(input="x.jsonl", line=4, reason="not JSON"))
    batched = list(extractor.process(items, batch_size=batch_size))
    single = list(extractor.process(items, batch_size=1))
    assert [type(r).__name__ for r in batched] == ["Record", "ErrorEntry", "Record", "Record", "ErrorEntry", "Record", "Record", "Record"]
    assert [r.model_dump() for r in batched] == [r.model_dump() for r in single]
    assert [r.article for r in batched if isinstance(r, Record)] == [i.article for i in items if isinstance(i, ArticleInput) and i.text.strip()]


def test_api_process_a_crashing_component_loses_only_its_article():
    from spacy.language import Language

    from pipeline.api import Extractor
    from pipeline.nlp import build_nlp

    @Language.component("test_boom_on_marker")
    def boom(doc):
        if "LEDAK" in doc.text:
            raise RuntimeError("boom")
        return doc

    nlp = build_nlp(recognizers=False)
    nlp.add_pipe("test_boom_on_marker")
    ex = Extractor(nlp=nlp)
    items = [ArticleInput(article=f"a{i}", text=f"Berita nomor {i}. {'LEDAK' if i == 2 else 'Aman'}.") for i in range(5)]
    out = list(ex.process(items, batch_size=4))
    assert [type(r).__name__ for r in out] == ["Record", "Record", "ErrorEntry", "Record", "Record"]
    assert out[2].article == "a2" and out[2].reason == "internal error: RuntimeError: boom"


def test_api_batch_fits_the_stages_text_caches():
    """Each stage runs over a whole batch before the next: the per-text caches must hold it."""
    from pipeline.api import BATCH_SIZE
    from pipeline.sentences import CACHED_TEXTS

    assert BATCH_SIZE < CACHED_TEXTS
