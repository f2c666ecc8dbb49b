"""The claim page and `claims_report`: runs and evidence as a reviewer sees them.

Checks run in this process here (the worker path is covered in tests/integration)."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from claims import services
from claims.models import Claim, VerificationRun
from claims.tasks import verify_claim
from tests.test_services import Candidate

pytestmark = pytest.mark.django_db

FIGURES = Path(__file__).resolve().parent.parent / "seeds" / "reference" / "figures.csv"
TEXT = "date 2020-03-02 Turkey already hosts more than 3.6 million Syrian refugees <b>now</b>."


@pytest.fixture
def checked_claim(django_capture_on_commit_callbacks):
    call_command("import_reference", str(FIGURES), stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=False):
        article = services.article_ingest(text=TEXT).article
        start = article.body.index("more than")
        surface = "more than 3.6 million Syrian refugees"
        services.claims_replace(
            article=article,
            candidates=[
                Candidate(
                    surface,
                    start,
                    start + len(surface),
                    value=3.6e6,
                    low=3.6e6,
                    qualifier="more_than",
                    category="displacement",
                    counted="Syrian refugees",
                    location="Turkey",
                    sentence=article.body,
                    period_start=dt.date(2020, 3, 2),
                    period_end=dt.date(2020, 3, 2),
                )
            ],
        )
    claim = Claim.objects.get()
    assert claim.status == "queued"
    verify_claim(claim.pk)
    claim.refresh_from_db()
    return claim


def test_verification_moves_claim_to_review_with_suggested_verdict(checked_claim):
    assert checked_claim.status == "needs_review"
    assert checked_claim.suggested_verdict == "mostly_accurate"
    runs = {r.check_kind: r for r in VerificationRun.objects.filter(claim=checked_claim)}
    assert set(runs) == {"reference", "consistency", "source"}
    assert all(r.state == "succeeded" and r.attempts == 1 for r in runs.values())
    assert runs["reference"].outcome == "contradicts"
    assert "3,576,370" in runs["reference"].detail
    assert "0.7%" in runs["reference"].detail


def test_claim_page_shows_runs_evidence_and_attribution(logged_in_client, checked_claim):
    html = logged_in_client.get(f"/claims/{checked_claim.pk}/").content.decode()
    assert "“more than 3.6 million Syrian refugees”" in html
    assert "&lt;b&gt;now&lt;/b&gt;" in html
    assert "Mostly accurate" in html
    assert html.count('class="run-succeeded"') == 3
    assert "UNHCR reported 3,576,370 Syrian refugees in Turkey" in html
    assert "Source: UNHCR Refugee Data Finder" in html and "CC BY 4.0" in html
    assert "Verify again" in html


def test_verify_again_starts_a_new_round(logged_in_client, checked_claim):
    response = logged_in_client.post(f"/claims/{checked_claim.pk}/verify/", follow=True)
    assert "Verification queued again." in response.content.decode()
    rounds = VerificationRun.objects.filter(claim=checked_claim).values_list("round", "state")
    assert sorted(rounds) == [(1, "succeeded")] * 3 + [(2, "queued")] * 3
    evidence_before = checked_claim.evidence.count()
    verify_claim(checked_claim.pk)
    assert checked_claim.evidence.count() == evidence_before
    assert set(
        VerificationRun.objects.filter(claim=checked_claim, round=2).values_list("state", flat=True)
    ) == {"succeeded"}


def test_claims_report_json_and_table(checked_claim):
    out = io.StringIO()
    call_command("claims_report", "--format", "json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"id", "surface", "status", "suggested_verdict", "runs"}
    assert (row["status"], row["suggested_verdict"]) == ("needs_review", "mostly_accurate")
    reference = next(r for r in row["runs"] if r["check"] == "reference")
    assert reference["state"] == "succeeded" and reference["outcome"] == "contradicts"
    assert "UNHCR" in reference["detail"] and "\n" not in reference["detail"]
    out = io.StringIO()
    call_command("claims_report", "--article", str(checked_claim.article_id), stdout=out)
    assert "suggested=mostly_accurate" in out.getvalue()
    assert "reference    succeeded  contradicts" in out.getvalue()


def test_reference_change_flags_a_reviewed_verdict(checked_claim, tmp_path):
    checked_claim.verdict = "mostly_accurate"
    checked_claim.save()
    header, *rows = FIGURES.read_text(encoding="utf-8").splitlines()
    row = next(r for r in rows if r.startswith("displacement,refugees,Turkey,Syria,2019-12-31"))
    changed = tmp_path / "changed.csv"
    changed.write_text(header + "\n" + row.replace(",3576370,", ",3700000,") + "\n")
    out = io.StringIO()
    call_command("import_reference", str(changed), stdout=out)
    assert "1 updated" in out.getvalue()
    checked_claim.refresh_from_db()
    assert "3,576,370" in checked_claim.review_flag
    assert "3,700,000" in checked_claim.review_flag
    latest = VerificationRun.objects.filter(claim=checked_claim).order_by("-round").first()
    assert (latest.round, latest.state) == (2, "queued")


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw-boss-1"))
    return client


def test_admin_claim_page_shows_runs_and_evidence_with_attribution(staff_client, checked_claim):
    html = staff_client.get(f"/admin/claims/claim/{checked_claim.pk}/change/").content.decode()
    assert html.count("Succeeded") >= 3
    assert "UNHCR reported 3,576,370 Syrian refugees in Turkey" in html
    assert "Source: UNHCR Refugee Data Finder" in html


def test_admin_verify_again_action(staff_client, checked_claim):
    response = staff_client.post(
        "/admin/claims/claim/",
        {"action": "verify_again", "_selected_action": [checked_claim.pk]},
        follow=True,
    )
    assert "Queued verification for 1 claim(s)." in response.content.decode()
    assert VerificationRun.objects.filter(claim=checked_claim, round=2).count() == 3


def test_links_in_the_claims_paragraph_become_its_sources(django_capture_on_commit_callbacks):
    text = (
        "Some 13,000 refugees gathered (https://www.iom.int/news/13000-border), the IOM said.\n\n"
        "A later paragraph links https://example.org/other."
    )
    with django_capture_on_commit_callbacks(execute=False):
        article = services.article_ingest(text=text).article
        services.claims_replace(
            article=article,
            candidates=[Candidate("Some 13,000 refugees", 0, 20, value=13000)],
        )
    claim = Claim.objects.get()
    assert list(claim.sources.values_list("url", "found_in_article")) == [
        ("https://www.iom.int/news/13000-border", True)
    ]


def test_reviewer_adds_a_source_and_the_claim_is_checked_again(logged_in_client, checked_claim):
    response = logged_in_client.post(
        f"/claims/{checked_claim.pk}/sources/",
        {"url": "https://reliefweb.int/report/turkey/unhcr-turkey-fact-sheet"},
        follow=True,
    )
    html = response.content.decode()
    assert "Source added; the claim is being checked against it." in html
    assert "https://reliefweb.int/report/turkey/unhcr-turkey-fact-sheet" in html
    assert checked_claim.sources.get().added_by.username == "checker"
    assert VerificationRun.objects.filter(claim=checked_claim, round=2).count() == 3


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Enter a valid URL."),
        ("not a url", "Enter a valid URL."),
        ("ftp://example.org/x", "A source must be an http:// or https:// address."),
    ],
)
def test_bad_source_addresses_are_refused(logged_in_client, checked_claim, url, message):
    response = logged_in_client.post(
        f"/claims/{checked_claim.pk}/sources/", {"url": url}, follow=True
    )
    assert message in response.content.decode()
    assert checked_claim.sources.count() == 0


def test_same_figure_in_two_articles_is_consistent_and_dated(django_capture_on_commit_callbacks):
    def store(text: str, outlet: str, value: float) -> Claim:
        with django_capture_on_commit_callbacks(execute=False):
            article = services.article_ingest(text=text, outlet=outlet).article
            surface = text.split(" ", 2)[2].split(" gathered")[0]
            start = article.body.index(surface)
            services.claims_replace(
                article=article,
                candidates=[
                    Candidate(
                        surface,
                        start,
                        start + len(surface),
                        value=value,
                        qualifier="approximate",
                        category="displacement",
                        counted="refugees",
                        location="Greece",
                    )
                ],
            )
        return Claim.objects.get(article=article)

    first = store("date 2020-03-01 Some 13,000 refugees gathered in Greece.", "Wire A", 13_000)
    second = store("date 2020-03-02 About 13,500 refugees gathered in Greece.", "Paper B", 13_500)
    third = store("date 2020-03-03 Some 40,000 refugees gathered in Greece.", "Paper C", 40_000)
    assert first.fingerprint == second.fingerprint
    verify_claim(second.pk)
    run = VerificationRun.objects.get(claim=second, check_kind="consistency")
    assert run.outcome == "contradicts"  # the 40,000 report diverges
    assert "Wire A" in run.detail
    evidence = {e.other_claim_id: e.outcome for e in second.evidence.filter(kind="consistency")}
    assert evidence == {first.pk: "supports", third.pk: "contradicts"}
