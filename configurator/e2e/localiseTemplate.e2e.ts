import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityProblems, env, launch, openPage, openTab, saveDraft, shot, signIn } from './support';

/** Journey (b): the administrator of 上城区, which has no county versions yet, localises a
 * province template — the county version keeps only what differs (department, promised time
 * limit, contact, a template field it does not need) — and publishes it. */

const TEMPLATE = '330000-ZJ-006';

let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
afterAll(async () => {
  await browser?.close();
});

it('a county administrator localises a province template and publishes it', async () => {
  await signIn(page, undefined, env.localUser);
  await page.getByRole('button', { name: '从省级模板新建' }).click();
  const template = page.locator(`[data-template="${TEMPLATE}"]`);
  await template.waitFor();
  await shot(page, '21-templates');
  await template.getByRole('button', { name: '细化为本地事项' }).click();

  // The editor shows the template's content; the county changes only what differs.
  await page.getByRole('tab', { name: /基本信息/ }).waitFor();
  const code = decodeURIComponent(page.url().split('/matters/')[1] ?? '');
  expect(code).toMatch(/^330102-/);
  await expect(page.locator('.editor-head').textContent()).resolves.toContain(`细化自省级模板 ${TEMPLATE}`);
  await expect(page.getByLabel('事项名称 中文').inputValue()).resolves.toBe('社会保障卡申领');
  await shot(page, '22-localised-editor');

  const department = page.locator('#department');
  await department.getByPlaceholder('330106-ZJJ').fill('330102-RSJ');
  await department.getByLabel('部门全称 中文').fill('杭州市上城区人力资源和社会保障局');
  await department
    .getByLabel('部门全称 英文')
    .fill('Human Resources and Social Security Bureau of Shangcheng District, Hangzhou');
  const promised = page.locator('#time_limits .ant-form-item').filter({ hasText: '承诺时限' }).locator('input');
  await promised.fill('3');
  const contact = page.locator('#contact');
  await contact.getByPlaceholder('0571-87001234').fill('0571-87002306');
  await contact.getByLabel('办理地点 中文').fill('杭州市上城区市民中心 3 楼 社保卡窗口');
  await contact
    .getByLabel('办理地点 英文')
    .fill('Social security card windows, 3rd floor, Shangcheng District Citizen Centre');
  await contact.getByLabel('办公时间 中文').fill('周一至周五 9:00—17:00');
  await contact.getByLabel('办公时间 英文').fill('Mon–Fri 9:00–17:00');
  await contact.scrollIntoViewIfNeeded();
  await shot(page, '23-localised-changes');

  // A template field the county does not need is deleted, and stays deleted once saved.
  await openTab(page, '表单');
  const recipient = page.locator('[data-field="delivery_recipient"]');
  await recipient.getByRole('button', { name: '删除' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
  await recipient.waitFor({ state: 'detached' });
  await saveDraft(page);
  await expect(page.locator('.ant-message-notice').last().textContent()).resolves.toContain('没有发现错误');
  await page.reload();
  await openTab(page, '表单');
  await page.locator('[data-field="delivery_address"]').waitFor();
  await expect(page.locator('[data-field="delivery_recipient"]').count()).resolves.toBe(0);
  await expect(page.locator('.editor-head').textContent()).resolves.not.toContain('部分修改无法写入本地版本');

  // What differs from the template, in sentences, then publish.
  await openTab(page, '发布');
  const differences = page.locator('[data-testid="template-diff"]');
  const sentences = await differences.locator('.diff-sentence').allTextContents();
  expect(sentences).toContain('承诺时限：10 → 3 个工作日');
  expect(sentences).toContain('部门编码：330000-ZJRST → 330102-RSJ');
  expect(sentences).toContain('字段「收件人姓名」：删除');
  await expect(differences.locator('.problem-pointer').first().isVisible()).resolves.toBe(true);
  await expect(differences.locator('.problem-pointer code').first().isVisible()).resolves.toBe(false);
  expect(await accessibilityProblems(page, '.tab-body')).toEqual([]);
  await page.locator('.publish-note').fill('上城区细化：区人社局办理，承诺 3 个工作日，写明窗口地址。');
  await differences.scrollIntoViewIfNeeded();
  await shot(page, '24-template-diff');
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.locator('.ant-message-notice').filter({ hasText: '已发布第 1 版' }).waitFor();
  await expect(page.locator('.editor-head').textContent()).resolves.toContain('已发布');
  await page
    .locator('.ant-message-notice')
    .last()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await shot(page, '25-localisation-published');
  expect(errors).toEqual([]);
});
