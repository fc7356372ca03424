"""Errors the user may see, each with a plain-language message in Chinese and English.

The core cannot use Qt's translator, so its user-facing messages live here, keyed by a stable
code; the UI and the CLI pick the language. Messages never contain names or record text.
"""

from __future__ import annotations

from typing import Any, ClassVar

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (zh_CN, en)
    "login_failed": ("用户名或密码不正确。", "The user name or password is not correct."),
    # -- ux (issue 9): say how many tries are left before the lock -----------------------
    "login_failed_tries": (
        "用户名或密码不正确。再输错 {tries} 次，账号将锁定 {minutes} 分钟。",
        "The user name or password is not correct. {tries} more wrong tries lock the account "
        "for {minutes} minutes.",
    ),
    "password_wrong_tries": (
        "密码不正确。再输错 {tries} 次，账号将锁定 {minutes} 分钟。",
        "The password is not correct. {tries} more wrong tries lock the account for "
        "{minutes} minutes.",
    ),
    "account_locked": (
        "密码错误次数过多，此账号已锁定，请在 {minutes} 分钟后再试。",
        "Too many wrong passwords: this account is locked for {minutes} more minute(s).",
    ),
    "account_disabled": (
        "此账号已停用，请联系管理员。",
        "This account is disabled. Ask the admin.",
    ),
    "recovery_failed": ("恢复码不正确。", "The recovery code is not correct."),
    "not_initialised": (
        "此数据文件夹还没有设置，请先完成首次设置。",
        "This data folder is not set up yet. Run the first-time set-up first.",
    ),
    "already_initialised": (
        "此数据文件夹已经设置过，不能再次设置。",
        "This data folder is already set up; it cannot be set up again.",
    ),
    "database_missing": (
        "找不到数据库文件，但密钥文件还在。数据可能被移动或删除了。请从备份恢复。",
        "The database file is missing but its key file is present. Restore from a backup.",
    ),
    "keyslots_missing": (
        "找不到密钥文件（keyslots.json），无法打开数据库。请从备份恢复。",
        "The key file (keyslots.json) is missing, so the database cannot be opened. "
        "Restore from a backup.",
    ),
    "keyslots_damaged": (
        "密钥文件已损坏，无法打开数据库。请从备份恢复。",
        "The key file is damaged, so the database cannot be opened. Restore from a backup.",
    ),
    "database_plain": (
        "数据库文件不是加密文件（可能被替换了）。为保护数据，程序不会打开或改动它。请从备份恢复。",
        "The database file is not encrypted (it may have been replaced). It was neither opened "
        "nor changed. Restore from a backup.",
    ),
    "database_unreadable": (
        "数据库文件已损坏或与密钥不匹配，程序没有改动它。请从备份恢复。",
        "The database file is damaged or does not match its key. It was not changed. "
        "Restore from a backup.",
    ),
    "database_damaged": (
        "数据库文件有损坏的部分，程序没有改动它。请运行“校验”查看详情，并从备份恢复。",
        "Part of the database file is damaged; it was not changed. Run a verification for "
        "details and restore from a backup.",
    ),
    "database_newer": (
        "数据库来自更新版本的心理服务室（{revision}），请先升级本程序。数据库没有被改动。",
        "The database comes from a newer PsyRoom ({revision}). Update this program first; "
        "the database was not changed.",
    ),
    "database_foreign": (
        "数据库与密钥文件不属于同一套数据，程序没有改动它们。",
        "The database and the key file belong to different installations; neither was changed.",
    ),
    "password_too_weak": (
        "密码至少 8 位，并包含大写字母、小写字母、数字、符号中的至少三类。",
        "A password needs at least 8 characters of at least three kinds: upper-case, "
        "lower-case, digits, symbols.",
    ),
    "password_same": ("新密码不能与旧密码相同。", "The new password must differ from the old one."),
    "password_wrong": ("当前密码不正确。", "The current password is not correct."),
    "username_invalid": (
        "用户名需为 2 到 32 个字符，只能包含字母、数字、汉字、点、下划线或短横线。",
        "A user name has 2 to 32 characters: letters, digits, Chinese characters, '.', '_' "
        "or '-'.",
    ),
    "username_taken": ("已有同名用户。", "A user with this name already exists."),
    "user_unknown": ("没有这个用户。", "There is no such user."),
    "role_unknown": ("没有这个角色：{role}", "There is no such role: {role}"),
    "roles_empty": ("至少要给一个角色。", "Give at least one role."),
    "last_admin": (
        "不能停用或去掉最后一个管理员。",
        "The last admin cannot be disabled or lose the admin role.",
    ),
    "permission_denied": (
        "您的角色没有权限做这件事（{permission}）。",
        "Your role does not allow this ({permission}).",
    ),
    "site_code_invalid": (
        "站点编码需为 2 到 20 位字母、数字或短横线。",
        "A site code has 2 to 20 letters, digits or '-'.",
    ),
    "site_name_invalid": ("请填写站点名称。", "Enter the site's name."),
    "site_kind_invalid": ("站点类型不正确：{kind}", "Unknown site kind: {kind}"),
    "backup_not_a_backup": (
        "这个文件不是心理服务室的备份文件。",
        "This file is not a PsyRoom backup.",
    ),
    "backup_damaged": (
        "备份文件已损坏或不完整，没有做任何恢复。",
        "The backup file is damaged or incomplete; nothing was restored.",
    ),
    "backup_newer": (
        "备份来自更新版本的心理服务室，请先升级本程序。没有做任何恢复。",
        "The backup comes from a newer PsyRoom. Update this program first; nothing was restored.",
    ),
    "backup_write_failed": (
        "备份没有写成：{reason}。数据库没有受影响。",
        "The backup could not be written: {reason}. The database is unaffected.",
    ),
    "disk_full": ("磁盘或U盘空间不足。", "The disk or USB stick is full."),
    "cancelled": ("已取消，没有做任何改动。", "Cancelled; nothing was changed."),
    "file_not_found": ("找不到文件：{path}", "File not found: {path}"),
    "audit_append_only": ("审计日志只能追加，不能修改。", "The audit log can only be appended to."),
    "setting_invalid": ("设置值不正确：{name}", "Invalid setting value: {name}"),
}


