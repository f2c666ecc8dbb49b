"""The plain values the extraction package hands out: no spaCy object ever leaves it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

QUALIFIERS = ("exact", "approximate", "more_than", "less_than", "nearly", "range", "vague")
CATEGORIES = ("displacement", "military", "casualties", "population", "money", "other")
UNITS = ("count", "percent", "ratio", "currency")


def _json_number(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else float(x)


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """One checkable figure found in a text; offsets are into the text that was passed in."""

    surface: str
    start: int
    end: int
    sentence: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    category: str
    counted: str
    unit: str
    currency: str | None
    location: str | None
    time_text: str | None
    period_start: date | None
    period_end: date | None
    attributed_to: str | None
    checkworthiness: float
    fingerprint: str

    def to_dict(self) -> dict:
        out: dict = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, date):
                v = v.isoformat()
            elif f.name in ("value", "low", "high"):
                v = _json_number(v)
            out[f.name] = v
        return out
