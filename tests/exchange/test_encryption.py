"""Format 2: a school's package is encrypted to its county and the prefecture, proved by
its signature before anything is decrypted, and nothing personal travels in the clear —
real keys, real packages, real collects."""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from sqlalchemy import select

from cxdesk.bureau.collect import collect
from cxdesk.bureau.review import ReturnComment, return_submission, review_school
from cxdesk.exchange.encryption import open_package
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.keys import keys_dir, load_signer
from cxdesk.exchange.replies import current_return, receive_file
from cxdesk.exchange.trust import register_key
from cxdesk.exchange.verify import verify_package
from cxdesk.models import Counselor, ExportLog, School, Submission
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database, open_database
from cxdesk.workbook.plan import plan_import
from tests.exchange.conftest import export_once, rezip
from tests.sample_bureaus import bureau_with_sample_keys, open_as, sample_keys

COUNTY = "532301"


def _personal(db: Database) -> list[str]:
    """Every identity number, name and phone the school's data holds."""
    with db.reading() as session:
        people = session.scalars(select(Counselor)).all()
        school = own_school(session)
        values = [
            school.contact_person or "",
            school.contact_phone or "",
            *(c.identity_number or "" for c in people),
            *(c.name for c in people),
        ]
    return [v for v in values if v]


def _strings(value: Any) -> Iterator[str]:
    """Every string of a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.fixture
def package(registered_db: Database, tmp_path: Path) -> Path:
    return export_once(registered_db, tmp_path / "usb").path


@pytest.fixture
def county_db(tmp_path: Path, registered_db: Database, sample_bureaus: Path) -> Iterator[Database]:
    """楚雄市's bureau with the keys of the file the school registered, and the school's
    signing key registered from its form."""
    db = open_database(tmp_path / "county" / "county.db")
    bureau_with_sample_keys(db, sample_bureaus, role="county", code=COUNTY)
    with registered_db.transaction() as school_session:
        signer = load_signer(school_session, key_dir=keys_dir(registered_db.path))
        school = own_school(school_session)
        code, name = school.code, school.name
    with db.transaction() as session:
        register_key(session, fingerprint=signer.fingerprint, code=code, name=name)
    yield db
    db.close()


def test_the_county_and_the_prefecture_open_it_and_no_other_key(
    package: Path, sample_bureaus: Path
) -> None:
    verified = verify_package(package)
    county = open_as(sample_bureaus, COUNTY, verified)
    prefecture = open_as(sample_bureaus, "532300", verified)
    assert county.members == prefecture.members
    assert county.members["workbook.xlsx"].startswith(b"PK")
    assert set(county.members) == {"workbook.xlsx", "details.json"}
    # Another county's keys: refused, one line, naming whom the package is for.
    with pytest.raises(PackageError) as info:
        open_as(sample_bureaus, "532323", verified)
    assert info.value.reason == "not_for_us"
    text = info.value.render()
    assert "\n" not in text and "楚雄市教育体育局" in text and "州教育体育局" in text
    # A key that claims to be a recipient but is not (a forged recipients list): age
    # itself refuses, with a clear reason.
    stranger = pyrage.x25519.Identity.generate()
    from cxdesk.exchange.encryption import DecryptionKeys

    assert verified.manifest.encryption is not None
    fake = DecryptionKeys(
        (stranger,),
        frozenset(r.public_key for r in verified.manifest.encryption.recipients),
    )
    with pytest.raises(PackageError) as info:
        open_package(verified, fake)
    assert info.value.reason == "decrypt" and "workbook.xlsx.age" in info.value.render()


def test_a_wrong_bureau_is_refused_clearly_at_collect(
    package: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    """牟定县 receiving a package encrypted to 楚雄市: refused, nothing stored."""
    db = open_database(tmp_path / "mouding" / "county.db")
    try:
        bureau_with_sample_keys(db, sample_bureaus, role="county", code="532323")
        with db.transaction() as session:  # say the school moved to 牟定县's register
            from cxdesk.bureau.register import RegisterRow, load_register

            load_register(
                session,
                [RegisterRow("2153230001", "楚雄市鹿城小学", "532323", "primary", None, None)],
            )
        report = collect(db, [package], backup=False)
        (result,) = report.results
        assert result.outcome == "refused" and result.reason is not None
        assert "没有为本局加密" in result.reason.render()
        with db.reading() as session:
            assert session.scalars(select(Submission)).first() is None
    finally:
        db.close()


def test_a_tampered_ciphertext_is_refused_before_anything_is_decrypted(
    package: Path, county_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = pyrage.decrypt

    def counting(data: bytes, identities: object) -> bytes:
        calls.append(1)
        plain = real(data, identities)
        assert isinstance(plain, bytes)
        return plain

    monkeypatch.setattr(pyrage, "decrypt", counting)

    def flip(name: str, content: bytes) -> bytes:
        if name != "workbook.xlsx.age":
            return content
        k = len(content) // 2
        return content[:k] + bytes([content[k] ^ 0x40]) + content[k + 1 :]

    tampered = tmp_path / "tampered.cxpkg"
    tampered.write_bytes(rezip(package.read_bytes(), flip))
    with pytest.raises(PackageError) as info:
        verify_package(tampered)
    assert info.value.reason == "member_hash"
    report = collect(county_db, [tampered], backup=False)
    assert report.results[0].outcome == "refused"
    reason = report.results[0].reason
    assert reason is not None and "SHA-256" in reason.render()
    assert calls == []  # the signature refused it: age never saw it
    # The intact package is opened (the same bureau, the same keys).
    assert collect(county_db, [package], backup=False).results[0].outcome == "accepted"
    assert len(calls) == 2  # the workbook and the details


def test_the_manifest_holds_nothing_personal(package: Path, registered_db: Database) -> None:
    personal = _personal(registered_db)
    assert len(personal) > 10 and any(len(p) == 18 for p in personal)
    manifest = json.loads(verify_package(package).manifest_bytes)
    for text in _strings(manifest):
        for value in personal:
            assert value not in text, (value, text)
    # And nothing else of the file is in the clear: the zip's other entries are the
    # signature, the public key and the ciphertexts.
    raw = package.read_bytes()
    for value in personal:
        assert value.encode() not in raw
    with zipfile.ZipFile(package) as z:
        assert sorted(z.namelist()) == sorted(
            ["manifest.json", "manifest.sig", "sender.pem", "workbook.xlsx.age", "details.json.age"]
        )
    assert "findings" not in manifest and manifest["encryption"]["scheme"] == "age-x25519"


def test_collect_decrypts_stores_the_data_and_the_record_key(
    package: Path, county_db: Database, registered_db: Database
) -> None:
    report = collect(county_db, [package], backup=False)
    assert report.results[0].outcome == "accepted"
    with county_db.reading() as session:
        sub = session.scalars(select(Submission)).one()
        assert Path(sub.stored_path).read_bytes() == package.read_bytes()  # kept encrypted
        with registered_db.reading() as school_session:
            secret = school_session.scalars(select(ExportLog.record_secret)).one()
        assert sub.record_secret == secret
        stored = [n for n in session.scalars(select(Counselor.identity_number)) if n]
    assert sorted(stored) == sorted(i for i in _personal(registered_db) if len(i) == 18)


def test_a_return_holds_no_identity_number_and_finds_its_record(
    package: Path, county_db: Database, registered_db: Database, tmp_path: Path
) -> None:
    collect(county_db, [package], backup=False)
    with county_db.reading() as session:
        review = review_school(session, code="2153230001", period_label="2026")
    with_number = next(c for c in review.counselors if c["identity_number"])
    returned = return_submission(
        county_db,
        code="2153230001",
        period_label="2026",
        out_dir=tmp_path / "back",
        comments=[
            ReturnComment("counselor", int(c["id"]), f"请核实第 {n} 位教师")
            for n, c in enumerate(review.counselors)
        ],
        # A clerk who types a number into the message: it leaves masked.
        message="请核实后重新上报；身份证号 "
        + next(v for v in _personal(registered_db) if len(v) == 18),
    ).path
    raw = returned.read_bytes()
    numbers = [v for v in _personal(registered_db) if len(v) == 18]
    names = [c["name"] for c in review.counselors]
    for value in numbers + names:
        assert value.encode() not in raw, value
    manifest = json.loads(verify_package(returned).manifest_bytes)
    for text in _strings(manifest):
        assert not any(n in text for n in numbers + names), text
    assert all(set(c["key"]) == {"ref"} for c in manifest["comments"])
    # The school, which kept the record key, finds every record and shows its own name.
    with registered_db.transaction() as session:
        assert receive_file(session, path=returned).comments == len(review.counselors)
    with registered_db.reading() as session:
        view = current_return(
            session, school=own_school(session), period=get_period(session, "2026")
        )
        assert view is not None
        people = {c.id: c.name for c in session.scalars(select(Counselor))}
    found = {(c.record_id, c.record_label) for c in view.comments}
    assert found == set(people.items())
    assert with_number["name"] in people.values()


def test_decrypted_workbooks_never_touch_the_system_temp_folder(
    registered_db: Database,
    county_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither the export nor the collect writes the workbook in the clear to a file: the
    bureau decrypts it and reads it in memory (python-calamine)."""
    temp = tmp_path / "system-temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    seen: list[bytes] = []
    import cxdesk.exchange.unpack as unpack  # reads a package's workbook with plan_import

    real = plan_import

    def spying(session: Any, *, school: School, path: Path, **kwargs: Any) -> Any:
        assert kwargs.get("content"), "the decrypted workbook, in memory"
        assert not Path(path).exists()  # a name only
        seen.append(kwargs["content"])
        return real(session, school=school, path=path, **kwargs)

    monkeypatch.setattr(unpack, "plan_import", spying)
    package = export_once(registered_db, tmp_path / "usb").path
    assert collect(county_db, [package], backup=False).results[0].outcome == "accepted"
    assert list(temp.iterdir()) == []  # neither the export nor the collect used it
    assert seen and all(content.startswith(b"PK") for content in seen)  # in the clear, in memory
    data_folder = Path(county_db.path).resolve().parent
    assert not (data_folder / "tmp").exists() or list((data_folder / "tmp").iterdir()) == []


