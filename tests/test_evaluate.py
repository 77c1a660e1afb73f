"""The scorer follows the matching rules at the end of GOLD_FORMAT.md."""

from __future__ import annotations

import pytest

from pipeline.evaluate import (
    names_match,
    one_to_one,
    match_agency,
    match_event,
    match_metric,
    match_quote,
    scalar_right,
    score,
    title_right,
)


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Tutuk Munikah", "tutuk munikah", True),
        ("Tutuk", "Tutuk Munikah", True),  # shorter name inside a longer one
        ("H. Ahmad Fauzi, S.Sos., M.Si.", "Ahmad Fauzi", True),  # honorifics and degrees dropped
        ("Pagar Alam", "Pagaralam", True),  # spacing ignored
        ("Budi Santoso", "Budi Hartono", False),
        ("Siti", "Sari", False),
    ],
)
def test_evaluate_names_match(a, b, same):
    assert names_match(a, b) is same


def test_evaluate_agency_matches_on_any_alias():
    gold = {"name": "Pemerintah Provinsi Kalimantan Selatan", "aliases": ["Pemprov Kalsel"]}
    assert match_agency({"name": "Pemprov Kalsel", "aliases": []}, gold)
    assert match_agency({"name": "pemerintah provinsi kalimantan selatan"}, gold)
    assert not match_agency({"name": "Pemerintah Kabupaten Tapin", "aliases": ["Pemkab Tapin"]}, gold)


@pytest.mark.parametrize(
    "pred,ok",
    [
        ({"indicator": "IDM", "value": 0.748, "year": 2023}, True),
        ({"indicator": "IDM", "value": 0.7480000001, "year": 2023}, True),
        ({"indicator": "IDM", "value": 0.748, "year": 2022}, False),
        ({"indicator": "PERCENT", "value": 0.748, "year": 2023}, False),
        ({"indicator": "IDM", "value": 0.7481, "year": 2023}, False),
    ],
)
def test_evaluate_metric_match(pred, ok):
    assert match_metric(pred, {"indicator": "IDM", "value": 0.748, "year": 2023}) is ok


def test_evaluate_quote_needs_speaker_and_most_words():
    gold = {"speaker": "Tutuk Munikah", "text": "Kami terus berupaya meningkatkan kualitas sinkronisasi,"}
    assert match_quote({"speaker": "Tutuk", "text": "Kami terus berupaya meningkatkan kualitas sinkronisasi"}, gold)
    assert not match_quote({"speaker": "Faried", "text": gold["text"]}, gold)
    assert not match_quote({"speaker": "Tutuk Munikah", "text": "Kami terus"}, gold)


def test_evaluate_event_matches_type_and_date():
    gold = {"type": "meeting", "date": "2024-04-06"}
    assert match_event({"type": "meeting", "date": "2024-04-06", "name": "rakor"}, gold)
    assert not match_event({"type": "visit", "date": "2024-04-06"}, gold)
    assert not match_event({"type": "meeting", "date": None}, gold)


@pytest.mark.parametrize(
    "field,pred,gold,ok",
    [
        ("dateline", "Banjarbaru", "Banjarbaru", True),
        ("dateline", "Banjarbar", "Banjarbaru", True),  # within a typo
        ("dateline", "Martapura", "Banjarbaru", False),
        ("dateline", None, None, True),
        ("published", "2024-05-03", "2024-05-03", True),
        ("published", None, "2024-05-03", False),
        ("source", "gerbangkaltim.com", "Gerbangkaltim.com", True),
    ],
)
def test_evaluate_scalar_fields(field, pred, gold, ok):
    assert scalar_right(field, pred, gold) is ok


@pytest.mark.parametrize(
    "pred,gold,ok",
    [
        ("Kepala Subbagian Perencanaan dan Pelaporan", "Kepala Subbagian Perencanaan dan Pelaporan", True),
        ("Kepala Dinas", "Kepala Dinas Pemberdayaan Masyarakat", True),
        ("Sekretaris", "Kepala Dinas", False),
        (None, None, True),
    ],
)
def test_evaluate_official_title_rule(pred, gold, ok):
    assert title_right(pred, gold) is ok


def test_evaluate_one_to_one_is_maximal():
    # pred 0 could take either gold; the matching must still pair both.
    preds = [{"v": {1, 2}}, {"v": {1}}]
    golds = [{"k": 1}, {"k": 2}]
    pairs = one_to_one(preds, golds, lambda p, g: g["k"] in p["v"])
    assert len(pairs) == 2


def test_evaluate_score_counts_and_macro():
    gold = {
        "a": {
            "title": "Judul", "source": "Outlet", "published": "2024-05-03", "dateline": "Banjarbaru",
            "officials": [{"name": "Tutuk Munikah", "title": "Kepala Subbagian"}],
            "agencies": [], "places": [{"name": "Tapin", "type": "regency"}], "dates": [],
            "metrics": [{"indicator": "IDM", "value": 0.7105, "year": 2022}],
            "quotes": [], "events": [],
        }
    }
    rec = {
        "a": {
            "title": "Judul", "source": "Outlet", "published": "2024-05-03", "dateline": "Banjarbaru",
            "officials": [{"name": "Tutuk", "title": "Kepala Subbagian"}, {"name": "Bukan Orang"}],
            "agencies": [], "places": [{"name": "Tapin", "type": "city"}], "dates": [],
            "metrics": [{"indicator": "IDM", "value": 0.7105, "year": 2022}],
            "quotes": [], "events": [],
        }
    }
    report = score(gold, rec)
    off = report.fields["officials"]
    assert (off.tp, off.fp, off.fn) == (1, 1, 0)
    assert report.fields["places"].f1 == 0.0  # wrong type
    assert report.fields["metrics"].f1 == 1.0
    assert report.fields["agencies"].f1 == 1.0  # nothing expected, nothing predicted
    assert report.official_titles.correct == 1
    expected = (4 * 1.0 + (2 * 0.5 * 1.0 / 1.5) + 1.0 + 0.0 + 1.0 + 1.0 + 1.0 + 1.0) / 11
    assert report.macro_f1 == pytest.approx(expected)
    assert "places" in report.details["a"]