class PsyroomError(Exception):
    """An expected failure with a user-facing message; never carries personal data."""

    code: ClassVar[str] = "error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or type(self).code  # type: ignore[misc]
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "zh_CN") -> str:
        zh, en = MESSAGES.get(self.code, (self.code, self.code))
        template = en if language.startswith("en") else zh
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template


class LoginFailed(PsyroomError):
    code = "login_failed"


class AccountLocked(PsyroomError):
    code = "account_locked"


class RecoveryFailed(PsyroomError):
    code = "recovery_failed"


class PermissionDenied(PsyroomError):
    code = "permission_denied"


class DatabaseRefused(PsyroomError):
    """The database or its key file cannot be opened safely; nothing was changed."""

    code = "database_unreadable"


class InvalidInput(PsyroomError):
    code = "error"


class BackupError(PsyroomError):
    code = "backup_damaged"


class Cancelled(PsyroomError):
    code = "cancelled"


class RestoreRefused(PsyroomError):
    """A restore this person may not do here; nothing was changed (``code`` says why)."""

    code = "restore_not_allowed"


class RestoreLoginFailed(LoginFailed):
    """The live site's password did not check out for a restore (counts as a failed login)."""

    code = "restore_live_login"

MESSAGES.update({
    "import_unreadable": ("无法读取这个文件，它可能已损坏或不是 Excel 文件。",
                          "The file cannot be read; it may be damaged or not an Excel file."),
    "import_encoding": ("无法识别文件的文字编码（应为 UTF-8 或 GBK）。",
                        "The file's text encoding is not UTF-8 or GBK."),
    "import_no_sheet": ("文件中没有名为“{sheet}”的工作表。", "The file has no sheet named "
                        "'{sheet}'."),
    "import_xls": ("不支持旧的 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再导入。",
                   "Old .xls files are not supported; save as .xlsx in Excel/WPS first."),
    "import_unknown_type": ("只能导入 .xlsx 或 .csv 文件。", "Only .xlsx and .csv files can be "
                            "imported."),
    "import_no_header": ("没有找到表头（如“姓名”“身份证号码”），请检查文件或手动指定各列。",
                         "No header row (such as 姓名, 身份证号码) was found; check the file or "
                         "map the columns by hand."),
    "import_no_name_column": ("没有“姓名”列，无法导入。", "There is no name column."),
    "resident_invalid": ("档案信息有误：{reasons}", "The archive has errors: {reasons}"),
    "resident_unknown": ("找不到这份档案。", "This archive was not found."),
    "resident_changed": ("这份档案刚被别人改过，请重新打开后再改。",
                         "Someone else changed this archive just now; reopen it and try "
                         "again."),
    "merge_same": ("不能把档案与自己合并。", "An archive cannot be merged with itself."),
    "reason_required": ("请填写原因。", "Give a reason."),
})

