"""Reference check: compare a claimed figure with published reference figures.

Plain values in (ClaimFacts, ReferenceFacts), frozen dataclasses out; no Django.

Selection rule (`select_references`), in this order:

1. Same category; same unit (people, or the claim's currency for money: no currency conversion).
2. Compatible counted noun (`counted_compatible`): refugees are not asylum-seekers, a count of
   children is not a count of everyone, "people" matches displaced people or refugees loosely.
3. Same place (`place_key`), or a place reporters use for it (`RELATED_PLACES`, e.g. a claim
   about Idlib may be checked against OCHA's north-west Syria figures, ranked lower). Borders are
   places of their own (`BORDERS`, `border_key`): "border between Turkey and Greece",
   "Greek-Turkish frontier", "Pazarkule" all key to "Turkey-Greece border", which matches IOM's and
   IFRC's border counts and never Turkey's or Greece's national figures. The claim's place comes
   from `claim_view`: when its sentence attaches the figure to a border ("... on its border with
   Turkey", "have congregated on the border between Turkey and Greece") and its location is
   missing or one of the border's countries (an extractor may give just "Turkey"), the border is
   the place.
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

Ranking among candidates: for a claim about a group at one place or event (`claim_view`: a
border place, or event words such as "gathered", "blocked", "stranded", "crossed" around the
figure; context.py), figures about events first; then flows after stocks when the claim's period
is unknown, then counted-noun specificity, place, origin, knowability, nearness of the
reference period to the claim's time (its period, else the article date), and last precision (an
exact count before a rounded "almost X").

Different quantities (`compare`): a decisive outcome becomes inconclusive, with the reason in the
explanation and `Comparison.comparable = False`, when the reference measures something else:

- the claim counts a group at one place or event and the reference is a standing total (a stock
  that is not about an event: UNHCR's end-year refugees in Turkey, "refugees hosted (all
  origins)"): a crowd at a border is not the national refugee stock, whatever the numbers;
- the reference is more than `SCALE_GAP_LIMIT` (10, one order of magnitude) times above or below
  the claimed figure (`scale_factor`): "3,576,370 ... is about 360 times the claimed figure, so it
  probably counts something else (a national total vs. a local group)". Rounding, vintages and
  definitions move figures by percents, and even a loose definition (refugees vs. all
  migrants, registered vs. estimated) rarely by a factor of ten; a tenfold gap almost always
  means a part against a whole. The limit is exclusive, so a claim exactly ten times off is
  still judged.

A genuine big error must still reach the reviewer, so the scale guard keeps the outcome when
the claim's own words describe the same kind of total (stock words such as "hosts", "home to",
"registered": "Turkey hosts 36,000 Syrian refugees" is simply wrong, and stays contradicted and
inaccurate) or when the gap looks like a slipped decimal or unit (`looks_like_slip`: the
reference shifted by a power of ten is within `SLIP_TOLERANCE` of a claimed figure with at least
two significant digits: "36,000" vs 3,576,370). The explanation then names the gap and asks the
reviewer to check for a misreport. A claim with no context at all (no sentence, no cue in its
counted phrase) is treated as possibly local: inconclusive, and the explanation says how far off
it would be if it did mean the reference's total.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

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
    rounding_step,
    wording,
)
from .context import FigureContext, figure_context, is_border_word, words_of
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
    "Bulgaria": ("Bulgaria", "Republic of Bulgaria", "Bulgarian", "Bulgarians"),
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
        # crossing points and the border river, as news names them
        "Pazarkule",
        "Pazarkule border crossing",
        "Kastanies",
        "Kastanies border crossing",
        "Ipsala",
        "Ipsala border crossing",
        "Kipoi",
        "Kipoi border crossing",
        "Evros",
        "Evros river",
        "Evros border",
        "Meric river",
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
    "Bulgaria": "Bulgarian",
}

# Countries: the places a national stock is about, and the places a border runs between.
COUNTRIES: frozenset[str] = frozenset(DEMONYMS)

# Border places: canonical name -> the two countries it runs between. A place name that mentions
# a border word ("border", "frontier", "crossing", see context.BORDER_WORDS) and two countries
# ("border between Turkey and Greece", "Greek-Turkish frontier", "Greece's border with Turkey",
# "on its border with Turkey" when the sentence's subject is Greece) keys to the border between
# them: the name below, or "A-B border" (alphabetical) for a pair not listed. A border phrase
# naming one country only ("the closed Turkish border") keys to "<Country> border". A border place
# never matches a national figure of either country (a crowd at a border is not a national stock).
BORDERS: dict[str, tuple[str, str]] = {
    "Turkey-Greece border": ("Turkey", "Greece"),
    "Syria-Turkey border": ("Syria", "Turkey"),
    "Turkey-Bulgaria border": ("Turkey", "Bulgaria"),
    "Lebanon-Syria border": ("Lebanon", "Syria"),
    "Jordan-Syria border": ("Jordan", "Syria"),
    "Iraq-Syria border": ("Iraq", "Syria"),
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


def place_key(name: str | None, *, context: str | None = None) -> str | None:
    """The canonical name of a place ("Türkiye" -> "Turkey", "Syrian" -> "Syria").

    Parenthesised detail is dropped ("Turkey (Edirne province)" -> "Turkey") and so is a trailing
    "province"/"governorate" when that leaves a known place. A border ("border between Turkey and
    Greece", "Greek-Turkish frontier") keys to a border place (`BORDERS`); `context` (the
    sentence) names the country behind "its/their border with Turkey". Names not in the table come
    back in normalised lower case, so two spellings of an unknown place still compare equal.
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
    border = border_key(candidates[1], context=context)
    if border is not None:
        return border
    return _normalise(candidates[1]) or None


