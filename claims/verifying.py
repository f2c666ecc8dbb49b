"""Verification writes: queue checks for claims, run one check, record runs and evidence.

The checks themselves are pure functions in claims.verification; this module turns rows into
their plain inputs, calls them, and stores what came out. Tasks call these functions by id.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.utils import timezone

from claims import fetching
from claims.models import (
    CheckKind,
    Claim,
    ClaimStatus,
    Evidence,
    Outcome,
    ReferenceFigure,
    RunState,
    Source,
    VerificationRun,
)
from claims.verification.consistency import PeerClaim, claim_fingerprint, compare_with_peers
from claims.verification.facts import ClaimFacts, ReferenceFacts
from claims.verification.reference import suggest_verdict, verify_against_references
from claims.verification.source_text import find_figure

logger = logging.getLogger(__name__)

CHECKS = (CheckKind.REFERENCE, CheckKind.CONSISTENCY, CheckKind.SOURCE)
# Claims in these states move on to needs_review when their checks finish; a claim a person has
# already taken further keeps its status (the new runs are still shown).
AUTOMATIC_STATUSES = (ClaimStatus.NEW, ClaimStatus.QUEUED, ClaimStatus.CHECKING)


class TransientCheckError(Exception):
    """A check failed for a reason that may pass (network, database); the task retries it."""


def claim_facts(claim: Claim) -> ClaimFacts:
    return ClaimFacts(
        value=claim.value,
        low=claim.low,
        high=claim.high,
        qualifier=claim.qualifier,
        category=claim.category,
        counted=claim.counted,
        unit="people" if claim.unit == "count" else claim.unit,
        currency=claim.currency or None,
        location=claim.location or None,
        period_start=claim.period_start,
        period_end=claim.period_end,
        published_on=claim.article.published_on,
        surface=claim.surface,
        sentence=claim.sentence,
    )


def reference_facts(figure: ReferenceFigure) -> ReferenceFacts:
    return ReferenceFacts(
        id=figure.pk,
        category=figure.category,
        counted=figure.counted,
        location=figure.location,
        origin=figure.origin or None,
        period_start=figure.period_start,
        period_end=figure.period_end,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        unit=figure.unit,
        publisher=figure.publisher,
        dataset=figure.dataset,
        source_url=figure.source_url,
        published_on=figure.published_on,
        note=figure.note,
    )


def claims_verification_enqueue(*, claim_ids: list[int] | tuple[int, ...]) -> int:
    """Start a new round of checks for each claim and queue `claims.verify_claim` after commit.

    Each round has one VerificationRun per check, created 'queued'. Returns the claims queued.
    """
    if not claim_ids:
        return 0
    with transaction.atomic():
        rounds = dict(
            VerificationRun.objects.filter(claim_id__in=claim_ids)
            .values("claim_id")
            .annotate(last=Max("round"))
            .values_list("claim_id", "last")
        )
        # Runs of an earlier round that never started are superseded: workers take only the
        # latest round, so they would otherwise show 'queued' for ever.
        VerificationRun.objects.filter(
            claim_id__in=claim_ids, state__in=[RunState.QUEUED, RunState.RETRYING]
        ).update(
            state=RunState.FAILED,
            error="Superseded by a newer round of checks.",
            finished_at=timezone.now(),
        )
        VerificationRun.objects.bulk_create(
            [
                VerificationRun(claim_id=cid, check_kind=kind, round=rounds.get(cid, 0) + 1)
                for cid in claim_ids
                for kind in CHECKS
            ]
        )
        Claim.objects.filter(pk__in=claim_ids, status__in=AUTOMATIC_STATUSES).update(
            status=ClaimStatus.QUEUED
        )
        _send_on_commit(list(claim_ids))
    return len(claim_ids)


def _send_on_commit(claim_ids: list[int]) -> None:
    """Queue `claims.verify_claim` for each claim once the current transaction commits.

    A broker that is down loses nothing: the runs stay queued and the sweep sends them again."""

    def send() -> None:
        from claims.tasks import verify_claim

        for claim_id in claim_ids:
            try:
                verify_claim.delay(claim_id)
            except Exception:
                logger.exception("Could not queue verification of claim %s", claim_id)

    transaction.on_commit(send)


def pending_runs(*, claim_id: int, stale_after: dt.timedelta) -> list[int]:
    """Ids of the claim's runs in its latest round that still need doing."""
    last = VerificationRun.objects.filter(claim_id=claim_id).aggregate(m=Max("round"))["m"]
    if last is None:
        return []
    return list(
        VerificationRun.objects.filter(claim_id=claim_id, round=last)
        .filter(
            Q(state__in=[RunState.QUEUED, RunState.RETRYING])
            | Q(state=RunState.RUNNING, started_at__lt=timezone.now() - stale_after)
        )
        .order_by("check_kind")
        .values_list("pk", flat=True)
    )


