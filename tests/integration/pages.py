"""A real HTTP server on 127.0.0.1 (ephemeral port) serving the source pages the tests cite.

    /with-figure          HTML that gives the figure ("3.6 million Syrian refugees", "3,600,000")
    /without-figure       HTML about the same subject with no such number
    /redirect-to-private  302 to http://10.0.0.1/ (a private address: must be refused, never hit)
    /redirect-to-metadata 302 to http://169.254.169.254/latest/meta-data/ (link-local)
    /slow?delay=S         waits S seconds (default 2), then serves /with-figure's page
    /huge                 text/html larger than the tests' FETCH_MAX_BYTES, no Content-Length
    /binary               application/octet-stream

Every request is recorded (`hits`), so a test can show what the fetcher did and did not ask for.
The workers are separate processes: `worker_env()` gives the environment that lets them fetch
from exactly this server (FETCH_ALLOWED_PRIVATE_ENDPOINTS) while every other private address,
including the redirect targets above, stays refused.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

WITH_FIGURE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Refugees in Turkey</title>
<script>var tracking = "3,600,000";</script></head>
<body><h1>Refugees in Turkey</h1>
<p>Turkey hosts 3.6 million Syrian refugees, more than any other country, according to the
UN refugee agency.</p>
<p>The government puts the number of Syrians under temporary protection at 3,600,000.</p>
</body></html>
"""

WITHOUT_FIGURE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Border crossings</title></head>
<body><h1>Border crossings</h1>
<p>Families waited at the border for days; aid groups said conditions in the camps were
getting worse as the weather turned cold.</p>
</body></html>
"""

HUGE_BYTES = 400_000  # the tests set FETCH_MAX_BYTES well below this
SLOW_DEFAULT_SECONDS = 2.0


class _Handler(BaseHTTPRequestHandler):
    server: PageServer.HTTPServer  # type: ignore[name-defined]

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def _send(self, status: int, content_type: str, body: bytes, *, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802 (http.server's name)
        parts = urlsplit(self.path)
        self.server.owner._record(parts.path)
        html = "text/html; charset=utf-8"
        if parts.path == "/with-figure":
            self._send(200, html, WITH_FIGURE.encode())
        elif parts.path == "/without-figure":
            self._send(200, html, WITHOUT_FIGURE.encode())
        elif parts.path == "/redirect-to-private":
            self._redirect("http://10.0.0.1/")
        elif parts.path == "/redirect-to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif parts.path == "/slow":
            delay = float(parse_qs(parts.query).get("delay", [SLOW_DEFAULT_SECONDS])[0])
            if self.server.owner._stopping.wait(delay):
                return
            with contextlib.suppress(OSError):  # the fetcher gave up first, as it should
                self._send(200, html, WITH_FIGURE.encode())
        elif parts.path == "/huge":
            paragraph = b"<p>" + b"Lorem ipsum dolor sit amet, consectetur adipiscing. " * 20
            body = b"<html><body>" + paragraph * (HUGE_BYTES // len(paragraph) + 1)
            # No Content-Length: only reading the stream can find the size. The fetcher stops
            # reading past its limit and closes the connection.
            with contextlib.suppress(OSError):
                self._send(200, html, body, length=False)
        elif parts.path == "/binary":
            self._send(200, "application/octet-stream", bytes(range(256)) * 64)
        else:
            self._send(404, "text/plain", b"not found")


class PageServer:
    """ThreadingHTTPServer on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self
        self.host, self.port = self.httpd.server_address[:2]
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _record(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def worker_env(self) -> dict[str, str]:
        """Environment for worker processes: this server, and only it, is allowed though local."""
        return {"FETCH_ALLOW_PRIVATE": "0", "FETCH_ALLOWED_PRIVATE_ENDPOINTS": self.endpoint}

    @property
    def endpoint(self) -> str:
        return f"{self.host}:{self.port}"

    def wait_for_hit(self, path: str, count: int = 1, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.hits[path] < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} was requested {self.hits[path]} times, not {count}")
            time.sleep(0.05)

    def __enter__(self) -> PageServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


@pytest.fixture(scope="module")
def page_server():
    """One page server for the test module (workers started in the module get its address)."""
    with PageServer() as server:
        yield server
