"""The collect page's tables: what became of every package, and the held packages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from cxdesk import reference as ref
from cxdesk.bureau.held_list import HeldPackage
from cxdesk.bureau.outcomes import CollectResult
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.i18n import Message, current_language
from cxdesk.ui.bureau.common import outcome_colour, outcome_title
from cxdesk.ui.bureau.labels import when_text
from cxdesk.ui.shell.table_model import Column, Index, RowTableModel


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
                lambda h: when_text(h.received_at),
                lambda h: h.received_at,
            ),
        ]
        super().__init__(columns, parent)
