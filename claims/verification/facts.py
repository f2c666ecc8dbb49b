"""Plain input values for the verification checks.

The Django layer turns a Claim row and ReferenceFigure rows into these dataclasses; nothing here
knows about models, so the checks can be tested with literals or with rows read from a CSV file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

QUALIFIERS = ("exact", "approximate", "more_than", "less_than", "nearly", "range", "vague")
CATEGORIES = ("displacement", "military", "casualties", "population", "money", "other")


@dataclass(frozen=True)
class ClaimFacts:
    """What one figure in an article says, normalised.

    Bounds follow the qualifier: exact (value = low = high), approximate (value only),
    more_than (value, low), less_than (value, high), nearly (value, high), range (low, high),
    vague (low, high). `published_on` is the article's date; `period_start`/`period_end` the time
    the figure is about, when the text says so. `sentence` is the sentence the figure was found
    in (optional): the reference check reads the words around `surface` in it to tell a group at
    a border or an event ("13,000 refugees have gathered on the border") from a standing total
    ("Turkey hosts 3.6 million refugees"); see claims/verification/context.py.
    """

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    category: str
    counted: str = ""
    unit: str | None = "people"
    currency: str | None = None
    location: str | None = None
    origin: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    published_on: date | None = None
    surface: str = ""
    sentence: str = ""


@dataclass(frozen=True)
class ReferenceFacts:
    """One published figure (a row of seeds/reference/figures.csv or a ReferenceFigure)."""

    id: int | str | None
    category: str
    counted: str
    location: str
    origin: str | None
    period_start: date | None
    period_end: date | None
    value: float | None
    low: float | None
    high: float | None
    unit: str
    publisher: str
    dataset: str
    source_url: str = ""
    published_on: date | None = None
    note: str = ""

    @classmethod
    def from_csv_row(cls, row: Mapping[str, str], *, id: int | str | None = None) -> ReferenceFacts:
        """Build from a figures.csv row (empty cells become None)."""
        return cls(
            id=id,
            category=row["category"],
            counted=row["counted"],
            location=row["location"],
            origin=row.get("origin") or None,
            period_start=_date_or_none(row.get("period_start")),
            period_end=_date_or_none(row.get("period_end")),
            value=_float_or_none(row.get("value")),
            low=_float_or_none(row.get("low")),
            high=_float_or_none(row.get("high")),
            unit=row.get("unit") or "people",
            publisher=row.get("publisher", ""),
            dataset=row.get("dataset", ""),
            source_url=row.get("source_url", ""),
            published_on=_date_or_none(row.get("published_on")),
            note=row.get("note", ""),
        )


def _date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _float_or_none(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None
