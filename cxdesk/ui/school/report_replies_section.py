"""The 上报 page's fourth section: the packages exported for the period, the import of the
bureau's receipt or return, and the comments of a return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.exchange.export_history import ExportEntry
from cxdesk.exchange.replies import ReturnView
from cxdesk.ui.school.report_send_section import section_table
from cxdesk.ui.shell.table_model import Column, RowTableModel


@dataclass(frozen=True)
class CommentRow:
    table: str
    record: str
    comment: str
    found: bool


def _local_time(value: datetime) -> str:
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class RepliesSection(QGroupBox):
    """The exports of the period, the button to import a reply, the return's comments."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("4. Exports, receipts and returns"), parent)
        self.language = language
        rb = QVBoxLayout(self)
        self.exports_model: RowTableModel[ExportEntry] = RowTableModel(
            [
                Column(self.tr("No."), lambda r: f"{r.sequence:03d}", lambda r: r.sequence, True),
                Column(self.tr("Exported"), lambda r: _local_time(r.created), lambda r: r.created),
                Column(self.tr("Status"), lambda r: self._status_text(r.status)),
                Column(self.tr("File"), lambda r: r.file_name),
            ],
            self,
        )
        self.exports_view = section_table(self.exports_model, "exports", 130)
        rb.addWidget(self.exports_view)
        receive_row = QHBoxLayout()
        receive_text = QLabel(
            self.tr(
                "When the bureau sends back a receipt (回执) or a return for correction (退回), import the file here."
            )
        )
        receive_text.setWordWrap(True)
        receive_row.addWidget(receive_text, 1)
        self.receive_button = QPushButton(self.tr("Import a receipt or return…"))
        receive_row.addWidget(self.receive_button)
        rb.addLayout(receive_row)
        self.return_label = QLabel()
        self.return_label.setObjectName("return_label")
        self.return_label.setWordWrap(True)
        self.return_label.setStyleSheet("color: #b3261e; font-weight: 600;")
        rb.addWidget(self.return_label)
        self.comments_model: RowTableModel[CommentRow] = RowTableModel(
            [
                Column(self.tr("Kind"), lambda r: r.table),
                Column(self.tr("Record"), lambda r: r.record),
                Column(self.tr("Bureau's comment"), lambda r: r.comment),
            ],
            self,
        )
        self.comments_view = section_table(self.comments_model, "comments", 130)
        rb.addWidget(self.comments_view)

    def _status_text(self, status: str) -> str:
        return {
            "sent": self.tr("Sent"),
            "accepted": self.tr("Accepted (receipt)"),
            "returned": self.tr("Returned for correction"),
        }.get(status, status)

    def show_exports(self, exports: list[ExportEntry]) -> None:
        self.exports_model.set_rows(exports)

    def show_return(self, view: ReturnView | None) -> None:
        index = 1 if self.language == "en" else 0
        if view is None:
            self.return_label.hide()
            self.comments_model.set_rows([])
            self.comments_view.hide()
            return
        text = self.tr(
            "{bureau} returned export no. {sequence} for correction. Correct the records below, then export again."
        ).format(bureau=view.bureau_name, sequence=f"{view.sequence:03d}")
        if view.message:
            text += "\n" + view.message
        self.return_label.setText(text)
        self.return_label.show()
        self.comments_model.set_rows(
            [
                CommentRow(
                    TABLE_LABELS[c.table][index] if c.table in TABLE_LABELS else "—",
                    c.record_label,
                    c.comment,
                    c.record_id is not None,
                )
                for c in view.comments
            ]
        )
        self.comments_view.show()
