"""The ``warmap`` command line: argument parsing and output, nothing else.

Each subcommand calls one stage's public function; heavy libraries are imported
inside the commands so that ``warmap --help`` and ``warmap read`` start fast.
Exit status: 0 success, 2 bad input or usage (one line on stderr), 1 internal failure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from warmap.errors import InputError

DESCRIPTION = """\
Turn narrative accounts of a campaign into layered, date-keyed maps.

With no SOURCE, the bundled corpus is read: the Chinese Wikipedia article on the
Korean War (wikitext) and a Persian encyclopedia text. A SOURCE is a file path
or '-' for standard input; format and language are detected unless given."""


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line on stderr and exit status 2, like every other bad input."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _lang(value: str) -> str:
    """A BCP 47-style language code: zh, fa, en, zh-Hant…"""
    if not LANG_CODE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a language code (zh, fa, en, ko, …)")
    return value


def _war(value: str) -> str:
    """A war profile's name or folder, checked once here so that a bad profile is a usage error."""
    from warmap.wars import load_war

    try:
        load_war(value)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


# ------------------------------------------------------------------ helpers
def _print_json(value: Any) -> None:
    """One JSON document on stdout, nothing else there."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def _log(message: str) -> None:
    from warmap.terminal import printable

    print(printable(message), file=sys.stderr)


def _load_documents(args: argparse.Namespace) -> list:
    from warmap.reading import read_document
    from warmap.sources import load_sources

    sources = load_sources(args.sources, lang=args.lang, fmt=args.format)
    return [read_document(source) for source in sources]


def _campaign(args: argparse.Namespace, stages: str = "all"):
    from warmap.campaign import Campaign, GeocoderSettings
    from warmap.sources import load_sources

    sources = load_sources(args.sources, lang=args.lang, fmt=args.format)
    settings = GeocoderSettings(
        offline=args.offline,
        name=getattr(args, "geocoder", None) or "nominatim",
        url=getattr(args, "geocoder_url", None),
    )
    return Campaign.from_sources(sources, geocoder=settings, stages=stages, progress=True, war=args.war)


# ------------------------------------------------------------------ commands
def cmd_read(args: argparse.Namespace) -> int:
    from warmap.reading import document_to_json, print_document

    documents = _load_documents(args)
    if args.json:
        _print_json([document_to_json(d) for d in documents])
    else:
        for document in documents:
            print_document(document)
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    from warmap.export import print_mentions, write_mentions_csv, write_mentions_json

    campaign = _campaign(args, stages="places")
    if args.json:
        write_mentions_json(campaign.places, sys.stdout)
        sys.stdout.write("\n")
    elif args.csv:
        write_mentions_csv(campaign.places, sys.stdout)
    else:
        print_mentions(campaign.places)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from warmap.export import events_csv, print_events

    campaign = _campaign(args, stages="events")
    if args.json:
        _print_json([event.to_json() for event in campaign.events])
    elif args.csv:
        sys.stdout.write(events_csv(campaign.events))
    else:
        print_events(campaign.events)
    return 0


def cmd_phases(args: argparse.Namespace) -> int:
    from warmap.export import print_phases
    from warmap.wars import load_war

    war = load_war(args.war)
    schemes = ("text", *war.scheme_ids)
    if args.scheme not in schemes:
        raise InputError("--scheme", f"{args.scheme!r} is not a phase scheme of {war.name}: {', '.join(schemes)}")
    campaign = _campaign(args, stages="phases")
    phases = campaign.phases_for(args.scheme)
    if args.json:
        _print_json([phase.to_json() for phase in phases])
    else:
        print_phases(phases)
    return 0


def _check_exports(names: Sequence[str]) -> None:
    """A chosen format whose extra is missing fails at once, before the texts are read."""
    from warmap.export.formats import FORMATS

    for name in names:
        check = FORMATS[name].check
        try:
            if check is not None:
                check()
        except ImportError as error:
            raise InputError(f"--export {name}", str(error)) from error


def cmd_build(args: argparse.Namespace) -> int:
    import gc

    # The build allocates millions of long-lived small objects (features, geometries) and little
    # cyclic garbage (25,000 objects for the bundled texts): collecting every 50,000 allocations
    # still cost 35 ms, every 500,000 costs almost nothing, and a larger input is still collected.
    threshold = gc.get_threshold()
    gc.set_threshold(500_000, 20, 20)
    try:
        return _build(args)
    finally:
        gc.set_threshold(*threshold)  # main() called from Python leaves the process as it found it


def _build(args: argparse.Namespace) -> int:
    from warmap.export import print_build_summary

    exports = args.export or []
    _check_exports(exports)
    campaign = _campaign(args)
    written = campaign.save(
        args.out,
        cdn=args.cdn,
        assets_dir=args.assets_dir,
        offline=args.offline,
        gpkg=args.gpkg,
        exports=exports,
    )
    print_build_summary(campaign, written)
    return 0


def cmd_gazetteer_lookup(args: argparse.Namespace) -> int:
    from warmap.gazetteer import MAX_NAME_LENGTH, Gazetteer, candidate_to_json, print_candidates
    from warmap.terminal import text_name

    if text_name(args.name) != args.name:
        raise InputError("NAME", f"{text_name(args.name)} is not valid UTF-8 text")
    if not args.name.strip():
        raise InputError("NAME", "empty name")
    if len(args.name) > MAX_NAME_LENGTH:
        raise InputError("NAME", f"{len(args.name)} characters is not a place name (at most {MAX_NAME_LENGTH})")
    if args.limit < 1:
        raise InputError("--limit", "must be at least 1")
    candidates = Gazetteer.load().lookup(args.name, lang=args.lang, limit=args.limit)
    if args.json:
        _print_json([candidate_to_json(c) for c in candidates])
    else:
        print_candidates(args.name, candidates)
    return 0


def cmd_gazetteer_build(args: argparse.Namespace) -> int:
    from warmap.fronts.territory import ship_cuts
    from warmap.gazetteer.build import build_gazetteer

    # The index, then the land cut along every front of every bundled war, from that index.
    written = build_gazetteer(args.out)
    written += ship_cuts(args.out)
    for path in written:
        _log(f"wrote {path}")
    return 0


def cmd_assets_fetch(args: argparse.Namespace) -> int:
    from warmap.render.assets import fetch_assets

    folder = fetch_assets(args.assets_dir)
    _log(f"assets in {folder}")
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from warmap.batch import run_batch

    return run_batch(args)


# ------------------------------------------------------------------ parser
def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="file path, or - for standard input")
    parser.add_argument("--format", choices=["wikitext", "text"], help="override format detection")
    parser.add_argument("--lang", type=_lang, help="override language detection (zh, fa, en, …)")
    parser.add_argument("--war", type=_war, help="war profile: a name (default: korea) or a folder with profile.toml")


def _add_network_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offline", action="store_true", help="never touch the network: bundled gazetteer and local cache only"
    )
    parser.add_argument("--geocoder", help="geopy geocoder name for the fallback (default: nominatim)")
    parser.add_argument("--geocoder-url", help="base URL of a self-hosted geocoding endpoint")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="warmap", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    from warmap import __version__

    parser.add_argument("--version", action="version", version=f"warmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(func=func)
        return sub

    build = add("build", cmd_build, "read the texts and write the maps, GeoJSON and CSVs to --out")
    _add_source_options(build)
    _add_network_options(build)
    build.add_argument("--out", default="output", help="output folder (default: output/)")
    pages = build.add_mutually_exclusive_group()
    pages.add_argument(
        "--self-contained", action="store_true", help="inline Leaflet and plugins so the HTML opens offline (the default)"
    )
    pages.add_argument("--cdn", action="store_true", help="link Leaflet and plugins from a CDN instead of inlining them")
    build.add_argument("--assets-dir", help="folder of Leaflet/plugin files to inline instead of the bundled copy")
    build.add_argument("--gpkg", action="store_true", help="also write campaign.gpkg (a layer per kind)")
    build.add_argument(
        "--export",
        action="append",
        metavar="FORMAT",
        choices=_export_names(),
        help="also write campaign.<ext> in this format, repeatable: " + ", ".join(_export_names()),
    )

    read = add("read", cmd_read, "show what the readers see: language, format, sections, links, readable text")
    _add_source_options(read)
    read.add_argument("--json", action="store_true", help="print one JSON document")

    places = add("places", cmd_places, "every place mention and how it was resolved")
    _add_source_options(places)
    _add_network_options(places)
    out = places.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print a JSON list of mentions")
    out.add_argument("--csv", action="store_true", help="print CSV")

    events = add("events", cmd_events, "every dated event: battles, operations, captures, …")
    _add_source_options(events)
    _add_network_options(events)
    out = events.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print a JSON list of events")
    out.add_argument("--csv", action="store_true", help="print CSV")

    phases = add("phases", cmd_phases, "the campaign's phases with their fronts and territory")
    _add_source_options(phases)
    _add_network_options(phases)
    phases.add_argument("--json", action="store_true", help="print a JSON list of phases")
    phases.add_argument(
        "--scheme",
        default="text",
        help="phases from the texts' sections (default) or one of the war profile's schemes "
        "(korea: us-army, the U.S. Army campaigns; cpv-offensives, the five Chinese offensives)",
    )

    gazetteer = add("gazetteer", lambda a: _usage(gazetteer), "look up names in, or rebuild, the bundled gazetteer")
    gsub = gazetteer.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    lookup = gsub.add_parser("lookup", help="ranked candidates for one name", description="ranked candidates for one name")
    lookup.set_defaults(func=cmd_gazetteer_lookup)
    lookup.add_argument("name", metavar="NAME")
    lookup.add_argument("--lang", type=_lang, help="language of the name (zh, fa, ko, en, …)")
    lookup.add_argument("--limit", type=int, default=10, help="at most this many candidates (default 10)")
    lookup.add_argument("--json", action="store_true", help="print a JSON list of candidates")
    gbuild = gsub.add_parser(
        "build", help="rebuild the bundled gazetteer from its inputs", description="rebuild the bundled gazetteer"
    )
    gbuild.set_defaults(func=cmd_gazetteer_build)
    gbuild.add_argument("--out", help="output folder (default: the bundled gazetteer folder)")

    assets = add("assets", lambda a: _usage(assets), "manage the JavaScript/CSS cache for self-contained maps")
    asub = assets.add_subparsers(dest="assets_command", metavar="ACTION")
    fetch = asub.add_parser(
        "fetch",
        help="fill the asset cache from the npm registry",
        description="Download Leaflet and the plugins the maps use (npm pack) into a folder that "
        "`warmap build --assets-dir DIR` then inlines instead of the copy bundled with warmap.",
    )
    fetch.set_defaults(func=cmd_assets_fetch)
    fetch.add_argument("--assets-dir", help="folder to fill (default: the user cache)")

    batch = add("batch", cmd_batch, "map many documents: a folder of texts or a MediaWiki XML dump")
    batch.add_argument("inputs", nargs="+", metavar="INPUT")
    batch.add_argument("--out", required=True, help="output folder")
    batch.add_argument("--jobs", type=int, default=1, help="local worker processes")
    batch.add_argument("--dask", metavar="ADDRESS", help="run on a Dask scheduler, e.g. tcp://host:8786")
    batch.add_argument("--title", help="only pages whose title matches this regular expression")
    batch.add_argument("--category", help="only pages in a category matching this regular expression")
    batch.add_argument("--merge", action="store_true", help="merge the results into one campaign.geojson")
    batch.add_argument("--format", choices=["wikitext", "text"], help="override format detection")
    batch.add_argument("--lang", type=_lang, help="override language detection")
    batch.add_argument("--offline", action="store_true", default=True, help=argparse.SUPPRESS)
    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    _log(f"{parser.prog}: error: an action is required")
    return 2


def _export_names() -> list[str]:
    from warmap.export.formats import FORMATS

    return [name for name in FORMATS if name != "geojson"]  # campaign.geojson is always written


_FAST_EXIT = []


def _skip_final_collection() -> None:
    """At exit, keep Python from searching the whole heap for reference cycles (a quarter of a
    second after a build: every feature, geometry and page is still alive). ``gc.freeze`` in an
    exit handler, which runs before that last collection, moves every object out of its reach;
    memory is freed by reference counts as before, only cyclic garbage left at exit stays unfreed.
    """
    if not _FAST_EXIT:
        import atexit
        import gc

        atexit.register(gc.freeze)
        _FAST_EXIT.append(True)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the command itself (console script, python -m warmap), not a caller in Python
        _skip_final_collection()
    parser = build_parser()
    args = parser.parse_args(argv)  # argparse exits 2 on usage errors
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except InputError as error:
        _log(f"warmap: {error}")
        return 2
    except KeyboardInterrupt:
        _log("warmap: interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # an internal failure: say what, not a traceback wall
        import os
        import traceback

        if os.environ.get("WARMAP_DEBUG"):
            traceback.print_exc()
        _log(f"warmap: internal error: {type(error).__name__}: {error} (set WARMAP_DEBUG=1 for the traceback)")
        return 1
