"""Keys: created on first need, kept beside the database, passphrase, replacement."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from cxdesk.errors import InputError
from cxdesk.exchange.errors import SigningKeyError
from cxdesk.exchange.fingerprints import fingerprint_of, format_fingerprint, parse_fingerprint
from cxdesk.exchange.key_protection import PassphraseNeeded, end_session
from cxdesk.exchange.keys import create_key, current_key, keys_dir, load_signer
from cxdesk.exchange.registration import registration_form, render_registration_html
from cxdesk.models import SigningKey
from cxdesk.storage.db import Database


def test_fingerprint_follows_the_documented_derivation() -> None:
    raw = bytes(range(32))
    digest = hashlib.sha256(raw).digest()
    expected = "".join(
        f"{int.from_bytes(digest[5 * i : 5 * i + 5], 'big') % 100000:05d}" for i in range(6)
    )
    assert fingerprint_of(raw) == expected and len(expected) == 30
    shown = format_fingerprint(expected)
    assert [len(g) for g in shown.split(" ")] == [5] * 6


@pytest.mark.parametrize(
    "typed",
    [
        "12345 67890 12345 67890 12345 67890",
        "12345-67890-12345-67890-12345-67890",
        "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０",
    ],
)
def test_fingerprint_as_typed_from_the_form(typed: str) -> None:
    assert parse_fingerprint(typed) == "123456789012345678901234567890"


@pytest.mark.parametrize("typed", ["", "1234", "12345 67890 12345 67890 12345 6789O", "٣" * 30])
def test_wrong_fingerprints_are_refused(typed: str) -> None:
    with pytest.raises(InputError):
        parse_fingerprint(typed)


def test_key_created_on_first_need_beside_the_database(school_db: Database) -> None:
    folder = keys_dir(school_db.path)
    with school_db.transaction() as session:
        assert current_key(session) is None
        signer = load_signer(session, key_dir=folder)
    with school_db.transaction() as session:
        again = load_signer(session, key_dir=folder)
        record = current_key(session)
        assert record is not None and record.fingerprint == signer.fingerprint
    assert again.fingerprint == signer.fingerprint
    path = folder / f"signing-key-{signer.fingerprint}.pem"
    assert folder.parent == school_db.path.parent
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS8
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_passphrase_protects_the_key(school_db: Database) -> None:
    folder = keys_dir(school_db.path)
    with school_db.transaction() as session:
        record = create_key(session, key_dir=folder, passphrase="山高路远")
        fingerprint = record.fingerprint
        file_name = record.file_name
    # Sealed with age's passphrase encryption (scrypt): no private key in the clear.
    sealed = (folder / file_name).read_bytes()
    assert file_name.startswith(f"signing-key-{fingerprint}-") and file_name.endswith(".pem.age")
    assert sealed.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert b"PRIVATE KEY" not in sealed
    assert [p.name for p in folder.iterdir()] == [file_name]
    end_session()  # a new session: the passphrase typed at creation is forgotten
    with school_db.transaction() as session:
        with pytest.raises(PassphraseNeeded):
            load_signer(session, key_dir=folder)
        with pytest.raises(SigningKeyError) as wrong:
            load_signer(session, key_dir=folder, passphrase="wrong")
        assert "不正确" in wrong.value.render()
        assert (
            load_signer(session, key_dir=folder, passphrase="山高路远").fingerprint == fingerprint
        )
        # Once per session: the key stays open.
        assert load_signer(session, key_dir=folder).fingerprint == fingerprint


def test_a_key_protected_by_an_earlier_cxdesk_still_opens(school_db: Database) -> None:
    """Earlier versions wrote a passphrase-encrypted PKCS8 PEM."""
    folder = keys_dir(school_db.path)
    with school_db.transaction() as session:
        signer = load_signer(session, key_dir=folder)
        record = current_key(session)
        assert record is not None
        pem = signer.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption("山高路远".encode()),
        )
        (folder / record.file_name).write_bytes(pem)
        record.encrypted = True
    end_session()
    with school_db.transaction() as session:
        with pytest.raises(PassphraseNeeded):
            load_signer(session, key_dir=folder)
        with pytest.raises(SigningKeyError):
            load_signer(session, key_dir=folder, passphrase="wrong")
        opened = load_signer(session, key_dir=folder, passphrase="山高路远")
    assert opened.fingerprint == signer.fingerprint


def test_missing_key_file_says_what_to_do(school_db: Database) -> None:
    folder = keys_dir(school_db.path)
    with school_db.transaction() as session:
        signer = load_signer(session, key_dir=folder)
    (folder / f"signing-key-{signer.fingerprint}.pem").unlink()
    with school_db.transaction() as session, pytest.raises(SigningKeyError) as info:
        load_signer(session, key_dir=folder)
    assert "cxdesk key replace" in info.value.render("en")


def test_replacing_the_key_retires_the_old_one_and_the_form_names_it(school_db: Database) -> None:
    folder = keys_dir(school_db.path)
    with school_db.transaction() as session:
        old = load_signer(session, key_dir=folder)
        new = create_key(session, key_dir=folder)
        assert new.fingerprint != old.fingerprint
    with school_db.transaction() as session:
        keys = session.scalars(select(SigningKey).order_by(SigningKey.id)).all()
        assert [k.retired_at is None for k in keys] == [False, True]
        assert load_signer(session, key_dir=folder).fingerprint == new.fingerprint
        form = registration_form(session)
    assert form is not None
    assert form.fingerprint == format_fingerprint(new.fingerprint)
    assert form.previous_fingerprint == format_fingerprint(old.fingerprint)
    page = render_registration_html(form)
    for text in (
        "2153230001",
        "楚雄市鹿城小学",
        form.fingerprint,
        form.previous_fingerprint,
        "公章",
        "楚雄市",
    ):
        assert text in page
