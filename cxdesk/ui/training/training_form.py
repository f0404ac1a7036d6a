"""A training event's form, with a checklist of the counselors who attended."""

from __future__ import annotations

from datetime import date

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk.models import TrainingEvent
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.counselors import list_counselors
from cxdesk.services.records import TrainingInput
from cxdesk.services.training import add_training, get_training, training_input, update_training
from cxdesk.ui.context import AppContext
from cxdesk.ui.form_dialog import FormDialog
from cxdesk.ui.widgets import CodeCombo, DateField, FieldHint


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
        self.dates_hint = FieldHint()
        self.hours = QSpinBox()
        self.hours.setRange(0, 2000)
        self.hours.setSpecialValueText(self.tr("not given"))
        self.hours.setSuffix(self.tr(" hours"))
        event = QGroupBox(self.tr("Event"))
        form = QFormLayout(event)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Level:"), self.level)
        form.addRow(self.tr("Organised by:"), self.organiser)
        form.addRow(self.tr("Place:"), self.place)
        form.addRow(self.tr("From:"), self.start_date)
        form.addRow(self.tr("To:"), self.end_date)
        form.addRow("", self.dates_hint)
        form.addRow(self.tr("Class hours:"), self.hours)

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
        self.fields = {
            "title": self.title,
            "level": self.level,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "hours": self.hours,
            "counselor_id": self.attendees,
        }

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
        self.title.textChanged.connect(self._update_save)
        self.start_date.dateChanged.connect(self._update_save)
        self.end_date.dateChanged.connect(self._update_save)
        self._count()
        self._update_save()

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

    def _update_save(self) -> None:
        start, end = self.start_date.value(), self.end_date.value()
        order_ok = start is not None and end is not None and start <= end
        self.dates_hint.show_problem(
            None if order_ok else self.tr("The training cannot end before it starts.")
        )
        self.save_button.setEnabled(bool(self.title.text().strip()) and order_ok)

    def training_data(self) -> TrainingInput:
        return TrainingInput(
            title=self.title.text().strip(),
            level=self.level.code() or "",
            start_date=self.start_date.value() or date.today(),
            end_date=self.end_date.value() or date.today(),
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
