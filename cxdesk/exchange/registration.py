"""The registration form (备案表): the school's (or bureau's) key fingerprint on paper.

The form is printed, signed, stamped with the seal and handed to the bureau, whose clerk
types the fingerprint into the trust registry (``cxdesk trust add``).  When a key is
replaced the form names the previous fingerprint too, so the bureau revokes it.  The core
renders the form as a self-contained HTML page (A4); the desktop app prints the same page
with Qt's print support, and the command line writes it to a file a browser prints.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.keys import current_key
from cxdesk.models import SigningKey
from cxdesk.reference import COUNTIES
from cxdesk.services.setup import get_installation, own_school

ROLE_NAMES = {"school": "学校", "county": "县市教育体育局", "prefecture": "州教育体育局"}


@dataclass(frozen=True)
class RegistrationForm:
    role: str
    code: str
    name: str
    county: str | None
    fingerprint: str
    key_created: date
    previous_fingerprint: str | None


def registration_form(session: Session) -> RegistrationForm | None:
    """The form's content for this installation's current key (None: no key yet)."""
    installation = get_installation(session)
    key = current_key(session)
    if key is None:
        return None
    previous = session.scalars(
        select(SigningKey)
        .where(SigningKey.retired_at.is_not(None))
        .order_by(SigningKey.retired_at.desc(), SigningKey.id.desc())
    ).first()
    county = None
    if installation.role == "school":
        county = own_school(session).county_code
    return RegistrationForm(
        role=installation.role,
        code=installation.code,
        name=installation.name,
        county=county,
        fingerprint=format_fingerprint(key.fingerprint),
        key_created=key.created_at.date(),
        previous_fingerprint=format_fingerprint(previous.fingerprint) if previous else None,
    )


#: Room to sign in: blank lines (Qt's printing ignores a cell's height; browsers use it).
SIGN_SPACE = "<br>" * 5
#: 年 月 日 with room to write the date (runs of spaces collapse: non-breaking ones).
DATE_GAPS = "&nbsp;" * 12 + "年" + "&nbsp;" * 6 + "月" + "&nbsp;" * 6 + "日"


def render_registration_html(form: RegistrationForm) -> str:
    """The form as an A4 HTML page (Chinese, as it is stamped and filed)."""
    e = html.escape
    county_row = ""
    if form.county:
        county_name = COUNTIES.label(form.county, "zh") if form.county in COUNTIES.codes else ""
        county_row = f"<tr><th>所属县市</th><td>{e(county_name)}（{e(form.county)}）</td></tr>"
    previous_row = ""
    if form.previous_fingerprint:
        previous_row = (
            "<tr><th>原密钥指纹（请作废）</th>"
            f"<td class='fp'>{e(form.previous_fingerprint)}</td></tr>"
        )
    role_name = ROLE_NAMES.get(form.role, form.role)
    code_label = "学校标识码" if form.role == "school" else "行政区划代码"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>数据上报签名密钥备案表 — {e(form.name)}</title>
<style>
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 12pt; }}
h1 {{ text-align: center; font-size: 18pt; margin-bottom: 4mm; }}
p.sub {{ text-align: center; margin-top: 0; }}
table {{ width: 100%; border-collapse: collapse; margin-top: 6mm; }}
th, td {{ border: 1px solid #000; padding: 3mm; text-align: left; vertical-align: top; }}
th {{ width: 32%; font-weight: normal; }}
td.fp {{ font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 16pt; letter-spacing: 1pt; }}
td.sign {{ height: 28mm; }}
p.note {{ font-size: 10pt; margin-top: 6mm; }}
</style></head><body>
<h1>心理健康教育数据上报签名密钥备案表</h1>
<p class="sub">楚雄彝族自治州中小学心理健康教育教师配备情况填报（cxdesk）</p>
<table>
<tr><th>单位类别</th><td>{e(role_name)}</td></tr>
<tr><th>单位名称</th><td>{e(form.name)}</td></tr>
<tr><th>{code_label}</th><td>{e(form.code)}</td></tr>
{county_row}
<tr><th>密钥指纹</th><td class="fp">{e(form.fingerprint)}</td></tr>
<tr><th>密钥生成日期</th><td>{form.key_created.isoformat()}</td></tr>
{previous_row}
<tr><th>经办人（签字）</th><td class="sign">{SIGN_SPACE}</td></tr>
<tr><th>单位负责人（签字）</th><td class="sign">{SIGN_SPACE}</td></tr>
<tr><th>单位公章</th><td class="sign">（盖章）{SIGN_SPACE}<br>{DATE_GAPS}</td></tr>
<tr><th>接收单位登记（登记人、日期）</th><td class="sign">{SIGN_SPACE}</td></tr>
</table>
<p class="note">说明：密钥指纹共 30 位数字，分 6 组，每组 5 位。接收单位核对公章后，在 cxdesk 的“密钥登记”页
按本表逐位登记指纹。更换密钥时须重新填报本表，并由接收单位在“密钥登记”页作废原密钥。</p>
</body></html>
"""
