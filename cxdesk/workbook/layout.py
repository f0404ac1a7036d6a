"""The one definition of the data-entry workbook: sheets, columns, headers, types, limits.

The template, the importer and the export all read this module, so a column added here
appears in all three at once.  ``docs/workbook.md`` describes the same layout for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cxdesk import reference as ref
from cxdesk.i18n import Text
from cxdesk.reference import Choice, CodeList

#: Refusal limits for a workbook (documented in docs/workbook.md): a school's real workbook
#: is a few hundred rows and well under a megabyte.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_DATA_ROWS = 2000
#: Rows beyond this are not even read: a sheet that reaches it is refused as a whole.
MAX_SCANNED_ROWS = 20_000
#: Columns beyond this are not read (an extra column of notes to the right is fine).
MAX_COLUMNS = 60
#: A sheet whose cells span a larger grid (rows × columns, from A1) is refused before it is
#: read: the reader holds the whole grid (20,000 rows × 200 columns; 2,000 × 2,000).
MAX_SCANNED_CELLS = 4_000_000
MAX_CELL_CHARS = 1000

#: The template's drop-downs and text formats cover this many data rows.
TEMPLATE_ROWS = 1000

YES_NO = CodeList("yes_no", [Choice("yes", "是", "Yes"), Choice("no", "否", "No")])


class Kind(Enum):
    """How a column's cells are read and written."""

    TEXT = "text"
    #: A resident identity number: kept as text (as a number Excel loses the last digits).
    IDENTITY = "identity"
    #: A phone number or a code that must keep its leading zeros: text.
    CODE_TEXT = "code_text"
    #: A label of a code list, chosen from a drop-down.
    CHOICE = "choice"
    #: 是 / 否.
    YES_NO = "yes_no"
    DATE = "date"
    INTEGER = "integer"
    #: m² with at most one decimal, stored as integer tenths.
    AREA = "area"


KIND_LABELS: dict[Kind, tuple[str, str]] = {
    Kind.TEXT: ("文字", "text"),
    Kind.IDENTITY: ("文本格式的18位身份证号", "18-character identity number, as text"),
    Kind.CODE_TEXT: ("文本格式", "text (keeps leading zeros)"),
    Kind.CHOICE: ("下拉选择", "choice from the drop-down"),
    Kind.YES_NO: ("是/否", "yes/no"),
    Kind.DATE: ("日期，如 2021-09-01", "date, such as 2021-09-01"),
    Kind.INTEGER: ("整数", "whole number"),
    Kind.AREA: ("数字，最多一位小数", "number with at most one decimal"),
}


