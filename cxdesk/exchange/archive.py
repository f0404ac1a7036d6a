"""Reading a zip file from an untrusted source into memory, with hard limits.

Nothing is ever extracted to disk.  The sizes a zip file states about itself can lie, so
every limit is checked against the bytes actually read: the file's own size, the
central directory's size (checked from the end record before :mod:`zipfile` parses it,
so a directory of a million entries is never loaded), and the bytes each member yields
when it is decompressed, counted chunk by chunk.  Names must be plain relative paths;
directories, links, encrypted entries, duplicates and unusual compression are refused.
"""

from __future__ import annotations

import functools
import io
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from cxdesk.exchange.errors import refuse
from cxdesk.i18n import Text
from cxdesk.safe_text import safe_text

KIB = 1024
MIB = 1024 * KIB
_CHUNK = 64 * KIB
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
#: The largest central-directory record a name of our format can need (46 + 255 + extra).
_MAX_DIR_RECORD = 46 + 255 + 64

#: One segment of a safe member name: letters, digits and ``. _ - [ ]`` (xlsx parts are
#: named like ``[Content_Types].xml`` and ``_rels/.rels``), but never ``.`` or ``..``.
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9._\[\]-]{1,100}")
_MAX_DEPTH = 6


def is_safe_name(name: str) -> bool:
    """A plain relative path: no absolute path, ``..``, drive letter, backslash or odd byte."""
    if not name or len(name) > 255 or name.startswith("/") or name.endswith("/"):
        return False
    return _safe_segments(name)


@functools.lru_cache(maxsize=512)
def _safe_segments(name: str) -> bool:
    """Each segment of ``name`` (at most 255 characters) safe.  Kept for the same name:
    every package and workbook names the same few members (issue 16)."""
    segments = name.split("/")
    return len(segments) <= _MAX_DEPTH and all(
        _SAFE_SEGMENT.fullmatch(s) and s not in (".", "..") for s in segments
    )


TOO_BIG_FILE = Text(
    "文件过大（{size} 字节，上限 {limit} 字节），不是正常的上报包，已拒收。",
    "The file is too large ({size} bytes, limit {limit}) for a report package; refused.",
)
NOT_A_ZIP = Text(
    "文件不是 cxdesk 上报包（不是 zip 文件，或已损坏），已拒收。",
    "The file is not a cxdesk package (not a zip file, or damaged); refused.",
)
TOO_MANY_ENTRIES = Text(
    "文件内条目过多（{count} 个，上限 {limit} 个），已拒收。",
    "The file holds too many entries ({count}, limit {limit}); refused.",
)


UNSAFE_NAME = Text(
    "文件内含有不安全的条目名“{name}”（绝对路径、“..”、盘符、反斜杠或特殊字符），已拒收。",
    "The file holds an unsafe entry name {name!r} (absolute path, '..', drive letter, "
    "backslash or unusual characters); refused.",
)
DUPLICATE_NAME = Text(
    "文件内条目“{name}”重复出现，已拒收。", "The entry {name!r} appears twice in the file; refused."
)
LINK_OR_DIR = Text(
    "文件内条目“{name}”是目录或链接，已拒收。",
    "The entry {name!r} is a folder or a link; refused.",
)
ENCRYPTED = Text(
    "文件内条目“{name}”经过加密或使用了不支持的压缩方式，已拒收。",
    "The entry {name!r} is encrypted or uses an unsupported compression; refused.",
)
MEMBER_TOO_BIG = Text(
    "文件内条目“{name}”解压后超过 {limit} 字节（可能是“压缩炸弹”），已拒收。",
    "The entry {name!r} unpacks to more than {limit} bytes (a possible zip bomb); refused.",
)
TOTAL_TOO_BIG = Text(
    "文件解压后总大小超过 {limit} 字节（可能是“压缩炸弹”），已拒收。",
    "The file unpacks to more than {limit} bytes in all (a possible zip bomb); refused.",
)
DAMAGED_MEMBER = Text(
    "文件内条目“{name}”已损坏（校验和不符或数据不完整），已拒收。",
    "The entry {name!r} is damaged (checksum mismatch or incomplete data); refused.",
)
UNREADABLE = Text("无法读取文件“{path}”：{reason}", "Cannot read the file {path}: {reason}")


