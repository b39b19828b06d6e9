import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applicationId, elderlyProblems, env, jpeg, onPage, phone, serveApp, shot, staff } from './support';

let browser: Browser;
let page: Page;
let app: { url: string; close(): Promise<void> };

/** What each page shown in elderly mode breaks of the MIIT spec (see elderlyProblems), by screenshot. */
const spec: Record<string, string[]> = {};

/** A screenshot of the page in elderly mode, measured against the spec. */
async function elderlyShot(name: string): Promise<void> {
  await shot(page, name);
  spec[name] = await elderlyProblems(page);
}

/** Every page measured so far, each expected to break nothing: all pages are reported at once. */
function expectAllToSpec(): void {
  expect(spec).toEqual(Object.fromEntries(Object.keys(spec).map((name) => [name, []])));
}

beforeAll(async () => {
  app = await serveApp();
  ({ browser, page } = await phone());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const CORRECTION = `mutation($id: ID!) {
  requestCorrection(id: $id, items: [
    {path: "/answers/delivery_address", reason: "地址缺少楼幢和门牌号"},
    {path: "/materials/portrait_photo", reason: "照片背景不是白色，请重新拍一张"}
  ]) { __typename }
}`;

test('张秀英, in elderly mode, fixes exactly what the window listed and resubmits', async () => {
  await page.goto(app.url);
  await onPage(page, 'signin');
  await page.getByRole('button', { name: /^张秀英/ }).click();
  await onPage(page, 'home');
  await page.getByRole('button', { name: '长辈模式' }).click();
  await expect.poll(() => page.getByRole('button', { name: '长辈模式' }).getAttribute('aria-pressed')).toBe('true');
  await onPage(page, 'home');
  await elderlyShot('40-home-elderly');

  // The social security card for herself: plain words, large text.
  await page.getByRole('button', { name: /^社会保障卡申领/ }).click();
  await onPage(page, 'guide');
  await elderlyShot('41-guide-elderly');
  await page.getByRole('button', { name: '现在就办' }).click();
  await onPage(page, 'situation');
  await elderlyShot('41b-situation-elderly');
  await page.locator('input[name="card_for"][value="self"]').check();
  await page.getByRole('button', { name: '下一步' }).click();
  await onPage(page, 'check');
  await elderlyShot('41c-check-elderly');
  await page.getByRole('button', { name: '下一步' }).click();
  await onPage(page, 'consent');
  await page.getByRole('button', { name: '同意，帮我查' }).click();
  await page.locator('.dataset.granted').first().waitFor();
  await elderlyShot('42-consent-elderly');
  await page.getByRole('button', { name: '下一步' }).click();

  await onPage(page, 'form');
  await page.locator('#f-ssc_bank').selectOption('icbc');
  await page.locator('#f-delivery_recipient').fill('张秀英');
  await page.locator('#f-delivery_mobile').fill('13605710004');
  await page.locator('#f-delivery_address').fill('杭州市西湖区翠苑一区');
  await elderlyShot('43-form-elderly');
  await page.getByRole('button', { name: '下一步' }).click();

  // Her photo, taken with the phone.
  await onPage(page, 'materials');
  const photo = await jpeg(page);
  await page.locator('[data-upload="portrait_photo"]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect.poll(() => page.locator('[data-material="portrait_photo"] .status').textContent()).toBe('已上传');
  await elderlyShot('44-materials-elderly');
  await page.getByRole('button', { name: '下一步' }).click();
  await onPage(page, 'submit');
  await page.locator('input[name="delivery"][value="express"]').check();
  await elderlyShot('44b-submit-elderly');
  await page.getByRole('button', { name: '提交' }).click();
  await onPage(page, 'application');
  const id = applicationId(page);
  await expect.poll(() => page.locator('.live').textContent()).toContain('实时更新中');

  // The window lists everything to correct at once; the page hears it live.
  await staff(env.clerk, CORRECTION, { id });
  await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 }).toBe('要改一下');
  await elderlyShot('45-correction-requested');
  await page.getByRole('button', { name: '去改一下' }).click();

  // Exactly the listed field and material, each with its reason.
  await onPage(page, 'correction');
  expect(await page.locator('.field').count()).toBe(1);
  expect(await page.locator('.material').count()).toBe(1);
  expect(await page.locator('.field .reason').textContent()).toContain('地址缺少楼幢和门牌号');
  expect(await page.locator('.material .reason').textContent()).toContain('照片背景不是白色');
  await elderlyShot('46-correction');
  await page.locator('#f-delivery_address').fill('杭州市西湖区翠苑一区 12 幢 1 单元 301 室');
  await page.locator('[data-upload="portrait_photo"]').setInputFiles({ name: 'photo-white.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect.poll(() => page.locator('.material .evidence').textContent()).toContain('photo-white.jpg');
  expect(await page.locator('.material .status').textContent()).toBe('已经重新交了');
  await page.getByRole('button', { name: '改好了，提交' }).click();
  await onPage(page, 'application');
  await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 }).toBe('已提交，等工作人员看');
  await elderlyShot('47-resubmitted');

  // Every other page she can open, measured the same way (rating and booking shown for this card although
  // it needs neither yet), then search, a life-event guide and signing in.
  await page.goto(`${app.url}#/rate?id=${encodeURIComponent(id)}`);
  await onPage(page, 'rate');
  await elderlyShot('48-rate-elderly');
  await page.goto(`${app.url}#/booking?id=${encodeURIComponent(id)}`);
  await onPage(page, 'booking');
  await elderlyShot('48b-booking-elderly');
  for (const name of ['applications', 'wallet', 'family', 'acted', 'guardianship', 'join']) {
    await page.goto(`${app.url}#/${name}`);
    await onPage(page, name);
    await elderlyShot(`49-${name}-elderly`);
  }
  await page.goto(`${app.url}#/parties?id=${encodeURIComponent(id)}`);
  await onPage(page, 'parties');
  await elderlyShot('50-parties-elderly');
  await page.goto(app.url);
  await onPage(page, 'home');
  await page.getByRole('searchbox').fill('房产');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('heading', { name: '搜索' }).waitFor();
  await elderlyShot('51-search-elderly');
  await page.locator('.entry.event').first().click();
  await onPage(page, 'guide');
  await elderlyShot('52-life-event-guide-elderly');
  await page.goto(app.url);
  await onPage(page, 'home');
  await page.getByRole('link', { name: '退出登录' }).click();
  await onPage(page, 'signin');
  await elderlyShot('53-signin-elderly');
  expectAllToSpec();
});
