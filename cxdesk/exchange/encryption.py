"""Format 2: the personal members of a package encrypted to the bureaus that read it.

A member ``<name>.age`` is the age encryption (X25519 recipients, https://age-encryption.org/v1)
of the member ``<name>``, to every recipient the manifest's ``encryption`` block names: a
school's package to its county bureau and the prefecture bureau, a county's ``register.json``
to the prefecture.  The manifest lists the encrypted bytes with their size and SHA-256 and
is signed as in format 1, so the sender is proved and every byte checked before anything is
decrypted; age's header MAC binds all recipients to one file key, so every reader decrypts
the same bytes.  docs/package-format.md, "Format version 2", says why age and how to open a
package by hand.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyrage

from cxdesk.exchange.errors import PackageError, refuse
from cxdesk.exchange.strict_json import load_manifest_json
from cxdesk.i18n import Text, current_language
from cxdesk.services.bureaus import bureau_name

if TYPE_CHECKING:
    from cxdesk.exchange.verify import VerifiedPackage

SCHEME_AGE = "age-x25519"
#: Written only when the user asked for an unencrypted package (``export --unencrypted``).
SCHEME_NONE = "none"
ENCRYPTED_SUFFIX = ".age"
RECIPIENT_ROLES = ("county", "prefecture")
AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")
MAX_RECIPIENTS = 4
#: The encrypted member of a report with what may name people: findings, the record key.
DETAILS_NAME = "details.json"

BAD_ENCRYPTION = Text(
    "包内清单的加密信息（encryption.{field}）缺失或无效，已拒收。",
    "The manifest's encryption block (encryption.{field}) is missing or not valid; refused.",
)
NO_DECRYPTION_KEY = Text(
    "这个上报包是加密的，但本局还没有解密密钥。请先在“本局密钥”页设置密钥并把密钥文件发给学校。",
    "This package is encrypted, but this bureau has no decryption key yet. Set the keys up "
    "on the Our keys page and give the key file to the schools.",
)
NOT_FOR_US = Text(
    "这个上报包没有为本局加密（加密给：{names}），本局无法打开，已拒收。"
    "请学校导入本局最新的密钥文件后重新导出。",
    "This package is not encrypted for this bureau (it is for: {names}), so it cannot be "
    "opened here; refused. Ask the school to import this bureau's current key file and "
    "export again.",
)
CANNOT_DECRYPT = Text(
    "上报包中的“{name}”无法用本局的密钥解密（密钥不符或内容已损坏），已拒收。",
    "The member {name!r} cannot be decrypted with this bureau's key (not the right key, or "
    "damaged); refused.",
)
BAD_DETAILS = Text(
    "上报包中的 details.json 无效（{reason}），已拒收。",
    "The package's details.json is not valid ({reason}); refused.",
)
NO_PREFECTURE = Text(
    "这个上报包没有为州教育体育局加密，州局将无法复核。请学校导入本局最新的密钥文件后重新导出。",
    "This package is not encrypted for the prefecture bureau, which could not re-verify it. "
    "Ask the school to import this bureau's current key file and export again.",
)


@dataclass(frozen=True)
class Recipient:
    """A bureau a package is encrypted to: its role, code and age public key."""

    role: str
    code: str
    public_key: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role, "code": self.code, "public_key": self.public_key}


@dataclass(frozen=True)
class Encryption:
    """The manifest's ``encryption`` block (format 2)."""

    scheme: str
    recipients: tuple[Recipient, ...] = ()

    @property
    def encrypted(self) -> bool:
        return self.scheme == SCHEME_AGE

    def to_json(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "recipients": [r.to_json() for r in self.recipients]}


UNENCRYPTED = Encryption(SCHEME_NONE)


@dataclass(frozen=True)
class DecryptionKeys:
    """This bureau's opened decryption keys (current first) and their public keys."""

    identities: tuple[pyrage.x25519.Identity, ...] = ()
    recipients: frozenset[str] = frozenset()


def encrypt_members(
    members: Mapping[str, bytes], encryption: Encryption, *, names: Iterable[str]
) -> dict[str, bytes]:
    """``members`` with those in ``names`` encrypted to the recipients (``name.age``)."""
    if not encryption.encrypted:
        return dict(members)
    chosen = set(names)
    keys = [pyrage.x25519.Recipient.from_str(r.public_key) for r in encryption.recipients]
    return {
        (name + ENCRYPTED_SUFFIX if name in chosen else name): (
            bytes(pyrage.encrypt(content, keys)) if name in chosen else content
        )
        for name, content in members.items()
    }


