"""The online fallback: names the gazetteer cannot place, asked of a geocoder through geopy.

Polite to the service (Nominatim's usage policy: at most one request a second,
an identifying user agent, across every run sharing the cache) and to the user:
every well-formed answer, negative ones too, is cached so a second run asks
nothing, and a malformed one is never cached; ``offline`` never touches the
network; the first connection failure (refused, DNS, reset, timeout: one
deadline for the whole request) turns the rest of the run offline, so a run
without network costs one timeout, not one per name; a Retry-After up to
``RETRY_AFTER_CAP_SECONDS`` is waited for, a longer one ends the run's requests.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import json
import logging
import math
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from warmap.errors import InputError
from warmap.model import Place
from warmap.resolution.cache import GeocodeCache
from warmap.version import __version__
from warmap.wars import load_war

if TYPE_CHECKING:  # geopy's HTTP stack loads only when a request may be made (an offline build makes none)
    from warmap.resolution.http_deadline import DeadlineAdapter

log = logging.getLogger(__name__)

PROJECT_URL = "https://pypi.org/project/warmap/"
NOMINATIM_SOURCE = "Nominatim (OpenStreetMap contributors, ODbL)"
RETRY_AFTER_CAP_SECONDS = 10.0  # a 429/503's Retry-After up to this is waited for; longer: stop asking
FEATURES_CSV = Path(__file__).with_name("geocoder_features.csv")

Resolver = Literal["geocoder", "cache", "unresolved"]
NameItem = str | tuple[str, str | None]  # a name, or (name, lang)


def default_cache_path() -> Path:
    """The cache file: geocode.sqlite in warmap's cache folder ($WARMAP_CACHE_DIR or the user's)."""
    from warmap.paths import cache_dir

    return cache_dir() / "geocode.sqlite"


def _theatre_box() -> tuple[float, float, float, float]:
    return load_war().bounds


@dataclass
class GeocoderSettings:
    """How to reach the fallback geocoder, and how gently."""

    offline: bool = False
    name: str = "nominatim"  # any geopy geocoder name (geopy.geocoders.get_geocoder_for_service)
    url: str | None = None  # a self-hosted endpoint, e.g. http://localhost:8080/nominatim
    user_agent: str = f"warmap/{__version__} (+{PROJECT_URL})"
    timeout: float = 5.0  # seconds for a whole request (connect, headers, body), not for each read
    min_delay_seconds: float = 1.0  # Nominatim's usage policy: one request a second at most
    cache_path: Path | None = None  # None: default_cache_path()
    language: str = "en"  # accept-language: the language of the answers' display names
    # West, south, east, north: a hint, not a bound (default: the default war profile's theatre).
    viewbox: tuple[float, float, float, float] | None = field(default_factory=_theatre_box)

    def service_key(self) -> str:
        """What the cache files answers under: the service and, if self-hosted, its endpoint."""
        return f"{self.name}@{self.url.rstrip('/')}" if self.url else self.name


@dataclass
class GeocodeResult:
    """One name's outcome; ``error`` says why a name stayed unresolved when that was not an answer."""

    place: Place | None
    resolver: Resolver
    error: str | None = None
    from_cache: bool = False  # also True for a cached negative answer (resolver "unresolved")


@dataclass
class _Failure:
    kind: str  # connection, stop, rate-limited, http, malformed, error
    message: str
    retry_after: float | None = None


