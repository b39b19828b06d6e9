import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** The browser journeys run against a real server (ZERORUN_URL) in Debian's Chromium; no
 * browser is ever downloaded. */

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: the journeys need a running server and a county administrator (see tests/e2e/test_configurator.py).`,
    );
  return value;
}

export const env = {
  url: required('ZERORUN_URL').replace(/\/$/, ''),
  user: required('ZERORUN_STAFF_USER'),
  password: required('ZERORUN_STAFF_PASSWORD'),
  /** A county administrator of a county that has not localised the province's templates yet. */
  localUser: required('ZERORUN_LOCAL_STAFF_USER'),
  artifacts: resolve(process.env.ZERORUN_ARTIFACTS ?? '../artifacts/configurator'),
};

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A page that fails the journey on any uncaught error of the configurator. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** Screenshot to $ZERORUN_ARTIFACTS/<name>.png, name like 03-new-matter. */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(env.artifacts, { recursive: true });
  await page.waitForTimeout(300); // let antd's animations settle
  await page.screenshot({ path: join(env.artifacts, `${name}.png`), fullPage: options.fullPage ?? false });
}

export async function signIn(page: Page, screenshot?: string, user = env.user): Promise<void> {
  await page.goto(`${env.url}/configurator/`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(env.password);
  if (screenshot) await shot(page, screenshot);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '本地事项' }).waitFor();
}

/** Choose an option of an antd Select (searching it when the select can be typed in). */
export async function choose(page: Page, select: Locator, option: string, search?: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  const item = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first();
  const multiple = await select.evaluate((el) =>
    Boolean(el.closest('.ant-select-multiple') ?? el.querySelector('.ant-select-multiple')),
  );
  // The next step may open another select: wait until this one's list has closed, or a slow
  // machine lets the next click land on this list as it fades. (A multiple select stays open.)
  // A click while the list is still sliding open can miss its option: then it is clicked again.
  for (let attempt = 1; ; attempt++) {
    await item.click();
    if (multiple) return;
    try {
      await item.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(name) }).click();
}

/** Save the draft and wait for the server's answer. */
export async function saveDraft(page: Page): Promise<void> {
  await page.locator('.save-draft').click();
  await page.locator('.ant-message-notice').last().waitFor();
}

// The configurator's own axe-core, or the mini-program's while the configurator's lock file
// does not carry it yet; read when first used.
const AXE_FILES = ['.', '../mini_program_stub'].map((client) =>
  resolve(import.meta.dirname, '..', client, 'node_modules', 'axe-core', 'axe.min.js'),
);
const axeSource = (): string =>
  readFileSync(AXE_FILES.find((file) => existsSync(file)) ?? (AXE_FILES[0] as string), 'utf8');

/** The WCAG 2 A/AA problems axe-core finds in the part of the page `selector` names (the whole
 * page by default), as "rule: target" lines. */
export async function accessibilityProblems(page: Page, selector = 'body'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async (include) => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<Result> } }).axe;
    const { violations } = await axe.run(
      { include: [include] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } },
    );
    return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }, selector);
}
