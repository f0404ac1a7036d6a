"""A counselling room's form: name, function, area (to 0.1 m²), year opened, status, the
basic areas it provides and its grade (标准化 / 普通)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk.models import CounsellingRoom
from cxdesk.reference import ROOM_FUNCTIONS, ROOM_GRADES, ROOM_STATUSES
from cxdesk.services.records import RoomInput, parse_area_tenths
from cxdesk.services.rooms import add_room, get_room, room_input, update_room
from cxdesk.ui.context import AppContext
from cxdesk.ui.form_dialog import FormDialog
from cxdesk.ui.widgets import CodeCombo

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
        self.area = QDoubleSpinBox()
        self.area.setDecimals(1)
        self.area.setRange(0.0, 9999.9)
        self.area.setSingleStep(1.0)
        self.area.setSuffix(" m²")
        self.year_opened = QSpinBox()
        self.year_opened.setRange(NO_YEAR, date.today().year)
        self.year_opened.setSpecialValueText(self.tr("not given"))
        self.year_opened.setValue(NO_YEAR)
        self.status = CodeCombo(ROOM_STATUSES)
        # The 2015 guide's basic areas: the one the function names is implied (ticked and
        # fixed); a combined room ticks those it also holds.
        self.areas = {
            "individual": QCheckBox(self.tr("Individual counselling")),
            "group": QCheckBox(self.tr("Group activities")),
            "reception": QCheckBox(self.tr("Reception")),
        }
        areas_row = QHBoxLayout()
        for box in self.areas.values():
            areas_row.addWidget(box)
        areas_row.addStretch(1)
        self.grade = CodeCombo(ROOM_GRADES, optional=True)
        self.function.currentIndexChanged.connect(lambda _i: self._implied_area())
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Function:"), self.function)
        form.addRow(self.tr("Area:"), self.area)
        form.addRow(self.tr("In use since (year):"), self.year_opened)
        form.addRow(self.tr("Status:"), self.status)
        form.addRow(self.tr("Basic areas it provides:"), areas_row)
        form.addRow(self.tr("Grade:"), self.grade)
        self.body.addLayout(form)
        self.fields = {
            "name": self.name,
            "function": self.function,
            "area_tenths": self.area,
            "year_opened": self.year_opened,
            "status": self.status,
            "has_individual": self.areas["individual"],
            "has_group": self.areas["group"],
            "has_reception": self.areas["reception"],
            "grade": self.grade,
        }
        if room_id is not None:
            with ctx.db.reading() as session:
                self.load(room_input(get_room(session, room_id)))
        self.show_return_comments(room_id)
        self.name.textChanged.connect(self._update_save)
        self.area.valueChanged.connect(self._update_save)
        self._implied_area()
        self._update_save()

    def load(self, data: RoomInput) -> None:
        self.name.setText(data.name)
        self.function.set_code(data.function)
        self.area.setValue(float(data.area_m2))
        self.year_opened.setValue(data.year_opened or NO_YEAR)
        self.status.set_code(data.status)
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
        # The spin box holds a float; its one-decimal text is the exact value typed.
        return parse_area_tenths(Decimal(f"{self.area.value():.1f}")) or 0

    def room_data(self) -> RoomInput:
        year = self.year_opened.value()
        return RoomInput(
            name=self.name.text().strip(),
            function=self.function.code() or "",
            area_tenths=self.area_tenths(),
            year_opened=None if year == NO_YEAR else year,
            status=self.status.code() or "in_use",
            # A ticked box that the function implies says nothing more: store only the rest.
            **{
                f"has_{area}": box.isChecked() and box.isEnabled()
                for area, box in self.areas.items()
            },
            grade=self.grade.code(),
        )

    def _update_save(self) -> None:
        self.save_button.setEnabled(bool(self.name.text().strip()) and self.area_tenths() > 0)

    def store(self, session: Session) -> CounsellingRoom:
        data = self.room_data()
        if self.room_id is None:
            return add_room(session, school_id=self.ctx.require_school_id(), data=data)
        return update_room(session, room_id=self.room_id, data=data)
