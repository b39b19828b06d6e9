import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { env } from '../e2e/support';
import { accessibilityProblems, citizen, citizenApi, launch, openPage, shot, signInAs, SIZES, STAFF } from './support';

// One white pixel, whole (as tests/support.py's PNG).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4////fwAJ+wP9KobjigAAAABJRU5ErkJggg==',
  'base64',
);

/** 张秀英 (demo-4, 74): never signed in, she comes to the window for her social security card. */
const ZHANG = { residentId: '330106195209180229', name: '张秀英' };
/** A 32×40 white JPEG: her photo, scanned. */
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDACgcHiMeGSgjISMtKygwPGRBPDc3PHtYXUlkkYCZlo+AjIqgtObDoKrarYqMyP/L2u71////m8H////6/+b9//j/2wBDASstLTw1PHZBQXb4pYyl+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj4+Pj/wAARCAAoACADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDZooooAKKKKACiiigAooooAKKKKACiiigD/9k=',
  'base64',
);

const SLOTS = `query($r: String!) {
  appointmentSlots(region: $r) { id startsAt free window { hall { name { zh } } } }
}`;
const BOOK = 'mutation($s: ID!) { bookAppointment(slotId: $s) { __typename } }';

// The house transfer (as review.e2e.ts builds it), the seller sharing everything but his marriage
// records: his marriage certificate, which the matter lets the window defer, is to be brought.
const HOUSE_EVENT = '330106-YJS-001';
const SITUATION = {
  applicant_role: 'seller',
  seller_marital_status: 'married',
  buyer_family_homes: 'first',
  buyer_marital_status: 'not_married',
};
const START = 'mutation($c: String!) { startLifeEvent(code: $c) { ... on Application { id } } }';
const SAVE =
  'mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }';
const NEEDED = 'query($id: ID!) { application(id: $id) { dataSharing { sourceId } } }';
const GRANT =
  'mutation($id: ID!, $sources: [String!]!) { grantConsent(applicationId: $id, sources: $sources) { __typename } }';
const UPLOAD =
  'mutation($id: ID!, $m: String!, $file: Upload!) { uploadMaterial(applicationId: $id, materialId: $m, file: $file) { __typename } }';
const INVITE =
  'mutation($id: ID!) { inviteParty(applicationId: $id, party: "buyer") { ... on PartyInvitation { code } } }';
const JOIN = 'mutation($c: String!) { joinApplication(code: $c) { __typename } }';
const SIGN = 'mutation($id: ID!, $m: String!) { signCommitment(applicationId: $id, materialId: $m) { __typename } }';
const CONFIRM = 'mutation($id: ID!) { confirmParty(applicationId: $id) { __typename ... on Application { status } } }';

async function consentToAllButMarriage(id: string, token: string): Promise<void> {
  const needed = await citizenApi<{ application: { dataSharing: { sourceId: string }[] } }>(NEEDED, { id }, token);
  const sources = needed.application.dataSharing
    .map((d) => d.sourceId)
    .filter((s) => !['marriage', 'e_license'].includes(s));
  await citizenApi(GRANT, { id, sources }, token);
}

async function houseTransferWithoutMarriageData(): Promise<string> {
  const seller = await citizen('demo-1');
  const buyer = await citizen('demo-2');
  const { id } = (await citizenApi<{ startLifeEvent: { id: string } }>(START, { c: HOUSE_EVENT }, seller))
    .startLifeEvent;
  await citizenApi(SAVE, { id, a: {}, s: SITUATION }, seller);
  await consentToAllButMarriage(id, seller);
  const body = new FormData();
  body.append(
    'operations',
    JSON.stringify({ query: UPLOAD, variables: { id, m: 'property.co_owner_consent', file: null } }),
  );
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', new Blob([PHOTO], { type: 'image/jpeg' }), 'consent.jpg');
  await fetch(`${env.url}/graphql`, { method: 'POST', headers: { Authorization: `Bearer ${seller}` }, body });
  await citizenApi(SAVE, { id, a: { seller_mobile: '13805710001' }, s: SITUATION }, seller);
  const { code } = (await citizenApi<{ inviteParty: { code: string } }>(INVITE, { id }, seller)).inviteParty;
  await citizenApi(JOIN, { c: code }, buyer);
  await consentToAllButMarriage(id, buyer);
  await citizenApi(SIGN, { id, m: 'tax.family_housing_commitment' }, buyer);
  await citizenApi(
    SAVE,
    { id, a: { buyer_mobile: '13905710021', payment_method: 'full_payment' }, s: SITUATION },
    buyer,
  );
  await citizenApi(CONFIRM, { id }, buyer);
  const submitted = await citizenApi<{ confirmParty: { status?: string } }>(CONFIRM, { id }, seller);
  expect(submitted.confirmParty.status).toBe('SUBMITTED');
  return id;
}

/** 陈浩然 (demo-5) books a place at Xihu's hall, without an application; the day it is on. */
async function booked(): Promise<string> {
  const chen = await citizen('demo-5');
  type Slot = { id: string; startsAt: string; free: number; window: { hall: { name: { zh: string } } } };
  const { appointmentSlots } = await citizenApi<{ appointmentSlots: Slot[] }>(SLOTS, { r: '330106' }, chen);
  for (const slot of appointmentSlots.filter((s) => s.free > 0 && s.window.hall.name.zh === '西湖区民生服务中心')) {
    const { bookAppointment } = await citizenApi<{ bookAppointment: { __typename: string } }>(
      BOOK,
      { s: slot.id },
      chen,
    );
    if (bookAppointment.__typename === 'Booking') return slot.startsAt.slice(0, 10);
  }
  throw new Error('no free slot at the hall');
}

