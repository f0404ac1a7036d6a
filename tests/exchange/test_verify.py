"""Verification: an intact package passes; every change to any part of it is refused."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.manifest import dump_manifest
from cxdesk.exchange.verify import verify_package, verify_package_bytes
from cxdesk.i18n import set_language
from tests.exchange.conftest import SCHOOL, make_package, new_signer, rezip

ENTRIES = ("manifest.json", "manifest.sig", "sender.pem", "workbook.xlsx")


def refused(data: bytes) -> PackageError:
    with pytest.raises(PackageError) as info:
        verify_package_bytes(data)
    message = info.value.render()
    assert "\n" not in message and message  # one line
    return info.value


def test_intact_package_verifies(write: Callable[[bytes, str], Path]) -> None:
    signer = new_signer()
    path = write(make_package(signer), f"{SCHOOL}_2026_001.cxpkg")
    package = verify_package(path)
    assert package.manifest.sender.code == SCHOOL
    assert package.manifest.sender.name == "楚雄市鹿城小学"
    assert package.manifest.period.label == "2026"
    assert package.fingerprint == signer.fingerprint
    assert package.members["workbook.xlsx"].startswith(b"PK")
    fingerprint = package.to_json()["fingerprint"]
    assert isinstance(fingerprint, str) and fingerprint.count(" ") == 5


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("where", [0, 0.5, -1])
def test_one_byte_flipped_in_any_entry_is_refused(entry: str, where: float) -> None:
    data = make_package(new_signer())

    def flip(name: str, content: bytes) -> bytes:
        if name != entry:
            return content
        i = int(len(content) * where) if where >= 0 else len(content) - 1
        return content[:i] + bytes([content[i] ^ 0x01]) + content[i + 1 :]

    error = refused(rezip(data, flip))
    expected = {
        "manifest.json": {"signature", "manifest_json", "key_mismatch", "format"},
        "manifest.sig": {"signature"},
        "sender.pem": {"public_key", "key_mismatch"},
        "workbook.xlsx": {"member_hash"},
    }[entry]
    assert error.reason in expected


def test_flipped_byte_anywhere_in_the_file_is_refused_cleanly() -> None:
    """Flipping raw bytes of the zip (compressed data, headers) never gets through and never
    raises anything but a PackageError."""
    data = make_package(new_signer())
    step = max(1, len(data) // 400)
    accepted = []
    for i in range(0, len(data), step):
        damaged = data[:i] + bytes([data[i] ^ 0x55]) + data[i + 1 :]
        try:
            verify_package_bytes(damaged)
        except PackageError:
            continue
        accepted.append(i)
    # A flip in a zip header field that no reader uses (e.g. the "version made by" byte or
    # a timestamp) leaves every checked byte intact: that package is still the signed one.
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        signed = {i.filename: original.read(i) for i in original.infolist()}
    for i in accepted:
        damaged = data[:i] + bytes([data[i] ^ 0x55]) + data[i + 1 :]
        with zipfile.ZipFile(io.BytesIO(damaged)) as z:
            assert {x.filename: z.read(x) for x in z.infolist()} == signed


def test_signature_by_another_key_is_refused() -> None:
    """A manifest re-signed by another key but keeping the original sender key."""
    data = make_package(new_signer())
    other = new_signer()

    def resign(name: str, content: bytes) -> bytes:
        if name == "manifest.sig":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return other.sign(z.read("manifest.json"))
        return content

    assert refused(rezip(data, resign)).reason == "signature"


def test_key_swapped_with_its_signature_is_refused() -> None:
    """An attacker re-signs with their key and puts their key in sender.pem, but the
    manifest still names the school's key."""
    data = make_package(new_signer())
    other = new_signer()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        manifest = z.read("manifest.json")

    def swap(name: str, content: bytes) -> bytes:
        return {"manifest.sig": other.sign(manifest), "sender.pem": other.public_pem()}.get(
            name, content
        )

    assert refused(rezip(data, swap)).reason == "key_mismatch"


