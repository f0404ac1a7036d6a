"""Workbooks as other programs write them, through ``cxdesk import-xlsx`` (issue 16).

The reader (python-calamine, after a survey of each sheet's XML) must give what the
template filled by openpyxl gives, whichever program saved the file: LibreOffice (headless,
re-saving the filled template), and the way WPS and Excel write (shared strings with rich
text and phonetics, inline strings, dates as numbers under built-in, Chinese and custom
date formats, the 1904 date system, numbers stored as text).  And it must refuse what the
old reader refused, with the same messages: formulas (also with the value the program
computed, also shared), error values, identity numbers stored as numbers; plus sheets
whose cells lie too far apart, refused before any grid is built.
"""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.workbook.conftest import ID_LI, SCHOOL_INIT, Cli, fill
from tests.workbook.test_end_to_end import filled_rows
from tests.workbook.xlsx_writer import Options, write_workbook

Stored = dict[str, list[tuple[Any, ...]]]


def stored_data(db: Path) -> Stored:
    """Every value the import stored, without ids (two imports compare equal)."""
    conn = sqlite3.connect(db)
    try:
        queries = {
            "school": "SELECT code, name, county_code, kind, mountain, enrolment, "
            "contact_person, contact_phone FROM school",
            "counselor": "SELECT name, gender, ethnic_group, identity_number, birth_date, "
            "post_type, main_subject, education, psychology_degree, title, start_date, "
            "recruited_as_psych, studio_role, status, left_date FROM counselor",
            "certificate": "SELECT c.name, k.kind, k.other_name, k.number, k.issuer, "
            "k.issued_on FROM certificate k JOIN counselor c ON c.id = k.counselor_id",
            "room": "SELECT name, function, area_tenths, year_opened, status FROM counselling_room",
            "event": "SELECT title, level, organiser, place, start_date, end_date, hours "
            "FROM training_event",
            "attendance": "SELECT e.title, c.name FROM attendance a "
            "JOIN training_event e ON e.id = a.event_id JOIN counselor c ON c.id = a.counselor_id",
        }
        return {k: sorted(conn.execute(q), key=repr) for k, q in queries.items()}
    finally:
        conn.close()


@pytest.fixture
def reference(cli: Cli, tmp_path: Path) -> Stored:
    """What importing the template, filled by openpyxl, stores."""
    db = tmp_path / "reference.db"
    assert cli(*SCHOOL_INIT, db=db).code == 0
    template = tmp_path / "template.xlsx"
    assert cli("template", str(template), db=db).code == 0
    result = cli("import-xlsx", str(fill(template, tmp_path / "filled.xlsx", filled_rows())), db=db)
    assert result.code == 0, result.out + result.err
    data = stored_data(db)
    assert len(data["counselor"]) == 3 and len(data["attendance"]) == 3
    return data


def _imported(school: Cli, tmp_path: Path, content: bytes, name: str = "wps.xlsx") -> Stored:
    path = tmp_path / name
    path.write_bytes(content)
    result = school("import-xlsx", str(path))
    assert result.code == 0, result.out + result.err
    return stored_data(tmp_path / "school.db")


def _refused(school: Cli, tmp_path: Path, content: bytes, *expected: str) -> str:
    path = tmp_path / "wrong.xlsx"
    path.write_bytes(content)
    result = school("import-xlsx", str(path))
    assert result.code == 2, result.out + result.err
    assert "Traceback" not in result.out + result.err
    for text in expected:
        assert text in result.out, result.out
    assert stored_data(tmp_path / "school.db")["counselor"] == []
    return result.out


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(Options(), id="shared-strings-rich-text-and-date-formats"),
        pytest.param(Options(strings="inline", rich_text=False), id="inline-strings"),
        pytest.param(Options(numbers_as_text=True), id="numbers-as-text"),
        pytest.param(Options(date1904=True), id="1904-date-system"),
    ],
)
def test_as_wps_and_excel_write_it(
    school: Cli, tmp_path: Path, reference: Stored, options: Options
) -> None:
    content = write_workbook(filled_rows(), options)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    assert (b't="s"' in sheet) == (options.strings == "shared")
    assert _imported(school, tmp_path, content) == reference


