"""Planning an import: read and check a whole workbook and say what it would change.

``plan_import`` writes nothing.  It returns an :class:`ImportPlan` with every problem
(sheet, row, column, reason) and, when there are none, what would be added, updated or
left unchanged; ``cxdesk.workbook.apply.apply_import`` then stores exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, inspect, select
from sqlalchemy.orm import Session, selectinload

from cxdesk.checks import record_problems
from cxdesk.checks.rules import RULES
from cxdesk.errors import InputError
from cxdesk.i18n import Message, Text
from cxdesk.models import CounsellingRoom, Counselor, School, TrainingEvent
from cxdesk.services.counselors import counselor_input
from cxdesk.services.records import (
    CertificateInput,
    CounselorInput,
    RoomInput,
    TrainingInput,
    column_values,
)
from cxdesk.services.rooms import room_input
from cxdesk.services.setup import ENROLMENT_NEGATIVE, boarders_problems
from cxdesk.services.training import training_input
from cxdesk.standards.standard_set import StandardSet, check_issuer
from cxdesk.validation import check_phone
from cxdesk.workbook.layout import (
    ATTENDANCE,
    CERTIFICATES,
    COUNSELORS,
    DATA_SHEETS,
    EVENTS,
    ROOMS,
    SCHOOL,
    Sheet,
)
from cxdesk.workbook.matching import CounselorIndex, Person
from cxdesk.workbook.problems import Problem
from cxdesk.workbook.reading import UNREADABLE, RawSheet, WorkbookRefused, read_workbook
from cxdesk.workbook.standards_sheet import DATA_SHEET, read_standard_set
from cxdesk.workbook.values import parse_value

Action = Literal["add", "update", "unchanged", "remove"]
T = TypeVar("T")

ONE_SCHOOL_ROW = Text("“学校”表只能填一行", "The school sheet has one row only")
WRONG_SCHOOL = Text(
    "学校标识码 {code} 不是本校的（本校为 {own}）。这份表格属于另一所学校。",
    "The school code {code} is not this school's ({own}). This workbook belongs to another school.",
)
DUPLICATE_ROW = Text("与第{other}行重复（{what}）", "Duplicates row {other} ({what})")
SAME_STORED = Text(
    "与第{other}行指的是同一位已有教师，请合并为一行",
    "Names the same stored counselor as row {other}; merge the two rows",
)
AMBIGUOUS_STORED = Text(
    "数据库中有多条记录与此行相同（{what}），无法确定更新哪一条，请在程序中先处理",
    "Several stored records match this row ({what}); sort them out in the program first",
)
NO_SUCH_EVENT = Text(
    "找不到培训“{title}”（{start}）：请先在“培训”表中填写，或核对名称和开始日期",
    "No training {title} starting {start}: list it on 培训 first, or check title and date",
)
IDENTITY_OR_NAME = Text(
    "请填写教师姓名（或教师身份证号）", "Give the counselor's name (or identity number)"
)
NOT_LISTED_TO_REPLACE = Text(
    "“{name}”不在“教师”表中：整表替换（--replace）时，证书和参训记录只能写“教师”表中列出的教师",
    "{name} is not on 教师: when the workbook replaces everything (--replace), certificates "
    "and attendance name counselors listed on 教师 only",
)
EVENT_NOT_LISTED_TO_REPLACE = Text(
    "培训“{title}”（{start}）不在“培训”表中：整表替换（--replace）时，参训记录只能写“培训”表中列出的培训",
    "The training {title} ({start}) is not on 培训: when the workbook replaces everything "
    "(--replace), attendance names events listed on 培训 only",
)
FIELD_CERTIFICATES = Text("证书", "certificates")
FIELD_ATTENDANCE = Text("参训名单", "attendees")

#: Which column a rule's message belongs to: the rule's Text names its field.
_RULE_FIELDS: dict[int, str | None] = {id(rule.text): rule.field for rule in RULES}


@dataclass(frozen=True)
class Change:
    """One thing the import does, for the user to read before and after."""

    sheet: str
    row: int | None
    action: Action
    label: str
    #: headers of the columns that change (updates only)
    fields: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "action": self.action,
            "label": self.label,
            "fields": list(self.fields),
        }


@dataclass
class CounselorItem:
    target: str
    row: int | None
    data: CounselorInput
    existing_id: int | None
    action: Action


@dataclass
class RoomItem:
    row: int
    data: RoomInput
    existing_id: int | None
    action: Action


@dataclass
class EventItem:
    row: int | None
    data: TrainingInput
    #: counselor targets (see matching.py); turned into ids when applied
    attendees: list[str]
    existing_id: int | None
    action: Action


@dataclass(frozen=True)
class Removal:
    """A stored record the workbook no longer lists, removed by ``import-xlsx --replace``."""

    table: str
    record_id: int
    label: str


@dataclass
class ImportPlan:
    """What importing a workbook would do, and every reason it cannot.

    ``problems`` empty means the import can be applied; ``changes`` lists every row's
    action.  The items are what :func:`apply_import` stores.
    """

    path: Path
    school_id: int
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    school_values: dict[str, Any] | None = None
    #: The standards a bureau's template carries (adopted with the data), if any.
    standards: StandardSet | None = None
    counselors: list[CounselorItem] = field(default_factory=list)
    rooms: list[RoomItem] = field(default_factory=list)
    events: list[EventItem] = field(default_factory=list)
    #: With ``replace``: the stored records absent from the workbook, to be removed.
    removals: list[Removal] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def has_changes(self) -> bool:
        return any(c.action != "unchanged" for c in self.changes) or self.standards is not None

    def counts(self) -> dict[str, dict[str, int]]:
        """Per sheet (by sheet key) how many rows are added, updated, unchanged, removed."""
        keys = {s.name: s.key for s in DATA_SHEETS}
        result = {
            s.key: dict.fromkeys(("add", "update", "unchanged", "remove"), 0) for s in DATA_SHEETS
        }
        for change in self.changes:
            result[keys[change.sheet]][change.action] += 1
        return result

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "ok": self.ok,
            "counts": self.counts(),
            "standards": None
            if self.standards is None
            else {
                "issuer": self.standards.issuer.name,
                "issued_on": self.standards.issued_on.isoformat(),
                "count": len(self.standards.standards),
            },
            "changes": [c.to_json() for c in self.changes if c.action != "unchanged"],
            "problems": [p.to_json(lang) for p in self.problems],
        }


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    bad: set[str]


def plan_import(
    session: Session,
    *,
    school: School,
    path: Path,
    replace: bool = False,
    content: bytes | None = None,
    parts: dict[str, bytes] | None = None,
) -> ImportPlan:
    """Read and check the workbook at ``path`` for ``school``; writes nothing.

    With ``replace`` the workbook is the school's complete data: every stored counselor,
    room and training event it does not list is planned for removal (``removals``, and a
    "remove" change each), and its certificates and attendance may name only what it lists.
    ``content`` is the workbook's bytes when they are in memory already (a report package's
    workbook at the bureau), and ``parts`` its parts when they are unpacked already:
    ``path`` then only names it.  A ``school`` that is not stored (transient) has no stored
    records to match: every row is an addition.
    """
    plan = ImportPlan(Path(path), school.id)
    try:
        raw = read_workbook(Path(path), content, parts)
    except WorkbookRefused as refused:
        plan.problems.append(refused.problem)
        return plan
    plan.problems.extend(raw.problems)
    rows = {key: _parse(sheet, plan.problems) for key, sheet in raw.sheets.items()}
    if len(rows) != len(DATA_SHEETS):
        return plan  # a sheet is missing or unreadable: its problems say which
    absent = {key: sheet.absent for key, sheet in raw.sheets.items()}
    _Planner(session, school, plan, rows, absent, replace=replace).run()
    if school in session:  # a school's own import (a bureau reads packages with a blank one)
        plan.standards = template_standards(session, Path(path), plan.problems)
    if plan.problems:
        plan.changes.clear()
        plan.removals.clear()
    plan.problems.sort(key=lambda p: _place(p.sheet, p.row))
    plan.changes.sort(key=lambda c: _place(c.sheet, c.row))
    return plan


def template_standards(session: Session, path: Path, problems: list[Problem]) -> StandardSet | None:
    """The standard set of a bureau's template, checked; its problems go to ``problems``."""
    try:
        found = read_standard_set(path)
        if found is not None:
            check_issuer(session, found)
    except InputError as exc:
        problems += [Problem(m, DATA_SHEET) for m in (exc.message, *exc.details)]
        return None
    return found


