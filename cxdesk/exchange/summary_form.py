"""The school's summary form 学校心理健康教育基本情况表: what it shows and its HTML.

The form is the bureau's official paper: always Chinese, whatever the language of the app,
with lines for the principal's signature and room for the seal (公章); identity numbers
never appear on it.  The HTML is for Qt's QTextDocument (its subset of HTML and CSS), which
the desktop app paginates onto A4 (:mod:`cxdesk.ui.school.summary_form`), as the
registration form's is (:mod:`cxdesk.exchange.registration`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cxdesk import reference as ref
from cxdesk.as_of import AsOf
from cxdesk.figures import in_post_at, room_in_use_at, school_figures
from cxdesk.models import CounsellingRoom, Counselor, ReportingPeriod, School

FORM_TITLE = "学校心理健康教育基本情况表"
# QTextDocument collapses runs of spaces, even full-width ones; these keep the gaps.
GAP = "&nbsp;" * 6


@dataclass(frozen=True)
class PersonLine:
    name: str
    gender: str
    post_type: str
    subject: str
    title: str
    start: str
    certificate: str


@dataclass(frozen=True)
class RoomLine:
    name: str
    function: str
    area: Decimal


@dataclass(frozen=True)
class SummaryFormData:
    school: dict[str, str]
    period: str
    reference_date: date
    figures: dict[str, Any]
    people: list[PersonLine]
    rooms: list[RoomLine]


def _highest_certificate(kinds: list[str]) -> str:
    known = [k for k in kinds if k in ref.CERTIFICATE_KINDS]
    if not known:
        return "无"
    best = min(known, key=ref.CERTIFICATE_KINDS.codes.index)
    return ref.CERTIFICATE_KINDS.label(best)


def summary_form_data(
    session: Session, *, school: School, period: ReportingPeriod
) -> SummaryFormData:
    """What the form shows of ``school`` for ``period``."""
    figures = school_figures(session, school=school, period=period)
    as_of = AsOf.of(period)
    counselors = session.scalars(
        select(Counselor)
        .where(Counselor.school_id == school.id, in_post_at(period))
        .options(selectinload(Counselor.certificates))
        .order_by(Counselor.post_type, Counselor.id)
    )
    people = [
        PersonLine(
            name=c.name,
            gender=ref.GENDERS.label(c.gender),
            post_type=ref.POST_TYPES.label(c.post_type),
            subject=ref.SUBJECTS.label(c.main_subject),
            title=ref.TITLES.label(c.title),
            start=c.start_date.isoformat() if c.start_date else "",
            certificate=_highest_certificate(
                [k.kind for k in c.certificates if as_of.certificate_issued(k)]
            ),
        )
        for c in counselors
    ]
    rooms = [
        RoomLine(r.name, ref.ROOM_FUNCTIONS.label(r.function), r.area_m2)
        for r in session.scalars(
            select(CounsellingRoom)
            .where(CounsellingRoom.school_id == school.id, room_in_use_at(period))
            .order_by(CounsellingRoom.id)
        )
    ]
    return SummaryFormData(
        school={
            "name": school.name,
            "code": school.code,
            "county": ref.COUNTIES.label(school.county_code),
            "kind": ref.SCHOOL_KINDS.label(school.kind),
            "enrolment": str(school.enrolment) if school.enrolment is not None else "",
            "mountain": "是" if school.mountain else "否",
            "contact": school.contact_person or "",
            "phone": school.contact_phone or "",
        },
        period=period.label,
        reference_date=period.reference_date,
        figures=figures,
        people=people,
        rooms=rooms,
    )


_CSS = """
body { font-size: 10.5pt; }
h1 { font-size: 17pt; text-align: center; margin: 0; }
p.sub { text-align: center; margin-top: 4px; }
h2 { font-size: 11.5pt; margin-top: 12px; margin-bottom: 4px; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #000; padding: 4px 6px; }
th { font-weight: bold; background: #f0f0f0; }
td.k { background: #f7f7f7; }
td.n { text-align: right; }
td.caption { font-size: 11.5pt; font-weight: bold; border: none; padding: 12px 0 4px 0; }
"""


def _cells(*values: object, header: bool = False) -> str:
    tag = "th" if header else "td"
    return "<tr>" + "".join(f"<{tag}>{escape(str(v))}</{tag}>" for v in values) + "</tr>"


#: The roster's column titles; the last (the highest certificate) takes what is left.
PEOPLE_COLUMNS = ("序号", "姓名", "性别", "专兼职", "主教学科", "职称", "任职日期", "最高证书")
PEOPLE_TITLE = "五、心理健康教育教师名单"
#: The roster's starting column widths (percent): each is widened on the page's own layout
#: until its texts stand on one line (:func:`fit_people_columns`); the certificate keeps
#: the rest.
PEOPLE_START = [5, 8, 5, 6, 8, 8, 10, 50]


def people_table(people: list[PersonLine]) -> list[str]:
    """The roster as a table whose two header rows (the section's title and the column
    titles) repeat at the top of every page it runs onto (``<thead>``), so the title is
    never left alone at the foot of a page."""
    if not people:
        return [f"<h2>{PEOPLE_TITLE}</h2>", "<p>（无）</p>"]
    out = [
        "<table class='grid' width='100%' cellspacing='0'>",
        "<thead>",
        f"<tr><td colspan='{len(PEOPLE_COLUMNS)}' class='caption'>{PEOPLE_TITLE}</td></tr>",
        "<tr>"
        + "".join(
            f"<th width='{w}%'>{title}</th>"
            for w, title in zip(PEOPLE_START, PEOPLE_COLUMNS, strict=True)
        )
        + "</tr>",
        "</thead>",
    ]
    for number, p in enumerate(people, start=1):
        values = (p.name, p.gender, p.post_type, p.subject, p.title, p.start, p.certificate)
        out.append(
            f"<tr><td class='n'>{number}</td>"
            + "".join(f"<td>{escape(v)}</td>" for v in values)
            + "</tr>"
        )
    out.append("</table>")
    return out


STATEMENT = "本表所填数据真实、准确。"


def summary_form_html(data: SummaryFormData) -> str:
    """The form as HTML for QTextDocument (its subset of HTML and CSS)."""
    s, f = data.school, data.figures
    t = f["training_person_times"]
    out = [
        f"<html><head><style>{_CSS}</style></head><body>",
        f"<h1>{FORM_TITLE}</h1>",
        f"<p class='sub'>期次：{escape(data.period)}{GAP}统计时点：{data.reference_date.isoformat()}</p>",
        "<h2>一、学校基本情况</h2>",
        "<table class='grid' width='100%' cellspacing='0'>",
        f"<tr><td class='k' width='18%'>学校名称</td><td width='32%'>{escape(s['name'])}</td>"
        f"<td class='k' width='18%'>学校标识码</td><td width='32%'>{escape(s['code'])}</td></tr>",
        f"<tr><td class='k'>所在县市</td><td>{escape(s['county'])}</td>"
        f"<td class='k'>学校类别</td><td>{escape(s['kind'])}</td></tr>",
        f"<tr><td class='k'>在校学生数</td><td>{escape(s['enrolment'])}</td>"
        f"<td class='k'>山区学校</td><td>{s['mountain']}</td></tr>",
        f"<tr><td class='k'>联系人</td><td>{escape(s['contact'])}</td>"
        f"<td class='k'>联系电话</td><td>{escape(s['phone'])}</td></tr>",
        "</table>",
        "<h2>二、心理健康教育教师配备</h2>",
        "<table class='grid' width='100%' cellspacing='0'>",
        # Titles broken where a reader breaks them, not wherever the column ends.
        "<tr>"
        + "".join(
            f"<th>{title}</th>"
            for title in (
                "教师<br>总数",
                "专职",
                "兼职",
                "二级<br>咨询师",
                "三级<br>咨询师",
                "其他<br>证书",
                "2020年<br>以来招聘",
                "工作室<br>主持人",
                "工作室<br>成员",
            )
        )
        + "</tr>",
        "<tr>"
        + "".join(
            f"<td class='n'>{f[k]}</td>"
            for k in (
                "counselors",
                "full_time",
                "part_time",
                "cert_level2",
                "cert_level3",
                "cert_other",
                "recruited_since_2020",
                "studio_hosts",
                "studio_members",
            )
        )
        + "</tr></table>",
        "<h2>三、心理辅导（咨询）室</h2>",
        f"<p>在用辅导室 {f['rooms']} 间，总面积 {f['room_area_m2']:.1f} 平方米。</p>",
    ]
    if data.rooms:
        out.append("<table class='grid' width='100%' cellspacing='0'>")
        out.append(_cells("序号", "名称", "功能", "面积（平方米）", header=True))
        for number, room in enumerate(data.rooms, start=1):
            out.append(
                f"<tr><td class='n'>{number}</td><td>{escape(room.name)}</td>"
                f"<td>{escape(room.function)}</td><td class='n'>{room.area:.1f}</td></tr>"
            )
        out.append("</table>")
    out += [
        "<h2>四、本期培训人次</h2>",
        "<table class='grid' width='100%' cellspacing='0'>",
        _cells("国家级", "省级", "州级", "县市级", "校级", "合计", header=True),
        "<tr>"
        + "".join(
            f"<td class='n'>{v}</td>"
            for v in (
                t["national"],
                t["provincial"],
                t["prefecture"],
                t["county"],
                t["school"],
                sum(t.values()),
            )
        )
        + "</tr></table>",
    ]
    out += people_table(data.people)
    out += [
        f"<p style='margin-top: 14px;'>{STATEMENT}</p>",
        "<table width='100%' cellspacing='0' style='margin-top: 18px;'>",
        "<tr><td width='55%' style='padding-top: 14px;'>填表人：________________</td>"
        "<td width='45%' style='padding-top: 14px;'>联系电话：________________</td></tr>",
        "<tr><td style='padding-top: 28px;'>校长（签字）：________________</td>"
        # Room for a seal of 42 mm (QTextDocument ignores a cell's height: blank lines).
        "<td rowspan='2' align='center' valign='middle' "
        "style='border: 1px dashed #888; color: #666;'>"
        + "<br>" * 4
        + "（学校公章）"
        + "<br>" * 4
        + "</td></tr>",
        f"<tr><td style='padding-top: 28px;'>填报日期：{GAP}{GAP}年{GAP}月{GAP}日</td></tr>",
        "</table>",
        "</body></html>",
    ]
    return "\n".join(out)
