"""Progress and cancel inside one matplotlib render.

A 300-dpi map is one ``savefig`` call that draws every layer in turn; on a province it
takes seconds. To report a real share of that work, and to stop it when the planner
cancels, a zero-size *checkpoint artist* is slipped in after each layer of the map's
axes (matplotlib draws an axes' artists in z-order). When the renderer reaches it, it
reports how many layers are drawn and raises :class:`~coverage_planner.errors.Cancelled`
if the user asked to stop: the half-written file is then discarded by ``atomic_path``.
"""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.figure import Figure

from coverage_planner.progress import Reporter, checkpoint


class _Checkpoint(Artist):
    """Draws nothing; reports that the layers below its z-order are drawn."""

    def __init__(self, tracker: RenderProgress, zorder: float) -> None:
        super().__init__()
        self.set_zorder(zorder)
        self._tracker = tracker

    def draw(self, renderer) -> None:  # noqa: D401 - matplotlib's name
        self._tracker.step()

    def get_window_extent(self, renderer=None):  # kept out of tight layouts
        from matplotlib.transforms import Bbox

        return Bbox.null()


class RenderProgress:
    """Reports ``start + share × (span)`` of ``total`` as the figure's layers are drawn.

    Parameters
    ----------
    fig
        The figure about to be saved; checkpoints go into each of its axes.
    reporter
        Where progress goes; its cancel flag is read at every checkpoint.
    start, span, total
        The render's place in the whole job: it covers ``start`` to ``start + span``
        of ``total`` units.
    """

    def __init__(
        self, fig: Figure, reporter: Reporter, *, start: int, span: int, total: int
    ) -> None:
        self.reporter, self.start, self.span, self.total = reporter, start, span, total
        self.done = 0
        self.steps = 0
        for ax in fig.axes:
            zorders = sorted({float(a.get_zorder()) for a in ax.get_children()})
            for z in zorders:
                # Just above each layer: reached when that layer has been drawn.
                ax.add_artist(_Checkpoint(self, z + 1e-6))
                self.steps += 1

    def step(self) -> None:
        self.done += 1
        share = min(self.done / max(self.steps, 1), 1.0)
        checkpoint(self.reporter, self.start + round(share * self.span), self.total)
