import { expect, test, type Page } from "@playwright/test";
import { activityRow, openPlan, quarterRow } from "./helpers";
import { ownPlan, ownState, type OwnPlan } from "./own-plan";

// Edits a plan of its own, signed in as its operator: the seed's figures, changed only by the
// tests before in this file.
test.use({ storageState: ownState("editing", "operator") });
let plan: OwnPlan;
test.beforeAll(async () => {
  plan = await ownPlan("editing");
});
const openOwnPlan = (page: Page, options: { hydrated?: boolean } = {}) => openPlan(page, plan.unit, options);

test("typing A and B updates the percentage and the status with no request to the server", async ({ page }) => {
  await openOwnPlan(page);
  const row = quarterRow(page, "1-1", "TW I");
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await row.getByRole("textbox", { name: /^A TW I, indikator \d+\.\d+$/ }).fill("45");
  await row.getByRole("textbox", { name: /^B TW I, indikator \d+\.\d+$/ }).fill("50");
  await expect(row.locator(".quarter-value")).toHaveText("90%");
  // 90 / 85 × 100 = 105,88 %: the target is met.
  await expect(row.locator(".against-target")).toHaveText("105,88%");
  await expect(row.locator(".against-target")).toHaveAttribute("data-standing", "met");
  await row.getByRole("textbox", { name: /^A TW I, indikator \d+\.\d+$/ }).fill("30");
  await expect(row.locator(".quarter-value")).toHaveText("60%");
  await expect(row.locator(".against-target")).toHaveAttribute("data-standing", "behind");
  await row.getByRole("textbox", { name: /^B TW I, indikator \d+\.\d+$/ }).fill("0");
  await expect(row.locator(".quarter-value")).toHaveText("\u2013");
  expect(requests).toEqual([]);
});

test("editing an RPD cell updates the mismatch mark and the plan total", async ({ page }) => {
  await openOwnPlan(page);
  const security = activityRow(page, "Penegakkan Keamanan dan Ketertiban");
  const planTotal = page.locator(".plan-rpd-total");
  await expect(security).toHaveClass(/mismatch/);
  await expect(planTotal).toHaveText("9.496.036.000");
  // 16.345.000 → 6.145.000 makes the four quarters add up to the pagu of 67.345.000.
  await security.getByRole("textbox", { name: "RPD TW I", exact: true }).fill("6.145.000");
  await expect(security).not.toHaveClass(/mismatch/);
  await expect(security.locator(".rpd-total")).toHaveText("67.345.000");
  await expect(planTotal).toHaveText("9.485.836.000");
});

test("a bad number shows the message, and nothing is saved", async ({ page }) => {
  await openOwnPlan(page);
  const health = activityRow(page, "Perawatan Kesehatan Narapidana/Tahanan/ Anak");
  const rpd = health.getByRole("textbox", { name: "RPD TW II", exact: true });
  await rpd.fill("14.1OO.000");
  await expect(health.locator(".field-error")).toContainText("karakter \u201cO\u201d tidak dikenal");
  // The figures keep the last valid value.
  await expect(health.locator(".rpd-total")).toHaveText("56.400.000");
  await rpd.press("Enter");
  await expect(health.locator(".save-error")).toContainText("RPD TW II: karakter \u201cO\u201d tidak dikenal");
  await expect(rpd).toHaveValue("14.1OO.000");
  await page.reload();
  await expect(activityRow(page, "Perawatan Kesehatan Narapidana/Tahanan/ Anak").getByRole("textbox", { name: "RPD TW II", exact: true })).toHaveValue("14.100.000");
});

test("Escape puts back the saved value", async ({ page }) => {
  await openOwnPlan(page);
  const row = quarterRow(page, "1-2", "TW I");
  const a = row.getByRole("textbox", { name: /^A TW I, indikator \d+\.\d+$/ });
  await a.fill("3");
  await a.press("Escape");
  await expect(a).toHaveValue("");
});

