"""The bureau key file (``.cxkey``): a bureau's public keys, signed, for offline delivery.

A county bureau gives its key file to its schools (on the USB stick with the template, or
with the first receipt), with a printed, stamped notice showing the fingerprint of its
signing key (:mod:`cxdesk.exchange.bureau_notice`).  The school imports the file and types
the fingerprint from the notice: the file is accepted only when its signature is valid
and made by the key with that fingerprint, so the encryption keys inside are the bureau's.
A county's file carries the prefecture's keys too, as the county registered them from the
prefecture's own file: that is how the prefecture's key reaches the schools.

The file is a zip of three entries (read like a package, within small limits):

* ``bureau-key.json`` — the payload: UTF-8 JSON, the exact bytes that are signed;
* ``bureau-key.sig`` — the raw 64-byte Ed25519 signature of those bytes;
* ``signer.pem`` — the signing public key, canonical PEM.

The payload is versioned and strictly validated: a key the reader does not know, or a
version newer than it knows, is refused ("install the newest cxdesk").  A later version
adds a section by one entry in :data:`SECTIONS` (docs/package-format.md, "Bureau key file").
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk import __version__
from cxdesk import reference as ref
from cxdesk.errors import InputError
from cxdesk.exchange.archive import KIB, Limits, read_file_bounded, read_zip
from cxdesk.exchange.bureau_trust import bureau_key_from_form, trust_bureau_from_form
from cxdesk.exchange.decryption_keys import current_encryption_key
from cxdesk.exchange.encryption import AGE_RECIPIENT, SCHEME_AGE, Encryption, Recipient
from cxdesk.exchange.errors import PackageError, refuse
from cxdesk.exchange.fingerprints import fingerprint_of, format_fingerprint, parse_fingerprint
from cxdesk.exchange.keys import Signer, raw_public_key
from cxdesk.exchange.package import write_atomically
from cxdesk.exchange.strict_json import load_manifest_json
from cxdesk.exchange.verify import canonical_public_key
from cxdesk.i18n import Text
from cxdesk.models import BureauKey
from cxdesk.services.bureaus import bureau_name, own_bureau
from cxdesk.services.setup import get_installation, own_school

KEY_FILE_SUFFIX = ".cxkey"
PAYLOAD_NAME = "bureau-key.json"
SIGNATURE_NAME = "bureau-key.sig"
SIGNER_NAME = "signer.pem"
FORMAT_NAME = "cxdesk-bureau-key"
#: The payload version this cxdesk writes and the newest it reads.
PAYLOAD_VERSION = 1
KEY_FILE_LIMITS = Limits(
    max_file_bytes=1024 * KIB,
    max_entries=3,
    max_member_bytes=512 * KIB,
    max_total_bytes=1024 * KIB,
)

NOT_A_KEY_FILE = Text(
    "这不是有效的教育局密钥文件（{reason}），未登记。",
    "This is not a valid bureau key file ({reason}); nothing was registered.",
)
NEWER_KEY_FILE = Text(
    "这个密钥文件由更新版本的 cxdesk 生成（版本 {version}），本程序无法读取。请安装最新版 cxdesk 后再导入。",
    "This key file was made by a newer cxdesk (version {version}) that this one cannot read. "
    "Install the newest cxdesk and import it again.",
)
BAD_KEY_SIGNATURE = Text(
    "密钥文件的签名不正确：文件在签发后被改动过，或已损坏，未登记。",
    "The key file's signature does not match: it was changed after signing, or is damaged; "
    "nothing was registered.",
)
FINGERPRINT_MISMATCH = Text(
    "输入的指纹 {typed} 与密钥文件的指纹 {actual} 不一致，未登记。"
    "请逐位核对盖章的通知：如果确实一致，这个文件不是该教育局签发的，请勿使用。",
    "The fingerprint typed, {typed}, is not the key file's, {actual}; nothing was registered. "
    "Check each digit against the stamped notice: if they do match, this file was not issued "
    "by that bureau; do not use it.",
)
NEED_FINGERPRINT = Text(
    "请按教育局盖章的通知输入密钥指纹（30 位数字），再登记这个密钥文件。",
    "Type the key fingerprint from the bureau's stamped notice (30 digits) to register "
    "this key file.",
)
WRONG_BUREAU = Text(
    "这个密钥文件属于“{found}”，而本机需要登记的是“{expected}”的密钥文件，未登记。",
    "This key file belongs to {found}, but this installation registers the key file of "
    "{expected}; nothing was registered.",
)
PREFECTURE_IMPORTS_NOTHING = Text(
    "州教育体育局不需要登记其他教育局的密钥文件。",
    "The prefecture bureau does not register any other bureau's key file.",
)
OLDER_KEY_FILE = Text(
    "这个密钥文件（{issued} 签发）比已登记的（{current} 签发）旧，未登记。",
    "This key file (issued {issued}) is older than the one registered ({current}); nothing "
    "was registered.",
)
KEYS_NOT_READY = Text(
    "本局的密钥还没有设置好：请先设置密钥密码（“本局密钥”页，或 cxdesk key protect）。",
    "This bureau's keys are not set up yet: set the key passphrase first (Our keys page, or "
    "cxdesk key protect).",
)
NO_PREFECTURE_KEY = Text(
    "还没有登记州教育体育局的密钥文件：县市的密钥文件必须带上州局的密钥，学校上报的数据州局才能复核。"
    "请先登记州局的密钥文件（“本局密钥”页，或 cxdesk trust bureau 文件 --fingerprint 指纹）。",
    "The prefecture bureau's key file is not registered yet: a county's key file carries the "
    "prefecture's key, so that the prefecture can re-verify the schools' data. Register the "
    "prefecture's key file first (Our keys page, or cxdesk trust bureau FILE --fingerprint …).",
)


# --- the payload ------------------------------------------------------------------------


@dataclass(frozen=True)
class BureauKeys:
    """One bureau's public keys as a key file states them."""

    role: str
    code: str
    name: str
    signing_key: bytes
    encryption_key: str
    issued_at: datetime

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.signing_key)

    def recipient(self) -> Recipient:
        return Recipient(self.role, self.code, self.encryption_key)


