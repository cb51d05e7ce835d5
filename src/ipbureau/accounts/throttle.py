"""Failed-login throttle: after too many failures from one address for one user name, that
pair is refused for a while. Kept in Django's cache (per process by default; configure a
shared cache for several server processes)."""

from ipbureau.accounts import ratelimit

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60


def _key(address: str, username: str) -> str:
    return f"login-failures:{address}:{username.strip().lower()[:150]}"


def login_blocked(address: str, username: str) -> bool:
    return ratelimit.hits(_key(address, username)) >= MAX_FAILURES


def login_failed(address: str, username: str) -> None:
    ratelimit.hit(_key(address, username), WINDOW_SECONDS)


def login_succeeded(address: str, username: str) -> None:
    ratelimit.forget(_key(address, username))
