// What a person on an office connection waits for when opening the demo plan: bytes on the
// wire, first paint and interactive (hydrated), for a cold visit (empty cache) and a warm one
// (the same browser again, its HTTP cache kept), unthrottled and on the office profile; the
// wasm's size raw and with brotli; and how fast the server renders the plan page compared with
// serving the same bytes as a static file.
//
// Run by `scripts/bench` and alone by `scripts/bench-wire`, against a release build on port
// 3100 (PANTAU_BENCH_URL) whose site directory is PANTAU_BENCH_SITE. Goals (issue 14): cold on
// the office profile interactive <= 4 s and <= 350 KB; warm interactive <= 1.5 s with no wasm or
// CSS downloaded again; wasm <= 250 KB brotli; SSR >= 50 % of static. Printed, never asserted.
//
// The service worker is blocked in these browsers: its own fetches are not throttled by the
// page's network emulation, so with it the office figures would flatter. What a warm visit costs
// is then the HTTP cache's doing (content-hashed /pkg names, `immutable`); the end-to-end
// specs check the worker (offline, and a new build while a page is open).
import { expect, test, type Browser, type CDPSession, type Page } from "@playwright/test";
import { brotliCompressSync, constants } from "node:zlib";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UNIT } from "../tests/helpers";
import { summarize } from "./summary";
import { throughput } from "./throughput";

const STATE = `${__dirname}/../.auth/bench.json`;
const SITE = process.env.PANTAU_BENCH_SITE;
/** Seconds per throughput run (PANTAU_BENCH_SECONDS, default 10). */
const SECONDS = Number(process.env.PANTAU_BENCH_SECONDS ?? 10);

test.describe.configure({ mode: "serial" });
test.setTimeout(15 * 60_000);

type Profile = {
  name: string;
  /** Chromium's CPU slowdown factor. */
  cpu: number;
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
};

const PROFILES: Profile[] = [
  { name: "unthrottled", cpu: 1 },
  {
    // A Lapas on a shared line with an old PC: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round
    // trip, the CPU four times slower (DevTools' "Slow 4G"-like figures, bytes per second).
    name: "office",
    cpu: 4,
    network: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  },
];

/** One visit's figures. */
type Visit = {
  bytes: number;
  /** Bytes of the wasm and the CSS that came over the network (not from the cache). */
  filesBytes: number;
  requests: number;
  firstPaint: number;
  interactive: number;
  /** Per URL path: status and bytes on the wire, for the log. */
  resources: Array<{ path: string; status: number; bytes: number; cached: boolean }>;
};

/** Records, in the page's own clock, when `main` is marked hydrated (see `App` in shell.rs). */
const MARK_HYDRATED = () => {
  const observer = new MutationObserver(() => {
    const main = document.querySelector('main[data-hydrated="true"]');
    if (main && !(window as unknown as { __hydratedAt?: number }).__hydratedAt) {
      (window as unknown as { __hydratedAt?: number }).__hydratedAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-hydrated"] });
};

async function throttle(page: Page, profile: Profile): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  if (profile.network) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.network });
  }
  return cdp;
}

/** Opens `path` in `page` and waits until it is hydrated and the network is quiet. */
async function visit(page: Page, cdp: CDPSession, path: string): Promise<Visit> {
  const urls = new Map<string, { path: string; status: number; cached: boolean }>();
  const finished = new Map<string, number>();
  cdp.on("Network.responseReceived", (event) => {
    const { response } = event;
    urls.set(event.requestId, {
      path: new URL(response.url).pathname,
      status: response.status,
      cached: Boolean(response.fromDiskCache || response.fromPrefetchCache || response.fromServiceWorker),
    });
  });
  cdp.on("Network.loadingFinished", (event) => finished.set(event.requestId, event.encodedDataLength));
  await page.goto(path, { waitUntil: "commit" });
  await page.waitForSelector('main[data-hydrated="true"]', { timeout: 5 * 60_000, state: "attached" });
  await page.waitForLoadState("networkidle");
  const timing = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    interactive: (window as unknown as { __hydratedAt?: number }).__hydratedAt ?? NaN,
  }));
  const resources = [...finished].map(([id, bytes]) => ({
    ...(urls.get(id) ?? { path: "?", status: 0, cached: false }),
    bytes,
  }));
  const isFile = (p: string) => p.endsWith(".wasm") || p.endsWith(".css");
  return {
    bytes: resources.reduce((sum, r) => sum + r.bytes, 0),
    filesBytes: resources.filter((r) => isFile(r.path) && r.status === 200 && !r.cached).reduce((s, r) => s + r.bytes, 0),
    requests: resources.length,
    ...timing,
    resources,
  };
}

/** The demo plan's address, found on the home page in a browser of its own (so the measured
 * browsers start with nothing cached). */
async function planPath(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: STATE, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto("/");
  const href = await page.getByRole("link", { name: UNIT, exact: true }).first().getAttribute("href");
  await context.close();
  expect(href).toMatch(/^\/rencana\/\d+$/);
  return href ?? "/";
}

/** The server compresses its static files in the background when it starts (server::ops::site):
 * waits until the wasm is sent precompressed, for at most a minute (a server that does not
 * precompress is measured as it is). */
