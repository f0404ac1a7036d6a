"""The trust registry: the fingerprints a bureau (or a school, for its bureau) accepts.

A fingerprint is registered by hand from a stamped registration form (``cxdesk trust
add``), and revoked when a key is lost or replaced.  A party (a school, a bureau) has at
most one valid key at a time, in the database too (a partial unique index): registering
another key for it replaces the valid one only when asked (``replace=True``), which
revokes the old one in the same transaction.

:func:`trust_status` answers, for a verified package, one of: ``registered`` (count it),
``revoked`` (refuse it), ``unknown`` (hold it as pending with its fingerprint until the
clerk registers the key from the stamped form), ``key_change`` (the sender has another
valid key: hold it as a key change, unless the package carries a key-change statement
signed by that key, see key_change.py) or ``wrong_sender`` (the key is registered for
someone else than the package claims: refuse).
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final, Literal

from sqlalchemy import Select, Update, bindparam, select, update
from sqlalchemy.orm import Session

from cxdesk.errors import InputError, NotFoundError
from cxdesk.exchange.fingerprints import format_fingerprint, parse_fingerprint
from cxdesk.exchange.trust_list import TrustEntry, trusted_keys
from cxdesk.i18n import Text
from cxdesk.models import TrustedKey
from cxdesk.services.records import require_text
from cxdesk.storage.session_rows import session_rows
from cxdesk.storage.transaction_memo import forget, look_up_ahead, looked_up
from cxdesk.validation import check_school_code

if TYPE_CHECKING:  # listing the keys (cxdesk trust list) does not load the verification
    from cxdesk.exchange.verify import VerifiedPackage

TrustState = Literal["registered", "revoked", "unknown", "wrong_sender", "key_change"]
#: ``revoke_key(since=ALL_PACKAGES)``: none of the key's packages is trusted, ever.
ALL_PACKAGES: Final = "all"

ALREADY_REGISTERED = Text(
    "指纹 {fingerprint} 已登记为“{name}”（{code}）。",
    "The fingerprint {fingerprint} is already registered for {name} ({code}).",
)
ALREADY_REVOKED = Text(
    "指纹 {fingerprint} 已于 {when} 作废，不能重新登记。请对方生成新密钥并重新备案。",
    "The fingerprint {fingerprint} was revoked on {when} and cannot be registered again. "
    "Ask for a new key and a new registration form.",
)
UNKNOWN_FINGERPRINT = Text(
    "登记册中没有指纹 {fingerprint}。", "The fingerprint {fingerprint} is not in the registry."
)
BAD_CODE = Text(
    "代码“{code}”无效：学校为 10 位学校标识码，教育局为 6 位行政区划代码。",
    "The code {code!r} is not valid: 10 digits for a school, 6 for a bureau.",
)
INVALID_ENTRY = Text("登记信息有误：", "The registration is not valid:")
HAS_VALID_KEY = Text(
    "“{name}”（{code}）已有有效密钥（指纹 {fingerprint}，{when} 登记）。每个单位只能有一个有效密钥："
    "如对方确已更换密钥，请按新的盖章备案表登记并作废原密钥（命令行加 --replace）。",
    "{name} ({code}) already has a valid key (fingerprint {fingerprint}, registered on "
    "{when}). A party has one valid key at a time: if it really replaced its key, register "
    "the new one from its new stamped form and revoke the old one (--replace).",
)


class HasValidKeyError(InputError):
    """The party has a valid key already; registering another needs ``replace=True``."""


@dataclass(frozen=True)
class TrustStatus:
    """What the registry says about a package's key (and the entry, if any).

    ``current`` is, for a ``key_change``, the sender's valid key the package was not
    signed with.
    """

    state: TrustState
    fingerprint: str
    entry: TrustedKey | None = None
    current: TrustedKey | None = None

    @property
    def counted(self) -> bool:
        return self.state == "registered"


def role_for_code(code: str) -> str:
    """school (10 digits), prefecture (532300) or county (other 6-digit codes)."""
    if len(code) == 10:
        return "school"
    return "prefecture" if code.endswith("00") else "county"


def find_key(session: Session, fingerprint: str) -> TrustedKey | None:
    return looked_up(
        session,
        ("trusted key", fingerprint),
        lambda: session.scalars(_by_fingerprint(), {"fingerprint": fingerprint}).first(),
    )


def look_up_keys(session: Session, fingerprints: Collection[str]) -> None:
    """The registered keys of ``fingerprints``, looked up at once for a group of packages
    (cxdesk.storage.transaction_memo.look_up_ahead)."""
    found = {
        k.fingerprint: k
        for k in session.scalars(select(TrustedKey).where(TrustedKey.fingerprint.in_(fingerprints)))
    }
    look_up_ahead(session, {("trusted key", f): found.get(f) for f in fingerprints})


def valid_key(session: Session, code: str) -> TrustedKey | None:
    """The party's one valid key, if it has one."""
    return session.scalars(_valid(), {"code": code}).first()


# Built once, not for every package a collect checks (issue 16).
@functools.cache
def _by_fingerprint() -> Select[TrustedKey]:
    return select(TrustedKey).where(TrustedKey.fingerprint == bindparam("fingerprint"))


@functools.cache
def _set_public_key() -> Update:
    return (
        update(TrustedKey)
        .where(TrustedKey.id == bindparam("key_id"))
        .values(public_key=bindparam("value"))
    )


