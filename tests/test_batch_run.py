"""warmap batch runs: results, failures, resume after SIGINT/SIGKILL, --jobs 2 and Dask give the same files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch_dump import battle_text, dump_xml, page_xml

from warmap.cli import main

ROOT = Path(__file__).resolve().parent.parent
BATTLES = 16
PERSIAN = "در ۱۵ سپتامبر ۱۹۵۰ نیروهای سازمان ملل در اینچون پیاده شدند و سپس سئول را پس گرفتند."


def tree(out: Path) -> dict[str, bytes]:
    """Every result file of a batch folder, by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def batch_env(tmp_path_factory: pytest.TempPathFactory):
    """A dump (16 battles, a Persian page, an empty page) and an uninterrupted --jobs 1 --merge run of it."""
    base = tmp_path_factory.mktemp("batch")
    pages = [page_xml(f"战斗{n:02d}", [battle_text(n)], n + 1) for n in range(BATTLES)]
    pages += [page_xml("اینچون", [PERSIAN], 100), page_xml("空白页", ["   "], 101)]
    dump = base / "dump.xml.bz2"
    import bz2

    dump.write_bytes(bz2.compress(dump_xml(pages).encode("utf-8")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WARMAP_CACHE_DIR", str(base / "cache"))
        reference = base / "reference"
        assert main(["batch", str(dump), "--out", str(reference), "--merge"]) == 0
        yield dump, reference


def documents_done(out: Path) -> int:
    """Finished documents: the results, not a worker's hidden temp file."""
    return sum(1 for p in (out / "docs").glob("*.geojson") if not p.name.startswith("."))


def run(dump: Path, out: Path, *options: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "warmap", "batch", str(dump), "--out", str(out), "--merge", *options]
    return subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)


# ------------------------------------------------------------------ one run
def test_results_failures_and_merge(batch_env, capsys) -> None:
    dump, reference = batch_env
    files = tree(reference)
    docs = [name for name in files if name.startswith("docs/")]
    assert len(docs) == BATTLES + 1  # the empty page failed
    assert (
        files["failures.csv"].decode()
        == f'title,origin,error\n空白页,{dump},"empty document, no text to read"\n'
    )
    for name in docs:  # a document's own features only: each rests on its text
        features = json.loads(files[name])["features"]
        assert features and all(f["properties"]["sources"] for f in features), name
    catalogue = json.loads(files["catalogue.geojson"])["features"]
    assert {f["properties"]["kind"] for f in catalogue} == {"territory", "front"}
    merged = json.loads(files["campaign.geojson"])["features"]
    own = [f for f in merged if "batch_doc" in f["properties"]]
    assert len(merged) == len(catalogue) + sum(len(json.loads(files[name])["features"]) for name in docs)
    assert all(f["properties"]["id"].startswith(f["properties"]["batch_doc"] + "/") for f in own)
    places = {f["properties"]["names"].get("en") for f in own if f["properties"]["kind"] == "place"}
    assert {"Incheon", "Pyongyang", "Busan", "Daegu"} <= places, places

    # A re-run does only what is left (the failed page, retried) and leaves the rest byte-identical.
    before = {p: p.stat().st_mtime_ns for p in (reference / "docs").iterdir()}
    assert main(["batch", str(dump), "--out", str(reference), "--merge"]) == 0
    err = capsys.readouterr().err
    assert f"{BATTLES + 2} documents, {BATTLES + 1} already done" in err
    assert "failed: 空白页: empty document" in err and "1/1 docs" in err and "docs/s, ETA" in err
    assert {p: p.stat().st_mtime_ns for p in (reference / "docs").iterdir()} == before
    assert tree(reference) == files


def test_filters_select_pages(batch_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dump, reference = batch_env
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert (
        main(["batch", str(dump), "--out", str(out), "--title", "^战斗0[12]$", "--category", "朝鲜战争"]) == 0
    )
    assert main(["batch", str(dump), "--out", str(out), "--category", "^no such category$"]) == 0
    names = sorted(p.name for p in (out / "docs").iterdir())
    assert len(names) == 2 and all(name.startswith("战斗0") for name in names)
    assert {n: (out / "docs" / n).read_bytes() for n in names} == {
        n: (reference / "docs" / n).read_bytes() for n in names
    }


def test_two_local_workers_give_the_same_files(
    batch_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dump, reference = batch_env
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["batch", str(dump), "--out", str(tmp_path / "out"), "--merge", "--jobs", "2"]) == 0
    assert tree(tmp_path / "out") == tree(reference)


# ------------------------------------------------------------------ interrupted
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_an_interrupted_run_resumes_where_it_stopped(
    batch_env, tmp_path: Path, capsys, stop: signal.Signals
) -> None:
    dump, reference = batch_env
    out = tmp_path / "out"
    first = run(dump, out, "--jobs", "2" if stop == signal.SIGINT else "1")
    deadline = time.monotonic() + 240  # workers start slowly on a loaded machine; only a hang fails
    while documents_done(out) < 3 and first.poll() is None:
        assert time.monotonic() < deadline, "no document written in 240 s"
        time.sleep(0.02)
    first.send_signal(stop)
    _, err = first.communicate(timeout=240)
    assert first.returncode == (130 if stop == signal.SIGINT else -signal.SIGKILL), err
    done = documents_done(out)
    assert 3 <= done < BATTLES + 1, done
    assert not (out / "campaign.geojson").exists()

    assert main(["batch", str(dump), "--out", str(out), "--merge"]) == 0
    err = capsys.readouterr().err
    assert f"{BATTLES + 2} documents, {done} already done" in err
    assert f"{BATTLES + 2 - done}/{BATTLES + 2 - done} docs" in err
    assert tree(out) == tree(reference)


def test_a_dead_worker_fails_its_pages_not_the_batch(batch_env, tmp_path: Path) -> None:
    """A worker killed under a page (as by the OOM killer): its pages are failures, the batch goes on."""
    dump, reference = batch_env
    out = tmp_path / "out"
    first = run(dump, out, "--jobs", "2")
    deadline = time.monotonic() + 240  # workers start slowly on a loaded machine; only a hang fails
    while documents_done(out) < 3 and first.poll() is None:
        assert time.monotonic() < deadline, "no document written in 240 s"
        time.sleep(0.02)
    children = Path(f"/proc/{first.pid}/task/{first.pid}/children").read_text().split()
    assert children, "no worker processes"
    os.kill(int(children[0]), signal.SIGKILL)
    _, err = first.communicate(timeout=240)
    assert first.returncode == 0, err
    failures = (out / "failures.csv").read_text(encoding="utf-8")
    assert "worker process died (BrokenProcessPool)" in failures and "worker process died" in err
    assert (out / "campaign.geojson").exists()

    assert main(["batch", str(dump), "--out", str(out), "--merge"]) == 0
    assert tree(out) == tree(reference)


# ------------------------------------------------------------------ Dask
def test_dask_cluster_gives_the_same_files_with_the_shipped_gazetteer(
    batch_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client, LocalCluster

    from warmap.gazetteer import Gazetteer, database_path

    dump, reference = batch_env
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WARMAP_GAZETTEER", raising=False)
    bundled = database_path()
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        out = tmp_path / "out"
        assert (
            main(["batch", str(dump), "--out", str(out), "--merge", "--dask", cluster.scheduler_address]) == 0
        )
        assert tree(out) == tree(reference)

        def gazetteer_in_use(dask_worker) -> tuple[str, bool, int]:
            path = Gazetteer.load().path
            return str(path), str(path).startswith(dask_worker.local_directory), path.stat().st_size

        with Client(cluster) as client:
            used = client.run(gazetteer_in_use)
    assert len(used) == 2
    for path, local, size in used.values():
        assert local and path.endswith("warmap-gazetteer.sqlite") and size == bundled.stat().st_size, path


def test_unreachable_scheduler_is_one_line(batch_env, tmp_path: Path, capsys, monkeypatch) -> None:
    import socket

    dump, _ = batch_env
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr("warmap.batch_dask.CONNECT_TIMEOUT", "2s")
    assert main(["batch", str(dump), "--out", str(tmp_path / "o"), "--dask", f"tcp://127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warmap: --dask: cannot reach the Dask scheduler"), err