@dataclass(frozen=True)
class Column:
    """One column: its header, what it holds and where it goes.

    ``field`` is the attribute of the input dataclass (``cxdesk.services.records``) or, for
    a reference to another sheet, a name of the reference (``counselor_name``, ...).
    """

    header: str
    header_en: str
    field: str
    kind: Kind
    required: bool = False
    codes: CodeList | None = None
    max_length: int = 100
    width: int = 14
    #: What a person should know about the column (shown on the instructions sheet).
    note: Text | None = None
    #: A column added later: a workbook made before it (a school's old template, an older
    #: cxdesk's package at the bureau) lacks it and is read as if the column were empty.
    may_be_absent: bool = False


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook; ``table`` names the rule table its rows go to."""

    key: str
    name: str
    name_en: str
    table: str
    columns: tuple[Column, ...]
    description: Text

    def column(self, field: str) -> Column:
        for column in self.columns:
            if column.field == field:
                return column
        raise KeyError(field)

    def column_for_field(self, field: str | None) -> Column | None:
        return next((c for c in self.columns if c.field == field), None)


def _text(
    header: str,
    en: str,
    field: str,
    *,
    required: bool = False,
    max_length: int = 100,
    width: int = 16,
) -> Column:
    return Column(header, en, field, Kind.TEXT, required, None, max_length, width)


def _choice(
    header: str,
    en: str,
    field: str,
    codes: CodeList,
    *,
    required: bool = False,
    width: int = 14,
    note: Text | None = None,
) -> Column:
    return Column(header, en, field, Kind.CHOICE, required, codes, 100, width, note)


def _date(
    header: str,
    en: str,
    field: str,
    *,
    required: bool = False,
    note: Text | None = None,
    may_be_absent: bool = False,
) -> Column:
    return Column(header, en, field, Kind.DATE, required, None, 10, 13, note, may_be_absent)


def _yes_no(
    header: str, en: str, field: str, *, width: int = 12, may_be_absent: bool = False
) -> Column:
    return Column(
        header,
        en,
        field,
        Kind.YES_NO,
        False,
        YES_NO,
        2,
        width,
        Text("空白为“否”", "blank means no"),
        may_be_absent,
    )


_COUNSELOR_REFERENCE = (
    _text("教师姓名", "Counselor name", "counselor_name", required=True, max_length=50, width=12),
    Column(
        "教师身份证号",
        "Counselor identity number",
        "counselor_identity",
        Kind.IDENTITY,
        max_length=18,
        width=21,
        note=Text(
            "填写后按身份证号找教师；不填则按姓名和出生日期找",
            "finds the counselor by identity number; when blank, by name and birth date",
        ),
    ),
    _date("教师出生日期", "Counselor birth date", "counselor_birth_date"),
)

SCHOOL = Sheet(
    "school",
    "学校",
    "School",
    "school",
    (
        Column(
            "学校标识码",
            "School code",
            "code",
            Kind.CODE_TEXT,
            True,
            max_length=10,
            width=14,
            note=Text("必须是本校的标识码", "must be this school's code"),
        ),
        _text("学校名称", "School name", "name", required=True, width=28),
        _choice("所在县市", "County", "county_code", ref.COUNTIES, required=True),
        _choice("学校类别", "Kind of school", "kind", ref.SCHOOL_KINDS, required=True, width=18),
        _yes_no("山区学校", "Mountain area", "mountain"),
        Column("在校生数", "Enrolment", "enrolment", Kind.INTEGER, width=10),
        Column(
            "寄宿生数",
            "Boarders",
            "boarders",
            Kind.INTEGER,
            width=10,
            note=Text("在校住宿的学生人数", "pupils who board at the school"),
            may_be_absent=True,
        ),
        _text("联系人", "Contact person", "contact_person", max_length=50, width=12),
        Column(
            "联系电话", "Contact phone", "contact_phone", Kind.CODE_TEXT, max_length=30, width=16
        ),
    ),
    Text(
        "本校基本情况，只填一行。可以不填（保留现有信息）；填写时学校标识码必须是本校的。",
        "The school's details, one row. May stay empty (the stored details are kept); when "
        "filled, the code must be this school's.",
    ),
)

COUNSELORS = Sheet(
    "counselors",
    "教师",
    "Counselors",
    "counselor",
    (
        _text("姓名", "Name", "name", required=True, max_length=50, width=12),
        Column(
            "身份证号",
            "Identity number",
            "identity_number",
            Kind.IDENTITY,
            max_length=18,
            width=21,
            note=Text(
                "以文本填写；末位 x 自动改为 X",
                "as text; a lower-case x is stored upper-case",
            ),
        ),
        _choice("性别", "Gender", "gender", ref.GENDERS, width=8),
        _choice("民族", "Ethnic group", "ethnic_group", ref.ETHNIC_GROUPS, width=10),
        _date("出生日期", "Birth date", "birth_date"),
        _choice("专兼职", "Post type", "post_type", ref.POST_TYPES, required=True, width=10),
        _choice(
            "主教学科",
            "Main subject",
            "main_subject",
            ref.SUBJECTS,
            width=12,
            note=Text("兼职教师必须填写", "required for part-time counselors"),
        ),
        _choice("学历", "Education", "education", ref.EDUCATION_LEVELS, width=12),
        _yes_no("心理学专业", "Psychology degree", "psychology_degree"),
        _choice("职称", "Professional title", "title", ref.TITLES, width=12),
        _date(
            "任职日期",
            "Start date",
            "start_date",
            note=Text(
                "开始担任心理健康教育教师的日期", "the date the counselor started in this post"
            ),
        ),
        _yes_no(
            "按心理健康教育教师招聘",
            "Recruited as psychological teacher",
            "recruited_as_psych",
            width=14,
        ),
        _choice(
            "工作室角色",
            "Studio role",
            "studio_role",
            ref.STUDIO_ROLES,
            width=12,
            note=Text(
                "州心理健康教育工作室；空白为“无”", "the prefecture's studio; blank means none"
            ),
        ),
        _choice(
            "在岗状态",
            "Status",
            "status",
            ref.COUNSELOR_STATUSES,
            width=10,
            note=Text("空白为“在岗”", "blank means in post"),
        ),
        _date(
            "离岗日期",
            "Date left",
            "left_date",
            note=Text("已离岗的必须填写", "required when the counselor has left"),
        ),
    ),
    Text(
        "每位心理健康教育教师一行。已有教师按身份证号（未填时按姓名和出生日期）找到并更新，不会重复添加。",
        "One row per counselor. A stored counselor is found by identity number (else name "
        "and birth date) and updated, never added twice.",
    ),
)

#: The rule H-K05 (a certificate is known by its number or its date of issue), as a note.
_NUMBER_OR_DATE = Text("证书编号和发证日期至少填一项", "the number or the date of issue, or both")

CERTIFICATES = Sheet(
    "certificates",
    "证书",
    "Certificates",
    "certificate",
    (
        *_COUNSELOR_REFERENCE,
        _choice(
            "证书类别", "Certificate kind", "kind", ref.CERTIFICATE_KINDS, required=True, width=30
        ),
        _text(
            "证书名称（其他类）",
            "Certificate name (other)",
            "other_name",
            width=22,
        ),
        Column(
            "证书编号",
            "Number",
            "number",
            Kind.CODE_TEXT,
            max_length=50,
            width=16,
            note=_NUMBER_OR_DATE,
        ),
        _text("发证机构", "Issuer", "issuer", width=22),
        _date(
            "发证日期",
            "Date of issue",
            "issued_on",
            note=_NUMBER_OR_DATE,
        ),
    ),
    Text(
        "每本证书一行，写明持证教师。“教师”表中列出的教师，其证书以本表为准（本表没有的证书会被删除）；"
        "未在“教师”表中列出的已有教师，本表的证书是新增的。",
        "One row per certificate, naming its holder. For a counselor listed on 教师 the "
        "certificates are exactly those of this sheet (others are removed); for a stored "
        "counselor not listed there, the rows here are added.",
    ),
)

ROOMS = Sheet(
    "rooms",
    "辅导室",
    "Rooms",
    "counselling_room",
    (
        _text("辅导室名称", "Room name", "name", required=True, width=24),
        _choice("功能", "Function", "function", ref.ROOM_FUNCTIONS, required=True, width=16),
        Column(
            "面积（平方米）",
            "Area (m²)",
            "area_tenths",
            Kind.AREA,
            True,
            width=14,
            note=Text("最多一位小数", "at most one decimal"),
        ),
        Column("建成年份", "Year opened", "year_opened", Kind.INTEGER, width=10),
        _choice(
            "使用状态",
            "Status",
            "status",
            ref.ROOM_STATUSES,
            width=10,
            note=Text("空白为“在用”", "blank means in use"),
        ),
        _date(
            "停用日期",
            "Date closed",
            "closed_on",
            note=Text("停用的必须填写", "required when the room is closed"),
            may_be_absent=True,
        ),
        *(
            _yes_no(f"含{zh}", f"Provides {en}", f"has_{code}", width=12, may_be_absent=True)
            for code, zh, en in (
                ("individual", "个别辅导室", "individual room"),
                ("group", "团体活动室", "group room"),
                ("reception", "办公接待区", "reception area"),
            )
        ),
        Column(
            "等级",
            "Grade",
            "grade",
            Kind.CHOICE,
            codes=ref.ROOM_GRADES,
            width=10,
            note=Text(
                "标准化（达到《中小学心理辅导室建设指南》）或普通；可空白",
                "standard (meets the 2015 guide) or ordinary; may be blank",
            ),
            may_be_absent=True,
        ),
    ),
    Text(
        "每间心理辅导（咨询）室一行。已有辅导室按名称找到并更新。"
        "“功能”所指的基本功能区自动算作具备；综合辅导室请在“含…”三列注明它具备哪些基本功能区。",
        "One row per counselling room. A stored room is found by its name and updated. "
        "A room provides the basic area its function names; for a combined room, say in the "
        "three “Provides …” columns which basic areas it provides.",
    ),
)

EVENTS = Sheet(
    "events",
    "培训",
    "Training",
    "training_event",
    (
        _text("培训名称", "Training title", "title", required=True, max_length=200, width=36),
        _choice("培训级别", "Level", "level", ref.TRAINING_LEVELS, required=True, width=10),
        _text("主办单位", "Organiser", "organiser", width=20),
        _text("培训地点", "Place", "place", width=14),
        _date("开始日期", "Start date", "start_date", required=True),
        _date(
            "结束日期",
            "End date",
            "end_date",
            note=Text("空白为与开始日期同一天", "blank means the start date"),
        ),
        Column("学时", "Hours", "hours", Kind.INTEGER, width=8),
    ),
    Text(
        "每次培训一行。已有培训按培训名称和开始日期找到并更新。",
        "One row per training event. A stored event is found by title and start date.",
    ),
)

ATTENDANCE = Sheet(
    "attendance",
    "参训",
    "Attendance",
    "attendance",
    (
        _text("培训名称", "Training title", "event_title", required=True, max_length=200, width=36),
        _date("培训开始日期", "Training start date", "event_start", required=True),
        *_COUNSELOR_REFERENCE,
    ),
    Text(
        "每人参加一次培训一行（即一人次）。“培训”表中列出的培训，参训名单以本表为准；"
        "未列出的已有培训，本表的参训记录是新增的。",
        "One row per person per event (one person-time). For an event listed on 培训 the "
        "attendees are exactly those of this sheet; for a stored event not listed there, "
        "the rows here are added.",
    ),
)

#: The data sheets, in the order of the workbook (after the instructions).
DATA_SHEETS: tuple[Sheet, ...] = (SCHOOL, COUNSELORS, CERTIFICATES, ROOMS, EVENTS, ATTENDANCE)

INSTRUCTIONS_SHEET = "说明"
#: The hidden sheet holding the drop-down lists.
LISTS_SHEET = "代码表"
#: The summary sheet of an export (ignored on import).
SUMMARY_SHEET = "汇总"


def coded_lists() -> list[CodeList]:
    """Every code list a column uses, once each, in the order of first use."""
    seen: dict[str, CodeList] = {}
    for sheet in DATA_SHEETS:
        for column in sheet.columns:
            if column.codes is not None:
                seen.setdefault(column.codes.name, column.codes)
    return list(seen.values())