def test_format_1_packages_are_still_collected_and_answered_in_format_1(
    package: Path,
    county_db: Database,
    registered_db: Database,
    sample_bureaus: Path,
    tmp_path: Path,
) -> None:
    """The transition year: a school on an earlier cxdesk sends format 1 (no encryption,
    findings in the manifest); the bureau takes it, and its return, in format 1 for that
    school's cxdesk to read, still carries no identity number."""
    from cxdesk.exchange.manifest import Period
    from cxdesk.exchange.package import build_manifest, package_bytes

    opened = open_as(sample_bureaus, COUNTY, verify_package(package))
    with registered_db.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(registered_db.path))
    m = opened.manifest
    manifest = build_manifest(
        kind="report",
        signer=signer,
        sender_role="school",
        sender_code=m.sender.code,
        sender_name=m.sender.name,
        sender_county=m.sender.county,
        period=Period("2026", m.period.start, m.period.end),
        sequence=7,
        members={"workbook.xlsx": opened.members["workbook.xlsx"]},
        extra={"figures": m.figures, "counts": m.counts, "findings": []},
        format_version=1,
    )
    old = tmp_path / "old.cxpkg"
    old.write_bytes(
        package_bytes(manifest, {"workbook.xlsx": opened.members["workbook.xlsx"]}, signer)
    )
    assert verify_package(old).manifest.format_version == 1
    assert collect(county_db, [old], backup=False).results[0].outcome == "accepted"
    with county_db.reading() as session:
        review = review_school(session, code="2153230001", period_label="2026")
    returned = return_submission(
        county_db,
        code="2153230001",
        period_label="2026",
        out_dir=tmp_path / "back",
        comments=[ReturnComment("counselor", int(review.counselors[0]["id"]), "请核实")],
    ).path
    notice = verify_package(returned)
    assert notice.manifest.format_version == 1
    assert set(notice.manifest.comments[0].key) == {"name", "birth_date"}
    for value in (v for v in _personal(registered_db) if len(v) == 18):
        assert value.encode() not in returned.read_bytes()


