"""Wrong and hostile workbooks: a clear list of problems, and nothing stored."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.workbook.conftest import Cli, fill, school_details, snapshot
from tests.workbook.test_end_to_end import filled_rows

Rows = dict[str, list[dict[str, Any]]]


def _set(sheet: str, row: int, header: str, value: Any) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[sheet][row][header] = value

    return change


def _append(sheet: str, record: dict[str, Any]) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[sheet].append(record)

    return change


def _duplicate(sheet: str, row: int) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[sheet].append(dict(rows[sheet][row]))

    return change


ROW_PROBLEMS = [
    pytest.param(
        _set("教师", 1, "身份证号", "53230119900715001Y"),
        "“教师”表第3行“身份证号”列：身份证号前17位应为数字",
        id="bad-identity-characters",
    ),
    pytest.param(
        _set("教师", 0, "身份证号", "532301198503120027"),
        "“教师”表第2行“身份证号”列：身份证号校验位错误",
        id="bad-identity-check",
    ),
    pytest.param(
        _set("教师", 0, "身份证号", 532301198503120026),
        "“教师”表第2行“身份证号”列：身份证号被存成了数字",
        id="identity-as-number",
    ),
    pytest.param(
        _set("学校", 0, "所在县市", "昆明市"),
        "“学校”表第2行“所在县市”列：“昆明市”不在可选列表中",
        id="unknown-county",
    ),
    pytest.param(
        _set("教师", 0, "专兼职", "临时"),
        "“教师”表第2行“专兼职”列：“临时”不在可选列表中",
        id="unknown-code",
    ),
    pytest.param(
        _set("辅导室", 0, "面积（平方米）", "十八"),
        "“辅导室”表第2行“面积（平方米）”列：面积“十八”应为大于0的数",
        id="text-in-area",
    ),
    pytest.param(
        _set("辅导室", 0, "面积（平方米）", 18.65),
        "“辅导室”表第2行“面积（平方米）”列：面积“18.65”应为大于0的数，最多一位小数",
        id="area-two-decimals",
    ),
    pytest.param(
        _set("学校", 0, "在校生数", "很多"),
        "“学校”表第2行“在校生数”列：“很多”不是整数",
        id="text-in-number",
    ),
    pytest.param(
        _set("培训", 0, "开始日期", "五月"),
        "“培训”表第2行“开始日期”列：“五月”不是日期",
        id="text-in-date",
    ),
    pytest.param(
        _set("培训", 0, "开始日期", "2026-02-30"),
        "“培训”表第2行“开始日期”列：2026年2月没有30日",
        id="date-that-does-not-exist",
    ),
    pytest.param(
        _append("证书", {"教师姓名": "张丽", "证书类别": "国家心理咨询师二级"}),
        "“证书”表第5行“证书编号”列：证书须填写证书编号或发证日期（至少一项）",
        id="record-rule-certificate-without-number-or-date",
    ),
    pytest.param(
        _set("学校", 0, "学校标识码", "2153230999"),
        "学校标识码 2153230999 不是本校的",
        id="another-schools-code",
    ),
    pytest.param(
        _set("教师", 1, "主教学科", None),
        "“教师”表第3行“主教学科”列：兼职教师必须填写主教学科",
        id="record-rule-part-timer-subject",
    ),
    pytest.param(
        _set("培训", 0, "结束日期", date(2026, 5, 1)),
        "“培训”表第2行“结束日期”列：结束日期2026-05-01早于开始日期2026-05-08",
        id="record-rule-event-dates",
    ),
    pytest.param(
        _set("教师", 0, "姓名", None),
        "“教师”表第2行“姓名”列：必须填写",
        id="required-name",
    ),
    pytest.param(
        _duplicate("教师", 1),
        "“教师”表第5行“身份证号”列：与第3行重复",
        id="duplicate-counselor",
    ),
    pytest.param(
        _duplicate("辅导室", 0),
        "“辅导室”表第5行“辅导室名称”列：与第2行重复（心灵驿站）",
        id="duplicate-room",
    ),
    pytest.param(
        _duplicate("培训", 1),
        "“培训”表第4行“培训名称”列：与第3行重复",
        id="duplicate-event",
    ),
    pytest.param(
        _duplicate("参训", 0),
        "“参训”表第5行：与第2行重复",
        id="duplicate-attendance",
    ),
    pytest.param(
        _append(
            "参训",
            {"培训名称": "没有这次培训", "培训开始日期": date(2026, 1, 1), "教师姓名": "张丽"},
        ),
        "“参训”表第5行“培训名称”列：找不到培训“没有这次培训”（2026-01-01）",
        id="unknown-event",
    ),
    pytest.param(
        _append("证书", {"教师姓名": "赵无名", "证书类别": "国家心理咨询师三级", "证书编号": "C3"}),
        "“证书”表第5行“教师姓名”列：找不到教师“赵无名”",
        id="unknown-counselor",
    ),
    pytest.param(
        _set("学校", 0, "学校名称", "长" * 1001),
        "“学校”表第2行“学校名称”列：内容过长（1001 个字，上限 1000）",
        id="huge-string",
    ),
]


@pytest.fixture
def template(school: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    assert school("template", str(path)).code == 0
    return path


def _refused(school: Cli, tmp_path: Path, workbook: Path, expected: str) -> str:
    db = tmp_path / "school.db"
    before, details = snapshot(db), school_details(db)
    result = school("import-xlsx", str(workbook))
    assert result.code == 2, result.out + result.err
    assert "没有导入任何数据" in result.out
    assert expected in result.out, result.out
    assert "Traceback" not in result.out + result.err
    assert snapshot(db) == before
    assert school_details(db) == details
    return result.out


@pytest.mark.parametrize(("change", "expected"), ROW_PROBLEMS)
def test_a_wrong_row_is_listed_and_nothing_is_stored(
    school: Cli, template: Path, tmp_path: Path, change: Callable[[Rows], None], expected: str
) -> None:
    rows = filled_rows()
    change(rows)
    workbook = fill(template, tmp_path / "wrong.xlsx", rows)
    _refused(school, tmp_path, workbook, expected)


def test_every_problem_is_listed_at_once(school: Cli, template: Path, tmp_path: Path) -> None:
    rows = filled_rows()
    rows["教师"][0]["身份证号"] = "532301198503120027"
    rows["辅导室"][1]["面积（平方米）"] = "很大"
    rows["培训"][0]["培训级别"] = "市级"
    out = _refused(school, tmp_path, fill(template, tmp_path / "w.xlsx", rows), "处问题")
    assert "“教师”表第2行“身份证号”列" in out
    assert "“辅导室”表第3行“面积（平方米）”列" in out
    assert "“培训”表第2行“培训级别”列" in out


def _edited(template: Path, out: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    book = openpyxl.load_workbook(fill(template, out, filled_rows()))
    edit(book)
    book.save(out)
    return out


def _missing_sheet(book: openpyxl.Workbook) -> None:
    del book["辅导室"]


def _renamed_header(book: openpyxl.Workbook) -> None:
    book["辅导室"]["C1"] = "面积"


def _formula(book: openpyxl.Workbook) -> None:
    book["教师"]["A2"] = '=CONCATENATE("李","春梅")'


def _merged(book: openpyxl.Workbook) -> None:
    book["辅导室"].merge_cells("D2:E3")


def _too_many_rows(book: openpyxl.Workbook) -> None:
    ws = book["辅导室"]
    for r in range(2, 2003):
        ws.cell(r, 1, f"辅导室{r}")
        ws.cell(r, 2, "个别辅导室")
        ws.cell(r, 3, 12)


def _row_far_below(book: openpyxl.Workbook) -> None:
    book["培训"].cell(25_000, 1, "远在下面的一行")


def _error_value(book: openpyxl.Workbook) -> None:
    cell = book["辅导室"]["C2"]
    cell.value = "#DIV/0!"
    cell.data_type = "e"


SHEET_PROBLEMS = [
    pytest.param(_missing_sheet, "“辅导室”表：缺少工作表“辅导室”", id="missing-sheet"),
    pytest.param(
        _renamed_header,
        "“辅导室”表第1行“面积（平方米）”列：第1行缺少表头“面积（平方米）”",
        id="missing-header",
    ),
    pytest.param(_formula, "“教师”表第2行“姓名”列：是公式", id="formula"),
    pytest.param(_merged, "“辅导室”表：含有合并单元格（D2:E3）", id="merged-cells"),
    pytest.param(_too_many_rows, "“辅导室”表：行数过多：最多 2000 行数据", id="too-many-rows"),
    pytest.param(_row_far_below, "“培训”表：行数过多", id="row-far-below"),
    pytest.param(_error_value, "“辅导室”表第2行“面积（平方米）”列：是错误值 #DIV/0!", id="error"),
]


@pytest.mark.parametrize(("edit", "expected"), SHEET_PROBLEMS)
def test_a_wrong_sheet_is_refused(
    school: Cli,
    template: Path,
    tmp_path: Path,
    edit: Callable[[openpyxl.Workbook], None],
    expected: str,
) -> None:
    _refused(school, tmp_path, _edited(template, tmp_path / "wrong.xlsx", edit), expected)


def _good_bytes(template: Path, tmp_path: Path) -> bytes:
    return fill(template, tmp_path / "good.xlsx", filled_rows()).read_bytes()


def _rezipped(content: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol3;</t></si></sst>"""


