// The workbench's queue screen in headless Chromium (bench/bench_queue.py runs this from
// configurator/): sign in as the clerk once, then load the screen `repeat` times, each timed
// from navigation to its first page of rows on screen, and the queue read again in place (the
// search button) until its rows are back, and of that how long until its answer had arrived.
// Prints the three lists of times (ms) as JSON.
import { createRequire } from "node:module";

const { chromium } = createRequire(`${process.cwd()}/`)("playwright-core");
const [url, user, password, repeat] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1366, height: 768 },
  });
  await page.goto(`${url}/configurator/`);
  await page.getByLabel("用户名").fill(user);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.locator("tr.clerk-row").first().waitFor({ timeout: 60_000 });
  const shown = () =>
    page.waitForFunction(
      () =>
        document.querySelectorAll("tr.clerk-row").length >= 20 &&
        !document.querySelector(".ant-table .ant-spin-spinning"),
      undefined,
      { timeout: 60_000 },
    );
  const search = page.locator(".ant-input-search-button");
  const answered = () =>
    page.waitForResponse((r) => r.request().postData()?.includes("ClerkWindowQueue") ?? false);
  const loads = [];
  const reads = [];
  const answers = [];
  for (let n = 0; n <= Number(repeat); n += 1) {
    let began = performance.now();
    await page.reload();
    await shown();
    if (n > 0) loads.push(performance.now() - began); // the first load warms the caches
    const answer = answered();
    began = performance.now();
    await search.click(); // the clerk reads the queue again
    await (await answer).finished();
    const waited = performance.now() - began;
    await shown();
    if (n > 0) {
      reads.push(performance.now() - began);
      answers.push(waited);
    }
  }
  console.log(JSON.stringify({ loads, reads, answers }));
} finally {
  await browser.close();
}
