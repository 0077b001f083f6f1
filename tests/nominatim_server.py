"""A stand-in for Nominatim's /search on 127.0.0.1, scripted per query, counting requests.

It also answers Photon's /api with the same places, to test "any geopy geocoder".

A real threaded HTTP server, so geopy's real adapter, timeouts and error mapping
are what the tests exercise. Queries not scripted get an empty answer ``[]``,
which is also what Nominatim says for a name it does not know.

    server = NominatimStub().start()
    server.answer("Seoul", nominatim_place("Seoul", 37.5667, 126.9783))
    server.rate_limit("Pusan", retry_after=1, then=("answer", [...]))
    server.fail("Kaesong", 500); server.slow("Wonsan", 3.0); server.malformed("Hamhung")
    ...; server.count("Seoul"); server.stop()

Fault modes, for a geocoder that misbehaves on the wire rather than in its answers:
``drip`` (headers at once, then the body a byte at a time), ``drip-headers`` (the
status line and headers a byte at a time), ``reset`` (the connection closed with
a TCP reset, no answer), ``reset-mid-answer`` (the headers and a few bytes, then
a reset), ``close`` (closed without an answer) and ``unavailable`` (HTTP 503
with a Retry-After). A Retry-After may be seconds or an HTTP date.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"

Step = tuple[str, Any]  # ("answer", [places]) ("empty", None) ("429", retry_after) ("status", 500)
#                         ("slow", seconds) ("malformed", body) ("drip", (seconds_per_byte, body))
#                         ("drip-headers", (seconds_per_byte, body)) ("reset", None) ("close", None)
#                         ("reset-mid-answer", None) ("unavailable", retry_after)
DRIP_BODY = b"[]" + b" " * 198  # well-formed once complete: 200 bytes, minutes at a byte a second


def nominatim_place(
    name: str,
    lat: float,
    lon: float,
    *,
    osm_type: str = "relation",
    osm_id: int = 1,
    osm_class: str = "place",
    osm_value: str = "city",
    addresstype: str | None = None,
    country_code: str = "kr",
    display_name: str | None = None,
) -> dict[str, Any]:
    """One /search result as Nominatim's format=json gives it (``address`` added on request)."""
    return {
        "place_id": osm_id * 10 + 7,
        "licence": LICENCE,
        "osm_type": osm_type,
        "osm_id": osm_id,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": osm_class,
        "type": osm_value,
        "place_rank": 16,
        "importance": 0.6,
        "addresstype": addresstype or osm_value,
        "name": name,
        "display_name": display_name or f"{name}, South Korea",
        "address": {"country": "South Korea", "country_code": country_code},
        "boundingbox": [f"{lat - 0.1:.7f}", f"{lat + 0.1:.7f}", f"{lon - 0.1:.7f}", f"{lon + 0.1:.7f}"],
    }


@dataclass
class Seen:
    """One request as the server received it."""

    at: float  # time.monotonic() on arrival
    path: str
    params: dict[str, str]
    headers: dict[str, str]

    @property
    def query(self) -> str:
        return self.params.get("q", "")