def run_claim(*, run_id: int, stale_after: dt.timedelta) -> VerificationRun | None:
    """Take a run for this worker with a conditional UPDATE; None when another worker has it."""
    now = timezone.now()
    taken = VerificationRun.objects.filter(
        Q(state__in=[RunState.QUEUED, RunState.RETRYING])
        | Q(state=RunState.RUNNING, started_at__lt=now - stale_after),
        pk=run_id,
    ).update(state=RunState.RUNNING, started_at=now, finished_at=None, attempts=F("attempts") + 1)
    if taken != 1:
        return None
    Claim.objects.filter(runs__pk=run_id, status=ClaimStatus.QUEUED).update(
        status=ClaimStatus.CHECKING
    )
    return VerificationRun.objects.select_related("claim__article").get(pk=run_id)


def run_mark_retrying(*, run_id: int, error: str, retry_at: dt.datetime | None = None) -> None:
    """Waiting for a retry. `queued_at` moves to when the retry is due, so the sweep does not
    take a run that is only sitting out its backoff for a stuck one."""
    VerificationRun.objects.filter(pk=run_id, state=RunState.RUNNING).update(
        state=RunState.RETRYING, error=error[:4000], queued_at=retry_at or timezone.now()
    )


def run_mark_failed(*, run_id: int, error: str) -> None:
    VerificationRun.objects.filter(pk=run_id).exclude(state=RunState.SUCCEEDED).update(
        state=RunState.FAILED, error=error[:4000], finished_at=timezone.now()
    )


def _store_evidence(*, claim: Claim, run: VerificationRun, kind: str, key: str, **fields) -> None:
    Evidence.objects.update_or_create(
        claim=claim, kind=kind, key=key[:300], defaults={"run": run, **fields}
    )


def _finish_run(run: VerificationRun, *, outcome: str, detail: str, data: dict) -> None:
    VerificationRun.objects.filter(pk=run.pk).update(
        state=RunState.SUCCEEDED,
        outcome=outcome,
        detail=detail,
        data=data,
        error="",
        finished_at=timezone.now(),
    )


# Reference figures change rarely and every claim of a category compares with all of them:
# keep their plain forms per worker process, reloaded when the table's count or last change moves.
_REFERENCE_CACHE: dict[str, tuple[tuple, list[ReferenceFacts]]] = {}


def _reference_candidates(claim: Claim) -> list[ReferenceFacts]:
    figures = ReferenceFigure.objects.filter(category=claim.category)
    stamp = tuple(figures.aggregate(n=Count("pk"), last=Max("updated_at")).values())
    cached = _REFERENCE_CACHE.get(claim.category)
    if cached is None or cached[0] != stamp:
        cached = (stamp, [reference_facts(f) for f in figures])
        _REFERENCE_CACHE[claim.category] = cached
    return cached[1]


@transaction.atomic
def check_reference(*, run: VerificationRun) -> None:
    claim = run.claim
    check = verify_against_references(claim_facts(claim), _reference_candidates(claim))
    verdict, rating, reason = suggest_verdict(list(check.comparisons))
    compared = []
    for comparison in check.comparisons[:10]:
        compared.append(comparison.reference_id)
        _store_evidence(
            claim=claim,
            run=run,
            kind=CheckKind.REFERENCE,
            key=f"reference:{comparison.reference_id}",
            outcome=comparison.outcome,
            summary=comparison.explanation,
            reference_id=comparison.reference_id,
        )
    # Evidence from an earlier round that this round no longer compares with is dropped.
    claim.evidence.filter(kind=CheckKind.REFERENCE).exclude(reference_id__in=compared).delete()
    _finish_run(
        run,
        outcome=check.outcome,
        detail=check.summary,
        data={
            "suggested_verdict": verdict,
            "rating": rating,
            "verdict_reason": reason,
            "reference_ids": compared,
            "best_reference_id": check.best.reference_id if check.best else None,
            "best_relative_difference": check.best.relative_difference if check.best else None,
        },
    )


