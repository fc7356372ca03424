<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About PsyRoom</source>
        <translation>关于心理服务室</translation>
    </message>
    <message>
        <source>PsyRoom</source>
        <translation>心理服务室</translation>
    </message>
    <message>
        <source>Version %1 · Qt %2</source>
        <translation>版本 %1 · Qt %2</translation>
    </message>
    <message>
        <source>Offline records for community psychological service rooms. All data stays encrypted on this computer.</source>
        <translation>社区心理服务室离线工作记录软件。所有数据都加密保存在本机上。</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Third-party software</source>
        <translation>第三方软件</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>◀ Previous month</source>
        <translation>◀ 上个月</translation>
    </message>
    <message>
        <source>Next month ▶</source>
        <translation>下个月 ▶</translation>
    </message>
    <message>
        <source>Record an activity…</source>
        <translation>记录活动…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Target group</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Survey passed / answered</source>
        <translation>知晓率调查 合格/答卷</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动记录</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <source>%1 activities, %2 people taking part.</source>
        <translation>本月共 %1 次活动，%2 人次参加。</translation>
    </message>
    <message>
        <source>Awareness survey: %1 of %2 passed (%3).</source>
        <translation>知晓率调查：%2 人答卷，%1 人合格（%3）。</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Record an activity</source>
        <translation>记录活动</translation>
    </message>
    <message>
        <source>E.g. mental health lecture for older people</source>
        <translation>例如：老年人心理健康讲座</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>辖区居民</translation>
    </message>
    <message>
        <source>Older people</source>
        <translation>老年人</translation>
    </message>
    <message>
        <source>Left-behind children</source>
        <translation>留守儿童</translation>
    </message>
    <message>
        <source>Perinatal women</source>
        <translation>孕产期妇女</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Parents</source>
        <translation>家长</translation>
    </message>
    <message>
        <source>Grid workers and social workers</source>
        <translation>网格员和社工</translation>
    </message>
    <message>
        <source>Families of patients</source>
        <translation>患者家属</translation>
    </message>
    <message>
        <source>An awareness survey was done</source>
        <translation>做了心理健康知识知晓率调查</translation>
    </message>
    <message>
        <source>answered:</source>
        <translation>答卷人数：</translation>
    </message>
    <message>
        <source>passed:</source>
        <translation>合格人数：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Target group:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>People taking part:</source>
        <translation>参加人数：</translation>
    </message>
    <message>
        <source>Survey:</source>
        <translation>调查：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Give the topic.</source>
        <translation>请填写活动主题。</translation>
    </message>
    <message>
        <source>More people answered the survey than took part.</source>
        <translation>答卷人数不能多于参加人数。</translation>
    </message>
    <message>
        <source>More people passed than answered the survey.</source>
        <translation>合格人数不能多于答卷人数。</translation>
    </message>
    <message>
        <source>Staff who attended:</source>
        <translation>参加的工作人员：</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User name (for logging in):</source>
        <translation>用户名（登录用）：</translation>
    </message>
    <message>
        <source>Full name (shown on screens):</source>
        <translation>姓名（界面上显示）：</translation>
    </message>
    <message>
        <source>First password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <source>Tell the person this first password in person. They must choose their own at their first login.</source>
        <translation>请当面把初始密码告诉本人。本人第一次登录时必须改成自己的密码。</translation>
    </message>
</context>
<context>
    <name>AddendumDialog</name>
    <message>
        <source>Add an addendum</source>
        <translation>添加补充说明</translation>
    </message>
    <message>
        <source>Add and sign</source>
        <translation>添加并签名</translation>
    </message>
    <message>
        <source>The signed note stays as it is. The addendum is added below it with today&apos;s date and your name.</source>
        <translation>已签名的记录保持原样，补充说明会附在其后，并注明今天的日期和您的姓名。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator account</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>This account manages users and backups. It can also do the counselling work of this site; other roles can be given later.</source>
        <translation>这个账号负责管理用户和备份，也可以做本站点的心理服务工作；以后可以再给其他人分配角色。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Remember this password: nobody can look it up. If it is lost, only the recovery code shown next can set a new one.</source>
        <translation>请记住这个密码：任何人都查不到它。密码丢了，只能用下一步显示的恢复码重新设置。</translation>
    </message>
    <message>
        <source>Creating the encrypted database… this takes a few seconds.</source>
        <translation>正在创建加密数据库……需要几秒钟。</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>The backup was restored. Log in with an account of the backup.</source>
        <translation>已从备份恢复。请用备份中的账号登录。</translation>
    </message>
</context>
<context>
    <name>ArchiveView</name>
    <message>
        <source>← Back to the list</source>
        <translation>← 返回名单</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Anonymise/delete…</source>
        <translation>匿名化/删除…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>档案记录</translation>
    </message>
    <message>
        <source>Merge the archive of %1 into the chosen one? This cannot be undone.</source>
        <translation>确定把 %1 的档案合并到所选档案吗？合并后无法撤销。</translation>
    </message>
    <message>
        <source>The PDF holds everything recorded about this person: name, ID number, phone, categories and history. Give it only to the person or whoever is entitled to it, keep it out of shared folders, and delete your copy when done. Continue?</source>
        <translation>PDF 里有此人的全部档案信息：姓名、身份证号、电话、人群类别和所有记录。只能交给本人或有权查看的人，不要放在共享文件夹里，用完请删除本机上的副本。继续吗？</translation>
    </message>
    <message>
        <source>Save the archive as</source>
        <translation>档案保存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Delete the archive of %1 and all its records? This cannot be undone.</source>
        <translation>确定删除 %1 的档案及其全部记录吗？删除后无法恢复。</translation>
    </message>
    <message>
        <source>Anonymise the archive of %1? This cannot be undone.</source>
        <translation>确定将 %1 的档案匿名化吗？匿名化后无法恢复。</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Check the data</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Checks that the database file is intact and that no audit entry was changed or removed.</source>
        <translation>检查数据库文件是否完好，审计日志有没有被改动或删除。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Checking the database and the audit log…</source>
        <translation>正在校验数据库和审计日志……</translation>
    </message>
    <message>
        <source>All is well: the database file is intact and the audit log&apos;s %1 entries are unchanged.</source>
        <translation>一切正常：数据库文件完好，审计日志的 %1 条记录都没有被改动。</translation>
    </message>
    <message>
        <source>Problems were found. The data may have been damaged or changed outside PsyRoom. Do not delete anything; make a backup and ask your technician. Details:</source>
        <translation>发现问题。数据可能已损坏，或在本软件之外被改动过。请不要删除任何文件，先做一次备份，再联系技术人员。详细情况：</translation>
    </message>
    <message>
        <source>Audit chain head: %1 entries, newest hash %2. Every backup records this head; &quot;psyroom verify --against BACKUP&quot; shows whether entries were removed since.</source>
        <translation>审计链头：共 %1 条记录，最新哈希 %2。每次备份都会记下链头；用“psyroom verify --against 备份文件”可以查出此后是否有记录被删除。</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Back up to a file…</source>
        <translation>备份到文件…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>A backup is one encrypted file holding all the data of this site. It opens only with a password that was valid when it was made. Back up every week to a USB stick kept locked away, and keep several old backups.</source>
        <translation>备份是一个加密文件，包含本站点的全部数据，只有用备份当时有效的密码才能打开。请每周备份一次到U盘，U盘锁好保管，并保留几份旧的备份。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restoring replaces all current data with the backup&apos;s. The current data is kept as a copy first. You will have to log in again afterwards.</source>
        <translation>恢复会用备份里的数据替换现在的全部数据。现在的数据会先另存一份。恢复后需要重新登录。</translation>
    </message>
    <message>
        <source>Save the backup as</source>
        <translation>备份保存为</translation>
    </message>
    <message>
        <source>PsyRoom backups (*.psyroom-backup)</source>
        <translation>心理服务室备份文件 (*.psyroom-backup)</translation>
    </message>
    <message>
        <source>Making the backup…</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <source>Backup made: %1 (%2). Keep it somewhere safe, away from this computer.</source>
        <translation>备份完成：%1（%2）。请把它存放在安全的地方，不要和这台电脑放在一起。</translation>
    </message>
    <message>
        <source>The backup was restored. Log in again.</source>
        <translation>已从备份恢复，请重新登录。</translation>
    </message>
    <message>
        <source>Nothing was restored; the data is as before. Log in again.</source>
        <translation>没有恢复任何数据，数据保持原样。请重新登录。</translation>
    </message>
