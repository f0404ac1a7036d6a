"""Export: a complete signed snapshot, refused while hard findings are open, logged."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from cxdesk.exchange import (
    ExportBlockedError,
    ExportResult,
    package_workbook,
    preview_export,
    verify_package,
)
from cxdesk.figures import school_figures
from cxdesk.models import Counselor, ExportLog, SigningKey
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from cxdesk.workbook.export import write_school_workbook
from tests.exchange.conftest import SCHOOL, export_once


def test_export_then_verify(filled_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    result = export_once(filled_db, out)
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
    assert [m.name for m in manifest.members] == ["workbook.xlsx"]
    with filled_db.reading() as session:
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
    assert package_workbook(package) == workbook_path.read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(package.members["workbook.xlsx"]))
    assert "汇总" in book.sheetnames


def test_outbox_log_and_increasing_sequence(filled_db: Database, tmp_path: Path) -> None:
    results = [export_once(filled_db, tmp_path / f"usb{i}") for i in range(3)]
    assert [r.sequence for r in results] == [1, 2, 3]  # type: ignore[attr-defined]
    outbox = filled_db.path.parent / "outbox"
    assert sorted(p.name for p in outbox.iterdir()) == [
        f"{SCHOOL}_2026_001.cxpkg",
        f"{SCHOOL}_2026_002.cxpkg",
        f"{SCHOOL}_2026_003.cxpkg",
    ]
    with filled_db.reading() as session:
        logs = session.scalars(select(ExportLog).order_by(ExportLog.sequence)).all()
        assert [(x.sequence, x.status, x.kind) for x in logs] == [
            (1, "sent", "report"),
            (2, "sent", "report"),
            (3, "sent", "report"),
        ]
        for log, result in zip(logs, results, strict=True):
            assert log.package_sha256 == result.sha256  # type: ignore[attr-defined]
            assert (outbox / log.file_name).read_bytes() == result.path.read_bytes()  # type: ignore[attr-defined]
    # Each is a complete snapshot, not a delta: the same figures each time.
    figures = [verify_package(r.path).manifest.figures for r in results]  # type: ignore[attr-defined]
    assert figures[0] == figures[1] == figures[2]


def test_export_refused_while_hard_findings_are_open(filled_db: Database, tmp_path: Path) -> None:
    with filled_db.transaction() as session:
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
        export_once(filled_db, out)
    assert info.value.exit_code == 1
    assert name in info.value.render()
    assert not out.exists() or not any(out.iterdir())
    assert not (filled_db.path.parent / "outbox").exists() or not any(
        (filled_db.path.parent / "outbox").iterdir()
    )
    with filled_db.reading() as session:
        assert session.scalars(select(ExportLog)).first() is None
        preview = preview_export(session, period_label="2026")
        assert preview.blocked and preview.hard[0].record_label == name


def test_preview_shows_figures_counts_and_soft_findings(filled_db: Database) -> None:
    with filled_db.reading() as session:
        preview = preview_export(session, period_label="2026")
    assert not preview.blocked
    assert preview.sequence == 1 and preview.file_name == f"{SCHOOL}_2026_001.cxpkg"
    assert preview.figures["counselors"] == 7 and preview.counts["counselling_room"] == 2
    assert all(f.severity == "soft" for f in preview.soft)


def test_existing_file_is_not_overwritten(filled_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    (out / f"{SCHOOL}_2026_001.cxpkg").write_bytes(b"someone else's")
    from cxdesk.errors import InputError

    with pytest.raises(InputError):
        export_once(filled_db, out)
    assert (out / f"{SCHOOL}_2026_001.cxpkg").read_bytes() == b"someone else's"
    with filled_db.reading() as session:
        assert session.scalars(select(ExportLog)).first() is None


def test_soft_findings_travel_with_their_explanations(filled_db: Database, tmp_path: Path) -> None:
    result = export_once(filled_db, tmp_path)
    manifest = verify_package(result.path).manifest  # type: ignore[attr-defined]
    findings = json.loads(json.dumps(manifest.data["findings"]))
    with filled_db.reading() as session:
        preview = preview_export(session, period_label="2026")
    assert len(findings) == len(preview.soft)


def test_a_number_used_in_the_outbox_is_never_reused(filled_db: Database, tmp_path: Path) -> None:
    """The computer died after writing package 1 and before logging it: the next export
    takes number 2, so the bureau never sees two different packages numbered 1."""
    first = export_once(filled_db, tmp_path / "usb1")
    with filled_db.transaction() as session:
        session.query(ExportLog).delete()  # as if the transaction had been lost
    second = export_once(filled_db, tmp_path / "usb2")
    assert (first.sequence, second.sequence) == (1, 2)  # type: ignore[attr-defined]
