"""Find figure phrases in a parsed Doc and describe each as a plain dict.

The spaCy component in pipeline.py calls `figures_in_doc(doc)`; nothing here returns a Doc, Span or
Token. The steps, each a general rule over tokens, POS tags, the dependency parse and the entities:

1. scan every token for the start of a figure (digits, number words, "a million", "half a million",
   "dozens", "tens of thousands", "a third of", "1 in 5", currency symbols), so recall does not
   depend on the NER having labelled it;
2. grow it into ranges ("between X and Y", "X-Y", "X to Y"), units (%, percent, currency nouns)
   and a qualifier read backwards ("more than", "nearly", "some");
3. attach the counted noun phrase ("3.6 million [Syrian refugees]", "thousands [of troops]");
4. drop what is not a claim: dates, years, times, durations, ages, ordinals, names with numbers,
   phone numbers, scores, "one of", pronoun "one";
5. read category, place, time and attribution from the parse around the figure.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy
import spacy.symbols
from spacy.attrs import ENT_TYPE, IDX, LOWER, POS, PREFIX, SENT_START
from spacy.strings import StringStore

from .numbers import (
    ABBREVIATIONS,
    CURRENCY_BY_ADJECTIVE,
    CURRENCY_NOUNS,
    CURRENCY_SYMBOLS,
    FRACTIONS,
    LETTER_CURRENCIES,
    SCALED_ONLY_CURRENCY_NOUNS,
    SCALES,
    SUBUNITS,
    TENS,
    UNITS,
    VAGUE_BASES,
    parse_digits,
    parse_fraction,
    parse_number,
    share_multiplier,
    vague_bounds,
)

LEXICON = json.loads((Path(__file__).with_name("lexicon.json")).read_text(encoding="utf-8"))
# countries, ISO subdivisions, cities of 50,000+ and demonyms (tools/build_places.py, GeoNames)
_PLACES = json.loads((Path(__file__).with_name("places.json")).read_text(encoding="utf-8"))
GAZETTEER: dict[str, tuple[str, str]] = {k: tuple(v) for k, v in _PLACES["places"].items()}
DEMONYMS: dict[str, str] = _PLACES["demonyms"]
GAZETTEER_FIRST_WORDS = frozenset(k.split()[0] for k in GAZETTEER)
MAX_PLACE_TOKENS = 4


def _set(key: str) -> frozenset[str]:
    return frozenset(LEXICON[key])


def _by_category(key: str) -> dict[str, frozenset[str]]:
    return {cat: frozenset(words) for cat, words in LEXICON[key].items()}


CAT_NOUNS = _by_category("category_nouns")
CAT_MODIFIERS = _by_category("category_modifiers")
CAT_VERBS = _by_category("category_verbs")
CAT_NOMINALS = _by_category("category_nominals")
REPORTING_VERBS = _set("reporting_verbs")
NUMERIC_REPORTING_VERBS = _set("numeric_reporting_verbs")
MEASURE_VERBS = _set("measure_verbs")
CHANGE_VERBS = _set("change_verbs")
TIME_UNITS = _set("time_units")
NAME_WORDS = _set("name_words")
SCORE_WORDS = _set("score_words")
PERSON_NOUNS = _set("person_nouns")
PEOPLE_NOUNS = _set("people_nouns")
SETTLEMENT_NOUNS = _set("settlement_nouns")
DUAL_USE_NOUNS = _set("dual_use_nouns")
MILITARY_MODIFIERS = _set("military_modifiers")
MILITARY_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,2}-\d{1,3}[A-Z]?$")  # F-35, Su-35, MiG-29
UPROOTING_VERBS = frozenset({"flee", "displace", "deport", "uproot", "expel", "force", "drive"})
HOMELAND_NOUNS = frozenset({"country", "home", "homeland", "homes", "city", "town", "village"})
DISPLACING_VERBS = frozenset({"force", "drive", "push", "chase", "uproot", "expel"})
# a place that receives or hosts people from elsewhere: "Colombia hosts 2.9 million Venezuelans"
HOSTING_VERBS = frozenset({"host", "receive", "welcome", "shelter", "absorb", "admit"})
# killed or wounded things that are not people: "floods killed 2 million livestock"
ANIMAL_NOUNS = frozenset(
    {"livestock", "cattle", "animal", "sheep", "goat", "cow", "camel", "bird", "fish", "poultry"}
    | {"head", "chicken", "pig", "horse", "donkey", "crop", "tree"}
)
# verbs whose object is a place: "fled Tal Abyad", "crossed the Channel", "shelled Kherson"
PLACE_OBJECT_VERBS = frozenset(
    {"flee", "leave", "cross", "reach", "enter", "evacuate", "besiege", "shell", "capture"}
    | {"seize", "retake", "storm", "bomb", "overrun", "abandon", "encircle", "surround", "raid"}
)
# places named by what they are: "Zaatari camp", "Torkham crossing", "Palanca checkpoint"
FACILITY_NOUNS = frozenset({"camp", "crossing", "checkpoint", "settlement", "point", "site"})
FEATURE_PREPS = frozenset({"through", "on", "of"})
MOVEMENT_VERBS = frozenset({"flee", "cross", "leave", "evacuate", "reach", "enter"})
# a closing source's verb as written: "said", "says", "estimates", "reported", "told AFP"
TAIL_VERB_FORMS = frozenset(
    {"said", "says", "say", "estimates", "estimated", "estimate", "reported", "reports"}
    | {"told", "added", "announced", "stated", "warned", "noted", "wrote", "confirmed"}
)
HEADLINE_VERBS = frozenset({"post", "hit", "see", "set", "mark", "reach", "notch", "log", "touch"})
BULLET_MARKS = frozenset("•·▪●◦‣-*–—")
SOURCE_NOUNS = frozenset({"data", "figures", "figure", "numbers", "statistics", "estimates"})
# currency marks written apart from the figure that are not ISO codes
SPACED_SYMBOLS = {"KSh": "KES", "Ksh": "KES", "USh": "UGX", "TSh": "TZS", "RM": "MYR", "CN¥": "CNY"}
# the same currency word in several countries: the country named in the sentence decides
CURRENCY_BY_PLACE = {
    "crown": {"norway": "NOK", "norwegian": "NOK", "sweden": "SEK", "swedish": "SEK"}
    | {"denmark": "DKK", "danish": "DKK", "czech": "CZK", "iceland": "ISK", "icelandic": "ISK"},
    "rupee": {"pakistan": "PKR", "pakistani": "PKR", "sri lanka": "LKR", "nepal": "NPR"},
    "shilling": {"uganda": "UGX", "ugandan": "UGX", "tanzania": "TZS", "somalia": "SOS"},
    "peso": {"philippines": "PHP", "philippine": "PHP", "manila": "PHP", "argentina": "ARS"}
    | {"colombia": "COP", "chile": "CLP", "cuba": "CUP", "uruguay": "UYU"},
}
# words before a bare "R370" or "P35" that make it money
MONEY_WORDS = frozenset(
    {"cost", "costs", "paid", "pay", "pays", "spend", "spent", "price", "grant", "wage", "fee"}
    | {"salary", "fine", "worth", "budget", "assistance", "of", "to", "from", "a"}
)
REFUGE_NOUNS = frozenset({"refuge", "shelter", "safety", "sanctuary", "asylum"})
# words that restate an earlier figure's quantity: "bringing the total to", "a peak of"
TOTAL_WORDS = frozenset({"total", "tally", "peak", "figure", "toll", "number", "count", "sum"})
# "claimed 441 lives", "cost 30 lives"
LIFE_TAKING_VERBS = frozenset({"claim", "cost", "take", "lose"})
# verbs of markets and prices that move a figure: "gained 85 cents to $76.10"
MOVE_VERBS = frozenset(
    {"gain", "lose", "slump", "slip", "dip", "tumble", "sink", "cut", "raise", "lift", "lower"}
    | {"add", "shed", "rally", "advance", "retreat", "edge", "hike", "trim", "boost", "reduce"}
)
# "refugees numbering 4,000", "a convoy totalling 300 trucks"
COUNTING_PARTICIPLES = frozenset({"number", "total", "count", "reach"})


PREFIX_QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(p.split()): q for q, ps in LEXICON["qualifiers"].items() for p in ps
}
SUFFIX_QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(p.split()): q for q, ps in LEXICON["suffix_qualifiers"].items() for p in ps
}
MAX_QUALIFIER = max(len(k) for k in PREFIX_QUALIFIERS)

NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS)
SCALE_WORDS = frozenset(SCALES) | {"dozen"}
VAGUE_WORDS = frozenset(VAGUE_BASES)
FEW_WORDS = frozenset({"several", "few", "many", "multiple", "countless", "numerous"})
HYPHENS = frozenset({"-", "–", "—", "‐"})
RANGE_JOINERS = frozenset({"-", "–", "—", "to", "or"})
SYMBOL_TOKENS = frozenset(k for k in CURRENCY_SYMBOLS if not k.isalpha()) | {
    "us$",
    "usd",
    "eur",
    "gbp",
}
# abbreviations that stand apart from the digits in wire copy; "m", "b", "k" only when glued on
SPACED_ABBREVIATIONS = frozenset({"mln", "bln", "bn", "mn", "trn", "tn"})
CODE_TOKENS = frozenset(k for k in CURRENCY_SYMBOLS if k.isalpha() and len(k) == 3)
_HASHES = StringStore()
# tokens that can start a figure: their lowercase form, or a first character that is a digit
TRIGGER_HASHES = numpy.array(
    sorted(
        _HASHES.add(w)
        for w in NUMBER_WORDS | VAGUE_WORDS | FEW_WORDS | SCALE_WORDS | {"a", "an", "half"}
    ),
    dtype="uint64",
)
PROPN_ID = spacy.symbols.PROPN
NOUN_ID = spacy.symbols.NOUN
# a digit, or a sign before one: "(+21%)"
DIGIT_HASHES = numpy.array(
    sorted(_HASHES.add(c) for c in [str(d) for d in range(10)] + ["+"]), dtype="uint64"
)
NORDIC_CURRENCY_NOUNS = frozenset({"crown", "crowns", "krone", "kroner", "krona", "kronor"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_ZONES = frozenset(
    {"GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "EST", "EDT", "PST", "PDT", "IST", "JST"}
)
# numbers inside these entities belong to a name ("World War II", "Resolution 2254", "G20")
NAME_LABELS = _set("name_labels")
NAME_PLACE_PREPS = _set("name_place_preps")
NOUN_PLACE_PREPS = _set("noun_place_preps")
NOT_PLACE_LABELS = _set("not_place_labels")
PLACE_PEOPLE_NOUNS = frozenset(
    {"resident", "inhabitant", "people", "population", "citizen", "residents"}
)
GEO_NOUNS = _set("geo_nouns")
LOCATIVE_PREPS = _set("locative_preps")
YEAR_PRECEDERS = _set("year_preceders")
MONTH_WORDS = _set("month_words")
WEEKDAY_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
DATE_WORDS = frozenset({"ago", "today", "yesterday", "tomorrow", "annual", "fiscal", "ad", "bc"})
ORDINAL_WORDS = _set("ordinal_words")
ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
AGE_QUALIFIERS = frozenset({"under", "over", "above", "below", "aged"})
PHONE_CUES = _set("phone_cues")
PHONE_RE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?(?:\d[\s.-])?\d{2,4}(?:[\s.-]\d{2,4}){2,}"
    r"|\+\d[\d\s.-]{7,}\d"
    r"|\d{1,4}(?:-\d{1,4}){3,}"  # "1-800-4422-0": four or more groups is no date
)
# street words after a house number: "21 Rue du Lac", "10 Downing Street"
STREET_WORDS = frozenset(
    {"rue", "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "way"}
    | {"drive", "square", "place", "strasse", "calle", "via", "plaza"}
)
# vehicles a model designation names: "737 MAX jets", "A 400M aircraft"
DESIGNATED_NOUNS = frozenset(
    {"jet", "aircraft", "plane", "jetliner", "airliner", "airplane", "tank", "helicopter"}
    | {"rocket", "missile", "engine", "car", "phone", "truck", "drone", "fighter", "bomber"}
)
# acronyms that count people before a noun: "300 UN peacekeepers", "12 US jets"
COUNTING_ACRONYMS = frozenset({"UN", "US", "EU", "AU", "UK", "NATO", "IDF", "RSF", "IS", "ISIS"})
# words a number qualifies as a specification, not a count: "a four-room flat"
SPEC_WORDS = frozenset(
    {"room", "bedroom", "storey", "story", "star", "door", "lane", "seater", "speed", "point"}
    | {"bed", "wheel", "cylinder", "track", "ply", "piece", "part", "stage", "hour"}
)
# measurements, which are neither counts nor money
MEASURE_UNITS = frozenset(
    {"mph", "kph", "km/h", "knot", "degree", "°c", "°f", "megawatt", "gigawatt", "kilowatt"}
    | {"mw", "gw", "kw", "mwh", "gwh", "kwh", "octane", "decibel", "calorie"}
)
LINE_WORDS = frozenset({"emergency", "hotline", "helpline"})
# lower-case labels before a number: "stage 6", "junction 10", "level 4 alert"
LABEL_WORDS = frozenset(
    {"stage", "phase", "level", "grade", "junction", "junctions", "platform", "gate", "tier"}
    | {"zone", "sector", "route", "section", "article", "chapter", "round", "category", "exit"}
)
CLOCK_PREPS = frozenset({"at", "until", "till", "by", "before", "after", "from", "and", "to"})
PERIOD_PARTS = frozenset({"first", "second", "third", "fourth", "last", "final", "latter"})
PRONOUN_SPEAKERS = frozenset({"he", "she"})
QUANTIFIER_WORDS = frozenset(
    {"most", "some", "many", "all", "several", "few", "none", "both", "each"}
)
# a narrator's gloss, not the source's words: "..., referring to a 2016 deal worth billions"
GLOSS_VERBS = frozenset({"refer", "allude", "recall", "mention", "reference"})
# "put the toll at 50", "estimated at", "reported a profit of"
FIGURE_PREPS = frozenset({"at", "of", "to", "around", "as", "near", "including"})
SEAT_VERBS = frozenset(
    {"say", "tell", "add", "brief", "speak", "talk", "announce", "write", "tweet"}
)
LISTENER_VERBS = frozenset({"tell", "inform", "brief", "remind", "assure", "warn"})
SOURCE_PREPS = frozenset({"of", "for", "on", "at", "by", "from", "in"})


# --------------------------------------------------------------------------------------- scanning
def _is_digit_token(tok) -> bool:
    text = tok.text
    if text[:1] == "+" and text[1:2].isdigit():
        text = text[1:]  # "(+21%)": a change written with its sign
    return bool(text) and text[0].isdigit() and parse_digits(text) is not None


def _is_number_token(tok) -> bool:
    return _is_digit_token(tok) or tok.lower_ in NUMBER_WORDS


def _attached_abbr(doc, j: int) -> bool:
    """'100m' tokenised as '100' 'm': an abbreviation glued to the digits before it."""
    return (
        j < len(doc)
        and doc[j].lower_.rstrip(".") in ABBREVIATIONS
        and j > 0
        and not doc[j - 1].whitespace_
        and _is_digit_token(doc[j - 1])
    )


def _scan_cardinal(doc, i: int) -> int | None:
    """End (exclusive) of the longest cardinal starting at token i, or None."""
    n = len(doc)
    tok = doc[i]
    low = tok.lower_
    j = i
    if low in ("a", "an", "one") and i + 1 < n and doc[i + 1].lower_ in ("half", "quarter"):
        # "a half million", "a quarter of a million", "one quarter million"
        k = i + 2
        if k < n and doc[k].lower_ == "of":
            k += 1
        if k < n and doc[k].lower_ in ("a", "an"):
            k += 1
        if k < n and doc[k].lower_ in SCALES:
            return k + 1
        return None
    if (
        low == "half"
        and i + 2 < n
        and doc[i + 1].lower_ in ("a", "an")
        and doc[i + 2].lower_ in SCALE_WORDS
    ):
        return i + 3
    if low in ("a", "an"):
        if i + 1 < n and doc[i + 1].lower_ in SCALE_WORDS:
            j = i + 2
        else:
            return None
    elif _is_number_token(tok):
        j = i + 1
    else:
        return None
    while j < n:
        t = doc[j]
        lw = t.lower_
        prev = doc[j - 1]
        if lw in SCALE_WORDS or _attached_abbr(doc, j):
            j += 1
        elif (
            lw in HYPHENS
            and j + 1 < n
            and not prev.whitespace_
            and not t.whitespace_
            and doc[j + 1].lower_ in SCALES
            and _is_digit_token(prev)
        ):
            j += 2  # "the P5.768-trillion budget"
        elif lw in SPACED_ABBREVIATIONS and _is_digit_token(prev):
            j += 1  # "$25.2 bln", "40 mln barrels"
        elif (
            lw in HYPHENS
            and j + 1 < n
            and not prev.whitespace_
            and not t.whitespace_
            and prev.lower_ in TENS
            and doc[j + 1].lower_ in UNITS
        ):
            j += 2  # twenty-five
        elif (
            lw == "and"
            and prev.lower_ in SCALE_WORDS
            and j + 1 < n
            and doc[j + 1].lower_ in NUMBER_WORDS
        ):
            j += 2  # two hundred and fifty
        elif (
            lw in NUMBER_WORDS
            and prev.lower_ in SCALE_WORDS | frozenset(TENS)
            and not _is_digit_token(tok)
            and not (j + 1 < n and doc[j + 1].lower_ in HYPHENS and not t.whitespace_)
        ):
            j += 1  # three thousand five / twenty five; not "$1.5 billion seven-year bond"
        elif _is_digit_token(t) and prev.lower_ in SCALE_WORDS:
            break
        else:
            break
    # shrink until it parses: "five six" is two figures
    while j > i and parse_number(_text(doc, i, j)) is None:
        j -= 1
    return j if j > i else None


def _text(doc, i: int, j: int) -> str:
    text = doc[i:j].text
    return text[:-1] if text.endswith(".") and not text[-2:-1].isdigit() else text


def _tok_end(tok) -> int:
    """Character end of a token, leaving out the sentence's full stop glued to '100m.'."""
    end = tok.idx + len(tok.text)
    if len(tok.text) > 1 and tok.text.endswith(".") and tok.lower_.rstrip(".") in ABBREVIATIONS:
        end -= 1
    return end


