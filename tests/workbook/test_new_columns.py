"""The columns added with the standards: boarders, a room's basic areas and its grade."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select

from cxdesk.models import CounsellingRoom, School
from cxdesk.storage.db import open_database

from .conftest import Cli, fill


def rooms(db_path: Path) -> list[tuple[object, ...]]:
    db = open_database(db_path)
    try:
        with db.reading() as session:
            return [
                (
                    r.name,
                    r.has_individual,
                    r.has_group,
                    r.has_reception,
                    r.grade,
                    sorted(r.provided_areas()),
                )
                for r in session.scalars(select(CounsellingRoom).order_by(CounsellingRoom.id))
            ]
    finally:
        db.close()


def boarders(db_path: Path) -> int | None:
    db = open_database(db_path)
    try:
        with db.reading() as session:
            return session.scalars(select(School)).one().boarders
    finally:
        db.close()


SCHOOL_ROW = {
    "学校标识码": "2153230001",
    "学校名称": "楚雄市鹿城小学",
    "所在县市": "楚雄市",
    "学校类别": "小学",
    "在校生数": 800,
    "寄宿生数": 120,
}
ROOM_ROWS = [
    {
        "辅导室名称": "综合室",
        "功能": "综合辅导室",
        "面积（平方米）": 45,
        "含个别辅导室": "是",
        "含团体活动室": "是",
        "含办公接待区": "否",
        "等级": "标准化",
    },
    {"辅导室名称": "个辅室", "功能": "个别辅导室", "面积（平方米）": 12.5, "等级": "普通"},
]


def test_round_trip_through_the_workbook(school: Cli, tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    assert school("template", str(template)).code == 0
    filled = fill(template, tmp_path / "f.xlsx", {"学校": [SCHOOL_ROW], "辅导室": ROOM_ROWS})
    assert school("import-xlsx", str(filled)).code == 0
    assert boarders(tmp_path / "school.db") == 120
    expected = [
        ("综合室", True, True, False, "standard", ["group", "individual"]),
        ("个辅室", False, False, False, "ordinary", ["individual"]),
    ]
    assert rooms(tmp_path / "school.db") == expected
    # The package's workbook (the export) carries them, and imports again unchanged.
    exported = tmp_path / "export.xlsx"
    db = open_database(tmp_path / "school.db")
    try:
        from cxdesk.services.periods import get_period
        from cxdesk.services.setup import own_school
        from cxdesk.workbook import write_school_workbook

        with db.transaction() as session:
            write_school_workbook(
                session,
                school=own_school(session),
                period=get_period(session, "2026"),
                path=exported,
            )
    finally:
        db.close()
    again = school("import-xlsx", str(exported), "--json").json()
    assert again["ok"] and again["changes"] == []


def test_more_boarders_than_pupils_is_refused(school: Cli, tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    assert school("template", str(template)).code == 0
    filled = fill(template, tmp_path / "f.xlsx", {"学校": [{**SCHOOL_ROW, "寄宿生数": 900}]})
    result = school("import-xlsx", str(filled))
    assert result.code == 2
    assert "寄宿生数（900）不能多于在校生数（800）" in result.out


def test_a_workbook_made_before_these_columns_keeps_what_is_stored(
    school: Cli, tmp_path: Path
) -> None:
    template = tmp_path / "t.xlsx"
    assert school("template", str(template)).code == 0
    filled = fill(template, tmp_path / "f.xlsx", {"学校": [SCHOOL_ROW], "辅导室": ROOM_ROWS})
    assert school("import-xlsx", str(filled)).code == 0
    before = rooms(tmp_path / "school.db")
    # The same data in the layout of an earlier cxdesk: the new columns are not there.
    book = openpyxl.load_workbook(filled)
    for sheet, headers in (
        ("学校", ("寄宿生数",)),
        ("辅导室", ("含个别辅导室", "含团体活动室", "含办公接待区", "等级")),
    ):
        ws = book[sheet]
        for header in headers:
            column = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)
            ws.delete_cols(column)
    ws = book["辅导室"]
    ws.cell(3, 3).value = 13  # one change an old workbook may still bring: the area
    old = tmp_path / "old.xlsx"
    book.save(old)
    result = school("import-xlsx", str(old), "--json")
    assert result.code == 0, result.out
    assert [c["label"] for c in result.json()["changes"]] == ["个辅室"]
    assert boarders(tmp_path / "school.db") == 120
    assert rooms(tmp_path / "school.db") == before
