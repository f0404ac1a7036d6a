"""What changed since the last package the school sent: people, rooms, training, figures.

Shown on the 上报 page before an export (and by ``cxdesk changes``), so that the school
sees what the bureau will see differ.  The comparison is with the latest package of the
same period, or, for a period never sent, with the latest package of an earlier period.
The last package is read back from the outbox copy (the very file that was sent, checked
against the export log's hash); what would be sent now is the period's records as they
stand at its reference date (:func:`cxdesk.period_records.period_snapshot`).  Records are
matched the way the bureau's comments name them (:func:`cxdesk.exchange.records.record_key`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.as_of import AsOf
from cxdesk.errors import UserError
from cxdesk.exchange.export import sent_workbook_path
from cxdesk.exchange.records import record_key
from cxdesk.exchange.unpack import read_snapshot, snapshot_of_workbook
from cxdesk.exchange.verify import verify_package
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, school_figures
from cxdesk.i18n import Text, current_language
from cxdesk.models import ExportLog, ReportingPeriod
from cxdesk.period_records import period_snapshot
from cxdesk.school_snapshot import SchoolSnapshot
from cxdesk.services.periods import get_period
from cxdesk.services.school_checks import figures_from_json
from cxdesk.services.setup import own_school
from cxdesk.workbook.layout import COUNSELORS, EVENTS, ROOMS, SCHOOL, YES_NO, Kind, Sheet

#: What happened to a record since the last package.
CHANGE_KINDS: dict[str, Text] = {
    "added": Text("新增", "added"),
    "left": Text("离岗", "left"),
    "closed": Text("停用", "closed"),
    "changed": Text("修改", "changed"),
    "removed": Text("删除", "removed"),
}
TABLE_WORDS: dict[str, Text] = {
    "school": Text("学校", "School"),
    "counselor": Text("教师", "Counselor"),
    "counselling_room": Text("辅导室", "Room"),
    "training_event": Text("培训", "Training"),
}
CERTIFICATES = Text("证书", "certificates")
ATTENDEES = Text("参训人数", "attendees")
NOTHING = Text("（空）", "(empty)")
MISSING_COPY = Text(
    "本机发件箱中找不到上次上报包“{file}”的副本（或已被改动），只能比较数字。",
    "The outbox copy of the last package {file} is missing (or was changed): only the "
    "figures can be compared.",
)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: Text
    old: str
    new: str


@dataclass(frozen=True)
class RecordChange:
    """One record that differs from the last package."""

    table: str
    kind: str
    record: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class FigureChange:
    key: str
    old: Any
    new: Any


@dataclass
class PackageChanges:
    """The comparison of what would be sent now with the last package sent."""

    period: str
    #: The last package (None: nothing was ever sent).
    base_file: str | None = None
    base_period: str | None = None
    base_sequence: int | None = None
    base_exported_at: datetime | None = None
    #: The outbox copy of the last package could not be read: records not compared.
    missing_copy: bool = False
    records: list[RecordChange] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)

    @property
    def first(self) -> bool:
        return self.base_file is None

    def lines(self, lang: str | None = None) -> list[str]:
        """The changes as lines of text (the command line, a printout)."""
        lines = []
        if self.missing_copy and self.base_file:
            lines.append(MISSING_COPY.render(lang, file=self.base_file))
        for change in self.records:
            head = (
                f"[{CHANGE_KINDS[change.kind].render(lang)}] "
                f"{TABLE_WORDS[change.table].render(lang)}「{change.record}」"
            )
            details = "；" if lang != "en" else "; "
            fields = details.join(
                f"{f.label.render(lang)} {f.old} → {f.new}" for f in change.fields
            )
            lines.append(f"{head} {fields}".rstrip())
        for figure in self.figures:
            label = FIGURE_LABELS[figure.key][1 if lang == "en" else 0]
            lines.append(
                f"{label}: {show(figure.old, figure.key)} → {show(figure.new, figure.key)}"
            )
        return lines

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "period": self.period,
            "compared_with": None
            if self.first
            else {
                "file": self.base_file,
                "period": self.base_period,
                "sequence": self.base_sequence,
                "exported_at": self.base_exported_at.isoformat() if self.base_exported_at else None,
            },
            "records_compared": not self.missing_copy,
            "records": [
                {
                    "table": c.table,
                    "change": c.kind,
                    "record": c.record,
                    "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
                }
                for c in self.records
            ],
            "figures": [
                {"key": f.key, "old": _plain(f.old), "new": _plain(f.new)} for f in self.figures
            ],
        }


def show(value: Any, key: str = "") -> str:
    """A figure as people read it: areas to 0.1 m², shares to 0.01 %, training by level."""
    if isinstance(value, dict):
        lang = current_language()
        return ", ".join(f"{ref.TRAINING_LEVELS.label(k, lang)} {v}" for k, v in value.items())
    if value is None:
        return "—"
    if key == "room_area_m2":
        return f"{Decimal(value):.1f}"
    if key == "schools_with_room_pct":
        return f"{Decimal(value):.2f}"
    return str(value)


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


# --- finding the last package ----------------------------------------------------------


def last_package(
    session: Session, *, school_code: str, period: ReportingPeriod
) -> ExportLog | None:
    """The latest package of ``period``, else the latest one of an earlier period."""
    same = session.scalars(
        select(ExportLog)
        .where(ExportLog.sender_code == school_code, ExportLog.period_id == period.id)
        .order_by(ExportLog.sequence.desc())
    ).first()
    if same is not None:
        return same
    return session.scalars(
        select(ExportLog)
        .join(ReportingPeriod, ReportingPeriod.id == ExportLog.period_id)
        .where(
            ExportLog.sender_code == school_code,
            ExportLog.kind == "report",
            ReportingPeriod.end_date < period.end_date,
        )
        .order_by(ReportingPeriod.end_date.desc(), ExportLog.sequence.desc())
    ).first()


def _sent_package(
    session: Session, export: ExportLog, outbox: Path
) -> tuple[SchoolSnapshot, dict[str, Any]] | None:
    """The records and figures of the package as sent, from the outbox (None: not there).

    A format-2 package opens for the bureaus only: its workbook is read from the copy in
    the clear the export kept beside it (:func:`cxdesk.exchange.export.sent_workbook_path`).
    """
    path = Path(outbox) / export.file_name
    try:
        package = verify_package(path)
        if package.file_sha256 != export.package_sha256:
            return None
        encryption = package.manifest.encryption
        if encryption is not None and encryption.encrypted:
            sent = sent_workbook_path(path)
            if not sent.is_file():
                return None
            sender = package.manifest.sender
            snapshot = snapshot_of_workbook(sender, sent.read_bytes())
        else:
            snapshot = read_snapshot(package)
        return snapshot, dict(package.manifest.figures)
    except (OSError, UserError):
        return None


def changes_since_last_package(
    session: Session, *, period_label: str, outbox: Path
) -> PackageChanges:
    """What would be sent for ``period_label`` now, against the last package sent."""
    school = own_school(session)
    period = get_period(session, period_label)
    changes = PackageChanges(period.label)
    base = last_package(session, school_code=school.code, period=period)
    if base is None:
        return changes
    base_period = session.get(ReportingPeriod, base.period_id)
    changes.base_file, changes.base_sequence = base.file_name, base.sequence
    changes.base_period = base_period.label if base_period else None
    changes.base_exported_at = base.created_at
    sent = _sent_package(session, base, outbox)
    changes.missing_copy = sent is None
    # The figures sent: kept in the export log (older exports: in the package's manifest).
    text = base.figures_json or (json.dumps(sent[1]) if sent is not None else None)
    if text:
        old_figures = figures_from_json(text)
        now_figures = school_figures(session, school=school, period=period)
        changes.figures = [
            FigureChange(key, old_figures.get(key), now_figures.get(key))
            for key in FIGURE_KEYS
            if key in old_figures and old_figures.get(key) != now_figures.get(key)
        ]
    if sent is not None:
        now, _notes = period_snapshot(session, school=school, as_of=AsOf.of(period))
        changes.records = compare_snapshots(sent[0], now)
    return changes


# --- comparing two snapshots -------------------------------------------------------------


def compare_snapshots(old: SchoolSnapshot, new: SchoolSnapshot) -> list[RecordChange]:
    """Record by record: the school, people, rooms, training (in that order)."""
    result: list[RecordChange] = []
    school_fields = _field_changes(SCHOOL, old.school, new.school, skip=("code",))
    if school_fields:
        result.append(RecordChange("school", "changed", str(new.school.get("name")), school_fields))
    result += _compare(
        "counselor",
        COUNSELORS,
        {_key("counselor", p.values): (p.values, p.certificates) for p in old.counselors},
        {_key("counselor", p.values): (p.values, p.certificates) for p in new.counselors},
        name=lambda v: str(v.get("name") or ""),
    )
    result += _compare(
        "counselling_room",
        ROOMS,
        {_key("counselling_room", r.values): (r.values, None) for r in old.rooms},
        {_key("counselling_room", r.values): (r.values, None) for r in new.rooms},
        name=lambda v: str(v.get("name") or ""),
    )
    result += _compare(
        "training_event",
        EVENTS,
        {_key("training_event", e.values): (e.values, len(e.attendees)) for e in old.events},
        {_key("training_event", e.values): (e.values, len(e.attendees)) for e in new.events},
        name=lambda v: f"{v.get('title')}（{_text(v.get('start_date'))}）",
    )
    return result


def _key(table: str, values: dict[str, Any]) -> str:
    return json.dumps(record_key(table, SimpleNamespace(**values)), sort_keys=True)


def _compare(
    table: str,
    sheet: Sheet,
    old: dict[str, tuple[dict[str, Any], Any]],
    new: dict[str, tuple[dict[str, Any], Any]],
    *,
    name: Any,
) -> list[RecordChange]:
    changes = []
    for key, (values, extra) in new.items():
        if key not in old:
            changes.append(RecordChange(table, "added", name(values)))
            continue
        before, extra_before = old[key]
        fields = _field_changes(sheet, before, values)
        fields += _extra_change(table, extra_before, extra)
        if not fields:
            continue
        kind = "changed"
        if table == "counselor" and before.get("status") != "left" == values.get("status"):
            kind = "left"
        if table == "counselling_room" and before.get("status") != "closed" == values.get("status"):
            kind = "closed"
        changes.append(RecordChange(table, kind, name(values), fields))
    for key, (values, _extra) in old.items():
        if key not in new:
            changes.append(RecordChange(table, "removed", name(values)))
    return changes


def _field_changes(
    sheet: Sheet, old: dict[str, Any], new: dict[str, Any], skip: tuple[str, ...] = ()
) -> tuple[FieldChange, ...]:
    result = []
    for column in sheet.columns:
        name = column.field
        if name in skip or _same(old.get(name), new.get(name)):
            continue
        label = Text(column.header, column.header_en)
        if column.kind is Kind.YES_NO:
            old_value, new_value = (_yes_no(v.get(name)) for v in (old, new))
            result.append(FieldChange(name, label, old_value, new_value))
        elif column.codes is not None:
            result.append(
                FieldChange(
                    name,
                    label,
                    _label(column.codes, old.get(name)),
                    _label(column.codes, new.get(name)),
                )
            )
        elif name == "area_tenths":
            result.append(FieldChange(name, label, _area(old.get(name)), _area(new.get(name))))
        else:
            result.append(FieldChange(name, label, _text(old.get(name)), _text(new.get(name))))
    return tuple(result)


def _extra_change(table: str, old: Any, new: Any) -> tuple[FieldChange, ...]:
    if table == "counselor":
        before = sorted(_label(ref.CERTIFICATE_KINDS, c.get("kind")) for c in old or [])
        after = sorted(_label(ref.CERTIFICATE_KINDS, c.get("kind")) for c in new or [])
        if before != after:
            return (
                FieldChange(
                    "certificates", CERTIFICATES, "、".join(before) or "—", "、".join(after) or "—"
                ),
            )
    if table == "training_event" and old != new:
        return (FieldChange("attendees", ATTENDEES, str(old), str(new)),)
    return ()


def _same(a: Any, b: Any) -> bool:
    empty = (None, "", False)
    return (a in empty and b in empty) or a == b


def _label(codes: ref.CodeList, code: Any) -> str:
    return codes.label(code, current_language()) if code else "—"


def _yes_no(value: Any) -> str:
    return YES_NO.label("yes" if value else "no", current_language())


def _area(tenths: Any) -> str:
    return "—" if tenths is None else f"{Decimal(int(tenths)) / 10:.1f}"


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
