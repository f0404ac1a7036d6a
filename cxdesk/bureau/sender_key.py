"""Whether a verified package's key is the sender's, and what the clerk must do if not.

One valid key per school: a package signed by another key than the school's valid one is
a *key change*.  It is taken at once when the package carries a key-change statement
signed by the school's valid key (cxdesk.exchange.key_change): the old key is revoked and
the new one registered in the same transaction.  Otherwise it is held, naming both
fingerprints and when the current key was registered, and only the fingerprint typed from
the school's newly stamped registration form (``held accept ID --fingerprint …``, the six
boxes in the GUI) registers the new key, revoking the old.  A key nobody registered is
held the same way; a bare accept never registers a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from cxdesk.errors import InputError
from cxdesk.exchange.fingerprints import format_fingerprint, parse_fingerprint
from cxdesk.exchange.key_change import StatementError, link_from, read_chain
from cxdesk.exchange.trust import register_key, revoke_key, shown_time, trust_status
from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.i18n import Message, Text
from cxdesk.models import TrustedKey

UNKNOWN_KEY = Text(
    "发送方密钥未登记（指纹 {fingerprint}）：请核对该校盖章的备案表，输入表上的指纹后接收，或拒绝。",
    "The sender's key is not registered (fingerprint {fingerprint}): check the school's "
    "stamped registration form and type its fingerprint to accept, or reject.",
)
KEY_CHANGE = Text(
    "密钥更换：{name}已登记的密钥为 {current}（{when} 登记），本包却由另一密钥 {new} 签名，未附原密钥的换钥声明。"
    "请按学校新盖章的备案表输入新指纹后接收（原密钥随之作废），或拒绝。",
    "Key change: {name}'s registered key is {current} (registered {when}); this package is "
    "signed by another key, {new}, without a statement from the old one. Type the new "
    "fingerprint from the school's new stamped form to accept (the old key is revoked), or "
    "reject.",
)
BAD_STATEMENT_HELD = Text("{key_change}（{statement}）", "{key_change} ({statement})")
REVOKED_KEY = Text(
    "发送方密钥（指纹 {fingerprint}）已作废，已拒收。",
    "The sender's key (fingerprint {fingerprint}) has been revoked; refused.",
)
WRONG_SENDER = Text(
    "发送方密钥（指纹 {fingerprint}）登记在“{owner}”名下，而上报包自称来自“{claimed}”，已拒收。",
    "The sender's key (fingerprint {fingerprint}) is registered for {owner}, but the package "
    "claims to come from {claimed}; refused.",
)
CHANGED_BY_STATEMENT = Text(
    "已按原密钥签署的换钥声明更换密钥：原指纹 {old} 作废，新指纹 {new} 登记。",
    "The key was changed by a statement signed with the old key: {old} revoked, {new} registered.",
)
REGISTERED_FROM_FORM = Text(
    "已按备案表登记密钥 {fingerprint}。", "The key {fingerprint} was registered from the form."
)
REPLACED_FROM_FORM = Text(
    "已按新备案表登记密钥 {fingerprint}，原密钥 {old} 作废。",
    "The key {fingerprint} was registered from the new form; the old key {old} is revoked.",
)
NEED_FINGERPRINT = Text(
    '这个上报包的密钥尚未登记。请输入学校盖章备案表上的指纹（命令行：held accept {id} --fingerprint "…"），'
    "与包的指纹一致才会登记并接收。",
    "This package's key is not registered. Type the fingerprint from the school's stamped "
    'registration form (command line: held accept {id} --fingerprint "…"); the key is '
    "registered and the package taken only if it matches.",
)
FINGERPRINT_MISMATCH = Text(
    "输入的指纹 {typed} 与上报包的签名密钥 {package} 不一致：未登记，未接收。请再核对备案表；"
    "如备案表上的指纹确实不同，这个包不是该校发出的，请拒绝。",
    "The fingerprint typed, {typed}, is not the package's key, {package}: nothing was "
    "registered or taken. Check the form again; if its fingerprint really differs, the "
    "package did not come from that school: reject it.",
)


@dataclass(frozen=True)
class KeyVerdict:
    """``trusted`` (``note`` says what changed, if anything), ``held`` or ``refused``."""

    outcome: Literal["trusted", "held", "refused"]
    reason: Message | None = None
    note: Message | None = None

    @property
    def needs_form(self) -> bool:
        """Held because of the key: the fingerprint typed from the form settles it."""
        return self.outcome == "held"


def decide_key(
    session: Session,
    package: VerifiedPackage,
    *,
    typed_fingerprint: str | None = None,
    party_name: str | None = None,
) -> KeyVerdict:
    """The sender key's verdict; registers or changes keys only as the docstring above says.

    ``typed_fingerprint`` is what the clerk typed from the stamped form when accepting a
    held package: it must be the package's own fingerprint (InputError otherwise).
    ``party_name`` is the name a newly registered key is filed under (the register's).
    """
    status = trust_status(session, package)
    shown = format_fingerprint(package.fingerprint)
    sender = package.manifest.sender
    if status.state == "registered":
        return KeyVerdict("trusted")
    if status.state == "revoked":
        return KeyVerdict("refused", REVOKED_KEY(fingerprint=shown))
    if status.state == "wrong_sender":
        assert status.entry is not None
        return KeyVerdict(
            "refused",
            WRONG_SENDER(
                fingerprint=shown,
                owner=f"{status.entry.party_name}（{status.entry.party_code}）",
                claimed=f"{sender.name}（{sender.code}）",
            ),
        )
    if typed_fingerprint is not None:
        return _from_form(session, package, typed_fingerprint, status.current, party_name)
    if status.state == "unknown":
        return KeyVerdict("held", UNKNOWN_KEY(fingerprint=shown))
    current = status.current
    assert current is not None
    held = KEY_CHANGE(
        name=current.party_name,
        current=format_fingerprint(current.fingerprint),
        when=shown_time(current.registered_at),
        new=shown,
    )
    try:
        chain = read_chain(package)
    except StatementError as exc:
        return KeyVerdict("held", BAD_STATEMENT_HELD(key_change=held, statement=exc.message))
    if link_from(chain, current.fingerprint) is None:
        return KeyVerdict("held", held)
    old = current.fingerprint
    revoke_key(session, fingerprint=old)
    register_key(
        session,
        fingerprint=package.fingerprint,
        code=sender.code,
        name=current.party_name,
        role=sender.role,
        source="statement",
        public_key=package.public_key,
    )
    return KeyVerdict("trusted", note=CHANGED_BY_STATEMENT(old=format_fingerprint(old), new=shown))


def _from_form(
    session: Session,
    package: VerifiedPackage,
    typed: str,
    current: TrustedKey | None,
    party_name: str | None,
) -> KeyVerdict:
    digits = parse_fingerprint(typed)
    shown = format_fingerprint(package.fingerprint)
    if digits != package.fingerprint:
        raise InputError(FINGERPRINT_MISMATCH(typed=format_fingerprint(digits), package=shown))
    sender = package.manifest.sender
    old = current.fingerprint if current is not None else None
    register_key(
        session,
        fingerprint=digits,
        code=sender.code,
        name=party_name or (current.party_name if current is not None else sender.name),
        role=sender.role,
        source="form",
        public_key=package.public_key,
        replace=True,
    )
    if old is None:
        return KeyVerdict("trusted", note=REGISTERED_FROM_FORM(fingerprint=shown))
    return KeyVerdict(
        "trusted", note=REPLACED_FROM_FORM(fingerprint=shown, old=format_fingerprint(old))
    )
