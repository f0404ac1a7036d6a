"""The package files a transaction of the intake writes into the bureau's package store.

Every package the bureau keeps has its file copied into the store (the exact bytes
received), and the file must be on disk before the transaction that records it commits:
a stored submission always has its file, even after a power cut.  :class:`StoreWrites`
keeps that promise for one transaction:

* each file is written under a temporary name, fsynced and renamed
  (:func:`cxdesk.exchange.package.write_atomically`);
* :meth:`StoreWrites.settle`, called just before the commit, waits until every file of
  the transaction is written and then fsyncs the folders they went into, so the renames
  are on disk too;
* :meth:`StoreWrites.remove_from` removes the files of packages rolled back (a refused
  package's savepoint, a group taken again one package at a time).

A collect of many packages (issue 16) gives it a few threads: the fsyncs, which are waits
for the disk and not work for the processor, then run beside the collector's work on the
next packages instead of stopping it, and several of them are written to disk together.
Without threads (one package decided on its own) each file is written at once.
"""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path

from cxdesk.exchange.package import write_atomically

#: How many files are made durable at once by a collect's threads.
THREADS = 4


def store_threads() -> ThreadPoolExecutor:
    """The threads a collect writes its store files with (shut down by the caller)."""
    return ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="cxdesk-store")


class StoreWrites:
    """The store files of one transaction, in the order written (see the module's doc)."""

    def __init__(self, threads: Executor | None = None) -> None:
        self._threads = threads
        self._paths: list[Path] = []
        self._pending: list[Future[None] | None] = []

    @property
    def count(self) -> int:
        """How many files were written so far (for :meth:`remove_from`)."""
        return len(self._paths)

    def write(self, path: Path, data: bytes) -> None:
        """Write ``data`` as ``path``: on a thread when there are threads, else now (an
        error is then raised here; the file is known already, to be removed)."""
        self._paths.append(path)
        if self._threads is None:
            self._pending.append(None)
            write_atomically(path, data)
        else:
            self._pending.append(self._threads.submit(write_atomically, path, data))

    def settle(self) -> None:
        """Before the commit: every file written and fsynced, then their folders fsynced.

        Raises the first error of a write (the disk is full, the store cannot be written):
        the caller's transaction must then roll back, and :meth:`remove_from` ``(0)``."""
        for n, pending in enumerate(self._pending):
            if pending is not None:
                pending.result()
                self._pending[n] = None
        for folder in dict.fromkeys(p.parent for p in self._paths):
            sync_folder(folder)

    def remove_from(self, start: int) -> None:
        """Remove the files written from the ``start``-th on (their transaction or
        savepoint rolled back), each after its write has ended, and forget them."""
        for pending in self._pending[start:]:
            if pending is not None:
                # Failed or not, it has ended: what it wrote is removed below.
                with contextlib.suppress(Exception):
                    pending.result()
        for path in self._paths[start:]:
            for name in (path, path.with_name(path.name + ".part")):
                # Not there: not written, or its folder could not be made.
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    name.unlink()
        del self._paths[start:], self._pending[start:]


def sync_folder(folder: Path) -> None:
    """Make the names in ``folder`` durable (a rename into it survives a power cut).

    POSIX only: Windows cannot open a folder to flush it, and NTFS journals its renames."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
