"""End-to-end extraction throughput through real Celery workers: words/s with 1 and 2 workers.

    python bench/extraction_workers.py [--articles 200] [--articles-per-task 10]

Uses DATABASE_URL / REDIS_URL when set (PostgreSQL + Redis; the database must exist), else
SQLite and the filesystem broker in a temporary folder. Articles are ingested and extracted once
in this process (untimed, so the claims exist), then `manage.py extract --all` is timed with one
and with two worker processes (each `--concurrency 1`). It prints figures and asserts nothing.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _django(var_dir: str) -> None:
    os.environ["FACTCHECK_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()


def _start_workers(count: int, log_dir: Path) -> list[subprocess.Popen]:
    workers = []
    for n in range(count):
        log = (log_dir / f"worker-{count}-{n}.log").open("wb")
        workers.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "factcheck", "worker",
                    "--concurrency", "1", "--loglevel", "WARNING", "-n", f"bench{n}-{count}@%h",
                    "--without-gossip", "--without-mingle", "--without-heartbeat",
                ],
                cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
    return workers


def _stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_done(ids: list[int], attempts: int, timeout: float) -> float:
    from claims.models import Article

    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        done = Article.objects.filter(
            pk__in=ids, extraction_state="done", extraction_attempts__gte=attempts
        ).count()
        if done == len(ids):
            return time.perf_counter() - start
        time.sleep(0.2)
    raise TimeoutError(f"extraction not finished within {timeout}s")


def _purge() -> None:
    from factcheck.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--articles-per-task", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args(argv)

    var_dir = tempfile.mkdtemp(prefix="factcheck-bench-")
    _django(var_dir)
    from django.core.management import call_command

    from bench.extraction import build_corpus
    from claims import services
    from claims.models import Article

    call_command("migrate", verbosity=0)
    Article.objects.all().delete()
    texts = build_corpus(args.articles)
    words = sum(len(t.split()) for t in texts)
    ids = [services.article_ingest(text=t).article.pk for t in texts]
    print(f"{len(ids)} articles, {words:,} words; backend: "
          f"{'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'} + "
          f"{'Redis' if os.environ.get('REDIS_URL') else 'filesystem broker'}")  # fmt: skip
    log_dir = Path(var_dir)
    # Untimed first pass in this process, so the claims exist; the verification tasks it
    # queues for new claims are not part of this bench and are dropped.
    from claims.tasks import extract_article

    for article_id in ids:
        extract_article(article_id)
    _purge()

    attempts = 1
    for count in (1, 2):
        attempts += 1
        workers = _start_workers(count, log_dir)
        try:
            time.sleep(3)  # let the workers load spaCy before the clock starts
            call_command(
                "extract", "--all", "--articles-per-task", str(args.articles_per_task), verbosity=0
            )
            elapsed = _wait_done(ids, attempts, args.timeout)
        finally:
            _stop(workers)
        print(
            f"{count} worker process(es): {elapsed:6.1f} s, "
            f"{words / elapsed:8,.0f} words/s end to end"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
