<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackgroundTask</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupSettings</name>
    <message>
        <source>Daily</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Damaged file set aside</source>
        <translation>另存的损坏文件</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before collecting packages</source>
        <translation>收集上报包前</translation>
    </message>
    <message>
        <source>Before a program upgrade</source>
        <translation>程序升级前</translation>
    </message>
    <message>
        <source>Before an operation</source>
        <translation>操作前</translation>
    </message>
    <message>
        <source>Back up to a folder (a USB stick)</source>
        <translation>备份到文件夹（如 U 盘）</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>从备份文件恢复</translation>
    </message>
    <message>
        <source>cxdesk backups (*.db);;All files (*)</source>
        <translation>cxdesk 备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>cxdesk backs your data up by itself: at the first start of each day, and before every import, collect and program upgrade. It keeps the backups of the last {days} days of use, one a week for {weeks} weeks before that, and the last {ops} taken before each kind of operation. Backups made by hand are never deleted. They are kept in:</source>
        <translation>cxdesk 会自动备份数据：每天第一次启动时，以及每次导入、收集上报包和程序升级之前。保留最近 {days} 个使用日的备份、此前 {weeks} 周每周一份，以及每类操作前最近的 {ops} 份。手动备份从不自动删除。备份保存在：</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Back up to a folder…</source>
        <translation>备份到文件夹…</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Open the backups folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace the current data with the backup from {when}? Changes made after it will have to be entered again. The current data is kept as a backup first.</source>
        <translation>用 {when} 的备份替换当前数据吗？此后所做的修改需要重新录入。当前数据会先另存为一份备份。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restored the backup from {when}.</source>
        <translation>已恢复 {when} 的备份。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>Set deadline</source>
        <translation>设定截止日期</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Search school, county, state, contact…</source>
        <translation>搜索学校、县市、状态、联系人…</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县市</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>学校类别</translation>
    </message>
    <message>
        <source>County packages</source>
        <translation>各县市上报包</translation>
    </message>
    <message>
        <source>Reporting rate</source>
        <translation>报送率</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>To chase</source>
        <translation>待催报</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>报送进度</translation>
    </message>
    <message>
        <source>To chase ({count})</source>
        <translation>待催报（{count}）</translation>
    </message>
    <message>
        <source>{reported} schools reported; {held} held, {returned} returned. Who has not reported is known once the register of schools is loaded.</source>
        <translation>已报 {reported} 所，待确认 {held} 所，退回 {returned} 所。载入应报学校名册后才能知道哪些学校未报。</translation>
    </message>
    <message>
        <source>{expected} schools expected, {reported} reported ({rate}); {held} held, {returned} returned, {missing} not received.</source>
        <translation>应报 {expected} 所，已报 {reported} 所（{rate}）；待确认 {held} 所，已退回 {returned} 所，未报送 {missing} 所。</translation>
    </message>
    <message>
        <source>Deadline {date}.</source>
        <translation>截止日期 {date}。</translation>
    </message>
    <message>
        <source>Export the board</source>
        <translation>导出报送进度</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>BureauCompliance</name>
    <message>
        <source>from {date}</source>
        <extracomment>The columns before the standards: the group and its number of schools.</extracomment>
        <translation>{date}起</translation>
    </message>
    <message>
        <source>Target: {target}% of schools</source>
        <translation>目标：{target}%的学校</translation>
    </message>
    <message>
        <source>{met} meet it, {not_met} do not, {unknown} lack the data, {na} are not concerned</source>
        <translation>达标 {met} 所，未达标 {not_met} 所，缺少数据 {unknown} 所，不适用 {na} 所</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>学校数</translation>
    </message>
    <message>
        <source>target {target}%</source>
        <translation>目标 {target}%</translation>
    </message>
    <message>
        <source>advice</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>School code</source>
        <translation>学校标识码</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县市</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>学校类别</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>上报包</translation>
    </message>
</context>
<context>
    <name>BureauDashboard</name>
    <message>
        <source>Primary</source>
        <extracomment>Short names of the kinds of school, so that the axis labels are not cut off.</extracomment>
        <translation>小学</translation>
    </message>
    <message>
        <source>Junior sec.</source>
        <translation>初中</translation>
    </message>
    <message>
        <source>Senior sec.</source>
        <translation>高中</translation>
    </message>
    <message>
        <source>Complete sec.</source>
        <translation>完中</translation>
    </message>
    <message>
        <source>Nine-year</source>
        <translation>九年制</translation>
    </message>
    <message>
        <source>Twelve-year</source>
        <translation>十二年制</translation>
    </message>
    <message>
        <source>Special ed.</source>
        <translation>特教</translation>
    </message>
    <message>
        <source>Vocational</source>
        <translation>中职</translation>
    </message>
    <message>
        <source>Counselors</source>
        <translation>心理健康教育教师</translation>
    </message>
    <message>
        <source>Full-time</source>
        <translation>专职</translation>
    </message>
    <message>
        <source>Part-time</source>
        <translation>兼职</translation>
    </message>
    <message>
        <source>Full-time share (%)</source>
        <translation>专职教师占比（%）</translation>
    </message>
    <message>
        <source>Full-time share</source>
        <translation>专职占比</translation>
    </message>
    <message>
        <source>Certificates (highest held)</source>
        <translation>持证情况（按最高证书）</translation>
    </message>
    <message>
        <source>National level 2</source>
        <translation>国家心理咨询师二级</translation>
    </message>
    <message>
        <source>National level 3</source>
        <translation>国家心理咨询师三级</translation>
    </message>
    <message>
        <source>Other recognised</source>
        <translation>其他认可证书</translation>
    </message>
    <message>
        <source>Counselling rooms and schools with a room</source>
        <translation>心理辅导室及覆盖率</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>辅导室（间）</translation>
    </message>
    <message>
        <source>Schools with a room (%)</source>
        <translation>有辅导室学校占比（%）</translation>
    </message>
</context>
<context>
    <name>BureauKeyBox</name>
    <message>
        <source>2. Your county bureau&apos;s key</source>
        <translation>2. 县市教育体育局的密钥</translation>
    </message>
    <message>
        <source>Import the bureau&apos;s key file…</source>
        <translation>导入教育局密钥文件…</translation>
    </message>
    <message>
        <source>Type the fingerprint only…</source>
        <translation>只输入指纹…</translation>
    </message>
    <message>
        <source>For a bureau that has no key file yet: its receipts and returns are then checked, but packages cannot be encrypted.</source>
        <translation>适用于还没有密钥文件的教育局：登记后可核验其回执和退回通知，但上报包无法加密。</translation>
    </message>
    <message>
        <source>The key file of {county} is registered (issued {date}; fingerprint {fingerprint}, checked against its stamped notice). Packages are encrypted: only {county} and {prefecture} can open them.</source>
        <translation>{county}的密钥文件已登记（{date} 签发；指纹 {fingerprint}，已与盖章的通知核对）。上报包将加密：只有{county}和{prefecture}能打开。</translation>
    </message>
    <message>
        <source>The key of {county} is registered from its form (fingerprint {fingerprint}): its receipts and returns are checked. Its key file is not registered, so packages cannot be encrypted and exported: import the key file.</source>
        <translation>{county}的密钥已按备案表登记（指纹 {fingerprint}），其回执和退回通知会被核验。但还没有登记它的密钥文件，上报包不能加密，也就不能导出：请导入密钥文件。</translation>
    </message>
    <message>
        <source>The key of {county} is NOT registered from its stamped form: it is only trusted because a first reply came with it (fingerprint {fingerprint}), which anyone could have sent. Import the bureau&apos;s key file and type the fingerprint from its stamped notice; a different key is then revoked. Until then packages cannot be encrypted and exported.</source>
        <translation>{county}的密钥不是按盖章的备案表登记的：只是因为第一份回执带来了它才被信任（指纹 {fingerprint}），而这份回执任何人都可能伪造。请导入教育局的密钥文件，并按盖章的通知输入指纹；与之不同的密钥将被作废。在此之前上报包不能加密，也就不能导出。</translation>
    </message>
    <message>
        <source>The key of {county} is not registered yet: packages cannot be encrypted and exported. Import the key file (.cxkey) the bureau gave with the template, and type the fingerprint from its stamped notice.</source>
        <translation>尚未登记{county}的密钥：上报包不能加密，也就不能导出。请导入教育局随模板下发的密钥文件（.cxkey），并按盖章的通知输入指纹。</translation>
    </message>
</context>
<context>
    <name>BureauKeyDialog</name>
    <message>
        <source>Register the bureau&apos;s key</source>
        <translation>登记教育局的密钥</translation>
    </message>
    <message>
        <source>Type the key fingerprint of {bureau} from the form the bureau stamped with its seal (six groups of five digits). Never take it from an e-mail or a phone call. From then on only receipts and returns signed with this key are accepted.</source>
        <translation>请照教育局加盖公章的备案表填写{bureau}的密钥指纹（六组，每组五位数字）。切勿采用电子邮件或电话中告知的指纹。登记后，只接受用此密钥签名的回执和退回通知。</translation>
    </message>
    <message>
        <source>e.g. notice of the bureau of 2026-03-02</source>
        <translation>例如：教育局 2026-03-02 的通知</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>BureauKeyFileDialog</name>
    <message>
        <source>Import the bureau&apos;s key file</source>
        <translation>导入教育局密钥文件</translation>
    </message>
    <message>
        <source>Choose the key file (.cxkey) of {bureau}, then type the key fingerprint from the notice the bureau signed and stamped (six groups of five digits). Never take it from an e-mail, a chat or a phone call. Only a fingerprint that matches the file registers it; from then on your packages are encrypted for the bureau.</source>
        <translation>请选择{bureau}的密钥文件（.cxkey），再按教育局签字盖章的通知输入密钥指纹（6 组，每组 5 位数字）。切勿采用电子邮件、微信或电话中告知的指纹。只有指纹与文件一致才会登记；此后本校的上报包将为该教育局加密。</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Fingerprint on the notice</source>
        <translation>通知上的指纹</translation>
    </message>
    <message>
        <source>Choose the bureau&apos;s key file</source>
        <translation>选择教育局的密钥文件</translation>
    </message>
    <message>
        <source>Bureau key files (*.cxkey);;All files (*)</source>
        <translation>教育局密钥文件 (*.cxkey);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Issued by {name} ({code}) on {date}.</source>
        <translation>由{name}（{code}）于 {date} 签发。</translation>
    </message>
    <message>
        <source>It carries the key of {prefecture} too.</source>
        <translation>其中还带有{prefecture}的密钥。</translation>
    </message>
</context>
<context>
    <name>BureauOutcome</name>
    <message>
        <source>Accepted</source>
        <extracomment>Collect outcomes as shown (translated in the &quot;BureauOutcome&quot; context).</extracomment>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Already had</source>
        <translation>已有（重复）</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>旧版本（仅存档）</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Withdrawn (key revoked)</source>
        <translation>已撤销（密钥作废）</translation>
    </message>
