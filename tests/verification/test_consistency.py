"""Consistency check: fingerprints and comparison with the same figure in other articles."""

from __future__ import annotations

from datetime import date

import pytest

from claims.verification import ClaimFacts, PeerClaim, compare_with_peers, fingerprint

SEED_DAY = date(2020, 3, 2)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("displacement", "Türkiye", date(2020, 3, 2), 3_600_000), "displacement|turkey|2020|7"),
        (("displacement", "Turkey", date(2020, 1, 1), 4_000_000), "displacement|turkey|2020|7"),
        (
            ("displacement", "Idlib province", date(2020, 2, 1), 948_000),
            "displacement|idlib|2020|6",
        ),
        (("displacement", "Idlib", date(2020, 2, 1), 1_000_000), "displacement|idlib|2020|6"),
        (("casualties", "Idlib", None, 33), "casualties|idlib||2"),
        (("money", None, date(2016, 1, 1), None), "money||2016|"),
        (("other", None, None, None), "other|||"),
    ],
)
def test_fingerprint(args, expected):
    assert fingerprint(*args) == expected


def test_fingerprint_separates_years_and_magnitudes():
    assert fingerprint("displacement", "Turkey", date(2019, 1, 1), 3_600_000) != fingerprint(
        "displacement", "Turkey", date(2020, 1, 1), 3_600_000
    )
    assert fingerprint("displacement", "Turkey", date(2020, 1, 1), 36_000) != fingerprint(
        "displacement", "Turkey", date(2020, 1, 1), 3_600_000
    )


CLAIM = ClaimFacts(
    value=3_600_000,
    low=3_600_000,
    high=None,
    qualifier="more_than",
    category="displacement",
    counted="Syrian refugees",
    location="Turkey",
    published_on=SEED_DAY,
)


def peer(
    article_id, qualifier, value=None, low=None, high=None, day=None, outlet=None, speaker=None
):
    return PeerClaim(
        article_id, outlet or f"Outlet {article_id}", speaker, day, value, low, high, qualifier
    )


@pytest.mark.parametrize(
    ("the_peer", "status"),
    [
        (peer(1, "more_than", 3_600_000, low=3_600_000), "agreeing"),
        (peer(2, "exact", 3_700_000, 3_700_000, 3_700_000), "agreeing"),
        (peer(3, "approximate", 3_500_000), "agreeing"),  # 3.15M..3.85M meets > 3.6M
        (peer(4, "exact", 3_500_000, 3_500_000, 3_500_000), "diverging"),
        (peer(5, "nearly", 3_600_000, high=3_600_000), "diverging"),
        (peer(6, "less_than", 3_000_000, high=3_000_000), "diverging"),
        (peer(7, "range", low=3_500_000, high=4_000_000), "agreeing"),
    ],
)
def test_peer_agreement_uses_the_interval_logic(the_peer, status):
    check = compare_with_peers(CLAIM, [the_peer])
    statuses = [p.status for p in (*check.agreeing, *check.diverging)]
    assert statuses == [status]


def test_who_said_it_first_and_summary():
    peers = [
        peer(10, "more_than", 3_600_000, low=3_600_000, day=date(2020, 2, 28), outlet="Reuters"),
        peer(
            11,
            "exact",
            3_000_000,
            3_000_000,
            3_000_000,
            day=date(2020, 3, 1),
            outlet="Daily",
            speaker="a minister",
        ),
        peer(12, "more_than", 3_600_000, low=3_600_000, day=None),
    ]
    check = compare_with_peers(CLAIM, peers)
    assert [p.peer.article_id for p in check.agreeing] == [10, 12]
    assert [p.peer.article_id for p in check.diverging] == [11]
    assert check.diverging[0].relative_difference == pytest.approx(-1 / 6)
    assert check.first.article_id == 10
    assert check.claim_was_first is False
    assert check.fingerprint == "displacement|turkey|2020|7"
    assert check.summary == (
        "3 other articles report this figure: 2 agree, 1 diverges. "
        "Diverging: Daily (quoting a minister) on 2020-03-01 said 3,000,000, which diverges. "
        "First reported by Reuters on 2020-02-28."
    )


def test_this_article_first_and_no_peers():
    later = peer(20, "more_than", 3_600_000, low=3_600_000, day=date(2020, 3, 5))
    check = compare_with_peers(CLAIM, [later])
    assert (check.claim_was_first, check.first) == (True, None)
    assert check.summary.endswith("This article reported it first.")
    empty = compare_with_peers(CLAIM, [])
    assert (empty.agreeing, empty.diverging, empty.summary) == (
        (),
        (),
        "No other article reports this figure.",
    )
