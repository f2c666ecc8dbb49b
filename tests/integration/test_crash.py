"""Lost work comes back: a worker killed mid-check, and a message the broker lost.

The database is the source of truth: the sweep (claims.tasks.sweep_stuck, run by beat every
minute) re-queues claims whose runs sat queued or running longer than
FACTCHECK_STUCK_AFTER_SECONDS, and workers take each run with a conditional update, so the
checks complete once in effect however many messages arrive.
"""

import datetime as dt
import hashlib
import itertools
import json
import os
import signal
import time

import pytest
from django.conf import settings
from django.utils import timezone

from claims import verifying
from claims.models import Article, Claim, Evidence, Source, VerificationRun
from claims.tasks import sweep_stuck
from tests.conftest import Worker, _purge_broker, wait_for
from tests.integration import pages

pytestmark = pytest.mark.integration

STUCK_AFTER = 2  # seconds; the default is 600
SLOW_SECONDS = 4  # the source page answers after this long: long enough to kill the worker
CHECKS = ["consistency", "reference", "source"]

page_server = pages.page_server
_numbers = itertools.count(1)


@pytest.fixture
def crash_env(page_server, monkeypatch, settings, transactional_db):
    """Workers started in the test fetch from the page server and treat 2 s as stuck; so does
    the sweep called in this process."""
    for name, value in page_server.worker_env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FACTCHECK_STUCK_AFTER_SECONDS", str(STUCK_AFTER))
    settings.FACTCHECK_STUCK_AFTER_SECONDS = STUCK_AFTER
    _purge_broker()


def make_claim() -> Claim:
    n = next(_numbers)
    body = f"Turkey already hosts more than 3.6 million Syrian refugees. (Crash test {n}.)"
    article = Article.objects.create(
        body=body,
        body_sha256=hashlib.sha256(body.encode()).hexdigest(),
        published_on=dt.date(2020, 3, 2),
        extraction_state="done",
    )
    surface = "more than 3.6 million Syrian refugees"
    start = body.index(surface)
    return Claim.objects.create(
        article=article,
        start=start,
        end=start + len(surface),
        surface=surface,
        value=3_600_000,
        low=3_600_000,
        qualifier="more_than",
        category="displacement",
        counted="Syrian refugees",
        location="Turkey",
    )


def runs(claim_id: int, round_: int = 1) -> dict[str, VerificationRun]:
    found = list(VerificationRun.objects.filter(claim_id=claim_id, round=round_))
    by_kind = {r.check_kind: r for r in found}
    assert len(by_kind) == len(found)
    return by_kind


def status(claim_id: int) -> str:
    return Claim.objects.get(pk=claim_id).status


def kill_worker_group(worker: Worker) -> None:
    """SIGKILL the worker and its pool children at once: nothing gets to clean up."""
    os.killpg(worker.process.pid, signal.SIGKILL)
    worker.process.wait(timeout=10)


def forget_unacked(claim_id: int) -> int:
    """Redis keeps the killed worker's unacknowledged message and would hand it out again after
    the visibility timeout (an hour), possibly to a later session on the same Redis database;
    drop it. (The filesystem broker has already forgotten it.) Returns the messages dropped."""
    if not settings.REDIS_URL:
        return 0
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    dropped = 0
    for tag, raw in client.hgetall("unacked").items():
        headers = json.loads(raw)[0].get("headers") or {}
        if (headers.get("task"), headers.get("argsrepr")) == (
            "claims.verify_claim",
            f"({claim_id},)",
        ):
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
            dropped += 1
    return dropped


