import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PDF, applicationId, env, onPage, phone, serveApp, shot, staff } from './support';

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

test('王建国 transfers his flat with zero trips and watches three departments finish', async () => {
  // Sign in as the demo resident and open the life event from the home page.
  await page.goto(app.url);
  await onPage(page, 'signin');
  await shot(page, '01-signin');
  await page.getByRole('button', { name: /^王建国/ }).click();
  await onPage(page, 'home');
  await shot(page, '02-home');
  await page.getByRole('button', { name: /二手房转移登记/ }).first().click();

  // The guide: run-count badge, precise materials with why and a sample.
  await onPage(page, 'guide');
  await expect.poll(() => page.getByTestId('run-badge').textContent()).toBe('最多跑一次');
  await expect.poll(() => page.locator('.material').count()).toBeGreaterThan(3);
  await shot(page, '03-guide');
  await page.getByRole('button', { name: '开始办理' }).click();

  // The situation questionnaire.
  await onPage(page, 'situation');
  await page.locator('input[name="applicant_role"][value="seller"]').check();
  await page.locator('input[name="seller_marital_status"][value="married"]').check();
  await page.locator('input[name="buyer_family_homes"][value="first"]').check();
  await page.locator('input[name="buyer_marital_status"][value="married"]').check();
  await shot(page, '04-situation');
  await page.getByRole('button', { name: '下一步' }).click();

  // Eligibility: he may apply; before sharing data the paper certificates would cost a trip.
  await onPage(page, 'check');
  await expect.poll(() => page.locator('.verdict').textContent()).toContain('符合办理条件');
  await shot(page, '05-check');
  await page.getByRole('button', { name: '下一步' }).click();

  // Consent to every data set; the form is prefilled and says where each value came from.
  await onPage(page, 'consent');
  await shot(page, '06-consent');
  await page.getByRole('button', { name: '同意并查询' }).click();
  await page.locator('.prefilled').waitFor();
  await expect.poll(() => page.locator('.prefilled').textContent()).toContain('刘美华');
  await shot(page, '07-consent-granted');
  await page.getByRole('button', { name: '下一步' }).click();

  // The form from the JSON Schema: a mistyped number and ID show under their fields.
  await onPage(page, 'form');
  await expect.poll(() => page.locator('[data-field="spouse_name"] .readonly').textContent()).toBe('刘美华');
  await page.locator('#f-seller_name').fill('王建国');
  await page.locator('#f-seller_id_number').fill('330106196803120319');
  await page.locator('#f-seller_mobile').fill('13805710001');
  await page.locator('#f-buyer_name').fill('李婷');
  await page.locator('#f-buyer_mobile').fill('1390571');
  await page.locator('input[name="payment_method"][value="full_payment"]').check();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.locator('[data-field="buyer_mobile"] .error').waitFor();
  expect(await page.locator('[data-field="seller_id_number"] .error').textContent()).toContain('校验位');
  await shot(page, '08-form-errors');
  await page.locator('#f-buyer_mobile').fill('13905710021');
  await page.locator('#f-seller_id_number').fill('330106196803120311');
  await page.getByRole('button', { name: '下一步' }).click();

  // Materials: e-licenses and shared data already count; upload one file, sign one commitment.
  await onPage(page, 'materials');
  await page.locator('[data-upload="property.co_owner_consent"]').setInputFiles({
    name: 'spouse-consent.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await expect.poll(() => page.locator('[data-material="property.co_owner_consent"] .status').textContent()).toBe('已上传');
  await page.getByRole('button', { name: '我承诺' }).click();
  await expect.poll(() => page.locator('[data-material="tax.family_housing_commitment"] .status').textContent()).toBe('已签署承诺');
  await expect.poll(() => page.getByTestId('run-badge').textContent()).toBe('一次不用跑');
  await shot(page, '09-materials');
  await page.getByRole('button', { name: '下一步' }).click();

  // Submit: zero trips, the result as an e-license.
  await onPage(page, 'submit');
  await page.locator('input[name="delivery"][value="e_license"]').check();
  await shot(page, '10-submit');
  await page.getByRole('button', { name: '提交申请' }).click();
  await onPage(page, 'application');
  const id = applicationId(page);
  await expect.poll(() => page.locator('.live').textContent()).toContain('实时更新中');
  await shot(page, '11-submitted');

  // The window accepts and the three departments approve while the page listens.
  await staff(env.clerk, 'mutation($id: ID!) { acceptApplication(id: $id) { __typename } }', { id });
  await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 }).toBe('已受理，办理中');
  for (const reviewer of env.reviewers) {
    const { reviewQueue } = await staff<{ reviewQueue: { id: string; rootId: string }[] }>(reviewer, '{ reviewQueue { id rootId } }');
    const task = reviewQueue.find((t) => t.rootId === id);
    expect(task).toBeDefined();
    await staff(reviewer, 'mutation($t: ID!) { decideTask(taskId: $t, approve: true, opinion: "材料齐全，同意") { __typename } }', {
      t: task?.id,
    });
    await expect.poll(() => page.locator('[data-kind="task_approved"]').count(), { timeout: 20_000 }).toBe(env.reviewers.indexOf(reviewer) + 1);
  }
  await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 }).toBe('已办结');
  await shot(page, '12-completed-live');

  // Rate the service.
  await page.getByRole('button', { name: '评价这次服务' }).click();
  await onPage(page, 'rate');
  await page.getByRole('button', { name: '5' }).click();
  await page.getByRole('button', { name: '一次办好' }).click();
  await shot(page, '13-rate');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('谢谢您的评价！').waitFor();
  await page.getByRole('button', { name: '返回' }).last().click();
  await onPage(page, 'application');
  await expect.poll(() => page.locator('main').textContent()).toContain('您的评价：5 分');
});
