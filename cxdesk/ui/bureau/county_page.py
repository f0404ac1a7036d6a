"""The county package for the prefecture: the county's accepted school packages, signed.

:func:`cxdesk.bureau.county.export_county` reads every counted school package from the
store and writes one signed file; it runs on a worker with a progress dialog, and the
pages are told what its log entry changed.
The page also shows the bureau's own key fingerprint, which the prefecture registers from
the county's stamped registration form.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.board import completeness_board
from cxdesk.bureau.county import CountyExportDone, export_county
from cxdesk.errors import UserError
from cxdesk.exchange.registration import registration_form
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, hint
from cxdesk.ui.bureau.key_unlock import ensure_keys_unlocked
from cxdesk.ui.bureau.labels import count_text, rate_text
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.worker import Progress, run_with_progress


class CountyPackagePage(Page):
    # The county package was written. Argument: the CountyExport.
    exported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("own_fingerprint")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.4)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QLabel()
        self.counts.setObjectName("county_counts")
        self.counts.setWordWrap(True)
        # As wide as the page, so that the line is never cut (it wraps if it must).
        self.counts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.export_button = QPushButton(self.tr("Write the county package…"))
        self.export_button.setObjectName("export_county")
        self.export_button.clicked.connect(self.export)
        self.result = QLabel()
        self.result.setObjectName("county_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Period"), self.period)
        form.addRow(self.tr("This bureau's key fingerprint"), self.fingerprint)
        form.addRow(self.tr("Schools"), self.counts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("County package for the prefecture")))
        layout.addWidget(
            hint(
                self.tr(
                    "The county package holds every school package counted for the period, each unchanged with the school's own signature, and the county's register; the county signs the whole. The prefecture checks every signature and sums the schools' data itself."
                )
            )
        )
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(
            hint(
                self.tr(
                    "The prefecture bureau registers this bureau's key from the registration form stamped with the bureau's seal: check that the fingerprint on the form is the one shown here."
                )
            )
        )
        layout.addStretch(1)

    def refresh(self) -> None:
        try:
            with self.ctx.db.reading() as session:
                form = registration_form(session)
                board = completeness_board(session, period_label=self.period.label())
        except UserError as error:
            show_error(self, error)
            return
        self.fingerprint.setText(form.fingerprint if form else self.tr("(created on first use)"))
        t = board.totals
        self.counts.setText(
            self.tr(
                "{reported} of {expected} expected schools have a counted package ({rate}); {missing} not received, {held} held."
            ).format(
                reported=t.reported,
                expected=count_text(t.expected),
                rate=rate_text(t.rate),
                missing=count_text(t.missing),
                held=t.held,
            )
        )
        self.export_button.setEnabled(t.reported > 0 or any(r.submission_id for r in board.rows))

    def export(self) -> None:
        folder = common.choose_folder(
            self, self.tr("Where to write the county package"), "county_package"
        )
        if not folder or not ensure_keys_unlocked(self, self.ctx):
            return
        db, label, out = self.ctx.db, self.period.label(), Path(folder)

        def work(progress: Progress) -> CountyExportDone:
            progress(0, 0, "")
            return export_county(db, period_label=label, out_dir=out)

        run_with_progress(
            self, self.tr("Writing the county package…"), work, on_done=self._exported
        )

    def _exported(self, done: CountyExportDone) -> None:
        result = done.export
        self.result.setText(
            self.tr(
                "Written: {path}\n{schools} school packages, number {sequence}, SHA-256 {digest}"
            ).format(
                path=result.path,
                schools=result.schools,
                sequence=result.sequence,
                digest=result.sha256,
            )
        )
        self.ctx.announce(done.changes)
        self.exported.emit(result)
