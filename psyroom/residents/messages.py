"""Plain-language reasons for resident problems, as the import report and forms show them."""

from __future__ import annotations

from psyroom.residents.model import Problem

PROBLEM_TEXT: dict[str, tuple[str, str]] = {
    "name_missing": ("没有姓名", "The name is missing"),
    "name_too_long": ("姓名太长（最多 50 个字）", "The name is too long (50 characters at most)"),
    "gender_invalid": ("性别只能填“男”或“女”", "Gender must be 男 or 女"),
    "birth_date_invalid": ("出生日期看不懂，请写成 1952-07-14 或 1952.07.14",
                           "The birth date cannot be read; write it like 1952-07-14"),
    "birth_date_future": ("出生日期晚于今天", "The birth date is after today"),
    "id_length": ("身份证号应为 18 位（最后一位可以是 X），15 位的老号码也可以",
                  "An ID number has 18 characters (the last may be X); an old 15-digit number "
                  "is accepted too"),
    "id_checksum": ("身份证号的最后一位（校验位）不对，请核对号码",
                    "The ID number's check digit is wrong; check the number"),
    "id_birth_date": ("身份证号里的出生日期不存在", "The birth date inside the ID number is "
                      "not a real date"),
    "id_lost_digits": ("身份证号被 Excel 存成了数字，后几位已经丢失。请把这一列设置为“文本”格式，"
                       "再重新输入号码", "Excel stored the ID number as a number and lost its "
                       "last digits. Format the column as Text and type the number again"),
    "id_invalid": ("身份证号不正确", "The ID number is not valid"),
    "id_birth_mismatch": ("出生日期与身份证号中的出生日期（{id_birth}）不一致",
                          "The birth date differs from the one in the ID number ({id_birth})"),
    "id_gender_mismatch": ("性别与身份证号中的性别不一致",
                           "The gender differs from the one in the ID number"),
    "phone_invalid": ("电话号码位数不对，未保存该号码，请核对后补填",
                      "The phone number has the wrong number of digits; it was not saved"),
    "guardian_phone_invalid": ("监护人电话位数不对，未保存该号码，请核对后补填",
                               "The guardian's phone number has the wrong number of digits; "
                               "it was not saved"),
    "date_invalid": ("日期看不懂，请写成 2026-11-25", "The date cannot be read; write it like "
                     "2026-11-25"),
    "minor_without_guardian": ("未成年人，请补填监护人", "A minor: add a guardian"),
    "risk_level_invalid": ("风险等级不正确", "Invalid risk level"),
    "status_invalid": ("状态不正确", "Invalid status"),
    "national_id_too_long": ("国家系统患者编号太长（最多 {max} 个字符）",
                             "The national system patient number is too long (at most {max} "
                             "characters)"),
    "national_id_unregistered": ("只有登记为严重精神障碍患者的档案才有国家系统患者编号",
                                 "Only an archive registered as a severe mental disorder "
                                 "patient has a national system patient number"),
    "duplicate_id": ("身份证号与已有档案重复（{other}）",
                     "The ID number is already in an archive ({other})"),
    "duplicate_in_file": ("与本文件第 {row} 行是同一个人（身份证号相同）",
                          "Same person as row {row} of this file (same ID number)"),
    "archive_other_site": ("身份证号对应的是{site_name}（{site_code}）的档案，"
                           "只能在该服务室修改，未导入这一行",
                           "The ID number belongs to an archive of {site_name} ({site_code}), "
                           "which can only be changed there; the row was left out"),
    "possible_duplicate": ("可能与已有档案重复：姓名和出生日期相同",
                           "Possible duplicate: same name and birth date as an archive"),
    "tag_unknown": ("人群类别“{tag}”不在类别表中，未导入该类别",
                    "Category '{tag}' is not in the list; it was left out"),
    "date_unreadable": ("日期“{value}”看不懂", "The date '{value}' cannot be read"),
    # The national patient list (importer/national.py).
    "smd_will_create": ("将新建档案，登记为严重精神障碍患者（状态：{status_zh}）",
                        "Will create an archive registered as an SMD patient (status: "
                        "{status_en})"),
    "smd_will_change": ("将更新：{fields_zh}（状态：{status_zh}）",
                        "Will change: {fields_en} (status: {status_en})"),
    "smd_status_unknown": ("管理状态“{value}”不认识，档案状态不变",
                           "Management status '{value}' is not known; the status is left as is"),
    "smd_lost": ("失访：档案状态将设为失访；再次访到患者时请记录随访，档案即恢复在册",
                 "Lost to follow-up: the archive's status becomes lost; a follow-up that "
                 "reaches the patient again makes it active"),
    "birth_month_ambiguous": ("出生年月被 Excel 存成了数字 {value}，分不清是 1 月还是 10 月。"
                              "请把这一列设置为“文本”格式，再重新输入",
                              "Excel stored the birth month as the number {value}: January "
                              "and October look the same. Format the column as Text and type "
                              "it again"),
}


def problem_text(problem: Problem, language: str = "zh_CN") -> str:
    zh, en = PROBLEM_TEXT.get(problem.code, (problem.code, problem.code))
    template = en if language.startswith("en") else zh
    try:
        return template.format(**dict(problem.params))
    except KeyError:
        return template
