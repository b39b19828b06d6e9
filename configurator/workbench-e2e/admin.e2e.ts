import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, env } from '../e2e/support';
import { accessibilityProblems, launch, openPage, shot, signInAs, SIZES, STAFF } from './support';

const CLERK = 'xihu-window-e2e';
const CLERK_NAME = '西湖区窗口新人';
const CLERK_PASSWORD = 'my own window password';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** The row of the accounts table showing `username`. */
const row = (page: Page, username: string) => page.locator('tr.ant-table-row', { hasText: username });

it('the county administrator creates a window clerk, who signs in and is then deactivated', async () => {
  const admin = await openPage(browser);
  const page = admin.page;
  await page.setViewportSize(SIZES[0]);
  await signInAs(page, STAFF.admin, '本地事项');
  const menu = page.getByRole('navigation', { name: '工作菜单' });
  await menu.getByRole('menuitem', { name: '人员账号' }).click();
  await page.getByRole('heading', { name: '人员账号' }).waitFor();
  await row(page, STAFF.clerk).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  // A new account: the API's field errors show under their fields.
  await page.getByRole('button', { name: '新建账号' }).click();
  const form = page.getByRole('dialog', { name: '新建账号' });
  await form.getByLabel('用户名').fill(STAFF.clerk); // taken
  await form.getByLabel('姓名').fill(CLERK_NAME);
  await choose(page, form.getByLabel('角色'), '综合窗口');
  await expect(form.getByLabel('区划代码').inputValue()).resolves.toBe('330106');
  await form.getByRole('button', { name: '创建账号' }).click();
  await form.getByText(`用户名 ${STAFF.clerk} 已存在。`).waitFor();
  await page.locator('.ant-form-show-help-item-appear').waitFor({ state: 'detached' }); // shown, not fading in
  await shot(page, '60-admin-create-error-1366');
  expect(await accessibilityProblems(page, '.ant-modal')).toEqual([]);
  await form.getByLabel('用户名').fill(CLERK);
  await form.getByRole('button', { name: '创建账号' }).click();

  // The temporary password, once, with a copy button.
  const told = page.getByRole('dialog', { name: '临时密码（只显示这一次）' });
  await told.waitFor();
  const temporary = await told.getByLabel('临时密码').inputValue();
  expect(temporary.length).toBeGreaterThanOrEqual(12);
  await told.getByRole('button', { name: '复制' }).waitFor();
  await page.locator('.ant-zoom-appear').waitFor({ state: 'detached' }); // opened, not fading in
  await shot(page, '61-admin-temporary-password-1366');
  expect(await accessibilityProblems(page, '.ant-modal')).toEqual([]);
  await told.getByRole('button', { name: '关闭' }).first().click();
  await told.waitFor({ state: 'hidden' });
  await row(page, CLERK).getByText('待改密码').waitFor();

  // The new clerk, in their own browser: the password must change first, then the queue.
  const clerk = await openPage(browser);
  await clerk.page.goto(`${env.url}/configurator/`);
  await clerk.page.getByLabel('用户名').fill(CLERK);
  await clerk.page.getByLabel('密码').fill(temporary);
  await clerk.page.getByRole('button', { name: '登录', exact: true }).click();
  await clerk.page.getByLabel('临时密码').fill(temporary);
  await clerk.page.getByLabel('新密码', { exact: true }).fill(CLERK_PASSWORD);
  await clerk.page.getByLabel('再次输入新密码').fill(CLERK_PASSWORD);
  await clerk.page.getByRole('button', { name: '保存新密码' }).click();
  await clerk.page.getByRole('heading', { name: '受理队列' }).first().waitFor();

  // The administrator sees the change done, and deactivates the account (asked first).
  await page.getByRole('button', { name: '刷新' }).click();
  await row(page, CLERK).getByText('待改密码').waitFor({ state: 'detached' });
  await row(page, CLERK).getByRole('button', { name: '停用' }).click();
  await page.getByRole('tooltip').getByText(`停用 ${CLERK_NAME}？`, { exact: false }).waitFor();
  await page.locator('.ant-zoom-big-appear').waitFor({ state: 'detached' }); // shown, not fading in
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  await row(page, CLERK).getByText('已停用').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `62-admin-accounts-${size.width}`);
  }
  expect(await accessibilityProblems(page)).toEqual([]);

  // The clerk's next action is refused: signed out, and the password no longer signs in.
  await clerk.page.reload();
  await clerk.page.getByRole('button', { name: '登录', exact: true }).waitFor();
  await clerk.page.getByLabel('用户名').fill(CLERK);
  await clerk.page.getByLabel('密码').fill(CLERK_PASSWORD);
  await clerk.page.getByRole('button', { name: '登录', exact: true }).click();
  await clerk.page.getByText('用户名或密码不正确', { exact: false }).waitFor();

  // 回访整改: the follow-ups of low ratings, at both sizes (followups.e2e.ts works them).
  await menu.getByRole('menuitem', { name: '回访整改' }).click();
  await page.getByRole('heading', { name: '回访整改' }).waitFor();
  await page.locator('.ant-table').waitFor();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `63-admin-follow-ups-${size.width}`);
  }
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(admin.errors).toEqual([]);
  expect(clerk.errors).toEqual([]);
  await clerk.page.close();
  await page.close();
});