</context>
<context>
    <name>BureauReview</name>
    <message>
        <source>No earlier package of this school to compare with.</source>
        <translation>该校没有更早的上报包可供比较。</translation>
    </message>
    <message>
        <source>Compared with the package of the previous period ({label}).</source>
        <translation>与上一期次（{label}）的上报包比较。</translation>
    </message>
    <message>
        <source>Compared with the package that counted until its key was revoked ({label}).</source>
        <translation>与密钥作废前计入的上报包比较（{label}）。</translation>
    </message>
    <message>
        <source>Compared with the package it replaced ({label}).</source>
        <translation>与被替换的上报包（{label}）比较。</translation>
    </message>
    <message>
        <source>No figure changed.</source>
        <translation>各项数字均无变化。</translation>
    </message>
    <message>
        <source>New counselors:</source>
        <translation>新增教师：</translation>
    </message>
    <message>
        <source>No longer listed:</source>
        <translation>不再列出：</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This package</source>
        <translation>本上报包</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>比较对象</translation>
    </message>
    <message>
        <source>Must fix</source>
        <translation>必须修改</translation>
    </message>
    <message>
        <source>To explain</source>
        <translation>需说明</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>审核发现</translation>
    </message>
    <message>
        <source>School&apos;s explanation</source>
        <translation>学校的说明</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Identity number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Main subject</source>
        <translation>主教学科</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>辅导室</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>启用年份</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Basic areas</source>
        <translation>基本功能区</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人数</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Your comment</source>
        <translation>您的意见</translation>
    </message>
    <message>
        <source>Person (keyed hash)</source>
        <translation>人员编号（密钥哈希）</translation>
    </message>
    <message>
        <source>Also on the roster of</source>
        <translation>同时在以下学校名册上</translation>
    </message>
    <message>
        <source>Across counties</source>
        <translation>跨县市</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>BureauRosterPage</name>
    <message>
        <source>Search a name, a school or a school code…</source>
        <extracomment>Milliseconds of quiet typing before the search runs (one SQL count and page per pause). Columns never cut to fit the window.</extracomment>
        <translation>搜索姓名、学校或学校标识码…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Roster of teachers</source>
        <translation>教师名册</translation>
    </message>
    <message>
        <source>The psychological-health teachers of every school whose package was accepted for the period. Identity numbers are masked; click a column header to sort.</source>
        <translation>本期上报包已被采用的各校心理健康教育教师。身份证号已部分隐藏；点击列标题可排序。</translation>
    </message>
    <message>
        <source>{count} teachers match</source>
        <translation>{count} 名教师符合</translation>
    </message>
    <message>
        <source>{count} teachers</source>
        <translation>{count} 名教师</translation>
    </message>
</context>
<context>
    <name>BureauStandards</name>
    <message>
        <source>On</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>off</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>要求或提示</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>适用学校</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>How sure</source>
        <translation>可靠程度</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>依据文件</translation>
    </message>
</context>
<context>
    <name>BureauState</name>
    <message>
        <source>Not received</source>
        <translation>未报送</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Received, to review</source>
        <translation>已收到待审核</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已审核接收</translation>
    </message>
</context>
<context>
    <name>BureauSummary</name>
    <message>
        <source>Total</source>
        <extracomment>The figures shown as columns (training is split into its levels).</extracomment>
        <translation>合计</translation>
    </message>
    <message>
        <source>Training: {level}</source>
        <translation>培训人次·{level}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Counted as people: {persons} (roster entries {entries}; {twice} people are on more than one school&apos;s roster).</source>
        <extracomment>The figure behind each tile of the summary page (a tile showing two: their sum). The summary table&apos;s columns before the figures: the group and its code.</extracomment>
        <translation>按人计：{persons} 人（名册记录 {entries} 条；其中 {twice} 人同时在两所及以上学校的名册上）。</translation>
    </message>
    <message>
        <source>Click to see the schools behind this figure</source>
        <translation>点击查看构成这个数字的学校</translation>
    </message>
</context>
<context>
    <name>BureauTables</name>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>County bureau</source>
        <translation>县市教育体育局</translation>
    </message>
    <message>
        <source>Prefecture bureau</source>
        <translation>州教育体育局</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Code</source>
        <extracomment>For a revoked key: from when it is not trusted (None with ``status`` revoked: all).</extracomment>
        <translation>代码</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发送方</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县市</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Why held</source>
        <translation>待确认原因</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Registered from</source>
        <translation>登记依据</translation>
    </message>
    <message>
        <source>Revoked on</source>
        <translation>作废时间</translation>
    </message>
    <message>
        <source>Revoked (all its packages)</source>
        <translation>已作废（全部上报包）</translation>
    </message>
    <message>
        <source>Revoked since {when}</source>
        <translation>自 {when} 起作废</translation>
    </message>
    <message>
        <source>Stamped form</source>
        <translation>盖章备案表</translation>
    </message>
    <message>
        <source>First use</source>
        <translation>首次使用</translation>
    </message>
    <message>
        <source>Statement of the old key</source>
        <translation>原密钥的换钥声明</translation>
    </message>
    <message>
        <source>School code</source>
        <translation>学校标识码</translation>
    </message>
    <message>
        <source>School name</source>
        <translation>学校名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>学校类别</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>(correction)</source>
        <translation>（更正）</translation>
    </message>
    <message>
        <source>{days} day(s) late</source>
        <translation>逾期 {days} 天</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>审核发现</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应报</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已报</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>报送率</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>未报</translation>
    </message>
    <message>
        <source>County package</source>
        <translation>县级上报包</translation>
    </message>
    <message>
        <source>Schools counted</source>
        <translation>已计入学校</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{hard} hard, {soft} soft</source>
        <translation>必改 {hard}，需说明 {soft}</translation>
    </message>
</context>
<context>
    <name>BureauTrends</name>
    <message>
        <source>No period has counted packages yet.</source>
        <translation>还没有任何期次计入上报包。</translation>
    </message>
    <message>
        <source>Counselors over the years</source>
        <translation>历年心理健康教育教师人数</translation>
    </message>
    <message>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Full-time</source>
        <translation>专职</translation>
    </message>
    <message>
        <source>Part-time</source>
        <translation>兼职</translation>
    </message>
    <message>
        <source>Certificates (highest held)</source>
        <translation>证书（按最高证书）</translation>
    </message>
    <message>
        <source>National level 2</source>
        <translation>国家二级</translation>
    </message>
    <message>
        <source>National level 3</source>
        <translation>国家三级</translation>
    </message>
    <message>
        <source>Other recognised</source>
        <translation>其他认可证书</translation>
    </message>
    <message>
        <source>Counselling rooms and their area</source>
        <translation>辅导室间数与面积</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>辅导室（间）</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Training person-times by level</source>
        <translation>各级培训人次</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>The certificate&apos;s name, when it is not in the list</source>
        <translation>列表中没有的证书，请填写证书名称</translation>
    </message>
    <message>
        <source>The number or the date of issue, or both</source>
        <translation>证书编号和发证日期至少填一项</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>证书类别：</translation>
    </message>
    <message>
        <source>Name (other):</source>
        <translation>证书名称（其他）：</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>证书编号：</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>发证机构：</translation>
    </message>
    <message>
        <source>Issued on:</source>
        <translation>发证日期：</translation>
    </message>
</context>
<context>
    <name>ChangesBox</name>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Print the changes…</source>
        <translation>打印变化清单…</translation>
    </message>
    <message>
        <source>Save the changes as PDF…</source>
        <translation>变化清单存为 PDF…</translation>
    </message>
    <message>
        <source>Changes since the last package sent</source>
        <translation>与上次上报相比的变化</translation>
    </message>
    <message>
        <source>No package has been sent yet: everything is new to the bureau.</source>
        <translation>本校还没有上报过：全部数据对教育局都是新的。</translation>
    </message>
    <message>
        <source>Compared with the last package sent: {period}, no. {sequence} ({file}).</source>
        <translation>与上次发送的上报包比较：{period} 期次第 {sequence} 次（{file}）。</translation>
    </message>
    <message>
        <source>Its copy is not in this computer&apos;s outbox: only the figures are compared.</source>
        <translation>本机发件箱中没有该包的副本：只比较数字。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有变化。</translation>
    </message>
    <message>
        <source>Save the changes as PDF</source>
        <translation>变化清单存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <source>Data checks</source>
        <translation>数据检查</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Errors must be corrected before the report is exported. Double-click one, or press Enter, to open the record at the field.</source>
        <translation>导出上报包之前必须改正错误。双击某一行或按 Enter 键，打开该记录并定位到有问题的栏目。</translation>
    </message>
    <message>
        <source>Warnings may be right: correct the record, or keep it with an explanation for the bureau.</source>
        <translation>提醒的情况可能属实：请修改记录，或填写说明后保留（说明会随数据报送教育体育局）。</translation>
    </message>
    <message>
        <source>Open the record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <source>Keep with an explanation…</source>
        <translation>填写说明并保留…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>填写说明</translation>
    </message>
    <message>
        <source>(open)</source>
        <translation>（待处理）</translation>
    </message>
    <message>
        <source>Errors ({n})</source>
        <translation>错误（{n} 个）</translation>
    </message>
    <message>
        <source>Warnings ({n}, {kept} kept with an explanation)</source>
        <translation>提醒（{n} 个，其中 {kept} 条已填写说明）</translation>
    </message>
    <message>
        <source>Everything checked: no errors and no warnings.</source>
        <translation>检查完毕：没有错误，也没有提醒。</translation>
    </message>
    <message>
        <source>No errors. Look at the warnings below; each one can be kept with an explanation.</source>
        <translation>没有错误。请查看下面的提醒，每一条都可以填写说明后保留。</translation>
    </message>
    <message>
        <source>{n} error(s) to correct. Double-click a line, or press Enter, to open the record.</source>
        <translation>有 {n} 个错误需要改正。双击某一行或按 Enter 键打开该记录。</translation>
    </message>