def _neighbour_fingerprints(fingerprint: str) -> list[str]:
    """The fingerprint and its neighbours one order of magnitude up and down, so that figures
    either side of a bucket edge (3.1 and 3.2 million) still meet."""
    head, _, magnitude = fingerprint.rpartition("|")
    if not magnitude.lstrip("-").isdigit():
        return [fingerprint]
    return [f"{head}|{int(magnitude) + step}" for step in (-1, 0, 1)]


def _peers(claim: Claim, fingerprint: str) -> list[tuple[Claim, PeerClaim]]:
    others = (
        Claim.objects.filter(fingerprint__in=_neighbour_fingerprints(fingerprint))
        .exclude(article_id=claim.article_id)
        .select_related("article")
        .order_by("article__published_on", "pk")[:200]
    )
    return [
        (
            other,
            PeerClaim(
                article_id=other.article_id,
                outlet=other.article.outlet or None,
                speaker=other.attributed_to or None,
                published_on=other.article.published_on,
                value=other.value,
                low=other.low,
                high=other.high,
                qualifier=other.qualifier,
            ),
        )
        for other in others
    ]


@transaction.atomic
def check_consistency(*, run: VerificationRun) -> None:
    claim = run.claim
    facts = claim_facts(claim)
    fingerprint = claim.fingerprint or claim_fingerprint(facts)
    pairs = _peers(claim, fingerprint)
    check = compare_with_peers(facts, [p for _, p in pairs])
    by_article = {}
    for other, peer in pairs:
        by_article.setdefault(peer.article_id, other)
    kept = []
    for status, results in (("agreeing", check.agreeing), ("diverging", check.diverging)):
        for result in results:
            other = by_article[result.peer.article_id]
            kept.append(other.pk)
            _store_evidence(
                claim=claim,
                run=run,
                kind=CheckKind.CONSISTENCY,
                key=f"claim:{other.pk}",
                outcome=Outcome.SUPPORTS if status == "agreeing" else Outcome.CONTRADICTS,
                summary=result.explanation,
                other_claim=other,
            )
    claim.evidence.filter(kind=CheckKind.CONSISTENCY).exclude(other_claim_id__in=kept).delete()
    if check.diverging:
        outcome = Outcome.CONTRADICTS
    elif check.agreeing:
        outcome = Outcome.SUPPORTS
    else:
        outcome = Outcome.INCONCLUSIVE
    _finish_run(
        run,
        outcome=outcome,
        detail=check.summary,
        data={
            "fingerprint": fingerprint,
            "agreeing": len(check.agreeing),
            "diverging": len(check.diverging),
            "claim_was_first": check.claim_was_first,
        },
    )


def allowed_private_endpoints() -> frozenset[tuple[str, int]]:
    """FETCH_ALLOWED_PRIVATE_ENDPOINTS: "127.0.0.1:8123,[::1]:8123" (tests only; empty in
    production). Exactly these address:port pairs are fetched although non-public."""
    pairs = set()
    for item in settings.FETCH_ALLOWED_PRIVATE_ENDPOINTS.split(","):
        host, _, port = item.strip().rpartition(":")
        if host and port.isdigit():
            pairs.add((host.strip("[]"), int(port)))
    return frozenset(pairs)


def fetch_config() -> fetching.FetchConfig:
    return fetching.FetchConfig(
        allow_private=settings.FETCH_ALLOW_PRIVATE,
        max_bytes=settings.FETCH_MAX_BYTES,
        connect_timeout=settings.FETCH_CONNECT_TIMEOUT,
        read_timeout=settings.FETCH_READ_TIMEOUT,
        total_timeout=settings.FETCH_TOTAL_TIMEOUT,
        allowed_private_endpoints=allowed_private_endpoints(),
    )


