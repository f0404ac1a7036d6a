"""A damaged database at start: a plain message naming the latest good backup, and the
command line's restore brings the data back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cxdesk.cli import main
from cxdesk.services.setup import own_school
from cxdesk.storage.backup import create_backup, list_backups
from cxdesk.storage.damaged import DatabaseDamagedError
from cxdesk.storage.db import open_database
from tests.shipping.conftest import damage


def test_open_database_says_the_file_is_damaged_and_names_the_backup(school_file: Path) -> None:
    create_backup(school_file, now=datetime(2026, 5, 4, 9, 15))
    damage(school_file)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(school_file)
    text = caught.value.render("zh")
    assert "已损坏" in text and "2026-05-04 09:15" in text and "cxdesk backup restore" in text
    assert "damaged" in caught.value.render("en")


def test_not_sqlite_at_all_is_damaged_too(tmp_path: Path) -> None:
    path = tmp_path / "cxdesk.db"
    path.write_bytes(b"\x00garbage" * 2000)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(path)
    assert caught.value.latest_good is None
    assert "U 盘" in caught.value.render("zh")


def test_cli_says_how_to_restore_and_restore_brings_the_data_back(
    school_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "create", "--db", str(school_file)]) == 0
    damage(school_file)
    capsys.readouterr()

    assert main(["summary", "--db", str(school_file), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "cxdesk backup restore" in err and "Traceback" not in err

    assert main(["backup", "list", "--db", str(school_file)]) == 0
    assert "手动" in capsys.readouterr().out

    assert main(["backup", "restore", "--db", str(school_file)]) == 0
    out = capsys.readouterr().out
    assert "恢复" in out
    db = open_database(school_file)
    try:
        with db.reading() as session:
            assert own_school(session).name == "楚雄市鹿城小学"
    finally:
        db.close()
    assert [b.reason for b in list_backups(school_file)] == ["damaged", "manual"]


def test_cli_restore_by_number_and_to_a_folder(
    school_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = tmp_path / "usb"
    assert main(["backup", "create", "--to", str(usb), "--db", str(school_file)]) == 0
    [copy] = usb.iterdir()
    assert main(["backup", "restore", str(copy), "--db", str(school_file)]) == 0
    assert main(["backup", "restore", "7", "--db", str(school_file)]) == 2
    assert "7" in capsys.readouterr().err
    assert main(["backup", "restore", "1", "--db", str(school_file)]) == 0


def test_cli_restore_without_any_backup_explains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cxdesk.db"
    path.write_bytes(b"junk" * 100)
    assert main(["backup", "restore", "--db", str(path), "--lang", "en"]) == 2
    assert "No good backup" in capsys.readouterr().err
    assert path.read_bytes() == b"junk" * 100


def test_commands_take_the_daily_backup(school_file: Path) -> None:
    assert main(["summary", "--db", str(school_file)]) == 0
    assert main(["check", "--db", str(school_file)]) in (0, 1)
    assert [b.reason for b in list_backups(school_file)] == ["daily"]


def test_backup_of_a_server_database_points_to_pg_dump(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "list", "--db", "postgresql://clerk@192.168.1.10/cxdesk"]) == 2
    assert "pg_dump" in capsys.readouterr().err


def test_an_import_is_preceded_by_a_backup(school_file: Path, tmp_path: Path) -> None:
    from cxdesk.workbook.template import write_template

    workbook = tmp_path / "filled.xlsx"
    write_template(workbook)
    assert main(["import-xlsx", str(workbook), "--dry-run", "--db", str(school_file)]) == 0
    assert "before-import" not in [b.reason for b in list_backups(school_file)]
    assert main(["import-xlsx", str(workbook), "--db", str(school_file)]) == 0
    assert "before-import" in [b.reason for b in list_backups(school_file)]
