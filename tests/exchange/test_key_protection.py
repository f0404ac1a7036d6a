"""A bureau's keys at rest: sealed with one passphrase, asked once per session or kept in
the system keyring; a school's key optionally sealed too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest

from cxdesk.errors import InputError
from cxdesk.exchange.bureau_keys import (
    key_status,
    needs_passphrase,
    protect_bureau_keys,
    unlock_bureau_keys,
)
from cxdesk.exchange.decryption_keys import current_encryption_key, load_decryption_keys
from cxdesk.exchange.errors import SigningKeyError
from cxdesk.exchange.key_protection import (
    PassphraseNeeded,
    end_session,
    open_key_file,
    remember_passphrase,
    session_passphrase,
)
from cxdesk.exchange.keys import current_key, keys_dir, load_signer
from cxdesk.services.bureaus import init_bureau
from cxdesk.storage.db import Database, open_database
from tests.postgres import test_server_settings as server_settings
from tests.postgres.test_server_settings import MemoryKeyring

PASSPHRASE = "县局 密钥 2026 春"


# The system keyring stands in memory (tests/postgres/test_server_settings.py).
memory_keyring = server_settings.memory_keyring
no_keyring = server_settings.no_keyring


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Database]:
    """A county bureau set up by an earlier cxdesk: a signing key, unprotected."""
    db = open_database(tmp_path / "county" / "county.db")
    with db.transaction() as session:
        init_bureau(session, role="county", code="532322")
        load_signer(session, key_dir=keys_dir(db.path))
    yield db
    db.close()


def _files(db: Database) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in keys_dir(db.path).iterdir()}


def test_setting_the_passphrase_seals_both_keys_and_leaves_nothing_in_the_clear(
    county: Database, no_keyring: None
) -> None:
    key_dir = keys_dir(county.path)
    with county.reading() as session:
        before = key_status(session, key_dir=key_dir)
    assert before.signing_fingerprint and not before.signing_protected and not before.ready
    with county.transaction() as session:
        setup = protect_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE)
    assert [p.name for p in setup.leftovers] == [f"signing-key-{before.signing_fingerprint}.pem"]
    setup.remove_leftovers()
    files = _files(county)
    assert len(files) == 2
    for name, content in files.items():
        assert name.endswith(".age") and content.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
        assert b"PRIVATE KEY" not in content and b"AGE-SECRET-KEY" not in content
    with county.reading() as session:
        after = key_status(session, key_dir=key_dir)
        assert after.ready and after.signing_fingerprint == before.signing_fingerprint
        encryption = current_encryption_key(session)
        assert encryption is not None and after.encryption_key == encryption.public_key
        assert not after.in_keyring


def test_the_passphrase_is_asked_once_per_session(county: Database, no_keyring: None) -> None:
    key_dir = keys_dir(county.path)
    with county.transaction() as session:
        protect_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE).remove_leftovers()
    end_session()  # the program is started again
    with county.reading() as session:
        assert needs_passphrase(session, key_dir=key_dir)
        with pytest.raises(PassphraseNeeded):
            load_decryption_keys(session, key_dir=key_dir)
        with pytest.raises(PassphraseNeeded):
            load_signer(session, key_dir=key_dir)
        with pytest.raises(SigningKeyError) as wrong:
            unlock_bureau_keys(session, key_dir=key_dir, passphrase="not it at all")
        assert "不正确" in wrong.value.render()
        assert needs_passphrase(session, key_dir=key_dir)
        unlock_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE)
        # From now on, nothing is asked: every key opens by itself.
        assert not needs_passphrase(session, key_dir=key_dir)
        assert load_decryption_keys(session, key_dir=key_dir).identities
        signing = current_key(session)
        assert signing is not None
        assert load_signer(session, key_dir=key_dir).fingerprint == signing.fingerprint


def test_a_passphrase_given_again_is_checked_without_unsealing_again(
    county: Database, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key opened in this session and the same passphrase given again: known right,
    without scrypt's work; any other passphrase is still checked, and refused."""
    key_dir = keys_dir(county.path)
    with county.transaction() as session:
        protect_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE).remove_leftovers()
    end_session()
    with county.reading() as session:
        unlock_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE)
        unsealed: list[bytes] = []
        decrypt = pyrage.passphrase.decrypt

        def counted(data: bytes, passphrase: str) -> bytes:
            unsealed.append(data)
            return bytes(decrypt(data, passphrase))

        monkeypatch.setattr(pyrage.passphrase, "decrypt", counted)
        unlock_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE)
        assert unsealed == []
        with pytest.raises(SigningKeyError) as wrong:
            unlock_bureau_keys(session, key_dir=key_dir, passphrase="not it at all")
        assert "不正确" in wrong.value.render() and unsealed


