"""Is an area's crime count this year lower than its average of the previous years?

The provincial target (seed 003, items 3.2 and 9.1): crimes against life, body, sex and
property at least 5 % lower per year than the average of the 3 previous fiscal years.

`compare(current, previous)` answers two questions for one area:
- the target: is the count at most (1 − target) × the previous years' mean? (plain arithmetic);
- the evidence: is this year's *rate* really lower, or could the drop be chance? Counts are
  taken as Poisson with one rate per year. Under "the same rate in every year", the current
  count given the total is binomial: X_now | X_now + X_prev ~ Bin(n, f / (f + k)), k previous
  years, f the fraction of a year the current count covers (1 for a full year). The one-sided
  exact p-value is P(X ≤ x_now) (as scipy.stats.binomtest, alternative 'less'). The same test
  against the target rate (rate ratio 1 − target) gives `p_below_target`: the evidence that the
  target was met by more than chance. The exact (Clopper-Pearson) interval of the binomial
  proportion gives a confidence interval of the rate ratio now / previous mean.
- When even zero incidents this year could not reach significance (P(X = 0) = (k / (f + k))^n
  > alpha: with 3 previous years and alpha 0.05, ten or fewer incidents in all four years),
  the verdict is "too_few": too few incidents to tell, whatever the count.

Verdicts (language-free codes for the Django layer): "no_incidents" (none in any year),
"too_few", "lower" (significantly lower than the previous rate at `alpha`), "not_lower".
A fiscal year (ปีงบประมาณ) runs from 1 October to 30 September and is named by the
Buddhist-era year it ends in (`fiscal_year_be`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from scipy import special

DEFAULT_TARGET = 0.05  # at least 5 % fewer per year (seed 003)
DEFAULT_ALPHA = 0.05
BE_OFFSET = 543


class TrendError(ValueError):
    """A refused input: `code` names the problem, `values` the numbers behind it."""

    def __init__(self, code: str, **values):
        self.code = code
        self.values = values
        super().__init__(code + (" " + repr(values) if values else ""))


@dataclass(frozen=True)
class Trend:
    """One area's comparison; counts are incidents, rates per year, p-values one-sided."""

    current: int
    previous: tuple[int, ...]
    baseline: float  # mean of the previous years, incidents per year
    expected: float  # baseline scaled to the fraction of the year the current count covers
    change: float | None  # (current − expected) / expected, e.g. −0.12 = 12 % fewer; None if expected 0
    target: float
    target_count: float  # the most incidents that still meet the target
    target_met: bool | None  # None when there is no baseline (no incidents in the previous years)
    p_lower: float  # evidence that the rate is lower than the previous years'
    p_below_target: float  # evidence that the rate is lower than (1 − target) × the previous years'
    ratio_ci: tuple[float, float]  # confidence interval of the rate ratio now / previous mean
    confidence: float
    verdict: str


def compare(current: int, previous, *, fraction: float = 1.0, target: float = DEFAULT_TARGET,
            alpha: float = DEFAULT_ALPHA) -> Trend:
    """Compare this year's count with the previous years' counts (oldest first or not: only
    their sum and number matter). `fraction` in (0, 1]: the share of a year the current count
    covers, when the year is not over (prefer counting the same months of earlier years and
    leaving fraction at 1: crime is seasonal)."""
    current = _count(current, "current")
    previous = tuple(_count(v, f"previous[{i}]") for i, v in enumerate(previous))
    if not previous:
        raise TrendError("no_previous_years")
    if not (0 < fraction <= 1):
        raise TrendError("fraction_invalid", fraction=fraction)
    if not (0 <= target < 1):
        raise TrendError("target_invalid", target=target)
    if not (0 < alpha < 1):
        raise TrendError("alpha_invalid", alpha=alpha)
    k, before = len(previous), sum(previous)
    baseline = before / k
    expected = baseline * fraction
    n = current + before
    target_count = expected * (1 - target)
    share = fraction / (fraction + k)  # P(an incident falls in the current period) under equal rates
    if n == 0:
        return Trend(current, previous, 0.0, 0.0, None, target, 0.0, None, 1.0, 1.0, (0.0, math.inf),
                     1 - alpha, "no_incidents")
    p_lower = special.bdtr(current, n, share)  # P(X <= current): binomtest's 'less' p-value
    target_share = fraction * (1 - target) / (fraction * (1 - target) + k)
    p_target = special.bdtr(current, n, target_share)
    # Clopper-Pearson: binomtest(...).proportion_ci(method="exact"), in closed form (a
    # thousand times faster than its root search; a page may list hundreds of areas)
    low = special.betaincinv(current, n - current + 1, alpha / 2) if current > 0 else 0.0
    high = special.betaincinv(current + 1, n - current, 1 - alpha / 2) if current < n else 1.0
    ratio_ci = (_ratio(low, k, fraction), _ratio(high, k, fraction))
    if (1 - share) ** n > alpha:
        verdict = "too_few"
    else:
        verdict = "lower" if p_lower <= alpha else "not_lower"
    return Trend(current, previous, baseline, expected,
                 (current - expected) / expected if expected > 0 else None, target, target_count,
                 current <= target_count + 1e-9 if before > 0 else None, float(p_lower), float(p_target),
                 ratio_ci, 1 - alpha, verdict)


def fiscal_year_be(day: dt.date) -> int:
    """The Thai government fiscal year (Buddhist era) a date falls in: 1 Oct 2568 – 30 Sep 2569
    is fiscal year 2569."""
    return day.year + (1 if day.month >= 10 else 0) + BE_OFFSET


def _ratio(p: float, k: int, fraction: float) -> float:
    """Rate ratio now / previous mean from the binomial share p of the current period."""
    if p >= 1:
        return math.inf
    return (p / (1 - p)) * k / fraction


def _count(value, field: str) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not number.is_integer() or number < 0:
        raise TrendError("count_invalid", field=field, value=value)
    return int(number)
