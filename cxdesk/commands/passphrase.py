"""The key passphrase on the command line: ``--passphrase-file``, the environment, the
keyring, or asked on the terminal, once per command."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.paths import PASSPHRASE_ENV

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cxdesk.storage.db import Database

# The exchange package (cryptography, age) is imported by the functions that open keys:
# registering the option costs a light command (``board``) nothing (issue 16).

EMPTY_PASSPHRASE = Text("密钥密码文件是空的。", "The passphrase file is empty.")
CANNOT_READ = Text("无法读取“{path}”：{reason}", "Cannot read {path}: {reason}")
PROMPT = "密钥密码 / key passphrase: "
NEW_PROMPT = "新的密钥密码 / new key passphrase: "
AGAIN_PROMPT = "再输入一次 / again: "


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"密钥密码所在文件（或环境变量 {PASSPHRASE_ENV}）/ file holding the key passphrase",
    )


def read_passphrase_file(path: Path) -> str:
    """The first line of ``path``, stripped."""
    try:
        text = path.read_text("utf-8").splitlines()[0].strip() if path.stat().st_size else ""
    except OSError as exc:
        raise InputError(CANNOT_READ(path=path, reason=exc.strerror)) from exc
    if not text:
        raise InputError(EMPTY_PASSPHRASE())
    return text


def given_passphrase(args: argparse.Namespace) -> str | None:
    path = getattr(args, "passphrase_file", None)
    return read_passphrase_file(path) if path is not None else None


def signing_passphrase(
    args: argparse.Namespace, session: Session | None = None, key_dir: Path | None = None
) -> str | None:
    """The signing key's passphrase from ``--passphrase-file``, else None (load_signer then
    looks at the environment, the session and the keyring), else asked on the terminal
    when the key is protected and none of those has it."""
    given = given_passphrase(args)
    if given is not None:
        return given
    if session is not None and key_dir is not None:
        from cxdesk.exchange.key_protection import known_passphrase
        from cxdesk.exchange.keys import current_key

        key = current_key(session)
        if (
            key is not None
            and key.encrypted
            and known_passphrase(key_dir) is None
            and sys.stdin.isatty()
        ):
            return getpass.getpass(PROMPT)
    return None


def new_passphrase(args: argparse.Namespace) -> str:
    """A new passphrase: from ``--passphrase-file``, else typed twice on the terminal."""
    given = given_passphrase(args)
    if given is not None:
        return given
    from cxdesk.exchange.key_protection import (
        NEED_PASSPHRASE,
        PassphraseNeeded,
        check_new_passphrase,
    )

    if not sys.stdin.isatty():
        raise PassphraseNeeded(NEED_PASSPHRASE())
    first = getpass.getpass(NEW_PROMPT)
    check_new_passphrase(first, again=getpass.getpass(AGAIN_PROMPT))
    return first


def unlock_for_command(db: Database, args: argparse.Namespace) -> None:
    """Open the bureau's protected keys for this command (asked once on a terminal)."""
    from cxdesk.exchange.bureau_keys import needs_passphrase, unlock_bureau_keys
    from cxdesk.exchange.key_protection import NEED_PASSPHRASE, PassphraseNeeded
    from cxdesk.exchange.keys import keys_dir

    key_dir = keys_dir(Path(db.path))
    given = given_passphrase(args)
    with db.reading() as session:
        if given is None and not needs_passphrase(session, key_dir=key_dir):
            return
    if given is None:
        if not sys.stdin.isatty():
            raise PassphraseNeeded(NEED_PASSPHRASE())
        given = getpass.getpass(PROMPT)
    with db.reading() as session:
        unlock_bureau_keys(session, key_dir=key_dir, passphrase=given)
