import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import ReferenceFigure

pytestmark = pytest.mark.django_db

FIGURES = Path(__file__).resolve().parent.parent / "seeds" / "reference" / "figures.csv"
HEADER = FIGURES.read_text(encoding="utf-8").splitlines()[0]
GOOD = (
    "displacement,refugees,Turkey,Syria,2019-12-31,2019-12-31,3576370,,,people,UNHCR,"
    "UNHCR db,https://www.unhcr.org/refugee-statistics/,2026-06-25,end-year stock"
)


def test_shipped_figures_import_completely_and_idempotently():
    out = io.StringIO()
    call_command("import_reference", str(FIGURES), stdout=out)
    assert out.getvalue().strip().endswith("656 new, 0 updated, 0 unchanged")
    assert ReferenceFigure.objects.count() == 656
    turkey = ReferenceFigure.objects.get(
        counted="refugees", location="Turkey", origin="Syria", period_end="2019-12-31"
    )
    assert (turkey.value, turkey.publisher) == (3576370, "UNHCR")
    out = io.StringIO()
    call_command("import_reference", str(FIGURES), stdout=out)
    assert out.getvalue().strip().endswith("0 new, 0 updated, 656 unchanged")


def test_bad_rows_are_reported_and_nothing_is_imported(tmp_path):
    bad = tmp_path / "bad.csv"
    rows = [
        HEADER,
        GOOD,
        GOOD.replace("3576370", "lots"),
        GOOD.replace("2019-12-31,2019-12-31", "2019-12-31,2019-01-01"),
        GOOD.replace("displacement", "weather"),
        GOOD.replace("3576370,,", ",,"),
    ]
    bad.write_text("\n".join(rows) + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 bad row"):
        call_command("import_reference", str(bad), stderr=err)
    report = err.getvalue()
    assert "line 3: value 'lots' is not a number" in report
    assert "line 4: period_start is after period_end" in report
    assert "line 5: category 'weather'" in report
    assert "line 6: no value, low or high" in report
    assert ReferenceFigure.objects.count() == 0


def test_missing_columns_are_named(tmp_path):
    bad = tmp_path / "cols.csv"
    bad.write_text("category,counted\nmoney,aid\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_reference", str(bad), stderr=err)
    assert "missing column(s): location, origin" in err.getvalue()


def test_changed_figure_is_updated(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(HEADER + "\n" + GOOD + "\n")
    call_command("import_reference", str(path), stdout=io.StringIO())
    path.write_text(HEADER + "\n" + GOOD.replace("3576370", "3576371") + "\n")
    out = io.StringIO()
    call_command("import_reference", str(path), stdout=out)
    assert out.getvalue().strip().endswith("0 new, 1 updated, 0 unchanged")
    assert ReferenceFigure.objects.get().value == 3576371
