"""Receiving one package file: verify, decide its outcome, store it — one transaction.

The signature and every member's hash are checked by :mod:`cxdesk.exchange.verify` before
the workbook inside is read at all, within the limits of the kind of package it says it is
(cxdesk.exchange.limits), checked before the file is read whole.  Then, for a school's
package, in this order (each step may refuse or hold it):

1. where the school belongs (cxdesk.bureau.register_rule): a school of another county is
   refused at once, before its key is even looked at;
2. its key (cxdesk.bureau.sender_key): registered, changed by a statement from the
   registered key, or held for the clerk (a stranger's file is kept only up to 16 MiB);
3. the register: a school outside a register in use is held;
4. its workbook, and whether it agrees with the register (held, naming both values, if
   not); the register's county, kind and name are what counts.

A county package (at the prefecture) carries its schools' packages unchanged: each is
verified again with its own school signature, and the county's signed index must name the
same file hash and key; the prefecture's figures come from those school snapshots only,
never from the county's totals.

The same path decides a held package again (``held``: the stored submission) when the
clerk accepts it (``clerk``: what the clerk confirmed) or when something changed (a key
registered, the register edited): cxdesk.bureau.held.
"""

from __future__ import annotations

import functools
import logging
import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select, Update, bindparam, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from cxdesk import reference as ref
from cxdesk.bureau.clerk import clerk_name
from cxdesk.bureau.county_contents import read_county_contents
from cxdesk.bureau.findings import findings_summary
from cxdesk.bureau.opening import Opened, encryption_problem, open_received
from cxdesk.bureau.outcomes import CollectResult
from cxdesk.bureau.package_layout import resolved_store_dir
from cxdesk.bureau.package_reading import ReadFile, Unreadable, read_school_package, verified_file
from cxdesk.bureau.people import store_person_keys
from cxdesk.bureau.register import load_register
from cxdesk.bureau.register_rule import (
    DECIDED,
    DIFFERS,
    add_from_package,
    apply_register,
    county_refusal,
    differences,
    join_messages,
    look_up_entries,
    own_values_refusal,
    register_entry,
    register_hold,
)
from cxdesk.bureau.sender_key import decide_key
from cxdesk.bureau.store_writes import StoreWrites
from cxdesk.bureau.stored_reason import both_languages
from cxdesk.bureau.submissions import counted_submission, look_up_counted, now
from cxdesk.errors import DatabaseError, NotFoundError, UserError
from cxdesk.exchange.archive import MIB
from cxdesk.exchange.bureau_keys import bureau_decryption_keys
from cxdesk.exchange.encryption import DecryptionKeys
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.keys import keys_dir
from cxdesk.exchange.limits import (
    COUNTY_PACKAGE_LIMITS,
    UNTRUSTED_HELD_MAX_BYTES,
)
from cxdesk.exchange.trust import look_up_keys
from cxdesk.exchange.verify import VerifiedPackage, verify_package_bytes
from cxdesk.i18n import Message, Text
from cxdesk.models import ReportingPeriod, Submission
from cxdesk.school_snapshot import SchoolSnapshot, store_snapshot
from cxdesk.services.bureau_identity import Bureau
from cxdesk.services.bureaus import own_bureau
from cxdesk.services.periods import define_period, find_period
from cxdesk.storage.changes import changes_of
from cxdesk.storage.db import Database
from cxdesk.storage.inserts import insert_into
from cxdesk.storage.locks import lock_for_transaction, lock_sender
from cxdesk.storage.retry import run_retrying
from cxdesk.storage.transaction_memo import keep_answers, look_up_ahead, looked_up

#: The limits of a county package (cxdesk.exchange.limits), under their former name.
BUREAU_LIMITS = COUNTY_PACKAGE_LIMITS
#: The outcomes a collect keeps (a refused package is rolled back).
KEPT = ("accepted", "already_had", "superseded", "held")
#: Where a transaction's files of the package store are kept track of (removed on rollback,
#: settled before the commit: cxdesk.bureau.store_writes).
_STORE = "cxdesk_store_writes"

