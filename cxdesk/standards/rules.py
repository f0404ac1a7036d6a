"""The fixed set of rule kinds a standard can use, their parameters, and their evaluation.

A standard's rule is one of :data:`RULE_KINDS` with parameters (JSON).  The parameters are
validated strictly wherever they come from (the migration's seed, a clerk's new
standard, a standard set received from a bureau): unknown names, wrong types and values
outside their range are refused with every problem listed.  Thresholds live in the
parameters (data), never here.

Evaluating a rule on a school's :class:`~cxdesk.standards.facts.SchoolFacts` gives one of
``met``, ``not_met``, ``not_applicable`` (the rule does not concern the school, e.g. no
individual room to measure, or fewer pupils than the rule's condition) or ``unknown``
(the school did not give what the rule needs, e.g. its number of pupils), with a short
detail for the lists of schools that fall short.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from cxdesk import reference as ref
from cxdesk.errors import InputError
from cxdesk.i18n import Message, Text
from cxdesk.standards.facts import SchoolFacts

Outcome = Literal["met", "not_met", "not_applicable", "unknown"]
OUTCOMES: tuple[Outcome, ...] = ("met", "not_met", "not_applicable", "unknown")

OUTCOME_LABELS: dict[str, tuple[str, str]] = {
    "met": ("达标", "met"),
    "not_met": ("未达标", "not met"),
    "not_applicable": ("不适用", "not applicable"),
    "unknown": ("缺少数据", "data missing"),
}

BAD_PARAMS = Text("规则“{kind}”的参数有误：", "The parameters of the rule {kind} are wrong:")
UNKNOWN_KIND = Text(
    "规则类型“{kind}”不存在。可选：{choices}", "{kind!r} is not a rule kind. Choices: {choices}"
)
UNKNOWN_PARAM = Text("未知参数“{name}”", "Unknown parameter {name!r}")
MISSING_PARAM = Text("缺少参数“{name}”", "The parameter {name!r} is missing")
NOT_WHOLE = Text(
    "参数“{name}”应为 {low} 至 {high} 之间的整数", "{name!r} must be a whole number {low}–{high}"
)
NOT_AREA = Text(
    "参数“{name}”应为 0 至 10000 之间的面积（平方米，最多一位小数）",
    "{name!r} must be an area of 0–10000 m² with at most one decimal",
)
NOT_CHOICE = Text("参数“{name}”应为以下之一：{choices}", "{name!r} must be one of: {choices}")
NOT_AREAS = Text(
    "参数“{name}”应为功能区列表（{choices}），至少一项，不重复",
    "{name!r} must be a list of areas ({choices}), at least one, none twice",
)
MIN_ABOVE_MAX = Text("最小面积大于最大面积", "The minimum area is above the maximum")
NEED_MIN_OR_MAX = Text("至少给出最小面积或最大面积", "Give a minimum or a maximum area")


@dataclass(slots=True)
class Evaluation:
    """A rule's verdict on one school, with a short reason when it is not met (rendered
    only when shown: a province has 100,000 verdicts, shared between schools alike)."""

    outcome: Outcome
    message: Message | None = None

    @property
    def detail(self) -> str | None:
        return self.message.render("zh") if self.message else None

    @property
    def detail_en(self) -> str | None:
        return self.message.render("en") if self.message else None


#: The verdicts without a reason, made once (a province evaluates 100,000 of them).
MET = Evaluation("met")
NOT_APPLICABLE = Evaluation("not_applicable")


@dataclass(frozen=True)
class Param:
    """One parameter of a rule kind: its name, type and range."""

    name: str
    type: Literal["int", "area", "choice", "areas"]
    required: bool = True
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleKind:
    code: str
    zh: str
    en: str
    params: tuple[Param, ...]
    evaluate: Callable[[SchoolFacts, Mapping[str, Any]], Evaluation]
    #: What of a school's facts the verdict depends on: schools alike share one verdict.
    reads: Callable[[SchoolFacts, Mapping[str, Any]], Hashable]
    describe: Callable[[Mapping[str, Any]], Message]
    #: The rule in a few characters, for table headers and chart legends.
    short: Callable[[Mapping[str, Any]], Message]
    #: A check across parameters, after each has been validated.
    consistent: Callable[[Mapping[str, Any]], Message | None] | None = None

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


# --- min_counselors ----------------------------------------------------------------------

POST_CHOICES = ("full_time", "any")
MIN_COUNSELORS_TEXT = Text(
    "至少{count}名{post}心理健康教育教师{when}",
    "At least {count} {post_en} counselor(s){when_en}",
)
WHEN_TEXT = {
    "pupils": ("在校生{n}人及以上", "{n} or more pupils"),
    "boarders": ("寄宿生{n}人及以上", "{n} or more boarders"),
}
FEW_COUNSELORS = Text("{post}{have}人（应至少{count}人）", "{have} {post_en} (at least {count})")
NO_PUPILS = Text("未填写{what}", "{what_en} not given")


def _condition(params: Mapping[str, Any]) -> tuple[str, str]:
    parts = [
        (WHEN_TEXT[name][0].format(n=params[key]), WHEN_TEXT[name][1].format(n=params[key]))
        for name, key in (
            ("pupils", "when_pupils_at_least"),
            ("boarders", "when_boarders_at_least"),
        )
        if params.get(key) is not None
    ]
    if not parts:
        return "", ""
    return (
        "（" + "或".join(p[0] for p in parts) + "的学校）",
        " (schools with " + " or ".join(p[1] for p in parts) + ")",
    )


def _post_words(post: str) -> tuple[str, str]:
    return ("专职", "full-time") if post == "full_time" else ("专（兼）职", "full- or part-time")


def _describe_min_counselors(params: Mapping[str, Any]) -> Message:
    zh, en = _post_words(params["post_type"])
    when, when_en = _condition(params)
    return MIN_COUNSELORS_TEXT(
        count=params["count"], post=zh, post_en=en, when=when, when_en=when_en
    )


SHORT_COUNSELORS = Text("{post}≥{count}{when}", "{post_en} ≥ {count}{when_en}")
SHORT_WHEN = {
    "when_pupils_at_least": ("生≥{n}", "{n}+ pupils"),
    "when_boarders_at_least": ("寄宿≥{n}", "{n}+ boarders"),
}


def _short_min_counselors(params: Mapping[str, Any]) -> Message:
    zh, en = _post_words(params["post_type"])
    parts = [
        (w[0].format(n=params[k]), w[1].format(n=params[k]))
        for k, w in SHORT_WHEN.items()
        if params.get(k)
    ]
    when = "（" + "或".join(p[0] for p in parts) + "）" if parts else ""
    when_en = " (" + " or ".join(p[1] for p in parts) + ")" if parts else ""
    return SHORT_COUNSELORS(post=zh, post_en=en, count=params["count"], when=when, when_en=when_en)


def _evaluate_min_counselors(facts: SchoolFacts, params: Mapping[str, Any]) -> Evaluation:
    if "when_pupils_at_least" in params or "when_boarders_at_least" in params:
        unconcerned = _not_concerned(facts, params)
        if unconcerned is not None:
            return unconcerned
    have = facts.full_time if params["post_type"] == "full_time" else facts.counselors
    if have >= params["count"]:
        return MET
    zh, en = _post_words(params["post_type"])
    return Evaluation(
        "not_met", FEW_COUNSELORS(post=zh, post_en=en, have=have, count=params["count"])
    )


def _reads_counselors(facts: SchoolFacts, params: Mapping[str, Any]) -> Hashable:
    have = facts.full_time if params["post_type"] == "full_time" else facts.counselors
    if "when_pupils_at_least" in params or "when_boarders_at_least" in params:
        return have, facts.enrolment, facts.boarders
    return have


def _not_concerned(facts: SchoolFacts, params: Mapping[str, Any]) -> Evaluation | None:
    """Not applicable or unknown when the rule's conditions leave the school out."""
    conditions = (
        ("when_pupils_at_least", facts.enrolment, ("在校生数", "number of pupils")),
        ("when_boarders_at_least", facts.boarders, ("寄宿生数", "number of boarders")),
    )
    given = [(key, value, what) for key, value, what in conditions if params.get(key) is not None]
    if any(value is not None and value >= params[key] for key, value, _ in given):
        return None
    missing = [what for _, value, what in given if value is None]
    if missing:
        return Evaluation(
            "unknown",
            NO_PUPILS(
                what="、".join(m[0] for m in missing), what_en=" and ".join(m[1] for m in missing)
            ),
        )
    return NOT_APPLICABLE


