"""Each scale's scores over time, one small panel per scale, drawn with QPainter.

PySide6-Essentials ships no QtCharts, and a few lines and dots are all this needs. The band
boundaries are drawn as dashed lines over lightly tinted zones (green for the lowest band up
to red for the highest), so a rise into a worse band is seen at a glance.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from psyroom.assessments import get_scale
from psyroom.assessments.errors import ScaleInputError
from psyroom.assessments.model import ScaleDefinition
from psyroom.session import Session
from ui.counselling.labels import english
from ui.operations import QueryOp
from ui.qt import (
    QColor,
    QDialog,
    QDialogButtonBox,
    QFont,
    QPainter,
    QPaintEvent,
    QPen,
    QPointF,
    QRectF,
    QScrollArea,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
)

Series = dict[str, list[tuple[str, int]]]
PANEL_H = 190
PAD = 18  # keeps the first and last dots (and their numbers) off the axis labels
LEFT, RIGHT, TOP, BOTTOM = 46, 130, 26, 26
ZONES = ("#e8f5e9", "#fff8e1", "#ffe9d6", "#fde2e1", "#f9d0ce")
LINE = QColor("#1f5f99")


def _when(at: str) -> float:
    try:
        return datetime.fromisoformat(at[:16]).timestamp()
    except ValueError:
        return 0.0


def _zone(index: int, count: int) -> QColor:
    if count <= 1:
        return QColor(ZONES[0])
    step = (len(ZONES) - 1) / (count - 1)
    return QColor(ZONES[round(index * step)])


class ScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[tuple[ScaleDefinition, list[tuple[str, int]]]] = []
        self.setObjectName("score_chart")
        self.setMinimumWidth(520)

    def set_series(self, series: Series) -> None:
        shown = []
        for code, points in series.items():
            try:
                scale = get_scale(code)
            except ScaleInputError:
                continue  # a scale this version no longer ships: nothing to draw it against
            shown.append((scale, sorted(points)))
        self.series = sorted(shown, key=lambda s: s[0].order)
        self.setMinimumHeight(max(len(self.series), 1) * PANEL_H)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(680, max(len(self.series), 1) * PANEL_H)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.series:
            painter.setPen(QColor("#777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No scale has been recorded for this person yet."))
            painter.end()
            return
        times = [_when(at) for _s, points in self.series for at, _v in points]
        span = (min(times), max(times))
        for i, (scale, points) in enumerate(self.series):
            self._panel(painter, QRectF(0, i * PANEL_H, self.width(), PANEL_H), scale, points,
                        span)
        painter.end()

    def _panel(self, p: QPainter, box: QRectF, scale: ScaleDefinition,
               points: list[tuple[str, int]], span: tuple[float, float]) -> None:
        plot = QRectF(box.left() + LEFT, box.top() + TOP, box.width() - LEFT - RIGHT,
                      box.height() - TOP - BOTTOM)
        low, high = scale.banded_range
        value_span = max(high - low, 1)

        def y(value: float) -> float:
            return plot.bottom() - (value - low) / value_span * plot.height()

        def x(at: str) -> float:
            if span[1] <= span[0]:
                return plot.center().x()
            inner = plot.width() - 2 * PAD
            return plot.left() + PAD + (_when(at) - span[0]) / (span[1] - span[0]) * inner

        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 2, 8))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#1f3b57"))
        standard = scale.bands_on == "standard_score"
        title = scale.short_name + (self.tr(" (standard score)") if standard
                                    else self.tr(" (total)"))
        p.drawText(QRectF(box.left() + 8, box.top() + 2, box.width(), TOP - 4),
                   Qt.AlignmentFlag.AlignVCenter, title)
        p.setFont(small)
        for n, band in enumerate(scale.bands):
            top_y, bottom_y = y(band.max_score + 1 if n < len(scale.bands) - 1 else high), y(
                band.min_score)
            zone = QRectF(plot.left(), top_y, plot.width(), bottom_y - top_y)
            p.fillRect(zone, _zone(n, len(scale.bands)))
            if n > 0:
                p.setPen(QPen(QColor("#9aa7b4"), 1, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(plot.left(), bottom_y), QPointF(plot.right(), bottom_y))
                p.setPen(QColor("#666"))
                p.drawText(QRectF(0, bottom_y - 8, LEFT - 6, 16),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           str(band.min_score))
            p.setPen(QColor("#555"))
            label = band.label_en if english() else band.label_zh
            p.drawText(QRectF(plot.right() + 6, top_y, RIGHT - 8, bottom_y - top_y),
                       Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, label)
        p.setPen(QPen(QColor("#9aa7b4"), 1))
        p.drawRect(plot)
        pen = QPen(LINE, 2)
        p.setPen(pen)
        dots = [QPointF(x(at), y(v)) for at, v in points]
        for a, b in pairwise(dots):
            p.drawLine(a, b)
        p.setBrush(LINE)
        for (_at, value), dot in zip(points, dots, strict=True):
            p.setPen(pen)
            p.drawEllipse(dot, 3.5, 3.5)
            p.setPen(QColor("#1f3b57"))
            p.drawText(QRectF(dot.x() - 20, dot.y() - 20, 40, 14),
                       Qt.AlignmentFlag.AlignCenter, str(value))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QColor("#666"))
        firsts = {points[0][0], points[-1][0]}
        for at in sorted(firsts):
            p.drawText(QRectF(x(at) - 45, plot.bottom() + 3, 90, BOTTOM - 4),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, at[:10])


class ScaleHistoryDialog(QDialog):
    def __init__(self, session: Session, resident_id: str, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Scores over time: %1").replace("%1", name))
        self.chart = ScoreChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)
        assessments = session.assessments
        QueryOp(parent=self, op=lambda _ctx: assessments.series(resident_id)).success(
            self.chart.set_series).run_in_background()


def show_scale_history(session: Session, resident_id: str, name: str,
                       parent: QWidget | None = None) -> ScaleHistoryDialog:
    dialog = ScaleHistoryDialog(session, resident_id, name, parent)
    dialog.open()
    return dialog