NOT_FOR_COUNTY = Text(
    "县级上报包只能由州教育体育局接收，已拒收。",
    "County packages are collected by the prefecture bureau only; refused.",
)
SAME_SEQUENCE = Text(
    "已有同一序号（{sequence}）但内容不同的上报包：请向学校核实后确认或拒绝。",
    "A different package with the same sequence ({sequence}) was received before: check "
    "with the school, then accept or reject.",
)
INTERNAL_ERROR = Text(
    "处理这个上报包时程序出错（{error}），这个包未作任何改动，详情已记入日志；其余上报包照常收取。",
    "The program failed on this package ({error}): nothing of it was stored and the details "
    "are in the log; the other packages are collected as usual.",
)
NOT_LISTED = Text(
    "学校上报包“{name}”与县级清单记录的不一致（文件哈希或密钥不符），已拒收。",
    "The school package {name} does not match the county's list (file hash or key); refused.",
)
TOO_BIG_TO_HOLD = Text(
    "上报包的密钥未登记，而文件大于 {limit} MiB：不予保存，已拒收。请先按盖章备案表登记发送方的密钥，再收取一次。",
    "The package's key is not registered and the file is larger than {limit} MiB: it is not "
    "kept; refused. Register the sender's key from its stamped form first, then collect it "
    "again.",
)
NOT_HELD = Text(
    "编号 {id} 的上报包不在待确认列表中。", "Package {id} is not waiting for a decision."
)
NOT_A_COUNTY = Text(
    "县级上报包的发送方代码 {code} 不是楚雄州的县市，已拒收。",
    "The county package's sender {code} is not a county of Chuxiong prefecture; refused.",
)


@dataclass(frozen=True)
class Vouched:
    """A school package that came inside a county package the prefecture trusts."""

    county_submission_id: int
    county_code: str
    fingerprint: str


@dataclass(frozen=True)
class ClerkDecision:
    """What the clerk confirmed by accepting a held package.

    ``fingerprint``: typed from the sender's stamped form (registers the key, or changes
    it); accepting also adds a school outside the register, counts a package that
    disagrees with the register as the register says, and takes a package whose sequence
    another one already has.
    """

    fingerprint: str | None = None


def bureau_kinds(bureau: Bureau) -> tuple[str, ...]:
    """The kinds of package this bureau collects (only the prefecture takes counties')."""
    return ("report", "county-report") if bureau.is_prefecture else ("report",)


@dataclass(frozen=True)
class Receiver:
    """What a collect looks up once, before its first package, not again for each: this
    bureau (a school's database is refused there) and its decryption keys (protected keys
    are opened then, or the clerk is told to give the passphrase)."""

    bureau: Bureau
    keys: DecryptionKeys

    @property
    def kinds(self) -> tuple[str, ...]:
        return bureau_kinds(self.bureau)


def prepare_receiver(session: Session, db: Database) -> Receiver:
    bureau = own_bureau(session)
    return Receiver(bureau, bureau_decryption_keys(session, key_dir=keys_dir(Path(db.path))))


def receive_file(
    db: Database, path: Path, *, receiver: Receiver, ahead: ReadFile | None = None
) -> CollectResult:
    """Verify and store one package file; never raises for a bad package.  ``ahead``: the
    file as :mod:`cxdesk.bureau.read_ahead` has read it already."""
    shown = str(path)
    try:
        package, data = _verified(path, receiver.kinds, ahead)
    except PackageError as exc:
        return CollectResult(shown, "refused", reason=exc.message)
    return decide_in_transaction(db, package, data, shown, receiver=receiver, ahead=ahead)


def _verified(
    path: Path, kinds: tuple[str, ...], ahead: ReadFile | None
) -> tuple[VerifiedPackage, bytes]:
    if ahead is None:
        return verified_file(path, kinds)
    if ahead.package is None:
        assert ahead.refusal is not None
        raise PackageError(ahead.refusal_code, ahead.refusal)
    return ahead.package, ahead.data


