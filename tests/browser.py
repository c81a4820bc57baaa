"""Helpers for driving the network pages in headless Chromium."""

from __future__ import annotations

import time


def wait_until_stable(page, timeout: float = 60.0) -> float:
    """Wait until the page's layout has settled (``window.agStable``); return the seconds taken.

    Polls with ``page.evaluate`` from Python: the pages' Content-Security-Policy forbids
    eval, which Playwright's in-page ``wait_for_function`` polling needs.
    """
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if page.evaluate("window.agStable === true"):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise TimeoutError(f"the page did not settle within {timeout} s")
