"""The trusted keys page's table: every registered (or revoked) key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.ui.bureau.common import outcome_colour
from cxdesk.ui.bureau.labels import local_time, when_text
from cxdesk.ui.shell.table_model import Column, Index, RowTableModel


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
                lambda t: when_text(local_time(t.registered_at)) if t.registered_at else "",
                lambda t: t.registered_at,
            ),
            Column(
                QCoreApplication.translate("BureauTables", "Revoked on"),
                lambda t: when_text(local_time(t.revoked_at)) if t.revoked_at else "",
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
            when=when_text(local_time(revoked_from))
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