</context>
<context>
    <name>CollectPage</name>
    <message>
        <source>Collect files…</source>
        <translation>收取文件…</translation>
    </message>
    <message>
        <source>Collect a folder or USB drive…</source>
        <translation>收取文件夹或U盘…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>确认接收…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <source>Collect report packages</source>
        <translation>收取上报包</translation>
    </message>
    <message>
        <source>Choose the package files (.cxpkg) or a whole folder or USB drive: every package under it is checked and collected. Collecting the same files again changes nothing.</source>
        <translation>选择上报包文件（.cxpkg），或整个文件夹、U盘：其中每个上报包都会先核验再收取。重复收取同样的文件不会改变任何数据。</translation>
    </message>
    <message>
        <source>Waiting for your decision: {count} package(s)</source>
        <translation>待您确认：{count} 个上报包</translation>
    </message>
    <message>
        <source>No package is waiting for a decision.</source>
        <translation>没有待确认的上报包。</translation>
    </message>
    <message>
        <source>Choose report packages</source>
        <translation>选择上报包</translation>
    </message>
    <message>
        <source>Choose a folder or USB drive</source>
        <translation>选择文件夹或U盘</translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation>正在收取…</translation>
    </message>
    <message>
        <source>Stopping after the current package…</source>
        <translation>当前上报包处理完后停止…</translation>
    </message>
    <message>
        <source>Collected {done} of {total}: {file}</source>
        <translation>已处理 {done} / {total}：{file}</translation>
    </message>
    <message>
        <source>Stopped. {count} package(s) were collected completely; the others were not touched.</source>
        <translation>已停止。{count} 个上报包已完整收取，其余未作任何改动。</translation>
    </message>
    <message>
        <source>The collect stopped on an error.</source>
        <translation>收取因错误而中止。</translation>
    </message>
    <message>
        <source>{name}: {outcome}</source>
        <translation>{name}：{outcome}</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>未接收</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <source>Group</source>
        <extracomment>The total&apos;s lines come first whatever the sort.</extracomment>
        <translation>范围</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>对比期</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Search a school, county or figure…</source>
        <translation>搜索学校、县市或指标…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>compared with</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Rows by</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Compare two periods</source>
        <translation>两期对比</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{now} as of its reference date {now_date}, {base} as of {base_date}; a group that reported in one period only shows “—” for the other.</source>
        <translation>{now} 期次按统计时点 {now_date}，{base} 期次按统计时点 {base_date}；只在一期上报的，另一期显示“—”。</translation>
    </message>
    <message>
        <source>comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation>导出对比表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>ComplianceChart</name>
    <message>
        <source>Schools meeting the standards (%)</source>
        <extracomment>The figure of each bar set of DashboardCharts, chart by chart in the order it draws them (counselors stacked, full-time share, certificates stacked, rooms).</extracomment>
        <translation>达标学校占比（%）</translation>
    </message>
    <message>
        <source>Click a bar to see the schools behind it</source>
        <translation>点击柱条查看对应的学校</translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <source>All counties</source>
        <translation>全部县市</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Rows by</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Double-click a figure (or press Enter) to see the schools behind it.</source>
        <translation>双击某个数字（或按回车键）可查看构成它的学校。</translation>
    </message>
    <message>
        <source>Schools falling short of</source>
        <translation>未达到以下标准的学校：</translation>
    </message>
    <message>
        <source>Compliance with the standards</source>
        <translation>达标情况</translation>
    </message>
    <message>
        <source>{scope}, period {period}: {schools} schools counted, as on {date}. {count} standards in force.</source>
        <translation>{scope}，期次 {period}：计入 {schools} 所学校，统计时点 {date}，生效标准 {count} 条。</translation>
    </message>
    <message>
        <source>Not yet in force: {names}.</source>
        <translation>尚未生效：{names}。</translation>
    </message>
    <message>
        <source>{count} schools</source>
        <translation>{count} 所学校</translation>
    </message>
    <message>
        <source>compliance</source>
        <translation>达标情况</translation>
    </message>
    <message>
        <source>Export compliance</source>
        <translation>导出达标情况</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>ContributionsModel</name>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>上报包</translation>
    </message>
    <message>
        <source>not received</source>
        <translation>未收到</translation>
    </message>
</context>
<context>
    <name>CounselorForm</name>
    <message>
        <source>New counselor</source>
        <translation>新增教师</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>教师信息</translation>
    </message>
    <message>
        <source>18 characters; birth date and gender are read from it</source>
        <translation>18位；出生日期和性别将自动读取</translation>
    </message>
    <message>
        <source>Degree in psychology</source>
        <translation>心理学相关专业学历</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Identity number:</source>
        <translation>身份证号：</translation>
    </message>
    <message>
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <source>Birth date:</source>
        <translation>出生日期：</translation>
    </message>
    <message>
        <source>Ethnic group:</source>
        <translation>民族：</translation>
    </message>
    <message>
        <source>Education:</source>
        <translation>学历：</translation>
    </message>
    <message>
        <source>Recruited as a psychological-health teacher</source>
        <translation>以心理健康教育教师身份招聘</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位信息</translation>
    </message>
    <message>
        <source>Post type:</source>
        <translation>专兼职：</translation>
    </message>
    <message>
        <source>Main subject taught:</source>
        <translation>主教学科：</translation>
    </message>
    <message>
        <source>Professional title:</source>
        <translation>职称：</translation>
    </message>
    <message>
        <source>In this post since:</source>
        <translation>任职日期：</translation>
    </message>
    <message>
        <source>Prefecture studio:</source>
        <translation>州工作室：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Left on:</source>
        <translation>离岗日期：</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发证机构</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Add certificate…</source>
        <translation>添加证书…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>资格证书</translation>
    </message>
    <message>
        <source>Valid: born {date}, {gender}.</source>
        <translation>号码有效：出生日期 {date}，{gender}。</translation>
    </message>
</context>
<context>
    <name>CountyPackagePage</name>
    <message>
        <source>Write the county package…</source>
        <translation>生成县级上报包…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>This bureau&apos;s key fingerprint</source>
        <translation>本局密钥指纹</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>County package for the prefecture</source>
        <translation>报州的县级上报包</translation>
    </message>
    <message>
        <source>The county package holds every school package counted for the period, each unchanged with the school&apos;s own signature, and the county&apos;s register; the county signs the whole. The prefecture checks every signature and sums the schools&apos; data itself.</source>
        <translation>县级上报包包含本期次已计入的全部学校上报包（原样保留各校签名）和本县学校名册，由本局整体签名。州局会逐一核验签名，并根据各校数据自行汇总。</translation>
    </message>
    <message>
        <source>The prefecture bureau registers this bureau&apos;s key from the registration form stamped with the bureau&apos;s seal: check that the fingerprint on the form is the one shown here.</source>
        <translation>州局依据加盖本局公章的备案表登记本局密钥：请核对备案表上的指纹与此处显示的一致。</translation>
    </message>
    <message>
        <source>(created on first use)</source>
        <translation>（首次使用时生成）</translation>
    </message>
    <message>
        <source>{reported} of {expected} expected schools have a counted package ({rate}); {missing} not received, {held} held.</source>
        <translation>应报 {expected} 所学校中已有 {reported} 所计入（{rate}）；未报送 {missing} 所，待确认 {held} 所。</translation>
    </message>
    <message>
        <source>Where to write the county package</source>
        <translation>县级上报包保存位置</translation>
    </message>
    <message>
        <source>Writing the county package…</source>
        <translation>正在生成县级上报包…</translation>
    </message>
    <message>
        <source>Written: {path}
{schools} school packages, number {sequence}, SHA-256 {digest}</source>
        <translation>已生成：{path}
共 {schools} 个学校上报包，序号 {sequence}，SHA-256 {digest}</translation>
    </message>
</context>
<context>
    <name>CountySetupPage</name>
    <message>
        <source>Your county bureau</source>
        <translation>本县市教育体育局</translation>
    </message>
    <message>
        <source>This computer will collect the report packages of the county&apos;s schools and send the county package to the prefecture.</source>
        <translation>本机将收取本县市各校的上报包，并向州局报送县级上报包。</translation>
    </message>
    <message>
        <source>County or city</source>
        <translation>县市</translation>
    </message>
    <message>
        <source>A signing key for the bureau is created now. Its fingerprint goes on the registration form you stamp and send to the prefecture bureau.</source>
        <translation>现在为本局生成签名密钥。其指纹填写在加盖公章、报送州局的备案表上。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>cxdesk had a problem</source>
        <translation>cxdesk 出现问题</translation>
    </message>
    <message>
        <source>cxdesk ran into a problem in the program itself. Your data is safe: every change was saved when it was made, and the last action was not carried out.</source>
        <translation>cxdesk 程序本身出现了问题。您的数据是安全的：每次修改在当时就已保存，刚才的操作没有执行。</translation>
    </message>
    <message>
        <source>You can keep working. If it happens again, send the log file to your county&apos;s technical support. It is here:
{path}</source>
        <translation>可以继续工作。如果再次出现，请把日志文件发给县市的技术支持。日志文件在：
{path}</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Export as PNG…</source>
        <extracomment>The size of the exported picture: a full-HD screen.</extracomment>
        <translation>导出为图片…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>图表大屏</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>达标情况</translation>
    </message>
    <message>
        <source>Over the years</source>
        <translation>历年趋势</translation>
    </message>
    <message>
        <source>{scope} {period}: {counselors} counselors ({full} full-time), {rooms} rooms, {pct} of schools with a room</source>
        <translation>{scope} {period}：心理健康教育教师 {counselors} 人（专职 {full} 人），辅导室 {rooms} 间，{pct} 的学校有辅导室</translation>
    </message>
    <message>
        <source>Export the charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>yyyy-mm-dd</source>
        <extracomment>What may stand in a date field while typing: digits, separators, 年月日 and blanks. The field shows its own problem next to itself (a form adds no hint for it).</extracomment>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Calendar (Alt+Down or F4)</source>
        <translation>日历（Alt+↓ 或 F4）</translation>
    </message>
    <message>
        <source>e.g. 2010-09-01, 20100901 or 2010年9月1日</source>
        <translation>例如 2010-09-01、20100901 或 2010年9月1日</translation>
    </message>
</context>
<context>
    <name>DrilldownDialog</name>
    <message>
        <source>Where the figure comes from</source>
        <translation>数字的来源</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>{part} of {whole} schools.</source>
        <translation>{whole} 所学校中的 {part} 所。</translation>
    </message>
    <message>
        <source>{people} people are on more than one roster; each line is one of their roster entries.</source>
        <translation>{people} 人同时在两所及以上学校的名册上；每行是其中一条名册记录。</translation>
    </message>
    <message>
        <source>The {count} schools below add up to {sum}.</source>
        <translation>以下 {count} 所学校合计 {sum}。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Enter or Ctrl+S</source>
        <extracomment>The kinds of widget a person types or chooses in (the first one gets the cursor).</extracomment>
        <translation>Enter 或 Ctrl+S</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Discard what you typed?</source>
        <translation>放弃已填写的内容？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续填写</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>cxdesk</source>
        <translation>cxdesk 心理健康教育填报</translation>
    </message>
    <message>
        <source>Something went wrong inside cxdesk. The data already saved is safe; the last action was not completed.</source>
        <translation>程序内部出了问题。已保存的数据是安全的；刚才的操作没有完成。</translation>
    </message>
    <message>
        <source>Please try again. If it happens again, tell your county&apos;s technical support and send them the file cxdesk-errors.log from the data folder.</source>
        <translation>请再试一次。如果仍然出现，请联系县市教育体育局的技术支持，并把数据文件夹中的 cxdesk-errors.log 文件发给他们。</translation>
    </message>
