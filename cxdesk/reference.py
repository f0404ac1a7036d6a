"""Reference data: the fixed code lists of the domain, with Chinese and English labels.

Every coded field in the models stores the ``code`` of one of these lists.  The lists are
the single source for drop-downs, workbook validation lists, checks and the summaries.
See ``docs/reference-data.md`` and ``../shared/reference/domain.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a code list."""

    code: str
    zh: str
    en: str

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class CodeList:
    """An ordered, immutable list of choices, looked up by code or by label."""

    def __init__(self, name: str, choices: list[Choice]) -> None:
        self.name = name
        self.choices: tuple[Choice, ...] = tuple(choices)
        self._by_code = {c.code: c for c in self.choices}
        self._by_label: dict[str, Choice] = {}
        for c in self.choices:
            for key in (c.code, c.zh, c.en, c.en.lower()):
                self._by_label.setdefault(key, c)

    def __iter__(self) -> Iterator[Choice]:
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    def get(self, code: str) -> Choice:
        return self._by_code[code]

    def label(self, code: str | None, lang: str = "zh") -> str:
        if code is None:
            return ""
        choice = self._by_code.get(code)
        return choice.label(lang) if choice else code

    def parse(self, text: str) -> str | None:
        """The code for a code, a Chinese label or an English label; None if unknown."""
        text = text.strip()
        choice = self._by_label.get(text) or self._by_label.get(text.lower())
        return choice.code if choice else None


PREFECTURE_CODE = "532300"
PREFECTURE = Choice(PREFECTURE_CODE, "楚雄彝族自治州", "Chuxiong Yi Autonomous Prefecture")

COUNTIES = CodeList(
    "county",
    [
        Choice("532301", "楚雄市", "Chuxiong City"),
        Choice("532302", "禄丰市", "Lufeng City"),
        Choice("532322", "双柏县", "Shuangbai County"),
        Choice("532323", "牟定县", "Mouding County"),
        Choice("532324", "南华县", "Nanhua County"),
        Choice("532325", "姚安县", "Yao'an County"),
        Choice("532326", "大姚县", "Dayao County"),
        Choice("532327", "永仁县", "Yongren County"),
        Choice("532328", "元谋县", "Yuanmou County"),
        Choice("532329", "武定县", "Wuding County"),
    ],
)

#: Address-code prefixes that identity numbers of the prefecture may carry: the counties and
#: the old code of Lufeng (532331, before 2021) and the prefecture itself.
IDENTITY_ADDRESS_PREFIXES_OLD = {"532331": "532302"}

SCHOOL_KINDS = CodeList(
    "school_kind",
    [
        Choice("primary", "小学", "Primary school"),
        Choice("junior", "初级中学", "Junior secondary school"),
        Choice("senior", "高级中学", "Senior secondary school"),
        Choice("complete", "完全中学", "Complete secondary school"),
        Choice("nine-year", "九年一贯制学校", "Nine-year school"),
        Choice("twelve-year", "十二年一贯制学校", "Twelve-year school"),
        Choice("special", "特殊教育学校", "Special education school"),
        Choice("vocational", "中等职业学校", "Secondary vocational school"),
    ],
)

#: The first two digits of a school identification code and the kinds they fit.
SCHOOL_CODE_KIND_PREFIXES: dict[str, tuple[str, ...]] = {
    "21": ("primary", "nine-year", "twelve-year"),
    "31": ("junior", "nine-year", "complete", "twelve-year"),
    "34": ("senior", "complete", "twelve-year"),
    "36": ("vocational",),
    "51": ("special",),
}
#: 11 (kindergarten) is a valid code prefix but not a school that reports here.
SCHOOL_CODE_PREFIXES = ("11", "21", "31", "34", "36", "51")
YUNNAN_PROVINCE_CODE = "53"

GENDERS = CodeList("gender", [Choice("M", "男", "Male"), Choice("F", "女", "Female")])

ETHNIC_GROUPS = CodeList(
    "ethnic_group",
    [  # GB/T 3304 codes; the groups of Chuxiong first by size, then "other"
        Choice("01", "汉族", "Han"),
        Choice("07", "彝族", "Yi"),
        Choice("03", "回族", "Hui"),
        Choice("04", "藏族", "Tibetan"),
        Choice("06", "苗族", "Miao"),
        Choice("08", "壮族", "Zhuang"),
        Choice("09", "布依族", "Buyei"),
        Choice("14", "白族", "Bai"),
        Choice("16", "哈尼族", "Hani"),
        Choice("18", "傣族", "Dai"),
        Choice("20", "傈僳族", "Lisu"),
        Choice("24", "拉祜族", "Lahu"),
        Choice("27", "纳西族", "Naxi"),
        Choice("97", "其他民族", "Other"),
    ],
)

POST_TYPES = CodeList(
    "post_type",
    [Choice("full_time", "专职", "Full-time"), Choice("part_time", "兼职", "Part-time")],
)

SUBJECTS = CodeList(
    "subject",
    [
        Choice("chinese", "语文", "Chinese"),
        Choice("math", "数学", "Mathematics"),
        Choice("english", "英语", "English"),
        Choice("morality", "道德与法治", "Morality and law"),
        Choice("politics", "思想政治", "Politics"),
        Choice("history", "历史", "History"),
        Choice("geography", "地理", "Geography"),
        Choice("physics", "物理", "Physics"),
        Choice("chemistry", "化学", "Chemistry"),
        Choice("biology", "生物", "Biology"),
        Choice("science", "科学", "Science"),
        Choice("pe", "体育与健康", "Physical education"),
        Choice("music", "音乐", "Music"),
        Choice("art", "美术", "Art"),
        Choice("it", "信息技术", "Information technology"),
        # A full-time counselor teaches the psychological-health lessons themselves.
        Choice("psychology", "心理健康", "Psychological health"),
        Choice("other", "其他学科", "Other subject"),
    ],
)

