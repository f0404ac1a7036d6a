"""Returning a package for correction: a message and comments on single records."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.review import ReturnComment, SchoolReview
from cxdesk.ui.bureau.common import hint, table_view
from cxdesk.ui.bureau.review_models import CommentsModel, comment_rows


class ReturnDialog(QDialog):
    """Collects the return's message and per-record comments; the page writes the file."""

    def __init__(self, review: SchoolReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return for correction"))
        self.resize(900, 560)
        self.message = QPlainTextEdit()
        self.message.setObjectName("message")
        self.message.setPlaceholderText(self.tr("What the school should correct, in a few words"))
        self.message.setMaximumHeight(90)
        self.comments = CommentsModel(self)
        self.comments.set_rows(comment_rows(review))
        self.view = table_view(self.comments)
        self.view.setObjectName("comments")
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setSortingEnabled(False)
        self.view.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(
            self.tr("Write the return file"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        ok.setObjectName("write_return")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(f"{review.code}  {review.name}  {review.period} #{review.sequence}")
        )
        layout.addWidget(QLabel(self.tr("Message to the school")))
        layout.addWidget(self.message)
        layout.addWidget(
            hint(
                self.tr(
                    "Double-click the last column to comment on a record; the school sees each comment next to that record."
                )
            )
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def message_text(self) -> str:
        return self.message.toPlainText().strip()

    def return_comments(self) -> list[ReturnComment]:
        return [ReturnComment(r.table, r.record_id, r.comment) for r in self.comments.commented()]
