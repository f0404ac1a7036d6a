"""For the start-up benchmark: say when the main window is usable, then quit.

With ``CXDESK_STARTUP_PROBE=1`` in the environment, the app prints
``cxdesk-ready <unix time> <CPU seconds of the process>`` once the main window has been painted and the event loop is
free to take the user's input (the next turn of the loop after the first paint), and quits.
``benchmarks/startup.py`` subtracts the moment it started the process.  Without the
variable nothing is installed.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV = "CXDESK_STARTUP_PROBE"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        cpu = time.process_time()  # the start-up's own work, whatever else the machine does
        print(f"cxdesk-ready {time.time():.6f} {cpu:.6f}", flush=True, file=sys.stdout)
        QCoreApplication.quit()


def arm(window: QWidget) -> None:
    """Watch ``window`` for its first paint, if the benchmark asked for it."""
    if os.environ.get(ENV) != "1":
        return
    probe = _FirstPaint(window)
    window.installEventFilter(probe)
