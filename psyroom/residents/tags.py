"""Key populations (重点人群) from the two pilot plans (DESIGN.md §3).

This list seeds the reference table; the office can add tags and send them down, so code
must read tags from the database, not from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TagSeed:
    code: str
    group_zh: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()


SEED_TAGS: tuple[TagSeed, ...] = (
    TagSeed("elderly_empty_nest", "老年人", "空巢", "Empty-nest elderly", ("空巢老人",)),
    TagSeed("elderly_widowed", "老年人", "丧偶", "Widowed elderly", ("丧偶老人",)),
    TagSeed("elderly_lost_only_child", "老年人", "失独", "Lost their only child", ("失独老人",)),
    TagSeed("elderly_left_behind", "老年人", "留守老人", "Left-behind elderly"),
    TagSeed("women_perinatal", "妇女", "孕产期", "Perinatal women", ("孕产期妇女", "孕产妇")),
    TagSeed("women_menopause", "妇女", "更年期", "Menopausal women", ("更年期妇女",)),
    TagSeed("women_harmed", "妇女", "遭受意外伤害", "Women harmed by accidents or violence",
            ("遭受意外伤害妇女",)),
    TagSeed("child_migrant", "儿童", "流动儿童", "Migrant children"),
    TagSeed("child_disabled", "儿童", "残疾儿童", "Disabled children"),
    TagSeed("child_left_behind", "儿童", "留守儿童", "Left-behind children"),
    TagSeed("child_in_difficulty", "儿童", "困境儿童", "Children in difficulty"),
    TagSeed("child_orphan", "儿童", "孤儿", "Orphans"),
    TagSeed("disabled_person", "残疾人", "残疾人", "People with disabilities"),
    TagSeed("disabled_family", "残疾人", "残疾人家属", "Families of people with disabilities"),
    TagSeed("special_vagrant", "特殊人群", "流浪乞讨", "Vagrants and beggars",
            ("流浪乞讨人员",)),
    TagSeed("special_detained", "特殊人群", "被监管", "People under supervision",
            ("被监管人员",)),
    TagSeed("special_prisoner", "特殊人群", "服刑", "Serving a sentence", ("服刑人员",)),
    TagSeed("special_community_correction", "特殊人群", "社区矫正", "Community correction",
            ("社区矫正人员", "社区矫正对象")),
    TagSeed("special_released", "特殊人群", "刑满释放", "Released prisoners",
            ("刑满释放人员",)),
    TagSeed("drug_compulsory", "特殊人群", "强制隔离戒毒", "Compulsory drug rehabilitation",
            ("强制隔离戒毒人员",)),
    TagSeed("drug_community_rehab", "特殊人群", "社区戒毒康复", "Community drug rehabilitation",
            ("社区戒毒", "社区康复", "社区戒毒康复人员")),
    TagSeed("drug_maintenance", "特殊人群", "戒毒药物维持治疗", "Drug maintenance treatment"),
    TagSeed("drug_voluntary", "特殊人群", "自愿戒毒", "Voluntary drug rehabilitation"),
    TagSeed("drug_user", "特殊人群", "社会吸毒", "Drug users in the community",
            ("社会吸毒人员", "吸毒人员")),
    TagSeed("special_trouble_prone", "特殊人群", "易肇事肇祸", "Prone to causing incidents",
            ("易肇事肇祸人员",)),
    TagSeed("four_conflict", "四类人员", "矛盾突出", "Sharp conflicts"),
    TagSeed("four_frustrated", "四类人员", "生活失意", "Frustrated in life"),
    TagSeed("four_imbalanced", "四类人员", "心态失衡", "Unbalanced state of mind"),
    TagSeed("four_abnormal", "四类人员", "行为失常", "Abnormal behaviour"),
    TagSeed("paranoid", "四类人员", "性格偏执", "Paranoid personality"),
    TagSeed("smd_patient", "严重精神障碍", "严重精神障碍患者", "Severe mental disorder patient",
            ("精神障碍患者", "严重精神障碍")),
    TagSeed("smd_family", "严重精神障碍", "严重精神障碍患者家属", "Family of an SMD patient"),
    TagSeed("petitioner", "信访", "信访人员", "Petitioners", ("信访",)),
    TagSeed("student_bullied", "学生", "遭受欺凌", "Students hurt by bullying",
            ("校园欺凌",)),
    TagSeed("student_violence", "学生", "校园或家庭暴力", "Students hurt by school or family "
            "violence", ("校园暴力", "家庭暴力")),
    TagSeed("student_sexual_assault", "学生", "遭受性侵犯", "Students hurt by sexual assault",
            ("性侵犯",)),
    TagSeed("student_drugs", "学生", "涉毒学生", "Students hurt by drugs"),
    TagSeed("worker", "职业人群", "职业人群", "Workers", ("职工",)),
    TagSeed("life_event", "其他", "重大生活事件", "After a major life event"),
    TagSeed("poor_vulnerable", "其他", "贫困及弱势群体", "Poor and vulnerable",
            ("贫困人员", "低保", "困难群众")),
)
