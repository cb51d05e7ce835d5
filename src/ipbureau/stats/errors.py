"""Errors a statistics request can end in, with messages a clerk can act on. The API and the
command turn them into 400/403/404 answers and command errors; nothing else is caught."""

from django.core.exceptions import PermissionDenied


class StatsError(ValueError):
    """A request that cannot be answered as asked (unknown period, breakdown, year...)."""


class RegionNotFound(StatsError, LookupError):
    pass


class RegionOutOfScope(PermissionDenied):
    """A region the acting user may not see. A PermissionDenied, so Django and DRF answer
    403 without further handling."""
