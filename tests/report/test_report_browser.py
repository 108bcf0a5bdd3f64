"""The run report in a real browser: headless Chromium (Debian's chromium and
chromium-driver). Skipped where they are missing; .ci/run installs them.

Checks that the page renders (charts have a size on screen), that every section
is there, that nothing is fetched from outside, and that no raw identifier planted
in the input appears in the rendered page or in report.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from planted import PII, TEXTS

from veil.cli import main

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p),
    None,
)
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

SECTIONS = ["glance", "run", "records", "labels", "scores", "samples", "canaries"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("browser")
    src = d / "in.jsonl"
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS * 3))
    rc = main(
        ["anonymize", str(src), "-o", str(d / "out.jsonl"), "--canaries", "2", "--no-progress"]
    )
    assert rc == 0
    return d / "out.jsonl.report.html", d / "out.jsonl.report.json"


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-extensions", *args],
        capture_output=True, text=True, timeout=90, check=False,
        env={**os.environ, "HOME": os.environ.get("HOME", "/tmp")},
    )  # fmt: skip


def test_report_json_holds_no_planted_identifier(report: tuple[Path, Path]) -> None:
    text = report[1].read_text()
    for v in PII:
        assert v not in text


def test_rendered_dom_has_charts_and_no_identifier(report: tuple[Path, Path]) -> None:
    html, _ = report
    proc = _chromium("--dump-dom", html.as_uri())
    dom = proc.stdout
    assert "<svg" in dom, proc.stderr[-2000:]
    assert dom.count('class="chart"') >= 5
    for sec in SECTIONS:
        assert f'id="{sec}"' in dom
    for v in PII:
        assert v not in dom


def test_screenshot_is_not_blank(report: tuple[Path, Path], tmp_path: Path) -> None:
    html, _ = report
    shot = tmp_path / "report.png"
    proc = _chromium(
        "--hide-scrollbars", "--window-size=1280,1600", f"--screenshot={shot}", html.as_uri()
    )
    assert shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a blank page is ~5 KB


@pytest.mark.skipif(DRIVER is None, reason="chromium-driver is not installed")
def test_charts_have_a_size_on_screen(report: tuple[Path, Path]) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    try:
        driver.set_window_size(1280, 1600)
        driver.get(report[0].as_uri())
        assert driver.title == "Veil run report"
        charts = driver.find_elements("css selector", "svg.chart")
        assert len(charts) >= 5
        for c in charts:
            assert c.size["width"] > 100 and c.size["height"] > 20
            assert c.find_elements("css selector", "rect")
        assert driver.find_elements("css selector", "#samples .hit")
        text = driver.find_element("tag name", "body").text
        for v in PII:
            assert v not in text
        resources = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        assert resources == []  # nothing fetched: no external asset
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
    finally:
        driver.quit()
