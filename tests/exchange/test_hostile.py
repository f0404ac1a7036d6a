"""Hostile files: every one refused with a one-line reason, in bounded time and memory,
with nothing written anywhere."""

from __future__ import annotations

import io
import os
import struct
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml import EntitiesForbidden

from cxdesk.exchange.archive import MIB
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.verify import verify_package, verify_package_bytes
from cxdesk.exchange.workbook_check import (
    XmlProtectionMissing,
    check_workbook_bytes,
    ensure_xml_protection,
    package_workbook,
)
from tests.exchange.conftest import make_package, new_signer, small_workbook

ZEROS = bytes(MIB)


def refused(data: bytes | Path) -> PackageError:
    with pytest.raises(PackageError) as info:
        if isinstance(data, Path):
            verify_package(data)
        else:
            verify_package_bytes(data)
    message = info.value.render()
    assert message and "\n" not in message
    return info.value


def zip_with(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, content in entries:
            z.writestr(info, content)
    return out.getvalue()


def streamed_zeros_zip(path: Path, name: str, megabytes: int, method: int) -> None:
    """A zip whose one member is ``megabytes`` MiB of zeros, written without holding it."""
    with zipfile.ZipFile(path, "w", method) as z:
        info = zipfile.ZipInfo(name)
        info.compress_type = method
        with z.open(info, "w", force_zip64=False) as member:
            for _ in range(megabytes):
                member.write(ZEROS)


def test_zip_bomb_is_refused_without_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.cxpkg"
    streamed_zeros_zip(bomb, "workbook.xlsx", 1000, zipfile.ZIP_DEFLATED)  # 1000 MiB in ~1 MiB
    assert bomb.stat().st_size < 5 * MIB
    tracemalloc.start()
    try:
        error = refused(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.reason == "member_too_large"
    assert peak < 32 * MIB


def test_zip_bomb_with_lying_header_is_cut_off_at_the_bytes_read(tmp_path: Path) -> None:
    """The header says 1 KiB; the stream holds 300 MiB: reading stops at the stated size
    and the checksum fails; the real size never reaches memory."""
    bomb = tmp_path / "liar.cxpkg"
    streamed_zeros_zip(bomb, "workbook.xlsx", 300, zipfile.ZIP_DEFLATED)
    data = bytearray(bomb.read_bytes())
    real = struct.pack("<I", 300 * MIB)
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        assert data[at + offset : at + offset + 4] == real
        data[at + offset : at + offset + 4] = struct.pack("<I", 1024)
    tracemalloc.start()
    try:
        error = refused(bytes(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.reason in {"damaged_member", "not_zip"}
    assert peak < 32 * MIB


def test_header_claiming_small_sizes_cannot_exceed_the_member_cap(tmp_path: Path) -> None:
    """Even when the header says 'small' for every member, the bytes actually produced
    are counted: 20 members each stated as 1 KiB but holding 10 MiB are refused."""
    from cxdesk.exchange.archive import Limits, read_zip

    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(5):
            z.writestr(f"m{i}", bytes(10 * MIB))
    limits = Limits(max_entries=16, max_member_bytes=8 * MIB, max_total_bytes=32 * MIB)
    with pytest.raises(PackageError) as info:
        read_zip(path.read_bytes(), limits)
    assert info.value.reason == "member_too_large"
    limits = Limits(max_entries=16, max_member_bytes=16 * MIB, max_total_bytes=32 * MIB)
    with pytest.raises(PackageError) as info:
        read_zip(path.read_bytes(), limits)
    assert info.value.reason == "total_too_large"


def test_100_mb_member_is_refused(tmp_path: Path) -> None:
    deflated = tmp_path / "deflated.cxpkg"
    streamed_zeros_zip(deflated, "workbook.xlsx", 100, zipfile.ZIP_DEFLATED)
    assert refused(deflated).reason == "member_too_large"
    stored = tmp_path / "stored.cxpkg"
    streamed_zeros_zip(stored, "workbook.xlsx", 100, zipfile.ZIP_STORED)
    assert stored.stat().st_size > 100 * MIB
    tracemalloc.start()
    try:
        assert refused(stored).reason == "too_large"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MIB  # the file's size is known before a byte of it is read


def test_too_many_entries_refused_before_the_directory_is_parsed() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for i in range(5000):
            z.writestr(f"e{i}", b"")
    data = out.getvalue()
    assert refused(data).reason == "too_many_entries"
    # The end record lying about the count does not help: the directory's size betrays it.
    eocd = data.rfind(b"PK\x05\x06")
    lying = bytearray(data)
    lying[eocd + 8 : eocd + 12] = struct.pack("<HH", 3, 3)
    assert refused(bytes(lying)).reason == "too_many_entries"


@pytest.mark.parametrize(
    "name",
    [
        "../evil.txt",
        "workbook/../../evil.txt",
        "/etc/passwd",
        "C:/Windows/evil.txt",
        "C:evil.txt",
        "a\\..\\..\\evil.txt",
        "dir/",
        "..",
        "名单.xlsx",
        "a" * 300,
    ],
)
def test_unsafe_entry_names_are_refused_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    before = set(tmp_path.parent.rglob("*"))
    data = make_package(new_signer())
    hostile = zip_with([(name, b"owned")])
    for sample in (hostile, data + b""):
        if sample is data:
            out = io.BytesIO(data)
            with zipfile.ZipFile(out, "a") as z:
                z.writestr(zipfile.ZipInfo(name), b"owned")
            sample = out.getvalue()
        error = refused(sample)
        assert error.reason in {"unsafe_name", "link_or_dir"}
    assert set(tmp_path.parent.rglob("*")) == before


def test_symlink_entry_is_refused() -> None:
    info = zipfile.ZipInfo("workbook.xlsx")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    assert refused(zip_with([(info, b"/etc/passwd")])).reason == "link_or_dir"


def test_duplicate_entry_is_refused() -> None:
    out = io.BytesIO(make_package(new_signer()))
    with zipfile.ZipFile(out, "a") as z, pytest.warns(UserWarning, match="Duplicate name"):
        z.writestr("workbook.xlsx", b"the second one")
    assert refused(out.getvalue()).reason == "duplicate_name"


def test_encrypted_entry_is_refused() -> None:
    data = bytearray(zip_with([("workbook.xlsx", b"x" * 100)]))
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        data[at + offset] |= 0x01
    assert refused(bytes(data)).reason == "encrypted"


@pytest.mark.parametrize("content", [b"", b"hello", os.urandom(5000), b"PK\x05\x06" + bytes(18)])
def test_files_that_are_not_zips_are_refused(content: bytes) -> None:
    assert refused(content).reason in {"not_zip", "missing_entry"}


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
"""


def _bombed_workbook(encoding: str = "utf-8") -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(small_workbook())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = BILLION_LAUGHS.decode().replace(
                    'version="1.0"', f'version="1.0" encoding="{encoding}"'
                )
                content = text.encode(encoding)
            dst.writestr(info, content)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xml_bomb_inside_a_signed_workbook_is_refused_before_parsing(encoding: str) -> None:
    """The package is intact and signed (an attacker can sign with any key); the workbook
    inside is still refused before any XML parser runs."""
    package = verify_package_bytes(
        make_package(new_signer(), {"workbook.xlsx": _bombed_workbook(encoding)})
    )
    with pytest.raises(PackageError) as info:
        package_workbook(package)
    assert info.value.reason == "xml_dtd"
    assert "xl/worksheets/sheet1.xml" in info.value.render()


def test_openpyxl_itself_refuses_entities_through_defusedxml() -> None:
    """The second line of defence: the parser underneath is defusedxml."""
    ensure_xml_protection()
    with pytest.raises(ValueError) as info:
        openpyxl.load_workbook(io.BytesIO(_bombed_workbook()))
    causes = []
    error: BaseException | None = info.value
    while error is not None:
        causes.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, EntitiesForbidden) for e in causes)


def test_xml_protection_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(XmlProtectionMissing):
        check_workbook_bytes(small_workbook())


def test_workbook_that_is_not_xlsx_is_refused() -> None:
    package = verify_package_bytes(
        make_package(new_signer(), {"workbook.xlsx": zip_with([("a.txt", b"x")])})
    )
    with pytest.raises(PackageError) as info:
        package_workbook(package)
    assert info.value.reason == "not_xlsx"


def test_xml_bomb_in_a_part_not_named_xml_is_refused() -> None:
    """[Content_Types].xml and the workbook's relationships may point at any part name:
    the sheet is moved to ``xl/worksheets/sheet1.bin``, declared as a worksheet, and
    still refused before any parser sees it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(small_workbook())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info)
            name = info.filename
            if name == "xl/worksheets/sheet1.xml":
                name, content = "xl/worksheets/sheet1.bin", BILLION_LAUGHS
            elif name.endswith((".rels", "[Content_Types].xml")):
                content = content.replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.bin")
            dst.writestr(name, content)
    package = verify_package_bytes(make_package(new_signer(), {"workbook.xlsx": out.getvalue()}))
    with pytest.raises(PackageError) as refused:
        package_workbook(package)
    assert refused.value.reason == "xml_dtd"
    assert "sheet1.bin" in refused.value.render()