MESSAGES.update({
    "consultation_needs_resident": ("请选择来访者的档案（匿名来访请选“匿名来访”）。",
                                    "Choose the resident's archive (or 'anonymous')."),
    "consultation_invalid": ("咨询记录的填写有误，请检查各项。",
                             "The consultation record has invalid entries."),
    "consultation_signed": ("这份记录已签名锁定，不能再修改，只能添加补充说明。",
                            "This record is signed and locked; add an addendum instead."),
    "consultation_not_signed": ("草稿可以直接修改；签名后才需要补充说明。",
                                "A draft can be edited directly; addenda are for signed notes."),
    "consultation_not_yours": ("只有记录人本人可以修改这份草稿。",
                               "Only the counsellor who wrote this draft can change it."),
    "consultation_note_empty": ("请至少填写“主诉”后再签名。",
                                "Fill in at least the presenting complaint before signing."),
    "record_unknown": ("找不到这条记录。", "This record was not found."),
    "crisis_action_required": ("测评提示有自伤/自杀风险：必须先记录已采取的措施才能保存。",
                               "The answers signal a risk of self-harm: record the action "
                               "taken before saving."),
    "followup_invalid": ("随访记录的填写有误：{field}", "Invalid follow-up entry: {field}"),
    "crisis_invalid": ("危机干预记录的填写有误：{field}", "Invalid crisis entry: {field}"),
    "activity_invalid": ("活动记录的填写有误：{field}", "Invalid activity entry: {field}"),
    "not_smd_patient": ("此居民未登记为严重精神障碍患者，请先在档案中登记。",
                        "This resident is not registered as a severe mental disorder patient."),
})

# -- permissions, restore, keys, audit head (issue 8) -------------------------------------------
MESSAGES.update({
    "restore_not_allowed": (
        "只有当前数据中有“恢复备份”权限的用户（管理员）才能恢复备份。没有做任何恢复。",
        "Only a user who may restore backups on the current data (an admin) can restore. "
        "Nothing was restored.",
    ),
    "restore_live_login": (
        "恢复备份要先用当前数据中管理员的用户名和密码（或当前数据的恢复码）验证：输入的不正确。"
        "如果当前数据的所有密码和恢复码都已遗失，可以改用备份的恢复码或备份中管理员的密码恢复，"
        "但要明确确认（命令行加 --passwords-lost）。没有做任何恢复。",
        "A restore is authorised with the user name and password of an admin of the current "
        "data (or its recovery code); what was given is not correct. If every password and "
        "the recovery code of the current data are lost, the backup's recovery code or the "
        "password of an admin of the backup can authorise it instead, once you confirm that "
        "explicitly (--passwords-lost on the command line). Nothing was restored.",
    ),
    "restore_needs_backup_admin": (
        "当前没有可以打开的数据，恢复需要备份的恢复码或备份中管理员的密码。没有做任何恢复。",
        "There is no data here that can be opened, so a restore needs the backup's recovery "
        "code or the password of an admin of the backup. Nothing was restored.",
    ),
    "restore_foreign": (
        "这个备份来自另一套安装（另一个服务室或另一台电脑的数据），恢复会用它替换这里的全部数据。"
        "如确实要这样做，请明确确认（命令行加 --foreign）。没有做任何恢复。",
        "This backup comes from another installation (another room's or PC's data); restoring "
        "it replaces all data here. Confirm explicitly to do so (--foreign on the command "
        "line). Nothing was restored.",
    ),
})

