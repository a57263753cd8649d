"""Link profiles over the DEM: earth bulge, line of sight, first Fresnel zone, the
obstacle that blocks, the predicted level.

Along a path of length d from antenna A to antenna B, at distance d1 from A
(d2 = d − d1):

- the earth bulge is ``d1·d2 / (2·k·R)`` (effective earth radius k·R, k = 4/3);
- the ray is the straight line between the antennas (heights above sea level);
- the first Fresnel zone's radius is ``sqrt(λ·d1·d2 / d)``;
- the clearance is the ray's height above ground + bulge, as a share of that radius:
  line of sight where it is positive everywhere, a microwave hop clear where it is at
  least ``fresnel_clearance`` (0.6) everywhere;
- the dominant obstacle is the point of least clearance, and
  ``ν = −clearance · sqrt(2)`` (ν = h·sqrt(2d / (λ d1 d2)), h its height above the ray)
  gives the knife-edge loss J(ν) of ITU-R P.526, as in the terrain model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coverage_planner.coverage.terrain import radio


@dataclass
class LinkProfile:
    """A terrain profile between two antennas and what it says about the link."""

    distance_m: np.ndarray
    ground_m: np.ndarray
    bulge_m: np.ndarray
    ray_m: np.ndarray
    fresnel_m: np.ndarray
    clearance: np.ndarray  # (ray − ground − bulge) / first Fresnel radius; inf at the ends
    tx_m: float  # antenna heights above sea level
    rx_m: float
    frequency_mhz: float
    required: float
    level_dbm: float | None = None

    @property
    def length_m(self) -> float:
        return float(self.distance_m[-1])

    @property
    def obstacle(self) -> int:
        """Index of the point of least clearance (the dominant obstacle)."""
        return int(np.argmin(self.clearance))

    @property
    def line_of_sight(self) -> bool:
        return bool(self.clearance.min() > 0.0)

    @property
    def fresnel_clear(self) -> bool:
        return bool(self.clearance.min() >= self.required)

    @property
    def nu(self) -> float:
        """Knife-edge parameter of the dominant obstacle."""
        return float(-np.sqrt(2.0) * self.clearance[self.obstacle])


def analyse_profile(
    distance_m: np.ndarray,
    ground_m: np.ndarray,
    *,
    tx_height_m: float,
    rx_height_m: float,
    frequency_mhz: float,
    k_factor: float = radio.K_FACTOR,
    required: float = 0.6,
) -> LinkProfile:
    """The profile's bulge, ray, Fresnel zone and clearance (antenna heights above
    the ground at the two ends)."""
    d = np.asarray(distance_m, dtype=float)
    z = np.asarray(ground_m, dtype=float)
    total = d[-1]
    d1, d2 = d, total - d
    bulge = d1 * d2 / (2.0 * k_factor * radio.EARTH_RADIUS_M)
    tx = z[0] + tx_height_m
    rx = z[-1] + rx_height_m
    ray = tx + (rx - tx) * d / total
    lam = radio.wavelength_m(frequency_mhz)
    fresnel = np.sqrt(np.maximum(lam * d1 * d2 / total, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        clearance = np.where(fresnel > 0, (ray - z - bulge) / fresnel, np.inf)
    return LinkProfile(d, z, bulge, ray, fresnel, clearance, tx, rx, frequency_mhz, required)


def sample_dem(dem: np.ndarray, grid, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """DEM heights at points (bilinear between cell centres; nearest edge outside)."""
    from scipy.ndimage import map_coordinates

    col = (np.asarray(x) - grid.transform.c) / grid.res - 0.5
    row = (grid.transform.f - np.asarray(y)) / grid.res - 0.5
    return map_coordinates(dem, [row.ravel(), col.ravel()], order=1, mode="nearest").reshape(
        np.shape(x)
    )


def profile_between(
    dem: np.ndarray,
    grid,
    a: tuple[float, float],
    b: tuple[float, float],
    *,
    tx_height_m: float,
    rx_height_m: float,
    frequency_mhz: float,
    k_factor: float = radio.K_FACTOR,
    required: float = 0.6,
) -> LinkProfile:
    """The profile from ``a`` to ``b`` (working CRS), sampled every half cell."""
    length = float(np.hypot(b[0] - a[0], b[1] - a[1]))
    n = max(3, int(np.ceil(length / (grid.res / 2))) + 1)
    t = np.linspace(0.0, 1.0, n)
    x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    return analyse_profile(
        t * length,
        sample_dem(dem, grid, x, y),
        tx_height_m=tx_height_m,
        rx_height_m=rx_height_m,
        frequency_mhz=frequency_mhz,
        k_factor=k_factor,
        required=required,
    )


def links_clear(
    dem: np.ndarray,
    grid,
    a: np.ndarray,
    b: np.ndarray,
    *,
    height_a: np.ndarray,
    height_b: np.ndarray,
    frequency_mhz: float,
    k_factor: float = radio.K_FACTOR,
    required: float = 0.6,
    samples: int = 256,
) -> np.ndarray:
    """For many links at once (rows of ``a`` and ``b``): is the first Fresnel zone
    clear to ``required`` everywhere? The same formulas as :func:`analyse_profile`."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    t = np.linspace(0.0, 1.0, samples)[None, :]
    x = a[:, :1] + t * (b[:, :1] - a[:, :1])
    y = a[:, 1:] + t * (b[:, 1:] - a[:, 1:])
    z = sample_dem(dem, grid, x, y)
    total = np.hypot(b[:, 0] - a[:, 0], b[:, 1] - a[:, 1])[:, None]
    d1 = t * total
    d2 = total - d1
    bulge = d1 * d2 / (2.0 * k_factor * radio.EARTH_RADIUS_M)
    tx = z[:, :1] + np.asarray(height_a, float)[:, None]
    rx = z[:, -1:] + np.asarray(height_b, float)[:, None]
    ray = tx + (rx - tx) * t
    lam = radio.wavelength_m(frequency_mhz)
    fresnel = np.sqrt(np.maximum(lam * d1 * d2 / np.maximum(total, 1e-9), 0.0))
    inner = fresnel > 0
    ok = np.where(inner, ray - z - bulge >= required * fresnel, True)
    return ok.all(axis=1)


def predicted_level(
    profile: LinkProfile,
    *,
    eirp_dbm: float,
    tx_height_m: float,
    frequency_mhz: float,
    environment: str = "rural",
) -> float:
    """Received level at the far end: EIRP − Hata/COST-231 − knife edge over the
    dominant obstacle (the terrain model's formulas, on this one profile)."""
    loss = radio.hata_loss(
        profile.length_m / 1000.0, frequency_mhz, tx_height_m, environment=environment
    )
    return float(eirp_dbm - loss - radio.knife_edge_loss(profile.nu))