def test_an_explicitly_unencrypted_package_is_collected_and_says_so(
    filled_db: Database, tmp_path: Path, sample_bureaus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxdesk.cli import main

    package = export_once(filled_db, tmp_path / "usb", unencrypted=True).path
    verified = verify_package(package)
    assert verified.to_json()["encryption"] == {"scheme": "none", "recipients": []}
    assert main(["verify", str(package)]) == 0
    assert "未加密" in capsys.readouterr().out
    db = open_database(tmp_path / "county" / "county.db")
    try:
        bureau_with_sample_keys(db, sample_bureaus, role="county", code=COUNTY)
        with filled_db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(filled_db.path))
        with db.transaction() as session:
            register_key(
                session, fingerprint=signer.fingerprint, code="2153230001", name="楚雄市鹿城小学"
            )
        assert collect(db, [package], backup=False).results[0].outcome == "accepted"
    finally:
        db.close()


def test_losing_the_decryption_key_loses_no_collected_data(
    package: Path, county_db: Database, tmp_path: Path
) -> None:
    from cxdesk.exchange.key_protection import end_session
    from tests.bureau.helpers import totals

    assert collect(county_db, [package], backup=False).results[0].outcome == "accepted"
    before = totals(county_db)["totals"]
    key_dir = keys_dir(Path(county_db.path))
    for file in key_dir.iterdir():
        file.unlink()
    end_session()
    # The data collected is in the database: every figure is still there.
    assert totals(county_db)["totals"] == before
    # What is not collected yet cannot be opened; the clerk is told what to do.
    from cxdesk.errors import UserError

    with pytest.raises(UserError) as info:
        collect(county_db, [package], backup=False)
    assert "keys" in info.value.render() and "备份" in info.value.render()


