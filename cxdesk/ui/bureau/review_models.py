"""Table models of the review page: a school's figures, findings, records, return comments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from cxdesk import reference as ref
from cxdesk.bureau.review import SchoolReview, duplicate_comments
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS
from cxdesk.i18n import current_language
from cxdesk.ui.shell.table_model import Column, Index, RowTableModel


def figure_label(key: str) -> str:
    return FIGURE_LABELS[key][1 if current_language() == "en" else 0]


def figure_text(key: str, value: Any) -> str:
    """A figure as a clerk reads it: training as its levels, a missing one as a dash."""
    if value is None:
        return "—"
    if key == "training_person_times" and isinstance(value, dict):
        lang = current_language()
        return "，".join(
            f"{ref.TRAINING_LEVELS.label(level, lang)} {count}" for level, count in value.items()
        )
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


@dataclass(frozen=True)
class FigureRow:
    key: str
    now: Any
    before: Any
    compared: bool

    @property
    def changed(self) -> bool:
        return self.compared and self.now != self.before


def figure_rows(review: SchoolReview) -> list[FigureRow]:
    before = {c.key: c.before for c in review.changes}
    compared = review.compared_with is not None
    return [
        FigureRow(key, review.figures.get(key), before.get(key, review.figures.get(key)), compared)
        for key in FIGURE_KEYS
        if key not in ("schools_expected", "schools_reported")
    ]


class FiguresModel(RowTableModel[FigureRow]):
    """The school's figures, with the compared package's value beside a changed one."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[FigureRow]] = [
            Column(
                QCoreApplication.translate("BureauReview", "Figure"), lambda r: figure_label(r.key)
            ),
            Column(
                QCoreApplication.translate("BureauReview", "This package"),
                lambda r: figure_text(r.key, r.now),
                align_right=True,
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Before"),
                lambda r: figure_text(r.key, r.before) if r.compared else "",
                align_right=True,
            ),
        ]
        super().__init__(columns, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            if index.row() < len(self.rows) and self.rows[index.row()].changed:
                return QColor("#fff4d6")
            return None
        return super().data(index, role)


def severity_title(severity: str) -> str:
    return (
        QCoreApplication.translate("BureauReview", "Must fix")
        if severity == "hard"
        else QCoreApplication.translate("BureauReview", "To explain")
    )


class FindingsModel(RowTableModel[dict[str, Any]]):
    """Check findings of the package; a soft one shows the school's explanation."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[dict[str, Any]]] = [
            Column(
                QCoreApplication.translate("BureauReview", "Kind"),
                lambda f: severity_title(str(f.get("severity"))),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Record"),
                lambda f: str(f.get("record") or ""),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Finding"),
                lambda f: finding_message(f),
                tooltip=finding_message,
            ),
            Column(
                QCoreApplication.translate("BureauReview", "School's explanation"),
                lambda f: str(f.get("explanation") or ""),
                tooltip=lambda f: str(f.get("explanation") or ""),
            ),
        ]
        super().__init__(columns, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            if index.row() < len(self.rows):
                hard = self.rows[index.row()].get("severity") == "hard"
                return QColor("#fde2e1" if hard else "#fff4d6")
            return None
        return super().data(index, role)


def finding_message(finding: dict[str, Any]) -> str:
    key = "message_en" if current_language() == "en" else "message"
    return str(finding.get(key) or finding.get("message") or "")


def _label(codes: ref.CodeList, code: Any) -> str:
    return codes.label(str(code), current_language()) if code else ""


class CounselorsModel(RowTableModel[dict[str, Any]]):
    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[dict[str, Any]]] = [
            Column(QCoreApplication.translate("BureauReview", "Name"), lambda c: str(c["name"])),
            Column(
                QCoreApplication.translate("BureauReview", "Identity number"),
                lambda c: str(c.get("identity_number") or ""),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Post"),
                lambda c: _label(ref.POST_TYPES, c.get("post_type")),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Main subject"),
                lambda c: _label(ref.SUBJECTS, c.get("main_subject")),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Start date"),
                lambda c: str(c.get("start_date") or ""),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Studio"),
                lambda c: _label(ref.STUDIO_ROLES, c.get("studio_role")),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Certificates"),
                lambda c: "、".join(_label(ref.CERTIFICATE_KINDS, k) for k in c["certificates"]),
            ),
        ]
        super().__init__(columns, parent)


class RoomsModel(RowTableModel[dict[str, Any]]):
    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[dict[str, Any]]] = [
            Column(QCoreApplication.translate("BureauReview", "Room"), lambda r: str(r["name"])),
            Column(
                QCoreApplication.translate("BureauReview", "Function"),
                lambda r: _label(ref.ROOM_FUNCTIONS, r.get("function")),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Area (m²)"),
                lambda r: f"{r['area_m2']:.1f}",
                lambda r: r["area_m2"],
                align_right=True,
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Opened"),
                lambda r: str(r.get("year_opened") or ""),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Status"),
                lambda r: _label(ref.ROOM_STATUSES, r.get("status")),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Basic areas"),
                lambda r: ("、" if current_language() == "zh" else ", ").join(
                    _label(ref.ROOM_FUNCTIONS, a) for a in r.get("areas", [])
                ),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Grade"),
                lambda r: _label(ref.ROOM_GRADES, r.get("grade")),
            ),
        ]
        super().__init__(columns, parent)


class TrainingModel(RowTableModel[dict[str, Any]]):
    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[dict[str, Any]]] = [
            Column(
                QCoreApplication.translate("BureauReview", "Training"), lambda e: str(e["title"])
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Level"),
                lambda e: _label(ref.TRAINING_LEVELS, e.get("level")),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Place"),
                lambda e: str(e.get("place") or ""),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Start"),
                lambda e: str(e.get("start_date") or ""),
            ),
            Column(
                QCoreApplication.translate("BureauReview", "Attendees"),
                lambda e: str(e["attendees"]),
                lambda e: e["attendees"],
                align_right=True,
            ),
        ]
        super().__init__(columns, parent)


# -- return comments (editable) ----------------------------------------------------------


@dataclass
class CommentRow:
    """A record of the package the clerk may comment on; ``table`` None: the whole school."""

    table: str | None
    record_id: int | None
    label: str
    hint: str
    comment: str = ""


def comment_rows(review: SchoolReview) -> list[CommentRow]:
    """The school, its counselors, rooms and training; records with findings first get them
    as a hint."""
    hints: dict[tuple[str, int], list[str]] = {}
    for f in review.findings:
        if f.get("table") and f.get("record_id") is not None:
            hints.setdefault((str(f["table"]), int(f["record_id"])), []).append(finding_message(f))
    # A person also counted at another school: the comment is written for the clerk
    # (both schools get one: cxdesk.bureau.review.duplicate_comments); it can be changed.
    written = {c.record_id: c.comment for c in duplicate_comments(review)}
    rows = [CommentRow(None, None, review.name, "")]
    rows += [
        CommentRow(
            "counselor",
            c["id"],
            str(c["name"]),
            "；".join(hints.get(("counselor", c["id"]), [])),
            written.get(c["id"], ""),
        )
        for c in review.counselors
    ]
    rows += [
        CommentRow(
            "counselling_room",
            r["id"],
            str(r["name"]),
            "；".join(hints.get(("counselling_room", r["id"]), [])),
        )
        for r in review.rooms
    ]
    rows += [
        CommentRow(
            "training_event",
            e["id"],
            str(e["title"]),
            "；".join(hints.get(("training_event", e["id"]), [])),
        )
        for e in review.training
    ]
    return rows


def record_kind_title(table: str | None) -> str:
    titles = {
        None: QCoreApplication.translate("BureauReview", "School"),
        "counselor": QCoreApplication.translate("BureauReview", "Counselor"),
        "counselling_room": QCoreApplication.translate("BureauReview", "Room"),
        "training_event": QCoreApplication.translate("BureauReview", "Training"),
    }
    return titles.get(table, table or "")


class CommentsModel(RowTableModel[CommentRow]):
    """Records of the package with an editable comment column (the last)."""

    COMMENT_COLUMN = 3

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[CommentRow]] = [
            Column(
                QCoreApplication.translate("BureauReview", "Kind"),
                lambda r: record_kind_title(r.table),
            ),
            Column(QCoreApplication.translate("BureauReview", "Record"), lambda r: r.label),
            Column(
                QCoreApplication.translate("BureauReview", "Finding"),
                lambda r: r.hint,
                tooltip=lambda r: r.hint,
            ),
            Column(QCoreApplication.translate("BureauReview", "Your comment"), lambda r: r.comment),
        ]
        super().__init__(columns, parent)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COMMENT_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            if index.column() == self.COMMENT_COLUMN and index.row() < len(self.rows):
                return self.rows[index.row()].comment
            return None
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != self.COMMENT_COLUMN
            or index.row() >= len(self.rows)
        ):
            return False
        self.rows[index.row()].comment = str(value or "").strip()
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def commented(self) -> list[CommentRow]:
        return [r for r in self.rows if r.comment]
