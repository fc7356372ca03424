"""Standard psychological scales (标准化量表): definitions as data, and their scoring.

Pure domain code: no database, no Qt. Storing answers belongs to the consultation/assessment
records; this package only knows what a scale asks and how its published rules score it.
"""

from psyroom.assessments.cli_support import (
    result_summary,
    scale_list_rows,
    scale_row,
    score_to_json,
)
from psyroom.assessments.errors import MESSAGES, ScaleDefinitionError, ScaleInputError
from psyroom.assessments.loader import (
    get_scale,
    load_scales,
    load_scales_from,
    normalise_code,
    parse_scale,
)
from psyroom.assessments.model import (
    Band,
    Item,
    Option,
    RiskRule,
    ScaleDefinition,
    ScoreResult,
    StandardScoreRule,
)
from psyroom.assessments.scoring import parse_answers, score

__all__ = [
    "MESSAGES",
    "Band",
    "Item",
    "Option",
    "RiskRule",
    "ScaleDefinition",
    "ScaleDefinitionError",
    "ScaleInputError",
    "ScoreResult",
    "StandardScoreRule",
    "get_scale",
    "load_scales",
    "load_scales_from",
    "normalise_code",
    "parse_answers",
    "parse_scale",
    "result_summary",
    "scale_list_rows",
    "scale_row",
    "score",
    "score_to_json",
]
