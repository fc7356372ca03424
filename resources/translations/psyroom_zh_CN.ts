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
        <source>roles: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <source>after idle time</source>
        <translation>无操作自动锁定</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动锁定</translation>
    </message>
    <message>
        <source>no problems</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>problems found</source>
        <translation>发现问题</translation>
    </message>
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
    <name>Errors</name>
    <message>
        <source>An unexpected error happened. Nothing more was done. If it happens again, restart the program and tell your technician.</source>
        <translation>出现意外错误，操作没有继续进行。如果再次出现，请重新启动本软件，并告诉技术人员。</translation>
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
    <message>
        <source>Site set up</source>
        <translation>完成首次设置</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Wrong password at login</source>
        <translation>登录密码错误</translation>
    </message>
    <message>
        <source>Login with an unknown user name</source>
        <translation>用不存在的用户名登录</translation>
    </message>
    <message>
        <source>Wrong recovery code</source>
        <translation>恢复码错误</translation>
    </message>
    <message>
        <source>Password set with the recovery code</source>
        <translation>用恢复码重设密码</translation>
    </message>
    <message>
        <source>Device key missing on this computer</source>
        <translation>本机缺少设备密钥</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>Screen unlocked</source>
        <translation>解锁屏幕</translation>
    </message>
    <message>
        <source>Wrong password on the lock screen</source>
        <translation>解锁密码错误</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>修改了自己的密码</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Roles changed</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>User disabled</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Password change required</source>
        <translation>要求修改密码</translation>
    </message>
    <message>
        <source>Password reset by the administrator</source>
        <translation>管理员重设密码</translation>
    </message>
    <message>
        <source>Refused: no permission</source>
        <translation>拒绝：没有权限</translation>
    </message>
    <message>
        <source>Data check</source>
        <translation>数据校验</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Restored from a backup</source>
        <translation>从备份恢复</translation>
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
    <message>
        <source>The password is not correct.</source>
        <translation>密码不正确。</translation>
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
</context>
<context>
    <name>Messages</name>
    <message>
        <source>PsyRoom</source>
        <translation>心理服务室</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>This computer&apos;s system keyring has no device key for this data: perhaps the system was reinstalled, or the data folder was copied from another computer. This has been written to the audit log; you can still log in with your password or the recovery code.</source>
        <translation>此电脑的系统密钥环里没有本数据的设备密钥——可能重装过系统，或数据文件夹是从别的电脑复制来的。已记入审计日志；您仍可用密码或恢复码登录。</translation>
    </message>
    <message>
        <source>This computer&apos;s system has no keyring, so the data cannot also be tied to this computer. It is still encrypted: passwords and the recovery code work as usual.</source>
        <translation>此电脑的系统没有密钥环，所以数据无法和这台电脑绑定。数据仍然是加密的：密码和恢复码照常可以使用。</translation>
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
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup file, then give the user name and password of an account that existed when the backup was made. The backup is checked before anything is replaced; the current data is kept until the restored copy opens.</source>
        <translation>请选择备份文件，并输入做备份时已有账号的用户名和密码。替换数据之前会先检查备份；恢复的数据能正常打开之前，现在的数据会一直保留。</translation>
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
</context>
</TS>
