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

from coverage_planner.errors import Cancelled
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
        self._reported: int | None = None
        for ax in fig.axes:
            zorders = sorted({float(a.get_zorder()) for a in ax.get_children()})
            for z in zorders:
                # Just above each layer: reached when that layer has been drawn.
                ax.add_artist(_Checkpoint(self, z + 1e-6))
                self.steps += 1
        # The figure's own texts too (an atlas page's table is hundreds of them, a
        # wrapped source line takes a tenth of a second): each is given its own z-order,
        # increasing in the order matplotlib would draw them anyway (its sort is
        # stable), so a checkpoint follows every text.
        for k, text in enumerate(fig.texts):
            text.set_zorder(text.get_zorder() + (k + 1) * 1e-7)
        axes = set(fig.axes)
        zorders = sorted({float(a.get_zorder()) for a in fig.get_children() if a not in axes})
        for z in zorders:
            fig.add_artist(_Checkpoint(self, z + 1e-9))
            self.steps += 1

    def step(self) -> None:
        self.done += 1
        share = min(self.done / max(self.steps, 1), 1.0)
        value = self.start + round(share * self.span)
        if value != self._reported:
            self._reported = value
            checkpoint(self.reporter, value, self.total)
        elif self.reporter.cancelled():  # the same share: only listen
            raise Cancelled()
