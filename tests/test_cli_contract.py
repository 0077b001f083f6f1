"""The command line's contract with its users, checked by running ``python -m warmap`` as they would.

Help for every command; ``--json`` is one JSON document on stdout and logs go to
stderr; bad input of every kind gets exit status 2 and one line on stderr naming
the file, never a traceback; byte-order marks and standard input work; an
unreachable geocoder falls back to offline and says so.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from test_unseen_common import UNSEEN, json_output, run_many, run_warmap, source_text

COMMANDS = [
    (),
    ("build",),
    ("read",),
    ("places",),
    ("events",),
    ("phases",),
    ("gazetteer",),
    ("gazetteer", "lookup"),
    ("gazetteer", "build"),
    ("assets",),
    ("assets", "fetch"),
    ("batch",),
]
SAMPLE = UNSEEN / "zh-hant-imjin.txt"  # a short unseen account with places, dates and events
TRUNCATED_WIKITEXT = (
    "{{Infobox military conflict\n|conflict=仁川登陆\n|date=1950年9月15日\n|place=[[仁川广域市|仁川\n"
    "== 经过 ==\n1950年9月15日，[[联合国军]]在[[仁川]]登陆，随后向[[汉城"
)


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single line a failing command must print on stderr (and nothing on stdout)."""
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {done.stderr!r}"
    assert done.stdout.strip() == "", f"nothing may go to stdout on failure: {done.stdout[:300]!r}"
    return lines[0]


# ------------------------------------------------------------------ help
@pytest.fixture(scope="module")
def helps(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, ...], subprocess.CompletedProcess[str]]:
    runs = run_many([(*command, "--help") for command in COMMANDS], tmp_path_factory.mktemp("cache"))
    return dict(zip(COMMANDS, runs, strict=True))


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "warmap" for c in COMMANDS])
def test_help_explains_every_command(helps, command: tuple[str, ...]) -> None:
    done = helps[command]
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    text = done.stdout
    assert text.startswith(f"usage: {' '.join(('warmap', *command))}"), text[:200]
    # Between the usage block and the argument lists, a sentence that says what the command does.
    body = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    description = body.split("\n\n", 1)[0].strip()
    assert len(description) >= 15 and not description.startswith(("options:", "positional arguments:")), (
        f"`warmap {' '.join(command)} --help` does not say what the command does:\n{text}"
    )


# ------------------------------------------------------------------ --json
@pytest.mark.parametrize(
    "args",
    [
        ("read", "--json", SAMPLE),
        ("places", "--json", "--offline", SAMPLE),
        ("events", "--json", "--offline", SAMPLE),
        ("phases", "--json", "--offline", SAMPLE),
        ("gazetteer", "lookup", "臨津江", "--json"),
    ],
    ids=["read", "places", "events", "phases", "gazetteer-lookup"],
)
def test_json_is_one_document_on_stdout(tmp_path: Path, args: tuple) -> None:
    printed = json_output(run_warmap(*args, cache_dir=tmp_path))
    assert isinstance(printed, list) and printed, f"{args[0]}: expected a non-empty JSON list"


def test_gazetteer_lookup_json_gives_ranked_candidates(tmp_path: Path) -> None:
    candidates = json_output(run_warmap("gazetteer", "lookup", "漢城", "--json", cache_dir=tmp_path))
    best = candidates[0]
    for key in ("place_id", "name", "names", "feature", "lat", "lon", "geometry", "country", "score"):
        assert key in best, f"candidate lacks {key}: {best}"
    assert best["country"] == "KR" and abs(best["lat"] - 37.566) < 0.2 and abs(best["lon"] - 126.978) < 0.2, (
        best
    )
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)


# ------------------------------------------------------------------ bad input
def _bad_inputs(folder: Path) -> dict[str, Path]:
    """One file (or path) per kind of bad input."""
    files = {
        "empty": b"",
        "whitespace": b"  \n\t\r\n   \n",
        "binary": bytes(range(256)) * 8,
        "latin1": "La guerre de Corée commença à Séoul le 25 juin 1950, près du 38e parallèle.".encode(
            "latin-1"
        ),
    }
    paths = {}
    for kind, raw in files.items():
        paths[kind] = folder / f"bad-{kind}.txt"
        paths[kind].write_bytes(raw)
    paths["missing"] = folder / "no-such-account.txt"
    paths["directory"] = folder / "a-folder.txt"
    paths["directory"].mkdir()
    return paths


BAD = ["empty", "whitespace", "binary", "latin1", "missing", "directory"]
READERS = [("read", "--json"), ("places", "--json", "--offline")]  # events, phases, build: same loader


@pytest.fixture(scope="module")
def bad_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], tuple[Path, subprocess.CompletedProcess]]:
    """Every reading command on every bad input, run at once for the module."""
    folder = tmp_path_factory.mktemp("bad")
    paths = _bad_inputs(folder)
    cases = [(kind, command) for kind in BAD for command in READERS]
    runs = run_many([(*command, paths[kind]) for kind, command in cases], folder / "cache")
    return {
        (kind, command[0]): (paths[kind], done) for (kind, command), done in zip(cases, runs, strict=True)
    }


