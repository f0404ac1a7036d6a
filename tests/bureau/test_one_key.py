"""Issue 11, point 1: one valid key per school; a key change is an event, never a side effect.

Every package here is really signed: by the school's own key, by a second installation's
key claiming the school, or by a new key the school made with ``key replace``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.collect import collect
from cxdesk.bureau.held import accept_held
from cxdesk.bureau.held_list import held_packages
from cxdesk.cli import main
from cxdesk.errors import InputError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.key_change import replace_key
from cxdesk.exchange.keys import keys_dir
from cxdesk.exchange.trust import find_key, valid_key
from cxdesk.models import RegisterEntry, TrustedKey
from cxdesk.storage.db import Database

from .conftest import Schools
from .crafting import export_from, new_signer, recraft, school_copy, school_signer, write
from .helpers import statuses, totals


def _keys(db: Database, code: str) -> list[tuple[str, str, str]]:
    with db.reading() as session:
        return [
            (k.fingerprint, k.status, k.source)
            for k in session.scalars(
                select(TrustedKey).where(TrustedKey.party_code == code).order_by(TrustedKey.id)
            )
        ]


def test_a_second_installation_claiming_a_registered_school_is_held_as_a_key_change(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    school = schools.in_county()[0]
    collect(county_db, [usb / school.package.name])
    before = totals(county_db)["totals"]
    impostor = new_signer()
    # The same school's package, a higher sequence, signed by another installation's key.
    forged = write(
        tmp_path / "impostor" / f"{school.code}_2026_002.cxpkg",
        recraft(
            school.package.read_bytes(),
            impostor,
            manifest=lambda m: m.update(sequence=2),
        ),
    )
    result = collect(county_db, [forged]).results[0]
    assert result.outcome == "held"
    assert result.reason is not None
    said = result.reason.render("zh")
    # Its own reason: both fingerprints, and when the current key was registered.
    assert "密钥更换" in said
    assert format_fingerprint(school.fingerprint) in said
    assert format_fingerprint(impostor.fingerprint) in said
    with county_db.reading() as session:
        current = valid_key(session, school.code)
        assert current is not None
        assert current.registered_at.strftime("%Y-%m-%d") in said or "登记" in said
    assert "密钥更换" in result.reason.render("zh")
    assert "Key change" in result.reason.render("en")
    assert totals(county_db)["totals"] == before  # nothing of it counted

    # A bare accept never registers a key; the wrong fingerprint neither.
    held = held_packages(county_db)[0]
    assert held.needs_fingerprint
    with pytest.raises(InputError):
        accept_held(county_db, submission_id=held.submission_id)
    with pytest.raises(InputError) as wrong:
        accept_held(county_db, submission_id=held.submission_id, fingerprint=school.fingerprint)
    assert "不一致" in wrong.value.render()
    assert _keys(county_db, school.code) == [(school.fingerprint, "registered", "form")]

    # Typed from the school's newly stamped form: the new key replaces the old, at once.
    taken = accept_held(
        county_db,
        submission_id=held.submission_id,
        fingerprint=format_fingerprint(impostor.fingerprint),
    )
    assert taken.outcome == "accepted"
    assert _keys(county_db, school.code) == [
        (school.fingerprint, "revoked", "form"),
        (impostor.fingerprint, "registered", "form"),
    ]
    # The old key's packages so far stay counted (revoked from now), the new one counts.
    with county_db.reading() as session:
        old = find_key(session, school.fingerprint)
        assert old is not None and old.revoked_from is not None
    assert statuses(county_db) == {"accepted": 1, "superseded": 1}


def test_held_accept_on_the_command_line_needs_the_fingerprint(
    county_db: Database,
    schools: Schools,
    usb: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    school = schools.in_county()[1]
    collect(county_db, [usb / school.package.name])
    impostor = new_signer()
    forged = write(
        tmp_path / "x" / "p.cxpkg",
        recraft(school.package.read_bytes(), impostor, manifest=lambda m: m.update(sequence=5)),
    )
    collect(county_db, [forged])
    held = held_packages(county_db)[0]
    db = str(county_db.path)
    capsys.readouterr()
    assert main(["--db", db, "held", "accept", str(held.submission_id)]) == 2
    err = capsys.readouterr().err
    assert "--fingerprint" in err and "已接收" not in err
    assert len([k for k in _keys(county_db, school.code) if k[1] == "registered"]) == 1
    code = main(
        [
            "--db",
            db,
            "held",
            "accept",
            str(held.submission_id),
            "--fingerprint",
            format_fingerprint(impostor.fingerprint).replace(" ", "-"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "已接收" in out
    assert [k[1] for k in _keys(county_db, school.code)] == ["revoked", "registered"]


def test_key_replace_at_the_school_carries_a_statement_the_bureau_accepts(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    """A school moves to a new PC and replaces its key: no paper needed while the old key
    is valid at the bureau; the old key is then revoked there and refused."""
    school = schools.in_county()[2]
    plan = schools.plan(school.code)
    collect(county_db, [usb / school.package.name])
    copy = school_copy(schools.root, plan, tmp_path)
    new_fingerprints: list[str] = []

    def replace(session: Session, db: Database) -> None:
        done = replace_key(session, key_dir=keys_dir(db.path), role="school", code=school.code)
        assert done.statement and done.old_fingerprint == school.fingerprint
        new_fingerprints.append(done.record.fingerprint)

    second = export_from(copy, tmp_path / "usb2", replace)
    import zipfile

    with zipfile.ZipFile(second) as z:
        assert {"key-change-1.json", "key-change-1.sig"} <= set(z.namelist())
    result = collect(county_db, [second]).results[0]
    assert result.outcome == "accepted", result.reason
    assert result.note is not None and "换钥声明" in result.note.render("zh")
    assert _keys(county_db, school.code) == [
        (school.fingerprint, "revoked", "form"),
        (new_fingerprints[0], "registered", "statement"),
    ]
    # A package the old key signs now (someone else holding the old file) is refused.
    thief = recraft(
        school.package.read_bytes(),
        school_signer(schools.root, plan),
        manifest=lambda m: m.update(sequence=9),
    )
    late = collect(county_db, [write(tmp_path / "late" / "p.cxpkg", thief)]).results[0]
    assert late.outcome == "refused"
    # The next package of the new key carries the statement again: nothing changes.
    third = export_from(copy, tmp_path / "usb3")
    assert collect(county_db, [third]).results[0].outcome == "accepted"
    assert len(_keys(county_db, school.code)) == 2


def test_a_statement_signed_by_an_unregistered_key_changes_nothing(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    """A thief writes a 'statement' from a key of his own to another of his own: it does
    not start at the school's registered key, so the package is held as a key change."""
    from cxdesk.exchange.key_change import make_statement

    school = schools.in_county()[3]
    collect(county_db, [usb / school.package.name])
    his_old, his_new = new_signer(), new_signer()
    raw, signature = make_statement(old=his_old, new=his_new, role="school", code=school.code)

    def add_statement(files: dict[str, bytes]) -> None:
        files["key-change-1.json"] = raw
        files["key-change-1.sig"] = signature

    forged = recraft(
        school.package.read_bytes(),
        his_new,
        manifest=lambda m: m.update(sequence=2),
        members=add_statement,
    )
    result = collect(county_db, [write(tmp_path / "f" / "p.cxpkg", forged)]).results[0]
    assert result.outcome == "held"
    assert [k[1] for k in _keys(county_db, school.code)] == ["registered"]
    # A statement whose signature was tampered with is named in the reason.
    broken = recraft(
        school.package.read_bytes(),
        his_new,
        manifest=lambda m: m.update(sequence=3),
        members=lambda f: f.update({"key-change-1.json": raw, "key-change-1.sig": bytes(64)}),
    )
    result = collect(county_db, [write(tmp_path / "g" / "p.cxpkg", broken)]).results[0]
    assert result.outcome == "held" and result.reason is not None
    assert "换钥声明无效" in result.reason.render("zh")