def decide_in_transaction(
    db: Database,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    held_id: int | None = None,
    clerk: ClerkDecision | None = None,
    keep: tuple[str, ...] = KEPT,
    receiver: Receiver | None = None,
    ahead: ReadFile | None = None,
) -> CollectResult:
    """Decide ``package`` in one transaction, committed only if the outcome is in ``keep``.

    Files written into the package store by a transaction that does not commit are
    removed again.  On a server, a transaction the server rolled back (deadlock,
    serialization) changed nothing and is run again (cxdesk.storage.retry); SQLite never
    reports those.
    """

    def attempt() -> CollectResult:
        return _decide_once(
            db,
            package,
            data,
            path,
            held_id=held_id,
            clerk=clerk,
            keep=keep,
            receiver=receiver,
            ahead=ahead,
        )

    return run_retrying(attempt) if db.is_server else attempt()


def _decide_once(
    db: Database,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    held_id: int | None,
    clerk: ClerkDecision | None,
    keep: tuple[str, ...],
    receiver: Receiver | None,
    ahead: ReadFile | None,
) -> CollectResult:
    store = StoreWrites()
    try:
        with db.transaction() as session:
            session.info["changelog"] = False  # the submission table is the history
            session.info[_STORE] = store
            bureau = receiver.bureau if receiver is not None else own_bureau(session)
            keys = receiver.keys if receiver is not None else None
            result = _decide(
                session,
                db,
                bureau,
                package,
                data,
                path,
                held_id,
                clerk,
                keep=keep,
                keys=keys,
                ahead=ahead,
            )
            store.settle()  # the files on disk before the commit that records them
        result.changes = changes_of(session)
        return result
    except _Refused as refused:
        store.remove_from(0)
        return refused.result
    except BaseException:
        store.remove_from(0)
        raise


def _decide(
    session: Session,
    db: Database,
    bureau: Bureau,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    held_id: int | None = None,
    clerk: ClerkDecision | None = None,
    *,
    keep: tuple[str, ...] = KEPT,
    keys: DecryptionKeys | None,
    ahead: ReadFile | None = None,
) -> CollectResult:
    """The outcome of ``package``, stored in ``session``; raises :class:`_Refused` (the
    caller rolls back) for an outcome not in ``keep``.  ``ahead``: its file as read ahead."""
    held = None
    if held_id is not None:
        held = session.get(Submission, held_id)
        if held is not None:
            # Another clerk may be deciding a package of the same sender: wait for
            # them, then look at this one again (cxdesk.storage.locks).
            lock_sender(session, held.sender_code)
            session.refresh(held)
        if held is None or held.status != "held":
            raise NotHeld(NOT_HELD(id=held_id))
    try:
        if package.manifest.kind == "county-report":
            result = receive_county(
                session, db, bureau, package, data, path, held=held, clerk=clerk, keys=keys
            )
        else:
            vouched = _vouched_by(session, held)
            result = receive_school(
                session,
                db,
                bureau,
                package,
                data,
                path,
                vouched=vouched,
                held=held,
                clerk=clerk,
                keys=keys,
                ahead=ahead,
            )
    except _Refused as refused:
        result = refused.result
    if result.outcome not in keep:
        raise _Refused(result)
    return result


def receive_files(
    db: Database,
    paths: list[Path],
    *,
    receiver: Receiver,
    ahead: Sequence[ReadFile | None] = (),
    threads: Executor | None = None,
) -> list[CollectResult] | None:
    """Several package files in one transaction of a SQLite file, each package in a
    savepoint of its own: what one package's own transaction would keep, with one commit
    (and its fsync) for them all.  A package refused, or one the program failed on
    (:func:`failed`), is rolled back alone and its stored file removed; nothing of the
    group is reported before the commit, so each package reported is whole, as with a
    transaction each.  ``ahead``: the files as :mod:`cxdesk.bureau.read_ahead` read them
    (in the order of ``paths``), when it did.  ``threads``: where the package files are
    written into the store (cxdesk.bureau.store_writes), all of them before the commit.

    None when the database itself failed (it could not be written, a statement of the
    database layer raised): nothing of the group was kept, its stored files are removed,
    and the caller takes the same files again one transaction each, which decides each
    exactly as before.
    """
    store = StoreWrites(threads)
    results: list[CollectResult] = []
    try:
        with db.transaction() as session:
            session.info["changelog"] = False  # the submission table is the history
            session.info[_STORE] = store
            keep_answers(session)  # what the group asks again is asked once (transaction_memo)
            _look_up_group(session, ahead, len(paths))
            for n, path in enumerate(paths):
                read = ahead[n] if n < len(ahead) else None
                results.append(_receive_in_group(session, db, path, receiver, store, read))
            store.settle()  # the files on disk before the commit that records them
    except Exception:
        store.remove_from(0)
        _log.debug("collect: a group taken again one package at a time", exc_info=True)
        return None
    except BaseException:
        store.remove_from(0)
        raise
    for result in results:
        if result.outcome != "refused":  # a refused one's savepoint wrote nothing
            result.changes = changes_of(session)
    return results


