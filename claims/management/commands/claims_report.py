import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from claims.models import Article, Claim, VerificationRun


def one_line(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Command(BaseCommand):
    help = "Each claim with its status, suggested verdict and the runs of its latest round."

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, help="only this article's claims")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--all-rounds", action="store_true", help="every round, not the last")

    def handle(self, *args, **options):
        claims = Claim.objects.order_by("article_id", "start").prefetch_related(
            Prefetch("runs", queryset=VerificationRun.objects.order_by("-round", "check_kind"))
        )
        if options["article"]:
            if not Article.objects.filter(pk=options["article"]).exists():
                raise CommandError(f"no article with id {options['article']}")
            claims = claims.filter(article_id=options["article"])
        for claim in claims.iterator(chunk_size=500):
            runs = list(claim.runs.all())
            if runs and not options["all_rounds"]:
                runs = [r for r in runs if r.round == runs[0].round]
            row = {
                "id": claim.pk,
                "surface": claim.surface,
                "status": claim.status,
                "suggested_verdict": claim.suggested_verdict or None,
                "runs": [
                    {
                        "check": r.check_kind,
                        "state": r.state,
                        "outcome": r.outcome or None,
                        "detail": one_line(r.error if r.state == "failed" else r.detail),
                    }
                    for r in runs
                ],
            }
            if options["format"] == "json":
                self.stdout.write(json.dumps(row, ensure_ascii=False))
                continue
            verdict = row["suggested_verdict"] or "-"
            self.stdout.write(
                f"#{claim.pk} {claim.surface!r}  status={claim.status}  suggested={verdict}"
            )
            for run in row["runs"]:
                self.stdout.write(
                    f"    {run['check']:<12} {run['state']:<10} {run['outcome'] or '-':<13} "
                    f"{run['detail']}"
                )
