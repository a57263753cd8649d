"""The Site panel: change the selected site's antenna height, transmit power,
azimuths, downtilt or position, add a site, remove one; the study recomputes that
site only (``StudyModel.edit_sites``). Each edit is a step of the undo history, and
the edits are saved with the project and in the autosave (``gui.site_changes``).

The panel builds a new site list from the one the study holds (the file's own
columns stay as they were read; the model's columns — ``antenna_height_m``,
``tx_power_dbm``, ``azimuths``, ``downtilt_deg`` and the position — carry the edit).
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coverage_planner.gui.formatting import DecimalSpinBox
from coverage_planner.gui.study import Selection, StudyModel

NO_VALUE = -999.0  # a spin box's "technology default"


def tr(text: str) -> str:
    return QCoreApplication.translate("SiteEditor", text)


def _spin(low: float, high: float, suffix: str, decimals: int = 1, *, blank: bool = False):
    box = DecimalSpinBox()
    box.setRange(NO_VALUE if blank else low, high)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    if blank:
        box.setSpecialValueText(tr("technology default"))
    return box


class SiteEditor(QWidget):
    """Edit one site of the study; every change is one site recomputed."""

    def __init__(self, study: StudyModel, parent=None) -> None:
        super().__init__(parent)
        self.study = study
        self.row: int | None = None
        form = QFormLayout(self)
        # The right-hand column is as wide as the parameters need (about 330-360 px):
        # a label too long beside its box puts the box under it instead of scrolling
        # the panel sideways (Vietnamese labels are the longer ones).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        form.addRow(self.title)
        self.lon = _spin(-180, 180, "°", 6)
        self.lat = _spin(-90, 90, "°", 6)
        self.height = _spin(1, 300, " m")
        self.power = _spin(-20, 60, " dBm", blank=True)
        self.tilt = _spin(-10, 30, "°", blank=True)
        self.azimuths = QLineEdit(self)
        self.azimuths.setPlaceholderText("0/120/240")
        self._labels = {}
        for key, widget in (
            ("lon", self.lon),
            ("lat", self.lat),
            ("height", self.height),
            ("power", self.power),
            ("azimuths", self.azimuths),
            ("tilt", self.tilt),
        ):
            label = QLabel(self)
            self._labels[key] = label
            form.addRow(label, widget)
        buttons = QVBoxLayout()  # the panel is narrow: one button a line
        self.apply = QPushButton(self)
        self.add = QPushButton(self)
        self.remove = QPushButton(self)
        for b in (self.apply, self.add, self.remove):
            buttons.addWidget(b)
        form.addRow(buttons)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.apply.clicked.connect(self.apply_edit)
        self.add.clicked.connect(self.add_site)
        self.remove.clicked.connect(self.remove_site)
        study.selection_changed.connect(self.show_selection)
        study.result_changed.connect(lambda: self.show_selection(study.selection))
        # while an edit is computed the next one waits: it starts from that one's figures
        study.worker.busy_changed.connect(lambda _: self._enable())
        self.retranslate()
        self.show_selection(None)

    def retranslate(self) -> None:
        texts = {
            "lon": tr("Longitude"),
            "lat": tr("Latitude"),
            "height": tr("Antenna height"),
            "power": tr("Transmit power"),
            "azimuths": tr("Azimuths (°)"),
            "tilt": tr("Downtilt"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
        self.azimuths.setToolTip(tr("One azimuth per sector, separated by /: 0/120/240"))
        self.apply.setText(tr("Apply"))
        self.add.setText(tr("Add as new site"))
        self.remove.setText(tr("Remove site"))
        self.note.setText(
            tr(
                "Only the edited site is computed again. Site edits are saved with the "
                "project (the site file itself is not changed) and can be undone (Ctrl+Z)."
            )
        )
        self.power.setSpecialValueText(tr("technology default"))
        self.tilt.setSpecialValueText(tr("technology default"))
        self.show_selection(self.study.selection)

    # ---- the selected site

    def _transformers(self):
        crs = self.study.sites.crs
        return (
            Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
            Transformer.from_crs("EPSG:4326", crs, always_xy=True),
        )

    def show_selection(self, selection: Selection | None) -> None:
        sites = self.study.sites if self.study.inputs is not None else None
        row = None
        if sites is not None and selection is not None and selection.layer == "sites":
            hits = np.flatnonzero(sites["site_id"].astype(str).to_numpy() == selection.feature_id)
            row = int(hits[0]) if len(hits) else None
        self.row = row
        self._enable()
        if row is None:
            self.title.setText(tr("Select a site on the map or in a table to edit it."))
            return
        site = sites.iloc[row]
        self.title.setText(tr("Site {0}").format(site["site_id"]))
        to_lonlat, _ = self._transformers()
        lon, lat = to_lonlat.transform(site.geometry.x, site.geometry.y)
        values = {
            self.lon: lon,
            self.lat: lat,
            self.height: _value(site, "antenna_height_m", 30.0),
            self.power: _value(site, "tx_power_dbm", NO_VALUE),
            self.tilt: _value(site, "downtilt_deg", NO_VALUE),
        }
        for box, value in values.items():
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.azimuths.setText(str(site.get("azimuths", "") or ""))

    def _enable(self) -> None:
        for w in (self.apply, self.remove, self.add):
            w.setEnabled(self.row is not None and not self.study.editing_sites)

    def _edited_row(self, site: pd.Series) -> pd.Series:
        site = site.copy()
        _, from_lonlat = self._transformers()
        x, y = from_lonlat.transform(self.lon.value(), self.lat.value())
        site["geometry"] = shapely.Point(x, y)
        if "commune_id" in site.index:  # a moved site is in the commune it stands in now
            site["commune_id"] = _commune_of(self.study.inputs.communes, site["geometry"])
        site["antenna_height_m"] = self.height.value()
        site["tx_power_dbm"] = np.nan if self.power.value() <= NO_VALUE else self.power.value()
        site["downtilt_deg"] = np.nan if self.tilt.value() <= NO_VALUE else self.tilt.value()
        az = self.azimuths.text().strip()
        site["azimuths"] = "/".join(
            str(float(a) % 360).removesuffix(".0") for a in az.replace(",", "/").split("/") if a
        )
        return site

    def apply_edit(self) -> None:
        if self.row is None:
            return
        sites = self.study.sites.copy()
        edited = self._edited_row(sites.iloc[self.row])
        for column in ("antenna_height_m", "tx_power_dbm", "downtilt_deg", "azimuths"):
            if column not in sites:
                sites[column] = np.nan
            sites.loc[sites.index[self.row], column] = edited[column]
        if "commune_id" in sites:
            sites.loc[sites.index[self.row], "commune_id"] = edited["commune_id"]
        geoms = sites.geometry.to_numpy().copy()
        geoms[self.row] = edited["geometry"]
        sites = sites.set_geometry(gpd.GeoSeries(geoms, index=sites.index, crs=sites.crs))
        self.study.edit_sites(sites, changed=self.row)

    def add_site(self) -> None:
        """A new site with the fields' values (the selected site's technologies), at the
        end of the list."""
        if self.row is None:
            return
        sites = self.study.sites
        new = self._edited_row(sites.iloc[self.row])
        new["site_id"] = _new_id(sites)
        new["site_name"] = new["site_id"]
        frame = gpd.GeoDataFrame([new], geometry="geometry", crs=sites.crs)
        joined = pd.concat([sites, frame], ignore_index=True)
        joined = gpd.GeoDataFrame(joined, geometry="geometry", crs=sites.crs)
        self.study.edit_sites(joined, changed=len(joined) - 1)
        self.study.select(Selection("sites", str(new["site_id"])))

    def remove_site(self) -> None:
        if self.row is None:
            return
        row = self.row
        sites = self.study.sites.drop(index=self.study.sites.index[row]).reset_index(drop=True)
        self.study.select(None)
        self.study.edit_sites(sites, removed=row)


def _value(site: pd.Series, column: str, default: float) -> float:
    value = site.get(column, np.nan)
    try:
        value = float(value)
    except (TypeError, ValueError):
        return default
    return value if math.isfinite(value) else default


def _commune_of(communes: gpd.GeoDataFrame, point) -> str | None:
    """The id of the first commune that holds ``point`` (as the loader gives it), None
    outside every commune."""
    hits = shapely.STRtree(communes.geometry.to_numpy()).query(point, predicate="intersects")
    return str(communes["commune_id"].iloc[int(np.min(hits))]) if len(hits) else None


def _new_id(sites: pd.DataFrame) -> str:
    ids = set(sites["site_id"].astype(str))
    k = 1
    while f"NEW-{k:03d}" in ids:
        k += 1
    return f"NEW-{k:03d}"
