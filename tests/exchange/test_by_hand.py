"""docs/package-format.md's recipe for verifying and decrypting a format-2 package by hand,
run as the document writes it (bash, OpenSSL 3, age), with its refusals.

age asks the passphrase of the bureau's key file on the terminal, so the recipe runs in a
pseudo-terminal and the test types the passphrase when age asks for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import select
import shutil
import zipfile
from pathlib import Path

import pytest

from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.verify import verify_package
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE, bureau_db_path
from cxdesk.storage.db import Database
from tests.exchange.conftest import export_once, rezip
from tests.sample_bureaus import open_as

pytestmark = pytest.mark.skipif(
    shutil.which("openssl") is None or shutil.which("age") is None,
    reason="openssl and age are needed (apt install openssl age)",
)
DOC = Path(__file__).parents[2] / "docs" / "package-format.md"
MARK = "<!-- by-hand recipe, format 2 -->"


def recipe() -> str:
    """The shell block that follows the mark in the document."""
    text = DOC.read_text("utf-8")
    after = text[text.index(MARK) + len(MARK) :]
    match = re.search(r"```sh\n(.*?)```", after, re.DOTALL)
    assert match is not None
    return match.group(1)


def run_recipe(folder: Path, package: str, key: str, passphrase: str) -> tuple[int, str]:
    """Run the recipe in ``folder`` for the file names given; (exit status, output)."""
    lines = recipe().splitlines()
    assert lines[0].startswith("PKG=") and lines[1].startswith("KEY=")
    script = "\n".join([f"PKG={package}", f"KEY={key}", *lines[2:]])
    (folder / "recipe.sh").write_text("set -e\n" + script + "\n", encoding="utf-8")
    pid, fd = pty.fork()
    if pid == 0:  # the child: bash on the pseudo-terminal, in the folder
        os.chdir(folder)
        os.execvp("bash", ["bash", "recipe.sh"])
    output = b""
    answered = 0
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        if output.count(b"Enter passphrase") > answered:
            answered += 1
            os.write(fd, passphrase.encode() + b"\n")
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", errors="replace")


def _key_file(bureaus: Path, code: str) -> Path:
    (path,) = (bureau_db_path(bureaus, code).parent / "keys").glob("decryption-key-*.age")
    return path


@pytest.fixture
def package(registered_db: Database, tmp_path: Path) -> Path:
    return export_once(registered_db, tmp_path / "usb").path


def test_the_recipe_verifies_and_decrypts_a_real_package(
    package: Path, sample_bureaus: Path, tmp_path: Path
) -> None:
    work = tmp_path / "by-hand"
    work.mkdir()
    shutil.copy(package, work / package.name)
    key = _key_file(sample_bureaus, "532301")
    shutil.copy(key, work / key.name)
    code, out = run_recipe(work, package.name, key.name, SAMPLE_PASSPHRASE)
    assert code == 0, out
    assert "Signature Verified Successfully" in out
    manifest = json.loads((work / "pkg" / "manifest.json").read_text("utf-8"))
    assert manifest["sender"]["public_key"] in out  # step 2
    for member in manifest["members"]:  # step 3
        assert f"{member['sha256']} *{member['name']}" in out
    assert format_fingerprint(manifest["sender"]["fingerprint"]) in out  # step 4
    # Step 5: exactly what cxdesk decrypts.
    opened = open_as(sample_bureaus, "532301", verify_package(package))
    assert (work / "pkg" / "workbook.xlsx").read_bytes() == opened.members["workbook.xlsx"]
    assert (work / "pkg" / "details.json").read_bytes() == opened.members["details.json"]
    # Step 0 listed the entries, nothing else.
    with zipfile.ZipFile(package) as z:
        assert all(name in out for name in z.namelist())


def test_the_recipe_stops_at_another_bureaus_key(
    package: Path, sample_bureaus: Path, tmp_path: Path
) -> None:
    work = tmp_path / "other"
    work.mkdir()
    shutil.copy(package, work / package.name)
    key = _key_file(sample_bureaus, "532323")  # 牟定县's key
    shutil.copy(key, work / key.name)
    code, out = run_recipe(work, package.name, key.name, SAMPLE_PASSPHRASE)
    assert code != 0 and "no identity matched any of the recipients" in out
    assert (
        not (work / "pkg" / "workbook.xlsx").exists()
        or not (work / "pkg" / "workbook.xlsx").stat().st_size
    )


def test_the_recipe_stops_at_a_changed_manifest_before_decrypting(
    package: Path, sample_bureaus: Path, tmp_path: Path
) -> None:
    work = tmp_path / "changed"
    work.mkdir()
    changed = rezip(
        package.read_bytes(),
        lambda n, c: (
            c.replace(b'"counselors": 7', b'"counselors": 8') if n == "manifest.json" else c
        ),
    )
    assert changed != package.read_bytes()
    (work / package.name).write_bytes(changed)
    key = _key_file(sample_bureaus, "532301")
    shutil.copy(key, work / key.name)
    code, out = run_recipe(work, package.name, key.name, SAMPLE_PASSPHRASE)
    assert code != 0 and "Signature Verification Failure" in out
    assert "Enter passphrase" not in out  # set -e: it stopped at step 1
    assert not (work / "pkg" / "workbook.xlsx").exists()


def test_a_changed_ciphertext_shows_another_hash_at_step_3(
    package: Path, sample_bureaus: Path, tmp_path: Path
) -> None:
    work = tmp_path / "ciphertext"
    work.mkdir()

    def flip(name: str, content: bytes) -> bytes:
        return content[:-1] + bytes([content[-1] ^ 1]) if name == "workbook.xlsx.age" else content

    (work / package.name).write_bytes(rezip(package.read_bytes(), flip))
    key = _key_file(sample_bureaus, "532301")
    shutil.copy(key, work / key.name)
    code, out = run_recipe(work, package.name, key.name, SAMPLE_PASSPHRASE)
    manifest = json.loads((work / "pkg" / "manifest.json").read_text("utf-8"))
    listed = next(m["sha256"] for m in manifest["members"] if m["name"] == "workbook.xlsx.age")
    actual = hashlib.sha256((work / "pkg" / "workbook.xlsx.age").read_bytes()).hexdigest()
    assert listed != actual and f"{actual} *workbook.xlsx.age" in out and listed not in out
    # And age itself refuses the changed ciphertext.
    assert code != 0 and "age: error" in out
