import { expect, test, type Browser, type Page } from "@playwright/test";
import { stateFile } from "../global-setup";
import { openPlan, quarterRow } from "./helpers";
import { ownPlan, type OwnPlan } from "./own-plan";

// One server (scripts/test's first run) or two servers on one PostgreSQL database (its second
// run sets MANAGER_URL and OPERATOR_URL to different servers).
const MANAGER = process.env.MANAGER_URL ?? "http://127.0.0.1:3000";
const OPERATOR = process.env.OPERATOR_URL ?? MANAGER;

// A plan of its own, edited by its operator, watched by the regional office's pimpinan.
let plan: OwnPlan;
test.beforeAll(async () => {
  plan = await ownPlan("live");
});

/** The manager's dashboard (marked so a reload would show) and the operator's plan page. */
async function openBoth(browser: Browser) {
  const managerContext = await browser.newContext({ baseURL: MANAGER, storageState: stateFile("kanwil") });
  const manager = await managerContext.newPage();
  await openPlan(manager, plan.unit, { hydrated: false });
  await manager.getByRole("link", { name: "Dasbor pimpinan" }).click();
  await expect(manager.locator("main")).toHaveAttribute("data-hydrated", "true");
  await manager.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const operator = await (await browser.newContext({ baseURL: OPERATOR, storageState: plan.operator.state })).newPage();
  return { managerContext, manager, operator };
}

async function save(operator: Page, indicator: string, a: string, b: string) {
  const row = quarterRow(operator, indicator, "TW IV");
  await row.getByRole("textbox", { name: /^A TW IV, indikator \d+\.\d+$/ }).fill(a);
  await row.getByRole("textbox", { name: /^B TW IV, indikator \d+\.\d+$/ }).fill(b);
  await row.getByRole("textbox", { name: /^B TW IV, indikator \d+\.\d+$/ }).press("Enter");
  await expect(row.locator(".saved")).toHaveText("Tersimpan");
}

async function stayed(manager: Page) {
  return manager.evaluate(() => (window as unknown as { stayed?: boolean }).stayed);
}

test("the manager's dashboard moves when an operator saves, without a reload", async ({ browser }) => {
  const { manager, operator } = await openBoth(browser);
  const bar = manager.locator('rect[data-indicator="1.6"][data-quarter="TW IV"]');
  await expect(bar).toHaveCount(0);
  await openPlan(operator, plan.unit);
  await save(operator, "1-6", "9", "10");

  // 9 / 10 = 90 %, exactly the target of 90 %: 100 % against target.
  await expect(bar).toHaveAttribute("data-value", "100%", { timeout: 5_000 });
  await expect(bar).toHaveAttribute("data-standing", "met");
  expect(await stayed(manager)).toBe(true);
});

test("a dashboard that lost its connection catches up when it comes back", async ({ browser }) => {
  const { managerContext, manager, operator } = await openBoth(browser);
  const bar = manager.locator('rect[data-indicator="1.7"][data-quarter="TW IV"]');
  await expect(bar).toHaveCount(0);
  await managerContext.setOffline(true);
  await openPlan(operator, plan.unit);
  await save(operator, "1-7", "18", "20");
  await expect(bar).toHaveCount(0);

  // Back online: the event stream reconnects by itself and the page refetches what it missed.
  await managerContext.setOffline(false);
  await expect(bar).toHaveAttribute("data-value", "100%", { timeout: 20_000 });
  expect(await stayed(manager)).toBe(true);
});
