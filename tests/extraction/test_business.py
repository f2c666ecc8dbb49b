"""Business and markets copy: money forms, movements versus ranges, and numbers that name
things (indices, products, companies, calibres, addresses, clocks). All sentences are new."""

import pytest

from .conftest import claim_at, claims_in

# text, surface, value, low, high, qualifier, currency
MONEY = [
    (
        "Netflix Q2 revenue up 16% to $9.6 bln, tops forecasts",
        "$9.6 bln",
        9.6e9,
        9.6e9,
        9.6e9,
        "exact",
        "USD",
    ),
    (
        "The fund will receive a 2.1 mln euros grant.",
        "2.1 mln euros",
        2.1e6,
        2.1e6,
        2.1e6,
        "exact",
        "EUR",
    ),
    (
        "MTR posted a net profit of HK$7.8 billion.",
        "HK$7.8 billion",
        7.8e9,
        7.8e9,
        7.8e9,
        "exact",
        "HKD",
    ),
    (
        "Pick n Pay will invest R3.1 billion in new stores.",
        "R3.1 billion",
        3.1e9,
        3.1e9,
        3.1e9,
        "exact",
        "ZAR",
    ),
    ("Shares fell 38p to 412p in London.", "38p", 0.38, 0.38, 0.38, "exact", "GBP"),
    ("Shares fell 38p to 412p in London.", "412p", 4.12, 4.12, 4.12, "exact", "GBP"),
    ("It will pay a dividend of 42 cents a share.", "42 cents", 0.42, 0.42, 0.42, "exact", "USD"),
    (
        "Stamps will cost about 95 pence from April.",
        "about 95 pence",
        0.95,
        None,
        None,
        "approximate",
        "GBP",
    ),
    (
        "Qantas earned 1.25 billion Australian dollars last year.",
        "1.25 billion Australian dollars",
        1.25e9,
        1.25e9,
        1.25e9,
        "exact",
        "AUD",
    ),
    (
        "Seoul set aside 2.4 trillion won for chipmakers.",
        "2.4 trillion won",
        2.4e12,
        2.4e12,
        2.4e12,
        "exact",
        "KRW",
    ),
    (
        "Brussels fined Google 2.4 billion euros for abusing its dominance.",
        "2.4 billion euros",
        2.4e9,
        2.4e9,
        2.4e9,
        "exact",
        "EUR",
    ),
    (
        "Ghana sold a $750 million ten-year bond on Tuesday.",
        "$750 million",
        7.5e8,
        7.5e8,
        7.5e8,
        "exact",
        "USD",
    ),
    ("Costs will reach €2.2–2.6 billion.", "€2.2–2.6 billion", None, 2.2e9, 2.6e9, "range", "EUR"),
]


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high", "qualifier", "currency"), MONEY
)
def test_money_forms(text, surface, value, low, high, qualifier, currency):
    c = claim_at(text, surface)
    assert (c.qualifier, c.currency) == (qualifier, currency)
    for got, want in ((c.value, value), (c.low, low), (c.high, high)):
        assert got == (pytest.approx(want) if want is not None else None)
    assert c.category == "money"


# a movement, then the level it reached: two figures, not a range
MOVEMENTS = [
    ("Brent crude gained 64 cents to $81.20 a barrel.", ["64 cents", "$81.20"]),
    (
        "The bank cut rates by 0.25 percentage points to 3.5% on Thursday.",
        ["0.25 percentage points", "3.5%"],
    ),
    ("Sales rose 7% to $4.1 billion, the company said.", ["7%", "$4.1 billion"]),
]


@pytest.mark.parametrize(("text", "surfaces"), MOVEMENTS)
def test_movement_then_level(text, surfaces):
    found = claims_in(text)
    assert [c.surface for c in found] == surfaces
    assert all(c.qualifier == "exact" for c in found)


def test_a_forecast_range_in_one_unit_stays_a_range():
    c = claim_at("It expects sales to grow 2% to 3% next year.", "2% to 3%")
    assert (c.qualifier, c.low, c.high) == ("range", 2, 3)
    c = claim_at("It now sees growth of 4.5%-5% in 2025.", "4.5%-5%")
    assert (c.qualifier, c.low, c.high) == ("range", 4.5, 5)


