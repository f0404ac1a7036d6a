"""The bureau's summary (by county, kind, school; JSON) and the Excel summary with charts."""

from __future__ import annotations

import csv
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cxdesk.bureau.collect import collect
from cxdesk.bureau.excel import write_summary_xlsx
from cxdesk.bureau.summary import bureau_summary
from cxdesk.cli import main
from cxdesk.figures import GroupBy
from cxdesk.services.periods import get_period
from cxdesk.storage.db import Database

from .conftest import COUNTY, Schools
from .helpers import soffice_csv


def test_summary_by_school_and_kind_adds_up_to_the_totals(
    county_db: Database, usb: Path, schools: Schools
) -> None:
    collect(county_db, [usb])
    with county_db.transaction() as session:
        period = get_period(session, "2026")
        by_school = bureau_summary(session, period=period, group_by="school")
        by_kind = bureau_summary(session, period=period, group_by="kind")
    plans = [p for p in schools.plans if p.county == COUNTY]
    assert {r["code"] for r in by_school.rows} == {p.code for p in plans}
    for summary in (by_school, by_kind):
        for key in ("counselors", "full_time", "part_time", "rooms", "schools_reported"):
            assert sum(r[key] for r in summary.rows) == summary.totals[key]
    assert by_school.totals["schools_expected"] == len(plans)
    assert all(r["schools_expected"] == 1 for r in by_school.rows)


def test_a_county_expected_but_silent_still_has_its_row(
    county_db: Database, usb: Path, schools: Schools
) -> None:
    silent = schools.in_county()[0]
    collect(county_db, [p for p in usb.iterdir() if p.name != silent.package.name])
    with county_db.transaction() as session:
        summary = bureau_summary(session, period=get_period(session, "2026"), group_by="school")
    row = next(r for r in summary.rows if r["code"] == silent.code)
    assert row["schools_reported"] == 0 and row["schools_expected"] == 1


def test_summary_command_json_and_xlsx(
    county_db: Database, usb: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    collect(county_db, [usb])
    out = tmp_path / "汇总.xlsx"
    code = main(
        [
            "--db",
            str(county_db.path),
            "summary",
            "--period",
            "2026",
            "--by",
            "county",
            "--json",
            "--xlsx",
            str(out),
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2026"
    assert data["scope"] == {"code": COUNTY, "name": "牟定县教育体育局"}
    assert [r["code"] for r in data["rows"]] == [COUNTY]
    assert data["rows"][0]["name"] == "牟定县"
    assert data["totals"]["schools_expected"] == data["rows"][0]["schools_expected"]
    assert out.is_file()


def _summary_workbook(
    county_db: Database, path: Path, group_by: GroupBy = "school"
) -> dict[str, object]:
    with county_db.transaction() as session:
        summary = bureau_summary(session, period=get_period(session, "2026"), group_by=group_by)
    write_summary_xlsx(path, summary, group_by=group_by)
    return summary.totals


def test_excel_summary_has_the_table_totals_and_native_charts(
    county_db: Database, usb: Path, tmp_path: Path
) -> None:
    collect(county_db, [usb])
    path = tmp_path / "summary.xlsx"
    totals = _summary_workbook(county_db, path)
    book = load_workbook(path)
    sheet = book["汇总"]
    header = [c.value for c in sheet[3]]
    assert header[2] == "应报学校数" and "心理健康教育教师" in header
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    total_row = rows[-1]
    assert total_row[0] == "合计"
    assert total_row[header.index("心理健康教育教师")] == totals["counselors"]
    area = totals["room_area_m2"]
    assert isinstance(area, Decimal | int | float)
    assert total_row[header.index("辅导室面积（平方米）")] == float(area)
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 5


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_opens_the_excel_summary(
    county_db: Database, usb: Path, tmp_path: Path
) -> None:
    collect(county_db, [usb])
    path = tmp_path / "summary.xlsx"
    totals = _summary_workbook(county_db, path)
    csv_path = soffice_csv(path, tmp_path)
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert "心理健康教育教师" in rows[2]
    total = next(r for r in rows if r and r[0] == "合计")
    assert total[rows[2].index("心理健康教育教师")] == str(totals["counselors"])
