"""Export: a complete signed snapshot, refused while hard findings are open, logged."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from cxdesk.errors import InputError
from cxdesk.exchange.errors import ExportBlockedError
from cxdesk.exchange.export import ExportResult, preview_export
from cxdesk.exchange.verify import verify_package
from cxdesk.exchange.workbook_check import package_workbook
from cxdesk.figures import school_figures
from cxdesk.models import Counselor, ExportLog, SigningKey
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from cxdesk.workbook.export import write_school_workbook
from tests.exchange.conftest import SCHOOL, export_once
from tests.sample_bureaus import open_as


def test_export_then_verify(registered_db: Database, tmp_path: Path, sample_bureaus: Path) -> None:
    out = tmp_path / "usb"
    result = export_once(registered_db, out)
    assert isinstance(result, ExportResult)
    assert result.path == out / f"{SCHOOL}_2026_001.cxpkg"
    package = verify_package(result.path)
    manifest = package.manifest
    assert (manifest.kind, manifest.sender.role, manifest.sender.code) == (
        "report",
        "school",
        SCHOOL,
    )
    assert manifest.sender.county == "532301"
    assert manifest.sequence == 1
    assert manifest.period.label == "2026" and manifest.period.end == "2026-12-31"
    # Format 2: the workbook and the findings encrypted to the county and the prefecture.
    assert manifest.format_version == 2
    assert [m.name for m in manifest.members] == ["workbook.xlsx.age", "details.json.age"]
    assert manifest.encryption is not None and manifest.encryption.encrypted
    assert [(r.role, r.code) for r in manifest.encryption.recipients] == [
        ("county", "532301"),
        ("prefecture", "532300"),
    ]
    assert "findings" not in manifest.data
    with registered_db.reading() as session:
        school = own_school(session)
        period = get_period(session, "2026")
        figures = school_figures(session, school=school, period=period)
        key_fingerprint = session.scalars(select(SigningKey)).one().fingerprint
        workbook_path = tmp_path / "direct.xlsx"
        write_school_workbook(session, school=school, period=period, path=workbook_path)
    assert package.fingerprint == key_fingerprint
    # The figures travel exactly (the area as a decimal string); the workbook is the
    # workbook engineer's export, byte for byte.
    assert manifest.figures["counselors"] == figures["counselors"] == 7
    assert Decimal(manifest.figures["room_area_m2"]) == figures["room_area_m2"]
    assert manifest.counts == {
        "counselor": 7,
        "certificate": 5,
        "counselling_room": 2,
        "training_event": manifest.counts["training_event"],
        "attendance": manifest.counts["attendance"],
    }
    opened = open_as(sample_bureaus, "532301", package)
    assert package_workbook(opened) == workbook_path.read_bytes()
    assert open_as(sample_bureaus, "532300", package).members == opened.members
    book = openpyxl.load_workbook(io.BytesIO(opened.members["workbook.xlsx"]))
    assert "汇总" in book.sheetnames


def test_outbox_log_and_increasing_sequence(registered_db: Database, tmp_path: Path) -> None:
    results = [export_once(registered_db, tmp_path / f"usb{i}") for i in range(3)]
    assert [r.sequence for r in results] == [1, 2, 3]
    outbox = registered_db.path.parent / "outbox"
    assert sorted(p.name for p in outbox.iterdir() if p.is_file()) == [
        f"{SCHOOL}_2026_001.cxpkg",
        f"{SCHOOL}_2026_002.cxpkg",
        f"{SCHOOL}_2026_003.cxpkg",
    ]
    # Beside them, each workbook as sent, in the clear, for the school's own comparisons.
    assert sorted(p.name for p in (outbox / "sent").iterdir()) == [
        f"{SCHOOL}_2026_00{n}.cxpkg.xlsx" for n in (1, 2, 3)
    ]
    with registered_db.reading() as session:
        logs = session.scalars(select(ExportLog).order_by(ExportLog.sequence)).all()
        assert [(x.sequence, x.status, x.kind) for x in logs] == [
            (1, "sent", "report"),
            (2, "sent", "report"),
            (3, "sent", "report"),
        ]
        for log, result in zip(logs, results, strict=True):
            assert log.package_sha256 == result.sha256
            assert (outbox / log.file_name).read_bytes() == result.path.read_bytes()
    # Each is a complete snapshot, not a delta: the same figures each time.
    figures = [verify_package(r.path).manifest.figures for r in results]
    assert figures[0] == figures[1] == figures[2]


def test_export_refused_while_hard_findings_are_open(
    registered_db: Database, tmp_path: Path
) -> None:
    with registered_db.transaction() as session:
        # Data stored by an older version, before the rule existed: a part-timer with no
        # main subject is a hard finding.
        counselor = session.scalars(
            select(Counselor).where(Counselor.post_type == "part_time")
        ).first()
        assert counselor is not None
        counselor.main_subject = None
        name = counselor.name
    out = tmp_path / "usb"
    with pytest.raises(ExportBlockedError) as info:
        export_once(registered_db, out)
    assert info.value.exit_code == 1
    assert name in info.value.render()
    assert not out.exists() or not any(out.iterdir())
    assert not (registered_db.path.parent / "outbox").exists() or not any(
        (registered_db.path.parent / "outbox").iterdir()
    )
    with registered_db.reading() as session:
        assert session.scalars(select(ExportLog)).first() is None
        preview = preview_export(session, period_label="2026")
        assert preview.blocked and preview.hard[0].record_label == name


def test_preview_shows_figures_counts_and_soft_findings(registered_db: Database) -> None:
    with registered_db.reading() as session:
        preview = preview_export(session, period_label="2026")
    assert not preview.blocked
    assert preview.sequence == 1 and preview.file_name == f"{SCHOOL}_2026_001.cxpkg"
    assert preview.figures["counselors"] == 7 and preview.counts["counselling_room"] == 2
    assert all(f.severity == "soft" for f in preview.soft)


def test_existing_file_is_not_overwritten(registered_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    (out / f"{SCHOOL}_2026_001.cxpkg").write_bytes(b"someone else's")
    from cxdesk.errors import InputError

    with pytest.raises(InputError):
        export_once(registered_db, out)
    assert (out / f"{SCHOOL}_2026_001.cxpkg").read_bytes() == b"someone else's"
    with registered_db.reading() as session:
        assert session.scalars(select(ExportLog)).first() is None


def test_soft_findings_travel_encrypted_with_their_explanations(
    registered_db: Database, tmp_path: Path, sample_bureaus: Path
) -> None:
    from cxdesk.checks import explain_finding
    from cxdesk.services.records import RoomInput
    from cxdesk.services.rooms import add_room

    with registered_db.transaction() as session:
        school_id = own_school(session).id
        small = add_room(session, school_id=school_id, data=RoomInput("小辅导室", "individual", 80))
        explain_finding(
            session,
            school_id=school_id,
            rule_id="S-R01",
            table_name="counselling_room",
            record_id=small.id,
            explanation="山区学校暂用",
        )
    result = export_once(registered_db, tmp_path)
    package = verify_package(result.path)
    details = json.loads(open_as(sample_bureaus, "532301", package).members["details.json"])
    assert {"rule": "S-R01", "record": "小辅导室", "explanation": "山区学校暂用"}.items() <= next(
        f for f in details["findings"] if f["rule"] == "S-R01"
    ).items()
    with registered_db.reading() as session:
        preview = preview_export(session, period_label="2026")
        secret = session.scalars(select(ExportLog.record_secret)).one()
    assert preview.soft and len(details["findings"]) == len(preview.soft)
    assert {f["record"] for f in details["findings"]} == {f.record_label for f in preview.soft}
    # The record key a return will use travels inside, and the school keeps it.
    assert secret is not None and details["record_secret"] == secret and len(secret) == 44


def test_without_a_bureau_key_file_the_export_stops_and_says_what_to_do(
    filled_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    with pytest.raises(InputError) as info:
        export_once(filled_db, out)
    assert "导入教育局密钥文件" in info.value.render()
    assert "cxdesk export --unencrypted" in info.value.render("en")
    assert not out.exists()
    with filled_db.reading() as session:
        assert session.scalars(select(ExportLog)).first() is None
        assert preview_export(session, period_label="2026").encryption is None


def test_the_explicit_unencrypted_export_says_so(filled_db: Database, tmp_path: Path) -> None:
    result = export_once(filled_db, tmp_path / "usb", unencrypted=True)
    package = verify_package(result.path)
    assert package.manifest.format_version == 2
    assert package.manifest.data["encryption"] == {"scheme": "none", "recipients": []}
    assert [m.name for m in package.manifest.members] == ["workbook.xlsx", "details.json"]


def test_a_number_used_in_the_outbox_is_never_reused(
    registered_db: Database, tmp_path: Path
) -> None:
    """The computer died after writing package 1 and before logging it: the next export
    takes number 2, so the bureau never sees two different packages numbered 1."""
    first = export_once(registered_db, tmp_path / "usb1")
    with registered_db.transaction() as session:
        session.query(ExportLog).delete()  # as if the transaction had been lost
    second = export_once(registered_db, tmp_path / "usb2")
    assert (first.sequence, second.sequence) == (1, 2)
