// How long our own work takes per keystroke: from the `input` event to the end of the reactive
// updates it triggers (validation, the working copy, every figure and check that depends on it,
// the DOM writes), measured inside the page. Layout and paint are the browser's and not counted
// in that figure; a second figure, until the next frame is done, shows what the person waits for.
//
// Run by `scripts/bench` (config: playwright.bench.config.ts) against a release build serving the
// demo plan and a 1000-indicator plan (`pantau generate 1000`), the latter one goal at a time (as it
// opens) and with all goals on one page (`?sasaran=semua`). Goals: p95 <= 4 ms on the demo plan,
// <= 8 ms on the 1000-indicator plan; the 1000-indicator plan with all goals interactive in
// <= 10 s. Figures are printed, never asserted.
//
// Environment: PANTAU_BENCH_KEYSTROKES (default 200) keystrokes per input;
// PANTAU_BENCH_LOAD_MINUTES (default 30) for a plan page to load and hydrate;
// PANTAU_BENCH_PROFILE=DIR also records a Chromium CPU profile of each run into DIR.
import { expect, test, type Page } from "@playwright/test";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { UNIT } from "../tests/helpers";
import { summarize } from "./summary";

const KEYSTROKES = Number(process.env.PANTAU_BENCH_KEYSTROKES ?? 200);
const PROFILE_DIR = process.env.PANTAU_BENCH_PROFILE;
/** How long a plan page may take to load and hydrate (PANTAU_BENCH_LOAD_MINUTES, default 30). */
const LOAD_TIMEOUT = Number(process.env.PANTAU_BENCH_LOAD_MINUTES ?? 30) * 60_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(LOAD_TIMEOUT + 10 * 60_000);

/** What to type into, and the cell whose text shows that the figures followed. */
type Target = {
  name: string;
  row: string;
  label: string;
  figure: string;
  values: string[];
};

type Timing = {
  durations: number[];
  /** From the same start until the next frame is done (style, layout, paint): not our work
   * alone, and aligned to the display's frames, but what the person waits for. */
  toNextFrame: number[];
  /** The figure's text right after each timed keystroke, and once everything settled. */
  lastSeen: string;
  settled: string;
  changes: number;
};

/** `1234567` → `1.234.567`, the way the fields read money. */
function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function targets(): Target[] {
  const indicatorRow = '#indikator-1-1 tr[data-quarter="TW I"]';
  return [
    {
      name: "A TW I",
      row: indicatorRow,
      label: "A TW I",
      figure: ".quarter-value",
      // B below is 90: A from 40 to 89 gives a different percentage on every keystroke.
      values: Array.from({ length: KEYSTROKES }, (_, i) => String(40 + (i % 50))),
    },
    {
      name: "B TW I",
      row: indicatorRow,
      label: "B TW I",
      figure: ".quarter-value",
      values: Array.from({ length: KEYSTROKES }, (_, i) => String(90 + (i % 50))),
    },
    {
      name: "RPD TW I",
      row: 'tr[id^="kegiatan-"]',
      label: "RPD TW I",
      figure: ".rpd-total",
      values: Array.from({ length: KEYSTROKES }, (_, i) => groupThousands(1_000_000 + i * 12_345_000)),
    },
  ];
}

/** Opens the plan the home page links to as a person arriving there would: rendered by the
 * server, then hydrated (not routed to inside an already hydrated page); `query` is added to its
 * address. Returns how long that took, in milliseconds. */
async function openPlan(page: Page, linkName: string | RegExp, query = ""): Promise<number> {
  await page.goto("/");
  const href = await page.getByRole("link", { name: linkName }).first().getAttribute("href");
  expect(href).toMatch(/^\/rencana\/\d+$/);
  const start = Date.now();
  // Not "load": the page's own scripts may keep the renderer busy for minutes on a huge plan.
  await page.goto(`${href ?? "/"}${query}`, { waitUntil: "domcontentloaded", timeout: LOAD_TIMEOUT });
  await page.waitForSelector('main[data-hydrated="true"]', { timeout: LOAD_TIMEOUT });
  const loaded = Date.now() - start;
  await expect(page.locator("#indikator-1-1")).toBeVisible();
  return loaded;
}

/** Gives the indicator a B to divide by, so typing A moves the percentage. */
async function prepare(page: Page) {
  await timeKeystrokes(page, {
    name: "setup",
    row: '#indikator-1-1 tr[data-quarter="TW I"]',
    label: "B TW I",
    figure: ".quarter-value",
    values: ["90"],
  });
}