def _receive_in_group(
    session: Session,
    db: Database,
    path: Path,
    receiver: Receiver,
    store: StoreWrites,
    ahead: ReadFile | None,
) -> CollectResult:
    shown = str(path)
    try:
        package, data = _verified(path, receiver.kinds, ahead)
    except PackageError as exc:
        return CollectResult(shown, "refused", reason=exc.message)
    mine = store.count
    try:
        with session.begin_nested():
            result = _decide(
                session, db, receiver.bureau, package, data, shown, keys=receiver.keys, ahead=ahead
            )
    except _Refused as refused:
        store.remove_from(mine)
        return refused.result
    except (DatabaseError, SQLAlchemyError):
        raise  # the database's own trouble: the group is taken again a package at a time
    except Exception as exc:  # as with a transaction each: that package's refusal
        store.remove_from(mine)
        return failed(shown, exc)
    return result


def failed(path: str, exc: Exception) -> CollectResult:
    """The result of a package on which collect failed: a :class:`UserError` is its
    refusal with the error's message; anything else a bug, logged with its traceback."""
    if isinstance(exc, UserError):
        return CollectResult(path, "refused", reason=exc.message)
    _log.error("collect: the program failed on %s", path, exc_info=exc)
    return CollectResult(
        path, "refused", reason=INTERNAL_ERROR(error=type(exc).__name__), internal_error=True
    )


def _vouched_by(session: Session, held: Submission | None) -> Vouched | None:
    """For a held school package that came in a county package: that county's word."""
    if held is None or held.via_submission_id is None:
        return None
    county = session.get(Submission, held.via_submission_id)
    code = county.sender_code if county is not None else held.county_code
    return Vouched(held.via_submission_id, code, "")


_log = logging.getLogger(__name__)


class NotHeld(NotFoundError):
    """The held package was decided meanwhile (by another clerk, or a re-evaluation)."""


class _Refused(Exception):
    """Refuse the package: roll its transaction back and report ``result``."""

    def __init__(self, result: CollectResult) -> None:
        super().__init__(result.outcome)
        self.result = result


def _result(package: VerifiedPackage, path: str, outcome: Any, **kw: Any) -> CollectResult:
    m = package.manifest
    return CollectResult(
        path,
        outcome,
        sender_code=m.sender.code,
        sender_name=m.sender.name,
        period=m.period.label,
        sequence=m.sequence,
        **kw,
    )


def _refuse(package: VerifiedPackage, path: str, reason: Message) -> _Refused:
    return _Refused(_result(package, path, "refused", reason=reason))


def _already_had(session: Session, sha256: str) -> int | None:
    """The id of the submission of the same file, if it was received before."""
    return looked_up(
        session,
        ("same file", sha256),
        lambda: session.connection().execute(_same_file(), {"sha256": sha256}).scalar(),
    )