/** A working day (Monday to Friday) a week or so from now, as YYYY-MM-DD. */
function dueDay(): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Tab forward until the focused element matches `selector` (the keyboard's way there). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** axe-core on `selector` (once antd's messages are gone), then screenshots at both sizes. */
async function looked(page: Page, name: string, selector = 'body'): Promise<void> {
  expect(await accessibilityProblems(page, selector)).toEqual([]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]);
}

let browser: Browser;

/** A page at 1366×768 with the demo window clerk signed in, on their queue. */
async function clerkPage(): Promise<Awaited<ReturnType<typeof openPage>>> {
  const opened = await openPage(browser);
  await opened.page.setViewportSize(SIZES[0]);
  await signInAs(opened.page, STAFF.clerk, '受理队列');
  return opened;
}
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

it('a window clerk files a walk-in from her ID card to submitted, then accepts it', async () => {
  const { page, errors } = await clerkPage();
  await page.getByRole('menuitem', { name: '窗口收件' }).click();
  await page.getByRole('heading', { name: '窗口收件' }).waitFor();
  await looked(page, '40-desk-walk-in');

  // her ID card and the matter, searched by name
  await page.getByLabel('身份证号码').fill(ZHANG.residentId);
  await page.getByLabel('姓名').fill(ZHANG.name);
  await page.getByLabel('事项').fill('社会保障卡');
  await page.locator('.ant-select-item-option', { hasText: '社会保障卡申领 · 330106-ZJ-006' }).click();
  await page.getByRole('button', { name: '开始收件' }).click();
  await page.getByRole('heading', { name: '张秀英 · 社会保障卡申领' }).waitFor();

  // the same form and checklist as online: the bank, her photo scanned
  await page.getByRole('radio', { name: '为我自己' }).check();
  await page.getByLabel('社会保障卡合作银行').click();
  await page.locator('.ant-select-item-option', { hasText: '中国工商银行' }).click();
  await page.getByRole('button', { name: '保存并更新清单' }).click();
  const photo = page.locator('[data-material="portrait_photo"]');
  await photo.locator('input[type=file]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await photo.locator('.ant-tag', { hasText: '已上传' }).waitFor();
  await page.getByRole('radio', { name: '窗口领取' }).check();
  await looked(page, '41-desk-filing');

  // she signs on the pad; submitted, the application opens ready to accept
  await page.getByRole('button', { name: '申请人已确认，提交' }).click();
  await page.getByRole('tab', { name: '申请材料' }).waitFor();
  await page.locator('.clerk-header .ant-tag', { hasText: '待受理' }).waitFor();
  expect(page.url()).toMatch(/#\/applications\//);
  await page.getByRole('button', { name: /^受理/ }).click();
  await page.getByRole('button', { name: '确认受理' }).click();
  await page.locator('.clerk-header .ant-tag', { hasText: '已受理' }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});

it("a clerk accepts without the seller's marriage certificate and records it when he brings it", async () => {
  const application = await houseTransferWithoutMarriageData();
  const { page, errors } = await clerkPage();
  await page.goto(`${page.url().split('#')[0]}#/applications/${application}`);
  await page.getByRole('tab', { name: '申请材料' }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  await page.getByRole('button', { name: /^受理/ }).click();
  const dialog = page.getByRole('dialog', { name: '受理申请' });
  // ticked again if the click landed while the dialog was still opening (its state unchanged)
  const without = dialog.getByRole('checkbox', { name: '容缺受理：卖方的结婚证' });
  await vi.waitFor(() => without.check({ timeout: 2000 }), { timeout: 15000, interval: 200 });
  const due = dialog.getByLabel('补交日期: 卖方的结婚证');
  await due.fill(dueDay());
  await due.press('Enter'); // the date taken, Enter submits the dialog's form
  await dialog.waitFor({ state: 'hidden' });
  const deferred = page.locator('[data-deferred]', { hasText: '卖方的结婚证' });
  await deferred.getByText(`${dueDay()} 前补交`).waitFor();
  await looked(page, '42-desk-deferred');

  // the original seen and its scan kept: sent with the mutation in one multipart request
  await deferred.locator('input[type=file]').setInputFiles({ name: '结婚证.png', mimeType: 'image/png', buffer: PNG });
  await deferred.getByText('已补交').waitFor();
  expect(errors).toEqual([]);
  await page.close();
});

it("the day's appointments at the hall list a booking, masked, and start a walk-in from it", async () => {
  const day = await booked();
  const { page, errors } = await clerkPage();
  await page.getByRole('menuitem', { name: '今日预约' }).click();
  await page.getByRole('heading', { name: '今日预约' }).waitFor();
  const picker = page.getByLabel('日期');
  await picker.click();
  await picker.fill(day);
  await picker.press('Enter');
  await page.locator('.ant-picker-dropdown').waitFor({ state: 'hidden' }); // closed, not fading out
  const row = page.locator('tr', { hasText: '陈*然' }).first();
  await row.waitFor();
  await looked(page, '43-desk-appointments');

  await tabTo(page, 'tr.ant-table-row button');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '窗口收件' }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});
