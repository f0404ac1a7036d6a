"""The trust registry on the command line: ``trust add|list|revoke|bureau``.

``trust list`` is a light command (issue 16): this module imports at its top only what
listing needs (the registry's SQL, read without SQLAlchemy when the file allows:
:func:`cxdesk.commands.base.read_rows`); the other actions import their work when they run.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cxdesk.commands.base import add_command, opened_database, print_json, read_rows
from cxdesk.errors import InputError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.trust_list import trusted_keys
from cxdesk.i18n import Text, current_language
from cxdesk.safe_text import safe_text

TRUST_ADDED = Text(
    "已登记：{name}（{code}）指纹 {fingerprint}",
    "Registered: {name} ({code}) fingerprint {fingerprint}",
)
TRUST_EMPTY = Text("登记册为空。", "The registry is empty.")
STATUS_WORDS = {
    "registered": Text("有效", "registered"),
    "revoked": Text("已作废", "revoked"),
}
TRUST_TARGET_NEEDED = Text(
    "请给出要作废的单位代码或指纹（cxdesk trust revoke 代码 --since 日期|all）。",
    "Name the party's code or the fingerprint to revoke (cxdesk trust revoke CODE --since "
    "DATE|all).",
)
KEY_FILE_REGISTERED = Text(
    "已登记“{name}”的密钥文件（{issued} 签发），指纹 {fingerprint}。",
    "Registered the key file of {name} (issued {issued}), fingerprint {fingerprint}.",
)
WITH_PREFECTURE = Text(
    "其中随附的州教育体育局密钥也已登记，指纹 {fingerprint}。今后上报包加密给这两个教育局。",
    "The prefecture bureau's key it carries is registered too, fingerprint {fingerprint}. "
    "Packages are encrypted to both bureaus from now on.",
)
KEY_REVOKED = Text(
    "此前信任的密钥 {fingerprint} 已作废（由盖章通知上的密钥取代）。",
    "The key trusted before, {fingerprint}, has been revoked (replaced by the key of the "
    "stamped notice).",
)
KEY_FILE_ALREADY = Text(
    "这个密钥文件已经登记过，未作改动。", "This key file was registered before; nothing changed."
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(commands, common, "trust", "密钥登记册 / the trust registry")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    a = actions.add_parser(
        "add", help="按备案表登记指纹 / register a fingerprint", parents=[common]
    )
    a.add_argument("--fingerprint", required=True, help="备案表上的 30 位指纹 / the 30 digits")
    a.add_argument("--code", required=True, help="学校标识码或行政区划代码 / school or bureau code")
    a.add_argument("--name", required=True, help="单位名称 / name")
    a.add_argument(
        "--role",
        choices=("school", "county", "prefecture"),
        help="默认按代码判断 / default from the code",
    )
    a.add_argument("--note", help="备注 / note")
    a.add_argument(
        "--county", help="学校所属县市（默认按名册或本局）/ the school's county (default: register)"
    )
    a.add_argument(
        "--replace",
        action="store_true",
        help="作废该单位现有的有效密钥 / revoke the party's valid key in the same step",
    )
    a.set_defaults(handler=run_trust_add)
    a = actions.add_parser("list", help="列出 / list", parents=[common])
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_trust_list)
    a = actions.add_parser("revoke", help="作废 / revoke", parents=[common])
    a.add_argument(
        "target",
        nargs="?",
        metavar="CODE",
        help="学校或县市代码（其有效密钥），或指纹 / a party's code (its valid key) or a fingerprint",
    )
    a.add_argument("--fingerprint", help="要作废的指纹 / the fingerprint to revoke")
    a.add_argument(
        "--since",
        default="now",
        metavar="DATE|all",
        help="自何时起不再信任：日期 2026-03-01、日期时间、now（默认）或 all / from when: a date, now, or all",
    )
    a.add_argument("--note", help="原因 / reason")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_trust_revoke)
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


def run_trust_list(args: argparse.Namespace) -> int:
    items = [
        {
            "fingerprint": format_fingerprint(k.fingerprint),
            "role": k.role,
            "code": k.party_code,
            "name": k.party_name,
            "status": k.status,
            "source": k.source,
            "registered_at": k.registered_at.isoformat(),
            "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None,
            "revoked_from": (
                (k.revoked_from.isoformat() if k.revoked_from else "all")
                if k.status == "revoked"
                else None
            ),
            "note": k.note,
        }
        for k in read_rows(args, trusted_keys)
    ]
    if args.json:
        print_json(items)
        return 0
    if not items:
        print(TRUST_EMPTY.render())
    for item in items:
        status = STATUS_WORDS[str(item["status"])].render()
        print(safe_text(f"{item['code']}  {item['name']}  {item['fingerprint']}  {status}"))
    return 0


def run_trust_add(args: argparse.Namespace) -> int:
    from cxdesk.bureau.held import reevaluate_held
    from cxdesk.bureau.trusted_keys import is_bureau, register_party_key
    from cxdesk.commands.bureau import print_reevaluated

    with opened_database(args) as db:
        with db.transaction() as session:
            entry = register_party_key(
                session,
                fingerprint=args.fingerprint,
                code=args.code,
                name=args.name,
                county=args.county,
                role=args.role,
                note=args.note,
                replace=args.replace,
            )
            fingerprint = entry.fingerprint
            bureau = is_bureau(session)
            print(
                TRUST_ADDED.render(
                    name=entry.party_name,
                    code=entry.party_code,
                    fingerprint=format_fingerprint(entry.fingerprint),
                )
            )
        if bureau:
            # Packages held for this key are decided again now that it is registered.
            print_reevaluated(
                reevaluate_held(db, fingerprints={fingerprint}).results, current_language()
            )
    return 0


def run_trust_revoke(args: argparse.Namespace) -> int:
    from cxdesk.bureau.revocation import parse_since, revoke

    target = args.target or args.fingerprint
    if not target:
        raise InputError(TRUST_TARGET_NEEDED())
    with opened_database(args) as db, db.transaction() as session:
        report = revoke(session, target=target, since=parse_since(args.since), note=args.note)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.text_lines():
            print(safe_text(line))
    return 0


def run_trust_bureau(args: argparse.Namespace) -> int:
    """A school registers its county's key file (a county the prefecture's)."""
    from cxdesk.exchange.archive import read_file_bounded
    from cxdesk.exchange.bureau_keyfile import KEY_FILE_LIMITS, register_key_file

    data = read_file_bounded(args.file, KEY_FILE_LIMITS.max_file_bytes)
    with opened_database(args) as db, db.transaction() as session:
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
        print(KEY_FILE_ALREADY.render())
        return 0
    print(
        KEY_FILE_REGISTERED.render(
            name=keys.name,
            issued=keys.issued_at.date().isoformat(),
            fingerprint=format_fingerprint(keys.fingerprint),
        )
    )
    if prefecture is not None:
        print(WITH_PREFECTURE.render(fingerprint=format_fingerprint(prefecture.fingerprint)))
    for fingerprint in result.revoked:
        print(KEY_REVOKED.render(fingerprint=format_fingerprint(fingerprint)))
    return 0