def test_a_county_package_carries_its_register_encrypted_to_the_prefecture(
    package: Path, county_db: Database, tmp_path: Path, sample_bureaus: Path
) -> None:
    from cxdesk.bureau.county import export_county_package
    from cxdesk.bureau.register import RegisterRow, load_register

    with county_db.transaction() as session:
        load_register(
            session,
            [
                RegisterRow(
                    "2153230001", "楚雄市鹿城小学", COUNTY, "primary", "李老师", "0878-3122846"
                )
            ],
        )
    assert collect(county_db, [package], backup=False).results[0].outcome == "accepted"
    with county_db.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(Path(county_db.path)))
        result = export_county_package(
            session, period_label="2026", out_dir=tmp_path / "up", signer=signer
        )
    raw = result.path.read_bytes()
    assert "李老师".encode() not in raw and b"0878-3122846" not in raw
    from cxdesk.bureau.intake import BUREAU_LIMITS

    verified = verify_package(result.path, limits=BUREAU_LIMITS)
    assert verified.manifest.encryption is not None
    assert [(r.role, r.code) for r in verified.manifest.encryption.recipients] == [
        ("prefecture", "532300")
    ]
    register = json.loads(open_as(sample_bureaus, "532300", verified).members["register.json"])
    assert register[0]["contact_phone"] == "0878-3122846"
    with pytest.raises(PackageError):
        open_package(verified, sample_keys(sample_bureaus, COUNTY))  # not for the county
