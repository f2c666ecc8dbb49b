import pytest

from claims.models import Article
from tests.test_views import article_with_claims  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", password="pw-boss-1")
    client.force_login(admin)
    return client


def test_admin_add_article_goes_through_ingest(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = staff_client.post(
            "/admin/claims/article/add/",
            {
                "title": "From admin",
                "body": " date 2020-03-02 Some 13,000 refugees &amp; migrants.",
                "url": "",
                "outlet": "",
                "published_on": "",
                "claims-TOTAL_FORMS": "0",
                "claims-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.body == "Some 13,000 refugees & migrants."
    assert str(article.published_on) == "2020-03-02"
    assert len(callbacks) == 1


def test_admin_add_article_refuses_empty_text(staff_client):
    response = staff_client.post(
        "/admin/claims/article/add/",
        {"title": "x", "body": "   ", "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert Article.objects.count() == 0
    assert "This field is required." in response.content.decode()


def test_admin_add_article_refuses_binary_text(staff_client):
    response = staff_client.post(
        "/admin/claims/article/add/",
        {"body": "x\x01y\x02" * 40, "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "This looks like a binary file" in response.content.decode()
    assert Article.objects.count() == 0


def test_admin_article_page_lists_claims_inline(staff_client, article_with_claims):  # noqa: F811
    html = staff_client.get(f"/admin/claims/article/{article_with_claims.pk}/change/").content
    assert b"Some 13,000 refugees" in html
    assert b"12 posts" in html


def test_admin_claim_list_filters_and_history(staff_client, article_with_claims):  # noqa: F811
    html = staff_client.get("/admin/claims/claim/?category__exact=displacement").content.decode()
    assert "Some 13,000 refugees" in html
    assert "12 posts" not in html
    claim = article_with_claims.claims.get(surface="12 posts")
    assert staff_client.get(f"/admin/claims/claim/{claim.pk}/history/").status_code == 200
