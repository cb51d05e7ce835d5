"""Statistics read from the patent records and the summary table. Every function takes an
explicit region Scope (from `accounts.selectors.scope_for(user)`, or unrestricted for the
command line), so region isolation is decided here and nowhere else. The page, the API, the
command and the reports all call these, so a figure cannot differ between them."""

from ipbureau.figures.errors import RegionNotFound, RegionOutOfScope, StatsError
from ipbureau.regions.selectors import default_region_code
from ipbureau.stats.selectors.counts import summary_updated_at
from ipbureau.stats.selectors.figures import BREAKDOWNS, figures
from ipbureau.stats.selectors.holdings import valid_inventions
from ipbureau.stats.selectors.rankings import top_agencies, top_applicants
from ipbureau.stats.selectors.trend import monthly_trend, type_mix

__all__ = [
    "BREAKDOWNS",
    "RegionNotFound",
    "RegionOutOfScope",
    "StatsError",
    "default_region_code",
    "figures",
    "monthly_trend",
    "summary_updated_at",
    "top_agencies",
    "top_applicants",
    "type_mix",
    "valid_inventions",
]