</context>
<context>
    <name>BundlesPage</name>
    <message>
        <source>Export to USB drive</source>
        <translation>导出到U盘</translation>
    </message>
    <message>
        <source>Import from USB drive</source>
        <translation>从U盘导入</translation>
    </message>
    <message>
        <source>Join an office…</source>
        <translation>加入街道…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>咨询室</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Last number</source>
        <translation>最新序号</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Missing numbers</source>
        <translation>缺少的序号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>USB bundles</source>
        <translation>U盘数据包</translation>
    </message>
    <message>
        <source>Rooms send their records to the street office on a USB drive. A bundle is encrypted to the office and signed by the room: a lost drive exposes nothing.</source>
        <translation>咨询室用U盘把记录送到街道。数据包只有街道能解密，并由咨询室签名：U盘丢失也不会泄露任何信息。</translation>
    </message>
    <message>
        <source>Import every room&apos;s bundles from the USB drive; export writes each room&apos;s receipt (and the office&apos;s reference lists) for the drive&apos;s way back.</source>
        <translation>从U盘导入各咨询室的数据包；导出会为每个咨询室写一份回执（以及街道的参考目录），由U盘带回。</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>各咨询室</translation>
    </message>
    <message>
        <source>This room has not joined an office yet. Join with the enrolment file the office gave you.</source>
        <translation>本咨询室还没有加入街道。请用街道发的登记文件加入。</translation>
    </message>
    <message>
        <source>Sending to: %1.</source>
        <translation>数据发送给：%1。</translation>
    </message>
    <message>
        <source>Not yet confirmed by the office: bundle %1.</source>
        <translation>街道尚未确认的数据包：%1。</translation>
    </message>
    <message>
        <source>Every bundle has been confirmed.</source>
        <translation>所有数据包都已确认。</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期未报</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>%1 warning(s)</source>
        <translation>%1 条警告</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>%1 room(s) enrolled, %2 late.</source>
        <translation>已登记 %1 个咨询室，其中 %2 个逾期未报。</translation>
    </message>
    <message>
        <source>Choose the USB drive</source>
        <translation>选择U盘</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message>
        <source>Choose bundles</source>
        <translation>选择数据包</translation>
    </message>
    <message>
        <source>PsyRoom bundles (*.psybundle)</source>
        <translation>心理服务室数据包 (*.psybundle)</translation>
    </message>
    <message>
        <source>Importing bundles…</source>
        <translation>正在导入数据包…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>导入日期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Browse this room&apos;s archives…</source>
        <translation>查看该咨询室的档案…</translation>
    </message>
    <message>
        <source>Late: no bundle covering last month by day</source>
        <translation>逾期判定：每月</translation>
    </message>
    <message>
        <source>of the month</source>
        <translation>日前仍未收到上月数据包的，算作逾期</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel the referral</source>
        <translation>作废转介单</translation>
    </message>
    <message>
        <source>Required, e.g. the person went on their own</source>
        <translation>必填，例如：本人已自行前往就诊</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>The administrator asks you to choose a new password before you go on.</source>
        <translation>管理员要求您先设置一个新密码，然后才能继续使用。</translation>
    </message>
    <message>
        <source>Choose a new password. Only your own key changes; no data is lost.</source>
        <translation>请设置新密码。只会更换您自己的密钥，不会丢失任何数据。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
</context>
<context>
    <name>CloseCrisisDialog</name>
    <message>
        <source>Close the crisis</source>
        <translation>结束危机干预</translation>
    </message>
    <message>
        <source>Required, e.g. risk assessed again on 5 March: no plan, sleeping better, family watching; back to regular follow-up.</source>
        <translation>必填，例如：3月5日再次评估，无自杀计划，睡眠好转，家属看护到位；转为常规随访。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Why is the crisis over?</source>
        <translation>为什么可以结束这次危机干预？</translation>
    </message>
    <message>
        <source>Closing takes the person off the high-risk list unless their archive&apos;s risk level is high.</source>
        <translation>结束后此人将移出高风险名单（档案中风险等级为“高”的除外）。</translation>
    </message>
</context>
<context>
    <name>ConsultationDialog</name>
    <message>
        <source>Consultation record</source>
        <translation>咨询记录</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>咨询信息</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>咨询记录内容</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <source>Sign and lock</source>
        <translation>签名并锁定</translation>
    </message>
    <message>
        <source>Add an addendum</source>
        <translation>添加补充说明</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Signed and locked on %1 by %2. The note cannot be changed; add an addendum to correct or complete it.</source>
        <translation>已于 %1 由 %2 签名锁定。记录不能再修改，如需更正或补充，请添加补充说明。</translation>
    </message>
    <message>
        <source>Draft by %1, not signed yet.</source>
        <translation>%1 的草稿，尚未签名。</translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <source>First choose the resident (or “Anonymous”) above.</source>
        <translation>请先在上方选择来访者（或选“匿名来访”）。</translation>
    </message>
    <message>
        <source>Choose who came; the record then saves itself as you type.</source>
        <translation>选择来访者后，记录会在填写时自动保存。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Draft saved automatically %1</source>
        <translation>草稿已自动保存 %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>After signing, the note is locked: it cannot be changed any more, only completed with dated addenda. Sign now?</source>
        <translation>签名后记录将被锁定，不能再修改，只能添加注明日期的补充说明。现在签名吗？</translation>
    </message>
    <message>
        <source>Delete this draft and its private notes? This cannot be undone.</source>
        <translation>删除这份草稿及其私人过程记录？删除后无法恢复。</translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation>存为模板</translation>
    </message>
    <message>
        <source>Name of the template:</source>
        <translation>模板名称：</translation>
    </message>
    <message>
        <source>Refer…</source>
        <translation>转介…</translation>
    </message>
</context>
<context>
    <name>ConsultationFields</name>
    <message>
        <source>Not said</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>Village or community (optional)</source>
        <translation>村/社区（可不填）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>已约定</translation>
    </message>
    <message>
        <source>Who came:</source>
        <translation>来访类型：</translation>
    </message>
    <message>
        <source>Resident:</source>
        <translation>来访者：</translation>
    </message>
    <message>
        <source>Also present:</source>
        <translation>其他参与者：</translation>
    </message>
    <message>
        <source>Caller:</source>
        <translation>匿名来访者：</translation>
    </message>
    <message>
        <source>Start, length, mode:</source>
        <translation>时间、时长、方式：</translation>
    </message>
    <message>
        <source>Issues:</source>
        <translation>问题类别：</translation>
    </message>
    <message>
        <source>Next appointment:</source>
        <translation>下次预约：</translation>
    </message>
    <message>
        <source>Risk screening:</source>
        <translation>风险筛查：</translation>
    </message>
    <message>
        <source>Result of the session:</source>
        <translation>处理结果：</translation>
    </message>
</context>
<context>
    <name>CounsellingPanel</name>
    <message>
        <source>New consultation…</source>
        <translation>新建咨询记录…</translation>
    </message>
    <message>
        <source>Run a scale…</source>
        <translation>心理测评…</translation>
    </message>
    <message>
        <source>Crisis intervention…</source>
        <translation>危机干预…</translation>
    </message>
    <message>
        <source>SMD follow-up…</source>
        <translation>严重精神障碍随访…</translation>
    </message>
    <message>
        <source>Scores over time ▸</source>
        <translation>测评得分变化 ▸</translation>
    </message>
    <message>
        <source>Scores over time ▾</source>
        <translation>测评得分变化 ▾</translation>
    </message>
    <message>
        <source>Referral…</source>
        <translation>转介…</translation>
    </message>
    <message>
        <source>%1 already has an open crisis (%2, %3). Record another one anyway?</source>
        <translation>%1 已有一条进行中的危机干预（%2，%3）。仍要再记录一条吗？</translation>
    </message>
</context>
<context>
    <name>CrisisDialog</name>
    <message>
        <source>Crisis intervention</source>
        <translation>危机干预</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>程度：</translation>
    </message>
    <message>
        <source>Required: what you and others did</source>
        <translation>必填：您和其他人采取了哪些措施</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>发生时间：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>What happened:</source>
        <translation>发生了什么：</translation>
    </message>
    <message>
        <source>Actions taken:</source>
        <translation>已采取的措施：</translation>
    </message>
    <message>
        <source>Who was told:</source>
        <translation>已通知：</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Follow-up:</source>
        <translation>后续跟进：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The person stays on the high-risk list of the home page until a counsellor closes this crisis with a reason.</source>
        <translation>在咨询师填写原因结束本次危机干预之前，此人会一直列在首页的高风险名单中。</translation>
    </message>
    <message>
        <source>Make an urgent referral after saving (转介)</source>
        <translation>保存后开具紧急转介单（转介）</translation>
    </message>
</context>
<context>
    <name>CrisisPromptDialog</name>
    <message>
        <source>Risk of self-harm: act now</source>
        <translation>自伤风险：请立即处置</translation>
    </message>
    <message>
        <source>Risk of self-harm or suicide</source>
        <translation>自伤或自杀风险</translation>
    </message>
    <message>
        <source>What was done (tick or type; required):</source>
        <translation>已采取的措施（可勾选或填写，必填）：</translation>
    </message>
    <message>
        <source>Asked directly about thoughts, plans and means</source>
        <translation>已当面询问想法、计划和手段</translation>
    </message>
    <message>
        <source>Made sure the person is safe now and not left alone</source>
        <translation>已确保其当下安全，没有让其独自离开</translation>
    </message>
    <message>
        <source>Contacted family or guardian to stay with the person</source>
        <translation>已联系家属或监护人前来陪护</translation>
    </message>
    <message>
        <source>Referred to a psychiatric institution</source>
        <translation>已转介精神卫生医疗机构</translation>
    </message>
    <message>
        <source>Called 120 or the police</source>
        <translation>已拨打120或报警</translation>
    </message>
    <message>
        <source>E.g. talked with her for 40 minutes; no plan or means; husband came to take her home.</source>
        <translation>例如：当面交谈40分钟，无具体计划和手段；丈夫已来接她回家。</translation>
    </message>
    <message>
        <source>Record the action and save the scale</source>
        <translation>记录措施并保存测评</translation>
    </message>
    <message>
        <source>Go back and change the answers</source>
        <translation>返回修改答案</translation>
    </message>
