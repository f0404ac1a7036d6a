"""The review page's list of the school's people who are counted at another school too."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from cxdesk import reference as ref
from cxdesk.bureau.people import SharedPerson
from cxdesk.i18n import current_language
from cxdesk.ui.shell.table_model import Column, RowTableModel


@dataclass(frozen=True)
class SharedRow:
    name: str
    masked_id: str
    key: str
    others: str
    across_counties: bool


def shared_rows(school_code: str, people: list[SharedPerson]) -> list[SharedRow]:
    lang = current_language()
    rows = []
    for person in people:
        mine = next(e for e in person.entries if e.school_code == school_code)
        others = "; ".join(
            f"{e.school_name} ({e.school_code}, {ref.COUNTIES.label(e.county_code, lang)}, "
            f"{ref.POST_TYPES.label(e.post_type, lang)})"
            for e in person.others(school_code)
        )
        rows.append(
            SharedRow(mine.name, mine.masked_id, person.shown_key, others, person.across_counties)
        )
    return rows


class SharedPeopleModel(RowTableModel[SharedRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[SharedRow]] = [
            Column(QCoreApplication.translate("BureauReview", "Name"), lambda r: r.name),
            Column(
                QCoreApplication.translate("BureauReview", "Identity number"),
                lambda r: r.masked_id,
                whole=True,
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Person (keyed hash)"),
                lambda r: r.key,
                whole=True,
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Also on the roster of"),
                lambda r: r.others,
                tooltip=lambda r: r.others,
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Across counties"),
                lambda r: (
                    QCoreApplication.translate("BureauReview", "yes") if r.across_counties else ""
                ),
            ),
        ]
        super().__init__(columns, parent, row_colour=lambda _r: "#fff4d6")
