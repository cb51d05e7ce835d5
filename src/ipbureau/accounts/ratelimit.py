"""A counter per key in Django's cache that starts at the first hit and is forgotten a window
later: what the portal's rate limits count with (the login lockout is django-axes', in the
database). Per process by default; configure a shared cache for several server processes."""

from django.core.cache import cache


def hits(key: str) -> int:
    """How many hits `key` has in its current window (0 when none)."""
    return cache.get(key, 0)


def hit(key: str, window_seconds: int) -> None:
    """Count one hit of `key`; a new window starts when there is none."""
    cache.add(key, 0, window_seconds)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)


def forget(key: str) -> None:
    """Start `key` over: no hits."""
    cache.delete(key)
