"""The school's report packages on the command line: ``export``, ``verify``,
``receive`` (a receipt or a return) and ``outbox``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.checks import Finding
from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.commands.base import add_command, opened_database, print_json
from cxdesk.commands.keys import FINGERPRINT
from cxdesk.commands.passphrase import add_passphrase_option, signing_passphrase
from cxdesk.exchange.encryption import recipient_names
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.export import ExportPreview, outbox_dir, preview_export
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.keys import keys_dir
from cxdesk.exchange.replies import current_return, receive_file
from cxdesk.exchange.school_export import export_school_package
from cxdesk.exchange.verify import verify_package
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS
from cxdesk.i18n import LIST_SEPARATOR, Text, colon, current_language, in_parentheses
from cxdesk.models import ExportLog, ReportingPeriod
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.period_label import current_period_label
from cxdesk.services.periods import get_period
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
STATUS_WORDS = {
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
    add_passphrase_option(p)
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
    period = args.period or current_period_label()
    with opened_database(args) as db:
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
        with db.reading() as session:
            passphrase = signing_passphrase(args, session, keys_dir(db.path))
        done = export_school_package(
            db,
            period_label=period,
            out_dir=args.out,
            passphrase=passphrase,
            correction=args.correction,
            unencrypted=args.unencrypted,
        )
    result, fingerprint = done.result, format_fingerprint(done.fingerprint)
    if args.json:
        print_json(
            {
                **_preview_json(result.preview),
                "path": str(result.path),
                "sha256": result.sha256,
                "size": result.size,
                "fingerprint": fingerprint,
            }
        )
    else:
        print_preview(result.preview)
        print(EXPORTED.render(path=result.path, size=result.size, outbox=result.outbox_path.parent))
        print(FINGERPRINT.render(fingerprint=fingerprint))
    return 0


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
    with opened_database(args) as db, db.transaction() as session:
        result = receive_file(session, path=args.file)
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
        with opened_database(args) as db, db.reading() as session:
            _print_return(session, result.period)
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
    with opened_database(args) as db, db.reading() as session:
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
    return 0