</context>
<context>
    <name>CrisisView</name>
    <message>
        <source>Crisis intervention</source>
        <translation>危机干预</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>发生时间：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>What happened:</source>
        <translation>发生了什么：</translation>
    </message>
    <message>
        <source>Actions taken:</source>
        <translation>已采取的措施：</translation>
    </message>
    <message>
        <source>Who was told:</source>
        <translation>已通知：</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Follow-up:</source>
        <translation>后续跟进：</translation>
    </message>
    <message>
        <source>Recorded by:</source>
        <translation>记录人：</translation>
    </message>
    <message>
        <source>In progress: the person is on the high-risk list.</source>
        <translation>进行中：此人在高风险名单上。</translation>
    </message>
    <message>
        <source>Closed %1 by %2: %3</source>
        <translation>%1 由 %2 结束：%3</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>End this crisis…</source>
        <translation>结束危机干预…</translation>
    </message>
    <message>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
</context>
<context>
    <name>DangerCounts</name>
    <message>
        <source> times</source>
        <translation> 次</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>Anonymous</source>
        <translation>匿名来访</translation>
    </message>
    <message>
        <source>due %1 (last %2)</source>
        <translation>应于 %1 随访（上次 %2）</translation>
    </message>
    <message>
        <source>never followed up</source>
        <translation>从未随访</translation>
    </message>
    <message>
        <source>%1 · visit %2: risk level %3, %4</source>
        <translation>%1 · %2 随访：危险性 %3 级，%4</translation>
    </message>
    <message>
        <source>risk: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <source>open crisis</source>
        <translation>危机干预进行中</translation>
    </message>
    <message>
        <source>Today&apos;s appointments</source>
        <translation>今日预约</translation>
    </message>
    <message>
        <source>No appointment today.</source>
        <translation>今天没有预约。</translation>
    </message>
    <message>
        <source>Open archive</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>逾期随访</translation>
    </message>
    <message>
        <source>No follow-up is overdue.</source>
        <translation>没有逾期的随访。</translation>
    </message>
    <message>
        <source>Record follow-up…</source>
        <translation>记录随访…</translation>
    </message>
    <message>
        <source>Follow-ups needing action</source>
        <translation>待处置随访</translation>
    </message>
    <message>
        <source>No follow-up is waiting for an action.</source>
        <translation>没有待处置的随访。</translation>
    </message>
    <message>
        <source>Record the action…</source>
        <translation>记录处置…</translation>
    </message>
    <message>
        <source>Open crises</source>
        <translation>进行中的危机</translation>
    </message>
    <message>
        <source>No open crisis.</source>
        <translation>没有进行中的危机干预。</translation>
    </message>
    <message>
        <source>Close with a reason…</source>
        <translation>填写原因并结束…</translation>
    </message>
    <message>
        <source>High-risk residents</source>
        <translation>高风险居民</translation>
    </message>
    <message>
        <source>Nobody is on the list.</source>
        <translation>名单为空。</translation>
    </message>
    <message>
        <source>Run a scale…</source>
        <translation>心理测评…</translation>
    </message>
    <message>
        <source>My unsigned consultation notes</source>
        <translation>我未签名的咨询记录</translation>
    </message>
    <message>
        <source>No unsigned note.</source>
        <translation>没有未签名的记录。</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>继续填写…</translation>
    </message>
    <message>
        <source>New consultation…</source>
        <translation>新建咨询记录…</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月统计</translation>
    </message>
    <message>
        <source>Follow-up hand-off…</source>
        <translation>随访报送…</translation>
    </message>
    <message>
        <source>Urgent referrals not yet issued</source>
        <translation>尚未开具的紧急转介</translation>
    </message>
    <message>
        <source>No urgent referral is waiting.</source>
        <translation>没有等待开具的紧急转介。</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>开具…</translation>
    </message>
    <message>
        <source>Referral receipts overdue</source>
        <translation>转介回执逾期未回</translation>
    </message>
    <message>
        <source>Every issued slip has its receipt, or is not due yet.</source>
        <translation>已开具的转介单都已收到回执，或尚未到期。</translation>
    </message>
    <message>
        <source>Record receipt…</source>
        <translation>登记回执…</translation>
    </message>
    <message>
        <source>issued %1</source>
        <translation>%1 开具</translation>
    </message>
</context>
<context>
    <name>DatabaseProblemDialog</name>
    <message>
        <source>PsyRoom — the data cannot be opened</source>
        <translation>心理服务室 — 无法打开数据</translation>
    </message>
    <message>
        <source>The data cannot be opened</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>Nothing was changed or deleted. If you have a backup file (for example on a USB stick), you can restore from it now. Otherwise close PsyRoom and ask your technician; do not delete the data folder.</source>
        <translation>没有改动或删除任何东西。如果您有备份文件（比如在U盘里），现在就可以从备份恢复。否则请关闭本软件并联系技术人员，千万不要删除数据文件夹。</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>DirectoryDialog</name>
    <message>
        <source>Institution directory</source>
        <translation>转介机构名录</translation>
    </message>
    <message>
        <source>Search name, address, phone or contact</source>
        <translation>按名称、地址、电话或联系人查找</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>This entry comes from the street office; only the office can change it.</source>
        <translation>此条目由街道下发，只能由街道修改。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Contact person:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新增机构</translation>
    </message>
    <message>
        <source>Save entry</source>
        <translation>保存机构</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Street office</source>
        <translation>街道下发</translation>
    </message>
    <message>
        <source>This room</source>
        <translation>本室添加</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Close and throw away what you typed?</source>
        <translation>关闭并丢弃已填写的内容吗？</translation>
    </message>
</context>
<context>
    <name>DrugRows</name>
    <message>
        <source>Drug</source>
        <translation>药名</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>早</translation>
    </message>
    <message>
        <source>Noon</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Evening</source>
        <translation>晚</translation>
    </message>
    <message>
        <source>Long-acting: every</source>
        <translation>长效药：每</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>每次剂量</translation>
    </message>
    <message>
        <source>Drug %1</source>
        <translation>药物%1</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> 周一次</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <source>Joined. This room&apos;s code is %1; the next bundle carries every record.</source>
        <translation>已加入街道。本咨询室编码为 %1，下次导出的数据包会带上全部已有记录。</translation>
    </message>
    <message>
        <source>Office: %1 (%2)</source>
        <translation>街道：%1（%2）</translation>
    </message>
    <message>
        <source>This room&apos;s code: %1</source>
        <translation>咨询室编码：%1</translation>
    </message>
    <message>
        <source>Room name: %1</source>
        <translation>名称：%1</translation>
    </message>
    <message>
        <source>Kind of room: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <source>Village or community: %1</source>
        <translation>村（社区）：%1</translation>
    </message>
</context>
<context>
    <name>EnrolmentChoice</name>
    <message>
        <source>Choose the enrolment file…</source>
        <translation>选择登记文件…</translation>
    </message>
    <message>
        <source>Do not use a file</source>
        <translation>不用登记文件</translation>
    </message>
    <message>
        <source>Choose the enrolment file</source>
        <translation>选择登记文件</translation>
    </message>
    <message>
        <source>Enrolment file (*.json)</source>
        <translation>登记文件 (*.json)</translation>
    </message>
    <message>
        <source>Read from the file:</source>
        <translation>从登记文件中读取到：</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>An unexpected error happened. Nothing more was done. If it happens again, restart the program and tell your technician.</source>
        <translation>出现意外错误，操作没有继续进行。如果再次出现，请重新启动本软件，并告诉技术人员。</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Record the institution&apos;s feedback</source>
        <translation>登记接收机构的反馈</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Finding and advice:</source>
        <translation>初步意见和建议：</translation>
    </message>
</context>
<context>
    <name>FieldEditors</name>
    <message>
        <source>e.g. 1952-07-14, or 1952-07</source>
        <translation>如 1952-07-14，或只填 1952-07</translation>
    </message>
    <message>
        <source>18 characters; may be left empty</source>
        <translation>18 位，没有可以不填</translation>
    </message>
    <message>
        <source>e.g. 2024-05-01</source>
        <translation>如 2024-05-01</translation>
    </message>
    <message>
        <source>e.g. psychological service records</source>
        <translation>如 心理服务档案管理</translation>
    </message>
    <message>
        <source>Open that archive</source>
        <translation>打开那份档案</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Guardian and consent</source>
        <translation>监护人、知情同意和风险</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Write the date like 2024-05-01</source>
        <translation>日期请写成 2024-05-01 的样子</translation>
    </message>
    <message>
        <source>The number has the wrong number of digits and will not be saved; check it.</source>
        <translation>号码位数不对，保存时不会保存这个号码，请核对。</translation>
    </message>
    <message>
        <source>As in the national severe mental disorder information system</source>
        <translation>与国家严重精神障碍信息系统中的编号一致</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>PsyRoom — first-time set-up</source>
        <translation>心理服务室 — 首次设置</translation>
    </message>