@functools.cache
def _valid() -> Select[TrustedKey]:
    return select(TrustedKey).where(
        TrustedKey.party_code == bindparam("code"), TrustedKey.status == "registered"
    )


def shown_time(value: datetime | None) -> str:
    """A stored UTC time as the clerk's local date and time (for messages)."""
    if value is None:
        return "—"
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def register_key(
    session: Session,
    *,
    fingerprint: str,
    code: str,
    name: str,
    role: str | None = None,
    note: str | None = None,
    source: str = "form",
    public_key: bytes | None = None,
    replace: bool = False,
) -> TrustedKey:
    """Register a fingerprint typed from a stamped form for the school or bureau ``code``.

    When the party already has a valid key, this is refused unless ``replace``: then the
    old key is revoked from now on (its packages so far stay counted) in the same
    transaction.
    """
    digits = parse_fingerprint(fingerprint)
    code = (code or "").strip()
    problems = []
    if len(code) == 10:
        if (p := check_school_code(code)) is not None:
            problems.append(p)
    elif not (len(code) == 6 and code.isdigit()):
        problems.append(BAD_CODE(code=code))
    clean_name = require_text(problems, "name", name, 100)
    if problems:
        raise InputError(INVALID_ENTRY(), details=problems)
    existing = find_key(session, digits)
    shown = format_fingerprint(digits)
    if existing is not None:
        if existing.status == "revoked":
            raise InputError(ALREADY_REVOKED(fingerprint=shown, when=existing.revoked_at))
        raise InputError(
            ALREADY_REGISTERED(
                fingerprint=shown, name=existing.party_name, code=existing.party_code
            )
        )
    current = valid_key(session, code)
    if current is not None:
        if not replace:
            raise HasValidKeyError(
                HAS_VALID_KEY(
                    name=current.party_name,
                    code=code,
                    fingerprint=format_fingerprint(current.fingerprint),
                    when=shown_time(current.registered_at),
                )
            )
        revoke_key(session, fingerprint=current.fingerprint)
    entry = TrustedKey(
        fingerprint=digits,
        role=role or role_for_code(code),
        party_code=code,
        party_name=clean_name,
        public_key=base64.b64encode(public_key).decode("ascii") if public_key else None,
        status="registered",
        source=source,
        registered_at=_now(),
        note=(note or "").strip() or None,
    )
    session.add(entry)
    session.flush()
    forget(session)  # what a collect's group looked up ahead may have changed
    return entry


def revoke_key(
    session: Session,
    *,
    fingerprint: str,
    note: str | None = None,
    since: datetime | Literal["all"] | None = None,
) -> TrustedKey:
    """Revoke a registered key: packages signed with it are refused from now on.

    ``since`` says from when the key is no longer trusted (UTC, naive): None is now,
    :data:`ALL_PACKAGES` none of its packages.  A key revoked before can be revoked again
    from an earlier point (a theft found out later), never from a later one.  What this
    means for packages already received is the bureau's (cxdesk.bureau.revocation).

    Only a registered fingerprint can be revoked: the clerk must know whose key it was.
    """
    digits = parse_fingerprint(fingerprint)
    entry = find_key(session, digits)
    if entry is None:
        raise NotFoundError(UNKNOWN_FINGERPRINT(fingerprint=format_fingerprint(digits)))
    now = _now()
    point = None if since == ALL_PACKAGES else min(since or now, now)
    if entry.status != "revoked":
        entry.status = "revoked"
        entry.revoked_at = now
        entry.revoked_from = point
    elif entry.revoked_from is not None and (point is None or point < entry.revoked_from):
        entry.revoked_from = point
    if note and note.strip():
        entry.note = ((entry.note or "") + "\n" + note.strip()).strip()
    session.flush()
    return entry


def list_keys(session: Session, *, code: str | None = None) -> list[TrustEntry]:
    """The registry (:func:`cxdesk.exchange.trust_list.trusted_keys`) in ``session``."""
    return trusted_keys(session_rows(session), code=code)


def trust_status(session: Session, package: VerifiedPackage) -> TrustStatus:
    """Whether the verified package's key is registered for its sender, revoked, or unknown.

    A registered key also has its public key recorded, the first time it is seen.
    """
    entry = find_key(session, package.fingerprint)
    sender = package.manifest.sender
    if entry is None:
        current = valid_key(session, sender.code)
        if current is not None and current.role == sender.role:
            return TrustStatus("key_change", package.fingerprint, current=current)
        return TrustStatus("unknown", package.fingerprint)
    if entry.status == "revoked":
        return TrustStatus("revoked", package.fingerprint, entry)
    if entry.party_code != sender.code or entry.role != sender.role:
        return TrustStatus("wrong_sender", package.fingerprint, entry)
    if entry.public_key is None:
        _record_public_key(session, entry, base64.b64encode(package.public_key).decode("ascii"))
    return TrustStatus("registered", package.fingerprint, entry)


def _record_public_key(session: Session, entry: TrustedKey, public_key: str) -> None:
    """Record the public key of a registered key, the first time a package shows it.

    One UPDATE now, rather than the unit of work's flush before the next query of a
    collect (issue 16).  The loaded ``entry`` reads it from the database when next asked
    (so it stays right even when this package's savepoint is rolled back)."""
    session.connection().execute(_set_public_key(), {"key_id": entry.id, "value": public_key})
    session.expire(entry, ["public_key"])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