test("a saved edit survives a reload", async ({ page }) => {
  await openOwnPlan(page);
  const row = quarterRow(page, "1-3", "TW II");
  await row.getByRole("textbox", { name: /^A TW II, indikator \d+\.\d+$/ }).fill("7");
  await row.getByRole("textbox", { name: /^B TW II, indikator \d+\.\d+$/ }).fill("8");
  await row.getByRole("textbox", { name: /^Uraian capaian TW II, indikator \d+\.\d+$/ }).fill("Layanan maternal untuk 7 dari 8 ibu");
  await row.getByRole("textbox", { name: /^B TW II, indikator \d+\.\d+$/ }).press("Enter");
  await expect(row.locator(".saved")).toHaveText("Tersimpan");
  await page.reload();
  const again = quarterRow(page, "1-3", "TW II");
  await expect(again.getByRole("textbox", { name: /^A TW II, indikator \d+\.\d+$/ })).toHaveValue("7");
  await expect(again.getByRole("textbox", { name: /^Uraian capaian TW II, indikator \d+\.\d+$/ })).toHaveValue("Layanan maternal untuk 7 dari 8 ibu");
  await expect(again.locator(".quarter-value")).toHaveText("87,5%");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a quarter row posts as a plain form and saves", async ({ page }) => {
    await openOwnPlan(page, { hydrated: false });
    const row = quarterRow(page, "2-2", "TW III");
    await row.getByRole("textbox", { name: /^A TW III, indikator \d+\.\d+$/ }).fill("12");
    await row.getByRole("textbox", { name: /^B TW III, indikator \d+\.\d+$/ }).fill("15");
    await row.getByRole("textbox", { name: /^Keterangan TW III, indikator \d+\.\d+$/ }).fill("Dikirim tanpa JavaScript");
    await row.getByRole("button", { name: "Simpan" }).click();
    await page.waitForLoadState("load");
    await openOwnPlan(page, { hydrated: false });
    const again = quarterRow(page, "2-2", "TW III");
    await expect(again.getByRole("textbox", { name: /^Keterangan TW III, indikator \d+\.\d+$/ })).toHaveValue("Dikirim tanpa JavaScript");
    // The server computed the figure on its render.
    await expect(again.locator(".quarter-value")).toHaveText("80%");
  });

  test("a quarter's button saves what was typed in every quarter of the table, and so does Enter", async ({ page }) => {
    await openOwnPlan(page, { hydrated: false });
    const note = (quarter: string) =>
      quarterRow(page, "2-3", quarter).getByRole("textbox", { name: new RegExp(`^Keterangan ${quarter}, indikator \\d+\\.\\d+$`) });
    // The page reloads after the post: what was typed in TW I is not lost by pressing TW II's.
    await note("TW I").fill("Ditulis di TW I, ikut disimpan");
    await note("TW II").fill("Disimpan dengan tombol TW II");
    await quarterRow(page, "2-3", "TW II").getByRole("button", { name: "Simpan TW II", exact: true }).click();
    await page.waitForLoadState("load");
    await openOwnPlan(page, { hydrated: false });
    await expect(note("TW II")).toHaveValue("Disimpan dengan tombol TW II");
    await expect(note("TW I")).toHaveValue("Ditulis di TW I, ikut disimpan");
    // Enter in a one-line cell presses the table's first button, which saves every quarter.
    await note("TW I").fill("Disimpan dengan Enter");
    const b4 = quarterRow(page, "2-3", "TW IV").getByRole("textbox", { name: /^B TW IV, indikator \d+\.\d+$/ });
    await b4.fill("20");
    await b4.press("Enter");
    await page.waitForLoadState("load");
    await openOwnPlan(page, { hydrated: false });
    await expect(note("TW I")).toHaveValue("Disimpan dengan Enter");
    await expect(b4).toHaveValue("20");
  });

  test("a budget row posts from the one budget form and saves that row", async ({ page }) => {
    await openOwnPlan(page, { hydrated: false });
    const row = activityRow(page, "Layanan perkantoran");
    await row.getByRole("textbox", { name: "Pagu blokir", exact: true }).fill("1.000.000");
    await row.getByRole("button", { name: "Simpan", exact: true }).click();
    await page.waitForLoadState("load");
    await openOwnPlan(page, { hydrated: false });
    await expect(activityRow(page, "Layanan perkantoran").getByRole("textbox", { name: "Pagu blokir", exact: true })).toHaveValue("1.000.000");
  });

  test("an indicator moves by its button in the quarter table's form", async ({ page }) => {
    await openOwnPlan(page, { hydrated: false });
    const name = await page.locator("#indikator-1-2 h4").textContent();
    await page.locator("#indikator-1-2").getByRole("button", { name: "\u25b2 Naik" }).click();
    await page.waitForLoadState("load");
    await openOwnPlan(page, { hydrated: false });
    await expect(page.locator("#indikator-1-1 h4")).toHaveText((name ?? "").replace("1.2", "1.1"));
  });
});

