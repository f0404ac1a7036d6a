"""The summary figures of domain.md for the bureau's scope, per county, kind or school.

Figures come from :func:`cxdesk.bureau.summary.bureau_summary` (SQL aggregation in the
core); the Excel export with native charts is :func:`cxdesk.bureau.excel.write_summary_xlsx`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.excel import write_summary_xlsx
from cxdesk.bureau.excel_sections import summary_sections
from cxdesk.bureau.summary import bureau_summary, training_attendance_at
from cxdesk.errors import UserError
from cxdesk.figures import Summary
from cxdesk.i18n import current_language
from cxdesk.services.periods import get_period
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, table_view
from cxdesk.ui.bureau.group_by import GroupByCombo
from cxdesk.ui.bureau.summary_drill import attach_drilldown, people_label, show_people
from cxdesk.ui.bureau.summary_model import SummaryModel, summary_rows, value_text
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker

#: Where the prefecture sent lead teachers for training (domain.md: "100 … in Shanghai").
SHANGHAI = "上海"


def tile(title: str, name: str) -> tuple[QWidget, QLabel]:
    """A headline figure: a big number over its name."""
    box = QWidget()
    box.setObjectName(f"tile_{name}")
    box.setStyleSheet(f"QWidget#tile_{name} {{ background: #f2f6fb; border-radius: 6px; }}")
    layout = QVBoxLayout(box)
    value = QLabel("—")
    value.setObjectName(f"value_{name}")
    value.setStyleSheet("font-size: 22px; font-weight: bold; color: #1f4e79;")
    caption = QLabel(title)
    caption.setObjectName(f"caption_{name}")
    caption.setStyleSheet("color: #444;")
    caption.setWordWrap(True)  # a narrow tile (a smaller window) shows it on two lines
    layout.addWidget(value)
    layout.addWidget(caption)
    return box, value


class SummaryPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.summary: Summary | None = None
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.group = GroupByCombo(ctx.role)
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("export_summary")
        self.export_button.clicked.connect(self.export)
        self.note = QLabel()
        self.note.setObjectName("summary_note")
        self.note.setWordWrap(True)

        tiles = QGridLayout()
        self.tiles: dict[str, QLabel] = {}
        for n, (key, title) in enumerate(
            (
                ("schools_reported", self.tr("Schools reported")),
                ("counselors", self.tr("Counselors")),
                ("full_time", self.tr("Full-time")),
                ("certificates", self.tr("National certificates (level 2 / 3)")),
                ("rooms", self.tr("Counselling rooms")),
                ("room_area_m2", self.tr("Room area (m²)")),
                ("schools_with_room_pct", self.tr("Schools with a room")),
                ("national_provincial", self.tr("National + provincial training")),
            )
        ):
            box, value = tile(title, key)
            self.tiles[key] = value
            tiles.addWidget(box, 0, n)

        self.model = SummaryModel(self.group_title(), self)
        self.view = table_view(self.model)
        self.view.setObjectName("summary_table")
        self.view.setSortingEnabled(False)  # the total stays the last row

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Rows by")))
        bar.addWidget(self.group)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Summary")))
        layout.addLayout(bar)
        layout.addLayout(tiles)
        self.people = people_label()  # issue 15: roster entries against people
        layout.addWidget(self.people)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        attach_drilldown(self)  # every figure opens the schools behind it

    def group_by(self) -> Any:
        return self.group.currentData()

    def group_title(self) -> str:
        return self.group.currentText()

    def refresh(self) -> None:
        label = self.period.label()
        group_by = self.group_by()
        try:
            # A period named for the first time is created (1 January to 31 December).
            with self.ctx.db.transaction() as session:
                period = get_period(session, label)
                summary = bureau_summary(session, period=period, group_by=group_by)
                shanghai = training_attendance_at(session, period=period, place=SHANGHAI)
        except UserError as error:
            show_error(self, error)
            return
        self.summary = summary
        self.model = SummaryModel(self.group_title(), self)
        self.model.set_rows(summary_rows(summary))
        self.view.setModel(self.model)
        self.view.setColumnHidden(1, group_by == "kind")  # a kind's code says nothing more
        self.view.resizeColumnsToContents()
        t = summary.totals
        self.tiles["schools_reported"].setText(
            value_text(t["schools_reported"])
            + ("" if t["schools_expected"] is None else f" / {t['schools_expected']}")
        )
        self.tiles["counselors"].setText(value_text(t["counselors"]))
        self.tiles["full_time"].setText(f"{t['full_time']} / {t['part_time']}")
        self.tiles["certificates"].setText(f"{t['cert_level2']} / {t['cert_level3']}")
        self.tiles["rooms"].setText(value_text(t["rooms"]))
        self.tiles["room_area_m2"].setText(value_text(t["room_area_m2"]))
        pct = t["schools_with_room_pct"]
        self.tiles["schools_with_room_pct"].setText("—" if pct is None else f"{pct}%")
        training = t["training_person_times"]
        self.tiles["national_provincial"].setText(
            str(training.get("national", 0) + training.get("provincial", 0))
        )
        show_people(self.people, summary.people)
        self.note.setText(
            self.tr(
                "{scope}, period {period}. Counselors sent to the Shanghai training: {shanghai}. Figures are computed from the schools' own packages."
            ).format(scope=summary.scope_name, period=summary.period, shanghai=shanghai)
        )

    def export(self) -> None:
        summary = self.summary
        if summary is None:
            return

        def write(target: Path) -> None:
            with self.ctx.db.transaction() as session:  # compliance, packages, people
                extra = summary_sections(
                    session, period=get_period(session, summary.period), group_by=self.group_by()
                )
            write_summary_xlsx(
                target,
                summary,
                group_by=self.group_by(),
                lang=current_language(),
                sections=extra.sections(),
            )

        target = common.export_file(
            self,
            write,
            title=self.tr("Export the summary"),
            suggested=f"{self.tr('summary')}-{summary.period}.xlsx",
            name_filter=self.tr("Excel workbook (*.xlsx)"),
            suffix=".xlsx",
            action="summary_export",
        )
        if target is not None:
            self.note.setText(
                self.note.text() + " " + self.tr("Written to {path}.").format(path=target)
            )
