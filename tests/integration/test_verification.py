"""Verification through a real Celery worker: reference figures, source pages, rounds, staleness.

One worker serves the module (started once: it is the slow part); each test commits its own data
(transactional_db) and the worker reads it from the same test database. The source pages come
from a real HTTP server on 127.0.0.1 (tests/integration/pages.py); the worker may fetch from that
server's address and port only, so every redirect to another private address is refused.
"""

import csv
import datetime as dt
import hashlib
import io
import itertools
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from claims import services, verifying
from claims.models import Article, Claim, Evidence, ReferenceFigure, Source, VerificationRun
from claims.tasks import verify_claim
from tests.conftest import Worker, _purge_broker, wait_for
from tests.integration import pages

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_640610e12b349fcf.txt"
FIGURES = ROOT / "seeds" / "reference" / "figures.csv"
SEED_CLAIM = "more than 3.6 million Syrian refugees"
CHECKS = ["consistency", "reference", "source"]

# Small limits for the worker, so the failure paths are quick; production defaults are untouched.
MAX_RETRIES = 2
WORKER_ENV = {
    "FETCH_MAX_BYTES": "100000",
    "FETCH_READ_TIMEOUT": "0.5",
    "FACTCHECK_TASK_MAX_RETRIES": str(MAX_RETRIES),
    "FACTCHECK_RETRY_BACKOFF_SECONDS": "0.5",
}

page_server = pages.page_server
_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def worker(page_server, django_db_setup, django_db_blocker):
    """A worker for the whole module, started with the page server's address allowed."""
    with pytest.MonkeyPatch.context() as mp:
        for name, value in {**page_server.worker_env(), **WORKER_ENV}.items():
            mp.setenv(name, value)
        with django_db_blocker.unblock():
            _purge_broker()
            process = Worker()
        try:
            process.wait_ready()
            yield process
        finally:
            process.stop()


@pytest.fixture
def verification_worker(worker, transactional_db):
    return worker


# --- helpers -------------------------------------------------------------------------------


def make_claim(**fields) -> Claim:
    """The seed article's refugee figure as its own committed claim (no extraction needed)."""
    n = next(_numbers)
    sentence = (
        "Turkey already hosts more than 3.6 million Syrian refugees and says it cannot absorb more."
    )
    body = f"{sentence}\n\n(Article {n} of the verification tests.)"
    article = Article.objects.create(
        title=f"Refugees in Turkey {n}",
        body=body,
        body_sha256=hashlib.sha256(body.encode()).hexdigest(),
        published_on=dt.date(2020, 3, 2),
        extraction_state="done",
    )
    start = body.index(SEED_CLAIM)
    values = {
        "article": article,
        "start": start,
        "end": start + len(SEED_CLAIM),
        "surface": SEED_CLAIM,
        "sentence": sentence,
        "value": 3_600_000,
        "low": 3_600_000,
        "qualifier": "more_than",
        "category": "displacement",
        "counted": "Syrian refugees",
        "location": "Turkey",
        "period_start": dt.date(2020, 3, 2),
        "period_end": dt.date(2020, 3, 2),
        **fields,
    }
    return Claim.objects.create(**values)


def latest_round(claim_id: int) -> int | None:
    return VerificationRun.objects.filter(claim_id=claim_id).aggregate(m=Max("round"))["m"]


def runs_of(claim_id: int, round_: int | None = None) -> dict[str, VerificationRun]:
    round_ = round_ or latest_round(claim_id)
    runs = list(VerificationRun.objects.filter(claim_id=claim_id, round=round_))
    by_kind = {r.check_kind: r for r in runs}
    assert len(by_kind) == len(runs), f"two runs of one check in round {round_}: {runs}"
    return by_kind


def round_finished(claim_id: int, round_: int) -> bool:
    runs = runs_of(claim_id, round_)
    return len(runs) == 3 and all(r.state in ("succeeded", "failed") for r in runs.values())


def all_need_review(claim_ids) -> bool:
    statuses = set(Claim.objects.filter(pk__in=claim_ids).values_list("status", flat=True))
    return statuses == {"needs_review"}


def verify_claim_messages_done(worker: Worker) -> int:
    """verify_claim messages the worker has finished, from its log."""
    log = worker.log_path.read_text(errors="replace")
    lines = log.splitlines()
    return sum(1 for line in lines if "claims.verify_claim[" in line and " succeeded in " in line)


