"""Reference check: places, counted nouns, selection, the qualifier rules and the seed example."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from claims.verification import (
    ClaimFacts,
    ReferenceFacts,
    compare,
    counted_compatible,
    origin_from_counted,
    place_key,
    select_references,
    suggest_verdict,
    verify_against_references,
)

FIGURES_CSV = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "figures.csv"
ARTICLE_DATE = date(2020, 3, 2)


def load_figures() -> list[ReferenceFacts]:
    with FIGURES_CSV.open(encoding="utf-8") as f:
        # ids are CSV line numbers, so a failing test points at the row
        return [
            ReferenceFacts.from_csv_row(row, id=n) for n, row in enumerate(csv.DictReader(f), 2)
        ]


def claim(qualifier, value=None, low=None, high=None, **kw) -> ClaimFacts:
    kw.setdefault("category", "displacement")
    kw.setdefault("counted", "refugees")
    kw.setdefault("location", "Turkey")
    return ClaimFacts(value=value, low=low, high=high, qualifier=qualifier, **kw)


def ref(value=None, low=None, high=None, **kw) -> ReferenceFacts:
    fields = {
        "id": "r1",
        "category": "displacement",
        "counted": "refugees",
        "location": "Turkey",
        "origin": "Syria",
        "period_start": date(2019, 12, 31),
        "period_end": date(2019, 12, 31),
        "unit": "people",
        "publisher": "UNHCR",
        "dataset": "Test dataset",
        "published_on": date(2020, 1, 15),
    }
    fields.update(kw)
    return ReferenceFacts(value=value, low=low, high=high, **fields)


# ---------------------------------------------------------------------------------------------
# Places


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Turkey", "Turkey"),
        ("Türkiye", "Turkey"),
        ("Turkiye", "Turkey"),
        ("TÜRKİYE", "Turkey"),
        ("Republic of Türkiye", "Turkey"),
        ("Syria", "Syria"),
        ("Syrian Arab Republic", "Syria"),
        ("Syrian", "Syria"),
        ("Greece", "Greece"),
        ("Greek", "Greece"),
        ("Lebanon", "Lebanon"),
        ("Jordan", "Jordan"),
        ("Iraq", "Iraq"),
        ("Egypt", "Egypt"),
        ("Germany", "Germany"),
        ("Idlib", "Idlib"),
        ("Idlib governorate", "Idlib"),
        ("Idlib province", "Idlib"),
        ("Idleb", "Idlib"),
        ("Idlib governorate (north-west)", "Idlib"),
        ("north-west Syria", "north-west Syria"),
        ("northwest Syria", "north-west Syria"),
        ("North-West Syria (Idlib and Aleppo)", "north-west Syria"),
        ("Europe", "Europe"),
        ("World", "World"),
        ("worldwide", "World"),
        ("Turkey (Edirne province)", "Turkey"),
        ("border between Turkey and Greece", "Turkey-Greece border"),
        ("Turkish-Greek border", "Turkey-Greece border"),
        ("Turkey-Greece border (Edirne province, Turkey)", "Turkey-Greece border"),
        ("Narnia", "narnia"),
        ("  ", None),
        (None, None),
    ],
)
def test_place_key(name, key):
    assert place_key(name) == key


@pytest.mark.parametrize(
    ("counted", "origin"),
    [
        ("Syrian refugees", "Syria"),
        ("Syrian nationals under temporary protection", "Syria"),
        ("Turkish soldiers killed", "Turkey"),
        ("refugees from Syria", "Syria"),
        ("refugees from the Syrian Arab Republic", "Syria"),
        ("refugees in Turkey", None),
        ("refugees hosted (all origins)", None),
        ("", None),
    ],
)
def test_origin_from_counted(counted, origin):
    assert origin_from_counted(counted) == origin


# ---------------------------------------------------------------------------------------------
# Counted nouns


@pytest.mark.parametrize(
    ("claimed", "reference", "compatible", "specificity"),
    [
        ("refugees", "refugees hosted (all origins)", True, 3),
        ("Syrian refugees hosted", "refugees", True, 3),
        ("Syrian refugees", "Syrian nationals under temporary protection", True, 2),
        ("refugees", "asylum-seekers (pending applications)", False, 0),
        ("asylum seekers", "refugees", False, 0),
        ("people", "people displaced since 1 December 2019", True, 1),
        ("people forced to flee", "people displaced since 1 December 2019", True, 3),
        ("displaced people", "internally displaced people (conflict and violence)", True, 2),
        ("refugees", "refugees and asylum-seekers (all nationalities)", True, 1),
        ("refugees", "migrants gathered at the Turkey-Greece land border", True, 1),
        ("people displaced", "children among people displaced since 1 December 2019", False, 0),
        ("people", "displacements recorded in 2019", True, 1),
        ("displaced people", "displacements recorded in 2019", False, 0),
        ("Turkish soldiers killed", "Turkish soldiers killed in an air strike in Idlib", True, 3),
        (
            "troops",
            "Syrian government troops 'neutralized' (killed, wounded or captured)",
            False,
            0,
        ),
        ("EU financial aid", "EU Facility for Refugees in Turkey, total budget", True, 3),
        ("EU financial aid", "EU Facility for Refugees in Turkey: disbursed", False, 0),
    ],
)
def test_counted_compatible(claimed, reference, compatible, specificity):
    match = counted_compatible(claimed, reference)
    assert (match.compatible, match.specificity, bool(match)) == (
        compatible,
        specificity,
        compatible,
    )
    assert match.reason


# ---------------------------------------------------------------------------------------------
# Qualifier rules: one supporting and one contradicting case each (plus edges)


@pytest.mark.parametrize(
    ("the_claim", "the_ref", "outcome"),
    [
        # exact: within 5%
        (claim("exact", 100_000, 100_000, 100_000), ref(104_000), "supports"),
        (claim("exact", 100_000, 100_000, 100_000), ref(106_000), "contradicts"),
        # approximate: within 10%
        (claim("approximate", 100_000), ref(91_000), "supports"),
        (claim("approximate", 100_000), ref(89_000), "contradicts"),
        # more_than X: reference >= X
        (claim("more_than", 100_000, low=100_000), ref(100_000), "supports"),
        (claim("more_than", 100_000, low=100_000), ref(99_999), "contradicts"),
        # less_than X: reference <= X
        (claim("less_than", 100_000, high=100_000), ref(100_000), "supports"),
        (claim("less_than", 100_000, high=100_000), ref(100_001), "contradicts"),
        # nearly X: up to 10% under, at most 1% over
        (claim("nearly", 1_000_000, high=1_000_000), ref(948_000), "supports"),
        (claim("nearly", 1_000_000, high=1_000_000), ref(1_005_000), "supports"),
        (claim("nearly", 1_000_000, high=1_000_000), ref(1_020_000), "contradicts"),
        (claim("nearly", 1_000_000, high=1_000_000), ref(880_000), "contradicts"),
        # range: within [low, high] widened by 5%
        (claim("range", low=10_000, high=15_000), ref(15_600), "supports"),
        (claim("range", low=10_000, high=15_000), ref(9_000), "contradicts"),
        # vague: within its bounds, no tolerance
        (claim("vague", low=2_000, high=9_999), ref(9_999), "supports"),
        (claim("vague", low=2_000, high=9_999), ref(10_500), "contradicts"),
        # bounded references
        (
            claim("more_than", 3_600_000, low=3_600_000),
            ref(3_600_000, high=3_600_000),
            "contradicts",
        ),
        (
            claim("exact", 3_600_000, 3_600_000, 3_600_000),
            ref(3_600_000, high=3_600_000),
            "supports",
        ),
        (claim("more_than", 3_600_000, low=3_600_000), ref(3_600_000, low=3_600_000), "supports"),
        (claim("nearly", 1_000_000, high=1_000_000), ref(948_000, low=948_000), "supports"),
        (claim("approximate", 12_000), ref(None, 10_000, 15_000), "inconclusive"),
        (claim("range", low=9_000, high=16_000), ref(None, 10_000, 15_000), "supports"),
        (claim("less_than", 9_000, high=9_000), ref(None, 10_000, 15_000), "contradicts"),
        # no number to compare
        (claim("vague", low=2_000, high=None), ref(5_000), "inconclusive"),
    ],
)
def test_qualifier_rules(the_claim, the_ref, outcome):
    result = compare(the_claim, the_ref)
    assert result.outcome == outcome, result.explanation


def test_tolerance_can_be_tightened():
    c, r = claim("exact", 100_000, 100_000, 100_000), ref(104_000)
    assert compare(c, r, tolerance=0.05).outcome == "supports"
    assert compare(c, r, tolerance=0.02).outcome == "contradicts"


def test_comparison_carries_the_numbers_and_rule():
    result = compare(claim("less_than", 50_000, high=50_000), ref(55_000))
    assert result.rule == "less_than: reference <= 50,000"
    assert result.relative_difference == pytest.approx(0.10)
    assert (result.reference_value, result.reference_point, result.claim_high) == (
        55_000,
        55_000,
        50_000,
    )
    assert result.explanation == (
        "UNHCR reported 55,000 Syrian refugees in Turkey at the end of 2019 (Test dataset); "
        "the claim says less than 50,000: 10% over the claimed maximum."
    )


def test_money_explanation_names_the_currency():
    c = claim(
        "vague", low=2e9, high=9_999_999_999, category="money", counted="EU aid", currency="EUR"
    )
    r = ref(
        6e9,
        category="money",
        counted="EU Facility for Refugees in Turkey, total budget",
        unit="EUR",
        origin=None,
        publisher="European Commission",
        period_start=date(2016, 1, 1),
        period_end=date(2019, 12, 31),
    )
    result = compare(c, r)
    assert result.outcome == "supports"
    assert "EUR 6,000,000,000" in result.explanation
    assert "from 1 January 2016 to 31 December 2019" in result.explanation


# ---------------------------------------------------------------------------------------------
# Selection


def test_selection_rules():
    c = claim(
        "more_than", 3_600_000, low=3_600_000, counted="Syrian refugees", published_on=ARTICLE_DATE
    )
    refs = [
        ref(3_576_370, id="stock-2019", published_on=date(2026, 6, 25)),
        ref(
            3_641_370,
            id="stock-2020",
            period_start=date(2020, 12, 31),
            period_end=date(2020, 12, 31),
            published_on=date(2026, 6, 25),
        ),
        ref(
            3_622_366,
            id="stock-2018",
            period_start=date(2018, 12, 31),
            period_end=date(2018, 12, 31),
            published_on=date(2026, 6, 25),
        ),
        ref(
            3_600_000,
            high=3_600_000,
            id="op-update",
            counted="Syrian nationals under temporary protection",
            publisher="UNHCR Turkey",
            dataset="Op update",
            period_start=date(2020, 2, 27),
            period_end=date(2020, 2, 27),
            published_on=date(2020, 2, 29),
        ),
        ref(
            3_600_000,
            id="unknown-date",
            counted="Syrians under temporary protection",
            publisher="Other",
            dataset="Undated",
            period_start=date(2020, 2, 1),
            period_end=date(2020, 2, 1),
            published_on=None,
        ),
        ref(3_579_531, id="all-origins", counted="refugees hosted (all origins)", origin=None),
        ref(328_257, id="asylum", counted="asylum-seekers (pending applications)"),
        ref(3_700_000, id="lebanon", location="Lebanon"),
        ref(3_600_000, id="military", category="military"),
        ref(
            3_600_000,
            id="flow",
            period_start=date(2019, 1, 1),
            period_end=date(2019, 12, 31),
            dataset="Flow",
        ),
    ]
    ranked = select_references(c, refs)
    ids = [r.reference.id for r in ranked]
    # end-2020 is after the article; end-2018 is superseded by end-2019 in the same series;
    # all-origins rows, asylum-seekers, other places and categories are left out.
    assert ids == ["stock-2019", "op-update", "unknown-date", "flow"]
    assert ranked[0].knowability == "later_release"
    assert any("knowable in substance" in reason for reason in ranked[0].reasons)
    assert ranked[1].knowability == "published_before"
    assert ranked[2].knowability == "date_unknown"
    assert ranked[3].kind_mismatch_unknown


def test_a_known_stock_claim_never_meets_a_flow():
    c = claim(
        "exact",
        100,
        100,
        100,
        period_start=date(2020, 2, 1),
        period_end=date(2020, 2, 1),
        published_on=ARTICLE_DATE,
    )
    flow = ref(100, period_start=date(2020, 1, 1), period_end=date(2020, 2, 1))
    stock = ref(100, id="stock", period_start=date(2020, 2, 1), period_end=date(2020, 2, 1))
    assert [r.reference.id for r in select_references(c, [flow, stock])] == ["stock"]


def test_related_place_is_used_but_ranked_lower():
    c = claim(
        "nearly",
        1_000_000,
        high=1_000_000,
        counted="people forced to flee",
        location="Idlib",
        period_start=date(2019, 12, 1),
        period_end=ARTICLE_DATE,
        published_on=ARTICLE_DATE,
    )
    nw = ref(
        948_000,
        low=948_000,
        id="nw",
        counted="people displaced since 1 December 2019",
        location="north-west Syria",
        period_start=date(2019, 12, 1),
        period_end=date(2020, 2, 23),
    )
    same = ref(
        500_000,
        id="idlib",
        counted="people displaced since 1 December 2019",
        location="Idlib governorate",
        period_start=date(2019, 12, 1),
        period_end=date(2020, 1, 15),
        publisher="Other",
    )
    ranked = select_references(c, [nw, same])
    assert [r.reference.id for r in ranked] == ["idlib", "nw"]
    assert ranked[1].same_place is False
    assert select_references(claim("exact", 1, 1, 1, location="north-west Syria"), [same]) == []


def test_a_claim_without_a_place_has_no_candidates():
    assert select_references(claim("exact", 1, 1, 1, location=None), [ref(1)]) == []


# ---------------------------------------------------------------------------------------------
# The seed example, against the real rows of figures.csv

SEED = ClaimFacts(
    value=3_600_000,
    low=3_600_000,
    high=None,
    qualifier="more_than",
    category="displacement",
    counted="Syrian refugees",
    location="Turkey",
    published_on=ARTICLE_DATE,
    surface="more than 3.6 million Syrian refugees",
)


def test_seed_claim_against_the_real_reference_rows():
    figures = load_figures()
    check = verify_against_references(SEED, figures)

    assert check.outcome == "contradicts"
    best = check.best
    assert (best.reference.publisher, best.reference.value) == ("UNHCR", 3_576_370)
    assert best.reference.period_end == date(2019, 12, 31)
    assert best.relative_difference == pytest.approx(-0.00656, abs=1e-4)
    assert best.explanation == (
        "UNHCR reported 3,576,370 Syrian refugees in Turkey at the end of 2019 (UNHCR Refugee "
        "Population Statistics Database (Refugee Data Finder), end-year population); the claim "
        "says more than 3,600,000: 0.7% under the claimed minimum."
    )

    almost = [c for c in check.others if c.reference.period_end == date(2020, 2, 27)]
    assert len(almost) == 1
    assert almost[0].reference.publisher == "UNHCR Turkey"
    assert almost[0].reference.high == 3_600_000
    assert almost[0].outcome == "contradicts"
    assert "almost 3,600,000" in almost[0].explanation

    # The summary names both figures; the end-2020 stock (3,641,370) is after the article.
    assert "3,576,370" in check.summary
    assert "UNHCR Turkey, almost 3,600,000 as of 27 February 2020 (contradicts)" in check.summary
    assert all(c.reference.value != 3_641_370 for c in check.comparisons)

    verdict, rating, reason = suggest_verdict(check.comparisons)
    assert (verdict, rating) == ("mostly_accurate", 4)
    assert "0.7% under the claimed minimum" in reason


def test_seed_iom_border_figure_supports_some_13000():
    c = ClaimFacts(
        value=13_000,
        low=None,
        high=None,
        qualifier="approximate",
        category="displacement",
        counted="refugees",
        location="the border between Turkey and Greece",
        published_on=ARTICLE_DATE,
    )
    check = verify_against_references(c, load_figures())
    assert check.outcome == "supports"
    assert check.best.reference.publisher == "International Organization for Migration (IOM)"


# ---------------------------------------------------------------------------------------------
# Suggested verdicts


def test_suggest_verdict_weighs_how_far_off():
    def verdict_for(reference_value):
        c = claim("exact", 100_000, 100_000, 100_000)
        return suggest_verdict([compare(c, ref(reference_value))])[:2]

    assert verdict_for(101_000) == ("accurate", 5)
    assert verdict_for(107_000) == ("misleading", 3)
    assert verdict_for(120_000) == ("misleading", 2)
    assert verdict_for(140_000) == ("inaccurate", 1)
    c = claim("more_than", 100_000, low=100_000)
    assert suggest_verdict([compare(c, ref(98_000))])[:2] == ("mostly_accurate", 4)


def test_suggest_verdict_without_anything_decisive():
    assert suggest_verdict([])[:2] == ("unverifiable", None)
    inconclusive = compare(claim("approximate", 12_000), ref(None, 10_000, 15_000))
    verdict, rating, reason = suggest_verdict([inconclusive])
    assert (verdict, rating) == ("unverifiable", None)
    assert "neither confirm nor refute" in reason


def test_best_decisive_comparison_drives_and_dissent_is_reported():
    c = claim("exact", 100_000, 100_000, 100_000)
    first = compare(c, ref(None, 90_000, 120_000))  # straddles: inconclusive
    second = compare(c, ref(101_000))
    third = compare(c, ref(150_000))
    verdict, rating, reason = suggest_verdict([first, second, third])
    assert (verdict, rating) == ("accurate", 5)
    assert "1 other figure(s) point the other way" in reason


def test_no_candidates_gives_an_inconclusive_check():
    check = verify_against_references(claim("exact", 5, 5, 5, location="Narnia"), load_figures())
    assert (check.outcome, check.best, check.comparisons) == ("inconclusive", None, ())
