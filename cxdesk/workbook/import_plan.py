"""What an import would do: the plan :func:`cxdesk.workbook.plan.plan_import` makes and
:func:`cxdesk.workbook.apply.apply_import` stores, row by row."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cxdesk.services.records import CounselorInput, RoomInput, TrainingInput
from cxdesk.standards.standard_set import StandardSet
from cxdesk.workbook.layout import DATA_SHEETS
from cxdesk.workbook.problems import Problem

Action = Literal["add", "update", "unchanged", "remove"]


@dataclass(frozen=True)
class Change:
    """One thing the import does, for the user to read before and after."""

    sheet: str
    row: int | None
    action: Action
    label: str
    #: headers of the columns that change (updates only)
    fields: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "action": self.action,
            "label": self.label,
            "fields": list(self.fields),
        }


@dataclass
class CounselorItem:
    target: str
    row: int | None
    data: CounselorInput
    existing_id: int | None
    action: Action


@dataclass
class RoomItem:
    row: int
    data: RoomInput
    existing_id: int | None
    action: Action


@dataclass
class EventItem:
    row: int | None
    data: TrainingInput
    #: counselor targets (see matching.py); turned into ids when applied
    attendees: list[str]
    existing_id: int | None
    action: Action


@dataclass(frozen=True)
class Removal:
    """A stored record the workbook no longer lists, removed by ``import-xlsx --replace``."""

    table: str
    record_id: int
    label: str


@dataclass
class ImportPlan:
    """What importing a workbook would do, and every reason it cannot.

    ``problems`` empty means the import can be applied; ``changes`` lists every row's
    action.  The items are what :func:`apply_import` stores.
    """

    path: Path
    school_id: int
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    school_values: dict[str, Any] | None = None
    #: The standards a bureau's template carries (adopted with the data), if any.
    standards: StandardSet | None = None
    counselors: list[CounselorItem] = field(default_factory=list)
    rooms: list[RoomItem] = field(default_factory=list)
    events: list[EventItem] = field(default_factory=list)
    #: With ``replace``: the stored records absent from the workbook, to be removed.
    removals: list[Removal] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def has_changes(self) -> bool:
        return any(c.action != "unchanged" for c in self.changes) or self.standards is not None

    def counts(self) -> dict[str, dict[str, int]]:
        """Per sheet (by sheet key) how many rows are added, updated, unchanged, removed."""
        keys = {s.name: s.key for s in DATA_SHEETS}
        result = {
            s.key: dict.fromkeys(("add", "update", "unchanged", "remove"), 0) for s in DATA_SHEETS
        }
        for change in self.changes:
            result[keys[change.sheet]][change.action] += 1
        return result

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "ok": self.ok,
            "counts": self.counts(),
            "standards": None
            if self.standards is None
            else {
                "issuer": self.standards.issuer.name,
                "issued_on": self.standards.issued_on.isoformat(),
                "count": len(self.standards.standards),
            },
            "changes": [c.to_json() for c in self.changes if c.action != "unchanged"],
            "problems": [p.to_json(lang) for p in self.problems],
        }
