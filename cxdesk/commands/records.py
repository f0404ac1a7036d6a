"""``cxdesk explain`` and ``cxdesk delete``: what the GUI does to single records, scripted.

``explain RULE RECORD TEXT`` keeps a soft finding of the period with a written explanation
(an empty text withdraws it); ``delete counselor|room|training RECORD`` removes one record
with what belongs to it.  RECORD is the number ``cxdesk check --json`` shows as
``record_id``, or the record's name (a counselor's name or identity number, a room's name,
a training's title); a name several records share is refused with their numbers.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cxdesk.checks import explain_finding
from cxdesk.checks.engine import NOT_SOFT, TABLE_LABELS, Finding
from cxdesk.checks.rules import RULES_BY_ID
from cxdesk.commands.base import add_command, database
from cxdesk.commands.confirm import add_yes_option, run_confirmed
from cxdesk.errors import InputError
from cxdesk.i18n import Message, Text, current_language
from cxdesk.models import CounsellingRoom, Counselor, TrainingEvent
from cxdesk.services.counselors import delete_counselor
from cxdesk.services.period_label import current_period_label
from cxdesk.services.periods import get_period
from cxdesk.services.rooms import delete_room
from cxdesk.services.school_checks import check_school
from cxdesk.services.setup import own_school
from cxdesk.services.training import delete_training
from cxdesk.storage.backup import backup_before
from cxdesk.validation import mask_identity_number

UNKNOWN_RULE = Text(
    "没有规则“{rule}”（规则见 docs/checks.md，或用 cxdesk check 查看）",
    "There is no rule {rule!r} (see docs/checks.md, or run cxdesk check)",
)
NO_SUCH_FINDING = Text(
    "{period} 期次中，规则 {rule} 对“{record}”没有提出问题，无需说明（用 cxdesk check 查看当前的问题）",
    "In {period}, rule {rule} found nothing on {record!r} to explain (cxdesk check lists the "
    "current findings)",
)
AMBIGUOUS = Text(
    "有多条记录叫“{record}”，请改用编号：{choices}",
    "Several records are called {record!r}; give the number instead: {choices}",
)
EXPLAINED = Text(
    "已保存说明：[{rule}] {table}「{record}」：{text}",
    "Explanation kept: [{rule}] {table} {record}: {text}",
)
WITHDRAWN = Text(
    "已撤回说明：[{rule}] {table}「{record}」", "Explanation withdrawn: [{rule}] {table} {record}"
)
NO_SUCH_RECORD = Text(
    "找不到{kind}“{record}”（可以用编号、或名称；cxdesk check --json 列出编号）",
    "No {kind_en} {record!r} (give its number or its name; cxdesk check --json lists numbers)",
)
WILL_DELETE = Text("将删除{kind}“{record}”{extra}。", "This deletes the {kind_en} {record}{extra}.")
DELETED = Text("已删除{kind}“{record}”{extra}。", "Deleted the {kind_en} {record}{extra}.")
WITH_ITEMS = Text(
    "（连同 {certificates} 本证书、{attendances} 条参训记录）",
    " (with {certificates} certificates and {attendances} attendance records)",
)
KINDS = {
    "counselor": ("教师", "counselor"),
    "room": ("辅导室", "room"),
    "training": ("培训", "training event"),
}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    explain = add_command(
        commands,
        common,
        "explain",
        "为经验校验问题填写说明（空说明为撤回）/ keep a soft finding with an explanation",
    )
    explain.add_argument("rule", metavar="RULE", help="规则编号，如 S-R01 / rule id")
    explain.add_argument(
        "record", metavar="RECORD", help="记录编号（check --json 的 record_id）或名称 / id or name"
    )
    explain.add_argument("text", metavar="TEXT", help="说明 / the explanation")
    explain.add_argument("--period", help="期次，默认今年 / period, default this year")
    explain.set_defaults(handler=run_explain)

    delete = add_command(commands, common, "delete", "删除一条记录 / delete one record")
    delete.add_argument("kind", choices=tuple(KINDS), help="counselor | room | training")
    delete.add_argument(
        "record",
        metavar="RECORD",
        help="编号或名称（教师可用身份证号）/ id or name (a counselor: or identity number)",
    )
    add_yes_option(delete)
    delete.set_defaults(handler=run_delete)


def _pick(record: str, candidates: Sequence[tuple[int, str]]) -> int | None:
    """The id ``record`` names among (id, name) pairs: its number, else its only name."""
    if record.isdigit() and len(record) < 18 and any(c[0] == int(record) for c in candidates):
        return int(record)
    named = [c for c in candidates if c[1] == record]
    if len(named) > 1:
        choices = ", ".join(f"{n} ({name})" for n, name in named)
        raise InputError(AMBIGUOUS(record=record, choices=choices))
    return named[0][0] if named else None


# --- explain ------------------------------------------------------------------------


def run_explain(args: argparse.Namespace) -> int:
    rule = RULES_BY_ID.get(args.rule.strip().upper())
    if rule is None:
        raise InputError(UNKNOWN_RULE(rule=args.rule))
    if rule.severity != "soft":
        raise InputError(NOT_SOFT(rule=rule.id))
    db = database(args)
    with db.transaction() as session:
        school = own_school(session)
        period = get_period(session, args.period or current_period_label())
        findings = [
            f for f in check_school(session, school=school, period=period) if f.rule_id == rule.id
        ]
        finding = _finding(findings, args.record, rule.id, period.label)
        explain_finding(
            session,
            school_id=school.id,
            rule_id=finding.rule_id,
            table_name=finding.table_name,
            record_id=finding.record_id,
            explanation=args.text,
        )
    table = TABLE_LABELS[finding.table_name][1 if current_language() == "en" else 0]
    said = EXPLAINED if args.text.strip() else WITHDRAWN
    print(
        said.render(
            rule=finding.rule_id, table=table, record=finding.record_label, text=args.text.strip()
        )
    )
    return 0


def _finding(findings: list[Finding], record: str, rule: str, period: str) -> Finding:
    if not findings:
        raise InputError(NO_SUCH_FINDING(period=period, rule=rule, record=record))
    chosen = _pick(record, [(f.record_id, f.record_label) for f in findings])
    if chosen is None:
        raise InputError(NO_SUCH_FINDING(period=period, rule=rule, record=record))
    return next(f for f in findings if f.record_id == chosen)


# --- delete -------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One record to delete: its id, how it is shown, what goes with it."""

    record_id: int
    label: str
    extra: Message | None
    delete: Callable[[Session], object]


