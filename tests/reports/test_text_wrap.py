"""Long page texts broken to the page width by measuring each word once: every line
ends inside the page, measured by matplotlib's own renderer, and the lines are as
many as matplotlib's ``wrap=True`` makes (give or take one)."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from coverage_planner.maps.text_wrap import page_text, wrapped

SOURCE = (
    "Nguồn: xã xa_2025.gpkg (ngày 2025-03-01), thôn bản thon_ban.gpkg (ngày 2025-03-01), "
    "trạm BTS tram_bts.csv (ngày 2025-03-02), mô hình địa hình trên lưới 30 m từ dem_30m.tif, "
    "mô hình truyền sóng Bullington, xác suất phủ sóng 50 %, ngưỡng 4G -110 dBm, 3G -100 dBm, "
    "2G -95 dBm; Coverage Planner 0.1.0, chạy ngày 2026-12-02. "
) * 3


@pytest.mark.parametrize("dpi", [72, 100, 300])  # 72: the PDF's text widths
@pytest.mark.parametrize(("size", "fontsize"), [((8.27, 11.69), 5.5), ((11.69, 8.27), 6.0)])
def test_every_line_ends_inside_the_page(size, fontsize, dpi):
    fig = Figure(figsize=size, dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    text = page_text(fig, 0.03, 0.012, SOURCE, fontsize=fontsize, va="bottom")
    theirs = fig.text(0.03, 0.5, SOURCE, fontsize=fontsize, wrap=True)
    canvas.draw()
    renderer = canvas.get_renderer()
    assert text.get_window_extent(renderer).x1 <= fig.bbox.x1
    assert text.get_window_extent(renderer).x0 >= fig.bbox.x0
    ours = text.get_text().count("\n") + 1
    assert ours > 1
    assert abs(ours - (theirs._get_wrapped_text().count("\n") + 1)) <= 1


def test_own_line_breaks_and_long_words_are_kept():
    text = wrapped("first line\nsecond " + "x" * 400, 2.0, 6.0)
    assert text.split("\n")[0] == "first line"
    assert "x" * 400 in text.split("\n")
