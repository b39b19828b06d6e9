import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityProblems, launch, openPage, shot, signInAs, SIZES, STAFF } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

it('shows each role only its own menu and first screen', async () => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, STAFF.admin, '本地事项');
  const menu = page.getByRole('navigation', { name: '工作菜单' });
  await expect(menu.getByRole('menuitem').allTextContents()).resolves.toEqual([
    '事项配置',
    '搜索同义词',
    '人员账号',
    '大厅与号源',
    '回访整改',
    '督察看板',
    '对账报表',
    '审计日志',
  ]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `00-admin-home-${size.width}`);
  }
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
