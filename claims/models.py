"""factcheck's data: articles, the claims found in them, and what verifies them.

Models hold data and the rules the database can enforce; every write that matters goes through
claims.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class ExtractionState(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Article(models.Model):
    title = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    body_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    extraction_state = models.CharField(
        max_length=16, choices=ExtractionState.choices, default=ExtractionState.PENDING
    )
    extraction_error = models.TextField(blank=True)
    extraction_attempts = models.PositiveIntegerField(default=0)
    extraction_queued_at = models.DateTimeField(null=True, blank=True)
    extraction_started_at = models.DateTimeField(null=True, blank=True)
    extraction_finished_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["body"])

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["extraction_state", "extraction_queued_at"])]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        first_line = self.body.strip().split("\n", 1)[0]
        return first_line[:90] + ("…" if len(first_line) > 90 else "")


class ClaimStatus(models.TextChoices):
    NEW = "new", "New"
    QUEUED = "queued", "Queued"
    CHECKING = "checking", "Checking"
    NEEDS_REVIEW = "needs_review", "Needs review"
    IN_REVIEW = "in_review", "In review"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    DISMISSED = "dismissed", "Dismissed"
    PUBLISHED = "published", "Published"


class Verdict(models.TextChoices):
    ACCURATE = "accurate", "Accurate"
    MOSTLY_ACCURATE = "mostly_accurate", "Mostly accurate"
    MISLEADING = "misleading", "Misleading"
    INACCURATE = "inaccurate", "Inaccurate"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class Qualifier(models.TextChoices):
    EXACT = "exact", "Exact"
    APPROXIMATE = "approximate", "Approximate"
    MORE_THAN = "more_than", "More than"
    LESS_THAN = "less_than", "Less than"
    NEARLY = "nearly", "Nearly"
    RANGE = "range", "Range"
    VAGUE = "vague", "Vague"


class Category(models.TextChoices):
    DISPLACEMENT = "displacement", "Displacement"
    MILITARY = "military", "Military"
    CASUALTIES = "casualties", "Casualties"
    POPULATION = "population", "Population"
    MONEY = "money", "Money"
    OTHER = "other", "Other"


class ClaimQuerySet(models.QuerySet):
    def needs_review(self):
        return self.filter(status=ClaimStatus.NEEDS_REVIEW)

    def touched_by_people(self):
        return self.filter(reviewed_at__isnull=False)

    def untouched(self):
        return self.filter(reviewed_at__isnull=True)


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    surface = models.CharField(max_length=500)
    sentence = models.TextField(blank=True)

    value = models.FloatField(null=True, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    qualifier = models.CharField(max_length=16, choices=Qualifier.choices)
    category = models.CharField(max_length=16, choices=Category.choices, default=Category.OTHER)
    counted = models.CharField(max_length=300, blank=True)
    unit = models.CharField(max_length=16, default="count")
    currency = models.CharField(max_length=3, blank=True)
    location = models.CharField(max_length=200, blank=True)
    time_text = models.CharField(max_length=200, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    attributed_to = models.CharField(max_length=300, blank=True)
    checkworthiness = models.FloatField(default=0.5)
    fingerprint = models.CharField(max_length=200, blank=True, db_index=True)

    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.NEW)
    verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    suggested_verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    # Set when a person first changes the claim; extraction never overwrites such a claim.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Why the claim needs another look (e.g. a reference figure it was checked against changed).
    review_flag = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(value__isnull=True) | Q(low__lte=F("value")),
                name="claim_low_le_value",
            ),
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(value__isnull=True) | Q(value__lte=F("high")),
                name="claim_value_le_high",
            ),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="claim_low_le_high",
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "category", "-created_at"], name="claim_review_queue"),
            models.Index(fields=["category", "-created_at"], name="claim_category_recent"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_status"),
        ]

    def __str__(self) -> str:
        return self.surface


class Source(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    found_in_article = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "url"], name="source_unique_url")]

    def __str__(self) -> str:
        return self.url


# What a reference figure measures and who published it: its natural key for upserts.
REFERENCE_KEY = (
    "category",
    "counted",
    "location",
    "origin",
    "period_start",
    "period_end",
    "publisher",
    "dataset",
)


class ReferenceFigure(models.Model):
    """A published figure with its provenance, to compare claims with."""

    category = models.CharField(max_length=16, choices=Category.choices)
    counted = models.CharField(max_length=300)
    location = models.CharField(max_length=200)
    origin = models.CharField(max_length=200, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.FloatField(null=True, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=16)
    publisher = models.CharField(max_length=200)
    dataset = models.CharField(max_length=500)
    source_url = models.URLField(max_length=2000)
    published_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["location", "category", "-period_end"]
        constraints = [
            models.UniqueConstraint(fields=REFERENCE_KEY, name="reference_unique_figure"),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(low__isnull=False) | Q(high__isnull=False),
                name="reference_has_a_number",
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="reference_period_ordered"
            ),
        ]
        indexes = [models.Index(fields=["category", "location", "period_end"])]

    def __str__(self) -> str:
        def fmt(x):
            return f"{x:,.0f}" if x is not None else "?"

        number = fmt(self.value) if self.value is not None else f"{fmt(self.low)}–{fmt(self.high)}"
        return f"{self.publisher}: {number} {self.counted}, {self.location}, {self.period_end}"

    @property
    def attribution(self) -> str:
        """The credit to show wherever this figure is shown (seeds/reference licence terms)."""
        if "Refugee Population Statistics" in self.dataset or "Refugee Data Finder" in self.dataset:
            text = (
                "Source: UNHCR Refugee Data Finder (https://www.unhcr.org/refugee-statistics/), "
                "data via the refugees package (PopulationStatistics/refugees), CC BY 4.0"
            )
            if "IDMC" in self.publisher:
                text += "; IDMC data as published in the UNHCR Refugee Data Finder"
            return text
        link = f" ({self.source_url})" if self.source_url else ""
        return f"Source: {self.publisher}, {self.dataset}{link}"


class CheckKind(models.TextChoices):
    REFERENCE = "reference", "Reference figures"
    CONSISTENCY = "consistency", "Other articles"
    SOURCE = "source", "Source pages"


class RunState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    RETRYING = "retrying", "Retrying"


class Outcome(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    INCONCLUSIVE = "inconclusive", "Inconclusive"


class VerificationRun(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="runs")
    check_kind = models.CharField(max_length=16, choices=CheckKind.choices)
    # Each "verify again" starts a new round; a round has at most one run per check.
    round = models.PositiveIntegerField(default=1)
    state = models.CharField(max_length=16, choices=RunState.choices, default=RunState.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    detail = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["claim_id", "-round", "check_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "check_kind", "round"], name="run_unique_per_round"
            )
        ]
        indexes = [models.Index(fields=["state", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.check_kind} #{self.round} for claim {self.claim_id}: {self.state}"


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    run = models.ForeignKey(
        VerificationRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    kind = models.CharField(max_length=16, choices=CheckKind.choices)
    # A natural key within the claim ("reference:42", "source:<url>") makes writes idempotent.
    key = models.CharField(max_length=300)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    summary = models.TextField(blank=True)
    reference = models.ForeignKey(
        ReferenceFigure, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    other_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot_text = models.TextField(blank=True)
    snapshot_sha256 = models.CharField(max_length=64, blank=True)
    http_status = models.PositiveIntegerField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim_id", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "kind", "key"], name="evidence_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} evidence for claim {self.claim_id}: {self.outcome or '-'}"


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on claim {self.claim_id}"
