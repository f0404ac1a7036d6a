"""Receipts and returns: the bureau's signed answer closes the loop without a network."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.manifest import Comment
from cxdesk.exchange.records import record_key
from cxdesk.exchange.replies import (
    Party,
    current_return,
    receive_file,
    subject_of,
    write_receipt,
    write_return,
)
from cxdesk.exchange.trust import register_key, revoke_key
from cxdesk.exchange.verify import verify_package
from cxdesk.models import CounsellingRoom, Counselor, ExportLog, TrustedKey
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.exchange.conftest import export_once, new_signer, rezip

BUREAU = Party("county", "532301", "楚雄市教育体育局")


@pytest.fixture
def bureau() -> Signer:
    return new_signer()


def exported(db: Database, tmp_path: Path, n: int = 1) -> list[Path]:
    """Packages of a school that registered no bureau key file: it exported unencrypted
    (the documented transition option), and trusts the first bureau reply it imports."""
    return [export_once(db, tmp_path / "usb", unencrypted=True).path for _ in range(n)]


def receipt_for(package_path: Path, signer: Signer, out: Path, party: Party = BUREAU) -> Path:
    subject, period = subject_of(verify_package(package_path))
    return write_receipt(out, signer=signer, bureau=party, subject=subject, period=period)


def statuses(db: Database) -> list[tuple[int, str]]:
    with db.reading() as session:
        return [
            (e.sequence, e.status)
            for e in session.scalars(select(ExportLog).order_by(ExportLog.sequence))
        ]


def test_receipt_marks_the_export_accepted_trusting_the_bureau_on_first_use(
    filled_db: Database, tmp_path: Path, bureau: Signer
) -> None:
    (package,) = exported(filled_db, tmp_path)
    receipt = receipt_for(package, bureau, tmp_path / "back")
    assert receipt.name == "2153230001_2026_001_receipt.cxreply"
    with filled_db.transaction() as session:
        result = receive_file(session, path=receipt)
    assert result.kind == "receipt" and result.first_use and not result.already_had
    assert statuses(filled_db) == [(1, "accepted")]
    with filled_db.reading() as session:
        key = session.scalars(select(TrustedKey)).one()
        assert (key.party_code, key.source, key.fingerprint) == (
            "532301",
            "first_use",
            bureau.fingerprint,
        )
    # The same receipt again changes nothing.
    with filled_db.transaction() as session:
        assert receive_file(session, path=receipt).already_had


def test_return_shows_comments_on_their_records_until_the_next_export(
    filled_db: Database, tmp_path: Path, bureau: Signer
) -> None:
    (package,) = exported(filled_db, tmp_path)
    with filled_db.reading() as session:
        counselor = session.scalars(select(Counselor).order_by(Counselor.id)).first()
        room = session.scalars(select(CounsellingRoom)).first()
        assert counselor is not None and room is not None
        comments = [
            Comment(
                "counselor", record_key("counselor", counselor), counselor.name, "请补充证书编号"
            ),
            Comment(
                "counselling_room", record_key("counselling_room", room), room.name, "面积请核实"
            ),
            Comment(None, {}, "整体", "请于本周五前重新上报"),
        ]
        counselor_id, room_id = counselor.id, room.id
    subject, period = subject_of(verify_package(package))
    returned = write_return(
        tmp_path / "back",
        signer=bureau,
        bureau=BUREAU,
        subject=subject,
        period=period,
        comments=comments,
        message="数据有误，退回修改",
    )
    with filled_db.transaction() as session:
        result = receive_file(session, path=returned)
    assert result.kind == "return" and result.comments == 3
    assert statuses(filled_db) == [(1, "returned")]
    with filled_db.reading() as session:
        view = current_return(
            session, school=own_school(session), period=get_period(session, "2026")
        )
    assert view is not None and view.message == "数据有误，退回修改"
    assert [(c.table, c.record_id, c.comment) for c in view.comments] == [
        ("counselor", counselor_id, "请补充证书编号"),
        ("counselling_room", room_id, "面积请核实"),
        (None, None, "请于本周五前重新上报"),
    ]
    exported(filled_db, tmp_path)  # the school corrects and exports again
    with filled_db.reading() as session:
        assert (
            current_return(session, school=own_school(session), period=get_period(session, "2026"))
            is None
        )
    assert statuses(filled_db) == [(1, "returned"), (2, "sent")]


def test_receipt_for_an_older_sequence_marks_only_that_export(
    filled_db: Database, tmp_path: Path, bureau: Signer
) -> None:
    first, _second = exported(filled_db, tmp_path, 2)
    with filled_db.transaction() as session:
        receive_file(session, path=receipt_for(first, bureau, tmp_path / "back"))
    assert statuses(filled_db) == [(1, "accepted"), (2, "sent")]


def refused(db: Database, path: Path) -> PackageError:
    with db.transaction() as session, pytest.raises(PackageError) as info:
        receive_file(session, path=path)
    assert "\n" not in info.value.render()
    return info.value


def test_replies_not_from_our_bureau_key_are_refused(
    filled_db: Database, tmp_path: Path, bureau: Signer
) -> None:
    (package,) = exported(filled_db, tmp_path)
    with filled_db.transaction() as session:
        register_key(
            session, fingerprint=bureau.fingerprint, code="532301", name="楚雄市教育体育局"
        )
    # Another key claiming to be the same bureau: refused, the registered key is another.
    impostor = receipt_for(package, new_signer(), tmp_path / "x")
    assert refused(filled_db, impostor).reason == "unregistered"
    # Another county's bureau.
    other_county = receipt_for(
        package, new_signer(), tmp_path / "y", Party("county", "532322", "双柏县教育体育局")
    )
    assert refused(filled_db, other_county).reason == "wrong_sender"
    # The registered key, after it was revoked.
    with filled_db.transaction() as session:
        revoke_key(session, fingerprint=bureau.fingerprint)
    assert refused(filled_db, receipt_for(package, bureau, tmp_path / "z")).reason == "revoked"
    assert statuses(filled_db) == [(1, "sent")]


def test_reply_for_a_package_not_exported_here_is_refused(
    filled_db: Database, tmp_path: Path, bureau: Signer
) -> None:
    (package,) = exported(filled_db, tmp_path)
    subject, period = subject_of(verify_package(package))
    from dataclasses import replace

    forged = replace(subject, package_sha256="0" * 64)
    path = write_receipt(
        tmp_path / "back", signer=bureau, bureau=BUREAU, subject=forged, period=period
    )
    assert refused(filled_db, path).reason == "no_such_export"
    other_school = replace(subject, sender_code="2153230002")
    path = write_receipt(
        tmp_path / "other", signer=bureau, bureau=BUREAU, subject=other_school, period=period
    )
    assert refused(filled_db, path).reason == "not_for_us"


def test_tampered_reply_and_a_package_given_as_reply_are_refused(
    filled_db: Database, tmp_path: Path, bureau: Signer
) -> None:
    (package,) = exported(filled_db, tmp_path)
    receipt = receipt_for(package, bureau, tmp_path / "back")
    tampered = tmp_path / "tampered.cxreply"
    tampered.write_bytes(
        rezip(
            receipt.read_bytes(),
            lambda n, c: c.replace(b"receipt", b"return") if n == "manifest.json" else c,
        )
    )
    assert refused(filled_db, tampered).reason == "signature"
    assert refused(filled_db, package).reason == "wrong_kind"
    with filled_db.reading() as session:
        assert session.scalars(select(TrustedKey)).first() is None  # nothing stored
    assert statuses(filled_db) == [(1, "sent")]
