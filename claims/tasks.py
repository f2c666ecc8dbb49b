"""Thin Celery tasks: take ids, claim the row, call a service, record the outcome.

Tasks are enqueued only after the transaction that created their work commits
(services use transaction.on_commit). The periodic sweep re-queues work stuck in the database.
"""

import datetime as dt
import logging
import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from claims import services, verifying
from claims.extraction import ModelNotInstalled, extract, extract_many

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


MAX_RETRIES = settings.FACTCHECK_TASK_MAX_RETRIES


def backoff_seconds(retries: int) -> float:
    """Exponential backoff with full jitter, capped at ten minutes (base 5 s by default)."""
    base = settings.FACTCHECK_RETRY_BACKOFF_SECONDS
    low = min(1.0, base)
    return random.uniform(low, max(low, min(600, base * 2**retries)))


def _stuck_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.FACTCHECK_STUCK_AFTER_SECONDS)


@shared_task(name="claims.extract_article", bind=True, max_retries=MAX_RETRIES, acks_late=True)
def extract_article(self, article_id: int) -> str:
    article = services.article_extraction_claim(article_id=article_id, stale_after=_stuck_after())
    if article is None:
        return "skipped: not pending (already done, running elsewhere, or deleted)"
    try:
        candidates = extract(article.body, article.published_on)
        stats = services.claims_replace(article=article, candidates=candidates)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            services.article_extraction_fail(
                article_id=article_id, error=f"Gave up after {MAX_RETRIES} retries: {exc}"
            )
            raise
        services.article_extraction_release(article_id=article_id)
        raise self.retry(exc=exc, countdown=backoff_seconds(self.request.retries)) from exc
    except ModelNotInstalled as exc:
        services.article_extraction_fail(article_id=article_id, error=str(exc))
        raise
    except SoftTimeLimitExceeded:
        services.article_extraction_fail(
            article_id=article_id, error="Extraction took too long and was stopped."
        )
        raise
    except Exception as exc:
        services.article_extraction_fail(
            article_id=article_id, error=f"{type(exc).__name__}: {exc}"
        )
        raise
    return f"created {stats.created}, updated {stats.updated}, removed {stats.removed}"


@shared_task(name="claims.sweep_stuck")
def sweep_stuck() -> dict:
    requeued = services.stuck_articles_requeue(stuck_after=_stuck_after())
    claims = verifying.stuck_runs_requeue(stuck_after=_stuck_after())
    finished = verifying.ended_rounds_finish()
    if requeued or claims or finished:
        logger.warning(
            "Re-queued stuck work: articles %s, claims %s; finished claims %s",
            requeued,
            claims,
            finished,
        )
    return {"articles": requeued, "claims": claims, "finished": finished}


@shared_task(name="claims.verify_claim", bind=True, max_retries=MAX_RETRIES, acks_late=True)
def verify_claim(self, claim_id: int) -> str:
    """Run every pending check of the claim's latest round, each claimed by a conditional update.

    A run another worker holds is skipped; a transient failure puts the run in 'retrying' and the
    task is retried with backoff; the last failure marks the run failed with its error.
    """
    stale = _stuck_after()
    transient: list[str] = []
    last_attempt = self.request.retries >= MAX_RETRIES
    countdown = backoff_seconds(self.request.retries)
    retry_at = timezone.now() + dt.timedelta(seconds=countdown)
    for run_id in verifying.pending_runs(claim_id=claim_id, stale_after=stale):
        run = verifying.run_claim(run_id=run_id, stale_after=stale)
        if run is None:
            continue
        try:
            verifying.run_check(run=run, last_attempt=last_attempt)
        except (verifying.TransientCheckError, *TRANSIENT_ERRORS) as exc:
            if last_attempt:
                verifying.run_mark_failed(
                    run_id=run_id, error=f"Gave up after {MAX_RETRIES} retries: {exc}"
                )
            else:
                verifying.run_mark_retrying(run_id=run_id, error=str(exc), retry_at=retry_at)
                transient.append(str(exc))
        except SoftTimeLimitExceeded:
            verifying.run_mark_failed(
                run_id=run_id, error="The check took too long and was stopped."
            )
            raise
        except Exception as exc:
            logger.exception("Check %s of claim %s failed", run.check_kind, claim_id)
            verifying.run_mark_failed(run_id=run_id, error=f"{type(exc).__name__}: {exc}")
    if transient:
        raise self.retry(countdown=countdown)
    try:
        finished = verifying.claim_verification_finish(claim_id=claim_id)
    except TRANSIENT_ERRORS as exc:
        raise self.retry(exc=exc, countdown=countdown) from exc
    return "finished" if finished else "waiting for other runs"


@shared_task(name="claims.extract_batch", bind=True, max_retries=MAX_RETRIES, acks_late=True)
def extract_batch(self, article_ids: list[int]) -> str:
    """Extract a batch of articles through one `nlp.pipe` call (backlogs: `extract --all`).

    Each article is claimed like in extract_article, so a batch and a single task never work on
    the same article twice; a transient error releases the batch's articles and retries it.
    """
    claimed = [
        article
        for article_id in article_ids
        if (
            article := services.article_extraction_claim(
                article_id=article_id, stale_after=_stuck_after()
            )
        )
        is not None
    ]
    if not claimed:
        return "skipped: nothing pending"
    try:
        results = extract_many([(a.body, a.published_on) for a in claimed])
    except ModelNotInstalled as exc:
        for article in claimed:
            services.article_extraction_fail(article_id=article.pk, error=str(exc))
        raise
    except TRANSIENT_ERRORS as exc:
        for article in claimed:
            services.article_extraction_release(article_id=article.pk)
        raise self.retry(exc=exc, countdown=backoff_seconds(self.request.retries)) from exc
    done = 0
    for article, candidates in zip(claimed, results, strict=True):
        try:
            services.claims_replace(article=article, candidates=candidates)
            done += 1
        except TRANSIENT_ERRORS:
            # Left pending: the sweep queues it again.
            services.article_extraction_release(article_id=article.pk)
        except Exception as exc:
            services.article_extraction_fail(
                article_id=article.pk, error=f"{type(exc).__name__}: {exc}"
            )
    return f"extracted {done} of {len(claimed)} articles"