EDUCATION_LEVELS = CodeList(
    "education",
    [
        Choice("doctorate", "博士研究生", "Doctorate"),
        Choice("master", "硕士研究生", "Master's degree"),
        Choice("bachelor", "大学本科", "Bachelor's degree"),
        Choice("college", "大学专科", "College diploma"),
        Choice("secondary", "中专及以下", "Secondary or below"),
    ],
)

TITLES = CodeList(
    "title",
    [
        Choice("senior_high", "正高级教师", "Professor-level teacher"),
        Choice("senior", "高级教师", "Senior teacher"),
        Choice("first", "一级教师", "First-grade teacher"),
        Choice("second", "二级教师", "Second-grade teacher"),
        Choice("third", "三级教师", "Third-grade teacher"),
        Choice("none", "未评职称", "No title yet"),
    ],
)

STUDIO_ROLES = CodeList(
    "studio_role",
    [
        Choice("none", "无", "None"),
        Choice("host", "主持人", "Host"),
        Choice("member", "成员", "Member"),
    ],
)

COUNSELOR_STATUSES = CodeList(
    "counselor_status",
    [Choice("in_post", "在岗", "In post"), Choice("left", "已离岗", "Left")],
)

#: Certificate kinds, in the order of rank used by the figures: the first two are the
#: national counsellor levels, the rest count as "other recognised", ``other`` last.
CERTIFICATE_KINDS = CodeList(
    "certificate_kind",
    [
        Choice("nc_level2", "国家心理咨询师二级", "National psychological counsellor, level 2"),
        Choice("nc_level3", "国家心理咨询师三级", "National psychological counsellor, level 3"),
        Choice(
            "social_work_skill",
            "心理健康社会工作职业技能证书",
            "Mental-health social work skill certificate",
        ),
        Choice(
            "counselling_skill",
            "心理咨询职业技能证书",
            "Psychological counselling skill certificate",
        ),
        Choice(
            "teacher_qualification",
            "心理健康教育教师资格证",
            "Teacher qualification, psychological-health subject",
        ),
        Choice(
            "professional_registration",
            "专业学会注册资格",
            "Registration with a professional body",
        ),
        Choice("other", "其他（注明名称）", "Other (named)"),
    ],
)
CERT_LEVEL2 = "nc_level2"
CERT_LEVEL3 = "nc_level3"

ROOM_FUNCTIONS = CodeList(
    "room_function",
    [
        Choice("individual", "个别辅导室", "Individual counselling room"),
        Choice("group", "团体活动室", "Group activity room"),
        Choice("reception", "办公接待区", "Reception area"),
        Choice("assessment", "心理测量区", "Assessment area"),
        Choice("relaxation", "放松室", "Relaxation room"),
        Choice("self_help", "自主自助活动区", "Self-help area"),
        Choice("combined", "综合辅导室", "Combined counselling room"),
    ],
)

#: The three basic areas of a counselling room (中小学心理辅导室建设指南, 2015); a code of
#: ROOM_FUNCTIONS each, and the ``has_<code>`` flags of a room.
BASIC_AREAS: tuple[str, ...] = ("individual", "group", "reception")

#: How Yunnan prefectures report a room: 标准化 (meets the guide) or 普通 (ordinary).
ROOM_GRADES = CodeList(
    "room_grade",
    [Choice("standard", "标准化", "Standard"), Choice("ordinary", "普通", "Ordinary")],
)

ROOM_STATUSES = CodeList(
    "room_status",
    [Choice("in_use", "在用", "In use"), Choice("closed", "停用", "Closed")],
)

TRAINING_LEVELS = CodeList(
    "training_level",
    [
        Choice("national", "国家级", "National"),
        Choice("provincial", "省级", "Provincial"),
        Choice("prefecture", "州级", "Prefecture"),
        Choice("county", "县市级", "County"),
        Choice("school", "校级", "School"),
    ],
)

ROLES = CodeList(
    "role",
    [
        Choice("school", "学校", "School"),
        Choice("county", "县市教育体育局", "County bureau"),
        Choice("prefecture", "州教育体育局", "Prefecture bureau"),
    ],
)

#: The date from which "recruited since 2020" counts.
RECRUITED_SINCE = date(2020, 1, 1)

#: Soft-rule bounds for a room's area, in m².
ROOM_AREA_SOFT_MIN_M2 = 10
ROOM_AREA_SOFT_MAX_M2 = 200
#: A school of more pupils than this should have a full-time counselor.
ENROLMENT_NEEDS_FULL_TIME = 1000

ALL_LISTS: tuple[CodeList, ...] = (
    COUNTIES,
    SCHOOL_KINDS,
    GENDERS,
    ETHNIC_GROUPS,
    POST_TYPES,
    SUBJECTS,
    EDUCATION_LEVELS,
    TITLES,
    STUDIO_ROLES,
    COUNSELOR_STATUSES,
    CERTIFICATE_KINDS,
    ROOM_FUNCTIONS,
    ROOM_GRADES,
    ROOM_STATUSES,
    TRAINING_LEVELS,
    ROLES,
)
