"""Training: the events the school's counselors attended, with person-times."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from cxdesk import i18n
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.records import TrainingInput
from cxdesk.services.training import TrainingRow, delete_training, list_training
from cxdesk.services.training_undo import restore_training
from cxdesk.ui.school.training.training_form import TrainingForm
from cxdesk.ui.shell.record_page import DeleteCommand, RecordListPage, confirm
from cxdesk.ui.shell.table_model import Column


class TrainingPage(RecordListPage[TrainingRow, TrainingForm]):
    return_table = "training_event"
    form_class = TrainingForm

    def heading_text(self) -> str:
        return self.tr("Training")

    def search_hint(self) -> str:
        return self.tr("Search title, organiser, place…")

    def add_text(self) -> str:
        return self.tr("Add a training…")

    def edit_text(self) -> str:
        return self.tr("Edit…")

    def delete_text(self) -> str:
        return self.tr("Delete")

    def empty_text(self) -> str:
        return self.tr("No training recorded yet. Press “Add a training…”.")

    def count_text(self, rows: Sequence[TrainingRow]) -> str:
        return self.tr("{count} events, {times} person-times").format(
            count=len(rows), times=sum(r.attendees for r in rows)
        )

    def columns(self) -> Sequence[Column[TrainingRow]]:
        lang = i18n.current_language()
        return [
            Column(self.tr("Title"), lambda r: r.title),
            Column(
                self.tr("Level"),
                lambda r: TRAINING_LEVELS.label(r.level, lang),
                lambda r: (
                    TRAINING_LEVELS.codes.index(r.level) if r.level in TRAINING_LEVELS else 99
                ),
            ),
            Column(
                self.tr("From"),
                lambda r: r.start_date.isoformat(),
                lambda r: r.start_date,
                whole=True,
            ),
            Column(
                self.tr("To"), lambda r: r.end_date.isoformat(), lambda r: r.end_date, whole=True
            ),
            Column(self.tr("Hours"), lambda r: str(r.hours or ""), lambda r: r.hours or 0, True),
            Column(
                self.tr("Person-times"), lambda r: str(r.attendees), lambda r: r.attendees, True
            ),
            Column(self.tr("Organised by"), lambda r: r.organiser or ""),
            Column(self.tr("Place"), lambda r: r.place or ""),
        ]

    def load_rows(self, session: Session) -> Sequence[TrainingRow]:
        return list_training(session, school_id=self.ctx.require_school_id())

    def delete_row(self, row: TrainingRow) -> None:
        if not confirm(
            self,
            self.tr("Delete training"),
            self.tr(
                "Delete the training {title} with its {n} attendance records? You can undo this with Ctrl+Z."
            ).format(title=row.title, n=row.attendees),
        ):
            return
        school_id = self.ctx.require_school_id()

        def restore(session: Session, snapshot: TrainingInput) -> int:
            return restore_training(session, school_id=school_id, data=snapshot).id

        self.push_delete(
            DeleteCommand(
                self.ctx,
                self.tr("delete training {title}").format(title=row.title),
                table="training_event",
                record_id=row.id,
                delete=lambda s, record_id: delete_training(s, event_id=record_id),
                restore=restore,
                parent_widget=self,
            )
        )
