"""Every write that matters: ingest, extraction bookkeeping, storing claims.

Functions are keyword-only, run in a transaction, and raise FactcheckError (or a subclass) with a
message meant for the person who caused it.
"""

import dataclasses
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import verifying
from claims.extraction.types import ClaimCandidate
from claims.models import REFERENCE_KEY, Article, Claim, ExtractionState, Source
from claims.text import TextRejected, normalise_article
from claims.verification.bounds import point
from claims.verification.consistency import fingerprint

logger = logging.getLogger(__name__)


class FactcheckError(Exception):
    """A domain rule was broken; the message is safe to show to the user."""


class IngestError(FactcheckError):
    pass


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def article_ingest(
    *,
    text: str | bytes,
    title: str = "",
    url: str = "",
    outlet: str = "",
    published_on: dt.date | None = None,
    user=None,
) -> IngestResult:
    """Normalise `text` and store it as an Article, then queue its extraction after commit.

    The same normalised body again returns the existing article (created=False) and queues
    nothing. A `date YYYY-MM-DD` header in the text sets the publication date unless
    `published_on` is given. Raises IngestError for empty, oversized, binary or non-UTF-8 text;
    nothing is saved then.
    """
    try:
        normalised = normalise_article(text, max_bytes=settings.ARTICLE_MAX_BYTES)
    except TextRejected as exc:
        raise IngestError(str(exc)) from None
    digest = body_digest(normalised.body)
    existing = Article.objects.filter(body_sha256=digest).first()
    if existing is not None:
        return IngestResult(article=existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title.strip()[:500],
                body=normalised.body,
                body_sha256=digest,
                url=url,
                outlet=outlet.strip()[:200],
                published_on=published_on or normalised.published_on,
                created_by=user if user is not None and user.is_authenticated else None,
                extraction_state=ExtractionState.PENDING,
                extraction_queued_at=timezone.now(),
            )
            _enqueue_extraction_on_commit(article.pk)
    except IntegrityError:
        # Another request stored the same body between our lookup and our insert.
        return IngestResult(article=Article.objects.get(body_sha256=digest), created=False)
    return IngestResult(article=article, created=True)


def _enqueue_extraction_on_commit(article_id: int) -> None:
    def send() -> None:
        from claims.tasks import extract_article

        try:
            extract_article.delay(article_id)
        except Exception:
            # The broker is down: the article stays pending and the periodic sweep queues it.
            logger.exception("Could not queue extraction of article %s; the sweep will", article_id)

    transaction.on_commit(send)


@transaction.atomic
def article_extraction_requeue(*, article: Article) -> Article:
    """Queue extraction again (after a failure, or to re-read the article). Idempotent."""
    updated = Article.objects.filter(pk=article.pk).exclude(
        extraction_state=ExtractionState.RUNNING
    )
    if not updated.update(
        extraction_state=ExtractionState.PENDING,
        extraction_error="",
        extraction_queued_at=timezone.now(),
    ):
        raise FactcheckError("Extraction is running right now; wait for it to finish.")
    _enqueue_extraction_on_commit(article.pk)
    article.refresh_from_db()
    return article


