"""Source-text check: is the claimed figure written in a fetched source page?

`figure_forms` lists the ways a number is written in news and reports; `find_figure` looks for
them with digit-aware boundaries ("13,000" is not inside "113,000" or "13,0001") and, failing
that, for a number on the page that the claim's figure is a rounding of ("3,576,370" for "3.6
million"), or for a number inside a range or vague claim's bounds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .bounds import APPROXIMATE_TOLERANCE, rounding_step
from .facts import ClaimFacts

_SCALES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1_000_000_000, (" billion", "bn", " bn", " bln", " billions", "b")),
    (1_000_000, (" million", "m", " mln", " mn", " millions", "-million")),
    (1_000, (" thousand", "k", " thousands")),
)
_SMALL_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
_TENS_WORDS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty"}
_CURRENCY_SIGNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # prefixes, suffixes
    "USD": (("$", "US$", "USD ", "US$ "), (" dollars", " US dollars")),
    "EUR": (("€", "EUR ", "€ "), (" euros", " euro")),
    "GBP": (("£", "GBP "), (" pounds",)),
    "TRY": (("TRY ", "TL "), (" lira", " Turkish lira")),
}


def figure_forms(
    value: float, unit: str | None = None, currency: str | None = None
) -> tuple[str, ...]:
    """The written forms of a number, most explicit first, without duplicates.

    3,600,000 -> "3,600,000", "3600000", "3 600 000", "3.600.000", "3.6 million", "3.6m",
    "3.6 mln", "3.6 millions", "3,6 million", ...; 13,000 -> "13,000", "13 000", "13000",
    "13 thousand", "13k", ...; with a currency, also "$2.5bn", "US$2.5 billion", "2.5 billion
    dollars". `unit` is accepted for symmetry with ClaimFacts; "people" adds nothing.
    """
    if value is None:
        return ()
    forms: list[str] = []
    integral = float(value).is_integer()
    n = int(value) if integral else None
    if n is not None:
        forms += [f"{n:,}", str(n), f"{n:,}".replace(",", " "), f"{n:,}".replace(",", ".")]
    else:
        forms += [f"{value:,}", f"{value}", f"{value}".replace(".", ",")]

    compact: list[str] = []
    for scale, suffixes in _SCALES:
        if abs(value) < scale:
            continue
        mantissa = value / scale
        if round(mantissa, 3) != mantissa:
            break
        text = f"{mantissa:.3f}".rstrip("0").rstrip(".")
        for suffix in suffixes:
            compact.append(f"{text}{suffix}")
            if "." in text:
                compact.append(f"{text.replace('.', ',')}{suffix}")
        words = _number_words(mantissa)
        if words:
            name = suffixes[0].strip()
            compact.append(f"{words} {name}")
            if mantissa == 1:
                compact.append(f"a {name}")
        break
    forms += compact
    if n is not None and _number_words(n) and n < 1000:
        forms.append(_number_words(n))

    code = (currency or (unit if unit and unit != "people" else "") or "").upper()
    if code in _CURRENCY_SIGNS:
        prefixes, suffixes = _CURRENCY_SIGNS[code]
        # Currency forms of the plain and the common compact spellings only.
        plain = {" billion", "bn", " million", "m", " thousand"}
        base = [forms[0]] + [
            f
            for f in compact
            if "," not in f and any(f.endswith(x) for x in plain) and f[0].isdigit()
        ]
        forms += [f"{p}{f}" for p in prefixes for f in base]
        forms += [f"{f}{s}" for s in suffixes for f in base if " " in f]
    return tuple(dict.fromkeys(forms))


def _number_words(x: float) -> str | None:
    if not float(x).is_integer():
        return None
    n = int(x)
    if 0 < n <= 20:
        return _SMALL_WORDS[n]
    return _TENS_WORDS.get(n)


@dataclass(frozen=True)
class SourceMatch:
    """Where the figure was found. `start`/`end` index the searched text; `snippet` is the text
    around it with whitespace collapsed, taken from `snippet_start`..`snippet_end`."""

    found: bool
    kind: str | None = None  # "form", "rounding" or "within_bounds"
    form: str | None = None
    matched_text: str = ""
    value_found: float | None = None
    start: int | None = None
    end: int | None = None
    snippet: str = ""
    snippet_start: int | None = None
    snippet_end: int | None = None


SNIPPET_CONTEXT = 80
_SPACE = r"[\s\u00a0\u202f]"


@lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern:
    body = ""
    for ch in form:
        if ch == " ":
            body += _SPACE + "+"
        elif ch == "-":
            body += r"[-\u2010\u2011]"
        else:
            body += re.escape(ch)
    # No digit (or digit and decimal mark) right before, no word character or decimal part after.
    before = r"(?<!\w)(?<!\d[.,])" if form[0].isalnum() else r"(?<!\d)"
    after = r"(?!\w)(?![.,]\d)" if form[-1].isalnum() else r"(?!\d)"
    return re.compile(before + body + after, re.IGNORECASE)


_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:(?P<sep>[,.\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*"
    r"|\d+(?:[.,]\d+)?)(?!\d)(?![.,]\d)"
    r"(?:" + _SPACE + r"*-?(?P<scale>billions?|bn|bln|millions?|mln|mn|m|thousands?|k)\b)?",
    re.IGNORECASE,
)
_SCALE_VALUES = {"b": 1e9, "m": 1e6, "t": 1e3, "k": 1e3}


def numbers_in(text: str):
    """Yield (value, start, end, matched text) for every number written in `text`."""
    for match in _NUMBER.finditer(text):
        raw, sep, scale = match.group("num"), match.group("sep"), match.group("scale")
        if sep:
            # "3.600 million" is a decimal mark; otherwise separators group thousands.
            number = float(raw) if sep == "." and scale and raw.count(".") == 1 else None
            if number is None:
                number = float(raw.replace(sep, ""))
        else:
            number = float(raw.replace(",", "."))
        if scale:
            number *= _SCALE_VALUES[scale[0].lower()]
        yield number, match.start(), match.end(), match.group(0)


def find_figure(text: str, claim: ClaimFacts) -> SourceMatch:
    """Look for the claim's figure in `text`.

    1. Any written form of the claim's number(s) (value; else low and high).
    2. Else a number that the claim's figure is a rounding of, at the precision the claim wrote
       it ("3.6 million" covers 3,550,000 to 3,649,999; never more than 10% either side, so
       "a million" covers 900,000 to 1,099,999): the page says "3,576,370".
    3. Else, for range and vague claims, a number inside the claim's bounds (years such as
       "2019" are skipped).
    """
    targets = _targets(claim)
    for target in targets:
        forms = sorted(figure_forms(target, claim.unit, claim.currency), key=len, reverse=True)
        best = None
        for form in forms:
            match = _form_pattern(form).search(text)
            if match and (best is None or match.start() < best[1].start()):
                best = (form, match)
        if best:
            form, match = best
            return _result(text, "form", form, target, match.start(), match.end())

    candidates = []
    for number, start, end, raw in numbers_in(text):
        for target in targets:
            half = min(rounding_step(target) / 2, APPROXIMATE_TOLERANCE * target)
            if target - half <= number < target + half:
                candidates.append((abs(number - target), start, end, raw, number))
    if candidates:
        _, start, end, raw, number = min(candidates, key=lambda c: (c[0], c[1]))
        return _result(text, "rounding", raw, number, start, end)

    if claim.qualifier in ("range", "vague") and claim.low is not None and claim.high is not None:
        for number, start, end, raw in numbers_in(text):
            if _looks_like_year(raw):
                continue
            if claim.low <= number <= claim.high:
                return _result(text, "within_bounds", raw, number, start, end)
    return SourceMatch(found=False)


def _targets(claim: ClaimFacts) -> list[float]:
    if claim.value is not None:
        return [claim.value]
    if claim.qualifier == "vague":
        return []
    return [x for x in (claim.low, claim.high) if x is not None]


def _looks_like_year(raw: str) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", raw))


def _result(text: str, kind: str, form: str, value: float, start: int, end: int) -> SourceMatch:
    snippet_start = max(0, start - SNIPPET_CONTEXT)
    snippet_end = min(len(text), end + SNIPPET_CONTEXT)
    # Widen to whole words so the snippet does not start or end mid-word.
    while snippet_start > 0 and not text[snippet_start - 1].isspace():
        snippet_start -= 1
    while snippet_end < len(text) and not text[snippet_end].isspace():
        snippet_end += 1
    return SourceMatch(
        found=True,
        kind=kind,
        form=form,
        matched_text=text[start:end],
        value_found=value,
        start=start,
        end=end,
        snippet=" ".join(text[snippet_start:snippet_end].split()),
        snippet_start=snippet_start,
        snippet_end=snippet_end,
    )
