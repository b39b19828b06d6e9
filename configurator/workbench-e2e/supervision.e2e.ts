import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { env } from '../e2e/support';
import { chinaToday } from '../src/workbench/supervision/model';
import {
  accessibilityProblems,
  citizen,
  citizenApi,
  DEMO_PASSWORD,
  launch,
  openPage,
  shot,
  signInAs,
  SIZES,
  STAFF,
} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** One staff API call as `user` (signed in for it). */
async function staffApi<T>(user: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const call = async (q: string, v: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${env.url}/staff/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: q, variables: v }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`staff API: ${JSON.stringify(body)}`);
    return body.data;
  };
  const signIn = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }`;
  const session = (await call(signIn, { u: user, p: DEMO_PASSWORD })) as { signIn: { token: string } };
  return (await call(query, variables, session.signIn.token)) as T;
}

/** 陈浩然 (demo-5) applies online for his ID card, delivered; the window accepts it and the public
 * security bureau's reviewer approves it: completed today, without a trip. */
async function idCardCompletedToday(): Promise<string> {
  const chen = await citizen('demo-5');
  const start = `mutation($code: String!, $key: String!) { startApplication(matterCode: $code, idempotencyKey: $key) {
    __typename ... on Application { id } ... on ApplicationError { code message { zh } } } }`;
  const started = await citizenApi<{ startApplication: { id?: string } }>(
    start,
    { code: '330106-ZJ-009', key: `supervision-${Date.now()}` },
    chen,
  );
  const id = started.startApplication.id;
  if (!id) throw new Error(`not started: ${JSON.stringify(started)}`);
  const submit = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) {
    __typename ... on Application { id status } ... on ApplicationError { code message { zh } errors { path } } } }`;
  const answers = {
    applicant_mobile: '13805710005',
    delivery_recipient: '陈浩然',
    delivery_mobile: '13805710005',
    delivery_address: '浙江省杭州市西湖区文三路 90 号',
  };
  const submitted = await citizenApi<{ submitApplication: { __typename: string } }>(
    submit,
    { input: { applicationId: id, answers, deliveryMode: 'express' } },
    chen,
  );
  expect(submitted.submitApplication.__typename).toBe('Application');

  const accept = `mutation($id: ID!) { acceptApplication(id: $id) { __typename
    ... on StaffApplication { tasks { id departmentCode } } ... on BackofficeError { code message { zh } } } }`;
  const accepted = await staffApi<{ acceptApplication: { tasks?: { id: string; departmentCode: string }[] } }>(
    STAFF.clerk,
    accept,
    { id },
  );
  const tasks = accepted.acceptApplication.tasks ?? [];
  expect(tasks.map((task) => task.departmentCode)).toEqual(['330106-GAJ']);
  const pay = 'mutation($id: ID!) { recordWindowPayment(id: $id) { __typename } }';
  const paid = await staffApi<{ recordWindowPayment: { __typename: string } }>(STAFF.clerk, pay, { id });
  expect(paid.recordWindowPayment.__typename).toBe('StaffApplication'); // the decision waits for it
  const decide = `mutation($taskId: ID!) { decideTask(taskId: $taskId, approve: true, opinion: "材料齐全，符合条件") {
    __typename ... on BackofficeError { code message { zh } } } }`;
  for (const task of tasks) {
    const decided = await staffApi<{ decideTask: { __typename: string } }>(STAFF.police, decide, { taskId: task.id });
    expect(decided.decideTask.__typename).toBe('ReviewTask');
  }
  return id;
}

/** The figure a KPI card shows, by its title. */
async function figure(page: import('playwright-core').Page, title: string): Promise<string> {
  const card = page.locator('.ant-statistic').filter({ has: page.locator('.ant-statistic-title', { hasText: title }) });
  return (await card.first().locator('.ant-statistic-content').innerText()).trim();
}