async function timeKeystrokes(page: Page, target: Target): Promise<Timing> {
  return page.evaluate(async ({ row, label, figure, values }) => {
    const rowElement = document.querySelector(row);
    if (!rowElement) throw new Error(`no row ${row}`);
    const input = Array.from(rowElement.querySelectorAll("input")).find(
      (i) => i.getAttribute("aria-label") === label || !!i.getAttribute("aria-label")?.startsWith(`${label}, `),
    );
    if (!input) throw new Error(`no input labelled ${label} in ${row}`);
    const cell = rowElement.querySelector(figure);
    if (!cell) throw new Error(`no ${figure} in ${row}`);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const durations: number[] = [];
    const toNextFrame: number[] = [];
    let lastSeen = cell.textContent ?? "";
    let changes = 0;
    for (const next of values) {
      // Start each keystroke from a quiet page, as a person typing would.
      await settle();
      const t0 = performance.now();
      input.value = next;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await Promise.resolve();
      await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
      const t1 = performance.now();
      performance.measure("pantau-keystroke", { start: t0, end: t1, detail: { label, value: next } });
      durations.push(t1 - t0);
      const seen = cell.textContent ?? "";
      if (seen !== lastSeen) changes += 1;
      lastSeen = seen;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      toNextFrame.push(performance.now() - t0);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { durations, toNextFrame, lastSeen, settled: cell.textContent ?? "", changes };
  }, target);
}

function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

function report(plan: string, goal: number, target: Target, timing: Timing): string {
  const sorted = [...timing.durations].sort((a, b) => a - b);
  const frames = [...timing.toNextFrame].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  const ms = (d: number) => `${d.toFixed(2)} ms`;
  const followed =
    timing.lastSeen === timing.settled
      ? "figures updated inside the timed window"
      : `figures NOT yet updated when timed (${timing.lastSeen} → ${timing.settled})`;
  return (
    `keystroke ${plan}, ${target.name}: p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  ` +
    `mean ${ms(mean)}  max ${ms(sorted[sorted.length - 1])}  (n=${sorted.length}, goal p95 <= ${goal} ms; ` +
    `${followed}; ${timing.changes} figure changes); until the next frame: ` +
    `p50 ${ms(percentile(frames, 50))}  p95 ${ms(percentile(frames, 95))}`
  );
}

async function benchPlan(page: Page, plan: string, goal: number, loaded: number, loadGoal = "-") {
  console.log(`${plan} plan: loaded and hydrated in ${(loaded / 1000).toFixed(1)} s`);
  const area = `keystroke: ${plan} plan`;
  summarize(area, [["loaded and hydrated (s)", (loaded / 1000).toFixed(1), loadGoal]]);
  await prepare(page);
  const session = PROFILE_DIR ? await page.context().newCDPSession(page) : undefined;
  const lines: string[] = [];
  for (const target of targets()) {
    if (session) {
      await session.send("Profiler.enable");
      await session.send("Profiler.setSamplingInterval", { interval: 50 });
      await session.send("Profiler.start");
    }
    const timing = await timeKeystrokes(page, target);
    if (session && PROFILE_DIR) {
      const { profile } = await session.send("Profiler.stop");
      mkdirSync(PROFILE_DIR, { recursive: true });
      const file = join(PROFILE_DIR, `keystroke-${plan}-${target.name.replace(/\W+/g, "-")}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
    }
    expect(timing.durations).toHaveLength(KEYSTROKES);
    expect(timing.changes, `${target.name}: the figure follows the typing`).toBeGreaterThan(0);
    const line = report(plan, goal, target, timing);
    summarize(area, figures(target, goal, timing));
    lines.push(line);
    console.log(line);
  }
  test.info().annotations.push(...lines.map((description) => ({ type: "keystroke", description })));
}

/** The figures of one target for the bench summary. */
function figures(target: Target, goal: number, timing: Timing): Array<[string, string, string]> {
  const sorted = [...timing.durations].sort((a, b) => a - b);
  return [
    [`${target.name} p50 (ms)`, percentile(sorted, 50).toFixed(2), "-"],
    [`${target.name} p95 (ms)`, percentile(sorted, 95).toFixed(2), `<= ${goal}`],
  ];
}

test("keystrokes on the demo plan are timed for an indicator's A and B and an activity's RPD", async ({ page }) => {
  const loaded = await openPlan(page, UNIT);
  await benchPlan(page, "demo", 4, loaded);
});

test("keystrokes on the 1000-indicator plan are timed for an indicator's A and B and an activity's RPD", async ({ page }) => {
  const loaded = await openPlan(page, /1000/);
  // A large plan shows one goal at a time; the working copy still holds all 1000 indicators.
  await expect(page.locator("nav.goal-pager")).toBeVisible();
  await benchPlan(page, "1000", 8, loaded);
});

test("the 1000-indicator plan with all goals on one page is timed to interactive, and its keystrokes", async ({ page }) => {
  const loaded = await openPlan(page, /1000/, "?sasaran=semua");
  // Every goal's section is on the page: the last goal's first indicator too.
  await expect(page.locator("#indikator-10-1")).toBeAttached();
  await benchPlan(page, "1000, all goals", 8, loaded, "<= 10");
});
