"""Radio propagation formulas, vectorized on numpy arrays.

- Okumura-Hata (150-1500 MHz) and COST-231 Hata (1500-2000 MHz; used beyond 2000 MHz
  too, as planners commonly do for 2100 MHz UMTS), with the rural / suburban / urban
  corrections; receiver 1.5 m above ground.
- Single knife-edge diffraction loss J(ν) of ITU-R P.526-15 eq. (31).
- A horizontal sector pattern A(φ) = -min(12 (φ/φ3dB)², A_m) (3GPP TR 36.814,
  front-to-back ratio A_m).
"""

from __future__ import annotations

import numpy as np

SPEED_OF_LIGHT = 299_792_458.0
EARTH_RADIUS_M = 6_371_000.0
K_FACTOR = 4.0 / 3.0
RECEIVER_HEIGHT_M = 1.5
ENVIRONMENTS = ("rural", "suburban", "urban")


def _mobile_correction(f_mhz: float, h_m: float) -> float:
    """a(h_m) for a small or medium city (Hata 1980)."""
    lf = np.log10(f_mhz)
    return (1.1 * lf - 0.7) * h_m - (1.56 * lf - 0.8)


def hata_terms(
    f_mhz: float,
    h_b: np.ndarray | float,
    *,
    h_m: float = RECEIVER_HEIGHT_M,
    environment: str = "rural",
) -> tuple[np.ndarray, np.ndarray]:
    """Path loss as ``A + B · log10(d_km)``: returns (A, B) for the frequency and base height.

    Okumura-Hata below 1500 MHz, COST-231 Hata from 1500 MHz, then the environment's
    correction (urban: none; suburban and rural: the Hata open-area corrections; for
    COST-231 urban means metropolitan, +3 dB).
    """
    if environment not in ENVIRONMENTS:
        raise ValueError(f"environment must be one of {ENVIRONMENTS}")
    lf = np.log10(f_mhz)
    h_b = np.asarray(h_b, dtype=float)
    lhb = np.log10(np.maximum(h_b, 1.0))
    a_hm = _mobile_correction(f_mhz, h_m)
    if f_mhz < 1500.0:
        a = 69.55 + 26.16 * lf - 13.82 * lhb - a_hm
    else:
        a = 46.3 + 33.9 * lf - 13.82 * lhb - a_hm + (3.0 if environment == "urban" else 0.0)
    b = 44.9 - 6.55 * lhb
    if environment == "suburban":
        a = a - 2.0 * np.log10(f_mhz / 28.0) ** 2 - 5.4
    elif environment == "rural":
        a = a - 4.78 * lf**2 + 18.33 * lf - 40.94
    return a, b


def hata_loss(d_km: np.ndarray, f_mhz: float, h_b, *, environment: str = "rural") -> np.ndarray:
    """Median path loss (dB) at distance ``d_km`` (at least 20 m)."""
    a, b = hata_terms(f_mhz, h_b, environment=environment)
    return a + b * np.log10(np.maximum(d_km, 0.02))


def hata_range_km(
    budget_db: float, f_mhz: float, h_b: float, *, environment: str = "rural"
) -> float:
    """Distance where the path loss uses up ``budget_db`` (EIRP minus threshold)."""
    a, b = hata_terms(f_mhz, h_b, environment=environment)
    return float(10 ** ((budget_db - a) / b))


def knife_edge_loss(nu: np.ndarray) -> np.ndarray:
    """J(ν) in dB (ITU-R P.526 eq. 31); 0 below ν = -0.78."""
    nu = np.asarray(nu, dtype=float)
    j = 6.9 + 20.0 * np.log10(np.sqrt((nu - 0.1) ** 2 + 1.0) + nu - 0.1)
    return np.where(nu > -0.78, j, 0.0)


def sector_gain_db(
    bearing_deg: np.ndarray,
    azimuths: np.ndarray,
    beamwidth_deg: float,
    *,
    front_to_back_db: float = 25.0,
) -> np.ndarray:
    """Best relative gain (dB, ≤ 0) over a site's sectors for each bearing."""
    best = np.full(np.shape(bearing_deg), -front_to_back_db)
    for az in np.atleast_1d(azimuths):
        phi = (np.asarray(bearing_deg) - az + 180.0) % 360.0 - 180.0
        best = np.maximum(best, -np.minimum(12.0 * (phi / beamwidth_deg) ** 2, front_to_back_db))
    return best


def wavelength_m(f_mhz: float) -> float:
    return SPEED_OF_LIGHT / (f_mhz * 1e6)
