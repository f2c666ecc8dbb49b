"""Time expressions resolved against the publication date (2020-03-02 is a Monday)."""

from datetime import date

import pytest

from claims.extraction.timeexpr import resolve_period

PUB = date(2020, 3, 2)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("on Sunday", date(2020, 3, 1), date(2020, 3, 1)),
        ("Sunday", date(2020, 3, 1), date(2020, 3, 1)),
        ("on Monday", date(2020, 3, 2), date(2020, 3, 2)),
        ("on Thursday", date(2020, 2, 27), date(2020, 2, 27)),
        ("since december", date(2019, 12, 1), PUB),
        ("since December", date(2019, 12, 1), PUB),
        ("in 2015", date(2015, 1, 1), date(2015, 12, 31)),
        ("2015", date(2015, 1, 1), date(2015, 12, 31)),
        ("since 2011", date(2011, 1, 1), PUB),
        ("last week", date(2020, 2, 24), date(2020, 3, 1)),
        ("this week", date(2020, 3, 2), PUB),
        ("last month", date(2020, 2, 1), date(2020, 2, 29)),
        ("this month", date(2020, 3, 1), PUB),
        ("this year", date(2020, 1, 1), PUB),
        ("last year", date(2019, 1, 1), date(2019, 12, 31)),
        ("in recent days", date(2020, 2, 24), PUB),
        ("recent weeks", date(2020, 2, 3), PUB),
        ("the past three years", date(2017, 3, 3), PUB),
        ("March 5", date(2020, 3, 5), date(2020, 3, 5)),
        ("on March 5", date(2020, 3, 5), date(2020, 3, 5)),
        ("5 March", date(2020, 3, 5), date(2020, 3, 5)),
        ("in March 2019", date(2019, 3, 1), date(2019, 3, 31)),
        ("March 5, 2019", date(2019, 3, 5), date(2019, 3, 5)),
        ("in January", date(2020, 1, 1), date(2020, 1, 31)),
        ("yesterday", date(2020, 3, 1), date(2020, 3, 1)),
        ("today", PUB, PUB),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31)),
        ("by 2030", None, date(2030, 12, 31)),
    ],
)
def test_resolve_relative_to_publication(text, start, end):
    assert resolve_period(text, PUB) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("in 2015", date(2015, 1, 1), date(2015, 12, 31)),
        ("March 2019", date(2019, 3, 1), date(2019, 3, 31)),
        ("on Sunday", None, None),
        ("last week", None, None),
        ("since december", None, None),
        ("March 5", None, None),
    ],
)
def test_without_publication_date_only_absolute(text, start, end):
    assert resolve_period(text, None) == (start, end)


@pytest.mark.parametrize("text", [None, "", "daily", "the night", "for a while"])
def test_unresolvable(text):
    assert resolve_period(text, PUB) == (None, None)
