"""Rate limits of the public portal per client address, kept in Django's cache like the
login throttle (per process by default; configure a shared cache for several server
processes). The address is REMOTE_ADDR: behind a reverse proxy, the proxy must pass the
client's address there."""

from ipbureau.accounts import ratelimit

SUBMISSIONS_PER_HOUR = 5
TRACKS_PER_HOUR = 20
WINDOW_SECONDS = 3600


def _key(action: str, address: str) -> str:
    return f"portal:{action}:{address}"


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def over_limit(action: str, address: str, limit: int) -> bool:
    return ratelimit.hits(_key(action, address)) >= limit


def count(action: str, address: str) -> None:
    ratelimit.hit(_key(action, address), WINDOW_SECONDS)
