"""Accessibility check with axe-core (vendored: prongsai/portal/tests/vendor/axe.min.js, from the
npm registry) in headless Chromium through Playwright. Used by script/a11y and the tests."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "tests" / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def check(urls: list[str], *, width: int = 1280) -> dict[str, list[dict]]:
    """{url: [violation]} with axe's id, impact, help and the failing nodes' targets."""
    from playwright.sync_api import sync_playwright

    source = AXE.read_text(encoding="utf-8")
    out: dict[str, list[dict]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # bypass_csp: axe is injected by the checker, not served by the site (the CSP stays on for users).
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="th-TH", bypass_csp=True)
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
            page.add_script_tag(content=source)
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
            out[url] = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                         "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]}
                        for v in result["violations"]]
        browser.close()
    return out


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]
