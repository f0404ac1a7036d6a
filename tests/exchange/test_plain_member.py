"""Members read straight from the archive's bytes (archive._plain_member) give exactly what
zipfile gives, and anything unusual is left to zipfile, with its own checks and errors."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxdesk.exchange import archive
from cxdesk.exchange.archive import WORKBOOK_LIMITS, Limits, read_zip
from cxdesk.exchange.errors import PackageError
from tests.exchange.damage import damage, edits_of

LIMITS = Limits(
    max_file_bytes=1 << 20, max_entries=16, max_member_bytes=1 << 18, max_total_bytes=1 << 19
)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.xml", b"<a>" + b"x" * 3000 + b"</a>", compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("b/c.txt", b"plain text " * 40, compress_type=zipfile.ZIP_STORED)
        z.writestr("empty", b"", compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("d.bin", bytes(range(256)) * 8, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


SOUND = _zip()


def _outcome(data: bytes, limits: Limits) -> object:
    try:
        return read_zip(data, limits)
    except PackageError as error:
        return (error.reason, error.render("zh"), error.render("en"))


def _through_zipfile(data: bytes, limits: Limits) -> object:
    """The outcome with every member read through zipfile, as before the straight read."""
    with mock.patch.object(archive, "_plain_member", lambda data, info: None):
        return _outcome(data, limits)


def test_a_sound_archives_members_are_read_straight_and_as_zipfile_reads_them() -> None:
    with zipfile.ZipFile(io.BytesIO(SOUND)) as z:
        for info in z.infolist():
            assert archive._plain_member(SOUND, info) == z.read(info)
    assert read_zip(SOUND, LIMITS) == {
        n: zipfile.ZipFile(io.BytesIO(SOUND)).read(n)
        for n in ("a.xml", "b/c.txt", "empty", "d.bin")
    }


def test_a_member_written_with_a_data_descriptor_is_read_the_same() -> None:
    class Unseekable(io.RawIOBase):  # zipfile then writes the sizes after the data
        def __init__(self) -> None:
            self.buffer = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, b: bytes) -> int:  # type: ignore[override]
            self.buffer += b
            return len(b)

    stream = Unseekable()
    with (
        zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as z,
        z.open("streamed.xml", "w") as member,
    ):
        member.write(b"<s>" + b"y" * 5000 + b"</s>")
    data = bytes(stream.buffer)
    assert read_zip(data, LIMITS) == {"streamed.xml": b"<s>" + b"y" * 5000 + b"</s>"}


def _local_offset(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.getinfo(name).header_offset


def test_unusual_members_are_left_to_zipfile() -> None:
    """Each of these is declined by the straight read, and refused as zipfile refuses it."""
    at = _local_offset(SOUND, "a.xml")
    renamed = bytearray(SOUND)
    renamed[at + 30] = ord("b")  # the local header names another file
    bad_magic = bytearray(SOUND)
    bad_magic[at + 3] = 0
    bad_crc = bytearray(SOUND)
    crc_at = at + 14
    (crc,) = struct.unpack("<L", SOUND[crc_at : crc_at + 4])
    directory = SOUND.rfind(struct.pack("<L", crc))  # the directory's copy: zipfile checks it
    bad_crc[directory : directory + 4] = struct.pack("<L", crc ^ 1)
    for damaged in (bytes(renamed), bytes(bad_magic), bytes(bad_crc)):
        with zipfile.ZipFile(io.BytesIO(damaged)) as z:
            assert archive._plain_member(damaged, z.getinfo("a.xml")) is None
        refused = _outcome(damaged, LIMITS)
        assert isinstance(refused, tuple)
        assert refused == _through_zipfile(damaged, LIMITS)


def test_a_member_reaching_into_the_next_is_read_as_zipfile_reads_it() -> None:
    """Its data said to run over the next member's header (the sizes and CRC-32 in the
    directory made to fit): zipfile refuses it from Python 3.11.8 on ("overlapped
    entries"), an older zipfile reads it; the straight read does what zipfile does."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("a.txt", b"a" * 100)
        z.writestr("b.txt", b"b" * 100)
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        a, b = z.getinfo("a.txt"), z.getinfo("b.txt")
    start = a.header_offset + 30 + len("a.txt")
    longer = bytes(data[start : b.header_offset + 30 + len("b.txt") + 10])
    entry = data.find(b"PK\x01\x02")  # a.txt's entry in the directory
    data[entry + 16 : entry + 28] = struct.pack(
        "<LLL", zlib.crc32(longer), len(longer), len(longer)
    )
    damaged = bytes(data)
    assert _outcome(damaged, LIMITS) == _through_zipfile(damaged, LIMITS)
    with zipfile.ZipFile(io.BytesIO(damaged)) as z:
        info = z.getinfo("a.txt")
        if getattr(info, "_end_offset", None) is not None:  # this zipfile checks overlaps
            assert archive._plain_member(damaged, info) is None


edit = edits_of(SOUND)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(edit, min_size=1, max_size=3))
def test_damaged_archives_read_exactly_as_through_zipfile(
    edits: list[tuple[str, int, bytes]],
) -> None:
    data = damage(SOUND, edits)
    for limits in (LIMITS, WORKBOOK_LIMITS):
        assert _outcome(data, limits) == _through_zipfile(data, limits)
