"""Roster: the school's counselors (identity numbers masked), with their certificates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from cxdesk import i18n
from cxdesk.reference import (
    CERTIFICATE_KINDS,
    COUNSELOR_STATUSES,
    ETHNIC_GROUPS,
    GENDERS,
    POST_TYPES,
    STUDIO_ROLES,
    SUBJECTS,
    TITLES,
)
from cxdesk.services.counselors import (
    CounselorRow,
    delete_counselor,
    list_counselors,
    restore_counselor,
)
from cxdesk.ui.school.roster.counselor_form import CounselorForm
from cxdesk.ui.shell.record_page import DeleteCommand, RecordListPage, confirm
from cxdesk.ui.shell.table_model import Column


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


class RosterPage(RecordListPage[CounselorRow, CounselorForm]):
    return_table = "counselor"
    form_class = CounselorForm

    def heading_text(self) -> str:
        return self.tr("Roster of psychological-health teachers")

    def search_hint(self) -> str:
        return self.tr("Search name, subject, certificate…")

    def add_text(self) -> str:
        return self.tr("Add a teacher…")

    def edit_text(self) -> str:
        return self.tr("Edit…")

    def delete_text(self) -> str:
        return self.tr("Delete")

    def empty_text(self) -> str:
        return self.tr("No teachers yet. Press “Add a teacher…” or import the Excel workbook.")

    def count_text(self, rows: Sequence[CounselorRow]) -> str:
        return self.tr("{count} teachers").format(count=len(rows))

    def columns(self) -> Sequence[Column[CounselorRow]]:
        lang = i18n.current_language()
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Gender"), lambda r: GENDERS.label(r.gender, lang)),
            Column(self.tr("Ethnic group"), lambda r: ETHNIC_GROUPS.label(r.ethnic_group, lang)),
            Column(self.tr("Identity number"), lambda r: r.identity_masked, whole=True),
            Column(
                self.tr("Born"), lambda r: _date(r.birth_date), lambda r: r.birth_date, whole=True
            ),
            Column(self.tr("Post"), lambda r: POST_TYPES.label(r.post_type, lang)),
            Column(self.tr("Main subject"), lambda r: SUBJECTS.label(r.main_subject, lang)),
            Column(self.tr("Title"), lambda r: TITLES.label(r.title, lang)),
            Column(
                self.tr("Since"), lambda r: _date(r.start_date), lambda r: r.start_date, whole=True
            ),
            Column(
                self.tr("Studio"),
                lambda r: (
                    "" if r.studio_role == "none" else STUDIO_ROLES.label(r.studio_role, lang)
                ),
            ),
            Column(self.tr("Status"), lambda r: COUNSELOR_STATUSES.label(r.status, lang)),
            Column(
                self.tr("Certificates"),
                lambda r: "、".join(CERTIFICATE_KINDS.label(k, lang) for k in r.certificates),
                lambda r: len(r.certificates),
                tooltip=lambda r: "\n".join(
                    CERTIFICATE_KINDS.label(k, lang) for k in r.certificates
                ),
            ),
        ]

    def load_rows(self, session: Session) -> Sequence[CounselorRow]:
        return list_counselors(session, school_id=self.ctx.require_school_id())

    def delete_row(self, row: CounselorRow) -> None:
        if not confirm(
            self,
            self.tr("Delete teacher"),
            self.tr(
                "Delete {name} with certificates and training attendance? You can undo this with Ctrl+Z."
            ).format(name=row.name),
        ):
            return
        self.push_delete(
            DeleteCommand(
                self.ctx,
                self.tr("delete teacher {name}").format(name=row.name),
                table="counselor",
                record_id=row.id,
                delete=lambda s, record_id: delete_counselor(s, counselor_id=record_id),
                restore=lambda s, snapshot: restore_counselor(s, deleted=snapshot).id,
                parent_widget=self,
            )
        )
