"""Domain errors of the cases app; messages are Chinese sentences a clerk can act on."""

from django.core.exceptions import PermissionDenied


class CaseError(ValueError):
    """A request the rules do not allow (bad date, bad number, missing officers...)."""


class CasePermissionError(PermissionDenied):
    """The acting user may not do this to this case (role or region)."""
