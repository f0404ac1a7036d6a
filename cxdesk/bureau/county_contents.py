"""Reading a county package at the prefecture: the school packages it carries, byte for byte
as their schools signed them, and the county's register (the format: cxdesk.bureau.county).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cxdesk.bureau.package_layout import REGISTER_MEMBER, SCHOOLS_FOLDER, SCHOOLS_INDEX
from cxdesk.bureau.register import RegisterRow, check_row
from cxdesk.exchange.errors import refuse
from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.i18n import Text

BAD_INDEX = Text(
    "县级上报包的学校清单无效（{reason}），已拒收。",
    "The county package's list of schools is not valid ({reason}); refused.",
)


@dataclass(frozen=True)
class CountyEntry:
    """One school package inside a county package, as the county's index lists it."""

    member: str
    code: str
    sequence: int
    sha256: str
    fingerprint: str
    data: bytes


@dataclass(frozen=True)
class CountyContents:
    schools: list[CountyEntry]
    register: list[RegisterRow]


def _load_json_list(package: VerifiedPackage, name: str) -> list[Any]:
    raw = package.members.get(name)
    if raw is None:
        raise refuse("county_index", BAD_INDEX, reason=f"{name} missing")
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise refuse("county_index", BAD_INDEX, reason=f"{name} is not JSON") from None
    if not isinstance(value, list) or len(value) > 10_000:
        raise refuse("county_index", BAD_INDEX, reason=f"{name} is not a list")
    return value


def read_county_contents(package: VerifiedPackage) -> CountyContents:
    """The school packages and the register of a verified county package.

    Raises PackageError when the index or the register is malformed, or names a member
    that is not there (the members themselves were hashed by the verifier already).
    """
    county = package.manifest.sender.code
    schools: list[CountyEntry] = []
    seen: set[str] = set()
    for n, item in enumerate(_load_json_list(package, SCHOOLS_INDEX)):
        try:
            entry = CountyEntry(
                member=str(item["member"]),
                code=str(item["code"]),
                sequence=int(item["sequence"]),
                sha256=str(item["sha256"]),
                fingerprint=str(item["fingerprint"]),
                data=b"",
            )
        except (KeyError, TypeError, ValueError):
            raise refuse("county_index", BAD_INDEX, reason=f"entry {n}") from None
        data = package.members.get(entry.member)
        if data is None or not entry.member.startswith(SCHOOLS_FOLDER) or entry.member in seen:
            raise refuse("county_index", BAD_INDEX, reason=f"entry {n}: {entry.member[:60]}")
        seen.add(entry.member)
        schools.append(
            CountyEntry(
                entry.member, entry.code, entry.sequence, entry.sha256, entry.fingerprint, data
            )
        )
    register: list[RegisterRow] = []
    for n, item in enumerate(_load_json_list(package, REGISTER_MEMBER)):
        if not isinstance(item, dict):
            raise refuse("county_index", BAD_INDEX, reason=f"register entry {n}")
        row, _problems = check_row({k: str(v or "").strip() for k, v in item.items()})
        if row is None or row.county_code != county:
            raise refuse("county_index", BAD_INDEX, reason=f"register entry {n}")
        register.append(row)
    return CountyContents(schools, register)
