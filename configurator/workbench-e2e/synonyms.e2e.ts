import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityProblems, citizenApi, launch, openPage, shot, signInAs, SIZES, STAFF } from './support';

const SEARCH = `query($k: String!) { matters(filter: { region: "330106", keyword: $k }, first: 20) { edges { node { code } } } }`;
const SHOP = '330106-ZJ-007'; // 个体工商户设立登记

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function found(keyword: string): Promise<string[]> {
  const data = await citizenApi<{ matters: { edges: { node: { code: string } }[] } }>(SEARCH, { k: keyword });
  return data.matters.edges.map((e) => e.node.code);
}

it("the county administrator adds the county's word, and a citizen's search finds the matter by it", async () => {
  expect(await found('奶茶店')).not.toContain(SHOP);
  const { page } = await openPage(browser);
  await page.setViewportSize(SIZES[0]);
  await signInAs(page, STAFF.admin, '本地事项');
  await page.getByRole('navigation', { name: '工作菜单' }).getByRole('menuitem', { name: '搜索同义词' }).click();
  await page.getByRole('heading', { name: '搜索同义词' }).waitFor();
  await page.getByRole('cell', { name: '户籍' }).first().waitFor(); // the province's, read-only
  expect(await accessibilityProblems(page)).toEqual([]);

  // A fault is said under its field, in plain words: the word the matters use is the same.
  await page.getByLabel('群众的说法').fill('奶茶店');
  const meant = page.getByLabel('事项里的词');
  await meant.fill('奶茶店');
  await meant.press('Enter');
  await page.getByRole('button', { name: '添加或修改' }).click();
  await page.getByText('这个词和群众的说法一样，搜索本来就能找到。').waitFor();
  await page.locator('.ant-form-show-help-item-appear').waitFor({ state: 'detached' }); // shown, not fading in
  expect(await accessibilityProblems(page)).toEqual([]);

  // Corrected: saved, listed as the county's own, and searches find the shop at once.
  await page.locator('.ant-select-selection-item-remove').first().click();
  await meant.fill('个体工商户');
  await meant.press('Enter');
  await page.getByRole('button', { name: '添加或修改' }).click();
  await page.getByText('已保存：搜索“奶茶店”会同时查找对应的规范词。').waitFor();
  await page.getByRole('searchbox', { name: '查找词' }).fill('奶茶');
  const row = page.locator('tr.ant-table-row', { hasText: '奶茶店' });
  await row.getByText('本地').waitFor();
  await shot(page, '70-admin-synonyms-1366');
  expect(await found('奶茶店')).toContain(SHOP);

  // Removed (asked first): the search no longer finds it.
  await row.getByRole('button', { name: '删除' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await page.getByText('已删除“奶茶店”。').waitFor();
  await row.waitFor({ state: 'detached' });
  expect(await found('奶茶店')).not.toContain(SHOP);
});
