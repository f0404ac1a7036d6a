"""Rooms: the school's counselling rooms and their areas."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from cxdesk import i18n
from cxdesk.reference import ROOM_FUNCTIONS, ROOM_GRADES, ROOM_STATUSES
from cxdesk.services.records import RoomInput
from cxdesk.services.rooms import RoomRow, add_room, delete_room, list_rooms
from cxdesk.ui.school.rooms.room_form import RoomForm
from cxdesk.ui.shell.record_page import DeleteCommand, RecordListPage, confirm
from cxdesk.ui.shell.table_model import Column


class RoomsPage(RecordListPage[RoomRow, RoomForm]):
    return_table = "counselling_room"
    form_class = RoomForm

    def heading_text(self) -> str:
        return self.tr("Counselling rooms")

    def search_hint(self) -> str:
        return self.tr("Search rooms…")

    def add_text(self) -> str:
        return self.tr("Add a room…")

    def edit_text(self) -> str:
        return self.tr("Edit…")

    def delete_text(self) -> str:
        return self.tr("Delete")

    def empty_text(self) -> str:
        return self.tr("No counselling rooms yet. Press “Add a room…”.")

    def count_text(self, rows: Sequence[RoomRow]) -> str:
        total = sum((r.area_m2 for r in rows if r.status == "in_use"), Decimal(0))
        return self.tr("{count} rooms, {area} m² in use").format(
            count=len(rows), area=f"{total:.1f}"
        )

    def columns(self) -> Sequence[Column[RoomRow]]:
        lang = i18n.current_language()
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Function"), lambda r: ROOM_FUNCTIONS.label(r.function, lang)),
            Column(self.tr("Area (m²)"), lambda r: f"{r.area_m2:.1f}", lambda r: r.area_m2, True),
            Column(
                self.tr("In use since"),
                lambda r: str(r.year_opened or ""),
                lambda r: r.year_opened or 0,
                True,
            ),
            Column(self.tr("Status"), lambda r: ROOM_STATUSES.label(r.status, lang)),
            Column(
                self.tr("Closed on"),
                lambda r: r.closed_on.isoformat() if r.closed_on else "",
                lambda r: r.closed_on or date.min,
            ),
            Column(
                self.tr("Basic areas"),
                lambda r: (
                    "、".join(ROOM_FUNCTIONS.label(a, lang) for a in r.areas)
                    if lang == "zh"
                    else ", ".join(ROOM_FUNCTIONS.label(a, lang) for a in r.areas)
                ),
            ),
            Column(self.tr("Grade"), lambda r: ROOM_GRADES.label(r.grade, lang)),
        ]

    def load_rows(self, session: Session) -> Sequence[RoomRow]:
        return list_rooms(session, school_id=self.ctx.require_school_id())

    def delete_row(self, row: RoomRow) -> None:
        if not confirm(
            self,
            self.tr("Delete room"),
            self.tr("Delete the room {name}? You can undo this with Ctrl+Z.").format(name=row.name),
        ):
            return
        school_id = self.ctx.require_school_id()

        def restore(session: Session, snapshot: RoomInput) -> int:
            return add_room(session, school_id=school_id, data=snapshot).id

        self.push_delete(
            DeleteCommand(
                self.ctx,
                self.tr("delete room {name}").format(name=row.name),
                table="counselling_room",
                record_id=row.id,
                delete=lambda s, record_id: delete_room(s, room_id=record_id),
                restore=restore,
                parent_widget=self,
            )
        )
