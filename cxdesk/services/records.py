"""What a user enters for each kind of record, before it is stored.

The input classes carry the same attribute names as the models, so the record rules of
:mod:`cxdesk.checks` run on them before anything is stored, and on stored records later.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal, InvalidOperation

from cxdesk.i18n import Message, Text
from cxdesk.reference import CodeList

INVALID_RECORD = Text("数据有误，未保存：", "The data has errors and was not saved:")
REQUIRED = Text("“{field}”必须填写", "{field} is required")
TOO_LONG = Text("“{field}”最多 {limit} 个字", "{field} has at most {limit} characters")
UNKNOWN_CODE = Text(
    "“{field}”的值“{value}”不在可选列表中", "{value!r} is not one of the choices for {field}"
)
BAD_AREA = Text(
    "面积“{value}”应为大于0的数，最多一位小数",
    "The area {value!r} must be a number above 0 with at most one decimal",
)


def require_text(problems: list[Message], name: str | Text, value: str | None, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        problems.append(REQUIRED(field=name))
    elif len(text) > limit:
        problems.append(TOO_LONG(field=name, limit=limit))
    return text


def optional_text(
    problems: list[Message], name: str | Text, value: str | None, limit: int
) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        problems.append(TOO_LONG(field=name, limit=limit))
    return text or None


def require_code(
    problems: list[Message], name: str | Text, codes: CodeList, value: str | None
) -> str:
    code = codes.parse(value or "") if value else None
    if code is None:
        if value:
            problems.append(UNKNOWN_CODE(field=name, value=value))
        else:
            problems.append(REQUIRED(field=name))
        return value or ""
    return code


def optional_code(
    problems: list[Message], name: str | Text, codes: CodeList, value: str | None
) -> str | None:
    if not value:
        return None
    return require_code(problems, name, codes, value)


def parse_area_tenths(value: object) -> int | None:
    """An area in m² (text, int or Decimal, at most one decimal) as integer tenths."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        tenths = Decimal(str(value).strip()).scaleb(1)
    except InvalidOperation:
        return None
    if not tenths.is_finite() or tenths != tenths.to_integral_value():
        return None
    return int(tenths)


@dataclass
class CounselorInput:
    name: str
    post_type: str
    gender: str | None = None
    ethnic_group: str | None = None
    identity_number: str | None = None
    birth_date: date | None = None
    main_subject: str | None = None
    education: str | None = None
    psychology_degree: bool = False
    title: str | None = None
    start_date: date | None = None
    recruited_as_psych: bool = False
    studio_role: str = "none"
    status: str = "in_post"
    left_date: date | None = None
    certificates: list[CertificateInput] = field(default_factory=list)


@dataclass
class CertificateInput:
    kind: str
    other_name: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: date | None = None


@dataclass
class RoomInput:
    name: str
    function: str
    area_tenths: int
    year_opened: int | None = None
    status: str = "in_use"
    #: The date a closed room stopped being used.
    closed_on: date | None = None
    #: The basic areas the room provides besides the one its function names.
    has_individual: bool = False
    has_group: bool = False
    has_reception: bool = False
    #: A code of ROOM_GRADES (标准化 / 普通), or None.
    grade: str | None = None

    @property
    def area_m2(self) -> Decimal:
        return Decimal(self.area_tenths) / 10


@dataclass
class TrainingInput:
    title: str
    level: str
    start_date: date
    end_date: date
    organiser: str | None = None
    place: str | None = None
    hours: int | None = None
    #: The ids of the counselors who attended.
    counselor_ids: list[int] = field(default_factory=list)


def column_values(data: object, exclude: tuple[str, ...] = ()) -> dict[str, object]:
    """The input's fields that are model columns (everything but nested lists)."""
    return {
        f.name: getattr(data, f.name)
        for f in fields(data)  # type: ignore[arg-type]
        if f.name not in exclude and not isinstance(getattr(data, f.name), list)
    }