def ingest_seed_and_wait(worker: Worker) -> list[Claim]:
    article = services.article_ingest(text=SEED.read_bytes()).article
    wait_for(
        lambda: Article.objects.get(pk=article.pk).extraction_state == "done",
        worker=worker,
    )
    claim_ids = list(Claim.objects.filter(article=article).values_list("pk", flat=True))
    assert len(claim_ids) >= 10
    wait_for(lambda: all_need_review(claim_ids), timeout=90, worker=worker)
    return list(Claim.objects.filter(article=article))


def import_figures(path: Path) -> str:
    out = io.StringIO()
    call_command("import_reference", str(path), stdout=out)
    return out.getvalue()


# --- tests ---------------------------------------------------------------------------------


def test_seed_article_is_verified_against_the_reference_figures(verification_worker):
    imported = import_figures(FIGURES)
    assert "new" in imported and ReferenceFigure.objects.count() > 500

    claims = ingest_seed_and_wait(verification_worker)

    for claim in claims:
        runs = runs_of(claim.pk)
        # One round, one run per check, each finished by the worker.
        assert latest_round(claim.pk) == 1
        assert sorted(runs) == CHECKS, claim.surface
        assert VerificationRun.objects.filter(claim=claim).count() == 3
        assert {r.state for r in runs.values()} == {"succeeded"}, claim.surface
        assert all(r.attempts == 1 and r.finished_at >= r.started_at for r in runs.values())
        assert runs["source"].detail == "No source pages are attached to this claim."

    claim = next(c for c in claims if c.surface == SEED_CLAIM)
    reference = runs_of(claim.pk)["reference"]
    assert reference.outcome == "contradicts"
    assert "UNHCR" in reference.detail and "3,576,370" in reference.detail, reference.detail
    assert claim.suggested_verdict == "mostly_accurate"
    assert reference.data["suggested_verdict"] == "mostly_accurate"

    unhcr = ReferenceFigure.objects.get(
        location="Turkey", counted="refugees", period_end=dt.date(2019, 12, 31), publisher="UNHCR"
    )
    evidence = Evidence.objects.filter(claim=claim, kind="reference")
    assert evidence.exists()
    assert all(e.reference_id is not None for e in evidence)
    assert sorted(e.reference_id for e in evidence) == sorted(reference.data["reference_ids"])
    best = evidence.get(reference=unhcr)
    assert best.key == f"reference:{unhcr.pk}" and best.run_id == reference.pk
    assert best.outcome == "contradicts" and "3,576,370" in best.summary
    # Other displacement claims were compared with reference figures too.
    assert Evidence.objects.filter(claim__in=claims, reference__isnull=False).count() > len(
        evidence
    )