</context>
<context>
    <name>ExcelPage</name>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 填报表</translation>
    </message>
    <message>
        <source>1. Fill in the workbook</source>
        <translation>第一步：填写表格</translation>
    </message>
    <message>
        <source>The template has one sheet each for the school, teachers, certificates, rooms, training and attendance, with drop-down lists and an instructions sheet. Fill it in Excel or WPS, then import it here.</source>
        <translation>模板包含学校、教师、证书、辅导室、培训、参训名单各一张表，带下拉选项和填表说明。请用 Excel 或 WPS 填写，然后在这里导入。</translation>
    </message>
    <message>
        <source>Download the template…</source>
        <translation>下载填报模板…</translation>
    </message>
    <message>
        <source>2. Import the filled-in workbook</source>
        <translation>第二步：导入填好的表格</translation>
    </message>
    <message>
        <source>You see first what would be added and changed. Nothing is stored until you confirm, and nothing at all while the workbook has problems.</source>
        <translation>程序会先列出将要新增和修改的内容。确认之前不会保存任何数据；表格有问题时，一条也不会导入。</translation>
    </message>
    <message>
        <source>Choose a workbook…</source>
        <translation>选择表格文件…</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Changed columns</source>
        <translation>修改的栏目</translation>
    </message>
    <message>
        <source>Import these changes</source>
        <translation>确认导入</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>cxdesk-workbook.xlsx</source>
        <translation>心理健康教育教师填报表.xlsx</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>保存填报模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The template is saved as {path}.</source>
        <translation>模板已保存为 {path}。</translation>
    </message>
    <message>
        <source>Writing the template…</source>
        <translation>正在生成模板…</translation>
    </message>
    <message>
        <source>Import a workbook</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>Reading the workbook…</source>
        <translation>正在读取和检查表格…</translation>
    </message>
    <message>
        <source>Imported: {added} added, {updated} updated. The teachers, rooms and training pages show them now.</source>
        <translation>已导入：新增 {added} 条，更新 {updated} 条。教师名册、辅导室和培训页面已显示这些数据。</translation>
    </message>
    <message>
        <source>The data or the file changed since the preview. Look at the new preview and confirm again.</source>
        <translation>预览之后数据或文件有变化。请查看新的预览，再确认一次。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>{file}: {n} problem(s). Nothing will be imported. Correct the workbook and import it again.</source>
        <translation>{file}：有 {n} 处问题，不会导入任何数据。请在表格中改正后重新导入。</translation>
    </message>
    <message>
        <source>{file} matches the stored data: nothing to import.</source>
        <translation>{file} 与已保存的数据完全一致，没有需要导入的内容。</translation>
    </message>
    <message>
        <source>{sheet}: {add} to add, {update} to update</source>
        <translation>{sheet}：新增 {add}，更新 {update}</translation>
    </message>
    <message>
        <source>, {remove} to remove</source>
        <translation>，删除 {remove}</translation>
    </message>
    <message>
        <source>the standards sent by {bureau} on {date}</source>
        <translation>{bureau}于 {date} 下发的达标标准</translation>
    </message>
    <message>
        <source>{file} is ready to import — {what}. Check the list, then press “Import these changes”.</source>
        <translation>{file} 可以导入——{what}。请核对下面的清单，然后点击“确认导入”。</translation>
    </message>
</context>
<context>
    <name>ExplanationDialog</name>
    <message>
        <source>Keep with an explanation</source>
        <translation>填写说明并保留</translation>
    </message>
    <message>
        <source>Why is this right as it is? The bureau reads this explanation.</source>
        <translation>为什么这样填写是对的？教育体育局会看到这段说明。</translation>
    </message>
    <message>
        <source>e.g. The room is shared with the school library; its area was measured on site.</source>
        <translation>例如：辅导室与图书室相连，面积为实地测量所得。</translation>
    </message>
</context>
<context>
    <name>FieldChecks</name>
    <message>
        <source>Cannot save yet: {reasons}</source>
        <extracomment>Something that may be right but is worth a second look (does not keep Save back). The model attribute the field holds (rules name it), if any. What the hint shows now (text, colour): changed only when it must (see update). The cursor has been in the field (or it was edited): an empty required field says so. After a Save that could not be done, every problem is shown, touched or not. The problems found by the last :meth:`update` (what ``checked`` announces).</extracomment>
        <translation>还不能保存：{reasons}</translation>
    </message>
</context>
<context>
    <name>GroupByCombo</name>
    <message>
        <source>County</source>
        <translation>县市</translation>
    </message>
    <message>
        <source>Kind of school</source>
        <translation>学校类别</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
</context>
<context>
    <name>HeldActions</name>
    <message>
        <source>Deciding the held packages again…</source>
        <translation>正在重新判断待确认的上报包…</translation>
    </message>
    <message>
        <source>{count} held package(s) decided again: {taken} taken, {refused} refused, {held} still held.</source>
        <translation>重新判断了 {count} 个待确认的上报包：接收 {taken}，拒收 {refused}，仍待确认 {held}。</translation>
    </message>
</context>
<context>
    <name>HeldDecisionDialog</name>
    <message>
        <source>Accept the held package</source>
        <translation>确认接收待确认的上报包</translation>
    </message>
    <message>
        <source>Reject the held package</source>
        <translation>拒绝待确认的上报包</translation>
    </message>
    <message>
        <source>Sender (as the package says)</source>
        <translation>发送方（包内自称）</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县市</translation>
    </message>
    <message>
        <source>Period and number</source>
        <translation>期次和序号</translation>
    </message>
    <message>
        <source>Why held</source>
        <translation>待确认原因</translation>
    </message>
    <message>
        <source>Fingerprint on the stamped form</source>
        <translation>盖章备案表上的指纹</translation>
    </message>
    <message>
        <source>This package&apos;s key is not registered for the school. Type the fingerprint printed on the registration form stamped with the school&apos;s seal, six groups of five digits. The key is registered, and a previous key of the school revoked, only if it is the package&apos;s key.</source>
        <translation>这个上报包的密钥尚未为该校登记。请照加盖学校公章的备案表，逐组输入表上的指纹（6 组，每组 5 位）。只有与上报包的密钥一致，才会登记该密钥，并作废该校原来的密钥。</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>The package is kept as rejected and counted nowhere; its file is deleted.</source>
        <translation>该上报包记为已拒绝，不计入任何统计，文件随即删除。</translation>
    </message>
    <message>
        <source>The key is registered already. Accepting takes the package as the reason above allows: a school outside the register is added to it, a package that disagrees with the register counts as the register says.</source>
        <translation>密钥已经登记。接收后按上述原因处理：不在名册中的学校加入名册；与名册不一致的上报包按名册计入。</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Optional: why, for the record</source>
        <translation>可选：原因，供存档</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>KeySection</name>
    <message>
        <source>1. This computer&apos;s signing key</source>
        <translation>1. 本机签名密钥</translation>
    </message>
    <message>
        <source>Every package is signed with this computer&apos;s key. Print the registration form, have it signed and stamped with the school&apos;s seal, and hand it to the county bureau once: the bureau registers the fingerprint below and from then on knows your packages are really yours.</source>
        <translation>每个上报包都用本机密钥签名。请打印备案表，签字并加盖学校公章后交县市教育体育局（只需一次）：教育局登记下面的指纹后，就能确认上报包确实来自本校。</translation>
    </message>
    <message>
        <source>Print the registration form…</source>
        <translation>打印备案表…</translation>
    </message>
    <message>
        <source>Save the form as PDF…</source>
        <translation>备案表存为 PDF…</translation>
    </message>
    <message>
        <source>Replace the key…</source>
        <translation>更换密钥…</translation>
    </message>
    <message>
        <source>The key was replaced. Hand the new form to the bureau: it registers the new fingerprint and revokes the old one ({old}).</source>
        <translation>密钥已更换。请把新的备案表交给教育局：登记新指纹，并作废原指纹（{old}）。</translation>
    </message>
</context>
<context>
    <name>KeyUnlock</name>
    <message>
        <source>The bureau&apos;s keys</source>
        <translation>本局密钥</translation>
    </message>
    <message>
        <source>This bureau&apos;s keys are protected. Type the key passphrase (asked once until the program is closed):</source>
        <translation>本局密钥受密码保护。请输入密钥密码（在关闭程序之前只问这一次）：</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Our keys</source>
        <translation>本局密钥</translation>
    </message>
    <message>
        <source>Schools encrypt their packages to this bureau&apos;s encryption key, and trust its receipts and returns by its signing key. They get both from the key file, checked against the printed notice you sign and stamp.</source>
        <translation>学校用本局的加密密钥为上报包加密，并凭本局的签名密钥核验回执和退回通知。两者都在密钥文件中，学校按本局签字盖章的纸质通知核对。</translation>
    </message>
    <message>
        <source>This bureau&apos;s keys</source>
        <translation>本局的密钥</translation>
    </message>
    <message>
        <source>Signing key fingerprint</source>
        <translation>签名密钥指纹</translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation>加密密钥</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>保护</translation>
    </message>
    <message>
        <source>Key file and notice</source>
        <translation>密钥文件和通知</translation>
    </message>
    <message>
        <source>Export the key file and the notice…</source>
        <translation>导出密钥文件和通知…</translation>
    </message>
    <message>
        <source>The prefecture bureau&apos;s key</source>
        <translation>州教育体育局的密钥</translation>
    </message>
    <message>
        <source>Import the prefecture&apos;s key file…</source>
        <translation>导入州局的密钥文件…</translation>
    </message>
    <message>
        <source>What to back up</source>
        <translation>需要备份什么</translation>
    </message>
    <message>
        <source>(not made yet)</source>
        <translation>（尚未生成）</translation>
    </message>
    <message>
        <source>{key} (made {date})</source>
        <translation>{key}（{date} 生成）</translation>
    </message>
    <message>
        <source>{count} replaced keys are kept, to open the packages encrypted to them.</source>
        <translation>另保留已更换的密钥 {count} 个，用于打开为它们加密的上报包。</translation>
    </message>
    <message>
        <source>Not set up yet: set the passphrase, and the key is made.</source>
        <translation>尚未设置：设置密钥密码后即生成。</translation>
    </message>
    <message>
        <source>Both keys are protected by the passphrase, kept in this computer&apos;s system keyring.</source>
        <translation>两个密钥都受密码保护，密码保存在本机的系统钥匙串中。</translation>
    </message>
    <message>
        <source>Both keys are protected by the passphrase, asked once each time the program is started.</source>
        <translation>两个密钥都受密码保护，每次启动程序后首次使用时询问一次。</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>修改密钥密码…</translation>
    </message>
    <message>
        <source>Not protected yet: until you set the passphrase there is no encryption key, and schools cannot encrypt their packages.</source>
        <translation>尚未保护：设置密钥密码之前没有加密密钥，学校无法为上报包加密。</translation>
    </message>
    <message>
        <source>Set the passphrase and make the keys…</source>
        <translation>设置密钥密码并生成密钥…</translation>
    </message>
    <message>
        <source>Give the key file to every school with the template (USB stick), with the printed notice signed and stamped: the schools type the fingerprint from the notice. The county&apos;s file carries the prefecture&apos;s key too.</source>
        <translation>把密钥文件随模板（U 盘）发给每所学校，并附上签字盖章的纸质通知：学校按通知输入指纹。县市的密钥文件同时带有州局的密钥。</translation>
    </message>
    <message>
        <source>Give the key file to every county bureau, with the printed notice signed and stamped: the counties type the fingerprint from the notice and pass your key on to their schools.</source>
        <translation>把密钥文件发给每个县市教育体育局，并附上签字盖章的纸质通知：县市按通知输入指纹，并把州局的密钥转给其学校。</translation>
    </message>
    <message>
        <source>Not registered yet: import the prefecture&apos;s key file and type the fingerprint from its stamped notice. Your key file cannot be exported before (it carries the prefecture&apos;s key to the schools).</source>
        <translation>尚未登记：请导入州局的密钥文件，并按其盖章的通知输入指纹。在此之前不能导出本局的密钥文件（它要把州局的密钥带给学校）。</translation>
    </message>
    <message>
        <source>Registered: {name}, fingerprint {fingerprint}.</source>
        <translation>已登记：{name}，指纹 {fingerprint}。</translation>
    </message>
    <message>
        <source>Back up the folder {folder} (the keys, protected by the passphrase) on a USB stick kept in the safe, and the passphrase on paper in a sealed envelope. Several clerks on one server: copy this folder to each clerk&apos;s computer. If the keys or the passphrase are lost, the data already collected stays in the database; packages not yet collected must be exported again by their schools after you set up new keys and give out the new key file.</source>
        <translation>请把文件夹 {folder}（其中的密钥受密码保护）备份到保险柜中的 U 盘，并把密码写在纸上封存。几位工作人员共用服务器时，把这个文件夹复制到每位工作人员的电脑上。密钥或密码丢失时，已收取的数据仍在数据库中；尚未收取的上报包，须在设置新密钥、发出新的密钥文件后由学校重新导出。</translation>
    </message>
    <message>
        <source>Where to write the key file and the notice</source>
        <translation>密钥文件和通知保存到哪里</translation>
    </message>
    <message>
        <source>Written: {file}
