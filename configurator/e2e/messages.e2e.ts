import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityProblems, choose, launch, openPage, openTab, shot, signIn } from './support';

/** Messages in plain words (issue 18): Create without a name says so; a new matter asks only
 * its essentials; every problem shows once, named, its JSON pointer folded away; a test
 * applicant is picked, not typed as JSON; a material's category is picked by its name. The
 * draft is left unpublished. */

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

const errorBadges = async (): Promise<number> => {
  const counts = await page.locator('.ant-tabs-tab .ant-badge-count').allTextContents();
  return counts.reduce((sum, n) => sum + Number(n.replace(/\D/g, '') || 0), 0);
};

it('a new matter asks for its essentials and says its problems once, in words', async () => {
  await signIn(page);

  // Create without a name: the field says what is missing; nothing throws.
  await page.getByRole('button', { name: '新建事项' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('事项名称（中文）').waitFor();
  await dialog.getByRole('button', { name: '创建' }).click();
  await dialog.locator('.ant-form-item-explain-error').filter({ hasText: '请填写事项名称' }).waitFor();
  expect(errors).toEqual([]);
  await dialog.getByLabel('事项名称（中文）').fill('临时占道许可');
  await dialog.getByRole('button', { name: '创建' }).click();
  await page.getByRole('tab', { name: /基本信息/ }).waitFor();

  // Only the department is asked now: two errors, both under their inputs, each once.
  expect(await errorBadges()).toBe(2);
  const department = page.locator('#department');
  await expect(department.locator('.ant-form-item-explain-error').allTextContents()).resolves.toEqual([
    '部门编码的格式不对',
    '不能为空',
  ]);
  await expect(department.locator('.problems-at').count()).resolves.toBe(0);
  await expect(page.locator('.tab-body').textContent()).resolves.not.toContain('不能为空或只有空格');
  await shot(page, '41-new-matter-essentials');
  expect(await accessibilityProblems(page, '.tab-body')).toEqual([]);

  // The publish tab lists them in words; the pointers are folded away.
  await openTab(page, '发布');
  const listed = page.locator('.all-problems');
  const sentences = await listed.locator('.ant-alert-message').allTextContents();
  expect(sentences).toContain('错误：部门全称（中文）不能为空');
  expect(sentences).toContain('警告：事项摘要（中文）：发布前须填写');
  expect(sentences.every((s) => !s.includes('/'))).toBe(true);
  await expect(listed.locator('.problem-pointer code').first().isVisible()).resolves.toBe(false);
  await listed.locator('.problem-pointer summary').first().click();
  await expect(listed.locator('.problem-pointer code').first().textContent()).resolves.toMatch(/^\//);
  await shot(page, '42-problems-in-words');
  expect(await accessibilityProblems(page, '.tab-body')).toEqual([]);

  // A test applicant is a demo resident picked, or a small form: no JSON.
  await openTab(page, '测试用例');
  await page
    .getByRole('button', { name: /新增测试用例/ })
    .first()
    .click();
  const drawer = page.locator('.test-case-drawer');
  await choose(page, drawer.getByRole('combobox', { name: '选一位演示居民' }), '张秀英');
  await expect(drawer.getByLabel('公民身份号码').inputValue()).resolves.toBe('330106195209180229');
  await expect(drawer.locator('.applicant-derived').textContent()).resolves.toContain('女，1952-09-18 出生');
  await expect(drawer.locator('textarea.code').count()).resolves.toBe(0);
  await drawer.getByLabel('公民身份号码').fill('3301061952');
  await drawer.getByText('不是有效的 18 位公民身份号码').waitFor();
  await shot(page, '43-test-applicant');
  expect(await accessibilityProblems(page, '.test-case-drawer')).toEqual([]);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  // A material's category is picked by its name.
  await openTab(page, '材料');
  await page.getByRole('button', { name: /添加材料/ }).click();
  const picker = page.locator('.category-picker').first();
  await choose(page, picker, '居民身份证', '身份证');
  await expect(picker.textContent()).resolves.toContain('居民身份证');
  expect(await accessibilityProblems(page, '.tab-body')).toEqual([]);

  expect(errors).toEqual([]);
});
