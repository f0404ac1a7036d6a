"""The manifest: what a package says about itself, signed byte for byte.

It is UTF-8 JSON.  Reading it is strict, because it comes from outside: duplicate keys,
``NaN``, nesting, unknown kinds, over-long or malformed values are refused with a one-line
reason.  The layout of every field is in docs/package-format.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cxdesk.exchange.archive import is_safe_name
from cxdesk.exchange.encryption import Encryption, parse_encryption
from cxdesk.exchange.errors import PackageError, refuse
from cxdesk.exchange.manifest_checks import check_created_at, check_period, check_period_label
from cxdesk.i18n import Text
from cxdesk.models import ReportingPeriod

FORMAT_NAME = "cxdesk-package"
#: What cxdesk writes: 2 (personal members encrypted, docs/package-format.md).
FORMAT_VERSION = 2
#: What cxdesk reads: format 1 stays readable (old received packages, old schools).
READABLE_VERSIONS = (1, 2)
#: Kinds whose format-2 manifest has an ``encryption`` block.
ENCRYPTED_KINDS = ("report", "county-report")
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
PUBLIC_KEY_NAME = "sender.pem"
#: Entries every package has besides its members.
FIXED_NAMES = (MANIFEST_NAME, SIGNATURE_NAME, PUBLIC_KEY_NAME)

KINDS = ("report", "county-report", "receipt", "return")
ROLES = ("school", "county", "prefecture")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CODE = {
    "school": re.compile(r"[0-9]{10}"),
    "county": re.compile(r"[0-9]{6}"),
    "prefecture": re.compile(r"[0-9]{6}"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

WRONG_FORMAT = Text(
    "这不是 cxdesk 上报包（格式标识为“{value}”），已拒收。",
    "This is not a cxdesk package (format {value!r}); refused.",
)
NEWER_FORMAT = Text(
    "上报包格式版本 {version} 不受支持（本程序支持版本 {supported}）。请安装最新版 cxdesk 后再打开。",
    "Package format version {version} is not supported (this cxdesk reads version "
    "{supported}). Install the newest cxdesk and open it again.",
)
BAD_FIELD = Text(
    "包内清单的字段“{field}”缺失或无效，已拒收。",
    "The manifest's field {field!r} is missing or not valid; refused.",
)


@dataclass(frozen=True)
class Sender:
    """Who signed: role, code, name, their county (schools), and their public key."""

    role: str
    code: str
    name: str
    public_key: str
    fingerprint: str
    county: str | None = None


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Period:
    """The reporting period a package is for: its label (the year) and its dates (ISO)."""

    label: str
    start: str
    end: str

    @classmethod
    def of(cls, period: ReportingPeriod) -> Period:
        """The manifest's period of a stored reporting period."""
        return cls(period.label, period.start_date.isoformat(), period.end_date.isoformat())

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Subject:
    """The package a receipt or return answers: sender, period, sequence, file hash."""

    sender_code: str
    period: str
    sequence: int
    package_sha256: str


@dataclass(frozen=True)
class Comment:
    """A bureau's comment on one record (``table`` None: on the package as a whole)."""

    table: str | None
    key: dict[str, str]
    record: str
    comment: str


@dataclass(frozen=True)
class Manifest:
    """A parsed, checked manifest.  ``data`` is the whole JSON object as read."""

    kind: str
    format_version: int
    sender: Sender
    period: Period
    sequence: int
    created_at: datetime
    cxdesk_version: str
    members: tuple[Member, ...]
    data: dict[str, Any] = field(repr=False)
    figures: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    subject: Subject | None = None
    message: str | None = None
    comments: tuple[Comment, ...] = ()
    #: A school's package of a period the bureau had accepted: a correction (更正).
    correction: bool = False
    #: Format 2 reports and county reports: to whom the ``.age`` members are encrypted.
    encryption: Encryption | None = None


