"""Overview: the school's figures in words, open check findings, the last export."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cxdesk.exchange.export import last_export_time
from cxdesk.figures import school_figures
from cxdesk.reference import COUNTIES, SCHOOL_KINDS
from cxdesk.services.school_checks import check_school
from cxdesk.standards.compliance import ComplianceReport, school_standing
from cxdesk.ui.school.print_actions import print_interactive, save_pdf_interactive
from cxdesk.ui.school.standing_box import StandingBox
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.page import Page


@dataclass(frozen=True)
class OverviewData:
    school_name: str
    school_code: str
    county: str
    kind: str
    period: str
    reference_date: str
    figures: dict[str, Any]
    open_hard: int
    open_soft: int
    last_export: datetime | None
    #: The school against the standards its bureau sent (issue 15).
    standing: ComplianceReport | None = None


def load_overview(ctx: AppContext) -> OverviewData:
    # get_period may create this year's period, so this is a (tiny) write.
    with ctx.db.transaction() as session:
        school = ctx.school(session)
        period = ctx.period(session)
        figures = school_figures(session, school=school, period=period)
        findings = [f for f in check_school(session, school=school, period=period) if f.open]
        return OverviewData(
            school_name=school.name,
            school_code=school.code,
            county=COUNTIES.label(school.county_code, ctx.language),
            kind=SCHOOL_KINDS.label(school.kind, ctx.language),
            period=period.label,
            reference_date=period.reference_date.isoformat(),
            figures=figures,
            open_hard=sum(f.severity == "hard" for f in findings),
            open_soft=sum(f.severity == "soft" for f in findings),
            last_export=last_export_time(session, school.id),
            standing=school_standing(session, school=school, period=period),
        )


class FigureCard(QFrame):
    """A big number with a sentence under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(
            "QFrame#card { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.number = QLabel()
        self.number.setStyleSheet("font-size: 26px; font-weight: 600; color: #1f6f86;")
        self.caption = QLabel()
        self.caption.setStyleSheet("font-weight: 600;")
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("color: palette(dark);")
        for widget in (self.number, self.caption, self.sentence):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_figure(self, number: str, caption: str, sentence: str) -> None:
        self.number.setText(number)
        self.caption.setText(caption)
        self.sentence.setText(sentence)


class OverviewPage(Page):
    # The user asked to go to another page. Argument: the page key ("checks", ...).
    navigate = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # The page scrolls when the window is low (1366×768 with the standards listed):
        # every line stays whole instead of being squeezed.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        self.title = QLabel()
        self.title.setObjectName("heading")
        self.title.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)

        grid = QGridLayout()
        grid.setSpacing(12)
        self.cards = {key: FigureCard() for key in ("people", "certs", "rooms", "training")}
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 2, index % 2)
        layout.addLayout(grid)

        self.more = QLabel()
        self.more.setWordWrap(True)
        layout.addWidget(self.more)

        status_row = QHBoxLayout()
        self.findings = QLabel()
        self.findings.setObjectName("open_findings")
        self.findings.setWordWrap(True)
        self.export = QLabel()
        self.export.setObjectName("last_export")
        self.export.setWordWrap(True)
        status_box = QVBoxLayout()
        status_box.addWidget(self.findings)
        status_box.addWidget(self.export)
        status_row.addLayout(status_box, 1)
        self.check_button = QPushButton(self.tr("Look at the findings"))
        self.check_button.clicked.connect(lambda: self.navigate.emit("checks"))
        status_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(status_row)

        form_box = QGroupBox(self.tr("The summary form (学校心理健康教育基本情况表)"))
        form_layout = QHBoxLayout(form_box)
        form_text = QLabel(
            self.tr(
                "Print it on A4, have the principal sign it and stamp it with the school's seal."
            )
        )
        form_text.setWordWrap(True)
        form_layout.addWidget(form_text, 1)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        form_layout.addWidget(self.pdf_button)
        form_layout.addWidget(self.print_button)
        layout.addWidget(form_box)
        self.standing = StandingBox()
        layout.addWidget(self.standing)
        self.saved_label = QLabel()
        self.saved_label.setOpenExternalLinks(True)
        layout.addWidget(self.saved_label)
        layout.addStretch(1)
        self.pdf_button.clicked.connect(self._save_pdf)
        self.print_button.clicked.connect(lambda: print_interactive(self, self.ctx))

    def _save_pdf(self) -> None:
        path = save_pdf_interactive(self, self.ctx)
        if path is not None:
            self.show_saved(path)

    def show_saved(self, path: Path) -> None:
        url = QUrl.fromLocalFile(str(path)).toString()
        self.saved_label.setText(
            self.tr('Saved as {path}. <a href="{url}">Open it</a>').format(
                path=html.escape(str(path)), url=url
            )
        )

    def refresh(self) -> None:
        data = load_overview(self.ctx)
        f = data.figures
        self.title.setText(data.school_name)
        self.subtitle.setText(
            self.tr(
                "School code {code} · {county} · {kind} · reporting period {period}, figures as on {date}"
            ).format(
                code=data.school_code,
                county=data.county,
                kind=data.kind,
                period=data.period,
                date=data.reference_date,
            )
        )
        self.cards["people"].show_figure(
            str(f["counselors"]),
            self.tr("Psychological-health teachers"),
            self.tr("{full} full-time and {part} part-time teachers in post.").format(
                full=f["full_time"], part=f["part_time"]
            ),
        )
        certified = f["cert_level2"] + f["cert_level3"] + f["cert_other"]
        self.cards["certs"].show_figure(
            str(certified),
            self.tr("Teachers with a certificate"),
            self.tr(
                "Highest certificate: {l2} national counsellor level 2, {l3} level 3, {other} another recognised certificate."
            ).format(l2=f["cert_level2"], l3=f["cert_level3"], other=f["cert_other"]),
        )
        self.cards["rooms"].show_figure(
            str(f["rooms"]),
            self.tr("Counselling rooms in use"),
            self.tr("{area} m² in all.").format(area=f"{f['room_area_m2']:.1f}"),
        )
        training = f["training_person_times"]
        self.cards["training"].show_figure(
            str(sum(training.values())),
            self.tr("Training person-times this period"),
            self.tr(
                "National {national}, provincial {provincial}, prefecture {prefecture}, county {county}, school {school}."
            ).format(**training),
        )
        self.more.setText(
            self.tr(
                "Recruited as psychological-health teachers since 2020: {recruited}. In the prefecture's studio: {hosts} host(s) and {members} member(s) from this school."
            ).format(
                recruited=f["recruited_since_2020"],
                hosts=f["studio_hosts"],
                members=f["studio_members"],
            )
        )
        if data.open_hard or data.open_soft:
            self.findings.setText(
                self.tr(
                    "Data checks: {hard} error(s) to correct and {soft} warning(s) to look at."
                ).format(hard=data.open_hard, soft=data.open_soft)
            )
        else:
            self.findings.setText(self.tr("Data checks: nothing to correct."))
        if data.standing is not None:
            self.standing.show_report(data.standing)
        if data.last_export is None:
            self.export.setText(self.tr("The report has not yet been exported."))
        else:
            self.export.setText(
                self.tr("Last report exported on {when}.").format(
                    when=data.last_export.strftime("%Y-%m-%d %H:%M")
                )
            )
