"""Batch runs: worker pools, Dask, resume after kill -9, torn lines, order."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import repair_and_collect, run_batch

TEMPLATE = (
    "Rakor Dana Desa Kabupaten {n}\n\n"
    "MARTAPURA – Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten Banjar menggelar rapat "
    "koordinasi penyaluran dana desa tahap {n}, Selasa (10/9/2024). Sebanyak {n} desa telah menerima "
    "dana desa senilai Rp{n},5 miliar.\n\n"
    "“Kami minta seluruh desa segera melengkapi laporan pertanggungjawaban,” ujar Kepala DPMD "
    "Kabupaten Banjar Ahmad Fauzi.\n"
)


def _make_inputs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(TEMPLATE.format(n=i + 1), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    lines = [json.dumps({"id": f"j{i}", "text": TEMPLATE.format(n=100 + i)}) for i in range(5)]
    lines.insert(2, "{not json")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _lines(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(l) for l in fh]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """One plain run: the records every other run must reproduce."""
    base = tmp_path_factory.mktemp("ref")
    inputs = _make_inputs(base / "in", 24)
    summary = run_batch([inputs], base / "ref.jsonl")
    assert summary.records == 29 and summary.errors == 2
    return inputs, _lines(base / "ref.jsonl"), _lines(base / "ref.errors.jsonl")


def test_batch_order_is_input_order(reference):
    _, records, errors = reference
    ids = [r["article"] for r in records]
    assert ids == [f"{i:03d}.txt" for i in range(24)] + [f"j{i}" for i in range(5)]
    assert {(Path(e["input"]).name, e["line"]) for e in errors} == {("bad.txt", None), ("feed.jsonl", 3)}


def test_batch_two_workers_give_the_same_records(reference, tmp_path):
    inputs, records, _ = reference
    run_batch([inputs], tmp_path / "w2.jsonl", workers=2, batch_size=3)
    assert _lines(tmp_path / "w2.jsonl") == records


@pytest.mark.slow
def test_batch_dask_local_cluster_gives_the_same_records(reference, tmp_path):
    pytest.importorskip("distributed")
    inputs, records, _ = reference
    run_batch([inputs], tmp_path / "dask.jsonl", workers=2, engine="dask", batch_size=4)
    assert _lines(tmp_path / "dask.jsonl") == records


def test_batch_gzip_output(reference, tmp_path):
    inputs, records, _ = reference
    run_batch([inputs], tmp_path / "out.jsonl.gz")
    assert _lines(tmp_path / "out.jsonl.gz") == records
    assert (tmp_path / "out.errors.jsonl").exists()


def test_batch_resume_cuts_torn_line_and_skips_done(reference, tmp_path):
    inputs, records, errors = reference
    out = tmp_path / "r.jsonl"
    # An interrupted run: 10 complete lines, then half a line.
    with open(out, "w", encoding="utf-8") as fh:
        for r in records[:10]:
            fh.write(json.dumps(r) + "\n")
        fh.write(json.dumps(records[10])[:57])
    assert len(repair_and_collect(out)) == 10
    summary = run_batch([inputs], out, resume=True)
    assert summary.skipped == 10
    assert _lines(out) == records


def test_batch_resume_gzip_with_broken_member(reference, tmp_path):
    inputs, records, _ = reference
    out = tmp_path / "r.jsonl.gz"
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        for r in records[:5]:
            fh.write(json.dumps(r) + "\n")
    raw = out.read_bytes()
    out.write_bytes(raw + gzip.compress((json.dumps(records[5]) + "\n").encode())[:-12])  # torn member
    run_batch([inputs], out, resume=True)
    got = _lines(out)
    assert [r["article"] for r in got] == [r["article"] for r in records]


def _kill_and_resume(inputs: Path, out: Path, extra: list[str]) -> None:
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(inputs), "-o", str(out), "-q", "--batch-size", "2", *extra]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if out.exists() and out.stat().st_size > 0 and len(out.read_bytes().splitlines()) >= 3:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; make the input larger"
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9, workers included
    proc.wait()
    assert subprocess.run(cmd + ["--resume"], check=False).returncode == 1  # 2 bad inputs


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_kill_9_then_resume_loses_nothing(tmp_path, workers):
    inputs = _make_inputs(tmp_path / "in", 60)
    out = tmp_path / "killed.jsonl"
    _kill_and_resume(inputs, out, ["--workers", workers])
    reference = tmp_path / "ref.jsonl"
    run_batch([inputs], reference)
    got, want = _lines(out), _lines(reference)
    ids = [r["article"] for r in got]
    assert len(ids) == len(set(ids)), "an article was written twice"
    assert got == want
    assert sorted(map(json.dumps, _lines(tmp_path / "killed.errors.jsonl"))) == sorted(
        map(json.dumps, _lines(tmp_path / "ref.errors.jsonl"))
    )