test.describe("the plan's shape", () => {
  test("an indicator is added, linked to an activity, and still there after a reload", async ({ page }) => {
    await openOwnPlan(page);
    const goal = page.locator("#sasaran-4");
    await goal.getByRole("textbox", { name: "Indikator baru" }).fill("Persentase pegawai yang mengikuti apel pagi");
    await goal.getByRole("button", { name: "Tambah indikator" }).click();
    const added = page.locator("#indikator-4-6");
    await expect(added.locator("h4")).toHaveText("4.6 Persentase pegawai yang mengikuti apel pagi");
    const link = page.locator("form.link-form");
    await link.getByRole("combobox", { name: "Kegiatan yang ditautkan" }).selectOption({ label: "Layanan perkantoran" });
    await link.getByRole("combobox", { name: "Indikator tujuan" }).selectOption({ label: "4.6 Persentase pegawai yang mengikuti apel pagi" });
    await link.getByRole("button", { name: "Tautkan" }).click();
    await expect(added.locator(".linked-activities")).toContainText("Layanan perkantoran");
    await page.reload();
    await expect(page.locator("#indikator-4-6 h4")).toHaveText("4.6 Persentase pegawai yang mengikuti apel pagi");
    await expect(page.locator("#indikator-4-6 .linked-activities")).toContainText("Layanan perkantoran");
  });

  test("moving an indicator renumbers it, and removing one closes the gap", async ({ page }) => {
    await openOwnPlan(page);
    const name = await page.locator("#indikator-3-2 h4").textContent();
    await page.locator("#indikator-3-2").getByRole("button", { name: "\u25b2 Naik" }).click();
    await expect(page.locator("#indikator-3-1 h4")).toHaveText((name ?? "").replace("3.2", "3.1"));
    await page.locator("#indikator-3-4").getByRole("button", { name: "Hapus indikator" }).click();
    await expect(page.locator("#indikator-3-4")).toHaveCount(0);
    await page.reload();
    await expect(page.locator("#indikator-3-1 h4")).toHaveText((name ?? "").replace("3.2", "3.1"));
    await expect(page.locator("#sasaran-3 section.indicator")).toHaveCount(3);
  });

  test("an activity is added with its budget and counted in the plan total", async ({ page }) => {
    await openOwnPlan(page);
    await page.getByRole("textbox", { name: "Kegiatan baru" }).fill("Pemeliharaan Gedung");
    await page.getByRole("button", { name: "Tambah kegiatan" }).click();
    const row = activityRow(page, "Pemeliharaan Gedung");
    await row.getByRole("textbox", { name: "Pagu", exact: true }).fill("10.000.000");
    await expect(page.locator(".total-budget")).toHaveText("9.495.886.000");
    await row.getByRole("textbox", { name: "Pagu", exact: true }).press("Enter");
    await expect(row.locator(".saved")).toHaveText("Tersimpan");
    await page.reload();
    await expect(page.locator(".total-budget")).toHaveText("9.495.886.000");
  });

  test.describe("with JavaScript off", () => {
    test.use({ javaScriptEnabled: false });

    test("a goal is added by a plain form post", async ({ page }) => {
      await openOwnPlan(page, { hydrated: false });
      await page.getByRole("textbox", { name: "Sasaran baru" }).fill("Meningkatnya Kualitas Layanan Kunjungan");
      await page.getByRole("button", { name: "Tambah sasaran" }).click();
      await openOwnPlan(page, { hydrated: false });
      await expect(page.locator("#sasaran-5 h3")).toHaveText("Sasaran 5. Meningkatnya Kualitas Layanan Kunjungan");
    });
  });
});

test("Tab walks the quarter grid cell to cell, into the next quarter", async ({ page }) => {
  await openOwnPlan(page);
  const q1 = quarterRow(page, "2-1", "TW I");
  const q2 = quarterRow(page, "2-1", "TW II");
  await q1.getByRole("textbox", { name: /^A TW I, indikator \d+\.\d+$/ }).focus();
  await page.keyboard.press("Tab");
  await expect(q1.getByRole("textbox", { name: /^B TW I, indikator \d+\.\d+$/ })).toBeFocused();
  await q1.getByRole("textbox", { name: /^Keterangan TW I, indikator \d+\.\d+$/ }).focus();
  await page.keyboard.press("Tab");
  await expect(q2.getByRole("textbox", { name: /^Rencana kegiatan TW II, indikator \d+\.\d+$/ })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(q1.getByRole("textbox", { name: /^Keterangan TW I, indikator \d+\.\d+$/ })).toBeFocused();
});
