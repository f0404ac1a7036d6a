"""A package verified with the openssl command line alone, as docs/package-format.md says."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.storage.db import Database
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
    with zipfile.ZipFile(result.path) as z:
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
    with zipfile.ZipFile(result.path) as z:
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


# --- the by-hand recipe of docs/package-format.md, exactly as printed there -------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "package-format.md"


def _doc_block(marker: str) -> str:
    text = DOC.read_text("utf-8")
    block = text.split(f"<!-- {marker} -->", 1)[1].split(f"<!-- /{marker} -->", 1)[0]
    return block.split("```")[1].split("\n", 1)[1]  # inside the fence, after its language


@pytest.fixture(scope="module")
def recipe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for tool in ("zipinfo", "unzip", "python3"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not installed")
    path = tmp_path_factory.mktemp("recipe") / "verify.sh"
    path.write_text(_doc_block("recipe"), "utf-8")
    return path


def by_hand(recipe: Path, package: Path, kind: str = "report") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(recipe), str(package), kind],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_recipe_accepts_an_intact_package_and_prints_its_fingerprint(
    registered_db: Database, tmp_path: Path, recipe: Path
) -> None:
    result = export_once(registered_db, tmp_path / "usb")
    done = by_hand(recipe, result.path)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(result.path) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert format_fingerprint(manifest["sender"]["fingerprint"]) in done.stdout


def _entries(package: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(package) as z:
        return [(i, z.read(i)) for i in z.infolist()]


def _zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    import warnings

    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # a duplicate name is one of the harms
        for info, content in entries:
            z.writestr(info, content)
    return path


def _resigned(package: Path, change: Any, tmp_path: Path, name: str) -> Path:
    """The package with its manifest changed and signed again (by a key made here)."""
    from cxdesk.exchange.manifest import dump_manifest
    from tests.exchange.conftest import new_signer

    signer = new_signer()
    entries = dict((i.filename, c) for i, c in _entries(package))
    manifest = json.loads(entries["manifest.json"])
    manifest["sender"]["public_key"] = signer.public_key_b64
    manifest["sender"]["fingerprint"] = signer.fingerprint
    change(manifest)
    raw = change.raw(manifest) if hasattr(change, "raw") else dump_manifest(manifest)
    entries.update(
        {"manifest.json": raw, "manifest.sig": signer.sign(raw), "sender.pem": signer.public_pem()}
    )
    return _zip(tmp_path / name, list(entries.items()))


def test_the_recipe_refuses_what_cxdesk_refuses(
    registered_db: Database, tmp_path: Path, recipe: Path
) -> None:
    from cxdesk.exchange.errors import PackageError
    from cxdesk.exchange.verify import verify_package

    good = export_once(registered_db, tmp_path / "usb").path
    entries = _entries(good)
    link = zipfile.ZipInfo("link")
    link.external_attr = (0o120777 << 16) | 0
    big = zipfile.ZipInfo("workbook2.xlsx")

    class DuplicateKey:
        """Two `kind` keys: a parser that keeps the last reads another package."""

        def __call__(self, manifest: dict[str, Any]) -> None:
            pass

        def raw(self, manifest: dict[str, Any]) -> bytes:
            from cxdesk.exchange.manifest import dump_manifest

            text = dump_manifest(manifest).decode()
            return text.replace(
                '"kind": "report",', '"kind": "report",\n  "kind": "receipt",'
            ).encode()

    cases: dict[str, tuple[Path, str]] = {
        "extra entry": (
            _zip(tmp_path / "extra.cxpkg", [*entries, ("notes.txt", b"unsigned")]),
            "not the members",
        ),
        "missing member": (
            _zip(
                tmp_path / "missing.cxpkg",
                [e for e in entries if not e[0].filename.startswith("workbook.xlsx")],
            ),
            "not the members",
        ),
        "entry twice": (
            _zip(tmp_path / "twice.cxpkg", [*entries, ("manifest.json", entries[0][1])]),
            "entry twice",
        ),
        "link": (_zip(tmp_path / "link.cxpkg", [*entries, (link, b"/etc/passwd")]), "link"),
        "non-ASCII name": (
            _zip(tmp_path / "ascii.cxpkg", [*entries, ("工作簿.xlsx", b"x")]),
            "not plain ASCII",
        ),
        "traversal": (
            _zip(tmp_path / "up.cxpkg", [*entries, ("../evil", b"x")]),
            "entry name with . or ..",
        ),
        "too many entries": (
            _zip(tmp_path / "many.cxpkg", [*entries, *((f"m{n}", b"x") for n in range(13))]),
            "more than 16 entries",
        ),
        "entry too large": (
            _zip(tmp_path / "big.cxpkg", [*entries, (big, bytes(49 * 1024 * 1024))]),
            "too large",
        ),
        "changed workbook": (
            _zip(
                tmp_path / "changed.cxpkg",
                [
                    (i, c + b"\0" if i.filename.startswith("workbook.xlsx") else c)
                    for i, c in entries
                ],
            ),
            "not what was signed",
        ),
        "changed manifest": (
            _zip(
                tmp_path / "edited.cxpkg",
                [
                    (
                        i,
                        c.replace(b'"counselors": 7', b'"counselors": 8')
                        if i.filename == "manifest.json"
                        else c,
                    )
                    for i, c in entries
                ],
            ),
            "signature",
        ),
        "duplicate JSON key": (
            _resigned(good, DuplicateKey(), tmp_path, "dupkey.cxpkg"),
            "duplicate key",
        ),
        "another kind": (
            _resigned(good, lambda m: m.update(kind="receipt"), tmp_path, "kind.cxpkg"),
            "not a cxdesk package of this kind",
        ),
    }
    for what, (package, said) in cases.items():
        done = by_hand(recipe, package)
        assert done.returncode != 0, what
        assert "REFUSED" in done.stderr and said in done.stderr, (what, done.stderr)
        with pytest.raises(PackageError):  # and cxdesk itself refuses it too
            verify_package(package, kinds=("report",))


def test_the_statement_check_of_the_document(school_db: Database, tmp_path: Path) -> None:
    """A key-change statement checked with the document's two commands."""
    from cxdesk.exchange.key_change import replace_key
    from cxdesk.exchange.keys import keys_dir, load_signer

    with school_db.transaction() as session:
        load_signer(session, key_dir=keys_dir(school_db.path))
        done = replace_key(
            session, key_dir=keys_dir(school_db.path), role="school", code="2153230001"
        )
        assert done.statement
        statement = (done.record.change_statement or "").encode()
        signature = base64.b64decode(done.record.change_signature or "")
    (tmp_path / "key-change-1.json").write_bytes(statement)
    (tmp_path / "key-change-1.sig").write_bytes(signature)
    check = subprocess.run(
        ["bash", "-c", "set -e -o pipefail\n" + _doc_block("statement-check")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "Signature Verified Successfully" in check.stdout
    (tmp_path / "key-change-1.json").write_bytes(statement.replace(b'"school"', b'"county"'))
    again = subprocess.run(
        ["bash", "-c", _doc_block("statement-check")],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert again.returncode != 0
