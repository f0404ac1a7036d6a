"""Encryption keys on the command line: ``key protect``, ``key bureau-file`` (a bureau) and
``trust bureau FILE`` (a school registering its county's key file, a county the
prefecture's).  Registered by :mod:`cxdesk.commands.exchange` into its ``key`` and
``trust`` groups."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cxdesk.commands.base import database, print_json
from cxdesk.commands.passphrase import add_passphrase_option, new_passphrase, unlock_for_command
from cxdesk.exchange.archive import read_file_bounded
from cxdesk.exchange.bureau_keyfile import KEY_FILE_LIMITS, register_key_file, write_key_file
from cxdesk.exchange.bureau_keys import key_status, protect_bureau_keys
from cxdesk.exchange.keys import format_fingerprint, keys_dir, load_signer
from cxdesk.i18n import Text

PROTECTED = Text(
    "本局密钥已设置并受密码保护。签名密钥指纹：{fingerprint}；加密公钥：{public}。",
    "The bureau's keys are set up and protected. Signing key fingerprint {fingerprint}; "
    "encryption public key {public}.",
)
IN_KEYRING = Text(
    "密码已保存在本机的系统钥匙串中，本机使用时不再询问。",
    "The passphrase is kept in this computer's system keyring: it is not asked here again.",
)
NO_KEYRING = Text(
    "本机没有可用的系统钥匙串：每次使用时都会询问密码。",
    "This computer has no usable system keyring: the passphrase is asked in every session.",
)
BACKUP_HINT = Text(
    "请立即备份 keys 文件夹（{folder}），并把密码写在纸上封存：丢失密钥或密码后，"
    "尚未收取的上报包将无法打开（已收取的数据在数据库中，不受影响）。",
    "Back up the keys folder ({folder}) now and keep the passphrase on paper in a sealed "
    "envelope: without them, packages not yet collected cannot be opened (data already "
    "collected is in the database and stays).",
)
KEY_FILE_WRITTEN = Text(
    "密钥文件已写入 {path}；通知（A4 PDF）：{notice}。请打印通知、盖章，与密钥文件一起发给{who}。"
    "密钥指纹：{fingerprint}",
    "Key file written to {path}; notice (A4 PDF): {notice}. Print the notice, stamp it and "
    "give it with the key file to {who}. Key fingerprint {fingerprint}",
)
WHO = {
    "county": Text("各学校", "the schools"),
    "prefecture": Text("各县市教育体育局", "the counties"),
}
REGISTERED = Text(
    "已登记“{name}”的密钥文件（{issued} 签发），指纹 {fingerprint}。",
    "Registered the key file of {name} (issued {issued}), fingerprint {fingerprint}.",
)
WITH_PREFECTURE = Text(
    "其中随附的州教育体育局密钥也已登记，指纹 {fingerprint}。今后上报包加密给这两个教育局。",
    "The prefecture bureau's key it carries is registered too, fingerprint {fingerprint}. "
    "Packages are encrypted to both bureaus from now on.",
)
REVOKED = Text(
    "此前信任的密钥 {fingerprint} 已作废（由盖章通知上的密钥取代）。",
    "The key trusted before, {fingerprint}, has been revoked (replaced by the key of the "
    "stamped notice).",
)
ALREADY = Text(
    "这个密钥文件已经登记过，未作改动。", "This key file was registered before; nothing changed."
)


def register_key_actions(actions: Any, common: argparse.ArgumentParser) -> None:
    a = actions.add_parser(
        "protect",
        help="教育局：设置密钥并用密码保护（或修改密码）/ bureau: set up and protect the keys",
        parents=[common],
    )
    a.add_argument(
        "--keyring",
        action="store_true",
        help="把密码保存在本机系统钥匙串中 / keep the passphrase in the system keyring",
    )
    add_passphrase_option(a)
    a.set_defaults(handler=run_key_protect)
    a = actions.add_parser(
        "bureau-file",
        help="教育局：导出密钥文件和通知 / bureau: write the key file and its notice",
        parents=[common],
    )
    a.add_argument("--out", type=Path, required=True, help="文件夹 / folder")
    a.add_argument("--json", action="store_true")
    add_passphrase_option(a)
    a.set_defaults(handler=run_key_bureau_file)


def register_trust_actions(actions: Any, common: argparse.ArgumentParser) -> None:
    a = actions.add_parser(
        "bureau",
        help="登记教育局的密钥文件 / register a bureau's key file",
        parents=[common],
    )
    a.add_argument("file", type=Path, metavar="FILE", help="密钥文件 .cxkey / the key file")
    a.add_argument(
        "--fingerprint", help="盖章通知上的 30 位指纹 / the 30 digits of the stamped notice"
    )
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_trust_bureau)


def run_key_protect(args: argparse.Namespace) -> int:
    db = database(args)
    key_dir = keys_dir(Path(db.path))
    with db.reading() as session:
        key_status(session, key_dir=key_dir)  # a school's database is refused here
    unlock_for_command(db, argparse.Namespace())  # the old passphrase, if there is one
    passphrase = new_passphrase(args)
    with db.transaction() as session:
        setup = protect_bureau_keys(
            session, key_dir=key_dir, passphrase=passphrase, keyring=args.keyring
        )
    setup.remove_leftovers()
    print(
        PROTECTED.render(
            fingerprint=format_fingerprint(setup.signing_fingerprint), public=setup.encryption_key
        )
    )
    if args.keyring:
        print((IN_KEYRING if setup.in_keyring else NO_KEYRING).render())
    print(BACKUP_HINT.render(folder=key_dir))
    return 0


def run_key_bureau_file(args: argparse.Namespace) -> int:
    from cxdesk.ui.shell.key_notice_print import notice_pdf_name, save_notice_pdf

    db = database(args)
    unlock_for_command(db, args)
    with db.reading() as session:
        signer = load_signer(session, key_dir=keys_dir(Path(db.path)))
        path, key_file = write_key_file(session, signer=signer, out_dir=args.out)
    notice = path.with_name(notice_pdf_name(path.name))
    save_notice_pdf(key_file, path.name, notice)
    shown = format_fingerprint(key_file.fingerprint)
    if args.json:
        print_json({"file": str(path), "notice": str(notice), "fingerprint": shown})
    else:
        who = WHO[key_file.bureau.role].render()
        print(KEY_FILE_WRITTEN.render(path=path, notice=notice, who=who, fingerprint=shown))
    return 0


def run_trust_bureau(args: argparse.Namespace) -> int:
    data = read_file_bounded(args.file, KEY_FILE_LIMITS.max_file_bytes)
    db = database(args)
    with db.transaction() as session:
        result = register_key_file(session, data=data, fingerprint=args.fingerprint)
    keys = result.key_file.bureau
    prefecture = result.key_file.prefecture
    if args.json:
        print_json(
            {
                "bureau": {"code": keys.code, "name": keys.name},
                "fingerprint": format_fingerprint(keys.fingerprint),
                "encryption_key": keys.encryption_key,
                "prefecture": format_fingerprint(prefecture.fingerprint) if prefecture else None,
                "revoked": [format_fingerprint(f) for f in result.revoked],
                "already": result.already,
            }
        )
        return 0
    if result.already:
        print(ALREADY.render())
        return 0
    print(
        REGISTERED.render(
            name=keys.name,
            issued=keys.issued_at.date().isoformat(),
            fingerprint=format_fingerprint(keys.fingerprint),
        )
    )
    if prefecture is not None:
        print(WITH_PREFECTURE.render(fingerprint=format_fingerprint(prefecture.fingerprint)))
    for fingerprint in result.revoked:
        print(REVOKED.render(fingerprint=format_fingerprint(fingerprint)))
    return 0
