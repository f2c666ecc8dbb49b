"""Source-text check: written forms of a figure and finding them in page text."""

from __future__ import annotations

import pytest

from claims.verification import ClaimFacts, figure_forms, find_figure


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (
            3_600_000,
            {},
            [
                "3.6 million",
                "3,600,000",
                "3600000",
                "3.6m",
                "3.6 mln",
                "3.6 millions",
                "3,6 million",
            ],
        ),
        (13_000, {}, ["13,000", "13 000", "13000", "13 thousand", "13k", "thirteen thousand"]),
        (
            2_500_000_000,
            {"currency": "USD"},
            ["$2.5bn", "2.5 billion", "US$2.5 billion", "2.5 billion dollars"],
        ),
        (
            6_000_000_000,
            {"unit": "EUR"},
            ["€6bn", "EUR 6 billion", "6 billion euros", "six billion"],
        ),
        (1_000_000, {}, ["1 million", "one million", "a million", "1,000,000"]),
        (12, {}, ["12", "twelve"]),
    ],
)
def test_figure_forms(value, kwargs, expected):
    forms = figure_forms(value, **kwargs)
    for form in expected:
        assert form in forms
    assert len(forms) == len(set(forms))


def test_figure_forms_do_not_invent_scales():
    forms = figure_forms(3_576_370)
    assert "3,576,370" in forms
    assert not any("million" in f for f in forms)  # not a round number of millions
    assert figure_forms(None) == ()


def claim(value=None, low=None, high=None, qualifier="exact", **kw):
    return ClaimFacts(
        value=value, low=low, high=high, qualifier=qualifier, category="displacement", **kw
    )


THIRTEEN = claim(13_000, qualifier="approximate")
SEED = claim(3_600_000, low=3_600_000, qualifier="more_than")


@pytest.mark.parametrize(
    ("text", "the_claim", "kind", "matched"),
    [
        ("Some 13,000 refugees have congregated", THIRTEEN, "form", "13,000"),
        ("about 13\u00a0000 people", THIRTEEN, "form", "13\u00a0000"),
        ("roughly 13 thousand people", THIRTEEN, "form", "13 thousand"),
        ("an estimated 13k migrants", THIRTEEN, "form", "13k"),
        ("Thirteen thousand people", THIRTEEN, "form", "Thirteen thousand"),
        ("hosts 3.6 million Syrians", SEED, "form", "3.6 million"),
        ("hosts 3.6M Syrians", SEED, "form", "3.6M"),
        ("hosts 3,6 millions de réfugiés", SEED, "form", "3,6 millions"),
        ("a 3.6-million strong community", SEED, "form", "3.6-million"),
        ("registered 3,576,370 Syrians", SEED, "rounding", "3,576,370"),
        ("some 12,800 people", THIRTEEN, "rounding", "12,800"),
        (
            "cost $2.5bn in total",
            claim(2.5e9, currency="USD"),
            "form",
            "$2.5bn",
        ),
        (
            "between 2,400 and 3,000 soldiers",
            claim(low=2_000, high=9_999, qualifier="vague"),
            "within_bounds",
            "2,400",
        ),
        (
            "from 10,000 to 15,000 people",
            claim(low=10_000, high=15_000, qualifier="range"),
            "form",
            "10,000",
        ),
    ],
)
def test_find_figure_finds(text, the_claim, kind, matched):
    result = find_figure(text, the_claim)
    assert (result.found, result.kind, result.matched_text) == (True, kind, matched)
    assert text[result.start : result.end] == matched


@pytest.mark.parametrize(
    ("text", "the_claim"),
    [
        ("About 113,000 people", THIRTEEN),
        ("About 213000 people", THIRTEEN),
        ("code 13,0001", THIRTEEN),
        ("a ratio of 0.13,000", THIRTEEN),
        ("13,000.5 tonnes", THIRTEEN),
        ("13.6 million", SEED),
        ("3.65 million Syrians", SEED),
        ("In 2019 and 2020", claim(low=2_000, high=9_999, qualifier="vague")),
        ("nothing here", THIRTEEN),
    ],
)
def test_find_figure_respects_number_boundaries(text, the_claim):
    assert find_figure(text, the_claim).found is False


def test_snippet_and_offsets():
    text = ("word " * 40) + "Turkey hosts 3.6 million Syrian refugees." + (" more" * 40)
    result = find_figure(text, SEED)
    assert result.start == 200 + len("Turkey hosts ")
    assert result.snippet_start <= result.start < result.end <= result.snippet_end
    assert "Turkey hosts 3.6 million Syrian refugees." in result.snippet
    assert len(result.snippet) < 220
    assert result.value_found == 3_600_000


def test_the_earliest_occurrence_is_reported():
    text = "First 13k, then 13,000 again."
    assert find_figure(text, THIRTEEN).matched_text == "13k"
