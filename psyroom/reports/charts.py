"""Charts drawn with reportlab.graphics, labelled in Chinese with the embedded font."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from psyroom.printing.pdf import register_font

INK = colors.HexColor("#1F3A5F")
SERIES = [colors.HexColor(c) for c in ("#1F3A5F", "#B22222", "#2E7D32", "#8D6E63")]


def bar_chart(title: str, labels: list[str], values: list[int], *, width: float = 440,
              height: float = 170) -> Drawing:
    font = register_font()
    d = Drawing(width, height, initialFontName=font)
    d.add(String(0, height - 12, title, fontName=font, fontSize=9, fillColor=INK))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 28, width - 50, height - 50
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = labels or ["—"]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max(values or [0])
    if top < 5:
        # Counts are whole numbers: no 0.002 steps on an empty or nearly empty month.
        chart.valueAxis.valueMax = 5
        chart.valueAxis.valueStep = 1
    chart.bars[0].fillColor = INK
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def line_chart(title: str, months: list[str], series: dict[str, list[Any]], *,
               width: float = 440, height: float = 160) -> Drawing:
    font = register_font()
    d = Drawing(width, height, initialFontName=font)
    d.add(String(0, height - 12, title, fontName=font, fontSize=9, fillColor=INK))
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 36, 26, width - 150, height - 48
    # A month without a rate (no patients yet) is drawn as a gap, not as 0.
    chart.data = [[v for v in values] for values in series.values()] or [[0]]
    chart.categoryAxis.categoryNames = [m[2:] for m in months]
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName = font
        axis.fontSize = 7
    chart.valueAxis.valueMin = 0
    for i in range(len(series)):
        chart.lines[i].strokeColor = SERIES[i % len(SERIES)]
        chart.lines[i].strokeWidth = 1.4
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 105, height - 30
    legend.fontName = font
    legend.fontSize = 7
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], name)
                             for i, name in enumerate(series)]
    d.add(legend)
    return d
