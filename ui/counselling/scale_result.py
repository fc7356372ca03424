"""The result of a scale in words: total, standard score where it has one, and the band."""

from __future__ import annotations

from psyroom.assessments.model import ScaleDefinition, ScoreResult
from ui.counselling.labels import english
from ui.counselling.widgets import notice
from ui.qt import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget
from ui.theme import Heading


def band_colour(scale: ScaleDefinition, band_code: str) -> str:
    """Green for the lowest band, red for the highest, amber between."""
    codes = [b.code for b in scale.bands]
    index = codes.index(band_code) if band_code in codes else 0
    if index == 0:
        return "#2e6b30"
    return "#b71c1c" if index == len(codes) - 1 else "#9a4300"


class ScaleResultView(QFrame):
    def __init__(self, scale: ScaleDefinition, result: ScoreResult, *,
                 crisis_opened: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scale_result")
        self.setStyleSheet("#scale_result { background: white; border: 1px solid #d5dde5; "
                           "border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(scale.name_en if english() else scale.name_zh, larger_by=3))
        form = QFormLayout()
        self.total = Heading(str(result.total), larger_by=6)
        self.total.setObjectName("result_total")
        form.addRow(self.tr("Total (raw score):") if result.standard_score is not None
                    else self.tr("Total score:"), self.total)
        self.standard: QLabel | None = None
        if result.standard_score is not None:
            self.standard = Heading(str(result.standard_score), larger_by=6)
            self.standard.setObjectName("result_standard")
            form.addRow(self.tr("Standard score:"), self.standard)
        self.band = Heading(result.band_label_en if english() else result.band_label_zh,
                            larger_by=4)
        self.band.setObjectName("result_band")
        self.band.setWordWrap(True)
        self.band.setStyleSheet(f"color: {band_colour(scale, result.band)};")
        form.addRow(self.tr("Result:"), self.band)
        layout.addLayout(form)
        self.basis = QLabel(self.scoring_basis(scale))
        self.basis.setObjectName("result_basis")
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #555;")
        layout.addWidget(self.basis)
        # The published citation stays as written (often English): a reference, not the text
        # a counsellor reads to understand the score.
        self.source = QLabel(self.tr("Source: %1").replace("%1", source_reference(scale)))
        self.source.setObjectName("result_source")
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #777;")
        layout.addWidget(self.source)
        if crisis_opened:
            self.crisis = notice(self.tr(
                "A crisis record was opened with the action you wrote down. The person stays "
                "on the high-risk list of the home page until a counsellor closes the crisis "
                "with a reason."), "danger")
            self.crisis.setObjectName("result_crisis")
            layout.addWidget(self.crisis)
        layout.addStretch(1)

    def scoring_basis(self, scale: ScaleDefinition) -> str:
        """计分依据 in the UI's language, built from the definition the score came from."""
        low, high = scale.total_range
        parts = [self.tr("the %1 item scores are added up to a total of %2–%3").replace(
            "%1", str(scale.item_count)).replace("%2", str(low)).replace("%3", str(high))]
        if scale.reverse_items:
            parts.append(self.tr("items %1 are scored in reverse").replace(
                "%1", (", " if english() else "、").join(str(n) for n in scale.reverse_items)))
        if scale.standard_score is not None:
            s_low, s_high = scale.banded_range
            parts.append(self.tr("the total × %1, whole part, is the standard score (%2–%3)")
                         .replace("%1", str(float(scale.standard_score.multiplier)))
                         .replace("%2", str(s_low)).replace("%3", str(s_high)))
        sep = "; " if english() else "；"
        bands = sep.join(f"{b.min_score}–{b.max_score} {b.label_en if english() else b.label_zh}"
                         for b in scale.bands)
        on = (self.tr("standard score") if scale.bands_on == "standard_score"
              else self.tr("total"))
        return self.tr("Scoring basis: %1. Bands by %2: %3.").replace(
            "%1", sep.join(parts)).replace("%2", on).replace("%3", bands)


def source_reference(scale: ScaleDefinition) -> str:
    """The citation part of the scale file's scoring source ("Kroenke, Spitzer & Williams
    2001"), without the English sentence that follows it."""
    return scale.scoring_source.split(":", 1)[0].strip()
