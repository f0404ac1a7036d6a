"""Bureau commands: ``collect``, ``held``, ``register``, ``board``, ``review``, ``county-export``.

``init county`` / ``init prefecture`` live with ``init school`` in setup.py and the bureau's
``summary`` in summary.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cxdesk.commands.base import add_command, opened_database, print_json, read_rows
from cxdesk.commands.passphrase import add_passphrase_option, unlock_for_command
from cxdesk.i18n import Text, current_language
from cxdesk.safe_text import safe_text

RESULT_LINE = "{outcome}  {file}  {sender} {name} {period} #{sequence}"
REGISTER_LOADED = Text("名册已导入：{count} 所学校", "Register loaded: {count} schools")
REGISTER_WRITTEN = Text("名册已写入 {path}", "Register written to {path}")
SAVED = Text("已保存：{code} {name}", "Saved: {code} {name}")
REMOVED = Text("已从名册删除：{code}", "Removed from the register: {code}")
HELD_NONE = Text("没有待确认的上报包", "No package is waiting for a decision")
REJECTED = Text(
    "已拒绝编号 {id} 的上报包（不计入，文件已删除）",
    "Package {id} rejected (counted nowhere; its file was deleted)",
)
HELD_SENDER = Text("发送方（包内自称）：", "Sender (as the package says): ")
HELD_REASON = Text("待确认原因：", "Why held: ")
HELD_NEEDS_FORM = Text(
    '接收须输入盖章备案表上的指纹：cxdesk held accept {id} --fingerprint "…"',
    'Accepting needs the fingerprint from the stamped form: cxdesk held accept {id} --fingerprint "…"',
)
ALSO_DECIDED = Text(
    "待确认的上报包重新判断后有了结果：", "Held packages settled now that they were decided again:"
)
STILL_HELD = Text(
    "仍有 {count} 个上报包待确认（cxdesk held list）。",
    "{count} package(s) still wait for a decision (cxdesk held list).",
)
WRITTEN = Text("已写入 {path}", "Written to {path}")
COUNTY_DONE = Text(
    "县级上报包已生成：{path}（{schools} 所学校，序号 {sequence}）",
    "County package written: {path} ({schools} schools, sequence {sequence})",
)
REVIEW_ACCEPTED = Text("已确认接收，回执：{path}", "Accepted; receipt written to {path}")
REVIEW_RETURNED = Text(
    "已退回修改，退回通知：{path}", "Returned for correction; notice written to {path}"
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(commands, common, "collect", "收取上报包 / collect report packages")
    p.add_argument("paths", nargs="+", metavar="PATH", help="上报包文件或文件夹 / files or folders")
    p.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    p.add_argument("--no-backup", action="store_true", help="收取前不备份 / no backup first")
    add_passphrase_option(p)
    p.set_defaults(handler=run_collect)
    p.epilog = "退出码 / exit code: 0 全部接收或已有 / all taken or already had; 1 有待确认或拒收 / any held or refused"

    p = add_command(commands, common, "held", "待确认的上报包 / held packages")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    a = actions.add_parser("list", help="列出 / list", parents=[common])
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_held_list)
    a = actions.add_parser("accept", help="确认接收 / accept", parents=[common])
    a.add_argument("id", type=int)
    a.add_argument(
        "--fingerprint",
        help="盖章备案表上的 30 位指纹（密钥未登记时必填）/ the fingerprint from the stamped form",
    )
    a.add_argument("--json", action="store_true")
    add_passphrase_option(a)
    a.set_defaults(handler=run_held_accept)
    a = actions.add_parser("reject", help="拒绝 / reject", parents=[common])
    a.add_argument("id", type=int)
    a.add_argument("--note", help="说明 / note")
    a.set_defaults(handler=run_held_reject)

    p = add_command(commands, common, "register", "学校名册 / the school register")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    a = actions.add_parser("load", help="从 Excel 导入 / load from Excel", parents=[common])
    a.add_argument("file", type=Path)
    a.set_defaults(handler=run_register_load)
    a = actions.add_parser("export", help="导出为 Excel / write as Excel", parents=[common])
    a.add_argument("file", type=Path)
    a.set_defaults(handler=run_register_export)
    a = actions.add_parser("list", help="列出 / list", parents=[common])
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_register_list)
    a = actions.add_parser(
        "set", help="添加或修改一所学校 / add or change a school", parents=[common]
    )
    a.add_argument("--code", required=True)
    a.add_argument("--name", required=True)
    a.add_argument("--county", required=True)
    a.add_argument("--kind", required=True)
    a.add_argument("--contact")
    a.add_argument("--phone")
    a.set_defaults(handler=run_register_set)
    a = actions.add_parser("remove", help="删除 / remove", parents=[common])
    a.add_argument("code")
    a.set_defaults(handler=run_register_remove)

    p = add_command(commands, common, "board", "报送进度 / completeness board")
    p.add_argument("--period", help="期次，默认今年 / period")
    p.add_argument("--deadline", help="截止日期 YYYY-MM-DD（保存）/ deadline (kept)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="导出 Excel / write Excel")
    p.set_defaults(handler=run_board)

    p = add_command(commands, common, "review", "审核一所学校 / review a school")
    p.add_argument("code", help="学校标识码 / school code")
    p.add_argument("--period", help="期次 / period")
    p.add_argument("--json", action="store_true")
    p.add_argument("--accept", action="store_true", help="确认接收并写回执 / accept, write receipt")
    p.add_argument("--return", dest="return_", action="store_true", help="退回修改 / return")
    p.add_argument("--message", help="给学校的说明 / message to the school")
    p.add_argument(
        "--comment",
        action="append",
        default=[],
        metavar="TABLE:RECORD_ID:TEXT",
        help="对某条记录的意见 / comment on a record (table:id:text)",
    )
    p.add_argument(
        "--duplicates",
        action="store_true",
        help="退回时对被重复统计的教师逐条写意见 / with --return: comment on each person "
        "also counted at another school",
    )
    p.add_argument("--out", type=Path, help="回执或退回通知的文件夹 / folder for the file")
    add_passphrase_option(p)
    p.set_defaults(handler=run_review)

    p = add_command(commands, common, "county-export", "生成县级上报包 / write the county package")
    p.add_argument("--period", help="期次 / period")
    p.add_argument("--out", type=Path, required=True, help="文件夹 / folder")
    p.add_argument(
        "--unencrypted",
        action="store_true",
        help="名册不加密（仅在州局明确要求时）/ register unencrypted (only if the prefecture asks)",
    )
    add_passphrase_option(p)
    p.set_defaults(handler=run_county_export)


def _period_label(args: argparse.Namespace) -> str:
    from cxdesk.services.period_label import current_period_label

    return getattr(args, "period", None) or current_period_label()


def result_line(result: Any, lang: str, prefix: str = "") -> list[str]:
    """A collect result as the command line shows it: outcome, file, sender, reason, note."""
    from cxdesk.bureau.outcomes import OUTCOME_LABELS

    label = OUTCOME_LABELS[result.outcome][1 if lang == "en" else 0]
    who = " ".join(
        safe_text(str(x)) for x in (result.sender_code, result.sender_name) if x is not None
    )
    where = f" {result.period} #{result.sequence}" if result.period else ""
    lines = [f"{prefix}{label}  {safe_text(Path(result.path).name)}  {who}{where}".rstrip()]
    indent = " " * len(prefix)
    if result.reason is not None:
        lines.append(f"{indent}    — {result.reason.render(lang)}")
    if result.note is not None:
        lines.append(f"{indent}    · {result.note.render(lang)}")
    for note in result.notes:  # e.g. a person counted at two schools
        lines.append(f"{indent}    ! {note.render(lang)}")
    for inner in result.inner:
        lines += result_line(inner, lang, indent + "    ")
    return lines


def run_collect(args: argparse.Namespace) -> int:
    from cxdesk.bureau.collect import collect

    lang = current_language()
    with opened_database(args) as db:
        unlock_for_command(db, args)

        def progress(done: int, total: int, result: Any) -> None:
            if not args.json:
                for line in result_line(result, lang, f"[{done}/{total}] "):
                    print(line, flush=True)

        report = collect(
            db, [Path(p) for p in args.paths], progress=progress, backup=not args.no_backup
        )
    if args.json:
        print_json(report.to_json())
    else:
        print(report.summary().render())
    return report.exit_code()


def run_held_list(args: argparse.Namespace) -> int:
    from cxdesk.bureau.held_list import held_list

    lang = current_language()
    held = read_rows(args, lambda rows: held_list(rows, lang))
    if args.json:
        print_json([h.to_json() for h in held])
        return 0
    if not held:
        print(HELD_NONE.render())
    for h in held:
        data = h.to_json()
        # What the sender wrote is quoted and labelled: it cannot pass for our verdict.
        print(f"#{h.submission_id}  {h.period} #{h.sequence}  {data['fingerprint']}")
        print(f"      {HELD_SENDER.render()}{h.sender_code} “{safe_text(h.sender_name)}”")
        print(f"      {HELD_REASON.render()}{h.reason}")
        if h.needs_fingerprint:
            print(f"      {HELD_NEEDS_FORM.render(id=h.submission_id)}")
    return 0


def print_reevaluated(results: list[Any], lang: str) -> None:
    """The held packages decided again after a change (a key registered, the register):
    those it settled, and how many still wait."""
    settled = [r for r in results if r.outcome != "held"]
    if settled:
        print(ALSO_DECIDED.render(lang))
    for result in settled:
        for line in result_line(result, lang, "  "):
            print(line)
    if len(settled) < len(results):
        print(STILL_HELD.render(lang, count=len(results) - len(settled)))


def run_held_accept(args: argparse.Namespace) -> int:
    from cxdesk.bureau.held import accept_held, reevaluate_held
    from cxdesk.bureau.held_list import held_packages

    lang = current_language()
    with opened_database(args) as db:
        unlock_for_command(db, args)
        held_before = held_packages(db)
        result = accept_held(db, submission_id=args.id, fingerprint=args.fingerprint)
        taken = result.outcome in ("accepted", "superseded")
        # A key registered now may settle other packages signed with it.
        key = {h.fingerprint for h in held_before if h.submission_id == args.id}
        others = reevaluate_held(db, fingerprints=key).results if taken and args.fingerprint else []
    if args.json:
        print_json({**result.to_json(lang), "reevaluated": [r.to_json(lang) for r in others]})
    else:
        for line in result_line(result, lang):
            print(line)
        print_reevaluated(others, lang)
    return 0 if taken else 1


def run_held_reject(args: argparse.Namespace) -> int:
    from cxdesk.bureau.held import reject_held

    with opened_database(args) as db:
        reject_held(db, submission_id=args.id, note=args.note)
    print(REJECTED.render(id=args.id))
    return 0


def run_register_load(args: argparse.Namespace) -> int:
    from cxdesk.bureau.register import load_register, read_register_xlsx

    rows = read_register_xlsx(args.file)
    with opened_database(args) as db:
        with db.transaction() as session:
            count = load_register(session, rows)
        print(REGISTER_LOADED.render(count=count))
        _reevaluate(db)
    return 0


def _reevaluate(db: Any) -> None:
    """The register changed: held packages are decided again (and shown)."""
    from cxdesk.bureau.held import reevaluate_held

    print_reevaluated(reevaluate_held(db).results, current_language())


def run_register_export(args: argparse.Namespace) -> int:
    from cxdesk.bureau.register import register_entries, write_register_xlsx
    from cxdesk.services.bureaus import own_bureau

    with opened_database(args) as db, db.reading() as session:
        bureau = own_bureau(session)
        rows = register_entries(session, county_code=bureau.county_code)
    write_register_xlsx(args.file, rows, lang=current_language())
    print(REGISTER_WRITTEN.render(path=args.file))
    return 0


def run_register_list(args: argparse.Namespace) -> int:
    from cxdesk import reference as ref
    from cxdesk.bureau.register import register_entries
    from cxdesk.services.bureaus import own_bureau

    with opened_database(args) as db, db.reading() as session:
        bureau = own_bureau(session)
        rows = register_entries(session, county_code=bureau.county_code)
    if args.json:
        print_json([r.__dict__ for r in rows])
        return 0
    lang = current_language()
    for r in rows:
        print(
            safe_text(
                f"{r.code}  {r.name}  {ref.COUNTIES.label(r.county_code, lang)}  "
                f"{ref.SCHOOL_KINDS.label(r.kind, lang)}  {r.contact_person or ''} "
                f"{r.contact_phone or ''}"
            )
        )
    return 0


def run_register_set(args: argparse.Namespace) -> int:
    from cxdesk.bureau.register import save_register_entry

    with opened_database(args) as db:
        with db.transaction() as session:
            row = save_register_entry(
                session,
                row={
                    "code": args.code.strip(),
                    "name": args.name.strip(),
                    "county_code": args.county,
                    "kind": args.kind,
                    "contact_person": (args.contact or "").strip(),
                    "contact_phone": (args.phone or "").strip(),
                },
            )
        print(SAVED.render(code=row.code, name=row.name))
        _reevaluate(db)
    return 0


def run_register_remove(args: argparse.Namespace) -> int:
    from cxdesk.bureau.register import remove_register_entry

    with opened_database(args) as db:
        with db.transaction() as session:
            remove_register_entry(session, code=args.code)
        print(REMOVED.render(code=args.code))
        _reevaluate(db)
    return 0


def run_board(args: argparse.Namespace) -> int:
    """The board; ``--deadline`` is kept first (a write: the normal open), then the board
    is read like any listing (:func:`read_rows`: without SQLAlchemy when the file allows)."""
    from datetime import date

    from cxdesk.bureau.board import board_of
    from cxdesk.errors import InputError

    period = _period_label(args)
    if args.deadline:
        from cxdesk.bureau.deadlines import set_deadline

        try:
            deadline = date.fromisoformat(args.deadline)
        except ValueError as exc:
            raise InputError(
                Text(
                    "截止日期“{value}”无效，应为 YYYY-MM-DD",
                    "Bad deadline {value!r}: use YYYY-MM-DD",
                )(value=args.deadline)
            ) from exc
        with opened_database(args) as db, db.transaction() as session:
            set_deadline(session, period_label=period, deadline=deadline)
    board = read_rows(args, lambda rows: board_of(rows, period_label=period))
    lang = current_language()
    if args.xlsx:
        from cxdesk.bureau.excel import write_board_xlsx

        write_board_xlsx(args.xlsx, board, lang=lang)
        print(WRITTEN.render(path=args.xlsx), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_json(board.to_json(lang))
        return 0
    for line in board.text_lines(lang):
        print(safe_text(line))
    return 0


def run_review(args: argparse.Namespace) -> int:
    from cxdesk.bureau.review import (
        ReturnComment,
        accept_submission,
        return_submission,
        review_school,
    )
    from cxdesk.errors import InputError

    lang = current_language()
    with opened_database(args) as db:
        period = _period_label(args)
        if args.accept or args.return_:
            unlock_for_command(db, args)
            out = args.out or Path.cwd()
            if args.accept:
                path = accept_submission(
                    db, code=args.code, period_label=period, out_dir=out, message=args.message
                ).path
                print(REVIEW_ACCEPTED.render(path=path))
            else:
                comments = []
                for text in args.comment:
                    parts = text.split(":", 2)
                    if len(parts) != 3 or not parts[1].isdigit():
                        raise InputError(
                            Text(
                                "意见“{text}”格式应为 表:编号:内容",
                                "Comment {text!r} must be table:id:text",
                            )(text=text)
                        )
                    comments.append(ReturnComment(parts[0], int(parts[1]), parts[2]))
                if args.duplicates:
                    from cxdesk.bureau.review import duplicate_comments

                    with db.reading() as session:
                        comments += duplicate_comments(
                            review_school(session, code=args.code, period_label=period)
                        )
                path = return_submission(
                    db,
                    code=args.code,
                    period_label=period,
                    out_dir=out,
                    message=args.message,
                    comments=comments,
                ).path
                print(REVIEW_RETURNED.render(path=path))
            return 0
        with db.reading() as session:
            review = review_school(session, code=args.code, period_label=period)
    if args.json:
        print_json(review.to_json(lang))
    else:
        for line in review.text_lines(lang):
            print(safe_text(line))
    return 0


def run_county_export(args: argparse.Namespace) -> int:
    from cxdesk.bureau.county import export_county

    with opened_database(args) as db:
        unlock_for_command(db, args)
        result = export_county(
            db, period_label=_period_label(args), out_dir=args.out, unencrypted=args.unencrypted
        ).export
    print(COUNTY_DONE.render(path=result.path, schools=result.schools, sequence=result.sequence))
    return 0


BUREAU_DONE = Text(
    "已设置“{name}”（{code}），数据保存在 {path}。本局密钥指纹：{fingerprint}。"
    "下一步：cxdesk key protect 设置密钥密码（并生成加密密钥），再用 cxdesk key bureau-file 导出密钥文件和通知。",
    "Set up {name} ({code}); the data is kept in {path}. This bureau's key fingerprint: "
    "{fingerprint}. Next: cxdesk key protect sets the key passphrase (and makes the "
    "encryption key), then cxdesk key bureau-file writes the key file and its notice.",
)
DEMO_DONE = Text(
    "示例州已生成：{path}（{schools} 所学校，{counselors} 名教师）。各文件夹的用途见 {readme}",
    "Sample prefecture built: {path} ({schools} schools, {counselors} counselors). "
    "What each folder is for: {readme}",
)
DEMO_PASSPHRASE = Text(
    "示例中各教育局的密钥密码是“{passphrase}”（真实的教育局请自己设置）。",
    'The sample bureaus\' key passphrase is "{passphrase}" (a real bureau sets its own).',
)


def register_bureau_roles(roles: Any, common: argparse.ArgumentParser) -> None:
    """``init county --county CODE`` and ``init prefecture --code 532300``."""
    from cxdesk.reference import COUNTIES, PREFECTURE_CODE

    county = roles.add_parser("county", help="县市教育体育局 / a county bureau", parents=[common])
    county.add_argument("--county", required=True, choices=COUNTIES.codes, help="县市代码 / county")
    county.set_defaults(handler=run_init_bureau, bureau_role="county")
    prefecture = roles.add_parser(
        "prefecture", help="州教育体育局 / the prefecture bureau", parents=[common]
    )
    prefecture.add_argument("--code", default=PREFECTURE_CODE, help="州代码 / code (532300)")
    prefecture.set_defaults(handler=run_init_bureau, bureau_role="prefecture")


def run_init_bureau(args: argparse.Namespace) -> int:
    from cxdesk.exchange.fingerprints import format_fingerprint
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.services.bureaus import init_bureau

    with opened_database(args) as db, db.transaction() as session:
        code = args.county if args.bureau_role == "county" else args.code
        bureau = init_bureau(session, role=args.bureau_role, code=code)
        # Every installation signs: receipts, returns, the county package.
        signer = load_signer(session, key_dir=keys_dir(db.path))
    print(
        BUREAU_DONE.render(
            name=bureau.name,
            code=bureau.code,
            path=db.path,
            fingerprint=format_fingerprint(signer.fingerprint),
        )
    )
    return 0


def run_demo_prefecture(args: argparse.Namespace) -> int:
    from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE
    from cxdesk.sample.prefecture_build import README_NAME, build_prefecture

    out = Path(args.prefecture)
    path = build_prefecture(out, report=lambda step: print(step, file=sys.stderr, flush=True))
    from cxdesk.models import Counselor, School
    from cxdesk.storage.db import open_database

    db = open_database(path)
    try:
        with db.reading() as session:
            schools = session.query(School).count()
            counselors = session.query(Counselor).count()
    finally:
        db.close()
    readme = out / README_NAME
    print(DEMO_DONE.render(path=path, schools=schools, counselors=counselors, readme=readme))
    print(DEMO_PASSPHRASE.render(passphrase=SAMPLE_PASSPHRASE))
    return 0
