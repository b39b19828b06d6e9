import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { env, launch, openPage, shot, signIn } from './support';

/** Journey (c): signing out ends the session on the server, not only in the tab; after the
 * operator resets a password, the administrator must choose a new one before anything else. */

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

/** What the staff endpoint says to `{ me { username } }` with this token. */
async function me(token: string): Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch(`${env.url}/staff/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  });
  return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

/** `zerorun staff reset-password`, as the operator runs it on the server: the temporary password. */
function resetPassword(username: string): string {
  const venv = resolve('../.venv/bin/python');
  const python = existsSync(venv) ? venv : 'python3';
  return execFileSync(python, ['-m', 'backend', 'staff', 'reset-password', username], {
    cwd: resolve('..'),
    env: process.env,
    encoding: 'utf-8',
  }).trim();
}

it('signing out ends the session on the server', async () => {
  await signIn(page, undefined, env.user);
  const token = await page.evaluate(() => sessionStorage.getItem('zerorun.staff.token'));
  expect(token).toBeTruthy();
  expect((await me(token ?? '')).errors).toBeUndefined();

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录', exact: true }).waitFor();

  const after = await me(token ?? '');
  expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(await page.evaluate(() => sessionStorage.getItem('zerorun.staff.token'))).toBeNull();
  expect(errors).toEqual([]);
});

it('after a password reset the administrator chooses a new password before anything else', async () => {
  const temporary = resetPassword(env.localUser);
  await page.goto(`${env.url}/configurator/`);
  await page.getByLabel('用户名').fill(env.localUser);
  await page.getByLabel('密码').fill(temporary);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText('请设置新密码').waitFor();
  await shot(page, '31-password-change-required');

  // A wrong temporary password: the server's message under its field, in Chinese.
  await page.getByLabel('临时密码').fill('not the temporary one');
  await page.getByLabel('新密码', { exact: true }).fill(env.password);
  await page.getByLabel('再次输入新密码').fill(env.password);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByText('当前密码不正确。').waitFor();
  await shot(page, '32-wrong-temporary-password');

  // Back to the password the other journeys use, which differs from the temporary one.
  await page.getByLabel('临时密码').fill(temporary);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('heading', { name: '本地事项' }).waitFor();
  await shot(page, '33-password-changed');
  expect(errors).toEqual([]);
});
