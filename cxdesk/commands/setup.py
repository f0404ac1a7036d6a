"""``cxdesk init school``: set the database up for a school."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.commands.base import add_command, opened_database
from cxdesk.i18n import Text
from cxdesk.reference import COUNTIES, SCHOOL_KINDS
from cxdesk.services.setup import init_school

DONE = Text(
    "已设置学校“{name}”（{code}），数据保存在 {path}",
    "Set up school {name} ({code}); the data is kept in {path}",
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    init = add_command(commands, common, "init", "首次设置数据库 / set the database up")
    roles = init.add_subparsers(dest="role", metavar="ROLE", required=True, parser_class=type(init))
    school = roles.add_parser("school", help="学校 / a school", parents=[common])
    school.add_argument("--code", required=True, help="学校标识码（10位）/ school code")
    school.add_argument("--name", required=True, help="学校名称 / name")
    school.add_argument("--county", required=True, choices=COUNTIES.codes, help="县市代码 / county")
    school.add_argument("--kind", required=True, choices=SCHOOL_KINDS.codes, help="学校类别 / kind")
    school.add_argument("--mountain", action="store_true", help="山区学校 / mountain area")
    school.add_argument("--enrolment", type=int, help="在校生数 / pupils")
    school.add_argument("--contact", help="联系人 / contact person")
    school.add_argument("--phone", help="联系电话 / contact phone")
    school.set_defaults(handler=run_init_school)
    from cxdesk.commands.bureau import register_bureau_roles

    register_bureau_roles(roles, common)


def run_init_school(args: argparse.Namespace) -> int:
    with opened_database(args) as db, db.transaction() as session:
        school = init_school(
            session,
            code=args.code,
            name=args.name,
            county=args.county,
            kind=args.kind,
            mountain=args.mountain,
            enrolment=args.enrolment,
            contact_person=args.contact,
            contact_phone=args.phone,
        )
    # Said only after the commit: what is reported done is on disk.
    print(DONE(name=school.name, code=school.code, path=db.path).render())
    return 0
