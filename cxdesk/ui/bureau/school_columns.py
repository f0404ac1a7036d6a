"""The columns the bureau's school tables share, written once: the completeness board, the
schools to chase and the register show a school's code, name, county, kind and contact the
same way, and the board and the chase list its state and lateness.  Each factory gives a
:class:`cxdesk.ui.shell.table_model.Column` for the table's row type."""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from cxdesk import reference as ref
from cxdesk.bureau.board import STATES, BoardRow, withdrawn_text
from cxdesk.i18n import current_language
from cxdesk.ui.bureau.labels import STATE_COLOURS, late_text, state_title
from cxdesk.ui.shell.table_model import Column, Index, RowTableModel


class SchoolRow(Protocol):
    """What a row must tell of its school (the board's and the register's rows do)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def county_code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def contact_person(self) -> str | None: ...
    @property
    def contact_phone(self) -> str | None: ...


S = TypeVar("S", bound=SchoolRow)


class SchoolColumns(Generic[S]):
    """The school's columns for rows of type ``S``, in the current language.

    Each title is a literal ``translate("BureauTables", ...)``: lupdate finds only those
    (a title passed through a variable loses its translation at the next update)."""

    def __init__(self) -> None:
        self.lang = current_language()

    def code(self) -> Column[S]:
        return Column(QCoreApplication.translate("BureauTables", "School code"), lambda r: r.code)

    def name(self) -> Column[S]:
        return Column(QCoreApplication.translate("BureauTables", "School name"), lambda r: r.name)

    def county(self) -> Column[S]:
        return Column(
            QCoreApplication.translate("BureauTables", "County"),
            lambda r: ref.COUNTIES.label(r.county_code, self.lang),
        )

    def kind(self) -> Column[S]:
        return Column(
            QCoreApplication.translate("BureauTables", "Kind"),
            lambda r: ref.SCHOOL_KINDS.label(r.kind, self.lang),
        )

    def contact_person(self) -> Column[S]:
        return Column(
            QCoreApplication.translate("BureauTables", "Contact person"),
            lambda r: r.contact_person or "",
        )

    def phone(self) -> Column[S]:
        return Column(
            QCoreApplication.translate("BureauTables", "Phone"), lambda r: r.contact_phone or ""
        )


def state_column(*, with_withdrawn: bool = False) -> Column[BoardRow]:
    """The school's state for the period (sorted in the board's order); with
    ``with_withdrawn``, followed by what a revoked key withdrew."""

    def text(r: BoardRow) -> str:
        parts = (state_title(r.state), withdrawn_text(r) if with_withdrawn else "")
        return " · ".join(x for x in parts if x)

    return Column(
        QCoreApplication.translate("BureauTables", "State"), text, lambda r: STATES.index(r.state)
    )


def late_column() -> Column[BoardRow]:
    return Column(
        QCoreApplication.translate("BureauTables", "Late"),
        lambda r: late_text(r.days_late),
        lambda r: r.days_late or 0,
    )


class StateColoured(RowTableModel[Any]):
    """Colours a row by its ``state`` attribute."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            if index.row() < len(self.rows):
                return QColor(STATE_COLOURS.get(self.rows[index.row()].state, "#ffffff"))
            return None
        return super().data(index, role)
