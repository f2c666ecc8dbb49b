"""Consistency check: the same figure as reported by other articles.

Claims about the same thing share a fingerprint (category, place, year, order of magnitude); the
Django layer finds the peers by fingerprint and passes them here as plain PeerClaim values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .bounds import (
    APPROXIMATE_TOLERANCE,
    EXACT_TOLERANCE,
    acceptance,
    point,
    qualifier_tolerance,
    reading,
    wording,
)
from .facts import ClaimFacts
from .reference import place_key

AGREEING = "agreeing"
DIVERGING = "diverging"


def fingerprint(
    category: str, location: str | None, period_start: date | None, value_or_mid: float | None
) -> str:
    """Group key for "the same figure": category|place|year|magnitude.

    The magnitude is log10 of the number rounded to the nearest integer, so figures just under a
    power of ten ("nearly a million", 948,000) fall with it (6), and 3.6 million with 4 million (7
    is the bucket from about 3.16 million to 31.6 million). Missing parts are left empty.
    """
    place = place_key(location) or ""
    year = str(period_start.year) if period_start else ""
    magnitude = ""
    if value_or_mid is not None and value_or_mid > 0:
        magnitude = str(round(math.log10(value_or_mid)))
    return "|".join((category, place.casefold(), year, magnitude))


def claim_fingerprint(claim: ClaimFacts) -> str:
    """Fingerprint of a ClaimFacts, using its period start or else its article date."""
    return fingerprint(
        claim.category,
        claim.location,
        claim.period_start or claim.published_on,
        point(claim.value, claim.low, claim.high),
    )


@dataclass(frozen=True)
class PeerClaim:
    """The same figure in another article."""

    article_id: int | str
    outlet: str | None
    speaker: str | None
    published_on: date | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str


@dataclass(frozen=True)
class PeerComparison:
    peer: PeerClaim
    status: str
    relative_difference: float | None
    explanation: str


@dataclass(frozen=True)
class ConsistencyCheck:
    fingerprint: str
    agreeing: tuple[PeerComparison, ...]
    diverging: tuple[PeerComparison, ...]
    first: PeerClaim | None
    claim_was_first: bool
    summary: str


def compare_with_peers(
    claim: ClaimFacts, peers: Sequence[PeerClaim], tolerance: float = EXACT_TOLERANCE
) -> ConsistencyCheck:
    """Do other articles report the same figure the same way?

    A peer agrees when what it says can be true at the same time as the claim: the peer's figure,
    read as an interval the way a reference figure is (bounds.reading; its own qualifier decides
    how), meets the claim's acceptance interval. It diverges when the two cannot both be right.
    "First" is the earliest publication date among the claim and its peers.
    """
    accept = acceptance(claim.qualifier, claim.value, claim.low, claim.high, tolerance)
    anchor = point(claim.value, claim.low, claim.high)
    agreeing, diverging = [], []
    for peer in peers:
        result = _compare_peer(claim, peer, accept, anchor, tolerance)
        (agreeing if result.status == AGREEING else diverging).append(result)

    dated = [p for p in peers if p.published_on is not None]
    first = min(dated, key=lambda p: (p.published_on, str(p.article_id)), default=None)
    # Ties go to this claim: an article cannot be said to repeat one published the same day.
    claim_first = claim.published_on is not None and (
        first is None or claim.published_on <= first.published_on
    )
    if claim_first:
        first = None
    return ConsistencyCheck(
        fingerprint=claim_fingerprint(claim),
        agreeing=tuple(agreeing),
        diverging=tuple(diverging),
        first=first,
        claim_was_first=claim_first,
        summary=_summary(agreeing, diverging, first, claim_first),
    )


def _peer_reading(peer: PeerClaim, tolerance: float):
    """What a peer's figure allows, read like a reference figure: an exact number is a point, a
    hedged one ("about X") spans its tolerance, one-sided and ranged wordings their bounds."""
    q = peer.qualifier
    if q == "approximate":
        return acceptance(q, peer.value, peer.low, peer.high, tolerance)
    if q == "exact":
        return reading(point(peer.value, peer.low, peer.high), None, None, 0.0)
    if q == "more_than":
        low = peer.low if peer.low is not None else peer.value
        return reading(None, low, None, APPROXIMATE_TOLERANCE)
    if q in ("less_than", "nearly"):
        high = peer.high if peer.high is not None else peer.value
        return reading(None, None, high, qualifier_tolerance(q, tolerance))
    return reading(peer.value, peer.low, peer.high, APPROXIMATE_TOLERANCE)


def _compare_peer(claim, peer, accept, anchor, tolerance) -> PeerComparison:
    peer_point = point(peer.value, peer.low, peer.high)
    who = _who(peer)
    said = wording(peer.qualifier, peer.value, peer.low, peer.high)
    difference = None
    if peer_point is not None and anchor:
        difference = (peer_point - anchor) / anchor
    peer_reading = _peer_reading(peer, tolerance)
    if accept is None or peer_reading is None:
        return PeerComparison(peer, AGREEING, difference, f"{who} said {said} (not comparable).")
    if accept.meets(peer_reading):
        return PeerComparison(peer, AGREEING, difference, f"{who} said {said}.")
    return PeerComparison(peer, DIVERGING, difference, f"{who} said {said}, which diverges.")


def _who(peer: PeerClaim) -> str:
    name = peer.outlet or f"article {peer.article_id}"
    if peer.speaker:
        name = f"{name} (quoting {peer.speaker})"
    if peer.published_on:
        name = f"{name} on {peer.published_on.isoformat()}"
    return name


def _summary(agreeing, diverging, first, claim_first) -> str:
    total = len(agreeing) + len(diverging)
    if total == 0:
        return "No other article reports this figure."
    parts = [
        f"{total} other article{'s' if total != 1 else ''} report this figure: "
        f"{len(agreeing)} agree{'s' if len(agreeing) == 1 else ''}, "
        f"{len(diverging)} diverge{'s' if len(diverging) == 1 else ''}."
    ]
    if diverging:
        parts.append("Diverging: " + " ".join(d.explanation for d in diverging[:3]))
    if claim_first:
        parts.append("This article reported it first.")
    elif first is not None:
        parts.append(f"First reported by {_who(first)}.")
    return " ".join(parts)
