"""Reference check: compare a claimed figure with published reference figures.

Plain values in (ClaimFacts, ReferenceFacts), frozen dataclasses out; no Django.

Selection rule (`select_references`), in this order:

1. Same category; same unit (people, or the claim's currency for money: no currency conversion).
2. Compatible counted noun (`counted_compatible`): refugees are not asylum-seekers, a count of
   children is not a count of everyone, "people" matches displaced people or refugees loosely.
3. Same place (`place_key`), or a place reporters use for it (`RELATED_PLACES`, e.g. a claim
   about Idlib may be checked against OCHA's north-west Syria figures, ranked lower).
4. Same origin when the claim has one ("Syrian refugees" needs rows about people from Syria;
   "refugees hosted (all origins)" is then left out). A claim without an origin may use rows with
   one, ranked lower.
5. What the writer could have known, judged against the article's date:
   - published on or before the article date: best;
   - published later, but about a period that ended before the article date: allowed and said so.
     This is how database releases are treated: UNHCR's database rows carry the date of the data
     release we used (2026-06-25), but an end-2019 stock described the world as it was before a
     March 2020 article ("knowable in substance"), even though later releases may revise it;
   - publication date unknown and the period ended on or before the article date: allowed, lower;
   - about a period that ends after the article date: left out (not knowable).
6. Stock vs flow: when the claim's period is known, a flow (a span) is never compared with a stock
   (one date). When it is unknown, flows rank below stocks.

Ranking among candidates: flows after stocks when the claim's period is unknown, then
counted-noun specificity, place, origin, knowability, nearness of the reference period to the
claim's time (its period, else the article date), and last precision (an exact count before a
rounded "almost X").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .bounds import (
    EXACT_TOLERANCE,
    NEARLY_OVERSHOOT,
    acceptance,
    claim_anchor,
    format_number,
    format_percent,
    point,
    qualifier_tolerance,
    reading,
    reference_wording,
    wording,
)
from .facts import ClaimFacts, ReferenceFacts

SUPPORTS = "supports"
CONTRADICTS = "contradicts"
INCONCLUSIVE = "inconclusive"

# ---------------------------------------------------------------------------------------------
# Places

# Canonical name -> the spellings, official names and demonyms that mean it. Matching is done on a
# normalised form (accents removed, case folded, hyphens and slashes as spaces).
PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    "Turkey": (
        "Turkey",
        "Türkiye",
        "Turkiye",
        "Republic of Türkiye",
        "Republic of Turkey",
        "Turkish",
        "Turks",
    ),
    "Syria": ("Syria", "Syrian Arab Republic", "Syrian", "Syrians"),
    "Greece": ("Greece", "Hellenic Republic", "Greek", "Greeks"),
    "Lebanon": ("Lebanon", "Lebanese Republic", "Lebanese"),
    "Jordan": ("Jordan", "Hashemite Kingdom of Jordan", "Jordanian", "Jordanians"),
    "Iraq": ("Iraq", "Republic of Iraq", "Iraqi", "Iraqis"),
    "Egypt": ("Egypt", "Arab Republic of Egypt", "Egyptian", "Egyptians"),
    "Germany": ("Germany", "Federal Republic of Germany", "German", "Germans"),
    "Afghanistan": ("Afghanistan", "Afghan", "Afghans"),
    "Russia": ("Russia", "Russian Federation", "Russian", "Russians"),
    "Idlib": (
        "Idlib",
        "Idleb",
        "Idlib governorate",
        "Idleb governorate",
        "Idlib province",
        "Idleb province",
        "Idlib region",
        "Idlib area",
        "Idleb area",
        "Idlib city",
    ),
    "Aleppo": ("Aleppo", "Aleppo governorate", "Aleppo province"),
    "north-west Syria": (
        "north-west Syria",
        "northwest Syria",
        "northwestern Syria",
        "north-western Syria",
        "NW Syria",
        "Syria's north-west",
        "Syria's northwest",
        "the north-west of Syria",
        "the northwest of Syria",
    ),
    "north-east Syria": (
        "north-east Syria",
        "northeast Syria",
        "northeastern Syria",
        "north-eastern Syria",
        "NE Syria",
        "Syria's north-east",
        "Syria's northeast",
    ),
    "Turkey-Greece border": (
        "Turkey-Greece border",
        "Greece-Turkey border",
        "Turkish-Greek border",
        "Greek-Turkish border",
        "Turkey-Greece land border",
        "Turkish-Greek land border",
        "border between Turkey and Greece",
        "border between Greece and Turkey",
        "Greek border with Turkey",
        "Turkey's border with Greece",
    ),
    "Europe": ("Europe", "European"),
    "World": ("World", "worldwide", "global", "globally", "the world"),
}

# A claim about the key may be checked against figures for these places (ranked lower): OCHA's
# north-west Syria figures are what reporters mean by "Idlib" displacement.
RELATED_PLACES: dict[str, tuple[str, ...]] = {
    "Idlib": ("north-west Syria",),
}

# Adjective used to describe people from a place, for explanations ("Syrian refugees").
DEMONYMS: dict[str, str] = {
    "Turkey": "Turkish",
    "Syria": "Syrian",
    "Greece": "Greek",
    "Lebanon": "Lebanese",
    "Jordan": "Jordanian",
    "Iraq": "Iraqi",
    "Egypt": "Egyptian",
    "Germany": "German",
    "Afghanistan": "Afghan",
    "Russia": "Russian",
}

_GENERIC_PLACE_WORDS = ("province", "governorate", "region", "area", "city", "country")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("\u2019", "'").replace("ı", "i")
    text = re.sub(r"[-\u2010-\u2015/_]+", " ", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


_ALIAS_INDEX: dict[str, str] = {
    _normalise(alias): canonical
    for canonical, aliases in PLACE_ALIASES.items()
    for alias in (canonical, *aliases)
}


def place_key(name: str | None) -> str | None:
    """The canonical name of a place ("Türkiye" -> "Turkey", "Syrian" -> "Syria").

    Parenthesised detail is dropped ("Turkey (Edirne province)" -> "Turkey") and so is a trailing
    "province"/"governorate" when that leaves a known place. Names not in the table come back in
    normalised lower case, so two spellings of an unknown place still compare equal.
    """
    if not name or not name.strip():
        return None
    candidates = [name, re.sub(r"\s*\([^)]*\)", " ", name)]
    for candidate in candidates:
        norm = _normalise(candidate)
        if norm in _ALIAS_INDEX:
            return _ALIAS_INDEX[norm]
        words = norm.split()
        while words and words[-1] in _GENERIC_PLACE_WORDS:
            words.pop()
            if " ".join(words) in _ALIAS_INDEX:
                return _ALIAS_INDEX[" ".join(words)]
    return _normalise(candidates[1]) or None


def origin_from_counted(counted: str | None) -> str | None:
    """The origin named in a counted noun phrase ("Syrian refugees" -> "Syria"), if any.

    Only demonyms and "from X" count: in "refugees in Turkey" Turkey is where they are, not where
    they come from.
    """
    if not counted:
        return None
    norm = _normalise(counted)
    match = re.search(r"\bfrom ([\w' ]+)", norm)
    if match:
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            key = _ALIAS_INDEX.get(" ".join(words[:size]))
            if key:
                return key
    for word in norm.split():
        if word in _DEMONYM_INDEX:
            return _DEMONYM_INDEX[word]
    return None


_DEMONYM_INDEX: dict[str, str] = {}
for _place, _adjective in DEMONYMS.items():
    for _alias in PLACE_ALIASES[_place]:
        _norm_alias = _normalise(_alias)
        if " " not in _norm_alias and _norm_alias != _normalise(_place):
            _DEMONYM_INDEX[_norm_alias] = _place

# ---------------------------------------------------------------------------------------------
# What is counted

# Core families of counted nouns. A phrase may belong to several ("refugees and asylum-seekers").
# Words for people in general ("people", "population", "residents") belong to none.
_CORE_FAMILIES: dict[str, str] = {
    "refugees": r"\brefugees?\b",
    "temporary_protection": r"\btemporary protection\b",
    "asylum_seekers": r"\basylum seekers?\b|\bpending applications\b",
    "idps": r"\binternally displaced\b|\bidps?\b",
    "displaced": r"(?<!internally )\bdisplaced\b|\bfled\b|\bflee(?:ing)?\b|\buprooted\b"
    r"|\bdisplacement\b",
    "displacement_events": r"\bdisplacements\b",
    "migrants": r"\bmigrants?\b",
    "troops": r"\btroops\b|\bsoldiers?\b|\bfighters\b|\bservicemen\b|\bpersonnel\b",
    "civilians": r"\bcivilians?\b",
    "money": r"\bfunding\b|\baid\b|\bfacility\b|\bappeal\b|\bbudget\b|\bfinancial\b"
    r"|\bmoney\b|\brequirement\b|\bfunds?\b|\beuros?\b|\bdollars?\b",
}
# Words that narrow what is counted; both sides must carry the same ones.
_MODIFIERS: dict[str, str] = {
    "children": r"\bchildren\b|\bminors\b",
    "women": r"\bwomen\b",
    "killed": r"\bkilled\b|\bdead\b|\bdeaths?\b|\bdied\b|\bmurder\w*|\bfatalit\w*",
    "wounded": r"\bwounded\b|\binjured\b",
    "neutralized": r"\bneutrali[sz]ed\b",
    "arrivals": r"\barriv\w*",
    "in_need": r"\bin need\b",
    "camps": r"\bcamps?\b|\baccommodation cent\w*",
    "new": r"\bnew(?:ly)?\b",
    "disbursed": r"\bdisbursed\b|\bpaid\b",
    "contracted": r"\bcontracted\b",
    "committed": r"\bcommitted\b",
    "requested": r"\brequired\b|\brequested\b|\brequirement\b",
    "received": r"\breceived\b",
    "share": r"\bshare\b|\bcontributions?\b",
    "tranche": r"\btranche\b",
    "destination": r"\bmoved to\b",
}
# Related families: (claim family, reference family) -> specificity (2 close, 1 loose).
_RELATED_FAMILIES: dict[tuple[str, str], int] = {
    ("refugees", "temporary_protection"): 2,
    ("temporary_protection", "refugees"): 2,
    ("displaced", "idps"): 2,
    ("idps", "displaced"): 2,
    ("displaced", "refugees"): 1,
    ("refugees", "displaced"): 1,
    ("refugees", "migrants"): 1,
    ("migrants", "refugees"): 1,
}
_FAMILY_WORDS = {
    "refugees": "refugees",
    "temporary_protection": "people under temporary protection",
    "asylum_seekers": "asylum-seekers",
    "idps": "internally displaced people",
    "displaced": "displaced people",
    "displacement_events": "displacement events",
    "migrants": "migrants",
    "troops": "troops",
    "civilians": "civilians",
    "money": "money",
}


@dataclass(frozen=True)
class CountedMatch:
    """Whether two counted noun phrases count the same thing, and how closely (0..3)."""

    compatible: bool
    specificity: int
    reason: str

    def __bool__(self) -> bool:
        return self.compatible


def _tags(text: str, table: dict[str, str]) -> frozenset[str]:
    norm = _normalise(text)
    return frozenset(name for name, pattern in table.items() if re.search(pattern, norm))


def counted_compatible(claim_counted: str | None, ref_counted: str | None) -> CountedMatch:
    """Do the claim and the reference count the same kind of thing?

    Specificity 3: same family ("Syrian refugees" / "refugees hosted (all origins)");
    2: close definitions (refugees / Syrians under temporary protection; displaced / IDPs);
    1: loose (people in general / displaced people; refugees / migrants; a wider reference such as
    "refugees and asylum-seekers"). Different families (refugees / asylum-seekers) or different
    narrowing words (children, killed, arrivals, disbursed ...) are not compatible.
    """
    claim_text, ref_text = claim_counted or "", ref_counted or ""
    claim_mods, ref_mods = _tags(claim_text, _MODIFIERS), _tags(ref_text, _MODIFIERS)
    claim_core, ref_core = _tags(claim_text, _CORE_FAMILIES), _tags(ref_text, _CORE_FAMILIES)
    if "money" in claim_core or "money" in ref_core:
        # Money phrases name programmes, not people: only what stage of the money it is matters.
        claim_core = ref_core = frozenset({"money"})
    if claim_mods != ref_mods:
        extra = sorted(claim_mods ^ ref_mods)
        return CountedMatch(
            False, 0, f"one side counts only {', '.join(extra)} and the other does not"
        )
    if not claim_core:
        if not ref_core:
            return CountedMatch(True, 2, "both count people in general")
        return CountedMatch(
            True, 1, f"the claim counts people in general, the reference {_words(ref_core)}"
        )
    if not ref_core:
        return CountedMatch(
            True, 1, f"the claim counts {_words(claim_core)}, the reference people in general"
        )
    if claim_core == ref_core:
        return CountedMatch(True, 3, f"both count {_words(claim_core)}")
    if claim_core < ref_core:
        wider = _words(ref_core - claim_core)
        return CountedMatch(True, 1, f"the reference also counts {wider}")
    best = 0
    for claim_family in claim_core:
        for ref_family in ref_core:
            best = max(best, _RELATED_FAMILIES.get((claim_family, ref_family), 0))
    if best:
        closeness = "a close definition" if best == 2 else "loosely"
        return CountedMatch(
            True,
            best,
            f"the claim counts {_words(claim_core)}, the reference {_words(ref_core)} "
            f"({closeness})",
        )
    return CountedMatch(
        False, 0, f"the claim counts {_words(claim_core)}, the reference {_words(ref_core)}"
    )


def _words(families: Iterable[str]) -> str:
    return " and ".join(_FAMILY_WORDS[f] for f in sorted(families))


# ---------------------------------------------------------------------------------------------
# Selection

PUBLISHED_BEFORE = "published_before"
LATER_RELEASE = "later_release"
DATE_UNKNOWN = "date_unknown"
NO_ARTICLE_DATE = "no_article_date"
_KNOWABILITY_RANK = {PUBLISHED_BEFORE: 0, NO_ARTICLE_DATE: 0, LATER_RELEASE: 1, DATE_UNKNOWN: 2}


@dataclass(frozen=True)
class RankedReference:
    reference: ReferenceFacts
    counted: CountedMatch
    same_place: bool
    origin_matches: bool
    knowability: str
    distance_days: float | None
    kind_mismatch_unknown: bool
    reasons: tuple[str, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        ref = self.reference
        bounded = ref.value is None or ref.low is not None or ref.high is not None
        return (
            self.kind_mismatch_unknown,
            -self.counted.specificity,
            not self.same_place,
            not self.origin_matches,
            _KNOWABILITY_RANK[self.knowability],
            math.inf if self.distance_days is None else self.distance_days,
            bounded,
            str(ref.id),
        )


def select_references(claim: ClaimFacts, refs: Iterable[ReferenceFacts]) -> list[RankedReference]:
    """Reference figures a claim can be checked against, best first, each with its reasons.

    Rows that fail a rule in the module docstring are left out; of a series only the figure
    nearest the claim's time is kept.
    """
    ranked = [r for r in (_rank(claim, ref) for ref in refs) if r is not None]
    ranked.sort(key=lambda r: r.sort_key)
    # Within one series keep only the figure nearest the claim's time: an end-2018 stock is
    # superseded by the end-2019 one (same publisher, dataset and counted group), and a cumulative
    # count "since 1 December 2019" by a later count since the same day, whoever published it.
    seen: set[tuple] = set()
    kept = []
    for candidate in ranked:
        ref = candidate.reference
        where = (place_key(ref.location), ref.origin)
        if _is_flow(ref.period_start, ref.period_end):
            families = (_tags(ref.counted, _CORE_FAMILIES), _tags(ref.counted, _MODIFIERS))
            series = ("flow", *where, ref.period_start, *families)
        else:
            series = ("stock", *where, ref.publisher, ref.dataset, ref.counted)
        if series not in seen:
            seen.add(series)
            kept.append(candidate)
    return kept


def _rank(claim: ClaimFacts, ref: ReferenceFacts) -> RankedReference | None:
    if ref.category != claim.category:
        return None
    if not _same_unit(claim, ref):
        return None
    counted = counted_compatible(claim.counted, ref.counted)
    if not counted:
        return None

    claim_place, ref_place = place_key(claim.location), place_key(ref.location)
    if claim_place is None or ref_place is None:
        return None
    same_place = claim_place == ref_place
    if not same_place and ref_place not in RELATED_PLACES.get(claim_place, ()):
        return None

    claim_origin = place_key(claim.origin) if claim.origin else origin_from_counted(claim.counted)
    ref_origin = place_key(ref.origin) if ref.origin else origin_from_counted(ref.counted)
    if claim_origin is not None and ref_origin != claim_origin:
        return None
    origin_matches = claim_origin == ref_origin

    claim_is_flow = _is_flow(claim.period_start, claim.period_end)
    ref_is_flow = _is_flow(ref.period_start, ref.period_end)
    if claim_is_flow is not None and ref_is_flow is not None and claim_is_flow != ref_is_flow:
        return None
    kind_mismatch_unknown = claim_is_flow is None and bool(ref_is_flow)

    knowability, knowability_reason = _knowability(claim.published_on, ref)
    if knowability is None:
        return None

    reasons = [f"same category ({ref.category})", f"counted: {counted.reason}"]
    if same_place:
        reasons.append(f"same place ({claim_place})")
    else:
        reasons.append(
            f"{ref.location} figure used for {claim_place} (related place, ranked lower)"
        )
    if claim_origin is not None:
        reasons.append(f"same origin ({claim_origin})")
    elif ref_origin is not None:
        reasons.append(f"the reference counts only people from {ref_origin}")
    if kind_mismatch_unknown:
        reasons.append("the reference counts a flow over a period; the claim's period is unknown")
    reasons.append(knowability_reason)
    distance = _distance_days(claim, ref)
    if distance is not None:
        reasons.append(f"{distance:.0f} days from the claim's time")
    return RankedReference(
        reference=ref,
        counted=counted,
        same_place=same_place,
        origin_matches=origin_matches,
        knowability=knowability,
        distance_days=distance,
        kind_mismatch_unknown=kind_mismatch_unknown,
        reasons=tuple(reasons),
    )


def _same_unit(claim: ClaimFacts, ref: ReferenceFacts) -> bool:
    if claim.category == "money" or claim.currency:
        return claim.currency is None or claim.currency.upper() == (ref.unit or "").upper()
    return (claim.unit or "people") == (ref.unit or "people")


def _is_flow(start: date | None, end: date | None) -> bool | None:
    if start is None or end is None:
        return None
    return start != end


def _knowability(article_date: date | None, ref: ReferenceFacts) -> tuple[str | None, str]:
    period_end = ref.period_end or ref.period_start
    if article_date is None:
        return NO_ARTICLE_DATE, "article date unknown: knowability not judged"
    if period_end is not None and period_end > article_date:
        return None, f"about a period ending {period_end}, after the article"
    if ref.published_on is not None and ref.published_on <= article_date:
        return PUBLISHED_BEFORE, f"published {ref.published_on}, on or before the article date"
    if ref.published_on is not None:
        if period_end is None or period_end >= article_date:
            return None, f"published {ref.published_on}, after the article"
        return LATER_RELEASE, (
            f"published {ref.published_on} (a later release), but about a period that ended "
            f"{period_end}, before the article: knowable in substance, though later releases "
            "may have revised it"
        )
    return DATE_UNKNOWN, "publication date unknown (ranked lower)"


def _claim_time(claim: ClaimFacts) -> tuple[date, date] | None:
    start = claim.period_start or claim.period_end or claim.published_on
    end = claim.period_end or claim.period_start or claim.published_on
    if start is None or end is None:
        return None
    return start, end


def _distance_days(claim: ClaimFacts, ref: ReferenceFacts) -> float | None:
    claim_time = _claim_time(claim)
    ref_start = ref.period_start or ref.period_end
    ref_end = ref.period_end or ref.period_start
    if claim_time is None or ref_start is None or ref_end is None:
        return None
    return (abs((claim_time[0] - ref_start).days) + abs((claim_time[1] - ref_end).days)) / 2


# ---------------------------------------------------------------------------------------------
# Comparison


@dataclass(frozen=True)
class Comparison:
    outcome: str
    rule: str
    qualifier: str
    claim_value: float | None
    claim_low: float | None
    claim_high: float | None
    reference_id: int | str | None
    reference_value: float | None
    reference_low: float | None
    reference_high: float | None
    reference_point: float | None
    relative_difference: float | None
    tolerance: float
    explanation: str
    reference: ReferenceFacts


def compare(
    claim: ClaimFacts, ref: ReferenceFacts, tolerance: float = EXACT_TOLERANCE
) -> Comparison:
    """Compare one claim with one reference figure following the claim's qualifier.

    exact: within `tolerance`; approximate and the lower side of nearly: twice that
    (EXACT_TOLERANCE / APPROXIMATE_TOLERANCE in bounds.py); more_than X: reference >= X;
    less_than X: reference <= X; nearly X: between X minus the approximate tolerance and X plus
    NEARLY_OVERSHOOT; range: within [low, high] widened by `tolerance`; vague: within its bounds.
    A bounded reference ("almost 3.6 million") is read as an interval (bounds.reading) and must
    lie wholly inside the claim's acceptance interval to support it, wholly outside to contradict.
    """
    q = claim.qualifier
    t = qualifier_tolerance(q, tolerance)
    accept = acceptance(q, claim.value, claim.low, claim.high, tolerance)
    band = (
        t
        if q in ("exact", "approximate", "nearly", "range")
        else qualifier_tolerance("approximate", tolerance)
    )
    ref_reading = reading(ref.value, ref.low, ref.high, band)
    ref_point = point(ref.value, ref.low, ref.high)
    unit = claim.currency or (ref.unit if ref.unit != "people" else None)
    rule = _rule_text(q, claim, t, unit)

    if accept is None or ref_reading is None:
        missing = "the claim" if accept is None else "the reference"
        return _comparison(
            claim,
            ref,
            INCONCLUSIVE,
            rule,
            ref_point,
            None,
            tolerance,
            f"{_ref_sentence(ref)}; {missing} carries no number that can be compared.",
        )

    if accept.contains(ref_reading):
        outcome = SUPPORTS
    elif not accept.meets(ref_reading):
        outcome = CONTRADICTS
    else:
        outcome = INCONCLUSIVE
    difference = _relative_difference(q, claim, ref_point)
    gap = _gap_text(q, outcome, difference, t, ref, ref_reading, accept)
    explanation = f"{_ref_sentence(ref)}; the claim says {_claim_words(claim, unit)}: {gap}."
    return _comparison(claim, ref, outcome, rule, ref_point, difference, tolerance, explanation)


def _comparison(claim, ref, outcome, rule, ref_point, difference, tolerance, explanation):
    return Comparison(
        outcome=outcome,
        rule=rule,
        qualifier=claim.qualifier,
        claim_value=claim.value,
        claim_low=claim.low,
        claim_high=claim.high,
        reference_id=ref.id,
        reference_value=ref.value,
        reference_low=ref.low,
        reference_high=ref.high,
        reference_point=ref_point,
        relative_difference=difference,
        tolerance=tolerance,
        explanation=explanation,
        reference=ref,
    )


def _relative_difference(q: str, claim: ClaimFacts, ref_point: float | None) -> float | None:
    """(reference - claimed edge) / claimed edge; positive when the reference is higher.

    The claimed edge is the number the qualifier tests: the minimum of "more than", the maximum
    of "less than"/"nearly", the value of exact/approximate claims, and the nearer end of a range
    (0 when the reference is inside it).
    """
    if ref_point is None:
        return None
    if q in ("range", "vague") and claim.low is not None and claim.high is not None:
        if ref_point < claim.low:
            edge = claim.low
        elif ref_point > claim.high:
            edge = claim.high
        else:
            return 0.0
    else:
        edge = claim_anchor(q, claim.value, claim.low, claim.high)
    if not edge:
        return None
    return (ref_point - edge) / edge


def _rule_text(q: str, claim: ClaimFacts, t: float, unit: str | None) -> str:
    n = lambda x: format_number(x, unit)  # noqa: E731
    pct = format_percent(t)
    anchor = claim_anchor(q, claim.value, claim.low, claim.high)
    if q in ("exact", "approximate"):
        return f"{q}: reference within ±{pct} of {n(anchor)}"
    if q == "more_than":
        return f"more_than: reference >= {n(anchor)}"
    if q == "less_than":
        return f"less_than: reference <= {n(anchor)}"
    if q == "nearly":
        overshoot = format_percent(NEARLY_OVERSHOOT)
        return f"nearly: reference at most {pct} under and {overshoot} over {n(anchor)}"
    if q == "range":
        return f"range: reference within {n(claim.low)}..{n(claim.high)} widened by {pct}"
    if q == "vague":
        return f"vague: reference within {n(claim.low)}..{n(claim.high)}"
    return f"{q}: no rule for this qualifier"


def _gap_text(q, outcome, difference, t, ref, ref_reading, accept) -> str:
    if outcome == INCONCLUSIVE:
        words = reference_wording(ref.value, ref.low, ref.high)
        return (
            f"the reference's own bounds ({words}) straddle the claim's limit, so it neither "
            "confirms nor refutes it"
        )
    pct = format_percent(difference or 0.0)
    below = ref_reading.hi <= accept.lo
    exact_level = difference is not None and abs(difference) < 0.0005
    if q == "more_than":
        if outcome == CONTRADICTS:
            if exact_level:
                return "the reference's wording puts it below the claimed minimum"
            return f"{pct} under the claimed minimum"
        return "at the claimed minimum" if exact_level else f"{pct} above the claimed minimum"
    if q == "less_than":
        if outcome == CONTRADICTS:
            return f"{pct} over the claimed maximum"
        return "at the claimed maximum" if exact_level else f"{pct} under the claimed maximum"
    if q == "nearly":
        if outcome == SUPPORTS:
            if exact_level:
                return "level with the claimed figure, as 'nearly' allows"
            side = "under" if (difference or 0) < 0 else "over"
            return f"{pct} {side} the claimed figure, as 'nearly' allows"
        if below:
            return f"{pct} under the claimed figure, further below than 'nearly' allows"
        return f"{pct} over the claimed figure, which 'nearly' rules out"
    if q in ("exact", "approximate"):
        side = "below" if (difference or 0) < 0 else "above"
        where = "within" if outcome == SUPPORTS else "beyond"
        level = (
            "level with the claimed figure" if exact_level else f"{pct} {side} the claimed figure"
        )
        return f"{level}, {where} the ±{format_percent(t)} tolerance"
    if q in ("range", "vague"):
        if outcome == SUPPORTS:
            return "inside the claimed range"
        side = "below" if below else "above"
        return f"{pct} {side} the claimed range"
    return "no rule for this qualifier"


def _ref_sentence(ref: ReferenceFacts) -> str:
    unit = ref.unit if ref.unit != "people" else None
    words = reference_wording(ref.value, ref.low, ref.high, unit)
    what = describe_counted(ref.counted, ref.origin)
    place = "" if ref.location.casefold() in ref.counted.casefold() else _place_phrase(ref.location)
    period = period_phrase(ref.period_start, ref.period_end)
    parts = [f"{ref.publisher} reported {words} {what}", place, period]
    text = " ".join(p for p in parts if p)
    return f"{text} ({ref.dataset})" if ref.dataset else text


def describe_counted(counted: str, origin: str | None) -> str:
    """ "refugees" + origin Syria -> "Syrian refugees"; leaves phrases naming their origin."""
    if not origin or origin_from_counted(counted):
        return counted
    key = place_key(origin)
    demonym = DEMONYMS.get(key or "")
    return f"{demonym} {counted}" if demonym else f"{counted} from {origin}"


def _place_phrase(location: str | None) -> str:
    if not location:
        return ""
    if place_key(location) == "World":
        return "worldwide"
    return f"in {location}"


def period_phrase(start: date | None, end: date | None) -> str:
    """Say when: "at the end of 2019", "as of 27 February 2020", "from 1 December 2019 to ..."."""
    start = start or end
    end = end or start
    if start is None or end is None:
        return ""
    if start == end:
        if (end.month, end.day) == (12, 31):
            return f"at the end of {end.year}"
        return f"as of {_day(end)}"
    return f"from {_day(start)} to {_day(end)}"


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _claim_words(claim: ClaimFacts, unit: str | None) -> str:
    return wording(claim.qualifier, claim.value, claim.low, claim.high, unit)


# ---------------------------------------------------------------------------------------------
# The whole check and the suggested verdict


@dataclass(frozen=True)
class ReferenceCheck:
    outcome: str
    best: Comparison | None
    comparisons: tuple[Comparison, ...]
    candidates: tuple[RankedReference, ...]
    summary: str

    @property
    def others(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if c is not self.best)


def verify_against_references(
    claim: ClaimFacts, refs: Iterable[ReferenceFacts], tolerance: float = EXACT_TOLERANCE
) -> ReferenceCheck:
    """Select, rank and compare. The best-ranked decisive comparison drives the outcome.

    When the best-ranked figure is inconclusive (its bounds straddle the claim's limit), the next
    decisive one in rank order drives it instead, and the summary says so.
    """
    candidates = tuple(select_references(claim, refs))
    comparisons = tuple(compare(claim, c.reference, tolerance) for c in candidates)
    if not comparisons:
        return ReferenceCheck(
            INCONCLUSIVE,
            None,
            (),
            (),
            "No published reference figure matches this claim's category, place, counted "
            "group and period.",
        )
    best = next((c for c in comparisons if c.outcome != INCONCLUSIVE), comparisons[0])
    lines = [f"Best match ({best.outcome}): {best.explanation}"]
    if best is not comparisons[0]:
        lines.append("The best-ranked figure was inconclusive, so the next decisive one is used.")
    others = [c for c in comparisons if c is not best]
    if others:
        listed = "; ".join(_short(c) for c in others[:5])
        more = f" and {len(others) - 5} more" if len(others) > 5 else ""
        lines.append(f"Also compared: {listed}{more}.")
    return ReferenceCheck(best.outcome, best, comparisons, candidates, " ".join(lines))


def _short(c: Comparison) -> str:
    ref = c.reference
    unit = ref.unit if ref.unit != "people" else None
    period = period_phrase(ref.period_start, ref.period_end)
    words = reference_wording(ref.value, ref.low, ref.high, unit)
    return f"{ref.publisher}, {words} {period} ({c.outcome})".replace("  ", " ")


ACCURATE = "accurate"
MOSTLY_ACCURATE = "mostly_accurate"
MISLEADING = "misleading"
INACCURATE = "inaccurate"
UNVERIFIABLE = "unverifiable"

# Contradictions are weighed by how far off the claim is (|relative difference|).
MOSTLY_ACCURATE_BELOW = 0.03
MISLEADING_BELOW = 0.10
SERIOUSLY_MISLEADING_BELOW = 0.25


def suggest_verdict(comparisons: Sequence[Comparison]) -> tuple[str, int | None, str]:
    """(verdict, ClaimReview rating 5..1 or None, reason) from comparisons ranked best first.

    supports -> accurate (5). contradicts by under 3% -> mostly_accurate (4); under 10% ->
    misleading (3); up to 25% -> misleading (2); more -> inaccurate (1). Nothing decisive ->
    unverifiable with no numeric rating (it is not a point on the truth scale; export it with
    its text label only).
    """
    decisive = [c for c in comparisons if c.outcome != INCONCLUSIVE]
    if not decisive:
        if comparisons:
            reason = "The published figures neither confirm nor refute the claim."
        else:
            reason = "No published figure to compare with."
        return UNVERIFIABLE, None, reason
    best = decisive[0]
    dissent = [c for c in decisive[1:] if c.outcome != best.outcome]
    note = ""
    if dissent:
        note = f" {len(dissent)} other figure(s) point the other way."
    if best.outcome == SUPPORTS:
        return ACCURATE, 5, f"Supported: {best.explanation}{note}"
    off = abs(best.relative_difference) if best.relative_difference is not None else None
    if off is not None and off < MOSTLY_ACCURATE_BELOW:
        verdict, rating = MOSTLY_ACCURATE, 4
        lead = f"Slightly off ({format_percent(off)})"
    elif off is not None and off < MISLEADING_BELOW:
        verdict, rating = MISLEADING, 3
        lead = f"Off by {format_percent(off)}"
    elif off is None or off <= SERIOUSLY_MISLEADING_BELOW:
        verdict, rating = MISLEADING, 2
        lead = f"Off by {format_percent(off)}" if off is not None else "Contradicted"
    else:
        verdict, rating = INACCURATE, 1
        lead = f"Far off ({format_percent(off)})"
    return verdict, rating, f"{lead}: {best.explanation}{note}"
