"""Take docs/report.png: the HTML report of examples/docs in headless Chromium.

    python docs/screenshot.py            # needs chromium, chromium-driver and a CJK font (fonts-noto-cjk)

Run from the repository's folder after changing the report's look; keep the PNG under 300 KB.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "auditor", "check", "examples/docs", "--format", "html",
                        "--fail-on", "never", "-o", str(report)], cwd=ROOT, check=True)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1400",
                    f"--user-data-dir={tmp}/profile"):
            options.add_argument(arg)
        browser = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
        try:
            browser.get(report.as_uri())
            target = ROOT / "docs" / "report.png"
            browser.save_screenshot(str(target))
        finally:
            browser.quit()
    size = target.stat().st_size
    print(f"{target}: {size / 1024:.0f} KB")
    return 0 if size < 300 * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
