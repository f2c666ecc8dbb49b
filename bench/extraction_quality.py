"""Score the claim-extraction engine against the hand-written development set.

Usage::

    python bench/extraction_quality.py [--data tests/data/extraction_dev.jsonl] [--show-errors N]

Each line of the data file is one item (see ``tests/data/README.md``). The engine is called through
``claims.extraction.extract_many(list of (text, published_on))``, which returns one list of
``ClaimCandidate`` objects per item (attributes ``surface``, ``start``, ``end``, ``value``, ``low``,
``high``, ``qualifier``, ``category``, ``counted``, ``currency``, ``location``, ``attributed_to``).

Matching: a prediction matches a gold claim when their character spans overlap; the gold span is the
first occurrence of the gold ``surface`` in the text, the predicted span is the prediction's
``start``/``end``. Pairs are assigned one to one, largest overlap first. Unmatched predictions
are false positives, unmatched gold claims false negatives. Over the matched pairs the script
reports the accuracy of each field; separately it counts predictions that overlap any
occurrence of a ``not_claims`` string (dates, names, ages, ... that must never be extracted).

``score(data_path) -> dict`` returns the same figures for the acceptance test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "tests" / "data" / "extraction_dev.jsonl"

#: Fields compared over matched pairs, in report order.
FIELDS = ("value", "bounds", "qualifier", "category", "currency", "location", "attributed_to")
#: Relative tolerance for numbers (value, low, high).
REL_TOL = 0.005
QUALIFIERS = {"exact", "approximate", "more_than", "less_than", "nearly", "range", "vague"}
CATEGORIES = {"displacement", "military", "casualties", "population", "money", "other"}
CLAIM_KEYS = (
    "surface",
    "value",
    "low",
    "high",
    "qualifier",
    "category",
    "counted",
    "currency",
    "location",
    "attributed_to",
)

Extractor = Callable[[list[tuple[str, dt.date | None]]], Sequence[Sequence[Any]]]


# --------------------------------------------------------------------------- data


def load_items(data_path: str | Path = DEFAULT_DATA) -> list[dict]:
    """Read the JSONL data set (blank lines are ignored)."""
    items = []
    with open(data_path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{data_path}:{lineno}: invalid JSON: {exc}") from exc
    return items


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """All (start, end) spans of ``needle`` in ``text`` (non-overlapping, left to right)."""
    spans = []
    if not needle:
        return spans
    pos = text.find(needle)
    while pos >= 0:
        spans.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + len(needle))
    return spans


def gold_span(text: str, claim: dict) -> tuple[int, int] | None:
    start = text.find(claim["surface"])
    if start < 0:
        return None
    return start, start + len(claim["surface"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def validate_item(item: dict) -> list[str]:
    """Problems with one item (empty list when it is well formed)."""
    problems: list[str] = []
    iid = item.get("id", "?")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return [f"{iid}: missing text"]
    published = item.get("published_on")
    if published is not None:
        try:
            dt.date.fromisoformat(published)
        except (TypeError, ValueError):
            problems.append(f"{iid}: bad published_on {published!r}")
    if not isinstance(item.get("tags", []), list):
        problems.append(f"{iid}: tags must be a list")
    spans: list[tuple[tuple[int, int], str]] = []
    for claim in item.get("claims", []):
        surface = claim.get("surface", "")
        missing = [k for k in CLAIM_KEYS if k not in claim]
        if missing:
            problems.append(f"{iid}: claim {surface!r} lacks {missing}")
            continue
        span = gold_span(text, claim)
        if span is None:
            problems.append(f"{iid}: surface {surface!r} not in text")
            continue
        for other, other_surface in spans:
            if _overlap(span, other):
                problems.append(f"{iid}: surfaces {surface!r} and {other_surface!r} overlap")
        spans.append((span, surface))
        problems.extend(f"{iid}: {surface!r}: {p}" for p in _claim_problems(claim))
        for key in ("location", "attributed_to"):
            value = claim.get(key)
            if value is not None:
                for alt in value.split("|"):
                    if alt.strip().lower() not in text.lower():
                        problems.append(f"{iid}: {surface!r}: {key} {alt.strip()!r} not in text")
    for nc in item.get("not_claims", []):
        found = occurrences(text, nc)
        if not found:
            problems.append(f"{iid}: not_claim {nc!r} not in text")
        for span in found:
            for other, other_surface in spans:
                if _overlap(span, other):
                    problems.append(f"{iid}: not_claim {nc!r} overlaps claim {other_surface!r}")
    return problems


def _claim_problems(claim: dict) -> list[str]:
    problems = []
    q, value, low, high = claim["qualifier"], claim["value"], claim["low"], claim["high"]
    if q not in QUALIFIERS:
        problems.append(f"unknown qualifier {q!r}")
    if claim["category"] not in CATEGORIES:
        problems.append(f"unknown category {claim['category']!r}")
    if (claim["category"] == "money") != (claim["currency"] is not None):
        problems.append("money claims, and only they, carry a currency")
    for name, num in (("value", value), ("low", low), ("high", high)):
        if num is not None and not isinstance(num, int | float):
            problems.append(f"{name} is not a number")
            return problems
    if low is not None and high is not None and low > high:
        problems.append(f"low {low} > high {high}")
    if value is not None and low is not None and value < low:
        problems.append(f"value {value} < low {low}")
    if value is not None and high is not None and value > high:
        problems.append(f"value {value} > high {high}")
    expected_shape = {
        "exact": (True, value, value),
        "approximate": (True, None, None),
        "more_than": (True, value, None),
        "less_than": (True, None, value),
        "nearly": (True, None, value),
        "range": (False, low, high),
        "vague": (False, low, high),
    }.get(q)
    if expected_shape:
        has_value, want_low, want_high = expected_shape
        if has_value != (value is not None):
            problems.append(f"{q}: value should be {'set' if has_value else 'null'}")
        if (low, high) != (want_low, want_high) or (
            q in {"range", "vague"} and None in (low, high)
        ):
            problems.append(f"{q}: bounds ({low}, {high}) do not follow the qualifier rules")
    return problems


def validate_items(items: Iterable[dict]) -> list[str]:
    problems = []
    seen: Counter[str] = Counter()
    for item in items:
        seen[item.get("id", "?")] += 1
        problems.extend(validate_item(item))
    problems.extend(f"duplicate id {iid!r}" for iid, n in seen.items() if n > 1)
    return problems


# --------------------------------------------------------------------------- comparison


def num_equal(gold: float | None, pred: float | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    try:
        gold, pred = float(gold), float(pred)
    except (TypeError, ValueError):
        return False
    if math.isclose(gold, pred, abs_tol=1e-9):
        return True
    return abs(gold - pred) <= REL_TOL * max(abs(gold), abs(pred))


def _norm_text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split()).strip(" .,;:\"'").lower()
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article) :]
            break
    return text or None


def text_equal(gold: str | None, pred: Any) -> bool:
    """Case-insensitive containment either way; null equals null.

    A gold value may list acceptable alternatives separated by ``|``.
    """
    pred_n = _norm_text(pred)
    if gold is None or _norm_text(gold) is None:
        return pred_n is None
    if pred_n is None:
        return False
    for alt in gold.split("|"):
        alt_n = _norm_text(alt)
        if alt_n and (alt_n in pred_n or pred_n in alt_n):
            return True
    return False


def _code_equal(gold: str | None, pred: Any) -> bool:
    gold_n = (gold or "").strip().lower() or None
    pred_n = (str(pred).strip().lower() if pred is not None else "") or None
    return gold_n == pred_n


def field_ok(name: str, gold: dict, pred: dict) -> bool:
    if name == "value":
        return num_equal(gold["value"], pred["value"])
    if name == "bounds":
        return num_equal(gold["low"], pred["low"]) and num_equal(gold["high"], pred["high"])
    if name in {"qualifier", "category", "currency"}:
        return _code_equal(gold[name], pred[name])
    return text_equal(gold[name], pred[name])


def _field_repr(name: str, claim: dict) -> str:
    if name == "bounds":
        return f"[{claim['low']}, {claim['high']}]"
    return repr(claim[name])


def prediction_dict(text: str, cand: Any) -> dict:
    """Plain dict of a ClaimCandidate (or dict) with a resolved span."""

    def get(name: str) -> Any:
        if isinstance(cand, dict):
            return cand.get(name)
        return getattr(cand, name, None)

    pred = {k: get(k) for k in (*CLAIM_KEYS, "start", "end")}
    start, end = pred["start"], pred["end"]
    if start is None or end is None:
        pos = text.find(pred["surface"] or "\0")
        start, end = (pos, pos + len(pred["surface"])) if pos >= 0 else (-1, -1)
    pred["start"], pred["end"] = int(start), int(end)
    return pred


def match(
    golds: list[tuple[int, int] | None], preds: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) overlapping pairs, largest overlap first."""
    pairs = []
    for gi, gspan in enumerate(golds):
        if gspan is None:
            continue
        for pi, pspan in enumerate(preds):
            ov = _overlap(gspan, pspan)
            if ov > 0:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    result = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        result.append((gi, pi))
    return sorted(result)


