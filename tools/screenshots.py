"""Screenshots of every page of the web app, and of the static library site, into docs/screenshots/.

Run again after changing a page:

    .venv/bin/python tools/screenshots.py            # starts `sessionbuilder serve` on port 8111

It serves the app on 127.0.0.1 only, drives Debian's chromium (/usr/bin/chromium) with
Playwright, fills the forms as a user would (the review form with two findings, then with
errors), and stops the server at the end. Pages are shot at a laptop's width, from the top, at most 3000 pixels down.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
SB = str(Path(sys.executable).with_name("sessionbuilder"))
sys.path.insert(0, str(ROOT / "tests"))
from support import REVIEW_FORM, fill_review


def wait_for(url: str, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app did not answer at {url}")


MAX_HEIGHT = 3000  # a long list is shown from its top: enough to see how it reads; forms whole


def shoot(page: Page, name: str, most: int = MAX_HEIGHT) -> None:
    height = min(page.evaluate("document.documentElement.scrollHeight"), most)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1200, "height": height})
    print(f"docs/screenshots/{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8111)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    server = subprocess.Popen([SB, "serve", "--port", str(args.port), "--workers", "1"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(base + "/")
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
            site = Path(tmp) / "site"
            subprocess.run([SB, "site", "-o", str(site)], check=True, env=env,
                           stdout=subprocess.DEVNULL)
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            shots = [("home", "/"), ("build-a-session", "/build"), ("api-docs", "/api/docs"),
                     ("library-index", "/library/"),
                     ("library-filtered", "/library/?audience=health&theme=neglect&words=father"),
                     ("library-point", "/library/points/da-living-with-abuse-always-harmful.html"),
                     ("library-theme", "/library/themes/domestic-abuse.html"),
                     ("library-figures", "/library/figures.html"),
                     ("review-empty", "/review")]
            for name, path in shots:
                if page.goto(base + path).status == 200:
                    shoot(page, name)
            fill_review(page, {k: v for k, v in REVIEW_FORM.items()
                               if not k.startswith("contact")})
            page.locator("#contact-1-label").fill(REVIEW_FORM["contact-1-label"])
            page.locator("#contact-1-detail").fill(REVIEW_FORM["contact-1-detail"])
            page.get_by_role("button", name="Add another contact").click()
            shoot(page, "review-filled", 10_000)
            page.locator("#title").fill("")
            page.locator("#published").fill("31/02/2025")
            page.get_by_role("button", name="Download the briefing in Word (.docx)").click()
            shoot(page, "review-errors", 10_000)
            page.goto((site / "index.html").as_uri())
            shoot(page, "site-index")
            page.goto((site / "points" / "da-living-with-abuse-always-harmful.html").as_uri())
            shoot(page, "site-point")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
