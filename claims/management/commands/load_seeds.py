from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the sample articles in seeds/ (and reference figures, when present)."

    def handle(self, *args, **options):
        seeds = Path(settings.BASE_DIR) / "seeds"
        articles = sorted(seeds.glob("*.txt"))
        if articles:
            call_command("ingest", *[str(p) for p in articles], verbosity=options["verbosity"])
        references = sorted((seeds / "reference").glob("*.csv"))
        if references and "import_reference" in _commands():
            for path in references:
                call_command("import_reference", str(path), verbosity=options["verbosity"])


def _commands() -> set[str]:
    from django.core.management import get_commands

    return set(get_commands())