def _scan_vague(doc, i: int) -> tuple[int, float, float] | None:
    """'dozens', 'thousands', 'tens of thousands', 'several hundred', 'a few thousand'."""
    n = len(doc)
    low = doc[i].lower_
    j = i
    bases: list[str] = []
    if low in FEW_WORDS or (low == "a" and i + 1 < n and doc[i + 1].lower_ == "few"):
        j = i + 2 if low == "a" else i + 1
        while j < n and (doc[j].lower_ in SCALE_WORDS or doc[j].lower_ in VAGUE_WORDS):
            w = doc[j].lower_
            bases.append(w if w in VAGUE_WORDS else w + "s")
            j += 1
        if not bases:
            return None
    elif low in VAGUE_WORDS:
        bases.append(low)
        j = i + 1
        while j < n and doc[j].lower_ in SCALE_WORDS:  # "hundreds thousand" (rare) / "millions"
            bases.append(doc[j].lower_ + "s")
            j += 1
    else:
        return None
    while (
        j + 1 < n
        and doc[j].lower_ == "of"
        and doc[j + 1].lower_ in VAGUE_WORDS - {"dozens", "scores", "tens"}
    ):
        bases.append(doc[j + 1].lower_)
        j += 2
    if bases[0] in ("tens", "scores") and len(bases) == 1 and not (j < n and doc[j].lower_ == "of"):
        return None
    bounds = vague_bounds(" of ".join(bases))
    if bounds is None:
        return None
    return j, bounds[0], bounds[1]


def _scan_fraction(doc, i: int) -> tuple[int, float] | None:
    """'a third of', 'two-thirds of', 'three quarters of', 'half of' (the 'of' stays outside)."""
    n = len(doc)
    low = doc[i].lower_
    if low == "half":
        if i + 1 < n and doc[i + 1].lower_ in ("of", "the"):
            return i + 1, 0.5
        if i > 0 and doc[i - 1].lower_ in HALF_HEDGES and _stands_alone(doc, i + 1):
            return i + 1, 0.5  # "cutting its stake by almost half,"
        return None
    if not (low in ("a", "an") or low in NUMBER_WORDS or _is_digit_token(doc[i])):
        return None
    j = i + 1
    if j < n and doc[j].lower_ in HYPHENS and not doc[j].whitespace_ and not doc[i].whitespace_:
        j += 1
    if j >= n or doc[j].lower_ not in FRACTIONS or doc[j].lower_ in ("half", "halves"):
        return None
    word = doc[j].lower_
    plural = word.endswith("s")
    if low in ("a", "an", "one") and plural:
        return None
    if low not in ("a", "an", "one") and not plural:
        return None
    end = j + 1
    if not (end < n and doc[end].lower_ == "of"):
        if _stands_alone(doc, end):
            value = parse_fraction(_text(doc, i, end))  # "with more than a third going to"
            return (end, value) if value is not None else None
        return None
    # "a quarter of a million" is a cardinal, not a ratio
    if end + 2 < n and doc[end + 1].lower_ in ("a", "an") and doc[end + 2].lower_ in SCALES:
        return None
    value = parse_fraction(_text(doc, i, end))
    return (end, value) if value is not None else None


HALF_HEDGES = frozenset({"almost", "nearly", "about", "by", "than", "over", "under", "around"})


def _stands_alone(doc, k: int) -> bool:
    """A fraction with no 'of' after it is a share only when a verb or the clause's end follows
    ('a third going to', 'by almost half,'), not a noun ('a third term', 'a quarter century')."""
    return k >= len(doc) or doc[k].pos_ in ("VERB", "AUX", "PUNCT") and doc[k].text != "-"


def _scan_core(doc, i: int) -> dict | None:
    """A figure's core (no qualifier, no counted noun) starting at token i."""
    n = len(doc)
    frac = _scan_fraction(doc, i)
    if frac:
        return {
            "s": i,
            "e": frac[0],
            "value": frac[1],
            "low": frac[1],
            "high": frac[1],
            "unit": "ratio",
            "kind": "ratio",
        }
    vague = _scan_vague(doc, i)
    if vague:
        return {
            "s": i,
            "e": vague[0],
            "value": None,
            "low": vague[1],
            "high": vague[2],
            "unit": "count",
            "kind": "vague",
        }
    rng = _scan_range_token(doc, i)
    if rng:
        return rng
    e = _scan_cardinal(doc, i)
    if e is None:
        return None
    v = parse_number(_text(doc, i, e))
    core = {"s": i, "e": e, "value": v, "low": v, "high": v, "unit": "count", "kind": "exact"}
    # "1 in 5", "one in every five", "one out of three"
    k = e
    if k < n and doc[k].lower_ in ("in", "out"):
        k2 = k + 1
        if doc[k].lower_ == "out" and k2 < n and doc[k2].lower_ == "of":
            k2 += 1
        if k2 < n and doc[k2].lower_ == "every":
            k2 += 1
        if k2 < n:
            e2 = _scan_cardinal(doc, k2)
            if e2 is not None:
                d = parse_number(_text(doc, k2, e2))
                if (
                    d
                    and v is not None
                    and 0 < v < d <= 1000
                    and v <= 10
                    and "," not in doc[k2].text
                ):
                    r = v / d
                    return {
                        "s": i,
                        "e": e2,
                        "value": r,
                        "low": r,
                        "high": r,
                        "unit": "ratio",
                        "kind": "ratio",
                    }
    return core


RANGE_TOKEN = re.compile(
    r"^(\d[\d,.]*(?:bn|m|mn|k|tn)?)[-–—]([$€£]?)(\d[\d,.]*(?:bn|m|mn|k|tn)?)$", re.I
)


def _scan_range_token(doc, i: int) -> dict | None:
    """'$1bn-$2bn' and '£50m–£80m' come out of the tokenizer as one token (plus 'm.')."""
    m = RANGE_TOKEN.match(doc[i].text)
    if not m:
        return None
    second, j = m.group(3), i + 1
    if j < len(doc) and _attached_abbr_to(doc, j):
        second += doc[j].lower_.rstrip(".")
        j += 1
    a, b = parse_digits(m.group(1)), parse_digits(second)
    if a is None or b is None:
        return None
    a = share_multiplier(m.group(1), a, b)
    if b <= a:
        return None
    core = {"s": i, "e": j, "value": None, "low": a, "high": b, "unit": "count", "kind": "range"}
    if m.group(2):
        core["currency"], core["unit"] = CURRENCY_SYMBOLS[m.group(2)], "currency"
    return core


def _attached_abbr_to(doc, j: int) -> bool:
    return doc[j].lower_.rstrip(".") in ABBREVIATIONS and not doc[j - 1].whitespace_


def _currency_before(doc, s: int) -> tuple[int, str] | None:
    if s > 0:
        t = doc[s - 1]
        lw = t.lower_
        if (
            lw in SYMBOL_TOKENS
            or (lw in CODE_TOKENS and t.text.isupper())
            or (lw == "tl" and t.text == "TL")
            or (lw in ("rs", "rs.") and t.text[0] == "R")  # "Rs 40"
            or t.text in SPACED_SYMBOLS  # "KSh 62.5 billion", "CN¥ 10 billion"
        ):
            if (
                lw == "$"
                and s > 1
                and doc[s - 2].text in ("US", "U.S.")
                and not doc[s - 2].whitespace_
            ):
                return s - 2, "USD"
            return s - 1, SPACED_SYMBOLS.get(t.text) or CURRENCY_SYMBOLS[lw]
    return None


def _letter_currency(doc, core: dict) -> str | None:
    """'R370 a month', 'P52 a kilo', 'N45 billion', 'RM9.35 billion': a currency's letters glued
    to the figure. A single letter counts only with a scale, a price ('a kilo', 'per month') or
    a money word just before it; 'R4V' and 'Route N2' stay out."""
    s, e = core["s"], core["e"]
    if s == 0 or doc[s - 1].whitespace_ or doc[s - 1].text not in LETTER_CURRENCIES:
        return None
    letters = doc[s - 1].text
    code = LETTER_CURRENCIES[letters]
    if len(letters) > 1 or e - s > 1 or _attached_abbr(doc, e - 1):
        return code
    n = len(doc)
    if e < n and doc[e].tag_ in ("NNS", "NNPS"):
        return None  # "N95 masks", "the P5 countries": a designation before what it names
    priced = e + 1 < n and doc[e].lower_ in ("a", "an", "per", "each") and doc[e + 1].is_alpha
    before = {t.lower_ for t in doc[max(0, s - 4) : s - 1]}
    return code if priced or before & MONEY_WORDS else None


def _subunit(doc, e: int, core: dict) -> bool:
    """'25 cents', '90 pence', '45p': hundredths, so the value is in the currency's unit."""
    word = doc[e].lower_
    named = None
    if e + 1 < len(doc) and doc[e + 1].lower_ in ("cent", "cents") and word != "per":
        # "31 euro cents", "54 Singapore cents", "72 US cents"
        named = {"euro": "EUR", "us": "USD", "u.s.": "USD"}.get(word) or CURRENCY_BY_ADJECTIVE.get(
            (word, "dollar")
        )
    if named:
        e, word = e + 1, doc[e + 1].lower_
    if word not in SUBUNITS or (word == "p" and doc[e - 1].whitespace_):
        return False
    if core["kind"] not in ("exact", "range"):
        return False
    currency = named or SUBUNITS[word]
    for key in ("value", "low", "high"):
        if core.get(key) is not None:
            core[key] = round(core[key] / 100, 6)
    core["e"], core["currency"], core["unit"], core["cur_tok"] = e + 1, currency, "currency", e
    return True


def _currency_by_place(doc, k: int) -> str | None:
    """A currency word several countries use takes the country its sentence names, the nearest
    one: "282 rupees" in a story about Pakistan are PKR, "75 billion Norwegian crowns" NOK. None
    when the sentence names none (rupees are then INR, pesos MXN, crowns unknown)."""
    noun = doc[k].lower_
    places = CURRENCY_BY_PLACE.get("crown" if noun in NORDIC_CURRENCY_NOUNS else doc[k].lemma_)
    if not places:
        return None
    best = None
    for t in doc[k].sent:
        for name in (fold_name(t.text), fold_name(t.doc[t.i : t.i + 2].text)):
            code = places.get(name)
            if code and (best is None or abs(t.i - k) < best[0]):
                best = (abs(t.i - k), code)
    return best[1] if best else None


def _extend_units(doc, core: dict) -> None:
    """Percent and currency words after the figure, currency symbols before it."""
    n = len(doc)
    e = core["e"]
    if e < n:
        lw = doc[e].lower_
        if lw in ("%", "percent", "pct") or (lw == "pc" and not doc[e - 1].whitespace_):
            core["e"], core["unit"] = e + 1, "percent"
            if e + 1 < n and doc[e + 1].lower_ == "points":
                core["e"] += 1
            return
        if lw == "per" and e + 1 < n and doc[e + 1].lower_ == "cent":
            core["e"], core["unit"] = e + 2, "percent"
            return
        if lw == "percentage" and e + 1 < n and doc[e + 1].lower_ == "points":
            core["e"], core["unit"] = e + 2, "percent"
            return
    cur = _currency_before(doc, core["s"])
    if cur:
        core["s"], core["currency"], core["unit"] = cur[0], cur[1], "currency"
        return
    code = _letter_currency(doc, core)
    if code:
        core["s"], core["currency"], core["unit"] = core["s"] - 1, code, "currency"
        return
    if e < n and _subunit(doc, e, core):
        return
    k = e
    if k < n and doc[k].lower_ == "of" and core["kind"] == "vague":
        k += 1
    if (
        k < n
        and doc[k].text in ("US", "U.S.")
        and k + 1 < n
        and doc[k + 1].lower_ in ("dollars", "dollar")
    ):
        k += 1
    if k + 1 < n and doc[k + 1].lower_ in NORDIC_CURRENCY_NOUNS and doc[k].pos_ == "ADJ":
        k += 1  # "75 billion Norwegian crowns"
    if k < n and doc[k].lower_ in NORDIC_CURRENCY_NOUNS:
        core["e"], core["unit"], core["cur_tok"] = k + 1, "currency", k
        core["currency"] = _currency_by_place(doc, k)
        return
    scaled = core["e"] - core["s"] > 1 or _attached_abbr(doc, core["e"] - 1)
    if k < n and doc[k].lower_ in CURRENCY_NOUNS:
        # "6 billion euros", "billions of euros", "1.5 billion Turkish lira" is caught below
        if doc[k].lower_ in SCALED_ONLY_CURRENCY_NOUNS and not scaled:
            return  # "Erdogan won 49.5%" is not Korean money
        core["e"], core["currency"], core["unit"] = k + 1, CURRENCY_NOUNS[doc[k].lower_], "currency"
        core["cur_tok"] = k
        core["currency"] = _currency_by_place(doc, k) or core["currency"]
        return
    for width in (2, 1):
        # "2.6 billion Australian dollars", "1 trillion South Korean won"
        noun = k + width
        if noun >= n or doc[noun].lower_ not in CURRENCY_NOUNS:
            continue
        if not all(doc[x].pos_ in ("ADJ", "PROPN") for x in range(k, noun)):
            continue
        if doc[noun].lower_ in SCALED_ONLY_CURRENCY_NOUNS and not scaled:
            continue
        core["e"], core["currency"], core["unit"] = (
            noun + 1,
            CURRENCY_NOUNS[doc[noun].lower_],
            "currency",
        )
        named = (doc[k:noun].text.lower(), doc[noun].lemma_.lower())
        core["currency"] = CURRENCY_BY_ADJECTIVE.get(named, core["currency"])
        core["cur_tok"] = noun
        return
    if k < n and doc[k].text.isupper() and doc[k].lower_ in CODE_TOKENS:
        core["e"], core["currency"], core["unit"] = (
            k + 1,
            CURRENCY_SYMBOLS[doc[k].lower_],
            "currency",
        )


