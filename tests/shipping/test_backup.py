"""Backups: the online backup API, restore (keeping the current file), and the rotation."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cxdesk.errors import InputError
from cxdesk.models import School
from cxdesk.services.setup import own_school
from cxdesk.storage.backup import (
    KEEP_DAILY,
    KEEP_PER_OPERATION,
    KEEP_WEEKLY,
    backup_before,
    create_backup,
    daily_backup,
    latest_good_backup,
    list_backups,
)
from cxdesk.storage.db import Database, open_database
from cxdesk.storage.integrity import quick_check
from cxdesk.storage.restore import restore_backup
from tests.shipping.conftest import damage

START = datetime(2026, 3, 2, 8, 30)  # a Monday


def school_name(path: Path) -> str:
    db = open_database(path)
    try:
        with db.reading() as session:
            return own_school(session).name
    finally:
        db.close()


def rename_school(path: Path, name: str) -> None:
    db = open_database(path)
    try:
        with db.transaction() as session:
            session.query(School).one().name = name
    finally:
        db.close()


def test_backup_holds_the_data_while_the_database_is_open(
    school_db: Database, tmp_path: Path
) -> None:
    with school_db.transaction() as session:
        own_school(session).name = "改名后的学校"
    backup = create_backup(school_db.path, folder=tmp_path / "usb")
    assert backup.parent == tmp_path / "usb"
    assert quick_check(backup, readonly=True).ok
    assert school_name(backup) == "改名后的学校"
    assert not list(backup.parent.glob("*-wal")), "checking a backup leaves no WAL files"


def test_restore_brings_the_data_back_and_keeps_the_current_file(school_file: Path) -> None:
    backup = create_backup(school_file)
    rename_school(school_file, "误改的名字")
    result = restore_backup(school_file, backup)
    assert school_name(school_file) == "楚雄市鹿城小学"
    assert result.previous_saved_as is not None
    assert school_name(result.previous_saved_as) == "误改的名字"
    assert [b.reason for b in list_backups(school_file)] == ["before-restore", "manual"]


def test_restore_over_a_damaged_file_sets_it_aside(school_file: Path) -> None:
    backup = create_backup(school_file)
    original = school_file.read_bytes()
    damage(school_file)
    damaged_bytes = school_file.read_bytes()
    assert damaged_bytes != original
    result = restore_backup(school_file, backup)
    assert quick_check(school_file).ok
    assert school_name(school_file) == "楚雄市鹿城小学"
    assert result.previous_saved_as is not None
    assert result.previous_saved_as.read_bytes() == damaged_bytes
    latest = latest_good_backup(school_file)
    assert latest is not None and latest.path == backup  # the damaged copy is never offered


def test_a_damaged_or_foreign_file_is_not_restored(school_file: Path, tmp_path: Path) -> None:
    before = school_file.read_bytes()
    bad = create_backup(school_file, folder=tmp_path / "usb")
    damage(bad)
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"SQLite format 3\x00 but not really")
    for source in (bad, foreign, tmp_path / "missing.db"):
        with pytest.raises(InputError):
            restore_backup(school_file, source)
    assert school_file.read_bytes() == before
    assert list_backups(school_file) == []


def test_a_backup_from_a_newer_version_is_refused(school_file: Path, tmp_path: Path) -> None:
    import sqlite3

    newer = create_backup(school_file, folder=tmp_path)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(InputError) as caught:
        restore_backup(school_file, newer)
    assert "更新版本" in caught.value.render()


def test_daily_backup_once_a_day(school_file: Path) -> None:
    first = daily_backup(school_file, now=START)
    assert first is not None
    assert daily_backup(school_file, now=START + timedelta(hours=5)) is None
    second = daily_backup(school_file, now=START + timedelta(days=1))
    assert second is not None
    assert [b.path for b in list_backups(school_file)] == [second, first]


def test_rotation_keeps_seven_days_and_four_weeks(school_file: Path) -> None:
    # Used every day for 60 days (twice on some days: the second start takes none).
    for day in range(60):
        daily_backup(school_file, now=START + timedelta(days=day))
        daily_backup(school_file, now=START + timedelta(days=day, hours=6))
    kept = [b.taken_at.date() for b in list_backups(school_file)]
    last = (START + timedelta(days=59)).date()
    recent = [last - timedelta(days=n) for n in range(KEEP_DAILY)]
    assert kept[:KEEP_DAILY] == recent
    older = kept[KEEP_DAILY:]
    assert len(older) == KEEP_WEEKLY
    weeks = [d.isocalendar()[:2] for d in older]
    assert len(set(weeks)) == KEEP_WEEKLY, "one per calendar week"
    assert all(d.isoweekday() == 7 or d == min(recent) - timedelta(days=1) for d in older), (
        "each the newest of its week"
    )
    assert older[-1] >= last - timedelta(days=KEEP_DAILY + 7 * KEEP_WEEKLY)


def test_rotation_counts_days_of_use_not_calendar_days(school_file: Path) -> None:
    # A school that opens the program every other week still has 7 days of use to go back to.
    for n in range(10):
        daily_backup(school_file, now=START + timedelta(days=14 * n))
    dates = [b.taken_at.date() for b in list_backups(school_file)]
    assert len(dates) == KEEP_DAILY + min(KEEP_WEEKLY, 10 - KEEP_DAILY)
    assert dates[0] == (START + timedelta(days=14 * 9)).date()


def test_rotation_keeps_the_newest_of_each_operation_and_every_manual_one(
    school_file: Path,
) -> None:
    manual = [create_backup(school_file, now=START - timedelta(days=400 + n)) for n in range(3)]
    for n in range(KEEP_PER_OPERATION + 3):
        backup_before(school_file, "before-import", now=START + timedelta(minutes=n))
    backup_before(school_file, "collect", now=START + timedelta(hours=1))
    for n in range(30):
        daily_backup(school_file, now=START + timedelta(days=n + 1))
    backups = list_backups(school_file)
    imports = [b for b in backups if b.reason == "before-import"]
    assert [b.taken_at for b in imports] == [
        START + timedelta(minutes=n) for n in reversed(range(3, KEEP_PER_OPERATION + 3))
    ]
    assert [b.reason for b in backups].count("before-collect") == 1
    assert {b.path for b in backups if b.reason == "manual"} == set(manual)


def test_latest_good_backup_skips_damaged_ones(school_file: Path) -> None:
    good = create_backup(school_file, now=START)
    newer = create_backup(school_file, now=START + timedelta(days=1))
    damage(newer)
    latest = latest_good_backup(school_file)
    assert latest is not None and latest.path == good


def test_an_unwritable_folder_is_a_plain_message(school_file: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "usb"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(InputError) as caught:
        create_backup(school_file, folder=blocked)
    assert "无法写入备份" in caught.value.render("zh")
    assert daily_backup(school_file, now=START) is not None  # the start is not stopped


def test_restore_into_a_database_another_process_writes_is_refused(
    school_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import cxdesk.storage.backup

    monkeypatch.setattr(cxdesk.storage.backup, "LOCK_WAIT_SECONDS", 0.5)
    backup = create_backup(school_file, folder=tmp_path)
    writer = sqlite3.connect(school_file, timeout=0.1)
    try:
        writer.execute("BEGIN EXCLUSIVE")
        with pytest.raises(InputError) as caught:
            restore_backup(school_file, backup)
        assert "另一个程序" in caught.value.render("zh")
    finally:
        writer.rollback()
        writer.close()
    assert school_name(school_file) == "楚雄市鹿城小学"