@dataclass
class FallbackGeocoder:
    """Geocodes names one at a time through the cache, then the rate-limited service."""

    settings: GeocoderSettings = field(default_factory=GeocoderSettings)
    went_offline: bool = field(default=False, init=False)
    offline_reason: str | None = field(default=None, init=False)
    requests_made: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.service = self.settings.service_key()
        self.cache = GeocodeCache(
            self.settings.cache_path or default_cache_path(), create=not self.settings.offline
        )
        self._geocoder: Any = None
        self._limited: Any = None
        self._kwargs: dict[str, Any] = {}
        self._adapter: Any = None  # the DeadlineAdapter: its last body tells "no result" from junk
        self._answered_at: float | None = None
        if not self.settings.offline:
            self._geocoder, self._kwargs, self._adapter = _build_geocoder(self.settings)
            from geopy.extra.rate_limiter import RateLimiter

            # No retries and no swallowing: every failure comes back to _fetch, which
            # decides between "next name", "wait and retry once" and "stop asking".
            self._limited = RateLimiter(
                self._geocoder.geocode,
                min_delay_seconds=self.settings.min_delay_seconds,
                max_retries=0,
                error_wait_seconds=self.settings.min_delay_seconds,
                swallow_exceptions=False,
            )

    @property
    def offline(self) -> bool:
        """True when no request will be made: asked for, or after a connection failure."""
        return self.settings.offline or self.went_offline

    # ---------------------------------------------------------------- public
    def geocode(self, name: str, lang: str | None = None) -> GeocodeResult:
        """One name: the cached answer, else the service's (cached), else unresolved.

        ``lang`` is the language the name is written in (``Mention.lang``): it is part
        of the cache key and the queried name is kept under it in ``Place.names``.
        """
        if not name or not name.strip():
            return GeocodeResult(None, "unresolved", "empty name")
        cached = self._from_cache(name, lang)
        if cached is not None:
            return cached
        if self.offline:
            reason = self.offline_reason or "offline"
            return GeocodeResult(None, "unresolved", f"not in the geocoding cache ({reason})")
        return self._fetch(name, lang)

    def geocode_many(
        self, names: Iterable[NameItem], progress: bool = False, lang: str | None = None
    ) -> dict[NameItem, GeocodeResult]:
        """Every distinct item once, keyed as given, in first-seen order.

        An item is a name (written in ``lang``) or a ``(name, lang)`` pair. A progress
        bar goes to stderr when ``progress`` and more than one name needs a request.
        """
        ordered = list(dict.fromkeys(names))
        results: dict[NameItem, GeocodeResult] = {}
        to_fetch: list[NameItem] = []
        for item in ordered:
            known = self._known(*_split_item(item, lang))
            if known is None:
                to_fetch.append(item)
            else:
                results[item] = known
        if progress and len(to_fetch) > 1 and not self.offline:  # offline, nothing is asked: no bar to show
            from rich.console import Console
            from rich.progress import Progress

            console = Console(stderr=True)
            with Progress(console=console, disable=not console.is_terminal, transient=True) as bar:
                task = bar.add_task(f"Geocoding ({self.settings.name})", total=len(to_fetch))
                for item in to_fetch:
                    results[item] = self.geocode(*_split_item(item, lang))
                    bar.advance(task)
        else:
            for item in to_fetch:
                results[item] = self.geocode(*_split_item(item, lang))
        return {item: results[item] for item in ordered}

    def close(self) -> None:
        self.cache.close()

    def __enter__(self) -> FallbackGeocoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- the service
    def _known(self, name: str, lang: str | None) -> GeocodeResult | None:
        """The result without a request (cache, offline, empty name), or None: ask the service."""
        if not self.offline and name.strip() and self._from_cache(name, lang) is None:
            return None
        return self.geocode(name, lang)

    def _from_cache(self, name: str, lang: str | None) -> GeocodeResult | None:
        cached = self.cache.get(self.service, name, lang)
        if cached is None:
            return None
        data = cached.get("place")
        if data is None:
            return GeocodeResult(None, "unresolved", None, from_cache=True)
        place = _place_from_json(data)
        if place is None:
            return None  # a damaged entry is a missing one: ask again
        return GeocodeResult(place, "cache", None, from_cache=True)

    def _fetch(self, name: str, lang: str | None) -> GeocodeResult:
        outcome = self._ask(name)
        if _rate_limited(outcome):
            outcome = self._after_rate_limit(outcome)
            if outcome is None:  # a short wait, done: ask once more
                log.info("geocoder rate-limited on %r; retrying once", name)
                outcome = self._ask(name)
                if _rate_limited(outcome):  # refused again: honour its wait, give up on this name
                    outcome = self._after_rate_limit(outcome) or outcome
        if isinstance(outcome, _Failure):
            if outcome.kind in ("connection", "stop"):
                self._go_offline(outcome.message)
            return GeocodeResult(None, "unresolved", outcome.message)
        if outcome is None:
            self.cache.put(self.service, name, lang, {"place": None, "query": name})
            return GeocodeResult(None, "unresolved", None)
        try:
            place = _place_from_location(outcome, name, lang, self.settings)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
            return GeocodeResult(None, "unresolved", f"malformed answer from the geocoder ({error})")
        self.cache.put(self.service, name, lang, {"place": asdict(place), "query": name})
        return GeocodeResult(place, "geocoder", None)

    def _after_rate_limit(self, failure: _Failure) -> _Failure | None:
        """Honour a Retry-After: None once a short one is arranged, a "stop" _Failure for a long one.

        Both are kept in the cache, so that every run sharing it waits too; the
        wait itself happens where the next request takes its slot.
        """
        wait = 1.0 if failure.retry_after is None else max(float(failure.retry_after), 0.0)
        if wait <= RETRY_AFTER_CAP_SECONDS:
            self.cache.hold_requests(self.service, time.time() + wait)
            return None
        cap = RETRY_AFTER_CAP_SECONDS
        reason = f"{failure.message} with Retry-After {wait:.0f} s, more than the {cap:g} s warmap waits"
        self.cache.block_requests(self.service, time.time() + wait, reason)
        return _Failure("stop", reason)

    def _ask(self, name: str) -> Any:
        """The service's Location, None for a well-formed "no such place", or a _Failure.

        geopy's RateLimiter spaces the *starts* of calls; a call slowed by connection
        set-up would then reach the server less than min_delay before the next one.
        Waiting min_delay after the previous answer too keeps the gap the server
        sees at min_delay or more, which is what its usage policy counts. The
        cache's request slots do the same for every run that shares the cache.
        """
        if self._answered_at is not None:
            wait = self._answered_at + self.settings.min_delay_seconds - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        blocked = self._wait_for_slot()
        if blocked is not None:
            return blocked
        from warmap.resolution.http_deadline import NO_BODY

        self.requests_made += 1
        self._adapter.last_body = NO_BODY
        try:
            location = self._limited(name, **self._kwargs)
        except Exception as error:  # sorted into kinds below; nothing escapes a run
            return _classify(error, self.settings.timeout)
        finally:
            self._answered_at = time.monotonic()
            self.cache.hold_requests(self.service, time.time() + self.settings.min_delay_seconds)
        if location is None and not _is_empty_answer(self._adapter.last_body):
            return _Failure(
                "malformed", f"malformed answer from the geocoder ({_describe(self._adapter.last_body)})"
            )
        return location

    def _wait_for_slot(self) -> _Failure | None:
        """Wait until no run sharing the cache has asked the service within min_delay.

        A "stop" _Failure instead when a run was told by a long Retry-After to leave it alone.
        """
        while True:
            slot = self.cache.take_request_slot(self.service, self.settings.min_delay_seconds)
            if slot.blocked_until is not None:
                until = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(slot.blocked_until))
                return _Failure(
                    "stop", f"{slot.reason or 'the geocoder asked for a pause'}; no requests until {until}"
                )
            if slot.wait <= 0:
                return None
            time.sleep(slot.wait)

    def _go_offline(self, reason: str) -> None:
        self.went_offline = True
        self.offline_reason = reason
        log.warning("geocoder %s: %s; not asking it again in this run", self.settings.name, reason)