def _extend_range(doc, core: dict) -> None:
    """'between X and Y', 'X-Y', 'X to Y', 'X or Y' with a shared multiplier or unit."""
    if core["kind"] != "exact":
        return
    n = len(doc)
    e = core["e"]
    s = core["s"]
    between = s > 0 and doc[s - 1].lower_ == "between"
    if e >= n:
        return
    joiner = doc[e].lower_
    if not (joiner in RANGE_JOINERS or (between and joiner == "and")):
        return
    k = e + 1
    if k < n and joiner == "or" and doc[k].lower_ in ("so", "more", "fewer", "less"):
        return
    cur2 = None
    if k < n and doc[k].lower_ in SYMBOL_TOKENS:
        cur2 = CURRENCY_SYMBOLS[doc[k].lower_]
        k += 1
    if k >= n:
        return
    e2 = _scan_cardinal(doc, k)
    if e2 is None:
        return
    if core["unit"] == "percent" and not (e2 < n and doc[e2].lower_ in ("%", "percent", "per")):
        return  # "by 49 percent to 17,002 lira" is two figures
    if cur2 and not core.get("currency"):
        return  # "the year to March 2024 to ¥4.9 trillion": a year, then money
    v2 = parse_number(_text(doc, k, e2))
    v1 = core["value"]
    if v1 is None or v2 is None:
        return
    if joiner in HYPHENS and (doc[e - 1].whitespace_ or doc[e].whitespace_) and not between:
        return  # "12 - the rest" is not a range
    if joiner in HYPHENS and doc[k].text[:1].isupper():
        return  # "7-Eleven" is a name
    first = doc[core["s"]]
    if (
        _is_yearish(first)
        and core["e"] - core["s"] == 1
        and ("," in doc[k].text or (s > 0 and doc[s - 1].lower_ in YEAR_ONLY_PREPS))
    ):
        return  # "from 133,000 in 2021 to 248,000": a year, then the next figure
    v1 = share_multiplier(_text(doc, core["s"], core["e"]), v1, v2)
    if v2 <= v1:
        return
    # "from 10,000 to 13,000" after a change verb is a movement between two figures
    if joiner == "to" and s > 0 and doc[s - 1].lower_ == "from":
        head = doc[s - 1].head
        if head.lemma_ in CHANGE_VERBS:
            return
    # "rose 8% to $25.2 bn", "cut by 0.25 points to 4.75%", "gained 85 cents to $76.10": the
    # change, then the level it reached
    if joiner == "to" and s > 0:
        before = doc[s - 1]
        moved = before.pos_ == "VERB" and (
            before.lemma_ in CHANGE_VERBS or before.lemma_ in MOVE_VERBS
        )
        # "fell 4.5 percentage points to 28%", "gained 85 cents to $76.10": two units
        other_unit = cur2 is not None or doc[e - 1].lower_ in {*SUBUNITS, "points", "point"}
        if before.lower_ in ("by", "up", "down") or (moved and other_unit):
            return  # ("grow 3% to 4%" in one unit stays a range)
    if core["unit"] == "percent":
        e2 += 2 if doc[e2].lower_ == "per" else 1  # "4.5%-5%": the second sign too
    core.update(e=e2, value=None, low=v1, high=v2, kind="range", between=between)
    if cur2 and "currency" not in core:
        core["currency"], core["unit"] = cur2, "currency"
    if between:
        core["s"] = s - 1


def _qualifier_before(doc, s: int) -> tuple[int, str] | None:
    best = None
    for size in range(1, MAX_QUALIFIER + 1):
        if s - size < 0:
            break
        words = tuple(doc[k].lower_ for k in range(s - size, s))
        q = PREFIX_QUALIFIERS.get(words)
        if q and not _finite_verb(doc[s - size]):
            best = (s - size, q)
    return best


def _finite_verb(tok) -> bool:
    """'the WHO estimated 597,000 deaths': a verb with its own subject is not a hedge on the
    figure ('an estimated 597,000' and 'estimated at' are)."""
    return (
        tok.pos_ in ("VERB", "AUX")
        and tok.lower_ in ("estimated", "estimates", "estimate")
        and any(c.dep_ in ("nsubj", "aux") for c in tok.children)
    )


def _qualifier_after(doc, e: int) -> tuple[int, str] | None:
    best = None
    for size in (1, 2, 3):
        if e + size > len(doc):
            break
        q = SUFFIX_QUALIFIERS.get(tuple(doc[k].lower_ for k in range(e, e + size)))
        if q:
            best = (e + size, q)
    return best


def _counted_head(doc, core: dict) -> tuple[int | None, int]:
    """Index of the counted noun's head and where the surface ends."""
    n = len(doc)
    e = core["e"]
    if core.get("cur_tok") is not None:
        return core["cur_tok"], e
    # partitive / vague: "thousands of troops", "a third of the population", "40 percent of voters"
    if e < n and doc[e].lower_ == "of":
        of = doc[e]
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.i > e + 7:
            # linear fallback when the parser attached "of" elsewhere
            k = e + 1
            last = None
            while (
                k < n
                and k <= e + 6
                and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART")
                and doc[k].lower_ != "of"
            ):
                if doc[k].pos_ in ("NOUN", "PROPN", "PRON"):
                    last = k
                k += 1
            pobj = doc[last] if last is not None else None
        if pobj is not None and pobj.i > e:
            head = pobj
            if any(_is_number_token(doc[k]) for k in range(e + 1, pobj.i)):
                # "two-thirds of the 3,000 residents": the inner figure is a claim of its own
                return pobj.i, e
            # "tens of thousands of people" handled by the scanner; here take compounds' head
            while head.dep_ == "compound" and head.head.i > head.i and head.head.i <= head.i + 3:
                head = head.head
            if head.pos_ == "PRON":
                return None, head.i + 1
            if head.pos_ in ("NOUN", "PROPN", "ADJ"):
                return head.i, head.i + 1
        return None, e
    if core["unit"] == "percent":
        return None, e  # "7.1 percent year on year": the share counts nothing after it
    # "3.6 million Syrian refugees", "12 military observation posts"
    k = e
    while k < n and k <= e + 5:
        t = doc[k]
        nxt_tok = doc[k + 1] if k + 1 < n else None
        name_goes_on = (
            t.pos_ == "PROPN"
            and nxt_tok is not None
            and (nxt_tok.pos_ in ("PROPN", "NOUN") or (nxt_tok.pos_ == "NUM" and nxt_tok.is_digit))
            and k + 1 <= e + 5
        )
        if (
            t.pos_ in ("NOUN", "PROPN")
            and not (t.dep_ == "compound" and t.head.i > k)
            and not (t.pos_ == "PROPN" and t.head.i > k and t.dep_ in ("compound", "amod"))
            and not name_goes_on  # "150 Boeing 737 MAX jets", "14 Challenger 2 tanks"
        ):
            break
        if t.pos_ in ("ADJ", "NOUN", "PROPN") or (
            (t.tag_ in ("VBN", "VBG") or t.pos_ == "VERB") and t.dep_ in ("amod", "compound")
        ):
            k += 1
            continue
        if (
            t.pos_ == "ADV"
            and t.lower_.endswith("ly")
            and k + 1 < n
            and doc[k + 1].pos_ in ("ADJ", "VERB")
            and doc[k + 1].dep_ in ("amod", "compound")
        ):
            k += 1  # "7.7 million internally displaced persons"
            continue
        if t.lower_ in HYPHENS and not t.whitespace_ and k + 1 < n:
            k += 1
            continue
        if k > e and k + 1 < n:
            prev, nxt = doc[k - 1], doc[k + 1]
            # "Kenyan and Somali troops", "Leopard 1 tanks"
            if t.pos_ == "CCONJ" and prev.pos_ in ("ADJ", "PROPN") and nxt.pos_ in ("ADJ", "PROPN"):
                k += 1
                continue
            if t.pos_ == "NUM" and prev.pos_ == "PROPN" and nxt.pos_ in ("NOUN", "PROPN"):
                k += 1
                continue
        return None, e
    else:
        return None, e
    if k >= n:
        return None, e
    head = doc[k]
    if head.tag_ == "NNP" and head.ent_type_ and head.ent_type_ not in ("NORP",):
        return None, e  # a name follows: "500 Turkey" is not "500 [of] Turkey"
    last = doc[e - 1]
    attached = (
        head.left_edge.i <= last.i or last.head.i == head.i or k == e or head.head.i == last.i
    )
    if not attached:
        return None, e
    return head.i, head.i + 1


# ---------------------------------------------------------------------------------- exclusions
def _ent_bounds(doc, k: int) -> tuple[int, int]:
    a = k
    while a > 0 and doc[a].ent_iob_ == "I":
        a -= 1
    b = k + 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    return a, b


def _entity_blocks(doc, s: int, e: int, core: dict, head) -> bool:
    """True when the figure sits inside a date, time, ordinal or a name entity."""
    for k in range(core["s"], core["e"]):
        label = doc[k].ent_type_
        if not label:
            continue
        if label == "ORDINAL":
            # trust the token over the label: "€6bn" is not an ordinal, "third" or "5th" is
            if core["kind"] == "ratio" or not (
                ORDINAL_RE.match(doc[k].text) or doc[k].lower_ in ORDINAL_WORDS
            ):
                continue
            return True
        if label == "TIME":
            return True
        if label == "DATE" and _rate_follows(doc, core["e"]):
            continue  # "38 a month", "500 a day": a count per period, not a date
        if label == "DATE":
            # a date only if the entity has a date word beside the number ("May 14", "three
            # years", "2016"); the small model also calls "under 80" or "less than a quarter"
            # a date
            a, b = _ent_bounds(doc, k)
            outside = [doc[m] for m in range(a, b) if m < core["s"] or m >= core["e"]]
            if (any(_is_date_word(w) for w in outside) or _is_yearish(doc[k])) and not (
                head is not None
                and head.tag_ in ("NNS", "NNPS")
                and not head.ent_type_
                and not _is_time_unit(head)
                and not (core["s"] > 0 and doc[core["s"] - 1].lower_.rstrip(".") in MONTH_WORDS)
            ):
                return True
        if label in NAME_LABELS and not core.get("currency"):
            # a name only if the entity holds a capitalised word outside the figure (money is
            # never a name: "fined Apple 1.8 billion euros" comes out as one ORG)
            a, b = _ent_bounds(doc, k)
            if a < s and _known_place(doc[a:s].text):
                continue  # "Czech Republic 381,400" read as one place name
            for m in range(a, b):
                w = doc[m]
                if (
                    (m < s or m >= e)
                    and w.is_alpha
                    and w.text[0].isupper()
                    and fold_name(w.text) not in GAZETTEER  # "Kharkiv 96 killed"
                ):
                    return True
    return False


def _is_date_word(tok) -> bool:
    low = tok.lower_.rstrip(".")
    return low in MONTH_WORDS or low in WEEKDAY_WORDS or _is_time_unit(tok) or low in DATE_WORDS


def _is_yearish(tok) -> bool:
    text = tok.text
    return len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2100


def _is_time_unit(tok) -> bool:
    return tok is not None and (tok.lemma_.lower() in TIME_UNITS or tok.lower_ in TIME_UNITS)


def _excluded(doc, text: str, core: dict, s: int, e: int, head) -> bool:
    n = len(doc)
    cs, ce = core["s"], core["e"]
    first, last = doc[cs], doc[ce - 1]
    core_text = _text(doc, cs, ce).lower()
    if _entity_blocks(doc, s, e, core, head):
        return True
    if _names_or_labels(doc, core, cs, ce, head) or _clock_or_date(doc, core, cs, ce, head):
        return True
    # durations and times: "three years", "48 hours", "one-day visit", "10 a.m."
    if _is_time_unit(head):
        return True
    if ce < n:
        nxt = doc[ce]
        if nxt.lower_ in HYPHENS and not nxt.whitespace_ and ce + 1 < n:
            after = doc[ce + 1]
            if _is_time_unit(after) or after.lower_ in ("old", "year-old"):
                return True
            if core["kind"] == "exact" and after.text[:1].isdigit():
                return True  # 2020-03-02, 3-1 leftovers
        if (_is_time_unit(nxt) and core["unit"] != "percent") or nxt.lower_ in (
            "o'clock",
            "gmt",
            "utc",
            "bst",
            "est",
            "hrs",
        ):
            return True
        if nxt.lower_ in ("years", "year") and ce + 1 < n and doc[ce + 1].lower_ == "old":
            return True
        if nxt.lower_ in ("st", "nd", "rd", "th"):
            return True
        # "the 787 Dreamliner": the number names a singular proper noun, it counts nothing
        if (
            head is not None
            and head.tag_ == "NNP"
            and head.i == ce
            and core["kind"] == "exact"
            and ce - cs == 1
            and "," not in first.text
            and head.ent_type_ not in ("GPE", "LOC", "NORP", "DATE", "TIME", "FAC")
        ):
            return True
        # "737 MAX", "A 400M": a model designation, not a count
        if (
            nxt.is_upper
            and nxt.is_alpha
            and len(nxt.text) >= 2
            and nxt.lower_ not in CODE_TOKENS
            and "currency" not in core
        ):
            after = doc[ce + 1] if ce + 1 < n else None
            if (
                core["kind"] == "exact"
                and "," not in first.text
                and (after is None or after.pos_ not in ("NOUN", "PROPN"))
            ):
                return True
    if cs > 0:
        prev = doc[cs - 1]
        pl = prev.lower_
        if pl in ("aged", "age", "ages"):
            return True
        if pl in HYPHENS and not prev.whitespace_ and cs > 1 and not doc[cs - 2].whitespace_:
            before = doc[cs - 2]
            if before.is_alpha or before.text[:1].isdigit():
                return True  # "COVID-19", "Su-35", second half of a date or score
        if (
            pl in ("no.", "#", "nos", "number", "no")
            and core["kind"] == "exact"
            and (pl != "no" or prev.text == "No")
        ):
            return True
        if (
            pl == "."
            and core["kind"] == "exact"
            and cs > 1
            and doc[cs - 2].text in ("No", "no", "Nos", "nos")
            and not doc[cs - 2].whitespace_
        ):
            return True  # "reactor No. 1" split as "No" "." "1": a label, not a count
        if (
            core["kind"] == "exact"
            and _is_digit_token(first)
            and (pl in NAME_WORDS or prev.is_title or prev.is_upper or _camel(prev.text))
            and (prev.is_alpha or re.fullmatch(r"[A-Z]+&[A-Z]+", prev.text))
            and (prev.pos_ in ("PROPN", "NOUN", "X") or (prev.is_upper and len(prev.text) > 2))
            and (prev.text[0].isupper() or _camel(prev.text))
            and (
                head is None
                or pl in NAME_WORDS
                or (prev.is_upper and len(prev.text) > 2 and ce - cs == 1)  # "STOXX 600 index"
                or (
                    prev.pos_ == "PROPN"
                    and (
                        prev.ent_type_ not in ("DATE", "TIME", "NORP", "GPE", "LOC", "PERSON")
                        or _unknown_norp(prev)  # "the Nifty 50 rebalancing"
                    )
                    and ce - cs == 1
                )
            )
            and "," not in first.text
            and "." not in first.text
            and pl not in PREFIX_QUALIFIERS_FIRST
            and fold_name(prev.text) not in GAZETTEER  # "Donetsk 412 killed" is a list
            and fold_name(doc[max(0, cs - 2) : cs].text) not in GAZETTEER  # "Czech Republic"
        ):
            return True  # "Resolution 2254", "Article 5", "Flight 17", "Formula 1 calendar"
        if (
            core["kind"] == "exact"
            and prev.pos_ == "ADJ"
            and prev.is_title
            and not prev.is_sent_start
            and pl not in PREFIX_QUALIFIERS_FIRST
            and _is_digit_token(first)
            and "," not in first.text
        ):
            return True  # "the Nifty 50 rebalancing": a title-case word before digits names
        if pl == "," and cs > 1 and doc[cs - 2].ent_type_ == "PERSON" and head is None:
            return True  # "Ahmed, 45, said"
        if (
            pl == "("
            and cs > 1
            and doc[cs - 2].ent_type_ == "PERSON"
            and ce < n
            and doc[ce].text == ")"
            and (core["value"] or 0) < 120
        ):
            return True  # "Ahmed (45)", not "Aleppo (1.1 million)"
    if ce < n and doc[ce].lower_ in ("a.m.", "p.m.", "am", "pm", "a.m", "p.m", ":"):
        return True
    # years: 4 digits without a comma, unless counting a plural noun ("2000 refugees")
    if core["kind"] in ("exact", "range") and first.text.isdigit() and len(first.text) == 4:
        y = int(first.text)
        if 1800 <= y <= 2100 and "currency" not in core and core["unit"] == "count":
            prev_word = doc[cs - 1].lower_ if cs > 0 else ""
            counted_plural = head is not None and head.tag_ == "NNS" and head.i == ce
            if not counted_plural or prev_word in YEAR_PRECEDERS:
                return True
    if ORDINAL_RE.match(first.text):
        return True
    if cs > 0 and doc[cs - 1].lower_ in ("oldest", "youngest", "eldest") and head is None:
        return True  # "the youngest is 3, the oldest 11"
    # "children under five accounting for ...": a figure that counts no plural noun
    plural_head = head is not None and head.pos_ != "VERB" and head.tag_ in ("NNS", "NNPS")
    # ages: "the prime minister, 61, is ...", "children under five"
    if core["kind"] == "exact" and not plural_head and core["value"] is not None:
        small = core["value"] < 120 and float(core["value"]).is_integer()
        if (
            small
            and head is None
            and s == cs
            and cs > 1
            and doc[cs - 1].text == ","
            and ce < n
            and doc[ce].text in (",", ")")
            and doc[cs - 2].pos_ in ("NOUN", "PROPN")
        ):
            return True
        if small and s < cs and doc[s].lower_ in AGE_QUALIFIERS and s > 0:
            before = doc[s - 1]
            if _lemma(before) in PEOPLE_NOUNS or before.lower_ in PEOPLE_NOUNS:
                return True
    # hotline and phone numbers given without a counted noun
    if (
        head is None
        and core["kind"] == "exact"
        and _is_digit_token(first)
        and len(first.text) >= 3
        and any(t.lower_ in PHONE_CUES for t in first.sent)
    ):
        return True
    # "one of the", "no one", "the one", pronoun "one"
    if core_text in ("one", "a", "an"):
        if ce < n and doc[ce].lower_ in ("of", "another", "by", "after", "day"):
            return True
        if head is None:
            return True
        if cs > 0 and doc[cs - 1].lower_ in (
            "no",
            "the",
            "this",
            "that",
            "every",
            "each",
            "any",
            "which",
            "another",
            "someone",
            "anyone",
        ):
            return True
        lemma = head.lemma_.lower()
        if not (lemma in PERSON_NOUNS or any(lemma in ws for ws in CAT_NOUNS.values())):
            return True
    # phone numbers
    if core["kind"] in ("exact", "range") and _is_digit_token(first):
        lo = max(0, first.idx - 20)
        hi = min(len(text), last.idx + len(last.text) + 20)
        window = text[lo:hi]
        for m in PHONE_RE.finditer(window):
            if (
                m.start() + lo <= first.idx < m.end() + lo
                and len(re.sub(r"\D", "", m.group())) >= 7
            ):
                return True
    # scores: "won 3-1", "a 2-0 victory"
    if (
        core["kind"] == "range"
        and core.get("low", 0) is not None
        and core["high"] is not None
        and core["high"] < 30
        and not core.get("between")
    ):
        sent_lemmas = {t.lemma_.lower() for t in first.sent}
        if sent_lemmas & SCORE_WORDS and (head is None or head.lemma_.lower() in SCORE_WORDS):
            return True
    # what is left of a date or score split by the tokenizer: "2020-03-02", "3-1"
    return (
        core["kind"] == "exact"
        and ce + 1 < n
        and doc[ce].lower_ in HYPHENS
        and doc[ce + 1].text.isdigit()
    )


def _rate_follows(doc, e: int) -> bool:
    """'a day', 'per month', 'each week' right after the figure: a rate."""
    n = len(doc)
    return (
        e + 1 < n
        and doc[e].lower_ in ("a", "an", "per", "each", "every")
        and _is_time_unit(doc[e + 1])
    )


def _clock_or_date(doc, core: dict, cs: int, ce: int, head) -> bool:
    """'close at 2200', 'at about 1430 local time' (24-hour clocks), '15 August 2024',
    'on September 17 and 18' (what is left of a date the model did not mark)."""
    n = len(doc)
    first = doc[cs]
    if first.lower_ == "between" and cs + 1 < ce:
        first = doc[cs + 1]
    if "currency" in core or head is not None and head.tag_ == "NNS":
        return False
    text = first.text
    if text.isdigit() and len(text) == 4 and int(text[:2]) < 24 and int(text[2:]) < 60:
        k = cs - 1
        while k >= 0 and doc[k].lower_ in ("about", "around", "approximately", "roughly"):
            k -= 1
        before = doc[k].lower_ if k >= 0 else ""
        after = " ".join(t.lower_ for t in doc[ce : ce + 2])
        if (
            text[0] == "0"  # "between 0830 and 1730"
            or before in CLOCK_PREPS
            or after.startswith(("local time", "hours", "hrs", "gmt", "utc"))
        ):
            return True
    if core["kind"] == "exact" and text.isdigit() and int(text) <= 31:
        if ce < n and doc[ce].lower_.rstrip(".") in MONTH_WORDS:
            return True  # "15 August 2024"
        if (
            cs >= 3
            and doc[cs - 1].lower_ in ("and", "to", "-", "–")
            and doc[cs - 2].text.isdigit()
            and doc[cs - 3].lower_.rstrip(".") in MONTH_WORDS
        ):
            return True  # "September 17 and 18"
    return False


def _names_or_labels(doc, core: dict, cs: int, ce: int, head) -> bool:
    """Numbers that name or label rather than count: a company ("3M said", "7-Eleven"), a
    calibre ("155mm shells"), a model ("737 MAX jets"), an address ("21 Rue du Lac"), a quake's
    magnitude, an age limit ("the conscription age from 27 to 25"), part of a period ("the first
    half of 2025"), a measurement, a label ("stage 6"), a mark "out of" a scale."""
    n = len(doc)
    first = doc[cs]
    money = "currency" in core
    nxt = doc[ce] if ce < n else None
    after = doc[ce + 1] if ce + 1 < n else None
    prev = doc[cs - 1] if cs > 0 else None
    glued = nxt is not None and not doc[ce - 1].whitespace_
    if first.lower_ == "between" and cs + 1 < ce:
        first = doc[cs + 1]
    if not money and prev is not None and prev.text in LETTER_CURRENCIES and not prev.whitespace_:
        return True  # "N95 masks", "the P5", "the R101 road": a letter and digits name a thing
    if (
        not money
        and ce - cs == 2
        and doc[cs + 1].text in ("M", "B", "K")
        and not first.whitespace_
        and (doc[cs + 1].pos_ == "PROPN" or doc[cs + 1].dep_ in ("nsubj", "nsubjpass", "poss"))
    ):
        return True  # "3M said": an upper-case letter glued on names a company, not millions
    if glued and nxt.lower_ in HYPHENS and after is not None and not nxt.whitespace_:
        if after.is_alpha and after.text[:1].isupper() and after.lower_ not in ("strong",):
            return True  # "7-Eleven", "4-H"
        if after.lower_ == "magnitude":
            return True  # "a 5.9-magnitude aftershock"
    if (
        nxt is not None
        and not money
        and (nxt.lower_ == "magnitude" or (glued and nxt.lower_ in ("mm", "cm")))
    ):
        return True  # "a 6.3 magnitude quake", "155mm shells"
    if prev is not None and prev.lower_ in ("magnitude", "richter", "calibre", "caliber"):
        return True
    if core["kind"] == "ratio" and prev is not None and prev.lower_ in PERIOD_PARTS:
        return True  # "the first half of FY2025", "the second quarter"
    if (
        not money
        and core["kind"] == "exact"
        and first.text.isdigit()
        and nxt is not None
        and nxt.text[:1].isupper()
        and any(
            doc[k].lower_.rstrip(".") in STREET_WORDS and doc[k].text[:1].isupper()
            for k in range(ce, min(n, ce + 3))
        )
    ):
        return True  # "21 Rue du Lac", "10 Downing Street"
    if (
        not money
        and core["kind"] == "exact"
        and "," not in first.text
        and len(first.text) >= 3
        and first.text.isdigit()
        and nxt is not None
        and nxt.is_upper
        and nxt.is_alpha
        and len(nxt.text) >= 2
        and nxt.text not in COUNTING_ACRONYMS
        and nxt.ent_type_ not in ("GPE", "NORP")
        and after is not None
        and _lemma(after) in DESIGNATED_NOUNS
    ):
        return True  # "737 MAX jets"
    if not money and core.get("high") is not None and core["high"] < 120:
        for k in range(max(0, cs - 4), cs):
            if _lemma(doc[k]) == "age":
                return True  # "lowering the mobilisation age from 27 to 25"
    if (
        glued
        and nxt.lower_ in HYPHENS
        and after is not None
        and after.lower_ in SPEC_WORDS
        and not nxt.whitespace_
    ):
        return True  # "a four-room flat", "a two-storey house", "a five-star hotel"
    if nxt is not None and not money and _lemma(nxt) in MEASURE_UNITS | LINE_WORDS:
        return True  # "winds of 100mph", "highs of 113 degrees", "the 999 emergency line"
    if (
        head is not None
        and _lemma(head) in ("people", "person", "source", "official")
        and head.i + 2 < n
        and doc[head.i + 1].lower_ == "familiar"
    ):
        return True  # "according to two people familiar with the talks": who, not how many
    if prev is not None and not money:
        label = prev
        if prev.lower_ in ("and", "or", "to", "&") and cs >= 3 and doc[cs - 2].text.isdigit():
            label = doc[cs - 3]  # "between junctions 10 and 11"
        if label.lower_ in LABEL_WORDS and first.text.isdigit() and int(first.text) < 1000:
            return True  # "stage 6 load-shedding", "junction 10", "level 4"
        if re.fullmatch(r"(?:[A-Z]\.){2,}", prev.text) and first.text.isdigit():
            return True  # "H.R. 815", "S. 686"
        if re.fullmatch(r"(?:Q[1-4]|H[12]|FY)", prev.text) and _is_yearish(first):
            return True  # "its Q4 2023 results"
    scale_of = (
        nxt is not None and nxt.lower_ == "out" and after is not None and after.lower_ == "of"
    ) or (cs >= 2 and doc[cs - 1].lower_ == "of" and doc[cs - 2].lower_ == "out")
    if scale_of:
        verb = _governing_verb(first)
        if verb is not None and _lemma(verb) in ("score", "rate", "rank", "grade", "mark"):
            return True  # "scored a perfect 720 out of 720": a mark, not a count
    return False


def _camel(word: str) -> bool:
    """'iPhone', 'eBay': a lower-case start with a capital inside, as product names go."""
    return word[:1].islower() and any(c.isupper() for c in word[1:])


PREFIX_QUALIFIERS_FIRST = frozenset(k[0] for k in PREFIX_QUALIFIERS)


# ------------------------------------------------------------------------------------ context
def _span_root(doc, s: int, e: int):
    """The token of [s, e) whose head lies outside it: how the phrase attaches to the clause."""
    for k in range(s, e):
        t = doc[k]
        outside = t.head.i < s or t.head.i >= e or t.head.i == t.i
        if outside and (t.pos_ not in ("ADV", "ADP", "DET", "SYM", "PUNCT") or k == e - 1):
            return t
    return doc[e - 1]


def _governing_verb(tok):
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _category_of_words(lemmas, table) -> str | None:
    for lemma in lemmas:
        for cat, words in table.items():
            if lemma in words:
                return cat
    return None


def _lemma(t) -> str:
    return t.lemma_.lower()


def _verb_key(verb) -> list[str]:
    """The verb's lemma, and with its particle for phrasal verbs ('take in', 'pull out')."""
    lemma = _lemma(verb)
    keys = [lemma]
    for c in verb.children:
        if c.dep_ == "prt":
            keys.insert(0, f"{lemma} {c.lower_}")
    return keys


