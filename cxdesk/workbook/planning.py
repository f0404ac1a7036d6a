"""What every sheet's planner shares: the rows as read, the session, the plan it fills.

Each sheet has its own planner (``plan_school.py``, ``plan_counselors.py``,
``plan_rooms.py``, ``plan_events.py``); :func:`cxdesk.workbook.plan.plan_import` runs them
in the workbook's order over one :class:`PlanContext`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, inspect
from sqlalchemy.orm import Session

from cxdesk.checks.engine import field_problems
from cxdesk.i18n import Message, Text
from cxdesk.models import School
from cxdesk.workbook.import_plan import Action, Change, ImportPlan
from cxdesk.workbook.layout import Sheet
from cxdesk.workbook.problems import Problem

T = TypeVar("T")

DUPLICATE_ROW = Text("与第{other}行重复（{what}）", "Duplicates row {other} ({what})")
AMBIGUOUS_STORED = Text(
    "数据库中有多条记录与此行相同（{what}），无法确定更新哪一条，请在程序中先处理",
    "Several stored records match this row ({what}); sort them out in the program first",
)


#: A row's values: one of the typed dicts of :mod:`cxdesk.workbook.sheet_rows`.
V = TypeVar("V", bound=Mapping[str, Any])


@dataclass
class SheetRow(Generic[V]):
    """One row of a sheet: its number, its values by field (typed per sheet:
    :mod:`cxdesk.workbook.sheet_rows`), the fields whose cell is bad (their problem is
    listed already)."""

    number: int
    values: V
    bad: set[str]


class PlanContext:
    """The school, the session and the plan every sheet's planner reports into."""

    def __init__(
        self,
        session: Session | None,
        school: School,
        plan: ImportPlan,
        *,
        absent: dict[str, set[str]],
        replace: bool,
    ) -> None:
        self.session = session
        self.school = school
        self.plan = plan
        #: With ``replace`` the workbook is the school's complete data.
        self.replace = replace
        # Columns added since the workbook was made: the stored values are kept.
        self.absent = absent

    def stored(self, query: Callable[[], Select[T]]) -> list[T]:
        """The school's stored records of ``query()``; none for a school not stored at all
        (a package read at a bureau: the query is not even built)."""
        if self.session is None or inspect(self.school).transient:
            return []
        return list(self.session.scalars(query()))

    def problem(
        self, message: Message, sheet: Sheet, row: SheetRow[Any] | None, column: str | None = None
    ) -> None:
        header = sheet.column(column).header if column else None
        self.plan.problems.append(Problem(message, sheet.name, row.number if row else None, header))

    def change(
        self,
        sheet: Sheet,
        row: int | None,
        action: Action,
        label: str,
        fields: tuple[str, ...] = (),
    ) -> None:
        self.plan.changes.append(Change(sheet.name, row, action, label, fields))

    def rule_problems(self, sheet: Sheet, row: SheetRow[Any], record: Any) -> bool:
        """Run the core's record rules on ``record``, each problem in the column of the
        field its rule names; True when it passes."""
        ok = True
        for name, message in field_problems(sheet.table, record, form=False):
            column = sheet.column_for_field(name)
            if column is not None and column.field in row.bad:
                continue  # already said by the cell's own problem
            ok = False
            self.problem(message, sheet, row, column.field if column else None)
        return ok and not row.bad