</context>
<context>
    <name>FollowupActionDialog</name>
    <message>
        <source>Record the action</source>
        <translation>记录处置</translation>
    </message>
    <message>
        <source>E.g. referred to the city mental health centre on 3 March; admitted.</source>
        <translation>例如：3月3日已转介市精神卫生中心，已住院。</translation>
    </message>
    <message>
        <source>E.g. told the village committee, the police station and the family doctor by phone.</source>
        <translation>例如：已电话通知村委会、派出所和家庭医生。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Referral to a psychiatric institution:</source>
        <translation>转介精神卫生医疗机构情况：</translation>
    </message>
    <message>
        <source>Care team told (关爱帮扶小组):</source>
        <translation>通知关爱帮扶小组情况：</translation>
    </message>
    <message>
        <source>No referral record: describe it below</source>
        <translation>没有转介单：在下面文字说明</translation>
    </message>
    <message>
        <source>New referral…</source>
        <translation>新建转介单…</translation>
    </message>
</context>
<context>
    <name>FollowupDialog</name>
    <message>
        <source>Takes part in home rehabilitation</source>
        <translation>参加居家康复</translation>
    </message>
    <message>
        <source>Counselling given to the patient</source>
        <translation>对患者进行了心理疏导和健康教育</translation>
    </message>
    <message>
        <source>Guidance given to the family</source>
        <translation>对家属进行了护理和康复指导</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>This resident is not registered as a severe mental disorder patient. Register them in the archive first.</source>
        <translation>此居民未登记为严重精神障碍患者，请先在档案中登记。</translation>
    </message>
    <message>
        <source>Follow-up record of a severe mental disorder patient</source>
        <translation>严重精神障碍患者随访服务记录</translation>
    </message>
    <message>
        <source>Blank form…</source>
        <translation>打印空白表…</translation>
    </message>
    <message>
        <source>Save and print…</source>
        <translation>保存并打印…</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <source>Patient reached (directly or through others)</source>
        <translation>已访到（直接或间接）</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>未访到</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>本次随访：</translation>
    </message>
    <message>
        <source>If died:</source>
        <translation>如死亡：</translation>
    </message>
    <message>
        <source>Symptoms, insight, social function</source>
        <translation>症状、自知力、社会功能</translation>
    </message>
    <message>
        <source>12 Other: which</source>
        <translation>12 其他：请注明</translation>
    </message>
    <message>
        <source>Marked psychotic symptoms (the doctor&apos;s judgement)</source>
        <translation>精神症状明显（医生判断）</translation>
    </message>
    <message>
        <source>Social function · %1:</source>
        <translation>社会功能 · %1：</translation>
    </message>
    <message>
        <source>Between the two visits</source>
        <translation>两次随访期间</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>用药</translation>
    </message>
    <message>
        <source>Which drug, which effect</source>
        <translation>何种药物、何种不良反应</translation>
    </message>
    <message>
        <source>Severe (acute) drug side effects (the doctor&apos;s judgement)</source>
        <translation>严重（急性）药物不良反应（医生判断）</translation>
    </message>
    <message>
        <source>Serious physical illness (the doctor&apos;s judgement)</source>
        <translation>严重躯体疾病（医生判断）</translation>
    </message>
    <message>
        <source>Institution and department</source>
        <translation>机构及科室</translation>
    </message>
    <message>
        <source>5 Other: which</source>
        <translation>5 其他：请注明</translation>
    </message>
    <message>
        <source>Classification and next visit</source>
        <translation>本次随访分类与下次随访</translation>
    </message>
    <message>
        <source>Why more severe than the rules</source>
        <translation>判为比规范更重的理由</translation>
    </message>
    <message>
        <source>Unstable: refer the patient at once to a higher hospital and tell the care team (village committee, police, family doctor); follow up within 2 weeks. After saving, the action stays on the home page until it is recorded.</source>
        <translation>病情不稳定：请立即转诊到上级医院，并告知关爱帮扶小组（村委会、派出所、家庭医生），2周内随访。保存后，处置事项会留在首页“需处置的随访”中，直到记录处置。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>A death ends the follow-ups: no class and no next date; the archive is marked deceased.</source>
        <translation>患者死亡，随访结束：不分类、无下次随访日期，档案将标记为已故。</translation>
    </message>
    <message>
        <source>By the national rules: %1 — %2</source>
        <translation>按国家规范：%1 —— %2</translation>
    </message>
    <message>
        <source>in 3 months (stable)</source>
        <translation>3个月时随访（稳定）</translation>
    </message>
    <message>
        <source>within 2 weeks</source>
        <translation>2周内随访</translation>
    </message>
    <message>
        <source>Still to fill in for the class: %1</source>
        <translation>分类还需填写：%1</translation>
    </message>
    <message>
        <source>Save the form as</source>
        <translation>随访表保存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>No referral record</source>
        <translation>不关联转介单</translation>
    </message>
    <message>
        <source>New referral…</source>
        <translation>新建转介单…</translation>
    </message>
    <message>
        <source>Referral record:</source>
        <translation>转介单：</translation>
    </message>
    <message>
        <source>With a reason for loss, the archive is marked lost to follow-up until a visit reaches the patient again.</source>
        <translation>填写失访原因后，档案状态将设为“失访”，直到再次访到患者。</translation>
    </message>
    <message>
        <source>The archive says lost to follow-up: saving this visit brings the patient back under management.</source>
        <translation>档案当前为“失访”：保存本次访到患者的随访后，档案恢复为在册管理。</translation>
    </message>
</context>
<context>
    <name>HandoffDialog</name>
    <message>
        <source>Follow-up hand-off</source>
        <translation>随访报送</translation>
    </message>
    <message>
        <source>Follow-ups for the national information system (one row each, 表1-8 order and codes)</source>
        <translation>报送国家信息系统的随访记录（每次随访一行，按表1-8顺序和编码）</translation>
    </message>
    <message>
        <source>Patients due or overdue in a quarter</source>
        <translation>某季度应随访或逾期的患者</translation>
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
        <source>Quarter:</source>
        <translation>季度：</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>The hand-off holds names and full ID numbers. Save it only where it is needed (not a shared folder), and delete it once it has been typed in.</source>
        <translation>报送表含姓名和完整身份证号。请只保存在需要的位置（不要放在共享文件夹），录入国家系统后请删除。</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 follow-up(s) saved to %2</source>
        <translation>已将 %1 条随访记录保存到 %2</translation>
    </message>
    <message>
        <source>%1 patient(s) due or overdue, saved to %2</source>
        <translation>应随访或逾期 %1 人，已保存到 %2</translation>
    </message>
    <message>
        <source>Writing the spreadsheet…</source>
        <translation>正在生成表格…</translation>
    </message>
</context>
<context>
    <name>HeaderCard</name>
    <message>
        <source>This archive was anonymised: who it was is no longer known.</source>
        <translation>此档案已匿名化，已无法知道是谁。</translation>
    </message>
    <message>
        <source>%1 years old</source>
        <translation>%1 岁</translation>
    </message>
    <message>
        <source>Risk: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>知情同意</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Site code:</source>
        <translation>站点编码：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Logged in as:</source>
        <translation>当前用户：</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录统计</translation>
    </message>