def _snippet(text: str, start: int, end: int, width: int = 40) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return (
        ("…" if left else "")
        + text[left:start]
        + "⟦"
        + text[start:end]
        + "⟧"
        + text[end:right]
        + ("…" if right < len(text) else "")
    ).replace("\n", " ")


def _default_extractor() -> Extractor:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from claims.extraction import extract_many

    return extract_many


def score(data_path: str | Path = DEFAULT_DATA, extract_many: Extractor | None = None) -> dict:
    """Run the engine over the data set and return the figures (see module docstring).

    ``extract_many`` defaults to ``claims.extraction.extract_many``; an ImportError propagates.
    """
    items = load_items(data_path)
    if extract_many is None:
        extract_many = _default_extractor()
    batch = [
        (
            item["text"],
            dt.date.fromisoformat(item["published_on"]) if item.get("published_on") else None,
        )
        for item in items
    ]
    outputs = list(extract_many(batch))
    if len(outputs) != len(items):
        raise ValueError(f"extract_many returned {len(outputs)} results for {len(items)} texts")

    tp = fp = fn = nc_hits = 0
    correct: Counter[str] = Counter()
    errors: dict[str, list[str]] = {k: [] for k in ("fp", "fn", "not_claim", *FIELDS)}
    gold_by_cat: Counter[str] = Counter()
    found_by_cat: Counter[str] = Counter()

    for item, cands in zip(items, outputs, strict=True):
        text, iid = item["text"], item["id"]
        golds = item.get("claims", [])
        gspans = [gold_span(text, g) for g in golds]
        preds = [prediction_dict(text, c) for c in cands or []]
        pspans = [(p["start"], p["end"]) for p in preds]
        pairs = match(gspans, pspans)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        tp += len(pairs)
        for gi, g in enumerate(golds):
            gold_by_cat[g["category"]] += 1
            if gi in matched_g:
                found_by_cat[g["category"]] += 1
            else:
                fn += 1
                span = gspans[gi] or (0, 0)
                errors["fn"].append(f"{iid}: missed {g['surface']!r}: {_snippet(text, *span)}")
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                fp += 1
                errors["fp"].append(
                    f"{iid}: spurious {p['surface']!r} ({p['qualifier']}, {p['category']}): "
                    f"{_snippet(text, p['start'], p['end'])}"
                )
            for nc in item.get("not_claims", []):
                if any(_overlap(span, pspans[pi]) for span in occurrences(text, nc)):
                    nc_hits += 1
                    errors["not_claim"].append(
                        f"{iid}: {p['surface']!r} overlaps not-claim {nc!r}: "
                        f"{_snippet(text, p['start'], p['end'])}"
                    )
                    break
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            for name in FIELDS:
                if field_ok(name, g, p):
                    correct[name] += 1
                else:
                    errors[name].append(
                        f"{iid}: {g['surface']!r}: gold {_field_repr(name, g)} "
                        f"!= predicted {_field_repr(name, p)} (predicted span {p['surface']!r})"
                    )

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "items": len(items),
        "gold": tp + fn,
        "predicted": tp + fp,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "matched": tp,
        "accuracy": {name: (correct[name] / tp if tp else 0.0) for name in FIELDS},
        "correct": {name: correct[name] for name in FIELDS},
        "recall_by_category": {
            cat: found_by_cat[cat] / n for cat, n in sorted(gold_by_cat.items()) if n
        },
        "not_claim_hits": nc_hits,
        "errors": errors,
    }


