"""The idnews command: extract, schema, eval; errors file and summary."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import cli
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

ARTICLE = (
    "Rakor Dana Desa Digelar di Martapura\n\n"
    "MARTAPURA – Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten Banjar menggelar "
    "rapat koordinasi penyaluran dana desa tahap kedua, Selasa (10/9/2024).\n"
)


def _run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_cli_extract_writes_records_and_errors(tmp_path):
    good = tmp_path / "in" / "01_banjar.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "02_empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "03_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "in" / "04_feed.jsonl").write_text(
        json.dumps({"id": "feed-1", "text": ARTICLE, "url": "https://contoh.id/2024/09/11/rakor"}) + "\n{broken\n",
        encoding="utf-8",
    )
    out = tmp_path / "records.jsonl"
    result = _run(["extract", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 1  # some inputs failed
    records = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article"] for r in records] == ["01_banjar.txt", "feed-1"]
    errors = [json.loads(l) for l in (tmp_path / "records.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 3
    by_input = {(e["input"].rsplit("/", 1)[-1], e["line"]): e["reason"] for e in errors}
    assert "empty" in by_input[("02_empty.txt", None)]
    assert "binary" in by_input[("03_binary.txt", None)]
    assert "JSON" in by_input[("04_feed.jsonl", 2)]
    assert "2 records" in result.stderr and "3 errors" in result.stderr


def test_cli_extract_corpus_one_record_per_article(tmp_path):
    articles = sorted((CORPUS / "articles").glob("*.txt"))
    assert len(articles) >= 20, "corpus/ must hold at least 20 articles"
    out = tmp_path / "corpus.jsonl"
    result = _run(["extract", str(CORPUS / "articles"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article"] for r in records] == [p.name for p in articles]


def test_cli_schema_is_the_record_schema(tmp_path):
    result = _run(["schema"])
    schema = json.loads(result.output)
    assert schema["title"] == "Record"
    assert schema["additionalProperties"] is False
    for field in ("article", "title", "source", "published", "dateline", "officials", "agencies",
                  "places", "dates", "metrics", "quotes", "events", "warnings"):
        assert field in schema["properties"]


def test_cli_eval_scores_and_gates(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {"article": "x.txt", "title": None, "source": None, "published": "2024-05-03", "dateline": "Martapura",
            "officials": [], "agencies": [], "places": [{"name": "Martapura", "type": "district"}],
            "dates": [], "metrics": [], "quotes": [], "events": []}
    (gold_dir / "x.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    rec = dict(gold, places=[])
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    report = tmp_path / "scores.json"
    result = _run(["eval", str(gold_dir), str(records), "--json", str(report), "--details"])
    assert result.exit_code == 0
    assert "macro F1" in result.output and "missed" in result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["fields"]["places"]["fn"] == 1
    assert data["macro_f1"] == round(10 / 11, 4)
    gated = _run(["eval", str(gold_dir), str(records), "--fail-under", "0.95"])
    assert gated.exit_code == 1


def test_cli_every_command_has_help():
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert "Example:" in command.help, f"{name} help shows no example"
