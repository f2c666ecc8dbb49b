"""Claims verified per second by real Celery workers on Redis and PostgreSQL.

    python bench/verification.py [--claims 1000] [--workers 1] [--concurrency 2] [--json]

Uses its own database and Redis database (override with the environment):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_bench
    REDIS_URL=redis://127.0.0.1:6379/2

It creates the database if it is missing and migrates it, empties the claims tables, imports the
reference figures (seeds/reference/figures.csv), creates synthetic articles whose claims look
like the news (refugees in Turkey, Lebanon, Jordan, Germany; displaced in Syria; casualties,
troops, money, population; values near and away from the published figures, spread over years,
so the reference and consistency checks have real work), starts `--workers` worker processes of
`--concurrency` pool processes each (2 pool processes by default), queues verification of every
claim and times until all of them are needs_review. It prints claims/s and, from the
VerificationRun rows, the time spent per check (mean and total of finished_at - started_at).
The workers are stopped at the end, also on failure or Ctrl-C; the data is left for inspection.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"


def bench_env() -> dict[str, str]:
    env = os.environ.copy()
    env.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    env.setdefault("REDIS_URL", DEFAULT_REDIS_URL)
    env.setdefault("FACTCHECK_VAR_DIR", str(ROOT / "var" / "bench"))
    env.setdefault("DEBUG", "0")  # DEBUG keeps every query in memory in long-running workers
    env.setdefault("SECRET_KEY", "bench-only-" + "b" * 60)
    env["DJANGO_SETTINGS_MODULE"] = "factcheck.settings"
    env["PYTHONUNBUFFERED"] = "1"
    return env


# (category, counted, location, qualifier, value, currency, words); values are varied per claim.
TEMPLATES = [
    (
        "displacement",
        "Syrian refugees",
        "Turkey",
        "more_than",
        3_600_000,
        "",
        "more than {v} Syrian refugees",
    ),
    (
        "displacement",
        "Syrian refugees",
        "Turkey",
        "approximate",
        3_500_000,
        "",
        "some {v} Syrian refugees",
    ),
    ("displacement", "refugees", "Lebanon", "approximate", 1_000_000, "", "about {v} refugees"),
    ("displacement", "Syrian refugees", "Jordan", "exact", 660_000, "", "{v} Syrian refugees"),
    ("displacement", "refugees", "Germany", "more_than", 500_000, "", "more than {v} refugees"),
    (
        "displacement",
        "internally displaced people",
        "Syria",
        "approximate",
        6_500_000,
        "",
        "an estimated {v} internally displaced people",
    ),
    ("displacement", "people", "north-west Syria", "nearly", 1_000_000, "", "nearly {v} people"),
    ("displacement", "migrants", "Greece", "exact", 13_000, "", "{v} migrants"),
    ("displacement", "refugees", "Iraq", "exact", 250_000, "", "{v} refugees"),
    (
        "casualties",
        "people killed",
        "Idlib governorate",
        "more_than",
        300,
        "",
        "more than {v} people killed",
    ),
    ("military", "Turkish soldiers", "Idlib governorate", "exact", 33, "", "{v} Turkish soldiers"),
    ("money", "euros", "Turkey", "exact", 6_000_000_000, "EUR", "€{v}"),
    ("population", "people", "north-west Syria", "approximate", 4_000_000, "", "some {v} people"),
]


def _words(value: float, currency: str) -> str:
    if value >= 1e9:
        return f"{value / 1e9:.1f}bn" if currency else f"{value / 1e9:.1f} billion"
    if value >= 1e6:
        return f"{value / 1e6:.1f} million"
    return f"{value:,.0f}"


def build_claims(n_claims: int, per_article: int = 10, seed: int = 20200302):
    """Unsaved (Article, [Claim, ...]) pairs with real spans into the article bodies."""
    from claims.models import Article, Claim
    from claims.verification.consistency import claim_fingerprint
    from claims.verifying import claim_facts

    rng = random.Random(seed)
    out = []
    made = 0
    number = 0
    while made < n_claims:
        number += 1
        published = dt.date(rng.randint(2015, 2021), rng.randint(1, 12), rng.randint(1, 28))
        picks = [rng.choice(TEMPLATES) for _ in range(min(per_article, n_claims - made))]
        body, spans = f"Bench article {number}.", []
        for category, counted, location, qualifier, base, currency, words in picks:
            value = float(round(base * rng.uniform(0.7, 1.3), -1 if base < 1000 else -3))
            surface = words.format(v=_words(value, currency))
            sentence = f" In {location}, officials said {surface} were counted this year."
            start = len(body) + sentence.index(surface)
            body += sentence
            spans.append((start, surface, sentence.strip(), category, counted, location,
                          qualifier, value, currency))  # fmt: skip
        article = Article(
            title=f"Bench article {number}",
            body=body,
            body_sha256=hashlib.sha256(body.encode()).hexdigest(),
            published_on=published,
            outlet=rng.choice(["Agency A", "Agency B", "Daily C", "Weekly D"]),
            extraction_state="done",
        )
        claims = []
        for start, surface, sentence, category, counted, location, qualifier, value, cur in spans:
            low = value if qualifier in ("exact", "more_than") else None
            high = value if qualifier in ("exact", "nearly") else None
            year_end = dt.date(published.year - rng.choice([0, 1]), 12, 31)
            claim = Claim(
                article=article,
                start=start,
                end=start + len(surface),
                surface=surface,
                sentence=sentence,
                value=value,
                low=low,
                high=high,
                qualifier=qualifier,
                category=category,
                counted=counted,
                unit="currency" if cur else "count",
                currency=cur,
                location=location,
                period_start=year_end if rng.random() < 0.5 else published,
                period_end=year_end if rng.random() < 0.5 else published,
                checkworthiness=round(rng.uniform(0.4, 0.95), 2),
            )
            if claim.period_start > claim.period_end:
                claim.period_start, claim.period_end = claim.period_end, claim.period_start
            claim.fingerprint = claim_fingerprint(claim_facts(claim))
            claims.append(claim)
        made += len(claims)
        out.append((article, claims))
    return out


def ensure_database(env: dict[str, str]) -> None:
    """Create the bench database if missing, then migrate it (manage.py migrate)."""
    url = env["DATABASE_URL"]
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
                print(f"created database {name}", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Workers:
    """`count` celery worker processes (each with `concurrency` pool processes), own sessions."""

    def __init__(self, env: dict[str, str], count: int, concurrency: int) -> None:
        self.env = env
        log_dir = Path(env["FACTCHECK_VAR_DIR"])
        log_dir.mkdir(parents=True, exist_ok=True)
        self.logs = [log_dir / f"bench-worker-{i}.log" for i in range(count)]
        self.processes = []
        for i, log in enumerate(self.logs):
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "factcheck",
                        "worker",
                        "--loglevel",
                        "INFO",
                        "--concurrency",
                        str(concurrency),
                        "--without-gossip",
                        "--without-mingle",
                        "--without-heartbeat",
                        "-n",
                        f"bench-{i}-{os.getpid()}@%h",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        for process, log in zip(self.processes, self.logs, strict=True):
            while b" ready." not in log.read_bytes():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"worker not ready; its log {log}:\n{log.read_text()[-3000:]}"
                    )
                time.sleep(0.2)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _clear_tables() -> None:
    from django.apps import apps
    from django.db import connection

    tables = [m._meta.db_table for m in apps.get_app_config("claims").get_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (model table names)


def run(n_claims: int, workers: int, concurrency: int, timeout: float) -> dict:
    env = bench_env()
    ensure_database(env)
    names = ("DATABASE_URL", "REDIS_URL", "FACTCHECK_VAR_DIR", "DEBUG", "SECRET_KEY")
    os.environ.update({k: env[k] for k in (*names, "DJANGO_SETTINGS_MODULE")})
    import django

    django.setup()
    from django.db.models import Avg, Count, F, Sum

    from claims import services, verifying
    from claims.models import Article, Claim, VerificationRun
    from claims.reference_csv import parse_reference_csv
    from factcheck.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)
    _clear_tables()
    rows, errors = parse_reference_csv((ROOT / "seeds" / "reference" / "figures.csv").read_bytes())
    assert not errors, errors[:3]
    references = services.reference_figures_import(rows=rows)

    batches = build_claims(n_claims)
    Article.objects.bulk_create([a for a, _ in batches], batch_size=500)
    for article, claims in batches:
        for claim in claims:
            claim.article_id = article.pk
    Claim.objects.bulk_create([c for _, cs in batches for c in cs], batch_size=500)
    claim_ids = list(Claim.objects.values_list("pk", flat=True))
    by_category = dict(
        Claim.objects.values_list("category").annotate(n=Count("pk")).order_by("category")
    )

    pool = Workers(env, workers, concurrency)
    try:
        pool.wait_ready()
        started = time.perf_counter()
        verifying.claims_verification_enqueue(claim_ids=claim_ids)
        queued = time.perf_counter() - started
        deadline = time.monotonic() + timeout
        while True:
            done = Claim.objects.filter(status="needs_review").count()
            if done == len(claim_ids):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {done} of {len(claim_ids)} claims done in {timeout}s")
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
    finally:
        pool.stop()

    duration = F("finished_at") - F("started_at")
    per_check = {}
    for row in (
        VerificationRun.objects.filter(finished_at__isnull=False, started_at__isnull=False)
        .values("check_kind")
        .annotate(n=Count("pk"), mean=Avg(duration), total=Sum(duration))
        .order_by("check_kind")
    ):
        per_check[row["check_kind"]] = {
            "runs": row["n"],
            "mean_ms": round(row["mean"].total_seconds() * 1000, 2),
            "total_s": round(row["total"].total_seconds(), 2),
        }
    states = dict(
        VerificationRun.objects.values_list("state").annotate(n=Count("pk")).order_by("state")
    )
    outcomes = dict(
        VerificationRun.objects.filter(check_kind="reference")
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by("outcome")
    )
    return {
        "database": env["DATABASE_URL"],
        "broker": env["REDIS_URL"],
        "claims": len(claim_ids),
        "claims_by_category": by_category,
        "reference_figures": references.created,
        "workers": workers,
        "concurrency": concurrency,
        "enqueue_s": round(queued, 2),
        "elapsed_s": round(elapsed, 2),
        "claims_per_s": round(len(claim_ids) / elapsed, 1),
        "per_check": per_check,
        "run_states": states,
        "reference_outcomes": outcomes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--concurrency", type=int, default=2, help="pool size of each (2)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = run(args.claims, args.workers, args.concurrency, args.timeout)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"database {result['database']}, broker {result['broker']}")
    print(
        f"{result['claims']} claims {result['claims_by_category']}; "
        f"{result['reference_figures']} reference figures"
    )
    print(
        f"{result['workers']} worker(s) x {result['concurrency']} processes: "
        f"{result['claims']} claims verified in {result['elapsed_s']} s "
        f"(enqueue {result['enqueue_s']} s) = {result['claims_per_s']} claims/s"
    )
    for kind, row in result["per_check"].items():
        print(
            f"  {kind:<12} {row['runs']:>6} runs  mean {row['mean_ms']:>8} ms  "
            f"total {row['total_s']:>8} s"
        )
    print(f"run states {result['run_states']}; reference outcomes {result['reference_outcomes']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
