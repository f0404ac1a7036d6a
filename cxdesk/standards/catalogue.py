"""The ``standard`` table: reading it as plain rows, switching standards off, adding one.

A bureau switches any standard off or on, adds its own (province or prefecture targets)
and removes its own; the national ones and those received from the bureau above are
switched off, never deleted or edited here.  A school's set is the one its bureau sent
(:func:`cxdesk.standards.standard_set.adopt_standard_set`); a school changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.errors import InputError, NotFoundError
from cxdesk.i18n import Message, Text
from cxdesk.models import Standard
from cxdesk.services.bureaus import bureau_name
from cxdesk.services.setup import get_installation
from cxdesk.standards.rules import (
    describe,
    describe_short,
    validate_params,
)

CERTAINTIES = ref.CodeList(
    "certainty",
    [
        ref.Choice("certain", "确定", "certain"),
        ref.Choice("likely", "较可靠", "likely"),
        ref.Choice("open", "待查", "open"),
    ],
)
LEVELS = ref.CodeList(
    "standard_level",
    [ref.Choice("required", "要求", "required"), ref.Choice("advisory", "提示", "advisory")],
)

NO_SUCH_STANDARD = Text("没有编号为“{key}”的标准", "There is no standard {key!r}")
SCHOOL_CANNOT_CHANGE = Text(
    "学校不能修改标准：标准由教育局在填报模板中下发。",
    "A school cannot change the standards: its bureau sends them in the template.",
)
NOT_OWN = Text(
    "标准“{name}”不是本局添加的（来源：{origin}），只能停用，不能删除。",
    "The standard {name} was not added by this bureau (origin: {origin}); it can be switched "
    "off, not removed.",
)
INVALID_STANDARD = Text("标准有误，未保存：", "The standard has errors and was not saved:")
REQUIRED = Text("“{field}”必须填写", "{field} is required")
TOO_LONG = Text("“{field}”最多 {limit} 个字", "{field} has at most {limit} characters")
BAD_KIND = Text("学校类别“{value}”不存在", "{value!r} is not a kind of school")
BAD_CODE = Text("“{field}”的值“{value}”不在可选列表中", "{value!r} is not a choice for {field}")
BAD_TARGET = Text("目标应为 0 至 100 之间的整数", "The target must be a whole number 0–100")

FIELD_NAMES = {
    "name": Text("名称", "name"),
    "name_en": Text("英文名称", "English name"),
    "source": Text("依据文件", "source document"),
    "certainty": Text("可靠程度", "certainty"),
    "level": Text("要求或提示", "level"),
}


@dataclass(frozen=True)
class StandardDef:
    """A standard as plain values (what the views and the evaluation use)."""

    key: str
    name: str
    name_en: str
    source: str
    applies_from: date
    school_kinds: tuple[str, ...]
    rule_kind: str
    params: dict[str, Any] = field(hash=False)
    level: str
    target_pct: int | None
    certainty: str
    certainty_note: str
    certainty_note_en: str
    enabled: bool
    origin: str
    #: The order in this installation's list (not part of what the standard is).
    position: int = field(default=0, compare=False)

    def label(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name

    def rule_text(self) -> Message:
        return describe(self.rule_kind, self.params)

    def short_text(self) -> Message:
        """The rule in a few characters, for headers and legends (专职≥1)."""
        return describe_short(self.rule_kind, self.params)

    def in_force(self, on: date) -> bool:
        return self.applies_from <= on

    def to_json(self) -> dict[str, Any]:
        """The standard in the standard-set JSON form (cxdesk.standards.standard_set)."""
        return {
            "key": self.key,
            "name": self.name,
            "name_en": self.name_en,
            "source": self.source,
            "applies_from": self.applies_from.isoformat(),
            "school_kinds": list(self.school_kinds),
            "rule": {"kind": self.rule_kind, "params": self.params},
            "level": self.level,
            "target_pct": self.target_pct,
            "certainty": self.certainty,
            "certainty_note": self.certainty_note,
            "certainty_note_en": self.certainty_note_en,
            "enabled": self.enabled,
            "origin": self.origin,
        }


def as_def(row: Standard) -> StandardDef:
    return StandardDef(
        key=row.key,
        name=row.name,
        name_en=row.name_en,
        source=row.source,
        applies_from=row.applies_from,
        school_kinds=tuple(k for k in row.school_kinds.split(",") if k),
        rule_kind=row.rule_kind,
        params=json.loads(row.params),
        level=row.level,
        target_pct=row.target_pct,
        certainty=row.certainty,
        certainty_note=row.certainty_note,
        certainty_note_en=row.certainty_note_en,
        enabled=row.enabled,
        origin=row.origin,
        position=row.position,
    )


def row_of(standard: StandardDef, position: int) -> Standard:
    """A new row holding ``standard`` at ``position``."""
    return Standard(
        key=standard.key,
        position=position,
        name=standard.name,
        name_en=standard.name_en,
        source=standard.source,
        applies_from=standard.applies_from,
        school_kinds=",".join(standard.school_kinds),
        rule_kind=standard.rule_kind,
        params=json.dumps(standard.params, ensure_ascii=False, sort_keys=True),
        level=standard.level,
        target_pct=standard.target_pct,
        certainty=standard.certainty,
        certainty_note=standard.certainty_note,
        certainty_note_en=standard.certainty_note_en,
        enabled=standard.enabled,
        origin=standard.origin,
    )


def list_standards(session: Session, *, enabled_only: bool = False) -> list[StandardDef]:
    """Every standard in the set's order (national first, then by the order added)."""
    query = select(Standard).order_by(Standard.position, Standard.id)
    if enabled_only:
        query = query.where(Standard.enabled.is_(True))
    return [as_def(row) for row in session.scalars(query)]


