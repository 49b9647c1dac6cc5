"""Headless Chromium for the tests that need a real browser's layout: where an element is drawn.

A page is loaded from a file with a script of the test's own (never part of what the grader
writes) that measures the page and writes what it found into the DOM as JSON; Chromium's
`--dump-dom` prints the DOM once the page has loaded. Found as tests/test_reports.py finds it;
absent, the tests that need it skip, unless GRADER_REQUIRE_BROWSER=1 (CI installs it).
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
WINDOW = (1100, 900)
"""the browser's window: the first screen a student sees is its height"""

needs_browser = pytest.mark.skipif(
    BROWSER is None and os.environ.get("GRADER_REQUIRE_BROWSER") != "1",
    reason="needs Chromium: apt-get install chromium (.ci/run installs it)")


def _run(page: Path, tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    assert BROWSER, "GRADER_REQUIRE_BROWSER=1 but no chromium on PATH"
    profile = tmp_path / f"profile-{page.stem}"
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}",
                           f"--window-size={WINDOW[0]},{WINDOW[1]}", *flags, page.as_uri()],
                          capture_output=True, text=True, timeout=120)


def measured(page: Path, tmp_path: Path) -> dict:
    """What the page's own script wrote into `<pre id="measured">` as JSON."""
    done = _run(page, tmp_path, "--dump-dom")
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found, f"the page measured nothing: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def screenshot(page: Path, tmp_path: Path) -> Path:
    png = page.with_suffix(".png")
    done = _run(page, tmp_path, f"--screenshot={png}")
    assert png.exists(), f"no screenshot of {page.name}: {done.stderr[-2000:]}"
    return png
