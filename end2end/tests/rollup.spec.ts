import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { stateFile } from "../global-setup";
import { openPlan, quarterRow, UNIT } from "./helpers";
import { ownPlan, type OwnPlan } from "./own-plan";

// The roll-up (/unit/{id}) of the demo's regional office, as its pimpinan reaches it from the
// home page: the office (no plan of its own) and Lapas Luwuk below it. Reads the demo; the live
// test edits a plan of its own under the office (`ownPlan`), whose row the pimpinan watches.
const OFFICE = "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM SULAWESI TENGAH";
test.use({ storageState: stateFile("kanwil") });

const row = (page: Page, unit: string): Locator =>
  page.locator(".rollup-table tbody tr").filter({ has: page.getByText(unit, { exact: true }) });
const figures = (row: Locator) => row.locator("td.num").allTextContents();

async function openRollup(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: `Rekap unit: ${OFFICE}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: OFFICE })).toBeVisible();
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

test("the office's pimpinan lands on the roll-up, whose total is the office's row", async ({ page }) => {
  await openRollup(page);
  // Without a year: this year's plans, else the latest earlier year's; other specs (years)
  // make plans for later years under this office, and their own plans for 2024 beside Luwuk's.
  await expect(page.getByText(/^Rekap unit — Tahun Anggaran \d{4} — TW (I|II|III|IV)$/)).toBeVisible();
  await page.getByRole("link", { name: "2024", exact: true }).click();
  await expect(page.getByText("Rekap unit — Tahun Anggaran 2024 — TW IV")).toBeVisible();
  const office = row(page, OFFICE);
  const luwuk = row(page, UNIT);
  const total = page.locator(".rollup-table tr.total");
  await expect(office.locator("td").first()).toHaveText("Belum ada rencana");
  // 2024's TW IV report was due by 31 December 2024 and is not approved: late.
  await expect(luwuk.locator("td").first()).toHaveText("Draf · terlambat");
  await expect(total.locator("th")).toHaveText(/^Jumlah \(\d+ rencana\)$/);
  // The office has no plan of its own: its row sums the units below it, and is the total.
  expect(await figures(luwuk)).toHaveLength(7);
  expect(await figures(total)).toEqual(await figures(office));
  await page.screenshot({ path: "../target/screens/rollup-1366.png", fullPage: true });

  // Another quarter, through the router (hydrated): TW I's realization only.
  await page.getByRole("link", { name: "TW I", exact: true }).click();
  await expect(page).toHaveURL(/\/unit\/\d+\?tahun=2024&tw=1$/);
  await expect(page.getByText("Rekap unit — Tahun Anggaran 2024 — TW I")).toBeVisible();
  // The year's targets are data (the dashboard spec changes 2024's): any percentage.
  await expect(page.getByText(/Target penyerapan s\.d\. TW I: \d+(,\d+)?%/)).toBeVisible();

  // Down to the UPT's dashboard.
  await luwuk.getByRole("link", { name: "Dasbor" }).click();
  await expect(page.getByText(/^Dasbor pimpinan — /)).toBeVisible();
});

test("the roll-up has no serious accessibility violation", async ({ page }) => {
  await openRollup(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(serious).toEqual([]);
});

test.describe("on a 390 × 844 phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the page does not scroll sideways; the table scrolls in its own box", async ({ page }) => {
    await openRollup(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = page.getByRole("region", { name: "Rekap unit" });
    const { scroll, client } = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(scroll).toBeGreaterThan(client);
    await page.screenshot({ path: "../target/screens/rollup-390.png", fullPage: true });
  });
});

// Two servers on one PostgreSQL database in scripts/test's second run; one server otherwise.
const MANAGER = process.env.MANAGER_URL ?? "http://127.0.0.1:3000";
const OPERATOR = process.env.OPERATOR_URL ?? MANAGER;

test.describe("live", () => {
  let plan: OwnPlan;
  test.beforeAll(async () => {
    plan = await ownPlan("rollup");
  });

  test("the pimpinan sees a unit's row change when its operator saves, and follows the attention item to the plan", async ({
    browser,
  }) => {
    const managerContext = await browser.newContext({ baseURL: MANAGER, storageState: stateFile("kanwil") });
    const manager = await managerContext.newPage();
    await openRollup(manager);
    await manager.getByRole("link", { name: "2024", exact: true }).click();
    await manager.getByRole("link", { name: "TW IV", exact: true }).click();
    await expect(manager.getByText("Rekap unit — Tahun Anggaran 2024 — TW IV")).toBeVisible();
    await manager.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const own = row(manager, plan.unit);
    const last = own.locator("td.last-change");
    await expect(last).not.toContainText(plan.operator.name);

    // The operator saves TW IV of indicator 1.6 on the plan page (on the other server, if two).
    const operator = await (await browser.newContext({ baseURL: OPERATOR, storageState: plan.operator.state })).newPage();
    await openPlan(operator, plan.unit);
    const tw4 = quarterRow(operator, "1-6", "TW IV");
    await tw4.getByRole("textbox", { name: /^A TW IV, indikator \d+\.\d+$/ }).fill("9");
    await tw4.getByRole("textbox", { name: /^B TW IV, indikator \d+\.\d+$/ }).fill("10");
    await tw4.getByRole("textbox", { name: /^B TW IV, indikator \d+\.\d+$/ }).press("Enter");
    await expect(tw4.locator(".saved")).toHaveText("Tersimpan");

    // The row changes within a second or so, with no reload: its last change is the operator's.
    await expect(last).toContainText(plan.operator.name, { timeout: 5_000 });
    expect(await manager.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await manager.screenshot({ path: "../target/screens/rollup-live-1366.png", fullPage: true });

    // The attention list names the plan's late TW IV; its link leads to the quarter's approval.
    const item = manager.locator("#perhatian-semua li", { hasText: plan.unit }).filter({ hasText: "terlambat" });
    await expect(item).toHaveAttribute("data-kind", "overdue");
    await item.getByRole("link").click();
    await expect(manager).toHaveURL(/\/rencana\/\d+#persetujuan$/);
    await expect(manager.getByRole("heading", { level: 1, name: plan.unit, exact: true })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the columns sort and the filter narrows the rows by links", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: `Rekap unit: ${OFFICE}` }).click();
    await page.getByRole("link", { name: "2024", exact: true }).click();
    await page.getByRole("link", { name: "Penyerapan", exact: true }).click();
    await expect(page).toHaveURL(/urut=penyerapan$/);
    await expect(page.locator('th[aria-sort="ascending"]')).toHaveText("Penyerapan ▲");
    await page.getByRole("link", { name: "Penyerapan ▲", exact: true }).click();
    await expect(page).toHaveURL(/urut=penyerapan&arah=turun$/);
    await expect(page.locator('th[aria-sort="descending"]')).toHaveText("Penyerapan ▼");
    await page.getByRole("link", { name: "Hanya yang perlu perhatian", exact: true }).click();
    await expect(page).toHaveURL(/urut=penyerapan&arah=turun&perhatian=1$/);
    // The office's row stays first and the total row stays.
    await expect(page.locator(".rollup-table tbody tr").first()).toContainText(OFFICE);
    await expect(page.locator(".rollup-table tr.total")).toHaveCount(1);
    await page.screenshot({ path: "../target/screens/rollup-sorted-390.png", fullPage: true });
  });
});