test.beforeAll(async ({ baseURL }) => {
  const base = baseURL ?? "http://127.0.0.1:3100";
  const html = await (await fetch(`${base}/masuk`)).text();
  const wasm = /href="([^"]*\.wasm)"/.exec(html)?.[1];
  expect(wasm, "the sign-in page preloads the wasm").toBeTruthy();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${base}${wasm}`, { method: "HEAD", headers: { "accept-encoding": "br" } });
    // Compressed per request it would be `br` too, but streamed: no length.
    if (response.headers.get("content-encoding") === "br" && response.headers.get("content-length")) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`${wasm} is not sent precompressed after a minute; measuring as it is`);
});

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const s = (ms: number) => (ms / 1000).toFixed(2);

test("a cold and a warm visit of the demo plan are measured unthrottled and on the office profile", async ({ browser }) => {
  const path = await planPath(browser);
  for (const profile of PROFILES) {
    const context = await browser.newContext({ storageState: STATE, serviceWorkers: "block" });
    await context.addInitScript(MARK_HYDRATED);
    const cold = await context.newPage();
    const cdpCold = await throttle(cold, profile);
    const first = await visit(cold, cdpCold, path);
    await cold.close();
    // The same browser again: its HTTP cache holds what the first visit kept.
    const warm = await context.newPage();
    const cdpWarm = await throttle(warm, profile);
    const second = await visit(warm, cdpWarm, path);
    await context.close();
    for (const [kind, v] of [["cold", first], ["warm", second]] as const) {
      console.log(
        `${profile.name} ${kind}: ${kb(v.bytes)} KB in ${v.requests} requests, first paint ${s(v.firstPaint)} s, ` +
          `interactive ${s(v.interactive)} s, wasm+CSS downloaded ${kb(v.filesBytes)} KB`,
      );
      for (const r of v.resources) console.log(`    ${r.status} ${r.cached ? "cache" : "net  "} ${kb(r.bytes).padStart(8)} KB  ${r.path}`);
    }
    const office = profile.name === "office";
    summarize(`wire: ${profile.name}`, [
      ["cold: bytes on the wire (KB)", kb(first.bytes), office ? "<= 350" : "-"],
      ["cold: first paint (s)", s(first.firstPaint), "-"],
      ["cold: interactive (s)", s(first.interactive), office ? "<= 4" : "-"],
      ["warm: bytes on the wire (KB)", kb(second.bytes), "-"],
      ["warm: wasm+CSS downloaded (KB)", kb(second.filesBytes), office ? "0" : "-"],
      ["warm: first paint (s)", s(second.firstPaint), "-"],
      ["warm: interactive (s)", s(second.interactive), office ? "<= 1.5" : "-"],
    ]);
  }
});

test("the wasm's size is measured raw and with brotli", async () => {
  test.skip(!SITE, "PANTAU_BENCH_SITE (the release build's site directory) is not set");
  const pkg = join(SITE ?? "", "pkg");
  const wasm = readdirSync(pkg).filter((f) => f.endsWith(".wasm"));
  expect(wasm, `one wasm in ${pkg}`).toHaveLength(1);
  const raw = readFileSync(join(pkg, wasm[0]));
  const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  console.log(`wasm ${wasm[0]}: ${raw.length} B raw, ${brotli.length} B brotli`);
  summarize("wire: files", [
    ["wasm raw (KB)", kb(raw.length), "-"],
    ["wasm brotli (KB)", kb(brotli.length), "<= 250"],
  ]);
});

test("the server renders the plan page at a measured share of its static-file throughput", async ({ browser, baseURL }) => {
  test.skip(!SITE, "PANTAU_BENCH_SITE (the release build's site directory) is not set");
  const path = await planPath(browser);
  const state = JSON.parse(readFileSync(STATE, "utf8")) as { cookies: Array<{ name: string; value: string }> };
  const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const base = baseURL ?? "http://127.0.0.1:3100";
  const page = await fetch(`${base}${path}`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  // The same bytes as a file of the site, served by the same server.
  const file = join(SITE ?? "", "bench-plan-page.html");
  writeFileSync(file, html);
  try {
    const figures: Array<[string, string, string]> = [];
    for (const encoding of ["identity", "br"]) {
      const headers = { cookie, "accept-encoding": encoding };
      const ssr = await throughput(`${base}${path}`, headers, SECONDS);
      const stat = await throughput(`${base}/bench-plan-page.html`, headers, SECONDS);
      const ratio = (100 * ssr.perSecond) / stat.perSecond;
      console.log(
        `${encoding}: SSR ${ssr.perSecond.toFixed(0)} req/s (${kb(ssr.bytes)} KB each, ${ssr.errors} errors), ` +
          `static ${stat.perSecond.toFixed(0)} req/s (${kb(stat.bytes)} KB each, ${stat.errors} errors): ${ratio.toFixed(0)} %`,
      );
      figures.push(
        [`${encoding}: SSR plan page (req/s)`, ssr.perSecond.toFixed(0), "-"],
        [`${encoding}: same bytes static (req/s)`, stat.perSecond.toFixed(0), "-"],
        [`${encoding}: SSR / static (%)`, ratio.toFixed(0), ">= 50"],
        [`${encoding}: page on the wire (KB)`, kb(ssr.bytes), "-"],
      );
    }
    console.log(`plan page HTML: ${kb(Buffer.byteLength(html))} KB`);
    summarize("wire: server", [["plan page HTML (KB)", kb(Buffer.byteLength(html)), "-"], ...figures]);
  } finally {
    rmSync(file, { force: true });
  }
});
