"""The printed notice that goes with a bureau key file: the fingerprint, stamped.

The notice is what makes the key file trustworthy: the school types the fingerprint from
the paper, signed and sealed by the bureau, never from the file itself.  The core renders
it as one A4 HTML page (always Chinese: it is an official paper); the desktop app and
``cxdesk key bureau-file`` turn it into a PDF with Qt's printing (cxdesk/ui/shell/key_notice_print.py).
"""

from __future__ import annotations

import html

from cxdesk.exchange.bureau_keyfile import BureauKeys, KeyFile
from cxdesk.exchange.fingerprints import format_fingerprint

NOTICE_TITLE = "心理健康教育数据上报 教育局密钥通知"


def _fingerprint_block(fingerprint: str, size_pt: int) -> str:
    """The 30 digits large: two rows of three groups of five, boxed, in a monospace font."""
    groups = format_fingerprint(fingerprint).split()
    style = (
        f"font-size:{size_pt}pt; font-family: 'DejaVu Sans Mono', Consolas, monospace;"
        " font-weight: bold;"
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td width="33%" align="center" style="{style} white-space: nowrap;">{g}</td>'
            for g in groups[i : i + 3]
        )
        + "</tr>"
        for i in (0, 3)
    )
    return (
        '<table class="fp" width="70%" align="center" border="1" cellspacing="0" '
        f'cellpadding="4">{rows}</table>'
    )


def _local(keys: BureauKeys) -> str:
    return keys.issued_at.strftime("%Y-%m-%d %H:%M") + " UTC"


def render_notice_html(key_file: KeyFile, file_name: str) -> str:
    """The notice of ``key_file`` (written as ``file_name``) as an A4 HTML page."""
    e = html.escape
    keys = key_file.bureau
    table = 'width="100%" border="1" cellspacing="0" cellpadding="3"'
    prefecture = ""
    if key_file.prefecture is not None:
        p = key_file.prefecture
        prefecture = f"""
<p class="head">随附：{e(p.name)}的密钥</p>
<p>本局已按{e(p.name)}盖章的通知登记其密钥；学校登记本密钥文件时一并登记，
上报包同时加密给{e(p.name)}，供其复核。</p>
<table {table}>
<tr><th width="26%" align="left">州局密钥指纹</th><td class="mono">{e(format_fingerprint(p.fingerprint))}</td></tr>
<tr><th width="26%" align="left">州局加密公钥</th><td class="small">{e(p.encryption_key)}</td></tr>
</table>"""
    who = "和州教育体育局" if key_file.prefecture else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{NOTICE_TITLE} — {e(keys.name)}</title>
<style>
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10pt; }}
p.title {{ text-align: center; font-size: 15pt; font-weight: bold; margin-bottom: 1mm; }}
p.head {{ font-size: 11pt; font-weight: bold; margin-top: 3mm; margin-bottom: 1mm; }}
p {{ margin-top: 1mm; margin-bottom: 1mm; }}
p.sub {{ text-align: center; margin-top: 0; }}
th {{ font-weight: normal; text-align: left; }}
td.mono {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 10pt; }}
td.small {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; }}
p.fp-title {{ text-align: center; font-size: 12pt; margin-top: 3mm; margin-bottom: 1mm; }}
</style></head><body>
<p class="title">{NOTICE_TITLE}</p>
<p class="sub">楚雄彝族自治州中小学心理健康教育教师配备情况填报（cxdesk）</p>
<table {table}>
<tr><th width="26%">发布单位</th><td>{e(keys.name)}（{e(keys.code)}）</td></tr>
<tr><th width="26%">密钥文件</th><td>{e(file_name)}</td></tr>
<tr><th width="26%">签发时间</th><td>{e(_local(keys))}</td></tr>
<tr><th width="26%">加密公钥</th><td class="small">{e(keys.encryption_key)}</td></tr>
</table>
<p class="fp-title">密钥指纹（共 30 位数字，6 组，每组 5 位）</p>
{_fingerprint_block(key_file.fingerprint, 22)}
<p class="head">学校如何登记</p>
<p>在 cxdesk 的“上报”页点“导入教育局密钥文件…”，选择随本通知下发的文件“{e(file_name)}”，
再按本通知逐位输入上面的指纹（命令行：cxdesk trust bureau 文件 --fingerprint "指纹"）。
指纹完全一致才会登记；此后本校的上报包加密，只有本局{who}能打开，
本局的回执、退回通知也只认这个密钥。</p>
<p>请只按加盖公章的纸质通知核对指纹，不要采用电话、微信、电子邮件中告知的指纹。
指纹不一致时请勿登记，并与本局联系。</p>
{prefecture}
<table {table} style="margin-top: 3mm;">
<tr><th width="26%">经办人（签字）<br></th><td></td></tr>
<tr><th width="26%">单位公章<br><br></th><td align="right" valign="bottom">（盖章）　　年　　月　　日</td></tr>
</table>
</body></html>
"""
