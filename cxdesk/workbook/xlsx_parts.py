"""An xlsx file from outside, checked as bytes before any XML parser sees it.

The file's size, whether it is an old .xls or a password-protected (encrypted) file,
whether it is a zip at all, how many parts it has and how much they unpack to (what the zip
states, then the bytes each part really yields), and whether any part declares a DTD or an
entity (the "billion laughs" and external-entity attacks: a workbook written by Excel, WPS,
LibreOffice or cxdesk never does).  What passes is the workbook's parts, by name, and the
map from sheet names to their worksheet parts; :mod:`cxdesk.workbook.reading` then surveys
and parses them.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from cxdesk.i18n import Text
from cxdesk.workbook.layout import MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES
from cxdesk.workbook.problems import Problem

CANNOT_READ = Text("无法读取文件“{path}”：{reason}", "Cannot read the file {path}: {reason}")
TOO_BIG = Text(
    "文件太大（{size} MB，上限 {limit} MB），不像是一所学校的填报表",
    "The file is too big ({size} MB, the limit is {limit} MB) for a school's workbook",
)
EMPTY_FILE = Text("文件是空的", "The file is empty")
IS_XLS = Text(
    "这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入。",
    "This is an old Excel (.xls) file. Open it in Excel or WPS and save it as an Excel "
    "workbook (.xlsx), then import that.",
)
IS_ENCRYPTED = Text(
    "文件设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。",
    "The file is protected by a password (encrypted). Remove the password in Excel or WPS, "
    "save it, then import it.",
)
NOT_XLSX = Text(
    "文件不是 Excel 工作簿（.xlsx）。请使用 cxdesk 生成的填报模板。",
    "The file is not an Excel workbook (.xlsx). Use the template that cxdesk makes.",
)
CORRUPT = Text(
    "文件已损坏或不是有效的 Excel 工作簿（.xlsx）：{reason}",
    "The file is damaged or not a valid Excel workbook (.xlsx): {reason}",
)
ZIP_BOMB = Text(
    "文件解压后过大或内部文件过多，拒绝读取",
    "The file would unpack to too much data or too many parts; it is refused",
)
DECLARES_DTD = Text(
    "内部文件“{name}”含有 DTD 或实体声明（可能是“XML 炸弹”）",
    "the part {name} declares a DTD or an entity (a possible XML bomb)",
)
NO_SUCH_PART = Text(
    "工作表“{sheet}”的内部文件“{name}”不存在",
    "the part {name} of the sheet {sheet} is missing",
)

WORKBOOK_PART = "xl/workbook.xml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 16


class WorkbookRefused(Exception):
    """The file as a whole cannot be read; ``problem`` says why (never leaves this package)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.render("en"))
        self.problem = problem


def reason(exc: BaseException) -> str:
    """An exception as a short reason for :data:`CORRUPT`."""
    text = str(exc).strip() or type(exc).__name__
    return text[:200]


