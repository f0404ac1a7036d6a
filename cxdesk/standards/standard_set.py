"""A bureau's standard set as a small, versioned JSON document, validated strictly.

The set travels from a bureau to its schools in the template workbook (a hidden sheet,
:mod:`cxdesk.workbook.standards_sheet`), from the prefecture to its counties as a file
(``cxdesk standards export`` / ``import``), and is meant to ride in the bureau key file
too.  Whatever carries it, :func:`parse_standard_set` accepts exactly this shape::

    {"format": "cxdesk-standards", "version": 1,
     "issuer": {"role": "county", "code": "532301", "name": "楚雄市教育体育局"},
     "issued_on": "2026-03-01",
     "standards": [{"key": ..., "name": ..., "name_en": ..., "source": ...,
                    "applies_from": "2021-01-01", "school_kinds": ["primary", ...],
                    "rule": {"kind": "min_counselors", "params": {...}},
                    "level": "required", "target_pct": 100, "certainty": "likely",
                    "certainty_note": ..., "certainty_note_en": ...,
                    "enabled": true, "origin": "national"}, ...]}

Unknown or missing members, wrong types, a rule outside the fixed kinds or parameters out
of range, a key given twice: the whole set is refused with every problem listed, and
nothing changes.  See docs/standards.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.errors import InputError
from cxdesk.i18n import Message, Text
from cxdesk.models import Standard
from cxdesk.services.setup import get_installation, own_school
from cxdesk.standards.catalogue import (
    NewStandard,
    StandardDef,
    as_def,
    check_standard,
    list_standards,
    origin_label,
    row_of,
)

FORMAT = "cxdesk-standards"
VERSION = 1
MAX_BYTES = 256 * 1024
MAX_STANDARDS = 200
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
ORIGIN_PATTERN = re.compile(r"national|[0-9]{6}")
TOP_KEYS = {"format", "version", "issuer", "issued_on", "standards"}
ISSUER_KEYS = {"role", "code", "name"}
STANDARD_KEYS = {
    "key",
    "name",
    "name_en",
    "source",
    "applies_from",
    "school_kinds",
    "rule",
    "level",
    "target_pct",
    "certainty",
    "certainty_note",
    "certainty_note_en",
    "enabled",
    "origin",
}

INVALID_SET = Text(
    "标准文件无效，未作任何更改：{reason}",
    "The standards file is not valid; nothing changed: {reason}",
)
INVALID_ENTRIES = Text(
    "标准文件有 {count} 处问题，未作任何更改：",
    "The standards file has {count} problems; nothing changed:",
)
NOT_JSON = Text("不是 JSON 文档", "it is not a JSON document")
TOO_BIG = Text("文件过大（上限 {limit} KB）", "it is too big (the limit is {limit} KB)")
NOT_A_SET = Text("不是 cxdesk 标准文件", "it is not a cxdesk standards file")
NEWER = Text(
    "由更新版本的 cxdesk 生成（格式版本 {version}），请升级本程序",
    "it was made by a newer cxdesk (format version {version}); upgrade this program",
)
MEMBERS = Text(
    "{where}：缺少 {missing}，多出 {extra}", "{where}: missing {missing}, unexpected {extra}"
)
BAD_ISSUER = Text("发布单位无效", "the issuer is not valid")
BAD_DATE = Text("{where}：日期“{value}”无效", "{where}: {value!r} is not a date")
BAD_FIELD = Text("{where}：“{field}”无效", "{where}: {field} is not valid")
TOO_MANY = Text("标准过多（上限 {limit} 条）", "too many standards (at most {limit})")
DUPLICATE_KEY = Text("{where}：编号“{key}”重复", "{where}: the key {key!r} appears twice")
ENTRY = Text("第{n}条标准", "standard {n}")
IN_ENTRY = Text("{where}：{problem}", "{where}: {problem}")
WRONG_ISSUER = Text(
    "这份标准由{issuer}发布，不是本校所在县市（{county}）或州教育体育局发布的，未采用。",
    "These standards were issued by {issuer}, not by this school's county ({county}) or the "
    "prefecture bureau; they were not adopted.",
)
NOT_FROM_ABOVE = Text(
    "这份标准由{issuer}发布；本局只能采用州教育体育局发布的标准。",
    "These standards were issued by {issuer}; this bureau adopts only the prefecture's.",
)


@dataclass(frozen=True)
class Issuer:
    role: str
    code: str
    name: str


@dataclass(frozen=True)
class StandardSet:
    """A parsed, valid set."""

    issuer: Issuer
    issued_on: date
    standards: tuple[StandardDef, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "issuer": {
                "role": self.issuer.role,
                "code": self.issuer.code,
                "name": self.issuer.name,
            },
            "issued_on": self.issued_on.isoformat(),
            "standards": [s.to_json() for s in self.standards],
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1).encode("utf-8")


def current_set(session: Session, *, today: date | None = None) -> StandardSet:
    """This installation's whole set (enabled or not), issued by it today."""
    installation = get_installation(session)
    issuer = Issuer(installation.role, installation.code, installation.name)
    return StandardSet(issuer, today or date.today(), tuple(list_standards(session)))


