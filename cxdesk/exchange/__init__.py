"""Signed report packages: keys, export, verification, trust, receipts and returns.

The public API, for the command line, the desktop app and the bureau's collect:

- keys: :func:`load_signer` (creates the key on first need), :func:`create_key`
  (replace), :func:`keys_dir`, :func:`format_fingerprint`, :func:`parse_fingerprint`;
- export (school): :func:`preview_export`, :func:`export_report`, :func:`outbox_dir`,
  :func:`next_sequence`, :func:`package_file_name`;
- any package: :func:`build_manifest` + :func:`package_bytes` + :func:`write_atomically`
  (writing, e.g. a county package), :func:`verify_package` / :func:`verify_package_bytes`
  → :class:`VerifiedPackage` (signature and every member hash checked, nothing parsed);
  :func:`package_workbook` (the xlsx bytes, checked for DTDs within limits);
- trust: :func:`trust_status` (registered / revoked / unknown / wrong_sender),
  :func:`register_key`, :func:`revoke_key`, :func:`list_keys`;
- replies: :func:`subject_of`, :func:`write_receipt`, :func:`write_return` (bureau),
  :func:`receive_file`, :func:`current_return`, :func:`register_bureau_key` (school),
  :func:`record_key`.

Format 2 (the personal members encrypted to the bureaus) lives in its own modules:
:mod:`~cxdesk.exchange.encryption` (age, the manifest's ``encryption`` block, opening a
verified package), :mod:`~cxdesk.exchange.bureau_keyfile` (the signed bureau key file),
:mod:`~cxdesk.exchange.bureau_keys` and :mod:`~cxdesk.exchange.key_protection` (a bureau's
keys, sealed with its passphrase).

Every refusal is a :class:`PackageError` with a short ``reason`` code and a one-line
bilingual message.  The format is in docs/package-format.md.
"""

from cxdesk.exchange.archive import WORKBOOK_LIMITS, Limits
from cxdesk.exchange.errors import ExportBlockedError, PackageError, SigningKeyError
from cxdesk.exchange.export import (
    ExportPreview,
    ExportResult,
    export_report,
    next_sequence,
    outbox_dir,
    package_file_name,
    preview_export,
)
from cxdesk.exchange.keys import (
    Signer,
    create_key,
    current_key,
    fingerprint_of,
    format_fingerprint,
    keys_dir,
    load_signer,
    parse_fingerprint,
)
from cxdesk.exchange.manifest import Comment, Manifest, Period, Sender, Subject
from cxdesk.exchange.package import build_manifest, package_bytes, sha256_hex, write_atomically
from cxdesk.exchange.records import find_record, record_key
from cxdesk.exchange.replies import (
    CommentView,
    Party,
    ReceiveResult,
    ReturnView,
    current_return,
    latest_export,
    receive_file,
    register_bureau_key,
    subject_of,
    write_receipt,
    write_return,
)
from cxdesk.exchange.trust import TrustStatus, list_keys, register_key, revoke_key, trust_status
from cxdesk.exchange.verify import (
    DEFAULT_LIMITS,
    VerifiedPackage,
    verify_package,
    verify_package_bytes,
)
from cxdesk.exchange.workbook_check import (
    check_workbook_bytes,
    ensure_xml_protection,
    package_workbook,
)

__all__ = [
    "DEFAULT_LIMITS",
    "WORKBOOK_LIMITS",
    "Comment",
    "CommentView",
    "ExportBlockedError",
    "ExportPreview",
    "ExportResult",
    "Limits",
    "Manifest",
    "PackageError",
    "Party",
    "Period",
    "ReceiveResult",
    "ReturnView",
    "Sender",
    "Signer",
    "SigningKeyError",
    "Subject",
    "TrustStatus",
    "VerifiedPackage",
    "build_manifest",
    "check_workbook_bytes",
    "create_key",
    "current_key",
    "current_return",
    "ensure_xml_protection",
    "export_report",
    "find_record",
    "fingerprint_of",
    "format_fingerprint",
    "keys_dir",
    "latest_export",
    "list_keys",
    "load_signer",
    "next_sequence",
    "outbox_dir",
    "package_bytes",
    "package_file_name",
    "package_workbook",
    "parse_fingerprint",
    "preview_export",
    "receive_file",
    "record_key",
    "register_bureau_key",
    "register_key",
    "revoke_key",
    "sha256_hex",
    "subject_of",
    "trust_status",
    "verify_package",
    "verify_package_bytes",
    "write_atomically",
    "write_receipt",
    "write_return",
]
