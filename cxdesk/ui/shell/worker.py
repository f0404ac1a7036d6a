"""Slow work off the GUI thread: the one helper every page uses.

The work is a plain function that takes a ``progress(done, total, text)`` callback and
returns a result; it must not touch any widget (it runs on a pool thread).  The result or
the exception comes back on the main thread through queued signals.  ``run_with_progress``
adds a modal progress dialog with a Cancel button, so the window never looks frozen.

Example::

    def work(progress: Progress) -> Report:
        return collect_packages(factory, paths, progress=progress)

    run_with_progress(self, self.tr("Collecting packages…"), work,
                      on_done=self.show_report)          # errors: a dialog, by default
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cxdesk.ui.shell.errors import show_error


class Progress(Protocol):
    def __call__(self, done: int, total: int, text: str = "") -> None: ...


class Cancelled(Exception):
    """Raised inside the work by ``progress(...)`` once the user pressed Cancel."""


class BackgroundTask(QObject):
    """One piece of work on the thread pool; signals arrive on the main thread."""

    # Progress of the work. Arguments: done, total (0 when unknown), a short text.
    progressed = Signal(int, int, str)
    # The work returned. Argument: its result.
    succeeded = Signal(object)
    # The work raised. Argument: the exception (Cancelled when the user cancelled).
    failed = Signal(object)
    # After succeeded or failed, always.
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel_requested = False

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel_requested = True

    def _progress(self, done: int, total: int, text: str = "") -> None:
        if self._cancel_requested:
            raise Cancelled()
        self.progressed.emit(done, total, text)

    def _run(self) -> None:  # on a pool thread
        try:
            result = self._work(self._progress)
        except BaseException as exc:  # delivered to the main thread, never lost
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        self.finished.emit()

    def start(self) -> None:
        self._runnable = _Runnable(self)
        QThreadPool.globalInstance().start(self._runnable)


class _Runnable(QRunnable):
    """Runs a task's work on a pool thread; kept by the task so Python owns it."""

    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._task = task

    def run(self) -> None:
        self._task._run()


_running: set[BackgroundTask] = set()


def run_in_background(
    work: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int, str], None] | None = None,
) -> BackgroundTask:
    """Start ``work`` on a pool thread; the callbacks run on the main thread."""
    task = BackgroundTask(work)
    _running.add(task)  # keep it (and its signals) alive until it finishes
    task.succeeded.connect(on_done)
    task.failed.connect(on_error)
    if on_progress is not None:
        task.progressed.connect(on_progress)
    task.finished.connect(lambda: _running.discard(task))
    task.start()
    return task


def run_with_progress(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> BackgroundTask:
    """``run_in_background`` with a modal progress dialog; errors shown by default."""
    cancel = QCoreApplication.translate("BackgroundTask", "Cancel")
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progressed(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done if total else 0)
        if text:
            dialog.setLabelText(text)

    def done(result: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        on_done(result)

    def failed(error: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        if isinstance(error, Cancelled):
            return
        if on_error is not None:
            on_error(error)
        else:
            show_error(parent, error)

    task = run_in_background(work, on_done=done, on_error=failed, on_progress=progressed)
    dialog.canceled.connect(task.cancel)
    return task
