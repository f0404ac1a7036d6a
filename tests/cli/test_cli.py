"""The command line as a user runs it: exit codes, languages, messages, JSON."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import cxdesk
from cxdesk.cli import main
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services.setup import own_school
from cxdesk.storage.db import open_database
from tests.core.helpers import counselor, part_timer, room

INIT = [
    "--code",
    "2153230001",
    "--name",
    "楚雄市鹿城小学",
    "--county",
    "532301",
    "--kind",
    "primary",
]
KEYS = [
    "schools_expected",
    "schools_reported",
    "counselors",
    "full_time",
    "part_time",
    "cert_level2",
    "cert_level3",
    "cert_other",
    "recruited_since_2020",
    "studio_hosts",
    "studio_members",
    "rooms",
    "room_area_m2",
    "schools_with_room",
    "schools_with_room_pct",
    "training_person_times",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``cxdesk argv`` in this process: exit code, stdout, stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def cxdesk_process(*argv: str) -> subprocess.CompletedProcess[str]:
    """``cxdesk argv`` as its own process, as a user starts it."""
    return subprocess.run(
        [sys.executable, "-m", "cxdesk", *argv], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "school.db")


@pytest.fixture
def school(capsys: pytest.CaptureFixture[str], db: str) -> str:
    code, _, _ = run(capsys, "init", "school", "--db", db, *INIT)
    assert code == 0
    return db


def staff(db: str) -> None:
    """A counselor and a room: a school without findings."""
    database = open_database(Path(db))
    with database.transaction() as session:
        school_id = own_school(session).id
        cs.add_counselor(session, school_id=school_id, data=counselor())
        cs.add_counselor(session, school_id=school_id, data=part_timer())
        rs.add_room(session, school_id=school_id, data=room())
    database.close()


def test_init_school(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "init", "school", "--db", db, *INIT, "--mountain")
    assert (code, err) == (0, "")
    assert out.startswith("已设置学校“楚雄市鹿城小学”（2153230001），数据保存在")
    database = open_database(Path(db))
    with database.reading() as session:
        school = own_school(session)
        assert (school.county_code, school.kind, school.mountain) == ("532301", "primary", True)
    database.close()


def test_init_twice_is_refused(capsys: pytest.CaptureFixture[str], school: str) -> None:
    code, out, err = run(capsys, "init", "school", "--db", school, *INIT)
    assert code == 2 and out == ""
    assert "该数据库已设置为school“楚雄市鹿城小学”（2153230001），不能再次设置。" in err


def test_init_with_a_wrong_code_lists_the_problems(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    argv = ["init", "school", "--db", db, "--code", "2152230001", "--name", " "]
    code, _, err = run(capsys, *argv, "--county", "532301", "--kind", "primary", "--phone", "x")
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == "数据有误，未保存："
    assert len(lines) == 4  # the code, the phone and the empty name
    assert "Traceback" not in err
    code, _, err = run(capsys, "summary", "--db", db)
    assert code == 2 and "数据库尚未设置" in err  # nothing was stored


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], school: str) -> None:
    code, out, _ = run(capsys, "check", "--db", school, "--period", "2026")
    assert code == 1  # a school without counselors: a soft finding
    assert "[提示 S-S03] 学校「楚雄市鹿城小学」: 学校没有在岗的心理健康教育教师" in out
    staff(school)
    code, out, _ = run(capsys, "check", "--db", school, "--period", "2026")
    assert code == 0
    assert out.strip() == "0 个逻辑错误（必须修正），0 个经验校验问题（其中 0 个已填写说明保留）"


def test_check_json_and_english(capsys: pytest.CaptureFixture[str], school: str) -> None:
    code, out, _ = run(
        capsys, "check", "--db", school, "--period", "2026", "--json", "--lang", "en"
    )
    assert code == 1
    data = json.loads(out)
    assert (data["hard"], data["soft"], data["open"], data["school"]) == (0, 1, 1, "2153230001")
    assert data["findings"][0]["message"] == "The school has no counselor in post"
    code, out, _ = run(capsys, "check", "--db", school, "--period", "2026", "--lang", "en")
    assert "[soft S-S03] School「楚雄市鹿城小学」: The school has no counselor in post" in out
    assert "0 hard findings (to fix), 1 soft findings (0 kept with an explanation)" in out


def test_summary_json_has_exactly_the_keys(capsys: pytest.CaptureFixture[str], school: str) -> None:
    staff(school)
    code, out, _ = run(capsys, "summary", "--db", school, "--period", "2026", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["period", "scope", "totals", "rows"]
    assert data["period"] == "2026"
    assert data["scope"] == {"code": "2153230001", "name": "楚雄市鹿城小学"}
    assert list(data["totals"]) == KEYS
    totals = data["totals"]
    assert (totals["counselors"], totals["full_time"], totals["part_time"]) == (2, 1, 1)
    assert (totals["rooms"], totals["room_area_m2"], totals["schools_with_room_pct"]) == (
        1,
        28.6,
        100.0,
    )
    assert totals["training_person_times"] == dict.fromkeys(
        ["national", "provincial", "prefecture", "county", "school"], 0
    )


def test_summary_text_in_both_languages(capsys: pytest.CaptureFixture[str], school: str) -> None:
    staff(school)
    _, zh, _ = run(capsys, "summary", "--db", school, "--period", "2026")
    _, en, _ = run(capsys, "summary", "--db", school, "--period", "2026", "--lang", "en")
    assert "  心理健康教育教师：2" in zh and "  应报学校数：—" in zh  # full-width in Chinese
    assert "培训人次：国家级 0，省级 0" in zh
    assert "  Counselors: 2" in en and "  Room area (m²): 28.6" in en
    assert "National 0" in en


def test_unknown_period_is_an_input_error(capsys: pytest.CaptureFixture[str], school: str) -> None:
    code, _, err = run(capsys, "summary", "--db", school, "--period", "春季")
    assert code == 2 and "期次“春季”无效" in err


def test_usage_error_exits_2_in_chinese(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "check", "--db", db, "--bogus")
    assert code == 2 and out == ""
    assert "命令用法有误：" in err
    code, _, err = run(capsys, "init", "school", "--db", db, *INIT[:-1], "kindergarten")
    assert code == 2 and "命令用法有误：" in err


def test_usage_error_in_english_when_asked(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--lang", "en", "check", "--db", db, "--bogus")
    assert code == 2 and "Wrong use of the command:" in err and "命令用法有误" not in err


def test_version() -> None:
    result = cxdesk_process("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"cxdesk {cxdesk.__version__}"


def test_unexpected_error_is_one_line_without_traceback(school: str) -> None:
    conn = sqlite3.connect(school)
    conn.execute("DROP TABLE attendance")  # a damaged schema: SQL fails in the middle of a query
    conn.commit()
    conn.close()
    result = cxdesk_process("summary", "--db", school, "--period", "2026")
    assert result.returncode not in (0, 1)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("程序内部错误：OperationalError: ")
    assert "数据未受影响" in lines[0]


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库\n", encoding="utf-8")
    result = cxdesk_process("check", "--db", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert path.read_text(encoding="utf-8") == "这不是数据库\n"


def test_demo_into_a_fresh_database_has_no_hard_findings(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and out.startswith("示例学校“楚雄市鹿城第一小学”已填好：7 名教师")
    _, out, _ = run(capsys, "check", "--db", db, "--json")
    assert json.loads(out)["hard"] == 0
    code, out, _ = run(capsys, "summary", "--db", db, "--json")
    totals = json.loads(out)["totals"]
    assert (totals["counselors"], totals["rooms"], totals["cert_level2"]) == (7, 2, 1)
    assert sum(totals["training_person_times"].values()) == 2 + 3 + 4 + 7
    # A second demo into the same file is refused and changes nothing.
    code, _, err = run(capsys, "demo", "--db", db)
    assert code == 2 and "示例数据只能放进新的数据库" in err


def test_a_hard_finding_exits_1_and_an_explained_soft_one_exits_0(
    capsys: pytest.CaptureFixture[str], school: str
) -> None:
    from cxdesk.checks import explain_finding

    staff(school)
    database = open_database(Path(school))
    with database.transaction() as session:
        school_id = own_school(session).id
        small = rs.add_room(session, school_id=school_id, data=room("小辅导室", 80)).id
    code, out, _ = run(capsys, "check", "--db", school, "--period", "2026", "--json")
    assert code == 1 and json.loads(out)["open"] == 1
    with database.transaction() as session:
        explain_finding(
            session,
            school_id=school_id,
            rule_id="S-R01",
            table_name="counselling_room",
            record_id=small,
            explanation="山区学校暂用",
        )
    code, out, _ = run(capsys, "check", "--db", school, "--period", "2026")
    assert code == 0
    assert "（已说明：山区学校暂用）" in out or "(已说明：山区学校暂用)" in out
    # A closed room without the date it closed: a hard finding, which keeps exit 1.
    with database.transaction() as session:
        rs.add_room(session, school_id=school_id, data=room("旧辅导室", status="closed"))
    database.close()
    code, out, _ = run(capsys, "check", "--db", school, "--period", "2026", "--json")
    data = json.loads(out)
    assert code == 1
    assert (data["hard"], data["soft"], data["open"]) == (1, 1, 1)
    assert data["findings"][0]["rule"] == "H-R06"