</context>
<context>
    <name>IdentifierRow</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the whole number (this is recorded)</source>
        <translation>显示完整号码（会记入审计日志）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the whole number; it is cleared from the clipboard after 30 seconds</source>
        <translation>复制完整号码，30 秒后自动从剪贴板清除</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Copied. The clipboard forgets it after %1 seconds.</source>
        <translation>已复制，%1 秒后自动从剪贴板清除。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from a register</source>
        <translation>从台账导入</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>还没有选择文件</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Choose the register the village keeps in Excel (.xlsx) or as .csv. The header row and what each column holds are found automatically; check them on the left. Nothing is saved until you press Import.</source>
        <translation>请选择村里现有的台账（Excel 的 .xlsx 或 .csv 文件）。表头在哪一行、每一列是什么会自动识别，可在左边核对。按“导入”之前不会保存任何内容。</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>各列对应</translation>
    </message>
    <message>
        <source>Show only rows with problems or notes</source>
        <translation>只看有问题或有提示的行</translation>
    </message>
    <message>
        <source>What will happen to each row</source>
        <translation>每一行的导入结果预览</translation>
    </message>
    <message>
        <source>Save problem rows…</source>
        <translation>保存问题行…</translation>
    </message>
    <message>
        <source>Save the refused rows with their row numbers and reasons, to fix and import again</source>
        <translation>把不能导入的行连同行号和原因另存下来，改好后可以再导入</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a register</source>
        <translation>选择台账文件</translation>
    </message>
    <message>
        <source>Registers (*.xlsx *.csv);;All files (*)</source>
        <translation>台账 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading and checking the register…</source>
        <translation>正在读取并检查台账…</translation>
    </message>
    <message>
        <source>To add: %1</source>
        <translation>将导入 %1 人</translation>
    </message>
    <message>
        <source>To update: %1</source>
        <translation>将更新 %1 人</translation>
    </message>
    <message>
        <source>No change: %1</source>
        <translation>无变化 %1 人</translation>
    </message>
    <message>
        <source>With problems: %1</source>
        <translation>有问题 %1 行</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>跳过 %1 行</translation>
    </message>
    <message>
        <source>The file will hold these people&apos;s names, ID numbers and phone numbers. Save it only on this computer or your own USB stick, and delete it once the rows are fixed and imported. Continue?</source>
        <translation>这个文件里有这些人的姓名、身份证号和电话，属于个人信息。请只存在本机或自己的 U 盘上，改好并导入后请删除。继续吗？</translation>
    </message>
    <message>
        <source>Save the problem rows as</source>
        <translation>问题行保存为</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 rows saved to %2. Fix them there (keep the ID column as text) and import that file again.</source>
        <translation>已把 %1 行保存到 %2。请在这个文件里改正（身份证号一列保持“文本”格式），然后再导入这个文件。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Done: %1 new archives, %2 updated, %3 unchanged.</source>
        <translation>导入完成：新建档案 %1 份，更新 %2 份，无变化 %3 份。</translation>
    </message>
    <message>
        <source>%1 rows with problems were not imported: save them with “Save problem rows…”, fix them and import them again.</source>
        <translation>有 %1 行因为有问题没有导入：可以点“保存问题行…”存下来，改好后再导入。</translation>
    </message>
    <message>
        <source>Saving the rows to fix…</source>
        <translation>正在保存需要修改的行…</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Will be added</source>
        <translation>将导入</translation>
    </message>
    <message>
        <source>Will update</source>
        <translation>将更新</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Has problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join an office</source>
        <translation>加入街道</translation>
    </message>
    <message>
        <source>Choose the enrolment file the sub-district office gave you. This room keeps all its records; the next bundle to the office carries every one of them.</source>
        <translation>请选择街道发给本咨询室的登记文件。本机的记录全部保留，下次导出的数据包会把它们全部带给街道。</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>The file is for room code %1, but this room&apos;s code is %2. Joining changes this room&apos;s code, name and kind to the file&apos;s; do it only if the file really is for this room.</source>
        <translation>登记文件是给编码 %1 的咨询室的，而本咨询室的编码是 %2。加入后，本咨询室的编码、名称和类型都会改成登记文件中的。只有确认这个文件确实是发给本咨询室的，才能这样做。</translation>
    </message>
    <message>
        <source>Change the code to %1 and join</source>
        <translation>改用编码 %1 并加入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>KeyRotation</name>
    <message>
        <source>Change the database key now? An old copy of the key file together with a former password then opens nothing any more. Everyone keeps their password. Backups made before keep the old key: keep them safe or destroy them. No other PsyRoom window or psyroom command may be open on this data meanwhile.</source>
        <translation>现在更换数据库密钥吗？更换后，旧的密钥文件副本加上以前的密码再也打不开数据。每个人的密码不变。以前做的备份仍用旧密钥：请妥善保管或销毁。更换期间，不能有其他心理服务室窗口或 psyroom 命令打开这些数据。</translation>
    </message>
    <message>
        <source>The database key was changed; %1 key slot(s) hold the new key.</source>
        <translation>数据库密钥已更换：%1 个密钥槽已交接新密钥。</translation>
    </message>
    <message>
        <source>Changing the database key…</source>
        <translation>正在更换数据库密钥…</translation>
    </message>
</context>
<context>
    <name>KindPage</name>
    <message>
        <source>Welcome to PsyRoom</source>
        <translation>欢迎使用心理服务室</translation>
    </message>
    <message>
        <source>First, tell us what kind of place this computer serves.</source>
        <translation>首先，请选择这台电脑是在哪里使用的。</translation>
    </message>
    <message>
        <source>A counselling room (village, community, school, …)</source>
        <translation>心理服务室（村、社区、学校等）</translation>
    </message>
    <message>
        <source>A sub-district office that collects the rooms&apos; records</source>
        <translation>街道综治中心（汇总各心理服务室的记录）</translation>
    </message>
    <message>
        <source>The data on this computer is encrypted. Only people with an account made here can open it, so a lost or stolen computer does not give away anyone&apos;s records.</source>
        <translation>这台电脑上的数据是加密的，只有在这里开了账号的人才能打开。即使电脑丢失或被盗，居民的信息也不会泄露。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Police station</source>
        <translation>派出所</translation>
    </message>
    <message>
        <source>Justice office</source>
        <translation>司法所</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Counselling room</source>
        <translation>心理服务室</translation>
    </message>
    <message>
        <source>Sub-district office</source>
        <translation>街道综治中心</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Counsellor</source>
        <translation>心理咨询师</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>社会工作者</translation>
    </message>
    <message>
        <source>Office clerk</source>
        <translation>综治中心工作人员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>督导</translation>
    </message>
    <message>
        <source>Resident records</source>
        <translation>居民档案</translation>
    </message>
    <message>
        <source>Counselling sessions</source>
        <translation>咨询记录</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>心理测评</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <source>Crisis events</source>
        <translation>危机干预</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>随访</translation>
    </message>
    <message>
        <source>Group activities</source>
        <translation>宣传与团体活动</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>User accounts</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>At least three kinds: capital letters, small letters, digits, symbols</source>
        <translation>至少包含三类：大写字母、小写字母、数字、符号</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the screens. You can change it later in Settings.</source>
        <translation>界面使用的语言。以后可以在“设置”里更改。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>PsyRoom — log in</source>
        <translation>心理服务室 — 登录</translation>
    </message>
    <message>
        <source>PsyRoom</source>
        <translation>心理服务室</translation>
    </message>
    <message>
        <source>Community psychological service records</source>
        <translation>社区心理服务工作记录</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>The password was changed. Log in with the new one.</source>
        <translation>密码已重新设置，请用新密码登录。</translation>
    </message>
    <message>
        <source>Forgot the password? Use the recovery code</source>
        <translation>忘记密码？使用恢复码</translation>
    </message>
    <message>
        <source>Recovery code lost too? Restore from a backup</source>
        <translation>恢复码也遗失了？从备份恢复</translation>
    </message>
    <message>
        <source>The backup was restored. Log in with an account of the backup.</source>
        <translation>已从备份恢复。请用备份中的账户登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Lock the screen now (Ctrl+L)</source>
        <translation>立即锁定屏幕（Ctrl+L）</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>About PsyRoom</source>
        <translation>关于心理服务室</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Site: %1 (%2)</source>
        <translation>站点：%1（%2）</translation>
    </message>
    <message>
        <source>User: %1 · %2</source>
        <translation>用户：%1 · %2</translation>
    </message>
    <message>
        <source>PsyRoom — %1</source>
        <translation>心理服务室 — %1</translation>
    </message>
    <message>
        <source>PsyRoom</source>
        <translation>心理服务室</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民档案</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动记录</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <source>USB bundles</source>
        <translation>U盘数据包</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge into another archive</source>
        <translation>合并到另一份档案</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>The archive of %1 will be merged into the one you choose below, which stays. Its history and records move over, empty fields are filled in, categories are joined; nothing is lost. Use this when one person was registered twice.</source>
        <translation>%1 的档案将合并到下面选中的档案里（保留选中的那份）。它的记录全部移过去，空着的信息会补上，人群类别合在一起，什么都不会丢。同一个人建了两份档案时使用。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Required, e.g. the same person registered twice</source>
        <translation>必填，如：同一人重复建档</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>PsyRoom</source>
        <translation>心理服务室</translation>
    </message>
</context>
<context>
    <name>NewRecoveryCodeDialog</name>
    <message>
        <source>New recovery code</source>
        <translation>新的恢复码</translation>
    </message>
    <message>
        <source>This is the new recovery code. The old code no longer works. It is shown only now: print it or write it down, and keep it locked away from the computer.</source>
        <translation>这是新的恢复码，旧的恢复码已经失效。它只显示这一次：请打印或抄写下来，锁好，与电脑分开保管。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
</context>
<context>
    <name>NoteBoxes</name>
    <message>
        <source>Use template</source>
        <translation>套用模板</translation>
    </message>
    <message>
        <source>Adds the template&apos;s text to each box; nothing already typed is removed.</source>
        <translation>把模板内容加到各栏中，已填写的内容不会被删除。</translation>
    </message>
    <message>
        <source>Save as template…</source>
        <translation>存为模板…</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>The note&apos;s content is visible to counsellors only.</source>
        <translation>记录内容仅咨询师可见</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>This computer&apos;s system keyring has no device key for this data: perhaps the system was reinstalled, or the data folder was copied from another computer. This has been written to the audit log; you can still log in with your password or the recovery code.</source>
        <translation>此电脑的系统密钥环里没有本数据的设备密钥——可能重装过系统，或数据文件夹是从别的电脑复制来的。已记入审计日志；您仍可用密码或恢复码登录。</translation>
    </message>
    <message>
        <source>PsyRoom was updated to a new version and your records were brought up to date with it. A backup of the records as they were before is kept in the backups folder of the data folder.</source>
        <translation>心理服务室已更新到新版本，您的记录也已随之升级。升级前的记录已自动备份，保存在数据文件夹的 backups 文件夹中。</translation>
    </message>
    <message>
        <source>This computer has no system keyring: the data is still protected by the password, it just cannot be tied to this computer.</source>
        <translation>这台电脑没有系统钥匙串：数据仍由密码保护，只是不能和这台电脑绑定。</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
</context>
<context>
    <name>ParticipantList</name>
    <message>
        <source>Add a participant: type a name</source>
        <translation>添加参与者：输入姓名</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Type it again:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>Both entries are the same</source>
        <translation>两次输入一致</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason / note</source>
        <translation>原因 / 提示</translation>
    </message>
    <message>
        <source>Not a resident (blank, total or signature row)</source>
        <translation>不是居民（空行、合计行或签名行）</translation>
    </message>
    <message>
        <source>Already has an archive; missing details are added</source>
        <translation>已有档案，将补充缺少的信息</translation>
    </message>
    <message>
        <source>Already has an archive with the same details</source>
        <translation>已有档案，内容相同</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>No printer is installed on this computer, so it cannot print here. Save it as a PDF file instead, to print on a computer that has a printer?</source>
        <translation>这台电脑没有安装打印机，所以不能在这里打印。要保存为 PDF 文件，再到有打印机的电脑上打印吗？</translation>
    </message>
    <message>
        <source>Saved as PDF: %1</source>
        <translation>已保存为 PDF：%1</translation>
    </message>
