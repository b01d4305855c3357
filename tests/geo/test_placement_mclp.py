"""Parity with PySAL spopt's maximal covering location problem (MCLP) on spopt's own San
Francisco test data: 205 census-tract demand points, 16 candidate stores, network distances,
5 km service radius, p = 4 -> 89.76 % of the tracts covered (spopt's test_mclp.py).

The data is read from the installed spopt package (the `test` extra), not copied here.
"""

import csv
from importlib import resources

import numpy as np
import pulp
import pytest
from spopt.locate import MCLP

from safetyzone.geo.placement import maximal_covering

SERVICE_M = 5000.0
P = 4


@pytest.fixture(scope="module")
def san_francisco():
    data = resources.files("spopt") / "tests" / "test_locate" / "data"
    with (data / "SF_network_distance_candidateStore_16_censusTract_205_new.csv").open() as f:
        rows = list(csv.DictReader(f))
    with (data / "SF_demand_205_centroid_uniform_weight.csv").open() as f:
        population = {r["NAME"]: float(r["POP2000"]) for r in csv.DictReader(f)}
    tracts = sorted({r["DestinationName"] for r in rows})
    stores = sorted({r["name"] for r in rows})
    distance = np.full((len(tracts), len(stores)), np.inf)
    tract_row = {t: i for i, t in enumerate(tracts)}
    store_col = {s: j for j, s in enumerate(stores)}
    for r in rows:
        distance[tract_row[r["DestinationName"]], store_col[r["name"]]] = float(r["distance"])
    return distance, np.array([population[t] for t in tracts]), stores


@pytest.mark.filterwarnings("ignore::DeprecationWarning:pulp.*")
@pytest.mark.parametrize("mode", ["fast", "exact"])
def test_mclp_parity_with_spopt_on_san_francisco(san_francisco, mode):
    distance, population, stores = san_francisco
    assert distance.shape == (205, 16) and np.isfinite(distance).all()
    plan = maximal_covering(distance <= SERVICE_M, population, P, mode=mode)
    assert len(plan.options) == P
    covered_tracts = int(plan.covered.sum())
    assert covered_tracts == 184
    assert covered_tracts / 205 * 100 == pytest.approx(89.75609756097561)
    # spopt itself, on the same matrix in the same run, covers the same population
    spopt = MCLP.from_cost_matrix(distance, population, SERVICE_M, P).solve(pulp.HiGHS(msg=False))
    opened = [j for j, var in enumerate(spopt.fac_vars) if var.value() > 0.5]
    assert len(opened) == P
    spopt_covered = population[(distance[:, opened] <= SERVICE_M).any(axis=1)].sum()
    assert spopt.perc_cov == pytest.approx(89.75609756097561)
    assert plan.covered_weight == pytest.approx(spopt_covered)
    assert plan.lp_bound == pytest.approx(plan.covered_weight)  # the LP bound is tight here
