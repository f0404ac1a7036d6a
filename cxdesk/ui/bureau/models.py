"""Table models of the bureau pages: plain rows in, what the clerk reads out.

Each is a :class:`cxdesk.ui.shell.table_model.RowTableModel` (a QAbstractTableModel over plain
row objects) with its columns, plus colours where they help to read a long list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from cxdesk import reference as ref
from cxdesk.bureau.board import STATES, BoardRow, CountyPackageRow, RateRow, withdrawn_text
from cxdesk.bureau.collect import CollectResult
from cxdesk.bureau.held import HeldPackage
from cxdesk.bureau.register import RegisterRow
from cxdesk.exchange.keys import format_fingerprint
from cxdesk.i18n import Message, current_language
from cxdesk.ui.bureau.common import outcome_colour, outcome_title
from cxdesk.ui.shell.table_model import Column, Index, RowTableModel


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


# -- collect results --------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    """One line of the results list: a package, or a school package inside a county's.

    ``now`` and ``now_reason``: what became of the package since it was collected (taken
    or rejected from the held list, decided again after a key was registered), shown in
    place of the outcome.
    """

    result: CollectResult
    inner: bool = False
    now: str | None = None
    now_reason: Message | None = None

    @property
    def file_name(self) -> str:
        return Path(self.result.path).name

    @property
    def outcome(self) -> str:
        return self.now or self.result.outcome

    @property
    def reason(self) -> str:
        lang = current_language()
        if self.now is not None:
            said = [self.now_reason]
        else:  # why it was not taken, or what the clerk should know of it
            said = [self.result.reason, self.result.note, *self.result.notes]
        return " ".join(m.render(lang) for m in said if m is not None)


def result_rows(results: Sequence[CollectResult]) -> list[ResultRow]:
    """County packages are followed by the results of the school packages they carried."""
    rows: list[ResultRow] = []
    for result in results:
        rows.append(ResultRow(result))
        rows += [ResultRow(inner, inner=True) for inner in result.inner]
    return rows


class CollectResultsModel(RowTableModel[ResultRow]):
    """What became of every package of a collect, coloured by outcome."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[ResultRow]] = [
            Column(
                QCoreApplication.translate("BureauTables", "Result"),
                lambda r: ("  ↳ " if r.inner else "") + outcome_title(r.outcome),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Code"),
                lambda r: r.result.sender_code or "",
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Sender"),
                lambda r: r.result.sender_name or "",
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Period"),
                lambda r: r.result.period or "",
            ),
            Column(
                QCoreApplication.translate("BureauTables", "No."),
                lambda r: "" if r.result.sequence is None else str(r.result.sequence),
                sort_key=lambda r: r.result.sequence or 0,
                align_right=True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "File"),
                lambda r: r.file_name,
                tooltip=lambda r: r.result.path,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Reason"),
                lambda r: r.reason,
                tooltip=lambda r: r.reason,
            ),
        ]
        super().__init__(columns, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            if index.row() < len(self.rows):
                return outcome_colour(self.rows[index.row()].outcome)
            return None
        return super().data(index, role)

    def counts(self) -> dict[str, int]:
        """Outcomes over school packages (those inside county packages included)."""
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.result.inner:
                continue
            counts[row.outcome] = counts.get(row.outcome, 0) + 1
        return counts


# -- held packages ----------------------------------------------------------------------


class HeldModel(RowTableModel[HeldPackage]):
    def __init__(self, parent: QObject | None = None) -> None:
        lang = current_language()
        columns: list[Column[HeldPackage]] = [
            Column(QCoreApplication.translate("BureauTables", "Code"), lambda h: h.sender_code),
            Column(QCoreApplication.translate("BureauTables", "Sender"), lambda h: h.sender_name),
            Column(
                QCoreApplication.translate("BureauTables", "County"),
                lambda h: ref.COUNTIES.label(h.county_code, lang),
            ),
            Column(QCoreApplication.translate("BureauTables", "Period"), lambda h: h.period),
            Column(
                QCoreApplication.translate("BureauTables", "No."),
                lambda h: str(h.sequence),
                lambda h: h.sequence,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Key fingerprint"),
                lambda h: format_fingerprint(h.fingerprint),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Why held"),
                lambda h: h.reason,
                tooltip=lambda h: h.reason,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Received"),
                lambda h: _when(h.received_at),
                lambda h: h.received_at,
            ),
        ]
        super().__init__(columns, parent)


# -- trust registry ---------------------------------------------------------------------


@dataclass(frozen=True)
class TrustRow:
    """A registered (or revoked) key, as plain values."""

    fingerprint: str
    role: str
    code: str
    name: str
    status: str
    source: str
    registered_at: datetime | None
    revoked_at: datetime | None
    note: str
    #: For a revoked key: from when it is not trusted (None with ``status`` revoked: all).
    revoked_from: datetime | None = None


class TrustModel(RowTableModel[TrustRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[TrustRow]] = [
            Column(QCoreApplication.translate("BureauTables", "Code"), lambda t: t.code),
            Column(QCoreApplication.translate("BureauTables", "Name"), lambda t: t.name),
            Column(
                QCoreApplication.translate("BureauTables", "Role"), lambda t: role_title(t.role)
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Key fingerprint"),
                lambda t: format_fingerprint(t.fingerprint),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Status"),
                lambda t: key_status_title(t.status, t.revoked_from),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Registered from"),
                lambda t: key_source_title(t.source),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Registered on"),
                lambda t: _when(_local(t.registered_at)) if t.registered_at else "",
                lambda t: t.registered_at,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Revoked on"),
                lambda t: _when(_local(t.revoked_at)) if t.revoked_at else "",
                lambda t: t.revoked_at,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Note"),
                lambda t: t.note,
                tooltip=lambda t: t.note,
            ),
        ]
        super().__init__(columns, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            if index.row() < len(self.rows) and self.rows[index.row()].status == "revoked":
                return outcome_colour("refused").darker(250)
            return None
        return super().data(index, role)


def role_title(role: str) -> str:
    titles = {
        "school": QCoreApplication.translate("BureauTables", "School"),
        "county": QCoreApplication.translate("BureauTables", "County bureau"),
        "prefecture": QCoreApplication.translate("BureauTables", "Prefecture bureau"),
    }
    return titles.get(role, role)


def key_status_title(status: str, revoked_from: datetime | None = None) -> str:
    if status == "revoked":
        if revoked_from is None:
            return QCoreApplication.translate("BureauTables", "Revoked (all its packages)")
        return QCoreApplication.translate("BureauTables", "Revoked since {when}").format(
            when=_when(_local(revoked_from))
        )
    titles = {"registered": QCoreApplication.translate("BureauTables", "Registered")}
    return titles.get(status, status)


def key_source_title(source: str) -> str:
    titles = {
        "form": QCoreApplication.translate("BureauTables", "Stamped form"),
        "first_use": QCoreApplication.translate("BureauTables", "First use"),
        "statement": QCoreApplication.translate("BureauTables", "Statement of the old key"),
    }
    return titles.get(source, source)


def _local(value: datetime) -> datetime:
    """A stored UTC time in the clerk's time zone."""
    from datetime import UTC

    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


# -- register ---------------------------------------------------------------------------


class RegisterModel(RowTableModel[RegisterRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        lang = current_language()
        columns: list[Column[RegisterRow]] = [
            Column(QCoreApplication.translate("BureauTables", "School code"), lambda r: r.code),
            Column(QCoreApplication.translate("BureauTables", "School name"), lambda r: r.name),
            Column(
                QCoreApplication.translate("BureauTables", "County"),
                lambda r: ref.COUNTIES.label(r.county_code, lang),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Kind"),
                lambda r: ref.SCHOOL_KINDS.label(r.kind, lang),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Contact person"),
                lambda r: r.contact_person or "",
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Phone"), lambda r: r.contact_phone or ""
            ),
        ]
        super().__init__(columns, parent)


# -- completeness board -----------------------------------------------------------------

STATE_TITLES: dict[str, str] = {
    "not_received": str(QT_TRANSLATE_NOOP("BureauState", "Not received")),
    "held": str(QT_TRANSLATE_NOOP("BureauState", "Held")),
    "received": str(QT_TRANSLATE_NOOP("BureauState", "Received, to review")),
    "returned": str(QT_TRANSLATE_NOOP("BureauState", "Returned")),
    "accepted": str(QT_TRANSLATE_NOOP("BureauState", "Accepted")),
}
STATE_COLOURS: dict[str, str] = {
    "not_received": "#fde2e1",
    "held": "#fff4d6",
    "received": "#e6effa",
    "returned": "#fbe3c8",
    "accepted": "#e3f4e1",
}


def correction_mark() -> str:
    """Shown after the number of a package that corrects an accepted period."""
    return " " + QCoreApplication.translate("BureauTables", "(correction)")


def state_title(state: str) -> str:
    return QCoreApplication.translate("BureauState", STATE_TITLES.get(state, state))


def late_text(days: int | None) -> str:
    if not days:
        return ""
    return QCoreApplication.translate("BureauTables", "{days} day(s) late").format(days=days)


class _StateColoured(RowTableModel[Any]):
    """Colours a row by its ``state`` attribute."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            if index.row() < len(self.rows):
                return QColor(STATE_COLOURS.get(self.rows[index.row()].state, "#ffffff"))
            return None
        return super().data(index, role)


class BoardModel(_StateColoured):
    """Every expected school (and any that sent without being expected) for the period."""

    def __init__(self, parent: QObject | None = None) -> None:
        lang = current_language()
        columns: list[Column[BoardRow]] = [
            Column(QCoreApplication.translate("BureauTables", "School code"), lambda r: r.code),
            Column(QCoreApplication.translate("BureauTables", "School name"), lambda r: r.name),
            Column(
                QCoreApplication.translate("BureauTables", "County"),
                lambda r: ref.COUNTIES.label(r.county_code, lang),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Kind"),
                lambda r: ref.SCHOOL_KINDS.label(r.kind, lang),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "State"),
                lambda r: " · ".join(x for x in (state_title(r.state), withdrawn_text(r)) if x),
                lambda r: STATES.index(r.state),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "No."),
                lambda r: str(r.sequence or "") + (correction_mark() if r.correction else ""),
                lambda r: r.sequence or 0,
                True,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Received"),
                lambda r: _when(r.received_at),
                lambda r: r.received_at,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Late"),
                lambda r: late_text(r.days_late),
                lambda r: r.days_late or 0,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Findings"),
                lambda r: (
                    findings_text(r.hard_findings, r.soft_findings) if r.submission_id else ""
                ),
                lambda r: (r.hard_findings, r.soft_findings),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Contact person"),
                lambda r: r.contact_person or "",
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Phone"), lambda r: r.contact_phone or ""
            ),
        ]
        super().__init__(columns, parent)


def findings_text(hard: int, soft: int) -> str:
    if not hard and not soft:
        return QCoreApplication.translate("BureauTables", "none")
    return QCoreApplication.translate("BureauTables", "{hard} hard, {soft} soft").format(
        hard=hard, soft=soft
    )


class ChaseModel(_StateColoured):
    """Schools to chase: who to call, and why."""

    def __init__(self, parent: QObject | None = None) -> None:
        lang = current_language()
        columns: list[Column[BoardRow]] = [
            Column(QCoreApplication.translate("BureauTables", "School code"), lambda r: r.code),
            Column(QCoreApplication.translate("BureauTables", "School name"), lambda r: r.name),
            Column(
                QCoreApplication.translate("BureauTables", "County"),
                lambda r: ref.COUNTIES.label(r.county_code, lang),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "State"),
                lambda r: state_title(r.state),
                lambda r: STATES.index(r.state),
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Late"),
                lambda r: late_text(r.days_late),
                lambda r: r.days_late or 0,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Contact person"),
                lambda r: r.contact_person or "",
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Phone"), lambda r: r.contact_phone or ""
            ),
        ]
        super().__init__(columns, parent)


def rate_text(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate}%"


def count_text(count: int | None) -> str:
    """A count, or "—" when it cannot be known (no register of schools loaded)."""
    return "—" if count is None else str(count)


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


class CountyPackagesModel(_StateColoured):
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
                lambda c: _when(c.received_at),
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


def county_name(code: str, fallback: str) -> str:
    return ref.COUNTIES.label(code, current_language()) if code in ref.COUNTIES.codes else fallback


def group_label(code: str, fallback: str) -> str:
    """A county's or kind's name in the current language (the core's rows carry Chinese)."""
    lang = current_language()
    if code in ref.COUNTIES.codes:
        return ref.COUNTIES.label(code, lang)
    if code in ref.SCHOOL_KINDS.codes:
        return ref.SCHOOL_KINDS.label(code, lang)
    return fallback
