"""Safe HTTP(S) fetch of source pages (SSRF guard, size and time limits). No Django imports.

The policy, in the order it is applied to every hop (the first URL and each redirect):

- http and https only (`bad_scheme`); no credentials, spaces, control characters or backslashes
  in the URL, a host and a valid port (`bad_url`). Any port is allowed: public sites do serve
  on 8080 or 8443, and what protects internal services is the address rule below.
- The host is resolved once with getaddrinfo (`dns_failure`). If ANY address is not a public
  unicast address (loopback, private, link-local, multicast, reserved, unspecified, CGNAT, and
  the IPv4 embedded in IPv4-mapped, IPv4-compatible, 6to4, Teredo and NAT64 addresses), the hop
  is refused (`private_address`). Decimal and octal forms ("2130706433", "0177.0.0.1") are
  turned into 127.0.0.1 by getaddrinfo itself, so the check sees the real address.
- The connection goes to an address that was checked, never to a second lookup, so a DNS answer
  that changes between check and use (rebinding) cannot redirect it. The Host header and the TLS
  SNI/certificate check use the host name from the URL.
- Redirects (301, 302, 303, 307, 308) are followed by hand, at most `max_redirects`
  (`too_many_redirects`), each new URL going through all the checks again.
- Connect and read timeouts per operation and a total deadline enforced by a watchdog that shuts
  the socket down, so a server dribbling one byte at a time cannot hold a worker (`timeout`).
- Responses with status >= 400 are refused (`http_error`, with `status` set): an error page is
  never searched for a figure, and the caller records why the source could not be used.
- Only `allowed_content_types` (`bad_content_type`); compressed bodies are refused too, since we
  ask for identity encoding and will not inflate untrusted data. The body is streamed and
  abandoned past `max_bytes` (`too_large`).
- Text is decoded by the declared charset (HTTP header, else an HTML meta tag), falling back to
  UTF-8 with replacement characters; HTML is reduced to readable text with the standard library
  parser (script, style and similar elements dropped, whitespace collapsed).

Overrides for tests and development: `allow_private=True` turns the address rule off entirely
(settings FETCH_ALLOW_PRIVATE); `allowed_private_endpoints` lets exactly the listed
(address, port) pairs through while every other non-public address stays refused, which is how
the tests serve pages from 127.0.0.1 and still prove that a redirect to another local port is
refused. `resolver` replaces getaddrinfo (tests use it to simulate hostile DNS answers).
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

REASONS: dict[str, str] = {
    "bad_scheme": "only http and https URLs are fetched",
    "bad_url": "the URL is malformed or carries credentials",
    "private_address": "the host resolves to a non-public address",
    "dns_failure": "the host name could not be resolved",
    "too_many_redirects": "too many redirects",
    "timeout": "the server took too long",
    "too_large": "the page is larger than the limit",
    "bad_content_type": "the page is not text or HTML",
    "http_error": "the server answered with an error status",
    "connection_error": "the connection failed",
}

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NAT64_NETWORKS = (
    ipaddress.ip_network("64:ff9b::/96"),
    ipaddress.ip_network("64:ff9b:1::/48"),
)
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_CHUNK = 64 * 1024

Resolver = Callable[[str, int], Sequence[str]]


class FetchRefused(Exception):
    """A fetch that was refused or failed; `reason` is one of REASONS' keys."""

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        redirects: Sequence[str] = (),
    ) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message
        self.url = url
        self.status = status
        self.redirects = tuple(redirects)


@dataclass(frozen=True)
class FetchConfig:
    allow_private: bool = False
    max_bytes: int = 5 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_redirects: int = 5
    allowed_content_types: tuple[str, ...] = ("text/html", "text/plain")
    user_agent: str = "factcheck-source-fetcher/1.0"
    # Exact (address, port) pairs let through although non-public. Empty in production.
    allowed_private_endpoints: frozenset[tuple[str, int]] = frozenset()
    resolver: Resolver | None = None


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    content_type: str
    charset: str
    text: str
    sha256: str
    size: int
    address: str
    fetched_at: datetime
    elapsed: float
    redirects: tuple[str, ...] = field(default=())


