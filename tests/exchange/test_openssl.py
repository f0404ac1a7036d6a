"""A package verified with the openssl command line alone, as docs/package-format.md says."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from cxdesk.db import Database
from cxdesk.exchange import format_fingerprint
from tests.exchange.conftest import export_once

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")


def openssl(
    *args: str, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["openssl", *args], cwd=cwd, input=stdin, capture_output=True, check=False
    )


def test_openssl_is_version_3() -> None:
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("OpenSSL 3."), version.stdout


def test_package_verifies_with_openssl_alone(registered_db: Database, tmp_path: Path) -> None:
    result = export_once(registered_db, tmp_path / "usb")
    folder = tmp_path / "pkg"
    folder.mkdir()
    with zipfile.ZipFile(result.path) as z:  # type: ignore[attr-defined]
        z.extractall(folder)  # a package we wrote ourselves, into an empty folder

    # 1. the signature over the manifest's exact bytes
    check = openssl(
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        "sender.pem",
        "-rawin",
        "-in",
        "manifest.json",
        "-sigfile",
        "manifest.sig",
        cwd=folder,
    )
    assert check.returncode == 0, check.stderr
    assert b"Signature Verified Successfully" in check.stdout

    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    # 2. the key in sender.pem is the manifest's
    der = openssl("pkey", "-pubin", "-in", "sender.pem", "-outform", "DER", cwd=folder).stdout
    assert base64.b64encode(der[-32:]).decode() == manifest["sender"]["public_key"]
    # 3. every member's SHA-256
    for member in manifest["members"]:
        digest = openssl("dgst", "-sha256", "-r", member["name"], cwd=folder).stdout.split()[0]
        assert digest.decode() == member["sha256"]
    # 4. the fingerprint, with the shell recipe of the document
    recipe = (
        "hex=$(openssl pkey -pubin -in sender.pem -outform DER | tail -c 32 "
        "| openssl dgst -sha256 -r | cut -c1-64)\n"
        "for i in 0 1 2 3 4 5; do printf '%05d ' $(( 0x${hex:$((10*i)):10} % 100000 )); done"
    )
    shown = subprocess.run(
        ["bash", "-c", recipe], cwd=folder, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == format_fingerprint(manifest["sender"]["fingerprint"])


def test_openssl_refuses_a_changed_manifest(registered_db: Database, tmp_path: Path) -> None:
    result = export_once(registered_db, tmp_path / "usb")
    folder = tmp_path / "pkg"
    folder.mkdir()
    with zipfile.ZipFile(result.path) as z:  # type: ignore[attr-defined]
        z.extractall(folder)
    manifest = folder / "manifest.json"
    original = manifest.read_bytes()
    changed = original.replace(b'"counselors": 7', b'"counselors": 8')
    assert changed != original
    manifest.write_bytes(changed)
    check = openssl(
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        "sender.pem",
        "-rawin",
        "-in",
        "manifest.json",
        "-sigfile",
        "manifest.sig",
        cwd=folder,
    )
    assert check.returncode != 0
