import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from claims import services
from claims.models import Article, Claim, ExtractionState

pytestmark = pytest.mark.django_db

SEED_START = " date 2020-03-02 Turkey already hosts more than 3.6 million Syrian refugees."


def test_ingest_stores_normalised_body_and_date(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = services.article_ingest(text=SEED_START, title=" Seed ")
    article = result.article
    assert result.created
    assert article.body == "Turkey already hosts more than 3.6 million Syrian refugees."
    assert article.published_on == dt.date(2020, 3, 2)
    assert article.title == "Seed"
    assert article.extraction_state == ExtractionState.PENDING
    assert len(callbacks) == 1, "extraction is queued once, after commit"


def test_same_body_again_returns_the_existing_article(django_capture_on_commit_callbacks):
    first = services.article_ingest(text=SEED_START).article
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = services.article_ingest(text=SEED_START.replace("  ", " ") + "\r\n\r\n")
    assert not again.created
    assert again.article.pk == first.pk
    assert Article.objects.count() == 1
    assert callbacks == []


def test_explicit_publication_date_wins_over_header():
    article = services.article_ingest(text=SEED_START, published_on=dt.date(2020, 3, 3)).article
    assert article.published_on == dt.date(2020, 3, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("é".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(text, message):
    with pytest.raises(services.IngestError, match=message):
        services.article_ingest(text=text)
    assert Article.objects.count() == 0


def test_oversized_input_is_refused(settings):
    settings.ARTICLE_MAX_BYTES = 100
    with pytest.raises(services.IngestError, match="too large"):
        services.article_ingest(text="word " * 50)
    assert Article.objects.count() == 0


@dataclasses.dataclass(frozen=True)
class Candidate:
    surface: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    category: str = "other"
    counted: str = ""
    sentence: str = ""
    unit: str = "count"
    currency: str | None = None
    location: str | None = None
    time_text: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    attributed_to: str | None = None
    checkworthiness: float = 0.5
    fingerprint: str = ""


@pytest.fixture
def article():
    return services.article_ingest(
        text="Some 13,000 refugees gathered; 12 posts were set up."
    ).article


def test_claims_replace_is_idempotent(article):
    candidates = [
        Candidate("Some 13,000 refugees", 0, 20, value=13000, qualifier="approximate"),
        Candidate("12 posts", 31, 39, value=12, low=12, high=12),
    ]
    first = services.claims_replace(article=article, candidates=candidates)
    before = list(Claim.objects.order_by("pk").values())
    second = services.claims_replace(article=article, candidates=candidates)
    after = list(Claim.objects.order_by("pk").values())
    assert (first.created, second.created, second.unchanged) == (2, 0, 2)
    assert [{**c, "updated_at": None} for c in before] == [{**c, "updated_at": None} for c in after]
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.DONE


def test_claims_replace_never_overwrites_a_reviewed_claim(article):
    services.claims_replace(
        article=article,
        candidates=[Candidate("Some 13,000 refugees", 0, 20, value=13000, qualifier="approximate")],
    )
    claim = Claim.objects.get()
    claim.value, claim.category, claim.reviewed_at = 13500, "displacement", timezone.now()
    claim.save()
    stats = services.claims_replace(
        article=article,
        candidates=[
            Candidate("Some 13,000 refugees", 0, 20, value=13000, qualifier="approximate"),
            Candidate("13,000 refugees", 5, 20, value=13000),  # overlaps the reviewed claim
        ],
    )
    claim.refresh_from_db()
    assert (claim.value, claim.category) == (13500, "displacement")
    assert Claim.objects.count() == 1
    assert stats.created == 0
    # Even when extraction no longer finds it, a reviewed claim stays.
    services.claims_replace(article=article, candidates=[])
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_claims_replace_updates_and_removes_untouched_claims(article):
    services.claims_replace(
        article=article,
        candidates=[
            Candidate("Some 13,000 refugees", 0, 20, value=13000, qualifier="approximate"),
            Candidate("12 posts", 31, 39, value=12, low=12, high=12),
        ],
    )
    stats = services.claims_replace(
        article=article,
        candidates=[Candidate("Some 13,000 refugees", 0, 20, value=13000, category="displacement")],
    )
    assert (stats.updated, stats.removed) == (1, 1)
    assert list(Claim.objects.values_list("surface", "category")) == [
        ("Some 13,000 refugees", "displacement")
    ]


def test_extraction_claim_lets_only_one_worker_in(article):
    stale = dt.timedelta(minutes=10)
    assert services.article_extraction_claim(article_id=article.pk, stale_after=stale) is not None
    assert services.article_extraction_claim(article_id=article.pk, stale_after=stale) is None
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.RUNNING
    assert article.extraction_attempts == 1


def test_a_run_stuck_past_the_timeout_is_taken_over(article):
    Article.objects.filter(pk=article.pk).update(
        extraction_state=ExtractionState.RUNNING,
        extraction_started_at=timezone.now() - dt.timedelta(hours=1),
    )
    claimed = services.article_extraction_claim(
        article_id=article.pk, stale_after=dt.timedelta(minutes=10)
    )
    assert claimed is not None


def test_sweep_requeues_stuck_articles(article, django_capture_on_commit_callbacks):
    Article.objects.filter(pk=article.pk).update(
        extraction_queued_at=timezone.now() - dt.timedelta(hours=1)
    )
    fresh = services.article_ingest(text="Another article with 40 people.").article
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ids = services.stuck_articles_requeue(stuck_after=dt.timedelta(minutes=10))
    assert ids == [article.pk]
    assert fresh.pk not in ids
    assert len(callbacks) == 1


def test_requeue_refuses_while_running(article):
    Article.objects.filter(pk=article.pk).update(extraction_state=ExtractionState.RUNNING)
    with pytest.raises(services.FactcheckError, match="running"):
        services.article_extraction_requeue(article=article)
