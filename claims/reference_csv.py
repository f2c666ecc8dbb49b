"""Parse reference-figure CSV files: plain functions, no Django, every bad row reported."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

COLUMNS = (
    "category",
    "counted",
    "location",
    "origin",
    "period_start",
    "period_end",
    "value",
    "low",
    "high",
    "unit",
    "publisher",
    "dataset",
    "source_url",
    "published_on",
    "note",
)
REQUIRED = ("category", "counted", "location", "period_start", "period_end", "unit", "publisher")
CATEGORIES = {"displacement", "military", "casualties", "population", "money", "other"}


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _number(text: str, column: str) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        raise ValueError(f"{column} {text!r} is not a usable figure")
    return number


def _date(text: str, column: str, required: bool) -> dt.date | None:
    text = text.strip()
    if not text:
        if required:
            raise ValueError(f"{column} is empty")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a date (YYYY-MM-DD)") from None


def parse_reference_csv(data: str | bytes) -> tuple[list[dict], list[RowError]]:
    """Rows as dicts ready for ReferenceFigure, and the errors; the caller decides to commit."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [RowError(0, "the file is not UTF-8 text")]
    reader = csv.DictReader(io.StringIO(data))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [RowError(1, f"missing column(s): {', '.join(missing)}")]
    rows, errors = [], []
    for row in reader:
        line = reader.line_num
        try:
            for column in REQUIRED:
                if not (row.get(column) or "").strip():
                    raise ValueError(f"{column} is empty")
            category = row["category"].strip()
            if category not in CATEGORIES:
                raise ValueError(f"category {category!r} is not one of {sorted(CATEGORIES)}")
            value, low, high = (_number(row[c] or "", c) for c in ("value", "low", "high"))
            if value is None and low is None and high is None:
                raise ValueError("no value, low or high")
            if low is not None and high is not None and low > high:
                raise ValueError("low is above high")
            period_start = _date(row["period_start"], "period_start", True)
            period_end = _date(row["period_end"], "period_end", True)
            if period_start > period_end:
                raise ValueError("period_start is after period_end")
            url = row["source_url"].strip()
            if url and not url.startswith(("http://", "https://")):
                raise ValueError(f"source_url {url!r} is not an http(s) address")
            rows.append(
                {
                    "category": category,
                    "counted": row["counted"].strip(),
                    "location": row["location"].strip(),
                    "origin": (row["origin"] or "").strip(),
                    "period_start": period_start,
                    "period_end": period_end,
                    "value": value,
                    "low": low,
                    "high": high,
                    "unit": row["unit"].strip(),
                    "publisher": row["publisher"].strip(),
                    "dataset": (row["dataset"] or "").strip(),
                    "source_url": url,
                    "published_on": _date(row["published_on"] or "", "published_on", False),
                    "note": (row["note"] or "").strip(),
                }
            )
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
    if not rows and not errors:
        errors.append(RowError(1, "the file has no rows"))
    return rows, errors