@dataclass(frozen=True)
class KeyFile:
    """A verified key file: the bureau's keys, the prefecture's (a county's file), the
    whole payload as signed, and the file's SHA-256."""

    bureau: BureauKeys
    prefecture: BureauKeys | None
    payload: dict[str, Any]
    payload_bytes: bytes
    sha256: str

    @property
    def fingerprint(self) -> str:
        return self.bureau.fingerprint


def _bad(reason: str) -> PackageError:
    return refuse("key_file", NOT_A_KEY_FILE, reason=reason)


def _fields(value: Any, where: str, required: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != required:
        raise _bad(where)
    return value


def _text(value: Any, where: str, pattern: str, max_len: int = 100) -> str:
    if not isinstance(value, str) or len(value) > max_len or not re.fullmatch(pattern, value):
        raise _bad(where)
    return value


def _time(value: Any, where: str) -> datetime:
    text = _text(value, where, r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", 20)
    try:
        return datetime.fromisoformat(text[:-1])
    except ValueError:
        raise _bad(where) from None


def _bureau_keys(value: Any, where: str) -> BureauKeys:
    item = _fields(value, where, {"bureau", "signing_key", "encryption_key", "issued_at"})
    who = _fields(item["bureau"], f"{where}bureau", {"role", "code", "name"})
    role = who["role"]
    code = _text(who["code"], f"{where}bureau.code", r"[0-9]{6}")
    county = role == "county" and code in ref.COUNTIES
    if not county and (role, code) != ("prefecture", ref.PREFECTURE_CODE):
        raise _bad(f"{where}bureau")
    name = _text(who["name"], f"{where}bureau.name", r"[^\x00-\x1f\x7f]{1,100}")
    signing = _fields(item["signing_key"], f"{where}signing_key", {"public_key", "fingerprint"})
    raw_b64 = _text(signing["public_key"], f"{where}signing_key", r"[A-Za-z0-9+/]{43}=")
    raw = base64.b64decode(raw_b64)
    if signing["fingerprint"] != fingerprint_of(raw):
        raise _bad(f"{where}signing_key.fingerprint")
    enc = _fields(item["encryption_key"], f"{where}encryption_key", {"scheme", "public_key"})
    if enc["scheme"] != SCHEME_AGE:
        raise _bad(f"{where}encryption_key.scheme")
    public = _text(enc["public_key"], f"{where}encryption_key", AGE_RECIPIENT.pattern)
    issued = _time(item["issued_at"], f"{where}issued_at")
    return BureauKeys(role, code, name, raw, public, issued)


def _keys_json(keys: BureauKeys) -> dict[str, Any]:
    return {
        "bureau": {"role": keys.role, "code": keys.code, "name": keys.name},
        "signing_key": {
            "public_key": base64.b64encode(keys.signing_key).decode("ascii"),
            "fingerprint": keys.fingerprint,
        },
        "encryption_key": {"scheme": SCHEME_AGE, "public_key": keys.encryption_key},
        "issued_at": keys.issued_at.isoformat() + "Z",
    }


#: Optional sections of the payload: name -> (first version that has it, its check).
#: A section added later (e.g. the bureau's own standards) is one entry here, with a new
#: :data:`PAYLOAD_VERSION`.
SECTIONS: dict[str, tuple[int, Callable[[Any], Any]]] = {}
_REQUIRED = {"format", "version", "cxdesk_version", "keys"}


def parse_payload(raw: bytes) -> tuple[dict[str, Any], BureauKeys, BureauKeys | None]:
    """Strictly read the payload: exactly the known keys of its version."""
    try:
        data = load_manifest_json(raw)
    except PackageError:
        raise _bad("bureau-key.json is not strict JSON") from None
    if data.get("format") != FORMAT_NAME:
        raise _bad("format")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise _bad("version")
    if version > PAYLOAD_VERSION:
        raise refuse("key_file_version", NEWER_KEY_FILE, version=version)
    optional = {name for name, (since, _) in SECTIONS.items() if since <= version}
    unknown = set(data) - _REQUIRED - optional - {"prefecture"}
    if unknown or not set(data) >= _REQUIRED:
        raise _bad("keys: " + ", ".join(sorted(unknown or _REQUIRED - set(data)))[:80])
    _text(data["cxdesk_version"], "cxdesk_version", r"[0-9A-Za-z.+-]{1,40}")
    bureau = _bureau_keys(data["keys"], "keys.")
    prefecture = None
    if bureau.role == "county":
        if "prefecture" not in data:
            raise _bad("prefecture")
        prefecture = _bureau_keys(data["prefecture"], "prefecture.")
        if prefecture.role != "prefecture":
            raise _bad("prefecture")
    elif "prefecture" in data:
        raise _bad("prefecture")
    for name in optional & set(data):
        SECTIONS[name][1](data[name])
    return data, bureau, prefecture


def read_key_file(data: bytes) -> KeyFile:
    """Verify a key file's bytes: its three entries, the signature, the strict payload."""
    try:
        entries = read_zip(data, KEY_FILE_LIMITS)
    except PackageError as exc:
        raise _bad(exc.message.render()) from None
    if set(entries) != {PAYLOAD_NAME, SIGNATURE_NAME, SIGNER_NAME}:
        raise _bad("entries: " + ", ".join(sorted(entries))[:80])
    try:
        public_key = canonical_public_key(entries[SIGNER_NAME])
    except PackageError:
        raise _bad(SIGNER_NAME) from None
    payload = entries[PAYLOAD_NAME]
    signature = entries[SIGNATURE_NAME]
    try:
        if len(signature) != 64:
            raise InvalidSignature
        public_key.verify(signature, payload)
    except InvalidSignature:
        raise refuse("key_file_signature", BAD_KEY_SIGNATURE) from None
    value, bureau, prefecture = parse_payload(payload)
    if bureau.signing_key != raw_public_key(public_key):
        raise _bad("signer.pem is not keys.signing_key")
    return KeyFile(bureau, prefecture, value, payload, hashlib.sha256(data).hexdigest())


def read_key_file_at(path: Path) -> KeyFile:
    return read_key_file(read_file_bounded(Path(path), KEY_FILE_LIMITS.max_file_bytes))


# --- writing (a bureau) ---------------------------------------------------------------------


def key_file_name(code: str, issued: datetime) -> str:
    return f"{code}_bureau_key_{issued:%Y%m%d}{KEY_FILE_SUFFIX}"


def registered_bureau_key(session: Session, code: str) -> BureauKey | None:
    """The current key file registered here for the bureau ``code``."""
    return session.scalars(
        select(BureauKey).where(BureauKey.code == code, BureauKey.status == "current")
    ).first()


def _as_keys(row: BureauKey) -> BureauKeys:
    return BureauKeys(
        row.role,
        row.code,
        row.name,
        base64.b64decode(row.signing_public_key),
        row.encryption_key,
        row.issued_at,
    )


def build_key_file(
    session: Session, *, signer: Signer, issued_at: datetime | None = None
) -> tuple[bytes, KeyFile]:
    """This bureau's key file, signed with ``signer`` (its current signing key)."""
    installation = own_bureau(session)  # a school's database is refused here
    encryption = current_encryption_key(session)
    if encryption is None:
        raise InputError(KEYS_NOT_READY())
    issued = (issued_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0, tzinfo=None)
    own = BureauKeys(
        installation.role,
        installation.code,
        installation.name,
        signer.public_raw,
        encryption.public_key,
        issued,
    )
    payload: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": PAYLOAD_VERSION,
        "cxdesk_version": __version__,
        "keys": _keys_json(own),
    }
    if installation.role == "county":
        prefecture = registered_bureau_key(session, ref.PREFECTURE_CODE)
        if prefecture is None:
            raise InputError(NO_PREFECTURE_KEY())
        payload["prefecture"] = _keys_json(_as_keys(prefecture))
    raw = (json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    buffer = io.BytesIO()
    stamp = (issued.year, issued.month, issued.day, issued.hour, issued.minute, issued.second)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            (PAYLOAD_NAME, raw),
            (SIGNATURE_NAME, signer.sign(raw)),
            (SIGNER_NAME, signer.public_pem()),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    data = buffer.getvalue()
    return data, read_key_file(data)


def write_key_file(
    session: Session, *, signer: Signer, out_dir: Path, issued_at: datetime | None = None
) -> tuple[Path, KeyFile]:
    """Write this bureau's key file into ``out_dir``; its path and content."""
    data, key_file = build_key_file(session, signer=signer, issued_at=issued_at)
    path = Path(out_dir) / key_file_name(key_file.bureau.code, key_file.bureau.issued_at)
    write_atomically(path, data)
    return path, key_file


# --- registering (a school: its county's file; a county: the prefecture's) --------------


@dataclass(frozen=True)
class KeyFileImport:
    """What registering a key file did."""

    key_file: KeyFile
    #: Keys trusted before for the bureau (on first use, or its previous key) now revoked.
    revoked: tuple[str, ...]
    #: The same file was registered before: nothing changed.
    already: bool = False


def _expected_bureau(session: Session) -> tuple[str, str]:
    """Whose key file this installation registers: (role, code)."""
    installation = get_installation(session)
    if installation.role == "school":
        return "county", own_school(session).county_code
    if installation.role == "county":
        return "prefecture", ref.PREFECTURE_CODE
    raise InputError(PREFECTURE_IMPORTS_NOTHING())


def register_key_file(session: Session, *, data: bytes, fingerprint: str | None) -> KeyFileImport:
    """Register the bureau key file ``data``, confirmed by ``fingerprint`` typed from the
    bureau's stamped notice (it may be left out when the file is signed by the bureau key
    already registered here from a form).

    The bureau's signing key becomes the only key trusted for it (a key trusted on first
    use is revoked), its encryption keys are what packages are encrypted to from now on.
    """
    key_file = read_key_file(data)
    role, code = _expected_bureau(session)
    keys = key_file.bureau
    if (keys.role, keys.code) != (role, code):
        raise InputError(
            WRONG_BUREAU(
                found=f"{keys.name}（{keys.code}）",
                expected=f"{bureau_name(role, code)}（{code}）",
            )
        )
    if fingerprint and fingerprint.strip():
        typed = parse_fingerprint(fingerprint)
        if typed != key_file.fingerprint:
            raise InputError(
                FINGERPRINT_MISMATCH(
                    typed=format_fingerprint(typed),
                    actual=format_fingerprint(key_file.fingerprint),
                )
            )
    else:
        known = bureau_key_from_form(session, code)
        if known is None or known.fingerprint != key_file.fingerprint:
            raise InputError(NEED_FINGERPRINT())
    current = registered_bureau_key(session, code)
    if current is not None and current.file_sha256 == key_file.sha256:
        return KeyFileImport(key_file, (), already=True)
    if current is not None and keys.issued_at < current.issued_at:
        raise InputError(
            OLDER_KEY_FILE(
                issued=keys.issued_at.date().isoformat(),
                current=current.issued_at.date().isoformat(),
            )
        )
    trust = trust_bureau_from_form(
        session,
        role=role,
        code=code,
        name=keys.name,
        fingerprint=key_file.fingerprint,
        public_key=keys.signing_key,
        note=None,
    )
    for row in session.scalars(
        select(BureauKey).where(
            BureauKey.status == "current", (BureauKey.code == code) | (BureauKey.via_code == code)
        )
    ):
        row.status = "replaced"
    session.flush()
    payload = key_file.payload_bytes.decode("utf-8")
    for item, via in ((keys, None), (key_file.prefecture, code)):
        if item is None:
            continue
        session.add(
            BureauKey(
                role=item.role,
                code=item.code,
                name=item.name,
                signing_fingerprint=item.fingerprint,
                signing_public_key=base64.b64encode(item.signing_key).decode("ascii"),
                encryption_key=item.encryption_key,
                issued_at=item.issued_at,
                registered_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
                via_code=via,
                file_sha256=key_file.sha256,
                payload=payload,
                status="current",
            )
        )
    session.flush()
    return KeyFileImport(key_file, tuple(k.fingerprint for k in trust.revoked))


def export_encryption(session: Session) -> Encryption | None:
    """To whom a school encrypts its packages: its county and the prefecture, from the
    county's registered key file; None when none is registered."""
    county = registered_bureau_key(session, own_school(session).county_code)
    prefecture = registered_bureau_key(session, ref.PREFECTURE_CODE)
    if county is None or prefecture is None:
        return None
    return Encryption(
        SCHEME_AGE,
        (_as_keys(county).recipient(), _as_keys(prefecture).recipient()),
    )


def prefecture_encryption(session: Session) -> Encryption | None:
    """To whom a county encrypts what it sends the prefecture (None: not registered)."""
    prefecture = registered_bureau_key(session, ref.PREFECTURE_CODE)
    if prefecture is None:
        return None
    return Encryption(SCHEME_AGE, (_as_keys(prefecture).recipient(),))
