"""The bureau key file: signed, strict, versioned; registered only with the fingerprint of
the bureau's stamped notice; the prefecture's key travels in the county's file."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cxdesk.errors import InputError
from cxdesk.exchange import bureau_keyfile as kf
from cxdesk.exchange.bureau_keyfile import (
    build_key_file,
    read_key_file,
    read_key_file_at,
    register_key_file,
)
from cxdesk.exchange.bureau_notice import render_notice_html
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.trust import list_keys
from cxdesk.models import BureauKey, TrustedKey
from cxdesk.sample.bureau_keys import bureau_db_path, key_file_path
from cxdesk.storage.db import Database, open_database
from tests.exchange.conftest import new_signer
from tests.sample_bureaus import sample_signer

COUNTY = "532301"


def _payload(bureaus: Path, code: str = COUNTY) -> dict[str, Any]:
    payload = json.loads(read_key_file_at(key_file_path(bureaus, code)).payload_bytes)
    assert isinstance(payload, dict)
    return payload


def _signed(payload: dict[str, Any], signer: Signer, *, raw: bytes | None = None) -> bytes:
    """A key file of ``payload`` (or of exactly ``raw``) signed by ``signer``."""
    data = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("bureau-key.json", data)
        z.writestr("bureau-key.sig", signer.sign(data))
        z.writestr("signer.pem", signer.public_pem())
    return buffer.getvalue()


def _refused(data: bytes) -> PackageError:
    with pytest.raises(PackageError) as info:
        read_key_file(data)
    assert "\n" not in info.value.render()
    return info.value


def test_a_countys_file_carries_its_keys_and_the_prefectures(sample_bureaus: Path) -> None:
    key_file = read_key_file_at(key_file_path(sample_bureaus, COUNTY))
    prefecture = read_key_file_at(key_file_path(sample_bureaus, "532300"))
    assert (key_file.bureau.role, key_file.bureau.code, key_file.bureau.name) == (
        "county",
        COUNTY,
        "楚雄市教育体育局",
    )
    assert key_file.fingerprint == sample_signer(sample_bureaus, COUNTY).fingerprint
    assert key_file.bureau.encryption_key.startswith("age1")
    assert key_file.prefecture is not None and prefecture.prefecture is None
    assert key_file.prefecture.fingerprint == prefecture.fingerprint
    assert key_file.prefecture.encryption_key == prefecture.bureau.encryption_key
    assert key_file.payload["version"] == 1 and key_file.payload["format"] == "cxdesk-bureau-key"


def test_the_school_registers_it_only_with_the_notices_fingerprint(
    filled_db: Database, sample_bureaus: Path
) -> None:
    data = key_file_path(sample_bureaus, COUNTY).read_bytes()
    key_file = read_key_file(data)
    for typed in (None, "", format_fingerprint(new_signer().fingerprint)):
        with filled_db.transaction() as session, pytest.raises(InputError):
            register_key_file(session, data=data, fingerprint=typed)
    with filled_db.reading() as session:
        assert session.scalars(select(BureauKey)).first() is None and list_keys(session) == []
    typed = "－".join(format_fingerprint(key_file.fingerprint).split())  # as a person types it
    with filled_db.transaction() as session:
        result = register_key_file(session, data=data, fingerprint=typed)
    assert not result.already and result.revoked == ()
    with filled_db.reading() as session:
        rows = {r.code: r for r in session.scalars(select(BureauKey))}
        assert set(rows) == {COUNTY, "532300"} and rows["532300"].via_code == COUNTY
        assert rows[COUNTY].encryption_key == key_file.bureau.encryption_key
        (trusted,) = list_keys(session)
        assert (trusted.fingerprint, trusted.source, trusted.role) == (
            key_file.fingerprint,
            "form",
            "county",
        )
    with filled_db.transaction() as session:  # the same file again
        assert register_key_file(session, data=data, fingerprint=None).already


def test_a_newer_file_of_the_same_key_needs_no_retyping_and_an_older_one_is_refused(
    filled_db: Database, sample_bureaus: Path, tmp_path: Path
) -> None:
    """The bureau's encryption key changed, its signing key did not: the file is signed by
    the key already registered from the notice."""
    from datetime import datetime

    path = bureau_db_path(sample_bureaus, COUNTY)
    copy = tmp_path / "county" / "county.db"
    shutil.copytree(path.parent, copy.parent)
    db = open_database(copy)
    try:
        with db.reading() as session:
            signer = sample_signer(sample_bureaus, COUNTY)
            older, _ = build_key_file(session, signer=signer, issued_at=datetime(2026, 1, 5))
            newer, newer_file = build_key_file(session, signer=signer)
    finally:
        db.close()
    fingerprint = newer_file.fingerprint
    with filled_db.transaction() as session:
        register_key_file(session, data=newer, fingerprint=fingerprint)
    with filled_db.transaction() as session, pytest.raises(InputError) as info:
        register_key_file(session, data=older, fingerprint=fingerprint)
    assert "旧" in info.value.render()
    original = key_file_path(sample_bureaus, COUNTY).read_bytes()  # issued before `newer`
    with filled_db.transaction() as session, pytest.raises(InputError):
        register_key_file(session, data=original, fingerprint=None)


def test_another_bureaus_file_is_refused(filled_db: Database, sample_bureaus: Path) -> None:
    for code in ("532323", "532300"):
        data = key_file_path(sample_bureaus, code).read_bytes()
        with filled_db.transaction() as session, pytest.raises(InputError) as info:
            register_key_file(session, data=data, fingerprint=read_key_file(data).fingerprint)
        assert "楚雄市教育体育局" in info.value.render()


def test_registering_the_file_revokes_a_key_trusted_on_first_use(
    filled_db: Database, sample_bureaus: Path
) -> None:
    from cxdesk.exchange.trust import register_key

    forger = new_signer()
    with filled_db.transaction() as session:
        register_key(
            session,
            fingerprint=forger.fingerprint,
            code=COUNTY,
            name="楚雄市教育体育局",
            role="county",
            source="first_use",
        )
    data = key_file_path(sample_bureaus, COUNTY).read_bytes()
    with filled_db.transaction() as session:
        result = register_key_file(session, data=data, fingerprint=read_key_file(data).fingerprint)
    assert result.revoked == (forger.fingerprint,)
    with filled_db.reading() as session:
        forged = session.scalars(
            select(TrustedKey).where(TrustedKey.fingerprint == forger.fingerprint)
        ).one()
        assert forged.status == "revoked" and forged.revoked_at is not None


Change = Callable[[dict[str, Any]], None]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: p.update(version=2), "key_file_version"),
        (lambda p: p.update(standards={"room_m2": 15}), "key_file"),  # unknown section
        (lambda p: p.pop("prefecture"), "key_file"),  # a county's file must carry it
        (lambda p: p["keys"]["bureau"].update(code="532399"), "key_file"),
        (lambda p: p["keys"]["encryption_key"].update(public_key="age1xyz"), "key_file"),
        (lambda p: p["keys"]["encryption_key"].update(scheme="rsa"), "key_file"),
        (lambda p: p["keys"]["signing_key"].update(fingerprint="1" * 30), "key_file"),
        (lambda p: p["keys"].update(issued_at="2026-02-30T00:00:00Z"), "key_file"),
        (lambda p: p["prefecture"]["bureau"].update(role="county"), "key_file"),
        (lambda p: p.update(format="other"), "key_file"),
    ],
)
def test_the_payload_is_strictly_validated(
    sample_bureaus: Path, change: Change, reason: str
) -> None:
    payload = _payload(sample_bureaus)
    change(payload)
    error = _refused(_signed(payload, sample_signer(sample_bureaus, COUNTY)))
    assert error.reason == reason


def test_a_newer_version_says_to_install_the_newest_cxdesk(sample_bureaus: Path) -> None:
    from cxdesk.i18n import set_language

    payload = _payload(sample_bureaus)
    payload["version"] = 2
    error = _refused(_signed(payload, sample_signer(sample_bureaus, COUNTY)))
    set_language("en")
    assert "Install the newest cxdesk" in error.render()


def test_a_later_version_adds_a_section_with_one_entry(
    sample_bureaus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How issue 15 can carry the bureau's own standards: a section, a version."""
    checked: list[Any] = []

    def standards(value: Any) -> None:
        if not isinstance(value, dict):
            raise kf._bad("standards")
        checked.append(value)

    monkeypatch.setattr(kf, "PAYLOAD_VERSION", 2)
    monkeypatch.setitem(kf.SECTIONS, "standards", (2, standards))
    payload = _payload(sample_bureaus)
    payload.update(version=2, standards={"room_m2": 15})
    key_file = read_key_file(_signed(payload, sample_signer(sample_bureaus, COUNTY)))
    assert key_file.payload["standards"] == {"room_m2": 15} and checked
    payload["standards"] = ["not", "an", "object"]
    assert _refused(_signed(payload, sample_signer(sample_bureaus, COUNTY))).reason == "key_file"
    payload.update(version=1, standards={"room_m2": 15})  # version 1 has no such section
    assert _refused(_signed(payload, sample_signer(sample_bureaus, COUNTY))).reason == "key_file"


