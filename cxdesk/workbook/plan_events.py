"""The 培训 and 参训 sheets' planner: training events matched by title and start date
with the stored ones, and who attended each."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cxdesk.i18n import Text
from cxdesk.models import TrainingEvent
from cxdesk.services.records import TrainingInput, column_values
from cxdesk.services.training import training_input
from cxdesk.workbook.import_plan import EventItem
from cxdesk.workbook.layout import ATTENDANCE, EVENTS
from cxdesk.workbook.plan_counselors import CounselorPlanner
from cxdesk.workbook.planning import AMBIGUOUS_STORED, DUPLICATE_ROW, PlanContext, SheetRow
from cxdesk.workbook.sheet_rows import AttendanceValues, EventValues

NO_SUCH_EVENT = Text(
    "找不到培训“{title}”（{start}）：请先在“培训”表中填写，或核对名称和开始日期",
    "No training {title} starting {start}: list it on 培训 first, or check title and date",
)
EVENT_NOT_LISTED_TO_REPLACE = Text(
    "培训“{title}”（{start}）不在“培训”表中：整表替换（--replace）时，参训记录只能写“培训”表中列出的培训",
    "The training {title} ({start}) is not on 培训: when the workbook replaces everything "
    "(--replace), attendance names events listed on 培训 only",
)
FIELD_ATTENDANCE = Text("参训名单", "attendees")

#: An event as the workbook names it: its title and start date.
EventKey = tuple[str, date]


def event_of(v: EventValues) -> TrainingInput:
    """The event a 培训 row describes (no end date: a one-day event).  An empty start date
    stays None: the record rules (``PlanContext.rule_problems``) report it in its column
    before the input is used."""
    start = v["start_date"]
    return TrainingInput(
        v["title"] or "",
        v["level"] or "",
        start,  # type: ignore[arg-type]  # None is reported by the rules
        v["end_date"] or start,  # type: ignore[arg-type]
        v["organiser"],
        v["place"],
        v["hours"],
    )


class EventPlanner:
    """Plans 培训, then 参训, naming counselors through the counselors' planner."""

    def __init__(self, ctx: PlanContext, counselors: CounselorPlanner) -> None:
        self.ctx = ctx
        self.counselors = counselors
        self.stored: list[TrainingEvent] = []
        self._attendees_by_event: dict[int, frozenset[int]] | None = None

    def plan(
        self,
        event_rows: list[SheetRow[EventValues]],
        attendance_rows: list[SheetRow[AttendanceValues]],
    ) -> None:
        ctx = self.ctx
        self.stored = stored = ctx.stored(
            lambda: (
                select(TrainingEvent)
                .where(TrainingEvent.school_id == ctx.school.id)
                .options(selectinload(TrainingEvent.attendances))
                .order_by(TrainingEvent.id)
            )
        )
        items: dict[EventKey, EventItem] = {}
        listed: set[EventKey] = set()
        rows_of: dict[EventKey, SheetRow[EventValues]] = {}
        for row in event_rows:
            data = event_of(row.values)
            ctx.rule_problems(EVENTS, row, data)
            start = row.values["start_date"]
            if start is None:
                continue
            key = (data.title, start)
            if key in rows_of:
                ctx.problem(
                    DUPLICATE_ROW(other=rows_of[key].number, what=data.title), EVENTS, row, "title"
                )
                continue
            rows_of[key] = row
            matches = [e for e in stored if (e.title, e.start_date) == key]
            if len(matches) > 1:
                ctx.problem(AMBIGUOUS_STORED(what=data.title), EVENTS, row, "title")
                continue
            existing = matches[0] if matches else None
            items[key] = EventItem(row.number, data, [], existing.id if existing else None, "add")
            listed.add(key)
        self._attendance(attendance_rows, items, listed)
        for key, item in items.items():
            self._action(
                item, next((e for e in stored if e.id == item.existing_id), None), key in listed
            )

    def _attendance(
        self,
        rows: list[SheetRow[AttendanceValues]],
        items: dict[EventKey, EventItem],
        listed: set[EventKey],
    ) -> None:
        ctx, counselors = self.ctx, self.counselors
        seen: dict[tuple[EventKey, str], SheetRow[AttendanceValues]] = {}
        for row in rows:
            v = row.values
            target = counselors.holder(ATTENDANCE, row)
            if v["event_title"] is None or v["event_start"] is None:
                continue
            key = (v["event_title"], v["event_start"])
            if key not in items and ctx.replace:
                start = key[1].isoformat()
                ctx.problem(
                    EVENT_NOT_LISTED_TO_REPLACE(title=key[0], start=start),
                    ATTENDANCE,
                    row,
                    "event_title",
                )
                continue
            if key not in items:
                matches = [e for e in self.stored if (e.title, e.start_date) == key]
                if len(matches) != 1:
                    start = key[1].isoformat()
                    message = (
                        NO_SUCH_EVENT(title=key[0], start=start)
                        if not matches
                        else AMBIGUOUS_STORED(what=key[0])
                    )
                    ctx.problem(message, ATTENDANCE, row, "event_title")
                    continue
                # A stored event not on 培训: keeps its attendees and gains these.
                event = matches[0]
                items[key] = EventItem(None, training_input(event), [], event.id, "update")
                items[key].attendees = [
                    counselors.stored_target(a.counselor_id) for a in event.attendances
                ]
            if target is None:
                continue
            if (key, target) in seen:
                ctx.problem(
                    DUPLICATE_ROW(other=seen[key, target].number, what=v["counselor_name"] or ""),
                    ATTENDANCE,
                    row,
                )
                continue
            seen[key, target] = row
            item = items[key]
            existing = self._existing_attendee_ids(item)
            counselor_id = counselors.target_id(target)
            ctx.change(
                ATTENDANCE, row.number, "unchanged" if counselor_id in existing else "add", key[0]
            )
            if target not in item.attendees:
                item.attendees.append(target)
        for key in listed:
            item = items[key]
            kept = {counselors.target_id(t) for t in item.attendees}
            for gone in self._existing_attendee_ids(item) - kept:
                name = counselors.stored[gone].name if gone in counselors.stored else "?"
                ctx.change(ATTENDANCE, None, "remove", f"{key[0]}: {name}")

    def _existing_attendee_ids(self, item: EventItem) -> set[int]:
        if self._attendees_by_event is None:
            self._attendees_by_event = {
                e.id: frozenset(a.counselor_id for a in e.attendances) for e in self.stored
            }
        return set(self._attendees_by_event.get(item.existing_id or -1, frozenset()))

    def _action(self, item: EventItem, stored: TrainingEvent | None, listed: bool) -> None:
        ctx = self.ctx
        ctx.plan.events.append(item)
        if stored is None:
            ctx.change(EVENTS, item.row, "add", item.data.title)
            return
        before = training_input(stored)
        changed = tuple(
            EVENTS.column(k).header
            for k, value in column_values(item.data).items()
            if getattr(before, k) != value
        )
        ids_after = {self.counselors.target_id(t) for t in item.attendees}
        if ids_after != set(before.counselor_ids):
            changed += (FIELD_ATTENDANCE.render(),)
        item.action = "update" if changed else "unchanged"
        if listed:
            ctx.change(EVENTS, item.row, item.action, item.data.title, changed)
