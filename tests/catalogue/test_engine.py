"""The engine serves several threads at once: each facade call uses its own session."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from tests.helpers import city_values


def test_reads_and_writes_from_many_threads(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values(name="Shared"))
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> int:
        reads = 0
        while not stop.is_set():
            assert empty_catalogue.count("city") >= 1
            assert empty_catalogue.ids("city", RecordQuery(text="shared"))
            assert empty_catalogue.get("city", uuid)["name"] == "Shared"
            reads += 1
        return reads

    def writer() -> None:
        for number in range(20):
            empty_catalogue.update("city", uuid, {"notes": f"edit {number}"})
            empty_catalogue.add("city", city_values(name=f"Town {number}"))
        stop.set()

    with ThreadPoolExecutor(max_workers=4) as pool:
        readers = [pool.submit(reader) for _ in range(3)]
        written = pool.submit(writer)
        try:
            written.result(timeout=120)
        except BaseException as exc:  # pragma: no cover - shown by the assert below
            errors.append(exc)
            stop.set()
        counts = [future.result(timeout=120) for future in readers]
    assert errors == []
    assert all(count > 0 for count in counts)
    assert empty_catalogue.get("city", uuid)["notes"] == "edit 19"
    assert empty_catalogue.count("city") == 21
    assert empty_catalogue.get("city", uuid)["version"] == {empty_catalogue.office.uuid: 40}


def test_connections_made_in_one_thread_serve_another(empty_catalogue: Catalogue) -> None:
    """A pooled connection opened by a worker thread is reused by the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: empty_catalogue.add("city", city_values())).result()
    assert empty_catalogue.count("city") == 1