def _look_up_group(session: Session, read: Sequence[ReadFile | None], count: int) -> None:
    """What a group's school packages ask the database one by one (the same file received
    before, the register's entry, the sender's key, the counted package), asked for all
    of them at once, as :func:`cxdesk.storage.transaction_memo.look_up_ahead` promises:
    only for packages whose sender, file and key no other package of the group has
    (those, and a group with a county package, which loads its register, ask one by
    one).  The group's transaction holds SQLite's write lock: nothing else changes them.
    ``read``: the group's ``count`` files as read ahead."""
    if len(read) < count or any(r is None for r in read):
        return  # a file not read ahead: who sent it is not known yet
    packages = [r.package for r in read if r is not None and r.package is not None]
    if not packages or any(p.manifest.kind != "report" for p in packages):
        return
    seen = Counter(
        part
        for p in packages
        for part in (
            ("code", p.manifest.sender.code),
            ("file", p.file_sha256),
            ("key", p.fingerprint),
        )
    )
    alone = [
        p
        for p in packages
        if seen["code", p.manifest.sender.code]
        == seen["file", p.file_sha256]
        == seen["key", p.fingerprint]
        == 1
    ]
    if not alone:
        return
    hashes = [p.file_sha256 for p in alone]
    same: dict[str, int] = {
        sha: sid for sha, sid in session.execute(_same_files(), {"hashes": hashes})
    }
    look_up_ahead(session, {("same file", h): same.get(h) for h in hashes})
    look_up_entries(session, [p.manifest.sender.code for p in alone])
    look_up_keys(session, [p.fingerprint for p in alone])
    look_up_counted(session, [(p.manifest.sender.code, p.manifest.period.label) for p in alone])


@functools.cache
def _same_files() -> Select[str, int]:
    return select(Submission.file_sha256, Submission.id).where(
        Submission.file_sha256.in_(bindparam("hashes", expanding=True))
    )


@functools.cache
def _same_file() -> Select[int]:
    # Built once: asked for every package (issue 16).
    return select(Submission.id).where(Submission.file_sha256 == bindparam("sha256")).limit(1)


def _stored_file(db: Database, package: VerifiedPackage) -> Path:
    """Where the file is kept: a name made only of checked parts (digits, the period label
    of manifest_checks.PERIOD_LABEL, the hash), inside the store."""
    m = package.manifest
    name = f"{m.sender.code}_{m.period.label}_{m.sequence:03d}_{package.file_sha256[:12]}.cxpkg"
    root = resolved_store_dir(db)
    path = Path(os.path.normpath(root / m.period.label / name))
    if path.parent.parent != root:  # cannot happen with checked parts; never write outside
        raise ValueError(f"stored file name outside the store: {name!r}")
    return path


def _write_stored(session: Session, path: Path, data: bytes) -> None:
    """Write the package's file into the store, as part of the session's transaction."""
    _store(session).write(path, data)


def _store(session: Session) -> StoreWrites:
    """The store files of the session's transaction (a caller's own transaction without
    them: written at once, kept whatever happens)."""
    store = session.info.get(_STORE)
    if not isinstance(store, StoreWrites):
        store = session.info[_STORE] = StoreWrites()
    return store


def _submission_values(
    package: VerifiedPackage,
    stored: Path,
    *,
    status: str,
    reason: Message | None = None,
    county: str,
    via: int | None = None,
) -> dict[str, Any]:
    """The columns of a new ``submission`` row for ``package``, stored as ``stored``."""
    m = package.manifest
    return dict(
        sender_code=m.sender.code,
        sender_role=m.sender.role,
        sender_name=m.sender.name,
        county_code=county,
        period_label=m.period.label,
        sequence=m.sequence,
        file_sha256=package.file_sha256,
        sender_fingerprint=package.fingerprint,
        status=status,
        status_reason=both_languages(reason),
        received_at=now(),
        stored_path=str(stored),
        via_submission_id=via,
        hard_findings=0,
        soft_findings=0,
        review="pending",
        correction=m.correction,
    )


def _ensure_period(session: Session, package: VerifiedPackage) -> ReportingPeriod:
    p = package.manifest.period
    period = find_period(session, p.label)
    if period is None:
        # The first package of a period: on a server, clerks defining it at once take turns
        # (the second then finds it); later packages never wait here.
        lock_for_transaction(session, "period", p.label)
        period = find_period(session, p.label)
    if period is None:
        # The dates were checked with the manifest (manifest_checks.check_period).
        period = define_period(
            session, label=p.label, start=date.fromisoformat(p.start), end=date.fromisoformat(p.end)
        )
    return period