_POSSESSIVE_PRONOUNS = frozenset(("its", "their", "our", "his", "her"))


def border_key(text: str | None, *, context: str | None = None) -> str | None:
    """The border place a phrase names, or None when it names no border.

    Needs a border word and at least one country: two countries give their border ("on the
    border between Turkey and Greece" -> "Turkey-Greece border"); "its/their border with Y" takes
    the other country from `context` (the first other country named there, usually the subject:
    "Greece said ... on its border with Turkey"); one country alone gives "<Country> border".
    """
    if not text:
        return None
    words = words_of(text)
    border_at = next((i for i, w in enumerate(words) if is_border_word(w)), None)
    if border_at is None:
        return None
    found = _countries_in(words)
    pronoun = any(w in _POSSESSIVE_PRONOUNS for w in words[max(0, border_at - 3) : border_at])
    if len(found) == 1 and pronoun and context:
        others = [c for c in _countries_in(words_of(context)) if c not in found]
        found += others[:1]
    if not found:
        return None
    if len(found) == 1:
        return f"{found[0]} border"
    pair = frozenset(found[:2])
    for name, countries in BORDERS.items():
        if frozenset(countries) == pair:
            return name
    return "-".join(sorted(pair)) + " border"


def border_countries(key: str | None) -> frozenset[str]:
    """The countries a border place runs between ("Turkey-Greece border" -> Turkey, Greece);
    empty for a place that is not a border."""
    if not key:
        return frozenset()
    if key in BORDERS:
        return frozenset(BORDERS[key])
    if key.endswith(" border"):
        parts = key[: -len(" border")].split("-")
        if all(p in COUNTRIES for p in parts):
            return frozenset(parts)
    return frozenset()


def is_border_place(key: str | None) -> bool:
    return bool(border_countries(key))


def _countries_in(words: list[str]) -> list[str]:
    """Countries named in a word list, in order of first mention (demonyms count)."""
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(4, len(words) - i), 0, -1):
            key = _COUNTRY_INDEX.get(" ".join(words[i : i + size]))
            if key:
                if key not in found:
                    found.append(key)
                i += size
                break
        else:
            i += 1
    return found


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


_COUNTRY_INDEX: dict[str, str] = {
    " ".join(words_of(alias)): canonical
    for canonical, aliases in PLACE_ALIASES.items()
    if canonical in COUNTRIES
    for alias in (canonical, *aliases)
}

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
    # people stopped from crossing are not the people who crossed, gathered or are hosted
    "prevented": r"\bblocked\b|\bprevented\b|\bstopped\b|\bturned (?:back|away)\b"
    r"|\bpushed back\b|\bintercepted\b|\bdeterred\b",
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
# What the claim's words say: a group at one place or event, or a standing total

# A claim whose own period is known and longer than this is a flow over time ("displaced since
# December"), not an event at one place, whatever words surround it.
EVENT_MAX_DAYS = 31


@dataclass(frozen=True)
class ClaimView:
    """The claim's place (border places resolved from its sentence) and its figure's context."""

    place: str | None
    context: FigureContext
    is_event: bool


