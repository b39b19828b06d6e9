import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDay } from '../src/workbench/halls/chinaDay';
import { accessibilityProblems, launch, openPage, shot, signInAs, SIZES, STAFF } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

it('the county administrator sets hours, adds a window, closes a day and publishes a week of slots', async () => {
  const { page, errors } = await openPage(browser);
  await page.setViewportSize(SIZES[0]);
  await signInAs(page, STAFF.admin, '本地事项');
  const menu = page.getByRole('navigation', { name: '工作菜单' });
  await menu.getByRole('menuitem', { name: '大厅与号源' }).click();
  await page.getByRole('heading', { name: '大厅与号源' }).waitFor();
  await expect(page.getByTestId('hours-1').inputValue()).resolves.toBe('09:00-12:00, 13:30-17:00');
  expect(await accessibilityProblems(page)).toEqual([]);

  // Saturday mornings too.
  await page.getByTestId('hours-6').fill('09:00-12:00');
  await page.getByRole('button', { name: '保存开放时间' }).click();
  await page.getByText('已保存').first().waitFor();

  // A third window: hour-long slots of two places.
  await page.getByLabel('窗口名称', { exact: true }).fill('3 号预约窗口');
  await page.getByLabel('每号时长（分钟）', { exact: true }).fill('60');
  await page.getByLabel('每号人数', { exact: true }).fill('2');
  await page.getByRole('button', { name: '添加窗口' }).click();
  await page.getByLabel('窗口名称 3 号预约窗口').waitFor();

  // The day after tomorrow closed, with its reason.
  const closed = chinaDay(2);
  await page.getByLabel('日期', { exact: true }).fill(closed);
  await page.getByLabel('原因', { exact: true }).fill('消防检查');
  await page.getByRole('button', { name: '添加闭厅日' }).click();
  await page.getByRole('cell', { name: '消防检查' }).waitFor();

  // A week of slots, from tomorrow.
  await page.getByLabel('从', { exact: true }).fill(chinaDay(1));
  await page.getByLabel('到', { exact: true }).fill(chinaDay(7));
  await page.getByRole('button', { name: '发布号源' }).click();
  await page.getByText(/发布了 \d+ 个号源/).waitFor();
  const days = page.getByTestId('hall-days');
  const closedRow = days.locator('tr', { hasText: closed });
  await closedRow.getByText('不开放').waitFor();
  const published = await days
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Number((r.children[2] as HTMLElement).innerText)));
  expect(published.some((n) => n > 0)).toBe(true);

  expect(await accessibilityProblems(page)).toEqual([]); // once the messages have faded
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `70-admin-halls-${size.width}`);
  }
  await days.scrollIntoViewIfNeeded();
  await shot(page, '71-admin-halls-slots-1920');
  expect(errors).toEqual([]);
  await page.close();
});