</context>
<context>
    <name>PrivateNoteBox</name>
    <message>
        <source>Private process notes</source>
        <translation>私人过程记录</translation>
    </message>
    <message>
        <source>Only you can read these notes. They are never exported, printed, put in a report or sent to the office.</source>
        <translation>仅您本人可以查看。此记录永远不会被导出、打印、写入报表或上报街道。</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Record the receipt</source>
        <translation>登记回执</translation>
    </message>
    <message>
        <source>Received on:</source>
        <translation>接收日期：</translation>
    </message>
    <message>
        <source>Received by:</source>
        <translation>接收人：</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePage</name>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>If every password is forgotten, this code is the only way back into the data. It is shown only now.</source>
        <translation>如果所有密码都忘了，只有这个恢复码能重新打开数据。它只显示这一次。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print it or write it down on paper, and keep it locked away from the computer. Do not photograph it or save it on the computer.</source>
        <translation>请打印出来或抄在纸上，锁好保管，不要和电脑放在一起。不要拍照，也不要存在电脑里。</translation>
    </message>
    <message>
        <source>To show that you have it, type group number %1 (counted from the left):</source>
        <translation>为确认您已记下，请输入从左数第 %1 组：</translation>
    </message>
</context>
<context>
    <name>RecoveryPrint</name>
    <message>
        <source>Print the recovery code</source>
        <translation>打印恢复码</translation>
    </message>
    <message>
        <source>PsyRoom recovery code</source>
        <translation>心理服务室恢复码</translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>站点：%1</translation>
    </message>
    <message>
        <source>Printed on: %1</source>
        <translation>打印日期：%1</translation>
    </message>
    <message>
        <source>With this code the administrator can set a new password when every password is forgotten. Keep this sheet locked away, apart from the computer. Do not photograph it or keep a copy on the computer or a USB stick.</source>
        <translation>所有密码都忘记时，管理员可以用这个恢复码重新设置密码。请把这张纸锁好保管，不要和电脑放在一起。不要拍照，也不要在电脑或U盘里留副本。</translation>
    </message>
    <message>
        <source>Anyone with this file can set a new password: print it at once, then delete the file and empty the recycle bin.</source>
        <translation>拿到这个文件的人就能重设密码：请立即打印，然后删除文件并清空回收站。</translation>
    </message>
</context>
<context>
    <name>RecoveryResetDialog</name>
    <message>
        <source>Set a new password with the recovery code</source>
        <translation>用恢复码重新设置密码</translation>
    </message>
    <message>
        <source>Type the recovery code from the sheet kept at set-up (dashes and spaces do not matter), the user name, and a new password for that user.</source>
        <translation>请输入首次设置时保存的恢复码（短横线和空格可以不输），再输入用户名和该用户的新密码。</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>恢复码：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Checking the code… this takes a few seconds.</source>
        <translation>正在核对恢复码……需要几秒钟。</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Referral</source>
        <translation>转介单</translation>
    </message>
    <message>
        <source>Directory…</source>
        <translation>机构名录…</translation>
    </message>
    <message>
        <source>What the institution needs to know, e.g. low mood for two months, PHQ-9 19, asks for a psychiatric assessment. Never paste consultation notes.</source>
        <translation>写接收机构需要知道的情况，例如：情绪低落两个月，PHQ-9 19 分，建议精神科评估。不要粘贴咨询记录。</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>已取得同意</translation>
    </message>
    <message>
        <source>What may be shared, e.g. name, phone, reason for referral, scale results</source>
        <translation>同意提供的信息，例如：姓名、电话、转介原因、测评结果</translation>
    </message>
    <message>
        <source>Only for an urgent referral during a crisis: why there is no consent yet</source>
        <translation>仅限危机中的紧急转介：为什么尚未取得同意</translation>
    </message>
    <message>
        <source>Informed consent (知情同意)</source>
        <translation>知情同意</translation>
    </message>
    <message>
        <source>May be shared:</source>
        <translation>同意提供：</translation>
    </message>
    <message>
        <source>No consent because:</source>
        <translation>未取得同意的原因：</translation>
    </message>
    <message>
        <source>Resident:</source>
        <translation>居民：</translation>
    </message>
    <message>
        <source>Institution:</source>
        <translation>接收机构：</translation>
    </message>
    <message>
        <source>Urgency:</source>
        <translation>紧急程度：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>转介原因：</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Save and issue the slip…</source>
        <translation>保存并开具转介单…</translation>
    </message>
    <message>
        <source>Started from: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>%1 of %2 characters (printed on the slip)</source>
        <translation>%1 / %2 字（将印在转介单上）</translation>
    </message>
</context>
<context>
    <name>ReferralSettingsDialog</name>
    <message>
        <source>Referral settings</source>
        <translation>转介设置</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Room address (printed on the slip):</source>
        <translation>本室地址（印在转介单上）：</translation>
    </message>
    <message>
        <source>Room phone (printed on the slip):</source>
        <translation>本室电话（印在转介单上）：</translation>
    </message>
    <message>
        <source>Receipt overdue after:</source>
        <translation>回执逾期天数：</translation>
    </message>
</context>
<context>
    <name>ReferralSlip</name>
    <message>
        <source>Save the referral slip as</source>
        <translation>转介单另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the slip…</source>
        <translation>正在生成转介单…</translation>
    </message>
    <message>
        <source>The slip was saved as %1.

Open it now to print? Print it on A4 and cut along the dashed lines.</source>
        <translation>转介单已保存为 %1。

现在打开并打印吗？请用 A4 纸打印，沿虚线剪开。</translation>
    </message>
</context>
<context>
    <name>ReferralSteps</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ReferralText</name>
    <message>
        <source>Reason</source>
        <translation>转介原因</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>知情同意</translation>
    </message>
    <message>
        <source>No consent because</source>
        <translation>未取得同意的原因</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Notes from the street office (not part of this record):</source>
        <translation>街道登记的备注（不属于本转介单记录）：</translation>
    </message>
    <message>
        <source>receipt: received on %1 by %2</source>
        <translation>回执：%1 由 %2 接收</translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>New referral…</source>
        <translation>新建转介单…</translation>
    </message>
    <message>
        <source>Institution directory…</source>
        <translation>机构名录…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>接收机构</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>Edit draft…</source>
        <translation>修改草稿…</translation>
    </message>
    <message>
        <source>Issue and save the slip…</source>
        <translation>开具并保存转介单…</translation>
    </message>
    <message>
        <source>Save the slip again…</source>
        <translation>再次保存转介单…</translation>
    </message>
    <message>
        <source>Record receipt…</source>
        <translation>登记回执…</translation>
    </message>
    <message>
        <source>Record feedback…</source>
        <translation>登记反馈…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Cancel referral…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Check a slip…</source>
        <translation>核验转介单…</translation>
    </message>
    <message>
        <source>Is a paper referral slip genuine?</source>
        <translation>核验一张纸质转介单是否真实</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>Anonymise or delete</source>
        <translation>匿名化或删除</translation>
    </message>
    <message>
        <source>Anonymise: remove the name, ID, phone and address; keep the counts for reports</source>
        <translation>匿名化：去掉姓名、身份证号、电话和住址，保留统计用的数字</translation>
    </message>
    <message>
        <source>Delete: remove the archive and all its records</source>
        <translation>删除：删除这份档案和它的全部记录</translation>
    </message>
    <message>
        <source>Required, e.g. the person asked for it on 2024-05-01</source>
        <translation>必填，如：本人于 2024-05-01 提出申请</translation>
    </message>
    <message>
        <source>For a person who asked for their data to be removed, or an archive made by mistake. This cannot be undone; the audit log keeps that it was done, by whom and why.</source>
        <translation>用于本人要求删除个人信息，或档案建错的情况。操作后无法恢复；审计日志会记下做了什么、谁做的、原因。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
