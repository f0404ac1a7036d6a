"""Where a counted figure comes from: the exact signed package of each school.

Every school snapshot at a bureau points at the :class:`Submission` it came from: the
sender, the sequence, the SHA-256 of the file, the key's fingerprint, when it was
collected and by whom, the review (accepted or returned, by whom, when), and for a school
package that came inside a county package, that county package.  :func:`package_rows`
reads them for many snapshots in one query; :func:`check_stored_package` reads the stored
file again and proves it is the one counted (same SHA-256, signature intact, same key).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from cxdesk.errors import NotFoundError
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.verify import verify_package
from cxdesk.i18n import Message, Text
from cxdesk.models import School, Submission

NO_SUCH_PACKAGE = Text("没有编号为 {id} 的上报包", "There is no package number {id}")
FILE_MISSING = Text("存档的上报包文件“{path}”不见了", "The stored package file {path} is missing")
FILE_CHANGED = Text(
    "存档的文件与收取时不一致（SHA-256 不符）", "The stored file is not the one collected (SHA-256)"
)
FILE_INTACT = Text(
    "存档的文件就是收取时计入的那一份：SHA-256 相同，签名完好，密钥指纹 {fingerprint}",
    "The stored file is the one counted: same SHA-256, signature intact, key {fingerprint}",
)
KEY_CHANGED = Text(
    "存档文件的签名密钥与收取时记录的不一致", "The stored file's key is not the one recorded"
)


@dataclass(slots=True)
class PackageRow:
    """One received package, as the drill-down and the Excel summary show it."""

    submission_id: int
    sender_code: str
    sender_name: str
    sender_role: str
    county_code: str
    period: str
    sequence: int
    file_sha256: str
    fingerprint: str
    received_at: datetime
    collected_by: str | None
    status: str
    review: str
    reviewed_at: datetime | None
    reviewed_by: str | None
    stored_path: str
    #: The county package it came in (at the prefecture), else None.
    via_code: str | None = None
    via_sequence: int | None = None
    via_sha256: str | None = None

    @property
    def shown_fingerprint(self) -> str:
        return format_fingerprint(self.fingerprint)

    def to_json(self) -> dict[str, Any]:
        return {
            "submission_id": self.submission_id,
            "sender": {
                "code": self.sender_code,
                "name": self.sender_name,
                "role": self.sender_role,
            },
            "county": self.county_code,
            "period": self.period,
            "sequence": self.sequence,
            "sha256": self.file_sha256,
            "fingerprint": self.shown_fingerprint,
            "collected_at": self.received_at.isoformat(),
            "collected_by": self.collected_by,
            "status": self.status,
            "review": self.review,
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "reviewed_by": self.reviewed_by,
            "stored_file": self.stored_path,
            "via_county_package": None
            if self.via_code is None
            else {
                "county": self.via_code,
                "sequence": self.via_sequence,
                "sha256": self.via_sha256,
            },
        }


#: The columns of a PackageRow, in its order (the county package's last).
_VIA = aliased(Submission)
_COLUMNS = (
    Submission.id,
    Submission.sender_code,
    Submission.sender_name,
    Submission.sender_role,
    Submission.county_code,
    Submission.period_label,
    Submission.sequence,
    Submission.file_sha256,
    Submission.sender_fingerprint,
    Submission.received_at,
    Submission.collected_by,
    Submission.status,
    Submission.review,
    Submission.reviewed_at,
    Submission.reviewed_by,
    Submission.stored_path,
    _VIA.sender_code,
    _VIA.sequence,
    _VIA.file_sha256,
)


def _select() -> Any:
    return select(*_COLUMNS).outerjoin(_VIA, _VIA.id == Submission.via_submission_id)


def package_rows(session: Session, submission_ids: Iterable[int]) -> dict[int, PackageRow]:
    """The packages of ``submission_ids``, by id (one query per thousand ids)."""
    ids = sorted(set(submission_ids))
    result: dict[int, PackageRow] = {}
    for start in range(0, len(ids), 1000):
        query = _select().where(Submission.id.in_(ids[start : start + 1000]))
        result.update((row[0], PackageRow(*row)) for row in session.execute(query))
    return result


def packages_of_schools(
    session: Session, school_filter: ColumnElement[bool]
) -> dict[int, PackageRow]:
    """The packages of the school snapshots matching ``school_filter``, by submission id:
    one query, whatever the scope (a whole province's drill-down)."""
    query = _select().join(School, School.submission_id == Submission.id).where(school_filter)
    return {row[0]: PackageRow(*row) for row in session.execute(query)}


def package_row(session: Session, submission_id: int) -> PackageRow:
    row = package_rows(session, [submission_id]).get(submission_id)
    if row is None:
        raise NotFoundError(NO_SUCH_PACKAGE(id=submission_id))
    return row


@dataclass(frozen=True)
class StoredCheck:
    """The stored file read again: ``intact`` when it is exactly the package counted."""

    intact: bool
    message: Message


def check_stored_package(row: PackageRow) -> StoredCheck:
    """Read the stored file again: same SHA-256, intact signature, the same key."""
    path = Path(row.stored_path)
    if not path.is_file():
        return StoredCheck(False, FILE_MISSING(path=path))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != row.file_sha256:
        return StoredCheck(False, FILE_CHANGED())
    try:
        package = verify_package(path)
    except PackageError as exc:
        return StoredCheck(False, exc.message)
    if package.fingerprint != row.fingerprint:
        return StoredCheck(False, KEY_CHANGED())
    return StoredCheck(True, FILE_INTACT(fingerprint=row.shown_fingerprint))