def _split_item(item: NameItem, default_lang: str | None) -> tuple[str, str | None]:
    if isinstance(item, tuple):
        return item[0], item[1]
    return item, default_lang


# -------------------------------------------------------------------- building the geocoder
def _build_geocoder(settings: GeocoderSettings) -> tuple[Any, dict[str, Any], DeadlineAdapter]:
    """The geopy geocoder for the settings, the keyword arguments its geocode() takes, its adapter."""
    from geopy.exc import GeopyError
    from geopy.geocoders import get_geocoder_for_service

    from warmap.resolution.http_deadline import DeadlineAdapter

    try:
        cls = get_geocoder_for_service(settings.name)
    except GeopyError as error:
        raise InputError("--geocoder", f"unknown geocoder {settings.name!r} ({error})") from None
    init = inspect.signature(cls.__init__).parameters
    kwargs: dict[str, Any] = {"user_agent": settings.user_agent, "timeout": settings.timeout}
    if settings.url:
        if "domain" not in init:
            raise InputError("--geocoder-url", f"geocoder {settings.name!r} takes no endpoint URL")
        kwargs.update(_domain_and_scheme(settings.url))
    adapters: list[DeadlineAdapter] = []

    def adapter_factory(*, proxies: Any, ssl_context: Any) -> DeadlineAdapter:
        """geopy's urllib adapter with a deadline per request, kept to read the answers' bodies."""
        adapters.append(DeadlineAdapter(proxies=proxies, ssl_context=ssl_context))
        return adapters[-1]

    kwargs["adapter_factory"] = adapter_factory  # every geopy 2 geocoder takes one
    try:
        geocoder = cls(**kwargs)
    except (TypeError, GeopyError) as error:
        raise InputError("--geocoder", f"cannot use geocoder {settings.name!r}: {error}") from None
    accepted = inspect.signature(geocoder.geocode).parameters
    call: dict[str, Any] = {"exactly_one": True}
    if "language" in accepted:
        call["language"] = settings.language
    if "addressdetails" in accepted:
        call["addressdetails"] = True  # gives the country code
    if settings.viewbox and "viewbox" in accepted:
        west, south, east, north = settings.viewbox
        call["viewbox"] = [(south, west), (north, east)]
        if "bounded" in accepted:
            call["bounded"] = False
    elif settings.viewbox and "location_bias" in accepted:  # Photon: a point to prefer results near
        west, south, east, north = settings.viewbox
        call["location_bias"] = ((south + north) / 2, (west + east) / 2)
    return geocoder, call, adapters[-1]


