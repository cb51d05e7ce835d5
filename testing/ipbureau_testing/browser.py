"""Browser tests' fixtures: a real headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright. Made available to every test module by src/ipbureau/conftest.py.

A test module marks itself with `pytestmark = needs_chromium` so it is skipped where the
browser is absent. Screenshots go to $IPBUREAU_SCREENSHOT_DIR when set, else to pytest's tmp
dir. A module that needs another window size overrides the `browser_viewport` fixture.
"""

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def playwright():
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM
    # calls (data set-up, the live server's flush) are still plain synchronous code.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as pw:
            yield pw


@pytest.fixture
def browser_viewport() -> dict[str, int]:
    return {"width": 1280, "height": 900}


@pytest.fixture
def page(playwright, browser_viewport):
    """A page in a fresh Chromium profile: no cookies, no cache from another scenario."""
    with tempfile.TemporaryDirectory(prefix="ipbureau-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            locale="zh-CN",
            viewport=browser_viewport,
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("IPBUREAU_SCREENSHOT_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