</context>
<context>
    <name>ReportSettingsDialog</name>
    <message>
        <source>Report settings</source>
        <translation>报表设置</translation>
    </message>
    <message>
        <source>Villages and communities in the street</source>
        <translation>街道村（社区）总数</translation>
    </message>
    <message>
        <source>Schools in the street</source>
        <translation>街道学校总数</translation>
    </message>
    <message>
        <source>Warning: times the 3-month average</source>
        <translation>预警：达到近3个月平均的倍数</translation>
    </message>
    <message>
        <source>Warning: at least this many more</source>
        <translation>预警：至少比平均多</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Resident population</source>
        <translation>常住人口</translation>
    </message>
    <message>
        <source>Resident population per village (for the reported prevalence). Leave empty when unknown: the report then says the rate is missing.</source>
        <translation>各村（社区）常住人口（用于计算报告患病率）。不知道时请留空：报表会写明该比率缺失分母。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export .xlsx…</source>
        <translation>导出 .xlsx…</translation>
    </message>
    <message>
        <source>Report settings…</source>
        <translation>报表设置…</translation>
    </message>
    <message>
        <source>Pick a month and press Generate.</source>
        <translation>请选择月份，然后点击“生成”。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Numerator</source>
        <translation>分子</translation>
    </message>
    <message>
        <source>Denominator</source>
        <translation>分母</translation>
    </message>
    <message>
        <source>Rate value</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>是否达标</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>咨询室</translation>
    </message>
    <message>
        <source>Last follow-up</source>
        <translation>最近随访</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>月报</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Whole street</source>
        <translation>全街道</translation>
    </message>
    <message>
        <source>Counting the month…</source>
        <translation>正在统计本月数据…</translation>
    </message>
    <message>
        <source> Names are not shown: this account may not read risk information.</source>
        <translation> 不显示姓名：此账号无权查阅风险信息。</translation>
    </message>
    <message>
        <source>Report for %1 ready. Audit chain head: %2.</source>
        <translation>%1 月报已生成。审计链头哈希：%2。</translation>
    </message>
    <message>
        <source>Select a rate to see who is behind it.</source>
        <translation>选择一项指标，查看分母中尚未计入分子的人员。</translation>
    </message>
    <message>
        <source>%1: %2 not counted. Their names are only shown to roles that may read risk information.</source>
        <translation>%1：%2 人（个）未计入。只有可查阅风险信息的角色能看到名单。</translation>
    </message>
    <message>
        <source>%1: in the denominator but not the numerator (%2)</source>
        <translation>%1：在分母中、未计入分子（%2）</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>将月报保存为</translation>
    </message>
    <message>
        <source>Export the tables as</source>
        <translation>将表格导出为</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation>打印月报</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>为 %1 设置新密码</translation>
    </message>
    <message>
        <source>Set a temporary password and tell it to the person in person. They must choose their own at the next login.</source>
        <translation>请设置一个临时密码，并当面告诉本人。本人下次登录时必须改成自己的密码。</translation>
    </message>
</context>
<context>
    <name>ResidentForm</name>
    <message>
        <source>Edit archive</source>
        <translation>修改档案</translation>
    </message>
    <message>
        <source>New archive</source>
        <translation>新建档案</translation>
    </message>
    <message>
        <source>This ID number already has an archive.</source>
        <translation>这个身份证号已经建过档案。</translation>
    </message>
    <message>
        <source>Possibly the same person as an existing archive (same name and birth date): %1</source>
        <translation>可能与已有档案是同一人（姓名和出生日期相同）：%1</translation>
    </message>
    <message>
        <source>An archive with the same name and birth date exists: %1. If it is the same person, choose No and open that archive instead. Save a new archive anyway?</source>
        <translation>已有姓名和出生日期相同的档案：%1。如果是同一个人，请选“否”，去打开那份档案。仍然新建这份档案吗？</translation>
    </message>
    <message>
        <source>A severe mental disorder patient is registered (在册): fill in the diagnosis and the registration below. After saving, the archive page offers the follow-up.</source>
        <translation>严重精神障碍患者需登记在册：请填写下面的诊断和登记信息。保存后，档案页会出现“严重精神障碍随访”按钮。</translation>
    </message>
</context>
<context>
    <name>ResidentListModel</name>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source> (this one)</source>
        <translation>（本档案）</translation>
    </message>
</context>
<context>
    <name>ResidentPicker</name>
    <message>
        <source>Type a name, pinyin, initials or phone</source>
        <translation>输入姓名、拼音、首字母或电话</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更换</translation>
    </message>
    <message>
        <source>No archive found. Register the person first.</source>
        <translation>没有找到档案，请先建档。</translation>
    </message>
    <message>
        <source>%1 more: type more of the name</source>
        <translation>还有 %1 人：请多输入几个字</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>New archive</source>
        <translation>新建档案</translation>
    </message>
    <message>
        <source>Import from a register…</source>
        <translation>从台账导入…</translation>
    </message>
    <message>
        <source>Resident archives</source>
        <translation>居民档案</translation>
    </message>
    <message>
        <source>More than %1 found: type more of the name or number to narrow it down</source>
        <translation>找到超过 %1 人，请多输入几个字或数字来缩小范围</translation>
    </message>
    <message>
        <source>Nobody found. Try fewer letters, or pinyin initials such as zw.</source>
        <translation>没有找到。可以少输几个字，或输入拼音首字母，如 zw。</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>共 %1 人</translation>
    </message>
    <message>
        <source>No archives yet. Start with “New archive”, or bring in the village&apos;s register with “Import from a register…”.</source>
        <translation>还没有居民档案。可以点“新建档案”，或用“从台账导入…”把村里现有的台账导进来。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>备份文件：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Choose the backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>PsyRoom backups (*.psyroom-backup);;All files (*)</source>
        <translation>心理服务室备份文件 (*.psyroom-backup);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>正在检查并恢复备份……</translation>
    </message>
    <message>
        <source>Only if the password was different then</source>
        <translation>仅当备份时的密码与现在不同时填写</translation>
    </message>
    <message>
        <source>Backup&apos;s recovery code:</source>
        <translation>备份的恢复码：</translation>
    </message>
    <message>
        <source>This backup belongs to ANOTHER installation (another room or another PC). Restoring it replaces every record here with that installation&apos;s records; the current data is kept in the backups folder. This is written to the audit log.

Replace the data here with this other installation&apos;s backup?</source>
        <translation>这个备份属于另一套安装（另一个服务室或另一台电脑）。恢复它会用那套安装的记录替换这里的全部记录；当前数据会保存在 backups 文件夹中。此操作会记入审计日志。

确定要用另一套安装的备份替换这里的数据吗？</translation>
    </message>
    <message>
        <source>Choose the backup file, then give the user name and password of an admin. Over the data in use, that admin must be able to log in here now (or give only the current recovery code); if the data here cannot be opened, or every password of it is lost, give the password of an admin of the backup, or only the backup&apos;s recovery code. The backup is checked before anything is replaced; the current data is kept until the restored copy opens.</source>
        <translation>选择备份文件，再填写管理员的用户名和密码。替换正在使用的数据时，这位管理员必须现在就能在这里登录（或只填写当前数据的恢复码）；如果这里的数据无法打开，或它的所有密码都已遗失，请填写备份中管理员的密码，或只填写备份的恢复码。替换之前会先检查备份；在恢复的副本能打开之前，现有数据会一直保留。</translation>
    </message>
    <message>
        <source>The user name and password (or the recovery code) do not open the data here.</source>
        <translation>这个用户名和密码（或恢复码）打不开这里的数据。</translation>
    </message>
    <message>
        <source>What was given does not open the data on this computer.

If every password of the data here and its recovery code are lost, the backup can be restored with the password of an admin of the backup, or with the backup&apos;s recovery code. The data here is kept in the backups folder first, and this is written to the audit log.

Are every password and the recovery code of the data here lost?</source>
        <translation>输入的信息打不开这台电脑上的数据。

如果这里数据的所有密码和恢复码都已遗失，可以用备份中管理员的密码或备份的恢复码来恢复备份。这里的数据会先保存到 backups 文件夹，这次恢复会记入审计日志。

这里数据的所有密码和恢复码确实都已遗失吗？</translation>
    </message>
</context>
<context>
    <name>RoleChecks</name>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <source>Roles of %1</source>
        <translation>%1 的角色</translation>
    </message>
</context>
<context>
    <name>RoomBrowser</name>
    <message>
        <source>← Back to the rooms</source>
        <translation>← 返回各咨询室</translation>
    </message>
    <message>
        <source>Read only: the office cannot change a room&apos;s records. Opening this list and every archive or record is written to the audit log.</source>
        <translation>只读：街道不能修改咨询室的记录。打开此名单以及每一份档案、每一条记录都会记入审计日志。</translation>
    </message>
    <message>
        <source>Archives of %1 (%2)</source>
        <translation>%1（%2）的档案</translation>
    </message>
    <message>
        <source>Nobody found in this room.</source>
        <translation>该咨询室没有找到符合条件的人。</translation>
    </message>
    <message>
        <source>This room has sent no archives yet.</source>
        <translation>该咨询室还没有送来任何档案。</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <source>Read only · an archive of %1 (%2)</source>
        <translation>只读 · %1（%2）的档案</translation>
    </message>
</context>
<context>
    <name>ScaleDialog</name>
    <message>
        <source>Scale: %1</source>
        <translation>心理测评：%1</translation>
    </message>
    <message>
        <source>%1 (suggested)</source>
        <translation>%1（推荐）</translation>
    </message>
    <message>
        <source>%1 (meant for another group)</source>
        <translation>%1（适用于其他人群）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>量表：</translation>
    </message>
    <message>
        <source>Switch scale and drop the answers given so far?</source>
        <translation>换用其他量表？已填写的答案将被清除。</translation>
    </message>
    <message>
        <source>For: %1 · Period: %2
%3</source>
        <translation>适用：%1 · 评估时段：%2
%3</translation>
    </message>
    <message>
        <source>Answered %1 of %2 · %3 points so far</source>
        <translation>已答 %1/%2 题 · 目前 %3 分</translation>
    </message>
    <message>
        <source>Raw score %1 · standard score %2 · %3</source>
        <translation>粗分 %1 · 标准分 %2 · %3</translation>
    </message>
    <message>
        <source>Total %1 · %2</source>
        <translation>总分 %1 · %2</translation>
    </message>
    <message>
        <source> · self-harm risk: an action must be recorded</source>
        <translation> · 提示自伤风险：须记录处置措施</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close without saving the answers?</source>
        <translation>不保存答案就关闭吗？</translation>
    </message>
