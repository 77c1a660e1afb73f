"""The record schema: one module, unknown fields forbidden, published copy up to date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.schema import Metric, Place, Record, record_json_schema

DOCS = Path(__file__).resolve().parents[1] / "docs" / "record.schema.json"


def test_schema_published_copy_is_current():
    committed = json.loads(DOCS.read_text(encoding="utf-8"))
    assert committed == record_json_schema(), "run: idnews schema -o docs/record.schema.json"


def test_schema_forbids_unknown_fields():
    with pytest.raises(ValidationError):
        Record(article="a", unknown=1)
    with pytest.raises(ValidationError):
        Place(name="Tapin", type="regency", population=1)


@pytest.mark.parametrize(
    "data",
    [
        {"indicator": "IDM", "value": float("nan"), "text": "x", "start": 0, "end": 1},
        {"indicator": "GDP", "value": 1, "text": "x", "start": 0, "end": 1},
        {"indicator": "IDM", "value": 0.7, "status": "Sedang", "text": "x", "start": 0, "end": 1},
    ],
)
def test_schema_rejects_bad_metrics(data):
    with pytest.raises(ValidationError):
        Metric(**data)


@pytest.mark.parametrize("value,ok", [("2024-04-06", True), ("XXXX-09-10", True), ("6/4/2024", False)])
def test_schema_date_values(value, ok):
    data = {"article": "a", "dates": [{"text": "t", "value": value, "start": 0, "end": 1}]}
    if ok:
        assert Record.model_validate(data).dates[0].value == value
    else:
        with pytest.raises(ValidationError):
            Record.model_validate(data)


def test_schema_gold_fields_are_record_fields():
    gold_fields = {"article", "title", "source", "published", "dateline", "officials", "agencies",
                   "places", "dates", "metrics", "quotes", "events"}
    assert gold_fields <= set(Record.model_fields)
