"""The safe fetcher: refusals without network, then a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.fetching import (
    FetchConfig,
    FetchRefused,
    fetch,
    html_to_text,
    non_public_reason,
    parse_target,
)

# ---------------------------------------------------------------------------------------------
# Refusals decided before any connection (no network)

STRICT = FetchConfig()


def refusal(url: str, config: FetchConfig = STRICT) -> FetchRefused:
    with pytest.raises(FetchRefused) as info:
        fetch(url, config=config)
    return info.value


@pytest.mark.parametrize(
    "url",
    [
        # loopback
        "http://127.0.0.1/",
        "http://127.0.0.2:8080/",
        "http://localhost/",
        "http://127.1/",
        "http://[::1]/",
        # unspecified
        "http://0.0.0.0/",
        "http://0/",
        "http://[::]/",
        # private, shared, link-local, documentation, benchmark, multicast, broadcast, reserved
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.0.2.1/",
        "http://198.18.0.1/",
        "http://224.0.0.1/",
        "http://239.255.255.250:1900/",
        "http://255.255.255.255/",
        "http://240.0.0.1/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[ff02::1]/",
        "http://[2001:db8::1]/",
        # IPv4 inside IPv6
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:10.0.1.2]/",
        "http://[::127.0.0.1]/",
        "http://[2002:7f00:1::1]/",
        "http://[2002:a00:1::1]/",
        "http://[64:ff9b::7f00:1]/",
        # decimal, octal, hex and padded forms (getaddrinfo turns them into 127.0.0.1)
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://017700000001/",
        "http://0x7f000001/",
        "http://0x7f.1/",
        "http://127.000.000.001/",
    ],
)
def test_non_public_addresses_are_refused(url):
    assert refusal(url).reason == "private_address"


def test_the_embedded_ipv4_address_is_named():
    err = refusal("http://[::ffff:127.0.0.1]/")
    assert "127.0.0.1 is not a public address (loopback)" in err.message
    assert refusal("http://2130706433/").message.endswith(
        "127.0.0.1 is not a public address (loopback)"
    )


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:1.1.1.1", True),
        ("2002:808:808::1", True),  # 6to4 around a public address
        ("::ffff:10.0.1.2", False),
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("::1", False),
        ("::", False),
        ("2002:c0a8:101::1", False),  # 6to4 around 192.168.1.1
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
    ],
)
def test_non_public_reason(address, public):
    import ipaddress

    assert (non_public_reason(ipaddress.ip_address(address)) is None) is public


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/file.txt", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("gopher://127.0.0.1:6379/_INFO", "bad_scheme"),
        ("dict://example.com/", "bad_scheme"),
        ("ldap://example.com/", "bad_scheme"),
        ("data:text/html,<b>hi</b>", "bad_scheme"),
        ("javascript:alert(1)", "bad_scheme"),
        ("jar:http://example.com!/x", "bad_scheme"),
        ("example.com/page", "bad_scheme"),
        ("http://user:pass@example.com/", "bad_url"),
        ("http://user@example.com/", "bad_url"),
        ("http://example.com\\@127.0.0.1/", "bad_url"),
        ("http:/\\127.0.0.1/", "bad_url"),
        ("http://exam ple.com/", "bad_url"),
        ("http://example.com/\r\nX-Injected: 1", "bad_url"),
        ("http://example.com\t/", "bad_url"),
        ("http://example.com:99999/", "bad_url"),
        ("http://example.com:abc/", "bad_url"),
        ("http:///path", "bad_url"),
        ("", "bad_url"),
    ],
)
def test_bad_urls_are_refused(url, reason):
    assert refusal(url).reason == reason


def test_the_fragment_trick_keeps_the_host_the_parser_chose():
    target = parse_target("http://public.test#@127.0.0.1/")
    assert (target.host, target.port, target.path) == ("public.test", 80, "/")


def test_any_port_is_accepted_by_the_url_check():
    assert parse_target("https://example.com:8443/a?b=1").port == 8443
    assert parse_target("https://example.com:8443/a?b=1").path == "/a?b=1"
    assert parse_target("https://example.com/").host_header == "example.com"
    assert parse_target("http://[2606:4700::1]:8080/").host_header == "[2606:4700::1]:8080"


def resolver_returning(*addresses):
    calls = []

    def resolve(host, port):
        calls.append((host, port))
        return list(addresses)

    resolve.calls = calls
    return resolve


def test_a_name_resolving_to_loopback_is_refused():
    config = FetchConfig(resolver=resolver_returning("127.0.0.1"))
    assert refusal("http://evil.test/", config).reason == "private_address"


def test_any_private_address_among_the_answers_refuses_the_name():
    config = FetchConfig(resolver=resolver_returning("93.184.216.34", "::1"))
    err = refusal("http://mixed.test/", config)
    assert err.reason == "private_address"
    assert "::1" in err.message


def test_dns_failure():
    def failing(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    err = refusal("http://no-such-host.invalid/", FetchConfig(resolver=failing))
    assert err.reason == "dns_failure"
    assert err.url == "http://no-such-host.invalid/"
    assert refusal("http://empty.test/", FetchConfig(resolver=resolver_returning())).reason == (
        "dns_failure"
    )


def test_html_to_text_drops_scripts_and_collapses_whitespace():
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>var x = '99 million';</script><p>Some   13,000\n refugees</p>"
        "<div>on the <b>border</b></div><br/>end &amp; more</body></html>"
    )
    assert html_to_text(html) == "T\nSome 13,000 refugees\non the border\nend & more"


# ---------------------------------------------------------------------------------------------
# A real HTTP server on 127.0.0.1

FIGURE_PAGE = (
    "<html><head><meta charset='utf-8'><title>Turkey</title>"
    "<script>document.write('ignore me')</script></head>"
    "<body><h1>Refugees in T\u00fcrkiye</h1>"
    "<p>Turkey hosts 3.6 million Syrian refugees.</p></body></html>"
).encode()
PLAIN_PAGE = b"Nothing about numbers here.\n"
BIG = 10_000


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send(status, b"", headers=[("Location", location)])

    def do_GET(self):  # noqa: C901 - one route table for the whole test server
        server = self.server
        path = self.path
        server.seen.append((path, self.headers.get("Host")))
        if path == "/figure":
            self.send(200, FIGURE_PAGE)
        elif path == "/plain":
            self.send(200, PLAIN_PAGE, "text/plain")
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect(f"/chain/{left - 1}" if left > 1 else "/figure", 301 if left % 2 else 302)
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/to-canary":
            self.redirect(f"http://127.0.0.1:{server.canary_port}/secret")
        elif path == "/to-metadata":
            self.redirect("http://169.254.169.254/latest/meta-data/", 307)
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/no-location":
            self.send(302, b"")
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.flush()
            time.sleep(1.5)
            self._write(b"late\n")
        elif path == "/dribble":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                if not self._write(b"x"):
                    return
                time.sleep(0.1)
        elif path == "/big":
            self.send(200, b"a" * BIG, "text/plain")
        elif path == "/big-stream":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(BIG // 1000):
                if not self._write(b"b" * 1000):
                    return
            self.close_connection = True
        elif path == "/octet":
            self.send(200, b"\x00\x01", "application/octet-stream")
        elif path == "/png":
            self.send(200, b"\x89PNG\r\n", "image/png")
        elif path == "/no-type":
            self.send(200, b"text", None)
        elif path == "/gzip":
            self.send(200, b"\x1f\x8b", "text/plain", [("Content-Encoding", "gzip")])
        elif path == "/latin1":
            self.send(
                200,
                "Caf\u00e9 13 000 r\u00e9fugi\u00e9s".encode("latin-1"),
                "text/plain; charset=iso-8859-1",
            )
        elif path == "/bogus-charset":
            self.send(
                200,
                "13\u202f000 caf\u00e9".encode() + b"\xff",
                "text/plain; charset=no-such-charset",
            )
        elif path == "/missing":
            self.send(404, b"<p>not found 3.6 million</p>")
        elif path == "/broken":
            self.server.broken += 1
            self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
            self.close_connection = True
        else:
            self.send(404, b"no route")

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            return False
        return True


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = 0
        self.seen = []
        self.broken = 0

    def verify_request(self, request, client_address):
        self.accepted += 1
        return True


@pytest.fixture(scope="module")
def servers():
    canary = CountingServer(("127.0.0.1", 0), Handler)
    site = CountingServer(("127.0.0.1", 0), Handler)
    site.canary_port = canary.server_address[1]
    canary.canary_port = canary.server_address[1]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (site, canary)]
    for thread in threads:
        thread.start()
    yield site, canary
    for s in (site, canary):
        s.shutdown()
        s.server_close()


@pytest.fixture
def site(servers):
    site, canary = servers
    canary.accepted = 0
    return site


@pytest.fixture
def canary(servers):
    return servers[1]


def base(site) -> str:
    return f"http://127.0.0.1:{site.server_address[1]}"


def only_site(site, **overrides) -> FetchConfig:
    """Production rules, except that the test server's exact address and port are let through."""
    options = {
        "allowed_private_endpoints": frozenset({("127.0.0.1", site.server_address[1])}),
        "read_timeout": 1.0,
        "total_timeout": 5.0,
    }
    options.update(overrides)
    return FetchConfig(**options)


