"""The register, the completeness board, review with accept and return."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cxdesk.bureau.board import completeness_board
from cxdesk.bureau.collect import collect
from cxdesk.bureau.deadlines import set_deadline
from cxdesk.bureau.excel import write_board_xlsx
from cxdesk.bureau.register import (
    load_register,
    read_register_xlsx,
    register_entries,
    save_register_entry,
    write_register_xlsx,
)
from cxdesk.bureau.review import (
    ReturnComment,
    accept_submission,
    return_submission,
    review_school,
)
from cxdesk.errors import InputError
from cxdesk.exchange.records import mask_name
from cxdesk.exchange.verify import verify_package
from cxdesk.storage.db import Database

from .conftest import COUNTY, Schools
from .helpers import reexport


def test_register_round_trip_through_excel(county_db: Database, tmp_path: Path) -> None:
    with county_db.reading() as session:
        rows = register_entries(session)
    path = tmp_path / "名册.xlsx"
    write_register_xlsx(path, rows)
    assert read_register_xlsx(path) == rows


def test_a_register_with_errors_loads_nothing_and_says_every_row(
    county_db: Database, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["学校标识码", "学校名称", "县市", "学校类别", "联系人", "联系电话"])
    sheet.append(["2153090001", "牟定县共和镇中心小学", "牟定县", "小学", "李老师", "0878-5211234"])
    sheet.append(["12345", "坏代码学校", "牟定县", "小学", "", ""])
    sheet.append(["2153090009", "无县市学校", "火星县", "小学", "", ""])
    sheet.append(["2153090001", "重复", "牟定县", "小学", "", ""])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_register_xlsx(path)
    text = caught.value.render()
    assert "第 3 行" in text and "第 4 行" in text and "第 5 行" in text
    with county_db.reading() as session:
        before = register_entries(session)
    assert len(before) == 4  # unchanged


def test_a_county_cannot_register_another_countys_school(county_db: Database) -> None:
    with pytest.raises(InputError), county_db.transaction() as session:
        save_register_entry(
            session,
            row={
                "code": "2153100001",
                "name": "永仁县永定小学",
                "county_code": "532327",
                "kind": "primary",
            },
        )


def test_board_states_rates_lateness_and_chase_list(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    county_schools = schools.in_county()
    # Two schools send; one of them is later returned, one school's key is unknown.
    collect(county_db, [usb / county_schools[0].package.name, usb / county_schools[1].package.name])
    with county_db.transaction() as session:
        set_deadline(session, period_label="2026", deadline=date(2026, 11, 1))
        from cxdesk.exchange.trust import find_key

        session.delete(find_key(session, county_schools[2].fingerprint))
    collect(county_db, [usb / county_schools[2].package.name])
    return_submission(
        county_db,
        code=county_schools[1].code,
        period_label="2026",
        out_dir=tmp_path,
        comments=[ReturnComment(None, None, "请补充联系人电话")],
    )
    with county_db.transaction() as session:
        board = completeness_board(session, period_label="2026", today=date(2026, 11, 11))
    states = {r.code: r.state for r in board.rows}
    assert states[county_schools[0].code] == "received"
    assert states[county_schools[1].code] == "returned"
    assert states[county_schools[2].code] == "held"
    assert states[county_schools[3].code] == "not_received"
    totals = board.totals
    assert len(county_schools) == 4
    assert (totals.expected, totals.reported, totals.held, totals.returned, totals.missing) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert float(totals.rate or 0) == 50.0
    assert [r.code for r in board.by_county] == [COUNTY]
    missing = next(r for r in board.rows if r.code == county_schools[3].code)
    assert missing.days_late == 10
    received = next(r for r in board.rows if r.code == county_schools[0].code)
    assert received.received_at is not None
    assert received.days_late == (
        (received.received_at.date() - date(2026, 11, 1)).days or None
        if received.received_at.date() > date(2026, 11, 1)
        else None
    )
    chase = [r.code for r in board.chase]
    assert county_schools[0].code not in chase
    assert set(chase) == {r.code for r in board.rows if r.state != "received"}
    assert all(r.contact_phone for r in board.chase)

    path = tmp_path / "board.xlsx"
    write_board_xlsx(path, board)
    book = load_workbook(path)
    assert book.sheetnames == ["报送率", "催报名单", "全部学校"]
    chase_sheet = book["催报名单"]
    codes = [row[0] for row in chase_sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == chase
    json_board = board.to_json()
    assert json_board["totals"]["rate_pct"] == 50.0


def test_review_shows_data_findings_and_what_changed(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    plan = next(p for p in schools.plans if p.county == COUNTY)
    second = reexport(schools.root, plan, tmp_path, tmp_path / "usb2")
    collect(county_db, [usb / schools.package(plan.code).name, second])
    with county_db.reading() as session:
        review = review_school(session, code=plan.code, period_label="2026")
    assert review.sequence == 2
    assert review.figures["counselors"] == len(plan.counselors) + 1
    assert len(review.counselors) == len(plan.counselors) + 1
    assert all(
        c["identity_number"] is None or "*" in c["identity_number"] for c in review.counselors
    )
    assert review.compared_with == "previous_sequence"
    changed = {c.key: (c.before, c.now) for c in review.changes}
    assert changed["counselors"] == (len(plan.counselors), len(plan.counselors) + 1)
    assert review.counselors_added == ["新来的老师"]
    assert isinstance(review.findings, list)
    data = review.to_json("en")
    assert data["school"]["code"] == plan.code


def test_accept_writes_a_signed_receipt_and_return_a_signed_return(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    first, second = schools.in_county()[:2]
    collect(county_db, [usb])
    receipt = accept_submission(
        county_db, code=first.code, period_label="2026", out_dir=tmp_path
    ).path
    verified = verify_package(receipt, kinds=("receipt",))
    assert verified.manifest.subject is not None
    assert verified.manifest.subject.sender_code == first.code
    with county_db.reading() as session:
        review = review_school(session, code=second.code, period_label="2026")
    counselor = review.counselors[0]
    returned = return_submission(
        county_db,
        code=second.code,
        period_label="2026",
        out_dir=tmp_path,
        message="请核对后重新上报",
        comments=[ReturnComment("counselor", counselor["id"], "身份证号与出生日期不符")],
    ).path
    notice = verify_package(returned, kinds=("return",))
    assert notice.manifest.comments[0].comment == "身份证号与出生日期不符"
    # The return travels in the clear: the name masked, the person named by a keyed hash.
    assert notice.manifest.comments[0].record == mask_name(counselor["name"])
    assert set(notice.manifest.comments[0].key) == {"ref"}
    assert notice.manifest.format_version == 2
    with county_db.transaction() as session:
        board = completeness_board(session, period_label="2026")
    states = {r.code: r.state for r in board.rows}
    assert states[first.code] == "accepted"
    assert states[second.code] == "returned"
    # A comment on a record of another school is refused.
    with pytest.raises(InputError):
        return_submission(
            county_db,
            code=first.code,
            period_label="2026",
            out_dir=tmp_path,
            comments=[ReturnComment("counselor", counselor["id"], "x")],
        )
    with pytest.raises(InputError):
        return_submission(
            county_db, code=first.code, period_label="2026", out_dir=tmp_path, comments=[]
        )


def test_load_register_replaces_the_previous_one(county_db: Database, schools: Schools) -> None:
    from .conftest import register_rows

    rows = register_rows([p for p in schools.plans if p.county == COUNTY][:2])
    with county_db.transaction() as session:
        assert load_register(session, rows) == 2
    with county_db.reading() as session:
        assert [r.code for r in register_entries(session)] == sorted(r.code for r in rows)