def test_worker_killed_mid_check_is_recovered_once(crash_env, page_server, request):
    claim = make_claim()
    request.addfinalizer(lambda: forget_unacked(claim.pk))
    slow_path = f"/slow?delay={SLOW_SECONDS}"
    Source.objects.create(claim=claim, url=page_server.url(slow_path))
    hits = page_server.hits["/slow"]

    first = Worker(new_session=True)
    try:
        first.wait_ready()
        verifying.claims_verification_enqueue(claim_ids=[claim.pk])
        # The worker is inside the source check, waiting for the slow page.
        page_server.wait_for_hit("/slow", hits + 1)
        wait_for(lambda: runs(claim.pk)["source"].state == "running", worker=first)
        kill_worker_group(first)
    finally:
        first.stop()

    # Nobody is working on it, but the database still says so.
    time.sleep(0.5)
    killed = runs(claim.pk)
    assert killed["source"].state == "running" and killed["source"].attempts == 1
    assert killed["reference"].state == killed["consistency"].state == "succeeded"
    assert status(claim.pk) == "checking"
    assert not Evidence.objects.filter(claim=claim, kind="source").exists()
    reference_evidence = sorted(
        Evidence.objects.filter(claim=claim).values_list("pk", "kind", "key", "updated_at")
    )

    second = Worker()
    try:
        second.wait_ready()
        # Until it is older than the threshold the sweep leaves it alone.
        ripe = killed["source"].started_at + dt.timedelta(seconds=STUCK_AFTER + 0.2)
        time.sleep(max(0.0, (ripe - timezone.now()).total_seconds()))
        assert sweep_stuck() == {"articles": [], "claims": [claim.pk], "finished": []}
        wait_for(lambda: status(claim.pk) == "needs_review", worker=second)
        # The sweep finds nothing more to do.
        assert sweep_stuck() == {"articles": [], "claims": [], "finished": []}
    finally:
        second.stop()

    done = runs(claim.pk)
    assert sorted(done) == CHECKS
    assert VerificationRun.objects.filter(claim=claim).count() == 3  # no new round, no extra runs
    assert {r.state for r in done.values()} == {"succeeded"}
    # The interrupted check ran once more; the finished ones were not repeated.
    assert done["source"].attempts == 2
    assert done["reference"].attempts == done["consistency"].attempts == 1
    assert done["reference"].finished_at == killed["reference"].finished_at
    assert page_server.hits["/slow"] == hits + 2
    source = done["source"]
    assert source.outcome == "supports"
    assert source.detail.startswith("1 of 1 source page(s) give the figure.")
    evidence = Evidence.objects.filter(claim=claim)
    assert evidence.filter(kind="source").count() == 1
    assert evidence.get(kind="source").outcome == "supports"
    others = sorted(evidence.exclude(kind="source").values_list("pk", "kind", "key", "updated_at"))
    assert others == reference_evidence  # written once, untouched by the recovery
    final = Claim.objects.get(pk=claim.pk)
    assert final.status == "needs_review"


def test_lost_messages_are_recovered_by_the_sweep(crash_env):
    lost = make_claim()
    again = make_claim()
    # No worker yet: the messages sit in the broker, then the broker loses them. For `again`
    # a reviewer also pressed "verify again" before anything ran, starting round 2.
    verifying.claims_verification_enqueue(claim_ids=[lost.pk, again.pk])
    verifying.claims_verification_enqueue(claim_ids=[again.pk])
    _purge_broker()
    superseded = runs(again.pk, 1)
    assert {r.state for r in superseded.values()} == {"failed"}
    assert {r.error for r in superseded.values()} == {"Superseded by a newer round of checks."}

    worker = Worker()
    try:
        worker.wait_ready()
        time.sleep(1)
        # Nothing arrives: the work is only in the database.
        assert {(r.state, r.attempts) for r in runs(lost.pk).values()} == {("queued", 0)}
        assert {(r.state, r.attempts) for r in runs(again.pk, 2).values()} == {("queued", 0)}
        assert status(lost.pk) == status(again.pk) == "queued"
        queued_at = max(r.queued_at for r in [*runs(lost.pk).values(), *runs(again.pk, 2).values()])
        ripe = queued_at + dt.timedelta(seconds=STUCK_AFTER + 0.2)
        time.sleep(max(0.0, (ripe - timezone.now()).total_seconds()))

        assert sweep_stuck() == {
            "articles": [],
            "claims": sorted([lost.pk, again.pk]),
            "finished": [],
        }
        wait_for(lambda: status(lost.pk) == status(again.pk) == "needs_review", worker=worker)
        # Later sweeps have nothing left to send (the superseded round is not re-sent).
        time.sleep(STUCK_AFTER + 0.2)
        assert sweep_stuck() == {"articles": [], "claims": [], "finished": []}
    finally:
        worker.stop()

    for claim_id, round_ in [(lost.pk, 1), (again.pk, 2)]:
        done = runs(claim_id, round_)
        assert sorted(done) == CHECKS
        assert {(r.state, r.attempts) for r in done.values()} == {("succeeded", 1)}
        assert Claim.objects.get(pk=claim_id).suggested_verdict
    assert VerificationRun.objects.filter(claim=again).count() == 6
