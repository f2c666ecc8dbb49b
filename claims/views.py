"""Browser pages for fact-checkers: a form, a service call, a message, a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims import selectors, services, verifying
from claims.forms import ArticleForm, ClaimFilterForm, SourceForm
from claims.models import Article, Claim


@login_required
def article_list(request):
    page = Paginator(selectors.article_list(), 50).get_page(request.GET.get("page"))
    return render(request, "claims/article_list.html", {"page": page})


@login_required
def article_detail(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    claims = list(article.claims.all())
    return render(
        request,
        "claims/article_detail.html",
        {
            "article": article,
            "claims": claims,
            "segments": selectors.article_segments(article=article, claims=claims),
        },
    )


@login_required
def article_new(request):
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text = data["file"].read() if data.get("file") else data["text"]
        try:
            result = services.article_ingest(
                text=text,
                title=data["title"],
                outlet=data["outlet"],
                url=data["url"],
                published_on=data["published_on"],
                user=request.user,
            )
        except services.IngestError as exc:
            form.add_error(None, str(exc))
        else:
            if result.created:
                messages.success(request, "Article saved. Its claims are being extracted.")
            else:
                messages.info(request, "This article is already here; showing the existing one.")
            return redirect("claims:article_detail", pk=result.article.pk)
    return render(request, "claims/article_new.html", {"form": form})


@login_required
@require_POST
def article_extract_again(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    try:
        services.article_extraction_requeue(article=article)
    except services.FactcheckError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Extraction queued again.")
    return redirect("claims:article_detail", pk=pk)


@login_required
def claim_detail(request, pk: int):
    try:
        claim = selectors.claim_detail(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim") from None
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "runs": selectors.claim_runs(claim=claim),
            "evidence": selectors.claim_evidence(claim=claim),
            "sources": claim.sources.all(),
            "source_form": SourceForm(),
        },
    )


@login_required
@require_POST
def claim_source_add(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    form = SourceForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("url", []):
            messages.error(request, error)
        return redirect("claims:claim_detail", pk=pk)
    try:
        services.claim_source_add(claim=claim, url=form.cleaned_data["url"], user=request.user)
    except services.FactcheckError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Source added; the claim is being checked against it.")
    return redirect("claims:claim_detail", pk=pk)


@login_required
@require_POST
def claim_verify_again(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    verifying.claims_verification_enqueue(claim_ids=[claim.pk])
    messages.success(request, "Verification queued again.")
    return redirect("claims:claim_detail", pk=pk)


@login_required
def claim_list(request):
    form = ClaimFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    claims = selectors.claim_list(
        status=filters.get("status", ""),
        category=filters.get("category", ""),
        qualifier=filters.get("qualifier", ""),
        article_id=filters.get("article"),
        search=filters.get("q", ""),
    )
    page = Paginator(claims, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "claims/claim_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