</context>
<context>
    <name>ScaleHistoryDialog</name>
    <message>
        <source>Scores over time: %1</source>
        <translation>历次测评得分：%1</translation>
    </message>
</context>
<context>
    <name>ScaleResultView</name>
    <message>
        <source>Total (raw score):</source>
        <translation>总分（粗分）：</translation>
    </message>
    <message>
        <source>Total score:</source>
        <translation>总分：</translation>
    </message>
    <message>
        <source>Standard score:</source>
        <translation>标准分：</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>standard score</source>
        <translation>标准分</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>A crisis record was opened with the action you wrote down. The person stays on the high-risk list of the home page until a counsellor closes the crisis with a reason.</source>
        <translation>已用您填写的措施建立危机干预记录。此人会一直列在首页的高风险名单中，直到咨询师填写原因结束该危机干预。</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>the %1 item scores are added up to a total of %2–%3</source>
        <translation>%1 题得分相加为总分（%2–%3 分）</translation>
    </message>
    <message>
        <source>items %1 are scored in reverse</source>
        <translation>第 %1 题反向计分</translation>
    </message>
    <message>
        <source>the total × %1, whole part, is the standard score (%2–%3)</source>
        <translation>总分乘以 %1 取整数部分为标准分（%2–%3 分）</translation>
    </message>
    <message>
        <source>Scoring basis: %1. Bands by %2: %3.</source>
        <translation>计分依据：%1。按%2分级：%3。</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <source>No scale has been recorded for this person yet.</source>
        <translation>此人还没有测评记录。</translation>
    </message>
    <message>
        <source> (standard score)</source>
        <translation>（标准分）</translation>
    </message>
    <message>
        <source> (total)</source>
        <translation>（总分）</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search: name, pinyin initials (e.g. zw), or part of the ID or phone number</source>
        <translation>搜索：姓名、拼音首字母（如 zw），或身份证号、电话号码的一部分</translation>
    </message>
    <message>
        <source>All villages/communities</source>
        <translation>全部村/社区</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部人群类别</translation>
    </message>
    <message>
        <source>Any risk level</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 磅</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new language is used after PsyRoom is restarted.</source>
        <translation>更改语言后，需要重新启动本软件才生效。</translation>
    </message>
    <message>
        <source>Lock the screen after:</source>
        <translation>无操作自动锁定：</translation>
    </message>
    <message>
        <source>When nobody uses the keyboard or mouse for this long, the screen locks so that passers-by see nothing. Typed text is kept.</source>
        <translation>超过这段时间没有使用键盘或鼠标，屏幕就会锁定，旁人看不到任何内容。已输入的内容会保留。</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>字号：</translation>
    </message>
    <message>
        <source>Larger text is easier on older eyes. Applied at once.</source>
        <translation>字大一些，年纪大的同志看着更清楚。立即生效。</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Settings of this computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>我的账号</translation>
    </message>
    <message>
        <source>Saved. Restart PsyRoom to see the new language.</source>
        <translation>已保存。重新启动本软件后使用新的语言。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Join an office with its enrolment file…</source>
        <translation>用登记文件加入街道…</translation>
    </message>
    <message>
        <source>Sub-district office</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>This room (code %1) has not joined an office. Join with the enrolment file the office gave you: every record is kept and goes with the next bundle.</source>
        <translation>本咨询室（编码 %1）还没有加入街道。请用街道发的登记文件加入：已有记录全部保留，并随下次的数据包送到街道。</translation>
    </message>
    <message>
        <source>This room (code %1) sends its bundles to %2. Joining again with a new enrolment file replaces that.</source>
        <translation>本咨询室（编码 %1）的数据包发送给：%2。用新的登记文件再次加入，会替换为新的街道。</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>About this site</source>
        <translation>站点信息</translation>
    </message>
    <message>
        <source>These appear on reports and on records sent to the office.</source>
        <translation>这些信息会出现在报表和报送给街道的记录上。</translation>
    </message>
    <message>
        <source>e.g. HX-001</source>
        <translation>例如 HX-001</translation>
    </message>
    <message>
        <source>e.g. Hexi Village Counselling Room</source>
        <translation>例如 河西村心理服务室</translation>
    </message>
    <message>
        <source>Site code:</source>
        <translation>站点编码：</translation>
    </message>
    <message>
        <source>2 to 20 letters, digits or &apos;-&apos;, as given by your sub-district office.</source>
        <translation>2 到 20 位字母、数字或短横线，由街道统一分配。</translation>
    </message>
    <message>
        <source>Site name:</source>
        <translation>站点名称：</translation>
    </message>
    <message>
        <source>Kind of room:</source>
        <translation>站点类型：</translation>
    </message>
    <message>
        <source>Will be saved as: %1</source>
        <translation>将保存为：%1</translation>
    </message>
    <message>
        <source>Has the sub-district office given this room an enrolment file? Set up with it: the code, name and kind are taken from the file, and the room joins the office.</source>
        <translation>街道已经发给本咨询室登记文件了吗？用它来设置：编码、名称和类型都从文件中读取，不用输入，设置完成后本咨询室即加入街道。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add a user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Change roles…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Require a new password</source>
        <translation>要求下次登录改密码</translation>
    </message>
    <message>
        <source>Set a new password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Must choose a new password</source>
        <translation>需修改密码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Disable the account %1? The person can no longer log in. Their records stay.</source>
        <translation>确定停用账号 %1 吗？停用后此人不能再登录，但他做的记录会保留。</translation>
    </message>
    <message>
        <source>%1 must choose a new password at the next login.</source>
        <translation>%1 下次登录时必须修改密码。</translation>
    </message>
    <message>
        <source>The password of %1 was set. They must choose their own at the next login.</source>
        <translation>已为 %1 设置新密码。本人下次登录时必须改成自己的密码。</translation>
    </message>
    <message>
        <source>New recovery code…</source>
        <translation>新的恢复码…</translation>
    </message>
    <message>
        <source>Make a new recovery code, e.g. when the printed sheet may be lost. The old code stops working.</source>
        <translation>生成新的恢复码，例如打印的恢复码可能遗失时。旧的恢复码随即失效。</translation>
    </message>
    <message>
        <source>Make a new recovery code? The old code (also on any printed sheet) stops working at once.</source>
        <translation>要生成新的恢复码吗？旧的恢复码（包括已打印的）会立即失效。</translation>
    </message>
    <message>
        <source>The account %1 is disabled.</source>
        <translation>账号 %1 已停用。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Check a referral slip</source>
        <translation>核验转介单</translation>
    </message>
    <message>
        <source>Type the serial number and the check code printed on the slip, or scan its QR code into the serial number box.</source>
        <translation>输入转介单上印的编号和校验码，或用扫码枪把二维码扫入“编号”框。</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <source>Check code:</source>
        <translation>校验码：</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Genuine: slip {serial} was issued by room {room}; its status is “{status}”. Compare the paper with:</source>
        <translation>真实：编号 {serial} 的转介单由 {room} 心理服务室开具，状态“{status}”。请与纸面核对以下内容：</translation>
    </message>
    <message>
        <source>Genuine: slip {serial} was issued here; its status is “{status}”. Compare the paper with:</source>
        <translation>真实：编号 {serial} 的转介单由本室开具，状态“{status}”。请与纸面核对以下内容：</translation>
    </message>
    <message>
        <source>No bundle from room {room} has been imported yet, so slip {serial} cannot be checked: import the room&apos;s bundle first.</source>
        <translation>还没有导入过 {room} 的数据包，无法核验编号 {serial}：请先导入该室的数据包。</translation>
    </message>
    <message>
        <source>The bundles imported from room {room} (the newest made on {upto}) hold no issued slip {serial}. If it was issued after that day, import the room&apos;s next bundle and check again; otherwise the room did not issue it.</source>
        <translation>已导入的 {room} 数据包（最新一个制作于 {upto}）中没有已开具的转介单 {serial}。如果它是之后开具的，请导入该室的下一个数据包后再核验；否则它不是该室开具的。</translation>
    </message>
    <message>
        <source>Cannot check: serial {serial} belongs to none of this office&apos;s rooms.</source>
        <translation>无法核验：编号 {serial} 不属于本街道的任何心理服务室。</translation>
    </message>
    <message>
        <source>Not a slip of this room: there is no referral {serial}.</source>
        <translation>不是本室开具的转介单：找不到编号 {serial}。</translation>
    </message>
    <message>
        <source>Referral {serial} was never issued, so no paper slip should exist.</source>
        <translation>编号 {serial} 的转介单还没有开具，不应有纸质转介单。</translation>
    </message>
    <message>
        <source>The code does not match: slip {serial} may be forged or altered.</source>
        <translation>校验码不符：这张编号 {serial} 的转介单可能被伪造或改动过。</translation>
    </message>
    <message>
        <source>Referral {serial} was issued at another site; only that room can check its code.</source>
        <translation>编号 {serial} 的转介单由其他站点开具，只有开具的心理服务室能核验。</translation>
    </message>
    <message>
        <source>Referral {serial} was cancelled and must not be used.</source>
        <translation>编号 {serial} 的转介单已作废，不应再使用。</translation>
    </message>
</context>
</TS>