def articles_extraction_requeue(*, article_ids: list[int], batch_size: int = 20) -> int:
    """Queue (re-)extraction of many articles as batch tasks of `batch_size` articles each, so
    more workers finish a backlog sooner. Articles being extracted right now are left alone.
    Returns the number of batches queued."""
    with transaction.atomic():
        ids = list(
            Article.objects.filter(pk__in=article_ids)
            .exclude(extraction_state=ExtractionState.RUNNING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Article.objects.filter(pk__in=ids).update(
            extraction_state=ExtractionState.PENDING,
            extraction_error="",
            extraction_queued_at=timezone.now(),
        )
        batches = [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]

        def send() -> None:
            from claims.tasks import extract_batch

            for batch in batches:
                try:
                    extract_batch.delay(batch)
                except Exception:
                    logger.exception("Could not queue an extraction batch; the sweep will")

        transaction.on_commit(send)
    return len(batches)


def article_extraction_claim(*, article_id: int, stale_after: dt.timedelta) -> Article | None:
    """Mark the article as being extracted, if nobody else is. Returns it, or None to skip.

    A conditional UPDATE makes this safe against duplicate deliveries: only one worker wins.
    A run that has been 'running' longer than `stale_after` is taken over (its worker died).
    """
    now = timezone.now()
    claimed = Article.objects.filter(
        Q(extraction_state=ExtractionState.PENDING)
        | Q(extraction_state=ExtractionState.RUNNING, extraction_started_at__lt=now - stale_after),
        pk=article_id,
    ).update(
        extraction_state=ExtractionState.RUNNING,
        extraction_started_at=now,
        extraction_attempts=F("extraction_attempts") + 1,
    )
    if claimed != 1:
        return None
    return Article.objects.get(pk=article_id)


def article_extraction_release(*, article_id: int) -> None:
    """Put a claimed article back to pending so that a retry can claim it again."""
    Article.objects.filter(pk=article_id, extraction_state=ExtractionState.RUNNING).update(
        extraction_state=ExtractionState.PENDING
    )


def article_extraction_fail(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        extraction_state=ExtractionState.FAILED,
        extraction_error=error[:4000],
        extraction_finished_at=timezone.now(),
    )


# Fields extraction owns (all of a candidate but its span, which is the claim's key);
# everything else on a claim belongs to the review.
EXTRACTED_FIELDS = tuple(
    f.name for f in dataclasses.fields(ClaimCandidate) if f.name not in ("start", "end")
)


@dataclass(frozen=True)
class ReplaceStats:
    created: int
    updated: int
    unchanged: int
    removed: int
    kept_reviewed: int
    new_claim_ids: tuple[int, ...]


def _candidate_fields(candidate, *, published_on: dt.date | None) -> dict:
    values = {}
    for name in EXTRACTED_FIELDS:
        value = getattr(candidate, name, None)
        field = Claim._meta.get_field(name)
        if value is None and not field.null:
            value = field.get_default() if field.has_default() else ""
        if isinstance(value, str):
            value = value[: field.max_length] if field.max_length else value
        values[name] = value
    # One definition of "the same figure" for the whole product: the consistency check's.
    values["fingerprint"] = fingerprint(
        values["category"],
        values["location"] or None,
        values["period_start"] or published_on,
        point(values["value"], values["low"], values["high"]),
    )
    return values


@transaction.atomic
def claims_replace(*, article: Article, candidates: Iterable) -> ReplaceStats:
    """Store the extracted candidates of `article`, keyed by character span.

    Running it again with the same candidates changes nothing. A claim a person has touched
    (reviewed_at set) is never changed or removed, and a candidate that overlaps it is dropped.
    Untouched claims no longer found are removed. Marks the article's extraction as done and
    queues verification of the new claims after commit.
    """
    existing = {(c.start, c.end): c for c in article.claims.select_for_update()}
    reviewed = [c for c in existing.values() if c.reviewed_at is not None]
    seen: set[tuple[int, int]] = set()
    created: list[Claim] = []
    updated = unchanged = 0
    for candidate in candidates:
        key = (candidate.start, candidate.end)
        if key in seen:
            continue
        seen.add(key)
        claim = existing.get(key)
        if claim is not None and claim.reviewed_at is not None:
            continue
        if claim is None and any(
            r.start < candidate.end and candidate.start < r.end for r in reviewed
        ):
            continue
        fields = _candidate_fields(candidate, published_on=article.published_on)
        if claim is None:
            created.append(
                Claim.objects.create(article=article, start=key[0], end=key[1], **fields)
            )
            continue
        changed = {k: v for k, v in fields.items() if getattr(claim, k) != v}
        if changed:
            for k, v in changed.items():
                setattr(claim, k, v)
            claim.save(update_fields=[*changed, "updated_at"])
            updated += 1
        else:
            unchanged += 1
    stale = [c.pk for k, c in existing.items() if k not in seen and c.reviewed_at is None]
    removed = Claim.objects.filter(pk__in=stale).delete()[1].get("claims.Claim", 0) if stale else 0
    Article.objects.filter(pk=article.pk).update(
        extraction_state=ExtractionState.DONE,
        extraction_error="",
        extraction_finished_at=timezone.now(),
    )
    _sources_from_article(article=article, claims=created)
    verifying.claims_verification_enqueue(claim_ids=[c.pk for c in created])
    return ReplaceStats(
        created=len(created),
        updated=updated,
        unchanged=unchanged,
        removed=removed,
        kept_reviewed=len(reviewed),
        new_claim_ids=tuple(c.pk for c in created),
    )


_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)


def urls_near(text: str, start: int, end: int) -> list[str]:
    """Links written in the paragraph around a claim (the article cites them as its sources)."""
    para_start = text.rfind("\n\n", 0, start) + 1
    para_end = text.find("\n\n", end)
    paragraph = text[para_start : para_end if para_end >= 0 else len(text)]
    return list(dict.fromkeys(m.group(0).rstrip(".,;:!?") for m in _URL.finditer(paragraph)))


def _sources_from_article(*, article: Article, claims: list[Claim]) -> None:
    sources = [
        Source(claim=claim, url=url[:2000], found_in_article=True)
        for claim in claims
        for url in urls_near(article.body, claim.start, claim.end)
    ]
    Source.objects.bulk_create(sources, ignore_conflicts=True)


@transaction.atomic
def claim_source_add(*, claim: Claim, url: str, user=None) -> Source:
    """Attach a source page to a claim and check the claim again (the page is fetched safely in
    the background). Adding the same URL twice returns the existing source."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise FactcheckError("A source must be an http:// or https:// address.")
    source, created = Source.objects.get_or_create(
        claim=claim, url=url[:2000], defaults={"added_by": user}
    )
    if created:
        verifying.claims_verification_enqueue(claim_ids=[claim.pk])
    return source


def stuck_articles_requeue(*, stuck_after: dt.timedelta) -> list[int]:
    """Re-queue articles whose extraction was queued or started too long ago and never finished.

    The database is the source of truth: a lost broker message or a killed worker leaves the row
    pending or running, and this puts the work back on the queue. Returns the ids re-queued.
    """
    cutoff = timezone.now() - stuck_after
    with transaction.atomic():
        ids = list(
            Article.objects.filter(
                Q(extraction_state=ExtractionState.PENDING, extraction_queued_at__lt=cutoff)
                | Q(extraction_state=ExtractionState.PENDING, extraction_queued_at__isnull=True)
                | Q(extraction_state=ExtractionState.RUNNING, extraction_started_at__lt=cutoff)
            ).values_list("pk", flat=True)[:1000]
        )
        Article.objects.filter(pk__in=ids).update(
            extraction_state=ExtractionState.PENDING, extraction_queued_at=timezone.now()
        )
        for article_id in ids:
            _enqueue_extraction_on_commit(article_id)
    return ids


@dataclass(frozen=True)
class ReferenceImportStats:
    created: int
    updated: int
    unchanged: int
    new_ids: tuple[int, ...]
    # (figure id, old figure as text) for figures whose numbers or date changed.
    changed: tuple[tuple[int, str], ...]
    claims_rechecked: int = 0


@transaction.atomic
def reference_figures_import(*, rows: list[dict]) -> ReferenceImportStats:
    """Upsert reference figures keyed on what they measure and who published them.

    All rows or none: call it only with rows that parsed cleanly. Claims the new or changed
    figures bear on are checked again in the background, and a claim whose verdict rested on a
    figure that changed is flagged for review with the old and the new figure.
    """
    from claims.models import ReferenceFigure

    created = updated = unchanged = 0
    new_ids: list[int] = []
    changed: list[tuple[int, str]] = []
    for row in rows:
        key = {k: row[k] for k in REFERENCE_KEY}
        figure = ReferenceFigure.objects.select_for_update().filter(**key).first()
        if figure is None:
            figure = ReferenceFigure.objects.create(**row)
            created += 1
            new_ids.append(figure.pk)
            continue
        diff = {k: v for k, v in row.items() if getattr(figure, k) != v}
        if not diff:
            unchanged += 1
            continue
        before = str(figure)
        for k, v in diff.items():
            setattr(figure, k, v)
        figure.save()
        updated += 1
        if {"value", "low", "high", "published_on"} & diff.keys():
            changed.append((figure.pk, before))
    rechecked = verifying.references_changed(new_ids=new_ids, changed=changed)
    return ReferenceImportStats(
        created, updated, unchanged, tuple(new_ids), tuple(changed), rechecked
    )