def _hold(
    session: Session,
    db: Database,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    reason: Message,
    county: str,
    via: int | None,
    held: Submission | None,
    needs_form: bool = False,
) -> CollectResult:
    """Keep the package waiting for the clerk (or keep it waiting, with its new reason)."""
    if held is not None:
        held.status = "held"
        held.status_reason = both_languages(reason)
        session.flush()
        return _result(package, path, "held", reason=reason, submission_id=held.id)
    if needs_form and package.file_size > UNTRUSTED_HELD_MAX_BYTES:
        raise _refuse(package, path, TOO_BIG_TO_HOLD(limit=UNTRUSTED_HELD_MAX_BYTES // MIB))
    stored = _stored_file(db, package)
    _write_stored(session, stored, data)
    sub = Submission(
        **_submission_values(package, stored, status="held", reason=reason, county=county, via=via)
    )
    session.add(sub)
    session.flush()
    return _result(package, path, "held", reason=reason, submission_id=sub.id)


def receive_school(
    session: Session,
    db: Database,
    bureau: Bureau,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    vouched: Vouched | None = None,
    held: Submission | None = None,
    clerk: ClerkDecision | None = None,
    keys: DecryptionKeys | None = None,
    ahead: ReadFile | None = None,
) -> CollectResult:
    """Decide and store one school package inside the caller's transaction (``keys``: the
    bureau's decryption keys when the caller has them already; ``ahead``: the package as
    read ahead, with its snapshot)."""
    m = package.manifest
    if m.kind != "report" or m.sender.role != "school":
        raise _Refused(CollectResult(path, "refused", reason=NOT_FOR_COUNTY()))
    # Several clerks on one server: packages of one school take turns from here on, so the
    # reads below see the other clerk's committed submission (cxdesk.storage.locks).
    lock_sender(session, m.sender.code)
    if held is None:
        previous = _already_had(session, package.file_sha256)
        if previous is not None:
            return _result(package, path, "already_had", submission_id=previous)
    entry = register_entry(session, m.sender.code)
    sending_county = vouched.county_code if vouched is not None else None
    # 1. Another county's school is refused before its key is looked at.
    refusal = county_refusal(bureau, entry, m, sending_county=sending_county)
    if refusal is not None:
        raise _refuse(package, path, refusal)
    # A package this bureau could never open (not encrypted to it) is refused at once.
    unopenable = encryption_problem(session, bureau, package)
    if unopenable is not None:
        raise _refuse(package, path, unopenable)
    county = entry.county_code if entry is not None else (m.sender.county or "")
    via = vouched.county_submission_id if vouched is not None else None
    notes: list[Message] = []
    # 2. The key (a county vouched for the school packages it carries).
    if vouched is None:
        waiting, note = _check_key(
            session,
            db,
            package,
            data,
            path,
            clerk=clerk,
            party_name=entry.name if entry is not None else None,
            county=county,
            held=held,
        )
        if waiting is not None:
            return waiting
        if note is not None:
            notes.append(note)
    # 3. The register.
    outside = register_hold(session, bureau, entry, m)
    if outside is not None and clerk is None:
        return _hold(
            session, db, package, data, path, reason=outside, county=county, via=via, held=held
        )
    # 4. The workbook (decrypted with this bureau's keys), and what the register says of it.
    opened, snapshot = _read_snapshot(session, db, package, path, keys, ahead)
    if entry is None and outside is not None:
        add_from_package(session, bureau, m, kind=str(snapshot.school.get("kind") or ""))
        entry = register_entry(session, m.sender.code)
    if entry is None:
        refusal = own_values_refusal(bureau, m, snapshot, sending_county=sending_county)
        if refusal is not None:
            raise _refuse(package, path, refusal)
        county = str(snapshot.school.get("county_code") or county)
    else:
        found = differences(entry, m, snapshot)
        if found and vouched is None and clerk is None:
            reason = DIFFERS(code=m.sender.code, differences=join_messages(found))
            return _hold(
                session, db, package, data, path, reason=reason, county=county, via=via, held=held
            )
        if found:
            notes.append(DECIDED(differences=join_messages(found)))
        apply_register(snapshot, entry)
    return _take(
        session,
        db,
        package,
        data,
        path,
        snapshot=snapshot,
        opened=opened,
        county=county,
        via=via,
        submission=held,
        note=join_messages(notes) if notes else None,
        confirmed=clerk is not None,
    )


def _check_key(
    session: Session,
    db: Database,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    clerk: ClerkDecision | None,
    party_name: str | None,
    county: str,
    held: Submission | None,
) -> tuple[CollectResult | None, Message | None]:
    """The sender key's verdict (cxdesk.bureau.sender_key): refused (raises), held (the
    result to return) or trusted (with what changed, if anything)."""
    verdict = decide_key(
        session,
        package,
        typed_fingerprint=clerk.fingerprint if clerk is not None else None,
        party_name=party_name,
    )
    if verdict.outcome == "refused":
        assert verdict.reason is not None
        raise _refuse(package, path, verdict.reason)
    if verdict.outcome == "held":
        assert verdict.reason is not None
        waiting = _hold(
            session,
            db,
            package,
            data,
            path,
            reason=verdict.reason,
            county=county,
            via=None,
            held=held,
            needs_form=True,
        )
        return waiting, None
    return None, verdict.note


def _read_snapshot(
    session: Session,
    db: Database,
    package: VerifiedPackage,
    path: str,
    keys: DecryptionKeys | None,
    ahead: ReadFile | None,
) -> tuple[Opened, SchoolSnapshot]:
    """The package's members in the clear (cxdesk.bureau.opening) and its snapshot, read
    in memory (or ahead); a package that cannot be opened or read is refused."""
    read = ahead.take_read() if ahead is not None and ahead.package is package else None
    if isinstance(read, tuple):
        return read
    if read is not None:
        raise _refuse(package, path, read)
    if keys is None:
        keys = bureau_decryption_keys(session, key_dir=keys_dir(Path(db.path)))
    try:
        return read_school_package(package, keys)
    except Unreadable as exc:
        raise _refuse(package, path, exc.reason) from None


def _take(
    session: Session,
    db: Database,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    snapshot: SchoolSnapshot,
    opened: Opened,
    county: str,
    via: int | None,
    submission: Submission | None = None,
    note: Message | None = None,
    confirmed: bool = False,
) -> CollectResult:
    """Store the snapshot of a trusted package in scope: accepted or superseded.

    A package whose sequence the counted one has already is held, unless the clerk
    ``confirmed`` it: then it is counted and the other one superseded.
    """
    m = package.manifest
    period = _ensure_period(session, package)
    counted = counted_submission(session, m.sender.code, m.period.label)
    status = "accepted"
    if counted is not None and counted is not submission:
        if counted.sequence > m.sequence:
            status = "superseded"
        elif counted.sequence == m.sequence and not confirmed:
            reason = SAME_SEQUENCE(sequence=m.sequence)
            return _hold(
                session,
                db,
                package,
                data,
                path,
                reason=reason,
                county=county,
                via=via,
                held=submission,
            )
        else:
            counted.status = "superseded"
            session.flush()
    decided = {
        "status": status,
        "county_code": county,
        "status_reason": both_languages(note),
        "collected_by": clerk_name(session),
        "record_secret": opened.record_secret,
    }
    if submission is None:
        # A new row in one Core INSERT and its findings in one UPDATE below: no object for
        # the unit of work to flush twice (issue 16).
        stored = _stored_file(db, package)
        _write_stored(session, stored, data)
        values = _submission_values(package, stored, status=status, county=county, via=via)
        submission_id = _insert_submission(session, {**values, **decided})
    else:
        for key, value in decided.items():
            setattr(submission, key, value)
        session.flush()
        submission_id = submission.id
    written = store_snapshot(session, snapshot, submission_id=submission_id)
    store_person_keys(session, written.records.counselors)  # duplicates across schools (15)
    findings = findings_summary(
        session,
        school_id=written.school.id,
        period_label=m.period.label,
        school_findings=opened.school_findings,
        stored=written,
        period=period,
    )
    session.connection().execute(
        _set_findings(),
        {
            "submission_id": submission_id,
            "hard": findings["hard_findings"],
            "soft": findings["soft_findings"],
            "items": findings["findings_json"],
        },
    )
    if submission is not None:  # the object as the row now is
        for key, value in findings.items():
            set_committed_value(submission, key, value)
    return _result(package, path, status, submission_id=submission_id, note=note)


def _insert_submission(session: Session, values: dict[str, Any]) -> int:
    """Insert a ``submission`` row; its id."""
    key = session.connection().execute(insert_into(Submission), values).inserted_primary_key
    assert key is not None
    return int(key[0])


@functools.cache
def _set_findings() -> Update:
    return (
        update(Submission)
        .where(Submission.id == bindparam("submission_id"))
        .values(
            hard_findings=bindparam("hard"),
            soft_findings=bindparam("soft"),
            findings_json=bindparam("items"),
        )
    )


def receive_county(
    session: Session,
    db: Database,
    bureau: Bureau,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    held: Submission | None = None,
    clerk: ClerkDecision | None = None,
    keys: DecryptionKeys | None = None,
) -> CollectResult:
    """A county package at the prefecture: its register, then each school package inside."""
    m = package.manifest
    if not bureau.is_prefecture or m.sender.role != "county":
        raise _refuse(package, path, NOT_FOR_COUNTY())
    if m.sender.code not in ref.COUNTIES:
        raise _refuse(package, path, NOT_A_COUNTY(code=m.sender.code))
    lock_sender(session, m.sender.code)  # see receive_school
    if held is None:
        previous = _already_had(session, package.file_sha256)
        if previous is not None:
            return _result(package, path, "already_had", submission_id=previous)
    unopenable = encryption_problem(session, bureau, package)
    if unopenable is not None:  # a county package the prefecture could never open
        raise _refuse(package, path, unopenable)
    waiting, note = _check_key(
        session,
        db,
        package,
        data,
        path,
        clerk=clerk,
        party_name=m.sender.name,
        county=m.sender.code,
        held=held,
    )
    if waiting is not None:
        return waiting
    try:
        contents = read_county_contents(open_received(session, db, package, keys=keys).package)
    except PackageError as exc:
        raise _refuse(package, path, exc.message) from None
    _ensure_period(session, package)
    counted = counted_submission(session, m.sender.code, m.period.label)
    status = "accepted"
    if counted is not None and counted.sequence > m.sequence:
        status = "superseded"
    elif counted is not None:
        counted.status = "superseded"
        session.flush()
    if held is None:
        stored = _stored_file(db, package)
        _write_stored(session, stored, data)
        county_sub = Submission(
            **_submission_values(package, stored, status=status, county=m.sender.code)
        )
        session.add(county_sub)
    else:
        county_sub = held
    county_sub.status = status
    county_sub.status_reason = both_languages(note)
    session.flush()
    if status == "accepted":
        load_register(session, contents.register, source=m.sender.code)
    vouch = Vouched(county_sub.id, m.sender.code, "")
    inner: list[CollectResult] = []
    for entry in contents.schools:
        inner_path = f"{path}!{entry.member}"
        try:
            school_package = verify_package_bytes(
                entry.data, kinds=("report",), file_name=entry.member.rsplit("/", 1)[-1]
            )
        except PackageError as exc:
            inner.append(CollectResult(inner_path, "refused", reason=exc.message))
            continue
        if (
            school_package.file_sha256 != entry.sha256
            or school_package.fingerprint != entry.fingerprint
        ):
            inner.append(CollectResult(inner_path, "refused", reason=NOT_LISTED(name=entry.member)))
            continue
        store = _store(session)
        before = store.count
        try:
            with session.begin_nested():
                inner.append(
                    receive_school(
                        session,
                        db,
                        bureau,
                        school_package,
                        entry.data,
                        inner_path,
                        vouched=vouch,
                        keys=keys,
                    )
                )
        except _Refused as refused:
            store.remove_from(before)
            inner.append(refused.result)
    return _result(package, path, status, submission_id=county_sub.id, inner=inner, note=note)
