"""Border places, the words around a figure, and the guard against comparing different things."""

from __future__ import annotations

from datetime import date

import pytest

from claims.verification import (
    SCALE_GAP_LIMIT,
    border_key,
    claim_place,
    compare,
    figure_context,
    place_key,
    scale_factor,
    select_references,
    suggest_verdict,
)

from .test_reference import claim, ref

GREECE = (
    "Greece said Sunday that it has blocked almost 10,000 Syrian refugees on its border with "
    "Turkey."
)
IOM = (
    "Some 13,000 refugees have congregated on the border between Turkey and Greece, including "
    "families with young children who spent the night in the cold, the International "
    "Organization for Migration said."
)
HOSTS = "Turkey already hosts more than 3.6 million Syrian refugees and says it cannot absorb more."


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Greece-Turkey border", "Turkey-Greece border"),
        ("Greece\u2013Turkey border", "Turkey-Greece border"),
        ("Greek\u2013Turkish frontier", "Turkey-Greece border"),
        ("Greece's border with Turkey", "Turkey-Greece border"),
        ("border between Greece and Turkey", "Turkey-Greece border"),
        ("Pazarkule border crossing", "Turkey-Greece border"),
        ("Syrian-Turkish border", "Syria-Turkey border"),
        ("the closed Turkish border", "Turkey border"),
        ("on its border with Turkey", "Turkey border"),
        ("Turkey (sea borders)", "Turkey"),
        ("Turkey (Edirne province)", "Turkey"),
    ],
)
def test_border_places(name, key):
    assert place_key(name) == key


def test_its_border_takes_the_country_from_the_sentence():
    assert border_key("on its border with Turkey", context=GREECE) == "Turkey-Greece border"
    assert place_key("its border with Turkey", context=GREECE) == "Turkey-Greece border"
    assert border_key("in Turkey") is None


def test_figure_context_reads_the_clause_of_the_figure():
    iom = figure_context(IOM, "Some 13,000 refugees")
    assert iom.is_event and "congregated" in iom.event_words
    assert iom.border_phrase == "on the border between turkey and greece"
    hosts = figure_context(HOSTS, "more than 3.6 million Syrian refugees")
    assert hosts.is_stock and hosts.border_phrase is None
    both = (
        "Turkey, which hosts 3.6 million refugees, says 13,000 migrants have gathered at the "
        "border."
    )
    assert figure_context(both, "3.6 million refugees").is_stock
    assert figure_context(both, "13,000 migrants").is_event
    # a border in another clause is not where the figure is
    closed = "Turkey hosts 3.6 million refugees and has closed its border with Syria."
    assert figure_context(closed, "3.6 million refugees").border_phrase is None
    # the counted phrase alone is read when there is no sentence
    assert figure_context("", "", "Syrian refugees blocked at the border").is_event
    assert figure_context(None, None, "Syrian refugees hosted").is_stock
    assert figure_context(None, None, "refugees") == figure_context("", "x", "refugees")


@pytest.mark.parametrize(
    ("location", "sentence", "surface", "place"),
    [
        ("Turkey", IOM, "Some 13,000 refugees", "Turkey-Greece border"),
        ("Greece", IOM, "Some 13,000 refugees", "Turkey-Greece border"),
        (None, IOM, "Some 13,000 refugees", "Turkey-Greece border"),
        ("Turkey", GREECE, "almost 10,000 Syrian refugees", "Turkey-Greece border"),
        ("Greece", GREECE, "almost 10,000 Syrian refugees", "Turkey-Greece border"),
        ("Turkey", HOSTS, "more than 3.6 million Syrian refugees", "Turkey"),
        # a border of other countries does not move a claim about Lebanon
        ("Lebanon", IOM, "Some 13,000 refugees", "Lebanon"),
        (
            "Idlib",
            "An offensive has forced nearly a million people to flee to the closed Turkish border.",
            "nearly a million people",
            "Idlib",
        ),
        ("Turkey", "", "Some 13,000 refugees", "Turkey"),
    ],
)
def test_claim_place_uses_the_border_the_sentence_names(location, sentence, surface, place):
    c = claim("approximate", 13_000, location=location, sentence=sentence, surface=surface)
    assert claim_place(c) == place


def test_a_border_claim_never_meets_a_national_stock():
    c = claim("approximate", 13_000, sentence=IOM, surface="Some 13,000 refugees")
    national = ref(3_579_531, id="national", counted="refugees hosted (all origins)", origin=None)
    border = ref(
        13_000,
        id="border",
        counted="migrants gathered at the land border",
        location="Turkey-Greece border",
        origin=None,
        period_start=date(2020, 2, 29),
        period_end=date(2020, 2, 29),
    )
    assert [r.reference.id for r in select_references(c, [national, border])] == ["border"]


