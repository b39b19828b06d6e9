import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { env } from '../e2e/support';
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

// The smallest whole PDF: one blank page (as tests/support.py's PDF).
const PDF = [
  '%PDF-1.4\n',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n',
  'xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n',
  '0000000115 00000 n \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n',
].join('');

const HOUSE_EVENT = '330106-YJS-001';
const SITUATION = {
  applicant_role: 'seller',
  seller_marital_status: 'married',
  buyer_family_homes: 'first',
  buyer_marital_status: 'married',
};
const SELLER = {
  seller_mobile: '13805710001',
  seller_name: '王建国',
  seller_id_number: '330106196803120311',
};
const BUYER = { buyer_mobile: '13905710021', payment_method: 'full_payment' };

const START = 'mutation($c: String!) { startLifeEvent(code: $c) { ... on Application { id } } }';
const SAVE =
  'mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }';
const NEEDED = 'query($id: ID!) { application(id: $id) { dataSharing { sourceId } } }';
const GRANT =
  'mutation($id: ID!, $sources: [String!]!) { grantConsent(applicationId: $id, sources: $sources) { __typename } }';
const UPLOAD =
  'mutation($id: ID!, $material: String!, $file: Upload!) { uploadMaterial(applicationId: $id, materialId: $material, file: $file) { __typename } }';
const INVITE =
  'mutation($id: ID!) { inviteParty(applicationId: $id, party: "buyer") { ... on PartyInvitation { code } } }';
const JOIN = 'mutation($c: String!) { joinApplication(code: $c) { __typename } }';
const SIGN = 'mutation($id: ID!, $m: String!) { signCommitment(applicationId: $id, materialId: $m) { __typename } }';
const CONFIRM = 'mutation($id: ID!) { confirmParty(applicationId: $id) { __typename } }';
const SUBMIT =
  'mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } ... on ApplicationError { code errors { path code } } } }';
const STATUS = 'query($id: ID!) { application(id: $id) { status } }';

async function consentToEverything(id: string, token: string): Promise<void> {
  const needed = await citizenApi<{ application: { dataSharing: { sourceId: string }[] } }>(NEEDED, { id }, token);
  await citizenApi(GRANT, { id, sources: needed.application.dataSharing.map((d) => d.sourceId) }, token);
}

async function uploadMaterial(id: string, material: string, token: string): Promise<void> {
  const body = new FormData();
  body.append('operations', JSON.stringify({ query: UPLOAD, variables: { id, material, file: null } }));
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', new Blob([PDF], { type: 'application/pdf' }), 'consent.pdf');
  const response = await fetch(`${env.url}/graphql`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body,
  });
  const answer = (await response.json()) as { data?: { uploadMaterial: { __typename: string } } };
  expect(answer.data?.uploadMaterial.__typename).toBe('Application');
}

/** 王建国 (demo-1) sells his flat to 李婷 (demo-2): the house-transfer life event, each doing
 * their own part (as tests/support.py ready_house_event), then submitted. */
async function submittedHouseTransfer(): Promise<{ id: string; seller: string }> {
  const seller = await citizen('demo-1');
  const id = (await citizenApi<{ startLifeEvent: { id: string } }>(START, { c: HOUSE_EVENT }, seller)).startLifeEvent
    .id;
  await citizenApi(SAVE, { id, a: {}, s: SITUATION }, seller);
  await consentToEverything(id, seller);
  await uploadMaterial(id, 'property.co_owner_consent', seller);
  await citizenApi(SAVE, { id, a: SELLER, s: SITUATION }, seller);
  const buyer = await citizen('demo-2');
  const code = (await citizenApi<{ inviteParty: { code: string } }>(INVITE, { id }, seller)).inviteParty.code;
  await citizenApi(JOIN, { c: code }, buyer);
  await consentToEverything(id, buyer);
  await citizenApi(SIGN, { id, m: 'tax.family_housing_commitment' }, buyer);
  await citizenApi(SAVE, { id, a: BUYER, s: SITUATION }, buyer);
  await citizenApi(CONFIRM, { id }, buyer);
  const submitted = await citizenApi<{ submitApplication: { status?: string } }>(SUBMIT, { id }, seller);
  expect(submitted.submitApplication).toMatchObject({ status: 'SUBMITTED' });
  return { id, seller };
}

/** One staff API call as a signed-in member of staff. */
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

/** The window clerk accepts it through the staff API (one task per department). */
async function acceptedAtTheWindow(id: string): Promise<Record<string, string>> {
  const signIn =
    'mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }';
  const { signIn: session } = await staffApi<{ signIn: { token: string } }>(signIn, {
    u: STAFF.clerk,
    p: DEMO_PASSWORD,
  });
  const accept =
    'mutation($id: ID!) { acceptApplication(id: $id) { ... on StaffApplication { tasks { id departmentCode } } } }';
  const { acceptApplication } = await staffApi<{
    acceptApplication: { tasks: { id: string; departmentCode: string }[] };
  }>(accept, { id }, session.token);
  return Object.fromEntries(acceptApplication.tasks.map((t) => [t.departmentCode, t.id]));
}

/** The clerk reads the fees owed (契税 with how it is counted, the registration fee with its
 * legal basis) and records them paid at the window: the deciding approval waits for them. */