# -- reports ---------------------------------------------------------------------------------
MESSAGES.update({
    "report_month_invalid": ("月份格式应为 YYYY-MM（例如 2026-10）：{month}",
                             "A month must look like YYYY-MM (e.g. 2026-10): {month}"),
    "report_site_at_room": ("只有街道办公室可以选择咨询室；咨询室只能生成本室的报表。",
                            "Only the street office can pick a room; a room reports on itself."),
    "report_site_unknown": ("没有代码为 {site} 的咨询室。", "There is no room with code {site}."),
    "report_setting_invalid": ("报表设置的值不正确：{name}", "Invalid report setting: {name}"),
    "report_output_missing": ("请用 --out、--json 或 --xlsx 指定输出。",
                              "Say where the report goes: --out, --json or --xlsx."),
})

MESSAGES.update({
    # -- followups (表1-8, the national classification, hand-off) --------------------------
    "followup_bad": ("随访记录的这一项填写有误：{field_zh}", "This follow-up entry is not valid: "
                     "{field_en}"),
    "followup_missing": ("请填写随访记录的这一项：{field_zh}", "Fill in this follow-up entry: "
                         "{field_en}"),
    "followup_class_milder": (
        "随访分类不能比规范判定的更轻：按填写的情况应为“{rule}”，不能选“{chosen}”。",
        "The classification cannot be milder than the national rules allow: the answers "
        "make it “{rule}”, not “{chosen}”."),
    "followup_class_contradicts": (
        "“{chosen}”与本次随访情况不符（按填写的情况应为“{rule}”）。",
        "“{chosen}” contradicts this visit (the answers make it “{rule}”)."),
    "followup_override_reason": ("选择比规范判定更重的分类时，请填写理由。",
                                 "Give a reason for a classification more severe than the "
                                 "rules give."),
    "followup_next_date": ("下次随访日期应在本次随访之后、不晚于 {latest}。",
                           "The next follow-up must come after this one and no later than "
                           "{latest}."),
    "followup_reached_and_lost": ("已访到患者时不能填写失访原因。",
                                  "A visit that reached the patient has no reason for loss."),
    "followup_not_reached_with_answers": (
        "未访到患者时不能填写危险性、症状、自知力、社会功能、用药等病情情况。",
        "A visit that did not reach the patient cannot record how the patient is (risk, "
        "symptoms, insight, social function, medication)."),
    "followup_marked_without_symptoms": ("勾选“精神症状明显”时，请在目前症状中选择症状。",
                                         "Marked symptoms need at least one current symptom."),
    "followup_severe_without_side_effects": (
        "勾选“严重药物不良反应”时，药物不良反应应为“有”。",
        "Severe side effects need 药物不良反应 answered “yes”."),
    "followup_referral_not_referred": (
        "关联转介单时，“是否转诊”应选“2 是”。",
        "A follow-up linked to a referral must say 'referred: 2 yes'."),
    "followup_referral_cancelled": ("这张转介单已取消，不能作为本次随访的转诊。",
                                    "That referral was cancelled; it cannot be this "
                                    "follow-up's referral."),
    "followup_deceased": ("该患者已登记死亡，不能再随访。",
                          "This patient is recorded as deceased; no further follow-ups."),
    "followup_bad_period": ("日期范围有误：开始日期应不晚于结束日期，格式为 YYYY-MM-DD。",
                            "The period is wrong: from must not be after to, as YYYY-MM-DD."),
    "followup_write_failed": ("无法写入这个文件，请检查所选位置是否可写（U盘是否只读）。",
                              "The file could not be written; check the place can be written "
                              "to (a read-only stick?)."),
    "followup_need_id": ("请给出随访记录的编号，或用 --blank 打印空白表。",
                         "Give the follow-up's id, or --blank for an empty form."),
    "followup_bad_quarter": ("季度应写成 YYYY-Qn，例如 2026-Q3。",
                             "Write the quarter as YYYY-Qn, e.g. 2026-Q3."),
})

