"""Collecting report packages: files or whole folders, any number, in any order.

The one use case behind ``cxdesk collect`` and the desktop app's collect page: each package
gets one :class:`~cxdesk.bureau.outcomes.CollectResult` (accepted, already had, superseded,
held or refused: :mod:`cxdesk.bureau.outcomes`), decided by :mod:`cxdesk.bureau.intake`.

Every package is all or nothing (a killed process leaves each package fully in or not at
all), the change log is off (the ``submission`` table is the history), and the package
file is copied into the bureau's package store (fsynced, with its folder) before the
commit, so a stored submission always has its file: a group's files are written by a few
threads beside the collector's work (:mod:`cxdesk.bureau.store_writes`), all of them
before the group's commit.  On a SQLite file the packages are committed in groups
(1, 2, 4, 8, then :data:`GROUP`), each package in a savepoint of its own (a refused one rolls back alone), and
a package is reported only after the commit that holds it: one fsync of the database for
the group, the same promise as a transaction each (``tests/reliability``).  A group in
which the program failed on a package, or the database could not be written, is taken
again one transaction per package, as a server's packages always are.  Collecting the same
files again, or in another order, ends with the same counted snapshots: the highest
sequence wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from cxdesk.bureau.collect_notes import note_shared_people
from cxdesk.bureau.intake import Receiver, failed, prepare_receiver, receive_file, receive_files
from cxdesk.bureau.outcomes import CollectReport, CollectResult
from cxdesk.bureau.package_layout import PACKAGE_SUFFIX, store_dir
from cxdesk.bureau.package_reading import ReadFile
from cxdesk.bureau.read_ahead import ReadAhead
from cxdesk.bureau.scratch import sweep
from cxdesk.bureau.store_writes import store_threads
from cxdesk.errors import DatabaseError, InputError
from cxdesk.i18n import Text
from cxdesk.storage.backup import backup_before
from cxdesk.storage.db import Database

NOT_FOUND = Text("找不到文件或文件夹“{path}”", "No such file or folder: {path}")


Progress = Callable[[int, int, CollectResult], None]
#: At most this many packages are committed together on a SQLite file
#: (cxdesk.bureau.intake.receive_files): one commit's fsync for them, results reported
#: after it (about half a second of packages).
GROUP = 16


def package_files(paths: Iterable[Path]) -> list[Path]:
    """The package files named, and every ``*.cxpkg`` under the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{PACKAGE_SUFFIX}") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(NOT_FOUND(path=path))
    return list(dict.fromkeys(found))


def collect(
    db: Database,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    backup: bool = True,
) -> CollectReport:
    """Collect every package under ``paths`` into the bureau database ``db``.

    ``progress(done, total, result)`` is called after each package (from this thread:
    a GUI runs the whole call on a worker).  A backup of the database is taken first.
    """
    files = package_files(paths)
    with db.reading() as session:
        # A school's database is refused before anything happens, and protected keys are
        # opened now (or the clerk is told to give the passphrase), not half-way through.
        receiver = prepare_receiver(session, db)
    sweep(store_dir(db).parent)  # what a killed collector left (cxdesk.bureau.scratch)
    if backup and files and not db.is_server:  # a server is backed up with pg_dump
        backup_before(Path(db.path), "before-collect")
    report = CollectReport()
    with (
        ReadAhead(files, kinds=receiver.kinds, keys=receiver.keys) as ahead,
        store_threads() as threads,
    ):
        start = 0
        for group in _groups(files, db):
            read = [ahead.get(n) for n in range(start, start + len(group))]
            start += len(group)
            taken = (
                receive_files(db, group, receiver=receiver, ahead=read, threads=threads)
                if len(group) > 1
                else None
            )
            if taken is None:  # one transaction each, each reported after its own commit
                for path, one in zip(group, read, strict=True):
                    result = receive_guarded(db, path, receiver, one)
                    _report(db, receiver, report, [result], len(files), progress)
                continue
            # Committed together, and reported together: every one of them, even when the
            # clerk cancels (``progress`` raises) at the first; the collect stops after the
            # last.
            _report(db, receiver, report, taken, len(files), progress)
    return report


def _groups(files: list[Path], db: Database) -> Iterator[list[Path]]:
    """The packages committed together: on a SQLite file one, then 2, 4, 8 and then
    :data:`GROUP` at a time (the first is reported, and a Cancel obeyed, as soon as it is
    in); on a server one at a time (clerks at once; its retry is per transaction)."""
    start, size = 0, 1
    while start < len(files):
        yield files[start : start + size]
        start += size
        size = 1 if db.is_server else min(size * 2, GROUP)


def _report(
    db: Database,
    receiver: Receiver,
    report: CollectReport,
    results: list[CollectResult],
    total: int,
    progress: Progress | None,
) -> None:
    """After the commit that holds them: the packages' notes, their results, the progress.

    Each is reported even when ``progress`` raises (the clerk cancelled) at an earlier one:
    they are in; the exception is raised again after the last."""
    note_shared_people(db, results, bureau=receiver.bureau)
    stop: BaseException | None = None
    for result in results:
        report.results.append(result)
        if progress is None:
            continue
        try:
            progress(len(report.results), total, result)
        except BaseException as exc:
            stop = stop or exc
    if stop is not None:
        raise stop


def receive_guarded(
    db: Database, path: Path, receiver: Receiver, ahead: ReadFile | None = None
) -> CollectResult:
    """One package, whatever happens: a failure of the program on it is that package's
    refusal (logged with its traceback), never the end of the batch.  Only a database that
    cannot be written at all (locked, disk full, server gone) stops the collect."""
    try:
        return receive_file(db, path, receiver=receiver, ahead=ahead)
    except DatabaseError:
        raise
    except Exception as exc:
        return failed(str(path), exc)
