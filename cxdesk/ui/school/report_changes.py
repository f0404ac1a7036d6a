"""上报 page: "changes since the last package", before an export, to read and to print.

The comparison itself is the core's (:func:`cxdesk.exchange.changes.
changes_since_last_package`); this box lists it (what happened to which record, field by
field, then the figures old → new) and prints it on A4 or saves it as PDF, for the
principal to look over before the package leaves the school.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QSizeF, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cxdesk.exchange.changes import CHANGE_KINDS, TABLE_WORDS, PackageChanges, show
from cxdesk.figures import FIGURE_LABELS
from cxdesk.i18n import current_language
from cxdesk.ui.school.summary_form import SERIF_FAMILIES, a4_printer
from cxdesk.ui.shell import file_dialogs, paper
from cxdesk.ui.shell.table_model import Column, RowTableModel


@dataclass(frozen=True)
class ChangeRow:
    what: str
    record: str
    details: str


def change_rows(changes: PackageChanges) -> list[ChangeRow]:
    """One row per record that changed, then one per figure."""
    lang = current_language()
    rows = []
    for change in changes.records:
        details = ("; " if lang == "en" else "；").join(
            f"{f.label.render(lang)} {f.old} → {f.new}" for f in change.fields
        )
        what = (
            f"{TABLE_WORDS[change.table].render(lang)} · {CHANGE_KINDS[change.kind].render(lang)}"
        )
        rows.append(ChangeRow(what, change.record, details))
    for figure in changes.figures:
        label = FIGURE_LABELS[figure.key][1 if lang == "en" else 0]
        shown = f"{show(figure.old, figure.key)} → {show(figure.new, figure.key)}"
        rows.append(ChangeRow("Σ", label, shown))
    return rows


class ChangesBox(QGroupBox):
    """What changed since the last package sent, with Print and Save as PDF."""

    # The list was saved as PDF. Argument: its path.
    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes_box")
        self.changes: PackageChanges | None = None
        self.school = ""
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("changes_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model: RowTableModel[ChangeRow] = RowTableModel(
            [
                Column(self.tr("What"), lambda r: r.what),
                Column(self.tr("Record"), lambda r: r.record),
                Column(self.tr("Details"), lambda r: r.details),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setObjectName("changes")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.setWordWrap(True)
        self.view.setMinimumHeight(150)
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = QPushButton(self.tr("Print the changes…"))
        self.pdf_button = QPushButton(self.tr("Save the changes as PDF…"))
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._choose_pdf)
        self.setTitle(self.tr("Changes since the last package sent"))

    def show_changes(self, changes: PackageChanges, school: str) -> None:
        self.changes, self.school = changes, school
        rows = change_rows(changes)
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        if changes.first:
            text = self.tr("No package has been sent yet: everything is new to the bureau.")
        else:
            text = self.tr(
                "Compared with the last package sent: {period}, no. {sequence} ({file})."
            ).format(
                period=changes.base_period,
                sequence=f"{changes.base_sequence:03d}",
                file=changes.base_file,
            )
            if changes.missing_copy:
                text += " " + self.tr(
                    "Its copy is not in this computer's outbox: only the figures are compared."
                )
            elif not rows:
                text += " " + self.tr("Nothing changed.")
        self.summary.setText(text)
        enabled = not changes.first
        self.print_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    # -- printing -------------------------------------------------------------------------

    def html(self) -> str:
        """The list as HTML for QTextDocument: a title, what it compares, a table."""
        changes = self.changes
        title = escape(self.title())
        out = [
            "<html><body>",
            f"<h2>{title}</h2>",
            f"<p>{escape(self.school)}</p>",
            f"<p>{escape(self.summary.text())}</p>",
            "<table border='1' cellspacing='0' cellpadding='4' width='100%'>",
            "<tr>" + "".join(f"<th>{escape(c.title)}</th>" for c in self.model.columns) + "</tr>",
        ]
        for row in change_rows(changes) if changes else []:
            out.append(
                f"<tr><td>{escape(row.what)}</td><td>{escape(row.record)}</td>"
                f"<td>{escape(row.details)}</td></tr>"
            )
        out += ["</table>", "</body></html>"]
        return "\n".join(out)

    def print_to(self, printer: QPrinter) -> None:
        # The summary form's fonts: CJK glyphs in the PDF.
        document = paper.html_document(self.html(), SERIF_FAMILIES, 10.5)
        rect = printer.pageRect(QPrinter.Unit.Point)
        document.setPageSize(QSizeF(rect.width(), rect.height()))
        document.print_(printer)

    def save_pdf(self, path: Path) -> Path:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        printer = paper.pdf_printer(a4_printer(), path)
        self.print_to(printer)
        self.saved.emit(str(path))
        return path

    def _print(self) -> None:
        printer = a4_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _choose_pdf(self) -> None:
        period = self.changes.period if self.changes else ""
        path = file_dialogs.save_file(
            self,
            self.tr("Save the changes as PDF"),
            f"changes-{period}.pdf",
            self.tr("PDF (*.pdf)"),
            "changes_pdf",
        )
        if path:
            self.save_pdf(Path(path))
