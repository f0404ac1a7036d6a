"""Signed report packages: keys, export, verification, trust, receipts and returns.

Import each name from its module (the package imports none of them, so that a command
that lists the trusted keys does not load the signing, the encryption and the workbook
checks: issue 16):

- keys (:mod:`~cxdesk.exchange.keys`): ``load_signer`` (creates the key on first need),
  ``create_key`` (replace), ``keys_dir``, ``format_fingerprint``, ``parse_fingerprint``;
- export, the school's (:mod:`~cxdesk.exchange.export`): ``preview_export``,
  ``export_report``, ``outbox_dir``, ``next_sequence``, ``package_file_name``; the
  export as one user action, for the desktop app and the command line:
  :mod:`~cxdesk.exchange.school_export`;
- any package: ``build_manifest`` + ``package_bytes`` + ``write_atomically``
  (:mod:`~cxdesk.exchange.package`: writing, e.g. a county package), ``verify_package`` /
  ``verify_package_bytes`` → ``VerifiedPackage`` (:mod:`~cxdesk.exchange.verify`:
  signature and every member hash checked, nothing parsed); ``package_workbook``
  (:mod:`~cxdesk.exchange.workbook_check`: the xlsx bytes, checked for DTDs within limits);
- trust (:mod:`~cxdesk.exchange.trust`): ``trust_status`` (registered / revoked / unknown
  / wrong_sender), ``register_key``, ``revoke_key``, ``list_keys``;
- replies (:mod:`~cxdesk.exchange.replies`): ``subject_of``, ``write_receipt``,
  ``write_return`` (bureau), ``receive_file``, ``current_return``, ``register_bureau_key``
  (school); ``record_key`` (:mod:`~cxdesk.exchange.records`).

Format 2 (the personal members encrypted to the bureaus) lives in its own modules:
:mod:`~cxdesk.exchange.encryption` (age, the manifest's ``encryption`` block, opening a
verified package), :mod:`~cxdesk.exchange.bureau_keyfile` (the signed bureau key file),
:mod:`~cxdesk.exchange.bureau_keys` and :mod:`~cxdesk.exchange.key_protection` (a bureau's
keys, sealed with its passphrase).

Every refusal is a :class:`~cxdesk.exchange.errors.PackageError` with a short ``reason``
code and a one-line bilingual message.  The format is in docs/package-format.md.
"""
