from django.contrib import admin, messages
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from claims import services, verifying
from claims.models import (
    Article,
    Claim,
    Comment,
    Evidence,
    ReferenceFigure,
    Source,
    VerificationRun,
)

# Links pasted without a scheme are assumed to be https (Django 6's default).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("surface", "start", "end", "value", "low", "high", "qualifier", "category", "status")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("__str__", "outlet", "published_on", "extraction_state", "created_at")
    list_filter = ("extraction_state", "outlet")
    search_fields = ("title", "body", "outlet", "url")
    date_hierarchy = "created_at"
    inlines = [ClaimInline]
    actions = ["extract_again"]
    readonly_fields = (
        "body_sha256",
        "extraction_state",
        "extraction_error",
        "extraction_attempts",
        "extraction_queued_at",
        "extraction_started_at",
        "extraction_finished_at",
        "created_by",
        "created_at",
        "updated_at",
    )

    def get_readonly_fields(self, request, obj=None):
        # The body is fixed once stored: claims point into it by character offsets.
        if obj is not None:
            return (*self.readonly_fields, "body")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # New articles go through the same ingest as every other channel.
        try:
            result = services.article_ingest(
                text=form.cleaned_data["body"],
                title=form.cleaned_data.get("title", ""),
                url=form.cleaned_data.get("url", ""),
                outlet=form.cleaned_data.get("outlet", ""),
                published_on=form.cleaned_data.get("published_on"),
                user=request.user,
            )
        except services.IngestError as exc:
            # Reported as a form error by ArticleAdmin.get_form's clean_body before we get here.
            raise ValueError(str(exc)) from exc
        obj.pk = result.article.pk
        obj.refresh_from_db()
        if not result.created:
            messages.info(request, "This article was already stored; showing the existing one.")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:

            def clean_body(self):
                from django import forms
                from django.conf import settings

                from claims.text import TextRejected, normalise_article

                body = self.cleaned_data["body"]
                try:
                    normalise_article(body, max_bytes=settings.ARTICLE_MAX_BYTES)
                except TextRejected as exc:
                    raise forms.ValidationError(str(exc)) from None
                return body

            form.clean_body = clean_body
        return form

    @admin.action(description="Extract claims again")
    def extract_again(self, request, queryset):
        count = 0
        for article in queryset:
            try:
                services.article_extraction_requeue(article=article)
                count += 1
            except services.FactcheckError as exc:
                self.message_user(request, f"{article}: {exc}", messages.WARNING)
        self.message_user(request, f"Queued extraction for {count} article(s).")


class VerificationRunInline(admin.TabularInline):
    model = VerificationRun
    extra = 0
    can_delete = False
    fields = (
        "round",
        "check_kind",
        "state",
        "attempts",
        "outcome",
        "detail",
        "error",
        "finished_at",
    )
    readonly_fields = fields
    ordering = ("-round", "check_kind")

    def has_add_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "claim"
    extra = 0
    can_delete = False
    fields = ("kind", "outcome", "summary", "reference", "attribution", "source", "fetched_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Attribution")
    def attribution(self, obj):
        return obj.reference.attribution if obj.reference_id else ""


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    inlines = [VerificationRunInline, EvidenceInline]
    actions = ["verify_again"]
    list_display = (
        "surface",
        "value",
        "low",
        "high",
        "qualifier",
        "category",
        "status",
        "suggested_verdict",
        "verdict",
        "article",
    )
    list_filter = ("status", "category", "qualifier", "verdict", "article")
    search_fields = ("surface", "sentence", "counted", "location", "attributed_to")
    list_select_related = ("article",)
    raw_id_fields = ("article", "assignee")
    readonly_fields = ("article", "start", "end", "surface", "sentence", "created_at", "updated_at")

    @admin.action(description="Verify again (new round of checks)")
    def verify_again(self, request, queryset):
        count = verifying.claims_verification_enqueue(
            claim_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(request, f"Queued verification for {count} claim(s).")


@admin.register(ReferenceFigure)
class ReferenceFigureAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = (
        "counted",
        "location",
        "origin",
        "period_end",
        "value",
        "publisher",
        "attribution",
    )
    list_filter = ("category", "publisher", "location")
    search_fields = ("counted", "location", "origin", "publisher", "dataset", "note")


@admin.register(VerificationRun)
class VerificationRunAdmin(admin.ModelAdmin):
    list_display = ("claim", "check_kind", "round", "state", "attempts", "outcome", "finished_at")
    list_filter = ("state", "check_kind", "outcome")
    raw_id_fields = ("claim",)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("claim", "kind", "key", "outcome", "created_at")
    list_filter = ("kind", "outcome")
    raw_id_fields = ("claim", "run", "reference", "source", "other_claim")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("url", "claim", "found_in_article", "created_at")
    raw_id_fields = ("claim", "added_by")


admin.site.register(Comment)
