import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview } from 'vite';

/** What the launcher (tests/e2e/test_mini_program.py) hands over. */
export const env = {
  url: required('ZERORUN_URL'),
  clerk: required('ZERORUN_STAFF_CLERK'),
  reviewers: required('ZERORUN_STAFF_REVIEWERS').split(','),
  password: required('ZERORUN_STAFF_PASSWORD'),
  artifacts: required('ZERORUN_ARTIFACTS'),
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the journeys through tests/e2e/test_mini_program.py`);
  return value;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Where the built mini-program is: /m/ on the backend when it serves dist/, else a `vite
 * preview` of dist/ proxying /graphql (HTTP and WebSocket) to the backend.
 */
export async function serveApp(): Promise<{ url: string; close(): Promise<void> }> {
  const served = await fetch(`${env.url}/m/`).catch(() => null);
  if (served?.ok && (await served.text()).includes('id="app"')) return { url: `${env.url}/m/`, close: async () => {} };
  const port = await freePort();
  const server = await preview({
    root: resolve(import.meta.dirname, '..'),
    configFile: resolve(import.meta.dirname, '..', 'vite.config.ts'),
    logLevel: 'warn',
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
  return { url: `http://127.0.0.1:${port}/m/`, close: () => server.close() };
}

/** Debian's Chromium as a phone: 390×844, touch, 2× pixels. */
export async function phone(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, page: await secondPhone(browser) };
}

/** Another phone in the same browser: a context of its own (its own storage, its own citizen). */
export async function secondPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return page;
}

// Evaluated through the DevTools protocol: the page's CSP (script-src 'self') refuses a script tag.
const AXE = readFileSync(resolve(import.meta.dirname, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

type Violation = { id: string; impact: string; nodes: { target: string[] }[] };

/** The WCAG 2 A/AA violations axe-core finds on the page as shown. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.locator('.busy').waitFor({ state: 'detached' });
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })).violations;
  });
}

/** The WCAG 2 A/AA problems axe-core finds on the page as shown, as "rule: target" lines. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return (await axeViolations(page)).flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Wait for a page of the mini-program to be shown and loaded. */
export async function onPage(page: Page, name: string): Promise<void> {
  try {
    await page.locator(`[data-page="${name}"]`).waitFor({ timeout: 15_000 });
    await page.locator('.busy').waitFor({ state: 'detached' });
  } catch (error) {
    mkdirSync(env.artifacts, { recursive: true });
    await page.screenshot({ path: resolve(env.artifacts, `failed-waiting-for-${name}.png`), fullPage: true });
    throw error;
  }
}

/** A screenshot of the whole page as the citizen sees it, NN-name.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(env.artifacts, { recursive: true });
  await page.locator('.busy').waitFor({ state: 'detached' });
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky bar then sits on top
  await page.screenshot({ path: resolve(env.artifacts, `${name}.png`), fullPage: true });
}

export function applicationId(page: Page): string {
  const id = new URL(page.url()).hash.split('id=')[1];
  if (!id) throw new Error(`no application id in ${page.url()}`);
  return decodeURIComponent(id);
}

const tokens = new Map<string, string>();

/** A call to the staff API, /staff/graphql, as the named staff member. */
export async function staff<T = Record<string, unknown>>(username: string, query: string, variables: object = {}): Promise<T> {
  const post = async (body: object, token?: string): Promise<{ data?: T; errors?: unknown[] }> => {
    const response = await fetch(`${env.url}/staff/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  };
  let token = tokens.get(username);
  if (!token) {
    const signIn = 'mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }';
    const body = (await post({ query: signIn, variables: { u: username, p: env.password } })) as {
      data?: { signIn: { token?: string } };
    };
    token = body.data?.signIn.token;
    if (!token) throw new Error(`staff ${username} could not sign in: ${JSON.stringify(body)}`);
    tokens.set(username, token);
  }
  const body = await post({ query, variables }, token);
  if (!body.data || body.errors) throw new Error(`staff API: ${JSON.stringify(body)}`);
  return body.data;
}

/** A small real JPEG (the server judges a file by its content): a screenshot of a white page. */
export async function jpeg(page: Page): Promise<Buffer> {
  const other = await page.context().newPage();
  await other.setContent('<body style="background:#fff;margin:0"><div style="width:120px;height:160px"></div></body>');
  const image = await other.screenshot({ type: 'jpeg', clip: { x: 0, y: 0, width: 120, height: 160 } });
  await other.close();
  return image;
}

/** The smallest whole PDF (the server parses an uploaded PDF): one blank page, its cross-reference table at the right offsets. */
export const PDF = Buffer.from(
  '%PDF-1.4\n' +
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
    'xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n' +
    '0000000115 00000 n \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n',
);

/**
 * What keeps the page as shown from the MIIT elderly-adaptation spec (工业和信息化部《移动互联网应用（APP）
 * 适老化通用设计规范》), as "what: where" lines:
 * - text: every visible text (and every form control's own text) at a computed size of at least 18 px;
 * - target: every main tap target at least 60×60 px. Main means what a finger aims at to act: buttons,
 *   form controls, a link standing on its own (a link inside running text is excluded, as the spec allows),
 *   and for a radio or checkbox the label around it, which is its hit area (the small box itself is not
 *   measured); a file input laid invisibly over its label is measured through that label;
 * - axe: axe-core's serious and critical WCAG 2 A/AA violations (colour contrast ≥ 4.5:1 among them).
 */
export async function elderlyProblems(page: Page): Promise<string[]> {
  await page.locator('.busy').waitFor({ state: 'detached' });
  const sizes = await page.evaluate(() => {
    const problems: string[] = [];
    const where = (e: Element) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''} "${(e.textContent ?? '').trim().slice(0, 20)}"`;
    const shown = (e: Element) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const texts = new Set<Element>(document.querySelectorAll('input:not([type=radio]):not([type=checkbox]):not([type=file]), select, textarea'));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && node.textContent?.trim() && !node.parentElement.closest('option')) texts.add(node.parentElement);
    }
    for (const text of texts) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      if (shown(text) && size < 18) problems.push(`text ${size}px: ${where(text)}`);
    }
    const targets = new Set<Element>();
    for (const e of document.querySelectorAll('button, [role=button], input, select, textarea, a[href]')) {
      const label = e.closest('label');
      if (label) targets.add(label);
      else if (e.tagName === 'A' && e.parentElement?.textContent?.trim() !== e.textContent?.trim()) continue;
      else targets.add(e);
    }
    for (const target of targets) {
      if (!shown(target)) continue;
      const { width, height } = target.getBoundingClientRect();
      if (width < 60 || height < 60) problems.push(`target ${Math.round(width)}×${Math.round(height)}: ${where(target)}`);
    }
    return problems;
  });
  const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return [...sizes, ...serious.flatMap((v) => v.nodes.map((n) => `axe ${v.id}: ${n.target.join(' ')}`))];
}