TRANSIENT_FETCH_REASONS = {"timeout", "connection_error", "dns_failure"}


def check_sources(*, run: VerificationRun, last_attempt: bool = False) -> None:
    """Fetch every source of the claim (outside a transaction: it waits on the network).

    A page that times out or cannot be reached makes the check retry; on the last attempt it is
    recorded as evidence that it could not be fetched, and the run ends with what the other
    pages gave."""
    claim = run.claim
    facts = claim_facts(claim)
    found = refused = 0
    lines = []
    transient = []
    for source in Source.objects.filter(claim=claim).order_by("pk"):
        try:
            page = fetching.fetch(source.url, config=fetch_config())
        except fetching.FetchRefused as exc:
            if exc.reason in TRANSIENT_FETCH_REASONS and not last_attempt:
                transient.append(f"{source.url}: {exc}")
                continue
            refused += 1
            why = f"not fetched ({exc.reason})"
            if exc.reason in TRANSIENT_FETCH_REASONS:
                why = f"not fetched after {run.attempts} attempts ({exc.reason})"
            lines.append(f"{source.url}: {why}: {exc}")
            _store_evidence(
                claim=claim,
                run=run,
                kind=CheckKind.SOURCE,
                key=f"source:{source.pk}",
                source=source,
                outcome=Outcome.INCONCLUSIVE,
                summary=f"{why[0].upper()}{why[1:]}: {exc}",
            )
            continue
        match = find_figure(page.text, facts)
        if match.found:
            found += 1
            summary = f"The page gives the figure as “{match.matched_text}”: “…{match.snippet}…”"
        else:
            summary = "The page was fetched but the figure was not found in any written form."
        lines.append(f"{source.url}: {summary}")
        _store_evidence(
            claim=claim,
            run=run,
            kind=CheckKind.SOURCE,
            key=f"source:{source.pk}",
            source=source,
            outcome=Outcome.SUPPORTS if match.found else Outcome.INCONCLUSIVE,
            summary=summary,
            snapshot_text=page.text[:1_000_000],
            snapshot_sha256=page.sha256,
            http_status=page.status,
            fetched_at=page.fetched_at,
        )
    if transient:
        raise TransientCheckError("; ".join(transient))
    total = Source.objects.filter(claim=claim).count()
    if not total:
        detail = "No source pages are attached to this claim."
    else:
        detail = f"{found} of {total} source page(s) give the figure. " + " ".join(lines)
    _finish_run(
        run,
        outcome=Outcome.SUPPORTS if found else Outcome.INCONCLUSIVE,
        detail=detail[:10000],
        data={"sources": total, "found": found, "refused": refused},
    )


CHECK_FUNCTIONS = {
    CheckKind.REFERENCE: check_reference,
    CheckKind.CONSISTENCY: check_consistency,
    CheckKind.SOURCE: check_sources,
}


def run_check(*, run: VerificationRun, last_attempt: bool = False) -> None:
    if run.check_kind == CheckKind.SOURCE:
        check_sources(run=run, last_attempt=last_attempt)
    else:
        CHECK_FUNCTIONS[run.check_kind](run=run)


@transaction.atomic
def claim_verification_finish(*, claim_id: int) -> bool:
    """When every run of the latest round has ended, record the suggested verdict and move the
    claim to needs_review (unless a person has already taken it further). Idempotent."""
    claim = Claim.objects.select_for_update().get(pk=claim_id)
    last = claim.runs.aggregate(m=Max("round"))["m"]
    runs = list(claim.runs.filter(round=last))
    if any(r.state not in (RunState.SUCCEEDED, RunState.FAILED) for r in runs):
        return False
    reference = next((r for r in runs if r.check_kind == CheckKind.REFERENCE), None)
    suggested = (reference.data or {}).get("suggested_verdict", "") if reference else ""
    fields = {"suggested_verdict": suggested or ""}
    if claim.status in AUTOMATIC_STATUSES:
        fields["status"] = ClaimStatus.NEEDS_REVIEW
    changed = {k: v for k, v in fields.items() if getattr(claim, k) != v}
    if changed:
        for k, v in changed.items():
            setattr(claim, k, v)
        claim.save(update_fields=[*changed, "updated_at"])
    return True