def test_not_an_xlsx_file(school: Cli, tmp_path: Path) -> None:
    text = tmp_path / "名单.xlsx"
    text.write_text("姓名,身份证号\n李春梅,532301198503120026\n", encoding="utf-8")
    _refused(school, tmp_path, text, "文件不是 Excel 工作簿（.xlsx）")


def test_an_empty_file(school: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    _refused(school, tmp_path, empty, "文件是空的")


def test_a_missing_file(school: Cli, tmp_path: Path) -> None:
    _refused(school, tmp_path, tmp_path / "nowhere.xlsx", "无法读取文件")


def test_a_truncated_file(school: Cli, template: Path, tmp_path: Path) -> None:
    content = _good_bytes(template, tmp_path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(content[: len(content) // 2])
    _refused(school, tmp_path, broken, "不是 Excel 工作簿")


def test_a_zip_that_is_not_a_workbook(school: Cli, tmp_path: Path) -> None:
    other = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("photo.txt", "not a workbook")
    _refused(school, tmp_path, other, "文件不是 Excel 工作簿（.xlsx）")


def test_a_damaged_part(school: Cli, template: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(
        _rezipped(_good_bytes(template, tmp_path), {"xl/workbook.xml": b"<workbook><oops"})
    )
    _refused(school, tmp_path, damaged, "文件已损坏或不是有效的 Excel 工作簿")


def test_xml_entity_expansion_is_refused(school: Cli, template: Path, tmp_path: Path) -> None:
    content = _good_bytes(template, tmp_path)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
    target = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/styles.xml"
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(_rezipped(content, {target: BILLION_LAUGHS}))
    _refused(school, tmp_path, bomb, "文件已损坏或不是有效的 Excel 工作簿")


def test_a_zip_bomb_is_refused(school: Cli, template: Path, tmp_path: Path) -> None:
    content = _good_bytes(template, tmp_path)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/media/padding.bin", b"\0" * (210 * 1024 * 1024))
    bomb = tmp_path / "zipbomb.xlsx"
    bomb.write_bytes(out.getvalue())
    _refused(school, tmp_path, bomb, "文件解压后过大")


def test_an_old_xls_header_is_recognised(school: Cli, tmp_path: Path) -> None:
    # The compound-file header every .xls starts with, and no encryption stream.
    fake = tmp_path / "old.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    _refused(school, tmp_path, fake, "这是旧版 Excel（.xls）文件")


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_real_xls_file(school: Cli, template: Path, tmp_path: Path) -> None:
    good = fill(template, tmp_path / "good.xlsx", filled_rows())
    out_dir = tmp_path / "xls"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(out_dir),
            str(good),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    _refused(school, tmp_path, out_dir / "good.xls", "这是旧版 Excel（.xls）文件")


def test_a_password_protected_file(school: Cli, template: Path, tmp_path: Path) -> None:
    msoffcrypto = pytest.importorskip(
        "msoffcrypto", reason="msoffcrypto-tool makes encrypted files"
    )
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(_good_bytes(template, tmp_path))
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt("mima123", encrypted)
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(encrypted.getvalue())
    assert msoffcrypto is not None
    _refused(school, tmp_path, locked, "文件设置了打开密码（已加密）")


def test_a_file_over_the_size_limit(school: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as out:
        out.truncate(21 * 1024 * 1024)
    _refused(school, tmp_path, big, "文件太大（21.0 MB，上限 20 MB）")


def _part_names(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.namelist()


SMALL_DTD = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]>'


def test_every_part_is_checked_for_a_dtd(school: Cli, template: Path, tmp_path: Path) -> None:
    """Each part of the workbook in turn gets a DTD: each time the file is refused before
    any XML parser reads it (a harmless DTD, so only the check can refuse it)."""
    content = _good_bytes(template, tmp_path)
    names = _part_names(content)
    assert len(names) > 10
    for name in names:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            original = archive.read(name)
        body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
        target = tmp_path / "dtd.xlsx"
        target.write_bytes(_rezipped(content, {name: SMALL_DTD + body}))
        out = _refused(school, tmp_path, target, f"内部文件“{name}”含有 DTD 或实体声明")
        assert "文件已损坏或不是有效的 Excel 工作簿" in out


def test_reading_does_not_rest_on_openpyxl(
    school: Cli, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importer does not read with openpyxl: with its XML protection off, a bomb is still
    refused (the DTD check, then python-calamine, which expands no entity) and a good
    workbook is imported."""
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    content = _good_bytes(template, tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(_rezipped(content, {"xl/worksheets/sheet3.xml": BILLION_LAUGHS}))
    _refused(school, tmp_path, bomb, "含有 DTD 或实体声明")
    result = school("import-xlsx", str(fill(template, tmp_path / "good.xlsx", filled_rows())))
    assert result.code == 0, result.out + result.err


def test_problems_as_json(school: Cli, template: Path, tmp_path: Path) -> None:
    rows = filled_rows()
    rows["辅导室"][0]["功能"] = "会议室"
    before = snapshot(tmp_path / "school.db")
    result = school("import-xlsx", str(fill(template, tmp_path / "w.xlsx", rows)), "--json")
    assert result.code == 2
    report = result.json()
    assert report["ok"] is False and report["stored"] is False
    assert report["problems"] == [
        {
            "sheet": "辅导室",
            "row": 2,
            "column": "功能",
            "message": "“会议室”不在可选列表中（可选：个别辅导室、团体活动室、办公接待区、心理测量区、"
            "放松室、自主自助活动区、综合辅导室）",
            "text": "“辅导室”表第2行“功能”列：“会议室”不在可选列表中（可选：个别辅导室、团体活动室、"
            "办公接待区、心理测量区、放松室、自主自助活动区、综合辅导室）",
        }
    ]
    assert snapshot(tmp_path / "school.db") == before
