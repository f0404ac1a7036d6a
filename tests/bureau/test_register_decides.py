"""Issue 11, point 3: the bureau's register decides where a school counts.

The packages are the schools' own, exported by the real export code after the school set
itself up wrongly (another county, another kind): signed with the school's registered key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.board import completeness_board
from cxdesk.bureau.collect import collect
from cxdesk.bureau.held import accept_held
from cxdesk.bureau.held_list import held_packages
from cxdesk.bureau.register import save_register_entry
from cxdesk.cli import main
from cxdesk.exchange.trust import find_key
from cxdesk.models import RegisterEntry, School, Submission
from cxdesk.storage.db import Database

from .conftest import COUNTY, Schools
from .crafting import export_from, new_signer, recraft, school_copy, write
from .helpers import totals

LUFENG = "532302"  # 禄丰市


def _set_up_as(
    county: str | None = None, kind: str | None = None, name: str | None = None
) -> Callable[[Session, Database], None]:
    """A change to the school's own details, as its clerk would make in the school page."""

    def change(session: Session, _db: Database) -> None:
        from cxdesk.services.setup import own_school, update_school

        s = own_school(session)
        update_school(
            session,
            s,
            name=name or s.name,
            county=county or s.county_code,
            kind=kind or s.kind,
            enrolment=s.enrolment,
            contact_person=s.contact_person,
            contact_phone=s.contact_phone,
        )

    return change


def _snapshot(db: Database, code: str) -> tuple[str, str, str]:
    with db.reading() as session:
        school = session.scalars(
            select(School)
            .join(Submission, Submission.id == School.submission_id)
            .where(School.code == code, Submission.status == "accepted")
        ).one()
        return school.county_code, school.kind, school.name


def test_a_school_set_up_in_the_wrong_county_is_held_then_counts_where_the_register_says(
    county_db: Database, schools: Schools, tmp_path: Path
) -> None:
    school = schools.in_county()[1]
    plan = schools.plan(school.code)
    package = export_from(
        school_copy(schools.root, plan, tmp_path), tmp_path / "usb", _set_up_as(county=LUFENG)
    )
    result = collect(county_db, [package]).results[0]
    assert result.outcome == "held"
    assert result.reason is not None
    said = result.reason.render("zh")
    assert "禄丰市" in said and "牟定县" in said  # both values named
    assert totals(county_db)["totals"]["schools_reported"] == 0
    held = held_packages(county_db)[0]
    assert not held.needs_fingerprint  # its key is the registered one
    taken = accept_held(county_db, submission_id=held.submission_id)
    assert taken.outcome == "accepted"
    assert taken.note is not None and "按名册计入" in taken.note.render("zh")
    # It counts in this county's board and summary, as the register says.
    assert _snapshot(county_db, school.code)[0] == COUNTY
    figures = totals(county_db, "county")
    assert figures["totals"]["schools_reported"] == 1
    assert [r["code"] for r in figures["rows"] if r["schools_reported"]] == [COUNTY]
    with county_db.transaction() as session:
        board = completeness_board(session, period_label="2026")
    assert next(r for r in board.rows if r.code == school.code).state == "received"


def test_a_school_of_another_county_not_in_the_register_is_refused_and_its_key_ignored(
    county_db: Database, schools: Schools, tmp_path: Path
) -> None:
    """Not in the register, claiming 禄丰市, with a key nobody registered: refused at once."""
    school = schools.in_county()[1]
    plan = schools.plan(school.code)
    stranger = new_signer()
    exported = export_from(
        school_copy(schools.root, plan, tmp_path), tmp_path / "usb", _set_up_as(county=LUFENG)
    )
    with county_db.transaction() as session:
        entry = session.scalars(
            select(RegisterEntry).where(RegisterEntry.code == school.code)
        ).one()
        session.delete(entry)
    package = write(tmp_path / "s" / "p.cxpkg", recraft(exported.read_bytes(), stranger))
    result = collect(county_db, [package]).results[0]
    assert result.outcome == "refused"
    assert result.reason is not None and "不属于本县市（禄丰市）" in result.reason.render("zh")
    with county_db.reading() as session:
        assert find_key(session, stranger.fingerprint) is None
        assert session.scalar(select(Submission.id)) is None
    assert not any((county_db.path.parent / "received").rglob("*.cxpkg"))