def test_tampered_or_foreign_signed_files_are_refused(sample_bureaus: Path) -> None:
    original = key_file_path(sample_bureaus, COUNTY).read_bytes()
    payload = _payload(sample_bureaus)
    raw = read_key_file(original).payload_bytes
    # The encryption key swapped for a forger's, the bureau's signature kept.
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        signature, pem = z.read("bureau-key.sig"), z.read("signer.pem")
    forged_payload = raw.replace(
        payload["keys"]["encryption_key"]["public_key"].encode(),
        payload["prefecture"]["encryption_key"]["public_key"].encode(),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("bureau-key.json", forged_payload)
        z.writestr("bureau-key.sig", signature)
        z.writestr("signer.pem", pem)
    assert _refused(buffer.getvalue()).reason == "key_file_signature"
    # Signed by a stranger who wrote the bureau's key into the payload: the signer.pem is
    # not the key the payload names.
    assert _refused(_signed(payload, new_signer())).reason == "key_file"
    # A stranger's file, wholly consistent: valid, but its fingerprint is the stranger's,
    # which is not the one on the bureau's stamped notice.
    stranger = new_signer()
    payload["keys"]["signing_key"] = {
        "public_key": stranger.public_key_b64,
        "fingerprint": stranger.fingerprint,
    }
    assert read_key_file(_signed(payload, stranger)).fingerprint == stranger.fingerprint
    assert _refused(b"PK\x03\x04 not a zip").reason == "key_file"
    assert _refused(original + b"\x00" * 2_000_000).reason == "key_file"  # too large


def test_a_county_without_the_prefectures_key_writes_no_key_file(
    tmp_path: Path, sample_bureaus: Path
) -> None:
    from cxdesk.exchange.bureau_keys import protect_bureau_keys
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.services.bureaus import init_bureau

    db = open_database(tmp_path / "county.db")
    try:
        with db.transaction() as session:
            init_bureau(session, role="county", code="532322")
            signer = load_signer(session, key_dir=keys_dir(db.path))
            with pytest.raises(InputError) as info:
                build_key_file(session, signer=signer)
            assert "cxdesk key protect" in info.value.render()  # no encryption key yet
            protect_bureau_keys(session, key_dir=keys_dir(db.path), passphrase="双柏县 2026 密钥")
        with db.reading() as session, pytest.raises(InputError) as info:
            build_key_file(session, signer=load_signer(session, key_dir=keys_dir(db.path)))
        assert "州教育体育局的密钥文件" in info.value.render()
    finally:
        db.close()


def test_the_notice_shows_the_fingerprint_large_on_an_a4_pdf(
    sample_bureaus: Path, tmp_path: Path, qapp: Any
) -> None:
    from cxdesk.ui.shell.key_notice_print import save_notice_pdf

    key_file = read_key_file_at(key_file_path(sample_bureaus, COUNTY))
    groups = format_fingerprint(key_file.fingerprint).split()
    page = render_notice_html(key_file, "532301_bureau_key_20261201.cxkey")
    assert all(f">{g}</td>" in page for g in groups)
    assert "font-size:22pt" in page and "公章" in page and "cxdesk trust bureau" in page
    assert key_file.prefecture is not None
    assert format_fingerprint(key_file.prefecture.fingerprint) in page
    pdf = save_notice_pdf(key_file, "532301_bureau_key_20261201.cxkey", tmp_path / "通知.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo") and shutil.which("pdftotext"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert "(A4)" in info.stdout
        assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE)  # one sheet of paper
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert all(g in text for g in groups) and "楚雄市教育体育局" in text
