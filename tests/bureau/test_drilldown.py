"""Every figure down to its schools, and each school to the exact signed package counted."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from cxdesk.bureau.drilldown import SUMS, explain_figure, explain_standard, figure_names
from cxdesk.bureau.excel import write_summary_xlsx
from cxdesk.bureau.excel_sections import summary_sections
from cxdesk.bureau.provenance import check_stored_package, package_row
from cxdesk.bureau.review import accept_submission
from cxdesk.bureau.summary import bureau_summary
from cxdesk.cli import main
from cxdesk.errors import InputError
from cxdesk.models import Submission
from cxdesk.services.periods import get_period
from cxdesk.storage.db import Database

from .helpers import soffice_csv
from .known import A, B, Known, county_bureau, prefecture_bureau


def _count(value: object) -> int:
    assert isinstance(value, int), value
    return value


def _by_level(totals: dict[str, object]) -> dict[str, int]:
    by_level = totals["training_person_times"]
    assert isinstance(by_level, dict)
    return by_level


def _summary_value(totals: dict[str, object], people: dict[str, int], figure: str) -> object:
    if figure in SUMS:
        return sum(_count(_summary_value(totals, people, part)) for part in SUMS[figure][1])
    if figure == "training":
        return sum(_by_level(totals).values())
    if figure.startswith("training."):
        return _by_level(totals)[figure.removeprefix("training.")]
    if figure in people:
        return people[figure]
    return totals[figure]


@pytest.mark.parametrize("county", [None, A, B])
def test_every_figure_is_the_sum_of_its_schools(
    tmp_path: Path, known: Known, county: str | None
) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    with db.transaction() as session:
        period = get_period(session, "2026")
        summary = bureau_summary(session, period=period, group_by="county")
        rows = {r["code"]: r for r in summary.rows}
        totals = rows[county] if county else summary.totals
        for figure in figure_names():
            if figure in ("persons", "counted_more_than_once") and county:
                continue  # the people of a county are asked of the county's own bureau
            explained = explain_figure(session, period=period, figure=figure, county=county)
            wanted = _summary_value(totals, summary.people or {}, figure)
            assert explained.total == wanted, figure
            if figure == "schools_with_room_pct":
                assert (explained.part, explained.whole) == (
                    totals["schools_with_room"],
                    totals["schools_reported"],
                )
            elif figure not in ("schools_expected", "persons", "counted_more_than_once"):
                assert explained.rows_sum == wanted, figure
                assert all(r.value for r in explained.rows), figure  # only contributors
            for row in explained.rows:
                assert row.package is not None, (figure, row.code)
                assert county is None or row.county_code == county
    # Room area adds up exactly, to the tenth.
    with db.transaction() as session:
        area = explain_figure(session, period=get_period(session, "2026"), figure="room_area_m2")
    assert area.total == Decimal("243.0")
    assert [(r.code, r.value) for r in area.rows] == [
        ("2153010001", Decimal("72.0")),  # by school code: A1, B1, A2, B2, A4
        ("2153020001", Decimal("33.0")),
        ("3153010002", Decimal("38.0")),
        ("3453020002", Decimal("80.0")),
        ("3653010004", Decimal("20.0")),
    ]


def test_a_school_leads_to_the_signed_package_counted(tmp_path: Path, known: Known) -> None:
    db = county_bureau(tmp_path / "county" / "county.db", known)
    accept_submission(db, code="2153010001", period_label="2026", out_dir=tmp_path / "receipts")
    with db.transaction() as session:
        period = get_period(session, "2026")
        explained = explain_figure(session, period=period, figure="counselors", school="2153010001")
        submission_sha = session.scalars(
            select(Submission.file_sha256).where(Submission.sender_code == "2153010001")
        ).one()
    assert [(r.code, r.value) for r in explained.rows] == [("2153010001", 2)]
    package = explained.rows[0].package
    assert package is not None
    original = known.package("2153010001")
    assert package.file_sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
    assert package.file_sha256 == submission_sha
    assert (package.sender_code, package.sequence, package.review) == ("2153010001", 1, "accepted")
    assert package.fingerprint == next(b.fingerprint for b in known.built if b.code == "2153010001")
    assert package.collected_by and package.reviewed_by and package.reviewed_at
    check = check_stored_package(package)
    assert check.intact, check.message.render()
    # A stored file changed afterwards is found out.
    Path(package.stored_path).write_bytes(original.read_bytes() + b"x")
    check = check_stored_package(package)
    assert not check.intact and "SHA-256" in check.message.render()
    Path(package.stored_path).unlink()
    assert "不见了" in check_stored_package(package).message.render("zh")


def test_at_the_prefecture_a_school_package_names_the_county_package(
    tmp_path: Path, known: Known
) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    with db.reading() as session:
        sub = session.scalars(
            select(Submission).where(Submission.sender_code == "2153020001")
        ).one()
        row = package_row(session, sub.id)
        county_sha = session.scalars(
            select(Submission.file_sha256).where(Submission.sender_code == B)
        ).one()
    assert (row.via_code, row.via_sequence, row.via_sha256) == (B, 1, county_sha)
    assert check_stored_package(row).intact


def test_the_rate_of_a_standard_down_to_its_schools(tmp_path: Path, known: Known) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    with db.transaction() as session:
        explained = explain_standard(
            session, period=get_period(session, "2026"), standard_key="cn-2021-full-time", county=A
        )
    assert (explained.part, explained.whole, explained.total) == (1, 3, Decimal("33.33"))
    assert [(r.code, r.value) for r in explained.rows] == [
        ("2153010001", "达标"),
        ("2153010003", "未达标"),
        ("3153010002", "未达标"),
    ]
    assert all(r.package is not None for r in explained.rows)
    assert explained.rows[1].detail == "专职0人（应至少1人）"


def test_a_county_cannot_look_into_another_county(tmp_path: Path, known: Known) -> None:
    db = county_bureau(tmp_path / "county" / "county.db", known)
    with db.transaction() as session, pytest.raises(InputError) as caught:
        explain_figure(session, period=get_period(session, "2026"), figure="rooms", county=B)
    assert "不在本局的范围内" in caught.value.render("zh")
    with db.transaction() as session, pytest.raises(InputError) as unknown:
        explain_figure(session, period=get_period(session, "2026"), figure="teachers")
    assert "counselors" in unknown.value.render("en")


def test_explain_figure_command(
    tmp_path: Path, known: Known, capsys: pytest.CaptureFixture[str]
) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    args = ["--db", str(db.path), "explain-figure", "counselors", "--county", A, "--period", "2026"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "心理健康教育教师：5（楚雄市，2026）"
    assert "以下 3 所学校合计 5" in out
    sha = hashlib.sha256(known.package("3153010002").read_bytes()).hexdigest()
    assert f"上报包 #1  SHA-256 {sha}" in out and "经楚雄市县级上报包 #1" in out
    assert main([*args, "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["value"] == 5 and sum(s["value"] for s in data["schools"]) == 5
    assert {s["package"]["sha256"] for s in data["schools"]} >= {sha}
    assert main(["--db", str(db.path), "explain-figure", "teachers", "--period", "2026"]) == 2
    assert "没有名为“teachers”的数字" in capsys.readouterr().err  # Chinese by default


def test_compliance_command(
    tmp_path: Path, known: Known, capsys: pytest.CaptureFixture[str]
) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    base = ["--db", str(db.path), "compliance", "--period", "2026"]
    assert main([*base, "--by", "county"]) == 0
    out = capsys.readouterr().out
    assert "    楚雄市：1/3 达标 (33.33%)，目标 100%（未达到）" in out
    assert "    合计：5/6 达标 (83.33%)，目标 95%（未达到）" in out
    assert main([*base, "--without", "cn-2015-room-areas", "--county", B]) == 0
    out = capsys.readouterr().out
    assert "3453020002 禄丰市乙高级中学  禄丰市  未达标  缺办公接待区" in out
    xlsx = tmp_path / "达标.xlsx"
    assert main([*base, "--by", "county", "--json", "--xlsx", str(xlsx), "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["standards"][2]["rate_pct"] == 40.0
    assert load_workbook(xlsx).sheetnames == ["Compliance", "Schools falling short"]
    assert main([*base, "--without", "no-such-standard"]) == 2


def _sections_workbook(db: Database, path: Path) -> dict[str, object]:
    with db.transaction() as session:
        period = get_period(session, "2026")
        summary = bureau_summary(session, period=period, group_by="county")
        extra = summary_sections(session, period=period, group_by="county")
    write_summary_xlsx(path, summary, group_by="county", sections=extra.sections())
    return {"summary": summary, "extra": extra}


def test_the_excel_summary_carries_each_schools_package_and_the_compliance(
    tmp_path: Path, known: Known
) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    path = tmp_path / "汇总.xlsx"
    _sections_workbook(db, path)
    book = load_workbook(path)
    assert book.sheetnames == ["汇总", "图表", "达标情况", "未达标学校", "学校与上报包", "重复统计"]
    packages = list(book["学校与上报包"].iter_rows(values_only=True))
    assert packages[0][:6] == ("学校标识码", "学校名称", "县市", "学校类别", "序号", "SHA-256")
    by_code = {r[0]: r for r in packages[1:]}
    assert len(by_code) == 6
    for b in known.built:
        row = by_code[b.code]
        assert row[4] == 1 and row[5] == hashlib.sha256(b.package.read_bytes()).hexdigest()
        assert row[11] == f"{b.county} #1"
    compliance = list(book["达标情况"].iter_rows(values_only=True))
    assert compliance[3][:5] == ("楚雄市", 4, 1, 3, 33.33)
    assert compliance[5][:5] == ("合计", 6, 3, 5, 60.0)
    short = [r for r in book["未达标学校"].iter_rows(values_only=True)][1:]
    assert ("3153010002", "缺办公接待区") in {(r[2], r[7]) for r in short}
    people = list(book["重复统计"].iter_rows(values_only=True))
    assert people[1][:2] == ("按人计", 6) and people[2][:2] == ("被重复统计的人", 2)
    assert "532301********1026" in {r[2] for r in people[6:]}
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 6  # the summary's five and the compliance rates


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_reads_the_package_hashes_as_they_are(tmp_path: Path, known: Known) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    path = tmp_path / "packages.xlsx"
    _sections_workbook(db, path)
    book = load_workbook(path)
    for name in list(book.sheetnames):
        if name != "学校与上报包":
            book.remove(book[name])
    book.save(path)  # LibreOffice writes the first sheet as CSV: keep that one only
    csv_path = soffice_csv(path, tmp_path)
    with open(csv_path, encoding="utf-8") as f:
        rows = {r[0]: r for r in csv.reader(f) if r}
    for b in known.built:
        assert rows[b.code][5] == hashlib.sha256(b.package.read_bytes()).hexdigest()
