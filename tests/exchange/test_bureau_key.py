"""A school registers its county bureau's key from the bureau's stamped form."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdesk.errors import InputError
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.replies import receive_file, register_bureau_key
from cxdesk.exchange.trust import list_keys
from cxdesk.storage.db import Database
from tests.exchange.conftest import new_signer
from tests.exchange.test_replies import exported, receipt_for


def test_registered_bureau_key_is_the_only_one_trusted(filled_db: Database, tmp_path: Path) -> None:
    bureau, impostor = new_signer(), new_signer()
    with filled_db.transaction() as session:
        entry = register_bureau_key(session, fingerprint=format_fingerprint(bureau.fingerprint))
        assert (entry.party_code, entry.party_name, entry.role, entry.source) == (
            "532301",
            "楚雄市教育体育局",
            "county",
            "form",
        )
    (package,) = exported(filled_db, tmp_path)
    with filled_db.transaction() as session, pytest.raises(PackageError) as info:
        receive_file(session, path=receipt_for(package, impostor, tmp_path / "x"))
    assert info.value.reason == "unregistered"
    with filled_db.transaction() as session:
        result = receive_file(session, path=receipt_for(package, bureau, tmp_path / "y"))
    assert result.kind == "receipt" and not result.first_use


def test_a_key_trusted_on_first_use_is_confirmed_by_the_form(
    filled_db: Database, tmp_path: Path
) -> None:
    bureau: Signer = new_signer()
    (package,) = exported(filled_db, tmp_path)
    with filled_db.transaction() as session:
        assert receive_file(session, path=receipt_for(package, bureau, tmp_path / "x")).first_use
    with filled_db.transaction() as session:
        register_bureau_key(session, fingerprint=bureau.fingerprint, note="备案表 2026-03")
    with filled_db.reading() as session:
        keys = list_keys(session, code="532301")
        assert [(k.fingerprint, k.source, k.note) for k in keys] == [
            (bureau.fingerprint, "form", "备案表 2026-03")
        ]


def test_the_form_revokes_the_forgers_first_use_key_and_takes_the_bureaus(
    filled_db: Database, tmp_path: Path
) -> None:
    """A forged return came first and was trusted on first use; the stamped form then
    registers the real key: the forger's key is revoked, its replies refused, the bureau's
    taken (issue 11, point 7)."""
    forger, bureau = new_signer(), new_signer()
    (package,) = exported(filled_db, tmp_path)
    with filled_db.transaction() as session:
        assert receive_file(session, path=receipt_for(package, forger, tmp_path / "x")).first_use
    with filled_db.transaction() as session:
        register_bureau_key(session, fingerprint=format_fingerprint(bureau.fingerprint))
    with filled_db.reading() as session:
        keys = {k.fingerprint: (k.status, k.source) for k in list_keys(session, code="532301")}
    assert keys == {
        forger.fingerprint: ("revoked", "first_use"),
        bureau.fingerprint: ("registered", "form"),
    }
    with filled_db.transaction() as session, pytest.raises(PackageError):
        receive_file(session, path=receipt_for(package, forger, tmp_path / "again"))
    with filled_db.transaction() as session:
        result = receive_file(session, path=receipt_for(package, bureau, tmp_path / "real"))
    assert result.kind == "receipt" and not result.first_use


@pytest.mark.parametrize("typed", ["", "12345 67890", "1234567890123456789012345678901"])
def test_a_mistyped_fingerprint_is_refused_and_nothing_stored(
    filled_db: Database, typed: str
) -> None:
    with filled_db.transaction() as session, pytest.raises(InputError):
        register_bureau_key(session, fingerprint=typed)
    with filled_db.reading() as session:
        assert list_keys(session) == []


def test_the_same_form_twice_changes_nothing(filled_db: Database) -> None:
    fingerprint = new_signer().fingerprint
    with filled_db.transaction() as session:
        first = register_bureau_key(session, fingerprint=fingerprint).id
    with filled_db.transaction() as session:
        assert register_bureau_key(session, fingerprint=fingerprint).id == first
    with filled_db.reading() as session:
        assert [(k.fingerprint, k.status) for k in list_keys(session)] == [
            (fingerprint, "registered")
        ]


def test_the_form_revokes_a_forgers_key_trusted_on_first_use(
    filled_db: Database, tmp_path: Path
) -> None:
    """Issue 11, point 7: a forged return imported first made the forger's key trusted;
    registering the bureau's key from its stamped form revokes it, and the genuine
    replies are accepted from then on, the forger's refused."""
    bureau, forger = new_signer(), new_signer()
    (package,) = exported(filled_db, tmp_path)
    with filled_db.transaction() as session:
        assert receive_file(session, path=receipt_for(package, forger, tmp_path / "f")).first_use
    genuine = receipt_for(package, bureau, tmp_path / "g")
    with filled_db.transaction() as session, pytest.raises(PackageError):
        receive_file(session, path=genuine)  # the forger's key stands in the way
    with filled_db.transaction() as session:
        register_bureau_key(session, fingerprint=format_fingerprint(bureau.fingerprint))
    with filled_db.reading() as session:
        keys = {k.fingerprint: k for k in list_keys(session, code="532301")}
        assert (keys[forger.fingerprint].status, keys[forger.fingerprint].source) == (
            "revoked",
            "first_use",
        )
        assert "盖章" in (keys[forger.fingerprint].note or "")
        assert (keys[bureau.fingerprint].status, keys[bureau.fingerprint].source) == (
            "registered",
            "form",
        )
    with filled_db.transaction() as session:
        assert receive_file(session, path=genuine).kind == "receipt"
    with filled_db.transaction() as session, pytest.raises(PackageError) as info:
        receive_file(session, path=receipt_for(package, forger, tmp_path / "f2"))
    assert info.value.reason == "revoked"