def _domain_and_scheme(url: str) -> dict[str, str]:
    """http://host:port/path[/search] → geopy's domain "host:port/path" and scheme."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError("--geocoder-url", f"not an http(s) URL: {url!r}")
    path = parts.path.rstrip("/")
    for suffix in ("/search", "/search.php"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return {"domain": parts.netloc + path, "scheme": parts.scheme}


# -------------------------------------------------------------------- failures
def _rate_limited(outcome: Any) -> bool:
    return isinstance(outcome, _Failure) and outcome.kind == "rate-limited"


def _classify(error: BaseException, timeout: float) -> _Failure:
    """Sort a failure: go offline, stop asking, wait and retry, or just this name."""
    from http.client import IncompleteRead, RemoteDisconnected

    from geopy.adapters import AdapterHTTPError, get_retry_after
    from geopy.exc import GeocoderParseError, GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable

    if isinstance(error, GeocoderRateLimited):
        return _Failure("rate-limited", "rate-limited by the geocoder (HTTP 429)", error.retry_after)
    chain = [error, *_causes(error)]
    http = next((e for e in chain if isinstance(e, AdapterHTTPError)), None)
    if http is not None:
        status = http.status_code
        if status in (401, 402, 403, 407):
            return _Failure("stop", f"the geocoder refuses our requests (HTTP {status})")
        retry_after = get_retry_after(http.headers or {}) if status == 503 else None
        if retry_after is not None:  # "unavailable, come back later": as a 429
            return _Failure("rate-limited", "the geocoder is unavailable (HTTP 503)", retry_after)
        return _Failure("http", f"geocoder error (HTTP {status})")
    if isinstance(error, GeocoderParseError):
        return _Failure("malformed", "malformed answer from the geocoder (not JSON)")
    if isinstance(error, GeocoderTimedOut) or any(isinstance(e, TimeoutError) for e in chain):
        return _Failure(
            "connection", f"the geocoder did not answer within the timeout ({timeout:g} s a request)"
        )
    if any(isinstance(e, RemoteDisconnected) for e in chain):
        return _Failure("connection", "the geocoder closed the connection without an answer")
    if any(isinstance(e, IncompleteRead) for e in chain):
        return _Failure("connection", "the geocoder closed the connection in the middle of its answer")
    reset = next((e for e in chain if isinstance(e, (ConnectionResetError, ConnectionAbortedError))), None)
    if reset is not None:
        return _Failure("connection", f"the geocoder reset the connection ({_short_reason(reset)})")
    if isinstance(error, GeocoderUnavailable) or any(isinstance(e, OSError) for e in chain):
        return _Failure("connection", f"geocoder unreachable ({_short_reason(error)})")
    if isinstance(error, (TypeError, ValueError, KeyError, AttributeError, IndexError)):
        return _Failure("malformed", f"malformed answer from the geocoder ({_first_line(error)})")
    return _Failure("error", f"geocoder error ({_first_line(error)})")


def _causes(error: BaseException) -> list[BaseException]:
    """The exceptions behind ``error`` (explicit and implicit chaining), not itself."""
    seen: list[BaseException] = []
    current = error.__cause__ or error.__context__
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _short_reason(error: BaseException) -> str:
    """The "[Errno 111] Connection refused" rather than a pool's paragraph about it."""
    found = re.search(r"\[Errno -?\d+\][^'\")\]]*", str(error))
    return found.group(0).strip() if found else _first_line(error)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


# -------------------------------------------------------------------- answers → places
@cache
def _feature_table() -> dict[tuple[str, str], str]:
    with FEATURES_CSV.open(encoding="utf-8", newline="") as handle:
        return {(row["key"], row["value"]): row["feature"] for row in csv.DictReader(handle)}


