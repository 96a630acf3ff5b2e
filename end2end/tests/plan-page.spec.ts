import { expect, test, type Page } from "@playwright/test";
import { stateFile } from "../global-setup";
import { activityRow, openDemoPlan, planRow, quarterRow, UNIT } from "./helpers";

// Reads the demo plan, which no spec changes: its figures are the seed's.

const FOOD_INDICATOR =
  "Persentase pemenuhan layanan makanan bagi Tahanan/ Narapidana/ Anak sesuai dengan standar";
const FOOD_ACTIVITY = "Pengadaan Bahan Makanan bagi Warga Binaan Pemasyarakatan";

test("the home page lists the demo plan with its total pagu", async ({ page }) => {
  await page.goto("/");
  const row = planRow(page, UNIT);
  await expect(row).toContainText("2024");
  await expect(row).toContainText("9.485.886.000");
});

test("the demo plan shows the seed's indicator, pagu and realization", async ({ page }) => {
  await openDemoPlan(page);
  await expect(page.locator("#indikator-1-1 h4")).toContainText(FOOD_INDICATOR);
  const food = activityRow(page, FOOD_ACTIVITY);
  await expect(food.getByRole("textbox", { name: "Pagu", exact: true })).toHaveValue("5.160.600.000");
  await expect(food.getByRole("textbox", { name: "Pagu blokir", exact: true })).toHaveValue("464.229.000");
  await expect(food.getByRole("textbox", { name: "Realisasi TW I", exact: true })).toHaveValue("636.431.901");
  await expect(food.getByRole("textbox", { name: "RPD TW IV", exact: true })).toHaveValue("1.718.296.000");
});

test("a screen reader hears which indicator and quarter each cell belongs to", async ({ page }) => {
  await openDemoPlan(page);
  const row = quarterRow(page, "1-1", "TW I");
  await expect(row.getByRole("textbox", { name: "A TW I, indikator 1.1", exact: true })).toBeVisible();
  await expect(row.getByRole("textbox", { name: "Data dukung TW I, indikator 1.1", exact: true })).toBeVisible();
  await expect(row.getByRole("combobox", { name: "Status TW I, indikator 1.1", exact: true })).toBeVisible();
  await expect(quarterRow(page, "2-3", "TW IV").getByRole("textbox", { name: "B TW IV, indikator 2.3", exact: true })).toBeVisible();
});

test("an activity whose RPD does not add up to its pagu is marked with the difference", async ({ page }) => {
  await openDemoPlan(page);
  const office = activityRow(page, "Layanan perkantoran");
  await expect(office).toHaveClass(/mismatch/);
  await expect(office).toContainText("kurang Rp 50.000");
});

test("the page hydrates: the quarter filter hides the other quarters", async ({ page }) => {
  await openDemoPlan(page);
  const q1Row = quarterRow(page, "1-1", "TW I");
  const q2Row = quarterRow(page, "1-1", "TW II");
  await expect(q1Row).toBeVisible();
  await page.getByRole("button", { name: "TW II", exact: true }).click();
  await expect(q1Row).toBeHidden();
  await expect(q2Row).toBeVisible();
  await expect(page.getByRole("button", { name: "TW II", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Semua" }).click();
  await expect(q1Row).toBeVisible();
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the plan page reads the same", async ({ page }) => {
    await openDemoPlan(page, { hydrated: false });
    const food = activityRow(page, FOOD_ACTIVITY);
    await expect(food.getByRole("textbox", { name: "Pagu", exact: true })).toHaveValue("5.160.600.000");
    await expect(quarterRow(page, "1-1", "TW I").getByRole("textbox", { name: /^Data dukung TW I, indikator \d+\.\d+$/ })).toHaveValue(
      "Dokumen Kontrak, SIMonev BAMA, BASTBahan Makanan",
    );
    await expect(page.getByText("Endi Wahyudi, A.Md.IP., S.Sos., M.Si.")).toBeVisible();
    await expect(page.getByText("NIP. 197009121993031001")).toBeVisible();
  });
});

test.describe("on a 1366 × 768 office laptop", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("every activity name reads whole and each row's totals are on screen", async ({ page }) => {
    await openDemoPlan(page);
    const rows = page.locator('tr[id^="kegiatan-"]');
    const count = await rows.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const name = row.locator('textarea[name$="[name]"]');
      const fits = await name.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1);
      expect(fits, await name.inputValue()).toBe(true);
      const cell = row.locator("th");
      expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await row.scrollIntoViewIfNeeded();
      const total = await row.locator(".rpd-total").boundingBox();
      expect(total).not.toBeNull();
      expect(total!.x + total!.width).toBeLessThanOrEqual(1366);
    }
    for (const label of ["Semua", "TW I", "TW II", "TW III", "TW IV"]) {
      const button = page.locator(".quarter-filter").getByRole("button", { name: label, exact: true });
      await expect(button).toBeVisible();
      expect((await button.boundingBox())!.width).toBeGreaterThan(20);
    }
    await page.screenshot({ path: "../target/screens/plan-1366.png" });
  });
});

test.describe("on a 390 × 844 phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  const widthOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  test("no page scrolls sideways except inside a table", async ({ page }) => {
    await page.goto("/");
    expect(await widthOf(page), "home").toBeLessThanOrEqual(390);
    await openDemoPlan(page);
    const plan = new URL(page.url()).pathname;
    expect(await widthOf(page), "plan").toBeLessThanOrEqual(390);
    await page.screenshot({ path: "../target/screens/plan-390.png" });
    for (const below of ["dasbor", "riwayat", "salin"]) {
      await page.goto(`${plan}/${below}`);
      await expect(page.locator("h1")).toBeVisible();
      expect(await widthOf(page), below).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `../target/screens/${below}-390.png` });
    }
  });

  test.describe("signed out", () => {
    test.use({ storageState: { cookies: [], origins: [] } });
    test("the sign-in page fits the phone", async ({ page }) => {
      await page.goto("/masuk");
      expect(await widthOf(page), "masuk").toBeLessThanOrEqual(390);
    });
  });

  test.describe("as the administrator", () => {
    test.use({ storageState: stateFile("admin") });
    test("the people and units page fits the phone", async ({ page }) => {
      await page.goto("/admin");
      await expect(page.locator("h1")).toBeVisible();
      expect(await widthOf(page), "admin").toBeLessThanOrEqual(390);
      await page.screenshot({ path: "../target/screens/admin-390.png", fullPage: true });
    });
  });
});
