"""The sweep re-sends stuck verification runs, and leaves alone a run that is only waiting out
its retry backoff (its queued_at is when the retry is due)."""

import datetime as dt

import pytest
from django.utils import timezone

from claims import verifying
from claims.models import Article, Claim, RunState, VerificationRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    body = "Some 13,000 refugees have congregated on the border."
    article = Article.objects.create(title="Border", body=body, body_sha256="0" * 64)
    return Claim.objects.create(
        article=article,
        start=0,
        end=20,
        surface="Some 13,000 refugees",
        sentence=body,
        value=13_000,
        qualifier="approximate",
        category="displacement",
    )


def _running(claim) -> VerificationRun:
    return VerificationRun.objects.create(
        claim=claim, check_kind="source", round=1, state=RunState.RUNNING, attempts=1
    )


def test_a_run_in_backoff_is_not_taken_for_stuck(claim, django_capture_on_commit_callbacks):
    run = _running(claim)
    retry_at = timezone.now() + dt.timedelta(seconds=90)
    verifying.run_mark_retrying(run_id=run.pk, error="timeout", retry_at=retry_at)
    run.refresh_from_db()
    assert (run.state, run.error, run.queued_at) == ("retrying", "timeout", retry_at)

    with django_capture_on_commit_callbacks() as sent:
        assert verifying.stuck_runs_requeue(stuck_after=dt.timedelta(seconds=60)) == []
    assert sent == []


def test_a_retry_that_never_came_is_sent_again(claim, django_capture_on_commit_callbacks):
    run = _running(claim)
    long_ago = timezone.now() - dt.timedelta(minutes=20)
    verifying.run_mark_retrying(run_id=run.pk, error="timeout", retry_at=long_ago)

    with django_capture_on_commit_callbacks() as sent:
        assert verifying.stuck_runs_requeue(stuck_after=dt.timedelta(seconds=60)) == [claim.pk]
    assert len(sent) == 1
    run.refresh_from_db()
    assert run.queued_at > long_ago  # pushed forward, so the next sweep does not send it again


def test_the_sweep_finishes_a_claim_whose_checks_all_ended(claim):
    # the task that ran the last check died before recording the end ("database is locked")
    claim.status = "checking"
    claim.save(update_fields=["status"])
    for kind in ("reference", "consistency", "source"):
        VerificationRun.objects.create(
            claim=claim, check_kind=kind, round=1, state=RunState.SUCCEEDED, attempts=1
        )
    other = Claim.objects.create(
        article=claim.article,
        start=21,
        end=30,
        surface="congregat",
        sentence=claim.sentence,
        value=1,
        status="checking",
    )
    VerificationRun.objects.create(claim=other, check_kind="source", round=1, attempts=1)

    assert verifying.ended_rounds_finish() == [claim.pk]
    claim.refresh_from_db()
    other.refresh_from_db()
    assert claim.status == "needs_review"
    assert other.status == "checking"  # its source check is still queued
    assert verifying.ended_rounds_finish() == []
