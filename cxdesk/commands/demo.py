"""``cxdesk demo``: fill the database with one realistic sample school."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.commands.base import add_command, opened_database
from cxdesk.i18n import Text
from cxdesk.sample.school import fill_demo_school
from cxdesk.services.period_label import current_period_label
from cxdesk.services.periods import get_period
from cxdesk.services.setup import init_school, is_initialized, own_school

DEMO_CODE = "2153230101"
DONE = Text(
    "示例学校“{name}”已填好：{counselors} 名教师、2 间辅导室、4 次培训。数据在 {path}",
    "Sample school {name} is ready: {counselors} counselors, 2 rooms, 4 training events. Data in {path}",
)
NOT_EMPTY = Text(
    "该数据库已有学校“{name}”的数据；示例数据只能放进新的数据库（用 --db 指定新文件）",
    "This database already holds {name}; the sample goes into a new database (use --db NEW_FILE)",
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = add_command(commands, common, "demo", "填入示例学校 / fill in a sample school")
    parser.add_argument(
        "--prefecture",
        metavar="OUT_DIR",
        help="生成整个示例州（902 所学校，经完整上报链）/ build the whole sample prefecture",
    )
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    if getattr(args, "prefecture", None):
        from cxdesk.commands.bureau import run_demo_prefecture

        return run_demo_prefecture(args)
    from cxdesk.errors import InputError
    from cxdesk.models import Counselor

    with opened_database(args) as db, db.transaction() as session:
        if is_initialized(session):
            raise InputError(NOT_EMPTY(name=own_school(session).name))
        school = init_school(
            session,
            code=DEMO_CODE,
            name="楚雄市鹿城第一小学",
            county="532301",
            kind="primary",
            enrolment=1460,
            boarders=86,
            contact_person="普丽华",
            contact_phone="0878-3122846",
        )
        year = int(current_period_label())
        get_period(session, str(year))
        fill_demo_school(session, school=school, year=year)
        count = session.query(Counselor).filter_by(school_id=school.id).count()
    # Said only after the commit: what is reported done is on disk.
    print(DONE(name=school.name, counselors=count, path=db.path).render())
    return 0