def system_resolver(host: str, port: int) -> list[str]:
    """Every address getaddrinfo gives for host (A and AAAA), in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def fetch(url: str, *, config: FetchConfig) -> FetchResult:
    """Fetch one page under the policy in the module docstring; raise FetchRefused otherwise."""
    started = time.monotonic()
    deadline = started + config.total_timeout
    redirects: list[str] = []
    current = url
    hops = 0
    while True:
        try:
            outcome = _fetch_hop(current, config, deadline)
        except FetchRefused as refused:
            refused.url = refused.url or current
            refused.redirects = tuple(redirects)
            raise
        if isinstance(outcome, _Redirect):
            if hops >= config.max_redirects:
                raise FetchRefused(
                    "too_many_redirects",
                    f"more than {config.max_redirects} redirects",
                    url=current,
                    status=outcome.status,
                    redirects=redirects,
                )
            hops += 1
            current = urljoin(current, outcome.location)
            redirects.append(current)
            continue
        status, content_type, charset, body, address = outcome
        text = _decode(body, charset, content_type)
        if content_type == "text/html":
            text = html_to_text(text)
        return FetchResult(
            url=url,
            final_url=current,
            status=status,
            content_type=content_type,
            charset=_effective_charset(body, charset, content_type),
            text=text,
            sha256=hashlib.sha256(body).hexdigest(),
            size=len(body),
            address=address,
            fetched_at=datetime.now(UTC),
            elapsed=time.monotonic() - started,
            redirects=tuple(redirects),
        )


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # as used for Host and SNI (IDNA-encoded; IPv6 without brackets)
    port: int
    path: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.port == _DEFAULT_PORTS[self.scheme]:
            return host
        return f"{host}:{self.port}"


@dataclass(frozen=True)
class _Redirect:
    status: int
    location: str


def parse_target(url: str) -> _Target:
    """Check the URL's form and return what to connect to; the only parse of the URL we use."""
    if not isinstance(url, str) or not url:
        raise FetchRefused("bad_url", "empty URL", url=url)
    if re.search(r"[\x00-\x20\x7f\\]", url):
        raise FetchRefused(
            "bad_url", "spaces, control characters or backslashes in the URL", url=url
        )
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise FetchRefused("bad_scheme", f"scheme {scheme or '(none)'!r} is not allowed", url=url)
    if "@" in parts.netloc:
        raise FetchRefused("bad_url", "credentials (user info) in the URL", url=url)
    host = parts.hostname
    if not host:
        raise FetchRefused("bad_url", "no host in the URL", url=url)
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise FetchRefused("bad_url", "invalid port", url=url) from None
    if not _is_ip_literal(host):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise FetchRefused("bad_url", "invalid host name", url=url) from None
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return _Target(scheme, host, port, path)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def non_public_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be fetched from, or None when it is a public unicast address.

    IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, NAT64) are judged
    by that IPv4 address, which is where the packets end up; Teredo by both its embedded
    addresses and its own (non-public) prefix.
    """
    candidates: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        embedded = None
        if address.ipv4_mapped:
            embedded = address.ipv4_mapped
        elif address.sixtofour:
            embedded = address.sixtofour
        elif any(address in net for net in _NAT64_NETWORKS) or (
            address in _IPV4_COMPATIBLE and int(address) >= 1 << 24
        ):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            candidates = [embedded]
        elif address.teredo:
            candidates = [*address.teredo, address]
    for candidate in candidates:
        for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
            if getattr(candidate, f"is_{kind}"):
                return f"{candidate} is not a public address ({kind.replace('_', '-')})"
        if not candidate.is_global:
            return f"{candidate} is not a public address"
    return None


def resolve_checked(target: _Target, config: FetchConfig) -> list[str]:
    """Resolve once and check every address; return them for connecting."""
    if _is_ip_literal(target.host):
        raw: Sequence[str] = [target.host]
    else:
        resolver = config.resolver or system_resolver
        try:
            raw = resolver(target.host, target.port)
        except (OSError, UnicodeError) as exc:
            raise FetchRefused("dns_failure", f"{target.host}: {exc}") from None
        if not raw:
            raise FetchRefused("dns_failure", f"{target.host}: no address")
    addresses = []
    for text in raw:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            raise FetchRefused("dns_failure", f"{target.host}: bad address {text!r}") from None
        reason = non_public_reason(address)
        allowed = config.allow_private or (str(address), target.port) in (
            config.allowed_private_endpoints
        )
        if reason and not allowed:
            raise FetchRefused("private_address", f"{target.host} -> {reason}")
        addresses.append(str(address))
    return addresses


class _Watchdog:
    """Shuts the socket down at the deadline so no blocking read outlives it."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self.fired = False
        self._sock = sock
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        # The plain socket's shutdown, also for TLS sockets: it only touches the descriptor.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchRefused("timeout", "total time limit reached")
    return left