def dump_manifest(data: dict[str, Any]) -> bytes:
    """The bytes that are signed: UTF-8 JSON, sorted keys, 2-space indent, final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def check_format(data: dict[str, Any]) -> None:
    """Refuse what is not a cxdesk package, or one of a format version not known here."""
    if data.get("format") != FORMAT_NAME:
        raise refuse("format", WRONG_FORMAT, value=str(data.get("format"))[:40])
    version = data.get("format_version")
    if version not in READABLE_VERSIONS or type(version) is not int:
        raise refuse(
            "format_version",
            NEWER_FORMAT,
            version=str(version)[:20],
            supported=" / ".join(map(str, READABLE_VERSIONS)),
        )


class _Reader:
    """Typed access to the JSON object, refusing the first field that is wrong."""

    def __init__(self, data: dict[str, Any], path: str = "") -> None:
        self.data = data
        self.path = path

    def bad(self, name: str) -> PackageError:
        return refuse("manifest_field", BAD_FIELD, field=f"{self.path}{name}")

    def obj(self, name: str) -> _Reader:
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise self.bad(name)
        return _Reader(value, f"{self.path}{name}.")

    def text(
        self,
        name: str,
        max_len: int,
        pattern: re.Pattern[str] | None = None,
        optional: bool = False,
        multiline: bool = False,
    ) -> str:
        value = self.data.get(name)
        if value is None and optional:
            return ""
        if not isinstance(value, str) or not value.strip() or len(value) > max_len:
            raise self.bad(name)
        if _CONTROL.search(value) or (not multiline and ("\n" in value or "\r" in value)):
            raise self.bad(name)
        if pattern is not None and not pattern.fullmatch(value):
            raise self.bad(name)
        return value

    def flag(self, name: str) -> bool:
        """An optional JSON ``true``/``false`` (absent: false); nothing else passes."""
        value = self.data.get(name, False)
        if type(value) is not bool:
            raise self.bad(name)
        return value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self.data.get(name)
        if type(value) is not int or not low <= value <= high:
            raise self.bad(name)
        return value


def parse_manifest(data: dict[str, Any]) -> Manifest:
    """Check every field of a manifest object and return it typed."""
    check_format(data)
    r = _Reader(data)
    kind = r.text("kind", 20)
    if kind not in KINDS:
        raise r.bad("kind")
    s = r.obj("sender")
    role = s.text("role", 16)
    if role not in ROLES:
        raise s.bad("role")
    sender = Sender(
        role=role,
        code=s.text("code", 10, _CODE[role]),
        name=s.text("name", 100),
        public_key=s.text("public_key", 44, re.compile(r"[A-Za-z0-9+/]{43}=")),
        fingerprint=s.text("fingerprint", 30, re.compile(r"[0-9]{30}")),
        county=s.text("county", 6, re.compile(r"[0-9]{6}"), optional=True) or None,
    )
    p = r.obj("period")
    period = Period(p.text("label", 20), p.text("start", 10), p.text("end", 10))
    check_period(period.label, period.start, period.end)  # manifest_checks.py
    created = r.text("created_at", 40)
    try:
        created_at = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        raise r.bad("created_at") from None
    if created_at.tzinfo is None:
        raise r.bad("created_at")
    check_created_at(created_at)
    members = _members(r)
    version = int(data["format_version"])
    encryption = None
    if version >= 2 and kind in ENCRYPTED_KINDS:
        encryption = parse_encryption(data, member_names=[m.name for m in members])
    manifest = Manifest(
        kind=kind,
        format_version=version,
        sender=sender,
        period=period,
        sequence=r.integer("sequence", 1, 999_999),
        created_at=created_at.astimezone(UTC),
        cxdesk_version=r.text("cxdesk_version", 40),
        members=members,
        data=data,
        figures=_figures(r),
        counts=_counts(r),
        subject=_subject(r) if kind in ("receipt", "return") else None,
        message=r.text("message", 4000, optional=True, multiline=True) or None,
        comments=_comments(r) if kind == "return" else (),
        correction=r.flag("correction"),
        encryption=encryption,
    )
    return manifest


def _members(r: _Reader) -> tuple[Member, ...]:
    items = r.data.get("members")
    if not isinstance(items, list) or len(items) > 10_000:
        raise r.bad("members")
    members = []
    names = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise r.bad(f"members[{i}]")
        m = _Reader(item, f"members[{i}].")
        name = m.text("name", 255)
        if not is_safe_name(name) or name in FIXED_NAMES or name in names:
            raise m.bad("name")
        names.add(name)
        members.append(Member(name, m.integer("size", 0, 2**40), m.text("sha256", 64, _SHA256)))
    return tuple(members)


def _figures(r: _Reader) -> dict[str, Any]:
    value = r.data.get("figures", {})
    if not isinstance(value, dict) or len(value) > 50:
        raise r.bad("figures")
    for key, item in value.items():
        if len(key) > 40:
            raise r.bad("figures")
        if isinstance(item, dict):
            if len(item) > 10 or not all(type(v) is int and v >= 0 for v in item.values()):
                raise r.bad(f"figures.{key}")
        elif not (
            item is None
            or (type(item) is int and item >= 0)
            or (isinstance(item, str) and re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,4})?", item))
        ):
            raise r.bad(f"figures.{key}")
    return value


def _counts(r: _Reader) -> dict[str, int]:
    value = r.data.get("counts", {})
    if not isinstance(value, dict) or len(value) > 20:
        raise r.bad("counts")
    for key, item in value.items():
        if len(key) > 40 or type(item) is not int or not 0 <= item <= 10_000_000:
            raise r.bad(f"counts.{key}"[:60])
    return value


def _subject(r: _Reader) -> Subject:
    s = r.obj("subject")
    return Subject(
        sender_code=s.text("sender_code", 10, re.compile(r"[0-9]{6}|[0-9]{10}")),
        period=check_period_label(s.text("period", 20)),
        sequence=s.integer("sequence", 1, 999_999),
        package_sha256=s.text("package_sha256", 64, _SHA256),
    )


def _comments(r: _Reader) -> tuple[Comment, ...]:
    items = r.data.get("comments")
    if not isinstance(items, list) or len(items) > 5_000:
        raise r.bad("comments")
    comments = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise r.bad(f"comments[{i}]")
        c = _Reader(item, f"comments[{i}].")
        table = c.text("table", 50, re.compile(r"[a-z_]{1,50}"), optional=True) or None
        key = item.get("key", {})
        if (
            not isinstance(key, dict)
            or len(key) > 10
            or not all(
                isinstance(k, str)
                and len(k) <= 40
                and isinstance(v, str)
                and len(v) <= 200
                and not _CONTROL.search(v)
                for k, v in key.items()
            )
        ):
            raise c.bad("key")
        comments.append(
            Comment(
                table, dict(key), c.text("record", 200), c.text("comment", 2000, multiline=True)
            )
        )
    return tuple(comments)
