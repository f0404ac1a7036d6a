"""Deciding held packages again after something changed, off the GUI thread.

Registering a key (trusted-keys page, or a key typed when accepting a held package) or
editing the register may settle packages that wait on the collect page: they are decided
again (cxdesk.bureau.held.reevaluate_held) on a worker with a progress dialog, and the
pages are told what deciding them wrote: the collect page updates its rows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from cxdesk.bureau.held import Reevaluation, reevaluate_held
from cxdesk.bureau.outcomes import CollectResult
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.worker import Progress, run_with_progress


def reevaluate_in_background(
    parent: QWidget,
    ctx: AppContext,
    *,
    fingerprints: set[str] | None = None,
    on_done: Callable[[list[CollectResult]], None] | None = None,
) -> None:
    """Decide the held packages (of ``fingerprints``, if given) again; then tell the pages."""
    db = ctx.db

    def work(_progress: Progress) -> Reevaluation:
        return reevaluate_held(db, fingerprints=fingerprints)

    def done(decided: Reevaluation) -> None:
        ctx.announce(decided.changes)
        if on_done is not None:
            on_done(decided.results)

    label = QCoreApplication.translate("HeldActions", "Deciding the held packages again…")
    run_with_progress(parent, label, work, on_done=done)


def summary(results: list[CollectResult]) -> str:
    """ "2 held packages decided again: 1 accepted" for a status line."""
    taken = sum(1 for r in results if r.outcome in ("accepted", "superseded"))
    refused = sum(1 for r in results if r.outcome == "refused")
    return QCoreApplication.translate(
        "HeldActions",
        "{count} held package(s) decided again: {taken} taken, {refused} refused, {held} still held.",
    ).format(count=len(results), taken=taken, refused=refused, held=len(results) - taken - refused)