def _connect(target: _Target, addresses: list[str], config: FetchConfig, deadline: float):
    last: FetchRefused | None = None
    for address in addresses:
        timeout = min(config.connect_timeout, _remaining(deadline))
        try:
            sock = socket.create_connection((address, target.port), timeout=timeout)
        except TimeoutError:
            last = FetchRefused("timeout", f"connecting to {address} timed out")
            continue
        except OSError as exc:
            last = FetchRefused("connection_error", f"connecting to {address}: {exc}")
            continue
        if target.scheme == "https":
            context = ssl.create_default_context()
            try:
                sock = context.wrap_socket(sock, server_hostname=target.host)
            except TimeoutError:
                sock.close()
                last = FetchRefused("timeout", f"TLS handshake with {address} timed out")
                continue
            except (ssl.SSLError, OSError) as exc:
                sock.close()
                last = FetchRefused("connection_error", f"TLS with {address}: {exc}")
                continue
        return sock, address
    assert last is not None  # addresses is never empty
    raise last


def _fetch_hop(url: str, config: FetchConfig, deadline: float):
    target = parse_target(url)
    addresses = resolve_checked(target, config)
    sock, address = _connect(target, addresses, config, deadline)
    watchdog = _Watchdog(sock, deadline - time.monotonic())
    conn = http.client.HTTPConnection(target.host, target.port)
    conn.sock = sock  # already connected to the checked address; http.client must not reconnect
    try:
        sock.settimeout(min(config.read_timeout, _remaining(deadline)))
        conn.putrequest("GET", target.path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", target.host_header)
        conn.putheader("User-Agent", config.user_agent)
        conn.putheader("Accept", ", ".join(config.allowed_content_types))
        conn.putheader("Accept-Encoding", "identity")
        conn.putheader("Connection", "close")
        conn.endheaders()
        response = conn.getresponse()
        return _handle_response(response, sock, address, config, deadline, watchdog)
    except FetchRefused:
        raise
    except TimeoutError:
        raise FetchRefused("timeout", "the server stopped answering (read timeout)") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        if watchdog.fired:
            raise FetchRefused("timeout", "total time limit reached") from None
        raise FetchRefused("connection_error", f"{type(exc).__name__}: {exc}") from None
    finally:
        watchdog.cancel()
        conn.close()


def _handle_response(response, sock, address, config, deadline, watchdog):
    status = response.status
    if status in REDIRECT_STATUSES:
        location = response.getheader("Location")
        if not location:
            raise FetchRefused("http_error", f"redirect {status} without a Location", status=status)
        return _Redirect(status, location.strip())
    if status >= 300:
        raise FetchRefused(
            "http_error", f"the server answered {status} {response.reason}", status=status
        )

    raw_type = response.getheader("Content-Type")
    content_type = (raw_type or "").split(";")[0].strip().lower()
    if content_type not in config.allowed_content_types:
        raise FetchRefused(
            "bad_content_type", f"content type {raw_type or '(none)'!r} is not accepted"
        )
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise FetchRefused("bad_content_type", f"compressed body ({encoding}) is not accepted")
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > config.max_bytes:
        raise FetchRefused("too_large", f"Content-Length {declared} > {config.max_bytes} bytes")

    chunks, size = [], 0
    while True:
        sock.settimeout(min(config.read_timeout, _remaining(deadline)))
        chunk = response.read1(min(_CHUNK, config.max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > config.max_bytes:
            raise FetchRefused("too_large", f"body exceeds {config.max_bytes} bytes")
    if watchdog.fired:
        raise FetchRefused("timeout", "total time limit reached")
    return status, content_type, response.msg.get_content_charset(), b"".join(chunks), address


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def _effective_charset(body: bytes, declared: str | None, content_type: str) -> str:
    candidates = [declared]
    if content_type == "text/html":
        match = _META_CHARSET.search(body[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "replace"))
    for name in candidates:
        if not name:
            continue
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return "utf-8"


def _decode(body: bytes, declared: str | None, content_type: str) -> str:
    return body.decode(_effective_charset(body, declared, content_type), errors="replace")


_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_BLOCKS = frozenset(
    {
        *("p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article"),
        *("header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"),
        *("title", "figcaption", "main", "aside", "nav", "dd", "dt", "form"),
    }
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            # Line breaks in the source are layout, not structure: only blocks start lines.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def html_to_text(html: str) -> str:
    """Readable text of an HTML page: no script/style, one line per block, spaces collapsed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
