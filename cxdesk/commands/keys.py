"""This installation's keys on the command line: ``key show|create|replace|form`` (the
signing key every installation has) and ``key protect|bureau-file`` (a bureau's keys:
sealed with its passphrase; the key file and the notice it gives its schools)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cxdesk.commands.base import add_command, opened_database, print_json
from cxdesk.commands.passphrase import (
    add_passphrase_option,
    new_passphrase,
    signing_passphrase,
    unlock_for_command,
)
from cxdesk.errors import InputError
from cxdesk.exchange.bureau_keyfile import write_key_file
from cxdesk.exchange.bureau_keys import key_status, protect_bureau_keys
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.keys import create_key, current_key, keys_dir, load_signer
from cxdesk.exchange.registration import registration_form, render_registration_html
from cxdesk.i18n import Text
from cxdesk.services.setup import get_installation

FINGERPRINT = Text(
    "本机密钥指纹：{fingerprint}", "This installation's key fingerprint: {fingerprint}"
)
KEY_EXISTS = Text(
    "本机已有签名密钥（指纹 {fingerprint}）。如需更换，请用 cxdesk key replace。",
    "This installation already has a key (fingerprint {fingerprint}). To replace it use "
    "cxdesk key replace.",
)
KEY_CREATED = Text(
    "已生成新密钥，指纹：{fingerprint}。请打印备案表（cxdesk key form）盖章后交教育局登记。",
    "New key created, fingerprint {fingerprint}. Print the registration form (cxdesk key "
    "form), stamp it and hand it to the bureau.",
)
KEY_REPLACED = Text(
    "已更换密钥。新指纹：{fingerprint}；原指纹 {old} 请教育局作废。请打印新的备案表（cxdesk key form）。",
    "Key replaced. New fingerprint {fingerprint}; ask the bureau to revoke the old one, {old}. "
    "Print the new registration form (cxdesk key form).",
)
KEY_REPLACED_WITH_STATEMENT = Text(
    "已更换密钥。新指纹：{fingerprint}。原密钥 {old} 已签署换钥声明，随下次上报包一并发送：教育局确认原密钥仍有效后自动登记新密钥。"
    "请同时打印新的备案表（cxdesk key form）存档，以备原密钥丢失时使用。",
    "Key replaced. New fingerprint {fingerprint}. The old key {old} signed a key-change "
    "statement that travels with the next package: the bureau registers the new key by "
    "itself while the old one is valid there. Print the new registration form too (cxdesk "
    "key form) and keep it, for when a key is lost.",
)
FORM_WRITTEN = Text(
    "备案表已写入 {path}，请用浏览器打开并打印（A4）。",
    "Registration form written to {path}; open it in a browser and print it (A4).",
)
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


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(commands, common, "key", "本机签名密钥 / this installation's key")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    a = actions.add_parser(
        "show", help="显示指纹（首次使用时生成）/ show the fingerprint", parents=[common]
    )
    a.add_argument("--json", action="store_true")
    add_passphrase_option(a)
    a.set_defaults(handler=run_key_show)
    a = actions.add_parser("create", help="生成密钥 / create the key", parents=[common])
    add_passphrase_option(a)
    a.set_defaults(handler=run_key_create)
    a = actions.add_parser("replace", help="更换密钥 / replace the key", parents=[common])
    add_passphrase_option(a)
    a.set_defaults(handler=run_key_replace)
    a = actions.add_parser(
        "form", help="生成备案表 / write the registration form", parents=[common]
    )
    a.add_argument("--out", type=Path, required=True, help="HTML 文件 / HTML file")
    add_passphrase_option(a)
    a.set_defaults(handler=run_key_form)
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


def run_key_show(args: argparse.Namespace) -> int:
    with opened_database(args) as db, db.transaction() as session:
        get_installation(session)
        key_dir = keys_dir(db.path)
        signer = load_signer(
            session, key_dir=key_dir, passphrase=signing_passphrase(args, session, key_dir)
        )
    shown = format_fingerprint(signer.fingerprint)
    if args.json:
        print_json({"fingerprint": shown, "public_key": signer.public_key_b64})
    else:
        print(FINGERPRINT.render(fingerprint=shown))
    return 0


def run_key_create(args: argparse.Namespace) -> int:
    with opened_database(args) as db, db.transaction() as session:
        existing = current_key(session)
        if existing is not None:
            raise InputError(KEY_EXISTS(fingerprint=format_fingerprint(existing.fingerprint)))
        record = create_key(session, key_dir=keys_dir(db.path), passphrase=signing_passphrase(args))
        print(KEY_CREATED.render(fingerprint=format_fingerprint(record.fingerprint)))
    return 0


def run_key_replace(args: argparse.Namespace) -> int:
    from cxdesk.exchange.key_change import replace_key

    with opened_database(args) as db, db.transaction() as session:
        installation = get_installation(session)
        done = replace_key(
            session,
            key_dir=keys_dir(db.path),
            role=installation.role,
            code=installation.code,
            passphrase=signing_passphrase(args, session),
        )
        shown = format_fingerprint(done.record.fingerprint)
        if done.old_fingerprint is None:
            print(KEY_CREATED.render(fingerprint=shown))
        elif done.statement:
            print(
                KEY_REPLACED_WITH_STATEMENT.render(
                    fingerprint=shown, old=format_fingerprint(done.old_fingerprint)
                )
            )
        else:
            print(
                KEY_REPLACED.render(fingerprint=shown, old=format_fingerprint(done.old_fingerprint))
            )
            if done.why_not is not None:
                print(done.why_not.render())
    return 0


def run_key_form(args: argparse.Namespace) -> int:
    from cxdesk.exchange.export import CANNOT_WRITE
    from cxdesk.exchange.package import write_atomically

    with opened_database(args) as db, db.transaction() as session:
        get_installation(session)
        key_dir = keys_dir(db.path)
        load_signer(session, key_dir=key_dir, passphrase=signing_passphrase(args, session, key_dir))
        form = registration_form(session)
    assert form is not None
    try:
        write_atomically(args.out, render_registration_html(form).encode("utf-8"))
    except OSError as exc:
        raise InputError(CANNOT_WRITE(path=args.out, reason=exc.strerror or exc)) from exc
    print(FORM_WRITTEN.render(path=args.out))
    print(FINGERPRINT.render(fingerprint=form.fingerprint))
    return 0


def run_key_protect(args: argparse.Namespace) -> int:
    with opened_database(args) as db:
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

    with opened_database(args) as db:
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
