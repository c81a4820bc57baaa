"""The README's screenshots, taken from the real pages of a build in headless Chromium.

Usage (after ``make demo``)::

    .venv/bin/python docs/screenshots.py [--build out] [--chromium /usr/bin/chromium]

writes ``docs/network-view.png`` and ``docs/conflict-view.png`` (1400 x 900, the layout
settled, actors without relations hidden as the pages open).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = {"network.html": "network-view.png", "conflict.html": "conflict-view.png"}
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def settle(page, timeout: float = 60.0) -> None:
    started = time.monotonic()
    while not page.evaluate("window.agStable === true"):
        if time.monotonic() - started > timeout:
            raise TimeoutError("the page did not settle")
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", type=Path, default=Path("out"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=ARGS)
        context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        for page_name, image in PAGES.items():
            source = args.build / page_name
            if not source.is_file():
                sys.exit(f"{source}: no page here; run `make demo` (or pass --build DIR)")
            page = context.new_page()
            page.goto(source.resolve().as_uri())
            settle(page)
            page.wait_for_timeout(300)
            page.screenshot(path=str(HERE / image))
            print(f"written: {HERE / image}")
        browser.close()


if __name__ == "__main__":
    main()
