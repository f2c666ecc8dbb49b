"""The extraction tests need no database, broker or Django settings.

They run with and without pytest-django (`-p no:django`); the session fixtures below replace the
suite-wide autouse ones (services required in CI, database clean-up), which these pure tests never
need and which cannot even be set up without pytest-django.
"""

from datetime import date

import pytest

from claims.extraction import extract, load_nlp


@pytest.fixture(scope="session", autouse=True)
def _required_services():
    return None


@pytest.fixture(scope="session", autouse=True)
def _close_stray_database_sessions():
    return None


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


PUB = date(2020, 3, 2)  # a Monday


def claims_in(text: str, published_on: date | None = PUB) -> list:
    return extract(text, published_on)


def only_claim(text: str, published_on: date | None = PUB):
    found = claims_in(text, published_on)
    assert len(found) == 1, [c.surface for c in found]
    return found[0]


def claim_at(text: str, surface: str, published_on: date | None = PUB):
    """The claim whose surface is `surface`; fails listing what was found instead."""
    found = {c.surface: c for c in claims_in(text, published_on)}
    assert surface in found, sorted(found)
    return found[surface]