def _verb_category(verb) -> str | None:
    cat = _category_of_words(_verb_key(verb), CAT_VERBS)
    if cat:
        return cat
    if _lemma(verb) in ("leave", "abandon", "quit") and any(
        c.dep_ == "dobj" and _lemma(c) in HOMELAND_NOUNS for c in verb.children
    ):
        return "displacement"  # "have left their country"
    if _lemma(verb) in ("seek", "find", "take") and any(
        c.dep_ == "dobj" and _lemma(c) in REFUGE_NOUNS for c in verb.children
    ):
        return "displacement"  # "have sought refuge in the cathedral"
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            # "were registered as displaced", "counted as refugees"
            words = [w for x in c.children for w in (_lemma(x), x.lower_)]
            cat = _category_of_words(words, CAT_MODIFIERS) or _category_of_words(words, CAT_NOUNS)
            if cat:
                return cat
    if _lemma(verb) in ("go", "head", "travel", "come") and any(
        c.dep_ in ("advmod", "dobj") and c.lower_ == "home" and c.i > verb.i for c in verb.children
    ):
        return "displacement"  # "went home under a return scheme"
    for c in verb.children:
        # "left homeless", "were confirmed dead", "is a refugee"
        state = c.dep_ in ("advcl", "xcomp") and c.tag_ in ("VBN", "JJ")  # "left ... displaced"
        if (c.dep_ in ("acomp", "oprd", "attr") or state) and c.i > verb.i:
            cat = _category_of_words([_lemma(c), c.lower_], CAT_MODIFIERS) or (
                _category_of_words([_lemma(c)], CAT_NOUNS) if c.dep_ == "attr" else None
            )
            if cat:
                return cat
        # "were among the dead"
        if c.dep_ == "prep" and c.lower_ == "among":
            for p in c.children:
                if p.dep_ == "pobj":
                    cat = _category_of_words([_lemma(p), p.lower_], CAT_MODIFIERS)
                    if cat:
                        return cat
        # "forced from their homes", "driven out"
        if _lemma(verb) in DISPLACING_VERBS and (
            (c.dep_ == "prep" and c.lower_ in ("from", "out"))
            or (c.dep_ == "prt" and c.lower_ == "out")
        ):
            return "displacement"
    return None


def _argument_category(verb, anchor) -> str | None:
    """'the number of injured reached 551', 'caps asylum admissions at 200,000',
    'the garrison has under 900 soldiers, down from 3,000': the figure's sibling arguments."""
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass", "dobj") or c.i == anchor.i:
            continue
        if c.left_edge.i <= anchor.i <= c.right_edge.i:
            continue
        words = [_lemma(c), c.lower_]
        for x in c.children:
            if x.dep_ in ("compound", "amod"):
                words.append(_lemma(x))
            if x.dep_ == "prep" and x.lower_ == "of":
                for y in x.children:
                    words += [_lemma(y), y.lower_]
                    words += [
                        _lemma(z) for z in y.children if z.dep_ in ("amod", "acl", "compound")
                    ]
        cat = (
            _category_of_words(words, CAT_NOMINALS)
            or _category_of_words(words, CAT_NOUNS)
            or _category_of_words(words, CAT_MODIFIERS)
            or _category_of_words(words, CAT_VERBS)
        )
        if cat:
            return cat
    return None


def _context_category(anchor, head) -> str | None:
    """The category the syntax around the figure implies: verbs, 'murder of', 'people who fled'."""
    # relative clauses and participles on the counted noun: "people who fled", "people killed"
    for noun in (head, anchor):
        if noun is None:
            continue
        for c in noun.children:
            if c.dep_ == "amod" and c.i > noun.i:
                cat = _category_of_words([c.lower_, _lemma(c)], CAT_MODIFIERS)
                if cat:
                    return cat  # "14,500 people newly displaced"
            if c.dep_ in ("relcl", "acl") and c.i > noun.i:
                cat = _verb_category(c)
                if cat:
                    return cat
                for cc in c.children:  # "forced to flee", "who were forced to flee"
                    if cc.dep_ == "xcomp":
                        cat = _verb_category(cc)
                        if cat:
                            return cat
    # a chain of prepositions: "the murder of dozens", "home to three million", "a city of 6m"
    t = anchor
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.pos_ == "ADP":
            prep = t.head
            gov = prep.head
            lemma = _lemma(gov)
            if gov.pos_ in ("NOUN", "PROPN", "ADJ") or lemma == "home":
                if lemma == "home" and prep.lower_ != "to":
                    break
                if lemma in SETTLEMENT_NOUNS and prep.lower_ == "of":
                    return "population"
                compounds = [_lemma(c) for c in gov.children if c.dep_ == "compound"]
                cat = _category_of_words([lemma, *compounds], CAT_NOMINALS)
                if cat:
                    return cat  # "the exodus of", "evacuation orders for 5.5 million people"
                t = gov
                continue
        break
    verb = _governing_verb(anchor)
    if verb is None:
        return None
    for c in verb.children:
        # "sends 25,000 fleeing", "left 40 dead": what the figure's people end up doing
        if c.i == anchor.right_edge.i + 1 and c.tag_ == "VBG" and c.dep_ in ("advcl", "xcomp"):
            cat = _verb_category(c)
            if cat:
                return cat
    cat = _verb_category(verb)
    if cat:
        return cat
    # "deported or pressured into leaving 541,000 Afghans": two verbs, one object (not "were
    # injured ..., and 3,000 houses were flooded", two clauses)
    base = verb
    if verb.dep_ == "pcomp" and verb.head.head.pos_ == "VERB":
        base = verb.head.head  # "pressured into leaving": the verb the gerund completes
    pair = [base.head] if base.dep_ == "conj" else []
    pair += [c for c in base.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for other in pair:
        conj = other if other.dep_ == "conj" else base
        if (
            other.pos_ == "VERB"
            and other.i < anchor.i
            and _personish(head)  # "killing 15 people and burning dozens of homes"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
        ):
            cat = _verb_category(other)
            if cat:
                return cat
    if any(
        c.dep_ == "prep"
        and c.lower_ == "under"
        and any(_lemma(x) == "protection" for x in c.children)
        for c in verb.children
    ):
        return "displacement"  # "2.9 million Syrians remain under temporary protection"
    if (
        _lemma(verb) in HOSTING_VERBS
        and anchor.dep_ in ("dobj", "nummod")
        and _personish(head)
        and any(
            c.dep_ == "nsubj" and (c.ent_type_ in ("GPE", "LOC") or c.lower_ in ("it", "they"))
            for c in verb.children
        )
    ):
        return "displacement"  # "Colombia hosts 2.9 million", "Egypt says it has received"
    if _lemma(verb) in DISPLACING_VERBS:
        for noun in (head, anchor):
            if noun is not None and any(
                c.dep_ == "prep" and c.lower_ in ("from", "out") for c in noun.children
            ):
                return "displacement"  # "forced 1.2m people from their homes"
    # the parser sometimes hangs an object on a later verb: "killed at least 1,000 people, and"
    before = anchor.doc[anchor.left_edge.i - 1] if anchor.left_edge.i > 0 else None
    if before is not None and before.pos_ == "VERB" and before.i != verb.i:
        cat = _verb_category(before)
        if cat:
            return cat
    for c in verb.children:
        if c.dep_ in ("xcomp",) and c.i > anchor.i:
            cat = _verb_category(c)
            if cat:
                return cat
    if head is None or _lemma(verb) in MEASURE_VERBS:
        return _argument_category(verb, anchor)
    return None


def _noun_category(head) -> str | None:
    if head is None:
        return None
    mods = [_lemma(c) for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
    mods += [c.lower_ for c in head.children if c.dep_ in ("amod", "compound")]
    cat = _category_of_words(mods, CAT_MODIFIERS)
    if cat:
        return cat
    cat = _category_of_words([_lemma(head), head.lower_], CAT_NOUNS)
    if cat:
        return cat
    if head.pos_ in ("ADJ", "NOUN") and head.ent_type_ in ("", "NORP"):
        # "5,300 dead", "45,000 Rohingya homeless": the state word heads the phrase
        cat = _category_of_words([head.lower_], CAT_MODIFIERS)
        if cat:
            return cat
    # jets, aircraft, vehicles are military only when the text says so ("army helicopters",
    # "F-35 jets"); airlines and carmakers count them too
    if _lemma(head) in DUAL_USE_NOUNS and any(
        m in MILITARY_MODIFIERS or MILITARY_DESIGNATION.match(c.text)
        for c in head.children
        if c.dep_ in ("amod", "compound", "nmod", "nummod")
        for m in (_lemma(c), c.lower_)
    ):
        return "military"
    return None


def _uprooting(anchor) -> bool:
    """The clause says people were driven out ('forced from their homes', 'is a refugee')."""
    verb = _governing_verb(anchor)
    if verb is None:
        return False
    if _lemma(verb) in UPROOTING_VERBS:
        return True
    return any(
        c.dep_ == "attr" and _category_of_words([_lemma(c)], CAT_NOUNS) == "displacement"
        for c in verb.children
    )


def _personish(head) -> bool:
    """People rather than things: only people flee, die or live somewhere."""
    if head is None:
        return True
    lemma = _lemma(head)
    return (
        lemma in PEOPLE_NOUNS
        or head.lower_ in PEOPLE_NOUNS
        or head.tag_ == "NNPS"
        or head.ent_type_ == "NORP"
        or head.pos_ == "PRON"
    )


def _noun_before(anchor, head):
    """The noun a bare figure counts when it follows it: 'refugees numbering 4,000',
    'the island, population 6,000'."""
    if head is not None:
        return None
    gov = anchor.head
    if (
        anchor.dep_ == "dobj"
        and gov.dep_ == "acl"
        and _lemma(gov) in COUNTING_PARTICIPLES
        and gov.head.pos_ in ("NOUN", "PROPN")
        and gov.head.i < anchor.i
    ):
        return gov.head
    if anchor.dep_ in ("nummod", "appos") and gov.i == anchor.i - 1 and gov.pos_ == "NOUN":
        return gov
    return None


def _strong_unit(doc, k: int, head) -> bool:
    """'a 13,000-strong peacekeeping mission': the figure counts a military unit's members."""
    if head is None:
        return False
    if not (k + 1 < len(doc) and doc[k].text in HYPHENS and doc[k + 1].lower_ == "strong"):
        return False
    words = [_lemma(head)] + [
        w for c in head.children if c.dep_ in ("amod", "compound") for w in (_lemma(c), c.lower_)
    ]
    return any(
        w in MILITARY_MODIFIERS or w in CAT_NOMINALS["military"] or w in CAT_NOUNS["military"]
        for w in words
    )


def _category(anchor, head, currency, unit: str, core_end: int) -> str:
    if currency:
        return "money"
    doc = anchor.doc
    if head is None and unit == "count" and core_end < len(doc):
        # "at least 5,300 dead in Derna": a state word after a bare figure
        k = core_end
        while k + 1 < len(doc) and k < core_end + 2 and doc[k].ent_type_ == "NORP":
            k += 1  # "45,000 Rohingya homeless"
        after = doc[k]
        if after.pos_ in ("ADJ", "VERB") and not after.ent_type_:
            cat = _category_of_words([after.lower_], CAT_MODIFIERS)
            if cat:
                return cat
    before = _noun_before(anchor, head)
    if before is not None and unit == "count":
        cat = _noun_category(before) or _context_category(before, before)
        if cat:
            return cat
        head = before
    if _strong_unit(doc, core_end, head):
        return "military"
    context = _context_category(anchor, head)
    if unit in ("percent", "ratio"):
        # shares are about their subject; only being forced out makes them more than "other"
        uprooted = context == "displacement" and _uprooting(anchor) and _personish(head)
        return "displacement" if uprooted else "other"
    person = _personish(head)
    noun = _noun_category(head)
    if head is not None and _lemma(head) == "life":
        verb = _governing_verb(anchor)
        if verb is not None and _lemma(verb) in LIFE_TAKING_VERBS:
            return "casualties"
    if context == "casualties" and (person or (noun is None and _lemma(head) not in ANIMAL_NOUNS)):
        return context
    if context == "displacement" and person and noun in (None, "population"):
        return context
    if noun:
        return noun
    if context == "military" or (context and person):
        return context
    return "other"


def _place_entities(doc) -> list[tuple[int, int, str]]:
    """Places named in the Doc: GPE/LOC/FAC entities, and proper names the small model labels
    otherwise but the syntax shows are places ("in Lampedusa", "the town of Grindavik",
    "Valencia's southern suburbs"). Speakers and their seats ("told reporters in Ankara") are
    left out."""
    places = []
    names = set()
    taken = set()
    for ent in doc.ents:
        if ent.end - ent.start == 1 and doc[ent.start].text in TIME_ZONES:
            continue  # "at 0400 GMT": a clock, not a place
        if (
            ent.label_ in PLACE_LABELS
            and _clean_name(ent.text)[:1].isupper()  # "the Bahir Dar" is still a name
            and not _is_speaker(ent.root)
        ):
            end = ent.end
            while end > ent.start + 1 and (doc[end - 1].like_num or doc[end - 1].is_punct):
                end -= 1  # "Czech Republic 381,400" tagged as one place
            if end < ent.end and not _known_place(doc[ent.start : end].text):
                end = ent.end  # "Route 9" is a name with its number
            places.append((ent.start, end, _clean_name(doc[ent.start : end].text)))
            names.add(ent.text)
            taken.update(range(ent.start, end))
    for ent in doc.ents:
        if ent.label_ in ("ORG", "PERSON") and ent.text in names and ent.start not in taken:
            places.append((ent.start, ent.end, _clean_name(ent.text)))
            taken.update(range(ent.start, ent.end))
    pos_ent = doc.to_array([POS, ENT_TYPE])
    named = numpy.flatnonzero((pos_ent[:, 0] == PROPN_ID) | (pos_ent[:, 1] != 0)).tolist()
    for i in named:
        tok = doc[i]
        if tok.i in taken or not tok.text[:1].isupper() or tok.is_sent_start:
            continue
        if tok.text in TIME_ZONES:
            continue
        if not (tok.pos_ == "PROPN" or tok.ent_type_ in NAME_LABELS):
            continue
        if tok.dep_ == "compound":
            continue
        if tok.ent_type_ in NOT_PLACE_LABELS and not _unknown_norp(tok):
            continue
        head = tok.head
        placey = (
            (tok.dep_ == "pobj" and head.lower_ in NAME_PLACE_PREPS and not _is_speaker(tok))
            or _place_object(doc, tok)
            or (
                tok.dep_ == "pobj"
                and head.lower_ == "of"
                and (_lemma(head.head) in GEO_NOUNS or _lemma(head.head) in PLACE_PEOPLE_NOUNS)
            )
            or (tok.dep_ == "poss" and _lemma(head) in GEO_NOUNS)
        )
        if not placey:
            continue
        start, end = tok.i, tok.i + 1
        if tok.ent_type_:
            start, end = _ent_bounds(doc, tok.i)
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if any(k in taken for k in range(start, end)):
            continue
        places.append((start, end, _clean_name(doc[start:end].text)))
        taken.update(range(start, end))
    _gazetteer_places(doc, pos_ent, places, taken)
    # named features: "the Evros river", "the Ahr valley", "the Niger border"
    # and facilities in any role: "Zaatari camp", "the Adre border point", "Torkham crossing"
    for i in numpy.flatnonzero(pos_ent[:, 0] == NOUN_ID).tolist():
        tok = doc[i]
        lemma = _lemma(tok)
        if tok.i in taken or (lemma not in GEO_NOUNS and lemma not in FACILITY_NOUNS):
            continue
        if lemma not in FACILITY_NOUNS and (
            tok.dep_ != "pobj" or tok.head.lower_ not in NAME_PLACE_PREPS | FEATURE_PREPS
        ):
            continue
        names_left = [
            c
            for c in tok.children
            if c.i < tok.i
            and c.text[:1].isupper()
            and (c.pos_ == "PROPN" or (c.dep_ == "compound" and c.ent_type_ != "NORP"))
        ]
        k = tok.i - 1  # "Adre border point": a name, then a lower-case geo word
        while k >= 0 and doc[k].dep_ == "compound" and doc[k].head.i > k:
            if doc[k].text[:1].isupper() and doc[k].ent_type_ != "NORP":
                names_left.append(doc[k])
            k -= 1
        if not names_left or _is_speaker(tok):
            continue
        start = min(c.i for c in names_left)
        if tok.i in taken or any(p[0] < start < p[1] or p[0] <= tok.i < p[1] for p in places):
            continue
        # a name found already ("Gallabat") grows into the facility ("Gallabat border point")
        places[:] = [p for p in places if not (start <= p[0] and p[1] <= tok.i)]
        places.append((start, tok.i + 1, _clean_name(doc[start : tok.i + 1].text)))
        taken.update(range(start, tok.i + 1))
    places.sort()
    out = []
    for start, end, name in places:
        if fold_name(name).rstrip(".") in MONTH_WORDS | WEEKDAY_WORDS:
            continue  # "in late September": a month, whatever the tagger says
        if _dateline(doc, start, end):
            continue  # "KYIV, March 3 (Reuters) -": where the reporter files from
        root = doc[end - 1]
        verb = None
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            verb = _governing_verb(root.head)
        confirmed = (
            _known_place(name)
            or _lemma(root) in GEO_NOUNS
            # "in North Waziristan": a name after a locative preposition is a place the
            # gazetteer is too small to know
            or (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS | NAME_PLACE_PREPS)
        )
        if not confirmed and fold_name(name) in DEMONYMS:
            continue  # "Somali troops": a nationality the model took for a place
        out.append((start, end, name, verb.i if verb is not None else -1, confirmed))
    return out


def _dateline(doc, start: int, end: int) -> bool:
    """A place in capitals opening a paragraph and followed by a comma or dash: the dateline."""
    if start > 0 and "\n" not in doc[start - 1].text_with_ws:
        return False
    if not all(t.is_upper or not t.is_alpha for t in doc[start:end]):
        return False
    return end < len(doc) and doc[end].text in (",", "-", "\u2013", "\u2014")


def _known_place(name: str) -> bool:
    """The gazetteer knows the name or a run of its words ("Kherson region", "north Gaza")."""
    words = fold_name(name).split()
    return any(
        " ".join(words[i:j]) in GAZETTEER
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + MAX_PLACE_TOKENS) + 1)
    )


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Lower case without accents or a possessive: how places.json keys are written."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return text[:-2] if text.endswith("'s") else text


