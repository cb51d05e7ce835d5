"""Number formatting for the dashboard: counts with separators, percentages with one decimal,
and a dash, never 0, where a figure is undefined (no base, no target)."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()

DASH = "—"


@register.filter
def count(value):
    return DASH if value is None else intcomma(value)


@register.filter
def pct(value):
    return DASH if value is None else f"{value:.1f}%"


@register.filter
def signed_pct(value):
    """Growth: +26.3% / −4.0% / 0.0%."""
    if value is None:
        return DASH
    if value > 0:
        return f"+{value:.1f}%"
    if value < 0:
        return f"−{abs(value):.1f}%"
    return "0.0%"


@register.filter
def trend_class(value):
    """Up in red, down in green: the convention of Chinese statistical charts."""
    if value is None or value == 0:
        return "flat"
    return "up" if value > 0 else "down"
