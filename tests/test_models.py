import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_article_body_hash_is_unique():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(body=article.body)


def test_claim_span_is_unique_per_article():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(article=claim.article)
    # The same span in another article is fine.
    ClaimFactory()
    assert Claim.objects.count() == 2


@pytest.mark.parametrize(
    ("low", "value", "high"),
    [(10, 5, None), (None, 20, 10), (30, None, 20)],
)
def test_bounds_must_enclose_the_value(low, value, high):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(low=low, value=value, high=high)


@pytest.mark.parametrize(
    ("low", "value", "high"),
    [(None, 13000, None), (3.6e6, 3.6e6, None), (None, 1e6, 1e6), (2000, None, 9999)],
)
def test_valid_bounds_are_accepted(low, value, high):
    claim = ClaimFactory(low=low, value=value, high=high)
    assert Claim.objects.get(pk=claim.pk).value == value


def test_empty_span_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(start=10, end=10)


def test_claim_changes_are_recorded_in_history(user):
    claim = ClaimFactory()
    claim.status = "dismissed"
    claim._history_user = user
    claim.save()
    records = list(claim.history.order_by("history_date"))
    assert [r.status for r in records] == ["new", "dismissed"]
    assert records[-1].history_user == user