def open_config(**overrides) -> FetchConfig:
    options = {"allow_private": True, "read_timeout": 1.0, "total_timeout": 5.0}
    options.update(overrides)
    return FetchConfig(**options)


def test_page_with_the_figure(site):
    result = fetch(base(site) + "/figure", config=open_config())
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert (
        result.text == "Turkey\nRefugees in T\u00fcrkiye\nTurkey hosts 3.6 million Syrian refugees."
    )
    assert "ignore me" not in result.text
    assert result.sha256 == hashlib.sha256(FIGURE_PAGE).hexdigest()
    assert result.size == len(FIGURE_PAGE)
    assert result.final_url == result.url == base(site) + "/figure"
    assert result.redirects == ()
    assert result.address == "127.0.0.1"
    assert result.fetched_at.tzinfo is not None
    assert 0 <= result.elapsed < 5


def test_page_without_the_figure(site):
    result = fetch(base(site) + "/plain", config=open_config())
    assert (result.content_type, result.text) == ("text/plain", "Nothing about numbers here.\n")


def test_host_header_and_user_agent_name_the_url_host(site):
    fetch(base(site) + "/plain", config=open_config(user_agent="factcheck-test"))
    assert site.seen[-1] == ("/plain", f"127.0.0.1:{site.server_address[1]}")


