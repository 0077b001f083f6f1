"""``warmap batch --dask ADDRESS``: the same batch on a Dask cluster.

The gazetteer goes to the workers once: a worker plugin carries the database
bytes, writes them to a local file at worker start-up and makes it the default
gazetteer of that worker, so tasks carry only their document's text.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from distributed import Client, WorkerPlugin, as_completed

from warmap.batch import BatchItem, _safe, batch_progress, map_document


class GazetteerPlugin(WorkerPlugin):
    """Ships the gazetteer database to each worker once, at registration."""

    name = "warmap-gazetteer"

    def __init__(self, database: bytes):
        self.database = database

    def setup(self, worker) -> None:
        folder = tempfile.mkdtemp(prefix="warmap-gazetteer-")
        path = os.path.join(folder, "gazetteer.sqlite")
        with open(path, "wb") as handle:
            handle.write(self.database)
        os.environ["WARMAP_GAZETTEER"] = path


def run_on_dask(address: str, items: list[BatchItem], lang, fmt, finished: Callable) -> None:
    """Submit one task per document to the scheduler at ``address`` and collect results as they come."""
    from warmap.gazetteer import database_path

    with Client(address) as client:
        client.register_plugin(GazetteerPlugin(database_path().read_bytes()))
        futures = {client.submit(_safe, map_document, item, lang, fmt, pure=False): item for item in items}
        by_key = {future.key: item for future, item in futures.items()}
        with batch_progress(len(items)) as advance:
            for future in as_completed(futures):
                finished(by_key[future.key], *future.result())
                advance()
