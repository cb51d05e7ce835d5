"""Rate limits of the public portal per client address, kept in Django's cache (per process
by default; configure a shared cache for several server processes). The address is the one
the login lockout counts (core/addresses.py: behind a proxy, the proxy's word)."""

from ipbureau.accounts import ratelimit

# Attempts, valid or refused: room for a visitor who corrects the form a few times.
SUBMISSIONS_PER_HOUR = 10
TRACKS_PER_HOUR = 20
WINDOW_SECONDS = 3600


def _key(action: str, address: str) -> str:
    return f"portal:{action}:{address}"


def over_limit(action: str, address: str, limit: int) -> bool:
    return ratelimit.hits(_key(action, address)) >= limit


def count(action: str, address: str) -> None:
    ratelimit.hit(_key(action, address), WINDOW_SECONDS)