def get_standard(session: Session, key: str) -> Standard:
    row = session.scalars(select(Standard).where(Standard.key == key)).first()
    if row is None:
        raise NotFoundError(NO_SUCH_STANDARD(key=key))
    return row


def _bureau_code(session: Session) -> str:
    installation = get_installation(session)
    if installation.role == "school":
        raise InputError(SCHOOL_CANNOT_CHANGE())
    return installation.code


def set_enabled(session: Session, *, key: str, enabled: bool) -> StandardDef:
    """Switch a standard on or off for this bureau (and the schools it sends its set to)."""
    _bureau_code(session)
    row = get_standard(session, key)
    row.enabled = enabled
    session.flush()
    return as_def(row)


@dataclass
class NewStandard:
    """What a clerk enters for a standard of the bureau's own."""

    name: str
    name_en: str
    source: str
    applies_from: date
    rule_kind: str
    params: dict[str, Any]
    school_kinds: tuple[str, ...] = ()
    level: str = "required"
    target_pct: int | None = None
    certainty: str = "certain"
    certainty_note: str = ""
    certainty_note_en: str = ""


def check_standard(data: NewStandard) -> dict[str, Any]:
    """The columns of a valid standard; raises InputError listing every problem."""
    problems: list[Message] = []
    values: dict[str, Any] = {}
    for name, limit in (("name", 200), ("name_en", 200), ("source", 300)):
        text = (getattr(data, name) or "").strip()
        if not text:
            problems.append(REQUIRED(field=FIELD_NAMES[name]))
        elif len(text) > limit:
            problems.append(TOO_LONG(field=FIELD_NAMES[name], limit=limit))
        values[name] = text
    for kind in data.school_kinds:
        if kind not in ref.SCHOOL_KINDS:
            problems.append(BAD_KIND(value=kind))
    for name, codes in (("certainty", CERTAINTIES), ("level", LEVELS)):
        if getattr(data, name) not in codes:
            problems.append(BAD_CODE(field=FIELD_NAMES[name], value=getattr(data, name)))
    target = data.target_pct
    if target is not None and (isinstance(target, bool) or not 0 <= target <= 100):
        problems.append(BAD_TARGET())
    try:
        params = validate_params(data.rule_kind, data.params)
    except InputError as exc:
        problems += [exc.message, *exc.details]
        params = {}
    if problems:
        raise InputError(INVALID_STANDARD(), details=problems)
    kinds = [k for k in ref.SCHOOL_KINDS.codes if k in data.school_kinds]
    return {
        **values,
        "applies_from": data.applies_from,
        "school_kinds": ",".join(kinds),
        "rule_kind": data.rule_kind,
        "params": json.dumps(params, ensure_ascii=False, sort_keys=True),
        "level": data.level,
        "target_pct": target,
        "certainty": data.certainty,
        "certainty_note": data.certainty_note.strip(),
        "certainty_note_en": data.certainty_note_en.strip(),
    }


def add_standard(session: Session, *, data: NewStandard) -> StandardDef:
    """Add a standard of this bureau's own: key ``<bureau code>-<n>``, enabled."""
    code = _bureau_code(session)
    values = check_standard(data)
    own = session.scalars(select(Standard.key).where(Standard.origin == code)).all()
    numbers = [int(m.group(1)) for k in own if (m := re.fullmatch(rf"{code}-(\d+)", k))]
    position = (session.scalar(select(func.max(Standard.position))) or 0) + 1
    row = Standard(
        key=f"{code}-{max(numbers, default=0) + 1}",
        position=position,
        enabled=True,
        origin=code,
        **values,
    )
    session.add(row)
    session.flush()
    return as_def(row)


def remove_standard(session: Session, *, key: str) -> None:
    """Remove one of this bureau's own standards (others are switched off instead)."""
    code = _bureau_code(session)
    row = get_standard(session, key)
    if row.origin != code:
        raise InputError(NOT_OWN(name=row.name, origin=origin_label(row.origin)))
    session.delete(row)
    session.flush()


def origin_label(origin: str, lang: str = "zh") -> str:
    """国家 for the national ones, else the bureau's name (楚雄市教育体育局)."""
    if origin == "national":
        return "国家" if lang == "zh" else "national"
    role = "prefecture" if origin == ref.PREFECTURE_CODE else "county"
    if role == "county" and origin not in ref.COUNTIES:
        return origin
    return bureau_name(role, origin, lang)
