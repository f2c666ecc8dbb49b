import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims import services
from claims.models import Article
from tests.test_services import Candidate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/articles/", "/articles/new/", "/claims/"])
def test_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_login_page_logs_in(client, user):
    response = client.post(
        "/accounts/login/", {"username": "checker", "password": "pw-checker-1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/articles/"
    assert b"Log out checker" in response.content


@pytest.fixture
def article_with_claims():
    text = "<script>alert(1)</script> Some 13,000 refugees gathered. 12 posts & more."
    article = services.article_ingest(text=text, title="Border <b>news</b>").article
    start = article.body.index("Some 13,000 refugees")
    posts = article.body.index("12 posts")
    services.claims_replace(
        article=article,
        candidates=[
            Candidate(
                "Some 13,000 refugees",
                start,
                start + 20,
                value=13000,
                qualifier="approximate",
                category="displacement",
                counted="refugees",
            ),
            Candidate("12 posts", posts, posts + 8, value=12, low=12, high=12, counted="posts"),
        ],
    )
    return article


def test_article_page_escapes_html_and_highlights_claims(logged_in_client, article_with_claims):
    response = logged_in_client.get(f"/articles/{article_with_claims.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Border &lt;b&gt;news&lt;/b&gt;" in html
    assert html.count('<mark class="claim') == 2
    assert 'class="claim cat-displacement"' in html
    assert "Value: 13,000" in html
    assert "Approximate</b> · Displacement" in html
    assert "Bounds: 12 … 12" in html
    assert "2 claims" in html


def test_article_list_shows_claim_counts(logged_in_client, article_with_claims):
    html = logged_in_client.get("/articles/").content.decode()
    assert "Border &lt;b&gt;news&lt;/b&gt;" in html
    assert '<td class="num">2</td>' in html


def test_new_article_form_saves_and_redirects(logged_in_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = logged_in_client.post(
            "/articles/new/",
            {"title": "Pasted", "text": "date 2020-03-02 Greece blocked almost 10,000 people."},
            follow=True,
        )
    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == f"/articles/{article.pk}/"
    assert "Article saved. Its claims are being extracted." in response.content.decode()
    assert str(article.published_on) == "2020-03-02"
    assert article.created_by.username == "checker"


def test_new_article_form_reports_bad_upload_and_saves_nothing(logged_in_client):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\x00\x00\x00\x01", "text/plain")
    response = logged_in_client.post("/articles/new/", {"file": upload})
    assert response.status_code == 200
    assert "This looks like a binary file" in response.content.decode()
    assert Article.objects.count() == 0


def test_new_article_form_requires_text(logged_in_client):
    response = logged_in_client.post("/articles/new/", {"title": "x"})
    assert "Paste the article text or choose a file." in response.content.decode()


def test_duplicate_article_goes_to_the_existing_one(logged_in_client, article_with_claims):
    response = logged_in_client.post(
        "/articles/new/", {"text": article_with_claims.body}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/articles/{article_with_claims.pk}/"
    assert "already here" in response.content.decode()


def test_claim_list_filters(logged_in_client, article_with_claims):
    html = logged_in_client.get("/claims/?category=displacement").content.decode()
    assert "Some 13,000 refugees" in html
    assert "12 posts" not in html
    html = logged_in_client.get("/claims/?qualifier=exact").content.decode()
    assert "12 posts" in html
    assert "Some 13,000 refugees" not in html
    html = logged_in_client.get("/claims/?q=refugees").content.decode()
    assert "1 claim" in html


def test_failed_extraction_shows_error_and_retry(logged_in_client, article_with_claims):
    Article.objects.filter(pk=article_with_claims.pk).update(
        extraction_state="failed", extraction_error="Model <missing>"
    )
    html = logged_in_client.get(f"/articles/{article_with_claims.pk}/").content.decode()
    assert "Extraction failed: Model &lt;missing&gt;" in html
    assert "Retry extraction" in html


def test_extract_again_requeues(
    logged_in_client, article_with_claims, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = logged_in_client.post(
            f"/articles/{article_with_claims.pk}/extract/", follow=True
        )
    assert "Extraction queued again." in response.content.decode()
    article_with_claims.refresh_from_db()
    assert article_with_claims.extraction_state == "pending"
    assert len(callbacks) == 1
