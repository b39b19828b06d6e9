import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityProblems, choose, launch, openPage, openTab, signIn } from './support';

/** The rule builder in English, and a rule it cannot show: the sentence follows the UI's
 * language, and a rule typed in a shape the builder does not write stays JSON, flagged, exactly
 * as typed. Nothing is saved. */

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

it('reads a rule back in English and leaves a rule it cannot show as typed', async () => {
  await signIn(page);
  await page.getByRole('button', { name: '新建事项' }).click();
  await page.getByLabel('事项名称（中文）').fill('规则试验');
  await page.getByLabel('事项名称（英文）').fill('Rule trial');
  await page.getByRole('button', { name: '创建' }).click();
  await page.getByRole('tab', { name: /基本信息/ }).waitFor();
  await page.getByText('English', { exact: true }).click();

  await openTab(page, 'Rules');
  await page.getByRole('button', { name: 'Add a rule' }).click();
  const rule = page.locator('#eligibility-0');
  await rule.getByRole('button', { name: 'Add condition', exact: true }).click();
  await choose(page, rule.locator('.rule-fields'), "Applicant: Applicant's age (from the resident ID)", 'resident ID');
  await choose(page, rule.locator('.rule-operators'), 'at least');
  await rule.locator('.rule-value input').fill('18');
  await expect(rule.locator('.rule-sentence').textContent()).resolves.toBe(
    "This rule reads: The applicant passes when Applicant's age (from the resident ID) is at least 18 years.",
  );
  // Several texts are typed as tags, each ended by Enter.
  await rule.getByRole('button', { name: 'Add condition', exact: true }).click();
  const second = rule.locator('.rule').nth(1);
  await choose(page, second.locator('.rule-fields'), 'Applicant: Applicant name', 'Applicant name');
  await choose(page, second.locator('.rule-operators'), 'is one of');
  await second.locator('.rule-value input').click();
  for (const name of ['王芳', '李雷']) {
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  }
  await expect(rule.locator('.rule-sentence').textContent()).resolves.toBe(
    "This rule reads: The applicant passes when Applicant's age (from the resident ID) is at least 18 years, and Applicant name (verified) is one of 王芳, 李雷.",
  );
  await expect(accessibilityProblems(page, '.tab-body')).resolves.toEqual([]);

  // age_at counted to a fixed date: the builder has no block for it.
  const typed = '{">=": [{"age_at": [{"id_birth_date": [{"var": "applicant.id_number"}]}, "2024-09-01"]}, 6]}';
  await rule.getByText('JSON rule').click();
  await rule.locator('.rule-raw').fill(typed);
  await rule.locator('.rule-advanced').waitFor();
  await expect(rule.locator('.rule-editor').getAttribute('data-advanced')).resolves.toBe('true');
  await expect(rule.locator('.rule-advanced').textContent()).resolves.toContain('the visual editor cannot show it');
  await expect(rule.locator('.ant-segmented-item-disabled').textContent()).resolves.toBe('Visual');
  await expect(rule.locator('.rule-sentence').count()).resolves.toBe(0);
  await expect(rule.locator('.rule-raw').inputValue()).resolves.toBe(typed);
  await expect(accessibilityProblems(page, '.tab-body')).resolves.toEqual([]);
  expect(errors).toEqual([]);
});