def _place(sheet: str | None, row: int | None) -> tuple[int, int]:
    """Sort by sheet in workbook order, then by row (rows without a number last)."""
    sheets = [s.name for s in DATA_SHEETS]
    return (sheets.index(sheet) + 1 if sheet in sheets else 0, row or 10**9)


def _parse(raw: RawSheet, problems: list[Problem]) -> list[_Row]:
    parsed = []
    for raw_row in raw.rows:
        row = _Row(raw_row.number, {}, set())
        for column in raw.sheet.columns:
            cell = raw_row.values.get(column.field)
            if cell is UNREADABLE:  # its problem is listed already
                row.values[column.field] = None
                row.bad.add(column.field)
                continue
            value, problem = parse_value(column, cell)
            row.values[column.field] = value
            if problem is not None:
                row.bad.add(column.field)
                problems.append(Problem(problem, raw.sheet.name, row.number, column.header))
        parsed.append(row)
    return parsed


class _Planner:
    """The steps of planning, sharing the session, the rows and the plan."""

    def __init__(
        self,
        session: Session,
        school: School,
        plan: ImportPlan,
        rows: dict[str, list[_Row]],
        absent: dict[str, set[str]] | None = None,
        *,
        replace: bool = False,
    ) -> None:
        self.session = session
        self.school = school
        self.plan = plan
        self.rows = rows
        self.replace = replace
        # Columns added since the workbook was made: the stored values are kept.
        self.absent = absent or {}

    def stored(self, query: Select[T]) -> list[T]:
        """The school's stored records of ``query``; none for a school not stored at all."""
        if inspect(self.school).transient:
            return []
        return list(self.session.scalars(query))

    def problem(
        self, message: Message, sheet: Sheet, row: _Row | None, column: str | None = None
    ) -> None:
        header = sheet.column(column).header if column else None
        self.plan.problems.append(Problem(message, sheet.name, row.number if row else None, header))

    def change(
        self,
        sheet: Sheet,
        row: int | None,
        action: Action,
        label: str,
        fields: tuple[str, ...] = (),
    ) -> None:
        self.plan.changes.append(Change(sheet.name, row, action, label, fields))

    def rule_problems(self, sheet: Sheet, row: _Row, record: Any) -> bool:
        """Run the core's record rules on ``record``; True when it passes."""
        ok = True
        for message in record_problems(sheet.table, record):
            name = _RULE_FIELDS.get(id(message.text))
            column = sheet.column_for_field(name)
            if column is not None and column.field in row.bad:
                continue  # already said by the cell's own problem
            ok = False
            self.problem(message, sheet, row, column.field if column else None)
        return ok and not row.bad

    def run(self) -> None:
        self.plan_school()
        index = self.plan_counselors()
        self.plan_certificates(index)
        self.plan_rooms()
        self.plan_events(index)
        self.plan.counselors = list(self.counselor_items.values())
        if self.replace:
            self.plan_removals()

    def plan_removals(self) -> None:
        """Every stored record the workbook does not list (``replace``)."""
        kept = {item.existing_id for item in self.plan.counselors}
        for counselor in self.stored_counselors.values():
            if counselor.id not in kept:
                self._remove(COUNSELORS, counselor.id, counselor.name)
        kept = {item.existing_id for item in self.plan.rooms}
        for room in self.stored_rooms:
            if room.id not in kept:
                self._remove(ROOMS, room.id, room.name)
        kept = {item.existing_id for item in self.plan.events}
        for event in self.stored_events:
            if event.id not in kept:
                self._remove(EVENTS, event.id, f"{event.title}（{event.start_date.isoformat()}）")

    def _remove(self, sheet: Sheet, record_id: int, label: str) -> None:
        self.plan.removals.append(Removal(sheet.table, record_id, label))
        self.change(sheet, None, "remove", label)

    # --- the school ---------------------------------------------------------------

    def plan_school(self) -> None:
        rows = self.rows[SCHOOL.key]
        for extra in rows[1:]:
            self.problem(ONE_SCHOOL_ROW(), SCHOOL, extra)
        if not rows:
            return
        row = rows[0]
        v = row.values
        if v["code"] is not None and v["code"] != self.school.code:
            self.problem(WRONG_SCHOOL(code=v["code"], own=self.school.code), SCHOOL, row, "code")
            return
        if v["contact_phone"] and (p := check_phone(v["contact_phone"])) is not None:
            self.problem(p, SCHOOL, row, "contact_phone")
        if v["enrolment"] is not None and v["enrolment"] < 0:
            self.problem(ENROLMENT_NEGATIVE(), SCHOOL, row, "enrolment")
        if "boarders" in self.absent.get(SCHOOL.key, ()):
            v["boarders"] = self.school.boarders
        for message in boarders_problems(v["boarders"], v["enrolment"]):
            self.problem(message, SCHOOL, row, "boarders")
        record = SimpleNamespace(
            code=self.school.code, **{k: x for k, x in v.items() if k != "code"}
        )
        if not self.rule_problems(SCHOOL, row, record):
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
            "name": self.school.name,
            "county": self.school.county_code,
            "kind": self.school.kind,
            "mountain": self.school.mountain,
            "enrolment": self.school.enrolment,
            "contact_person": self.school.contact_person,
            "contact_phone": self.school.contact_phone,
            "boarders": self.school.boarders,
        }
        header = {"county": "county_code"}
        changed = tuple(
            SCHOOL.column(header.get(k, k)).header for k in values if values[k] != stored[k]
        )
        if changed:
            self.plan.school_values = values
        self.change(
            SCHOOL, row.number, "update" if changed else "unchanged", self.school.name, changed
        )

    # --- counselors and certificates ------------------------------------------------

    def plan_counselors(self) -> CounselorIndex:
        rows = self.rows[COUNSELORS.key]
        stored = self.stored(
            select(Counselor)
            .where(Counselor.school_id == self.school.id)
            .options(selectinload(Counselor.certificates))
            .order_by(Counselor.id)
        )
        self.stored_counselors = {c.id: c for c in stored}
        people = [
            Person(r.values["name"] or "", r.values["identity_number"], r.values["birth_date"])
            for r in rows
        ]
        self._duplicates(COUNSELORS, rows, people)
        index = CounselorIndex(people, stored)
        first_row_of: dict[int, _Row] = {}
        self.counselor_items: dict[str, CounselorItem] = {}
        for i, (row, existing_id) in enumerate(zip(rows, index.row_matches, strict=True)):
            v = row.values
            data = CounselorInput(
                name=v["name"] or "",
                post_type=v["post_type"] or "",
                gender=v["gender"],
                ethnic_group=v["ethnic_group"],
                identity_number=v["identity_number"],
                birth_date=v["birth_date"],
                main_subject=v["main_subject"],
                education=v["education"],
                psychology_degree=bool(v["psychology_degree"]),
                title=v["title"],
                start_date=v["start_date"],
                recruited_as_psych=bool(v["recruited_as_psych"]),
                studio_role=v["studio_role"] or "none",
                status=v["status"] or "in_post",
                left_date=v["left_date"],
            )
            self.rule_problems(COUNSELORS, row, data)
            if existing_id == -1:
                what = f"{data.name} {data.birth_date or ''}".strip()
                self.problem(AMBIGUOUS_STORED(what=what), COUNSELORS, row)
                existing_id = None
            elif existing_id is not None:
                if existing_id in first_row_of:
                    self.problem(
                        SAME_STORED(other=first_row_of[existing_id].number), COUNSELORS, row
                    )
                first_row_of.setdefault(existing_id, row)
            self.counselor_items[f"row:{i}"] = CounselorItem(
                f"row:{i}", row.number, data, existing_id, "add"
            )
        return index

    def _duplicates(self, sheet: Sheet, rows: list[_Row], people: list[Person]) -> None:
        by_identity: dict[str, _Row] = {}
        by_name: dict[tuple[str, date | None], list[tuple[_Row, Person]]] = {}
        for row, person in zip(rows, people, strict=True):
            if person.identity:
                if person.identity in by_identity:
                    other = by_identity[person.identity].number
                    self.problem(
                        DUPLICATE_ROW(other=other, what=person.identity[:6] + "…"),
                        sheet,
                        row,
                        "identity_number",
                    )
                    continue
                by_identity[person.identity] = row
            same = by_name.setdefault((person.name, person.birth), [])
            # Two people of one name and birth date are told apart by identity numbers only.
            clash = next((r for r, p in same if not (p.identity and person.identity)), None)
            if clash is not None and person.name:
                what = f"{person.name} {person.birth or ''}".strip()
                self.problem(DUPLICATE_ROW(other=clash.number, what=what), sheet, row, "name")
            same.append((row, person))

    def plan_certificates(self, index: CounselorIndex) -> None:
        wanted: dict[str, list[tuple[_Row, CertificateInput]]] = {}
        for row in self.rows[CERTIFICATES.key]:
            v = row.values
            cert = CertificateInput(
                v["kind"] or "", v["other_name"], v["number"], v["issuer"], v["issued_on"]
            )
            self.rule_problems(CERTIFICATES, row, cert)
            target = self._holder(index, CERTIFICATES, row)
            if target is None:
                continue
            same = [r for r, c in wanted.get(target, []) if column_values(c) == column_values(cert)]
            if same:
                self.problem(
                    DUPLICATE_ROW(other=same[0].number, what=v["number"] or v["kind"]),
                    CERTIFICATES,
                    row,
                )
                continue
            wanted.setdefault(target, []).append((row, cert))
        # Stored counselors not on 教师 keep their certificates and gain the new ones.
        for target in wanted:
            if target.startswith("db:"):
                holder = self.stored_counselors[int(target[3:])]
                self.counselor_items[target] = CounselorItem(
                    target, None, counselor_input(holder), holder.id, "update"
                )
        for target, item in self.counselor_items.items():
            listed = item.row is not None
            certs = wanted.get(target, [])
            stored = self.stored_counselors.get(item.existing_id) if item.existing_id else None
            have = (
                [column_values(c) for c in counselor_input(stored).certificates] if stored else []
            )
            remaining = list(have)
            new_certs = (
                [] if listed else list(counselor_input(stored).certificates) if stored else []
            )
            for row, cert in certs:
                values = column_values(cert)
                if values in remaining:
                    remaining.remove(values)
                    self.change(CERTIFICATES, row.number, "unchanged", item.data.name)
                    if not listed:
                        continue
                else:
                    self.change(CERTIFICATES, row.number, "add", item.data.name)
                new_certs.append(cert)
            if listed:
                for _gone in remaining:
                    self.change(CERTIFICATES, None, "remove", item.data.name)
            item.data.certificates = new_certs
            self._counselor_action(item, stored)

    def _counselor_action(self, item: CounselorItem, stored: Counselor | None) -> None:
        if stored is None:
            item.action = "add"
            self.change(COUNSELORS, item.row, "add", item.data.name)
            return
        before = counselor_input(stored)
        changed = tuple(
            COUNSELORS.column(k).header
            for k, value in column_values(item.data).items()
            if getattr(before, k) != value
        )
        certs_before = sorted(map(_sort_key, (column_values(c) for c in before.certificates)))
        certs_after = sorted(map(_sort_key, (column_values(c) for c in item.data.certificates)))
        if certs_before != certs_after:
            changed += (FIELD_CERTIFICATES.render(),)
        item.action = "update" if changed else "unchanged"
        if item.row is not None:
            self.change(COUNSELORS, item.row, item.action, item.data.name, changed)

    def _holder(self, index: CounselorIndex, sheet: Sheet, row: _Row) -> str | None:
        v = row.values
        if (
            "counselor_name" in row.bad
            or "counselor_identity" in row.bad
            or "counselor_birth_date" in row.bad
        ):
            return None
        if not v["counselor_name"] and not v["counselor_identity"]:
            return None  # the required cell has said it already
        person = Person(
            v["counselor_name"] or "", v["counselor_identity"], v["counselor_birth_date"]
        )
        target, problem = index.resolve(person)
        column = "counselor_identity" if person.identity else "counselor_name"
        if problem is not None:
            self.problem(problem, sheet, row, column)
        elif self.replace and target is not None and target.startswith("db:"):
            stored = self.stored_counselors[int(target[3:])]
            self.problem(NOT_LISTED_TO_REPLACE(name=stored.name), sheet, row, column)
            return None
        return target

    # --- rooms ------------------------------------------------------------------------

    def plan_rooms(self) -> None:
        stored = self.stored(
            select(CounsellingRoom)
            .where(CounsellingRoom.school_id == self.school.id)
            .order_by(CounsellingRoom.id)
        )
        self.stored_rooms = stored
        seen: dict[str, _Row] = {}
        absent = self.absent.get(ROOMS.key, set())
        for row in self.rows[ROOMS.key]:
            v = row.values
            data = RoomInput(
                v["name"] or "",
                v["function"] or "",
                v["area_tenths"],
                v["year_opened"],
                v["status"] or "in_use",
                closed_on=v["closed_on"],
                has_individual=bool(v["has_individual"]),
                has_group=bool(v["has_group"]),
                has_reception=bool(v["has_reception"]),
                grade=v["grade"],
            )
            if absent:  # a workbook made before these columns: keep what is stored
                stored_room = next((r for r in stored if r.name == data.name), None)
                for name in absent:
                    setattr(data, name, getattr(stored_room, name, getattr(data, name)))
            self.rule_problems(ROOMS, row, data)
            if data.name in seen:
                self.problem(
                    DUPLICATE_ROW(other=seen[data.name].number, what=data.name), ROOMS, row, "name"
                )
                continue
            seen[data.name] = row
            matches = [r for r in stored if r.name == data.name]
            if len(matches) > 1:
                self.problem(AMBIGUOUS_STORED(what=data.name), ROOMS, row, "name")
                continue
            existing = matches[0] if matches else None
            action: Action = "add"
            changed: tuple[str, ...] = ()
            if existing is not None:
                before = column_values(room_input(existing))
                changed = tuple(
                    ROOMS.column(k).header for k, x in column_values(data).items() if before[k] != x
                )
                action = "update" if changed else "unchanged"
            self.plan.rooms.append(
                RoomItem(row.number, data, existing.id if existing else None, action)
            )
            self.change(ROOMS, row.number, action, data.name, changed)

    # --- training events and attendance ----------------------------------------------

    def plan_events(self, index: CounselorIndex) -> None:
        stored = self.stored(
            select(TrainingEvent)
            .where(TrainingEvent.school_id == self.school.id)
            .options(selectinload(TrainingEvent.attendances))
            .order_by(TrainingEvent.id)
        )
        self.stored_events = stored
        items: dict[tuple[str, date], EventItem] = {}
        listed: set[tuple[str, date]] = set()
        rows_of: dict[tuple[str, date], _Row] = {}
        for row in self.rows[EVENTS.key]:
            v = row.values
            start = v["start_date"]
            data = TrainingInput(
                v["title"] or "",
                v["level"] or "",
                start,
                v["end_date"] or start,
                v["organiser"],
                v["place"],
                v["hours"],
            )
            self.rule_problems(EVENTS, row, data)
            if start is None:
                continue
            key = (data.title, start)
            if key in rows_of:
                self.problem(
                    DUPLICATE_ROW(other=rows_of[key].number, what=data.title), EVENTS, row, "title"
                )
                continue
            rows_of[key] = row
            matches = [e for e in stored if (e.title, e.start_date) == key]
            if len(matches) > 1:
                self.problem(AMBIGUOUS_STORED(what=data.title), EVENTS, row, "title")
                continue
            existing = matches[0] if matches else None
            items[key] = EventItem(row.number, data, [], existing.id if existing else None, "add")
            listed.add(key)
        self._attendance(index, stored, items, listed)
        for key, item in items.items():
            self._event_action(
                item, next((e for e in stored if e.id == item.existing_id), None), key in listed
            )

    def _attendance(
        self,
        index: CounselorIndex,
        stored: list[TrainingEvent],
        items: dict[tuple[str, date], EventItem],
        listed: set[tuple[str, date]],
    ) -> None:
        seen: dict[tuple[tuple[str, date], str], _Row] = {}
        for row in self.rows[ATTENDANCE.key]:
            v = row.values
            target = self._holder(index, ATTENDANCE, row)
            if v["event_title"] is None or v["event_start"] is None:
                continue
            key = (v["event_title"], v["event_start"])
            if key not in items and self.replace:
                start = key[1].isoformat()
                self.problem(
                    EVENT_NOT_LISTED_TO_REPLACE(title=key[0], start=start),
                    ATTENDANCE,
                    row,
                    "event_title",
                )
                continue
            if key not in items:
                matches = [e for e in stored if (e.title, e.start_date) == key]
                if len(matches) != 1:
                    start = key[1].isoformat()
                    message = (
                        NO_SUCH_EVENT(title=key[0], start=start)
                        if not matches
                        else AMBIGUOUS_STORED(what=key[0])
                    )
                    self.problem(message, ATTENDANCE, row, "event_title")
                    continue
                # A stored event not on 培训: keeps its attendees and gains these.
                event = matches[0]
                items[key] = EventItem(None, training_input(event), [], event.id, "update")
                items[key].attendees = [
                    self._stored_target(index, a.counselor_id) for a in event.attendances
                ]
            if target is None:
                continue
            if (key, target) in seen:
                self.problem(
                    DUPLICATE_ROW(other=seen[key, target].number, what=v["counselor_name"] or ""),
                    ATTENDANCE,
                    row,
                )
                continue
            seen[key, target] = row
            item = items[key]
            existing = self._existing_attendee_ids(stored, item)
            counselor_id = self._target_id(target)
            self.change(
                ATTENDANCE, row.number, "unchanged" if counselor_id in existing else "add", key[0]
            )
            if target not in item.attendees:
                item.attendees.append(target)
        for key in listed:
            item = items[key]
            kept = {self._target_id(t) for t in item.attendees}
            for gone in self._existing_attendee_ids(stored, item) - kept:
                name = self.stored_counselors[gone].name if gone in self.stored_counselors else "?"
                self.change(ATTENDANCE, None, "remove", f"{key[0]}: {name}")

    def _existing_attendee_ids(self, stored: list[TrainingEvent], item: EventItem) -> set[int]:
        if not hasattr(self, "_attendees_by_event"):
            self._attendees_by_event = {
                e.id: frozenset(a.counselor_id for a in e.attendances) for e in stored
            }
        return set(self._attendees_by_event.get(item.existing_id or -1, frozenset()))

    def _stored_target(self, index: CounselorIndex, counselor_id: int) -> str:
        if counselor_id in index.row_matches:
            return f"row:{index.row_matches.index(counselor_id)}"
        return f"db:{counselor_id}"

    def _target_id(self, target: str) -> int | None:
        """The stored id a target stands for (None: a counselor the import adds)."""
        if target.startswith("db:"):
            return int(target[3:])
        return self.counselor_items[target].existing_id

    def _event_action(self, item: EventItem, stored: TrainingEvent | None, listed: bool) -> None:
        self.plan.events.append(item)
        if stored is None:
            self.change(EVENTS, item.row, "add", item.data.title)
            return
        before = training_input(stored)
        changed = tuple(
            EVENTS.column(k).header
            for k, value in column_values(item.data).items()
            if getattr(before, k) != value
        )
        ids_after = {self._target_id(t) for t in item.attendees}
        if ids_after != set(before.counselor_ids):
            changed += (FIELD_ATTENDANCE.render(),)
        item.action = "update" if changed else "unchanged"
        if listed:
            self.change(EVENTS, item.row, item.action, item.data.title, changed)


def _sort_key(values: dict[str, object]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in values.values())
