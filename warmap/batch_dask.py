"""``warmap batch --dask ADDRESS``: the same batch on a Dask (``dask.distributed``) cluster.

The gazetteer goes to the workers once: a worker plugin carries the database
bytes, writes them into the worker's local directory when the worker starts (or
when the plugin is registered) and points ``$WARMAP_GAZETTEER`` at that copy, so
tasks carry only their document's text. Results come back to this process, which
writes them, so the output folder need not be shared with the workers.

Starting a real cluster (every machine needs the same warmap installed, e.g.
``pip install warmap``; the gazetteer itself is shipped)::

    # on the scheduler machine (port 8786, dashboard on 8787)
    dask scheduler --host 0.0.0.0
    # on each worker machine: one single-threaded process per core (the pipeline is CPU-bound Python)
    dask worker tcp://scheduler-host:8786 --nworkers auto --nthreads 1
    # from anywhere that can reach the scheduler
    warmap batch dump.xml.bz2 --out results/ --dask tcp://scheduler-host:8786 --merge

The scheduler port must be reachable from this machine and from the workers, and
the workers' ports from the scheduler; Dask's traffic is unencrypted unless TLS
is configured (``tls://`` addresses), so keep it inside a private network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from distributed import Client, WorkerPlugin, as_completed

from warmap.batch import WINDOW_PER_WORKER, BatchItem, Finished, safe_map
from warmap.errors import InputError

CONNECT_TIMEOUT = "20s"


class GazetteerPlugin(WorkerPlugin):
    """Ships the gazetteer database to each worker once, at registration."""

    name = "warmap-gazetteer"
    idempotent = True  # registering again (a second batch) does not re-send it to running workers

    def __init__(self, database: bytes):
        self.database = database

    def setup(self, worker) -> None:
        path = os.path.join(worker.local_directory, "warmap-gazetteer.sqlite")
        temporary = f"{path}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(self.database)
        os.replace(temporary, path)
        os.environ["WARMAP_GAZETTEER"] = path
        from warmap.gazetteer import Gazetteer

        Gazetteer._default = None  # a worker that already opened another copy opens this one next


def connect(address: str) -> Client:
    """A client of the scheduler at ``address``; unreachable → one-line InputError, before any work."""
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError("--dask", f"cannot reach the Dask scheduler at {address} ({error})") from None


def run_on_dask(client: Client, items: Iterator[BatchItem], lang, fmt, finished: Finished, advance) -> None:
    """One task per document on the client's cluster, a bounded window of them in flight."""
    from warmap.gazetteer import database_path

    with client:
        client.register_plugin(GazetteerPlugin(database_path().read_bytes()))
        window = max(1, len(client.nthreads())) * WINDOW_PER_WORKER
        pending: dict = {}  # future → item
        queue = as_completed()
        try:
            for item in items:
                future = client.submit(safe_map, item, lang, fmt, pure=False)
                pending[future] = item
                queue.add(future)
                while len(pending) >= window:
                    _collect(next(queue), pending, finished, advance)
            for future in queue:
                _collect(future, pending, finished, advance)
        finally:
            if pending:  # interrupted: nothing more for the cluster to do for us
                client.cancel(list(pending))


def _collect(future, pending: dict, finished: Finished, advance) -> None:
    item = pending.pop(future)
    try:
        result, error = future.result()
    except Exception as failure:  # noqa: BLE001 — a lost worker or a task Dask could not run
        result, error = None, f"{type(failure).__name__}: {failure}"
    finished(item, result, error)
    advance()
