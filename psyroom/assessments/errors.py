"""The scale library's own user-facing messages.

``psyroom/errors.py`` belongs to the foundation; rather than edit its table, these errors carry
their own (zh_CN, en) texts and fall back to the shared table for any other code.
"""

from __future__ import annotations

from psyroom.errors import InvalidInput, PsyroomError

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (zh_CN, en)
    "scale_unknown": ("没有这个量表：{name}", "There is no such scale: {name}"),
    "scale_answer_count": (
        "{scale} 共有 {expected} 道题，需要 {expected} 个答案，实际收到 {got} 个。",
        "{scale} has {expected} questions and needs {expected} answers; {got} were given.",
    ),
    "scale_answer_invalid": (
        "第 {item} 题的答案应是 0 到 {last} 之间的选项序号，收到的是 {value}。",
        "The answer to question {item} must be an option number from 0 to {last}; "
        "{value} was given.",
    ),
    "scale_answers_unreadable": (
        "答案应是用英文逗号分隔的选项序号，例如 0,1,2,3。",
        "Answers must be option numbers separated by commas, for example 0,1,2,3.",
    ),
    "scale_file_invalid": (
        "量表定义文件 {file} 有误（{reason}），该量表无法使用。请重新安装本程序。",
        "The scale definition file {file} is broken ({reason}), so the scale cannot be used. "
        "Reinstall the program.",
    ),
}


def _render(code: str, params: dict[str, object], language: str) -> str | None:
    texts = MESSAGES.get(code)
    if texts is None:
        return None
    template = texts[1] if language.startswith("en") else texts[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


class ScaleInputError(InvalidInput):
    """Answers that do not fit the scale, or a scale code that does not exist."""

    code = "scale_answer_invalid"

    def message(self, language: str = "zh_CN") -> str:
        text = _render(self.code, self.params, language)
        return text if text is not None else super().message(language)


class ScaleDefinitionError(PsyroomError):
    """A scale's JSON file breaks a rule; raised on load so a bad file never scores anyone."""

    code = "scale_file_invalid"

    def message(self, language: str = "zh_CN") -> str:
        text = _render(self.code, self.params, language)
        return text if text is not None else super().message(language)
