import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, env } from '../e2e/support';
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

const SUBMIT = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { __typename } }`;
const RATE = `mutation($id: ID!) {
  rateApplication(applicationId: $id, score: 1, comment: "不予受理却没说清楚原因") { __typename }
}`;
const STAFF_SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }`;
const REJECT = `mutation($id: ID!) {
  rejectApplication(id: $id, reason: "不属于本机关管辖", legalBasis: "《行政许可法》第三十二条") { __typename }
}`;

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

/** 陈浩然's ID card application, rejected at the window and rated 1 star: a follow-up to work. */
async function badlyRated(): Promise<void> {
  const chen = await citizen('demo-5');
  const key = `follow-ups-e2e-${Date.now()}`;
  const started = await citizenApi<{ startApplication: { id: string } }>(START_MATTER, { code: ID_CARD, key }, chen);
  const id = started.startApplication.id;
  await citizenApi(SUBMIT, { input: { applicationId: id, answers: ID_CARD_ANSWERS, deliveryMode: 'express' } }, chen);
  const signedIn = await staffApi<{ signIn: { token: string } }>(STAFF_SIGN_IN, { u: STAFF.clerk, p: DEMO_PASSWORD });
  await staffApi(REJECT, { id }, signedIn.signIn.token);
  const rated = await citizenApi<{ rateApplication: { __typename: string } }>(RATE, { id }, chen);
  expect(rated.rateApplication.__typename).toBe('Rating');
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const row = (page: Page) => page.locator('tr.ant-table-row', { hasText: '不予受理却没说清楚原因' });

it('the county administrator calls a low rating back and records its rectification; the supervisor reads', async () => {
  await badlyRated();
  const { page, errors } = await openPage(browser);
  await page.setViewportSize(SIZES[0]);
  await signInAs(page, STAFF.admin, '本地事项');
  await page.getByRole('navigation', { name: '工作菜单' }).getByRole('menuitem', { name: '回访整改' }).click();
  await page.getByRole('heading', { name: '回访整改' }).waitFor();
  await choose(page, page.getByLabel('按状态筛选').first(), '待回访');
  await row(page).getByText('待回访').waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  // The callback: what was said is required (the method is 电话 unless another is chosen).
  await row(page).getByRole('button', { name: '记录回访' }).click();
  const callback = page.getByRole('dialog', { name: /回访差评/ });
  await callback.getByRole('button', { name: '保存' }).click();
  await callback.getByText('请填写内容').waitFor();
  await choose(page, callback.locator('.ant-select:has(#method)'), '上门');
  await callback.getByLabel('回访情况（群众可见）').fill('已上门拜访陈先生，说明管辖范围并致歉');
  await callback.getByText('请填写内容').waitFor({ state: 'detached' }); // gone, not fading out
  await page.locator('.ant-zoom-appear').waitFor({ state: 'detached' });
  await shot(page, '64-admin-follow-up-callback-1366');
  expect(await accessibilityProblems(page, '.ant-modal')).toEqual([]);
  await callback.getByRole('button', { name: '保存' }).click();
  await callback.waitFor({ state: 'hidden' });
  await choose(page, page.getByLabel('按状态筛选').first(), '全部');
  await row(page).getByText('待整改').waitFor();

  // The rectification: the citizen may now rate once more.
  await row(page).getByRole('button', { name: '记录整改' }).click();
  const rectify = page.getByRole('dialog', { name: /整改差评/ });
  await rectify.getByLabel('整改情况（群众可见）').fill('窗口张贴受理范围，不予受理时当场书面说明理由');
  await rectify.getByRole('button', { name: '保存' }).click();
  await rectify.waitFor({ state: 'hidden' });
  await row(page).getByText('待追评').waitFor();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `65-admin-follow-ups-${size.width}`);
  }
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();

  // The supervisor reads the same table, without the actions.
  const supervisor = await openPage(browser);
  await supervisor.page.setViewportSize(SIZES[0]);
  await signInAs(supervisor.page, STAFF.supervisor, '督察看板');
  await supervisor.page
    .getByRole('navigation', { name: '工作菜单' })
    .getByRole('menuitem', { name: '回访整改' })
    .click();
  await row(supervisor.page).getByText('待追评').waitFor();
  await supervisor.page.getByText('督察人员只能查看', { exact: false }).waitFor();
  await expect(supervisor.page.getByRole('button', { name: /记录/ }).count()).resolves.toBe(0);
  await shot(supervisor.page, '66-supervisor-follow-ups-1366');
  expect(await accessibilityProblems(supervisor.page)).toEqual([]);
  expect(supervisor.errors).toEqual([]);
  await supervisor.page.close();
});