def test_held_accept_of_a_package_that_cannot_be_taken_registers_nothing(
    county_db: Database,
    schools: Schools,
    usb: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown key, a school not in the (now empty) register whose workbook says it is
    of another county: the clerk types the right fingerprint, and still nothing happens."""
    school = schools.in_county()[0]
    plan = schools.plan(school.code)
    with county_db.transaction() as session:
        for entry in session.scalars(select(RegisterEntry)):
            session.delete(entry)
        key = find_key(session, school.fingerprint)
        assert key is not None
        session.delete(key)
    stranger = new_signer()
    copy = school_copy(schools.root, plan, tmp_path)

    def wrong_county(session: Session, _db: Database) -> None:
        from cxdesk.services.setup import own_school, update_school

        s = own_school(session)
        update_school(session, s, name=s.name, county="532302", kind=s.kind)

    exported = export_from(copy, tmp_path / "usb2", wrong_county)
    # The manifest still claims our county (the package was doctored to get past step 1).
    package = recraft(
        exported.read_bytes(), stranger, manifest=lambda m: m["sender"].update(county="532323")
    )
    path = write(tmp_path / "w" / "p.cxpkg", package)
    assert collect(county_db, [path]).results[0].outcome == "held"
    held = held_packages(county_db)[0]
    capsys.readouterr()
    code = main(
        [
            "--db",
            str(county_db.path),
            "held",
            "accept",
            str(held.submission_id),
            "--fingerprint",
            stranger.fingerprint,
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "已接收" not in out and "已拒收" in out and "禄丰市" in out
    with county_db.reading() as session:
        assert find_key(session, stranger.fingerprint) is None
    assert statuses(county_db) == {"held": 1}  # it stays held, for the clerk to reject
    assert totals(county_db)["totals"]["schools_reported"] == 0
