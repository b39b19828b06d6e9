// The configurator's sign-in page loaded cold in headless Chromium over an emulated 9 Mbit/s,
// 60 ms connection (bench/bench_first_load.py runs this from configurator/). Each load is in a
// browser context of its own (an empty cache, no connection kept from the last load); the sites
// are loaded in turn, `repeat` times each. Per load: first contentful paint, the load event, the
// sign-in form on screen (ms from navigation start), and the bytes received (as sent, compressed
// or not), the requests. Prints {label: [load, …]} as JSON.
import { createRequire } from "node:module";

const { chromium } = createRequire(`${process.cwd()}/`)("playwright-core");
const [sites, repeat] = [JSON.parse(process.argv[2]), Number(process.argv[3])];
const NETWORK = {
  offline: false,
  latency: 60, // ms added to every request's answer
  downloadThroughput: 9_000_000 / 8, // bytes per second
  uploadThroughput: 9_000_000 / 8,
};

async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    let bytes = 0;
    let requests = 0;
    cdp.on("Network.loadingFinished", (event) => {
      bytes += event.encodedDataLength;
      requests += 1;
    });
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    const form = await page.waitForFunction(
      () => document.querySelector("input[type=password]") && performance.now(),
      undefined,
      { polling: "raf", timeout: 60_000 },
    );
    const times = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType("navigation");
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return { load: navigation.loadEventEnd, fcp: paint ? paint.startTime : null };
    });
    return { ...times, form: await form.jsonValue(), bytes, requests };
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const results = Object.fromEntries(sites.map(({ label }) => [label, []]));
  await load(browser, sites[0].url); // Chromium's own first start, not measured
  for (let n = 0; n < repeat; n += 1) {
    for (const { label, url } of n % 2 ? [...sites].reverse() : sites) {
      results[label].push(await load(browser, url));
    }
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
}