def _soffice(source: Path, out_dir: Path, profile: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / source.name


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@needs_libreoffice
def test_saved_by_libreoffice(school: Cli, tmp_path: Path, reference: Stored, cli: Cli) -> None:
    template = tmp_path / "t.xlsx"
    assert school("template", str(template)).code == 0
    filled = fill(template, tmp_path / "filled.xlsx", filled_rows())
    book = openpyxl.load_workbook(filled)
    book["教师"]["A9"] = '=CONCATENATE("李","春梅")'  # LibreOffice computes and keeps "李春梅"
    book.save(tmp_path / "with-formula.xlsx")
    saved = _soffice(filled, tmp_path / "lo", tmp_path / "lo-profile")
    with_formula = _soffice(
        tmp_path / "with-formula.xlsx", tmp_path / "lo", tmp_path / "lo-profile"
    )
    with zipfile.ZipFile(saved) as archive:
        app = archive.read("docProps/app.xml")
        assert b"LibreOffice" in app
        assert "xl/sharedStrings.xml" in archive.namelist()  # not openpyxl's inline strings
    assert _imported(school, tmp_path, saved.read_bytes(), "lo.xlsx") == reference
    with zipfile.ZipFile(with_formula) as archive:
        sheet = next(
            archive.read(n)
            for n in archive.namelist()
            if n.startswith("xl/worksheets/sheet") and b"CONCATENATE" in archive.read(n)
        )
        assert b"<v>" in sheet.split(b"CONCATENATE", 1)[1][:200]  # the value is cached too
    other = tmp_path / "other.db"
    assert cli(*SCHOOL_INIT, db=other).code == 0
    result = cli("import-xlsx", str(with_formula), db=other)
    assert result.code == 2
    assert "“教师”表第9行“姓名”列：是公式（=CONCATENATE(" in result.out, result.out


def _with(sheet: str, cells: dict[str, str], **options: Any) -> bytes:
    raw = {(sheet, ref): xml for ref, xml in cells.items()}
    return write_workbook(filled_rows(), Options(raw=raw, **options))


def test_formulas_with_their_values_and_errors_are_refused_with_the_old_messages(
    school: Cli, tmp_path: Path
) -> None:
    content = _with(
        "辅导室",
        {
            # A formula whose value the program kept: the reader alone would see 18.6.
            "C2": '<c r="C2"><f>9.3*2</f><v>18.6</v></c>',
            # A shared formula: written once, the other cell shows it moved.
            "D2": '<c r="D2"><f t="shared" ref="D2:D3" si="0">YEAR(TODAY())-7</f><v>2019</v></c>',
            "D3": '<c r="D3"><f t="shared" si="0"/><v>2019</v></c>',
            "C4": '<c r="C4" t="e"><v>#DIV/0!</v></c>',
            "A4": '<c r="A4" t="str"><f>"接待"&amp;"区"</f><v>接待区</v></c>',
        },
    )
    out = _refused(
        school,
        tmp_path,
        content,
        "“辅导室”表第2行“面积（平方米）”列：是公式（=9.3*2）",
        "“辅导室”表第2行“建成年份”列：是公式（=YEAR(TODAY())-7）",
        "“辅导室”表第3行“建成年份”列：是公式（=YEAR(TODAY())-7）",
        "“辅导室”表第4行“面积（平方米）”列：是错误值 #DIV/0!",
        '“辅导室”表第4行“辅导室名称”列：是公式（="接待"&"区"）',
    )
    assert out.count("是公式") == 4


def test_a_shared_formula_is_shown_moved_to_its_cell(school: Cli, tmp_path: Path) -> None:
    content = _with(
        "学校",
        {"F2": '<c r="F2"><f t="shared" ref="F2:F3" si="3">B7*2</f><v>1260</v></c>'},
    )
    content_moved = _with(
        "教师",
        {
            "A2": '<c r="A2" t="str"><f t="shared" ref="A2:A3" si="1">B2&amp;""</f><v>x</v></c>',
            "A3": '<c r="A3" t="str"><f t="shared" si="1"/><v>y</v></c>',
        },
    )
    _refused(school, tmp_path, content, "“学校”表第2行“在校生数”列：是公式（=B7*2）")
    _refused(
        school,
        tmp_path,
        content_moved,
        '“教师”表第2行“姓名”列：是公式（=B2&""）',
        '“教师”表第3行“姓名”列：是公式（=B3&""）',
    )


def test_a_formula_in_the_header_row_is_no_header(school: Cli, tmp_path: Path) -> None:
    content = _with("辅导室", {"A1": '<c r="A1" t="str"><f>"辅导室名称"</f><v>辅导室名称</v></c>'})
    _refused(school, tmp_path, content, "“辅导室”表第1行“辅导室名称”列：第1行缺少表头")


def test_an_identity_number_stored_as_a_number(school: Cli, tmp_path: Path) -> None:
    content = _with("教师", {"B2": f'<c r="B2"><v>{float(ID_LI):.14E}</v></c>'})
    _refused(school, tmp_path, content, "“教师”表第2行“身份证号”列：身份证号被存成了数字")


def test_numbers_typed_as_text_and_text_typed_as_numbers(school: Cli, tmp_path: Path) -> None:
    """A phone number typed as a number keeps its digits; a year typed as text is a year."""
    rows = filled_rows()
    rows["学校"][0]["联系电话"] = 13987812345
    rows["辅导室"][0]["建成年份"] = "2019"
    stored = _imported(school, tmp_path, write_workbook(rows))
    assert stored["school"][0][7] == "13987812345"
    assert tuple(r[3] for r in stored["room"] if r[0] == "心灵驿站") == (2019,)


def test_cells_without_references_are_placed_one_after_another(
    school: Cli, tmp_path: Path, reference: Stored
) -> None:
    plain = write_workbook(filled_rows(), Options(empty_cells=True))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    # Some producers leave out the optional r="A2" of cells and rows: each follows the one
    # before (the empty cells keep the places; no row is left out).
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = re.sub(rb' r="[A-Z]+[0-9]+"', b"", parts[name])
        parts[name] = re.sub(rb'<row r="[0-9]+"', b"<row", parts[name])
        assert b' r="' not in parts[name].split(b"<sheetData>")[1]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert _imported(school, tmp_path, out.getvalue()) == reference


def test_prefixed_tags_are_surveyed_too(school: Cli, tmp_path: Path) -> None:
    """Tags written with a namespace prefix (as some generators do) hide no formula."""
    content = write_workbook(filled_rows())
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    name = "xl/worksheets/sheet4.xml"  # 辅导室
    xml = parts[name].replace(
        b'<c r="C2"><v>18.6</v></c>', b'<c r="C2"><f>9.3*2</f><v>18.6</v></c>'
    )
    assert b"<f>9.3*2</f>" in xml
    xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(
        b"</worksheet>", b"</x:worksheet>"
    )
    for tag in (b"sheetData", b"row", b"c", b"v", b"f", b"is", b"t", b"sheetPr", b"dimension"):
        xml = xml.replace(b"<" + tag + b">", b"<x:" + tag + b">")
        xml = xml.replace(b"<" + tag + b" ", b"<x:" + tag + b" ")
        xml = xml.replace(b"</" + tag + b">", b"</x:" + tag + b">")
    for tag in (b"sheetViews", b"sheetView", b"selection", b"sheetFormatPr", b"pageMargins"):
        xml = xml.replace(b"<" + tag, b"<x:" + tag).replace(b"</" + tag, b"</x:" + tag)
    parts[name] = xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    _refused(
        school, tmp_path, out.getvalue(), "“辅导室”表第2行“面积（平方米）”列：是公式（=9.3*2）"
    )


def test_a_reference_that_is_no_cell_or_a_deceiving_tag(school: Cli, tmp_path: Path) -> None:
    far = _with("培训", {"A2": '<c r="ZZZZ2" t="inlineStr"><is><t>远</t></is></c>'})
    _refused(school, tmp_path, far, "文件已损坏或不是有效的 Excel 工作簿", "ZZZZ2")
    deceiving = _with("培训", {"A2": '<c note="a>b" r="XFD2" t="inlineStr"><is><t>藏</t></is></c>'})
    _refused(school, tmp_path, deceiving, "文件已损坏或不是有效的 Excel 工作簿")


def test_cells_far_apart_are_refused_before_a_grid_is_built(tmp_path: Path) -> None:
    """Two cells, A1 and XFD20000, would make a grid of 327 million cells: the reader is
    run with 1.5 GB of address space at most, and refuses the sheet by its limits."""
    rows_xml = '<row r="20000"><c r="XFD20000" t="inlineStr"><is><t>远处</t></is></c></row>'
    wide = write_workbook(filled_rows(), Options(raw_rows={"培训": rows_xml}))
    deep = write_workbook(
        filled_rows(),
        Options(raw_rows={"培训": '<row r="25000"><c r="A25000"><v>1</v></c></row>'}),
    )
    # An attribute given twice: the reader takes the first or the last; it is refused.
    twice = write_workbook(
        filled_rows(),
        Options(raw_rows={"培训": '<row r="2"><c r="XFD20000" r="A2"><v>1</v></c></row>'}),
    )
    cases = (
        (wide, "“培训”表：内容分布太广（第 20000 行、第 16384 列"),
        (deep, "“培训”表：行数过多"),
        (
            twice,
            "文件已损坏或不是有效的 Excel 工作簿（.xlsx）：a tag of a worksheet has the attribute 'r' twice",
        ),
    )
    for content, expected in cases:
        path = tmp_path / "far.xlsx"
        path.write_bytes(content)
        code = (
            "import resource, sys\n"
            "from pathlib import Path\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))\n"
            "from cxdesk.workbook.reading import WorkbookRefused, read_workbook\n"
            "try:\n"
            "    problems = read_workbook(Path(sys.argv[1])).problems\n"
            "except WorkbookRefused as refused:\n"
            "    problems = [refused.problem]\n"
            "print('|'.join(p.render('zh') for p in problems))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert expected in done.stdout, done.stdout
