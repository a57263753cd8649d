"""Undo and redo of the planner's edits: parameters, the study's sites, the plan's sites.

One history (a ``QUndoStack``) for the study: each parameter change (a radius, the
share that counts, the model…), each edit of the Edit-site panel (a site's height,
power, azimuths, tilt or place changed, a site added or removed) and each site added,
moved or removed on the map in the Plan panel is a step; **Edit → Undo** (Ctrl+Z) and
**Redo** (Ctrl+Y or Ctrl+Shift+Z) walk it. Undoing a parameter change recomputes the
figures for the previous parameters; undoing a site edit recomputes them for the
previous site list (the one site changed again); undoing a plan edit restores the
plan's sites (and a moved site's place) and its figures. While a site edit is being
computed, Undo and Redo wait for it. Opening other data starts a new history; a site
edit made on a plan that has since been run again cannot be undone any more (its plan
is gone).
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from PyQt6.QtCore import QCoreApplication, QObject
from PyQt6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from coverage_planner.params import Parameters


def tr(text: str) -> str:
    return QCoreApplication.translate("Undo", text)


@dataclass(frozen=True)
class SitesSnapshot:
    """The plan's sites at one moment: which candidates, and where each one stands."""

    context_id: int
    chosen: tuple[int, ...]
    positions: tuple[tuple[int, float, float], ...]


def snapshot_sites(panel) -> SitesSnapshot | None:
    """The Plan panel's sites now (None when no plan is open)."""
    if panel.context is None:
        return None
    geoms = panel.context.candidates.geometry.to_numpy()
    xy = shapely.get_coordinates(geoms[list(panel.chosen)]) if panel.chosen else []
    positions = tuple(
        (int(j), float(p[0]), float(p[1])) for j, p in zip(panel.chosen, xy, strict=True)
    )
    return SitesSnapshot(id(panel.context), tuple(panel.chosen), positions)


def restore_sites(panel, snap: SitesSnapshot) -> bool:
    """Put the panel's plan back to ``snap``; False when that plan is no longer open."""
    from coverage_planner.planning.plan import move_candidate

    if panel.context is None or id(panel.context) != snap.context_id:
        return False
    cand = panel.context.candidates
    for j, x, y in snap.positions:
        p = cand.geometry.iloc[j]
        if (p.x, p.y) != (x, y) and int(cand["site_row"].iloc[j]) < 0:
            move_candidate(panel.context, j, x, y)
    panel.chosen = list(snap.chosen)
    panel.reevaluate()
    return True


class ParamsChange(QUndoCommand):
    """Parameters ``before`` → ``after`` (already applied when pushed)."""

    def __init__(self, history: EditHistory, before: Parameters, after: Parameters) -> None:
        super().__init__(tr("parameter change"))
        self.history, self.before, self.after = history, before, after
        self.key = "params"
        self._first = True

    def redo(self) -> None:
        if self._first:  # the change was made by the planner's edit itself
            self._first = False
            return
        self.history.study.set_params(self.after)

    def undo(self) -> None:
        self.history.study.set_params(self.before)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return -1


class SiteListEdit(QUndoCommand):
    """The study's site list ``before`` → ``after`` (Edit-site panel; applied when
    pushed): ``changed`` is the row of ``after`` changed or added, ``removed`` the row
    of ``before`` removed."""

    def __init__(self, history: EditHistory, before, after, changed, removed) -> None:
        super().__init__(tr("site edit"))
        self.history, self.before, self.after = history, before, after
        self.changed, self.removed = changed, removed
        self.key = "site_list"
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.history.study.edit_sites(
            self.after, changed=self.changed, removed=self.removed, record=False
        )

    def undo(self) -> None:
        study = self.history.study
        if self.removed is not None:  # the site comes back at its row: the whole list
            study.edit_sites(self.before, record=False)
        elif len(self.after) == len(self.before) + 1:  # an added site goes
            study.edit_sites(self.before, removed=len(self.after) - 1, record=False)
        else:
            study.edit_sites(self.before, changed=self.changed, record=False)


class SitesEdit(QUndoCommand):
    """A site added, moved or removed on the map in the Plan panel."""

    def __init__(self, history: EditHistory, before: SitesSnapshot, after: SitesSnapshot) -> None:
        super().__init__(tr("site edit"))
        self.history, self.before, self.after = history, before, after
        self.key = "sites"
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        if not restore_sites(self.history.plan, self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not restore_sites(self.history.plan, self.before):
            self.setObsolete(True)


class EditHistory(QObject):
    """The study's undo history and its Undo / Redo actions."""

    def __init__(self, study, plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.study, self.plan = study, plan
        self.stack = QUndoStack(self)
        self.act_undo = QAction(self, shortcut=QKeySequence.StandardKey.Undo)
        self.act_undo.setObjectName("act_undo")
        self.act_undo.triggered.connect(self.stack.undo)
        self.act_redo = QAction(self)
        self.act_redo.setObjectName("act_redo")
        # Ctrl+Y is what Windows users press; Ctrl+Shift+Z is the Linux habit.
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_redo.triggered.connect(self.stack.redo)
        self.stack.indexChanged.connect(self.retranslate)
        self.stack.cleanChanged.connect(self.retranslate)
        study.files_changed.connect(self.stack.clear)
        study.sites_list_edited.connect(self.site_list_edited)
        study.worker.busy_changed.connect(self.retranslate)
        plan.sites_edited.connect(self.sites_edited)
        self.retranslate()

    def params_edited(self, params: Parameters) -> None:
        """The planner changed a parameter: apply it, as one step of the history."""
        before = self.study.params
        if params == before:
            return
        self.study.set_params(params)
        self.stack.push(ParamsChange(self, before, params))

    def sites_edited(self, before: SitesSnapshot | None, after: SitesSnapshot | None) -> None:
        if before is not None and after is not None and before != after:
            self.stack.push(SitesEdit(self, before, after))

    def site_list_edited(self, before, after, changed, removed) -> None:
        """A site edited in the Edit-site panel (already applied): one step."""
        self.stack.push(SiteListEdit(self, before, after, changed, removed))

    def retranslate(self, *_) -> None:
        words = {
            "params": tr("parameter change"),
            "sites": tr("site edit"),
            "site_list": tr("site edit"),
        }
        for i in range(self.stack.count()):
            command = self.stack.command(i)
            command.setText(words.get(getattr(command, "key", ""), command.text()))
        # a site edit being computed is finished first: the next one starts from it
        waiting = self.study.editing_sites
        can_undo = self.stack.canUndo() and not waiting
        can_redo = self.stack.canRedo() and not waiting
        self.act_undo.setEnabled(can_undo)
        self.act_redo.setEnabled(can_redo)
        self.act_undo.setText(
            tr("Undo {0}").format(self.stack.undoText()) if can_undo else tr("Undo")
        )
        self.act_redo.setText(
            tr("Redo {0}").format(self.stack.redoText()) if can_redo else tr("Redo")
        )
