"""Turn written figures into numbers: digits, words, multipliers, fractions, money and percentages.

Pure string functions with no spaCy dependency, so they can be tested (and reused by verification)
on their own. Every parser returns None for text it does not understand rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated multipliers as newsrooms write them: "1.2m", "$2.5bn", "300k", "$1tn".
ABBREVIATIONS = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "mil": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
MULTIPLIERS = {**SCALES, **ABBREVIATIONS}
FRACTIONS = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fourth": 1 / 4,
    "fourths": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "sixth": 1 / 6,
    "sixths": 1 / 6,
    "seventh": 1 / 7,
    "sevenths": 1 / 7,
    "eighth": 1 / 8,
    "eighths": 1 / 8,
    "ninth": 1 / 9,
    "ninths": 1 / 9,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
# Plural scale words used on their own ("dozens", "thousands of"): "Ns of" -> 2N..10N-1.
VAGUE_BASES = {
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
    "trillions": 1_000_000_000_000,
}
ARTICLES = {"a", "an"}

CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "₺": "TRY",
    "try": "TRY",
    "tl": "TRY",
    "₹": "INR",
    "inr": "INR",
    "₽": "RUB",
    "rub": "RUB",
    "chf": "CHF",
    "cny": "CNY",
    "rmb": "CNY",
    "c$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "aud": "AUD",
    "sar": "SAR",
    "aed": "AED",
    "₪": "ILS",
    "₦": "NGN",
    "₱": "PHP",
    "₵": "GHS",
    "gh₵": "GHS",
    "₩": "KRW",
    "฿": "THB",
    "ils": "ILS",
    "₴": "UAH",
    "uah": "UAH",
    "hk$": "HKD",
    "hkd": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "nz$": "NZD",
    "nzd": "NZD",
    "r$": "BRL",
    "brl": "BRL",
    "nt$": "TWD",
    "mx$": "MXN",
    "zar": "ZAR",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "krw": "KRW",
    "ngn": "NGN",
    "kes": "KES",
    "egp": "EGP",
    "pkr": "PKR",
    "rs": "INR",
    "rs.": "INR",
}
#: Dollars, pesos, shillings... named by their country: "2.6 billion Australian dollars".
CURRENCY_BY_ADJECTIVE = {
    ("australian", "dollar"): "AUD",
    ("canadian", "dollar"): "CAD",
    ("singapore", "dollar"): "SGD",
    ("hong kong", "dollar"): "HKD",
    ("new zealand", "dollar"): "NZD",
    ("taiwan", "dollar"): "TWD",
    ("taiwanese", "dollar"): "TWD",
    ("namibian", "dollar"): "NAD",
    ("zimbabwean", "dollar"): "ZWL",
    ("jamaican", "dollar"): "JMD",
    ("liberian", "dollar"): "LRD",
    ("egyptian", "pound"): "EGP",
    ("lebanese", "pound"): "LBP",
    ("syrian", "pound"): "SYP",
    ("sudanese", "pound"): "SDG",
    ("mexican", "peso"): "MXN",
    ("argentine", "peso"): "ARS",
    ("argentinian", "peso"): "ARS",
    ("philippine", "peso"): "PHP",
    ("colombian", "peso"): "COP",
    ("chilean", "peso"): "CLP",
    ("kenyan", "shilling"): "KES",
    ("ugandan", "shilling"): "UGX",
    ("tanzanian", "shilling"): "TZS",
    ("somali", "shilling"): "SOS",
    ("pakistani", "rupee"): "PKR",
    ("sri lankan", "rupee"): "LKR",
    ("nepalese", "rupee"): "NPR",
    ("indonesian", "rupiah"): "IDR",
    ("swiss", "franc"): "CHF",
    ("cfa", "franc"): "XOF",
    ("congolese", "franc"): "CDF",
    ("iranian", "rial"): "IRR",
    ("yemeni", "rial"): "YER",
    ("saudi", "riyal"): "SAR",
    ("qatari", "riyal"): "QAR",
    ("south korean", "won"): "KRW",
    ("brazilian", "real"): "BRL",
    ("nigerian", "naira"): "NGN",
    ("ethiopian", "birr"): "ETB",
    ("south african", "rand"): "ZAR",
}
#: Letters glued to a figure that name a currency in its home press: "R370", "P52", "N45 billion",
#: "RM9.35 billion", "KSh50 million". One letter alone is money only with a scale or a price.
LETTER_CURRENCIES = {
    "R": "ZAR",
    "P": "PHP",
    "N": "NGN",
    "Sh": "KES",
    "KSh": "KES",
    "Ksh": "KES",
    "RM": "MYR",
    "GH₵": "GHS",
}
#: Hundredths of a currency: "25 cents" is 0.25 USD, "45p" is 0.45 GBP.
SUBUNITS = {"cent": "USD", "cents": "USD", "pence": "GBP", "penny": "GBP", "p": "GBP"}
CURRENCY_NOUNS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "lira": "TRY",
    "liras": "TRY",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "franc": "CHF",
    "francs": "CHF",
    "riyal": "SAR",
    "riyals": "SAR",
    "dirham": "AED",
    "dirhams": "AED",
    "shekel": "ILS",
    "shekels": "ILS",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "rand": "ZAR",
    "naira": "NGN",
    "rupiah": "IDR",
    "pesos": "MXN",
    "peso": "MXN",
    "shilling": "KES",
    "shillings": "KES",
    "birr": "ETB",
    "kwacha": "ZMW",
    "baht": "THB",
    "ringgit": "MYR",
    "dong": "VND",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "forints": "HUF",
    "real": "BRL",
    "reais": "BRL",
    "won": "KRW",
    "taka": "BDT",
    "rial": "IRR",
    "rials": "IRR",
    "cedi": "GHS",
    "cedis": "GHS",
}
#: Currency nouns that are ordinary words too: only after a scale ("1.2 trillion won").
SCALED_ONLY_CURRENCY_NOUNS = frozenset({"won", "real", "dong"})

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_ABBR = re.compile(
    r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(k|m|mn|mln|bn|bln|b|tn|trn)$", re.I
)
_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")


def is_digit_number(text: str) -> bool:
    """True for plain digit numbers like '12', '10,000', '3.6' (not '2020-03-02', 'F-16')."""
    return bool(_DIGITS.match(text))


#: Beyond this a run of digits is an identifier or noise, not a figure anyone states: the
#: world's GDP is about 1e14 dollars, and float() of 400 nines is infinity.
LARGEST_FIGURE = 1e16


def parse_digits(text: str) -> float | None:
    """'10,000' -> 10000, '3.6' -> 3.6, '1.2m' -> 1200000, '2.5bn' -> 2.5e9."""
    text = text.strip()
    value = None
    if _DIGITS.match(text):
        value = float(text.replace(",", "").lstrip("+"))
    else:
        m = _DIGITS_ABBR.match(text)
        if m:
            value = tidy(float(m.group(1).replace(",", "")) * ABBREVIATIONS[m.group(2).lower()])
    return value if value is not None and value < LARGEST_FIGURE else None


def word_value(word: str) -> float | None:
    """The value of a single number word or digit token, without multipliers."""
    w = word.lower()
    if w in UNITS:
        return float(UNITS[w])
    if w in TENS:
        return float(TENS[w])
    return parse_digits(w)


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("per cent", "percent")
    return [t for t in _SPLIT.split(text.strip()) if t]


def tidy(value: float) -> float:
    """Drop binary noise from scaling: 2.05 * 1e9 is 2049999999.9999998, a reader means 2.05bn."""
    return float(f"{value:.12g}")


def parse_number(text: str) -> float | None:
    """Parse a cardinal figure written in digits and/or words (see _parse_number)."""
    value = _parse_number(text)
    if value is None or not value < LARGEST_FIGURE:
        return None  # "a million million million ... people"
    return tidy(value)


def _parse_number(text: str) -> float | None:
    """Parse a cardinal figure written in digits and/or words.

    Handles '10,000', '3.6 million', '1.2m', '1.2 m', 'a million', 'one million', 'half a million',
    'a quarter of a million', 'a dozen', 'twelve', 'twenty-five', 'two hundred and fifty',
    'three thousand five hundred', '1,000,000', '1.5 billion'. Returns None when the text is not
    a number (including fractions: see parse_fraction).
    """
    words = _tokens(text)
    if not words:
        return None
    # "half a million", "a quarter of a million", "three quarters of a million"
    for i, w in enumerate(words):
        if w in FRACTIONS and i + 1 < len(words):
            rest = words[i + 1 :]
            if rest[0] == "of":
                rest = rest[1:]
            if not rest:
                return None
            head = parse_fraction(" ".join(words[: i + 1]))
            tail = parse_number(" ".join(rest))
            if head is None or tail is None:
                return None
            return head * tail
    total = 0.0
    current: float | None = None
    seen = False
    for w in words:
        if w == "and":
            continue
        if w in ARTICLES:
            if current is not None:
                return None
            current = 1.0
            continue
        if w in ("dozen", "dozens"):
            current = (current if current is not None else 1.0) * 12
            seen = True
            continue
        if w in MULTIPLIERS:
            if current is None and not seen:
                if w in ABBREVIATIONS:
                    return None
                current = 1.0
            mult = MULTIPLIERS[w]
            if current is None:
                current = 1.0
            if mult == 100:
                current *= mult
            else:
                total += current * mult
                current = None
            seen = True
            continue
        v = word_value(w)
        if v is None:
            return None
        # a second bare number after one ("five six") is not one figure, except "twenty five"
        if (
            current is not None
            and not (w in UNITS and current % 100 in TENS.values())
            and not (current >= 100 and current % 100 == 0 and v < 100)
        ):
            return None
        current = (current or 0.0) + v
        seen = True
    if not seen:
        return None
    return total + (current or 0.0)


def parse_fraction(text: str) -> float | None:
    """'a third' -> 1/3, 'two-thirds' -> 2/3, 'three quarters' -> 0.75, 'half' -> 0.5."""
    words = _tokens(text)
    if not words or words[-1] not in FRACTIONS:
        return None
    if len(words) == 1:
        return FRACTIONS[words[0]] if words[0] in ("half", "halves") else None
    numerator = (
        1.0 if words[:-1] in (["a"], ["an"], ["one"]) else parse_number(" ".join(words[:-1]))
    )
    if numerator is None:
        return None
    return numerator * FRACTIONS[words[-1]]


def parse_ratio(text: str) -> float | None:
    """'1 in 5' -> 0.2, 'one in every five' -> 0.2, 'one out of three' -> 0.333..."""
    m = re.match(r"^(.+?)\s+(?:in|out of)\s+(?:every\s+)?(.+)$", text.strip(), re.I)
    if not m:
        return None
    a, b = parse_number(m.group(1)), parse_number(m.group(2))
    if a is None or not b:
        return None
    return a / b


def vague_bounds(text: str) -> tuple[float, float] | None:
    """Bounds of a vague plural: 'thousands' -> 2000..9999, 'tens of thousands' -> 20000..99999.

    The rule is the one in DESIGN.md: "Ns of" means 2N..10N-1, and stacked plurals multiply
    ("hundreds of thousands" -> 200,000..999,999).
    """
    words = [w for w in _tokens(text) if w != "of"]
    if not words or any(w not in VAGUE_BASES for w in words):
        return None
    base = 1
    for w in words:
        base *= VAGUE_BASES[w]
    # "dozens" -> 24..143 (2*12 .. 12*12-1): the design's numbers, same 2N..(ceiling)-1 shape
    upper = 12 * base if words[0] == "dozens" else 10 * base
    if words[0] == "scores":
        upper = 10 * base
    return float(2 * base), float(upper - 1)


@dataclass(frozen=True, slots=True)
class Amount:
    value: float | None
    low: float | None
    high: float | None
    unit: str  # count | percent | ratio | currency
    currency: str | None = None


def parse_amount(text: str) -> Amount | None:
    """Parse a whole figure phrase without qualifier: '$2.5bn', '6 billion euros', '40%',
    '1 in 5', 'a third', 'thousands', 'billions of euros', '10,000-13,000'."""
    t = text.strip()
    low = t.lower()
    currency = None
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if low.startswith(sym) and (not sym.isalpha() or low[len(sym) : len(sym) + 1] in (" ", "")):
            rest = t[len(sym) :].strip()
            if rest and (rest[0].isdigit() or rest.split()[0].lower() in UNITS):
                currency = CURRENCY_SYMBOLS[sym]
                t = rest
                low = t.lower()
            break
    words = low.split()
    if words and words[-1] in CURRENCY_NOUNS:
        currency = CURRENCY_NOUNS[words[-1]]
        t = " ".join(t.split()[:-1])
        if t.lower().endswith(" of"):
            t = t[:-3]
        low = t.lower()
    elif words and words[-1] in CURRENCY_SYMBOLS and words[-1].isalpha() and len(words) > 1:
        currency = CURRENCY_SYMBOLS[words[-1]]
        t = " ".join(t.split()[:-1])
        low = t.lower()
    unit = "currency" if currency else "count"
    pct = re.match(r"^(.*?)\s*(?:%|percent|per cent)$", t, re.I)
    if pct:
        t, unit = pct.group(1), "percent"
    bounds = vague_bounds(t)
    if bounds:
        return Amount(None, bounds[0], bounds[1], unit, currency)
    rng = re.match(r"^(?:between\s+)?(.+?)\s*(?:-|–|—|\bto\b|\band\b|\bor\b)\s*(.+)$", t, re.I)
    value = parse_number(t)
    if value is None and rng:
        a, b = parse_number(rng.group(1)), parse_number(rng.group(2))
        if a is not None and b is not None:
            a = share_multiplier(rng.group(1), a, b)
            return Amount(None, min(a, b), max(a, b), unit, currency)
    if value is None:
        value = parse_ratio(t)
        if value is not None:
            unit = "ratio"
    if value is None:
        value = parse_fraction(t)
        if value is not None and unit == "count":
            unit = "ratio"
    if value is None:
        return None
    return Amount(value, value, value, unit, currency)


def share_multiplier(first_text: str, first: float, second: float) -> float:
    """In '3 to 4 million' the first figure borrows the second's multiplier."""
    words = _tokens(first_text)
    if words and words[-1] not in MULTIPLIERS and first > 0 and second / first >= 1000:
        for mult in (1_000_000_000_000, 1_000_000_000, 1_000_000, 1_000):
            if second >= mult and first * mult <= second:
                return first * mult
    return first
