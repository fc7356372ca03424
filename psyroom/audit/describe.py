"""Audit events in words: "修改了设置：自动锁定 10 分钟", never ``settings_changed`` or
``font_point_size: 0``. One describer for the audit page and ``psyroom audit``.

Capabilities added later describe their own actions with ``register_action``; an action or a
detail nobody described is still shown (as its code), so nothing in the log is hidden, and a
test lists every action the code writes against this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Pair = tuple[str, str]  # (zh_CN, en)

ACTIONS: dict[str, Pair] = {
    "site_initialised": ("完成了首次设置", "Set up the site"),
    "login": ("登录", "Logged in"),
    "logout": ("退出登录", "Logged out"),
    "login_failed": ("登录时密码错误", "Wrong password at login"),
    "login_failed_unknown_user": ("用不存在的用户名登录", "Login with an unknown user name"),
    "recovery_code_failed": ("恢复码错误", "Wrong recovery code"),
    "password_reset_with_recovery_code": ("用恢复码重设了密码",
                                          "Set a password with the recovery code"),
    "device_secret_missing": ("这台电脑上缺少设备密钥", "Device key missing on this computer"),
    "lock": ("锁定了屏幕", "Locked the screen"),
    "unlock": ("解锁了屏幕", "Unlocked the screen"),
    "unlock_failed": ("解锁时密码错误", "Wrong password on the lock screen"),
    "password_changed": ("修改了自己的密码", "Changed own password"),
    "user_added": ("添加了用户", "Added a user"),
    "user_roles_changed": ("修改了用户角色", "Changed a user's roles"),
    "user_disabled": ("停用了用户", "Disabled a user"),
    "user_must_change_password": ("要求用户修改密码", "Required a password change"),
    "user_password_reset": ("管理员重设了用户密码", "Reset a user's password"),
    "permission_denied": ("被拒绝：没有权限", "Refused: no permission"),
    "verify": ("校验了数据", "Checked the data"),
    "backup": ("做了备份", "Made a backup"),
    "restore": ("从备份恢复了数据", "Restored from a backup"),
    "settings_changed": ("修改了设置", "Changed the settings"),
    "resident_created": ("新建了档案", "Created an archive"),
    "resident_edited": ("修改了档案", "Edited an archive"),
    "resident_opened": ("查看了档案", "Opened an archive"),
    "resident_identifier_shown": ("显示了完整号码", "Showed a full number"),
    "residents_imported": ("导入了台账", "Imported a register"),
    "import_rejected_rows_saved": ("保存了未导入的行", "Saved the rows not imported"),
    "residents_merged": ("合并了档案", "Merged archives"),
    "resident_anonymised": ("匿名化了档案", "Anonymised an archive"),
    "resident_erased": ("删除了档案", "Deleted an archive"),
    "resident_exported": ("把档案导出为 PDF", "Exported an archive as PDF"),
    "demo_data_generated": ("生成了演示数据", "Generated demo data"),
    "consultation_started": ("开始了咨询记录", "Started a consultation record"),
    "consultation_draft_saved": ("保存了咨询记录草稿", "Saved a consultation draft"),
    "consultation_signed": ("签名锁定了咨询记录", "Signed a consultation record"),
    "consultation_addendum": ("为咨询记录添加了补充说明", "Added an addendum"),
    "consultation_draft_discarded": ("删除了咨询记录草稿", "Discarded a consultation draft"),
    "consultation_read": ("查看了咨询记录", "Opened a consultation record"),
    "consultations_listed": ("查看了某人的咨询记录列表", "Listed a resident's consultations"),
    "private_note_saved": ("保存了私人过程记录", "Saved private process notes"),
    "private_note_read": ("查看了私人过程记录", "Opened private process notes"),
    "note_template_saved": ("保存了记录模板", "Saved a note template"),
    "assessment_recorded": ("记录了测评", "Recorded a scale"),
    "assessments_listed": ("查看了某人的测评", "Listed a resident's scales"),
    "crisis_prompt_shown": ("测评弹出了危机提示", "Scale raised the crisis prompt"),
    "crisis_prompt_answers_changed": ("危机提示后返回修改了答案",
                                      "Changed the answers after the crisis prompt"),
    "crisis_recorded": ("记录了危机干预", "Recorded a crisis intervention"),
    "crisis_closed": ("结束了危机干预", "Closed a crisis intervention"),
    "crises_listed": ("查看了某人的危机干预", "Listed a resident's crises"),
    "followup_recorded": ("记录了随访", "Recorded a follow-up"),
    "followup_action_recorded": ("记录了随访后的处置", "Recorded a follow-up action"),
    "followups_listed": ("查看了某人的随访", "Listed a resident's follow-ups"),
    "activity_recorded": ("记录了活动", "Recorded an activity"),
    "dashboard_viewed": ("查看了首页", "Viewed the home dashboard"),
    # -- issue 8: keys, restore, audit head, security settings
    "login_failed_while_locked": ("账号锁定期间又输错了密码", "Wrong password while locked"),
    "recovery_code_failed_while_locked": ("锁定期间又输错了恢复码",
                                          "Wrong recovery code while locked"),
    "database_key_rotated": ("更换了数据库密钥", "Changed the database key"),
    "recovery_code_replaced": ("生成了新的恢复码", "Made a new recovery code"),
    "restore_refused": ("拒绝了恢复备份", "Refused a restore"),
    "security_settings_changed": ("修改了安全设置", "Changed the security settings"),
    "verify_against_backup": ("与备份核对了审计链", "Checked the audit chain against a backup"),
    "verify_head": ("核对了打印的审计链标记", "Checked a printed audit chain head"),
    "schema_upgraded": ("程序更新后升级了数据", "Upgraded the data after an update"),
    # -- issue 10: USB bundles
    "room_enrolled": ("登记了服务室", "Enrolled a room"),
    "office_joined": ("加入了街道", "Joined an office"),
    "bundle_exported": ("导出了数据包", "Exported a bundle"),
    "bundle_imported": ("导入了数据包", "Imported a bundle"),
    "bundle_refused": ("拒绝了数据包", "Refused a bundle"),
    "downlinks_exported": ("导出了给服务室的回传包", "Exported downlinks for the rooms"),
    "downlink_imported": ("导入了街道的回传包", "Imported the office's downlink"),
    "demo_data_shared": ("生成了演示服务室的数据", "Generated demo rooms' data"),
    "sync_late_day_set": ("设置了数据包截止日", "Set the day bundles are due"),
    "room_records_browsed": ("查看了服务室的档案列表", "Browsed a room's archives"),
    # -- issue 11: referrals
    "referral_created": ("新建了转介", "Created a referral"),
    "referral_edited": ("修改了转介草稿", "Edited a referral draft"),
    "referral_issued": ("开出了转介单", "Issued a referral"),
    "referral_printed": ("打印了转介单", "Printed a referral slip"),
    "referral_receipt_recorded": ("登记了转介回执", "Recorded a referral receipt"),
    "referral_feedback_recorded": ("登记了转介反馈", "Recorded referral feedback"),
    "referral_closed": ("结束了转介", "Closed a referral"),
    "referral_cancelled": ("取消了转介", "Cancelled a referral"),
    "referral_viewed": ("查看了转介", "Opened a referral"),
    "referrals_listed": ("查看了转介列表", "Listed referrals"),
    "referral_verified": ("核验了转介单", "Verified a referral slip"),
    "referral_settings_changed": ("修改了转介设置", "Changed the referral settings"),
    "institution_added": ("添加了机构", "Added an institution"),
    "institution_edited": ("修改了机构", "Edited an institution"),
    # -- issue 12: reports
    "report_generated": ("生成了月报", "Generated a monthly report"),
    "report_setting_changed": ("修改了报表设置", "Changed a report setting"),
    "activity_participants_added": ("登记了活动参加人员", "Recorded who attended"),
    # -- issue 13: national follow-up form
    "followup_opened": ("查看了随访记录", "Opened a follow-up record"),
    "followup_printed": ("打印了随访记录表", "Printed a follow-up form"),
    "followup_blank_printed": ("打印了空白随访记录表", "Printed a blank follow-up form"),
    "followups_exported": ("导出了随访报送表（含完整身份证号）",
                           "Exported follow-ups for the national system (full ID numbers)"),
    "followups_due_exported": ("导出了应随访名单", "Exported the due list"),
}

ROLES: dict[str, Pair] = {
    "admin": ("管理员", "administrator"), "counsellor": ("咨询师", "counsellor"),
    "social_worker": ("社工", "social worker"), "office_clerk": ("街道工作人员", "office clerk"),
    "supervisor": ("督导", "supervisor"),
}
SITE_KINDS: dict[str, Pair] = {"room": ("心理服务室", "counselling room"),
                               "office": ("街道", "sub-district office")}
ROOM_TYPES: dict[str, Pair] = {
    "village": ("村", "village"), "community": ("社区", "community"),
    "school": ("学校", "school"), "workplace": ("单位", "workplace"),
    "police": ("派出所", "police station"), "justice": ("司法所", "justice office"),
    "hospital": ("医院", "hospital"), "other": ("其他", "other"), "street": ("街道", "street"),
}
PERMISSIONS: dict[str, Pair] = {
    "manage_users": ("管理用户", "manage users"), "backup": ("备份", "back up"),
    "restore": ("恢复", "restore"), "read_audit": ("查看审计日志", "read the audit log"),
    "verify": ("校验数据", "check the data"), "change_settings": ("修改设置", "change settings"),
    "read_stats": ("查看统计", "read statistics"), "read_residents": ("查看档案", "read archives"),
    "write_residents": ("修改档案", "edit archives"),
    "import_residents": ("导入台账", "import registers"),
    "reveal_identifiers": ("显示完整号码", "show full numbers"),
    "merge_residents": ("合并档案", "merge archives"),
    "export_resident": ("导出档案", "export archives"),
    "erase_resident": ("删除档案", "delete archives"),
    "write_consultations": ("写咨询记录", "write consultation records"),
    "read_consultations": ("查看咨询情况", "see consultations"),
    "read_consultation_notes": ("查看咨询内容", "read consultation notes"),
    "run_assessments": ("做测评", "run scales"), "read_assessments": ("查看测评", "read scales"),
    "record_crisis": ("记录危机干预", "record crises"),
    "close_crisis": ("结束危机干预", "close crises"),
    "record_followups": ("记录随访", "record follow-ups"),
    "record_activities": ("记录活动", "record activities"),
}
IDENTIFIERS: dict[str, Pair] = {"id_number": ("身份证号", "ID number"),
                                "phone": ("电话", "phone"),
                                "guardian_phone": ("监护人电话", "guardian's phone")}
LANGUAGE_NAMES: dict[str, Pair] = {"zh_CN": ("简体中文", "Chinese"), "en": ("英文", "English")}


RESTORE_AUTHORITY: dict[str, Pair] = {
    "live_user": ("由当前数据的管理员授权", "authorised by an admin of the current data"),
    "live_recovery_code": ("由当前数据的恢复码授权",
                           "authorised by the current data's recovery code"),
    "backup_admin": ("由备份中的管理员授权", "authorised by an admin of the backup"),
    "recovery_code": ("由备份的恢复码授权", "authorised by the backup's recovery code"),
}
RESTORE_REFUSALS: dict[str, Pair] = {
    "permission": ("没有恢复备份的权限", "no permission to restore"),
    "foreign": ("另一套安装的备份，未确认", "another installation's backup, not confirmed"),
}


def _restore(action: str, d: dict[str, Any], lang: str) -> list[str]:
    """Install and bundle-generation ids are left out: they mean nothing to a reader."""
    en = lang == "en"
    if action == "restore_refused":
        return [_label(RESTORE_REFUSALS, d.get("reason"), lang)]
    out = [_label(RESTORE_AUTHORITY, d.get("authorised_by"), lang)]
    if d.get("passwords_lost"):
        out.append("every password of the data here was lost" if en
                   else "原数据的密码和恢复码均已遗失")
    if d.get("foreign"):
        out.append("another installation's backup" if en else "另一套安装的备份")
    return out


def _pick(pair: Pair, lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _label(table: dict[str, Pair], code: object, lang: str) -> str:
    pair = table.get(str(code))
    return _pick(pair, lang) if pair is not None else str(code)


def _sep(lang: str) -> str:
    return ", " if lang == "en" else "，"


def _settings(d: dict[str, Any], lang: str) -> list[str]:
    en = lang == "en"
    out = []
    if "autolock_minutes" in d:
        n = d["autolock_minutes"]
        out.append(f"auto-lock after {n} min" if en else f"自动锁定 {n} 分钟")
    if "font_point_size" in d:
        n = d["font_point_size"]
        if not n:
            out.append("font size: system default" if en else "字号：跟随系统")
        else:
            out.append(f"font size {n} pt" if en else f"字号 {n} 磅")
    if "language" in d:
        name = _label(LANGUAGE_NAMES, d["language"], lang)
        out.append(f"language: {name}" if en else f"界面语言：{name}")
    return out


def _details(action: str, d: dict[str, Any], lang: str) -> list[str]:
    en = lang == "en"
    if action in ("settings_changed", "security_settings_changed"):
        return _settings(d, lang)
    if action in ("restore", "restore_refused"):
        return _restore(action, d, lang)
    if action == "schema_upgraded":
        return ([f"from version {d.get('from')} to {d.get('to')}", "backup kept"] if en else
                [f"数据版本 {d.get('from')} → {d.get('to')}", "升级前已自动备份"])
    if action == "site_initialised":
        kind = _label(SITE_KINDS, d.get("kind"), lang)
        room = d.get("room_type")
        return [f"{kind} ({_label(ROOM_TYPES, room, lang)})" if en and room
                else f"{kind}（{_label(ROOM_TYPES, room, lang)}）" if room else kind]
    if action == "activity_recorded":
        from psyroom.activities.service import KINDS

        n = d.get("headcount", 0)
        return [_label(KINDS, d.get("kind"), lang), f"{n} people" if en else f"{n} 人"]
    if action == "crisis_recorded":
        from psyroom.crisis.service import LEVELS, TYPES

        return [_label(TYPES, d.get("type"), lang), _label(LEVELS, d.get("level"), lang)]
    if action == "residents_imported":
        i, u, r = d.get("imported", 0), d.get("updated", 0), d.get("rejected", 0)
        return ([f"{i} added", f"{u} updated", f"{r} rows not imported"] if en else
                [f"新建 {i} 人", f"更新 {u} 人", f"未导入 {r} 行"])
    if action == "demo_data_generated":
        n, m = d.get("residents", 0), d.get("months", 0)
        return [f"{n} archives", f"{m} months"] if en else [f"{n} 份档案", f"{m} 个月"]
    out: list[str] = []
    for key, value in sorted(d.items()):
        text = _detail(key, value, lang)
        if text:
            out.append(text)
    return out


def _detail(key: str, value: Any, lang: str) -> str:
    en = lang == "en"
    if key == "roles" and isinstance(value, list):
        names = ("、" if not en else ", ").join(_label(ROLES, r, lang) for r in value)
        return f"roles: {names}" if en else f"角色：{names}"
    if key == "idle":
        return ("after idle time" if value else "by hand") if en else (
            "无操作自动锁定" if value else "手动锁定")
    if key == "ok":
        return ("no problems" if value else "problems found") if en else (
            "未发现问题" if value else "发现问题")
    if key == "problems":
        return (f"{value} problem(s)" if en else f"{value} 处问题") if value else ""
    if key == "bytes" and isinstance(value, int):
        return f"{value / (1024 * 1024):.1f} MB"
    if key == "permission":
        name = _label(PERMISSIONS, value, lang)
        return f"needed: {name}" if en else f"需要的权限：{name}"
    if key == "field":
        return _label(IDENTIFIERS, value, lang)
    if key == "scale":
        from psyroom.assessments import load_scales

        scale = load_scales().get(str(value))
        return scale.short_name if scale is not None else str(value)
    if key == "flagged":
        return ("self-harm risk" if en else "提示自伤风险") if value else ""
    if key == "rows":
        return f"{value} rows" if en else f"{value} 行"
    if key == "reason_given":
        return ("reason given" if en else "已填写原因") if value else ""
    if key == "from":
        short = str(value)[:8]
        return f"merged from archive {short}…" if en else f"并入的档案编号 {short}…"
    if key == "risk_level":
        return f"risk level {value}" if en else f"危险性 {value} 级"
    if key == "action":
        return ("action needed" if en else "需要处置") if value else ""
    if key == "room":
        return (f"room {value}" if en else f"服务室 {value}") if value else ""
    if key in ("kind", "room_type"):
        return _label({**SITE_KINDS, **ROOM_TYPES}, value, lang)
    # Not described yet: shown rather than hidden, so the log keeps nothing back.
    return f"{key}: {value}"


@dataclass(frozen=True)
class Described:
    what: str
    details: str

    def sentence(self, lang: str) -> str:
        if not self.details:
            return self.what
        return f"{self.what}: {self.details}" if lang == "en" else f"{self.what}：{self.details}"


_extra_details: dict[str, Callable[[dict[str, Any], str], list[str]]] = {}


def register_action(action: str, words: Pair,
                    details: Callable[[dict[str, Any], str], list[str]] | None = None) -> None:
    """For capabilities that write their own audit actions."""
    ACTIONS[action] = words
    if details is not None:
        _extra_details[action] = details


def describe(action: str, detail: dict[str, Any] | None, lang: str) -> Described:
    lang = "en" if lang.startswith("en") else "zh_CN"
    pair = ACTIONS.get(action)
    what = _pick(pair, lang) if pair is not None else action
    d = detail or {}
    parts = _extra_details[action](d, lang) if action in _extra_details else _details(
        action, d, lang)
    return Described(what, _sep(lang).join(p for p in parts if p))
