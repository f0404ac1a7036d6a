"""The county package (县级上报包): a county's accepted school packages, for the prefecture.

A signed package of kind ``county-report`` (the same zip format as every package, see
docs/package-format.md) whose members are

* ``schools/<file>.cxpkg`` — each counted school package of the period, byte for byte as the
  school signed it;
* ``schools.json`` — the county's index of them: ``[{"member", "code", "sequence",
  "sha256", "fingerprint"}]``: the prefecture checks that every school package is the file
  the county vouched for, signed by the key the county registered;
* ``register.json`` — the county's register: ``[{"code", "name", "county_code", "kind",
  "contact_person", "contact_phone"}]``; in format 2 it names contacts, so it travels as
  ``register.json.age``, encrypted to the prefecture bureau's key (the school packages are
  encrypted already, by their schools).

The manifest carries the county's own totals for a person to glance at; the prefecture
never counts them, it sums the school snapshots.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cxdesk.bureau.package_layout import REGISTER_MEMBER, SCHOOLS_FOLDER, SCHOOLS_INDEX
from cxdesk.bureau.register import register_entries
from cxdesk.bureau.summary import bureau_summary
from cxdesk.errors import InputError
from cxdesk.exchange.bureau_keyfile import prefecture_encryption
from cxdesk.exchange.encryption import UNENCRYPTED, encrypt_members
from cxdesk.exchange.export import FILE_EXISTS, manifest_figures
from cxdesk.exchange.key_change import statement_members
from cxdesk.exchange.keys import Signer, keys_dir, load_signer
from cxdesk.exchange.manifest import Period
from cxdesk.exchange.package import build_manifest, package_bytes, sha256_hex, write_atomically
from cxdesk.i18n import Text
from cxdesk.models import ExportLog, Submission
from cxdesk.services.bureaus import require_county
from cxdesk.services.periods import get_period
from cxdesk.storage.changes import Changes, changes_of
from cxdesk.storage.db import Database

NOTHING_TO_SEND = Text(
    "期次 {period} 还没有接收任何学校的上报包，无法生成县级上报包。",
    "No school package has been accepted for {period} yet: there is nothing to send.",
)
MISSING_FILE = Text(
    "已接收的上报包文件“{path}”不见了。请从学校重新收取后再试。",
    "The received package file {path} is missing. Collect it again from the school.",
)
NO_PREFECTURE_KEY = Text(
    "还没有登记州教育体育局的密钥文件，县级上报包中的学校名册（含联系人）无法加密，未导出。"
    "请在“本局密钥”页登记州局的密钥文件（或 cxdesk trust bureau 文件 --fingerprint 指纹）；"
    "州局明确要求不加密时，才可用 cxdesk county-export --unencrypted。",
    "The prefecture bureau's key file is not registered, so the register in the county "
    "package (it names contacts) cannot be encrypted; nothing was exported. Register the "
    "prefecture's key file on the Our keys page (or cxdesk trust bureau FILE --fingerprint "
    "…); only if the prefecture explicitly asks for it: cxdesk county-export --unencrypted.",
)


@dataclass(frozen=True)
class CountyExport:
    path: Path
    sequence: int
    schools: int
    sha256: str


@dataclass(frozen=True)
class CountyExportDone:
    """A county package written, and what logging it changed."""

    export: CountyExport
    changes: Changes


def county_file_name(county: str, period: str, sequence: int) -> str:
    return f"{county}_{period}_{sequence:03d}.cxpkg"


def export_county_package(
    session: Session,
    *,
    period_label: str,
    out_dir: Path,
    signer: Signer,
    created_at: datetime | None = None,
    unencrypted: bool = False,
) -> CountyExport:
    """Write the signed county package of the period into ``out_dir`` and log it.

    Its register is encrypted to the prefecture's registered key; without one the export
    stops with what to do, unless ``unencrypted`` was asked for (the package says so).
    """
    bureau = require_county(session)
    encryption = UNENCRYPTED if unencrypted else prefecture_encryption(session)
    if encryption is None:
        raise InputError(NO_PREFECTURE_KEY())
    period = get_period(session, period_label)
    counted = session.scalars(
        select(Submission)
        .where(
            Submission.period_label == period.label,
            Submission.status == "accepted",
            Submission.sender_role == "school",
            Submission.county_code == bureau.code,
        )
        .order_by(Submission.sender_code)
    ).all()
    if not counted:
        raise InputError(NOTHING_TO_SEND(period=period.label))
    members: dict[str, bytes] = {}
    index: list[dict[str, Any]] = []
    for sub in counted:
        stored = Path(sub.stored_path)
        try:
            data = stored.read_bytes()
        except OSError as exc:
            raise InputError(MISSING_FILE(path=stored)) from exc
        if sha256_hex(data) != sub.file_sha256:
            raise InputError(MISSING_FILE(path=stored))
        member = f"{SCHOOLS_FOLDER}{sub.sender_code}_{sub.period_label}_{sub.sequence:03d}.cxpkg"
        members[member] = data
        index.append(
            {
                "member": member,
                "code": sub.sender_code,
                "sequence": sub.sequence,
                "sha256": sub.file_sha256,
                "fingerprint": sub.sender_fingerprint,
            }
        )
    register = [
        {
            "code": r.code,
            "name": r.name,
            "county_code": r.county_code,
            "kind": r.kind,
            "contact_person": r.contact_person,
            "contact_phone": r.contact_phone,
        }
        for r in register_entries(session, county_code=bureau.code)
    ]
    members[SCHOOLS_INDEX] = _json_bytes(index)
    members[REGISTER_MEMBER] = _json_bytes(register)
    members.update(statement_members(session))  # a replaced key vouched for (key_change.py)
    members = encrypt_members(members, encryption, names=[REGISTER_MEMBER])
    last = session.scalar(
        select(func.max(ExportLog.sequence)).where(
            ExportLog.sender_code == bureau.code,
            ExportLog.period_id == period.id,
            ExportLog.kind == "county-report",
        )
    )
    sequence = int(last or 0) + 1
    summary = bureau_summary(session, period=period, bureau=bureau)
    manifest = build_manifest(
        kind="county-report",
        signer=signer,
        sender_role="county",
        sender_code=bureau.code,
        sender_name=bureau.name,
        sender_county=bureau.code,
        period=Period.of(period),
        sequence=sequence,
        members=members,
        created_at=created_at,
        encryption=encryption,
        extra={
            "figures": manifest_figures(summary.totals),
            "counts": {"schools": len(counted), "register": len(register)},
        },
    )
    data = package_bytes(manifest, members, signer)
    path = Path(out_dir) / county_file_name(bureau.code, period.label, sequence)
    if path.exists():
        raise InputError(FILE_EXISTS(path=path))
    write_atomically(path, data)
    digest = sha256_hex(data)
    session.add(
        ExportLog(
            kind="county-report",
            sender_code=bureau.code,
            period_id=period.id,
            sequence=sequence,
            file_name=path.name,
            package_sha256=digest,
            size=len(data),
            out_path=str(path),
            key_fingerprint=signer.fingerprint,
            created_at=datetime.now().replace(microsecond=0),
            status="sent",
        )
    )
    session.flush()
    return CountyExport(path, sequence, len(counted), digest)


def export_county(
    db: Database, *, period_label: str, out_dir: Path, unencrypted: bool = False
) -> CountyExportDone:
    """The county's export as one user action, the desktop app's and ``cxdesk
    county-export``'s: the bureau's signing key opened, the package written and logged in
    one transaction (:func:`export_county_package`)."""
    with db.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(Path(db.path)))
        export = export_county_package(
            session,
            period_label=period_label,
            out_dir=out_dir,
            signer=signer,
            unencrypted=unencrypted,
        )
    return CountyExportDone(export, changes_of(session))


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