def parse_encryption(data: Mapping[str, Any], *, member_names: Sequence[str]) -> Encryption:
    """Check a format-2 manifest's ``encryption`` block against its members."""
    block = data.get("encryption")
    if not isinstance(block, dict) or set(block) != {"scheme", "recipients"}:
        raise refuse("manifest_field", BAD_ENCRYPTION, field="")
    scheme = block["scheme"]
    items = block["recipients"]
    if scheme not in (SCHEME_AGE, SCHEME_NONE):
        raise refuse("manifest_field", BAD_ENCRYPTION, field="scheme")
    if not isinstance(items, list) or len(items) > MAX_RECIPIENTS:
        raise refuse("manifest_field", BAD_ENCRYPTION, field="recipients")
    recipients = []
    for n, item in enumerate(items):
        if (
            not isinstance(item, dict)
            or set(item) != {"role", "code", "public_key"}
            or item["role"] not in RECIPIENT_ROLES
            or not isinstance(item["code"], str)
            or not re.fullmatch(r"[0-9]{6}", item["code"])
            or not isinstance(item["public_key"], str)
            or not AGE_RECIPIENT.fullmatch(item["public_key"])
        ):
            raise refuse("manifest_field", BAD_ENCRYPTION, field=f"recipients[{n}]")
        recipients.append(Recipient(item["role"], item["code"], item["public_key"]))
    encrypted_members = [n for n in member_names if n.endswith(ENCRYPTED_SUFFIX)]
    if scheme == SCHEME_AGE and (not recipients or not encrypted_members):
        raise refuse("manifest_field", BAD_ENCRYPTION, field="recipients")
    if scheme == SCHEME_NONE and (recipients or encrypted_members):
        raise refuse("manifest_field", BAD_ENCRYPTION, field="scheme")
    return Encryption(scheme, tuple(recipients))


def recipient_names(encryption: Encryption) -> str:
    """The bureaus a package is encrypted to, as people read them."""
    lang = current_language()
    return "、".join(bureau_name(r.role, r.code, lang) for r in encryption.recipients)


def open_members(
    members: Mapping[str, bytes], encryption: Encryption | None, keys: DecryptionKeys | None
) -> dict[str, bytes]:
    """The members in the clear, by their plain names (``x.age`` decrypted as ``x``).

    The members were verified already (signature, sizes, SHA-256): a tampered ciphertext
    never gets here.  Refuses a package not encrypted to any of ``keys``.
    """
    if encryption is None or not encryption.encrypted:
        return dict(members)
    if keys is None or not keys.identities:
        raise refuse("no_decryption_key", NO_DECRYPTION_KEY)
    if not {r.public_key for r in encryption.recipients} & keys.recipients:
        raise refuse("not_for_us", NOT_FOR_US, names=recipient_names(encryption))
    opened: dict[str, bytes] = {}
    for name, content in members.items():
        if not name.endswith(ENCRYPTED_SUFFIX):
            opened[name] = content
            continue
        try:
            opened[name[: -len(ENCRYPTED_SUFFIX)]] = bytes(
                pyrage.decrypt(content, list(keys.identities))
            )
        except pyrage.DecryptError as exc:
            raise refuse("decrypt", CANNOT_DECRYPT, name=name) from exc
    return opened


def open_package(package: VerifiedPackage, keys: DecryptionKeys | None) -> VerifiedPackage:
    """A verified package whose ``members`` are in the clear (format 1: itself)."""
    encryption = package.manifest.encryption
    if encryption is None or not encryption.encrypted:
        return package
    return dataclasses.replace(package, members=open_members(package.members, encryption, keys))


def require_recipient(encryption: Encryption | None, role: str) -> None:
    """Refuse an encrypted package that does not name a recipient of ``role``."""
    if encryption is None or not encryption.encrypted:
        return
    if not any(r.role == role for r in encryption.recipients):
        raise refuse("no_prefecture", NO_PREFECTURE)


# --- details.json: what may name people, inside the encryption ----------------------------


@dataclass(frozen=True)
class Details:
    """A format-2 report's ``details.json``: the soft findings and the record key."""

    findings: list[dict[str, Any]]
    record_secret: str | None


def details_bytes(findings: list[dict[str, Any]], record_secret: str) -> bytes:
    value = {"findings": findings, "record_secret": record_secret}
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def parse_details(raw: bytes | None) -> Details:
    """Strictly read ``details.json`` (absent in format 1: no findings, no record key)."""
    if raw is None:
        raise refuse("details", BAD_DETAILS, reason="missing")
    try:
        value = load_manifest_json(raw)
    except PackageError as exc:
        raise refuse("details", BAD_DETAILS, reason="not JSON") from exc
    findings = value.get("findings")
    secret = value.get("record_secret")
    if set(value) != {"findings", "record_secret"}:
        raise refuse("details", BAD_DETAILS, reason="keys")
    if not isinstance(findings, list) or len(findings) > 20_000:
        raise refuse("details", BAD_DETAILS, reason="findings")
    if not all(isinstance(f, dict) for f in findings):
        raise refuse("details", BAD_DETAILS, reason="findings")
    if not isinstance(secret, str) or not _is_secret(secret):
        raise refuse("details", BAD_DETAILS, reason="record_secret")
    return Details(findings, secret)


def _is_secret(text: str) -> bool:
    try:
        return len(text) == 44 and len(base64.b64decode(text, validate=True)) == 32
    except ValueError:
        return False
