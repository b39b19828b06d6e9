import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PDF, accessibilityProblems, env, onPage, phone, secondPhone, serveApp, shot, staff } from './support';

/** Waiting for the server on a busy machine: a poll gives up after this, not after vitest's 1 s. */
const SLOW = { timeout: 15_000 };
const CHILD = { name: '陈浩然', residentId: '330106201006080031' };

let browser: Browser;
let aunt: Page;
let app: { url: string; close(): Promise<void> };

beforeAll(async () => {
  app = await serveApp();
  ({ browser, page: aunt } = await phone());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Shown, loaded, and clean for axe-core (WCAG 2 A and AA). */
async function accessible(page: Page, name: string): Promise<void> {
  await onPage(page, name);
  expect(await accessibilityProblems(page)).toEqual([]);
}

async function signIn(page: Page, who: RegExp): Promise<void> {
  await page.goto(app.url);
  await onPage(page, 'signin');
  await page.getByRole('button', { name: who }).click();
  await onPage(page, 'home');
}

async function claimChild(page: Page, name: string, residentId: string): Promise<void> {
  await page.getByLabel('孩子的姓名').fill(name);
  await page.getByLabel('孩子的身份证号').fill(residentId);
  await page.getByLabel('孩子的身份证号').press('Tab');
  await page.getByRole('button', { name: '确认监护关系' }).click();
  await page.locator('.busy').waitFor({ state: 'detached' });
}

async function uploadBirthCertificate(page: Page): Promise<void> {
  await page.getByTestId('guardianship-file').setInputFiles({ name: '出生医学证明.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect.poll(() => page.getByTestId('outcome').textContent(), SLOW).toContain('等待窗口审核');
}

interface StaffClaim {
  id: string;
  guardianName: string;
  childResidentId: string;
  status: string;
}

/** The window clerk of 西湖区 decides 李萍's pending claim, as the staff workbench would. */
async function clerkDecides(grant: boolean, reason: string | null): Promise<void> {
  const { guardianshipClaims } = await staff<{ guardianshipClaims: StaffClaim[] }>(
    env.clerk,
    '{ guardianshipClaims { id guardianName childResidentId status } }',
  );
  const claim = guardianshipClaims.find((c) => c.guardianName === '李萍' && c.childResidentId === CHILD.residentId && c.status === 'pending');
  if (!claim) throw new Error(`no pending claim of 李萍 in ${JSON.stringify(guardianshipClaims)}`);
  const decided = await staff<{ decideGuardianshipClaim: { __typename: string; status?: string } }>(
    env.clerk,
    'mutation($id: ID!, $grant: Boolean!, $reason: String) { decideGuardianshipClaim(id: $id, grant: $grant, reason: $reason) { __typename ... on StaffGuardianshipClaim { status } } }',
    { id: claim.id, grant, reason },
  );
  expect(decided.decideGuardianshipClaim.status).toBe(grant ? 'granted' : 'refused');
}

test('李萍 shows her guardianship of 陈浩然 by a birth certificate; refused once, granted, she acts for him', async () => {
  // From the family page to guardianship: the register does not list the boy with her.
  await signIn(aunt, /^李萍/);
  await aunt.getByRole('button', { name: '家人代办' }).click();
  await accessible(aunt, 'family');
  await aunt.getByRole('button', { name: '为未成年子女办理（监护）' }).click();
  await accessible(aunt, 'guardianship');
  expect(await aunt.getByTestId('wards').locator('li').count()).toBe(0);
  await claimChild(aunt, CHILD.name, CHILD.residentId);
  await expect.poll(() => aunt.getByText('需要上传证明材料').count(), SLOW).toBe(1);
  expect(await aunt.getByText('PDF、JPG 或 PNG 文件，不超过 10 MB').count()).toBe(1);
  expect(await accessibilityProblems(aunt)).toEqual([]);
  await shot(aunt, '60-guardianship-needs-material');

  // She uploads the birth certificate: a claim waiting for the window, which refuses it with a reason.
  await uploadBirthCertificate(aunt);
  expect(await aunt.locator('[data-claim][data-status="pending"]').textContent()).toContain('待窗口审核');
  expect(await accessibilityProblems(aunt)).toEqual([]);
  await shot(aunt, '61-guardianship-pending');
  await clerkDecides(false, '照片看不清，请重新上传出生医学证明');
  await aunt.reload();
  await accessible(aunt, 'guardianship');
  const refused = aunt.locator('[data-claim][data-status="refused"]');
  expect(await refused.textContent()).toContain('未通过原因：照片看不清，请重新上传出生医学证明');

  // She sends it again; this time the window grants it.
  await claimChild(aunt, CHILD.name, CHILD.residentId);
  await uploadBirthCertificate(aunt);
  await clerkDecides(true, null);
  await aunt.reload();
  await accessible(aunt, 'guardianship');
  await expect.poll(() => aunt.getByTestId('wards').locator('li').count(), SLOW).toBe(1);
  expect(await aunt.locator('[data-claim][data-status="granted"]').textContent()).toContain('已确认');
  await shot(aunt, '62-guardianship-granted');

  // 长辈模式 and English read the same page in their words, still clean for axe-core.
  await aunt.getByRole('button', { name: '长辈模式' }).click();
  await accessible(aunt, 'guardianship');
  expect(await aunt.getByRole('button', { name: '替孩子办' }).count()).toBe(1);
  await shot(aunt, '63-guardianship-elderly');
  await aunt.getByRole('button', { name: '长辈模式' }).click();
  await aunt.getByRole('button', { name: 'English' }).click();
  await accessible(aunt, 'guardianship');
  expect(await aunt.getByRole('heading', { name: 'Children in my care' }).count()).toBe(1);
  await aunt.getByRole('button', { name: '中文' }).click();
  await accessible(aunt, 'guardianship');

  // She acts for the boy: the banner names him on every page until she comes back to herself.
  await aunt.getByRole('button', { name: '为孩子办理' }).click();
  await accessible(aunt, 'home');
  expect(await aunt.getByTestId('acting').textContent()).toContain('您正在为 陈浩然 代办');
  await shot(aunt, '64-guardian-acting');
  await aunt.getByRole('button', { name: '回到我自己' }).click();
  await onPage(aunt, 'home');
  expect(await aunt.getByTestId('acting').count()).toBe(0);
});

test('林慧, whom the household register lists as 陈浩然\'s mother, is his guardian at once', async () => {
  const mother = await secondPhone(browser);
  await signIn(mother, /^林慧/);
  await mother.goto(`${app.url}#/guardianship`);
  await accessible(mother, 'guardianship');

  // An adult's resident ID is refused under its field.
  await claimChild(mother, '王建国', '330106196803120311');
  await expect.poll(() => mother.locator('#guardianship-residentId-error').count(), SLOW).toBe(1);
  expect(await accessibilityProblems(mother)).toEqual([]);
  await shot(mother, '65-guardianship-not-a-minor');

  await claimChild(mother, CHILD.name, CHILD.residentId);
  await expect.poll(() => mother.getByTestId('outcome').textContent(), SLOW).toContain('您是 陈** 的监护人');
  expect(await mother.getByTestId('wards').locator('li').count()).toBe(1);
  expect(await accessibilityProblems(mother)).toEqual([]);
  await shot(mother, '66-guardianship-by-register');
  await mother.getByRole('button', { name: '为孩子办理' }).click();
  await accessible(mother, 'home');
  expect(await mother.getByTestId('acting').textContent()).toContain('您正在为 陈浩然 代办');
  await mother.getByRole('button', { name: '回到我自己' }).click();
  await onPage(mother, 'home');
});
