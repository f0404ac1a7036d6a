"""Writing the data-entry workbook the way WPS and Excel write it, part by part.

openpyxl (which makes cxdesk's template) writes inline strings and few styles; a clerk's
WPS or Excel saves the file again with a shared-string table (rich text runs and phonetic
properties included), dates as serial numbers with a date format (built-in, Chinese, or
custom), and whatever the clerk typed as text stored as text.  This writer produces those
parts directly, so the reader is tested on what those programs write; ``raw`` puts a cell's
XML as given (formulas, error values, odd references).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter as column_letters

from cxdesk.workbook.layout import DATA_SHEETS

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

#: cellXfs of styles.xml: 0 General, then the date formats used in turn, then text ("@").
DATE_STYLES = (
    1,  # numFmtId 14: the built-in short date
    2,  # numFmtId 176: yyyy"年"m"月"d"日", as WPS writes Chinese dates
    3,  # numFmtId 31: the built-in Chinese date (yyyy"年"m"月"d"日" in a Chinese Excel)
    4,  # numFmtId 177: yyyy/m/d
    5,  # numFmtId 58: the built-in Chinese month and day (m"月"d"日")
)
TEXT_STYLE = 6
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="yyyy/m/d;@"/></numFmts><fonts count="2"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><sz val="9"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="58" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


@dataclass
class Options:
    """How the program writes: shared or inline strings, numbers as text, 1904 dates."""

    strings: str = "shared"  # or "inline"
    rich_text: bool = True  # split some strings into runs, with phonetic properties
    numbers_as_text: bool = False
    date1904: bool = False
    #: Write a styled empty cell where a value is missing (as a formatted template has).
    empty_cells: bool = False
    #: Cell XML written as given, by (sheet name, cell reference).
    raw: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Sheets whose data rows are given as XML instead (after the header row).
    raw_rows: dict[str, str] = field(default_factory=dict)


class _Strings:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def add(self, text: str) -> int:
        if text not in self.index:
            self.index[text] = len(self.items)
            self.items.append(text)
        return self.index[text]

    def xml(self, rich: bool) -> str:
        entries = []
        for n, text in enumerate(self.items):
            if rich and len(text) > 3 and n % 2:
                # Excel and WPS keep formatting as runs, and Chinese text gets phonetics.
                half = len(text) // 2
                entries.append(
                    f'<si><r><t xml:space="preserve">{escape(text[:half])}</t></r>'
                    f'<r><rPr><b/><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr>'
                    f'<t xml:space="preserve">{escape(text[half:])}</t></r>'
                    f'<rPh sb="0" eb="1"><t>ピン</t></rPh>'
                    f'<phoneticPr fontId="1" type="noConversion"/></si>'
                )
            else:
                entries.append(
                    f'<si><t>{escape(text)}</t><phoneticPr fontId="1" type="noConversion"/></si>'
                )
        count = len(self.items)
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">{"".join(entries)}</sst>'
        )


def _serial(value: date, date1904: bool) -> float:
    epoch = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    delta = moment - epoch
    return delta.days + delta.seconds / 86400


def _cell(ref: str, value: Any, strings: _Strings, options: Options, n: int) -> str:
    if value is None:
        return f'<c r="{ref}" s="0"/>' if options.empty_cells else ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        style = DATE_STYLES[n % len(DATE_STYLES)]
        return f'<c r="{ref}" s="{style}"><v>{_serial(value, options.date1904):g}</v></c>'
    if isinstance(value, int | float) and not options.numbers_as_text:
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = str(value)
    styled = f' s="{TEXT_STYLE}"' if not isinstance(value, str) else ""
    if options.strings == "inline":
        return f'<c r="{ref}"{styled} t="inlineStr"><is><t>{escape(text)}</t></is></c>'
    return f'<c r="{ref}"{styled} t="s"><v>{strings.add(text)}</v></c>'


def _sheet_xml(
    name: str, headers: list[str], rows: list[dict[str, Any]], strings: _Strings, options: Options
) -> str:
    lines = []
    cells = [
        options.raw.get((name, f"{column_letters(c)}1"))
        or _cell(f"{column_letters(c)}1", h, strings, options, 0)
        for c, h in enumerate(headers, 1)
    ]
    lines.append(f'<row r="1" spans="1:{len(headers)}">{"".join(cells)}</row>')
    if name in options.raw_rows:
        lines.append(options.raw_rows[name])
    else:
        for r, record in enumerate(rows, start=2):
            cells = []
            for c, header in enumerate(headers, 1):
                ref = f"{column_letters(c)}{r}"
                if (name, ref) in options.raw:
                    cells.append(options.raw[(name, ref)])
                else:
                    cells.append(_cell(ref, record.get(header), strings, options, r + c))
            lines.append(f'<row r="{r}" spans="1:{len(headers)}">{"".join(cells)}</row>')
    last = f"{column_letters(len(headers))}{max(1, len(rows) + 1)}"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetPr/><dimension ref="A1:{last}"/>'
        f'<sheetViews><sheetView workbookViewId="0"><selection activeCell="A2" sqref="A2"/>'
        f'</sheetView></sheetViews><sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5"/>'
        f"<sheetData>{''.join(lines)}</sheetData>"
        f'<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        f"</worksheet>"
    )


def write_workbook(rows: dict[str, list[dict[str, Any]]], options: Options | None = None) -> bytes:
    """The six data sheets (headers of the layout, in order) holding ``rows`` by header."""
    options = options or Options()
    strings = _Strings()
    sheets = []
    for sheet in DATA_SHEETS:
        headers = [c.header for c in sheet.columns]
        sheets.append(
            (
                sheet.name,
                _sheet_xml(sheet.name, headers, rows.get(sheet.name, []), strings, options),
            )
        )
    parts: dict[str, str] = {}
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}"
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    parts["docProps/app.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>WPS 表格</Application><AppVersion>12.1.0</AppVersion></Properties>"
    )
    sheet_list = "".join(
        f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, (name, _) in enumerate(sheets, 1)
    )
    date_mode = ' date1904="1"' if options.date1904 else ""
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr{date_mode}/>'
        f'<bookViews><workbookView windowWidth="28800" windowHeight="12420"/></bookViews>'
        f'<sheets>{sheet_list}</sheets><calcPr calcId="144525"/></workbook>'
    )
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    k = len(sheets)
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
        f"{relations}"
        f'<Relationship Id="rId{k + 1}" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{k + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    for n, (_, xml) in enumerate(sheets, 1):
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
    parts["xl/styles.xml"] = STYLES
    parts["xl/sharedStrings.xml"] = strings.xml(options.rich_text)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return out.getvalue()
