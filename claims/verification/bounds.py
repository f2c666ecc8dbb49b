"""Interval reading of figures, shared by the reference and the consistency checks.

A claim is turned into the set of true values that would make it right (its *acceptance*
interval, tolerance included); a published figure into the set of values it allows (its
*reading*). The reference supports the claim when its reading lies inside the acceptance
interval, contradicts it when the two do not meet, and is inconclusive when they only overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# How far a number written as "3.6 million" may be from the reference and still be right.
EXACT_TOLERANCE = 0.05
# "some / about / around X" and the lower side of "nearly X" are hedged, so they get more room.
APPROXIMATE_TOLERANCE = 0.10
# "nearly X" may overshoot X only by rounding noise.
NEARLY_OVERSHOOT = 0.01


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def contains(self, other: Interval) -> bool:
        lo_ok = other.lo > self.lo or (other.lo == self.lo and (not self.lo_open or other.lo_open))
        hi_ok = other.hi < self.hi or (other.hi == self.hi and (not self.hi_open or other.hi_open))
        return lo_ok and hi_ok

    def meets(self, other: Interval) -> bool:
        if self.hi < other.lo or other.hi < self.lo:
            return False
        if self.hi == other.lo:
            return not (self.hi_open or other.lo_open)
        if other.hi == self.lo:
            return not (other.hi_open or self.lo_open)
        return True


def qualifier_tolerance(qualifier: str, tolerance: float = EXACT_TOLERANCE) -> float:
    """The tolerance a qualifier is judged with; `tolerance` is the one for exact figures."""
    if qualifier in ("approximate", "nearly"):
        return tolerance * (APPROXIMATE_TOLERANCE / EXACT_TOLERANCE)
    return tolerance


def claim_anchor(qualifier: str, value, low, high) -> float | None:
    """The number the claim is built on (the one a reader would quote)."""
    if qualifier in ("more_than",):
        return _first(low, value)
    if qualifier in ("less_than", "nearly"):
        return _first(high, value)
    if qualifier in ("range", "vague"):
        if low is not None and high is not None:
            return (low + high) / 2
        return _first(value, low, high)
    return _first(value, low, high)


def acceptance(qualifier: str, value, low, high, tolerance: float = EXACT_TOLERANCE):
    """True values that make the claim right, or None when the claim carries no usable number."""
    t = qualifier_tolerance(qualifier, tolerance)
    if qualifier in ("exact", "approximate"):
        v = _first(value, low, high)
        return None if v is None else Interval(v * (1 - t), v * (1 + t))
    if qualifier == "more_than":
        x = _first(low, value)
        return None if x is None else Interval(x, math.inf)
    if qualifier == "less_than":
        x = _first(high, value)
        return None if x is None else Interval(-math.inf, x)
    if qualifier == "nearly":
        x = _first(high, value)
        return None if x is None else Interval(x * (1 - t), x * (1 + NEARLY_OVERSHOOT))
    if qualifier == "range":
        if low is None or high is None:
            return None
        return Interval(low * (1 - t), high * (1 + t))
    if qualifier == "vague":
        if low is None or high is None:
            return None
        return Interval(low, high)
    return None


def reading(value, low, high, band: float) -> Interval | None:
    """Values a published figure allows.

    A bare value is a point. A published range is its range. One-sided wordings are read as a
    figure near their bound: "almost / nearly H" (high only) as [H - w, H), strictly below H;
    "more than / at least L" (low only) as [L, L + w]. The width w is the smaller of `band` times
    the bound and one step of the bound's last significant digit: "more than 948,000" means
    948,000 to 949,000, "almost 3.6 million" 3.5 to 3.6 million.
    """
    if low is not None and high is not None:
        return Interval(low, high)
    if high is not None:
        return Interval(high - min(band * high, rounding_step(high)), high, hi_open=True)
    if low is not None:
        return Interval(low, low + min(band * low, rounding_step(low)))
    if value is not None:
        return Interval(value, value)
    return None


def rounding_step(x: float) -> float:
    """One unit of the last significant digit of a whole number: 948,000 -> 1,000."""
    n = abs(round(x))
    if n == 0 or n != abs(x):
        return 1.0
    step = 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return float(step)


def point(value, low, high) -> float | None:
    """The single number that best stands for a figure (for differences and sorting)."""
    if value is not None:
        return value
    if low is not None and high is not None:
        return (low + high) / 2
    return _first(high, low)


def wording(qualifier: str, value, low, high, unit: str | None = None) -> str:
    """Write a figure the way a reviewer would say it: "more than 3,600,000"."""
    n = lambda x: format_number(x, unit)  # noqa: E731 - a local shorthand reads better here
    if qualifier == "exact":
        return n(_first(value, low, high))
    if qualifier == "approximate":
        return "about " + n(_first(value, low, high))
    if qualifier == "more_than":
        return "more than " + n(_first(low, value))
    if qualifier == "less_than":
        return "less than " + n(_first(high, value))
    if qualifier == "nearly":
        return "nearly " + n(_first(high, value))
    if qualifier in ("range", "vague") and low is not None and high is not None:
        prefix = "between" if qualifier == "range" else "somewhere between"
        return f"{prefix} {n(low)} and {n(high)}"
    return n(_first(value, low, high))


def reference_wording(value, low, high, unit: str | None = None) -> str:
    n = lambda x: format_number(x, unit)  # noqa: E731
    if low is not None and high is not None:
        return f"between {n(low)} and {n(high)}"
    if high is not None:
        return "almost " + n(high)
    if low is not None:
        return "at least " + n(low)
    return n(value)


def format_number(x: float | None, unit: str | None = None) -> str:
    if x is None:
        return "an unstated number"
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
    if unit and unit not in ("people",):
        return f"{unit} {text}"
    return text


def format_percent(fraction: float) -> str:
    pct = abs(fraction) * 100
    if pct < 0.05:
        return "0%"
    return f"{pct:.1f}%" if pct < 10 else f"{pct:.0f}%"


def _first(*values):
    for v in values:
        if v is not None:
            return v
    return None
