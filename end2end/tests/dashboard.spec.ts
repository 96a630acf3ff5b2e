import { expect, test, type Page } from "@playwright/test";
import { stateFile } from "../global-setup";
import { activityRow, openPlan, planRow, quarterRow } from "./helpers";
import { ownPlan, ownState, type OwnPlan } from "./own-plan";

// A plan of its own whose operator has saved 1.3 TW II as 7 of 8 (87,5 % against a target of
// 98 %: 89,29 %, close but not met), the seed's RPD and realization as they were. The live
// update of an open dashboard is live.spec.ts's.
test.use({ storageState: ownState("dashboard", "operator") });
let plan: OwnPlan;
test.beforeAll(async ({ browser }) => {
  plan = await ownPlan("dashboard");
  const context = await browser.newContext({ storageState: plan.operator.state });
  const page = await context.newPage();
  await openPlan(page, plan.unit);
  const row = quarterRow(page, "1-3", "TW II");
  await row.getByRole("textbox", { name: /^A TW II, indikator \d+\.\d+$/ }).fill("7");
  await row.getByRole("textbox", { name: /^B TW II, indikator \d+\.\d+$/ }).fill("8");
  await row.getByRole("textbox", { name: /^B TW II, indikator \d+\.\d+$/ }).press("Enter");
  await expect(row.locator(".saved")).toHaveText("Tersimpan");
  await context.close();
});

/** The plan's dashboard, reached from the home page as a person would. */
async function openDashboard(page: Page, { hydrated = true } = {}) {
  await page.goto("/");
  await planRow(page, plan.unit).getByRole("link", { name: "Dasbor pimpinan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: plan.unit, exact: true })).toBeVisible();
  await expect(page.getByText(/^Dasbor pimpinan — /)).toBeVisible();
  if (hydrated) await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

const planCurve = (page: Page) => page.locator('figure[data-scope="plan"]');
const bar = (page: Page, indicator: string, quarter: string) =>
  page.locator(`figure[data-indicator="${indicator}"] rect.bar[data-quarter="${quarter}"]`);
const attention = (page: Page) => page.locator("#perhatian");

test("the dashboard charts each indicator against its target and lists what needs attention", async ({ page }) => {
  await openDashboard(page);
  await expect(bar(page, "1.3", "TW II")).toHaveAttribute("data-value", "89,29%");
  await expect(bar(page, "1.3", "Kumulatif")).toHaveAttribute("data-standing", "close");
  await expect(page.locator("#dasbor-indikator-1-3")).toHaveClass(/behind/);
  await expect(page.locator("#dasbor-indikator-1-3 .standing-note")).toHaveText(
    "Di bawah target: capaian kumulatif 89,29% dari target (Mendekati)",
  );
  await expect(planCurve(page).locator('tr[data-quarter="TW IV"] td.rpd-cumulative')).toHaveText("9.496.036.000");
  await expect(planCurve(page).locator('circle[data-series="realization"][data-quarter="TW I"]')).toHaveAttribute(
    "data-value",
    "1.243.291.585",
  );
  // The attention item is a link to the activity's row on the plan page.
  const office = attention(page).getByRole("link", { name: /^Layanan perkantoran: Total RPD Rp 3\.979\.182\.000/ });
  await expect(office).toContainText("kurang Rp 50.000");
  await office.click();
  await expect(page).toHaveURL(/\/rencana\/\d+#kegiatan-\d+$/);
  await expect(activityRow(page, "Layanan perkantoran")).toBeVisible();
});

test.describe("as the regional office's admin", () => {
  // The yearly targets hold for every unit: only a top admin changes them.
  test.use({ storageState: stateFile("admin") });

test("new absorption targets are saved and the chart is drawn against them", async ({ page }) => {
  await openDashboard(page);
  const form = page.locator("form.thresholds-form");
  const target = (quarter: string) => form.getByRole("textbox", { name: `Target ${quarter} (%)`, exact: true });
  await target("TW I").fill("10");
  await target("TW II").fill("12,5");
  await target("TW III").fill("13");
  await target("TW IV").fill("13");
  await form.getByRole("button", { name: "Simpan target" }).click();
  await expect(form.locator(".saved")).toHaveText("Tersimpan");
  // About 13,8 % is absorbed: it now meets TW IV's 13 %, so it no longer needs attention.
  const tw4 = page.locator('rect.bar.absorption[data-quarter="TW IV"]');
  await expect(tw4).toHaveAttribute("data-threshold", "13%");
  await expect(tw4).toHaveAttribute("data-standing", "met");
  await expect(attention(page).locator('li[data-kind="absorption"]')).toHaveCount(0);
  await page.reload();
  await expect(target("TW II")).toHaveValue("12,5");
});
});

test("an operator sees the yearly targets but no form to change them", async ({ page }) => {
  // The server refuses an operator's targets too (server/tests: the authorization matrix).
  await openDashboard(page);
  await expect(page.locator('rect.bar.absorption[data-quarter="TW IV"]')).toHaveAttribute("data-threshold", /%$/);
  await expect(page.locator("form.thresholds-form")).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the charts fit the screen and the page does not scroll sideways", async ({ page }) => {
    await openDashboard(page);
    const box = await planCurve(page).locator("svg").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeGreaterThan(250);
    expect(box!.width).toBeLessThanOrEqual(360);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false, storageState: stateFile("admin") });

  test("the dashboard reads the same", async ({ page }) => {
    await openDashboard(page, { hydrated: false });
    await expect(planCurve(page).locator('tr[data-quarter="TW I"] td.realization-cumulative')).toHaveText("1.243.291.585");
    await expect(planCurve(page).locator('tr[data-quarter="TW IV"] td.rpd-cumulative')).toHaveText("9.496.036.000");
    await expect(bar(page, "1.3", "TW II")).toHaveAttribute("data-value", "89,29%");
    await expect(attention(page).getByRole("link", { name: /^Layanan perkantoran: / })).toBeVisible();
    await expect(attention(page).getByRole("link", { name: /^Indikator 1\.3 .*: capaian kumulatif 89,29% dari target/ })).toBeVisible();
  });

  test("the targets form posts: a refused one says why, a good one is saved", async ({ page }) => {
    await openDashboard(page, { hydrated: false });
    const form = page.locator("form.thresholds-form");
    const target = (quarter: string) => form.getByRole("textbox", { name: `Target ${quarter} (%)`, exact: true });
    await target("TW I").fill("10");
    await target("TW II").fill("12,5");
    await target("TW III").fill("5");
    await target("TW IV").fill("95");
    await form.getByRole("button", { name: "Simpan target" }).click();
    await expect(page.locator("form.thresholds-form .save-error")).toHaveText(
      "Target TW III (5%) tidak boleh lebih kecil dari target TW II (12,5%): penyerapan dihitung kumulatif",
    );
    await expect(page.locator('rect.bar.absorption[data-quarter="TW IV"]')).not.toHaveAttribute("data-threshold", "95%");
    await target("TW I").fill("10");
    await target("TW II").fill("12,5");
    await target("TW III").fill("60");
    await target("TW IV").fill("95");
    await form.getByRole("button", { name: "Simpan target" }).click();
    await expect(page.locator('rect.bar.absorption[data-quarter="TW IV"]')).toHaveAttribute("data-threshold", "95%");
    await expect(attention(page).locator('li[data-kind="absorption"]')).toContainText("di bawah target 95%");
  });
});
