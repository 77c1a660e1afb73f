"""Database sinks: tables, counts, idempotent re-loads, replaced children, foreign keys, batching,
and the ``idnews load`` command.

SQLite always (a temporary file).  PostgreSQL when ``IDNEWS_TEST_POSTGRES_URL`` is set
(``eval "$(.ci/postgres.sh)"`` starts a local server and prints it); the test session then
uses its own table prefix, empties those tables before each test and drops them at the end.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import uuid

import pytest

sa = pytest.importorskip("sqlalchemy", reason="database sinks need SQLAlchemy (pip install sqlalchemy>=2)")

from click.testing import CliRunner  # noqa: E402

from pipeline.schema import (  # noqa: E402
    Agency,
    DateMention,
    Event,
    Mention,
    Metric,
    Official,
    Place,
    Quote,
    Record,
    Warning,
)
from pipeline.sinks import RecordSink, open_sink  # noqa: E402
from pipeline.sinks.commands import load_cmd  # noqa: E402
from pipeline.sinks.sql import SinkError, SqlSink, build_metadata, normalize_url, safe_url, tables  # noqa: E402

PG_URL = os.environ.get("IDNEWS_TEST_POSTGRES_URL")
CHILD_TABLES = ["officials", "agencies", "places", "dates", "metrics", "quotes", "events", "warnings"]


# --------------------------------------------------------------------------- records (written for these tests)


def _m(text: str, start: int) -> Mention:
    return Mention(text=text, start=start, end=start + len(text))


def record_tapin(**changes) -> Record:
    """A record as the pipeline would give for a short (invented) Tapin article."""
    rec = Record(
        article="tapin-rakor.txt",
        url="https://berita.contoh.id/2024/03/14/rakor-stunting-tapin",
        title="Rakor Percepatan Penurunan Stunting Digelar di Rantau",
        source="Contoh Kalsel",
        published="2024-03-14",
        dateline="Rantau",
        reporter="adi/rds",
        officials=[
            Official(name="Hendra Wijaya", title="Kepala Dinas Kesehatan", agency="Dinas Kesehatan Kabupaten Tapin",
                     mentions=[_m("Hendra Wijaya", 120), _m("Hendra", 410)]),
            Official(name="Siti Rahmah", title="Sekretaris Daerah", represents="Bupati Tapin",
                     mentions=[_m("Siti Rahmah", 200)]),
        ],
        agencies=[
            Agency(name="Dinas Kesehatan Kabupaten Tapin", aliases=["Dinkes Tapin"], region_code="63.05",
                   mentions=[_m("Dinkes Tapin", 90)]),
        ],
        places=[
            Place(name="Tapin", type="regency", code="63.05", mentions=[_m("Tapin", 60)]),
            Place(name="Rantau", type="other", mentions=[_m("RANTAU", 0)]),
        ],
        dates=[
            DateMention(text="Rabu (13/3/2024)", value="2024-03-13", role="event", start=70, end=86),
            DateMention(text="Jumat (13/3)", value="XXXX-03-13", flags=["weekday_mismatch"], start=300, end=312),
        ],
        metrics=[
            Metric(indicator="PERCENT", value=18.5, region="Tapin", year=2023, unit="%",
                   subject="prevalensi stunting", text="18,5 persen", start=250, end=261),
            Metric(indicator="MONEY", value=1_250_000_000, unit="IDR", text="Rp1,25 miliar", start=330, end=343),
        ],
        quotes=[
            Quote(speaker="Hendra Wijaya", text="Kami targetkan turun di bawah 14 persen", start=421, end=460,
                  cue=_m("ujar Hendra", 462)),
        ],
        events=[
            Event(type="meeting", name="Rapat koordinasi percepatan penurunan stunting", date="2024-03-13",
                  year=2024, venue="Aula Dinas Kesehatan", city="Rantau", organizer="Dinas Kesehatan Kabupaten Tapin",
                  speakers=["Hendra Wijaya", "Siti Rahmah"], metrics=[0], text="rapat koordinasi", start=40, end=56),
        ],
        warnings=[Warning(code="weekday_mismatch", message="Jumat is not 13 March", start=300, end=312)],
    )
    return rec.model_copy(update=changes)


def record_hst() -> Record:
    """A second, smaller record."""
    return Record(
        article="hst-banjir.txt",
        published="2024-01-05",
        dateline="Barabai",
        places=[Place(name="Hulu Sungai Tengah", type="regency", code="63.07", mentions=[_m("HST", 12)])],
        events=[Event(type="disaster", name="Banjir di Barabai", date="2024-01-04", text="banjir", start=30, end=36)],
    )


def expected_counts(*records: Record) -> dict[str, int]:
    counts = {"articles": len({r.article for r in records})}
    latest = {r.article: r for r in records}
    for name in CHILD_TABLES:
        counts[name] = sum(len(getattr(r, name)) for r in latest.values())
    return counts


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def pg_prefix():
    """A table prefix of this test session in the PostgreSQL test database; tables dropped at the end."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need IDNEWS_TEST_POSTGRES_URL (run: eval \"$(.ci/postgres.sh)\")")
    pytest.importorskip("psycopg", reason="PostgreSQL tests need psycopg 3 (pip install -e '.[postgres]')")
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    yield prefix
    engine = sa.create_engine(normalize_url(PG_URL))
    build_metadata(prefix).drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """(url, table prefix) of an empty database; PostgreSQL only when configured."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sub' / 'idnews.db'}", ""
    prefix = request.getfixturevalue("pg_prefix")
    engine = sa.create_engine(normalize_url(PG_URL))
    with engine.begin() as conn:
        for table in reversed(build_metadata(prefix).sorted_tables):
            if sa.inspect(conn).has_table(table.name):
                conn.execute(sa.delete(table))
    engine.dispose()
    return PG_URL, prefix


def _engine(url: str):
    engine = sa.create_engine(normalize_url(url))
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA foreign_keys=ON"))
    return engine


def counts(url: str, prefix: str = "") -> dict[str, int]:
    engine = _engine(url)
    with engine.connect() as conn:
        out = {name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
               for name, t in tables(prefix).items()}
    engine.dispose()
    return out


def rows(url: str, prefix: str, table: str, *cols: str) -> list[tuple]:
    engine = _engine(url)
    t = tables(prefix)[table]
    with engine.connect() as conn:
        result = conn.execute(sa.select(*[t.c[c] for c in cols]).order_by(t.c.article, *(
            [t.c.idx] if "idx" in t.c else []))).all()
    engine.dispose()
    return [tuple(r) for r in result]


def load(url: str, prefix: str, *records: Record, batch_size: int = 100) -> SqlSink:
    with SqlSink(url, batch_size=batch_size, prefix=prefix) as sink:
        for r in records:
            sink.write(r)
    return sink


# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    "given, expected",
    [
        (None, "sqlite:///idnews.db"),
        ("", "sqlite:///idnews.db"),
        ("postgresql://u:p@db.internal:5432/news", "postgresql+psycopg://u:p@db.internal:5432/news"),
        ("postgres://u@localhost/news", "postgresql+psycopg://u@localhost/news"),
        ("postgresql+psycopg://u@localhost/news", "postgresql+psycopg://u@localhost/news"),
        ("sqlite:////var/data/idnews.db", "sqlite:////var/data/idnews.db"),
        ("out/records.db", "sqlite:///out/records.db"),
        (":memory:", "sqlite://"),
    ],
)
def test_sinks_normalize_url(given, expected):
    assert normalize_url(given) == expected


def test_sinks_safe_url_hides_password():
    shown = safe_url(normalize_url("postgresql://idnews:rahasia123@db:5432/news"))
    assert "rahasia123" not in shown and "idnews" in shown and "db:5432/news" in shown


@pytest.mark.parametrize(
    "url, message",
    [
        ("postgresql://u:p@127.0.0.1:1/nodb", "cannot prepare tables"),
        ("nosuchdialect://x/y", "cannot use"),
    ],
)
def test_sinks_open_sink_unusable_database_is_sink_error(url, message):
    with pytest.raises(SinkError, match=message):
        open_sink(url)


# --------------------------------------------------------------------------- tables and rows


def test_sinks_creates_tables(db):
    url, prefix = db
    sink = open_sink(url, table_prefix=prefix)
    assert isinstance(sink, RecordSink)
    sink.close()
    engine = _engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    assert {prefix + n for n in ["articles", *CHILD_TABLES]} <= names


@pytest.mark.parametrize("table", ["articles", *CHILD_TABLES])
def test_sinks_counts_per_table(db, table):
    url, prefix = db
    load(url, prefix, record_tapin(), record_hst())
    assert counts(url, prefix)[table] == expected_counts(record_tapin(), record_hst())[table]


@pytest.mark.parametrize("batch_size", [1, 100])
def test_sinks_reload_does_not_duplicate(db, batch_size):
    url, prefix = db
    load(url, prefix, record_tapin(), record_hst(), batch_size=batch_size)
    first = counts(url, prefix)
    load(url, prefix, record_hst(), record_tapin(), record_tapin(), batch_size=batch_size)
    assert counts(url, prefix) == first == expected_counts(record_tapin(), record_hst())


def test_sinks_updated_record_replaces_children(db):
    url, prefix = db
    load(url, prefix, record_tapin(), record_hst())
    updated = record_tapin(
        title="Judul Diperbarui",
        places=[Place(name="Tapin Utara", type="district", code="63.05.03")],
        metrics=[],
        quotes=[],
    )
    load(url, prefix, updated)
    assert rows(url, prefix, "places", "article", "idx", "name", "code") == [
        ("hst-banjir.txt", 0, "Hulu Sungai Tengah", "63.07"),
        ("tapin-rakor.txt", 0, "Tapin Utara", "63.05.03"),
    ]
    assert rows(url, prefix, "metrics", "article") == []
    assert rows(url, prefix, "quotes", "article") == []
    assert ("tapin-rakor.txt", "Judul Diperbarui") in rows(url, prefix, "articles", "article", "title")
    assert counts(url, prefix)["officials"] == 2  # unchanged list, not doubled


def test_sinks_record_column_round_trips(db):
    url, prefix = db
    load(url, prefix, record_tapin())
    ((stored,),) = rows(url, prefix, "articles", "record")
    if isinstance(stored, str):  # SQLite JSON comes back parsed; some drivers give text
        stored = json.loads(stored)
    assert Record.model_validate(stored) == record_tapin()


@pytest.mark.parametrize(
    "table, cols, expected",
    [
        ("articles", ("article", "published", "dateline", "reporter", "schema_version"),
         ("tapin-rakor.txt", dt.date(2024, 3, 14), "Rantau", "adi/rds", "1.0")),
        ("metrics", ("idx", "indicator", "value", "region", "year", "unit", "subject", "text", "start", "end"),
         (0, "PERCENT", 18.5, "Tapin", 2023, "%", "prevalensi stunting", "18,5 persen", 250, 261)),
        ("officials", ("name", "title", "agency", "represents"),
         ("Hendra Wijaya", "Kepala Dinas Kesehatan", "Dinas Kesehatan Kabupaten Tapin", None)),
        ("agencies", ("name", "aliases", "region_code"), ("Dinas Kesehatan Kabupaten Tapin", ["Dinkes Tapin"], "63.05")),
        ("places", ("name", "type", "code", "mentions"),
         ("Tapin", "regency", "63.05", [{"text": "Tapin", "start": 60, "end": 65}])),
        ("dates", ("text", "value", "role", "flags"), ("Rabu (13/3/2024)", "2024-03-13", "event", [])),
        ("quotes", ("speaker", "start", "end", "cue"),
         ("Hendra Wijaya", 421, 460, {"text": "ujar Hendra", "start": 462, "end": 473})),
        ("events", ("type", "date", "year", "venue", "city", "speakers", "metrics"),
         ("meeting", "2024-03-13", 2024, "Aula Dinas Kesehatan", "Rantau", ["Hendra Wijaya", "Siti Rahmah"], [0])),
        ("warnings", ("code", "start", "end"), ("weekday_mismatch", 300, 312)),
    ],
)
def test_sinks_scalar_columns(db, table, cols, expected):
    url, prefix = db
    load(url, prefix, record_tapin())
    got = rows(url, prefix, table, *cols)[0]
    if table == "articles" and isinstance(got[1], str):  # SQLite: DATE read back through SQLAlchemy is a date
        got = (got[0], dt.date.fromisoformat(got[1]), *got[2:])
    assert got == expected


def test_sinks_published_not_a_calendar_day_is_null_but_kept_in_record(db):
    url, prefix = db
    load(url, prefix, record_hst().model_copy(update={"published": "2024-02-30"}))
    ((published, record),) = rows(url, prefix, "articles", "published", "record")
    assert published is None
    assert (json.loads(record) if isinstance(record, str) else record)["published"] == "2024-02-30"


def test_sinks_foreign_keys_cascade_and_reject_orphans(db):
    url, prefix = db
    load(url, prefix, record_tapin(), record_hst())
    t = tables(prefix)
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(sa.delete(t["articles"]).where(t["articles"].c.article == "tapin-rakor.txt"))
    with pytest.raises(sa.exc.IntegrityError):
        with engine.begin() as conn:
            conn.execute(sa.insert(t["places"]).values(article="tidak-ada.txt", idx=0, name="Banjar",
                                                       type="regency", mentions=[]))
    engine.dispose()
    assert counts(url, prefix) == expected_counts(record_hst())


# --------------------------------------------------------------------------- batching and failures


def test_sinks_batching_flushes_every_n_and_at_close(db):
    url, prefix = db
    records = [record_hst().model_copy(update={"article": f"hst-{i}.txt"}) for i in range(5)]
    sink = SqlSink(url, batch_size=2, prefix=prefix)
    for r in records:
        sink.write(r)
    assert (counts(url, prefix)["articles"], sink.pending) == (4, 1)
    sink.close()
    assert counts(url, prefix)["articles"] == 5 and sink.written == 5


def _fail_inserts_for(engine, article: str, exc_factory):
    """Make every INSERT whose parameters mention ``article`` fail inside the transaction."""

    def hook(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT") and "metrics" in statement and article in repr(parameters):
            raise exc_factory()

    sa.event.listen(engine, "before_cursor_execute", hook)
    return hook


def test_sinks_refused_record_leaves_no_partial_rows(db):
    url, prefix = db
    good1 = record_hst()
    bad = record_tapin(article="ditolak.txt")
    good2 = record_tapin()
    sink = SqlSink(url, batch_size=10, prefix=prefix)
    _fail_inserts_for(sink.engine, "ditolak.txt",
                      lambda: sa.exc.IntegrityError("INSERT", {}, Exception("constraint violated")))
    for r in (good1, bad, good2):
        sink.write(r)
    sink.close()
    assert [a for a, _ in sink.failed] == ["ditolak.txt"]
    assert counts(url, prefix) == expected_counts(good1, good2)  # nothing of the refused record


def test_sinks_text_postgresql_cannot_store_is_refused_alone(db):
    url, prefix = db
    odd = record_hst().model_copy(update={"article": "nul.txt", "title": "Judul\x00rusak"})
    sink = load(url, prefix, odd, record_tapin())
    if url.startswith("postgresql"):  # PostgreSQL text cannot hold NUL: that record alone is refused
        assert [(a, "NUL" in reason) for a, reason in sink.failed] == [("nul.txt", True)]
        assert counts(url, prefix) == expected_counts(record_tapin())
    else:
        assert sink.failed == [] and counts(url, prefix) == expected_counts(odd, record_tapin())


def test_sinks_connection_error_raises_and_keeps_buffer(db):
    url, prefix = db
    sink = SqlSink(url, batch_size=10, prefix=prefix)
    hook = _fail_inserts_for(sink.engine, "tapin-rakor.txt",
                             lambda: sa.exc.OperationalError("INSERT", {}, Exception("server closed the connection")))
    sink.write(record_hst())
    sink.write(record_tapin())
    with pytest.raises(SinkError, match="server closed the connection; 2 records not written"):
        sink.flush()
    assert sink.pending == 2 and sink.failed == []
    assert counts(url, prefix)["articles"] == 0  # the whole batch rolled back
    sa.event.remove(sink.engine, "before_cursor_execute", hook)  # the server is back
    sink.close()
    assert counts(url, prefix) == expected_counts(record_hst(), record_tapin())


def test_sinks_context_manager_flushes_on_error(db):
    url, prefix = db
    with pytest.raises(RuntimeError, match="berhenti"):
        with open_sink(url, batch_size=50, table_prefix=prefix) as sink:
            sink.write(record_hst())
            raise RuntimeError("berhenti di tengah jalan")
    assert counts(url, prefix)["articles"] == 1


def test_sinks_incompatible_existing_table_is_reported(tmp_path):
    url = f"sqlite:///{tmp_path / 'lama.db'}"
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, judul TEXT)"))
    engine.dispose()
    with pytest.raises(SinkError, match="events lacks"):
        open_sink(url)
    engine = _engine(url)
    assert sa.inspect(engine).get_table_names() == ["events"]  # nothing created beside it
    engine.dispose()
    sink = open_sink(url, table_prefix="idn_")  # a prefix avoids the clash
    sink.write(record_hst())
    sink.close()
    assert counts(url, "idn_")["events"] == 1


# --------------------------------------------------------------------------- idnews load


def _jsonl(path, lines: list[str], gz: bool = False):
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if gz:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def test_sinks_load_cmd_reports_bad_lines_and_loads_the_rest(db, tmp_path):
    url, prefix = db
    path = _jsonl(tmp_path / "records.jsonl", [
        record_tapin().model_dump_json(),
        "{rusak",
        "",
        json.dumps({"article": "x.txt", "places": [{"name": "Banjar", "type": "kabupaten"}]}),
        record_hst().model_dump_json(),
    ])
    result = CliRunner().invoke(load_cmd, [str(path), "--db", url, "--table-prefix", prefix])
    assert result.exit_code == 1, result.output
    assert f"{path}:2: skipped" in result.stderr
    assert f"{path}:4: skipped: places.0.type" in result.stderr
    assert "2 records loaded" in result.stderr and "2 bad lines skipped" in result.stderr
    assert counts(url, prefix) == expected_counts(record_tapin(), record_hst())


@pytest.mark.parametrize("gz", [False, True])
def test_sinks_load_cmd_twice_is_idempotent(db, tmp_path, gz):
    url, prefix = db
    name = "records.jsonl.gz" if gz else "records.jsonl"
    path = _jsonl(tmp_path / name, [record_tapin().model_dump_json(), record_hst().model_dump_json()], gz=gz)
    for _ in range(2):
        result = CliRunner().invoke(load_cmd, [str(path), "--db", url, "--table-prefix", prefix, "--batch-size", "1"])
        assert result.exit_code == 0, result.stderr
    assert counts(url, prefix) == expected_counts(record_tapin(), record_hst())


def test_sinks_load_cmd_missing_file_fails(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = CliRunner().invoke(load_cmd, [str(tmp_path / "tidak-ada.jsonl"), "--db", url])
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_sinks_load_cmd_unreachable_database_is_clean_error(tmp_path):
    path = _jsonl(tmp_path / "r.jsonl", [record_hst().model_dump_json()])
    result = CliRunner().invoke(load_cmd, [str(path), "--db", "postgresql://u:sandi@127.0.0.1:1/db"])
    assert result.exit_code == 1
    assert "cannot prepare tables" in result.stderr and "sandi" not in result.stderr


@pytest.mark.parametrize("source", ["stdin", "envvar"])
def test_sinks_load_cmd_stdin_and_envvar(tmp_path, source):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    lines = record_hst().model_dump_json() + "\n"
    if source == "stdin":
        result = CliRunner().invoke(load_cmd, ["-", "--db", url], input=lines)
    else:
        path = _jsonl(tmp_path / "r.jsonl", [lines.strip()])
        result = CliRunner().invoke(load_cmd, [str(path)], env={"IDNEWS_DB_URL": url})
    assert result.exit_code == 0, result.stderr
    assert counts(url)["articles"] == 1


ARTICLE = (
    "Bupati Tapin Buka Rakor Penurunan Stunting\n\n"
    "RANTAU – Pemerintah Kabupaten Tapin menggelar rapat koordinasi percepatan penurunan stunting "
    "di Aula Dinas Kesehatan, Rabu (13/3/2024). Kepala Dinas Kesehatan Tapin, Hendra Wijaya, "
    "mengatakan prevalensi stunting turun menjadi 18,5 persen pada 2023.\n\n"
    "\"Kami targetkan turun di bawah 14 persen tahun ini,\" ujar Hendra.\n\n"
    "Pemkab mengalokasikan anggaran Rp1,25 miliar untuk program tersebut. (adi/rds)\n"
)


@pytest.mark.slow
def test_sinks_extracted_record_is_stored_whole(extractor, tmp_path):
    record = extractor(ARTICLE, article="tapin.txt", published="2024-03-14")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    sink = load(url, "", record)
    assert sink.failed == []
    assert counts(url) == expected_counts(record)
    ((stored,),) = rows(url, "", "articles", "record")
    assert Record.model_validate(stored) == record
