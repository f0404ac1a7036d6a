"""A counselling room's form: name, function, area (to 0.1 m²), year opened, status, the
date it closed, the basic areas it provides and its grade (标准化 / 普通)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget
from sqlalchemy.orm import Session

from cxdesk.checks.engine import field_problems
from cxdesk.models import CounsellingRoom
from cxdesk.reference import ROOM_FUNCTIONS, ROOM_GRADES, ROOM_STATUSES
from cxdesk.services.records import RoomInput
from cxdesk.services.rooms import add_room, get_room, room_input, update_room
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.date_field import DateField
from cxdesk.ui.shell.form_dialog import FormDialog
from cxdesk.ui.shell.typed_fields import AreaField, NumberField
from cxdesk.ui.shell.widgets import CodeCombo

NO_YEAR = 1948  # the spin box's minimum, shown as "not given"


class RoomForm(FormDialog):
    def __init__(
        self, ctx: AppContext, room_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "counselling_room", parent)
        self.room_id = room_id
        self.setWindowTitle(
            self.tr("New counselling room") if room_id is None else self.tr("Counselling room")
        )
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("e.g. 心理辅导室, 沙盘室"))
        self.function = CodeCombo(ROOM_FUNCTIONS)
        self.area = AreaField()
        self.area.setPlaceholderText(self.tr("e.g. 28.5"))
        self.year_opened = NumberField()
        self.year_opened.setRange(NO_YEAR, date.today().year)
        self.year_opened.setSpecialValueText(self.tr("not given"))
        self.year_opened.setValue(NO_YEAR)
        self.status = CodeCombo(ROOM_STATUSES)
        # A closed room counts for the periods before it closed (cxdesk.as_of).
        self.closed_on = DateField()
        # The 2015 guide's basic areas: the one the function names is implied (ticked and
        # fixed); a combined room ticks those it also holds.
        self.areas = {
            "individual": QCheckBox(self.tr("Individual counselling")),
            "group": QCheckBox(self.tr("Group activities")),
            "reception": QCheckBox(self.tr("Reception")),
        }
        areas_box = QWidget()
        areas_row = QHBoxLayout(areas_box)
        areas_row.setContentsMargins(0, 0, 0, 0)
        for box in self.areas.values():
            areas_row.addWidget(box)
        areas_row.addStretch(1)
        self.grade = CodeCombo(ROOM_GRADES, optional=True)
        self.function.currentIndexChanged.connect(lambda _i: self._implied_area())
        form = QFormLayout()
        self.add_row(form, self.tr("Name:"), self.name, name="name", required=True)
        self.add_row(form, self.tr("Function:"), self.function, name="function")
        self.add_row(form, self.tr("Area (m²):"), self.area, name="area_tenths", required=True)
        self.add_row(form, self.tr("In use since (year):"), self.year_opened, name="year_opened")
        self.add_row(form, self.tr("Status:"), self.status, name="status")
        self.add_row(form, self.tr("Closed on:"), self.closed_on, name="closed_on")
        self.add_row(form, self.tr("Basic areas it provides:"), areas_box)
        self.add_row(form, self.tr("Grade:"), self.grade, name="grade")
        for area, box in self.areas.items():
            self.fields[f"has_{area}"] = box
        self.body.addLayout(form)
        self.checks.use_rules(
            lambda: [
                (f, m.render()) for f, m in field_problems("counselling_room", self.room_data())
            ]
        )
        if room_id is not None:
            with ctx.db.reading() as session:
                self.load(room_input(get_room(session, room_id)))
        self.show_return_comments(room_id)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self._implied_area()

    def load(self, data: RoomInput) -> None:
        self.name.setText(data.name)
        self.function.set_code(data.function)
        self.area.set_tenths(data.area_tenths)
        self.year_opened.setValue(data.year_opened or NO_YEAR)
        self.status.set_code(data.status)
        self.closed_on.set_value(data.closed_on)
        for area, box in self.areas.items():
            box.setChecked(bool(getattr(data, f"has_{area}")))
        self.grade.set_code(data.grade)
        self._implied_area()

    def _implied_area(self) -> None:
        """The area the function names is provided: shown ticked and not changeable."""
        function = self.function.code()
        for area, box in self.areas.items():
            implied = area == function
            if implied:
                box.setChecked(True)
            elif not box.isEnabled():  # was implied by the function chosen before
                box.setChecked(False)
            box.setEnabled(not implied)

    def area_tenths(self) -> int:
        return self.area.tenths() or 0

    def room_data(self) -> RoomInput:
        year = self.year_opened.value()
        return RoomInput(
            name=self.name.text().strip(),
            function=self.function.code() or "",
            area_tenths=self.area_tenths(),
            year_opened=None if year == NO_YEAR else year,
            status=self.status.code() or "in_use",
            closed_on=self.closed_on.value() if self.status.code() == "closed" else None,
            # A ticked box that the function implies says nothing more: store only the rest.
            **{
                f"has_{area}": box.isChecked() and box.isEnabled()
                for area, box in self.areas.items()
            },
            grade=self.grade.code(),
        )

    def _status_changed(self) -> None:
        self.closed_on.setEnabled(self.status.code() == "closed")

    def store(self, session: Session) -> CounsellingRoom:
        data = self.room_data()
        if self.room_id is None:
            return add_room(session, school_id=self.ctx.require_school_id(), data=data)
        return update_room(session, room_id=self.room_id, data=data)
