"""A bureau's template carries its standards; a school adopts them when it imports it."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cxdesk.standards.catalogue import list_standards
from cxdesk.storage.db import open_database
from cxdesk.workbook.standards_sheet import DATA_SHEET, TARGETS_SHEET

from .conftest import Cli, fill, snapshot

COUNTY_DB = "county.db"


def county_template(cli: Cli, tmp_path: Path, county: str = "532301") -> Path:
    db = tmp_path / f"{county}-{COUNTY_DB}"
    assert cli("init", "county", "--county", county, db=db).code == 0
    assert cli("standards", "disable", "cn-2015-group-size", db=db).code == 0
    added = cli(
        "standards",
        "add",
        "--name",
        "在校生1000人以上的学校至少1名专职教师",
        "--name-en",
        "1000+ pupils: a full-time counselor",
        "--source",
        "楚教体〔2026〕1号",
        "--from",
        "2026-01-01",
        "--rule",
        "min_counselors",
        "--post-type",
        "full_time",
        "--when-pupils",
        "1000",
        "--target",
        "100",
        db=db,
    )
    assert added.code == 0, added.err
    assert added.out.strip() == f"已添加标准 {county}-1：在校生1000人以上的学校至少1名专职教师"
    out = tmp_path / f"模板-{county}.xlsx"
    result = cli("template", str(out), db=db)
    assert result.code == 0 and "启用 5 条" in result.out
    return out


def keys(db_path: Path) -> dict[str, bool]:
    db = open_database(db_path)
    try:
        with db.reading() as session:
            return {s.key: s.enabled for s in list_standards(session)}
    finally:
        db.close()


def test_the_school_adopts_its_countys_standards_with_its_data(school: Cli, tmp_path: Path) -> None:
    template = county_template(school, tmp_path)
    book = openpyxl.load_workbook(template)
    assert book[DATA_SHEET].sheet_state == "hidden"
    readable = [r for r in book[TARGETS_SHEET].iter_rows(min_row=4, values_only=True)]
    assert [r[0] for r in readable][-1] == "在校生1000人以上的学校至少1名专职教师"
    assert readable[-1][4] == "至少1名专职心理健康教育教师（在校生1000人及以上的学校）"
    filled = fill(
        template,
        tmp_path / "filled.xlsx",
        {
            "辅导室": [
                {
                    "辅导室名称": "心理辅导室",
                    "功能": "综合辅导室",
                    "面积（平方米）": 40,
                    "含个别辅导室": "是",
                    "等级": "标准化",
                }
            ]
        },
    )
    dry = school("import-xlsx", str(filled), "--dry-run", "--json")
    assert dry.code == 0 and dry.json()["standards"]["issuer"] == "楚雄市教育体育局"
    assert "532301-1" not in keys(tmp_path / "school.db")  # a dry run stores nothing
    result = school("import-xlsx", str(filled))
    assert result.code == 0, result.out
    assert "达标标准：采用楚雄市教育体育局" in result.out
    adopted = keys(tmp_path / "school.db")
    assert adopted["532301-1"] is True and adopted["cn-2015-group-size"] is False
    standing = school("compliance", "--period", "2026", "--json").json()
    assert [s["key"] for s in standing["standards"]][-1] == "532301-1"
    outcomes = standing["schools"][0]["standards"]
    assert outcomes["cn-2021-full-time"]["outcome"] == "not_met"
    assert outcomes["cn-2015-room-areas"] == {
        "outcome": "not_met",
        "detail": "缺团体活动室、办公接待区",
    }
    # The school's own words: each standard met or not, and why, as on its overview page.
    lines = school("compliance", "--period", "2026").out.splitlines()
    assert (
        "  ✗ 未达标  [cn-2015-room-areas] "
        "心理辅导室具备个别辅导室、团体活动室、办公接待区三个基本功能区 — 缺团体活动室、办公接待区"
    ) in lines
    # The school gave no number of pupils: the county's 1000-pupil rule cannot be decided.
    assert (
        "  ? 缺少数据  [532301-1] 在校生1000人以上的学校至少1名专职教师 — 未填写在校生数" in lines
    )
    assert "        依据：楚教体〔2026〕1号" in lines
    assert not any("cn-2015-group-size" in line for line in lines)  # switched off by the county


def test_a_changed_standards_sheet_refuses_the_whole_import(school: Cli, tmp_path: Path) -> None:
    template = county_template(school, tmp_path)
    book = openpyxl.load_workbook(template)
    sheet = book[DATA_SHEET]
    sheet.cell(1, 1).value = str(sheet.cell(1, 1).value).replace(
        '"version": 1', '"version": 1, "x": 2'
    )
    filled = tmp_path / "changed.xlsx"
    book.save(filled)
    filled = fill(
        filled,
        filled,
        {"辅导室": [{"辅导室名称": "甲", "功能": "个别辅导室", "面积（平方米）": 12}]},
    )
    before = snapshot(tmp_path / "school.db"), keys(tmp_path / "school.db")
    result = school("import-xlsx", str(filled))
    assert result.code == 2
    assert "“标准数据”表：标准文件有 1 处问题，未作任何更改：" in result.out
    assert "多出 x" in result.out
    assert (snapshot(tmp_path / "school.db"), keys(tmp_path / "school.db")) == before


def test_another_countys_template_is_refused(school: Cli, tmp_path: Path) -> None:
    template = county_template(school, tmp_path, county="532302")
    result = school("import-xlsx", str(template))
    assert result.code == 2
    assert "这份标准由禄丰市教育体育局发布，不是本校所在县市（楚雄市）" in result.out
    assert "532302-1" not in keys(tmp_path / "school.db")


def test_a_plain_template_changes_no_standard(school: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plain.xlsx"
    assert school("template", str(out)).code == 0  # a school's template: no set in it
    assert DATA_SHEET not in openpyxl.load_workbook(out).sheetnames
    before = keys(tmp_path / "school.db")
    assert school("import-xlsx", str(out)).code == 0
    assert keys(tmp_path / "school.db") == before


def test_a_county_adopts_the_prefectures_set_from_a_file(cli: Cli, tmp_path: Path) -> None:
    prefecture, county = tmp_path / "prefecture.db", tmp_path / "county.db"
    assert cli("init", "prefecture", "--code", "532300", db=prefecture).code == 0
    assert cli("standards", "disable", "cn-2015-individual-size", db=prefecture).code == 0
    assert cli("standards", "export", str(tmp_path / "州标准.json"), db=prefecture).code == 0
    assert cli("init", "county", "--county", "532301", db=county).code == 0
    result = cli("standards", "import", str(tmp_path / "州标准.json"), db=county)
    assert result.code == 0 and "更改 1" in result.out
    assert keys(county)["cn-2015-individual-size"] is False
    listed = cli("standards", "list", "--lang", "en", db=county)
    assert "[off] cn-2015-individual-size" in listed.out
    (tmp_path / "bad.json").write_text("{]", "utf-8")
    bad = cli("standards", "import", str(tmp_path / "bad.json"), db=county)
    assert bad.code == 2 and "不是 JSON 文档" in bad.err
