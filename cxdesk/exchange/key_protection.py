"""Private keys at rest: the passphrase that protects them, and where it is found.

A bureau's signing key and decryption key are both protected by one passphrase; a school's
signing key may be (off by default: a shared PC and a forgotten passphrase would stop the
school's report, docs/user-guide.md).  A protected key file is the key sealed with age's
passphrase encryption (scrypt, then ChaCha20-Poly1305; ``age -d`` opens it by hand): the
signing key as ``signing-key-<fingerprint>.pem.age`` (a PKCS8 PEM inside), the decryption
key as ``decryption-key-<n>.age`` (an age identity file, which ``age -d -i`` reads as it
is).  The passphrase is looked for, in this order:

1. given by the caller (typed in a dialog, ``--passphrase-file``);
2. the environment variable ``CXDESK_KEY_PASSPHRASE`` (unattended command lines);
3. this process's memory: once a passphrase opened the keys of a folder it is kept, and
   the keys stay open, for the rest of the session (the desktop app asks once, not before
   every collect);
4. the system keyring (Windows Credential Manager, macOS Keychain, Secret Service), when
   the bureau chose to keep it there and this machine has one.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import re
import threading
from pathlib import Path
from typing import Any

import pyrage

from cxdesk.errors import InputError
from cxdesk.exchange.errors import SigningKeyError
from cxdesk.i18n import Text
from cxdesk.paths import PASSPHRASE_ENV

log = logging.getLogger(__name__)

SEALED_SUFFIX = ".age"
KEYRING_SERVICE = "cxdesk"
#: A passphrase shorter than this is refused when keys are protected.
MIN_PASSPHRASE = 8

NEED_PASSPHRASE = Text(
    "本机的密钥受密码保护，请输入密钥密码（命令行：--passphrase-file 文件，或环境变量 "
    "CXDESK_KEY_PASSPHRASE）。",
    "The keys of this installation are protected by a passphrase: give it (command line: "
    "--passphrase-file FILE, or the environment variable CXDESK_KEY_PASSPHRASE).",
)
WRONG_PASSPHRASE = Text("密钥密码不正确。", "The key passphrase is wrong.")
TOO_MUCH_WORK = Text(
    "这台电脑现在验证密钥密码约需 {seconds} 秒，超过了 age 允许的时间，密码尚未核对。"
    "请关闭其他程序后再试；如果这台电脑比设置密码的电脑慢很多，请在设置密码的电脑上操作。",
    "Checking the key passphrase would take about {seconds} s on this computer now, more "
    "than age allows, so it was not checked. Close other programs and try again; if this "
    "computer is much slower than the one the passphrase was set on, use that one.",
)
SHORT_PASSPHRASE = Text(
    "密钥密码太短：至少 {count} 个字符。请用一句容易记住、别人猜不到的话。",
    "The passphrase is too short: at least {count} characters. Use a sentence you remember "
    "and others cannot guess.",
)
NO_KEY_FILE = Text(
    "找不到密钥文件“{path}”。请从备份中把 keys 文件夹复制回来（见使用说明“备份”一节）。",
    "The key file {path} is missing. Copy the keys folder back from a backup (see the "
    'guide, "Backups").',
)


class PassphraseNeeded(SigningKeyError):
    """The keys are protected and no passphrase was found: ask the user and try again."""


NOT_THE_SAME = Text("两次输入的密码不一致。", "The two passphrases differ.")


def check_new_passphrase(passphrase: str, *, again: str | None = None) -> None:
    """Refuse a new passphrase that is too short, or (``again``) typed differently twice."""
    if again is not None and again != passphrase:
        raise InputError(NOT_THE_SAME())
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(SHORT_PASSPHRASE(count=MIN_PASSPHRASE))


def is_sealed(data: bytes) -> bool:
    """Whether ``data`` is an age-encrypted file (armored or binary)."""
    return data.startswith((b"-----BEGIN AGE ENCRYPTED FILE-----", b"age-encryption.org/v1"))


def seal(plaintext: bytes, passphrase: str) -> bytes:
    """``plaintext`` encrypted with age's passphrase (scrypt) encryption, armored text."""
    return bytes(pyrage.passphrase.encrypt(plaintext, passphrase, armored=True))


# --- the session: a passphrase that worked, kept in this process's memory ---------------

_lock = threading.Lock()
_session: dict[str, str] = {}


def _folder_key(key_dir: Path) -> str:
    return str(Path(key_dir).resolve())


def remember_passphrase(key_dir: Path, passphrase: str) -> None:
    """Keep ``passphrase`` for the keys in ``key_dir`` until the process ends."""
    with _lock:
        _session[_folder_key(key_dir)] = passphrase