def test_an_event_claim_ranks_event_figures_first():
    c = claim("approximate", 13_000, counted="refugees gathered in Edirne")
    stock = ref(13_500, id="stock", origin=None)
    event = ref(
        12_000,
        id="event",
        counted="migrants waiting in Edirne",
        origin=None,
        period_start=date(2020, 2, 29),
        period_end=date(2020, 2, 29),
    )
    ranked = select_references(c, [stock, event])
    assert [r.reference.id for r in ranked] == ["event", "stock"]
    assert ranked[1].event_mismatch
    # and the standing total is no measure of the group, even at the same scale
    result = compare(c, stock)
    assert (result.outcome, result.comparable) == ("inconclusive", False)
    assert "measure different things" in result.explanation


# ---------------------------------------------------------------------------------------------
# The scale guard


def test_scale_factor():
    assert scale_factor(claim("nearly", 10_000, high=10_000), 3_576_370) == pytest.approx(357.637)
    assert scale_factor(claim("exact", 100, 100, 100), 10) == pytest.approx(10)
    assert scale_factor(claim("vague", low=2_000, high=9_999), 5_000) == 1.0
    assert scale_factor(claim("vague", low=24, high=143), 2_000) == pytest.approx(2_000 / 143)
    assert scale_factor(claim("exact", 100, 100, 100), None) is None


def test_the_limit_is_one_order_of_magnitude():
    assert SCALE_GAP_LIMIT == 10
    c = claim("exact", 10_000, 10_000, 10_000)
    # exactly 10x and 9.9x are still judged; 10.1x is not
    for value, outcome in [
        (99_000, "contradicts"),
        (100_000, "contradicts"),
        (101_000, "inconclusive"),
    ]:
        assert compare(c, ref(value)).outcome == outcome, value
    assert compare(c, ref(1_000)).outcome == "contradicts"
    assert compare(c, ref(980)).outcome == "inconclusive"


def test_a_local_figure_is_not_contradicted_by_a_national_stock():
    c = claim(
        "nearly",
        10_000,
        high=10_000,
        counted="Syrian refugees",
        surface="almost 10,000 Syrian refugees",
    )
    result = compare(c, ref(3_576_370))
    assert (result.outcome, result.comparable) == ("inconclusive", False)
    assert result.scale_factor == pytest.approx(357.637)
    assert (
        "the reference figure (3,576,370) is about 360 times the claimed figure, so it probably "
        "counts something else (a national total vs. a part of it)." in result.explanation
    )
    # without context it may still be a misreport: the explanation says how far off it would be
    assert "If the claim does mean this figure, it is off by that factor" in result.explanation
    verdict, rating, reason = suggest_verdict([result])
    assert (verdict, rating) == ("unverifiable", None)
    assert reason.startswith("Not comparable: ")
    # with its sentence it is a local group
    event = compare(
        claim(
            "nearly",
            10_000,
            high=10_000,
            counted="Syrian refugees",
            surface="almost 10,000 Syrian refugees",
            sentence=GREECE,
        ),
        ref(3_576_370),
    )
    assert event.outcome == "inconclusive"
    assert "measure different things" in event.explanation


def test_a_claim_far_above_the_reference():
    result = compare(claim("approximate", 3_600_000), ref(13_000, origin=None))
    assert result.outcome == "inconclusive"
    assert "about 1/280 of the claimed figure" in result.explanation


def test_a_genuine_big_error_still_shows():
    # "Turkey hosts 36,000 Syrian refugees": the wording says it is the national total.
    hosts = claim(
        "exact",
        36_000,
        36_000,
        36_000,
        counted="Syrian refugees",
        surface="36,000 Syrian refugees",
        sentence="Turkey hosts 36,000 Syrian refugees, the minister said.",
    )
    result = compare(hosts, ref(3_576_370))
    assert (result.outcome, result.comparable) == ("contradicts", True)
    assert "The reference is about 99 times the claimed figure" in result.explanation
    assert "'hosts'" in result.explanation and "misreported" in result.explanation
    assert suggest_verdict([result])[:2] == ("inaccurate", 1)
    # No context at all, but the digits match shifted by a power of ten: a slipped decimal/unit.
    bare = claim("exact", 36_000, 36_000, 36_000, counted="Syrian refugees")
    result = compare(bare, ref(3_576_370))
    assert result.outcome == "contradicts"
    assert "shifted by a power of ten" in result.explanation
    assert suggest_verdict([result])[:2] == ("inaccurate", 1)
    # a round one-digit figure says nothing about a slip
    assert compare(claim("exact", 10_000, 10_000, 10_000), ref(1_000_000)).outcome == "inconclusive"
    # and an event claim is not a slip of the national total, whatever its digits
    crowd = claim("exact", 36_000, 36_000, 36_000, counted="refugees gathered at the border")
    assert compare(crowd, ref(3_576_370)).outcome == "inconclusive"