def test_source_pages_as_the_reviewer_sees_them(verification_worker, page_server):
    claim = make_claim()
    paths = [
        "/with-figure",
        "/without-figure",
        "/redirect-to-private",
        "/redirect-to-metadata",
        "/huge",
        "/binary",
    ]
    sources = {p: Source.objects.create(claim=claim, url=page_server.url(p)) for p in paths}
    slow_claim = make_claim()
    slow = Source.objects.create(claim=slow_claim, url=page_server.url("/slow"))
    started = timezone.now()
    hits = page_server.hits.copy()

    assert verifying.claims_verification_enqueue(claim_ids=[claim.pk, slow_claim.pk]) == 2

    seen: set[str] = set()

    def slow_run_ended() -> bool:
        run = runs_of(slow_claim.pk)["source"]
        seen.add(run.state)
        return run.state in ("succeeded", "failed")

    wait_for(slow_run_ended, timeout=60, interval=0.05, worker=verification_worker)
    wait_for(lambda: all_need_review([claim.pk, slow_claim.pk]), worker=verification_worker)

    evidence = {e.source_id: e for e in Evidence.objects.filter(claim=claim, kind="source")}
    assert sorted(evidence) == sorted(s.pk for s in sources.values())

    found = evidence[sources["/with-figure"].pk]
    assert found.outcome == "supports"
    assert "“3.6 million”" in found.summary
    assert "Turkey hosts 3.6 million Syrian refugees" in found.summary
    assert "Turkey hosts 3.6 million Syrian refugees" in found.snapshot_text
    assert "tracking" not in found.snapshot_text  # the page's script is not part of the text
    assert found.snapshot_sha256 == hashlib.sha256(pages.WITH_FIGURE.encode()).hexdigest()
    assert found.http_status == 200
    assert started <= found.fetched_at <= timezone.now()

    missing = evidence[sources["/without-figure"].pk]
    assert missing.outcome == "inconclusive"
    assert "not found" in missing.summary
    assert "Families waited at the border" in missing.snapshot_text
    assert missing.http_status == 200 and missing.fetched_at is not None

    for path, reason, address in [
        ("/redirect-to-private", "private_address", "10.0.0.1"),
        ("/redirect-to-metadata", "private_address", "169.254.169.254"),
        ("/huge", "too_large", ""),
        ("/binary", "bad_content_type", "application/octet-stream"),
    ]:
        refused = evidence[sources[path].pk]
        assert refused.outcome == "inconclusive", path
        assert refused.summary.startswith(f"Not fetched ({reason})"), refused.summary
        assert address in refused.summary
        assert (refused.snapshot_text, refused.http_status, refused.fetched_at) == ("", None, None)
    assert "100000 bytes" in evidence[sources["/huge"].pk].summary
    # Our server was asked once for each page; the redirects' private targets were never fetched.
    assert all(page_server.hits[p] - hits[p] == 1 for p in paths), page_server.hits

    source_run = runs_of(claim.pk)["source"]
    assert (source_run.state, source_run.outcome) == ("succeeded", "supports")
    assert source_run.detail.startswith("1 of 6 source page(s) give the figure.")
    assert source_run.data == {"sources": 6, "found": 1, "refused": 4}
    assert Claim.objects.get(pk=claim.pk).status == "needs_review"

    # The slow page timed out on every attempt: retried with backoff, then recorded as a page
    # that could not be fetched, so the reviewer sees it beside the other evidence.
    slow_run = runs_of(slow_claim.pk)["source"]
    assert "retrying" in seen, seen
    assert slow_run.attempts == MAX_RETRIES + 1
    assert page_server.hits["/slow"] - hits["/slow"] == MAX_RETRIES + 1
    assert (slow_run.state, slow_run.outcome, slow_run.error) == ("succeeded", "inconclusive", "")
    assert slow_run.detail.startswith("0 of 1 source page(s) give the figure.")
    assert f"not fetched after {MAX_RETRIES + 1} attempts (timeout)" in slow_run.detail
    assert slow_run.data == {"sources": 1, "found": 0, "refused": 1}
    others = runs_of(slow_claim.pk)
    assert others["reference"].state == others["consistency"].state == "succeeded"
    timed_out = Evidence.objects.get(claim=slow_claim, kind="source")
    assert timed_out.source_id == slow.pk and timed_out.outcome == "inconclusive"
    assert timed_out.summary.startswith(f"Not fetched after {MAX_RETRIES + 1} attempts (timeout)")
    assert (timed_out.snapshot_text, timed_out.http_status) == ("", None)


def test_verify_again_starts_round_two_without_duplicating_evidence(
    verification_worker, page_server
):
    import_figures(FIGURES)
    claim = make_claim()
    Source.objects.create(claim=claim, url=page_server.url("/with-figure"))
    verifying.claims_verification_enqueue(claim_ids=[claim.pk])
    wait_for(lambda: all_need_review([claim.pk]), worker=verification_worker)
    first = runs_of(claim.pk, 1)
    before = {(e.kind, e.key): e.pk for e in Evidence.objects.filter(claim=claim)}
    assert ("source", f"source:{claim.sources.get().pk}") in before
    assert any(kind == "reference" for kind, _ in before)
    fetched = page_server.hits["/with-figure"]

    # "Verify again"
    verifying.claims_verification_enqueue(claim_ids=[claim.pk])
    assert latest_round(claim.pk) == 2
    wait_for(lambda: round_finished(claim.pk, 2), worker=verification_worker)

    second = runs_of(claim.pk, 2)
    assert sorted(second) == CHECKS
    assert {r.state for r in second.values()} == {"succeeded"}
    assert all(second[k].pk != first[k].pk for k in CHECKS)
    assert all(second[k].started_at >= first[k].finished_at for k in CHECKS)
    assert runs_of(claim.pk, 1) == first  # round 1 is kept as history
    assert VerificationRun.objects.filter(claim=claim).count() == 6
    after = {(e.kind, e.key): e.pk for e in Evidence.objects.filter(claim=claim)}
    assert after == before  # the same rows, updated in place: nothing duplicated
    assert set(Evidence.objects.filter(claim=claim).values_list("run__round", flat=True)) == {2}
    assert page_server.hits["/with-figure"] == fetched + 1  # the page was read again
    assert Claim.objects.get(pk=claim.pk).status == "needs_review"


