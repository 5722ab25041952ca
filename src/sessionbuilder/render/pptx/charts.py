"""Native charts: their data, and their look (colours that stand out from the background,
value labels on one line with room to be drawn, a plot kept inside the chart's frame)."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn
from pptx.util import Pt

from sessionbuilder.text import fit as textfit
from sessionbuilder.session.plan import Chart
from sessionbuilder.render.pptx import oxml
from sessionbuilder.render.pptx.look import Look
from sessionbuilder.render.pptx.oxml import clean
from sessionbuilder.render.style import EMU_PER_PT, SLIDES, contrast

CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "pie": XL_CHART_TYPE.PIE, "doughnut": XL_CHART_TYPE.DOUGHNUT}
CHART_TEXT_SIZE = 18
PLOT_WIDTH = 0.9  # of the chart's frame, axis labels included (see _plot_margin)
LABEL_GAP = 12  # points between a bar and its label, and around the axis labels
SLICE_SHADES = ("1F3864", "C55A11", "2E75B6", "7F6000", "385723", "7030A0")
ACCENTS = (MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_3,
           MSO_THEME_COLOR.ACCENT_4, MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_6)


class ChartStyler:
    """A native chart styled in the deck's look: text in its text colour, bars in a colour that
    stands out from its background, slices in its accents."""

    def __init__(self, look: Look) -> None:
        self.look = look

    def style(self, chart, spec: Chart, chart_width: int) -> None:
        chart.has_title = False
        chart.font.size = Pt(CHART_TEXT_SIZE)
        text_colour = self.look.text_colour
        chart.font.color.rgb = RGBColor.from_string(text_colour)
        if self.look.branded:
            chart.font.name = SLIDES.font
        plot = chart.plots[0]
        series = plot.series[0]
        round_chart = spec.kind in ("pie", "doughnut")
        chart.has_legend = round_chart
        if round_chart:  # values go in the legend: labels inside slices get cut off
            chart.legend.position = XL_LEGEND_POSITION.RIGHT
            chart.legend.include_in_layout = False
            chart.legend.font.size = Pt(18)
            for i, point in enumerate(series.points):
                point.format.fill.solid()
                if self.look.branded:
                    shade = SLICE_SHADES[i % len(SLICE_SHADES)]
                    point.format.fill.fore_color.rgb = RGBColor.from_string(shade)
                else:
                    point.format.fill.fore_color.theme_color = ACCENTS[i % len(ACCENTS)]
        else:
            plot.gap_width = 60
            plot.vary_by_categories = False
            series.format.fill.solid()
            fill = self._bar_fill()
            if isinstance(fill, str):
                series.format.fill.fore_color.rgb = RGBColor.from_string(fill)
            else:
                series.format.fill.fore_color.theme_color = fill
            chart.value_axis.visible = False
            chart.value_axis.has_major_gridlines = False
            chart.value_axis.minimum_scale = 0
            chart.value_axis.maximum_scale = self._value_room(spec, chart_width)
            chart.category_axis.tick_labels.font.size = Pt(18)
            chart.category_axis.format.line.fill.background()
            if spec.kind == "bar":
                chart.category_axis.reverse_order = True
            _plot_margin(chart)
            plot.has_data_labels = True
            oxml.labels_on_one_line(series)
            for i, point in enumerate(series.points):
                tf = point.data_label.text_frame
                tf.word_wrap = False
                tf.text = clean(spec.labels[i])
                for r in tf.paragraphs[0].runs:
                    r.font.size = Pt(18)
                    r.font.color.rgb = RGBColor.from_string(text_colour)
                point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END

    def _value_room(self, spec: Chart, chart_width: int) -> float:
        """The value axis's maximum: room right of each bar (above each column) for its label on
        one line, measured in the chart's font, so no label overlaps another or leaves the chart."""
        top = max(spec.values) or 1
        if spec.kind != "bar":
            return top * 1.25
        font = SLIDES.font if self.look.branded else self.look.body_font
        def width(text: str) -> float:
            return textfit.word_width(clean(text), CHART_TEXT_SIZE, font=font)
        plot = (PLOT_WIDTH * chart_width / EMU_PER_PT - max(map(width, spec.categories))
                - LABEL_GAP)
        need = [v * plot / max(plot - LABEL_GAP - width(label), plot * 0.25)
                for v, label in zip(spec.values, spec.labels, strict=True)]
        return max(top * 1.1, *need)

    def _bar_fill(self):
        """The branding's primary colour, or the first theme accent that stands out from the
        slide background (3:1, as for graphics), as a theme colour so it follows the theme."""
        look = self.look
        if look.branded:
            return look.colours.primary
        for i, key in enumerate(("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")):
            rgb = look.theme_colours.get(key)
            if rgb and contrast(rgb, look.background) >= 3.0:
                return ACCENTS[i]
        return look.text_colour


def _plot_margin(chart) -> None:
    """Keep the plot (axis labels included) inside the frame with room at the top and right,
    so value labels outside the bars are still drawn inside the chart's frame."""
    plot_area = chart.element.chart.plotArea
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = etree.fromstring(
        '<c:layout xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:manualLayout>'
        '<c:layoutTarget val="outer"/><c:xMode val="edge"/><c:yMode val="edge"/>'
        f'<c:x val="0.01"/><c:y val="0.07"/><c:w val="{PLOT_WIDTH}"/><c:h val="0.9"/>'
        '</c:manualLayout></c:layout>')
    plot_area.insert(0, layout)


def valid_axis_ids(chart) -> None:
    """python-pptx writes negative axis ids; the schema wants unsigned ints, PowerPoint ones
    below 2**31."""
    for el in chart.element.xpath(".//c:axId | .//c:crossAx"):
        el.set("val", str(abs(int(el.get("val"))) % 2**31))


def chart_data(chart: Chart):
    """The chart's data; imported here because it brings in xlsxwriter, which decks without
    charts need not load."""
    from pptx.chart.data import CategoryChartData
    data = CategoryChartData(number_format='0.0' if any(v % 1 for v in chart.values) else '0')
    if chart.kind in ("pie", "doughnut"):
        data.categories = [clean(f"{c}: {label}")
                           for c, label in zip(chart.categories, chart.labels, strict=True)]
    else:
        data.categories = [clean(c) for c in chart.categories]
    data.add_series(clean(chart.title)[:250], chart.values)
    return data
