"""Villages that only two new sites together cover (their shares add up).

A village is covered when enough of its area is inside the coverage (the audit's
``village_area_share``). Two new sites, each covering a part of a long village too
small on its own, can together cover it: the candidates' single gains miss it. This
module finds, for every village uncovered today that no candidate brings alone but
that two or more reach, the pairs of candidates that cover it together, so the
integer programme counts it (``y_v ≤ Σ z_jk``, ``z_jk ≤ x_j``, ``z_jk ≤ x_k``).

What is left out, and said in the plan's summary: villages that only three or more
new sites together cover, and villages reached by more candidates than
``MAX_TOUCHING`` (their pairs are not all tried); the plan's "after" figures count
them anyway (they are evaluated on the chosen set, as an audit would).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

#: A village reached by more candidates than this: its pairs are not tried.
MAX_TOUCHING = 16
#: At most this many pairs tried in all (each is one union-area measurement).
MAX_PAIRS = 6000


@dataclass
class JointCover:
    """Pairs of candidates that together cover a village neither covers alone.

    Attributes
    ----------
    village, first, second
        One row per covering pair: the village and the two candidates.
    only_jointly
        Villages no candidate brings alone that all candidates reaching them cover
        together.
    beyond_pairs
        Of those, the villages no pair covers (three or more sites are needed), or
        whose pairs were not tried (too many candidates reach them).
    """

    village: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    first: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    second: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    only_jointly: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    beyond_pairs: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    @property
    def villages(self) -> np.ndarray:
        return np.unique(self.village)


def joint_cover(coverage) -> JointCover:
    """Covering pairs of a :class:`~.coverage.CandidateCoverage`."""
    gains, touches, base = coverage.gains, coverage.touches, coverage.base
    if touches.shape[0] < 2:
        return JointCover()
    alone = np.diff(gains.tocsc().indptr) > 0
    reach = touches.tocsc()
    counts = np.diff(reach.indptr)
    cand = np.flatnonzero(~base & ~alone & (counts >= 2))
    if len(cand) == 0:
        return JointCover()
    sets = [reach.indices[reach.indptr[v] : reach.indptr[v + 1]] for v in cand]
    # Coverage only grows with sites: a village all its candidates together do not
    # cover, no subset covers.
    together = coverage.evaluator.covered_with(cand, sets)
    only = cand[together]
    sets = [s for s, t in zip(sets, together, strict=True) if t]
    vs, js, ks, tried = [], [], [], set()
    budget = MAX_PAIRS
    for v, s in sorted(zip(only, sets, strict=True), key=lambda p: len(p[1])):
        n_pairs = len(s) * (len(s) - 1) // 2
        if len(s) > MAX_TOUCHING or n_pairs > budget:
            continue
        budget -= n_pairs
        tried.add(int(v))
        for j, k in combinations(sorted(s), 2):
            vs.append(v)
            js.append(j)
            ks.append(k)
    if not vs:
        return JointCover(only_jointly=only, beyond_pairs=only)
    vs, js, ks = np.array(vs), np.array(js), np.array(ks)
    ok = coverage.evaluator.covered_with(
        vs, [np.array([j, k]) for j, k in zip(js, ks, strict=True)]
    )
    covered_by_pair = np.unique(vs[ok])
    beyond = np.setdiff1d(only, covered_by_pair)
    return JointCover(vs[ok], js[ok], ks[ok], only, beyond)
