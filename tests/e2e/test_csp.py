"""Both web clients, as the server sends them with their Content-Security-Policy, in real
Chromium: the mini-program signs a resident in, the configurator signs a county administrator in
and validates an answer in its form preview (ajv compiles the schema), and the browser reports
no violation of the policy, neither as a `securitypolicyviolation` event nor on the console."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, demo_env, serving
from support import STAFF_PASSWORD

from backend.infra.headers import CONFIGURATOR, WEB_CLIENT
from backend.settings import ROOT

ADMIN = "xihu-admin"

# Run by `node -e` in configurator/, where playwright-core is installed. Each page reports every
# violation through a binding that outlives navigations. At the end a probe breaks the policy on
# purpose (an image from another origin): its report shows that reports arrive, and once it has
# arrived every earlier report has too.
JOURNEYS = r"""
const { chromium } = require('playwright-core');
const url = process.env.ZERORUN_URL;
const PROBE = 'https://csp-probe.invalid/probe.png';

async function watched(browser, path, journey) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.setDefaultTimeout(30_000);
  const seen = { policy: null, violations: [], console: [], probe: false, done: false };
  await page.exposeFunction('reportViolation', (v) => {
    if (v.blockedURI === PROBE) seen.probe = true;
    else seen.violations.push(v);
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation({
        directive: e.violatedDirective, blockedURI: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      }),
    ),
  );
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text()) && !m.text().includes(PROBE)) seen.console.push(m.text());
  });
  const response = await page.goto(`${url}${path}`);
  seen.policy = response.headers()['content-security-policy'] ?? null;
  seen.done = await journey(page);
  await page.evaluate((probe) => { new Image().src = probe; }, PROBE);
  while (!seen.probe) await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  await page.close();
  return seen;
}

async function miniProgram(page) {
  await page.locator('[data-page="signin"]').waitFor();
  await page.getByRole('button', { name: /^王建国/ }).click();
  await page.locator('[data-page="home"]').waitFor();
  await page.locator('.busy').waitFor({ state: 'detached' });
  return true;
}

async function configurator(page) {
  await page.getByLabel('用户名').fill(process.env.ZERORUN_STAFF_USER);
  await page.getByLabel('密码').fill(process.env.ZERORUN_STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '本地事项' }).waitFor();
  await page.locator('table tbody tr').first().click();
  await page.getByRole('tab', { name: /预览/ }).click();
  const field = page.locator('.answers-form input[id^="root_"]').first();
  await field.fill('abc');  // live validation: ajv compiles the previewed form's schema
  await page.keyboard.press('Tab');
  const shown = page.locator('.answers-form .ant-form-item-explain-error').first();
  return shown.waitFor({ timeout: 10_000 }).then(() => true, () => false);  // its error shown
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const seen = {
      m: await watched(browser, '/m/', miniProgram),
      configurator: await watched(browser, '/configurator/', configurator),
    };
    console.log(JSON.stringify(seen));
  } finally {
    await browser.close();
  }
})().catch((error) => { console.error(error); process.exit(1); });
"""


@pytest.fixture
def server(templates: dict[str, str], tmp_path: Path, registry_server: str) -> Iterator[str]:
    """One server process on a copy of the demo database, with a county administrator."""
    database = tmp_path / "csp.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = demo_env(database, tmp_path, "csp")
    created = subprocess.run(
        [sys.executable, "-m", "backend", "staff", "create", ADMIN, "--name", "西湖区管理员",
         "--role", "county_admin", "--region", "330106"],
        input=STAFF_PASSWORD + "\n", env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    with serving(env) as url:
        yield url


def browse(url: str) -> dict[str, Any]:
    """The journeys in Chromium; what each page saw."""
    node = shutil.which("node")
    missing = [
        what
        for what, there in (
            ("node", node is not None),
            (str(CHROMIUM), CHROMIUM.exists()),
            ("configurator/node_modules", (ROOT / "configurator" / "node_modules").is_dir()),
            ("configurator/dist", (ROOT / "configurator" / "dist" / "index.html").is_file()),
            (
                "mini_program_stub/dist",
                (ROOT / "mini_program_stub" / "dist" / "index.html").is_file(),
            ),
        )
        if not there
    ]
    if node is None or missing:
        pytest.fail(f"missing {', '.join(missing)}: run scripts/test (it builds the web clients)")
    run = subprocess.run(
        [node, "-e", JOURNEYS],
        cwd=ROOT / "configurator",
        env={
            **os.environ,
            "ZERORUN_URL": url,
            "ZERORUN_STAFF_USER": ADMIN,
            "ZERORUN_STAFF_PASSWORD": STAFF_PASSWORD,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    seen: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return seen


def test_both_web_clients_render_and_sign_in_without_breaking_their_content_security_policy(
    server: str,
) -> None:
    seen = browse(server)

    assert seen["m"]["policy"] == WEB_CLIENT
    assert seen["configurator"]["policy"] == CONFIGURATOR
    for client in ("m", "configurator"):
        assert seen[client]["probe"], f"{client}: the browser reported no violation at all"
        assert seen[client]["violations"] == [], client
        assert seen[client]["console"] == [], client
        assert seen[client]["done"], f"{client}: the journey did not reach its end"
