"""The trust registry: registered keys count, revoked ones are refused, unknown ones held."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdesk.errors import InputError, NotFoundError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.trust import list_keys, register_key, revoke_key, trust_status
from cxdesk.exchange.verify import verify_package_bytes
from cxdesk.storage.db import Database
from tests.exchange.conftest import SCHOOL, make_package, new_signer


def test_register_list_revoke(db: Database) -> None:
    school = new_signer()
    package = verify_package_bytes(make_package(school))
    with db.transaction() as session:
        assert trust_status(session, package).state == "unknown"
        register_key(
            session,
            fingerprint=format_fingerprint(school.fingerprint),
            code=SCHOOL,
            name="楚雄市鹿城小学",
        )
    with db.transaction() as session:
        status = trust_status(session, package)
        assert status.state == "registered" and status.counted
        assert status.entry is not None and status.entry.public_key == school.public_key_b64
        assert [k.party_code for k in list_keys(session)] == [SCHOOL]
        revoke_key(session, fingerprint=school.fingerprint, note="laptop stolen")
    with db.transaction() as session:
        status = trust_status(session, package)
        assert status.state == "revoked" and not status.counted
        # A revoked key cannot be registered again by mistake.
        with pytest.raises(InputError):
            register_key(session, fingerprint=school.fingerprint, code=SCHOOL, name="鹿城小学")


def test_key_registered_for_another_school_is_wrong_sender(db: Database) -> None:
    signer = new_signer()
    package = verify_package_bytes(make_package(signer, code="2153230002"))
    with db.transaction() as session:
        register_key(session, fingerprint=signer.fingerprint, code=SCHOOL, name="楚雄市鹿城小学")
        assert trust_status(session, package).state == "wrong_sender"


def test_package_signed_by_another_key_than_the_registered_one_is_a_key_change(
    db: Database,
) -> None:
    registered, other = new_signer(), new_signer()
    package = verify_package_bytes(make_package(other))
    with db.transaction() as session:
        register_key(session, fingerprint=registered.fingerprint, code=SCHOOL, name="鹿城小学")
        status = trust_status(session, package)
        assert status.state == "key_change" and status.fingerprint == other.fingerprint
        assert status.current is not None
        assert status.current.fingerprint == registered.fingerprint
        assert not status.counted


def test_a_party_has_one_valid_key_and_a_replacement_revokes_the_old(db: Database) -> None:
    first, second = new_signer(), new_signer()
    with db.transaction() as session:
        register_key(session, fingerprint=first.fingerprint, code=SCHOOL, name="鹿城小学")
        with pytest.raises(InputError) as info:
            register_key(session, fingerprint=second.fingerprint, code=SCHOOL, name="鹿城小学")
        assert format_fingerprint(first.fingerprint) in info.value.render()
        register_key(
            session, fingerprint=second.fingerprint, code=SCHOOL, name="鹿城小学", replace=True
        )
        keys = {k.fingerprint: k for k in list_keys(session, code=SCHOOL)}
    assert keys[first.fingerprint].status == "revoked"
    assert keys[first.fingerprint].revoked_from is not None  # from now: its packages stay
    assert keys[second.fingerprint].status == "registered"


def test_the_database_itself_refuses_a_second_valid_key(db: Database) -> None:
    """Not only the code: the partial unique index holds even for a direct insert."""
    from datetime import datetime

    from sqlalchemy.exc import IntegrityError

    from cxdesk.models import TrustedKey

    with db.transaction() as session:
        register_key(session, fingerprint="1" * 30, code=SCHOOL, name="鹿城小学")
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(
            TrustedKey(
                fingerprint="2" * 30,
                role="school",
                party_code=SCHOOL,
                party_name="冒名",
                status="registered",
                source="first_use",
                registered_at=datetime(2026, 3, 1),
            )
        )
        session.flush()


@pytest.mark.parametrize(
    ("code", "name"),
    [("215323000", "x"), ("2153230001", ""), ("53230", "局"), ("1153230001", "x" * 101)],
)
def test_bad_registrations_are_refused(db: Database, code: str, name: str) -> None:
    with db.transaction() as session, pytest.raises(InputError):
        register_key(session, fingerprint="1" * 30, code=code, name=name)


def test_revoking_an_unknown_fingerprint_is_an_error(db: Database) -> None:
    with db.transaction() as session, pytest.raises(NotFoundError):
        revoke_key(session, fingerprint="1" * 30)


def test_duplicate_registration_is_refused(db: Database) -> None:
    with db.transaction() as session:
        register_key(session, fingerprint="1" * 30, code="532301", name="楚雄市教育体育局")
        with pytest.raises(InputError):
            register_key(session, fingerprint="1" * 30, code="532301", name="楚雄市教育体育局")
        assert list_keys(session)[0].role == "county"


def test_the_upgrade_keeps_one_valid_key_per_school_preferring_the_form(tmp_path: Path) -> None:
    """A database from before migration 0005 may hold two valid keys for a school (the bug
    it closes): the one registered from a form is kept, the other revoked from now on."""
    import sqlite3

    from cxdesk.storage import schema
    from cxdesk.storage.db import open_database

    path = tmp_path / "old.db"
    schema.upgrade(path, "0004")
    conn = sqlite3.connect(path)
    rows = [
        ("1" * 30, "form", "2026-03-01 09:00:00"),  # the school's, from its stamped form
        ("2" * 30, "first_use", "2026-05-01 09:00:00"),  # an impostor's, by `held accept`
        ("3" * 30, "form", "2026-04-01 09:00:00"),  # another school's only key
    ]
    for n, (fingerprint, source, when) in enumerate(rows):
        code = SCHOOL if n < 2 else "2153230002"
        conn.execute(
            "INSERT INTO trusted_key (fingerprint, role, party_code, party_name, status, "
            "source, registered_at) VALUES (?, 'school', ?, '鹿城小学', 'registered', ?, ?)",
            (fingerprint, code, source, when),
        )
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        with db.reading() as session:
            keys = {
                k.fingerprint: (k.status, k.revoked_from is not None, k.note or "")
                for k in list_keys(session)
            }
    finally:
        db.close()
    assert keys["1" * 30][:2] == ("registered", False)
    assert keys["2" * 30][:2] == ("revoked", True) and "升级时作废" in keys["2" * 30][2]
    assert keys["3" * 30][:2] == ("registered", False)
