"""Reusable note templates. Seeded ones are written as a counsellor would fill them in."""

from __future__ import annotations

SEED_TEMPLATES: tuple[dict[str, str], ...] = (
    {"name": "首次咨询（一般情绪困扰）",
     "complaint": "来访者自述近期（  周）情绪低落/烦躁，主要与……有关。",
     "assessment": "情绪：\n睡眠、饮食：\n社会功能：\n自伤自杀风险筛查：无/有（详见风险评估）",
     "intervention": "倾听与共情；情绪正常化；心理教育（压力与情绪）；",
     "plan": "约定下次咨询时间；布置情绪记录作业；必要时完成 PHQ-9/GAD-7 测评。"},
    {"name": "随访咨询",
     "complaint": "上次咨询后情况：",
     "assessment": "与上次相比的变化：",
     "intervention": "回顾作业；巩固应对方法；",
     "plan": "继续咨询 / 结案评估。"},
    {"name": "邻里/家庭纠纷疏导",
     "complaint": "因……与……发生矛盾，持续……",
     "assessment": "矛盾焦点：\n情绪强度：\n是否有冲突升级风险：",
     "intervention": "情绪疏导；换位思考引导；必要时联系村委会/人民调解员；",
     "plan": "跟进调解进展；"},
)