def forget_passphrase(key_dir: Path) -> None:
    with _lock:
        _session.pop(_folder_key(key_dir), None)


def session_passphrase(key_dir: Path) -> str | None:
    with _lock:
        return _session.get(_folder_key(key_dir))


# --- the system keyring -------------------------------------------------------------------


def _keyring() -> Any | None:
    # Deferred: keyring (and its backends) load only when a key is sealed or unsealed.
    from cxdesk.storage.server.secrets import system_keyring

    return system_keyring()


def keyring_account(key_dir: Path) -> str:
    """The keyring's account name for the keys in ``key_dir`` (one per folder and machine)."""
    return f"keys:{_folder_key(key_dir)}"


def keyring_passphrase(key_dir: Path) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        value = kr.get_password(KEYRING_SERVICE, keyring_account(key_dir))
    except Exception:  # a locked or broken keyring: ask the passphrase instead
        log.warning("the keyring could not be read", exc_info=True)
        return None
    return str(value) if value else None


def save_keyring_passphrase(key_dir: Path, passphrase: str) -> bool:
    """Keep the passphrase in the system keyring; False when this machine has none."""
    kr = _keyring()
    if kr is None:
        return False
    kr.set_password(KEYRING_SERVICE, keyring_account(key_dir), passphrase)
    return True


def forget_keyring_passphrase(key_dir: Path) -> None:
    kr = _keyring()
    if kr is None:
        return
    with contextlib.suppress(Exception):  # there was none
        kr.delete_password(KEYRING_SERVICE, keyring_account(key_dir))


def known_passphrase(key_dir: Path, given: str | None = None) -> str | None:
    """The passphrase for the keys in ``key_dir`` from the first place that has one."""
    return (
        given
        or os.environ.get(PASSPHRASE_ENV)
        or session_passphrase(key_dir)
        or keyring_passphrase(key_dir)
        or None
    )


# --- opening a key file ---------------------------------------------------------------------

#: Key files opened in this session: SHA-256 of the sealed file -> what was inside (a copy
#: of the same file, e.g. the keys folder restored elsewhere, is the same key).
_opened: dict[str, bytes] = {}
#: The SHA-256 of the passphrase that opened each of them: the same passphrase given again
#: is known to be right without scrypt's second or more of work.
_opened_by: dict[str, bytes] = {}


def open_key_file(path: Path, *, given: str | None = None) -> bytes:
    """The content of a private key file, unsealed with the passphrase if it is sealed.

    A sealed file opened once stays open for the session (the same bytes: a file replaced
    since is opened again).  Raises :class:`PassphraseNeeded` when no passphrase
    is known, a :class:`SigningKeyError` when it is wrong or the file is missing.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise SigningKeyError(NO_KEY_FILE(path=path)) from exc
    if not is_sealed(data):
        return data
    slot = hashlib.sha256(data).hexdigest()
    with _lock:
        if slot in _opened and (
            given is None or hmac.compare_digest(_opened_by[slot], _digest(given))
        ):
            return _opened[slot]
    key_dir = Path(path).parent
    passphrase = known_passphrase(key_dir, given)
    if passphrase is None:
        raise PassphraseNeeded(NEED_PASSPHRASE())
    try:
        plaintext = bytes(pyrage.passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError as exc:
        seconds = _work_refused(exc)
        if seconds is not None:  # the passphrase was not tried: keep it for the session
            raise SigningKeyError(TOO_MUCH_WORK(seconds=seconds)) from exc
        if given is None and passphrase == session_passphrase(key_dir):
            forget_passphrase(key_dir)  # a passphrase changed by another clerk's PC
        raise SigningKeyError(WRONG_PASSPHRASE()) from exc
    remember_passphrase(key_dir, passphrase)
    with _lock:
        _opened[slot] = plaintext
        _opened_by[slot] = _digest(passphrase)
    return plaintext


def _digest(passphrase: str) -> bytes:
    return hashlib.sha256(passphrase.encode("utf-8")).digest()


def _work_refused(exc: Exception) -> str | None:
    """The seconds age said unsealing would take, when it refused to try: age bounds the
    passphrase's work (scrypt) by what this computer does in a few seconds now, so a busy
    or much slower computer is refused before the passphrase is checked."""
    text = str(exc)
    if "work parameter" not in text:
        return None
    found = re.search(r"\d+", text)
    return found.group() if found else "?"


def end_session(*, keep_open_keys: bool = False) -> None:
    """Forget every passphrase of this session and, unless ``keep_open_keys``, close the
    keys it opened (the next use asks again)."""
    with _lock:
        _session.clear()
        if not keep_open_keys:
            _opened.clear()
            _opened_by.clear()
