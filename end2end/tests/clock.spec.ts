import { expect, test } from "@playwright/test";
import { stateFile } from "../global-setup";
import { UNIT, openPlanForOffline, operatorBrowser } from "./helpers";

// Each unit's own clock and the web app manifest (issue 19). The demo's Kanwil Sulawesi Tengah
// and Lapas Luwuk are WITA; the admin's test changes Luwuk's zone and puts it back.

const LUWUK = UNIT;
const KANWIL = "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM SULAWESI TENGAH";

test.describe("the unit's clock", () => {
  test.use({ storageState: stateFile("admin") });

  test("an admin sees each unit's zone, sets one, and times read in the admin's zone", async ({ page }) => {
    await page.goto("/admin");
    await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
    // Exactly Luwuk's row: other specs' units are named after it ("… LUWUK EDITING 1A2B3C").
    const luwuk = page.locator("tr.unit-row", { has: page.locator(".unit-name", { hasText: new RegExp(`^${LUWUK}$`) }) });
    await expect(luwuk.locator(".unit-zone")).toHaveText("WITA");
    // The admin's first role is in the Kanwil: the trail reads in WITA.
    const times = page.locator("table.admin-log tbody tr td:first-child");
    await expect(times.first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}\.\d{2} WITA$/);

    const form = page.locator("form", { has: page.getByRole("heading", { name: "Zona waktu unit" }) });
    await form.locator('select[name="unit"]').selectOption({ label: `${LUWUK} (${KANWIL})` });
    await form.locator('select[name="zone"]').selectOption("WIT");
    await form.getByRole("button", { name: "Simpan zona waktu" }).click();
    await expect(luwuk.locator(".unit-zone")).toHaveText("WIT");
    await expect(page.locator("table.admin-log tbody tr").first()).toContainText("Zona waktu unit diubah");

    await form.locator('select[name="zone"]').selectOption({ label: "Ikuti unit induk" });
    await form.getByRole("button", { name: "Simpan zona waktu" }).click();
    await expect(luwuk.locator(".unit-zone")).toHaveText("WITA (dari induk)");

    // Put it back as the demo has it.
    await form.locator('select[name="zone"]').selectOption("WITA");
    await form.getByRole("button", { name: "Simpan zona waktu" }).click();
    await expect(luwuk.locator(".unit-zone")).toHaveText("WITA");

    for (const [width, height] of [[1366, 768], [390, 844]]) {
      await page.setViewportSize({ width, height });
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: test.info().outputPath(`admin-zone-${width}.png`), fullPage: true });
    }
  });

  test("an unknown zone is refused in Indonesian and changes nothing", async ({ page }) => {
    await page.goto("/admin");
    // Exactly Luwuk's row: other specs' units are named after it ("… LUWUK EDITING 1A2B3C").
    const luwuk = page.locator("tr.unit-row", { has: page.locator(".unit-name", { hasText: new RegExp(`^${LUWUK}$`) }) });
    await expect(luwuk.locator(".unit-zone")).toHaveText("WITA");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Zona waktu unit" }) });
    const unit = await form
      .locator('select[name="unit"]')
      .locator("option", { hasText: `${LUWUK} (${KANWIL})` })
      .getAttribute("value");
    // Only a tampered form sends this: the page offers the three zones and "Ikuti unit induk".
    const response = await page.request.post((await form.getAttribute("action"))!, {
      form: { unit: unit!, zone: "XYZ" },
      headers: { origin: new URL(page.url()).origin, accept: "application/json" },
    });
    expect(response.status()).toBe(422);
    expect(await response.text()).toContain("Zona waktu \u201cXYZ\u201d tidak dikenal: pilih WIB, WITA atau WIT");
    await page.reload();
    await expect(luwuk.locator(".unit-zone")).toHaveText("WITA");
  });
});

test.describe("pinned to the home screen", () => {
  test("every page links the manifest, and the worker keeps it and its icons for offline use", async ({ browser }) => {
    const { context, page } = await operatorBrowser(browser);
    await openPlanForOffline(page, LUWUK);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(manifestHref).toBe("/manifest.webmanifest");
    await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#1d2430");
    const icons = await page.evaluate(async () => {
      const manifest = await (await fetch("/manifest.webmanifest")).json();
      return (manifest.icons as { src: string }[]).map((icon) => icon.src);
    });
    expect(icons).toContain("/icons/pantau-192.png");
    await expect
      .poll(() =>
        page.evaluate(async (paths) => {
          const stored = await Promise.all(paths.map((p) => caches.match(new URL(p, location.href).href)));
          return stored.every(Boolean);
        }, ["/manifest.webmanifest", ...icons]),
      )
      .toBe(true);
    await context.setOffline(true);
    const offline = await page.evaluate(async () => {
      const response = await fetch("/manifest.webmanifest");
      return { ok: response.ok, name: (await response.json()).name };
    });
    expect(offline).toEqual({ ok: true, name: "Pantau" });
    await context.setOffline(false);
    await context.close();
  });
});
