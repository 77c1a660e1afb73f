"""Readers: every input ends as an article or an error entry that says why."""

from __future__ import annotations

import gzip
import json

import pytest

from pipeline.io import JsonlWriter, decode_text, errors_path_for, iter_inputs, read_jsonl, read_txt
from pipeline.schema import ArticleInput, ErrorEntry

ARTICLE = (
    "SLEMAN – Pemerintah Kabupaten Sleman menggelar sosialisasi dana desa di Balai Desa "
    "Sinduharjo, Senin (4/5/2020). “Dana desa harus tepat sasaran,” ujar Bupati Sleman.\n"
)


def test_io_reads_utf8_txt_with_file_name_as_article(tmp_path):
    p = tmp_path / "01_sleman.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    item = read_txt(p)
    assert isinstance(item, ArticleInput)
    assert item.article == "01_sleman.txt"
    assert item.text == ARTICLE


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8-sig", b""), ("cp1252", b""), ("latin-1", b"")],
)
def test_io_decodes_common_encodings(tmp_path, encoding, prefix):
    p = tmp_path / "a.txt"
    p.write_bytes(prefix + ARTICLE.encode(encoding, errors="replace"))
    item = read_txt(p)
    assert isinstance(item, ArticleInput)
    assert item.text.startswith("SLEMAN")
    assert "\ufeff" not in item.text


def test_io_windows_1252_curly_quotes_survive(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes(ARTICLE.encode("cp1252"))
    item = read_txt(p)
    assert "“Dana desa harus tepat sasaran,”" in item.text


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty"),
        (b"   \n\n  \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ],
)
def test_io_bad_txt_becomes_error_entry(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    item = read_txt(p)
    assert isinstance(item, ErrorEntry)
    assert reason in item.reason
    assert item.input == str(p)


def test_io_huge_txt_is_refused_without_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "w", encoding="utf-8") as fh:
        for _ in range(20 * 1024):
            fh.write(("Dana desa tahap pertama telah disalurkan. " * 25)[:1023] + "\n")
    assert p.stat().st_size >= 20 * 1024 * 1024
    item = read_txt(p)
    assert isinstance(item, ErrorEntry)
    assert "too large" in item.reason


def test_io_jsonl_broken_line_and_missing_text(tmp_path):
    p = tmp_path / "scraped.jsonl"
    lines = [
        json.dumps({"article": "a1", "url": "https://contoh.id/2024/05/03/rakor", "text": ARTICLE}),
        '{"article": "a2", "text": "Rakor digelar',  # torn line
        json.dumps({"id": "a3", "title": "Tanpa teks"}),
        "",
        json.dumps({"text": ARTICLE, "published": "2024-05-03"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"article": "a7", "text": 42}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(p))
    assert [type(i).__name__ for i in items] == [
        "ArticleInput", "ErrorEntry", "ErrorEntry", "ArticleInput", "ErrorEntry", "ErrorEntry",
    ]
    assert items[0].url.endswith("/rakor") and items[0].line == 1
    assert items[1].line == 2 and "not valid JSON" in items[1].reason
    assert items[2].line == 3 and items[2].article == "a3" and "no 'text'" in items[2].reason
    assert items[3].line == 5 and len(items[3].article) == 16  # content hash id
    assert items[3].published == "2024-05-03"
    assert "not a JSON object" in items[4].reason
    assert "not a string" in items[5].reason


def test_io_jsonl_gz_and_folder_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"article": "gz1", "text": ARTICLE}) + "\n")
    items = list(iter_inputs([tmp_path]))
    assert [i.article for i in items] == ["1.txt", "2.txt", "gz1"]


def test_io_missing_and_unsupported_paths(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    items = list(iter_inputs([tmp_path / "nope.txt", tmp_path / "x.pdf"]))
    assert all(isinstance(i, ErrorEntry) for i in items)
    assert "no such file" in items[0].reason
    assert "unsupported" in items[1].reason


def test_io_decode_rejects_control_bytes():
    with pytest.raises(ValueError, match="binary"):
        decode_text(bytes(range(1, 32)) * 50)


@pytest.mark.parametrize(
    "output,expected",
    [("out/records.jsonl", "out/records.errors.jsonl"), ("r.jsonl.gz", "r.errors.jsonl"), ("r", "r.errors.jsonl")],
)
def test_io_errors_path_beside_output(output, expected):
    assert str(errors_path_for(output)) == expected


def test_io_writer_one_line_per_item(tmp_path):
    path = tmp_path / "e.jsonl"
    with JsonlWriter(path) as w:
        w.write(ErrorEntry(input="a.txt", reason="empty file: no text"))
        w.write(ErrorEntry(input="b.jsonl", line=3, reason="no 'text' field"))
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]
    assert rows[1] == {"input": "b.jsonl", "line": 3, "article": None, "reason": "no 'text' field"}
