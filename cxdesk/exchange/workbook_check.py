"""The workbook inside a verified package, checked before any XML parser sees it.

An xlsx file is itself a zip of XML parts, so it gets the same bounded, in-memory read as
the package (with the workbook's limits), and every part, whatever its name, is refused if
it declares a DTD or an entity (the "billion laughs" and external-entity attacks): a workbook
written by cxdesk, Excel or LibreOffice never does.  The workbook reader
(:mod:`cxdesk.workbook.reading`, python-calamine) then checks and parses it; openpyxl, which
still reads the bureau's register workbooks, parses through defusedxml, and
:func:`ensure_xml_protection` refuses to go on if that protection is not active (it is run at
start and here, in the frozen build too).
"""

from __future__ import annotations

from cxdesk.errors import UserError
from cxdesk.exchange.archive import WORKBOOK_LIMITS, Limits, read_zip
from cxdesk.exchange.errors import refuse
from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.i18n import Text
from cxdesk.workbook.xlsx_parts import declares_dtd

WORKBOOK_NAME = "workbook.xlsx"

NO_PROTECTION = Text(
    "本程序缺少 XML 安全保护组件（defusedxml），为安全起见不能打开任何工作簿。请重新安装 cxdesk。",
    "The XML protection (defusedxml) is missing, so no workbook can be opened safely. "
    "Reinstall cxdesk.",
)
NO_WORKBOOK = Text(
    "上报包中没有工作簿（workbook.xlsx），已拒收。",
    "The package holds no workbook (workbook.xlsx); refused.",
)
NOT_XLSX = Text(
    "上报包中的工作簿不是有效的 xlsx 文件，已拒收。",
    "The workbook in the package is not a valid xlsx file; refused.",
)
XML_DTD = Text(
    "上报包中的工作簿部件“{name}”含有 DTD 或实体声明（可能是“XML 炸弹”），已拒收。",
    "The workbook part {name!r} in the package declares a DTD or an entity (a possible XML "
    "bomb); refused.",
)


class XmlProtectionMissing(UserError):
    """defusedxml is not active: no untrusted XML may be parsed (a broken installation)."""


def ensure_xml_protection() -> None:
    """Raise unless openpyxl parses XML through defusedxml."""
    try:
        import defusedxml  # noqa: F401
        import openpyxl
    except ImportError as exc:
        raise XmlProtectionMissing(NO_PROTECTION()) from exc
    if getattr(openpyxl, "DEFUSEDXML", False) is not True:
        raise XmlProtectionMissing(NO_PROTECTION())


def check_workbook_bytes(content: bytes, *, limits: Limits = WORKBOOK_LIMITS) -> dict[str, bytes]:
    """The parts of an xlsx file from outside, read within limits, no DTD anywhere."""
    ensure_xml_protection()
    parts = read_zip(content, limits)
    if "xl/workbook.xml" not in parts or "[Content_Types].xml" not in parts:
        raise refuse("not_xlsx", NOT_XLSX)
    # Every part, whatever its name: [Content_Types].xml can declare any part name as XML
    # ("xl/worksheets/sheet1.bin"), and the parser follows it.
    for name, data in parts.items():
        if declares_dtd(data):
            raise refuse("xml_dtd", XML_DTD, name=name)
    return parts


def package_workbook(package: VerifiedPackage, *, limits: Limits = WORKBOOK_LIMITS) -> bytes:
    """The checked xlsx bytes of a verified report package, ready for the workbook reader."""
    return workbook_parts(package, limits=limits)[0]


def workbook_parts(
    package: VerifiedPackage, *, limits: Limits = WORKBOOK_LIMITS
) -> tuple[bytes, dict[str, bytes]]:
    """:func:`package_workbook` and the parts it has unpacked (the reader need not again)."""
    content = package.members.get(WORKBOOK_NAME)
    if content is None:
        raise refuse("no_workbook", NO_WORKBOOK)
    return content, check_workbook_bytes(content, limits=limits)