async function payAtTheWindow(page: Page, id: string): Promise<void> {
  await signInAs(page, STAFF.clerk, '受理队列');
  await page.goto(`${env.url}/configurator/#/applications/${id}`);
  const fees = page.getByRole('table', { name: '应缴费用' });
  await fees.getByText('38500.00').waitFor();
  await fees.getByText(/2559号/).waitFor();
  expect(await page.getByText('未缴费', { exact: true }).count()).toBe(1);
  await page.setViewportSize(SIZES[0]);
  await shot(page, '29-clerk-fees-1366', { fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByRole('button', { name: '登记窗口缴费' }).click();
  await page.getByText('确认申请人已在窗口缴纳 38580.00 元？').waitFor();
  await page.getByRole('button', { name: '已收款，登记' }).click();
  await page.getByText(`已窗口缴费（${STAFF.clerk}）`).waitFor();
  expect(await page.getByRole('button', { name: '登记窗口缴费' }).count()).toBe(0);
}

/** The housing reviewer pauses the task's clock for an expert review, with its reason, and
 * resumes it; then looks at the sampled automatic decisions of the department. */
async function pauseAndResume(page: Page): Promise<void> {
  await page.getByRole('button', { name: '暂停计时' }).click();
  await page.getByLabel('暂停原因（申请人可见）').fill('房屋面积需专家评审');
  await page.getByRole('button', { name: '暂停', exact: true }).click();
  await page.getByText('计时已暂停（专家评审）：恢复后才能审批').waitFor();
  await shot(page, '31a-review-paused-1366', { fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByRole('button', { name: '恢复计时' }).click();
  await page.getByText(/个工作日$/).waitFor();
  expect(await page.getByText('专家评审 · 房屋面积需专家评审').count()).toBe(1);
}

/** A reviewer's part: open the task from 审查任务, approve it with an opinion (one of them also
 * with the result document's number and file). */
async function approve(page: Page, user: string, taskId: string, withFile: boolean): Promise<void> {
  await signInAs(page, user, '审查任务');
  const row = page.getByRole('row', { name: `打开审查任务 ${taskId}` });
  await row.waitFor();
  await expect(row.locator('.review-due').count()).resolves.toBe(1); // the deadline's colour
  if (withFile) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shot(page, `30-review-queue-${size.width}`);
    }
    expect(await accessibilityProblems(page)).toEqual([]);
  }
  await row.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: new RegExp(`^审查任务 ${taskId} ·`) }).waitFor();
  await page.getByRole('heading', { name: '各部门办理进度' }).waitFor();
  await page.getByRole('table', { name: '填报信息' }).getByText('王建国').first().waitFor();
  if (withFile) await pauseAndResume(page);
  await page.getByRole('radio', { name: '同意' }).check();
  await page.getByLabel('审批意见').fill('材料齐全，符合条件，同意办理');
  if (withFile) {
    await page.getByLabel('结果文书文号').fill('西不动产〔2026〕1号');
    await page.getByLabel('结果文件').setInputFiles({
      name: '不动产登记结果.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF),
    });
    await page.getByText('已上传：不动产登记结果.pdf').waitFor();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shot(page, `31-review-task-${size.width}`, { fullPage: true });
    }
    expect(await accessibilityProblems(page)).toEqual([]);
  }
  await page.getByRole('button', { name: '提交审批' }).click();
  await page.getByText('本部门已办结：同意').waitFor();
  if (withFile) {
    await page.getByRole('button', { name: '打开 不动产登记结果.pdf' }).waitFor();
    await shot(page, '32-review-decided-1920', { fullPage: true });
    await page.getByRole('menuitem', { name: '秒批抽查' }).click();
    await page.getByRole('heading', { name: '秒批抽查' }).waitFor();
    await page.getByRole('table', { name: '秒批抽查列表' }).waitFor();
    await page.setViewportSize(SIZES[0]);
    await shot(page, '33-automatic-checks-1366');
    expect(await accessibilityProblems(page)).toEqual([]);
  }
}

it('three departments review the house transfer in parallel and the citizen sees it completed', async () => {
  const { id, seller } = await submittedHouseTransfer();
  const tasks = await acceptedAtTheWindow(id);
  expect(Object.keys(tasks).sort()).toEqual(['330106-GTJ', '330106-SWJ', '330106-ZJJ']);

  const clerk = await openPage(browser);
  await payAtTheWindow(clerk.page, id);
  expect(clerk.errors).toEqual([]);
  await clerk.page.close();

  const reviewers = [
    { user: STAFF.housing, task: tasks['330106-ZJJ'] as string, withFile: true },
    { user: STAFF.land, task: tasks['330106-GTJ'] as string, withFile: false },
    { user: STAFF.tax, task: tasks['330106-SWJ'] as string, withFile: false },
  ];
  const pages = await Promise.all(reviewers.map(() => openPage(browser)));
  await Promise.all(reviewers.map((r, n) => approve((pages[n] as { page: Page }).page, r.user, r.task, r.withFile)));

  const { application } = await citizenApi<{ application: { status: string } }>(STATUS, { id }, seller);
  expect(application.status).toBe('COMPLETED');
  for (const { page, errors } of pages) {
    expect(errors).toEqual([]);
    await page.close();
  }
});
