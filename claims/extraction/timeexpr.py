"""Resolve a time expression ("on Sunday", "since December", "last week") to a date period.

Relative expressions resolve against the publication date; without one only absolute expressions
("in 2015", "March 2019", "5 March 2020") resolve. Returns (None, None) for anything else.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .numbers import UNITS

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    **{word: n for word, n in UNITS.items() if 1 <= n <= 12},
    "a": 1,
    "an": 1,
    "few": 3,
    "several": 3,
    "couple": 2,
    "a few": 3,
    "a couple of": 2,
}
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3652}
LEADING = (
    "on",
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "over",
    "for",
    "through",
    "throughout",
    "as of",
    "at",
    "of",
    "within",
    "earlier",
)

Period = tuple[date | None, date | None]
_NONE: Period = (None, None)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _split(text: str) -> tuple[str, str]:
    t = re.sub(r"\s+", " ", text.lower().strip().strip(".,;:"))
    for prep in sorted(LEADING, key=len, reverse=True):
        if t.startswith(prep + " "):
            return prep, t[len(prep) + 1 :].strip()
    return "", t


def _absolute(body: str, pub: date | None) -> Period:
    body = re.sub(r"^the ", "", body)
    body = re.sub(r"(\d+)(?:st|nd|rd|th)\b", r"\1", body).replace(",", "")
    m = re.fullmatch(r"(?:the )?(?:year )?(\d{4})", body)
    if m:
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    m = re.fullmatch(r"(?:the )?(\d{3})0s", body)
    if m:
        y = int(m.group(1)) * 10
        return date(y, 1, 1), date(y + 9, 12, 31)
    m = re.fullmatch(r"([a-z]+)\.? (\d{4})", body)
    if m and m.group(1) in MONTHS:
        y, mo = int(m.group(2)), MONTHS[m.group(1)]
        return date(y, mo, 1), _month_end(y, mo)
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2}) (\d{4})", body) or re.fullmatch(
        r"(\d{1,2}) ([a-z]+)\.? (\d{4})", body
    )
    if m:
        a, b, y = m.groups()
        month_name, day = (a, b) if a.isalpha() else (b, a)
        if month_name in MONTHS:
            try:
                d = date(int(y), MONTHS[month_name], int(day))
            except ValueError:
                return _NONE
            return d, d
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", body)
    if m:
        try:
            d = date(*map(int, m.groups()))
        except ValueError:
            return _NONE
        return d, d
    return _NONE


def _relative(body: str, pub: date) -> Period:
    body = re.sub(r"^the ", "", body)
    body = re.sub(r"(\d+)(?:st|nd|rd|th)\b", r"\1", body).replace(",", "")
    if body in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return pub, pub
    if body in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        d = pub - timedelta(days=1)
        return d, d
    m = re.fullmatch(
        r"(?:last |this |past )?([a-z]+?)(?:s)?(?: (?:morning|afternoon|evening|night))?", body
    )
    if m and m.group(1) in WEEKDAYS:
        back = (pub.weekday() - WEEKDAYS[m.group(1)]) % 7
        if body.startswith("last ") and back == 0:
            back = 7
        d = pub - timedelta(days=back)
        return d, d
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})", body) or re.fullmatch(r"(\d{1,2}) ([a-z]+)\.?", body)
    if m:
        a, b = m.groups()
        month_name, day = (a, b) if a.isalpha() else (b, a)
        if month_name in MONTHS:
            try:
                d = date(pub.year, MONTHS[month_name], int(day))
            except ValueError:
                return _NONE
            return d, d
    m = re.fullmatch(r"(?:last |early |late |mid-|mid )?([a-z]+)", body)
    if m and m.group(1) in MONTHS:
        mo = MONTHS[m.group(1)]
        y = pub.year if mo <= pub.month and not body.startswith("last ") else pub.year - 1
        if body.startswith("last ") and mo < pub.month:
            y = pub.year
        return date(y, mo, 1), _month_end(y, mo)
    if body == "last week" or body == "previous week":
        monday = pub - timedelta(days=pub.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if body in ("this week", "earlier this week"):
        return pub - timedelta(days=pub.weekday()), pub
    if body in ("last month", "previous month"):
        first = pub.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), first
    if body in ("this month", "earlier this month"):
        return pub.replace(day=1), pub
    if body in ("last year", "previous year"):
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31)
    if body in ("this year", "earlier this year", "so far this year", "year"):
        return date(pub.year, 1, 1), pub
    if body in ("next week",):
        monday = pub + timedelta(days=7 - pub.weekday())
        return monday, monday + timedelta(days=6)
    m = re.fullmatch(
        r"(?:recent|past|last|previous|coming|next) (few )?(days|weeks|months|years)", body
    )
    if m:
        span = {"days": 7, "weeks": 28, "months": 90, "years": 3 * 365}[m.group(2)]
        if body.startswith(("coming", "next")):
            return pub, pub + timedelta(days=span)
        return pub - timedelta(days=span), pub
    m = re.fullmatch(
        r"(?:past|last|previous|first|next|coming) ([a-z]+(?: [a-z]+)*?|\d+) "
        r"(day|week|fortnight|month|year|decade|hour)s?",
        body,
    )
    if m:
        n = NUMBER_WORDS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if n:
            days = n * UNIT_DAYS.get(m.group(2), 1) if m.group(2) != "hour" else max(1, n // 24)
            if body.startswith(("next", "coming")):
                return pub, pub + timedelta(days=days)
            return pub - timedelta(days=days), pub
    m = re.fullmatch(r"([a-z]+|\d+) (day|week|month|year)s? ago", body)
    if m:
        n = NUMBER_WORDS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if n:
            d = pub - timedelta(days=n * UNIT_DAYS[m.group(2)])
            return d, d
    return _NONE


def resolve_period(text: str | None, published_on: date | None = None) -> Period:
    """'on Sunday' (article of Monday 2020-03-02) -> (2020-03-01, 2020-03-01);
    'since december' -> (2019-12-01, 2020-03-02); 'in 2015' -> (2015-01-01, 2015-12-31)."""
    if not text:
        return _NONE
    prep, body = _split(text)
    if prep == "earlier":
        body = "earlier " + body
    start, end = _absolute(body, published_on)
    if start is None and published_on is not None:
        start, end = _relative(body, published_on)
    if start is None:
        return _NONE
    if prep in ("since", "from") and published_on is not None and start <= published_on:
        return start, published_on
    if prep in ("by", "until", "till", "as of") and end is not None:
        return None, end
    return start, end
