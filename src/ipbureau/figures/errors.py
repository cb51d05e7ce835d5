"""Errors a figures request can end in, with messages a clerk can act on. The API and the
commands turn them into 400/403/404 answers and command errors; nothing else is caught.

The region errors belong to the region lookup (`regions.selectors.region_for`) and are
named here too, so that a figures caller finds every error in one place."""

from ipbureau.regions.selectors import RegionNotFound, RegionOutOfScope

__all__ = ["FIGURES_ERRORS", "RegionNotFound", "RegionOutOfScope", "StatsError"]


class StatsError(ValueError):
    """A request that cannot be answered as asked (unknown period, breakdown, year...)."""


# What a command or page reports as a message (RegionOutOfScope is a PermissionDenied,
# answered 403 by Django and DRF).
FIGURES_ERRORS = (StatsError, RegionNotFound)
