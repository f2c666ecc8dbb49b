from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import services
from claims.reference_csv import parse_reference_csv


class Command(BaseCommand):
    help = (
        "Import reference figures from CSV files (columns as in seeds/reference/figures.csv). "
        "A file with any bad row is reported row by row and nothing of it is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")

    def handle(self, *args, **options):
        for name in options["files"]:
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                raise CommandError(f"{name}: {exc.strerror}") from None
            rows, errors = parse_reference_csv(data)
            if errors:
                for error in errors[:50]:
                    self.stderr.write(f"{name}: {error}")
                if len(errors) > 50:
                    self.stderr.write(f"{name}: ... and {len(errors) - 50} more")
                raise CommandError(f"{name}: {len(errors)} bad row(s); nothing was imported")
            stats = services.reference_figures_import(rows=rows)
            self.stdout.write(
                f"{name}: {stats.created} new, {stats.updated} updated, {stats.unchanged} unchanged"
            )
