"""Reading a large collect's package files ahead, in other processes.

What a package file alone decides (:mod:`cxdesk.bureau.package_reading`: its signature and
hashes, its members decrypted, its workbook read into a snapshot) is about two fifths of
a collect's work and needs no database.  For a collect of at least :data:`READ_AHEAD_MIN`
packages on a computer with two cores or more, worker processes read the files ahead, in
order, while this process decides and stores the ones before (issue 16); the intake then
takes each file's answers from them instead of working them out again.  They are the same
functions on the same bytes, so the outcome is the same: the bytes a worker read are the
bytes verified, decided and stored.

Whatever the workers could not do (a worker failed on a file, the pool broke, a process
could not be started) is done in this process, as without reading ahead: the collect
never depends on them.  They are started with ``spawn`` (never ``fork``: this process may
hold a database connection and, in the desktop app, Qt's threads), receive this bureau's
decryption keys through the pipe to them (never a file), and end with the collect.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType

import pyrage

from cxdesk.bureau.package_reading import ReadFile, Unreadable, read_school_package, verified_file
from cxdesk.exchange.encryption import DecryptionKeys
from cxdesk.exchange.errors import PackageError
from cxdesk.i18n import current_language, set_language

#: Fewer packages than this are read here: starting a worker costs about as much as
#: reading a few dozen packages.
READ_AHEAD_MIN = 48
#: At most this many files are read ahead of the one being stored, per worker (each read
#: file is held in memory until its turn: about three times the file's size).
WINDOW_PER_WORKER = 24
#: At most this many workers: one process stores, and two keep ahead of it.
MAX_WORKERS = 2

_log = logging.getLogger(__name__)

#: The worker's copy of the bureau's keys (set by :func:`_start_worker`).
_keys = DecryptionKeys()


def worker_count() -> int:
    """How many workers to read ahead with: none on a computer with a single core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(0, min((cores or 1) - 1, MAX_WORKERS))


class ReadAhead:
    """The files of a collect, read ahead by worker processes, in order.

    Use as a context manager; :meth:`get` gives the n-th file as read (or None: read it
    here).  Without workers (:func:`worker_count` is 0, or too few files) it reads nothing.
    """

    def __init__(
        self, files: Sequence[Path], *, kinds: tuple[str, ...], keys: DecryptionKeys
    ) -> None:
        self._files = [str(f) for f in files]
        self._kinds = kinds
        self._keys = keys
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[int, Future[ReadFile]] = {}
        self._submitted = 0
        self._window = 0

    def __enter__(self) -> ReadAhead:
        workers = worker_count()
        if workers and len(self._files) >= READ_AHEAD_MIN:
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(
                        [str(i) for i in self._keys.identities],
                        sorted(self._keys.recipients),
                        current_language(),
                    ),
                )
                self._window = workers * WINDOW_PER_WORKER
            except (OSError, ValueError, RuntimeError):  # cannot start processes here
                _log.warning("collect: reading ahead is not possible", exc_info=True)
                self._pool = None
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures.clear()

    @property
    def active(self) -> bool:
        return self._pool is not None

    def get(self, index: int) -> ReadFile | None:
        """File ``index`` as a worker read it; None when it was not read ahead."""
        if self._pool is None:
            return None
        self._submit_up_to(index + self._window)
        future = self._futures.pop(index, None)
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # the worker failed on it, or the pool broke: read it here
            _log.warning("collect: %s read here, not ahead", self._files[index], exc_info=True)
            return None

    def _submit_up_to(self, end: int) -> None:
        assert self._pool is not None
        while self._submitted < min(end, len(self._files)):
            n = self._submitted
            try:
                self._futures[n] = self._pool.submit(_read, self._files[n], self._kinds)
            except RuntimeError:  # the pool broke (a worker was killed): the rest here
                _log.warning("collect: reading ahead stopped", exc_info=True)
                self._submitted = len(self._files)
                return
            self._submitted += 1


def _start_worker(identities: list[str], recipients: list[str], lang: str) -> None:
    global _keys
    _keys = DecryptionKeys(
        tuple(pyrage.x25519.Identity.from_str(i) for i in identities), frozenset(recipients)
    )
    set_language(lang)  # the messages of a refusal are rendered as the clerk reads them


def _read(path: str, kinds: tuple[str, ...]) -> ReadFile:
    """In a worker: what the file alone decides (see the module's doc)."""
    try:
        package, data = verified_file(Path(path), kinds)
    except PackageError as exc:
        return ReadFile(refusal=exc.message, refusal_code=exc.reason)
    manifest = package.manifest
    if manifest.kind != "report" or manifest.sender.role != "school":
        return ReadFile(package, data)  # a county package is opened when it is decided
    try:
        return ReadFile(package, data, read=read_school_package(package, _keys))
    except Unreadable as exc:
        return ReadFile(package, data, unreadable=exc.reason)
