"""Packages held for the clerk's decision (``cxdesk held list|accept|reject``).

A package is held when its key is not registered (or is not the school's registered key,
with no key-change statement from it), the school is not in the register, the package
disagrees with the register, or another package has its sequence.

Accepting decides the stored package again on the collect path (cxdesk.bureau.intake)
with what the clerk confirmed: a key is registered only from the fingerprint the clerk
typed from the stamped form (it must be the package's; an old key of the school is
revoked in the same transaction), a school outside the register is added from the
package, a disagreement with the register counts as the register says, a sequence taken
twice counts this one.  Only an outcome that counts the package (accepted, or superseded
by a newer one) is committed: a package that cannot be taken even so (another county's,
a revoked key) registers nothing; it is then decided again as if newly collected, and
keeps waiting with its present reason (or, when that refuses it too, is rejected).

Rejecting keeps the record (status ``rejected``), counts nothing, and deletes the stored
file: a stranger gets no free storage.  :func:`reevaluate_held` decides every held package
again after something changed (a key registered, the register edited): those that can
now be taken are, the others get their present reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from cxdesk.bureau.collect_notes import note_shared_people
from cxdesk.bureau.intake import NOT_HELD, ClerkDecision, decide_in_transaction
from cxdesk.bureau.outcomes import CollectResult
from cxdesk.bureau.stored_reason import both_languages, stored_reason
from cxdesk.errors import InputError, NotFoundError
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.limits import read_package_file
from cxdesk.exchange.trust import find_key
from cxdesk.exchange.verify import VerifiedPackage, verify_package_bytes
from cxdesk.i18n import Message, Text
from cxdesk.models import Submission
from cxdesk.services.bureaus import own_bureau
from cxdesk.storage.changes import Changes, changes_of, recording
from cxdesk.storage.db import Database

STORED_CHANGED = Text(
    "待确认的上报包文件“{path}”已被改动或损坏，不能接收：{reason}",
    "The held package file {path} has been changed or damaged and cannot be taken: {reason}",
)
NEED_FINGERPRINT = Text(
    "编号 {id} 的上报包的密钥尚未登记：请输入学校（或县市）盖章备案表上的指纹"
    '（命令行：cxdesk held accept {id} --fingerprint "12345 67890 …"）。不输入指纹不会登记任何密钥。',
    "The key of package {id} is not registered: type the fingerprint from the sender's "
    'stamped registration form (command line: cxdesk held accept {id} --fingerprint "12345 '
    '67890 …"). No key is ever registered without it.',
)


@dataclass(frozen=True)
class _Stored:
    submission_id: int
    path: Path
    package: VerifiedPackage
    data: bytes
    needs_fingerprint: bool


def _stored(db: Database, submission_id: int) -> _Stored:
    """The held submission's file, verified again (a file changed on disk is refused)."""
    with db.reading() as session:
        own_bureau(session)
        sub = session.get(Submission, submission_id)
        if sub is None or sub.status != "held":
            raise NotFoundError(NOT_HELD(id=submission_id))
        path = Path(sub.stored_path)
        kinds = ("county-report",) if sub.sender_role == "county" else ("report",)
        needs = sub.via_submission_id is None and find_key(session, sub.sender_fingerprint) is None
    try:
        data, limits, _kind = read_package_file(path, kinds)
        package = verify_package_bytes(data, limits=limits, kinds=kinds, file_name=path.name)
    except PackageError as exc:
        raise InputError(STORED_CHANGED(path=path, reason=exc.render())) from exc
    return _Stored(submission_id, path, package, data, needs)


def _decide(
    db: Database,
    stored: _Stored,
    *,
    clerk: ClerkDecision | None,
    keep: tuple[str, ...],
) -> CollectResult:
    return decide_in_transaction(
        db,
        stored.package,
        stored.data,
        str(stored.path),
        held_id=stored.submission_id,
        clerk=clerk,
        keep=keep,
    )


