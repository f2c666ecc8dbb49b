from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims import services


def article_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix in {".txt", ".text", ".md", ".html", ".htm"}
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder")
    return files


class Command(BaseCommand):
    help = "Ingest article text files (or folders of them) and queue their extraction."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--outlet", default="", help="outlet name for every file")

    def handle(self, *paths, **options):
        files = article_files(list(options["paths"]))
        new = duplicate = 0
        failed: list[tuple[Path, str]] = []
        show_bar = len(files) > 1 and options["verbosity"] > 0
        for path in tqdm(files, disable=not show_bar, unit="file", file=self.stderr._out):
            try:
                result = services.article_ingest(
                    text=path.read_bytes(), title="", outlet=options["outlet"]
                )
            except services.IngestError as exc:
                failed.append((path, str(exc)))
                continue
            if result.created:
                new += 1
            else:
                duplicate += 1
        for path, reason in failed:
            self.stderr.write(f"failed: {path}: {reason}")
        self.stdout.write(f"{new} new, {duplicate} duplicate, {len(failed)} failed")
        if failed and not (new or duplicate):
            raise CommandError("no article could be ingested")
