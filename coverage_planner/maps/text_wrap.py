"""Long lines of a printed page (the source line, a subtitle) broken to the page's width.

matplotlib's own ``wrap=True`` measures the growing line again for every word it adds:
on the atlas's long source line that is about a tenth of a second of font layout per
page, most of a commune page's time. Here each word is measured once (and remembered)
with the same font machinery the PDF and PNG backends use, and the words are laid out
greedily; the page then draws plain lines.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

MARGIN = 0.97
"""Share of the available width a line may fill: kerning across words and the
renderer's rounding never push a line past the page."""


@lru_cache(maxsize=1)
def _renderer() -> RendererAgg:
    # At 72 dpi, hinted: the widths the PDF backend lays text out with, the widest of
    # the outputs (a 300-dpi PNG's text is about 10 % narrower).
    return RendererAgg(1, 1, 72)


@lru_cache(maxsize=65536)
def _width_pt(text: str, size: float) -> float:
    width, _, _ = _renderer().get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width)


def wrapped(text: str, width_in: float, fontsize: float) -> str:
    """``text`` with line breaks so that no line is wider than ``width_in`` inches at
    ``fontsize`` points (its own line breaks kept; a word longer than a line stays whole)."""
    limit = width_in * 72.0 * MARGIN
    space = _width_pt(" ", fontsize)
    lines = []
    for paragraph in text.split("\n"):
        line, used = [], 0.0
        for word in paragraph.split(" "):
            w = _width_pt(word, fontsize)
            if line and used + space + w > limit:
                lines.append(" ".join(line))
                line, used = [word], w
            else:
                used += (space if line else 0.0) + w
                line.append(word)
        lines.append(" ".join(line))
    return "\n".join(lines)


def page_text(fig, x: float, y: float, text: str, *, fontsize: float, **kwargs):
    """A left-aligned text at figure position ``x``, broken to the figure's right edge."""
    width_in = (1.0 - x) * fig.get_size_inches()[0]
    return fig.text(x, y, wrapped(text, width_in, fontsize), fontsize=fontsize, **kwargs)
