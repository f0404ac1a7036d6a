"""Exporting the school's report package: preview, refusal on hard findings, outbox, log.

:func:`preview_export` says what would be sent (figures, record counts, findings, the
next sequence number and file name, to whom it is encrypted) without writing anything;
:func:`export_report` writes ``<schoolcode>_<period>_<seq:03d>.cxpkg`` into the chosen
folder, keeps a copy in the outbox beside the database and logs it
(:class:`~cxdesk.models.ExportLog`).  Every package is the school's complete snapshot of
the period, never a delta.  It is format 2: the workbook and the findings are encrypted
to the county and prefecture bureaus of the county's registered key file; without one
the export stops, unless ``unencrypted`` was asked for explicitly.
"""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cxdesk.as_of import AsOf
from cxdesk.checks import Finding
from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.errors import InputError
from cxdesk.exchange.bureau_keyfile import export_encryption
from cxdesk.exchange.encryption import (
    DETAILS_NAME,
    UNENCRYPTED,
    Encryption,
    details_bytes,
    encrypt_members,
)
from cxdesk.exchange.errors import ExportBlockedError
from cxdesk.exchange.key_change import statement_members
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.manifest import Period
from cxdesk.exchange.package import (
    build_manifest,
    package_bytes,
    sha256_hex,
    utc_now,
    write_atomically,
)
from cxdesk.exchange.workbook_check import WORKBOOK_NAME
from cxdesk.figures import school_figures
from cxdesk.i18n import Message, Text, current_language
from cxdesk.models import (
    ExportLog,
    ReportingPeriod,
    School,
)
from cxdesk.period_records import period_snapshot
from cxdesk.school_snapshot import SchoolSnapshot
from cxdesk.services.period_lock import accepted_period
from cxdesk.services.periods import get_period
from cxdesk.services.school_checks import check_school
from cxdesk.services.setup import own_school

PACKAGE_SUFFIX = ".cxpkg"

BLOCKED = Text(
    "还有 {count} 个逻辑错误未修正，不能上报。请先修正以下问题：",
    "{count} hard findings are still open; nothing can be exported until they are fixed:",
)
CORRECTION_NEEDED = Text(
    "教育局已接收（回执）{period} 期次的第 {sequence} 次上报。再次导出该期次即为更正（更正包），"
    "会替换教育局已接收的数据；确认是更正时请加 --correction（程序界面中会先询问）。",
    "The bureau has accepted (receipt) export no. {sequence} of {period}. Exporting that "
    "period again is a correction (更正) that replaces the data the bureau accepted; say so "
    "with --correction (the desktop app asks first).",
)
FILE_EXISTS = Text(
    "文件夹中已有同名文件“{path}”，未覆盖。请换一个文件夹。",
    "A file {path} already exists; it was not overwritten. Choose another folder.",
)
NO_BUREAU_KEY = Text(
    "还没有登记县市教育体育局的密钥文件，上报包无法加密，未导出。"
    "请在“上报”页点“导入教育局密钥文件…”，选择教育局下发的密钥文件（.cxkey），并按盖章的通知输入指纹；"
    "没有收到的，请向教育局索取。（教育局明确要求不加密时，才可用 cxdesk export --unencrypted。）",
    "Your county bureau's key file is not registered, so the package cannot be encrypted; "
    'nothing was exported. On the Report page choose "Import the bureau\'s key file…", '
    "pick the key file (.cxkey) the bureau gave you and type the fingerprint from its stamped "
    "notice; ask the bureau for it if you have none. (Only if the bureau explicitly asks for "
    "an unencrypted package: cxdesk export --unencrypted.)",
)
CANNOT_WRITE = Text(
    "无法写入“{path}”：{reason}。请检查 U 盘或文件夹后重试，数据未受影响。",
    "Cannot write {path}: {reason}. Check the USB drive or folder and try again; your data "
    "is unaffected.",
)


def outbox_dir(db_path: Path) -> Path:
    """The outbox: ``outbox`` beside the database, a copy of every package exported."""
    return Path(db_path).resolve().parent / "outbox"


def package_file_name(school_code: str, period: str, sequence: int) -> str:
    return f"{school_code}_{period}_{sequence:03d}{PACKAGE_SUFFIX}"