def ended_rounds_finish(*, limit: int = 1000) -> list[int]:
    """Claims still 'queued' or 'checking' whose latest round has ended: the task that ran the
    last check died before recording the end (a lost connection, a locked database). Finishing
    is idempotent, so the sweep does it for them."""
    latest = (
        VerificationRun.objects.filter(claim_id=OuterRef("pk"))
        .order_by("-round")
        .values("round")[:1]
    )
    open_runs = VerificationRun.objects.filter(
        claim_id=OuterRef("pk"), round=Subquery(latest)
    ).exclude(state__in=[RunState.SUCCEEDED, RunState.FAILED])
    claim_ids = list(
        Claim.objects.filter(status__in=[ClaimStatus.QUEUED, ClaimStatus.CHECKING])
        .filter(Exists(VerificationRun.objects.filter(claim_id=OuterRef("pk"))))
        .exclude(Exists(open_runs))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    return [pk for pk in claim_ids if claim_verification_finish(claim_id=pk)]


def stuck_runs_requeue(*, stuck_after: dt.timedelta) -> list[int]:
    """Claims whose runs sat queued/retrying/running too long are queued again."""
    cutoff = timezone.now() - stuck_after
    # Only the latest round: workers never take a run of an earlier one, so re-sending for it
    # would repeat on every sweep.
    latest = (
        VerificationRun.objects.filter(claim_id=OuterRef("claim_id"))
        .order_by("-round")
        .values("round")[:1]
    )
    claim_ids = list(
        VerificationRun.objects.filter(
            Q(state__in=[RunState.QUEUED, RunState.RETRYING], queued_at__lt=cutoff)
            | Q(state=RunState.RUNNING, started_at__lt=cutoff)
        )
        .filter(round=Subquery(latest))
        # Without this order_by, Meta.ordering's columns join the DISTINCT and ids repeat.
        .order_by("claim_id")
        .values_list("claim_id", flat=True)
        .distinct()[:1000]
    )
    if claim_ids:
        # Push queued_at forward so the same claims are not re-sent on every sweep.
        VerificationRun.objects.filter(
            claim_id__in=claim_ids, state__in=[RunState.QUEUED, RunState.RETRYING]
        ).update(queued_at=timezone.now())
        _send_on_commit(claim_ids)
    return claim_ids


def claims_affected_by_references(*, reference_ids: list[int]) -> list[int]:
    """Claims whose latest checks compared with these figures, or could match them now."""
    figures = ReferenceFigure.objects.filter(pk__in=reference_ids)
    categories = set(figures.values_list("category", flat=True))
    used = set(
        Evidence.objects.filter(reference_id__in=reference_ids).values_list("claim_id", flat=True)
    )
    candidates = set(
        Claim.objects.filter(category__in=categories)
        .exclude(status=ClaimStatus.DISMISSED)
        .values_list("pk", flat=True)[:5000]
    )
    return sorted(used | candidates)


def references_changed(*, new_ids: list[int], changed: list[tuple[int, str]]) -> int:
    """Re-check the claims that new or changed reference figures bear on; flag verdicts that
    rested on a changed figure, naming the old and the new figure. Returns the claims queued."""
    changed_ids = [pk for pk, _ in changed]
    ids = new_ids + changed_ids
    if not ids:
        return 0
    before = dict(changed)
    figures = {f.pk: f for f in ReferenceFigure.objects.filter(pk__in=changed_ids)}
    resting = (
        Evidence.objects.filter(kind=CheckKind.REFERENCE, reference_id__in=changed_ids)
        .filter(Q(claim__reviewed_at__isnull=False) | ~Q(claim__verdict=""))
        .select_related("claim")
    )
    for evidence in resting:
        claim = evidence.claim
        figure = figures[evidence.reference_id]
        note = (
            f"A reference figure this claim was checked against changed: "
            f"was “{before[figure.pk]}”, "
            f"now “{figure}”. Review the verdict."
        )
        if note not in claim.review_flag:
            claim.review_flag = (claim.review_flag + "\n" + note).strip()
            claim.save(update_fields=["review_flag", "updated_at"])
    claim_ids = claims_affected_by_references(reference_ids=ids)
    return claims_verification_enqueue(claim_ids=claim_ids)
