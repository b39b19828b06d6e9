import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { env } from '../e2e/support';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  accessibilityProblems,
  citizen,
  citizenApi,
  DEMO_PASSWORD,
  ID_CARD,
  ID_CARD_ANSWERS,
  launch,
  openPage,
  shot,
  signInAs,
  START_MATTER,
  SIZES,
  STAFF,
} from './support';

const SUBMIT = `mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    __typename
    ... on Application { id status }
    ... on ApplicationError { code message { zh } errors { path message { zh } } }
  }
}`;
const FLOW = `query($id: ID!) {
  application(id: $id) { status answers correction { items { path reason } } }
}`;

interface Flow {
  status: string;
  answers: Record<string, unknown>;
  correction: { items: { path: string; reason: string }[] } | null;
}

/** One staff API call with the token of a second session (another desk of the same window). */
async function staffApi<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${env.url}/staff/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`staff API: ${JSON.stringify(body)}`);
  return body.data;
}
const STAFF_SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }`;
const ACCEPT = `mutation($id: ID!) { acceptApplication(id: $id) { __typename } }`;
const NEEDED = `query($id: ID!) { application(id: $id) { dataSharing { sourceId } } }`;
const GRANT = `mutation($id: ID!, $sources: [String!]!) { grantConsent(applicationId: $id, sources: $sources) { __typename } }`;
const UPLOAD = `mutation($id: ID!, $material: String!, $file: Upload!) {
  uploadMaterial(applicationId: $id, materialId: $material, file: $file) { __typename }
}`;
/** Birth registration (出生登记): its birth medical certificate is uploaded by the parent. */
const BIRTH = '330106-ZJ-005';
const CERTIFICATE = 'birth_medical_certificate';
// One white pixel, whole (as tests/support.py's PNG); the smallest whole PDF, one blank page.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4////fwAJ+wP9KobjigAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const PDF = [
  '%PDF-1.4\n',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n',
  'xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n',
  '0000000115 00000 n \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n',
].join('');

/** axe-core on the page once antd's toasts are gone (they fade in and out at low contrast). */
async function problems(page: Page): Promise<string[]> {
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice'), undefined, { timeout: 10_000 });
  return accessibilityProblems(page);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function submitted(token: string, key: string): Promise<string> {
  const started = await citizenApi<{ startApplication: { id: string } }>(START_MATTER, { code: ID_CARD, key }, token);
  const id = started.startApplication.id;
  const input = { applicationId: id, answers: ID_CARD_ANSWERS, deliveryMode: 'express' };
  const body = await citizenApi<{ submitApplication: { __typename: string } }>(SUBMIT, { input }, token);
  expect(body.submitApplication.__typename).toBe('Application');
  return id;
}

/** A birth registration by `resident`, the newborn's `parent`, with the birth medical
 * certificate uploaded as `file`, submitted. */
async function submittedWithUpload(resident: string, parent: string, file: File): Promise<string> {
  const token = await citizen(resident);
  const key = `clerk-e2e-file-${resident}-${Date.now()}`;
  const started = await citizenApi<{ startApplication: { id: string } }>(START_MATTER, { code: BIRTH, key }, token);
  const id = started.startApplication.id;
  const needed = await citizenApi<{ application: { dataSharing: { sourceId: string }[] } }>(NEEDED, { id }, token);
  await citizenApi(GRANT, { id, sources: needed.application.dataSharing.map((d) => d.sourceId) }, token);
  const body = new FormData();
  body.append('operations', JSON.stringify({ query: UPLOAD, variables: { id, material: CERTIFICATE, file: null } }));
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', file);
  const response = await fetch(`${env.url}/graphql`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body,
  });
  expect(await response.json()).toEqual({ data: { uploadMaterial: { __typename: 'Application' } } });
  const born = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const answers = {
    applicant_mobile: '13805710005',
    birth_medical_certificate_no: 'Q330123456',
    guardian_relationship: parent,
    newborn_birth_date: born,
    newborn_name: '王小宝',
    newborn_sex: 'male',
  };
  const input = { applicationId: id, answers };
  const sent = await citizenApi<{ submitApplication: { __typename: string } }>(SUBMIT, { input }, token);
  expect(sent.submitApplication, JSON.stringify(sent)).toMatchObject({ status: 'SUBMITTED' });
  return id;
}

/** Tab forward until the focused element matches `selector` (the keyboard's way there). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

it('a window clerk accepts one application by keyboard alone and asks for one correction on another', async () => {
  const chen = await citizen('demo-5');
  const stamp = Date.now();
  const accepted = await submitted(chen, `clerk-e2e-a-${stamp}`);
  const corrected = await submitted(chen, `clerk-e2e-c-${stamp}`);

  const { page, errors } = await openPage(browser);
  await page.setViewportSize(SIZES[0]);
  await signInAs(page, STAFF.clerk, '受理队列');
  await page.locator('tr.clerk-row').first().waitFor();
  // the applicant as a list shows them: name and resident ID masked, never in full
  await expect(page.getByText('陈*然').first().isVisible()).resolves.toBe(true);
  await expect(page.getByText('330106********0031').first().isVisible()).resolves.toBe(true);
  await expect(page.getByText('330106201006080031').count()).resolves.toBe(0);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `10-clerk-queue-${size.width}`);
  }
  expect(await problems(page)).toEqual([]);

  // keyboard only: to the search box, the application's number, ↓ to its row, Enter, Alt+A, Enter
  await tabTo(page, 'input[aria-label="按申请人姓名、身份证号或申请编号搜索"]');
  await page.keyboard.type(accepted);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('tr.clerk-row').length === 1);
  await page.keyboard.press('ArrowDown');
  await expect(page.evaluate(() => document.activeElement?.classList.contains('clerk-row'))).resolves.toBe(true);
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: '申请材料' }).waitFor();
  await expect(page.getByText('陈浩然').first().isVisible()).resolves.toBe(true);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `11-clerk-application-${size.width}`);
  }
  expect(await problems(page)).toEqual([]);
  await page.keyboard.press('Alt+KeyA');
  const dialog = page.getByRole('dialog', { name: '受理申请' });
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent?.includes('确认受理') ?? false);
  await shot(page, '12-clerk-accept');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('.clerk-header .ant-tag', { hasText: '已受理' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: '受理队列' }).waitFor();

  // live: an application submitted while the queue is open shows as a banner with a refresh
  await page.locator('tr.clerk-row').first().waitFor();
  await page.getByText('实时更新中').waitFor(); // the subscription has read the queue: news from now on
  await submitted(chen, `clerk-e2e-live-${stamp}`);
  await page.getByText('有新的申请').waitFor();
  await shot(page, '14-clerk-live');
  expect(await problems(page)).toEqual([]);

  // the correction notice: one field, with its reason
  await page.goto(`${page.url().split('#')[0]}#/applications/${corrected}`);
  await page.getByRole('tab', { name: '申请材料' }).waitFor();
  await page.getByRole('button', { name: /补正告知/ }).click();
  const notice = page.getByRole('dialog', { name: '一次性告知补正' });
  await notice.getByRole('checkbox', { name: '需补正：申请人手机号码' }).check();
  await notice.getByLabel('申请人手机号码 的补正理由').fill('号码无法接通，请核对');
  await shot(page, '13-clerk-correction');
  expect(await problems(page)).toEqual([]);
  await notice.getByRole('button', { name: '发送补正告知' }).click();
  await notice.waitFor({ state: 'hidden' });
  await page.locator('.clerk-header .ant-tag', { hasText: '待补正' }).waitFor();

  // the citizen fixes exactly the item named and sends it again
  const flow = (await citizenApi<{ application: Flow }>(FLOW, { id: corrected }, chen)).application;
  expect(flow.status).toBe('CORRECTION_REQUESTED');
  expect(flow.correction?.items).toEqual([{ path: '/answers/applicant_mobile', reason: '号码无法接通，请核对' }]);
  const input = { applicationId: corrected, answers: { ...flow.answers, applicant_mobile: '13805719999' } };
  const again = await citizenApi<{ submitApplication: { status: string } }>(SUBMIT, { input }, chen);
  expect(again.submitApplication.status).toBe('SUBMITTED');

  expect(errors).toEqual([]);
  await page.close();
});