# -- referrals ---------------------------------------------------------------------------
MESSAGES.update({
    "referral_invalid": ("转介单的填写有误：{field}", "Invalid referral entry: {field}"),
    "referral_unknown": ("找不到这张转介单。", "This referral was not found."),
    "referral_step_refused": ("转介单当前为“{status}”，不能{step}。",
                              "The referral is {status}; it cannot be {step}."),
    "referral_needs_consent": (
        "开具转介单前，须记录本人（或监护人）同意转介及同意提供的信息；"
        "只有危机中的紧急转介可以先开具，并须写明未取得同意的原因。",
        "Record what the resident (or guardian) consented to share before issuing; only an "
        "urgent referral during a crisis may be issued without it, with the reason recorded."),
    "referral_guardian_consent": ("未成年人或有监护人的患者，转介须由监护人同意。",
                                  "For a minor or a patient under guardianship, the guardian "
                                  "must consent to the referral."),
    "referral_not_issued": ("这张转介单还没有开具，不能打印。请先开具。",
                            "This referral is not issued yet, so there is no slip to print."),
    "referral_too_long": ("{what}太长：转介单上最多印 {limit} 个字，请精简。",
                          "{what} is too long: the slip prints at most {limit} characters."),
    "institution_invalid": ("机构信息有误：{field}", "Invalid institution entry: {field}"),
    "institution_unknown": ("找不到这个机构。", "This institution was not found."),
    "institution_read_only": ("这是街道下发的机构信息，只能由街道修改。",
                              "This entry comes from the street office; only the office can "
                              "change it."),
    "referral_setting_invalid": ("转介设置有误：{field}", "Invalid referral setting: {field}"),
})

