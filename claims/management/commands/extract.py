import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import ModelNotInstalled, extract_many
from claims.text import TextRejected, normalise_article


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CommandError(f"published_on {value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Print the claims of article files (no database needed). With --jsonl-in, read lines "
        '{"id", "text", "published_on"?} and write one {"id", "claims"} line per input, in order.'
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*")
        parser.add_argument("--format", choices=["json", "jsonl"], default="json")
        parser.add_argument("--jsonl-in", dest="jsonl_in")
        parser.add_argument("--batch-size", type=int, default=32)
        parser.add_argument(
            "--all",
            action="store_true",
            help="queue re-extraction of stored articles as Celery batch tasks (see --since)",
        )
        parser.add_argument("--since", help="with --all: articles published on or after DATE")
        parser.add_argument("--until", help="with --all: articles published on or before DATE")
        parser.add_argument(
            "--articles-per-task", type=int, default=20, help="with --all: batch size per task"
        )

    def handle(self, *args, **options):
        if options["all"]:
            self._queue_all(options)
            return
        try:
            if options["jsonl_in"]:
                self._jsonl_in(options["jsonl_in"], options["batch_size"])
            elif options["files"]:
                self._files(options["files"], options["format"], options["batch_size"])
            else:
                raise CommandError("give article FILES, or --jsonl-in IN.jsonl")
        except ModelNotInstalled as exc:
            raise CommandError(str(exc)) from None

    def _queue_all(self, options) -> None:
        from claims.models import Article
        from claims.services import articles_extraction_requeue

        articles = Article.objects.all()
        if options["since"]:
            articles = articles.filter(published_on__gte=_date(options["since"]))
        if options["until"]:
            articles = articles.filter(published_on__lte=_date(options["until"]))
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        batches = articles_extraction_requeue(
            article_ids=ids, batch_size=max(1, options["articles_per_task"])
        )
        self.stdout.write(f"Queued {len(ids)} article(s) in {batches} batch task(s).")

    def _jsonl_in(self, path: str, batch_size: int) -> None:
        stream = sys.stdin if path == "-" else Path(path).open(encoding="utf-8")  # noqa: SIM115
        ids, items = [], []
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    text = row["text"]
                except (ValueError, KeyError, TypeError):
                    raise CommandError(
                        f"{path}:{number}: expected a JSON object with 'id' and 'text'"
                    ) from None
                ids.append(row.get("id"))
                items.append((str(text), _date(row.get("published_on"))))
        for item_id, claims in zip(ids, extract_many(items, batch_size=batch_size), strict=True):
            self.stdout.write(json.dumps({"id": item_id, "claims": [c.to_dict() for c in claims]}))

    def _files(self, files: list[str], fmt: str, batch_size: int) -> None:
        bodies = []
        for name in files:
            try:
                normalised = normalise_article(Path(name).read_bytes(), max_bytes=50 * 1024 * 1024)
            except OSError as exc:
                raise CommandError(f"{name}: {exc.strerror}") from None
            except TextRejected as exc:
                raise CommandError(f"{name}: {exc}") from None
            bodies.append(normalised)
        results = extract_many([(n.body, n.published_on) for n in bodies], batch_size=batch_size)
        out = [
            {"file": name, "claims": [c.to_dict() for c in claims]}
            for name, claims in zip(files, results, strict=True)
        ]
        if fmt == "jsonl":
            for row in out:
                self.stdout.write(json.dumps(row))
        else:
            self.stdout.write(json.dumps(out if len(out) > 1 else out[0], indent=2))