def test_duplicate_messages_do_the_checks_once(verification_worker, page_server):
    import_figures(FIGURES)
    claim = make_claim()
    Source.objects.create(claim=claim, url=page_server.url("/with-figure"))
    done_before = verify_claim_messages_done(verification_worker)
    fetched = page_server.hits["/with-figure"]

    verifying.claims_verification_enqueue(claim_ids=[claim.pk])  # message 1
    verify_claim.delay(claim.pk)  # message 2: the same claim delivered twice
    wait_for(
        lambda: verify_claim_messages_done(verification_worker) >= done_before + 2,
        worker=verification_worker,
    )
    assert all_need_review([claim.pk])

    runs = runs_of(claim.pk)
    assert latest_round(claim.pk) == 1 and sorted(runs) == CHECKS
    assert VerificationRun.objects.filter(claim=claim).count() == 3
    assert {(r.state, r.attempts) for r in runs.values()} == {("succeeded", 1)}
    assert page_server.hits["/with-figure"] == fetched + 1  # once, not once per message
    evidence = Evidence.objects.filter(claim=claim)
    reference_ids = runs["reference"].data["reference_ids"]
    assert reference_ids
    assert evidence.filter(kind="reference").count() == len(reference_ids)
    assert evidence.filter(kind="source").count() == 1
    assert evidence.filter(kind="consistency").count() == 0  # no other article has the figure
    snapshot = sorted(evidence.values_list("pk", "kind", "key", "updated_at"))

    # Two more deliveries after the round finished change nothing.
    verify_claim.delay(claim.pk)
    verify_claim.delay(claim.pk)
    wait_for(
        lambda: verify_claim_messages_done(verification_worker) >= done_before + 4,
        worker=verification_worker,
    )
    assert runs_of(claim.pk) == runs
    assert {r.attempts for r in runs_of(claim.pk).values()} == {1}
    assert sorted(evidence.values_list("pk", "kind", "key", "updated_at")) == snapshot
    assert page_server.hits["/with-figure"] == fetched + 1


def test_changed_reference_figure_rechecks_and_flags_a_reviewed_verdict(
    verification_worker, tmp_path
):
    import_figures(FIGURES)
    claims = ingest_seed_and_wait(verification_worker)
    claim = next(c for c in claims if c.surface == SEED_CLAIM)
    unhcr = ReferenceFigure.objects.get(
        location="Turkey", counted="refugees", period_end=dt.date(2019, 12, 31), publisher="UNHCR"
    )
    assert Evidence.objects.filter(claim=claim, reference=unhcr).exists()
    # A reviewer has settled the claim.
    Claim.objects.filter(pk=claim.pk).update(
        status="verified", verdict="mostly_accurate", reviewed_at=timezone.now()
    )
    displacement = [c.pk for c in claims if c.category == "displacement"]
    assert len(displacement) >= 3

    # UNHCR revises the figure: same key (what, where, when, who), a new value.
    with FIGURES.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        row = next(
            r
            for r in reader
            if (r["location"], r["counted"], r["period_end"], r["publisher"], r["value"])
            == ("Turkey", "refugees", "2019-12-31", "UNHCR", "3576370")
        )
    revised = tmp_path / "revised.csv"
    with revised.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerow({**row, "value": "3700000"})
    assert "0 new, 1 updated, 0 unchanged" in import_figures(revised)

    flagged = Claim.objects.get(pk=claim.pk)
    assert "was “UNHCR: 3,576,370 refugees, Turkey, 2019-12-31”" in flagged.review_flag
    assert "now “UNHCR: 3,700,000 refugees, Turkey, 2019-12-31”" in flagged.review_flag
    assert "Review the verdict" in flagged.review_flag

    # Every displacement claim is checked again in the background, in a second round.
    wait_for(
        lambda: all(latest_round(pk) == 2 and round_finished(pk, 2) for pk in displacement),
        timeout=60,
        worker=verification_worker,
    )
    recheck = runs_of(claim.pk)["reference"]
    assert recheck.state == "succeeded" and "3,700,000" in recheck.detail, recheck.detail
    assert "3,700,000" in Evidence.objects.get(claim=claim, reference=unhcr).summary
    flagged.refresh_from_db()
    # The person's decision stands; the flag tells them to look again.
    assert (flagged.status, flagged.verdict) == ("verified", "mostly_accurate")
    assert "3,700,000" in flagged.review_flag
    # Claims nobody had reviewed are re-checked but not flagged.
    others = Claim.objects.filter(pk__in=displacement).exclude(pk=claim.pk)
    assert set(others.values_list("review_flag", flat=True)) == {""}
    assert set(others.values_list("status", flat=True)) == {"needs_review"}
