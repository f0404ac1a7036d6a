"""A school's import of a filled-in workbook as user actions, the same for the desktop
app and the command line: the preview (read and check, nothing written) and the import
(a backup of the file first, then in one transaction the plan made again and stored).

An import that removes records (``--replace``) or alters a period the bureau has accepted
(更正, :mod:`cxdesk.services.period_lock`) needs a yes: unless ``confirmed``, it is rolled
back and returned unstored with what needs the yes; the caller asks, then imports again
with ``confirmed=True``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxdesk.services.period_lock import affected_periods
from cxdesk.services.setup import own_school
from cxdesk.storage.backup import backup_before
from cxdesk.storage.changes import Changes, changes_of
from cxdesk.workbook.apply import apply_import
from cxdesk.workbook.import_plan import ImportPlan
from cxdesk.workbook.plan import plan_import

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cxdesk.storage.db import Database


class PlanChanged(Exception):
    """The data or the file changed between the preview and the import: nothing stored."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("the import plan changed")
        self.plan = plan


@dataclass(frozen=True)
class WorkbookImport:
    """An import tried: its plan, and whether it was stored."""

    plan: ImportPlan
    stored: bool
    #: The accepted periods the import alters (a yes was needed, or was given).
    affected: list[str] = field(default_factory=list)
    #: The tables it wrote (nothing when it was not stored).
    changes: Changes = field(default_factory=Changes)

    @property
    def needs_yes(self) -> bool:
        """It removes records or alters an accepted period: it asks before storing."""
        return bool(self.plan.removals or self.affected)


def same_changes(a: ImportPlan, b: ImportPlan) -> bool:
    """Whether two plans make the same changes (the unchanged records aside)."""
    return [c for c in a.changes if c.action != "unchanged"] == [
        c for c in b.changes if c.action != "unchanged"
    ]


def preview_import(db: Database, *, path: Path, replace: bool = False) -> ImportPlan:
    """What importing ``path`` would do, in a read-only session: nothing is written."""
    with db.reading() as session:
        return plan_import(session, school=own_school(session), path=path, replace=replace)


class _RollBack(Exception):
    def __init__(self, done: WorkbookImport) -> None:
        super().__init__("a yes is needed")
        self.done = done


def import_workbook(
    db: Database,
    *,
    path: Path,
    replace: bool = False,
    confirmed: bool = False,
    shown: ImportPlan | None = None,
) -> WorkbookImport:
    """Import ``path`` into the school's records: a backup of the file first (a server is
    backed up by ``pg_dump``), then one transaction that plans the import again and
    stores it when it has no problem.

    ``shown``: the preview the user confirmed; when the import no longer makes exactly
    its changes (or has a problem now), :class:`PlanChanged` is raised and nothing is
    stored.  Without ``confirmed``, an import that needs a yes is rolled back and
    returned with ``stored`` False.
    """
    if not db.is_server:  # shipping (issue 6): a backup before an import
        backup_before(db.path, "before-import")

    def change(session: Session) -> ImportPlan:
        plan = plan_import(session, school=own_school(session), path=path, replace=replace)
        if shown is not None and (not plan.ok or not same_changes(plan, shown)):
            raise PlanChanged(plan)
        if plan.ok:
            apply_import(session, plan=plan)
        return plan

    try:
        with db.transaction() as session:
            plan, affected = affected_periods(session, change)
            session.flush()
            done = WorkbookImport(plan, plan.ok, affected, changes_of(session))
            if done.needs_yes and not confirmed:
                raise _RollBack(WorkbookImport(plan, False, affected))  # nothing changed
            return done
    except _RollBack as rollback:
        return rollback.done