@dataclass(frozen=True)
class Limits:
    """Hard caps for reading one zip file; the defaults fit a school's report package.

    A county package holds its schools' packages, so a bureau passes larger limits.
    """

    max_file_bytes: int = 64 * MIB
    max_entries: int = 16
    max_member_bytes: int = 48 * MIB
    max_total_bytes: int = 64 * MIB


#: Limits for the xlsx workbook inside a package (itself a zip of XML parts).
WORKBOOK_LIMITS = Limits(
    max_file_bytes=48 * MIB, max_entries=256, max_member_bytes=64 * MIB, max_total_bytes=128 * MIB
)


def read_file_bounded(path: Path, limit: int) -> bytes:
    """The whole file, refused if it is larger than ``limit`` (checked on what is read)."""
    try:
        with open(path, "rb") as f:
            size = f.seek(0, io.SEEK_END)
            if size > limit:
                raise refuse("too_large", TOO_BIG_FILE, size=size, limit=limit)
            f.seek(0)
            data = f.read(size + 1)  # read(n) reserves n bytes: the size, not the limit
    except OSError as exc:
        raise refuse("unreadable", UNREADABLE, path=path, reason=exc.strerror or exc) from exc
    if len(data) > limit:
        raise refuse("too_large", TOO_BIG_FILE, size=len(data), limit=limit)
    return data


#: How much of a file's end can hold the end record (its comment is at most 64 KiB).
END_RECORD_SPAN = _EOCD_SIZE + 0xFFFF


def check_end_record(tail: bytes, limits: Limits) -> int:
    """The number of entries the end record announces, refused if it, or the central
    directory's size, is above the limits: ``tail`` is the file's last
    :data:`END_RECORD_SPAN` bytes, so this runs before the file, or its directory, is read."""
    tail = tail[-END_RECORD_SPAN:]
    pos = tail.rfind(_EOCD)
    if pos < 0 or len(tail) - pos < _EOCD_SIZE:
        raise refuse("not_zip", NOT_A_ZIP)
    (_, disk, cd_disk, _on_disk, total, cd_size, _cd_offset, _clen) = struct.unpack(
        "<4sHHHHIIH", tail[pos : pos + _EOCD_SIZE]
    )
    if disk != 0 or cd_disk != 0 or total == 0xFFFF or cd_size == 0xFFFFFFFF:
        # Multi-disk archives and zip64 are never written by cxdesk.
        raise refuse("not_zip", NOT_A_ZIP)
    if total > limits.max_entries or cd_size > limits.max_entries * _MAX_DIR_RECORD:
        raise refuse("too_many_entries", TOO_MANY_ENTRIES, count=total, limit=limits.max_entries)
    return int(total)


def _check_entry(info: zipfile.ZipInfo, seen: set[str]) -> None:
    name = info.filename
    if not is_safe_name(name) or info.orig_filename != name:
        raise refuse("unsafe_name", UNSAFE_NAME, name=safe_text(name[:120]))
    if name in seen:
        raise refuse("duplicate_name", DUPLICATE_NAME, name=name)
    seen.add(name)
    mode = info.external_attr >> 16
    if info.is_dir() or stat.S_ISLNK(mode) or stat.S_ISDIR(mode):
        raise refuse("link_or_dir", LINK_OR_DIR, name=name)
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse("encrypted", ENCRYPTED, name=name)


