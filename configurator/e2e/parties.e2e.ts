import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityProblems, choose, env, launch, openPage, openTab, saveDraft, shot, signIn } from './support';

/** Journey (c): a county administrator localises the province's 户口迁入 and declares its two
 * parties, the person moving in and the householder who takes them in; gives the householder
 * their consent and marks a material deferrable; meets the linter's problem for a field both
 * parties own and fixes it; the preview counts each party's trips. */

const TEMPLATE = '330000-ZJ-008';

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

const card = (selector: string) => page.locator(selector);
const text = async (scope: string, label: string, zh: string, en: string) => {
  await card(scope).getByLabel(`${label} 中文`).first().fill(zh);
  await card(scope).getByLabel(`${label} 英文`).first().fill(en);
};
const openOption = (name: string) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: name });

async function declareParty(index: number, id: string, name: [string, string], confirm: [string, string]) {
  await page.getByRole('button', { name: '添加当事人' }).press('Enter'); // keyboard usable
  const scope = `#party-${index}`;
  await card(scope).getByLabel('当事人编号').fill(id);
  await text(scope, '当事人名称', ...name);
  await text(scope, '确认内容', ...confirm);
}

it('a county administrator declares two parties and fixes a field both own', async () => {
  await signIn(page, undefined, env.localUser);
  await page.getByRole('button', { name: '从省级模板新建' }).click();
  await page.locator(`[data-template="${TEMPLATE}"]`).getByRole('button', { name: '细化为本地事项' }).click();
  await page.getByRole('tab', { name: /基本信息/ }).waitFor();

  // Two parties; the householder also takes the mover's former address by mistake.
  await openTab(page, '当事人');
  await declareParty(
    0,
    'mover',
    ['迁入人', 'Person moving in'],
    ['我确认以上迁入信息属实。', 'I confirm the details of the move are true.'],
  );
  await choose(page, card('#party-0 .party-fields'), 'move_from_address');
  await page.keyboard.press('Escape');
  await declareParty(
    1,
    'householder',
    ['户主', 'Householder'],
    ['我同意申请人迁入本户。', 'I agree that the applicant moves into my household.'],
  );
  await choose(page, card('#party-1 .party-identity-field'), 'householder_id_number');
  await choose(page, card('#party-1 .party-fields'), 'householder_name');
  await openOption('move_from_address').click(); // the list of a multiple select stays open
  await page.keyboard.press('Escape');
  await expect(card('#party-1 .field-owned-twice').textContent()).resolves.toContain('已属于 迁入人');

  // The householder gives the consent; the kinship proof may be brought after acceptance.
  await openTab(page, '材料');
  await choose(page, card('[data-material="householder_consent"] .material-party'), '户主');
  await card('[data-material="kinship_proof"] .material-deferrable').press('Space');
  await openTab(page, '基本信息');
  await choose(page, card('#output .output-holder'), '迁入人');
  await expect(accessibilityProblems(page, '#output')).resolves.toEqual([]);

  // Saved, the linter names the field both parties own, under the householder's fields.
  await saveDraft(page);
  await openTab(page, '当事人');
  const problems = card('#party-1 .ant-form-item-explain-error');
  await problems.waitFor();
  await expect(problems.textContent()).resolves.toMatch(/move_from_address.*已属于/);
  await expect(
    page
      .getByRole('tab', { name: /当事人/ })
      .locator('.ant-badge-count')
      .textContent(),
  ).resolves.toMatch(/[1-9]/);
  await card('#party-1').scrollIntoViewIfNeeded();
  await shot(page, '30-parties-field-owned-twice');

  // Fixed: the householder gives the field back; saved, the problem is gone and the rest kept.
  await card('#party-1 .field-owned-twice .ant-tag-close-icon').click();
  await saveDraft(page);
  await problems.waitFor({ state: 'detached' });
  await expect(card('.problems-at .ant-alert-error').count()).resolves.toBe(0);
  await expect(card('#party-1 .party-fields').textContent()).resolves.toContain('householder_id_number');
  await shot(page, '31-parties-fixed');
  await expect(accessibilityProblems(page, '.ant-tabs-tabpane-active')).resolves.toEqual([]);
  await openTab(page, '材料');
  const consent = card('[data-material="householder_consent"]');
  await expect(consent.locator('.material-party').textContent()).resolves.toContain('户主');
  await expect(accessibilityProblems(page, '[data-material="householder_consent"]')).resolves.toEqual([]);
  await expect(card('[data-material="kinship_proof"] .material-deferrable').getAttribute('aria-checked')).resolves.toBe(
    'true',
  );

  // The preview counts each party's trips; the matter's count is the worst of them.
  await openTab(page, '预览');
  const counts = card('.preview-result .party-run-counts');
  await counts.locator('[data-party="householder"] .run-count').waitFor();
  await expect(counts.locator('[data-party]').count()).resolves.toBe(2);
  const whose = await card('.preview-result .advisor .trip-party').allTextContents();
  expect(whose.length).toBeGreaterThan(0);
  expect(whose.every((name) => ['迁入人', '户主'].includes(name))).toBe(true);
  await counts.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await shot(page, '32-party-run-counts');
  expect(errors).toEqual([]);
});