def test_redirect_chain_is_followed_and_recorded(site):
    result = fetch(base(site) + "/chain/3", config=only_site(site))
    assert result.final_url == base(site) + "/figure"
    assert result.redirects == (
        base(site) + "/chain/2",
        base(site) + "/chain/1",
        base(site) + "/figure",
    )
    assert "3.6 million" in result.text


def test_exactly_max_redirects_is_allowed(site):
    result = fetch(base(site) + "/chain/5", config=only_site(site, max_redirects=5))
    assert len(result.redirects) == 5


def test_too_many_redirects(site):
    err = refusal(base(site) + "/loop", only_site(site, max_redirects=5))
    assert err.reason == "too_many_redirects"
    assert len(err.redirects) == 5
    err = refusal(base(site) + "/chain/6", only_site(site, max_redirects=5))
    assert err.reason == "too_many_redirects"


def test_redirect_to_another_local_port_is_refused_without_connecting(site, canary):
    err = refusal(base(site) + "/to-canary", only_site(site))
    assert err.reason == "private_address"
    assert err.url == f"http://127.0.0.1:{canary.server_address[1]}/secret"
    assert err.redirects == (err.url,)
    assert canary.accepted == 0


def test_redirect_to_cloud_metadata_is_refused(site):
    err = refusal(base(site) + "/to-metadata", only_site(site))
    assert err.reason == "private_address"
    assert "169.254.169.254" in err.message