def format_report(result: dict, show_errors: int = 0) -> str:
    lines = [
        f"items: {result['items']}   gold claims: {result['gold']}   "
        f"predictions: {result['predicted']}",
        "finding figures:",
        f"  TP {result['tp']}  FP {result['fp']}  FN {result['fn']}",
        f"  precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"F1 {result['f1']:.3f}",
        f"field accuracy over {result['matched']} matched pairs:",
    ]
    for name in FIELDS:
        lines.append(
            f"  {name:<14} {result['accuracy'][name]:.3f}  "
            f"({result['correct'][name]}/{result['matched']})"
        )
    lines.append("recall by gold category:")
    for cat, rec in result["recall_by_category"].items():
        lines.append(f"  {cat:<14} {rec:.3f}")
    lines.append(f"predictions overlapping a not_claim: {result['not_claim_hits']}")
    if show_errors > 0:
        for kind, errs in result["errors"].items():
            if not errs:
                continue
            lines.append(f"\n-- {kind} errors ({len(errs)}), first {min(show_errors, len(errs))}:")
            lines.extend(f"  {e}" for e in errs[:show_errors])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="JSONL data set")
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N examples of each error"
    )
    args = parser.parse_args(argv)
    problems = validate_items(load_items(args.data))
    if problems:
        print(f"warning: {len(problems)} problems in the data set:", file=sys.stderr)
        for p in problems[:20]:
            print(f"  {p}", file=sys.stderr)
    try:
        extractor = _default_extractor()
    except ImportError as exc:
        print(f"cannot import claims.extraction.extract_many: {exc}", file=sys.stderr)
        return 2
    print(format_report(score(args.data, extractor), args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