Notice to print (A4 PDF): {notice}
Fingerprint: {fingerprint}</source>
        <translation>已写入：{file}
待打印的通知（A4 PDF）：{notice}
指纹：{fingerprint}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>cxdesk — psychological-health education staffing</source>
        <translation>cxdesk — 中小学心理健康教育教师配备情况填报</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Save the summary form as &amp;PDF…</source>
        <translation>基本情况表另存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Print the summary form…</source>
        <translation>打印基本情况表(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>Data kept in {path} · every change is saved at once</source>
        <translation>数据保存在 {path} · 每次修改都会立即保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校信息</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>教师名册</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>辅导室</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>数据检查</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel 导入</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>收取上报包</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>报送进度</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>达标情况</translation>
    </message>
    <message>
        <source>Roster of teachers</source>
        <translation>教师名册</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>图表大屏</translation>
    </message>
    <message>
        <source>Compare periods</source>
        <translation>两期对比</translation>
    </message>
    <message>
        <source>County package</source>
        <translation>县级上报包</translation>
    </message>
    <message>
        <source>School register</source>
        <translation>学校名册</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>达标标准</translation>
    </message>
    <message>
        <source>Our keys</source>
        <translation>本局密钥</translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation>密钥登记</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>NoRegisterBanner</name>
    <message>
        <source>No register of schools is loaded: the counts below are of the schools that sent a package, and the schools that have not reported cannot be listed.</source>
        <extracomment>The dynamic property of the context that tells the review page which school to show.</extracomment>
        <translation>尚未载入应报学校名册：以下数字只计已报送上报包的学校，也无法列出未报送的学校。</translation>
    </message>
    <message>
        <source>Load the register of schools…</source>
        <translation>载入学校名册…</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Look at the findings</source>
        <extracomment>The school against the standards its bureau sent (issue 15).</extracomment>
        <translation>查看检查结果</translation>
    </message>
    <message>
        <source>The summary form (学校心理健康教育基本情况表)</source>
        <translation>学校心理健康教育基本情况表</translation>
    </message>
    <message>
        <source>Print it on A4, have the principal sign it and stamp it with the school&apos;s seal.</source>
        <translation>用 A4 纸打印，请校长签字并加盖学校公章。</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Saved as {path}. &lt;a href=&quot;{url}&quot;&gt;Open it&lt;/a&gt;</source>
        <translation>已保存为 {path}。&lt;a href=&quot;{url}&quot;&gt;打开&lt;/a&gt;</translation>
    </message>
    <message>
        <source>School code {code} · {county} · {kind} · reporting period {period}, figures as on {date}</source>
        <translation>学校标识码 {code} · {county} · {kind} · 期次 {period}，统计时点 {date}</translation>
    </message>
    <message>
        <source>Psychological-health teachers</source>
        <translation>心理健康教育教师</translation>
    </message>
    <message>
        <source>{full} full-time and {part} part-time teachers in post.</source>
        <translation>在岗专职 {full} 人，兼职 {part} 人。</translation>
    </message>
    <message>
        <source>Teachers with a certificate</source>
        <translation>持证教师</translation>
    </message>
    <message>
        <source>Highest certificate: {l2} national counsellor level 2, {l3} level 3, {other} another recognised certificate.</source>
        <translation>按最高证书计：国家心理咨询师二级 {l2} 人，三级 {l3} 人，其他认可证书 {other} 人。</translation>
    </message>
    <message>
        <source>Counselling rooms in use</source>
        <translation>在用心理辅导室（间）</translation>
    </message>
    <message>
        <source>{area} m² in all.</source>
        <translation>合计 {area} 平方米。</translation>
    </message>
    <message>
        <source>Training person-times this period</source>
        <translation>本期培训人次</translation>
    </message>
    <message>
        <source>National {national}, provincial {provincial}, prefecture {prefecture}, county {county}, school {school}.</source>
        <translation>国家级 {national}，省级 {provincial}，州级 {prefecture}，县市级 {county}，校级 {school}。</translation>
    </message>
    <message>
        <source>Recruited as psychological-health teachers since 2020: {recruited}. In the prefecture&apos;s studio: {hosts} host(s) and {members} member(s) from this school.</source>
        <translation>2020年以来以心理健康教育教师身份招聘 {recruited} 人。本校有州心理健康教育工作室主持人 {hosts} 人、成员 {members} 人。</translation>
    </message>
    <message>
        <source>Data checks: {hard} error(s) to correct and {soft} warning(s) to look at.</source>
        <translation>数据检查：有 {hard} 个错误需要修正，{soft} 个提醒需要查看。</translation>
    </message>
    <message>
        <source>Data checks: nothing to correct.</source>
        <translation>数据检查：没有需要修正的问题。</translation>
    </message>
    <message>
        <source>The report has not yet been exported.</source>
        <translation>尚未导出上报包。</translation>
    </message>
    <message>
        <source>Last report exported on {when}.</source>
        <translation>上次导出上报包：{when}。</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <source>The package counted</source>
        <translation>计入的上报包</translation>
    </message>
</context>
<context>
    <name>PackagePanel</name>
    <message>
        <source>Check the stored file</source>
        <translation>核验存档文件</translation>
    </message>
    <message>
        <source>Show the file&apos;s folder</source>
        <translation>打开文件所在文件夹</translation>
    </message>
    <message>
        <source>not yet reviewed</source>
        <translation>尚未审核</translation>
    </message>
    <message>
        <source>accepted (receipt written)</source>
        <translation>已确认接收（已写回执）</translation>
    </message>
    <message>
        <source>returned for correction</source>
        <translation>已退回修改</translation>
    </message>
    <message>
        <source>No package of this school was received.</source>
        <translation>尚未收到该校的上报包。</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发送方</translation>
    </message>
    <message>
        <source>Period and sequence</source>
        <translation>期次与序号</translation>
    </message>
    <message>
        <source>SHA-256 of the file</source>
        <translation>文件的 SHA-256</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>收取</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <source>Came in</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>the county package of {county}, #{sequence}</source>
        <translation>{county}的县级上报包，序号 {sequence}</translation>
    </message>
    <message>
        <source>Stored file</source>
        <translation>存档文件</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>The key passphrase</source>
        <translation>密钥密码</translation>
    </message>
    <message>
        <source>Keep it in this computer&apos;s system keyring</source>
        <translation>把密码保存在本机的系统钥匙串中</translation>
    </message>
    <message>
        <source>Then it is not asked on this computer; write it down all the same.</source>
        <translation>这样本机不再询问密码；但仍请把密码写在纸上封存。</translation>
    </message>
    <message>
        <source>This computer has no system keyring: it is asked once per session.</source>
        <translation>本机没有可用的系统钥匙串：每次启动后询问一次。</translation>
    </message>
    <message>
        <source>One passphrase protects both keys. It is asked once each time the program is started. Choose a sentence you remember and others cannot guess (at least 8 characters), write it on paper and keep it sealed in the safe: without it, packages not yet collected cannot be opened.</source>
        <translation>一个密码同时保护两个密钥，每次启动程序后首次使用时询问一次。请用一句自己记得住、别人猜不到的话（至少 8 个字符），写在纸上封存于保险柜：没有它，尚未收取的上报包将无法打开。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输入一次</translation>
    </message>
</context>
<context>
    <name>PeriodGuard</name>
    <message>
        <source>Change an accepted period?</source>
        <translation>修改已接收期次的数据？</translation>
    </message>
    <message>
        <source>Make this change anyway?</source>
        <translation>仍要修改吗？</translation>
    </message>
</context>
<context>
    <name>PrefectureSetupPage</name>
    <message>
        <source>The prefecture bureau</source>
        <translation>州教育体育局</translation>
    </message>
    <message>
        <source>This computer will collect the ten county packages and produce the prefecture&apos;s figures and charts.</source>
        <translation>本机将收取十个县市的上报包，生成全州汇总数字和图表。</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>州</translation>
    </message>
    <message>
        <source>A signing key for the bureau is created now; its receipts and returns to the counties are signed with it.</source>
        <translation>现在为本局生成签名密钥；发给各县市的回执和退回通知都用它签名。</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Save the summary form as PDF</source>
        <translation>基本情况表另存为 PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print the summary form</source>
        <translation>打印基本情况表</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>Bureau&apos;s comment</source>
        <extracomment>The table the bureau&apos;s return comments name for these records (None: not shown).</extracomment>
        <translation>退回意见</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>The data file is damaged</source>
        <translation>数据文件已损坏</translation>
    </message>
    <message>
        <source>The file that holds your data, {path}, is damaged (for example by a power cut or a failing disk), so cxdesk cannot open it.</source>
        <translation>保存数据的文件 {path} 已损坏（例如因突然断电或硬盘故障），cxdesk 无法打开它。</translation>
    </message>
    <message>
        <source>The latest good backup is from {when}. Restore it to continue: changes made after that time will have to be entered again. The damaged file is kept in the backups folder.</source>
        <translation>最近一份完好的备份是 {when} 的备份。恢复它即可继续使用：此后所做的修改需要重新录入。损坏的文件会保留在 backups 备份文件夹中。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <source>No good backup was found on this computer. If a backup was copied to a USB stick, choose that file.</source>
        <translation>本机没有找到完好的备份。如果曾把备份复制到 U 盘，请选择该文件。</translation>
    </message>
    <message>
        <source>Choose a backup file…</source>
        <translation>选择备份文件…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>cxdesk backups (*.db);;All files (*)</source>
        <translation>cxdesk 备份 (*.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>RegisterEntryDialog</name>
    <message>
        <source>Change the school</source>
        <translation>修改学校</translation>
    </message>
    <message>
        <source>Add a school</source>
        <translation>添加学校</translation>
    </message>
    <message>
        <source>School code</source>
        <translation>学校标识码</translation>
    </message>
    <message>
        <source>School name</source>
        <translation>学校名称</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县市</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>学校类别</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>RegisterKeyDialog</name>
    <message>
        <source>Register a key from a registration form</source>
        <translation>依据备案表登记密钥</translation>
    </message>
    <message>
        <source>10-digit school code or 6-digit county code</source>
        <translation>10位学校标识码或6位县市代码</translation>
    </message>
    <message>
        <source>e.g. form received 2026-03-02, filed as 2026-17</source>
        <translation>例如：2026-03-02 收到备案表，归档号 2026-17</translation>
    </message>
    <message>
        <source>Copy from the form stamped with the sender&apos;s seal. Never take a fingerprint from an e-mail or a phone call.</source>
        <translation>请照抄加盖对方公章的备案表。切勿采用电子邮件或电话告知的指纹。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Search code, name, contact…</source>
        <translation>搜索代码、名称、联系人…</translation>
    </message>
    <message>
        <source>Load from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Write to Excel…</source>
        <translation>导出为 Excel…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>School register</source>
        <translation>学校名册</translation>
    </message>
    <message>
        <source>The schools expected to report. The Excel file has a header row with the columns 学校标识码, 学校名称, 县市, 学校类别, 联系人, 联系电话 (write the register to Excel to get the layout). Loading checks every row first and changes nothing if one is wrong.</source>
        <translation>应报送的学校。Excel 文件第一行为表头：学校标识码、学校名称、县市、学校类别、联系人、联系电话（可先导出名册作为模板）。导入时先检查每一行，任何一行有误都不会改动名册。</translation>
    </message>
    <message>
        <source>{count} school(s) in the register</source>
        <translation>名册共 {count} 所学校</translation>
    </message>
    <message>
        <source>Load the register</source>
        <translation>导入学校名册</translation>
    </message>
    <message>
        <source>Loaded {count} schools.</source>
        <translation>已导入 {count} 所学校。</translation>
    </message>
    <message>
        <source>Write the register</source>
        <translation>导出学校名册</translation>
    </message>
    <message>
        <source>register</source>
        <translation>学校名册</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>Remove from the register</source>
        <translation>从名册删除</translation>
    </message>
    <message>
        <source>Remove {code} {name} from the register? Packages it sent are kept.</source>
        <translation>从名册删除 {code} {name}？该校已报送的上报包仍会保留。</translation>
    </message>
</context>
<context>
    <name>RepliesSection</name>
    <message>
        <source>4. Exports, receipts and returns</source>
        <translation>4. 已导出的上报包、回执和退回通知</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>次序</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>When the bureau sends back a receipt (回执) or a return for correction (退回), import the file here.</source>
        <translation>教育局发回回执或退回通知时，请在这里导入该文件。</translation>
    </message>
    <message>
        <source>Import a receipt or return…</source>
        <translation>导入回执或退回通知…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Bureau&apos;s comment</source>
        <translation>教育局意见</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Accepted (receipt)</source>
        <translation>已接收（有回执）</translation>
    </message>
    <message>
        <source>Returned for correction</source>
        <translation>已退回修改</translation>
    </message>
    <message>
        <source>{bureau} returned export no. {sequence} for correction. Correct the records below, then export again.</source>
        <translation>“{bureau}”退回了第 {sequence} 次上报。请按下列意见修改后重新上报。</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Report to the bureau</source>
        <translation>向教育局上报</translation>
    </message>
    <message>
        <source>Save the registration form</source>
        <translation>保存备案表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Replace the key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <source>Replace this computer&apos;s key? The old key, when it is still here, signs a statement for the new one that travels with your next package, and the bureau takes the new key by itself. If the old key may be known to others (a stolen laptop, a copied file), also hand in the new registration form and ask the bureau to revoke the old key.</source>
        <translation>更换本机的密钥吗？原密钥仍在本机时，会为新密钥签署一份换钥声明，随下次上报包一并发送，教育局据此自动登记新密钥。如果原密钥可能已被他人知道（笔记本电脑失窃、文件被复制），还请递交新的备案表，并请教育局作废原密钥。</translation>
    </message>
    <message>
        <source>Passphrase for the new key (leave empty for none):</source>
        <translation>新密钥的密码（可留空，不设密码）：</translation>
    </message>
    <message>
        <source>Choose the folder or USB drive</source>
        <translation>选择文件夹或U盘</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>密钥密码</translation>
    </message>
    <message>
        <source>This computer&apos;s key is protected. Passphrase:</source>
        <translation>本机密钥设有密码，请输入：</translation>
    </message>
    <message>
        <source>Export a correction</source>
        <translation>导出更正包</translation>
    </message>
    <message>
        <source>The bureau has accepted export no. {sequence} of {period}. Export {period} again as a correction (更正)? It replaces the data the bureau accepted, and the bureau sees it marked as a correction.</source>
        <translation>教育局已接收 {period} 期次第 {sequence} 次上报。要再次导出 {period} 期次作为更正包吗？它会替换教育局已接收的数据，教育局会看到“更正”标记。</translation>
    </message>
    <message>
        <source>Exported: {path}. Take this file to the county bureau (a copy is kept on this computer).</source>
        <translation>已导出：{path}。请把这个文件交给县市教育体育局（本机保留了一份副本）。</translation>
    </message>
    <message>
        <source>Writing the report package…</source>
        <translation>正在生成上报包…</translation>
    </message>
    <message>
        <source>Import a receipt or return</source>
        <translation>导入回执或退回通知</translation>
    </message>
    <message>
        <source>Replies from the bureau (*.cxreply);;All files (*)</source>
        <translation>教育局回复文件 (*.cxreply);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Receipt imported: {bureau} accepted export no. {sequence}.</source>
        <translation>回执已导入：“{bureau}”已接收第 {sequence} 次上报。</translation>
    </message>
    <message>
        <source>Return imported: {bureau} returned export no. {sequence} with {count} comments.</source>
        <translation>退回通知已导入：“{bureau}”退回了第 {sequence} 次上报，共 {count} 条意见。</translation>
    </message>
    <message>
        <source>This file was imported before; nothing changed.</source>
        <translation>这个文件之前已导入过，未作改动。</translation>
    </message>
    <message>
        <source>The bureau&apos;s key was not registered on this computer and has been registered now (fingerprint {fingerprint}); compare it with the one the bureau published.</source>
        <translation>本机此前未登记教育局密钥，现已登记（指纹 {fingerprint}），请与教育局公布的指纹核对。</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
</context>
<context>
    <name>ReturnBanner</name>
    <message>
        <source>{bureau} returned the school&apos;s report with {count} comments; correct the records and report again.</source>
        <extracomment>The colour of a marked row and of the banner (a soft amber: &quot;look here&quot;, not &quot;error&quot;).</extracomment>
        <translation>{bureau}退回了本校的上报，有 {count} 条意见，修改后请重新上报。</translation>
    </message>
    <message>
        <source>{count} of the records below have comments: they are marked ⚠ (point at the mark to read it, open the record to see it at the top).</source>
        <translation>下表中有 {count} 条记录附有意见，已用 ⚠ 标出（鼠标指向标记可阅读意见，打开记录可在顶部看到）。</translation>
    </message>
    <message>
        <source>Comments on records that are no longer here: {records}.</source>
        <translation>以下记录已不在本表中，但有意见：{records}。</translation>
    </message>
    <message>
        <source>The bureau writes: {message}</source>
        <translation>教育局说明：{message}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return for correction</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>What the school should correct, in a few words</source>
        <translation>简要说明学校需要修改的内容</translation>
    </message>
    <message>
        <source>Write the return file</source>
        <translation>生成退回通知</translation>
    </message>
    <message>
        <source>Message to the school</source>
        <translation>给学校的说明</translation>
    </message>
    <message>
        <source>Double-click the last column to comment on a record; the school sees each comment next to that record.</source>
        <translation>双击最后一列可对某条记录写意见；学校会在该记录旁看到您的意见。</translation>
    </message>
</context>
<context>
    <name>ReturnNote</name>
    <message>
        <source>{bureau} returned this record with a comment:</source>
        <translation>{bureau}退回了这条记录，意见如下：</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>All counties</source>
        <translation>全部县市</translation>
    </message>
    <message>
        <source>Search school…</source>
        <translation>搜索学校…</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>审核发现</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Counselors</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>辅导室</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Counted elsewhere</source>
        <translation>重复统计</translation>
    </message>
    <message>
        <source>Accept and write receipt…</source>
        <translation>审核通过并生成回执…</translation>
    </message>
    <message>
        <source>Return for correction…</source>
        <translation>退回修改…</translation>
    </message>
    <message>
        <source>Optional note on the receipt</source>
        <translation>回执备注（可选）</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Choose a school on the left.</source>
        <translation>请在左侧选择学校。</translation>
    </message>
    <message>
        <source>Package {period} no. {sequence}, received {when}. {state}</source>
        <translation>上报包 {period} 第 {sequence} 号，收到于 {when}。{state}</translation>
    </message>
    <message>
        <source>SHA-256 {sha} · key {fingerprint} · collected by {who}</source>
        <translation>SHA-256 {sha} · 密钥 {fingerprint} · 收取人 {who}</translation>
    </message>
    <message>
        <source>Counted elsewhere ({count})</source>
        <translation>重复统计（{count}）</translation>
    </message>
    <message>
        <source>Findings ({count})</source>
        <translation>审核发现（{count}）</translation>
    </message>
    <message>
        <source>What changed ({count})</source>
        <translation>变化（{count}）</translation>
    </message>
    <message>
        <source>A package with findings that must be fixed cannot be accepted.</source>
        <translation>有必须修改的问题的上报包不能审核通过。</translation>
    </message>
    <message>
        <source>Where to write the file for the school (e.g. its USB stick)</source>
        <translation>给学校的文件保存位置（例如学校的U盘）</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>RevokeKeyDialog</name>
    <message>
        <source>Revoke the key</source>
        <translation>作废密钥</translation>
    </message>
    <message>
        <source>From now on (a replaced or lost key)</source>
        <translation>从现在起（密钥已更换或丢失）</translation>
    </message>
    <message>
        <source>From a date and time (when the key may have been stolen)</source>
        <translation>从某一时间起（密钥可能被盗的时间）</translation>
    </message>
    <message>
        <source>All its packages (it was never the school&apos;s)</source>
        <translation>其全部上报包（从来不是该校的密钥）</translation>
    </message>
    <message>
        <source>e.g. laptop stolen on 2026-03-01</source>
        <translation>例如：2026-03-01 笔记本电脑失窃</translation>
    </message>
    <message>
        <source>Key of</source>
        <translation>密钥所属单位</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Packages signed with this key that arrived from that point on stop counting, and each school&apos;s last good package counts again. This cannot be undone.</source>
        <translation>自该时间起收到的、由这个密钥签名的上报包不再计入，各校此前最后一个正常的上报包恢复计入。此操作不能撤销。</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>RoleChoicePage</name>
    <message>
        <source>Welcome to cxdesk</source>
        <translation>欢迎使用 cxdesk</translation>
    </message>
    <message>
        <source>cxdesk keeps your psychological-health education staffing data on this computer and prepares the report for the education bureau.</source>
        <translation>cxdesk 把心理健康教育教师配备数据保存在这台电脑上，并生成报送教育体育局的上报材料。</translation>
    </message>
    <message>
        <source>Who uses cxdesk on this computer?</source>
        <translation>这台电脑上由谁使用 cxdesk？</translation>
    </message>
</context>
<context>
    <name>RoomForm</name>
    <message>
        <source>New counselling room</source>
        <translation>新增心理辅导室</translation>
    </message>
    <message>
        <source>Counselling room</source>
        <translation>心理辅导室</translation>
    </message>
    <message>
        <source>e.g. 心理辅导室, 沙盘室</source>
        <translation>例如：心理辅导室、沙盘室</translation>
    </message>
    <message>
        <source>e.g. 28.5</source>
        <translation>例如 28.5</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Individual counselling</source>
        <translation>个别辅导室</translation>
    </message>
    <message>
        <source>Group activities</source>
        <translation>团体活动室</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>办公接待区</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Function:</source>
        <translation>功能：</translation>
    </message>
    <message>
        <source>Area (m²):</source>
        <translation>面积（平方米）：</translation>
    </message>
    <message>
        <source>In use since (year):</source>
        <translation>启用年份：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Closed on:</source>
        <translation>停用日期：</translation>
    </message>
    <message>
        <source>Basic areas it provides:</source>
        <translation>具备的基本功能区：</translation>
    </message>
    <message>
        <source>Grade:</source>
        <translation>等级：</translation>
    </message>
</context>
<context>
    <name>RoomsPage</name>
    <message>
        <source>Counselling rooms</source>
        <translation>心理辅导（咨询）室</translation>
    </message>
    <message>
        <source>Search rooms…</source>
        <translation>搜索辅导室…</translation>
    </message>
    <message>
        <source>Add a room…</source>
        <translation>新增辅导室…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No counselling rooms yet. Press “Add a room…”.</source>
        <translation>还没有辅导室。请点击“新增辅导室…”。</translation>
    </message>
    <message>
        <source>{count} rooms, {area} m² in use</source>
        <translation>共 {count} 间，在用面积合计 {area} 平方米</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>In use since</source>
        <translation>启用年份</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>停用日期</translation>
    </message>
    <message>
        <source>Basic areas</source>
        <translation>基本功能区</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Delete room</source>
        <translation>删除辅导室</translation>
    </message>
    <message>
        <source>Delete the room {name}? You can undo this with Ctrl+Z.</source>
        <translation>删除辅导室“{name}”吗？删除后可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>delete room {name}</source>
        <translation>删除辅导室“{name}”</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Roster of psychological-health teachers</source>
        <translation>心理健康教育教师名册</translation>
    </message>
    <message>
        <source>Search name, subject, certificate…</source>
        <translation>搜索姓名、学科、证书…</translation>
    </message>
    <message>
        <source>Add a teacher…</source>
        <translation>新增教师…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No teachers yet. Press “Add a teacher…” or import the Excel workbook.</source>
        <translation>还没有教师。请点击“新增教师…”，或从 Excel 填报表导入。</translation>
    </message>
    <message>
        <source>{count} teachers</source>
        <translation>共 {count} 人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Ethnic group</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Identity number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>专兼职</translation>
    </message>
    <message>
        <source>Main subject</source>
        <translation>主教学科</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Delete teacher</source>
        <translation>删除教师</translation>
    </message>
    <message>
        <source>Delete {name} with certificates and training attendance? You can undo this with Ctrl+Z.</source>
        <translation>删除“{name}”及其证书和参训记录吗？删除后可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>delete teacher {name}</source>
        <translation>删除教师“{name}”</translation>
    </message>
</context>
<context>
    <name>SchoolCodeDialog</name>
    <message>
        <source>Change the school code</source>
        <translation>更改学校标识码</translation>
    </message>
    <message>
        <source>The school code identifies the school&apos;s report packages at the bureau. It can be corrected until the first package is exported. The signing key stays; if the key&apos;s registration form was already handed in with the old code, print it again from the Report page.</source>
        <translation>学校标识码是教育局识别本校上报包的依据，在第一次导出上报包之前可以更正。签名密钥不变；如果已经按原标识码报送了密钥备案表，请在“上报”页重新打印并报送。</translation>
    </message>
    <message>
        <source>Current code:</source>
        <translation>现在的标识码：</translation>
    </message>
    <message>
        <source>New code:</source>
        <translation>新的标识码：</translation>
    </message>
    <message>
        <source>New code again:</source>
        <translation>再输入一遍：</translation>
    </message>
    <message>
        <source>Change the code</source>
        <translation>更改标识码</translation>
    </message>
    <message>
        <source>The two codes differ: type the new code again.</source>
        <translation>两次输入的标识码不一致，请再输入一遍新的标识码。</translation>
    </message>
    <message>
        <source>The code starts with {prefix}, which does not fit the school&apos;s kind.</source>
        <translation>标识码以 {prefix} 开头，与本校的学校类别不一致。</translation>
    </message>
</context>
<context>
    <name>SchoolConfirmPage</name>
    <message>
        <source>Check the school code</source>
        <translation>核对学校标识码</translation>
    </message>
    <message>
        <source>The code identifies the school&apos;s report packages. Compare it digit by digit with the code the education bureau gave the school.</source>
        <translation>学校标识码是识别本校上报包的依据。请与教育局下发的标识码逐位核对。</translation>
    </message>
    <message>
        <source>School name:</source>
        <translation>学校名称：</translation>
    </message>
    <message>
        <source>County:</source>
        <translation>所在县市：</translation>
    </message>
    <message>
        <source>Kind of school:</source>
        <translation>学校类别：</translation>
    </message>
    <message>
        <source>If the code is wrong, press Back and correct it. It can still be corrected on the School page until the first report package is exported.</source>
        <translation>如果标识码有误，请按“上一步”改正。在第一次导出上报包之前，也可以在“学校信息”页更正。</translation>
    </message>
    <message>
        <source>{prefix}: the kind of school · 53: Yunnan · {sequence}: the school&apos;s number</source>
        <translation>{prefix}：学校类别 · 53：云南省 · {sequence}：学校序号</translation>
    </message>
</context>
<context>
    <name>SchoolForm</name>
    <message>
        <source>10 digits, e.g. 2153230001</source>
        <translation>10位数字，例如 2153230001</translation>
    </message>
    <message>
        <source>Full name as on the school&apos;s seal</source>
        <translation>与学校公章一致的全称</translation>
    </message>
    <message>
        <source>The school is in a mountain area</source>
        <translation>山区学校</translation>
    </message>
    <message>
        <source> pupils</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source> boarders</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>School code:</source>
        <translation>学校标识码：</translation>
    </message>
    <message>
        <source>School name:</source>
        <translation>学校名称：</translation>
    </message>
    <message>
        <source>County:</source>
        <translation>所在县市：</translation>
    </message>
    <message>
        <source>Kind of school:</source>
        <translation>学校类别：</translation>
    </message>
    <message>
        <source>Pupils enrolled:</source>
        <translation>在校学生数：</translation>
    </message>
    <message>
        <source>Boarders:</source>
        <translation>寄宿生数：</translation>
    </message>
    <message>
        <source>Contact person:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>The code starts with {prefix}, which stands for {kinds}, not {kind}: check the code and the kind.</source>
        <translation>标识码以 {prefix} 开头，表示{kinds}，不是“{kind}”：请核对标识码和学校类别。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>SchoolPage</name>
    <message>
        <source>School information</source>
        <translation>学校信息</translation>
    </message>
    <message>
        <source>These details head the summary form and the report. The school code identifies the school: it can be corrected until the first report package is exported.</source>
        <translation>这些信息印在基本情况表和上报包的开头。学校标识码是识别本校的依据，在第一次导出上报包之前可以更正。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Enter or Ctrl+S</source>
        <translation>Enter 或 Ctrl+S</translation>
    </message>
    <message>
        <source>Undo my typing</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Change the school code…</source>
        <translation>更改学校标识码…</translation>
    </message>
    <message>
        <source>Until the first report package is exported</source>
        <translation>第一次导出上报包之前可以更正</translation>
    </message>
    <message>
        <source>A report package was exported: the code can no longer change.</source>
        <translation>已导出过上报包，学校标识码不能再更改。</translation>
    </message>
</context>
<context>
    <name>SchoolSetupPage</name>
    <message>
        <source>Your school</source>
        <translation>本校信息</translation>
    </message>
    <message>
        <source>As on the school&apos;s registration with the education bureau. Everything but the code can be changed later; the code only until the first report is exported.</source>
        <translation>按学校在教育局登记的信息填写。除标识码外以后都可以修改；标识码只能在第一次导出上报包之前更正。</translation>
    </message>
</context>
<context>
    <name>SendSection</name>
    <message>
        <source>3. What will be sent</source>
        <extracomment>Figures that only make sense for a bureau&apos;s scope. The value in the package the bureau accepted (a period with a receipt), else &quot;&quot;.</extracomment>
        <translation>3. 将发送的内容</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期次：</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>As reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>填写说明</translation>
    </message>
    <message>
        <source>Export to a folder or USB drive…</source>
        <translation>导出到文件夹或U盘…</translation>
    </message>
    <message>
        <source>Must be fixed</source>
        <translation>必须修正</translation>
    </message>
    <message>
        <source>Explained</source>
        <translation>已说明</translation>
    </message>
    <message>
        <source>To look at</source>
        <translation>请核实</translation>
    </message>
    <message>
        <source>Reference date (统计时点): {date}</source>
        <translation>统计时点：{date}</translation>
    </message>
    <message>
        <source>Left out of this period:</source>
        <translation>不属于本期次（不计入、不上报）：</translation>
    </message>
    <message>
        <source>The bureau accepted export no. {sequence} of {period} (receipt): the column “As reported” shows the figures it holds. Exporting this period again is a correction (更正).</source>
        <translation>教育局已接收 {period} 期次第 {sequence} 次上报（回执）：“已上报”一栏是教育局掌握的数字。再次导出本期次即为更正（更正包）。</translation>
    </message>
    <message>
        <source>Records sent: {counts}</source>
        <translation>上报记录数：{counts}</translation>
    </message>
    <message>
        <source>Check findings: {hard} to fix, {soft} to look at (sent with the data)</source>
        <translation>数据检查：{hard} 个必须修正，{soft} 个提示（随数据一并上报）</translation>
    </message>
    <message>
        <source>{count} problems must be fixed before the package can be exported (see the list; the Checks page opens each record).</source>
        <translation>还有 {count} 个问题必须修正后才能导出上报包（见下表；在“数据检查”页可打开相应记录）。</translation>
    </message>
    <message>
        <source>Period {period} cannot be exported yet: the package must be encrypted for your county bureau, whose key file is not registered (see 2).</source>
        <translation>期次 {period} 还不能导出：上报包必须为本县市教育体育局加密，而其密钥文件尚未登记（见第 2 项）。</translation>
    </message>
    <message>
        <source>Ready to export period {period}: the complete data of the school, signed, and encrypted so that only {names} can open it.</source>
        <translation>可以导出期次 {period}：本校全部数据，已签名并加密，只有{names}能打开。</translation>
    </message>
    <message>
        <source>Export no. {sequence}, file {file}</source>
        <translation>第 {sequence} 次上报，文件 {file}</translation>
    </message>
</context>
<context>
    <name>ServerSettings</name>
    <message>
        <source>Database server</source>
        <extracomment>Emitted after the address was saved or cleared: the new address (no password) or &quot;&quot;. Emitted when a connection test ends: (ok, the sentence shown).</extracomment>
        <translation>数据库服务器</translation>
    </message>
    <message>
        <source>A school&apos;s data stays in its file on this computer. Database servers are for county and prefecture bureaus with several clerks.</source>
        <translation>学校的数据保存在本机的数据文件中。数据库服务器供有多名工作人员的县市和州教育体育局使用。</translation>
    </message>
    <message>
        <source>A bureau with several clerks can keep one database on a PostgreSQL server that every clerk&apos;s cxdesk uses. Enter the address the administrator gave you and your password. The change applies at the next start.</source>
        <translation>有多名工作人员的教育体育局可以把数据库放在一台 PostgreSQL 服务器上，各人的 cxdesk 共用。请填写管理员提供的服务器地址和您的密码。更改在下次启动时生效。</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Use the file on this computer</source>
        <translation>使用本机的数据文件</translation>
    </message>
    <message>
        <source>The password is kept in the system&apos;s keyring ({name}).</source>
        <translation>密码保存在系统的密钥环中（{name}）。</translation>
    </message>
    <message>
        <source>This computer has no keyring, so cxdesk will not save the password. Put it in a pgpass file readable only by you (~/.pgpass with permissions 0600, or %APPDATA%\postgresql\pgpass.conf on Windows) or in the PGPASSWORD environment variable; see docs/postgres.md.</source>
        <translation>本机没有系统密钥环，cxdesk 不会保存密码。请把密码写在只有您能读取的 pgpass 文件中（~/.pgpass，权限 0600；Windows 上为 %APPDATA%\postgresql\pgpass.conf），或设置环境变量 PGPASSWORD；见 docs/postgres.md。</translation>
    </message>
    <message>
        <source>Now using {url}.</source>
        <translation>当前使用 {url}。</translation>
    </message>
    <message>
        <source>Enter a server address such as {example}.</source>
        <translation>请填写服务器地址，例如 {example}。</translation>
    </message>
    <message>
        <source>Connecting to {url}…</source>
        <translation>正在连接 {url}…</translation>
    </message>
    <message>
        <source>Connected to {url} (PostgreSQL {version}).</source>
        <translation>已连接 {url}（PostgreSQL {version}）。</translation>
    </message>
    <message>
        <source>The connection failed: {error}</source>
        <translation>连接失败：{error}</translation>
    </message>
    <message>
        <source>Saved. cxdesk will use {url} at the next start.</source>
        <translation>已保存。cxdesk 下次启动时将使用 {url}。</translation>
    </message>
    <message>
        <source>The password is in the keyring.</source>
        <translation>密码已存入密钥环。</translation>
    </message>
    <message>
        <source>The password was not saved (no keyring): use a pgpass file.</source>
        <translation>密码未保存（本机没有密钥环）：请使用 pgpass 文件。</translation>
    </message>
    <message>
        <source>Saved. cxdesk will use the database file on this computer.</source>
        <translation>已保存。cxdesk 下次启动时将使用本机的数据文件。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <extracomment>The groups below the language, in order, each a widget built with the app&apos;s context: the backups (issue 6), a bureau&apos;s PostgreSQL server (issue 8). One line adds a group.</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Language of the app:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>The change applies at once, to every window and message, and is remembered for the next start.</source>
        <translation>更改立即生效，适用于所有窗口和提示，下次启动时保持。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>County bureau (县市教育体育局)</source>
        <translation>县市教育体育局</translation>
    </message>
    <message>
        <source>Prefecture bureau (州教育体育局)</source>
        <translation>州教育体育局</translation>
    </message>
    <message>
        <source>Setting up cxdesk</source>
        <translation>首次设置 cxdesk</translation>
    </message>
</context>
<context>
    <name>StandardDialog</name>
    <message>
        <source>Add a standard</source>
        <translation>添加标准</translation>
    </message>
    <message>
        <source>the document&apos;s title and number, e.g. 楚办通〔2024〕20号</source>
        <translation>文件名称及文号，如 楚办通〔2024〕20号</translation>
    </message>
    <message>
        <source>full-time</source>
        <translation>专职</translation>
    </message>
    <message>
        <source>full- or part-time</source>
        <translation>专（兼）职</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>every school</source>
        <translation>所有学校</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Name in English:</source>
        <translation>英文名称：</translation>
    </message>
    <message>
        <source>Source document:</source>
        <translation>依据文件：</translation>
    </message>
    <message>
        <source>Applies from:</source>
        <translation>起始日期：</translation>
    </message>
    <message>
        <source>Kinds of school (none: all):</source>
        <translation>适用学校类别（不选为全部）：</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>规则：</translation>
    </message>
    <message>
        <source>Counselors:</source>
        <translation>教师：</translation>
    </message>
    <message>
        <source>At least:</source>
        <translation>至少：</translation>
    </message>
    <message>
        <source>Only schools with pupils ≥</source>
        <translation>仅限在校生 ≥</translation>
    </message>
    <message>
        <source>or with boarders ≥</source>
        <translation>或寄宿生 ≥</translation>
    </message>
    <message>
        <source>Areas:</source>
        <translation>功能区：</translation>
    </message>
    <message>
        <source>Area measured:</source>
        <translation>衡量的功能区：</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>至多：</translation>
    </message>
    <message>
        <source>Requirement or advice:</source>
        <translation>要求或提示：</translation>
    </message>
    <message>
        <source>Target share of schools:</source>
        <translation>目标（学校占比）：</translation>
    </message>
    <message>
        <source>How sure:</source>
        <translation>可靠程度：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Note in English:</source>
        <translation>英文说明：</translation>
    </message>
</context>
<context>
    <name>StandardsPage</name>
    <message>
        <source>Switch off</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Add a standard…</source>
        <translation>添加标准…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Template for schools…</source>
        <translation>给学校的填报模板…</translation>
    </message>
    <message>
        <source>Export the set…</source>
        <translation>导出标准…</translation>
    </message>
    <message>
        <source>Adopt the prefecture&apos;s set…</source>
        <translation>采用州局下发的标准…</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>达标标准</translation>
    </message>
    <message>
        <source>What schools are measured against. The national ones come with cxdesk; switch off those that do not apply, add your province&apos;s or prefecture&apos;s own. The template for schools carries this list: a school that imports it sees the same targets.</source>
        <translation>衡量学校是否达标的依据。国家标准随程序提供；不适用的可以停用，也可以添加本省、本州的标准。给学校的填报模板中带有这份清单，学校导入后看到的是同样的目标。</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Switched on: {name}.</source>
        <translation>已启用：{name}。</translation>
    </message>
    <message>
        <source>Switched off: {name}.</source>
        <translation>已停用：{name}。</translation>
    </message>
    <message>
        <source>Added: {name}.</source>
        <translation>已添加：{name}。</translation>
    </message>
    <message>
        <source>Removed: {name}.</source>
        <translation>已删除：{name}。</translation>
    </message>
    <message>
        <source>Export the standards</source>
        <translation>导出标准</translation>
    </message>
    <message>
        <source>standards</source>
        <translation>达标标准</translation>
    </message>
    <message>
        <source>Standards (*.json)</source>
        <translation>标准文件 (*.json)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>Template for schools</source>
        <translation>给学校的填报模板</translation>
    </message>
    <message>
        <source>template</source>
        <translation>填报模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Written to {path}: schools that import it adopt these standards.</source>
        <translation>已写入 {path}：学校导入后即采用这些标准。</translation>
    </message>
    <message>
        <source>The prefecture&apos;s standards</source>
        <translation>州局下发的标准</translation>
    </message>
    <message>
        <source>Adopted the standards of {issuer}.</source>
        <translation>已采用{issuer}的标准。</translation>
    </message>
</context>
<context>
    <name>StandingBox</name>
    <message>
        <source>Standards</source>
        <extracomment>Mark and colour of each outcome.</extracomment>
        <translation>达标情况</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>does not apply</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>data missing</source>
        <translation>缺少数据</translation>
    </message>
    <message>
        <source>No standard is in force at the reference date.</source>
        <translation>统计时点没有生效的标准。</translation>
    </message>
    <message>
        <source> (advice)</source>
        <translation>（提示）</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Export to Excel…</source>
        <extracomment>Where the prefecture sent lead teachers for training (domain.md: &quot;100 … in Shanghai&quot;).</extracomment>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Schools reported</source>
        <translation>已报学校</translation>
    </message>
    <message>
        <source>Counselors</source>
        <translation>心理健康教育教师</translation>
    </message>
    <message>
        <source>Full-time</source>
        <translation>专职 / 兼职</translation>
    </message>
    <message>
        <source>National certificates (level 2 / 3)</source>
        <translation>国家心理咨询师（二级 / 三级）</translation>
    </message>
    <message>
        <source>Counselling rooms</source>
        <translation>心理辅导室（间）</translation>
    </message>
    <message>
        <source>Room area (m²)</source>
        <translation>辅导室面积（平方米）</translation>
    </message>
    <message>
        <source>Schools with a room</source>
        <translation>有辅导室学校占比</translation>
    </message>
    <message>
        <source>National + provincial training</source>
        <translation>国家级 + 省级培训人次</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Rows by</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>{scope}, period {period}. Counselors sent to the Shanghai training: {shanghai}. Figures are computed from the schools&apos; own packages.</source>
        <translation>{scope}，期次 {period}。参加上海培训的教师：{shanghai} 人次。以上数字均由各校上报包的数据汇总得出。</translation>
    </message>
    <message>
        <source>Export the summary</source>
        <translation>导出汇总</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <source>New training</source>
        <translation>新增培训</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 学时</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>培训信息</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>培训名称：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Organised by:</source>
        <translation>主办单位：</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <source>Class hours:</source>
        <translation>学时：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Who attended</source>
        <translation>参训教师</translation>
    </message>
    <message>
        <source>{n} of {total} attended</source>
        <translation>{total} 人中 {n} 人参训</translation>
    </message>
    <message>
        <source>The training cannot end before it starts.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Search title, organiser, place…</source>
        <translation>搜索培训名称、主办单位、地点…</translation>
    </message>
    <message>
        <source>Add a training…</source>
        <translation>新增培训…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No training recorded yet. Press “Add a training…”.</source>
        <translation>还没有培训记录。请点击“新增培训…”。</translation>
    </message>
    <message>
        <source>{count} events, {times} person-times</source>
        <translation>共 {count} 次，{times} 人次</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>培训名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Person-times</source>
        <translation>人次</translation>
    </message>
    <message>
        <source>Organised by</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Delete training</source>
        <translation>删除培训</translation>
    </message>
    <message>
        <source>Delete the training {title} with its {n} attendance records? You can undo this with Ctrl+Z.</source>
        <translation>删除培训“{title}”及其 {n} 条参训记录吗？删除后可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>delete training {title}</source>
        <translation>删除培训“{title}”</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <source>Search code, name, fingerprint…</source>
        <translation>搜索代码、名称、指纹…</translation>
    </message>
    <message>
        <source>Register a key…</source>
        <translation>登记密钥…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation>密钥登记</translation>
    </message>
    <message>
        <source>Packages are counted only when they are signed with a key registered here for their sender. Keys come from registration forms stamped with the sender&apos;s seal; a package with an unknown key waits on the collect page.</source>
        <translation>只有用此处为发送方登记的密钥签名的上报包才会计入统计。密钥依据加盖对方公章的备案表登记；密钥未登记的上报包在“收取上报包”页等待确认。</translation>
    </message>
    <message>
        <source>This bureau&apos;s own key: {fingerprint}</source>
        <translation>本局自己的密钥：{fingerprint}</translation>
    </message>
    <message>
        <source>{count} keys, {revoked} revoked</source>
        <translation>共 {count} 个密钥，已作废 {revoked} 个</translation>
    </message>
    <message>
        <source>Replace the valid key</source>
        <translation>更换有效密钥</translation>
    </message>
    <message>
        <source>Register the new key from the new stamped form and revoke the old one now? Packages the old key signed so far stay counted.</source>
        <translation>按新的盖章备案表登记新密钥，并立即作废原密钥吗？原密钥此前签名的上报包仍然计入。</translation>
    </message>
    <message>
        <source>Key revoked</source>
        <translation>密钥已作废</translation>
    </message>
</context>
</TS>
