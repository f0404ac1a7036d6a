"""The completeness board's tables: every school, the schools to chase (also on the
review page), the rate per county or kind, and at the prefecture each county's package."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from cxdesk.bureau.board import BoardRow, CountyPackageRow, RateRow
from cxdesk.ui.bureau.labels import (
    correction_mark,
    count_text,
    county_name,
    findings_text,
    group_label,
    rate_text,
    state_title,
    when_text,
)
from cxdesk.ui.bureau.school_columns import (
    SchoolColumns,
    StateColoured,
    late_column,
    state_column,
)
from cxdesk.ui.shell.table_model import Column, RowTableModel


class BoardModel(StateColoured):
    """Every expected school (and any that sent without being expected) for the period."""

    def __init__(self, parent: QObject | None = None) -> None:
        school = SchoolColumns[BoardRow]()
        columns: list[Column[BoardRow]] = [
            school.code(),
            school.name(),
            school.county(),
            school.kind(),
            state_column(with_withdrawn=True),
            Column(
                QCoreApplication.translate("BureauTables", "No."),
                lambda r: str(r.sequence or "") + (correction_mark() if r.correction else ""),
                lambda r: r.sequence or 0,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Received"),
                lambda r: when_text(r.received_at),
                lambda r: r.received_at,
            ),
            late_column(),
            Column(
                QCoreApplication.translate("BureauTables", "Findings"),
                lambda r: (
                    findings_text(r.hard_findings, r.soft_findings) if r.submission_id else ""
                ),
                lambda r: (r.hard_findings, r.soft_findings),
            ),
            school.contact_person(),
            school.phone(),
        ]
        super().__init__(columns, parent)


class ChaseModel(StateColoured):
    """Schools to chase: who to call, and why."""

    def __init__(self, parent: QObject | None = None) -> None:
        school = SchoolColumns[BoardRow]()
        columns: list[Column[BoardRow]] = [
            school.code(),
            school.name(),
            school.county(),
            state_column(),
            late_column(),
            school.contact_person(),
            school.phone(),
        ]
        super().__init__(columns, parent)


class RateModel(RowTableModel[RateRow]):
    """Reporting rate per county or per kind."""

    def __init__(self, group_title: str, parent: QObject | None = None) -> None:
        columns: list[Column[RateRow]] = [
            Column(group_title, lambda r: group_label(r.code, r.name)),
            Column(
                QCoreApplication.translate("BureauTables", "Expected"),
                lambda r: count_text(r.expected),
                lambda r: r.expected if r.expected is not None else -1,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Reported"),
                lambda r: str(r.reported),
                lambda r: r.reported,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Rate"),
                lambda r: rate_text(r.rate),
                lambda r: r.rate or 0,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Held"),
                lambda r: str(r.held),
                lambda r: r.held,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Returned"),
                lambda r: str(r.returned),
                lambda r: r.returned,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Missing"),
                lambda r: count_text(r.missing),
                lambda r: r.missing if r.missing is not None else -1,
                True,
            ),
        ]
        super().__init__(columns, parent)


class CountyPackagesModel(StateColoured):
    """At the prefecture: each county's package for the period."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[CountyPackageRow]] = [
            Column(QCoreApplication.translate("BureauTables", "Code"), lambda c: c.county_code),
            Column(
                QCoreApplication.translate("BureauTables", "County"),
                lambda c: county_name(c.county_code, c.name),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "County package"),
                lambda c: state_title(c.state),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "No."),
                lambda c: str(c.sequence or ""),
                lambda c: c.sequence or 0,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Received"),
                lambda c: when_text(c.received_at),
                lambda c: c.received_at,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Schools counted"),
                lambda c: str(c.schools),
                lambda c: c.schools,
                True,
            ),
        ]
        super().__init__(columns, parent)