def _gazetteer_places(doc, pos_ent, places: list, taken: set) -> None:
    """Proper names the model missed or mislabelled that the gazetteer knows as places: "crossed
    through Rafah" (tagged PERSON), "Kharkiv, a city of 1.4 million" (no entity), "Sri Lanka's".

    A name inside a longer person or organisation ("Michael Jackson", "Kharkiv Regional
    Administration"), a modifier of another noun, a speaker's seat, or a city or region that is
    the subject of "said" is left alone; a country in any of those roles is still a place."""
    n = len(doc)
    # names, entities, and the first word of each sentence ("Mariupol: Some 300,000 civilians
    # were trapped" opens a line, and the tagger may call it a noun)
    starts = doc.to_array(SENT_START) == 1
    candidates = (pos_ent[:, 0] == PROPN_ID) | (pos_ent[:, 1] != 0) | starts
    for i in numpy.flatnonzero(candidates).tolist():
        tok = doc[i]
        if i in taken or not tok.text[:1].isupper():
            continue
        if fold_name(tok.text) not in GAZETTEER_FIRST_WORDS:
            continue
        for j in range(min(n, i + MAX_PLACE_TOKENS), i, -1):
            if any(k in taken for k in range(i, j)) or doc[j - 1].tag_ == "POS":
                continue
            hit = GAZETTEER.get(fold_name(doc[i:j].text))
            if hit is None:
                continue
            last = doc[j - 1]
            if last.ent_type_ and _ent_bounds(doc, j - 1) != (i, j):
                start, end = _ent_bounds(doc, j - 1)
                if doc[end - 1].tag_ == "POS":
                    end -= 1  # "Sri Lanka's" as one entity
                if end - start > j - i and last.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART"):
                    break  # part of a longer name ("Kharkiv 96" as a LAW is still Kharkiv)
            kind = hit[1]
            if kind != "country":
                if last.dep_ == "compound" and _lemma(last.head) not in GEO_NOUNS:
                    break
                if _is_speaker(last) or (
                    last.dep_ in ("nsubj", "nsubjpass") and _lemma(last.head) in SEAT_VERBS
                ):
                    break
            places.append((i, j, _clean_name(doc[i:j].text)))
            taken.update(range(i, j))
            break


def _place_object(doc, tok) -> bool:
    """'fled Tal Abyad', 'crossed the Channel', 'shelled Kramatorsk': the object of a verb that
    takes places. A short name the model called a person or organisation counts only after a
    verb of movement (people flee places, not organisations)."""
    head = tok.head
    if tok.dep_ != "dobj" or head.pos_ != "VERB" or _lemma(head) not in PLACE_OBJECT_VERBS:
        return False
    if tok.ent_type_ not in ("PERSON", "ORG"):
        return True
    start, end = _ent_bounds(doc, tok.i)
    words = len(doc[start:end].text.split())  # "Ras al-Ain" is two words, five tokens
    return words <= 3 and _lemma(head) in MOVEMENT_VERBS


def _unknown_norp(tok) -> bool:
    """The small model calls some towns a nationality ("in besieged Sievierodonetsk"); a NORP
    that is no demonym the gazetteer knows, nor shaped like one, may still be a place."""
    if tok.ent_type_ != "NORP":
        return False
    word = fold_name(tok.text)
    return word not in DEMONYMS and not word.endswith(("ans", "ian", "ese", "ish", "is", "s"))


def _is_speaker(tok) -> bool:
    """A speaker's seat ("told reporters in Ankara", "said in Geneva") is not where the figure
    is; "Italy's interior ministry said" and "officials in Bakhmut said" still place it."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return False
    verb = tok.head.head
    return verb.pos_ == "VERB" and _lemma(verb) in SEAT_VERBS and tok.i > verb.i


def _clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text.strip(" ,.;:'\"")


def _pick_nearest(items, s: int, e: int, lo: int, hi: int):
    best = None
    for start, end, *rest in items:
        if start < lo or end > hi or (start < e and end > s):
            continue
        dist = s - end if end <= s else start - e
        if best is None or dist < best[0]:
            best = (dist, start, end, *rest)
    return best


def _location(doc, places, s: int, e: int, anchor, head, dominant, money=False) -> str | None:
    """Where the figure is: a place on the counted noun ("refugees in Turkey"), then one the
    figure's verb sends it to or finds it in ("sent ... into Idlib"), then the nearest in its
    clause, in its sentence, else the article's dominant place.

    Money is about companies as often as places: for it, a name the gazetteer does not know
    counts only after a preposition ("Nvidia" tagged as a place is a company)."""
    if money and places:
        # an unknown name counts only after a preposition ("in Derna"), not as a subject or
        # owner ("Nvidia reported", "Ocado's shares")
        places = [p for p in places if p[4] or doc[p[1] - 1].dep_ == "pobj"]
        if dominant is not None and not any(p[2] == dominant for p in places):
            dominant = None
    if places and money:
        # money goes to its recipient: "pledged $1bn for Gaza at a conference in Cairo"
        for noun in (head, anchor, _governing_verb(anchor)):
            if noun is None:
                continue
            for c in noun.children:
                if c.dep_ in ("prep", "dative") and c.i >= e and c.lower_ in ("for", "to"):
                    hit = _pick_nearest(places, c.i, c.i + 1, c.i, c.right_edge.i + 1)
                    if hit:
                        return hit[3]
    if head is None and places:
        # a label and its figure: "Germany 1.2m, Poland 957,000", "Borno: 1.8 million"
        k = s - 1
        if k >= 0 and doc[k].text in (":", "("):
            k -= 1
        for _start, end, name, _verb, known in places:
            if end - 1 == k and known:
                return name
    for c in anchor.children if head is None else ():
        # a list item's own place: "..., 1,500 in Samos and about 600 on Chios"
        if c.dep_ == "prep" and c.i >= e and c.lower_ in NOUN_PLACE_PREPS:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN" and pobj.ent_type_ not in NOT_PLACE_LABELS:
                hit = _pick_nearest(places or [], c.i, c.i + 1, c.i, c.right_edge.i + 1)
                if hit:
                    return hit[3]
                if not pobj.ent_type_ and pobj.text[:1].isupper():
                    return pobj.text
    if places:
        verb = _governing_verb(anchor)
        if verb is not None and verb.dep_ == "relcl":
            # "Dadaab, which shelters more than 380,000 refugees": the place the clause is about
            hit = next((p for p in places if p[0] <= verb.head.i < p[1]), None)
            if hit:
                return hit[2]
            host = verb.head
            if (
                _lemma(verb) in HOSTING_VERBS | {"house", "shelter"}
                and host.pos_ == "PROPN"
                and (
                    host.ent_type_ not in ("PERSON", "NORP")
                    # "which", not "who": the tagger's person is a thing, here a place
                    or any(c.lower_ in ("which", "where") for c in verb.children)
                )
            ):
                start = host.i
                while start > 0 and doc[start - 1].dep_ == "compound":
                    start -= 1
                return _clean_name(doc[start : host.i + 1].text)
        uprooted = head is not None and _lemma(head) in CAT_NOUNS["displacement"]
        for noun in (head, anchor):
            if noun is None:
                continue
            for c in noun.children:
                if c.dep_ == "prep" and c.i >= e and c.lower_ in NOUN_PLACE_PREPS:
                    if uprooted and c.lower_ == "from":
                        continue  # "refugees from Somalia": where they came from
                    hit = _pick_nearest(places, c.i, c.i + 1, c.i, c.right_edge.i + 1)
                    if hit:
                        return hit[3]
        above = verb.head if verb is not None and verb.dep_ in ("prep", "advcl", "conj") else None
        for owner in (head, anchor, verb, above):
            # "near the city", "in the camp": the place named before
            for c in owner.children if owner is not None else ():
                if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS | NAME_PLACE_PREPS:
                    pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                    named = _anaphor_place(doc, places, pobj) if pobj is not None else None
                    if named:
                        return named
        known = [p for p in places if p[4]]
        if verb is not None:
            near_verb = [p for p in places if p[3] == verb.i and not (p[0] < e and p[1] > s)]
            hit = _pick_nearest(near_verb, s, e, verb.left_edge.i, verb.right_edge.i + 1)
            if hit:
                return hit[3]
            lo, hi = verb.left_edge.i, verb.right_edge.i + 1
            hit = _pick_nearest(known, s, e, lo, hi) or _pick_nearest(places, s, e, lo, hi)
            if hit:
                return hit[3]
        sent = anchor.sent
        hit = _pick_nearest(known, s, e, sent.start, sent.end) or _pick_nearest(
            places, s, e, sent.start, sent.end
        )
        if hit:
            return hit[3]
        earlier = _paragraph_place(doc, known, sent)
        if earlier:
            return _demonym_place(head if head is not None else anchor) or earlier
    return _demonym_place(head if head is not None else anchor) or dominant


def _paragraph_place(doc, known, sent) -> str | None:
    """A sentence that names no place goes on about the last one its paragraph named: "Boats
    reached Lampedusa overnight. About 400 people were taken to the hotspot." """
    start = sent.start
    k = start - 1
    while k >= 0 and "\n\n" not in doc[k].text_with_ws:
        k -= 1
    para_start = k + 1
    before = [p for p in known if para_start <= p[0] and p[1] <= start]
    return before[-1][2] if before else None


ANAPHOR_NOUNS = frozenset({"city", "town", "village", "camp", "country", "region", "province"})


def _anaphor_place(doc, places, tok) -> str | None:
    """'the city', 'the camp', 'the country' with no name of its own: the last place of that
    kind named before it ("clashes near El Fasher ... 17 army vehicles near the city")."""
    if tok is None or _lemma(tok) not in ANAPHOR_NOUNS:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    if any(c.dep_ in ("compound", "poss", "prep") or c.pos_ == "PROPN" for c in tok.children):
        return None  # "the city of Kharkiv", "Sudan's capital": named right there
    want_country = _lemma(tok) == "country"
    for start, _end, name, *_ in reversed(places):
        if start >= tok.i:
            continue
        kind = GAZETTEER.get(fold_name(name), ("", ""))[1]
        if (kind == "country") == want_country:
            return name
    return None


def _demonym_place(head) -> str | None:
    """The country of people counted by nationality, when their sentence names no place: "80
    percent of Yemenis need aid" -> Yemen, "1,200 Afghan refugees" -> Afghanistan, rather than
    the article's most named place. Troops are where they serve, not where they are from.
    """
    if head.pos_ in ("PROPN", "NOUN") and head.tag_ in ("NNPS", "NNS"):
        country = DEMONYMS.get(fold_name(head.text))
        if country:
            return country
    if _lemma(head) in CAT_NOUNS["displacement"]:
        for c in head.children:
            if c.dep_ in ("amod", "compound") and c.i < head.i:
                country = DEMONYMS.get(fold_name(c.text))
                if country:
                    return country
    return None


def _dominant_place(places) -> str | None:
    if not places:
        return None
    counts = Counter(p[2] for p in places if p[4]) or Counter(p[2] for p in places)
    return counts.most_common(1)[0][0]


TIME_PREPS = _set("time_preps")
YEAR_ONLY_PREPS = frozenset({"in", "since", "during", "until", "till"})


def _date_entities(doc) -> list[tuple[int, int, str, int]]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = ent.start, ent.end
        # "Last month 300 refugees": the NER swallowed the count that follows the date
        while (
            end - 1 > start
            and _is_number_token(doc[end - 1])
            and end < len(doc)
            and doc[end].pos_ == "NOUN"
            and not _is_time_unit(doc[end])
        ):
            end -= 1
        if start > 0 and doc[start - 1].lower_ in TIME_PREPS:
            start -= 1
        verb = _governing_verb(doc[end - 1])
        out.append((start, end, doc[start:end].text, verb.i if verb is not None else -1))
    return out


def _time_text(doc, dates, s: int, e: int, anchor) -> str | None:
    if not dates:
        return None
    verb = _governing_verb(anchor)
    if verb is not None:
        # a date attached to the figure's own verb first
        own = [d for d in dates if d[3] == verb.i and not (d[0] < e and d[1] > s)]
        hit = _pick_nearest(own, s, e, 0, len(doc))
        if hit:
            return hit[3]
        hit = _pick_nearest(dates, s, e, verb.left_edge.i, verb.right_edge.i + 1)
        if hit:
            return hit[3]
    sent = anchor.sent
    hit = _pick_nearest(dates, s, e, sent.start, sent.end)
    return hit[3] if hit else None


