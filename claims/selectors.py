"""Read queries shared by the views, the admin and the API."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from claims.models import Article, Claim


def article_list() -> QuerySet[Article]:
    return Article.objects.annotate(claim_count=Count("claims")).order_by("-created_at", "-id")


def claim_list(
    *,
    status: str = "",
    category: str = "",
    qualifier: str = "",
    article_id: int | None = None,
    search: str = "",
) -> QuerySet[Claim]:
    claims = Claim.objects.select_related("article", "assignee").order_by("-created_at", "-id")
    if status:
        claims = claims.filter(status=status)
    if category:
        claims = claims.filter(category=category)
    if qualifier:
        claims = claims.filter(qualifier=qualifier)
    if article_id:
        claims = claims.filter(article_id=article_id)
    if search:
        claims = claims.filter(surface__icontains=search) | claims.filter(
            sentence__icontains=search
        )
    return claims


@dataclass(frozen=True)
class Segment:
    """A piece of an article body: plain text, or the text of one claim."""

    text: str
    claim: Claim | None = None


def article_segments(*, article: Article, claims: list[Claim]) -> list[Segment]:
    """Split the body into plain and claim segments, in order, for highlighting in place.

    Claims that overlap an earlier one are left out of the highlighting (they are still listed).
    """
    segments: list[Segment] = []
    position = 0
    body = article.body
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < position or claim.end > len(body):
            continue
        if claim.start > position:
            segments.append(Segment(body[position : claim.start]))
        segments.append(Segment(body[claim.start : claim.end], claim))
        position = claim.end
    if position < len(body):
        segments.append(Segment(body[position:]))
    return segments


def claim_detail(*, pk: int) -> Claim:
    return Claim.objects.select_related("article", "assignee").get(pk=pk)


def claim_runs(*, claim: Claim):
    """The claim's verification runs, latest round first."""
    return claim.runs.order_by("-round", "check_kind")


def claim_evidence(*, claim: Claim):
    return claim.evidence.select_related("reference", "source", "other_claim__article").order_by(
        "kind", "-outcome", "key"
    )