it('tells the clerk plainly when another desk has just handled the application', async () => {
  const chen = await citizen('demo-5');
  const application = await submitted(chen, `clerk-e2e-conflict-${Date.now()}`);
  const { page, errors } = await openPage(browser);
  await signInAs(page, STAFF.clerk, '受理队列');
  await page.goto(`${page.url().split('#')[0]}#/applications/${application}`);
  await page.getByRole('tab', { name: '申请材料' }).waitFor();

  const other = await staffApi<{ signIn: { token: string } }>(STAFF_SIGN_IN, { u: STAFF.clerk, p: DEMO_PASSWORD });
  await staffApi(ACCEPT, { id: application }, other.signIn.token);
  await page.keyboard.press('Alt+KeyA');
  await page.getByRole('button', { name: '确认受理' }).click();

  await page.getByText('该申请已被其他工作人员处理，请刷新').waitFor();
  await shot(page, '15-clerk-conflict');
  expect(await problems(page)).toEqual([]);
  await page.getByRole('button', { name: '刷新' }).click();
  await page.locator('.clerk-header .ant-tag', { hasText: '已受理' }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});

it('shows the clerk an uploaded photo and an uploaded PDF in the browser, each download audited', async () => {
  const photo = await submittedWithUpload(
    'demo-1',
    'father',
    new File([PNG], 'certificate.png', { type: 'image/png' }),
  );
  const scan = await submittedWithUpload(
    'demo-2',
    'mother',
    new File([PDF], 'certificate.pdf', { type: 'application/pdf' }),
  );
  const { page, errors } = await openPage(browser);
  await signInAs(page, STAFF.clerk, '受理队列');
  const open = async (id: string) => {
    const served = page.waitForResponse((r) => r.url().endsWith(`/staff/files/${id}/${CERTIFICATE}`));
    await page.goto(`${page.url().split('#')[0]}#/applications/${id}`);
    await page.getByRole('tab', { name: '申请材料' }).click();
    return served;
  };

  const image = await open(photo);
  expect(image.status()).toBe(200);
  const preview = page.locator('img.clerk-preview');
  await preview.waitFor();
  await page.waitForFunction(
    () => (document.querySelector<HTMLImageElement>('img.clerk-preview')?.naturalWidth ?? 0) > 0,
  );
  await expect(preview.getAttribute('alt')).resolves.toBe('certificate.png 的预览');
  await shot(page, '16-clerk-file-image');
  expect(await problems(page)).toEqual([]);

  const pdf = await open(scan);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const viewer = page.locator('iframe.clerk-preview-frame');
  await viewer.waitFor();
  await expect(viewer.getAttribute('title')).resolves.toBe('certificate.pdf 的预览');
  const src = await viewer.getAttribute('src');
  expect(src).toMatch(/^blob:/);
  // the frame shows the PDF itself (a frame the page's policy refused would show an error page)
  await expect.poll(() => page.frames().map((f) => f.url())).toContain(src);
  await shot(page, '17-clerk-file-pdf');
  expect(await problems(page)).toEqual([]);

  // tests/e2e/test_workbench.py checks the audit log for these two downloads by the clerk
  writeFileSync(join(env.artifacts, 'clerk-file-reads.json'), JSON.stringify([photo, scan]));
  expect(errors).toEqual([]);
  await page.close();
});