# --- room_areas --------------------------------------------------------------------------

ROOM_AREAS_TEXT = Text("辅导室具备{areas}", "Counselling rooms provide {areas_en}")
AREAS_MISSING = Text("缺{areas}", "lacks {areas}")


def _area_names(areas: list[str] | tuple[str, ...], lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(ref.ROOM_FUNCTIONS.label(a, lang) for a in areas)


def _describe_room_areas(params: Mapping[str, Any]) -> Message:
    areas = params["areas"]
    return ROOM_AREAS_TEXT(areas=_area_names(areas, "zh"), areas_en=_area_names(areas, "en"))


SHORT_ALL_AREAS = Text("三个基本功能区", "the three basic areas")
SHORT_AREAS = Text("功能区：{areas}", "areas: {areas_en}")


def _short_room_areas(params: Mapping[str, Any]) -> Message:
    areas = params["areas"]
    if list(areas) == list(ref.BASIC_AREAS):
        return SHORT_ALL_AREAS()
    return SHORT_AREAS(areas=_area_names(areas, "zh"), areas_en=_area_names(areas, "en"))


@functools.lru_cache(maxsize=64)
def _names_of(areas: tuple[str, ...]) -> Text:
    """The areas' names in both languages (a parameter shown in the message's language)."""
    return Text(_area_names(areas, "zh"), _area_names(areas, "en"))


def _evaluate_room_areas(facts: SchoolFacts, params: Mapping[str, Any]) -> Evaluation:
    provided = facts.areas
    missing = tuple(a for a in params["areas"] if a not in provided)
    if not missing:
        return MET
    return Evaluation("not_met", AREAS_MISSING(areas=_names_of(missing)))


# --- room_size ---------------------------------------------------------------------------

ROOM_SIZE_TEXT = Text("{function}面积{range}", "{function_en} of {range_en}")
ROOM_OUT_OF_SIZE = Text("{function}“{name}”{area}平方米", "{function_en} {name} is {area} m²")


def _m2(value: Any) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def _size_range(params: Mapping[str, Any]) -> tuple[str, str]:
    low, high = params.get("min_m2"), params.get("max_m2")
    if low is not None and high is not None:
        return f"{_m2(low)}–{_m2(high)}平方米", f"{_m2(low)}–{_m2(high)} m²"
    if low is not None:
        return f"不少于{_m2(low)}平方米", f"at least {_m2(low)} m²"
    return f"不超过{_m2(high)}平方米", f"at most {_m2(high)} m²"


def _describe_room_size(params: Mapping[str, Any]) -> Message:
    zh, en = _size_range(params)
    function = params["function"]
    return ROOM_SIZE_TEXT(
        function=ref.ROOM_FUNCTIONS.label(function, "zh"),
        function_en=ref.ROOM_FUNCTIONS.label(function, "en"),
        range=zh,
        range_en=en,
    )


SHORT_SIZE = Text("{function}{range}", "{function_en} {range_en}")


def _short_room_size(params: Mapping[str, Any]) -> Message:
    low, high = params.get("min_m2"), params.get("max_m2")
    if low is not None and high is not None:
        span = f"{_m2(low)}–{_m2(high)}㎡"
    else:
        span = f"≥{_m2(low)}㎡" if low is not None else f"≤{_m2(high)}㎡"
    function = params["function"]
    return SHORT_SIZE(
        function=ref.ROOM_FUNCTIONS.label(function, "zh"),
        function_en=function,
        range=span,
        range_en=span.replace("㎡", " m²"),
    )


def _reads_room_size(facts: SchoolFacts, params: Mapping[str, Any]) -> Hashable:
    return tuple((r.name, r.area_tenths) for r in facts.rooms if r.function == params["function"])


def _tenths(value: Any) -> int | None:
    return None if value is None else int(Decimal(str(value)) * 10)


def _evaluate_room_size(facts: SchoolFacts, params: Mapping[str, Any]) -> Evaluation:
    rooms = [r for r in facts.rooms if r.function == params["function"]]
    if not rooms:
        return NOT_APPLICABLE
    low, high = _tenths(params.get("min_m2")), _tenths(params.get("max_m2"))
    for room in rooms:
        if (low is not None and room.area_tenths < low) or (
            high is not None and room.area_tenths > high
        ):
            function = params["function"]
            return Evaluation(
                "not_met",
                ROOM_OUT_OF_SIZE(
                    function=ref.ROOM_FUNCTIONS.label(function, "zh"),
                    function_en=ref.ROOM_FUNCTIONS.label(function, "en"),
                    name=room.name,
                    area=f"{Decimal(room.area_tenths) / 10:.1f}",
                ),
            )
    return MET


def _size_consistent(params: Mapping[str, Any]) -> Message | None:
    low, high = params.get("min_m2"), params.get("max_m2")
    if low is None and high is None:
        return NEED_MIN_OR_MAX()
    if low is not None and high is not None and Decimal(str(low)) > Decimal(str(high)):
        return MIN_ABOVE_MAX()
    return None


# --- has_room and standardised_room -----------------------------------------------------

HAS_ROOM_TEXT = Text("至少有1间在用的心理辅导室", "At least one counselling room in use")
NO_ROOM = Text("没有在用的辅导室", "no room in use")
STANDARD_ROOM_TEXT = Text(
    "至少有1间标准化心理辅导室", "At least one counselling room graded standard (标准化)"
)
NO_STANDARD_ROOM = Text("没有标准化辅导室", "no room graded standard")
SHORT_HAS_ROOM = Text("有辅导室", "has a room")
SHORT_STANDARD_ROOM = Text("标准化辅导室", "a standard room")


def _evaluate_has_room(facts: SchoolFacts, _params: Mapping[str, Any]) -> Evaluation:
    return MET if facts.rooms else Evaluation("not_met", NO_ROOM())


def _evaluate_standardised(facts: SchoolFacts, _params: Mapping[str, Any]) -> Evaluation:
    if any(r.grade == "standard" for r in facts.rooms):
        return MET
    return Evaluation("not_met", NO_STANDARD_ROOM())


RULE_KINDS: dict[str, RuleKind] = {
    kind.code: kind
    for kind in (
        RuleKind(
            "min_counselors",
            "教师人数",
            "Counselors",
            (
                Param("post_type", "choice", choices=POST_CHOICES),
                Param("count", "int", low=1, high=100),
                Param("when_pupils_at_least", "int", required=False, low=1, high=100_000),
                Param("when_boarders_at_least", "int", required=False, low=1, high=100_000),
            ),
            _evaluate_min_counselors,
            _reads_counselors,
            _describe_min_counselors,
            _short_min_counselors,
        ),
        RuleKind(
            "room_areas",
            "辅导室功能区",
            "Room areas",
            (Param("areas", "areas", choices=ref.BASIC_AREAS),),
            _evaluate_room_areas,
            lambda facts, _p: facts.areas,
            _describe_room_areas,
            _short_room_areas,
        ),
        RuleKind(
            "room_size",
            "功能区面积",
            "Area size",
            (
                Param("function", "choice", choices=("individual", "group")),
                Param("min_m2", "area", required=False),
                Param("max_m2", "area", required=False),
            ),
            _evaluate_room_size,
            _reads_room_size,
            _describe_room_size,
            _short_room_size,
            _size_consistent,
        ),
        RuleKind(
            "has_room",
            "有辅导室",
            "Has a room",
            (),
            _evaluate_has_room,
            lambda facts, _p: bool(facts.rooms),
            lambda _p: HAS_ROOM_TEXT(),
            lambda _p: SHORT_HAS_ROOM(),
        ),
        RuleKind(
            "standardised_room",
            "标准化辅导室",
            "Standard room",
            (),
            _evaluate_standardised,
            lambda facts, _p: any(r.grade == "standard" for r in facts.rooms),
            lambda _p: STANDARD_ROOM_TEXT(),
            lambda _p: SHORT_STANDARD_ROOM(),
        ),
    )
}


def rule_kind(code: str) -> RuleKind:
    kind = RULE_KINDS.get(code)
    if kind is None:
        raise InputError(UNKNOWN_KIND(kind=code, choices=", ".join(RULE_KINDS)))
    return kind


def validate_params(kind_code: str, params: object) -> dict[str, Any]:
    """The parameters, checked and normalised; raises InputError listing every problem."""
    kind = rule_kind(kind_code)
    problems: list[Message] = []
    if not isinstance(params, dict):
        raise InputError(BAD_PARAMS(kind=kind_code), details=[UNKNOWN_PARAM(name=str(params))])
    known = {p.name: p for p in kind.params}
    clean: dict[str, Any] = {}
    for name in params:
        if name not in known:
            problems.append(UNKNOWN_PARAM(name=name))
    for param in kind.params:
        value = params.get(param.name)
        if value is None:
            if param.required:
                problems.append(MISSING_PARAM(name=param.name))
            continue
        checked = _check(param, value)
        if isinstance(checked, Message):
            problems.append(checked)
        else:
            clean[param.name] = checked
    if not problems and kind.consistent is not None:
        problem = kind.consistent(clean)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise InputError(BAD_PARAMS(kind=kind_code), details=problems)
    return clean


def _check(param: Param, value: object) -> object:
    if param.type == "int":
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not param.low <= value <= param.high
        ):
            return NOT_WHOLE(name=param.name, low=param.low, high=param.high)
        return value
    if param.type == "choice":
        if value not in param.choices:
            return NOT_CHOICE(name=param.name, choices=", ".join(param.choices))
        return value
    if param.type == "areas":
        if (
            not isinstance(value, list)
            or not value
            or any(a not in param.choices for a in value)
            or len(set(value)) != len(value)
        ):
            return NOT_AREAS(name=param.name, choices=", ".join(param.choices))
        return [a for a in param.choices if a in value]  # in the guide's order
    area = _area(value)
    if area is None:
        return NOT_AREA(name=param.name)
    return area


def _area(value: object) -> int | float | None:
    """An area in m² with at most one decimal, as a JSON number (int when whole)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or not 0 <= number <= 10_000 or number * 10 != int(number * 10):
        return None
    return int(number) if number == int(number) else float(number)


def evaluate(kind_code: str, facts: SchoolFacts, params: Mapping[str, Any]) -> Evaluation:
    return RULE_KINDS[kind_code].evaluate(facts, params)


def describe(kind_code: str, params: Mapping[str, Any]) -> Message:
    """The rule in words, e.g. 至少1名专职心理健康教育教师."""
    return RULE_KINDS[kind_code].describe(params)


def describe_short(kind_code: str, params: Mapping[str, Any]) -> Message:
    """The rule in a few characters, e.g. 专职≥1."""
    return RULE_KINDS[kind_code].short(params)
