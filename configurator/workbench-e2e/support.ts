import type { Page } from 'playwright-core';
import { accessibilityProblems as problemsNow, env } from '../e2e/support';

export { launch, openPage, shot } from '../e2e/support';

/** axe-core's WCAG A/AA problems once the page is still: antd's messages fade in and out at
 * low contrast for a moment, so they are waited out first (they last three seconds). */
export async function accessibilityProblems(page: Page, selector = 'body'): Promise<string[]> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
  return problemsNow(page, selector);
}

/** The demo staff of every role (backend/staff/service.py DEMO_STAFF), one password. */
export const STAFF = {
  clerk: 'xihu-window',
  housing: 'xihu-housing',
  land: 'xihu-land',
  tax: 'xihu-tax',
  police: 'xihu-police',
  supervisor: 'xihu-supervisor',
  admin: 'xihu-admin',
} as const;
export const DEMO_PASSWORD = 'zerorun-demo-2026';

/** Sign in at the workbench as `user` and wait for the role's first screen's heading. */
export async function signInAs(page: Page, user: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${env.url}/configurator/`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: heading }).first().waitFor();
}

/** One citizen API call (the mini-program's endpoint), as a demo resident's client sends it. */
export async function citizenApi<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(`${env.url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`citizen API: ${JSON.stringify(body)}`);
  return body.data;
}

/** A demo resident's token ("demo-1" is 王建国, "demo-2" 李婷, "demo-5" 陈浩然). */
export async function citizen(resident: string): Promise<string> {
  const signIn = `mutation($c: String!) { signIn(provider: "development", credential: $c) { ... on Session { token } } }`;
  const data = await citizenApi<{ signIn: { token: string } }>(signIn, { c: resident });
  return data.signIn.token;
}

/** Both screen sizes the workbench is used at. */
export const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** As tests/support.py ID_CARD_ANSWERS: 陈浩然 (demo-5)'s ID card, sent by express. */
export const ID_CARD = '330106-ZJ-009';
export const ID_CARD_ANSWERS = {
  applicant_mobile: '13805710005',
  delivery_recipient: '陈浩然',
  delivery_mobile: '13805710005',
  delivery_address: '浙江省杭州市西湖区文三路 90 号',
};
export const START_MATTER = `mutation($code: String!, $key: String!) {
  startApplication(matterCode: $code, idempotencyKey: $key) { __typename ... on Application { id } }
}`;