def _target(session: Session, kind: str, record: str) -> Target:
    school = own_school(session)
    if kind == "counselor":
        return _counselor_target(session, school.id, record)
    if kind == "room":
        rooms = session.execute(
            select(CounsellingRoom.id, CounsellingRoom.name).where(
                CounsellingRoom.school_id == school.id
            )
        ).all()
        room_id = _chosen(kind, record, [(r.id, r.name) for r in rooms])
        name = next(r.name for r in rooms if r.id == room_id)
        return Target(room_id, name, None, lambda s: delete_room(s, room_id=room_id))
    events = session.scalars(
        select(TrainingEvent).where(TrainingEvent.school_id == school.id)
    ).all()
    event_id = _chosen(kind, record, [(e.id, e.title) for e in events])
    event = next(e for e in events if e.id == event_id)
    label = f"{event.title}（{event.start_date.isoformat()}）"
    extra = WITH_ITEMS(certificates=0, attendances=len(event.attendances))
    return Target(event_id, label, extra, lambda s: delete_training(s, event_id=event_id))


def _counselor_target(session: Session, school_id: int, record: str) -> Target:
    """A counselor by number, identity number or name."""
    matching = [Counselor.identity_number == record.upper(), Counselor.name == record]
    if record.isdigit() and len(record) < 18:  # a number; 18 digits: an identity number
        matching.append(Counselor.id == int(record))
    query = select(Counselor).where(Counselor.school_id == school_id, or_(*matching))
    people = list(session.scalars(query))
    by_identity = [p for p in people if p.identity_number == record.upper()]
    named = str(by_identity[0].id) if by_identity else record
    person_id = _chosen("counselor", named, [(p.id, p.name) for p in people], shown=record)
    person = next(p for p in people if p.id == person_id)
    label = person.name
    if person.identity_number:
        label += f" {mask_identity_number(person.identity_number)}"
    extra = WITH_ITEMS(certificates=len(person.certificates), attendances=len(person.attendances))
    return Target(person_id, label, extra, lambda s: delete_counselor(s, counselor_id=person_id))


def _chosen(
    kind: str, record: str, candidates: Sequence[tuple[int, str]], *, shown: str | None = None
) -> int:
    chosen = _pick(record, candidates)
    if chosen is None:
        raise _not_found(kind, shown or record)
    return chosen


def _not_found(kind: str, record: str) -> InputError:
    zh, en = KINDS[kind]
    return InputError(NO_SUCH_RECORD(kind=zh, kind_en=en, record=record))


def run_delete(args: argparse.Namespace) -> int:
    db = database(args)
    zh, en = KINDS[args.kind]
    with db.reading() as session:
        target = _target(session, args.kind, args.record)
    extra = target.extra.render() if target.extra else ""
    words = {"kind": zh, "kind_en": en, "record": target.label, "extra": extra}
    if not db.is_server:
        backup_before(db.path, "before-delete")

    def change(session: Session) -> object:
        target.delete(session)
        return target

    if run_confirmed(db, args, change, warnings=lambda _r: [WILL_DELETE(**words)]) is None:
        return 2
    print(DELETED.render(**words))
    return 0