NOT_CLAIMS = [
    "The S&P 500 rose on Friday.",
    "Germany's DAX and the STOXX 600 index both closed lower.",
    "Apple's iPhone 15 sales were strong in China.",
    "3M said it would cut costs.",
    "7-Eleven's owner rejected the offer.",
    "Airlines grounded their 737 MAX jets after the incident.",
    "Kyiv asked for more 155mm shells.",
    "The office is at 14 Rue de Rivoli in Paris.",
    "Call 1-800-555-0199 for help.",
    "The helpline is open between 0830 and 1730 London time.",
    "A magnitude 6.4 earthquake struck the coast; a 5.1-magnitude aftershock followed.",
    "Parliament lowered the conscription age from 27 to 25.",
    "Results for the first half of 2025 are due in August.",
    "Round 3 of the survey ended in May.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_numbers_that_name_things_are_not_claims(text):
    assert [c.surface for c in claims_in(text)] == []


def test_a_word_number_does_not_join_digits_before_it():
    # "1.5 billion seven-year" once read as 1,500,000,007
    c = claim_at("Kenya sold a $1.5 billion seven-year eurobond.", "$1.5 billion")
    assert c.value == pytest.approx(1.5e9)


def test_counting_acronyms_still_count():
    assert claim_at("The UN sent 300 UN peacekeepers.", "300 UN peacekeepers").value == 300


MORE_NOT_CLAIMS = [
    "Polls open at 0700 and close at 2200 on Sunday.",
    "The strike came at about 1430 local time on Thursday.",
    "Key figures as of 15 August 2024 were published on Friday.",
    "Pagers exploded on September 17 and 18 across the country.",
    "The youngest child is aged 3, the oldest 11.",
    "The stock joins the Nifty 50 rebalancing next month.",
]


@pytest.mark.parametrize("text", MORE_NOT_CLAIMS)
def test_clocks_dates_ages_and_index_names(text):
    assert [c.surface for c in claims_in(text)] == []


# text, surface, value, qualifier, currency
MORE_FIGURES = [
    ("Revenue $1.2bn (+18%); net income $90m (+25%).", "+18%", 18, "exact", None),
    ("Onions now cost Rs 60 a kilogram, up from Rs 35.", "Rs 35", 35, "exact", "INR"),
    ("A litre of milk costs 95 euro cents.", "95 euro cents", 0.95, "exact", "EUR"),
    ("Deployed: approx. 1,500 personnel.", "approx. 1,500 personnel", 1500, "approximate", None),
    # "estimated" as the report's verb is not a hedge on the figure
    ("The agency estimated 400,000 deaths in 2023.", "400,000 deaths", 400_000, "exact", None),
    (
        "An estimated 400,000 people died in 2023.",
        "An estimated 400,000 people",
        400_000,
        "approximate",
        None,
    ),
    # a rate is a count, not a date
    ("The FAA capped output at 38 a month.", "38", 38, "exact", None),
    # a list of places and figures, in brackets or not
    (
        "IDPs live mostly in Idlib (2.9 million) and Aleppo (1.1 million).",
        "1.1 million",
        1.1e6,
        "exact",
        None,
    ),
    ("Casualties: Donetsk 412 killed; Kharkiv 96 killed.", "96", 96, "exact", None),
]


@pytest.mark.parametrize(("text", "surface", "value", "qualifier", "currency"), MORE_FIGURES)
def test_more_figures(text, surface, value, qualifier, currency):
    c = claim_at(text, surface)
    assert c.value == pytest.approx(value)
    assert (c.qualifier, c.currency) == (qualifier, currency)


def test_scaled_values_have_no_binary_noise():
    assert claim_at("Revenue reached $2.05bn.", "$2.05bn").value == 2_050_000_000


# text, surface, value, currency
HOME_PRESS_MONEY = [
    ("The grant of R350 a month will be extended to March.", "R350", 350, "ZAR"),
    ("Rice rose to P48 a kilo, up from P41 a year ago.", "P41", 41, "PHP"),
    ("Lagos said it had spent N38 billion on the rail line.", "N38 billion", 38e9, "NGN"),
    ("CIMB posted a net profit of RM7.1 billion for 2023.", "RM7.1 billion", 7.1e9, "MYR"),
    ("Nairobi County spent Sh980 million on roads.", "Sh980 million", 980e6, "KES"),
    ("Revenue rose to KSh 41.2 billion, Safaricom said.", "KSh 41.2 billion", 41.2e9, "KES"),
    ("The Senate approved the P5.2-trillion budget.", "P5.2-trillion budget", 5.2e12, "PHP"),
    ("Petrol rose by 9.66 rupees to 282 rupees a litre in Pakistan.", "282 rupees", 282, "PKR"),
    ("Onions cost 60 rupees a kilo in Delhi.", "60 rupees", 60, "INR"),
    ("DBS raised its dividend to 54 Singapore cents a share.", "54 Singapore cents", 0.54, "SGD"),
    ("Passenger numbers rose 11pc in March.", "11pc", 11, None),
]


@pytest.mark.parametrize(("text", "surface", "value", "currency"), HOME_PRESS_MONEY)
def test_money_as_the_home_press_writes_it(text, surface, value, currency):
    c = claim_at(text, surface)
    assert c.value == pytest.approx(value)
    assert c.currency == currency


MEASURES_AND_LABELS = [
    "A truck crash on the N1 closed the road.",
    "Hospitals ran short of N95 masks.",
    "The P5 countries met in New York.",
    "The R101 road was closed after the flood.",
    "A four-room flat in Toa Payoh sold last week.",
    "Storm Ciaran brought winds of 100mph.",
    "Forecasters expect highs of 113 degrees in Phoenix.",
    "Eskom implemented stage 6 load-shedding on Monday.",
    "Traffic between junctions 10 and 11 was halted.",
    "The ban is part of H.R. 815, which passed the House.",
    "The company will report its Q4 2023 results on Thursday.",
    "Police said the 999 emergency line was overwhelmed.",
    "The deal is worth a lot, according to two people familiar with the talks.",
    "Of the candidates, one scored a perfect 720 out of 720.",
]


@pytest.mark.parametrize("text", MEASURES_AND_LABELS)
def test_measures_labels_and_anonymous_sources_are_not_claims(text):
    assert [c.surface for c in claims_in(text)] == []


def test_a_share_without_of():
    c = claim_at(
        "It will invest 300 billion zloty, with more than a third going to wind.",
        "more than a third",
    )
    assert (c.value, c.qualifier) == (pytest.approx(1 / 3, rel=1e-3), "more_than")


def test_a_country_name_before_a_figure_in_a_list():
    c = claim_at("Arrivals: Poland 956,635; Czech Republic 381,400.", "381,400")
    assert c.location == "Czech Republic"