# -- hostile: two processes, hostile files, full disks, key rotation -------------------------
MESSAGES.update({
    "folder_busy": ("另一个程序正在使用这些数据：请先关闭它"
                    "（包括其他窗口里的心理服务室和 psyroom 命令），"
                    "然后再试。没有做任何改动。",
                    "Another program is using this data: close it first (PsyRoom in another "
                    "window, or a psyroom command), then try again. Nothing was changed."),
    "restore_running": ("另一个恢复正在进行，请等它结束后再试。没有做任何改动。",
                        "Another restore is already running; wait for it to finish. Nothing "
                        "was changed."),
    "keyslots_busy": ("密钥文件正被另一个程序长时间占用，请稍后再试。",
                      "The key file is held by another program for too long; try again "
                      "shortly."),
    "disk_full_db": ("磁盘空间不足，数据库无法写入。请腾出磁盘空间后再试；"
                     "数据没有损坏，不需要恢复备份。",
                     "The disk is full, so the database cannot be written. Free some disk "
                     "space and try again; the data is not damaged and needs no restore."),
    "read_only_media": ("这个位置是只读的（例如写保护的U盘或光盘），无法写入。"
                        "数据没有损坏，不需要恢复备份。",
                        "This place is read-only (a write-protected USB stick or a disc), so "
                        "nothing can be written there. The data is not damaged and needs no "
                        "restore."),
    "no_permission": ("没有权限写入或读取这个位置：{path}。"
                      "请换一个位置或请管理员检查文件夹权限。",
                      "No permission to read or write this place: {path}. Choose another "
                      "place or ask the admin to check the folder's permissions."),
    "out_is_folder": ("“{path}”是一个文件夹，请给出要保存的文件名（例如 未导入的行.xlsx）。",
                      "'{path}' is a folder; give a file name to save to (for example "
                      "rejected.xlsx)."),
    "out_folder_missing": ("要保存到的文件夹不存在：{path}", "The folder to save into does not "
                           "exist: {path}"),
    "import_too_many_rows": ("表格行数超过上限 {limit} 行，没有导入。请把表格拆成几个文件再导入。",
                             "The spreadsheet has more than {limit} rows and was not imported. "
                             "Split it into several files."),
    "import_too_many_columns": ("表格列数超过上限 {limit} 列（或某一行的内容写到了很远的列），"
                                "没有导入。请删去多余的列后再导入。",
                                "The spreadsheet has more than {limit} columns (or a row reaches "
                                "far to the right) and was not imported. Delete the extra "
                                "columns first."),
    "import_too_long_cell": ("有一个单元格超过 {limit} 个字符（Excel 的上限），没有导入。",
                             "A cell holds more than {limit} characters (Excel's own limit); "
                             "nothing was imported."),
    "import_too_big": ("文件超过 {limit} MB，没有导入。请把表格拆成几个文件再导入。",
                       "The file is over {limit} MB and was not imported. Split it into "
                       "several files."),
    "import_xml_unsafe": ("这个 Excel 文件含有不安全的内容（XML 实体或 DTD），"
                          "为保护电脑没有打开它。",
                          "This Excel file contains unsafe content (XML entities or a DTD); it "
                          "was not opened to protect the computer."),
    "import_xml_broken": ("这个 Excel 文件内部的 XML 已损坏（{detail}），无法读取。"
                          "请在 Excel/WPS 中打开并另存后再试。",
                          "The XML inside this Excel file is broken ({detail}). Open it in "
                          "Excel/WPS, save it again, and retry."),
    "disk_io_error": ("读写磁盘时出错（可能是U盘被拔出或磁盘有故障）。数据库没有被改动；"
                      "请检查磁盘后再试，不要急于恢复备份。",
                      "The disk could not be read or written (a USB stick pulled out, or a "
                      "failing disk). The database was not changed; check the disk and try "
                      "again before thinking of a restore."),
    "rotate_old_slots": ("有 {n} 个密钥槽是旧格式，无法直接交接新密钥。请让这些用户修改一次密码"
                         "（或重新生成恢复码）后再更换数据库密钥。没有做任何改动。",
                         "{n} key slot(s) are in the old format and cannot be handed a new "
                         "key. Have those users change their password once (or make a new "
                         "recovery code), then change the database key. Nothing was changed."),
})


# -- USB bundles (issue 10) ------------------------------------------------------------------
class BundleRefused(PsyroomError):
    """A bundle or enrolment file was refused before anything in the database changed."""

    code = "bundle_damaged"