class NominatimStub:
    """The server; script behaviours before or between requests (thread-safe)."""

    def __init__(self) -> None:
        self._scripts: dict[str, list[Step]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[Seen] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------------- scripting
    def script(self, query: str, *steps: Step) -> None:
        """Answer ``query`` with the steps in turn; the last step repeats."""
        with self._lock:
            self._scripts[query] = list(steps)

    def answer(self, query: str, *places: dict[str, Any]) -> None:
        self.script(query, ("answer", list(places)))

    def empty(self, query: str) -> None:
        self.script(query, ("empty", None))

    def rate_limit(
        self, query: str, retry_after: int = 1, times: int = 1, then: Step = ("empty", None)
    ) -> None:
        self.script(query, *[("429", retry_after)] * times, then)

    def fail(self, query: str, status: int = 500) -> None:
        self.script(query, ("status", status))

    def slow(self, query: str, seconds: float) -> None:
        self.script(query, ("slow", seconds))

    def malformed(self, query: str, body: str = '[{"place_id": 1, "lat": "37.5", "lon": ') -> None:
        self.script(query, ("malformed", body))

    def drip(
        self, query: str, seconds_per_byte: float, headers_too: bool = False, body: bytes = DRIP_BODY
    ) -> None:
        """Trickle the answer: each read gets a byte before any per-read timeout, the whole takes long."""
        self.script(query, ("drip-headers" if headers_too else "drip", (seconds_per_byte, body)))

    def reset(self, query: str, politely: bool = False, mid_answer: bool = False) -> None:
        """Close the connection without an answer: a TCP reset (``mid_answer``: after the headers
        and a few bytes), or ``politely`` an orderly close."""
        kind = "close" if politely else "reset-mid-answer" if mid_answer else "reset"
        self.script(query, (kind, None))

    def count(self, query: str | None = None) -> int:
        with self._lock:
            return sum(1 for seen in self.requests if query is None or seen.query == query)

    def _next_step(self, query: str) -> Step:
        with self._lock:
            steps = self._scripts.get(query)
            if not steps:
                return ("empty", None)
            return steps.pop(0) if len(steps) > 1 else steps[0]

    # ---------------------------------------------------------------- running
    @property
    def url(self) -> str:
        assert self._server is not None, "start() the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> NominatimStub:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                stub._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes slow handlers
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> NominatimStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---------------------------------------------------------------- answering
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        params = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        seen = Seen(time.monotonic(), parts.path, params, {k.lower(): v for k, v in request.headers.items()})
        with self._lock:
            self.requests.append(seen)
        photon = parts.path.rstrip("/").endswith("/api")  # geopy's Photon, for "any geopy geocoder"
        if not (photon or parts.path.rstrip("/").endswith("/search")):
            self._send(request, 404, b'{"error": "not found"}')
            return
        kind, data = self._next_step(seen.query)
        if kind == "slow":
            if self._stopping.wait(data):
                return
            kind, data = "empty", None
        if kind == "answer" and photon:
            features = [self._photon_feature(place) for place in data]
            self._send(request, 200, json.dumps({"type": "FeatureCollection", "features": features}).encode())
        elif kind == "answer":
            places = [self._shape(place, params) for place in data]
            self._send(request, 200, json.dumps(places).encode())
        elif kind == "empty":
            self._send(request, 200, b'{"type": "FeatureCollection", "features": []}' if photon else b"[]")
        elif kind == "429":
            self._send(request, 429, b"Too Many Requests", {"Retry-After": str(data)})
        elif kind == "unavailable":
            self._send(request, 503, b"Service Unavailable", {"Retry-After": str(data)}, content="text/plain")
        elif kind in ("drip", "drip-headers"):
            self._drip(request, *data, headers_too=kind == "drip-headers")
        elif kind in ("reset", "close"):
            self._hang_up(request, reset=kind == "reset")
        elif kind == "reset-mid-answer":
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
            request.wfile.write(head + b'[{"lat": ')
            self._stopping.wait(0.05)  # let the client start on the body
            self._hang_up(request, reset=True)
        elif kind == "status":
            self._send(request, data, b"<html><body>Internal Server Error</body></html>", content="text/html")
        elif kind == "malformed":
            self._send(request, 200, data.encode())
        else:
            raise ValueError(f"unknown step {kind!r}")

    def _drip(
        self, request: BaseHTTPRequestHandler, seconds_per_byte: float, body: bytes, headers_too: bool
    ) -> None:
        """The answer a byte at a time (the headers too if asked), until done or the server stops."""
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        trickled = head + body if headers_too else body
        try:
            if not headers_too:
                request.wfile.write(head)
            for index in range(len(trickled)):
                request.wfile.write(trickled[index : index + 1])
                if self._stopping.wait(seconds_per_byte):
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should
        request.close_connection = True

    @staticmethod
    def _hang_up(request: BaseHTTPRequestHandler, reset: bool) -> None:
        """Close without answering; with ``reset`` the close is a TCP RST (SO_LINGER 0)."""
        if reset:
            request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        request.close_connection = True
        request.connection.close()  # the fd closes once the handler's files are closed

    @staticmethod
    def _shape(place: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
        """Nominatim's answer as asked: ``category`` in jsonv2, ``address`` only on request."""
        shaped = dict(place)
        if params.get("addressdetails") not in ("1", "true", "True"):
            shaped.pop("address", None)
        if params.get("format") == "jsonv2":
            shaped["category"] = shaped.pop("class", None)
        return shaped

    @staticmethod
    def _photon_feature(place: dict[str, Any]) -> dict[str, Any]:
        """The same place as Photon's GeoJSON feature."""
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(place["lon"]), float(place["lat"])]},
            "properties": {
                "osm_type": place["osm_type"][0].upper(),
                "osm_id": place["osm_id"],
                "osm_key": place["class"],
                "osm_value": place["type"],
                "name": place["name"],
                "country": place["address"]["country"],
                "countrycode": place["address"]["country_code"].upper(),
            },
        }

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        content: str = "application/json; charset=utf-8",
    ) -> None:
        try:
            request.send_response(status)
            request.send_header("Content-Type", content)
            request.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer
