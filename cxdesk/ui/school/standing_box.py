"""The school's own standing against the standards its bureau sent (on the overview page).

One line per enabled standard in force at the reference date: met, not met (with why),
not applicable, or data missing, the standard's name and where it comes from.  The
evaluation is the core's (:func:`cxdesk.standards.compliance.school_standing`), the same
the bureau runs on the school's package.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from cxdesk.i18n import current_language
from cxdesk.standards.catalogue import origin_label
from cxdesk.standards.compliance import ComplianceReport

#: Mark and colour of each outcome.
MARKS = {
    "met": ("✓", "#2e7d32"),
    "not_met": ("✗", "#c62828"),
    "not_applicable": ("–", "#777777"),
    "unknown": ("?", "#b26a00"),
}


class StandingBox(QGroupBox):
    """达标情况: the school against each standard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("standing")
        self.setTitle(self.tr("Standards"))
        self.lines = QLabel()
        self.lines.setObjectName("standing_lines")
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.lines)

    def outcome_text(self, outcome: str) -> str:
        return {
            "met": self.tr("met"),
            "not_met": self.tr("not met"),
            "not_applicable": self.tr("does not apply"),
            "unknown": self.tr("data missing"),
        }[outcome]

    def show_report(self, report: ComplianceReport) -> None:
        lang = current_language()
        if not report.schools or not report.standards:
            self.lines.setText(self.tr("No standard is in force at the reference date."))
            return
        school = report.schools[0]
        rows, sources = [], []
        for standard in report.standards:
            standing = school.standings[standard.key]
            mark, colour = MARKS[standing.outcome]
            detail = standing.detail_en if lang == "en" else standing.detail
            why = f" — {html.escape(detail)}" if detail else ""
            level = "" if standard.level == "required" else self.tr(" (advice)")
            # One line each (the page has little room left): the document's number only;
            # the whole title is in the tooltip.
            number = standard.source.rsplit("》", 1)[-1].strip() or standard.source
            source = f"{number} · {origin_label(standard.origin, lang)}"
            sources.append(f"{standard.label(lang)}: {standard.source}")
            rows.append(
                f"<tr><td style='color:{colour}; font-weight:600; padding-right:8px'>"
                f"{mark} {html.escape(self.outcome_text(standing.outcome))}</td>"
                f"<td>{html.escape(standard.label(lang))}{html.escape(level)}"
                f"<span style='color:#555'>{why}</span>"
                f"<span style='color:#888'>　{html.escape(source)}</span></td></tr>"
            )
        self.lines.setText("<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>")
        self.lines.setToolTip("\n".join(sources))