def test_changed_figure_re_signed_by_attacker_shows_attackers_fingerprint() -> None:
    """A fully re-signed package is intact, but under the attacker's fingerprint (trust
    then decides: unknown, held)."""
    school, attacker = new_signer(), new_signer()
    data = make_package(school)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        manifest = json.loads(z.read("manifest.json"))
    manifest["figures"]["counselors"] = 99
    manifest["sender"]["public_key"] = attacker.public_key_b64
    manifest["sender"]["fingerprint"] = attacker.fingerprint
    raw = dump_manifest(manifest)

    def forge(name: str, content: bytes) -> bytes:
        return {
            "manifest.json": raw,
            "manifest.sig": attacker.sign(raw),
            "sender.pem": attacker.public_pem(),
        }.get(name, content)

    package = verify_package_bytes(rezip(data, forge))
    assert package.fingerprint == attacker.fingerprint != school.fingerprint


@pytest.mark.parametrize("entry", ENTRIES)
def test_missing_entry_is_refused(entry: str) -> None:
    data = make_package(new_signer())
    error = refused(rezip(data, lambda name, c: None if name == entry else c))
    assert error.reason in {"missing_entry", "missing_member"}


def test_extra_entry_is_refused() -> None:
    data = make_package(new_signer())
    with zipfile.ZipFile(io.BytesIO(data), "a") as z:
        pass
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as z:
        z.writestr("extra.txt", b"not signed")
    assert refused(out.getvalue()).reason == "unlisted_member"


def _resigned(manifest_change: Callable[[dict[str, object]], None]) -> bytes:
    signer = new_signer()
    data = make_package(signer)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        manifest = json.loads(z.read("manifest.json"))
    manifest_change(manifest)
    raw = dump_manifest(manifest)
    return rezip(
        data,
        lambda name, c: {"manifest.json": raw, "manifest.sig": signer.sign(raw)}.get(name, c),
    )


def test_unknown_format_version_is_refused_with_its_reason() -> None:
    error = refused(_resigned(lambda m: m.update(format_version=3)))
    assert error.reason == "format_version"
    set_language("en")
    assert "Install the newest cxdesk" in error.render()


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.update(sequence=0),
        lambda m: m.update(sequence="1"),
        lambda m: m.update(kind="bomb"),
        lambda m: m.update(created_at="yesterday"),
        lambda m: m["sender"].update(name="x" * 101),
        lambda m: m["sender"].update(name="a\x00b"),
        lambda m: m["sender"].update(code="21532300"),
        lambda m: m["sender"].update(role="king"),
        lambda m: m["period"].update(label="../../etc"),
        lambda m: m["members"][0].update(name="../evil.xlsx"),
        lambda m: m["members"][0].update(name="C:/evil.xlsx"),
        lambda m: m["figures"].update(counselors=-1),
        lambda m: m["figures"].update(counselors="1e99"),
        lambda m: m.update(counts={"counselor": 10**12}),
        lambda m: m.update(format="zip"),
    ],
)
def test_malformed_or_over_long_manifest_values_are_refused(
    change: Callable[[dict[str, object]], None],
) -> None:
    assert refused(_resigned(change)).reason in {
        "manifest_field",
        "manifest_period",
        "format",
        "member_hash",
        "unlisted_member",
    }


@pytest.mark.parametrize(
    "raw",
    [
        b'{"format": "cxdesk-package", "format": "cxdesk-package"}',
        b'{"format": NaN}',
        b"[" * 100_000 + b"]" * 100_000,
        b"\xff\xfe not utf-8",
        b"[]",
    ],
)
def test_manifest_that_is_not_strict_json_is_refused(raw: bytes) -> None:
    signer = new_signer()
    data = make_package(signer)
    forged = rezip(
        data,
        lambda name, c: {"manifest.json": raw, "manifest.sig": signer.sign(raw)}.get(name, c),
    )
    assert refused(forged).reason == "manifest_json"


def test_wrong_kind_is_refused() -> None:
    data = make_package(new_signer())
    with pytest.raises(PackageError) as info:
        verify_package_bytes(data, kinds=("receipt", "return"))
    assert info.value.reason == "wrong_kind"