def read_file(path: Path) -> bytes:
    """The file's bytes, refused when it is too big to be a school's workbook."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WorkbookRefused(
                Problem(TOO_BIG(size=round(size / 2**20, 1), limit=MAX_FILE_BYTES // 2**20))
            )
        return path.read_bytes()
    except OSError as exc:
        raise WorkbookRefused(Problem(CANNOT_READ(path=path, reason=exc.strerror or exc))) from exc


def unpack(content: bytes) -> dict[str, bytes]:
    """Every part of the xlsx file in ``content``, by name, each one checked for a DTD.

    Raises :class:`WorkbookRefused` for anything that is not a plain xlsx file.
    """
    if not content:
        raise WorkbookRefused(Problem(EMPTY_FILE()))
    if len(content) > MAX_FILE_BYTES:
        size = round(len(content) / 2**20, 1)
        raise WorkbookRefused(Problem(TOO_BIG(size=size, limit=MAX_FILE_BYTES // 2**20)))
    if content.startswith(_OLE_MAGIC):
        # Encrypted .xlsx files are OLE containers with an EncryptionInfo stream.
        encrypted = _ENCRYPTION_STREAM in content
        raise WorkbookRefused(Problem(IS_ENCRYPTED() if encrypted else IS_XLS()))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise WorkbookRefused(Problem(NOT_XLSX()))
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > (
                MAX_UNCOMPRESSED_BYTES
            ):
                raise WorkbookRefused(Problem(ZIP_BOMB()))
            if WORKBOOK_PART not in {i.filename for i in infos}:
                raise WorkbookRefused(Problem(NOT_XLSX()))
            total = 0
            for info in infos:
                data = _read_part(archive, info, MAX_UNCOMPRESSED_BYTES - total)
                total += len(data)
                parts[info.filename] = data
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise WorkbookRefused(Problem(CORRUPT(reason=reason(exc)))) from exc
    check_parts(content, parts)
    return parts


def check_parts(content: bytes, parts: dict[str, bytes]) -> None:
    """The checks of :func:`unpack` on parts unpacked already, by a reader with limits of
    its own (a report package's workbook, cxdesk.exchange.workbook_check): this reader's
    limits, a workbook part, and no DTD or entity in any part."""
    if len(content) > MAX_FILE_BYTES:
        size = round(len(content) / 2**20, 1)
        raise WorkbookRefused(Problem(TOO_BIG(size=size, limit=MAX_FILE_BYTES // 2**20)))
    if len(parts) > MAX_ZIP_ENTRIES or sum(map(len, parts.values())) > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookRefused(Problem(ZIP_BOMB()))
    if WORKBOOK_PART not in parts:
        raise WorkbookRefused(Problem(NOT_XLSX()))
    for name, data in parts.items():
        if declares_dtd(data):
            raise WorkbookRefused(Problem(CORRUPT(reason=DECLARES_DTD(name=name))))


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, allowed: int) -> bytes:
    """One part, counting the bytes it really yields (a zip may state a false size)."""
    buffer = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            buffer += chunk
            if len(buffer) > allowed:
                raise WorkbookRefused(Problem(ZIP_BOMB()))
    return bytes(buffer)


def declares_dtd(data: bytes) -> bool:
    """Whether an XML part declares a DTD or entity, also when it is encoded as UTF-16/32.

    Any part is looked at, whatever its name: a binary part (an image) never holds the
    words, and a part named like an image could still be parsed as XML.
    """
    # The pattern needs a "!", which XML rarely holds: looking for that byte first is a
    # tenth of the search's time (issue 16), and only a part that has one is searched.
    if b"!" in data and _DTD.search(data):
        return True
    if b"\x00" in data[:4] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        for codec in ("utf-16", "utf-32"):
            text = data.decode(codec, errors="ignore").encode("utf-8", errors="ignore")
            if _DTD.search(text):
                return True
    return False


def sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """The worksheet part of each sheet, by the sheet's name, as ``xl/workbook.xml`` and its
    relationships say (the parts were checked for DTDs before they are parsed here)."""
    rels_name = posixpath.join("xl/_rels", "workbook.xml.rels")
    try:
        workbook = parts[WORKBOOK_PART]
    except KeyError as exc:
        raise WorkbookRefused(Problem(CORRUPT(reason=reason(exc)))) from exc
    rels = parts.get(rels_name)
    if len(workbook) + len(rels or b"") <= _KEPT_PARTS_BYTES:
        return dict(_kept_sheet_parts(workbook, rels))
    return dict(_sheet_parts(workbook, rels))


#: The two parts of a workbook made from a template are a few KB: up to this size, their
#: answer is kept (a collect parses them once, not once per package: issue 16).
_KEPT_PARTS_BYTES = 64 * 1024


def _sheet_parts(workbook_xml: bytes, rels_xml: bytes | None) -> tuple[tuple[str, str], ...]:
    """:func:`sheet_parts` of these two parts' bytes."""
    from defusedxml.ElementTree import fromstring  # deferred: only a read parses XML

    try:
        workbook = fromstring(workbook_xml)
        rels = fromstring(rels_xml) if rels_xml is not None else None
    except Exception as exc:  # a damaged XML part: the parser's own errors vary
        raise WorkbookRefused(Problem(CORRUPT(reason=reason(exc)))) from exc
    targets: dict[str, str] = {}
    for rel in _children(rels, "Relationship") if rels is not None else []:
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id") or ""] = posixpath.normpath(path)
    found: dict[str, str] = {}
    for sheet in _children(workbook, "sheet"):
        rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        name = sheet.get("name")
        if name is not None and rel_id in targets:
            found[name] = targets[rel_id]
    return tuple(found.items())


_kept_sheet_parts = functools.lru_cache(maxsize=64)(_sheet_parts)


def _children(root: Any, local_name: str) -> list[Any]:
    """Every element named ``local_name`` under ``root``, whatever its namespace."""
    return [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == local_name]
