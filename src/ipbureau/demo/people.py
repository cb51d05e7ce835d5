"""Names and acting staff shared by the demo's cases and 12330 centre."""

from __future__ import annotations

import random

from ipbureau.accounts.models import User
from ipbureau.demo.tables import (
    CITIES,
    COUNTIES,
    GIVEN_CHARS,
    PARTY_BRANDS,
    PARTY_TRADES,
    SURNAMES,
)

# The demo accounts that act on cases and requests (see demo.DEMO_USERS).
DEMO_STAFF = ("admin", "sheng", "lanzhou", "tianshui", "chengguan")


class Names:
    """Made-up but plausible parties: companies named after the city, shops after the
    county, people from the demo's surnames and given-name characters."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def place(self, region: str) -> str:
        county = COUNTIES.get(region)
        if county and county[0]:
            return CITIES[region[:4]][0] + county[0]
        return CITIES[region[:4]][1] if region[:4] in CITIES else "甘肃"

    def company(self, region: str) -> str:
        short = CITIES.get(region[:4], ("", "甘肃"))[1]
        return f"{short}{self.rng.choice(PARTY_BRANDS)}{self.rng.choice(PARTY_TRADES)}有限公司"

    def shop(self, region: str) -> str:
        kind = self.rng.choice(("商行", "经营部", "五金店", "建材城"))
        return f"{self.place(region)}{self.rng.choice(PARTY_BRANDS)}{kind}"

    def person(self) -> str:
        given = "".join(self.rng.choice(GIVEN_CHARS) for _ in range(self.rng.choice((1, 2))))
        return self.rng.choice(SURNAMES) + given

    def phone(self) -> str:
        rng = self.rng
        return f"1{rng.choice('358')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def demo_staff(users: dict[str, User], region: str) -> tuple[User, list[User]]:
    """Who acts on a case (or 12330 request) of the region, and the case's two officers."""
    u = users
    if region == "620102":
        return u["chengguan"], [u["chengguan"], u["lanzhou"]]
    if region.startswith("6201"):
        return u["lanzhou"], [u["lanzhou"], u["sheng"]]
    if region.startswith("6205"):
        return u["tianshui"], [u["tianshui"], u["sheng"]]
    return u["sheng"], [u["sheng"], u["admin"]]
