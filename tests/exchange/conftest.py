"""Fixtures of the package tests: real keys, real workbooks, real zip files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cxdesk.exchange.encryption import UNENCRYPTED, Encryption
from cxdesk.exchange.export import ExportResult
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.manifest import Period
from cxdesk.exchange.package import build_manifest, package_bytes
from cxdesk.storage.db import Database

SCHOOL = "2153230001"
PERIOD = Period("2026", "2026-01-01", "2026-12-31")


def new_signer() -> Signer:
    return Signer.from_private_key(Ed25519PrivateKey.generate())


@pytest.fixture
def signer() -> Signer:
    return new_signer()


def small_workbook() -> bytes:
    """A real xlsx made by openpyxl, with Chinese text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "教师"
    sheet.append(["姓名", "民族"])
    sheet.append(["李明", "彝族"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make_package(
    signer: Signer,
    members: Mapping[str, bytes] | None = None,
    *,
    kind: str = "report",
    sequence: int = 1,
    code: str = SCHOOL,
    extra: Mapping[str, object] | None = None,
    encryption: Encryption = UNENCRYPTED,
    format_version: int = 2,
) -> bytes:
    """A package of the format's mechanics (members as given, not encrypted unless the
    members and ``encryption`` say so)."""
    members = {"workbook.xlsx": small_workbook()} if members is None else members
    manifest = build_manifest(
        kind=kind,
        signer=signer,
        sender_role="school",
        sender_code=code,
        sender_name="楚雄市鹿城小学",
        sender_county="532301",
        period=PERIOD,
        sequence=sequence,
        members=members,
        extra=extra or {"figures": {"counselors": 1}, "counts": {"counselor": 1}},
        encryption=encryption,
        format_version=format_version,
    )
    return package_bytes(manifest, members, signer)


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The same zip with each entry's content passed through ``change`` (None: drop it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info, content)
    return out.getvalue()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[bytes, str], Path]:
    def _write(data: bytes, name: str = "p.cxpkg") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def filled_db(school_db: Database) -> Database:
    """The shared school database filled with the demo school's roster, rooms, training."""
    from cxdesk.sample.school import fill_demo_school
    from cxdesk.services.setup import own_school

    with school_db.transaction() as session:
        fill_demo_school(session, school=own_school(session), year=2026)
    return school_db


@pytest.fixture
def registered_db(filled_db: Database, sample_bureaus: Path) -> Database:
    """The filled school after it registered 楚雄市's key file: its packages are encrypted."""
    from tests.sample_bureaus import register_county_key_file

    with filled_db.transaction() as session:
        register_county_key_file(session, sample_bureaus, "532301")
    return filled_db


def export_once(
    db: Database,
    out_dir: Path,
    *,
    created_at: datetime | None = None,
    correction: bool = False,
    unencrypted: bool = False,
) -> ExportResult:
    """Export period 2026 from ``db`` into ``out_dir`` with the installation's own key."""
    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer

    with db.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(db.path))
        return export_report(
            session,
            period_label="2026",
            out_dir=out_dir,
            outbox=outbox_dir(db.path),
            signer=signer,
            created_at=created_at,
            correction=correction,
            unencrypted=unencrypted,
        )
