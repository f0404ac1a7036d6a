"""The chain a school runs: init, template, fill in Excel, import, check, summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.workbook.conftest import ID_LI, ID_WANG, ID_ZHANG, Cli, fill, snapshot

SCHOOL_ROW = {
    "学校标识码": "2153230001",
    "学校名称": "楚雄市鹿城小学",
    "所在县市": "楚雄市",
    "学校类别": "小学",
    "山区学校": "否",
    "在校生数": 1260,
    "联系人": "普丽华",
    "联系电话": "0878-3122846",
}


def filled_rows() -> dict[str, list[dict[str, Any]]]:
    """What a school clerk types, using the labels of the drop-downs."""
    return {
        "学校": [dict(SCHOOL_ROW)],
        "教师": [
            {
                "姓名": "李春梅",
                "身份证号": ID_LI,
                "性别": "女",
                "民族": "彝族",
                "出生日期": date(1985, 3, 12),
                "专兼职": "专职",
                "学历": "大学本科",
                "心理学专业": "是",
                "职称": "一级教师",
                "任职日期": date(2021, 9, 1),
                "按心理健康教育教师招聘": "是",
                "工作室角色": "成员",
                "在岗状态": "在岗",
            },
            {
                "姓名": "王建华",
                "身份证号": ID_WANG,
                "性别": "男",
                "民族": "汉族",
                "出生日期": date(1990, 7, 15),
                "专兼职": "兼职",
                "主教学科": "语文",
                "学历": "大学专科",
                "职称": "二级教师",
                "任职日期": date(2012, 9, 1),
            },
            {
                "姓名": "张丽",
                "身份证号": ID_ZHANG,
                "性别": "女",
                "出生日期": date(1992, 11, 3),
                "专兼职": "兼职",
                "主教学科": "道德与法治",
                "任职日期": date(2016, 9, 1),
            },
        ],
        "证书": [
            {
                "教师姓名": "李春梅",
                "教师身份证号": ID_LI,
                "证书类别": "国家心理咨询师二级",
                "证书编号": "ZX1600123",
                "发证机构": "人力资源和社会保障部",
                "发证日期": date(2016, 5, 20),
            },
            {
                "教师姓名": "王建华",
                "证书类别": "国家心理咨询师三级",
                "发证日期": date(2015, 11, 8),
            },
            {
                "教师姓名": "张丽",
                "教师出生日期": date(1992, 11, 3),
                "证书类别": "其他（注明名称）",
                "证书名称（其他类）": "沙盘游戏指导师",
                "证书编号": "SP-2019-044",
            },
        ],
        "辅导室": [
            {
                "辅导室名称": "心灵驿站",
                "功能": "个别辅导室",
                "面积（平方米）": 18.6,
                "建成年份": 2019,
            },
            {"辅导室名称": "阳光团体活动室", "功能": "团体活动室", "面积（平方米）": "62.4"},
            {
                "辅导室名称": "接待区",
                "功能": "办公接待区",
                "面积（平方米）": 10.3,
                "使用状态": "在用",
            },
        ],
        "培训": [
            {
                "培训名称": "云南省中小学心理健康教育骨干教师培训",
                "培训级别": "省级",
                "主办单位": "云南省教育厅",
                "培训地点": "昆明",
                "开始日期": date(2026, 5, 8),
                "结束日期": date(2026, 5, 11),
                "学时": 32,
            },
            {
                "培训名称": "全国中小学心理健康教育教师培训（线上）",
                "培训级别": "国家级",
                "开始日期": date(2026, 3, 12),
            },
        ],
        "参训": [
            {
                "培训名称": "云南省中小学心理健康教育骨干教师培训",
                "培训开始日期": date(2026, 5, 8),
                "教师姓名": "李春梅",
                "教师身份证号": ID_LI,
            },
            {
                "培训名称": "云南省中小学心理健康教育骨干教师培训",
                "培训开始日期": date(2026, 5, 8),
                "教师姓名": "王建华",
            },
            {
                "培训名称": "全国中小学心理健康教育教师培训（线上）",
                "培训开始日期": "2026-03-12",
                "教师姓名": "张丽",
            },
        ],
    }


def test_school_fills_the_template_and_gets_its_figures(school: Cli, tmp_path: Path) -> None:
    template = tmp_path / "模板.xlsx"
    made = school("template", str(template))
    assert made.code == 0, made.err
    assert template.exists()
    filled = fill(template, tmp_path / "填好.xlsx", filled_rows())

    imported = school("import-xlsx", str(filled))
    assert imported.code == 0, imported.out + imported.err
    assert "教师：新增 3" in imported.out
    assert "辅导室：新增 3" in imported.out

    checked = school("check", "--period", "2026", "--json")
    hard = [f for f in checked.json()["findings"] if f["severity"] == "hard"]
    assert hard == []

    summary = school("summary", "--period", "2026", "--json").json()
    totals = summary["totals"]
    assert summary["scope"] == {"code": "2153230001", "name": "楚雄市鹿城小学"}
    assert totals["counselors"] == 3
    assert (totals["full_time"], totals["part_time"]) == (1, 2)
    assert (totals["cert_level2"], totals["cert_level3"], totals["cert_other"]) == (1, 1, 1)
    assert totals["recruited_since_2020"] == 1
    assert (totals["studio_hosts"], totals["studio_members"]) == (0, 1)
    assert totals["rooms"] == 3
    assert totals["room_area_m2"] == 91.3  # 18.6 + 62.4 + 10.3, exact to 0.1
    assert totals["training_person_times"]["provincial"] == 2
    assert totals["training_person_times"]["national"] == 1


def test_full_width_codes_numbers_dates_and_phones_import_as_ascii(
    school: Cli, tmp_path: Path
) -> None:
    """What a Chinese input method types in full-width mode is read as the plain value."""
    rows = filled_rows()
    rows["学校"][0]["学校标识码"] = "２１５３２３０００１"
    rows["学校"][0]["联系电话"] = "０８７８－３１２２８４６"
    rows["证书"][0]["证书编号"] = "ＺＸ１６００１２３"
    rows["证书"][1]["发证日期"] = "２０１５年１１月８日"
    rows["辅导室"][1]["面积（平方米）"] = "６２．４"
    school("template", str(tmp_path / "t.xlsx"))
    imported = school("import-xlsx", str(fill(tmp_path / "t.xlsx", tmp_path / "w.xlsx", rows)))
    assert imported.code == 0, imported.out + imported.err
    exported = school("summary", "--period", "2026", "--json").json()
    assert exported["totals"]["room_area_m2"] == 91.3
    from cxdesk.models import Certificate, School
    from cxdesk.storage.db import open_database

    db = open_database(tmp_path / "school.db")
    try:
        with db.reading() as session:
            stored = session.query(School).one()
            assert (stored.code, stored.contact_phone) == ("2153230001", "0878-3122846")
            numbers = {c.number for c in session.query(Certificate)}
            assert "ZX1600123" in numbers
            assert date(2015, 11, 8) in {c.issued_on for c in session.query(Certificate)}
    finally:
        db.close()


def test_reimporting_the_same_file_changes_nothing(school: Cli, tmp_path: Path) -> None:
    school("template", str(tmp_path / "t.xlsx"))
    filled = fill(tmp_path / "t.xlsx", tmp_path / "f.xlsx", filled_rows())
    assert school("import-xlsx", str(filled)).code == 0
    before = snapshot(tmp_path / "school.db")

    again = school("import-xlsx", str(filled), "--json")

    assert again.code == 0
    assert again.json()["changes"] == []
    assert again.json()["counts"]["counselors"] == {
        "add": 0,
        "update": 0,
        "unchanged": 3,
        "remove": 0,
    }
    assert snapshot(tmp_path / "school.db") == before  # no change_log rows either


def test_dry_run_stores_nothing(school: Cli, tmp_path: Path) -> None:
    school("template", str(tmp_path / "t.xlsx"))
    filled = fill(tmp_path / "t.xlsx", tmp_path / "f.xlsx", filled_rows())
    before = snapshot(tmp_path / "school.db")

    result = school("import-xlsx", str(filled), "--dry-run", "--json")

    assert result.code == 0
    assert result.json()["stored"] is False
    assert result.json()["counts"]["rooms"]["add"] == 3
    assert snapshot(tmp_path / "school.db") == before


def test_a_changed_row_updates_the_stored_record(school: Cli, tmp_path: Path) -> None:
    school("template", str(tmp_path / "t.xlsx"))
    rows = filled_rows()
    assert (
        school("import-xlsx", str(fill(tmp_path / "t.xlsx", tmp_path / "a.xlsx", rows))).code == 0
    )
    before = snapshot(tmp_path / "school.db")
    rows["教师"][1]["职称"] = "一级教师"
    rows["辅导室"][0]["面积（平方米）"] = 20
    del rows["证书"][2]  # 张丽 is listed on 教师: her certificates are those of 证书

    result = school("import-xlsx", str(fill(tmp_path / "t.xlsx", tmp_path / "b.xlsx", rows)))

    assert result.code == 0, result.out + result.err
    assert "[更新] “教师”第3行 王建华（职称）" in result.out
    assert "[删除] “证书”" in result.out
    after = snapshot(tmp_path / "school.db")
    assert after["counselor"] == before["counselor"]
    assert after["counselling_room"] == before["counselling_room"]
    assert after["certificate"] == before["certificate"] - 1
    # one update of 王建华, one of the room, one delete of the certificate
    assert after["change_log"] == before["change_log"] + 3
    totals = school("summary", "--period", "2026", "--json").json()["totals"]
    assert totals["room_area_m2"] == 92.7
    assert totals["cert_other"] == 0


def test_english_messages(school: Cli, tmp_path: Path) -> None:
    school("template", str(tmp_path / "t.xlsx"))
    rows = filled_rows()
    rows["教师"][0]["身份证号"] = "532301198503120027"
    filled = fill(tmp_path / "t.xlsx", tmp_path / "f.xlsx", rows)

    result = school("import-xlsx", str(filled), "--lang", "en")

    assert result.code == 2
    assert "nothing was imported" in result.out
    assert "Sheet 教师, row 2, column 身份证号: Wrong check character" in result.out