MESSAGES.update({
    "bundle_not_bundle": ("这不是心理服务室的数据包文件。", "This is not a PsyRoom bundle file."),
    "bundle_unsupported": ("数据包格式版本（{version}）不受支持，请升级本程序。数据没有改动。",
                           "The bundle format version ({version}) is not supported; upgrade "
                           "the app. Nothing was changed."),
    "bundle_damaged": ("数据包已损坏、被截断或被改动过，已拒绝导入，"
                       "数据没有改动。请让对方重新导出。",
                       "The bundle is damaged, truncated or altered; it was refused and nothing "
                       "was changed. Ask for a new export."),
    "bundle_oversize": ("数据包过大，已拒绝导入，数据没有改动。",
                        "The bundle is too large; it was refused and nothing was changed."),
    "bundle_unreadable": ("无法读取数据包文件（U盘可能已拔出）。",
                          "The bundle file cannot be read (was the drive removed?)."),
    "bundle_signature": ("数据包的签名不对：它不是由登记的咨询室（或街道）签发的，"
                         "已拒绝导入，数据没有改动。",
                         "The bundle's signature is wrong: it was not signed by the enrolled "
                         "room (or office). Refused; nothing was changed."),
    "bundle_unknown_room": ("数据包来自未登记的咨询室（{room}），已拒绝导入。请先登记该咨询室。",
                            "The bundle comes from a room that is not enrolled ({room}); "
                            "refused. Enrol the room first."),
    "bundle_other_office": ("这个数据包是发给另一个街道的，已拒绝导入，数据没有改动。",
                            "This bundle is addressed to another office; refused, nothing "
                            "changed."),
    "bundle_other_receiver": ("这个数据包不是发给本机的，无法解密，数据没有改动。",
                              "This bundle is not addressed to this installation and cannot "
                              "be opened; nothing was changed."),
    "bundle_proof_failed": ("数据包没有通过登记验证（一次性登记码不符），已拒绝导入。",
                            "The bundle failed the enrolment check (one-time secret does not "
                            "match); refused."),
    "bundle_wrong_kind": ("这个数据包不能在本机导入（咨询室的数据包在街道导入，"
                          "街道的回执在咨询室导入）。",
                          "This bundle cannot be imported here (room bundles go to the office, "
                          "office downlinks to the room)."),
    "bundle_write_failed": ("数据包没有完整写入（U盘可能已拔出或已满），请重新导出。",
                            "The bundle was not written completely (drive removed or full); "
                            "export again."),
    "bundle_not_enrolled": ("本咨询室还没有加入街道，请先用街道发的登记文件加入。",
                            "This room has not joined an office yet; join with the office's "
                            "enrolment file first."),
    "bundle_office_only": ("只有街道可以做这件事。", "Only the street office can do this."),
    "bundle_room_only": ("只有咨询室可以做这件事。", "Only a room can do this."),
    "bundle_code_mismatch": ("登记文件的咨询室编码（{enrolled}）与本机（{own}）不同；"
                             "确认要改用新编码后再加入。",
                             "The enrolment file's room code ({enrolled}) differs from this "
                             "room's ({own}); confirm re-coding to join."),
    "bundle_enrolment_bad": ("登记文件无法读取或已损坏。", "The enrolment file is unreadable or "
                             "damaged."),
    "bundle_room_missing": ("街道没有登记这个咨询室。", "No such room is enrolled at this office."),
    "bundle_room_exists": ("编码为 {room} 的咨询室已经登记过。", "A room with code {room} is "
                           "already enrolled."),
    "bundle_no_keys": ("本机没有街道的密钥：如果所有备份都丢失了，只能让各咨询室重新登记。",
                       "This office has no keys: if every backup is lost, the rooms must be "
                       "enrolled again."),
})

# -- issue 10: the office reads a room's records and never changes them (ownership.py) ------
MESSAGES.update({
    "archive_other_site": (
        "这是{site_name}（{site_code}）的档案，只能在该服务室修改，也不能在这里为其新增记录。",
        "This is an archive of {site_name} ({site_code}): it can only be changed there, and "
        "nothing new can be recorded for it here.",
    ),
    "record_other_site": (
        "这是{site_name}（{site_code}）的记录，只能在该服务室修改。",
        "This is a record of {site_name} ({site_code}): it can only be changed there.",
    ),
    "erasure_other_site": (
        "这是{site_name}（{site_code}）的档案。删除或匿名化个人信息的请求须在该服务室办理；"
        "该服务室办理后，下次导入其U盘数据时这里的副本会随之删除或匿名化。",
        "This is an archive of {site_name} ({site_code}). A request to delete or anonymise "
        "personal information must be handled at that room; the copy here follows with its "
        "next bundle.",
    ),
})