def test_redirect_to_another_scheme_is_refused(site):
    assert refusal(base(site) + "/to-file", only_site(site)).reason == "bad_scheme"


def test_redirect_without_location(site):
    err = refusal(base(site) + "/no-location", only_site(site))
    assert (err.reason, err.status) == ("http_error", 302)


def test_loopback_server_itself_is_refused_by_default(canary):
    err = refusal(base(canary) + "/figure", FetchConfig())
    assert err.reason == "private_address"
    assert canary.accepted == 0


def test_dns_is_resolved_once_and_the_checked_address_is_used(site):
    """A rebinding resolver would answer 10.0.0.1 the second time; it is never asked again."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    calls = []

    def rebinding(host, port):
        calls.append(host)
        return next(answers)

    port = site.server_address[1]
    result = fetch(f"http://news.test:{port}/plain", config=only_site(site, resolver=rebinding))
    assert calls == ["news.test"]
    assert result.address == "127.0.0.1"
    assert site.seen[-1] == ("/plain", f"news.test:{port}")


def test_read_timeout(site):
    started = time.monotonic()
    err = refusal(base(site) + "/slow", open_config(read_timeout=0.5))
    assert err.reason == "timeout"
    assert time.monotonic() - started < 1.4


def test_total_deadline_stops_a_dribbling_server(site):
    started = time.monotonic()
    err = refusal(base(site) + "/dribble", open_config(read_timeout=1.0, total_timeout=1.0))
    assert err.reason == "timeout"
    assert time.monotonic() - started < 2.0


def test_oversized_page_with_content_length(site):
    err = refusal(base(site) + "/big", open_config(max_bytes=BIG - 1))
    assert err.reason == "too_large"
    assert fetch(base(site) + "/big", config=open_config(max_bytes=BIG)).size == BIG


def test_oversized_streamed_page_without_content_length(site):
    err = refusal(base(site) + "/big-stream", open_config(max_bytes=2_500))
    assert err.reason == "too_large"
    assert "exceeds 2500 bytes" in err.message


@pytest.mark.parametrize("path", ["/octet", "/png", "/no-type", "/gzip"])
def test_wrong_content_type(site, path):
    assert refusal(base(site) + path, open_config()).reason == "bad_content_type"


def test_declared_charset_is_used(site):
    result = fetch(base(site) + "/latin1", config=open_config())
    assert (result.charset, result.text) == ("iso8859-1", "Caf\u00e9 13 000 r\u00e9fugi\u00e9s")


def test_unknown_charset_falls_back_to_utf8_with_replacement(site):
    result = fetch(base(site) + "/bogus-charset", config=open_config())
    assert result.charset == "utf-8"
    assert result.text == "13\u202f000 caf\u00e9\ufffd"


def test_error_status_is_a_refusal(site):
    err = refusal(base(site) + "/missing", open_config())
    assert (err.reason, err.status) == ("http_error", 404)


def test_not_http_is_a_connection_error(site):
    assert refusal(base(site) + "/broken", open_config()).reason == "connection_error"


def test_closed_port_is_a_connection_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = refusal(f"http://127.0.0.1:{port}/", open_config())
    assert err.reason == "connection_error"


def test_https_to_a_plain_http_server_fails_in_the_tls_handshake(site):
    err = refusal(f"https://127.0.0.1:{site.server_address[1]}/figure", open_config())
    assert err.reason == "connection_error"
    assert "TLS" in err.message
