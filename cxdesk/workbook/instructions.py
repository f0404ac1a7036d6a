"""The 说明 (instructions) sheet: what each sheet is, how rows are matched, what is required.

Written from the layout, so it never disagrees with the columns.  The workbook is for
people in Chuxiong's schools and is in Chinese.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from cxdesk.workbook.layout import (
    DATA_SHEETS,
    KIND_LABELS,
    MAX_CELL_CHARS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    Column,
)

TITLE = "楚雄州中小学心理健康教育教师配备情况 · 数据填报表"

GENERAL = (
    "填写方法",
    [
        "1. 每张表的第1行是表头，请不要修改、删除或调换表名和表头；从第2行起每行填一条记录。",
        "2. 表头为红色的列必须填写。选择类的列请从下拉列表中选择。",
        "3. 身份证号、学校标识码、电话请按文本填写（本模板已设为文本格式）；日期写成 2021-09-01；"
        "面积以平方米为单位，最多一位小数。",
        "4. 只填数值：不要使用公式、合并单元格；可以复制后“选择性粘贴 → 数值”。",
        "5. 导入时整张表格一起检查：只要有一处问题就什么都不保存，并列出每个问题所在的表、行和列；"
        "改正后重新导入即可。同一份表格导入多次不会产生重复记录。",
        "6. 本表格用 Excel 或 WPS 填写后保存为 .xlsx 格式，再在 cxdesk 的“Excel 导入”页选择这个文件："
        "程序先列出将要新增和修改的记录，确认后才导入。",
    ],
)

MATCHING = (
    "已有记录如何对应",
    [
        "教师：按身份证号对应已有教师；未填身份证号时按姓名和出生日期对应。对应上的就更新，不会重复添加。",
        "证书、参训：用“教师姓名”和“教师身份证号”（或“教师出生日期”）写明是哪位教师；"
        "只有一位教师叫这个名字时，写姓名即可。",
        "辅导室：按辅导室名称对应。培训：按培训名称和开始日期对应；参训表用同样的名称和开始日期写明是哪次培训。",
        "“教师”表中列出的教师，其证书以“证书”表为准；“培训”表中列出的培训，参训名单以“参训”表为准。"
        "表格中没有列出的已有记录保持不变，不会被删除。",
    ],
)

LIMITS = (
    "限制",
    [
        f"每张表最多 {MAX_DATA_ROWS} 行数据；每个单元格最多 {MAX_CELL_CHARS} 个字；"
        f"文件不超过 {MAX_FILE_BYTES // 2**20} MB。",
        "“汇总”表（导出时才有）和其他自己加的表、表头右侧自己加的列在导入时不读取。",
    ],
)


def _describe(column: Column) -> str:
    parts = [KIND_LABELS[column.kind][0]]
    if column.note is not None:
        parts.append(column.note.render("zh"))
    if column.codes is not None and len(column.codes) <= 16:
        parts.append("可选：" + "、".join(c.zh for c in column.codes))
    return "；".join(parts)


def write_instructions(ws: Worksheet) -> None:
    bold = Font(bold=True)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 8
    ws.column_dimensions["C"].width = 90
    row = 1
    ws.cell(row, 1, TITLE).font = Font(bold=True, size=14)
    row += 2
    for heading, lines in (GENERAL, MATCHING, LIMITS):
        ws.cell(row, 1, heading).font = bold
        row += 1
        for line in lines:
            ws.cell(row, 1, line)
            row += 1
        row += 1
    for sheet in DATA_SHEETS:
        ws.cell(row, 1, f"“{sheet.name}”表").font = bold
        ws.cell(row, 3, sheet.description.render("zh")).alignment = Alignment(wrap_text=True)
        row += 1
        for n, heading in enumerate(("列", "必填", "填写说明"), start=1):
            ws.cell(row, n, heading).font = bold
        row += 1
        for column in sheet.columns:
            ws.cell(row, 1, column.header)
            ws.cell(row, 2, "必填" if column.required else "")
            ws.cell(row, 3, _describe(column)).alignment = Alignment(wrap_text=True)
            row += 1
        row += 1
