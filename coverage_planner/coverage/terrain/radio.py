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
MIN_DISTANCE_KM = 0.01  # the distance law is floored by free space well before this


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


def spm_coefficients(
    f_mhz: float, *, environment: str = "rural", h_m: float = RECEIVER_HEIGHT_M
) -> tuple[float, float, float, float, float, float]:
    """K1..K6 of the standard propagation model that reproduce Hata on flat ground.

    L = K1 + K2·log10 d_km + K3·log10 H_eff + K4·D + K5·log10 d_km·log10 H_eff + K6·h_m,
    the Okumura-Hata (below 1500 MHz) or COST-231 Hata (from 1500 MHz) formula of
    :func:`hata_terms` written out term by term: K2 = 44.9, K3 = −13.82, K5 = −6.55,
    K6 = −(1.1 log10 f − 0.7) (the mobile-height correction's slope), K1 the rest (with
    the environment's correction), K4 = 1 (diffraction counted in full).
    """
    a_ref, _ = hata_terms(f_mhz, 1.0, h_m=0.0, environment=environment)
    lf = np.log10(f_mhz)
    return float(a_ref), 44.9, -13.82, 1.0, -6.55, -(1.1 * lf - 0.7)


def spm_loss(d_km, h_eff, k: tuple[float, ...], *, h_m: float = RECEIVER_HEIGHT_M):
    """The standard propagation model's loss without its diffraction term (dB)."""
    k1, k2, k3, _, k5, k6 = k
    ld = np.log10(np.maximum(np.asarray(d_km, dtype=float), MIN_DISTANCE_KM))
    lh = np.log10(np.maximum(np.asarray(h_eff, dtype=float), 1.0))
    return k1 + k2 * ld + k3 * lh + k5 * ld * lh + k6 * h_m


def free_space_loss(d_km, f_mhz: float):
    """Free-space loss 32.45 + 20 log10 f_MHz + 20 log10 d_km (ITU-R P.525)."""
    return 32.45 + 20.0 * np.log10(f_mhz) + 20.0 * np.log10(np.maximum(d_km, 1e-3))


def spm_range_km(budget_db: float, h_eff: float, k: tuple[float, ...]) -> float:
    """Distance where the model's loss (no diffraction) uses up ``budget_db``."""
    k1, k2, k3, _, k5, k6 = k
    lh = np.log10(max(h_eff, 1.0))
    return float(10 ** ((budget_db - k1 - k3 * lh - k6 * RECEIVER_HEIGHT_M) / (k2 + k5 * lh)))


def bullington_loss(nu, d_km):
    """Bullington diffraction loss of ITU-R P.526-15 §4.5.1: L_uc = J(ν_b), then
    L_b = L_uc + (1 − exp(−L_uc/6))·(10 + 0.02 d_km)."""
    luc = knife_edge_loss(nu)
    return luc + (1.0 - np.exp(-luc / 6.0)) * (10.0 + 0.02 * np.asarray(d_km, dtype=float))


def location_margin_db(sigma_db: float, probability: float) -> float:
    """Margin above the median level for ``probability`` of coverage at a location:
    σ·Q⁻¹(1 − p) = σ·Φ⁻¹(p) (lognormal shadowing; 0 at p = 0.5, 1.28σ at 0.9)."""
    from statistics import NormalDist

    return float(sigma_db * NormalDist().inv_cdf(probability))


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
