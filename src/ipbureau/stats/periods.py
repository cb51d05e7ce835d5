"""Moved to `ipbureau.figures.periods`; kept for `stats.services` (being rewritten
separately) until it imports from there."""

from ipbureau.figures.periods import month_start, next_month

__all__ = ["month_start", "next_month"]
