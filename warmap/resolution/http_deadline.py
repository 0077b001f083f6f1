"""geopy's urllib adapter with one deadline for the whole request, not one timeout per read.

A socket timeout bounds each read: a server that trickles its answer a byte
at a time, each byte inside the timeout, holds a request for as long as it
likes (a byte every 2 s kept one name for more than ten minutes). Here connect,
send, status line, headers and body together get ``timeout`` seconds: every
socket operation is given only what is left of it, and the first one that
finds nothing left raises ``TimeoutError``. geopy then reports a timeout as it
does for a slow server, and the fallback geocoder goes offline.

The adapter also keeps the last JSON body it parsed (``last_body``), so that
the caller can tell a well-formed "no result" (``[]``) from a body geopy also
turns into None (``null``, ``{}``).
"""

from __future__ import annotations

import http.client
import io
import socket
import time
import urllib.request
from typing import Any

from geopy.adapters import URLLibAdapter, _normalize_proxies

NO_BODY = object()  # last_body before a request parsed one (a body may be JSON null)


def _left(deadline: float) -> float:
    """Seconds left before ``deadline``; TimeoutError when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out: the request took longer than its deadline")
    return left


class _DeadlineReader(io.RawIOBase):
    """The socket's reads, each allowed only the time left before the deadline."""

    def __init__(self, sock: socket.socket, deadline: float):
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)  # holds the socket open while the body is read
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(_left(self._deadline))
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """A connected socket whose sends and reads share one deadline; the rest is the socket's."""

    def __init__(self, sock: socket.socket, deadline: float):
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode != "rb":  # http.client reads responses through makefile("rb") only
            return self._sock.makefile(mode, *args, **kwargs)
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def sendall(self, data: Any, *args: Any) -> None:
        self._sock.settimeout(_left(self._deadline))
        self._sock.sendall(data, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _DeadlineConnecting:
    """Mixed into http.client's connections: connecting counts, and the socket keeps the deadline.

    The TLS handshake is bounded per operation only (it happens inside ``connect``).
    """

    timeout: float | None
    sock: Any

    def __init__(self, *args: Any, deadline: float, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        self.timeout = _left(self._deadline)
        super().connect()  # type: ignore[misc]
        self.sock = _DeadlineSocket(self.sock, self._deadline)


class _DeadlineConnection(_DeadlineConnecting, http.client.HTTPConnection):
    pass


class _DeadlineHTTPSConnection(_DeadlineConnecting, http.client.HTTPSConnection):
    pass


class _Clock:
    """The deadline of the request under way, shared by its redirects."""

    deadline: float | None = None

    def deadline_for(self, request: urllib.request.Request) -> float:
        if self.deadline is None:  # urlopen called without get_text (not by geopy)
            return time.monotonic() + float(request.timeout or 60.0)
        return self.deadline


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, clock: _Clock):
        super().__init__()
        self._clock = clock

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_DeadlineConnection, req, deadline=self._clock.deadline_for(req))


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, clock: _Clock, context: Any):
        super().__init__(context=context)
        self._clock = clock
        self._tls = context

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(
            _DeadlineHTTPSConnection, req, context=self._tls, deadline=self._clock.deadline_for(req)
        )


class DeadlineAdapter(URLLibAdapter):
    """geopy's URLLibAdapter (its error mapping kept), each request bounded by its ``timeout``."""

    def __init__(self, *, proxies: Any, ssl_context: Any):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._clock = _Clock()
        self.last_body: Any = NO_BODY
        opener = urllib.request.build_opener(
            _HTTPHandler(self._clock),
            _HTTPSHandler(self._clock, ssl_context),
            urllib.request.ProxyHandler(_normalize_proxies(proxies)),  # as geopy's own opener
        )
        self.urlopen = opener.open

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        self._clock.deadline = time.monotonic() + timeout
        try:
            return super().get_text(url, timeout=timeout, headers=headers)
        finally:
            self._clock.deadline = None

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        self.last_body = NO_BODY
        body = super().get_json(url, timeout=timeout, headers=headers)
        self.last_body = body
        return body
