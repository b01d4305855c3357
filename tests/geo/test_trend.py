"""This year's crime count against the average of the 3 previous years: the 5 % target of
seed 003, the exact conditional test of a lower rate, and the verdicts an officer reads."""

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from safetyzone.geo.trend import TrendError, compare, fiscal_year_be

counts = st.integers(0, 400)


def p_lower_by_hand(current, previous_total, years):
    """P(X <= current) for X ~ Bin(current + previous_total, 1 / (1 + years)), summed term by term."""
    n, share = current + previous_total, 1 / (1 + years)
    return sum(math.comb(n, i) * share**i * (1 - share) ** (n - i) for i in range(current + 1))


def test_a_clear_drop_is_significantly_lower_and_meets_the_target():
    trend = compare(60, [100, 110, 90])
    assert trend.baseline == 100 and trend.change == pytest.approx(-0.40)
    assert trend.target_count == pytest.approx(95) and trend.target_met is True
    assert trend.verdict == "lower" and trend.p_lower < 0.001
    assert trend.p_lower == pytest.approx(p_lower_by_hand(60, 300, 3), rel=1e-9)
    low, high = trend.ratio_ci
    assert low < 0.6 < high < 1  # the whole interval lies below "the same rate"


def test_the_target_is_at_least_5_percent_fewer_than_the_three_year_average():
    assert compare(95, [100, 100, 100]).target_met is True
    assert compare(96, [100, 100, 100]).target_met is False
    assert compare(57, [60, 60, 60], target=0.05).target_met is True  # 57 = 60 × 0.95 exactly


def test_a_small_drop_meets_the_target_on_paper_but_is_not_evidence_of_a_lower_rate():
    trend = compare(90, [100, 95, 105])
    assert trend.target_met is True and trend.verdict == "not_lower"
    assert 0.2 < trend.p_lower < 0.5 and trend.p_below_target > trend.p_lower
    assert trend.ratio_ci[0] < 1 < trend.ratio_ci[1]


def test_too_few_incidents_to_tell_whatever_this_years_count():
    # 10 incidents in four years: even a year with none would be chance at 5 % ((3/4)^10 = 5.6 %)
    for current in range(0, 4):
        trend = compare(current, [3, 4, 3 - min(current, 3)])
        assert trend.verdict == "too_few"
    assert compare(0, [4, 4, 3]).verdict == "lower"  # 11 incidents: (3/4)^11 = 4.2 %, a year with none tells


def test_no_incidents_in_any_year_is_said_plainly_without_nan():
    trend = compare(0, [0, 0, 0])
    assert trend.verdict == "no_incidents" and trend.target_met is None and trend.change is None
    assert trend.p_lower == 1.0 and not any(math.isnan(v) for v in (trend.baseline, trend.expected, trend.target_count))


def test_incidents_only_this_year_have_no_baseline_to_meet():
    trend = compare(25, [0, 0, 0])
    assert trend.target_met is None and trend.change is None and trend.verdict == "not_lower"
    assert trend.p_lower == 1.0


@given(st.lists(counts, min_size=1, max_size=5), counts)
def test_the_p_value_never_falls_as_this_years_count_rises(previous, current):
    assert compare(current, previous).p_lower <= compare(current + 1, previous).p_lower + 1e-12


@settings(max_examples=200)
@given(st.lists(counts, min_size=1, max_size=5), counts)
def test_verdicts_and_intervals_are_consistent(previous, current):
    trend = compare(current, previous)
    assert 0 <= trend.p_lower <= 1 and trend.ratio_ci[0] <= trend.ratio_ci[1]
    assert (trend.verdict == "lower") == (trend.verdict != "too_few" and trend.p_lower <= 0.05)
    if trend.ratio_ci[1] < 1:  # the two-sided 95 % interval lies below 1: one-sided p < 2.5 %
        assert trend.verdict == "lower"
    if current + sum(previous):
        assert trend.p_lower == pytest.approx(
            stats.binomtest(current, current + sum(previous), 1 / (1 + len(previous)), alternative="less").pvalue,
            rel=1e-9, abs=1e-300)
    if sum(previous) and current:
        ratio = current / (sum(previous) / len(previous))
        assert trend.ratio_ci[0] - 1e-9 <= ratio <= trend.ratio_ci[1] + 1e-9


def test_the_test_is_honest_when_nothing_changed():
    """Poisson counts with the same rate in all four years (10, 40 and 200 a year): the test
    says "lower" in at most 5 % of 4,000 simulated areas each."""
    rng = np.random.default_rng(20261122)
    for rate in (10, 40, 200):
        years = rng.poisson(rate, (4000, 4))
        lower = sum(compare(int(row[3]), row[:3].tolist()).verdict == "lower" for row in years)
        assert lower / 4000 <= 0.05


def test_the_test_finds_a_real_30_percent_drop_in_a_busy_area():
    rng = np.random.default_rng(7)
    years = rng.poisson(200, (500, 3))
    now = rng.poisson(140, 500)
    found = sum(compare(int(c), row.tolist()).verdict == "lower" for c, row in zip(now, years))
    assert found / 500 > 0.95


def test_part_of_a_year_is_compared_with_the_same_share_of_the_earlier_years():
    half = compare(40, [100, 100, 100], fraction=0.5)
    assert half.expected == 50 and half.change == pytest.approx(-0.2) and half.target_met is True
    assert compare(40, [100, 100, 100]).p_lower < half.p_lower


def test_bad_counts_are_refused_with_the_field():
    for current, previous, field in ((-1, [1, 2, 3], "current"), (2.5, [1], "current"), (1, [1, "x"], "previous[1]"),
                                     (1, [float("nan")], "previous[0]"), (True, [1], "current")):
        with pytest.raises(TrendError) as err:
            compare(current, previous)
        assert err.value.code == "count_invalid" and err.value.values["field"] == field
    with pytest.raises(TrendError, match="no_previous_years"):
        compare(3, [])
    with pytest.raises(TrendError, match="fraction_invalid"):
        compare(3, [4], fraction=0)


def test_the_thai_fiscal_year_starts_on_1_october():
    assert fiscal_year_be(dt.date(2025, 9, 30)) == 2568
    assert fiscal_year_be(dt.date(2025, 10, 1)) == 2569
    assert fiscal_year_be(dt.date(2026, 11, 22)) == 2570


@given(st.integers(0, 300), st.integers(0, 300))
def test_the_rate_ratio_interval_is_the_exact_clopper_pearson_one(current, previous_total):
    trend = compare(current, [previous_total])
    if current + previous_total == 0:
        return
    ci = stats.binomtest(current, current + previous_total, 0.5).proportion_ci(method="exact")
    expected = [p / (1 - p) if p < 1 else math.inf for p in (ci.low, ci.high)]  # one previous year: ratio = p/(1-p)
    assert trend.ratio_ci == pytest.approx(expected, rel=1e-7, abs=1e-12)