def accept_held(
    db: Database, *, submission_id: int, fingerprint: str | None = None
) -> CollectResult:
    """Take the held package as the clerk confirmed it; see the module's docstring.

    ``fingerprint`` is the one typed from the sender's stamped form; it is required when
    the package's key is not registered (InputError otherwise: nothing registered).
    The result's outcome is ``accepted`` or ``superseded`` when the package now counts;
    ``held`` or ``refused`` (with the reason) when it cannot be taken: then nothing was
    registered or counted.
    """
    stored = _stored(db, submission_id)
    if stored.needs_fingerprint and not (fingerprint or "").strip():
        raise InputError(NEED_FINGERPRINT(id=submission_id))
    clerk = ClerkDecision(fingerprint=(fingerprint or "").strip() or None)
    with recording() as written:
        result = _decide(db, stored, clerk=clerk, keep=("accepted", "superseded"))
        if result.outcome not in ("accepted", "superseded"):
            # Not taken: decide it again as if newly collected, so that it shows why now
            # (or, if it must be refused, leaves the held list).
            _settle(db, stored)
        else:
            note_shared_people(db, [result])  # the people it puts on a second roster
    result.changes = written.changes  # what the clerk's decision wrote, the second one too
    return result


@dataclass(frozen=True)
class Reevaluation:
    """The held packages decided again, and what deciding them wrote."""

    results: list[CollectResult]
    changes: Changes


def reevaluate_held(db: Database, *, fingerprints: set[str] | None = None) -> Reevaluation:
    """Decide every held package (of ``fingerprints`` only, if given) again, as if it had
    just been collected: taken if nothing holds it any more, else its present reason."""
    with db.reading() as session:
        own_bureau(session)
        query = select(Submission.id, Submission.sender_fingerprint).where(
            Submission.status == "held"
        )
        ids = [i for i, fp in session.execute(query) if fingerprints is None or fp in fingerprints]
    results = []
    with recording() as written:
        for submission_id in ids:
            try:
                stored = _stored(db, submission_id)
                results.append(_settle(db, stored))
            except NotFoundError:
                continue  # decided meanwhile
            except InputError as exc:
                _set_reason(db, submission_id, exc.message)
    return Reevaluation(results, written.changes)


def _settle(db: Database, stored: _Stored) -> CollectResult:
    """Decide a held package without the clerk: taken, still held, or refused (rejected)."""
    result = _decide(db, stored, clerk=None, keep=("accepted", "superseded", "held"))
    if result.outcome == "refused" and result.reason is not None:
        _reject(db, stored.submission_id, result.reason)
    note_shared_people(db, [result])  # of a package now taken
    return result


def _set_reason(db: Database, submission_id: int, reason: Message) -> None:
    with db.transaction() as session:
        sub = session.get(Submission, submission_id)
        if sub is not None and sub.status == "held":
            sub.status_reason = both_languages(reason)


def _reject(
    db: Database, submission_id: int, reason: Message | None, note: str | None = None
) -> Changes:
    with db.transaction() as session:
        session.info["changelog"] = False
        own_bureau(session)
        sub = session.get(Submission, submission_id)
        if sub is None or sub.status != "held":
            raise NotFoundError(NOT_HELD(id=submission_id))
        sub.status = "rejected"
        if reason is not None:
            sub.status_reason = both_languages(reason)
        if note and note.strip():
            sub.review_comment = note.strip()
        stored = Path(sub.stored_path)
    # Nothing counts it: its file goes (a stranger's package is not kept).
    stored.unlink(missing_ok=True)
    return changes_of(session)


def reject_held(db: Database, *, submission_id: int, note: str | None = None) -> Changes:
    """Do not take the held package: it stays listed as rejected, counted nowhere, and its
    stored file is deleted.  Returns what that wrote."""
    return _reject(db, submission_id, None, note)


def submission_states(db: Database, ids: list[int]) -> dict[int, tuple[str, Message | None]]:
    """The present status of submissions, with their reason (in both languages): what a
    results list shows when a package was decided after it was collected."""
    found: dict[int, tuple[str, Message | None]] = {}
    with db.reading() as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for sub_id, status, reason in session.execute(
                select(Submission.id, Submission.status, Submission.status_reason).where(
                    Submission.id.in_(chunk)
                )
            ):
                found[sub_id] = (status, stored_message(reason))
    return found


def stored_message(text: str | None) -> Message | None:
    """A reason stored in both languages (intake.both_languages) as a message again."""
    zh, en = stored_reason(text, "zh"), stored_reason(text, "en")
    if not zh and not en:
        return None
    return Text(zh or en or "", en or zh or "")()