@dataclass(frozen=True)
class ExportPreview:
    """What an export would send now."""

    school_code: str
    school_name: str
    county_code: str
    period: str
    sequence: int
    file_name: str
    figures: dict[str, Any]
    counts: dict[str, int]
    hard: list[Finding] = field(default_factory=list)
    soft: list[Finding] = field(default_factory=list)
    #: The reference date (统计时点) the data is taken at.
    reference_date: date | None = None
    #: Records left out because they come after the reference date (a later period's).
    notes: list[Message] = field(default_factory=list)
    #: The bureau has accepted this period (a receipt): exporting it again is a
    #: correction (更正), and the sequence of the accepted export.
    correction: bool = False
    accepted_sequence: int | None = None
    #: To whom the package will be encrypted; None: no bureau key file registered.
    encryption: Encryption | None = None

    @property
    def blocked(self) -> bool:
        return bool(self.hard)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    outbox_path: Path
    sequence: int
    sha256: str
    size: int
    preview: ExportPreview


def next_sequence(session: Session, *, sender_code: str, period: ReportingPeriod) -> int:
    """One more than the highest sequence exported for this period (1 for the first)."""
    highest = session.scalar(
        select(func.max(ExportLog.sequence)).where(
            ExportLog.sender_code == sender_code, ExportLog.period_id == period.id
        )
    )
    return (highest or 0) + 1


def record_counts(snapshot: SchoolSnapshot) -> dict[str, int]:
    """How many records of each kind the package carries (the period's records)."""
    return {
        "counselor": len(snapshot.counselors),
        "certificate": sum(len(p.certificates) for p in snapshot.counselors),
        "counselling_room": len(snapshot.rooms),
        "training_event": len(snapshot.events),
        "attendance": sum(len(dict.fromkeys(e.attendees)) for e in snapshot.events),
    }


