"""The rules, as data: one :class:`Rule` per row of the table in ``docs/checks.md``.

A rule looks at one record (a counselor, a certificate, a room, a training event, an
attendance or the school) and returns ``None`` when it holds, or the parameters of its
message when it does not.  Record rules (``scope="record"``) need nothing but the record, so
the services run them on what a user typed before storing it (and the forms, with those of
scope ``"entry"``, which a package of an older cxdesk may not meet); the others need the
:class:`RuleContext` of a whole school.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from cxdesk import reference as ref
from cxdesk.i18n import Message, Text
from cxdesk.validation import check_identity_number, check_school_code, identity_info

Severity = Literal["hard", "soft"]
Params = dict[str, object]


@dataclass
class RuleContext:
    """What the school-level rules need to know besides the record."""

    reference_date: date
    period_start: date
    enrolment: int | None = None
    counselors_by_id: Mapping[int, Any] = field(default_factory=dict)
    figures: Mapping[str, Any] = field(default_factory=dict)
    previous_figures: Mapping[str, Any] | None = None
    previous_label: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    table: str
    field: str | None
    text: Text
    test: Callable[[Any, RuleContext | None], Params | None]
    #: "record": needs only the record (checked whenever a record is stored);
    #: "entry": needs only the record, but only what is typed in a form must meet it (a
    #: package of an older cxdesk may lack the field); "school": needs the RuleContext.
    scope: Literal["record", "entry", "school"] = "record"


def _message_params(problem: Message | None) -> Params | None:
    return (
        None
        if problem is None
        else {"reason": problem.render("zh"), "reason_en": problem.render("en")}
    )


# --- helpers that build rules of a common shape -----------------------------------------


def _required(rule_id: str, table: str, name: str, zh: str, en: str, limit: int) -> Rule:
    def test(record: Any, _ctx: RuleContext | None) -> Params | None:
        value = (getattr(record, name) or "").strip()
        if not value or len(value) > limit:
            return {"limit": limit}
        return None

    return Rule(
        rule_id,
        "hard",
        table,
        name,
        Text(f"{zh}必须填写，最多{{limit}}个字", f"{en} is required, at most {{limit}} characters"),
        test,
    )


def _coded(
    rule_id: str, table: str, name: str, codes: ref.CodeList, zh: str, en: str, *, optional: bool
) -> Rule:
    def test(record: Any, _ctx: RuleContext | None) -> Params | None:
        value = getattr(record, name)
        if value is None or value == "":
            return None if optional else {"value": ""}
        return None if value in codes else {"value": value}

    return Rule(
        rule_id,
        "hard",
        table,
        name,
        Text(f"{zh}“{{value}}”不在可选列表中", f"{en} {{value!r}} is not one of the choices"),
        test,
    )


def _id_number(record: Any, _ctx: RuleContext | None) -> Params | None:
    if not record.identity_number:
        return None
    problem = check_identity_number(record.identity_number)
    if problem is None:
        return None
    return {"reason": problem.render("zh"), "reason_en": problem.render("en")}


def _birth_matches_id(record: Any, _ctx: RuleContext | None) -> Params | None:
    info = identity_info(record.identity_number or "")
    if info is None or record.birth_date is None or record.birth_date == info.birth_date:
        return None
    return {"given": record.birth_date.isoformat(), "expected": info.birth_date.isoformat()}


def _gender_matches_id(record: Any, _ctx: RuleContext | None) -> Params | None:
    info = identity_info(record.identity_number or "")
    if info is None or record.gender is None or record.gender == info.gender:
        return None
    return {
        "expected": ref.GENDERS.label(info.gender),
        "expected_en": ref.GENDERS.label(info.gender, "en"),
    }


def _part_timer_subject(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.post_type == "part_time" and not record.main_subject:
        return {}
    return None


def _left_has_date(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.status == "left" and record.left_date is None:
        return {}
    return None


def _in_post_no_left_date(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.status == "in_post" and record.left_date is not None:
        return {"left": record.left_date.isoformat()}
    return None


def _counselor_dates_in_order(record: Any, _ctx: RuleContext | None) -> Params | None:
    birth, start, left = record.birth_date, record.start_date, record.left_date
    if birth and start and start <= birth:
        return {
            "first": "出生日期",
            "first_en": "birth date",
            "second": "任职日期",
            "second_en": "start date",
        }
    if start and left and left < start:
        return {
            "first": "任职日期",
            "first_en": "start date",
            "second": "离岗日期",
            "second_en": "date left",
        }
    return None


def _not_in_future(name: str) -> Callable[[Any, RuleContext | None], Params | None]:
    def test(record: Any, _ctx: RuleContext | None) -> Params | None:
        value = getattr(record, name)
        if value is not None and value > date.today():
            return {"date": value.isoformat()}
        return None

    return test


def _age_plausible(record: Any, ctx: RuleContext | None) -> Params | None:
    if record.birth_date is None or ctx is None:
        return None
    age = ctx.reference_date.year - record.birth_date.year
    if (ctx.reference_date.month, ctx.reference_date.day) < (
        record.birth_date.month,
        record.birth_date.day,
    ):
        age -= 1
    if age < 18 or age > 65:
        return {"age": age}
    return None


def _other_certificate_named(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.kind == "other" and not (record.other_name or "").strip():
        return {}
    return None


def _certificate_identifiable(record: Any, _ctx: RuleContext | None) -> Params | None:
    # A certificate with neither a number nor a date cannot be told from a wrong click
    # (an empty 国家心理咨询师二级 counted as level 2): one of the two is required.
    if not (record.number or "").strip() and record.issued_on is None:
        return {}
    return None


def _area_positive(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.area_tenths is None or record.area_tenths <= 0:
        return {}
    return None


def _area_plausible(record: Any, _ctx: RuleContext | None) -> Params | None:
    area = record.area_tenths
    if area is None or area <= 0:
        return None
    area_text = f"{record.area_m2:.1f}"  # one decimal always: 8.0, not 8
    # The message names only the limit that was crossed.
    if area < ref.ROOM_AREA_SOFT_MIN_M2 * 10:
        return {
            "area": area_text,
            "side": "小于",
            "side_en": "under",
            "limit": ref.ROOM_AREA_SOFT_MIN_M2,
        }
    if area > ref.ROOM_AREA_SOFT_MAX_M2 * 10:
        return {
            "area": area_text,
            "side": "大于",
            "side_en": "over",
            "limit": ref.ROOM_AREA_SOFT_MAX_M2,
        }
    return None


def _year_opened(record: Any, _ctx: RuleContext | None) -> Params | None:
    year = record.year_opened
    if year is not None and not 1949 <= year <= date.today().year:
        return {"year": year}
    return None


def _closed_has_date(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.status == "closed" and getattr(record, "closed_on", None) is None:
        return {}
    return None


def _in_use_not_closed(record: Any, _ctx: RuleContext | None) -> Params | None:
    closed = getattr(record, "closed_on", None)
    if record.status == "in_use" and closed is not None:
        return {"closed": closed.isoformat()}
    return None


def _closed_after_opened(record: Any, _ctx: RuleContext | None) -> Params | None:
    closed = getattr(record, "closed_on", None)
    if closed is not None and record.year_opened is not None and closed.year < record.year_opened:
        return {"closed": closed.isoformat(), "year": record.year_opened}
    return None


def _event_dates(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.start_date and record.end_date and record.end_date < record.start_date:
        return {"start": record.start_date.isoformat(), "end": record.end_date.isoformat()}
    return None


def _event_dates_given(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.start_date is None or record.end_date is None:
        return {}
    return None


def _hours_positive(record: Any, _ctx: RuleContext | None) -> Params | None:
    if record.hours is not None and record.hours <= 0:
        return {"hours": record.hours}
    return None


def _school_code(record: Any, _ctx: RuleContext | None) -> Params | None:
    return _message_params(check_school_code(record.code or ""))


def _school_code_fits_kind(record: Any, _ctx: RuleContext | None) -> Params | None:
    kinds = ref.SCHOOL_CODE_KIND_PREFIXES.get((record.code or "")[:2])
    if kinds is None or record.kind in kinds:
        return None
    return {
        "prefix": record.code[:2],
        "kind": ref.SCHOOL_KINDS.label(record.kind),
        "kind_en": ref.SCHOOL_KINDS.label(record.kind, "en"),
    }


def _big_school_full_time(record: Any, ctx: RuleContext | None) -> Params | None:
    if ctx is None or not record.enrolment or record.enrolment <= ref.ENROLMENT_NEEDS_FULL_TIME:
        return None
    if ctx.figures.get("full_time", 0) == 0:
        return {"enrolment": record.enrolment, "limit": ref.ENROLMENT_NEEDS_FULL_TIME}
    return None


def _has_counselor(record: Any, ctx: RuleContext | None) -> Params | None:
    if ctx is not None and ctx.figures.get("counselors", 0) == 0:
        return {}
    return None


#: The figures whose swing from the period before is implausible (S-S04), with the
#: smallest rise that counts (a small school going from 1 to 3 counselors is no swing).
CHANGE_WATCHED: dict[str, tuple[str, str, int]] = {
    "counselors": ("心理健康教育教师人数", "counselors", 3),
    "full_time": ("专职教师人数", "full-time counselors", 3),
    "rooms": ("辅导室间数", "counselling rooms", 3),
    "room_area_m2": ("辅导室面积（平方米）", "room area (m²)", 0),
}


def implausible_swing(before: Any, now: Any, smallest_rise: int = 0) -> bool:
    """Halved or worse (all gone included), or more than doubled."""
    if not before or now is None or before <= 0:
        return False
    return bool(now * 2 <= before or (now > before * 2 and now - before >= smallest_rise))


def _figures_stable(record: Any, ctx: RuleContext | None) -> Params | None:
    if ctx is None or not ctx.previous_figures:
        return None
    swings = [
        (zh, en, ctx.previous_figures[key], ctx.figures[key])
        for key, (zh, en, rise) in CHANGE_WATCHED.items()
        if implausible_swing(ctx.previous_figures.get(key), ctx.figures.get(key), rise)
    ]
    if not swings:
        return None
    return {
        "changes": "；".join(f"{zh} {before} → {now}" for zh, _en, before, now in swings),
        "changes_en": "; ".join(f"{en} {before} → {now}" for _zh, en, before, now in swings),
        "previous": ctx.previous_label,
    }


def _attendee_in_post(record: Any, ctx: RuleContext | None) -> Params | None:
    if ctx is None:
        return None
    person = ctx.counselors_by_id.get(record.counselor_id)
    event = record.event
    if person is None:
        return None
    if person.start_date and person.start_date > event.end_date:
        return {"name": person.name, "title": event.title}
    if person.left_date and person.left_date < event.start_date:
        return {"name": person.name, "title": event.title}
    return None


RULES: tuple[Rule, ...] = (
    # The school
    Rule(
        "H-S01",
        "hard",
        "school",
        "code",
        Text("学校标识码有误：{reason}", "School code: {reason_en}"),
        _school_code,
    ),
    _coded("H-S02", "school", "county_code", ref.COUNTIES, "所在县市", "County", optional=False),
    _coded(
        "H-S03", "school", "kind", ref.SCHOOL_KINDS, "学校类别", "Kind of school", optional=False
    ),
    Rule(
        "S-S01",
        "soft",
        "school",
        "kind",
        Text(
            "学校标识码前两位{prefix}与学校类别“{kind}”不一致",
            "Code prefix {prefix} does not fit the kind {kind_en}",
        ),
        _school_code_fits_kind,
    ),
    Rule(
        "S-S02",
        "soft",
        "school",
        "enrolment",
        Text(
            "在校生{enrolment}人（超过{limit}人），但没有专职心理健康教育教师",
            "{enrolment} pupils (more than {limit}) but no full-time counselor",
        ),
        _big_school_full_time,
        "school",
    ),
    Rule(
        "S-S03",
        "soft",
        "school",
        None,
        Text("学校没有在岗的心理健康教育教师", "The school has no counselor in post"),
        _has_counselor,
        "school",
    ),
    Rule(
        "S-S04",
        "soft",
        "school",
        None,
        Text(
            "与上期（{previous}）相比变化异常：{changes}。请核实数据，或填写说明",
            "Implausible change since the period before ({previous}): {changes_en}. Check "
            "the data, or explain it",
        ),
        _figures_stable,
        "school",
    ),
    # Counselors
    _required("H-C01", "counselor", "name", "姓名", "Name", 50),
    Rule(
        "H-C02",
        "hard",
        "counselor",
        "identity_number",
        Text("身份证号有误：{reason}", "Identity number: {reason_en}"),
        _id_number,
    ),
    Rule(
        "H-C03",
        "hard",
        "counselor",
        "birth_date",
        Text(
            "出生日期{given}与身份证号中的{expected}不一致",
            "Birth date {given} differs from {expected} in the identity number",
        ),
        _birth_matches_id,
    ),
    Rule(
        "H-C04",
        "hard",
        "counselor",
        "gender",
        Text(
            "性别与身份证号不一致（身份证号为{expected}）",
            "Gender differs from the identity number ({expected_en})",
        ),
        _gender_matches_id,
    ),
    _coded(
        "H-C05", "counselor", "post_type", ref.POST_TYPES, "专兼职", "Post type", optional=False
    ),
    Rule(
        "H-C06",
        "hard",
        "counselor",
        "main_subject",
        Text("兼职教师必须填写主教学科", "A part-time counselor needs a main subject"),
        _part_timer_subject,
    ),
    _coded("H-C07", "counselor", "gender", ref.GENDERS, "性别", "Gender", optional=True),
    _coded(
        "H-C08",
        "counselor",
        "ethnic_group",
        ref.ETHNIC_GROUPS,
        "民族",
        "Ethnic group",
        optional=True,
    ),
    _coded(
        "H-C09",
        "counselor",
        "main_subject",
        ref.SUBJECTS,
        "主教学科",
        "Main subject",
        optional=True,
    ),
    _coded(
        "H-C10", "counselor", "education", ref.EDUCATION_LEVELS, "学历", "Education", optional=True
    ),
    _coded("H-C11", "counselor", "title", ref.TITLES, "职称", "Title", optional=True),
    _coded(
        "H-C12",
        "counselor",
        "studio_role",
        ref.STUDIO_ROLES,
        "工作室角色",
        "Studio role",
        optional=False,
    ),
    _coded(
        "H-C13", "counselor", "status", ref.COUNSELOR_STATUSES, "在岗状态", "Status", optional=False
    ),
    Rule(
        "H-C14",
        "hard",
        "counselor",
        "left_date",
        Text("已离岗的教师必须填写离岗日期", "A counselor who left needs the date left"),
        _left_has_date,
    ),
    Rule(
        "H-C15",
        "hard",
        "counselor",
        "left_date",
        Text("在岗教师不应有离岗日期（{left}）", "A counselor in post has no date left ({left})"),
        _in_post_no_left_date,
    ),
    Rule(
        "H-C16",
        "hard",
        "counselor",
        "start_date",
        Text(
            "日期顺序有误：{second}应晚于{first}",
            "Dates out of order: the {second_en} must come after the {first_en}",
        ),
        _counselor_dates_in_order,
    ),
    Rule(
        "H-C17",
        "hard",
        "counselor",
        "start_date",
        Text("任职日期{date}在今天之后", "The start date {date} is in the future"),
        _not_in_future("start_date"),
    ),
    Rule(
        "S-C01",
        "soft",
        "counselor",
        "birth_date",
        Text("年龄{age}岁，不在18至65岁之间", "Aged {age}, outside 18 to 65"),
        _age_plausible,
        "school",
    ),
    # Certificates
    _coded(
        "H-K01",
        "certificate",
        "kind",
        ref.CERTIFICATE_KINDS,
        "证书类别",
        "Certificate kind",
        optional=False,
    ),
    Rule(
        "H-K02",
        "hard",
        "certificate",
        "other_name",
        Text("“其他”证书必须注明证书名称", "An 'other' certificate needs its name"),
        _other_certificate_named,
    ),
    Rule(
        "H-K03",
        "hard",
        "certificate",
        "issued_on",
        Text("发证日期{date}在今天之后", "The date of issue {date} is in the future"),
        _not_in_future("issued_on"),
    ),
    Rule(
        "H-K05",
        "hard",
        "certificate",
        "number",
        Text(
            "证书须填写证书编号或发证日期（至少一项）",
            "A certificate needs its number or its date of issue (at least one)",
        ),
        _certificate_identifiable,
    ),
    # Rooms
    _required("H-R01", "counselling_room", "name", "辅导室名称", "Room name", 100),
    _coded(
        "H-R02",
        "counselling_room",
        "function",
        ref.ROOM_FUNCTIONS,
        "功能",
        "Function",
        optional=False,
    ),
    Rule(
        "H-R03",
        "hard",
        "counselling_room",
        "area_tenths",
        Text("面积必须大于0", "The area must be more than 0"),
        _area_positive,
    ),
    _coded(
        "H-R04",
        "counselling_room",
        "status",
        ref.ROOM_STATUSES,
        "使用状态",
        "Status",
        optional=False,
    ),
    Rule(
        "H-R05",
        "hard",
        "counselling_room",
        "year_opened",
        Text("建成年份{year}不合理", "The year opened {year} is not plausible"),
        _year_opened,
    ),
    Rule(
        "H-R06",
        "hard",
        "counselling_room",
        "closed_on",
        Text("停用的辅导室必须填写停用日期", "A closed room needs the date it closed"),
        _closed_has_date,
        # A form asks for the date; a package of an older cxdesk (no closing dates) is
        # still read, and the school's check flags it.
        "entry",
    ),
    Rule(
        "H-R07",
        "hard",
        "counselling_room",
        "closed_on",
        Text(
            "在用的辅导室不应有停用日期（{closed}）", "A room in use has no date closed ({closed})"
        ),
        _in_use_not_closed,
    ),
    Rule(
        "H-R08",
        "hard",
        "counselling_room",
        "closed_on",
        Text("停用日期{date}在今天之后", "The date closed {date} is in the future"),
        _not_in_future("closed_on"),
    ),
    Rule(
        "H-R09",
        "hard",
        "counselling_room",
        "closed_on",
        Text(
            "停用日期{closed}早于建成年份{year}",
            "The date closed {closed} is before the year opened {year}",
        ),
        _closed_after_opened,
    ),
    _coded(
        "H-R10",
        "counselling_room",
        "grade",
        ref.ROOM_GRADES,
        "等级",
        "Grade",
        optional=True,
    ),
    Rule(
        "S-R01",
        "soft",
        "counselling_room",
        "area_tenths",
        Text("面积{area}平方米，{side}{limit}平方米", "Area {area} m² is {side_en} {limit} m²"),
        _area_plausible,
    ),
    # Training
    _required("H-T01", "training_event", "title", "培训名称", "Training title", 200),
    _coded(
        "H-T02",
        "training_event",
        "level",
        ref.TRAINING_LEVELS,
        "培训级别",
        "Training level",
        optional=False,
    ),
    Rule(
        "H-T03",
        "hard",
        "training_event",
        "end_date",
        Text(
            "结束日期{end}早于开始日期{start}",
            "The end date {end} is before the start date {start}",
        ),
        _event_dates,
    ),
    Rule(
        "H-T04",
        "hard",
        "training_event",
        "hours",
        Text("学时{hours}应大于0", "Hours ({hours}) must be more than 0"),
        _hours_positive,
    ),
    Rule(
        "H-T06",
        "hard",
        "training_event",
        "start_date",
        Text("培训的开始日期和结束日期必须填写", "A training event needs its start and end dates"),
        _event_dates_given,
    ),
    Rule(
        "S-A01",
        "soft",
        "attendance",
        "counselor_id",
        Text("“{name}”参加“{title}”时不在岗", "{name} was not in post at the time of {title}"),
        _attendee_in_post,
        "school",
    ),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
