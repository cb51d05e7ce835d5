"""Failed-login throttle: after too many failures from one address for one user name, that
pair is refused for a while. Kept in Django's cache (per process by default; configure a
shared cache for several server processes)."""

from django.core.cache import cache

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60


def _key(address: str, username: str) -> str:
    return f"login-failures:{address}:{username.strip().lower()[:150]}"


def login_blocked(address: str, username: str) -> bool:
    return cache.get(_key(address, username), 0) >= MAX_FAILURES


def login_failed(address: str, username: str) -> None:
    key = _key(address, username)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)


def login_succeeded(address: str, username: str) -> None:
    cache.delete(_key(address, username))
