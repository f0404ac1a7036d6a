"""Report packages on the command line: ``export``, ``verify``, ``receive``, ``outbox``,
``trust add|list|revoke|bureau`` and ``key show|create|replace|form|protect|bureau-file``
(the encryption ones in :mod:`cxdesk.commands.bureau_keys`)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.checks import Finding
from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.commands.base import add_command, database, print_json
from cxdesk.commands.bureau_keys import register_key_actions, register_trust_actions
from cxdesk.commands.passphrase import add_passphrase_option, read_passphrase_file
from cxdesk.errors import InputError
from cxdesk.exchange import (
    ExportPreview,
    PackageError,
    create_key,
    current_key,
    current_return,
    export_report,
    format_fingerprint,
    keys_dir,
    list_keys,
    load_signer,
    outbox_dir,
    preview_export,
    receive_file,
    verify_package,
)
from cxdesk.exchange.encryption import recipient_names
from cxdesk.exchange.key_protection import known_passphrase
from cxdesk.exchange.registration import registration_form, render_registration_html
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS
from cxdesk.i18n import LIST_SEPARATOR, Text, colon, current_language, in_parentheses
from cxdesk.models import ExportLog, ReportingPeriod
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.safe_text import safe_text
from cxdesk.services.periods import current_period_label, get_period
from cxdesk.services.setup import get_installation, own_school

HEADER = Text(
    "学校：{name}（{code}）  期次：{period}  第 {sequence} 次上报  文件：{file}",
    "School: {name} ({code})  period {period}  export no. {sequence}  file {file}",
)
FIGURES = Text(
    "将发送的数字（统计时点 {reference}）：", "Figures to be sent (reference date {reference}):"
)
LEFT_OUT = Text(
    "不属于本期次、不随本包发送的记录：", "Records of a later period, not sent with this package:"
)
IS_CORRECTION = Text(
    "这是 {period} 期次的更正包：教育局已接收（回执）第 {sequence} 次上报。",
    "This is a correction (更正) of {period}: the bureau accepted (receipt) export no. {sequence}.",
)
COUNTS = Text("记录数：", "Records:")
SOFT = Text(
    "经验校验提示（{count} 个，随数据一并上报）：", "Soft findings ({count}, sent with the data):"
)
EXPLAINED = Text("已说明：{text}", "explained: {text}")
UNEXPLAINED = Text("未填写说明", "no explanation")
EXPORTED = Text(
    "已写入 {path}（{size} 字节，副本保存在 {outbox}）",
    "Written to {path} ({size} bytes; a copy is kept in {outbox})",
)
FINGERPRINT = Text(
    "本机密钥指纹：{fingerprint}", "This installation's key fingerprint: {fingerprint}"
)
VERIFIED = Text(
    "完好：{kind}，{role} {name}（{code}），期次 {period}，第 {sequence} 次，{created}，密钥指纹 {fingerprint}",
    "Intact: {kind} from {role} {name} ({code}), period {period}, no. {sequence}, {created}, "
    "key fingerprint {fingerprint}",
)
REFUSED_PREFIX = Text("拒收：", "Refused: ")
WILL_ENCRYPT = Text(
    "上报包将加密，只有{names}能打开。", "The package will be encrypted: only {names} can open it."
)
NO_KEY_FILE = Text(
    '尚未登记县市教育体育局的密钥文件，上报包不能加密，也就不能导出：cxdesk trust bureau 密钥文件 --fingerprint "通知上的指纹"。',
    "The county bureau's key file is not registered: the package cannot be encrypted, so it "
    'cannot be exported: cxdesk trust bureau KEY_FILE --fingerprint "…".',
)
ENCRYPTED_FOR = Text(
    "格式 {version}，个人信息已加密给：{names}（只有它们能打开）",
    "Format {version}; the personal data is encrypted to: {names} (only they can open it)",
)
NOT_ENCRYPTED = Text(
    "格式 {version}，未加密：发送方选择了不加密导出，包内个人信息可被任何人读取",
    "Format {version}, NOT encrypted: the sender chose to export unencrypted; anyone can read "
    "the personal data inside",
)
TRUST_ADDED = Text(
    "已登记：{name}（{code}）指纹 {fingerprint}",
    "Registered: {name} ({code}) fingerprint {fingerprint}",
)
TRUST_REVOKED = Text(
    "已作废：{name}（{code}）指纹 {fingerprint}",
    "Revoked: {name} ({code}) fingerprint {fingerprint}",
)
TRUST_EMPTY = Text("登记册为空。", "The registry is empty.")
STATUS_WORDS = {
    "registered": Text("有效", "registered"),
    "revoked": Text("已作废", "revoked"),
    "sent": Text("已发送", "sent"),
    "accepted": Text("已接收（有回执）", "accepted (receipt)"),
    "returned": Text("已退回修改", "returned for correction"),
}
RECEIVED_RECEIPT = Text(
    "回执已导入：{period} 期次第 {sequence} 次上报已被“{bureau}”接收。",
    "Receipt imported: export no. {sequence} of period {period} was accepted by {bureau}.",
)
RECEIVED_RETURN = Text(
    "退回通知已导入：“{bureau}”退回了 {period} 期次第 {sequence} 次上报，共 {count} 条意见。"
    "修改后请重新上报。",
    "Return imported: {bureau} returned export no. {sequence} of period {period} with "
    "{count} comments. Correct the data and export again.",
)
ALREADY_HAD = Text(
    "这个文件之前已导入过，未作改动。", "This file was imported before; nothing changed."
)
FIRST_USE = Text(
    "注意：本机此前没有登记教育局的密钥，已按首次使用登记“{bureau}”的密钥，指纹 {fingerprint}。"
    "请与教育局公布的指纹核对。",
    "Note: no bureau key was registered here, so the key of {bureau} was registered on first "
    "use, fingerprint {fingerprint}. Compare it with the fingerprint the bureau published.",
)
COMMENTS_HEADER = Text(
    "“{bureau}”退回第 {sequence} 次上报（{file}）的意见：",
    "Comments of {bureau} returning export no. {sequence} ({file}):",
)
NO_EXPORTS = Text("还没有导出过上报包。", "No package has been exported yet.")
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


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(commands, common, "export", "导出上报包 / export the report package")
    p.add_argument("--period", help="期次，默认今年 / period, default this year")
    p.add_argument("--out", type=Path, help="保存到的文件夹或U盘 / folder or USB drive")
    p.add_argument(
        "--preview", action="store_true", help="只显示将发送的内容 / only show what would be sent"
    )
    p.add_argument(
        "--correction",
        action="store_true",
        help="确认这是已接收期次的更正包 / confirm this corrects a period the bureau accepted",
    )
    p.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    p.add_argument(
        "--unencrypted",
        action="store_true",
        help="不加密导出（仅在教育局明确要求时）/ export without encryption (only if the "
        "bureau asks for it)",
    )
    _passphrase_option(p)
    p.set_defaults(handler=run_export)

    p = add_command(commands, common, "verify", "校验上报包 / verify a package")
    p.add_argument("package", type=Path, metavar="PKG")
    p.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    p.set_defaults(handler=run_verify)

    p = add_command(commands, common, "receive", "导入回执或退回通知 / import a receipt or return")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    p.set_defaults(handler=run_receive)

    p = add_command(commands, common, "outbox", "已导出的上报包及其状态 / exported packages")
    p.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    p.set_defaults(handler=run_outbox)

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
    register_trust_actions(actions, common)

    p = add_command(commands, common, "key", "本机签名密钥 / this installation's key")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    a = actions.add_parser(
        "show", help="显示指纹（首次使用时生成）/ show the fingerprint", parents=[common]
    )
    a.add_argument("--json", action="store_true")
    _passphrase_option(a)
    a.set_defaults(handler=run_key_show)
    a = actions.add_parser("create", help="生成密钥 / create the key", parents=[common])
    _passphrase_option(a)
    a.set_defaults(handler=run_key_create)
    a = actions.add_parser("replace", help="更换密钥 / replace the key", parents=[common])
    _passphrase_option(a)
    a.set_defaults(handler=run_key_replace)
    a = actions.add_parser(
        "form", help="生成备案表 / write the registration form", parents=[common]
    )
    a.add_argument("--out", type=Path, required=True, help="HTML 文件 / HTML file")
    _passphrase_option(a)
    a.set_defaults(handler=run_key_form)
    register_key_actions(actions, common)


_passphrase_option = add_passphrase_option


def _passphrase(
    args: argparse.Namespace, session: Session | None = None, key_dir: Path | None = None
) -> str | None:
    """The passphrase from --passphrase-file, else None (load_signer then looks at the
    environment, the session and the keyring), else asked on the terminal when the key
    is protected and none of those has it."""
    path = getattr(args, "passphrase_file", None)
    if path is not None:
        return read_passphrase_file(path)
    if session is not None and key_dir is not None:
        key = current_key(session)
        if (
            key is not None
            and key.encrypted
            and known_passphrase(key_dir) is None
            and sys.stdin.isatty()
        ):
            return getpass.getpass("密钥密码 / key passphrase: ")
    return None


def _lang_index() -> int:
    return 1 if current_language() == "en" else 0


def _finding_line(f: Finding) -> str:
    table = TABLE_LABELS[f.table_name][_lang_index()]
    note = EXPLAINED.render(text=f.explanation) if f.explanation else UNEXPLAINED.render()
    return (
        f"  [{f.rule_id}] {table}「{f.record_label}」{colon()}{f.message.render()}"
        + in_parentheses(note)
    )


def print_preview(preview: ExportPreview) -> None:
    print(
        HEADER.render(
            name=preview.school_name,
            code=preview.school_code,
            period=preview.period,
            sequence=preview.sequence,
            file=preview.file_name,
        )
    )
    if preview.correction:
        print(
            IS_CORRECTION.render(period=preview.period, sequence=f"{preview.accepted_sequence:03d}")
        )
    reference = preview.reference_date.isoformat() if preview.reference_date else ""
    print(FIGURES.render(reference=reference))
    lang = current_language()
    for key in FIGURE_KEYS:
        value = preview.figures.get(key)
        if key == "training_person_times" and isinstance(value, dict):
            value = LIST_SEPARATOR.render(lang).join(
                f"{TRAINING_LEVELS.label(k, lang)} {v}" for k, v in value.items()
            )
        if value is not None:
            print(f"  {FIGURE_LABELS[key][_lang_index()]}{colon()}{value}")
    print(COUNTS.render())
    for table, count in preview.counts.items():
        label = TABLE_LABELS[table][_lang_index()] if table in TABLE_LABELS else table
        print(f"  {label}{colon()}{count}")
    if preview.notes:
        print(LEFT_OUT.render())
        for note in preview.notes:
            print(f"  {note.render()}")
    if preview.soft:
        print(SOFT.render(count=len(preview.soft)))
        for finding in preview.soft:
            print(_finding_line(finding))
    if preview.encryption is None:
        print(NO_KEY_FILE.render())
    else:
        print(WILL_ENCRYPT.render(names=recipient_names(preview.encryption)))


def _preview_json(preview: ExportPreview) -> dict[str, Any]:
    from cxdesk.exchange.export import manifest_figures

    lang = current_language()
    return {
        "school": {"code": preview.school_code, "name": preview.school_name},
        "period": preview.period,
        "sequence": preview.sequence,
        "file": preview.file_name,
        "figures": manifest_figures(preview.figures),
        "counts": preview.counts,
        "hard": [f.to_json(lang) for f in preview.hard],
        "soft": [f.to_json(lang) for f in preview.soft],
        "reference_date": preview.reference_date.isoformat() if preview.reference_date else None,
        "notes": [note.render(lang) for note in preview.notes],
        "correction": preview.correction,
        "encryption": preview.encryption.to_json() if preview.encryption else None,
    }


def run_export(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        period = args.period or current_period_label()
        if args.preview or args.out is None:
            with db.reading() as session:
                preview = preview_export(session, period_label=period, outbox=outbox_dir(db.path))
                if args.json:
                    print_json(_preview_json(preview))
                else:
                    print_preview(preview)
                    for f in preview.hard:
                        print(_finding_line(f))
            return 1 if preview.blocked else 0
        with db.transaction() as session:
            own_school(session)  # before a key is made for an installation not set up
            signer = load_signer(
                session,
                key_dir=keys_dir(db.path),
                passphrase=_passphrase(args, session, keys_dir(db.path)),
            )
            result = export_report(
                session,
                period_label=period,
                out_dir=args.out,
                outbox=outbox_dir(db.path),
                signer=signer,
                correction=args.correction,
                unencrypted=args.unencrypted,
            )
        if args.json:
            print_json(
                {
                    **_preview_json(result.preview),
                    "path": str(result.path),
                    "sha256": result.sha256,
                    "size": result.size,
                    "fingerprint": format_fingerprint(signer.fingerprint),
                }
            )
        else:
            print_preview(result.preview)
            print(
                EXPORTED.render(
                    path=result.path, size=result.size, outbox=result.outbox_path.parent
                )
            )
            print(FINGERPRINT.render(fingerprint=format_fingerprint(signer.fingerprint)))
        return 0
    finally:
        db.close()


def run_verify(args: argparse.Namespace) -> int:
    from cxdesk.exchange.verify import _kind_name

    try:
        package = verify_package(args.package)
    except PackageError as exc:
        if args.json:
            print_json(
                {
                    "ok": False,
                    "file": args.package.name,
                    "reason": exc.reason,
                    "message": exc.message.render(),
                }
            )
        else:
            print(REFUSED_PREFIX.render() + exc.message.render(), file=sys.stderr)
        return exc.exit_code
    if args.json:
        print_json(package.to_json())
        return 0
    m = package.manifest
    print(
        VERIFIED.render(
            kind=_kind_name(m.kind),
            role=m.sender.role,
            name=m.sender.name,
            code=m.sender.code,
            period=m.period.label,
            sequence=m.sequence,
            created=m.created_at.isoformat(),
            fingerprint=package.fingerprint_display,
        )
    )
    encryption = m.encryption
    if encryption is not None and encryption.encrypted:
        print(ENCRYPTED_FOR.render(version=m.format_version, names=recipient_names(encryption)))
    elif encryption is not None:
        print(NOT_ENCRYPTED.render(version=m.format_version))
    return 0


def run_receive(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.transaction() as session:
            result = receive_file(session, path=args.file)
    finally:
        db.close()
    if args.json:
        print_json(
            {**result.__dict__, "bureau_fingerprint": format_fingerprint(result.bureau_fingerprint)}
        )
        return 0
    if result.already_had:
        print(ALREADY_HAD.render())
    text = RECEIVED_RECEIPT if result.kind == "receipt" else RECEIVED_RETURN
    print(
        text.render(
            period=result.period,
            sequence=result.sequence,
            bureau=result.bureau_name,
            count=result.comments,
        )
    )
    if result.first_use:
        print(
            FIRST_USE.render(
                bureau=result.bureau_name, fingerprint=format_fingerprint(result.bureau_fingerprint)
            )
        )
    if result.kind == "return" and not result.already_had:
        db = database(args)
        try:
            with db.reading() as session:
                _print_return(session, result.period)
        finally:
            db.close()
    return 0


def _print_return(session: Session, period_label: str) -> None:
    school = own_school(session)
    view = current_return(session, school=school, period=get_period(session, period_label))
    if view is None:
        return
    print(
        COMMENTS_HEADER.render(
            bureau=view.bureau_name, sequence=view.sequence, file=view.export_file
        )
    )
    if view.message:
        print(f"  {view.message}")
    for c in view.comments:
        table = TABLE_LABELS[c.table][_lang_index()] if c.table in TABLE_LABELS else "—"
        print(f"  {table}「{c.record_label}」{colon()}{c.comment}")


def run_outbox(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.reading() as session:
            installation = get_installation(session)
            rows = session.execute(
                select(ExportLog, ReportingPeriod.label)
                .join(ReportingPeriod, ExportLog.period_id == ReportingPeriod.id)
                .where(ExportLog.sender_code == installation.code)
                .order_by(ReportingPeriod.label, ExportLog.sequence)
            ).all()
            items = [
                {
                    "period": label,
                    "sequence": e.sequence,
                    "file": e.file_name,
                    "status": e.status,
                    "created_at": e.created_at.isoformat(),
                    "sha256": e.package_sha256,
                    "out_path": e.out_path,
                }
                for e, label in rows
            ]
            if args.json:
                print_json(items)
                return 0
            if not items:
                print(NO_EXPORTS.render())
            for item in items:
                status = STATUS_WORDS[str(item["status"])].render()
                print(
                    f"{item['period']}  #{item['sequence']:03d}  {item['created_at']}  {status}  {item['file']}"
                )
            if installation.role == "school":
                for label in sorted({str(i["period"]) for i in items}):
                    _print_return(session, label)
    finally:
        db.close()
    return 0


TRUST_TARGET_NEEDED = Text(
    "请给出要作废的单位代码或指纹（cxdesk trust revoke 代码 --since 日期|all）。",
    "Name the party's code or the fingerprint to revoke (cxdesk trust revoke CODE --since "
    "DATE|all).",
)


def run_trust_add(args: argparse.Namespace) -> int:
    from cxdesk.bureau.trusted_keys import is_bureau, register_party_key

    db = database(args)
    try:
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
            from cxdesk.bureau.held import reevaluate_held
            from cxdesk.commands.bureau import print_reevaluated

            print_reevaluated(reevaluate_held(db, fingerprints={fingerprint}), current_language())
    finally:
        db.close()
    return 0


def run_trust_revoke(args: argparse.Namespace) -> int:
    from cxdesk.bureau.revocation import parse_since, revoke

    target = args.target or args.fingerprint
    if not target:
        raise InputError(TRUST_TARGET_NEEDED())
    db = database(args)
    try:
        with db.transaction() as session:
            report = revoke(session, target=target, since=parse_since(args.since), note=args.note)
    finally:
        db.close()
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.text_lines():
            print(safe_text(line))
    return 0


def run_trust_list(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.reading() as session:
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
                for k in list_keys(session)
            ]
    finally:
        db.close()
    if args.json:
        print_json(items)
        return 0
    if not items:
        print(TRUST_EMPTY.render())
    for item in items:
        status = STATUS_WORDS[str(item["status"])].render()
        print(safe_text(f"{item['code']}  {item['name']}  {item['fingerprint']}  {status}"))
    return 0


def run_key_show(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.transaction() as session:
            get_installation(session)
            signer = load_signer(
                session,
                key_dir=keys_dir(db.path),
                passphrase=_passphrase(args, session, keys_dir(db.path)),
            )
    finally:
        db.close()
    shown = format_fingerprint(signer.fingerprint)
    if args.json:
        print_json({"fingerprint": shown, "public_key": signer.public_key_b64})
    else:
        print(FINGERPRINT.render(fingerprint=shown))
    return 0


def run_key_create(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.transaction() as session:
            existing = current_key(session)
            if existing is not None:
                raise InputError(KEY_EXISTS(fingerprint=format_fingerprint(existing.fingerprint)))
            record = create_key(session, key_dir=keys_dir(db.path), passphrase=_passphrase(args))
            print(KEY_CREATED.render(fingerprint=format_fingerprint(record.fingerprint)))
    finally:
        db.close()
    return 0


def run_key_replace(args: argparse.Namespace) -> int:
    from cxdesk.exchange.key_change import replace_key

    db = database(args)
    try:
        with db.transaction() as session:
            installation = get_installation(session)
            done = replace_key(
                session,
                key_dir=keys_dir(db.path),
                role=installation.role,
                code=installation.code,
                passphrase=_passphrase(args, session),
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
                    KEY_REPLACED.render(
                        fingerprint=shown, old=format_fingerprint(done.old_fingerprint)
                    )
                )
                if done.why_not is not None:
                    print(done.why_not.render())
    finally:
        db.close()
    return 0


def run_key_form(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.transaction() as session:
            get_installation(session)
            load_signer(
                session,
                key_dir=keys_dir(db.path),
                passphrase=_passphrase(args, session, keys_dir(db.path)),
            )
            form = registration_form(session)
    finally:
        db.close()
    assert form is not None
    from cxdesk.exchange.package import write_atomically

    try:
        write_atomically(args.out, render_registration_html(form).encode("utf-8"))
    except OSError as exc:
        from cxdesk.exchange.export import CANNOT_WRITE

        raise InputError(CANNOT_WRITE(path=args.out, reason=exc.strerror or exc)) from exc
    print(FORM_WRITTEN.render(path=args.out))
    print(FINGERPRINT.render(fingerprint=form.fingerprint))
    return 0
