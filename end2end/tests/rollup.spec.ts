import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { stateFile } from "../global-setup";
import { UNIT } from "./helpers";

// The roll-up (/unit/{id}) of the demo's regional office, as its pimpinan reaches it from the
// home page: the office (no plan of its own) and Lapas Luwuk below it. Reads only.
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
  await expect(luwuk.locator("td").first()).toHaveText("Draf");
  await expect(total.locator("th")).toHaveText(/^Jumlah \(\d+ rencana\)$/);
  // The office has no plan of its own: its row sums the units below it, and is the total.
  expect(await figures(luwuk)).toHaveLength(6);
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
    const box = page.locator(".rollup .table-scroll");
    const { scroll, client } = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(scroll).toBeGreaterThan(client);
    await page.screenshot({ path: "../target/screens/rollup-390.png", fullPage: true });
  });
});
