"""Scenarios of the Plan panel: kept plans compared side by side (today, plan A,
plan B …), put back on the map, saved in the project file.

A mixin of :class:`~coverage_planner.gui.plan_panel.PlanPanel` (it uses the panel's
plan, context, status line and scenario table); its texts keep the panel's
translation context.
"""

from __future__ import annotations

import json
from pathlib import Path

from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import QTableWidgetItem


def tr(text: str) -> str:
    """The Plan panel's translation of ``text``."""
    return QCoreApplication.translate("PlanPanel", text)


class PlanScenarios:
    """Keep, compare, reopen, save and load the scenarios of a Plan panel."""

    def keep_scenario(self) -> None:
        if self.plan is None:
            return
        name = tr("Plan {0}").format(chr(ord("A") + len(self.scenarios) % 26))
        cand = self.context.candidates
        self.scenarios.append(
            {
                "name": name,
                "request": {k: v for k, v in vars(self.plan.request).items() if k != "must_cover"},
                "sites": [
                    {
                        "candidate_id": str(cand["candidate_id"].iloc[j]),
                        "kind": str(cand["kind"].iloc[j]),
                        "x": float(cand.geometry.iloc[j].x),
                        "y": float(cand.geometry.iloc[j].y),
                    }
                    for j in self.plan.chosen
                ],
                "summary": json.loads(json.dumps(self.plan.summary, default=float)),
            }
        )
        self._show_scenarios()

    def _show_scenarios(self) -> None:
        rows = [
            (tr("Sites"), lambda s: s["sites_chosen"]),
            (tr("Cost (billion VND)"), lambda s: f"{s['cost_vnd'] / 1e9:,.2f}"),
            (tr("% villages"), lambda s: f"{s['after']['villages_covered_pct'] or 0:.1f}"),
            (tr("% population"), lambda s: f"{s['after']['population_covered_pct'] or 0:.1f}"),
            (tr("Uncovered villages"), lambda s: s["after"]["uncovered_villages"]),
        ]
        today = None
        if self.scenarios:
            first = self.scenarios[0]["summary"]
            today = {"sites_chosen": 0, "cost_vnd": 0.0, "after": first["before"]}
        columns = ([(tr("Today"), today)] if today else []) + [
            (sc["name"], sc["summary"]) for sc in self.scenarios
        ]
        self.scenario_table.setColumnCount(len(columns))
        self.scenario_table.setRowCount(len(rows))
        self.scenario_table.setHorizontalHeaderLabels([c[0] for c in columns])
        self.scenario_table.setVerticalHeaderLabels([r[0] for r in rows])
        for c, (_, s) in enumerate(columns):
            for r, (_, get) in enumerate(rows):
                self.scenario_table.setItem(r, c, QTableWidgetItem(str(get(s))))

    def _open_scenario(self, column: int) -> None:
        """A double-click on a scenario's column puts its sites back on the map."""
        index = column - 1  # column 0 is today
        if 0 <= index < len(self.scenarios):
            self.open_scenario(index)

    def open_scenario(self, index: int) -> None:
        """The sites of a kept scenario, on the current candidates (those placed on
        the map are placed again), evaluated now."""
        from coverage_planner.planning.plan import add_candidate

        scenario = self.scenarios[index]
        if self.context is None or self.context.technology != scenario["request"]["technology"]:
            self.status.setText(
                tr("Run a plan for {0} first, then open the scenario.").format(
                    scenario["request"]["technology"]
                )
            )
            return
        ids = self.context.candidates["candidate_id"].astype(str).to_numpy()
        row_of = {c: i for i, c in enumerate(ids)}
        chosen = []
        for site in scenario["sites"]:
            j = row_of.get(site["candidate_id"])
            if j is None or abs(self.context.candidates.geometry.iloc[j].x - site["x"]) > 1.0:
                j = add_candidate(self.context, site["x"], site["y"], kind=site.get("kind", "new"))
            chosen.append(j)
        self.chosen = chosen
        self.reevaluate()

    def save_scenarios(self, project: Path) -> None:
        """Add the scenarios to a project file just written (key ``plan_scenarios``)."""
        project = Path(project)
        data = json.loads(project.read_text(encoding="utf-8"))
        data["plan_scenarios"] = self.scenarios
        from coverage_planner.io.writers import atomic_path

        with atomic_path(project) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def load_scenarios(self, project: Path) -> None:
        try:
            data = json.loads(Path(project).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        self.scenarios = list(data.get("plan_scenarios") or [])
        self._show_scenarios()