it('shows the supervisor today’s completed application in the figures and exports them', async () => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, STAFF.supervisor, '督察看板');
  await page.getByText('统计期间').first().waitFor();
  await page.locator('.ant-statistic').first().waitFor();
  const before = {
    received: Number(await figure(page, '受理件数')),
    completed: Number(await figure(page, '办结件数')),
  };

  await idCardCompletedToday();
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(async () => Number(await figure(page, '办结件数')), { timeout: 15_000 }).toBe(before.completed + 1);
  expect(Number(await figure(page, '受理件数'))).toBe(before.received + 1);
  expect(await figure(page, '零跑腿占比')).toMatch(/^\d+\.\d%$/);

  // Today's point on the line: its text alternative reads every day's figures.
  const today = chinaToday(); // the server counts days in China time, whatever the browser's zone
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  const line = page.getByRole('img', { name: /每日受理与办结/ });
  const label = (await line.getAttribute('aria-label')) ?? '';
  expect(label).toMatch(new RegExp(`${day} 受理件数 [1-9]\\d* 办结件数 [1-9]`));
  // The ID card (居民身份证) is one of the matters, all of it without a trip.
  const byMatter = (await page.getByRole('img', { name: /各事项零跑腿/ }).getAttribute('aria-label')) ?? '';
  expect(byMatter).toContain('身份证');
  await page.locator('canvas').first().waitFor();

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await shot(page, `50-supervision-dashboard-${size.width}`, { fullPage: true });
  }
  expect(await accessibilityProblems(page)).toEqual([]);

  // The figures as CSV: Excel's byte order mark, Chinese headers, today's row.
  const [csv] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^督察看板_330106_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('总览\r\n指标,数值\r\n');
  expect(text).toContain(`受理件数,${before.received + 1}\r\n办结件数,${before.completed + 1}\r\n`);
  expect(text).toContain('日期,受理件数,办结件数');
  expect(text).toMatch(new RegExp(`\\r\\n${day},[1-9]\\d*,[1-9]\\d*\\r\\n`));

  // And as an Excel workbook (a zip: "PK").
  const [xlsx] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(
    readFileSync(await xlsx.path())
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');

  // This week shows at once, Monday to today.
  const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
  const mondayDay = `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
  await page.getByText('本周', { exact: true }).click();
  await page.getByText(`${mondayDay} 至 ${day}，地区 330106`).waitFor();
  expect(Number(await figure(page, '办结件数'))).toBeGreaterThanOrEqual(1);

  // A custom period opens its date pickers; a region outside mine is refused with the reason.
  await page.getByText('自定义').click();
  await page.getByLabel('开始日期').waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByLabel('地区').fill('330102');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('alert').filter({ hasText: '无法查询' }).waitFor();
  await shot(page, '51-supervision-region-refused');
  expect(await accessibilityProblems(page)).toEqual([]);

  // In English, every label and chart says the same.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Supervision dashboard' }).waitFor();
  await page.getByRole('img', { name: /Received and completed per day/ }).waitFor();
  await page.setViewportSize(SIZES[0]);
  await shot(page, '52-supervision-dashboard-en-1366');
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByText('中文', { exact: true }).click();

  // The finance office's day (对账): the ID card's fees taken at the window today, listed beside
  // the payment platform's bill, and exported as CSV.
  await page.getByRole('menuitem', { name: '对账报表' }).click();
  await page.getByRole('heading', { name: '每日对账' }).waitFor();
  await page.getByRole('table', { name: '对账明细' }).getByText('窗口', { exact: true }).first().waitFor();
  expect(Number((await figure(page, '窗口收款')).replace(/,/g, ''))).toBeGreaterThan(0);
  await page.setViewportSize(SIZES[0]);
  await shot(page, '53-reconciliation-1366', { fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  const [report] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  expect(report.suggestedFilename()).toBe(`对账_${day}.csv`);
  const reconciled = readFileSync(await report.path(), 'utf8');
  expect(reconciled).toContain('\r\n订单号,渠道,本系统（元）,平台（元）,本系统状态,平台状态,差异\r\n');
  expect(reconciled).toMatch(/\r\nzr\w+,窗口,\d+\.\d{2},,paid,,一致\r\n/);

  // The audit log (审计日志): the region's sign-ins among the entries, then only those of one action.
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  const log = page.getByRole('table', { name: '审计日志条目' });
  await log.getByText('staff.signed_in').first().waitFor();
  await page.getByLabel('操作', { exact: true }).fill('staff.signed_in');
  await page
    .getByRole('button', { name: '查 询' })
    .or(page.getByRole('button', { name: '查询' }))
    .click();
  await log.getByText('staff:xihu-supervisor').first().waitFor();
  await shot(page, '54-audit-log-1366', { fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