def test_the_registers_kind_and_name_count_and_follow_a_later_edit(
    county_db: Database, schools: Schools, tmp_path: Path
) -> None:
    school = schools.in_county()[2]
    plan = schools.plan(school.code)
    package = export_from(
        school_copy(schools.root, plan, tmp_path),
        tmp_path / "usb",
        _set_up_as(kind="junior", name=f"  {plan.name} "),  # spaces alone are no difference
    )
    result = collect(county_db, [package]).results[0]
    assert result.outcome == "held" and result.reason is not None
    said = result.reason.render("zh")
    assert "初级中学" in said and "小学" in said and "学校名称" not in said
    accept_held(county_db, submission_id=held_packages(county_db)[0].submission_id)
    assert _snapshot(county_db, school.code)[1:] == ("primary", plan.name)
    by_kind = {r["code"]: r["schools_reported"] for r in totals(county_db, "kind")["rows"]}
    assert by_kind.get("primary") == 1 and not by_kind.get("junior")

    # The register is corrected later: the figures follow it, for the package taken too.
    with county_db.transaction() as session:
        save_register_entry(
            session,
            row={
                "code": school.code,
                "name": "牟定县第九中学",
                "county_code": COUNTY,
                "kind": "junior",
            },
        )
    assert _snapshot(county_db, school.code)[1:] == ("junior", "牟定县第九中学")
    by_kind = {r["code"]: r["schools_reported"] for r in totals(county_db, "kind")["rows"]}
    assert by_kind.get("junior") == 1 and not by_kind.get("primary")


def test_with_an_empty_register_a_school_counts_with_its_own_values_if_they_say_here(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    with county_db.transaction() as session:
        for entry in session.scalars(select(RegisterEntry)):
            session.delete(entry)
    ours = schools.in_county()[0]
    assert collect(county_db, [usb / ours.package.name]).results[0].outcome == "accepted"
    # A package whose manifest says this county but whose workbook says 禄丰市: refused.
    school = schools.in_county()[3]
    plan = schools.plan(school.code)
    exported = export_from(
        school_copy(schools.root, plan, tmp_path), tmp_path / "usb2", _set_up_as(county=LUFENG)
    )
    from .crafting import school_signer

    doctored = recraft(
        exported.read_bytes(),
        school_signer(schools.root, plan),
        manifest=lambda m: m["sender"].update(county=COUNTY),
    )
    result = collect(county_db, [write(tmp_path / "d" / "p.cxpkg", doctored)]).results[0]
    assert result.outcome == "refused"
    assert result.reason is not None and "禄丰市" in result.reason.render("zh")
    assert totals(county_db)["totals"]["schools_reported"] == 1


def test_trust_add_refuses_a_school_outside_the_county(
    county_db: Database, schools: Schools, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(county_db.path)
    capsys.readouterr()
    # Not in the register, said to be of 禄丰市: refused, like `register set`.
    code = main(
        ["--db", db, "trust", "add", "--fingerprint", "1" * 30, "--code", "2153029999",
         "--name", "禄丰市某小学", "--county", LUFENG]
    )  # fmt: skip
    assert code == 2 and "不在本局" in capsys.readouterr().err
    # In the register of this county, but said to be elsewhere: the register is named.
    school = schools.in_county()[0]
    code = main(
        ["--db", db, "trust", "add", "--fingerprint", "2" * 30, "--code", school.code,
         "--name", school.name, "--county", LUFENG]
    )  # fmt: skip
    assert code == 2 and "名册" in capsys.readouterr().err
    # A bureau code that is not of this prefecture.
    code = main(
        ["--db", db, "trust", "add", "--fingerprint", "3" * 30, "--code", "530100",
         "--name", "昆明市教育体育局"]
    )  # fmt: skip
    assert code == 2
    with county_db.reading() as session:
        for digits in ("1", "2", "3"):
            assert find_key(session, digits * 30) is None


def test_at_the_prefecture_a_school_that_disagrees_with_its_countys_register_is_reported(
    schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    """The county accepted a school whose workbook says another kind (its register says
    primary); the prefecture counts it as the county's register says and says so."""
    from cxdesk import reference as ref
    from cxdesk.storage.db import open_database
    from tests.sample_bureaus import bureau_with_sample_keys

    from .test_county_chain import county_package, trust_county

    school = schools.in_county()[1]
    plan = schools.plan(school.code)
    odd = export_from(
        school_copy(schools.root, plan, tmp_path), tmp_path / "odd", _set_up_as(kind="junior")
    )
    files = [usb / b.package.name for b in schools.in_county() if b.code != school.code]

    def county_accepts_held(db: Database) -> None:
        for held in held_packages(db):
            accept_held(db, submission_id=held.submission_id)

    path, key = county_package(
        tmp_path,
        schools,
        usb,
        COUNTY,
        sample_bureaus,
        files=[*files, odd],
        after_collect=county_accepts_held,
    )
    prefecture = bureau_with_sample_keys(
        open_database(tmp_path / "prefecture" / "prefecture.db"),
        sample_bureaus,
        role="prefecture",
        code=ref.PREFECTURE_CODE,
    )
    try:
        trust_county(prefecture, COUNTY, key)
        report = collect(prefecture, [path])
        inner = {r.sender_code: r for r in report.results[0].inner}
        assert {r.outcome for r in inner.values()} == {"accepted"}
        note = inner[school.code].note
        assert note is not None
        said = note.render("zh")
        assert "初级中学" in said and "小学" in said
        assert all(r.note is None for code, r in inner.items() if code != school.code)
        assert _snapshot(prefecture, school.code)[1] == "primary"
    finally:
        prefecture.close()
