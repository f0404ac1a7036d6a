"""Collecting packages: files, a folder or a USB drive; the results; the held packages.

The collect runs on a worker through :func:`cxdesk.ui.shell.worker.run_in_background`.  The
core commits each package (alone, or in a group of up to 16) and reports it afterwards,
so Cancel (which stops after the packages committed at the next report) leaves every
package fully in or not touched at all; the results of the packages taken are shown.

The results list stays true after the collect: a package decided from the held list, or
decided again after a key was registered or the register edited, shows what became of
it in its own row (the page reads the submissions' present state at every refresh).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.collect import collect
from cxdesk.bureau.held import accept_held, reject_held, submission_states
from cxdesk.bureau.held_list import HeldPackage, held_packages
from cxdesk.bureau.outcomes import CollectReport, CollectResult, collect_summary
from cxdesk.errors import InputError, UserError
from cxdesk.safe_text import safe_text
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.collect_models import CollectResultsModel, HeldModel, ResultRow, result_rows
from cxdesk.ui.bureau.common import heading, hint, outcome_title, table_view
from cxdesk.ui.bureau.held_actions import reevaluate_in_background, summary
from cxdesk.ui.bureau.held_dialog import HeldDecisionDialog
from cxdesk.ui.bureau.key_unlock import ensure_keys_unlocked
from cxdesk.ui.shell import errors
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.table_model import SearchProxy
from cxdesk.ui.shell.worker import BackgroundTask, Cancelled, Progress, run_in_background

PACKAGE_FILTER = "cxdesk (*.cxpkg);;* (*)"


class CollectPage(Page):
    """Pick packages, collect them with a progress bar, then read the results."""

    # The collect finished (or was cancelled). Argument: the results, in order.
    collected = Signal(list)
    # Ask the main window to show another page. Argument: the page key.
    navigate = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task: BackgroundTask | None = None
        self._taken: list[CollectResult] = []

        self.files_button = QPushButton(self.tr("Collect files…"))
        self.files_button.setObjectName("collect_files")
        self.folder_button = QPushButton(self.tr("Collect a folder or USB drive…"))
        self.folder_button.setObjectName("collect_folder")
        self.files_button.clicked.connect(self.pick_files)
        self.folder_button.clicked.connect(self.pick_folder)
        self.progress = QProgressBar()
        self.progress.setObjectName("collect_progress")
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel_collect")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setObjectName("collect_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it may name a sender

        self.results = CollectResultsModel(self)
        self.results_proxy = SearchProxy(self.results, self)
        self.results_view = table_view(self.results_proxy)
        self.results_view.setObjectName("collect_results")

        self.held = HeldModel(self)
        self.held_view = table_view(self.held)
        self.held_view.setObjectName("held_packages")
        self.held_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.held_view.doubleClicked.connect(lambda _i: self.accept_selected())
        self.accept_button = QPushButton(self.tr("Accept…"))
        self.accept_button.setObjectName("accept_held")
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.reject_button.setObjectName("reject_held")
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.held_label = QLabel()
        self.held_label.setObjectName("held_label")

        top = QHBoxLayout()
        top.addWidget(self.files_button)
        top.addWidget(self.folder_button)
        top.addStretch(1)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        held_buttons = QHBoxLayout()
        held_buttons.addWidget(self.held_label, 1)
        held_buttons.addWidget(self.accept_button)
        held_buttons.addWidget(self.reject_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Collect report packages")))
        layout.addWidget(
            hint(
                self.tr(
                    "Choose the package files (.cxpkg) or a whole folder or USB drive: every package under it is checked and collected. Collecting the same files again changes nothing."
                )
            )
        )
        layout.addLayout(top)
        layout.addLayout(running)
        layout.addWidget(self.status)
        layout.addWidget(self.results_view, 3)
        layout.addLayout(held_buttons)
        layout.addWidget(self.held_view, 2)
        self._update_buttons()

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            held = held_packages(self.ctx.db)
            self._update_results()
        except UserError as error:
            show_error(self, error)
            return
        self.held.set_rows(held)
        self.held_view.resizeColumnsToContents()
        self.held_label.setText(
            self.tr("Waiting for your decision: {count} package(s)").format(count=len(held))
            if held
            else self.tr("No package is waiting for a decision.")
        )
        self._update_buttons()

    # -- collecting ---------------------------------------------------------------------

    def pick_files(self) -> None:
        files = common.choose_open_files(
            self, self.tr("Choose report packages"), PACKAGE_FILTER, "collect_files"
        )
        if files:
            self.start([Path(f) for f in files])

    def pick_folder(self) -> None:
        folder = common.choose_folder(
            self, self.tr("Choose a folder or USB drive"), "collect_folder"
        )
        if folder:
            self.start([Path(folder)])

    def start(self, paths: list[Path]) -> None:
        """Collect ``paths`` on a worker; the page shows progress and stays usable."""
        if self.task is not None or not ensure_keys_unlocked(self, self.ctx):
            return
        taken: list[CollectResult] = []
        self._taken = taken
        db = self.ctx.db

        def work(progress: Progress) -> list[CollectResult]:
            def step(done: int, total: int, result: CollectResult) -> None:
                taken.append(result)  # committed already: kept even if cancelled now
                progress(done, total, Path(result.path).name)

            collect(db, paths, progress=step)
            return taken

        self.results.set_rows([])
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Collecting…"))
        self._set_running(True)
        self.task = run_in_background(
            work, on_done=self._finished, on_error=self._failed, on_progress=self._progressed
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping after the current package…"))

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        self.status.setText(
            self.tr("Collected {done} of {total}: {file}").format(done=done, total=total, file=text)
        )

    def _finished(self, results: list[CollectResult]) -> None:
        self._done(results, cancelled=False)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self._done(list(self._taken), cancelled=True)
            return
        self._done(list(self._taken), cancelled=False, failed=True)
        show_error(self, error)

    def _done(self, results: list[CollectResult], *, cancelled: bool, failed: bool = False) -> None:
        self.task = None
        self._set_running(False)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.results.set_rows(result_rows(results))
        self.results_view.resizeColumnsToContents()
        summary = collect_summary(results).render() if results else ""
        if cancelled:
            text = self.tr(
                "Stopped. {count} package(s) were collected completely; the others were not touched."
            ).format(count=len(results))
        elif failed:
            text = self.tr("The collect stopped on an error.")
        else:
            text = ""  # the summary says how many files and schools
        self.status.setText(f"{text} {summary}".strip())
        self.refresh()
        self.ctx.announce(CollectReport(results).changes)  # of the packages committed
        self.collected.emit(results)

    def _set_running(self, running: bool) -> None:
        self.files_button.setEnabled(not running)
        self.folder_button.setEnabled(not running)
        self._update_buttons()

    # -- held packages ------------------------------------------------------------------

    def selected_held(self) -> HeldPackage | None:
        rows = self.held_view.selectionModel().selectedRows()
        return self.held.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_held() is not None and self.task is None
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)

    def accept_selected(self) -> None:
        held = self.selected_held()
        if held is None or self.task is not None:
            return
        dialog = HeldDecisionDialog(held, accepting=True, parent=self)
        dialog.decide = lambda: self._accept(held, dialog.typed_fingerprint())
        common.ask(dialog)

    def _accept(self, held: HeldPackage, fingerprint: str | None) -> bool:
        """Take ``held``; False keeps the dialog open (a fingerprint to type again)."""
        if not ensure_keys_unlocked(self, self.ctx):
            return True  # the passphrase was not given: nothing taken
        try:
            result = accept_held(
                self.ctx.db, submission_id=held.submission_id, fingerprint=fingerprint
            )
        except InputError as error:
            show_error(self, error)
            return False  # the fingerprint is wrong or missing: type it again
        except UserError as error:
            show_error(self, error)
            return True
        taken = result.outcome in ("accepted", "superseded")
        if not any(r.result.submission_id == held.submission_id for r in self.results.rows):
            self.results.set_rows([*self.results.rows, *result_rows([result])])
        text = self.tr("{name}: {outcome}").format(
            name=safe_text(held.sender_name), outcome=outcome_title(result.outcome)
        )
        if not taken and result.reason is not None:
            text += " — " + result.reason.render()
            self._tell(self.tr("Not taken"), text)
        self.status.setText(text)
        self.refresh()
        self.ctx.announce(result.changes)
        if taken and fingerprint:
            # The key registered now may settle other packages signed with it.
            reevaluate_in_background(self, self.ctx, on_done=self._reevaluated)
        return True

    def _reevaluated(self, results: list[CollectResult]) -> None:
        if results:
            self.status.setText(self.status.text() + "  " + summary(results))
        self.refresh()

    def _tell(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        errors.present(box)

    def reject_selected(self) -> None:
        held = self.selected_held()
        if held is None or self.task is not None:
            return
        dialog = HeldDecisionDialog(held, accepting=False, parent=self)
        if common.ask(dialog) != HeldDecisionDialog.DialogCode.Accepted:
            return
        try:
            changes = reject_held(
                self.ctx.db, submission_id=held.submission_id, note=dialog.note.text()
            )
        except UserError as error:
            show_error(self, error)
            return
        self.status.setText(
            self.tr("{name}: {outcome}").format(
                name=safe_text(held.sender_name), outcome=outcome_title("rejected")
            )
        )
        self.refresh()
        self.ctx.announce(changes)

    def _update_results(self) -> None:
        """Rows of packages decided since they were collected show what became of them."""
        rows = self.results.rows
        ids = [
            r.result.submission_id
            for r in rows
            if r.result.submission_id is not None and r.result.outcome != "already_had"
        ]
        if not ids:
            return
        states = submission_states(self.ctx.db, ids)
        updated: list[ResultRow] = []
        changed = False
        for row in rows:
            state = states.get(row.result.submission_id or -1)
            if row.result.outcome == "already_had" or state is None:
                updated.append(row)
                continue
            status, reason = state
            now = None if status == row.result.outcome else status
            if now != row.now or (now is not None and reason != row.now_reason):
                changed = True
                row = replace(row, now=now, now_reason=reason if now is not None else None)
            updated.append(row)
        if changed:
            self.results.set_rows(updated)
