"""Tests for pipeline.recognize.numbers: Indonesian numerals, rupiah, percentages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.recognize.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("0,7480", 0.748),
        ("24,4", 24.4),
        ("5.300", 5300),
        ("364.858.000", 364858000),
        ("74.955", 74955),
        ("0.9981", 0.9981),
        ("0.512", 0.512),
        ("2.5", 2.5),
        ("satu", 1),
        ("sembilan", 9),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("dua belas", 12),
        ("dua puluh lima", 25),
        ("seratus", 100),
        ("tiga ratus", 300),
        ("seribu", 1000),
        ("seratus dua puluh ribu lima ratus", 120500),
        ("1,5 miliar", 1_500_000_000),
        ("2 juta", 2_000_000),
        ("Rp.900 Juta", 900_000_000),
        ("Rp 300 juta", 300_000_000),
        ("Rp1,5 miliar", 1_500_000_000),
        ("Rp.2 Miliar", 2_000_000_000),
        ("Rp 364.858.000,-", 364_858_000),
        ("Rp 12.500.000,00", 12_500_000),
        ("Rp376 miliar", 376_000_000_000),
        ("Rp 4,2 T", 4_200_000_000_000),
        ("3,27%", 3.27),
        ("24,4 persen", 24.4),
        ("14%", 14),
    ],
)
def test_numbers_parse_number_reads_indonesian_numerals(text, expected):
    assert parse_number(text) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("text", ["", "desa", "dua desa", "puluh", "dua ratus seribu", "12 M", "1.2.3"])
def test_numbers_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Tiap desa menerima Rp.900 Juta – Rp.1 Miliar dari pusat.",
            [(900_000_000, "money", "Rp.900 Juta"), (1_000_000_000, "money", "Rp.1 Miliar")],
        ),
        (
            "ADD dari APBD sebesar Rp.700 – Rp.800 Juta/ desa.",
            [(700_000_000, "money", "Rp.700"), (800_000_000, "money", "Rp.800 Juta")],
        ),
        (
            "Angka kemiskinan turun 2,15 persen menjadi 9,8% tahun ini.",
            [(2.15, "percent", "2,15 persen"), (9.8, "percent", "9,8%")],
        ),
        ("Sebanyak 1.250 warga dan empat kecamatan", [(1250, "plain", "1.250"), (4, "plain", "empat")]),
        ("nilai IDM 0,6931 pada 2023", [(0.6931, "plain", "0,6931"), (2023, "plain", "2023")]),
        ("Kamis (12/10/2023) pukul", []),
        ("Dana itu mencapai 1,2 miliar rupiah", [(1_200_000_000, "money", "1,2 miliar")]),
        ("Dana itu mencapai 1,2 miliar", [(1_200_000_000, "plain", "1,2 miliar")]),
        ("satu-satunya desa", []),
        ("Harga Rp 60-70 ribu per bungkus", [(60_000, "money", "Rp 60"), (70_000, "money", "70 ribu")]),
        ("Covid-19 pada tahap ke-2", []),
    ],
)
def test_numbers_find_numbers_spans_kinds_and_ranges(text, expected):
    found = find_numbers(text)
    assert [(pytest.approx(n.value), n.kind, n.text) for n in found] == expected
    for n in found:
        assert text[n.start : n.end] == n.text


# --------------------------------------------------------------------------- properties


def _dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_integer_with_thousand_dots_round_trips(n):
    text = _dots(n)
    assert parse_number(text) == n
    assert parse_number("Rp " + text + ",-") == n
    assert parse_number("Rp" + text) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=9999))
def test_numbers_decimal_comma_round_trips(whole, frac):
    digits = str(frac).rstrip("0") or "0"
    text = f"{_dots(whole)},{digits}"
    assert parse_number(text) == pytest.approx(float(f"{whole}.{digits}"), rel=1e-12)
    assert parse_number(text + " persen") == pytest.approx(float(f"{whole}.{digits}"), rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from([0, 1, 2]),
    st.sampled_from([("ribu", 10**3), ("juta", 10**6), ("miliar", 10**9), ("Miliar", 10**9), ("triliun", 10**12)]),
    st.booleans(),
)
def test_numbers_scaled_amount_round_trips(whole, decimals, scale, rupiah):
    word, mult = scale
    frac = "" if decimals == 0 else "," + "5" * decimals
    text = f"{'Rp' if rupiah else ''}{whole}{frac} {word}"
    expected = float(f"{whole}.{frac[1:] or 0}") * mult
    assert parse_number(text) == pytest.approx(expected, rel=1e-9)
    found = find_numbers(f"dengan anggaran {text} untuk desa")
    assert len(found) == 1 and found[0].value == pytest.approx(expected, rel=1e-9)
    assert found[0].kind == ("money" if rupiah else "plain")


_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += ["seratus"] if hundreds == 1 else [_UNITS[hundreds], "ratus"]
    if 10 <= rest < 20:
        words += {10: ["sepuluh"], 11: ["sebelas"]}.get(rest, [_UNITS[rest - 10], "belas"])
    else:
        tens, units = divmod(rest, 10)
        if tens:
            words += [_UNITS[tens], "puluh"]
        if units:
            words.append(_UNITS[units])
    return words


def to_words(n: int) -> str:
    """Indonesian number words for 0 <= n < 1,000,000 (the test's own writer)."""
    if n == 0:
        return "nol"
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands:
        words += ["seribu"] if thousands == 1 else _below_thousand(thousands) + ["ribu"]
    words += _below_thousand(rest)
    return " ".join(words)


@pytest.mark.parametrize("n,text", [(25, "dua puluh lima"), (1100, "seribu seratus"), (12_012, "dua belas ribu dua belas")])
def test_numbers_word_writer_matches_usage(n, text):
    assert to_words(n) == text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_numbers_words_round_trip(n):
    text = to_words(n)
    assert parse_number(text) == n
    found = find_numbers(f"Sebanyak {text} warga hadir")
    assert [f.value for f in found] == [n]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Bantuan Rp 10 jutaan per kelompok.", [(10_000_000, "money", "Rp 10 jutaan")]),
        ("Omzet mencapai Rp 5 miliar-an setahun.", [(5_000_000_000, "money", "Rp 5 miliar-an")]),
        ("Sebanyak 1,2 juta jiwa terdampak.", [(1_200_000, "plain", "1,2 juta")]),
    ],
)
def test_numbers_scale_with_an_suffix_and_decimal_scales(text, expected):
    assert [(n.value, n.kind, n.text) for n in find_numbers(text)] == expected
