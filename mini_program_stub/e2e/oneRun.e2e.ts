import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { onPage, phone, serveApp, shot } from './support';

let browser: Browser;
let page: Page;
let app: { url: string; close(): Promise<void> };

beforeAll(async () => {
  app = await serveApp();
  ({ browser, page } = await phone());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('陈浩然 applies for his first ID card online and books the one trip for his fingerprints', async () => {
  await page.goto(app.url);
  await onPage(page, 'signin');
  await page.getByRole('button', { name: /^陈浩然/ }).click();
  await onPage(page, 'home');

  // Search finds the matter; its guide says one trip, and why.
  await page.getByRole('searchbox').fill('身份证');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('button', { name: /^居民身份证首次申领/ }).first().click();
  await onPage(page, 'guide');
  await expect.poll(() => page.getByTestId('run-badge').textContent()).toBe('最多跑一次');
  expect(await page.locator('main').textContent()).toContain('采集指纹和拍摄身份证相片');
  await shot(page, '20-guide-id-card');
  await page.getByRole('button', { name: '开始办理' }).click();

  // No situation questions: straight to the check, then consent to the household register.
  await onPage(page, 'check');
  await expect.poll(() => page.locator('.verdict').textContent()).toContain('符合办理条件');
  await page.getByRole('button', { name: '下一步' }).click();
  await onPage(page, 'consent');
  await page.getByRole('button', { name: '同意并查询' }).click();
  await page.locator('.dataset.granted').first().waitFor();
  await page.getByRole('button', { name: '下一步' }).click();

  // The form, with the card mailed home.
  await onPage(page, 'form');
  await page.locator('#f-applicant_mobile').fill('13857100005');
  await page.locator('#f-delivery_recipient').fill('陈浩然');
  await page.locator('#f-delivery_mobile').fill('13857100005');
  await page.locator('#f-delivery_address').fill('浙江省杭州市西湖区天目山路 398 号 3 幢 602 室');
  await shot(page, '21-form-id-card');
  await page.getByRole('button', { name: '下一步' }).click();
  await onPage(page, 'materials');
  await page.getByRole('button', { name: '下一步' }).click();

  // Submit: still one trip, because fingerprints are taken in person.
  await onPage(page, 'submit');
  await expect.poll(() => page.getByTestId('run-badge').textContent()).toBe('最多跑一次');
  await page.locator('input[name="delivery"][value="express"]').check();
  await shot(page, '22-submit-id-card');
  await page.getByRole('button', { name: '提交申请' }).click();
  await onPage(page, 'application');
  await expect.poll(() => page.getByTestId('status').textContent()).toBe('已提交，待受理');

  // Book the one trip in the demo hall.
  await page.getByRole('button', { name: '预约到场时间' }).click();
  await onPage(page, 'booking');
  await shot(page, '23-booking');
  await page.locator('.time:not([disabled])').first().click();
  await page.getByTestId('booked').waitFor();
  await shot(page, '24-booked');
  await page.getByRole('button', { name: '返回' }).last().click();
  await onPage(page, 'application');
  await expect.poll(() => page.getByTestId('booking').textContent()).toContain('西湖区民生服务中心');
  await shot(page, '25-application-booked');

  // The same page in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.getByTestId('status').textContent()).toBe('Submitted');
  await onPage(page, 'application');
  await shot(page, '26-application-english');
});

test('赵敏 moves her registration: a rule on her answers is pending, then judged on the form before any upload', async () => {
  const own = await phone();
  const citizen = own.page;
  try {
    await citizen.goto(app.url);
    await onPage(citizen, 'signin');
    await citizen.getByRole('button', { name: /^赵敏/ }).click();
    await onPage(citizen, 'home');
    await citizen.getByRole('searchbox').fill('户口迁入');
    await citizen.getByRole('button', { name: '搜索' }).click();
    await citizen.getByRole('button', { name: /^户口迁入/ }).first().click();
    await onPage(citizen, 'guide');
    await citizen.getByRole('button', { name: '开始办理' }).click();

    // The rule reads the region she moves from, not given yet: pending (grey), not a refusal.
    await onPage(citizen, 'situation');
    await citizen.locator('input[name="reason"][value="house_purchase"]').check();
    expect(await citizen.locator('main').textContent()).not.toContain('迁出地要填您现在的户口所在地');
    await citizen.getByRole('button', { name: '下一步' }).click();
    await onPage(citizen, 'check');
    await expect.poll(() => citizen.locator('.verdict').textContent()).toContain('符合办理条件');
    await expect.poll(() => citizen.getByTestId('pending').first().textContent()).toContain('填写后判断：迁出地要填');
    expect(await citizen.locator('.note.error').count()).toBe(0);
    await shot(citizen, '27-check-pending');
    await citizen.getByRole('button', { name: '下一步' }).click();
    await onPage(citizen, 'consent');
    await citizen.getByRole('button', { name: '下一步' }).click();

    // On the form the server judges it as soon as she answers: in red, before any upload.
    await onPage(citizen, 'form');
    await citizen.locator('#f-move_from_region').fill('330102');
    await citizen.locator('#f-move_from_region').press('Tab'); // on to the next field
    await expect.poll(() => citizen.getByTestId('not-eligible').count(), { timeout: 15_000 }).toBe(1);
    expect(await citizen.getByTestId('not-eligible').textContent()).toMatch(/^迁出地要填您现在的户口所在地/);
    await shot(citizen, '28-form-not-eligible');
    await citizen.getByRole('button', { name: '下一步' }).click();
    await onPage(citizen, 'form'); // not on to the uploads
    expect(await citizen.getByTestId('not-eligible').count()).toBe(1);
    await citizen.locator('#f-move_from_region').fill('330106');
    await citizen.locator('#f-move_from_region').press('Tab');
    await expect.poll(() => citizen.getByTestId('not-eligible').count(), { timeout: 15_000 }).toBe(0);
    expect(await citizen.getByTestId('pending').count()).toBe(0);
  } finally {
    await own.browser.close();
  }
});
