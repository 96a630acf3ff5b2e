import { expect, test, type Page } from "@playwright/test";

const UNIT = "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK";
const FOOD_INDICATOR =
  "Persentase pemenuhan layanan makanan bagi Tahanan/ Narapidana/ Anak sesuai dengan standar";
const FOOD_ACTIVITY = "Pengadaan Bahan Makanan bagi Warga Binaan Pemasyarakatan";

async function openDemoPlan(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: UNIT }).click();
  await expect(page.getByRole("heading", { level: 1, name: UNIT })).toBeVisible();
}

test("the home page lists the demo plan with its total pagu", async ({ page }) => {
  await page.goto("/");
  const row = page.getByRole("row", { name: new RegExp(UNIT) });
  await expect(row).toContainText("2024");
  await expect(row).toContainText("9.485.886.000");
});

test("the demo plan shows the seed's indicator, pagu and realization", async ({ page }) => {
  await openDemoPlan(page);
  await expect(page.getByRole("heading", { name: new RegExp(FOOD_INDICATOR.replace(/[/()]/g, ".")) })).toBeVisible();
  const food = page.getByRole("row", { name: new RegExp(FOOD_ACTIVITY) });
  await expect(food).toContainText("5.160.600.000");
  await expect(food).toContainText("464.229.000");
  await expect(food).toContainText("636.431.901");
  await expect(food).toContainText("1.718.296.000");
});

test("an activity whose RPD does not add up to its pagu is marked with the difference", async ({ page }) => {
  await openDemoPlan(page);
  const security = page.getByRole("row", { name: /Penegakkan Keamanan dan Ketertiban/ });
  await expect(security).toHaveClass(/mismatch/);
  await expect(security).toContainText("lebih Rp 10.200.000");
});

test("the page hydrates: the quarter filter hides the other quarters", async ({ page }) => {
  await openDemoPlan(page);
  const firstIndicator = page.locator("#indikator-1-1");
  const q1Row = firstIndicator.locator('tr[data-quarter="TW I"]');
  const q2Row = firstIndicator.locator('tr[data-quarter="TW II"]');
  await expect(q1Row).toBeVisible();
  // The button does nothing until the wasm has hydrated the page; keep clicking until it does.
  await expect(async () => {
    await page.getByRole("button", { name: "TW II", exact: true }).click();
    await expect(q1Row).toBeHidden({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(q2Row).toBeVisible();
  await expect(page.getByRole("button", { name: "TW II", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Semua" }).click();
  await expect(q1Row).toBeVisible();
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the plan page reads the same", async ({ page }) => {
    await openDemoPlan(page);
    const food = page.getByRole("row", { name: new RegExp(FOOD_ACTIVITY) });
    await expect(food).toContainText("5.160.600.000");
    await expect(page.locator("#indikator-1-1")).toContainText("Dokumen Kontrak, SIMonev BAMA, BASTBahan Makanan");
    await expect(page.getByText("Endi Wahyudi, A.Md.IP., S.Sos., M.Si.")).toBeVisible();
    await expect(page.getByText("NIP. 197009121993031001")).toBeVisible();
  });
});