def test_the_keyring_keeps_the_passphrase_on_this_computer(
    county: Database, memory_keyring: MemoryKeyring
) -> None:
    key_dir = keys_dir(county.path)
    with county.transaction() as session:
        setup = protect_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE, keyring=True)
    assert setup.in_keyring
    assert list(memory_keyring.passwords.values()) == [PASSPHRASE]
    ((service, account),) = memory_keyring.passwords
    assert service == "cxdesk" and str(key_dir.resolve()) in account
    end_session(keep_open_keys=False)
    with county.reading() as session:
        assert not needs_passphrase(session, key_dir=key_dir)
        assert key_status(session, key_dir=key_dir).in_keyring
        assert load_decryption_keys(session, key_dir=key_dir).identities
    # Choosing not to keep it removes it from the keyring.
    with county.transaction() as session:
        protect_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE + "!")
    assert memory_keyring.passwords == {}


def test_changing_the_passphrase_needs_the_old_one_and_replaces_every_file(
    county: Database, no_keyring: None
) -> None:
    key_dir = keys_dir(county.path)
    with county.transaction() as session:
        protect_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE).remove_leftovers()
    old_files = _files(county)
    end_session()
    with county.transaction() as session, pytest.raises(PassphraseNeeded):
        protect_bureau_keys(session, key_dir=key_dir, passphrase="新的 密码 2027")
    assert _files(county) == old_files  # nothing changed
    with county.reading() as session:
        unlock_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE)
    with county.transaction() as session:
        setup = protect_bureau_keys(session, key_dir=key_dir, passphrase="新的 密码 2027")
    setup.remove_leftovers()
    assert not set(_files(county)) & set(old_files)
    end_session()
    with county.reading() as session:
        with pytest.raises(SigningKeyError):
            unlock_bureau_keys(session, key_dir=key_dir, passphrase=PASSPHRASE)
        unlock_bureau_keys(session, key_dir=key_dir, passphrase="新的 密码 2027")


@pytest.mark.parametrize("passphrase", ["", "short", "1234567"])
def test_a_short_passphrase_is_refused(county: Database, passphrase: str) -> None:
    with county.transaction() as session, pytest.raises(InputError) as info:
        protect_bureau_keys(session, key_dir=keys_dir(county.path), passphrase=passphrase)
    assert "8" in info.value.render()
    with county.reading() as session:
        assert current_encryption_key(session) is None


def test_a_school_has_no_bureau_keys(school_db: Database) -> None:
    with school_db.transaction() as session, pytest.raises(InputError):
        protect_bureau_keys(session, key_dir=keys_dir(school_db.path), passphrase=PASSPHRASE)


def test_a_key_whose_passphrase_work_this_computer_cannot_do_now_says_so(
    tmp_path: Path, no_keyring: None
) -> None:
    """age refuses, before trying the passphrase, a sealed file whose scrypt work would take
    this computer far longer than now allowed (a busy PC; a much slower PC than the one the
    passphrase was set on).  Seen under load: it was reported as a wrong passphrase, and the
    session's right passphrase was forgotten."""
    sealed = bytes(pyrage.passphrase.encrypt(b"the key", PASSPHRASE))
    header = re.search(rb"-> scrypt (\S+) (\d+)\n", sealed)
    assert header is not None
    heavy = sealed.replace(header.group(0), b"-> scrypt " + header.group(1) + b" 40\n")
    path = tmp_path / "keys" / "signing-key.age"
    path.parent.mkdir()
    path.write_bytes(heavy)
    remember_passphrase(path.parent, PASSPHRASE)
    with pytest.raises(SigningKeyError) as info:
        open_key_file(path)
    said = info.value.render()
    assert "超过了 age 允许的时间" in said and "密码尚未核对" in said
    assert "不正确" not in said
    assert session_passphrase(path.parent) == PASSPHRASE  # not forgotten: it was not tried
    path.write_bytes(sealed)  # the same key, sealed with this computer's work
    assert open_key_file(path) == b"the key"
    end_session()
