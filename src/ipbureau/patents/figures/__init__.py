"""Statistics read from the patent records and the summary table. Every function takes an
explicit region Scope (from `accounts.selectors.scope_for(user)`, or unrestricted for the
command line), so region isolation is decided here and nowhere else. The page, the API, the
command and the reports all call these, so a figure cannot differ between them."""

from ipbureau.figures.errors import RegionNotFound, RegionOutOfScope, StatsError
from ipbureau.patents.figures.counts import summary_updated_at
from ipbureau.patents.figures.figures import BREAKDOWNS, figures
from ipbureau.patents.figures.holdings import valid_inventions
from ipbureau.patents.figures.rankings import top_agencies, top_applicants
from ipbureau.patents.figures.trend import monthly_trend, type_mix
from ipbureau.regions.selectors import default_region_code

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