@pytest.mark.parametrize("command", [c[0] for c in READERS])
@pytest.mark.parametrize("kind", BAD)
def test_bad_input_is_one_line_and_exit_2(bad_runs, kind: str, command: str) -> None:
    path, done = bad_runs[kind, command]
    assert done.returncode == 2, f"{kind}: exit {done.returncode}, stderr {done.stderr!r}"
    line = _one_line(done)
    assert path.name in line, f"the line must name the file: {line!r}"


@pytest.mark.parametrize("command", READERS, ids=[c[0] for c in READERS])
def test_truncated_wikitext_is_read_cleanly_or_refused_in_one_line(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = tmp_path / "truncated.wikitext"
    path.write_text(TRUNCATED_WIKITEXT, encoding="utf-8")
    done = run_warmap(*command, path, cache_dir=tmp_path / "cache")
    if done.returncode == 2:
        assert path.name in _one_line(done)
    else:
        printed = json_output(done)
        assert isinstance(printed, list)
        if command[0] == "places":
            text = source_text(path)
            assert all(text[m["start"] : m["end"]] == m["surface"] for m in printed), printed


@pytest.mark.parametrize(
    "args, names",
    [
        (("gazetteer", "lookup", "首" * 10_000, "--json"), "name"),
        (("read", "--lang", "klingon", SAMPLE), "--lang"),
        (("read", "--format", "pdf", SAMPLE), "--format"),
        (("places", "--offline", "--format", "docx", SAMPLE), "--format"),
    ],
    ids=["name-10000-chars", "unknown-lang", "unknown-format", "unknown-format-places"],
)
def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path, args: tuple, names: str) -> None:
    done = run_warmap(*args, cache_dir=tmp_path)
    assert done.returncode == 2, f"exit {done.returncode}: {done.stderr[-500:]!r} {done.stdout[:200]!r}"
    line = _one_line(done)
    assert names in line.lower(), f"the line must name {names}: {line!r}"


@pytest.mark.parametrize("name", ["", "   "], ids=["empty", "blank"])
def test_empty_lookup_is_an_empty_list_or_one_line(tmp_path: Path, name: str) -> None:
    done = run_warmap("gazetteer", "lookup", name, "--json", cache_dir=tmp_path)
    if done.returncode == 2:
        _one_line(done)
    else:
        assert json_output(done) == []


# ------------------------------------------------------------------ encodings and stdin
@pytest.fixture(scope="module")
def plain_places(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    done = run_warmap("places", "--json", "--offline", SAMPLE, cache_dir=tmp_path_factory.mktemp("cache"))
    return [(m["start"], m["end"], m["surface"], m["place_id"]) for m in json_output(done)]


@pytest.mark.parametrize(
    "encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")]
)
def test_byte_order_marks_are_accepted(
    tmp_path: Path, plain_places: list[tuple], encoding: str, bom: bytes
) -> None:
    """Same mentions, same offsets (into the text as decoded, mark removed) as the plain UTF-8 file."""
    path = tmp_path / f"imjin-{encoding}.txt"
    path.write_bytes(bom + source_text(SAMPLE).encode(encoding))
    mentions = json_output(run_warmap("places", "--json", "--offline", path, cache_dir=tmp_path))
    assert [(m["start"], m["end"], m["surface"], m["place_id"]) for m in mentions] == plain_places
    assert all(m["doc"] == path.name for m in mentions)


def test_standard_input_is_a_source(tmp_path: Path, plain_places: list[tuple]) -> None:
    raw = SAMPLE.read_bytes()
    mentions = json_output(run_warmap("places", "--json", "--offline", "-", stdin=raw, cache_dir=tmp_path))
    assert [(m["start"], m["end"], m["surface"], m["place_id"]) for m in mentions] == plain_places
    documents = json_output(run_warmap("read", "--json", "-", stdin=raw, cache_dir=tmp_path))
    assert len(documents) == 1 and documents[0]["lang"] == "zh" and documents[0]["text"].strip()


def test_empty_standard_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = run_warmap("read", "--json", "-", stdin=b"", cache_dir=tmp_path)
    assert done.returncode == 2
    assert "stdin" in _one_line(done).lower()


# ------------------------------------------------------------------ geocoder
def test_unreachable_geocoder_falls_back_to_offline_and_says_so(tmp_path: Path) -> None:
    """A name the gazetteer lacks goes to the geocoder; port 9 refuses; the run ends cleanly, offline."""
    path = tmp_path / "hill.txt"
    path.write_text("1950年11月，志願軍在1081高地和漢城以北阻擊美軍。\n", encoding="utf-8")
    offline = json_output(run_warmap("places", "--json", "--offline", path, cache_dir=tmp_path / "a"))
    assert any(m["resolver"] == "unresolved" for m in offline), (
        "precondition: a name only a geocoder could find"
    )
    started = time.monotonic()
    done = run_warmap(
        "places", "--json", "--geocoder-url", "http://127.0.0.1:9", path, cache_dir=tmp_path / "b"
    )
    elapsed = time.monotonic() - started
    mentions = json_output(done)
    assert [(m["start"], m["end"], m["resolver"]) for m in mentions] == [
        (m["start"], m["end"], m["resolver"]) for m in offline
    ]
    said = done.stderr.lower()
    assert "unreachable" in said or "offline" in said, f"the fallback must say so on stderr: {done.stderr!r}"
    assert elapsed < 30, f"an unreachable geocoder must not stall the run ({elapsed:.0f} s)"
