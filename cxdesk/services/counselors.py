"""The roster: adding, changing and removing counselors and their certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cxdesk.checks import record_problems
from cxdesk.errors import InputError, NotFoundError
from cxdesk.i18n import Text
from cxdesk.models import Attendance, Certificate, Counselor, TrainingEvent
from cxdesk.services.records import INVALID_RECORD, CertificateInput, CounselorInput, column_values
from cxdesk.validation import mask_identity_number, normalize_identity_number

NO_SUCH_COUNSELOR = Text("找不到该教师（可能已被删除）", "That counselor no longer exists")
DUPLICATE_IDENTITY = Text(
    "身份证号 {masked} 已属于本校教师“{name}”", "Identity number {masked} already belongs to {name}"
)


def _normalized(data: CounselorInput) -> CounselorInput:
    data.name = (data.name or "").strip()
    # A form or a workbook may leave a tick box empty: empty is "no", never NULL.
    data.psychology_degree = bool(data.psychology_degree)
    data.recruited_as_psych = bool(data.recruited_as_psych)
    if data.identity_number is not None:
        data.identity_number = normalize_identity_number(data.identity_number) or None
    for cert in data.certificates:
        cert.other_name = (cert.other_name or "").strip() or None
        cert.number = (cert.number or "").strip() or None
        cert.issuer = (cert.issuer or "").strip() or None
    return data


def _validate(
    session: Session, *, school_id: int, data: CounselorInput, own_id: int | None
) -> None:
    problems = list(record_problems("counselor", data))
    for cert in data.certificates:
        problems.extend(record_problems("certificate", cert))
    if data.identity_number:
        other = session.scalars(
            select(Counselor).where(
                Counselor.school_id == school_id,
                Counselor.identity_number == data.identity_number,
                Counselor.id != (own_id or -1),
            )
        ).first()
        if other is not None:
            problems.append(
                DUPLICATE_IDENTITY(
                    masked=mask_identity_number(data.identity_number), name=other.name
                )
            )
    if problems:
        raise InputError(INVALID_RECORD(), details=problems)


def _set_certificates(counselor: Counselor, certificates: list[CertificateInput]) -> None:
    """Replace the certificates, keeping the rows whose content did not change."""
    wanted = [column_values(c) for c in certificates]
    kept: list[Certificate] = []
    for cert in list(counselor.certificates):
        values = column_values(
            CertificateInput(cert.kind, cert.other_name, cert.number, cert.issuer, cert.issued_on)
        )
        if values in wanted:
            wanted.remove(values)
            kept.append(cert)
        else:
            counselor.certificates.remove(cert)
    for values in wanted:
        counselor.certificates.append(Certificate(**values))


def add_counselor(session: Session, *, school_id: int, data: CounselorInput) -> Counselor:
    """Check and store a new counselor with certificates; raises InputError with every problem."""
    data = _normalized(data)
    _validate(session, school_id=school_id, data=data, own_id=None)
    counselor = Counselor(school_id=school_id, **column_values(data))
    _set_certificates(counselor, data.certificates)
    session.add(counselor)
    session.flush()
    return counselor


def update_counselor(session: Session, *, counselor_id: int, data: CounselorInput) -> Counselor:
    """Replace a counselor's details and certificates with ``data``."""
    counselor = get_counselor(session, counselor_id)
    data = _normalized(data)
    _validate(session, school_id=counselor.school_id, data=data, own_id=counselor.id)
    for key, value in column_values(data).items():
        setattr(counselor, key, value)
    _set_certificates(counselor, data.certificates)
    session.flush()
    return counselor


@dataclass(frozen=True)
class DeletedCounselor:
    """What a deletion removed, so that an undo can put it back."""

    school_id: int
    data: CounselorInput
    event_ids: tuple[int, ...]


def delete_counselor(session: Session, *, counselor_id: int) -> DeletedCounselor:
    """Delete a counselor with certificates and attendance; returns what it held, for undo."""
    counselor = get_counselor(session, counselor_id)
    deleted = DeletedCounselor(
        counselor.school_id,
        counselor_input(counselor),
        tuple(a.event_id for a in counselor.attendances),
    )
    session.delete(counselor)
    session.flush()
    return deleted


def restore_counselor(session: Session, *, deleted: DeletedCounselor) -> Counselor:
    """Undo a deletion: the counselor, certificates and attendance at events that still exist."""
    counselor = add_counselor(session, school_id=deleted.school_id, data=deleted.data)
    existing = set(
        session.scalars(select(TrainingEvent.id).where(TrainingEvent.id.in_(deleted.event_ids)))
    )
    for event_id in deleted.event_ids:
        if event_id in existing:
            session.add(Attendance(event_id=event_id, counselor_id=counselor.id))
    session.flush()
    return counselor


def get_counselor(session: Session, counselor_id: int) -> Counselor:
    counselor = session.get(Counselor, counselor_id, options=[selectinload(Counselor.certificates)])
    if counselor is None:
        raise NotFoundError(NO_SUCH_COUNSELOR())
    return counselor


def counselor_input(counselor: Counselor) -> CounselorInput:
    """A counselor's stored details as an input, for an edit form or an undo."""
    data = CounselorInput(**column_values_of(counselor))  # type: ignore[arg-type]
    data.certificates = [
        CertificateInput(c.kind, c.other_name, c.number, c.issuer, c.issued_on)
        for c in counselor.certificates
    ]
    return data


def column_values_of(counselor: Counselor) -> dict[str, object]:
    fields = CounselorInput.__dataclass_fields__
    return {name: getattr(counselor, name) for name in fields if name != "certificates"}


@dataclass(frozen=True)
class CounselorRow:
    """A plain row of the roster list: no ORM instance, identity number masked."""

    id: int
    name: str
    gender: str | None
    ethnic_group: str | None
    identity_masked: str
    birth_date: date | None
    post_type: str
    main_subject: str | None
    education: str | None
    title: str | None
    start_date: date | None
    studio_role: str
    status: str
    certificates: tuple[str, ...]


def list_counselors(session: Session, *, school_id: int) -> list[CounselorRow]:
    counselors = session.scalars(
        select(Counselor)
        .where(Counselor.school_id == school_id)
        .options(selectinload(Counselor.certificates))
        .order_by(Counselor.id)
    )
    return [
        CounselorRow(
            id=c.id,
            name=c.name,
            gender=c.gender,
            ethnic_group=c.ethnic_group,
            identity_masked=mask_identity_number(c.identity_number),
            birth_date=c.birth_date,
            post_type=c.post_type,
            main_subject=c.main_subject,
            education=c.education,
            title=c.title,
            start_date=c.start_date,
            studio_role=c.studio_role,
            status=c.status,
            certificates=tuple(cert.kind for cert in c.certificates),
        )
        for c in counselors
    ]