def parse_standard_set(data: bytes | str) -> StandardSet:
    """The set in ``data``; raises InputError listing every problem."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise InputError(INVALID_SET(reason=TOO_BIG(limit=MAX_BYTES // 1024)))
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InputError(INVALID_SET(reason=NOT_JSON())) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(INVALID_SET(reason=NOT_A_SET()))
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise InputError(INVALID_SET(reason=NEWER(version=version)))
    problems: list[Message] = []
    _members(problems, document, TOP_KEYS, "JSON")
    issuer = _issuer(problems, document.get("issuer"))
    issued_on = _date(problems, document.get("issued_on"), "issued_on")
    if version != VERSION:
        problems.append(BAD_FIELD(where="JSON", field="version"))
    entries = document.get("standards")
    standards: list[StandardDef] = []
    if not isinstance(entries, list):
        problems.append(BAD_FIELD(where="JSON", field="standards"))
        entries = []
    elif len(entries) > MAX_STANDARDS:
        problems.append(TOO_MANY(limit=MAX_STANDARDS))
        entries = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        where = ENTRY(n=n).render()
        standard = _standard(problems, entry, where, n)
        if standard is None:
            continue
        if standard.key in seen:
            problems.append(DUPLICATE_KEY(where=where, key=standard.key))
        seen.add(standard.key)
        standards.append(standard)
    if problems or issuer is None or issued_on is None:
        raise InputError(INVALID_ENTRIES(count=len(problems) or 1), details=problems)
    return StandardSet(issuer, issued_on, tuple(standards))


def _members(problems: list[Message], value: dict[str, Any], wanted: set[str], where: str) -> bool:
    missing, extra = sorted(wanted - value.keys()), sorted(value.keys() - wanted)
    if missing or extra:
        problems.append(
            MEMBERS(where=where, missing=", ".join(missing) or "—", extra=", ".join(extra) or "—")
        )
        return False
    return True


def _issuer(problems: list[Message], value: object) -> Issuer | None:
    if not isinstance(value, dict) or not _members(problems, value, ISSUER_KEYS, "issuer"):
        problems.append(BAD_ISSUER())
        return None
    role, code, name = value["role"], value["code"], value["name"]
    valid = (
        isinstance(name, str)
        and 0 < len(name) <= 100
        and (
            (role == "county" and code in ref.COUNTIES)
            or (role == "prefecture" and code == ref.PREFECTURE_CODE)
        )
    )
    if not valid:
        problems.append(BAD_ISSUER())
        return None
    return Issuer(role, code, name)


def _date(problems: list[Message], value: object, where: str) -> date | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(BAD_DATE(where=where, value=str(value)[:20]))
    return None


def _standard(problems: list[Message], entry: object, where: str, n: int) -> StandardDef | None:
    if not isinstance(entry, dict):
        problems.append(BAD_FIELD(where=where, field="{…}"))
        return None
    if not _members(problems, entry, STANDARD_KEYS, where):
        return None
    before = len(problems)
    key, origin, enabled = entry["key"], entry["origin"], entry["enabled"]
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        problems.append(BAD_FIELD(where=where, field="key"))
    if not isinstance(origin, str) or not ORIGIN_PATTERN.fullmatch(origin):
        problems.append(BAD_FIELD(where=where, field="origin"))
    if not isinstance(enabled, bool):
        problems.append(BAD_FIELD(where=where, field="enabled"))
    applies_from = _date(problems, entry["applies_from"], where)
    rule, kinds = entry["rule"], entry["school_kinds"]
    if not isinstance(rule, dict) or set(rule) != {"kind", "params"}:
        problems.append(BAD_FIELD(where=where, field="rule"))
        rule = {"kind": "", "params": {}}
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        problems.append(BAD_FIELD(where=where, field="school_kinds"))
        kinds = []
    texts = {}
    for name in ("name", "name_en", "source", "certainty_note", "certainty_note_en"):
        value = entry[name]
        if not isinstance(value, str) or len(value) > 2000:
            problems.append(BAD_FIELD(where=where, field=name))
            value = ""
        texts[name] = value
    target = entry["target_pct"]
    if target is not None and (isinstance(target, bool) or not isinstance(target, int)):
        problems.append(BAD_FIELD(where=where, field="target_pct"))
        target = None
    for name, value in (("level", entry["level"]), ("certainty", entry["certainty"])):
        if not isinstance(value, str):
            problems.append(BAD_FIELD(where=where, field=name))
    if not isinstance(rule["kind"], str):
        problems.append(BAD_FIELD(where=where, field="rule"))
    if len(problems) > before or applies_from is None:
        return None
    try:
        values = check_standard(
            NewStandard(
                name=texts["name"],
                name_en=texts["name_en"],
                source=texts["source"],
                applies_from=applies_from,
                rule_kind=rule["kind"],
                params=rule["params"],
                school_kinds=tuple(kinds),
                level=entry["level"],
                target_pct=target,
                certainty=entry["certainty"],
                certainty_note=texts["certainty_note"],
                certainty_note_en=texts["certainty_note_en"],
            )
        )
    except InputError as exc:
        problems.extend(IN_ENTRY(where=where, problem=d) for d in exc.details)
        return None
    return as_def(Standard(key=key, position=n, enabled=enabled, origin=origin, **values))


@dataclass(frozen=True)
class Adopted:
    """What adopting a set changed."""

    issuer: Issuer
    added: int
    changed: int
    removed: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def check_issuer(session: Session, standard_set: StandardSet) -> str | None:
    """Raise InputError unless the set comes from the bureau above this installation.

    Returns the origin of the standards this installation keeps as its own (a county's
    additions), None for a school (it takes the whole set).
    """
    installation = get_installation(session)
    issuer = standard_set.issuer
    shown = origin_label(issuer.code) if issuer.role == "county" else issuer.name
    if installation.role == "school":
        county = own_school(session).county_code
        if not (issuer.role == "prefecture" or issuer.code == county):
            raise InputError(WRONG_ISSUER(issuer=shown, county=ref.COUNTIES.label(county)))
        return None
    if installation.role == "county" and issuer.role == "prefecture":
        return installation.code
    raise InputError(NOT_FROM_ABOVE(issuer=shown))


def adopt_standard_set(session: Session, standard_set: StandardSet) -> Adopted:
    """Make this installation's set follow ``standard_set`` (from the bureau above).

    A school takes the whole set of its county's bureau (or the prefecture's); a county
    takes the prefecture's and keeps the standards it added itself.  Raises InputError
    for a set from anyone else.
    """
    keep_origin = check_issuer(session, standard_set)
    before = {s.key: s for s in list_standards(session)}
    incoming = [s for s in standard_set.standards if s.origin != keep_origin]
    kept = [s for s in before.values() if keep_origin is not None and s.origin == keep_origin]
    wanted = {s.key: s for s in [*incoming, *kept]}
    added = sum(1 for k in wanted if k not in before)
    changed = sum(1 for k, s in wanted.items() if k in before and before[k] != s)
    removed = sum(1 for k in before if k not in wanted)
    # Delete and flush first: a key that stays is inserted again (unique keys).
    session.execute(delete(Standard))
    session.flush()
    for position, standard in enumerate(wanted.values(), start=1):
        session.add(row_of(standard, position))
    session.flush()
    return Adopted(standard_set.issuer, added, changed, removed)