@lru_cache(maxsize=1024)
def claim_view(claim: ClaimFacts) -> ClaimView:
    """Resolve the claim's place and whether it counts a group at one place or event.

    Place: `claim.location` through `place_key`; when the words around the figure attach it to a
    border ("... refugees on its border with Turkey", "have congregated on the border between
    Turkey and Greece", or a counted phrase "refugees gathered at the border") and the location
    is missing or is one of that border's countries (extractors often give just "Turkey"), the
    place is the border instead. A location that is itself a border keeps it, with "its border
    with Y" completed from the sentence.

    Event: the place is a border, or the figure's clause has event words and no stock words
    (context.EVENT_WORDS / STOCK_WORDS), unless the claim's period is known and longer than
    EVENT_MAX_DAYS.
    """
    context = figure_context(claim.sentence, claim.surface, claim.counted)
    place = place_key(claim.location, context=claim.sentence or None)
    if not is_border_place(place) and context.border_phrase:
        border = border_key(context.border_phrase, context=claim.sentence or None)
        if border is not None and (place is None or place in border_countries(border)):
            place = border
    long_period = (
        claim.period_start is not None
        and claim.period_end is not None
        and (claim.period_end - claim.period_start).days > EVENT_MAX_DAYS
    )
    is_event = (is_border_place(place) or context.is_event) and not long_period
    return ClaimView(place=place, context=context, is_event=is_event)


def claim_place(claim: ClaimFacts) -> str | None:
    """The place a claim is checked against (see `claim_view`)."""
    return claim_view(claim).place


def reference_is_event(ref: ReferenceFacts) -> bool:
    """A figure about a group at one place or event: a border place, or event words in what it
    counts ("migrants gathered at ...", "people waiting at ...", "arriving by sea")."""
    if is_border_place(place_key(ref.location)):
        return True
    return bool(figure_context(None, None, ref.counted).event_words)


def reference_is_standing_total(ref: ReferenceFacts) -> bool:
    """A stock (one date) that is not an event: a national, regional or world total."""
    return not _is_flow(ref.period_start, ref.period_end) and not reference_is_event(ref)


