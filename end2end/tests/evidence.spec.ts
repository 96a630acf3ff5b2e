// Evidence (data dukung) on a plan of its own: a PDF and a photo attached to indicator 1.1's
// TW I from the plan page's link (hydrated), listed with their captions and sizes, the photo
// previewed, the PDF opened; the count back on the plan page; the print view listing them; and
// a link attached with JavaScript off.
import { expect, test, type Page } from "@playwright/test";
import { ownPlan, ownState, type OwnPlan } from "./own-plan";
import { openPlan, quarterRow } from "./helpers";

let plan: OwnPlan;
test.beforeAll(async () => {
  plan = await ownPlan("bukti");
});
test.use({ storageState: ownState("bukti", "operator") });

/** A small PDF that Chromium's viewer opens: one page saying "Berita Acara". */
function pdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Length 44 >>\nstream\nBT /F1 18 Tf 20 70 Td (Berita Acara) Tj ET\nendstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A 4×3 PNG, all blue. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAD0lEQVR4nGNgYPiPhHBxAN1JC/U39qNPAAAAAElFTkSuQmCC",
  "base64",
);

async function openQuarter(page: Page): Promise<string> {
  await openPlan(page, plan.unit);
  const planUrl = page.url();
  await quarterRow(page, "1-1", "TW I").getByRole("link", { name: /Berkas TW I/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data dukung Indikator 1.1 TW I" })).toBeVisible();
  return planUrl;
}

test("the operator attaches a PDF and a photo to 1.1 TW I, sees them listed and previewed, opens the PDF", async ({ page, context }) => {
  const planUrl = await openQuarter(page);
  await page.getByLabel(/^Berkas/).setInputFiles({ name: "BAST Bahan Makanan.pdf", mimeType: "application/pdf", buffer: pdf() });
  await page.getByLabel("Keterangan").fill("BAST Bahan Makanan TW I");
  await page.getByRole("button", { name: "Lampirkan" }).click();
  await expect(page.getByRole("link", { name: "BAST Bahan Makanan.pdf" })).toBeVisible();
  await page.getByLabel(/^Berkas/).setInputFiles({ name: "foto kegiatan.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel("Keterangan").fill("Dokumentasi kegiatan");
  await page.getByRole("button", { name: "Lampirkan" }).click();

  const items = page.locator(".evidence-item");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText("BAST Bahan Makanan TW I");
  await expect(items.nth(0)).toContainText(/\(PDF, \d+ byte\)/);
  await expect(items.nth(0)).toContainText(`oleh ${plan.operator.name}`);
  await expect(items.nth(1)).toContainText("Dokumentasi kegiatan");
  // The photo's preview is loaded: the browser decoded the served bytes as an image.
  const preview = items.nth(1).locator("img.evidence-preview");
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(4);
  await page.screenshot({ path: "../target/screens/evidence-1366.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "../target/screens/evidence-390.png", fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });

  // The PDF opens in a tab of its own, served as a PDF that cannot run anything in the site.
  const [tab] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: "BAST Bahan Makanan.pdf" }).click()]);
  await expect(tab).toHaveURL(/\/bukti\/\d+$/);
  const served = await page.request.get(tab.url());
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("application/pdf");
  expect(served.headers()["content-disposition"]).toMatch(/^inline; /);
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-security-policy"]).toBe("sandbox");
  expect((await served.body()).equals(pdf())).toBe(true);
  await tab.close();

  // Back on the plan page, the row counts them.
  await page.goto(planUrl);
  await expect(quarterRow(page, "1-1", "TW I").getByRole("link", { name: "Berkas TW I (2)" })).toBeVisible();

  // The print view lists them in TW I's DATA DUKUNG.
  await page.goto(`${planUrl}/cetak`);
  await expect(page.getByText(/Berkas: BAST Bahan Makanan\.pdf, foto kegiatan\.png/)).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a link is attached with the plain form, and a renamed program is refused", async ({ page }) => {
    await openPlan(page, plan.unit, { hydrated: false });
    await quarterRow(page, "1-1", "TW II").getByRole("link", { name: /Berkas TW II/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Data dukung Indikator 1.1 TW II" })).toBeVisible();
    await page.getByLabel(/^atau tautan/).fill("https://drive.example.id/simonev-bama");
    await page.getByLabel("Keterangan").fill("SIMonev BAMA");
    await page.getByRole("button", { name: "Lampirkan" }).click();
    await expect(page.getByRole("link", { name: "https://drive.example.id/simonev-bama" })).toBeVisible();
    await page.getByLabel(/^Berkas/).setInputFiles({ name: "laporan.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00\x03\x00\x00\x00 program", "latin1") });
    await page.getByRole("button", { name: "Lampirkan" }).click();
    await expect(page.getByRole("alert")).toContainText("Berkas “laporan.pdf” tidak dapat dilampirkan");
    await expect(page.locator(".evidence-item")).toHaveCount(1);
  });
});
