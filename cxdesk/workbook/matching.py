"""Finding the counselor a row names: in the workbook's 教师 sheet first, else in the database.

A counselor is named by identity number, else by name and birth date; a name alone is
enough when exactly one counselor has it.  The result is a *target*: ``"row:N"`` for the
N-th counselor row of the workbook (which may itself match a stored counselor), or
``"db:ID"`` for a stored counselor the workbook does not list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cxdesk.i18n import Message, Text
from cxdesk.models import Counselor
from cxdesk.validation import mask_identity_number

NO_SUCH_COUNSELOR = Text(
    "找不到教师“{who}”：请先在“教师”表中填写该教师，或核对姓名、身份证号、出生日期",
    "No counselor {who}: list the counselor on 教师 first, or check name, identity number "
    "and birth date",
)
AMBIGUOUS_COUNSELOR = Text(
    "有不止一位教师叫“{name}”，请填写教师身份证号或出生日期以区分",
    "More than one counselor is called {name}; give the identity number or birth date",
)
NAME_MISMATCH = Text(
    "身份证号 {masked} 属于教师“{found}”，不是“{given}”",
    "The identity number {masked} belongs to {found}, not {given}",
)


@dataclass(frozen=True)
class Person:
    """How a row names a counselor, or a counselor's own identifying details."""

    name: str
    identity: str | None
    birth: date | None


class CounselorIndex:
    """The counselors of the workbook and of the database, for looking people up.

    The lookups are built once: a workbook may name 2,000 people in 2,000 rows.
    """

    def __init__(self, rows: list[Person], stored: Iterable[Counselor]) -> None:
        self.rows = rows
        self.stored = [(c.id, Person(c.name, c.identity_number, c.birth_date)) for c in stored]
        self._stored_by_identity: dict[str, tuple[int, Person]] = {}
        self._stored_by_name_birth: dict[tuple[str, date | None], list[tuple[int, Person]]] = {}
        for cid, other in self.stored:
            if other.identity:
                self._stored_by_identity.setdefault(other.identity, (cid, other))
            self._stored_by_name_birth.setdefault((other.name, other.birth), []).append(
                (cid, other)
            )
        #: the stored counselor each workbook row updates (None: a new one; -1: ambiguous)
        self.row_matches = [self.match_stored(p) for p in rows]
        self._listed = {
            cid: i for i, cid in enumerate(self.row_matches) if cid is not None and cid >= 0
        }
        self._row_by_identity: dict[str, int] = {}
        self._by_name: dict[str, list[tuple[str, Person]]] = {}
        for i, row in enumerate(rows):
            if row.identity:
                self._row_by_identity.setdefault(row.identity, i)
            self._by_name.setdefault(row.name, []).append((f"row:{i}", row))
        for cid, other in self.stored:
            if cid not in self._listed:
                self._by_name.setdefault(other.name, []).append((f"db:{cid}", other))

    def match_stored(self, person: Person) -> int | None:
        """The stored counselor a 教师 row is, or None; -1 when several could be.

        By identity number first; else by name and birth date, among stored counselors
        that have no other identity number.
        """
        if person.identity and person.identity in self._stored_by_identity:
            return self._stored_by_identity[person.identity][0]
        found = [
            cid
            for cid, other in self._stored_by_name_birth.get((person.name, person.birth), [])
            if other.identity is None or person.identity is None
        ]
        if len(found) > 1:
            return -1
        return found[0] if found else None

    def resolve(self, person: Person) -> tuple[str | None, Message | None]:
        """The target a certificate or attendance row names, or why there is none."""
        who = person.name or (mask_identity_number(person.identity) if person.identity else "?")
        if person.identity:
            if person.identity in self._row_by_identity:
                i = self._row_by_identity[person.identity]
                return self._checked(f"row:{i}", self.rows[i].name, person)
            if person.identity in self._stored_by_identity:
                cid, other = self._stored_by_identity[person.identity]
                target = f"row:{self._listed[cid]}" if cid in self._listed else f"db:{cid}"
                return self._checked(target, other.name, person)
            return None, NO_SUCH_COUNSELOR(who=who)
        candidates = [
            target
            for target, other in self._by_name.get(person.name, [])
            if person.birth is None or other.birth == person.birth
        ]
        if not candidates:
            return None, NO_SUCH_COUNSELOR(who=who)
        if len(candidates) > 1:
            return None, AMBIGUOUS_COUNSELOR(name=person.name)
        return candidates[0], None

    @staticmethod
    def _checked(target: str, found: str, person: Person) -> tuple[str | None, Message | None]:
        if person.name and person.name != found:
            masked = mask_identity_number(person.identity)
            return None, NAME_MISMATCH(masked=masked, found=found, given=person.name)
        return target, None
