"""Acceptance test of the claim-extraction engine on the hand-written development set.

The data (``tests/data/extraction_dev.jsonl``, described in ``tests/data/README.md``) is checked for
consistency first; then ``bench/extraction_quality.py`` scores ``claims.extraction.extract_many`` on
it and the figures must meet the targets below. No database is used: this runs with plain pytest
(``-p no:django``) as well as under pytest-django.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "extraction_dev.jsonl"
SCORER_PATH = ROOT / "bench" / "extraction_quality.py"

MIN_ITEMS = 240
F1_TARGET = 0.95
FIELD_TARGET = 0.90
TARGET_FIELDS = (
    "value",
    "bounds",
    "qualifier",
    "category",
    "currency",
    "location",
    "attributed_to",
)
SHOW = 12  # errors listed in a failure message


def _load_scorer() -> ModuleType:
    name = "bench_extraction_quality"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCORER_PATH)
    assert spec and spec.loader, f"cannot load {SCORER_PATH}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()
ITEMS = scorer.load_items(DATA)


def _listing(title: str, errors: list[str]) -> str:
    shown = "\n".join(f"  {e}" for e in errors[:SHOW])
    more = f"\n  ... and {len(errors) - SHOW} more" if len(errors) > SHOW else ""
    return f"{title} ({len(errors)}):\n{shown}{more}"


# --------------------------------------------------------------------------- the data itself


def test_data_set_size_and_shape():
    assert len(ITEMS) >= MIN_ITEMS
    no_claims = [i for i in ITEMS if not i["claims"]]
    assert len(no_claims) >= 35, "too few items without claims (distractors only)"
    dated = sum(1 for i in ITEMS if i["published_on"])
    assert 0.3 * len(ITEMS) <= dated <= 0.7 * len(ITEMS), "about half the items should be dated"


def test_ids_are_unique():
    ids = [i["id"] for i in ITEMS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_item_is_consistent(item):
    problems = scorer.validate_item(item)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the scorer


def _oracle(items, *, drop_first=False, predict_not_claims=False, wrong_qualifier=False):
    """An extract_many that answers from the gold data, optionally with planted errors."""
    answers = {}
    for item in items:
        cands = []
        for n, claim in enumerate(item["claims"]):
            if drop_first and n == 0:
                continue
            start = item["text"].find(claim["surface"])
            fields = dict(claim)
            if wrong_qualifier:
                fields["qualifier"] = "bogus"
            cands.append(SimpleNamespace(start=start, end=start + len(claim["surface"]), **fields))
        if predict_not_claims:
            for nc in item["not_claims"]:
                start = item["text"].find(nc)
                cands.append(
                    SimpleNamespace(
                        surface=nc,
                        start=start,
                        end=start + len(nc),
                        **{k: None for k in scorer.CLAIM_KEYS if k != "surface"},
                    )
                )
        answers[item["text"]] = cands

    def extract_many(batch):
        return [answers[text] for text, _published_on in batch]

    return extract_many


def test_scorer_is_perfect_on_gold():
    result = scorer.score(DATA, _oracle(ITEMS))
    assert (result["fp"], result["fn"], result["not_claim_hits"]) == (0, 0, 0)
    assert result["f1"] == 1.0
    assert all(acc == 1.0 for acc in result["accuracy"].values()), result["accuracy"]


def test_scorer_counts_planted_errors():
    result = scorer.score(
        DATA,
        _oracle(ITEMS, drop_first=True, predict_not_claims=True, wrong_qualifier=True),
    )
    with_claims = sum(1 for i in ITEMS if i["claims"])
    not_claims = sum(len(i["not_claims"]) for i in ITEMS)
    assert result["fn"] == with_claims
    assert result["fp"] == not_claims
    assert result["not_claim_hits"] == not_claims
    assert result["accuracy"]["qualifier"] == 0.0
    assert result["accuracy"]["value"] == 1.0
    assert len(result["errors"]["fn"]) == with_claims


# --------------------------------------------------------------------------- the engine

_ENGINE: dict = {}


def _engine_result() -> dict:
    if "result" not in _ENGINE:
        try:
            extract_many = scorer._default_extractor()
        except ImportError as exc:
            pytest.fail(f"claims.extraction.extract_many is not importable: {exc}")
        _ENGINE["result"] = scorer.score(DATA, extract_many)
    return _ENGINE["result"]


def test_engine_finds_the_figures():
    r = _engine_result()
    assert r["f1"] >= F1_TARGET, (
        f"finding F1 {r['f1']:.3f} < {F1_TARGET} (precision {r['precision']:.3f}, "
        f"recall {r['recall']:.3f}; TP {r['tp']} FP {r['fp']} FN {r['fn']})\n"
        + _listing("missed", r["errors"]["fn"])
        + "\n"
        + _listing("spurious", r["errors"]["fp"])
    )


@pytest.mark.parametrize("field", TARGET_FIELDS)
def test_engine_field_accuracy(field):
    r = _engine_result()
    acc = r["accuracy"][field]
    assert acc >= FIELD_TARGET, (
        f"{field} accuracy {acc:.3f} < {FIELD_TARGET} over {r['matched']} matched pairs\n"
        + _listing(f"{field} errors", r["errors"][field])
    )


def test_engine_extracts_no_not_claims():
    r = _engine_result()
    assert r["not_claim_hits"] == 0, _listing(
        "predictions overlapping a not_claim", r["errors"]["not_claim"]
    )