def read_zip(data: bytes, limits: Limits) -> dict[str, bytes]:
    """Every member of the zip in ``data``, by name, in the order of the archive.

    Raises :class:`~cxdesk.exchange.errors.PackageError` with a one-line reason.
    """
    if len(data) > limits.max_file_bytes:
        raise refuse("too_large", TOO_BIG_FILE, size=len(data), limit=limits.max_file_bytes)
    check_end_record(data[-END_RECORD_SPAN:], limits)
    members: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_entries:
                raise refuse(
                    "too_many_entries", TOO_MANY_ENTRIES, count=len(infos), limit=limits.max_entries
                )
            seen: set[str] = set()
            for info in infos:
                _check_entry(info, seen)
                if info.file_size > limits.max_member_bytes:
                    raise refuse(
                        "member_too_large",
                        MEMBER_TOO_BIG,
                        name=info.filename,
                        limit=limits.max_member_bytes,
                    )
            # The sizes the directory states bound what zipfile will inflate (a member that
            # yields more fails its CRC at the stated size): too large a claim is refused
            # before anything is decompressed.
            if sum(info.file_size for info in infos) > limits.max_total_bytes:
                raise refuse("total_too_large", TOTAL_TOO_BIG, limit=limits.max_total_bytes)
            for info in infos:
                content = _plain_member(data, info)
                if content is None:
                    content = _read_member(archive, info, limits, total)
                total += len(content)
                members[info.filename] = content
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise refuse("not_zip", NOT_A_ZIP) from exc
    return members


#: A member's local header (zipfile's ``structFileHeader``): its signature, flags, name and
#: extra field lengths are what :func:`_plain_member` reads of it.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_UTF8_NAME = 1 << 11
#: Flag bits zipfile refuses to read (patched data, strong encryption) or needs a password for.
_UNREAD_FLAGS = (1 << 5) | (1 << 6) | 1


def _plain_member(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The member's bytes read straight from ``data``, when it is stored as zip writers
    store it: its local header where the directory says, naming it the same way; its
    compressed bytes all in the file; stored, or deflated in one stream that ends exactly
    at the size the directory states; the CRC-32 right.  Then these are the bytes
    ``zipfile`` gives (it inflates the same stream and stops at that size), without its
    file object, chunked reads and locks per member (issue 16: a fifth of reading a
    package ahead).  None for anything else: :func:`_read_member` reads it, with zipfile's
    own checks and errors, exactly as before.  Never more than the stated size is inflated,
    and that size is within the limits already (:func:`read_zip` checks it first).
    """
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size or info.flag_bits & _UNREAD_FLAGS:
        return None
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        return None
    name_end = start + _LOCAL_HEADER.size + fields[10]
    try:
        name = data[name_end - fields[10] : name_end].decode(
            "utf-8" if fields[3] & _UTF8_NAME else "cp437"
        )
    except UnicodeDecodeError:
        return None
    if name != info.orig_filename:
        return None
    begin = name_end + fields[11]
    end = getattr(info, "_end_offset", None)  # zipfile's overlapped-entries check (3.11.8+)
    if end is not None and begin + info.compress_size > end:
        return None
    raw = data[begin : begin + info.compress_size]
    if len(raw) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            return None
        content = raw
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, info.file_size + 1)
        except zlib.error:
            return None
        if not inflater.eof or len(content) != info.file_size:
            return None
    else:
        return None
    return content if zlib.crc32(content) == info.CRC else None


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, total_before: int
) -> bytes:
    """One member, counting the bytes it really yields against both caps."""
    buffer = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                buffer += chunk
                if len(buffer) > limits.max_member_bytes:
                    raise refuse(
                        "member_too_large",
                        MEMBER_TOO_BIG,
                        name=info.filename,
                        limit=limits.max_member_bytes,
                    )
                if total_before + len(buffer) > limits.max_total_bytes:
                    raise refuse("total_too_large", TOTAL_TOO_BIG, limit=limits.max_total_bytes)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise refuse("damaged_member", DAMAGED_MEMBER, name=info.filename) from exc
    return bytes(buffer)
