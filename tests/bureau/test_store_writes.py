"""The package store's files of a transaction (cxdesk.bureau.store_writes): on disk before
the commit, removed when their package is rolled back, and a file that cannot be written
never leaves a package counted without its file."""

from __future__ import annotations

import errno
import hashlib
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from cxdesk.bureau import store_writes
from cxdesk.bureau.collect import collect
from cxdesk.bureau.store_writes import StoreWrites, store_threads
from cxdesk.exchange.package import write_atomically
from cxdesk.models import Submission
from cxdesk.storage.db import Database

from .conftest import Schools
from .helpers import statuses


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_settled_files_are_all_there_and_whole(tmp_path: Path) -> None:
    folder = tmp_path / "received" / "2026"
    with store_threads() as threads:
        store = StoreWrites(threads)
        for n in range(40):
            store.write(folder / f"{n:02d}.cxpkg", bytes([n]) * (1000 + n))
        store.settle()
    assert _names(folder) == [f"{n:02d}.cxpkg" for n in range(40)]  # no ".part" left
    assert all(
        (folder / f"{n:02d}.cxpkg").read_bytes() == bytes([n]) * (1000 + n) for n in range(40)
    )


def test_files_of_a_rolled_back_package_are_removed_even_while_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused package's file may still be on its way to disk: it is removed once its
    write has ended, never left behind by a write that ends after the removal."""
    release = threading.Event()
    real = write_atomically

    def slow(path: Path, data: bytes) -> None:
        if path.name.startswith("late"):
            release.wait(5)
        real(path, data)

    monkeypatch.setattr("cxdesk.bureau.store_writes.write_atomically", slow)
    folder = tmp_path / "store"
    with store_threads() as threads:
        store = StoreWrites(threads)
        store.write(folder / "kept.cxpkg", b"kept")
        mark = store.count
        store.write(folder / "late.cxpkg", b"refused")
        threading.Timer(0.2, release.set).start()
        store.remove_from(mark)  # waits for the late write, then removes it
        store.settle()
    assert _names(folder) == ["kept.cxpkg"]


def test_a_write_that_fails_is_raised_by_settle_and_nothing_is_left(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "2026").write_text("a file where the period's folder should be")
    with store_threads() as threads:
        store = StoreWrites(threads)
        store.write(folder / "ok" / "a.cxpkg", b"a")
        store.write(folder / "2026" / "b.cxpkg", b"b")
        with pytest.raises(OSError):
            store.settle()
        store.remove_from(0)
    assert list((folder / "ok").iterdir()) == []


def test_a_store_file_that_cannot_be_written_refuses_only_its_package(
    county_db: Database,
    schools: Schools,
    usb: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk refuses one file of a group (full, or a bad sector): the group's
    transaction is not committed, its packages are taken again one by one, and only that
    package is refused; no package is counted without its file, none is left half-stored."""
    victim = schools.in_county()[2]  # in the second group
    real = write_atomically
    tried: list[str] = []

    def full(path: Path, data: bytes) -> None:
        if path.name.startswith(victim.code):
            tried.append(threading.current_thread().name)
            path.with_name(path.name + ".part").write_bytes(data[:10])  # begun, then:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr("cxdesk.bureau.store_writes.write_atomically", full)
    report = collect(county_db, [usb / b.package.name for b in schools.in_county()])
    refused = [r for r in report.results if r.outcome != "accepted"]
    assert len(refused) == 1 and victim.package.name in refused[0].path
    assert statuses(county_db) == {"accepted": len(schools.in_county()) - 1}
    store = Path(county_db.path).parent / "received"
    assert list(store.rglob(f"{victim.code}_*")) == []
    assert len(list(store.rglob("*.cxpkg"))) == len(schools.in_county()) - 1
    if not county_db.is_server:  # in the group (on a thread), then alone (here)
        assert [name.startswith("cxdesk-store") for name in tried] == [True, False]


def test_every_counted_package_has_its_file(
    county_db: Database, schools: Schools, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a stored submission points at exists, with the bytes received, after the
    collect returns (each group's files are settled before its commit)."""
    folders: list[Path] = []
    real = store_writes.sync_folder

    def seen(folder: Path) -> None:
        folders.append(folder)
        real(folder)

    monkeypatch.setattr(store_writes, "sync_folder", seen)
    collect(county_db, [usb / b.package.name for b in schools.in_county()])
    with county_db.reading() as session:
        rows = session.execute(select(Submission.stored_path, Submission.file_sha256)).all()
    assert len(rows) == len(schools.in_county())
    for stored, sha in rows:
        assert hashlib.sha256(Path(stored).read_bytes()).hexdigest() == sha
    assert {f.name for f in folders} == {"2026"}