def guess_feature(raw: dict[str, Any]) -> str:
    """The INTERFACE feature for an OSM answer: addresstype, then class/type, then the class."""
    table = _feature_table()
    properties = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}
    osm_class = str(raw.get("class") or raw.get("category") or properties.get("osm_key") or "")
    osm_type = str(properties.get("osm_value") or raw.get("type") or "")  # Photon: type is "Feature"
    for key in (("addresstype", str(raw.get("addresstype") or "")), (osm_class, osm_type), (osm_class, "*")):
        if key in table:
            return table[key]
    return "site"


def _is_empty_answer(body: Any) -> bool:
    """A well-formed "no such place": an empty list (Nominatim), or no features or results.

    geopy turns ``null``, ``{}``, ``0`` into "no result" as well; caching those would
    keep a name unresolved for good on the word of a broken server.
    """
    if isinstance(body, list):
        return not body
    return isinstance(body, dict) and any(body.get(key) == [] for key in ("features", "results"))


def _describe(body: Any) -> str:
    from warmap.resolution.http_deadline import NO_BODY

    if body is NO_BODY:
        return "no JSON body"
    text = json.dumps(body, ensure_ascii=False)
    return f"{text[:60]}… is not a list of places" if len(text) > 60 else f"{text} is not a list of places"


def _coordinate(value: Any, what: str) -> float:
    """A latitude or longitude as the answer wrote it: a finite number or numeric string."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"no usable {what} ({value!r})")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"no usable {what} ({value!r})")
    return number


def _answer_position(location: Any) -> tuple[float, float]:
    """The position the answer itself gives, not geopy's reading of it.

    geopy makes (0, 0) of a Nominatim result without ``lat``; that would be cached
    as a place in the Gulf of Guinea. So the raw answer is read where its format
    is known (lat/lon keys; a GeoJSON geometry) and a bare (0, 0) is refused.
    """
    raw = location.raw if isinstance(location.raw, dict) else {}
    geometry = raw.get("geometry") if isinstance(raw.get("geometry"), dict) else {}
    coordinates = geometry.get("coordinates")
    if "lat" in raw or "lon" in raw or not isinstance(coordinates, list):
        if "lat" in raw or "lon" in raw:
            lat, lon = _coordinate(raw.get("lat"), "latitude"), _coordinate(raw.get("lon"), "longitude")
        else:  # a format of the geocoder's own: geopy's reading, unless it is geopy's "nothing"
            lat, lon = (
                _coordinate(location.latitude, "latitude"),
                _coordinate(location.longitude, "longitude"),
            )
            if lat == 0 and lon == 0:
                raise ValueError("no position in the answer")
    elif len(coordinates) >= 2:  # GeoJSON (Photon): longitude first
        lon, lat = _coordinate(coordinates[0], "longitude"), _coordinate(coordinates[1], "latitude")
    else:
        raise ValueError(f"no usable position ({coordinates!r})")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"position out of range: {lat}, {lon}")
    return lat, lon


def _place_from_location(location: Any, query: str, lang: str | None, settings: GeocoderSettings) -> Place:
    """A geopy Location → a Place; raises ValueError on an answer without a usable position."""
    lat, lon = _answer_position(location)
    lat, lon = round(lat, 6), round(lon, 6)
    raw = location.raw if isinstance(location.raw, dict) else {}
    address = str(location.address or "")
    properties = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}  # Photon
    name = str(raw.get("name") or properties.get("name") or address.split(",")[0].strip() or query)
    osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
    if settings.name.lower() == "nominatim" and osm_type and osm_id is not None:
        place_id = f"nominatim:{osm_type}/{osm_id}"
    else:
        digest = hashlib.sha1(f"{settings.name.lower()}|{lat}|{lon}|{address}".encode()).hexdigest()
        place_id = f"geocoder:{digest[:12]}"
    names: dict[str, list[str]] = {settings.language: [name]}
    if lang and query not in names.get(lang, []):
        names.setdefault(lang, []).append(query)
    details = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    country = str(details.get("country_code") or properties.get("countrycode") or "").upper() or None
    source = NOMINATIM_SOURCE if settings.name.lower() == "nominatim" else f"{settings.name} (via geopy)"
    return Place(
        place_id=place_id,
        name=name,
        names=names,
        feature=guess_feature(raw),
        lat=lat,
        lon=lon,
        geometry={"type": "Point", "coordinates": [lon, lat]},
        country=country,
        source=source,
    )


def _place_from_json(data: Any) -> Place | None:
    """A cached place back into a Place (None for a negative or damaged entry)."""
    if not isinstance(data, dict):
        return None
    try:
        return Place(**data)
    except TypeError:
        return None