def _speaker_text(subj, doc) -> str | None:
    if subj.pos_ == "PRON" and not subj.is_upper:
        if subj.lower_ in PRONOUN_SPEAKERS:
            for ent in reversed(doc.ents):
                if ent.end <= subj.i and ent.label_ == "PERSON":
                    return _clean_name(ent.text)
        return None
    if (
        subj.lower_ in QUANTIFIER_WORDS
        or subj.lower_ in VAGUE_WORDS
        or any(_is_number_token(t) for t in doc[subj.left_edge.i : subj.i + 1])
    ):
        return None  # "dozens of them reported ...": a counted group, not a source
    start = subj.left_edge.i
    end = subj.i + 1
    for c in subj.children:
        if c.i > subj.i and (
            (c.dep_ == "prep" and (c.lower_ in SOURCE_PREPS or c.text[:1].isupper()))
            or c.dep_ in ("compound", "flat", "acl")
        ):
            end = max(end, c.right_edge.i + 1)
    # keep the noun phrase tight: stop at commas and brackets
    for k in range(subj.i, end):
        if doc[k].text in (",", "(", ";", "—", "-") and k > subj.i:
            end = k
            break
    for k in range(subj.i - 1, start - 1, -1):
        if doc[k].text in (",", "(", ";", '"', "“", "”"):
            start = k + 1
            break
    while (
        start < subj.i and doc[start].pos_ in ("DET", "PRON") and doc[start].dep_ in ("det", "poss")
    ):
        start += 1
    if end - start > 12:
        start = max(start, subj.i - 6)
        end = min(end, subj.i + 6)
    if subj.ent_type_:
        a, b = _ent_bounds(doc, subj.i)
        if a >= start - 1:
            start, end = min(start, a), max(end, b)  # "Doctors Without Borders"
    if any(
        (_is_number_token(t) or (t.text[:1].isdigit() and not ORDINAL_RE.match(t.text)))
        and not (t.head.pos_ == "PROPN" and t.head.i < t.i)  # "the charity Utopia 56"
        for t in doc[start:end]
    ):
        return None  # "a fraction of the 1.5 million Syrians": a counted group, not a source
    text = _clean_name(doc[start:end].text)
    return text or None


def _left_name(verb) -> str | None:
    span = _left_span(verb)
    return _clean_name(verb.doc[span[0] : span[1]].text) or None if span else None


def _left_span(verb) -> tuple[int, int] | None:
    """The name just before a subjectless reporting verb: '..., its director, Salem Ali, told
    AFP' or 'interior ministry data show' (the parser hung the subject elsewhere)."""
    doc = verb.doc
    k = verb.i - 1
    while k >= verb.sent.start and doc[k].text == ",":
        k -= 1
    if k < verb.sent.start or doc[k].pos_ not in ("PROPN", "NOUN"):
        return None
    end = k + 1
    start = k
    if doc[k].ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        start = _ent_bounds(doc, k)[0]
    while start > verb.sent.start and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
        if not start <= doc[start - 1].head.i <= verb.i:
            break
        start -= 1
    if (
        start > verb.sent.start
        and doc[start - 1].text not in (",", "(", ";", "—", "-")
        and (
            doc[start - 1].pos_ not in ("DET", "PRON")
            or (start > verb.sent.start + 1 and doc[start - 2].text != ",")
        )
    ):
        return None
    if any(_is_number_token(t) for t in doc[start:end]):
        return None
    return start, end


def _reporting_subject(verb, doc, depth: int = 0):
    """The source of a reporting verb: its subject, a passive agent, 'said X' at the end, or
    for '..., adding that ...' the subject of the verb the participle hangs on."""
    # "damage the World Bank put at $14.9 billion": the subject nearest the verb
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in QUANTIFIER_WORDS]
    subj = min(subjects, key=lambda c: abs(verb.i - c.i)) if subjects else None
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if subj is not None:
        return _speaker_text(subj, doc)
    if (
        verb.dep_ == "acl"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and verb.head.i < verb.i
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
        and all(t.is_punct or t.is_space for t in doc[verb.i + 1 : verb.sent.end])
    ):
        who = _speaker_text(verb.head, doc)  # "..., a REACH assessment found."
        if who and who.endswith(" " + verb.text):
            who = who[: -len(verb.text) - 1]
        return who or None
    listener = _lemma(verb) in LISTENER_VERBS
    if listener or any(c.dep_ in ("compound", "amod") and c.i < verb.i for c in verb.children):
        who = _left_name(verb)
        if who:
            return who
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i and depth < 2:
        return _reporting_subject(verb.head, doc, depth + 1)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # "were recorded across Europe": passive without an agent names no source
    # "..., said Save the Children." where the parser lost the subject
    k = verb.i + 1
    sent_end = verb.sent.end
    words = []
    while k < sent_end and not doc[k].is_punct and len(words) < 8:
        words.append(doc[k])
        k += 1
    if (
        words
        and not listener
        and any(w.text[:1].isupper() for w in words)
        and (k >= sent_end or doc[k].is_punct)
    ):
        return _clean_name(doc[words[0].i : words[-1].i + 1].text) or None
    return None


ADVERBIAL_MARKS = frozenset(
    {"as", "while", "because", "after", "before", "since", "when", "although", "though", "until"}
)


def _reported_clause(c) -> bool:
    """A clause the verb reports, not an adverbial one misparsed as its complement
    ('..., the OBR said, as costs climb')."""
    first = c.left_edge
    return not (first.dep_ == "mark" and first.lower_ in ADVERBIAL_MARKS)


def _introduces_clause(verb) -> bool:
    return any(
        c.dep_ in ("ccomp", "parataxis") and c.i > verb.i and _reported_clause(c)
        for c in verb.children
    )


def _is_reporting(tok) -> bool:
    if not (tok.pos_ in ("VERB", "AUX") and _lemma(tok) in REPORTING_VERBS):
        return False
    # headline-ese the tagger reads backwards: "SkyBridge posts record profit", "displacement
    # hits record 75.9 mln" ("posts", "hits" are the verbs, "record" an adjective)
    if (
        _lemma(tok) == "record"
        and tok.tag_ in ("VB", "VBP")
        and any(c.dep_ == "nsubj" and _lemma(c) in HEADLINE_VERBS for c in tok.children)
    ):
        return False
    if _lemma(tok) == "put":
        # "put the toll at 50" reports a figure, "put 80 villages at risk" does not
        doc = tok.doc
        return any(
            t.lower_ == "at"
            and any(
                _is_number_token(w) or w.text[:1].isdigit() or w.lower_ in SYMBOL_TOKENS
                for w in doc[t.i + 1 : t.i + 4]
            )
            for t in tok.subtree
            if t.i > tok.i
        )
    return True


def _attribution(doc, anchor, cache: dict | None = None) -> str | None:
    """Who the text says the figure comes from.

    A reporting verb counts when the figure sits in the clause it reports (ccomp/parataxis),
    is its direct object or adjunct for verbs that report figures ("the ministry reported 300
    cases", "put the toll at 50"); a trailing "..., X said." (a reporting verb after a comma or
    quote with no clause of its own to the right) covers every figure in its sentence. A
    narrator's participle gloss ("referring to ...") blocks the verbs above it.
    """
    t = anchor
    via = anchor.dep_
    prep_word = ""
    numeric_source = None
    for _ in range(12):
        if t.i != anchor.i and _is_reporting(t):
            numeric = _lemma(t) in NUMERIC_REPORTING_VERBS
            clause = via in ("ccomp", "parataxis", "conj", "xcomp")
            if clause or (
                numeric
                and (
                    via in ("dobj", "attr", "advmod", "npadvmod", "nsubjpass")
                    or (via == "prep" and prep_word in FIGURE_PREPS)
                )
            ):
                who = _reporting_subject(t, doc)
                if who and clause:
                    return who
                if who and t.dep_ not in ("ccomp", "parataxis"):
                    return _according_to(anchor.sent) or who
                if who:
                    # "Brazil recorded 1,300 deaths, the ministry said": a reporting verb
                    # over the recorder's clause, or "according to", names the source
                    numeric_source = numeric_source or who
        if t.head.i == t.i:
            break
        if t.pos_ == "VERB" and t.dep_ == "advcl" and _lemma(t) in GLOSS_VERBS:
            return None  # "..., referring to a deal worth billions of euros"
        if t.head.pos_ in ("VERB", "AUX"):
            via = t.dep_
            prep_word = t.lower_
        if t.dep_ in ("advcl", "acl", "relcl", "advmod", "npadvmod") and t.pos_ in ("VERB", "AUX"):
            via = t.dep_
        t = t.head
    sent = anchor.sent
    if cache is None:
        cache = {}
    found = cache.setdefault(sent.start, {})

    def lazy(name, compute):
        if name not in found:
            found[name] = compute(sent)
        return found[name]

    who = lazy("according", _according_to)
    if who:
        return who
    if numeric_source:
        return numeric_source
    who = lazy("trailing", _trailing_said) or lazy("headline", _headline_source)
    if who:
        return who
    who = next((who for i, who in lazy("late", _trailing_sources) if i > anchor.i), None)
    if who:
        return who
    who = _split_tail(doc, sent) or lazy("tail", _tail_source) or lazy("paren", _bracket_source)
    if who:
        return who
    who = _quoted_speaker(doc, anchor, cache)
    if who:
        return who
    return _heading_source(doc, sent, cache)


# what may follow a closing "X said": "on Saturday", "in a statement", "late on Tuesday"
TAIL_WORDS = frozenset(
    {"on", "in", "a", "an", "the", "statement", "late", "early", "last", "this", "week"}
    | {"yesterday", "today", "tonight", "morning", "afternoon", "evening", "night", "earlier"}
    | {"told", "reporters", "journalists", "also", "separately", "later", "briefing", "at"}
)


def _tail_source(sent) -> str | None:
    """', regional governor Petro Kovalenko said on Saturday.', ', the military estimates.',
    ', said Pierre Morel of the charity.': the closing source read off the words when the
    parser tied them into the clause before them."""
    doc = sent.doc
    end = sent.end
    while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    comma = max((t.i for t in doc[sent.start : end] if t.text == ","), default=None)
    if comma is None or end - comma > 14:
        return None
    tail = doc[comma + 1 : end]
    verbs = [t for t in tail if t.lower_ in TAIL_VERB_FORMS]
    if not verbs:
        return None
    verb = verbs[0]
    rest = doc[verb.i + 1 : end]
    if verb.i == comma + 1:  # ", said Pierre Morel of the charity Utopia 56."
        words = [t for t in rest if not t.is_punct]
        if words and words[0].text[:1].isupper() and len(words) <= 9:
            return _clean_name(rest.text) or None
        return None
    if any(t.lower_ not in TAIL_WORDS and t.ent_type_ not in ("DATE", "TIME") for t in rest):
        return None
    name = doc[comma + 1 : verb.i]
    if not any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in name) or len(name) > 8:
        return None
    if any(t.pos_ in ("VERB", "AUX") or _is_number_token(t) for t in name):
        return None
    return _clean_name(name.text) or None


def _bracket_source(sent) -> str | None:
    """'... Cyprus 1,040 (source: UNHCR).', '... Denmark €7.5bn (Kiel Institute).': a source in
    brackets closing the sentence, named as one or given as an organisation."""
    doc = sent.doc
    end = sent.end
    while end > sent.start and (doc[end - 1].text in (".", ";") or doc[end - 1].is_space):
        end -= 1
    if end - sent.start < 3 or doc[end - 1].text != ")":
        return None
    k = end - 2
    while k > sent.start and doc[k].text != "(":
        k -= 1
    inside = doc[k + 1 : end - 1]
    if doc[k].text != "(" or not 0 < len(inside) <= 8:
        return None
    if inside[0].lower_ in ("source", "sources", "data") and len(inside) > 2:
        return _clean_name(doc[inside[0].i + 2 : end - 1].text) or None  # "(source: UNHCR)"
    if any(t.ent_type_ == "ORG" for t in inside) and not any(t.like_num for t in inside):
        return _clean_name(inside.text) or None
    return None


def _heading_source(doc, sent, cache: dict) -> str | None:
    """Bullets under a heading that names the source: 'UNHCR figures as of 31 January show:',
    'key figures reported by OCHA', 'data from IOM's tracking matrix show:'."""
    key = ("heading of", sent.start)
    if key not in cache:
        cache[key] = _find_heading_source(doc, sent, cache)
    return cache[key]


def _find_heading_source(doc, sent, cache: dict) -> str | None:
    k = sent.start
    for _ in range(15):
        if k == 0 or "\n\n" in doc[k - 1].text_with_ws:
            return None
        prev = doc[k - 1].sent
        text = prev.text.rstrip()
        bullet = text[:1] in BULLET_MARKS
        if not bullet and (
            text.endswith(":") or "\n" in doc[prev.end - 1].text_with_ws and text[-1:] != "."
        ):
            key = ("heading", prev.start)
            if key not in cache:
                cache[key] = _heading_names(prev)
            if cache[key]:
                return cache[key]
        k = prev.start
    return None


def _heading_names(heading) -> str | None:
    doc = heading.doc
    for tok in heading:
        if _is_reporting(tok) or tok.lower_ in ("show", "shows", "showed"):
            who = _reporting_subject(tok, doc)
            if who:
                return who
    who = _according_to(heading)  # "According to the Gaza health ministry, as of Thursday:"
    if who:
        return who
    for tok in heading:
        if tok.lower_ not in SOURCE_NOUNS:
            continue
        k = tok.i  # "UNHCR figures", "OCHA figures": the capitalised words right before
        while k > heading.start and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha:
            k -= 1
        if k < tok.i:
            return _clean_name(doc[k : tok.i + 1].text)
    for tok in heading:
        if tok.lower_ in ("from", "by") and tok.head.lower_ in SOURCE_NOUNS | {"reported"}:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _speaker_text(pobj, doc)
    return None


def _split_tail(doc, sent) -> str | None:
    """'..., border police said.' cut off as a sentence of its own: the parser ended the
    figure's sentence at the comma, and the next one is only a source and its verb."""
    if sent.end >= len(doc) or "," not in (doc[sent.end - 1].text, doc[sent.end].text):
        return None
    tail = doc[sent.end].sent
    if len(tail) > 8 or any(_is_number_token(t) for t in tail):
        return None
    return _trailing_said(tail)


OPEN_QUOTES = frozenset({"\u201c", "\u00ab"})
CLOSE_QUOTES = frozenset({"\u201d", "\u00bb"})
STRAIGHT_QUOTES = frozenset({'"', "''", "``"})
QUOTE_OR_BREAK = re.compile("[\"\u201c\u201d\u00ab\u00bb]|''|``|\n")


def _quotations(doc, text: str) -> list[tuple[int, int]]:
    """(open, close) token positions of the quotations in the Doc; straight quotes pair up in
    order within a paragraph, curly ones by their direction."""
    out = []
    start = None
    marks = QUOTE_OR_BREAK.finditer(text)  # doc.text rebuilds the string on every call
    offsets = doc.to_array(IDX)
    for m in marks:
        tok = doc[int(numpy.searchsorted(offsets, m.start(), side="right")) - 1]
        text = tok.text
        if "\n" in text and start is not None and doc[start].text in STRAIGHT_QUOTES:
            start = None  # an unclosed straight quote does not run past its paragraph
        if text in OPEN_QUOTES or (text in STRAIGHT_QUOTES and start is None):
            start = tok.i
        elif (text in CLOSE_QUOTES or text in STRAIGHT_QUOTES) and start is not None:
            out.append((start, tok.i))
            start = None
    return out