def _cue_words(view: ClaimView) -> str:
    words = list(view.context.event_words[:3])
    if is_border_place(view.place) and not any("border" in w for w in words):
        words.insert(0, view.place)
    return ", ".join(f"'{w}'" for w in words) or "its wording"


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
    event_mismatch: bool = False

    @property
    def sort_key(self) -> tuple:
        ref = self.reference
        bounded = ref.value is None or ref.low is not None or ref.high is not None
        return (
            self.event_mismatch,
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

    view = claim_view(claim)
    claim_place, ref_place = view.place, place_key(ref.location)
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
    event_mismatch = view.is_event and not reference_is_event(ref)
    if event_mismatch:
        reasons.append(
            f"the claim counts a group at one place or event ({_cue_words(view)}); the reference "
            "does not (ranked lower)"
        )
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
        event_mismatch=event_mismatch,
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
    # How many times apart the reference and the claimed figure are (scale_factor()).
    scale_factor: float | None = None
    # False when the reference measures something else (a standing total for an event claim, or
    # a figure more than SCALE_GAP_LIMIT times away): the outcome is then inconclusive.
    comparable: bool = True


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
    claimed = _claim_words(claim, unit)
    explanation = f"{_ref_sentence(ref)}; the claim says {claimed}: {gap}."
    factor = scale_factor(claim, ref_point)
    if outcome == INCONCLUSIVE:
        return _comparison(
            claim, ref, outcome, rule, ref_point, difference, tolerance, explanation, factor
        )

    # Is the reference a measure of the same thing? (see "Different quantities" above)
    view = claim_view(claim)
    if view.is_event and reference_is_standing_total(ref):
        explanation = (
            f"{_ref_sentence(ref)}; the claim says {claimed} about a group at one place or event "
            f"({_cue_words(view)}), while the reference is {_total_words(ref)}: they measure "
            "different things, so it neither confirms nor refutes the claim."
        )
        return _comparison(
            claim,
            ref,
            INCONCLUSIVE,
            rule,
            ref_point,
            difference,
            tolerance,
            explanation,
            factor,
            comparable=False,
        )
    if factor is not None and factor > SCALE_GAP_LIMIT:
        anchor = claim_anchor(q, claim.value, claim.low, claim.high) or 0.0
        bigger = (ref_point or 0.0) > anchor
        times = _times_words(factor, above=bigger)
        if view.context.is_stock or looks_like_slip(claim, ref_point):
            why = (
                f"the claim's wording ({', '.join(repr(w) for w in view.context.stock_words)}) "
                "describes the same kind of total"
                if view.context.is_stock
                else "its digits match the claim's, shifted by a power of ten"
            )
            explanation += (
                f" The reference is {times}; {why}, so the comparison stands: check the claim "
                "for a misreported figure."
            )
            return _comparison(
                claim, ref, outcome, rule, ref_point, difference, tolerance, explanation, factor
            )
        if bigger:
            kinds = (
                f"{_total_words(ref)} vs. {'a local group' if view.is_event else 'a part of it'}"
            )
        else:
            kinds = "a part vs. a larger total"
        explanation = (
            f"{_ref_sentence(ref)}; the claim says {claimed}: the reference figure "
            f"({format_number(ref_point, unit)}) is {times}, so it probably counts something "
            f"else ({kinds})."
        )
        if not view.is_event:
            explanation += (
                " If the claim does mean this figure, it is off by that factor: check for a "
                "misreport."
            )
        return _comparison(
            claim,
            ref,
            INCONCLUSIVE,
            rule,
            ref_point,
            difference,
            tolerance,
            explanation,
            factor,
            comparable=False,
        )
    return _comparison(
        claim, ref, outcome, rule, ref_point, difference, tolerance, explanation, factor
    )


# How many times apart a claim and a reference may be and still count the same thing.
SCALE_GAP_LIMIT = 10.0
# How close the reference, shifted by a power of ten, must come to the claimed figure for the gap
# to read as a misplaced decimal or unit ("36,000" for 3.6 million) rather than another quantity.
SLIP_TOLERANCE = EXACT_TOLERANCE


def scale_factor(claim: ClaimFacts, ref_point: float | None) -> float | None:
    """How many times apart the reference and the claimed figure are (>= 1), or None.

    The claimed figure is the claim's anchor (the number a reader would quote: the X of "more
    than X", "nearly X", "about X"); for a range or vague claim the nearer end of its range
    (1 when the reference is inside it).
    """
    if ref_point is None or ref_point <= 0:
        return None
    q = claim.qualifier
    if q in ("range", "vague") and claim.low is not None and claim.high is not None:
        if ref_point > claim.high > 0:
            return ref_point / claim.high
        if 0 < ref_point < claim.low:
            return claim.low / ref_point
        return 1.0
    anchor = claim_anchor(q, claim.value, claim.low, claim.high)
    if not anchor or anchor <= 0:
        return None
    return max(ref_point / anchor, anchor / ref_point)


def looks_like_slip(claim: ClaimFacts, ref_point: float | None) -> bool:
    """Is the gap a power of ten with the same leading digits ("36,000" vs 3,576,370)?

    Needs a claimed figure with at least two significant digits: "10,000" vs a million says
    nothing about a slip, "36,000" vs 3.6 million does.
    """
    anchor = claim_anchor(claim.qualifier, claim.value, claim.low, claim.high)
    if not anchor or anchor <= 0 or not ref_point or ref_point <= 0:
        return False
    if anchor / rounding_step(anchor) < 10:
        return False
    shift = 10 ** round(math.log10(ref_point / anchor))
    if shift == 1:
        return False
    return abs(ref_point / shift - anchor) <= SLIP_TOLERANCE * anchor


def _times_words(factor: float, *, above: bool) -> str:
    """ "about 360 times the claimed figure" / "about 1/360 of the claimed figure"."""
    digits = 10 ** max(0, math.floor(math.log10(factor)) - 1)
    rounded = f"{round(factor / digits) * digits:,.0f}"
    if above:
        return f"about {rounded} times the claimed figure"
    return f"about 1/{rounded} of the claimed figure"


def _total_words(ref: ReferenceFacts) -> str:
    key = place_key(ref.location)
    if is_border_place(key):
        return "a count at the border"
    if key == "World":
        return "a worldwide total"
    if key in COUNTRIES:
        return "a national total"
    return f"a total for {ref.location}"


def _comparison(
    claim,
    ref,
    outcome,
    rule,
    ref_point,
    difference,
    tolerance,
    explanation,
    factor=None,
    *,
    comparable=True,
):
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
        scale_factor=factor,
        comparable=comparable,
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
        if comparisons and not comparisons[0].comparable:
            reason = f"Not comparable: {comparisons[0].explanation}"
        elif comparisons:
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
