"""Answering a standard scale on screen: live total and band, then the result in words.

Scoring while answering uses the core's pure scoring function directly (no database, no
session state), so the total follows every click without a round trip to the worker; saving
goes through the worker as usual and the core scores again.
"""

from __future__ import annotations

from psyroom.assessments import load_scales, score
from psyroom.assessments.model import ScaleDefinition, ScoreResult
from psyroom.assessments.records import AssessmentRecord
from psyroom.residents.model import Resident
from psyroom.session import Session
from ui.counselling.crisis_prompt import CrisisPromptDialog
from ui.counselling.labels import english, resident_line
from ui.counselling.scale_choice import ordered, suggested, unsuited
from ui.counselling.scale_items import ScaleItems
from ui.counselling.scale_result import ScaleResultView
from ui.messages import ask
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading


class ScaleDialog(QDialog):
    recorded = Signal(object)  # AssessmentRecord

    def __init__(self, session: Session, resident: Resident, parent: QWidget | None = None,
                 *, scale_code: str | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._session = session
        self.resident = resident
        self.scales = ordered(load_scales().values(), resident)
        self.items: ScaleItems | None = None
        self.score_result: ScoreResult | None = None
        self.record: AssessmentRecord | None = None
        self.crisis_id: str | None = None
        self.prompt: CrisisPromptDialog | None = None
        self._last_action = ""
        # After "go back and change the answers": the flagged answers, to audit the change.
        self._flagged_answers: list[int] = []
        self._watch_change = False
        self.setWindowTitle(self.tr("Scale: %1").replace("%1", resident.name))
        self.resize(860, 720)

        self.picker = QComboBox()
        self.picker.setObjectName("scale_picker")
        for scale in self.scales:
            name = scale.name_en if english() else scale.name_zh
            if suggested(scale, resident):
                name = self.tr("%1 (suggested)").replace("%1", name)
            elif unsuited(scale, resident):
                name = self.tr("%1 (meant for another group)").replace("%1", name)
            self.picker.addItem(name, scale.code)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: #333;")
        self.item_scroll = QScrollArea()
        self.item_scroll.setWidgetResizable(True)
        self.live = QLabel()
        self.live.setObjectName("live_total")
        self.live.setStyleSheet("font-weight: bold;")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("scale_save")
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Scale:")))
        top.addWidget(self.picker, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.live, 1)
        bottom.addWidget(cancel)
        bottom.addWidget(self.save_button)
        answer = QWidget()
        answer_layout = QVBoxLayout(answer)
        answer_layout.addWidget(Heading(resident_line(resident), larger_by=2))
        answer_layout.addLayout(top)
        answer_layout.addWidget(self.about)
        answer_layout.addWidget(self.item_scroll, 1)
        answer_layout.addLayout(bottom)

        self.result_page = QWidget()
        self.result_layout = QVBoxLayout(self.result_page)
        self.stack = QStackedWidget()
        self.stack.addWidget(answer)
        self.stack.addWidget(self.result_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self.picker.currentIndexChanged.connect(self._picked)
        if scale_code is not None:
            index = self.picker.findData(scale_code)
            if index >= 0:
                self.picker.setCurrentIndex(index)
        self._show_scale(self.scale())

    def scale(self) -> ScaleDefinition:
        return self.scales[max(self.picker.currentIndex(), 0)]

    # -- answering -----------------------------------------------------------------------
    def _picked(self) -> None:
        if self.items is not None and any(a is not None for a in self.items.answers()):
            previous = self.items.scale.code

            def back() -> None:
                self.picker.blockSignals(True)
                self.picker.setCurrentIndex(self.picker.findData(previous))
                self.picker.blockSignals(False)

            # Switching throws the answers away: ask, and put the choice back if "no".
            box = ask(self, self.tr("Switch scale and drop the answers given so far?"),
                      lambda: self._show_scale(self.scale()))
            # Runs after ask's own handler: on "yes" the new scale is showing by then.
            box.finished.connect(lambda _r: back() if self.items is not None
                                 and self.items.scale.code != self.scale().code else None)
            return
        self._show_scale(self.scale())

    def _show_scale(self, scale: ScaleDefinition) -> None:
        self.about.setText(self.tr("For: %1 · Period: %2\n%3")
                           .replace("%1", scale.population_en if english()
                                    else scale.population_zh)
                           .replace("%2", scale.time_frame_en if english()
                                    else scale.time_frame_zh)
                           .replace("%3", scale.instructions_en if english()
                                    else scale.instructions_zh))
        self.items = ScaleItems(scale)
        self.items.answered.connect(self._update_live)
        self.items.answered.connect(self._answers_changed)
        self.item_scroll.setWidget(self.items)
        self._update_live()

    def _update_live(self) -> None:
        assert self.items is not None
        answers = self.items.answers()
        done = sum(a is not None for a in answers)
        scale = self.items.scale
        self.save_button.setEnabled(done == len(answers))
        if done < len(answers):
            self.score_result = None
            self.live.setStyleSheet("font-weight: bold;")
            self.live.setText(self.tr("Answered %1 of %2 · %3 points so far")
                              .replace("%1", str(done)).replace("%2", str(len(answers)))
                              .replace("%3", str(self.items.partial_total())))
            return
        self.score_result = score(scale, [a for a in answers if a is not None])
        band = self.score_result.band_label_en if english() else self.score_result.band_label_zh
        if self.score_result.standard_score is not None:
            text = self.tr("Raw score %1 · standard score %2 · %3").replace(
                "%1", str(self.score_result.total)).replace(
                "%2", str(self.score_result.standard_score)).replace("%3", band)
        else:
            text = self.tr("Total %1 · %2").replace("%1", str(self.score_result.total)).replace(
                "%2", band)
        if self.score_result.risk_flags:
            text += self.tr(" · self-harm risk: an action must be recorded")
            self.live.setStyleSheet("font-weight: bold; color: #b71c1c;")
        else:
            self.live.setStyleSheet("font-weight: bold;")
        self.live.setText(text)

    # -- saving --------------------------------------------------------------------------
    def save(self) -> None:
        if self.items is None or self.score_result is None:
            return
        answers = [a for a in self.items.answers() if a is not None]
        if self.score_result.risk_flags:
            prompt = CrisisPromptDialog(self.score_result.risks, self)
            prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            if self._last_action:  # a save that failed after the prompt: keep what was typed
                prompt.action.setPlainText(self._last_action)
            prompt.action_recorded.connect(lambda action: self._record(answers, action))
            prompt.back_to_answers.connect(self._back_from_prompt)
            self.prompt = prompt
            self._flagged_answers = list(answers)
            self._audit_prompt("shown")
            prompt.open()
            return
        self._record(answers, None)

    def _audit_prompt(self, event: str) -> None:
        assessments, rid, code = self._session.assessments, self.resident.id, self.scale().code
        QueryOp(parent=self, op=lambda _ctx: assessments.note_crisis_prompt(
            rid, code, event=event)).failure(self._failed).run_in_background()

    def _back_from_prompt(self) -> None:
        """The answers are on screen again; the change, once made, is audited."""
        self._watch_change = True

    def _answers_changed(self) -> None:
        if self._watch_change and self.items is not None and \
                list(self.items.answers()) != self._flagged_answers:
            self._watch_change = False
            self._audit_prompt("answers_changed")

    def _record(self, answers: list[int], action: str | None) -> None:
        self._last_action = action or ""
        assessments, rid, code = self._session.assessments, self.resident.id, self.scale().code
        self.save_button.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: assessments.record(
            rid, code, answers, crisis_action=action)).success(self._recorded).failure(
            self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        from ui.messages import show_error

        self.save_button.setEnabled(True)
        show_error(self, exc)

    def _recorded(self, saved: tuple[AssessmentRecord, str | None]) -> None:
        self.record, self.crisis_id = saved
        assert self.score_result is not None
        view = ScaleResultView(self.scale(), self.score_result,
                               crisis_opened=self.crisis_id is not None)
        self.result_view = view
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        self.result_layout.addWidget(view, 1)
        self.result_layout.addLayout(row)
        self.stack.setCurrentWidget(self.result_page)
        self.resize(self.width(), min(self.height(), 560))
        self.recorded.emit(self.record)

    def reject(self) -> None:
        unsaved = (self.record is None and self.items is not None
                   and any(a is not None for a in self.items.answers()))
        if unsaved:
            ask(self, self.tr("Close without saving the answers?"), super().reject)
            return
        super().reject()