def _quoted_speaker(doc, anchor, cache: dict) -> str | None:
    """The speaker of a quotation that runs over several sentences: the figure's sentence has no
    source of its own, but the quote's last sentence ends '...," the governor said.' or its first
    sentence opens 'The governor told reporters: "...'."""
    quotes = cache.get("quotes")
    if quotes is None:
        quotes = cache["quotes"] = _quotations(doc, cache.get("text") or doc.text)
    for open_i, close_i in quotes:
        if not open_i < anchor.i < close_i:
            continue
        sent = anchor.sent
        if open_i >= sent.start and close_i < sent.end:
            return None  # a quote within the sentence: the rules above had their chance
        closing = doc[close_i].sent
        for tok in closing:
            if tok.i > close_i and _is_reporting(tok) and not _introduces_clause(tok):
                who = _reporting_subject(tok, doc)
                if who:
                    return who
        opening = doc[open_i].sent
        for tok in opening:
            if tok.i < open_i and _is_reporting(tok):
                who = _reporting_subject(tok, doc)
                if who:
                    return who
        return None
    return None


def _trailing_said(sent) -> str | None:
    """A trailing ', X said.' with no clause of its own: it covers every figure in its sentence."""
    doc = sent.doc
    for tok in sent:
        if _is_reporting(tok) and not _introduces_clause(tok) and _is_trailing(tok):
            who = _reporting_subject(tok, doc)
            if who:
                return who
    return None


def _according_to(sent) -> str | None:
    doc = sent.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                who = _speaker_text(pobj, doc)
                if who:
                    return who
    return None


def _headline_source(sent) -> str | None:
    """A headline's source after a closing dash: '... fleeing into Chad -UNHCR', '... - IOM'."""
    doc = sent.doc
    end = sent.end
    while end > sent.start and doc[end - 1].text in (".", "!", "?"):
        end -= 1
    k = end - 1
    words = []
    while k > sent.start and len(words) < 5:
        t = doc[k]
        if t.text[:1] in HYPHENS and len(t.text) > 1 and t.text[1:2].isupper():
            words.insert(0, t.text[1:])  # "-UNHCR" in one token
            break
        if t.text in HYPHENS:
            break
        if not (t.text[:1].isupper() or (words and t.lower_ in ("of", "for", "and"))):
            return None
        words.insert(0, t.text)
        k -= 1
    else:
        return None
    if not words or k <= sent.start or not doc[k - 1].whitespace_ and doc[k].text in HYPHENS:
        return None
    return " ".join(words) if words[0][:1].isupper() else None


def _trailing_sources(sent) -> list[tuple[int, str]]:
    """Reporting verbs set off by a comma that the parser tied to another clause, with their
    position (they cover the figures before them): 'X, the OBR said, as costs climb',
    'X, a UN official told Reuters'."""
    out = []
    last_word = max((t.i for t in sent if not t.is_punct), default=-1)
    for tok in sent:
        closing_acl = tok.dep_ == "acl" and tok.i == last_word  # ", a REACH assessment found."
        if _is_reporting(tok) and (_is_trailing(tok) or closing_acl):
            who = _reporting_subject(tok, doc=tok.doc)
            if who:
                out.append((tok.i, who))
    # "..., interior ministry data show.": the tagger read the closing verb as a noun
    doc = sent.doc
    end = sent.end
    while end > sent.start and doc[end - 1].is_punct:
        end -= 1
    last = doc[end - 1]
    if last.pos_ == "NOUN" and last.lower_.rstrip("s") in REPORTING_VERBS:
        span = _left_span(last)
        if span and span[0] > sent.start and doc[span[0] - 1].text == ",":
            who = _clean_name(doc[span[0] : span[1]].text)
            if who:
                out.append((last.i, who))
    return out


def _is_trailing(verb) -> bool:
    """'..., the ministry said.' / '..., said the ministry.' / '..., police told AFP.'

    The attribution phrase (subject and verb) follows a comma or a quote and the verb reports
    nothing of its own to its right (no object, except the listener of 'tell', no clause)."""
    for c in verb.children:
        if (
            c.i > verb.i
            and c.dep_ in ("dobj", "xcomp", "ccomp")
            and not (c.dep_ == "dobj" and _lemma(verb) in LISTENER_VERBS)
            and not (c.dep_ == "ccomp" and not _reported_clause(c))
        ):
            return False
    doc = verb.doc
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if subjects:
        # the subject nearest the verb: the parser may also hang the figure on it as a subject
        start = subjects[-1].left_edge.i
    else:
        lefts = [c for c in verb.children if c.dep_ in ("compound", "amod") and c.i < verb.i]
        start = lefts[0].left_edge.i if lefts else verb.i
    while start < verb.i and doc[start].is_punct:
        start += 1
    before = start - 1
    return before >= verb.sent.start and doc[before].text in (",", '"', "”", "“", "'", ";")


def _counted_text(doc, core_end: int, head) -> str:
    if head is None:
        return ""
    start = core_end
    if start < len(doc) and doc[start].lower_ == "of":
        start += 1
    words = [
        t.text
        for t in doc[start : head.i + 1]
        if t.pos_ not in ("DET",)
        and t.dep_ not in ("poss", "det", "predet", "case")
        and not t.is_punct
    ]
    return " ".join(words).strip()


def _money_counted(doc, core: dict, e: int) -> str:
    """'billions of euros in financial aid' -> 'financial aid'; else the currency noun."""
    if e < len(doc) and doc[e].lower_ in ("in", "of", "for"):
        pobj = next((c for c in doc[e].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.i <= e + 5 and pobj.pos_ in ("NOUN", "PROPN"):
            words = [t.text for t in doc[e + 1 : pobj.i + 1] if t.dep_ not in ("det", "poss")]
            return " ".join(words)
    k = core.get("cur_tok")
    return doc[k].text if k is not None else ""


def _subject_counted(anchor) -> str:
    verb = _governing_verb(anchor)
    if verb is None or _lemma(verb) not in MEASURE_VERBS:
        return ""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON" or subj.i > anchor.i:
        return ""
    toks = [
        t
        for t in subj.subtree
        if t.dep_ not in ("det", "poss", "relcl", "punct") and t.i <= subj.i + 4
    ]
    return " ".join(t.text for t in toks)[:80]


LIST_GAP_POS = frozenset({"ADP", "DET", "PROPN", "PUNCT", "CCONJ"})


def _continued_figure(doc, anchor, s: int, spans):
    """Index into `spans` of the earlier figure a bare figure continues (or None), and whether
    the parse links the two (else they are only adjacent).

    '2,000 asylum seekers in Lesbos, 1,500 in Samos and about 600 on Chios': list items joined
    by conj/appos to the counted figure; '3,000 soldiers of the 5,000 pledged' (a partitive on
    the counted noun); '... had fled, of whom more than 1.8 million went to Poland'; or only
    places, prepositions, commas and 'and' between the two figures."""
    same = [sp for sp in spans if sp[0] == anchor.sent.start and sp[2] <= s and sp[3] is not None]
    if not same:
        return None, False

    def owner(k: int):
        for sp in reversed(same):
            if sp[1] <= k <= sp[3]:
                return sp
        return None

    t = anchor
    for _ in range(6):
        if t.dep_ in ("conj", "appos"):
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.dep_ == "prep":
            t = t.head.head
        else:
            break
        sp = owner(t.i)
        if sp is not None:
            return sp[4], True
    last = same[-1]
    k = s - 1
    if k >= 1 and doc[k].lower_ in ("whom", "which") and doc[k - 1].lower_ == "of":
        return last[4], True  # "of whom more than 1.8 million"
    if k >= 0 and doc[k].lower_ == "including" and doc[k].head.i < s:
        return last[4], False  # "3.5 million people displaced, including 700,000 around Goma"
    window = doc[max(anchor.sent.start, last[2], s - 6) : s]
    if any(_lemma(t) in TOTAL_WORDS for t in window) or (
        k >= 1 and doc[k].lower_ == "from" and doc[k - 1].lower_ in ("up", "down")
    ):
        # "..., bringing the total to roughly 54,000", "down from a peak of 3.7 million",
        # "a figure aid agencies put at about 1 million": the same quantity again, unless the
        # words say what it is ("the death toll stands at 242")
        return last[4], False
    gap = doc[last[2] : s]
    if (
        len(gap) > 0
        and any(t.text in (",", ";") or t.pos_ == "CCONJ" for t in gap)
        and all(t.pos_ in LIST_GAP_POS or t.ent_type_ in PLACE_LABELS for t in gap)
        and not any(t.ent_type_ in ("DATE", "TIME") for t in gap)
    ):
        return last[4], False
    return None, False


def _header_category(doc, sent, s: int) -> str | None:
    """A bare figure under a heading: "IDPs by state: Adamawa: 210,000", "Refugees from Ukraine
    recorded across Europe: 6.0 million" take the category of the heading's noun, whether the
    heading shares the figure's sentence or the parser ended it at its colon."""
    colon = next((t.i for t in sent if t.i < s and t.text == ":"), None)
    if colon is not None:
        cat = _noun_category_in(doc[sent.start : colon])
        if cat:
            return cat
    k = sent.start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0 or doc[k].text != ":":
        return None
    return _noun_category_in(doc[doc[k].sent.start : k])


def _noun_category_in(span) -> str | None:
    for t in span:
        if t.pos_ in ("NOUN", "PROPN"):
            cat = _category_of_words([_lemma(t), t.lower_], CAT_NOUNS)
            if cat:
                return cat
    return None


# -------------------------------------------------------------------------------------- driver
def figures_in_doc(doc) -> list[dict]:
    """Every claim-like figure in the Doc as a plain dict (no spaCy objects)."""
    found: list[dict] = []
    spans: list[tuple[int, int, int, int | None, int]] = []
    doc_text = doc.text
    sources: dict = {"text": doc_text}
    next_i = 0
    places = None
    dates = None
    dominant = None
    lower_prefix = doc.to_array([LOWER, PREFIX])
    starts = numpy.flatnonzero(
        numpy.isin(lower_prefix[:, 0], TRIGGER_HASHES)
        | numpy.isin(lower_prefix[:, 1], DIGIT_HASHES)
    )
    for i in starts.tolist():
        if i < next_i:
            continue
        core = _scan_core(doc, i)
        if core is None:
            continue
        _extend_units(doc, core)
        _extend_range(doc, core)
        if core["unit"] == "count" and core["kind"] in ("exact", "range"):
            _extend_units(doc, core)
        s, e = core["s"], core["e"]
        qualifier = {"exact": "exact", "range": "range", "vague": "vague", "ratio": "exact"}[
            core["kind"]
        ]
        q = None if core.get("between") else _qualifier_before(doc, s)
        if q:
            s = q[0]
            if core["kind"] in ("exact", "ratio"):
                qualifier = q[1]
        else:
            after = _qualifier_after(doc, e)
            if after and core["kind"] == "exact":
                e = core["e"] = after[0]
                qualifier = after[1]
        head_i, end = _counted_head(doc, core)
        head = doc[head_i] if head_i is not None else None
        core["head_tok"] = head
        if _excluded(doc, doc_text, core, s, max(end, e), head):
            next_i = max(core["e"], i + 1)
            continue
        e = max(end, e)
        value, low_b, high_b = core["value"], core["low"], core["high"]
        if qualifier == "approximate":
            low_b = high_b = None
        elif qualifier == "more_than":
            high_b = None
        elif qualifier in ("less_than", "nearly"):
            low_b = None
        if places is None:
            places = _place_entities(doc)
            dates = _date_entities(doc)
            dominant = _dominant_place(places)
        anchor = _span_root(doc, s, e)
        category = _category(anchor, head, core.get("currency"), core["unit"], core["e"])
        if category in ("other", "population") and _text(doc, core["s"], core["e"]).lower() in (
            "one",
            "a",
            "an",
        ):
            next_i = max(core["e"], i + 1)
            continue  # "an attack on one member": a lone "one" is a figure only for a casualty
        if core.get("currency"):
            counted = _money_counted(doc, core, e)
        elif head is not None:
            counted = _counted_text(doc, core["e"], head)
        else:
            counted = _subject_counted(anchor)
        sent = anchor.sent
        own_head = head_i
        if head is None and core["unit"] == "count" and _noun_before(anchor, head) is None:
            source, linked = _continued_figure(doc, anchor, s, spans)
            if source is not None and not linked and found[source]["category"] == "other":
                # "800 people crossed in 15 small boats, taking the total to 25,000": the total
                # goes with the last figure that says what it counts
                same_sentence = [
                    k for k in range(source, -1, -1) if found[k]["sentence"] == sent.text.strip()
                ]
                source = next((k for k in same_sentence if found[k]["category"] != "other"), source)
            if source is not None and (linked or category == "other"):
                category, counted = found[source]["category"], found[source]["counted"]
                own_head = e - 1  # a list item can pass its noun on: "1,500 in Samos and 600"
        if category == "other" and head is None and core["unit"] == "count":
            category = _header_category(doc, sent, s) or category
        if category == "other" and s > 0 and doc[s - 1].lower_ == "including" and _personish(head):
            # "killed at least 42 people, including 17 children": part of the figure before
            earlier = [f for f in found if f["sentence"] == sent.text.strip()]
            if earlier and earlier[-1]["category"] != "other":
                category = earlier[-1]["category"]
        if core["unit"] == "count" and not core.get("currency"):
            spans.append((sent.start, s, e, own_head, len(found)))
        found.append(
            {
                "surface": doc_text[doc[s].idx : _tok_end(doc[e - 1])],
                "start": doc[s].idx,
                "end": _tok_end(doc[e - 1]),
                "sentence": sent.text.strip(),
                "value": value,
                "low": low_b,
                "high": high_b,
                "qualifier": qualifier,
                "category": category,
                "counted": counted,
                "unit": core["unit"],
                "currency": core.get("currency"),
                "location": _location(
                    doc,
                    places,
                    s,
                    e,
                    anchor,
                    head,
                    dominant,
                    money=bool(core.get("currency")),
                ),
                "time_text": _time_text(doc, dates, s, e, anchor),
                "attributed_to": _attribution(doc, anchor, sources),
            }
        )
        next_i = max(core["e"], i + 1) if head is not None and end <= core["e"] else max(e, i + 1)
    _article_topic(found)
    return found


GENERIC_PEOPLE = frozenset(
    {"people", "person", "persons", "children", "men", "women", "families", "individuals"}
    | {"adults", "minors", "civilians", "residents", "others"}
)


def _article_topic(found: list[dict]) -> None:
    """In an article about one thing, a figure with no cue of its own is about that thing:
    a migration story's "12,900 in August" counts arrivals. When at least three figures say
    displacement (or casualties) and they are most of the figures that say anything, the
    "other" counts of people or of nothing take that category."""
    said = Counter(
        f["category"] for f in found if f["unit"] == "count" and f["category"] != "other"
    )
    if not said:
        return
    top, n = said.most_common(1)[0]
    if top not in ("displacement", "casualties") or n < 3 or n < 0.6 * sum(said.values()):
        return
    for f in found:
        if f["category"] != "other" or f["unit"] != "count" or f["currency"]:
            continue
        counted = (f["counted"] or "").lower().split()
        if not counted or counted[-1] in GENERIC_PEOPLE or counted[0] in TOTAL_WORDS:
            f["category"] = top  # "12,900", "2,000 people", "the total for the year"


def magnitude(value: float | None) -> str:
    if value is None or value <= 0:
        return ""
    return str(int(math.floor(math.log10(value))))
