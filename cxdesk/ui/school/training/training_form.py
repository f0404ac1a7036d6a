"""A training event's form, with a checklist of the counselors who attended."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk.models import TrainingEvent
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.counselors import list_counselors
from cxdesk.services.records import TrainingInput
from cxdesk.services.training import add_training, get_training, training_input, update_training
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.date_field import DateField
from cxdesk.ui.shell.form_dialog import FormDialog
from cxdesk.ui.shell.typed_fields import NumberField
from cxdesk.ui.shell.widgets import CodeCombo


class TrainingForm(FormDialog):
    def __init__(
        self, ctx: AppContext, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "training_event", parent)
        self.event_id = event_id
        self.setWindowTitle(self.tr("New training") if event_id is None else self.tr("Training"))
        self.resize(860, 480)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.level = CodeCombo(TRAINING_LEVELS)
        self.organiser = QLineEdit()
        self.organiser.setMaxLength(100)
        self.place = QLineEdit()
        self.place.setMaxLength(100)
        self.start_date = DateField(optional=False)
        self.end_date = DateField(optional=False)
        self.hours = NumberField()
        self.hours.setRange(0, 2000)
        self.hours.setSpecialValueText(self.tr("not given"))
        self.hours.setSuffix(self.tr(" hours"))
        event = QGroupBox(self.tr("Event"))
        form = QFormLayout(event)
        self.add_row(form, self.tr("Title:"), self.title, name="title", required=True)
        self.add_row(form, self.tr("Level:"), self.level, name="level")
        self.add_row(form, self.tr("Organised by:"), self.organiser, name="organiser")
        self.add_row(form, self.tr("Place:"), self.place, name="place")
        self.add_row(form, self.tr("From:"), self.start_date, name="start_date")
        self.dates_hint = self.add_row(
            form, self.tr("To:"), self.end_date, name="end_date", check=self._dates_problem
        )
        self.add_row(form, self.tr("Class hours:"), self.hours, name="hours")
        self.checks.watch(self.start_date)  # the end date is checked against it

        self.attendees = QListWidget()
        self.attendees.setObjectName("attendees")
        self.attendees.setSpacing(2)
        self.attended_count = QLabel()
        self.all_button = QPushButton(self.tr("All"))
        self.none_button = QPushButton(self.tr("None"))
        people = QGroupBox(self.tr("Who attended"))
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.attendees, 1)
        row = QHBoxLayout()
        row.addWidget(self.attended_count, 1)
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        people_layout.addLayout(row)

        columns = QHBoxLayout()
        columns.addWidget(event, 3)
        columns.addWidget(people, 2)
        self.body.addLayout(columns)
        self.fields["counselor_id"] = self.attendees

        self.show_return_comments(event_id)
        data: TrainingInput | None = None
        with ctx.db.reading() as session:
            if event_id is not None:
                data = training_input(get_training(session, event_id))
            counselors = list_counselors(session, school_id=ctx.require_school_id())
        chosen = set(data.counselor_ids) if data else set()
        for counselor in counselors:
            if counselor.status != "in_post" and counselor.id not in chosen:
                continue  # someone who left is listed only where they attended
            item = QListWidgetItem(counselor.name)
            item.setData(Qt.ItemDataRole.UserRole, counselor.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if counselor.id in chosen else Qt.CheckState.Unchecked
            )
            self.attendees.addItem(item)
        if data is not None:
            self.load(data)
        self.attendees.itemChanged.connect(lambda _item: self._count())
        self.all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self._count()

    def load(self, data: TrainingInput) -> None:
        self.title.setText(data.title)
        self.level.set_code(data.level)
        self.organiser.setText(data.organiser or "")
        self.place.setText(data.place or "")
        self.start_date.set_value(data.start_date)
        self.end_date.set_value(data.end_date)
        self.hours.setValue(data.hours or 0)

    def set_attended(self, counselor_id: int, attended: bool) -> None:
        for item in self._items():
            if item.data(Qt.ItemDataRole.UserRole) == counselor_id:
                item.setCheckState(Qt.CheckState.Checked if attended else Qt.CheckState.Unchecked)

    def attended_ids(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _items(self) -> list[QListWidgetItem]:
        return [self.attendees.item(i) for i in range(self.attendees.count())]

    def _check_all(self, state: Qt.CheckState) -> None:
        for item in self._items():
            item.setCheckState(state)

    def _count(self) -> None:
        self.attended_count.setText(
            self.tr("{n} of {total} attended").format(
                n=len(self.attended_ids()), total=self.attendees.count()
            )
        )

    def _dates_problem(self) -> str | None:
        start, end = self.start_date.value(), self.end_date.value()
        if start is not None and end is not None and end < start:
            return self.tr("The training cannot end before it starts.")
        return None

    def training_data(self) -> TrainingInput:
        start, end = self.start_date.value(), self.end_date.value()
        # Both dates are required: Save waits for them (never today's date in their place).
        assert start is not None and end is not None
        return TrainingInput(
            title=self.title.text().strip(),
            level=self.level.code() or "",
            start_date=start,
            end_date=end,
            organiser=self.organiser.text().strip() or None,
            place=self.place.text().strip() or None,
            hours=self.hours.value() or None,
            counselor_ids=self.attended_ids(),
        )

    def store(self, session: Session) -> TrainingEvent:
        data = self.training_data()
        if self.event_id is None:
            return add_training(session, school_id=self.ctx.require_school_id(), data=data)
        return update_training(session, event_id=self.event_id, data=data)
