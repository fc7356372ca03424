"""The ``psyroom`` command's help and argparse's own messages in the user's language.

argparse builds its texts (usage, "positional arguments", its error messages) through
``gettext``; with no Chinese catalogue installed they would stay English beside Chinese help.
``use_language`` points argparse's translation hook at the table below for the length of one
run, so ``psyroom --help`` and a usage error read in one language.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

# argparse's message ids (Python 3.11-3.13) -> Chinese. Placeholders stay as argparse fills them.
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
}

# key -> (zh_CN, en): every command and option of build_parser.
HELP: dict[str, tuple[str, str]] = {
    "description": ("心理服务室：社区心理服务离线工作记录（命令行）。",
                    "PsyRoom: offline records for community psychological service rooms."),
    "epilog": ("在任一命令后加 --help 可查看它的说明。"
               "密码从 PSYROOM_PASSWORD 读取，或在终端中询问。",
               "Add --help after any command for its own help. The password is read from "
               "PSYROOM_PASSWORD, or asked for in a terminal."),
    "commands": ("可用的命令", "commands"),
    "command": ("命令", "COMMAND"),
    "data_dir": ("数据文件夹（默认为本机的用户数据文件夹）",
                 "data folder (default: this computer's user data folder)"),
    "user": ("登录的用户名（也可用 PSYROOM_USER 设置）",
             "user name to log in as (or set PSYROOM_USER)"),
    "version": ("显示版本号并退出", "show the version and exit"),
    "init": ("首次设置：建立加密数据库和管理员账号", "first set-up: the encrypted database and "
             "the administrator account"),
    "site_kind": ("站点类别：room（心理服务室）或 office（街道）",
                  "kind of site: room or office"),
    "room_type": ("服务室类型（村、社区、学校等）", "type of room (village, community, school…)"),
    "site_code": ("站点编码，由街道分配：2–20 位字母、数字或短横线，保存为大写",
                  "site code from the sub-district office: 2-20 letters, digits or '-', "
                  "kept in upper case"),
    "site_name": ("站点名称", "site name"),
    "admin": ("管理员的用户名", "the administrator's user name"),
    "user_cmd": ("管理用户账号", "manage user accounts"),
    "user_add": ("添加用户（初始密码从 PSYROOM_NEW_PASSWORD 读取）",
                 "add a user (first password from PSYROOM_NEW_PASSWORD)"),
    "user_name": ("用户名", "user name"),
    "role": ("角色，可重复或用逗号分隔：", "role; repeat, or separate with commas: "),
    "display_name": ("界面上显示的姓名", "full name shown on screens"),
    "user_list": ("列出所有用户", "list the users"),
    "user_passwd": ("修改密码（新密码从 PSYROOM_NEW_PASSWORD 读取）",
                    "change a password (new one from PSYROOM_NEW_PASSWORD)"),
    "user_disable": ("停用用户", "disable a user"),
    "recover": ("用恢复码为用户设置新密码", "set a new password with the recovery code"),
    "stats": ("各类记录的数量", "how many records of each kind"),
    "json": ("以 JSON 输出", "print JSON"),
    "backup": ("把全部数据备份到一个加密文件", "back up all data to one encrypted file"),
    "backup_out": ("备份文件的路径", "path of the backup file"),
    "restore": ("从备份文件恢复（现有数据先另存）",
                "restore from a backup file (the current data is kept aside first)"),
    "restore_file": ("备份文件", "backup file"),
    "init_join": ("街道发来的登记文件：服务室的代码、名称和类型从中读取",
                  "the office's enrolment file: the room's code, name and kind come from it"),
    "demo_rooms": ("街道：登记这么多个演示服务室，并通过真实的数据包导入它们的记录",
                   "office: enrol this many demo rooms and import their records through real "
                   "bundles"),
    "restore_foreign": ("确认用另一套安装（另一个服务室或电脑）的备份替换这里的数据",
                        "confirm replacing this site's data with another installation's backup"),
    "restore_recovery_code": ("用恢复码（从 PSYROOM_RECOVERY_CODE 读取）：不加 --user 时，当前数据"
                              "的恢复码即可授权恢复，并用它打开备份",
                              "use a recovery code (PSYROOM_RECOVERY_CODE): without --user, the "
                              "current data's recovery code authorises the restore and opens "
                              "the backup"),
    "restore_passwords_lost": ("确认当前数据的所有密码和恢复码都已遗失：改由备份的恢复码或备份中"
                               "管理员的密码授权（会记入审计日志）",
                               "confirm that every password and the recovery code of the "
                               "current data are lost: the backup's recovery code or an admin "
                               "password of the backup authorises instead (audited)"),
    "verify": ("校验数据库和审计日志", "check the database and the audit log"),
    "residents": ("居民档案", "resident archives"),
    "residents_import": ("从台账（.xlsx 或 .csv）导入居民", "import residents from a register "
                         "(.xlsx or .csv)"),
    "import_file": ("台账文件", "register file"),
    "sheet": ("工作表名称（默认第一个）", "sheet name (default: the first)"),
    "rejected_out": ("把未导入的行及原因写入这个 .xlsx 文件",
                     "write the rows not imported, with reasons, to this .xlsx"),
    "residents_find": ("查找居民（姓名、拼音、首字母、证件号或电话）",
                       "find residents (name, pinyin, initials, ID or phone)"),
    "find_text": ("要查找的内容", "what to look for"),
    "limit": ("最多显示多少人", "at most this many people"),
    "scale": ("心理测评量表（无需登录）", "assessment scales (no login needed)"),
    "scale_list": ("列出可用的量表", "list the scales"),
    "scale_score": ("为一组答案计分", "score a set of answers"),
    "scale_code": ("量表代码，如 phq9", "scale code, e.g. phq9"),
    "answers": ("各题所选项的位置（从 0 开始），用逗号分隔",
                "the chosen option's position per item (from 0), separated by commas"),
    "demo_data": ("生成虚构的演示数据", "generate fictitious demo data"),
    "demo_residents": ("演示档案的人数", "how many demo archives"),
    "demo_months": ("演示记录覆盖的月数", "how many months of demo records"),
    "demo_seed": ("随机种子（相同种子生成相同数据）", "random seed (same seed, same data)"),
    "audit": ("显示审计日志", "show the audit log"),
    "since": ("只显示此日期（YYYY-MM-DD）以来的记录", "only entries since this date (YYYY-MM-DD)"),
    "kind_room": ("心理服务室", "counselling room"),
    "kind_office": ("街道", "sub-district office"),
    "audit_json": ("每条记录一行 JSON（含原始代码，供脚本使用）",
                   "one JSON line per entry, with the raw codes, for scripts"),
    "range": ("应为 {low} 到 {high} 之间的整数（收到 {value}）",
              "must be a whole number from {low} to {high} (got {value})"),
}


def pick(key: str, lang: str) -> str:
    zh, en = HELP[key]
    return en if lang == "en" else zh


def use_language(lang: str) -> None:
    """Make argparse's own texts follow ``lang`` for the rest of this run."""
    table = {} if lang == "en" else ARGPARSE_ZH
    translate: Callable[[str], str] = lambda text: table.get(text, text)  # noqa: E731
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = (  # type: ignore[attr-defined]
        lambda one, many, n: translate(one if n == 1 else many))


def int_range(low: int, high: int, lang: str) -> Callable[[str], int]:
    """An argparse type for a whole number in [low, high]; the message names the range (and
    argparse adds the option's name in front of it)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                pick("range", lang).format(low=low, high=high, value=text))
        return value

    return parse
