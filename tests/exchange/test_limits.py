"""Limits per kind of package, checked before the file is read whole (limits.py)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from cxdesk.exchange.archive import MIB
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.limits import (
    COUNTY_PACKAGE_LIMITS,
    SCHOOL_PACKAGE_LIMITS,
    limits_for_bytes,
    read_package_file,
)
from cxdesk.exchange.verify import verify_package, verify_package_bytes
from tests.exchange.conftest import make_package, new_signer, small_workbook


def padded(data: bytes, extra_bytes: int) -> bytes:
    """``data`` with a stored (uncompressed) member of random-looking bytes appended."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        z.writestr("padding.bin", bytes(range(256)) * (extra_bytes // 256))
    return out.getvalue()


def test_a_school_package_gets_the_school_limits_even_at_the_prefecture() -> None:
    data = make_package(new_signer())
    limits, kind = limits_for_bytes(data, ("report", "county-report"))
    assert kind == "report" and limits == SCHOOL_PACKAGE_LIMITS


def test_a_county_package_gets_the_county_limits_only_where_one_is_wanted() -> None:
    members = {"schools.json": b"[]", "register.json": b"[]"}
    data = make_package(new_signer(), members, kind="county-report")
    limits, kind = limits_for_bytes(data, ("report", "county-report"))
    assert kind == "county-report" and limits == COUNTY_PACKAGE_LIMITS
    # At a county bureau only school packages are wanted: the strict limits apply, and the
    # verifier then says what the file is.
    limits, kind = limits_for_bytes(data, ("report",))
    assert kind is None and limits == SCHOOL_PACKAGE_LIMITS
    with pytest.raises(PackageError) as info:
        verify_package_bytes(data, kinds=("report",))
    assert info.value.reason == "wrong_kind"


def test_a_school_package_over_64_mib_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.cxpkg"
    path.write_bytes(padded(make_package(new_signer()), 70 * MIB))
    tracemalloc.start()
    try:
        with pytest.raises(PackageError) as info:
            read_package_file(path, ("report", "county-report"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.reason == "too_large"
    assert "67108864" in info.value.message.render("zh")  # the school limit, not 512 MiB
    assert peak < 4 * MIB  # the end record and the manifest only


def test_a_school_package_with_more_than_16_entries_is_refused_at_the_prefecture() -> None:
    members = {"workbook.xlsx": small_workbook()}
    members.update({f"extra{n}.txt": b"x" for n in range(14)})
    data = make_package(new_signer(), members)
    with pytest.raises(PackageError) as info:
        verify_package_bytes(data, kinds=("report", "county-report"))
    assert info.value.reason == "too_many_entries"


def test_a_small_zip_claiming_huge_members_is_refused_before_inflating() -> None:
    """0.5 MB that inflates to 470 MiB: the sizes it states exceed the school limits, so
    nothing is decompressed (the old county limits inflated it in memory first)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(10):
            entry = zipfile.ZipInfo(f"part{n}.bin")
            entry.compress_type = zipfile.ZIP_DEFLATED
            with z.open(entry, "w") as member:
                for _ in range(47):
                    member.write(bytes(MIB))
    data = out.getvalue()
    assert len(data) < 1 * MIB
    tracemalloc.start()
    try:
        with pytest.raises(PackageError) as info:
            verify_package_bytes(data, kinds=("report", "county-report"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.reason == "total_too_large"
    assert peak < 8 * MIB


def test_verify_command_reads_a_receipt_with_the_reply_limits(tmp_path: Path) -> None:
    data = padded(
        make_package(
            new_signer(),
            {},
            kind="receipt",
            extra={
                "subject": {
                    "sender_code": "2153230001",
                    "period": "2026",
                    "sequence": 1,
                    "package_sha256": "0" * 64,
                }
            },
        ),
        9 * MIB,
    )
    path = tmp_path / "big_receipt.cxreply"
    path.write_bytes(data)
    with pytest.raises(PackageError) as info:
        verify_package(path)
    assert info.value.reason == "too_large"
