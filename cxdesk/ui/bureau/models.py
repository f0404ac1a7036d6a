"""Table models of the bureau pages: plain rows in, what the clerk reads out.

Each is a :class:`cxdesk.ui.table_model.RowTableModel` (a QAbstractTableModel over plain
row objects) with its columns, plus colours where they help to read a long list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from cxdesk import reference as ref
from cxdesk.bureau.collect import CollectResult
from cxdesk.bureau.held import HeldPackage
from cxdesk.bureau.register import RegisterRow
from cxdesk.exchange.keys import format_fingerprint
from cxdesk.i18n import current_language
from cxdesk.ui.bureau.common import outcome_colour, outcome_title
from cxdesk.ui.table_model import Column, Index, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("BureauTables", text)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


# -- collect results --------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    """One line of the results list: a package, or a school package inside a county's."""

    result: CollectResult
    inner: bool = False

    @property
    def file_name(self) -> str:
        return Path(self.result.path).name

    @property
    def reason(self) -> str:
        return self.result.reason.render(current_language()) if self.result.reason else ""


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
                _tr("Result"),
                lambda r: ("  ↳ " if r.inner else "") + outcome_title(r.result.outcome),
            ),
            Column(_tr("Code"), lambda r: r.result.sender_code or ""),
            Column(_tr("Sender"), lambda r: r.result.sender_name or ""),
            Column(_tr("Period"), lambda r: r.result.period or ""),
            Column(
                _tr("No."),
                lambda r: "" if r.result.sequence is None else str(r.result.sequence),
                sort_key=lambda r: r.result.sequence or 0,
                align_right=True,
            ),
            Column(_tr("File"), lambda r: r.file_name, tooltip=lambda r: r.result.path),
            Column(_tr("Reason"), lambda r: r.reason, tooltip=lambda r: r.reason),
        ]
        super().__init__(columns, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            if index.row() < len(self.rows):
                return outcome_colour(self.rows[index.row()].result.outcome)
            return None
        return super().data(index, role)

    def counts(self) -> dict[str, int]:
        """Outcomes over school packages (those inside county packages included)."""
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.result.inner:
                continue
            counts[row.result.outcome] = counts.get(row.result.outcome, 0) + 1
        return counts


# -- held packages ----------------------------------------------------------------------


class HeldModel(RowTableModel[HeldPackage]):
    def __init__(self, parent: QObject | None = None) -> None:
        lang = current_language()
        columns: list[Column[HeldPackage]] = [
            Column(_tr("Code"), lambda h: h.sender_code),
            Column(_tr("Sender"), lambda h: h.sender_name),
            Column(_tr("County"), lambda h: ref.COUNTIES.label(h.county_code, lang)),
            Column(_tr("Period"), lambda h: h.period),
            Column(_tr("No."), lambda h: str(h.sequence), lambda h: h.sequence, True),
            Column(_tr("Key fingerprint"), lambda h: format_fingerprint(h.fingerprint)),
            Column(_tr("Why held"), lambda h: h.reason, tooltip=lambda h: h.reason),
            Column(_tr("Received"), lambda h: _when(h.received_at), lambda h: h.received_at),
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


class TrustModel(RowTableModel[TrustRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[TrustRow]] = [
            Column(_tr("Code"), lambda t: t.code),
            Column(_tr("Name"), lambda t: t.name),
            Column(_tr("Role"), lambda t: role_title(t.role)),
            Column(_tr("Key fingerprint"), lambda t: format_fingerprint(t.fingerprint)),
            Column(_tr("Status"), lambda t: key_status_title(t.status)),
            Column(_tr("Registered"), lambda t: _when(t.registered_at), lambda t: t.registered_at),
            Column(_tr("Revoked"), lambda t: _when(t.revoked_at), lambda t: t.revoked_at),
            Column(_tr("Note"), lambda t: t.note, tooltip=lambda t: t.note),
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


def key_status_title(status: str) -> str:
    titles = {
        "registered": QCoreApplication.translate("BureauTables", "Registered"),
        "revoked": QCoreApplication.translate("BureauTables", "Revoked"),
    }
    return titles.get(status, status)


# -- register ---------------------------------------------------------------------------


class RegisterModel(RowTableModel[RegisterRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        lang = current_language()
        columns: list[Column[RegisterRow]] = [
            Column(_tr("School code"), lambda r: r.code),
            Column(_tr("School name"), lambda r: r.name),
            Column(_tr("County"), lambda r: ref.COUNTIES.label(r.county_code, lang)),
            Column(_tr("Kind"), lambda r: ref.SCHOOL_KINDS.label(r.kind, lang)),
            Column(_tr("Contact person"), lambda r: r.contact_person or ""),
            Column(_tr("Phone"), lambda r: r.contact_phone or ""),
        ]
        super().__init__(columns, parent)
