"""The 辅导室 sheet's planner: rooms matched by name with the stored ones."""

from __future__ import annotations

from sqlalchemy import select

from cxdesk.models import CounsellingRoom
from cxdesk.services.records import RoomInput, column_values
from cxdesk.services.rooms import room_input
from cxdesk.workbook.import_plan import Action, RoomItem
from cxdesk.workbook.layout import ROOMS
from cxdesk.workbook.planning import AMBIGUOUS_STORED, DUPLICATE_ROW, PlanContext, SheetRow
from cxdesk.workbook.sheet_rows import RoomValues


def room_of(v: RoomValues) -> RoomInput:
    """The room a 辅导室 row describes (empty cells as the form's defaults).  An empty area
    stays None: the record rules (``PlanContext.rule_problems``) report it in its column
    before the input is used."""
    return RoomInput(
        v["name"] or "",
        v["function"] or "",
        v["area_tenths"],  # type: ignore[arg-type]  # None is reported by the rules
        v["year_opened"],
        v["status"] or "in_use",
        closed_on=v["closed_on"],
        has_individual=bool(v["has_individual"]),
        has_group=bool(v["has_group"]),
        has_reception=bool(v["has_reception"]),
        grade=v["grade"],
    )


def plan_rooms(ctx: PlanContext, rows: list[SheetRow[RoomValues]]) -> list[CounsellingRoom]:
    """Plan the rooms into ``ctx.plan.rooms``; returns the stored ones (for ``replace``)."""
    stored = ctx.stored(
        lambda: (
            select(CounsellingRoom)
            .where(CounsellingRoom.school_id == ctx.school.id)
            .order_by(CounsellingRoom.id)
        )
    )
    seen: dict[str, SheetRow[RoomValues]] = {}
    absent = ctx.absent.get(ROOMS.key, set())
    for row in rows:
        data = room_of(row.values)
        if absent:  # a workbook made before these columns: keep what is stored
            stored_room = next((r for r in stored if r.name == data.name), None)
            for name in absent:
                setattr(data, name, getattr(stored_room, name, getattr(data, name)))
        ctx.rule_problems(ROOMS, row, data)
        if data.name in seen:
            ctx.problem(
                DUPLICATE_ROW(other=seen[data.name].number, what=data.name), ROOMS, row, "name"
            )
            continue
        seen[data.name] = row
        matches = [r for r in stored if r.name == data.name]
        if len(matches) > 1:
            ctx.problem(AMBIGUOUS_STORED(what=data.name), ROOMS, row, "name")
            continue
        existing = matches[0] if matches else None
        action: Action = "add"
        changed: tuple[str, ...] = ()
        if existing is not None:
            before = column_values(room_input(existing))
            changed = tuple(
                ROOMS.column(k).header for k, x in column_values(data).items() if before[k] != x
            )
            action = "update" if changed else "unchanged"
        ctx.plan.rooms.append(RoomItem(row.number, data, existing.id if existing else None, action))
        ctx.change(ROOMS, row.number, action, data.name, changed)
    return stored
