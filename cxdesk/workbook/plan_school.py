"""The 学校 sheet's planner: one row, this school's, compared with what is stored."""

from __future__ import annotations

from types import SimpleNamespace

from cxdesk.i18n import Text
from cxdesk.services.setup import ENROLMENT_NEGATIVE, boarders_problems
from cxdesk.validation import check_phone
from cxdesk.workbook.layout import SCHOOL
from cxdesk.workbook.planning import PlanContext, SheetRow
from cxdesk.workbook.sheet_rows import SchoolValues

ONE_SCHOOL_ROW = Text("“学校”表只能填一行", "The school sheet has one row only")
WRONG_SCHOOL = Text(
    "学校标识码 {code} 不是本校的（本校为 {own}）。这份表格属于另一所学校。",
    "The school code {code} is not this school's ({own}). This workbook belongs to another school.",
)


def plan_school(ctx: PlanContext, rows: list[SheetRow[SchoolValues]]) -> None:
    """Check the school's row; the values to store go to ``ctx.plan.school_values``."""
    school = ctx.school
    for extra in rows[1:]:
        ctx.problem(ONE_SCHOOL_ROW(), SCHOOL, extra)
    if not rows:
        return
    row = rows[0]
    v = row.values
    if v["code"] is not None and v["code"] != school.code:
        ctx.problem(WRONG_SCHOOL(code=v["code"], own=school.code), SCHOOL, row, "code")
        return
    if v["contact_phone"] and (p := check_phone(v["contact_phone"])) is not None:
        ctx.problem(p, SCHOOL, row, "contact_phone")
    if v["enrolment"] is not None and v["enrolment"] < 0:
        ctx.problem(ENROLMENT_NEGATIVE(), SCHOOL, row, "enrolment")
    if "boarders" in ctx.absent.get(SCHOOL.key, ()):
        v["boarders"] = school.boarders
    for message in boarders_problems(v["boarders"], v["enrolment"]):
        ctx.problem(message, SCHOOL, row, "boarders")
    record = SimpleNamespace(code=school.code, **{k: x for k, x in v.items() if k != "code"})
    if not ctx.rule_problems(SCHOOL, row, record):
        return
    values = {
        "name": v["name"],
        "county": v["county_code"],
        "kind": v["kind"],
        "mountain": bool(v["mountain"]),
        "enrolment": v["enrolment"],
        "contact_person": v["contact_person"],
        "contact_phone": v["contact_phone"],
        "boarders": v["boarders"],
    }
    stored = {
        "name": school.name,
        "county": school.county_code,
        "kind": school.kind,
        "mountain": school.mountain,
        "enrolment": school.enrolment,
        "contact_person": school.contact_person,
        "contact_phone": school.contact_phone,
        "boarders": school.boarders,
    }
    header = {"county": "county_code"}
    changed = tuple(
        SCHOOL.column(header.get(k, k)).header for k in values if values[k] != stored[k]
    )
    if changed:
        ctx.plan.school_values = values
    ctx.change(SCHOOL, row.number, "update" if changed else "unchanged", school.name, changed)