def manifest_figures(figures: dict[str, Any]) -> dict[str, Any]:
    """Figures for the manifest: exact decimals written as strings ("23476.8")."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in figures.items()}


def outbox_highest(outbox: Path | None, *, school_code: str, period: str) -> int:
    """The highest sequence among the outbox's files of the period (0: none).

    A package written whose log entry was then lost (the computer died between the two)
    still holds its number: the next export never reuses it.
    """
    if outbox is None or not outbox.is_dir():
        return 0
    pattern = re.compile(
        rf"{re.escape(school_code)}_{re.escape(period)}_(\d{{3,6}}){re.escape(PACKAGE_SUFFIX)}"
    )
    numbers = [int(m.group(1)) for p in outbox.iterdir() if (m := pattern.fullmatch(p.name))]
    return max(numbers, default=0)


def preview_export(
    session: Session, *, period_label: str, outbox: Path | None = None
) -> ExportPreview:
    """What an export would send now (``outbox``: also skip numbers already used there)."""
    school = own_school(session)
    period = get_period(session, period_label)
    findings = check_school(session, school=school, period=period)
    snapshot, notes = period_snapshot(session, school=school, as_of=AsOf.of(period))
    accepted = accepted_period(session, school=school, period=period)
    sequence = max(
        next_sequence(session, sender_code=school.code, period=period),
        outbox_highest(outbox, school_code=school.code, period=period.label) + 1,
    )
    return ExportPreview(
        school_code=school.code,
        school_name=school.name,
        county_code=school.county_code,
        period=period.label,
        sequence=sequence,
        file_name=package_file_name(school.code, period.label, sequence),
        figures=school_figures(session, school=school, period=period),
        counts=record_counts(snapshot),
        hard=[f for f in findings if f.severity == "hard"],
        soft=[f for f in findings if f.severity == "soft"],
        reference_date=period.reference_date,
        notes=notes,
        correction=accepted is not None,
        accepted_sequence=accepted.sequence if accepted else None,
        encryption=export_encryption(session),
    )


def export_report(
    session: Session,
    *,
    period_label: str,
    out_dir: Path,
    outbox: Path,
    signer: Signer,
    created_at: datetime | None = None,
    correction: bool = False,
    unencrypted: bool = False,
) -> ExportResult:
    """Write the signed package of the period to ``out_dir`` and the outbox; log it.

    The package carries the period's records as they stood at its reference date.
    Raises :class:`ExportBlockedError` (listing them) while hard findings are open,
    refuses a period the bureau has accepted unless ``correction`` says this export is a
    correction (更正), and raises an :class:`InputError` saying what to do when no bureau
    key file is registered (unless ``unencrypted``: then the package says it is not
    encrypted).
    """
    preview = preview_export(session, period_label=period_label, outbox=outbox)
    if preview.blocked:
        raise ExportBlockedError(
            BLOCKED(count=len(preview.hard)),
            details=[_finding_line(f) for f in preview.hard],
        )
    if preview.correction and not correction:
        raise InputError(
            CORRECTION_NEEDED(period=preview.period, sequence=f"{preview.accepted_sequence:03d}")
        )
    encryption = UNENCRYPTED if unencrypted else preview.encryption
    if encryption is None:
        raise InputError(NO_BUREAU_KEY())
    school = own_school(session)
    period = get_period(session, period_label)
    created = created_at or utc_now()
    snapshot, _notes = period_snapshot(session, school=school, as_of=AsOf.of(period))
    record_secret = base64.b64encode(os.urandom(32)).decode("ascii")
    plain = {
        WORKBOOK_NAME: _workbook_bytes(session, school=school, period=period, snapshot=snapshot),
        DETAILS_NAME: details_bytes([_finding_json(f) for f in preview.soft], record_secret),
    }
    members = encrypt_members(plain, encryption, names=plain)
    # A replaced key vouches for this one: its statements travel along (key_change.py).
    members.update(statement_members(session))
    manifest = build_manifest(
        kind="report",
        signer=signer,
        sender_role="school",
        sender_code=school.code,
        sender_name=school.name,
        sender_county=school.county_code,
        period=Period.of(period),
        sequence=preview.sequence,
        members=members,
        created_at=created,
        encryption=encryption,
        extra={
            "figures": manifest_figures(preview.figures),
            "counts": preview.counts,
            "correction": preview.correction,
        },
    )
    data = package_bytes(manifest, members, signer)
    target = Path(out_dir) / preview.file_name
    kept = Path(outbox) / preview.file_name
    if target.exists():
        raise InputError(FILE_EXISTS(path=target))
    _write(kept, data)
    # The school keeps what it sent in the clear beside its database (which holds the same
    # data): the package itself opens for the bureaus only, and the next export compares
    # with it (cxdesk.exchange.changes).
    sent = sent_workbook_path(kept)
    sent.parent.mkdir(parents=True, exist_ok=True)
    _write(sent, plain[WORKBOOK_NAME])
    if target.resolve() != kept.resolve():
        try:
            _write(target, data)
        except InputError:
            kept.unlink(missing_ok=True)
            sent.unlink(missing_ok=True)
            raise
    digest = sha256_hex(data)
    session.add(
        ExportLog(
            kind="report",
            sender_code=school.code,
            period_id=period.id,
            sequence=preview.sequence,
            file_name=preview.file_name,
            package_sha256=digest,
            size=len(data),
            out_path=str(target),
            key_fingerprint=signer.fingerprint,
            created_at=created.astimezone(UTC).replace(tzinfo=None),
            status="sent",
            correction=preview.correction,
            figures_json=json.dumps(manifest_figures(preview.figures), ensure_ascii=False),
            record_secret=record_secret,
        )
    )
    session.flush()
    return ExportResult(target, kept, preview.sequence, digest, len(data), preview)


def sent_workbook_path(outbox_copy: Path) -> Path:
    """Where the outbox keeps the workbook of ``outbox_copy`` as sent, in the clear
    (``outbox/sent/<package>.xlsx``: the outbox itself lists packages only)."""
    return outbox_copy.parent / "sent" / (outbox_copy.name + ".xlsx")


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise InputError(CANNOT_WRITE(path=path, reason=exc.strerror or exc)) from exc


def _workbook_bytes(
    session: Session, *, school: School, period: ReportingPeriod, snapshot: SchoolSnapshot
) -> bytes:
    """The period's workbook (template layout plus a summary sheet), made in memory: the
    personal data in it never touches a disk in the clear."""
    # Deferred: the workbook's writer loads openpyxl, and every command that touches the
    # exchange package (``trust list``, ``held list``) loads this module (its __init__).
    from cxdesk.workbook.export import school_workbook_bytes

    return school_workbook_bytes(session, school=school, period=period, snapshot=snapshot)


def _finding_line(f: Finding) -> Any:
    table = TABLE_LABELS[f.table_name][1 if current_language() == "en" else 0]
    return FINDING_LINE(
        rule=f.rule_id, table=table, record=f.record_label, message=f.message.render()
    )


FINDING_LINE = Text(
    "[{rule}] {table}「{record}」：{message}", "[{rule}] {table} {record}: {message}"
)


def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule_id,
        "table": f.table_name,
        "record": f.record_label,
        "field": f.field,
        "message": f.message.render("zh"),
        "explanation": f.explanation,
    }


def last_export_time(session: Session, school_id: int) -> datetime | None:
    """When the school last exported a package (UTC, naive), for the overview page."""
    school = session.get(School, school_id)
    if school is None:
        return None
    return session.scalar(
        select(func.max(ExportLog.created_at)).where(ExportLog.sender_code == school.code)
    )
