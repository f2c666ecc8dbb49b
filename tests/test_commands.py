import io

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, ReferenceFigure

pytestmark = pytest.mark.django_db


def test_ingest_folder_reports_new_duplicate_and_failed(
    tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "a.txt").write_text("date 2020-03-02 Some 13,000 refugees gathered.")
    (tmp_path / "b.txt").write_text("Some 13,000 refugees gathered.")  # same body as a.txt
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "d.txt").write_text("   ")
    out, err = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    assert out.getvalue().strip() == "1 new, 1 duplicate, 2 failed"
    assert "c.txt: This looks like a binary file" in err.getvalue()
    assert "d.txt: The article is empty" in err.getvalue()
    assert Article.objects.count() == 1


def test_ingest_missing_path_is_an_error():
    with pytest.raises(CommandError, match="no such file or folder"):
        call_command("ingest", "/nonexistent/article.txt")


def test_load_seeds_loads_the_seed_article(django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_seeds", stdout=out)
        call_command("load_seeds", stdout=out)
    article = Article.objects.get()
    assert article.body.startswith("Turkish President Recep Tayyip Erdogan")
    assert str(article.published_on) == "2020-03-02"
    assert '"opened the doors" to Europe' in article.body
    assert ReferenceFigure.objects.count() == 656


def test_ensure_admin_creates_once(monkeypatch, django_user_model):
    monkeypatch.delenv("FACTCHECK_ADMIN_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "with password:" in out.getvalue()
    password = out.getvalue().split("with password: ")[1].split()[0]
    assert django_user_model.objects.get(username="admin").check_password(password)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "already exists" in out.getvalue()
