import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { UNIT, openDemoPlan } from "./helpers";

// "Cetak" and "Unduh Excel" of the demo plan: the print page printed to PDF by Chromium (A4
// landscape from the page's own @page, the headings on every page), read back with poppler's
// pdftotext and pdfinfo; the Excel downloaded through the plan page's link. Reads only.

const NIP = "NIP. 197009121993031001";
const TOTAL_PAGU = "9.485.886.000";
const TOTAL_REALIZATION = "1.243.291.585";

/** The demo plan's print page, reached through the plan page's "Cetak" link (a plain link: no
 * need to wait for the page to hydrate). */
async function openPrintPage(page: Page): Promise<string> {
  await openDemoPlan(page, { hydrated: false });
  await page.getByRole("link", { name: "Cetak", exact: true }).click();
  await expect(page).toHaveURL(/\/rencana\/\d+\/cetak$/);
  await expect(page.getByText(`${UNIT} TAHUN 2024`)).toBeVisible();
  return page.url();
}

/** Prints the page as Chromium's "Simpan sebagai PDF" does; returns the PDF's path. */
async function printToPdf(page: Page, name: string): Promise<string> {
  const path = test.info().outputPath(name);
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  return path;
}

/** The text of each page of a PDF (pdftotext separates pages with a form feed). */
function pagesOf(pdf: string): string[] {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  return text.split("\f").filter((p) => p.trim() !== "");
}

function pdfInfo(pdf: string): { pages: number; size: string } {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.+)$/m.exec(info)?.[1] ?? "";
  return { pages, size };
}

test("the print page prints on A4 landscape pages with the headings on each, the unit, totals and NIP", async ({ page }) => {
  await openPrintPage(page);
  const pdf = await printToPdf(page, "rencana-kegiatan.pdf");
  const info = pdfInfo(pdf);
  // A4 landscape is 841.89 x 595.28 pt; Chromium rounds the page to whole CSS pixels
  // (841.92 x 594.96), which pdfinfo still names A4.
  const [width, height] = info.size.split(" x ").map(parseFloat);
  expect(Math.abs(width - 841.89), info.size).toBeLessThan(1);
  expect(Math.abs(height - 595.28), info.size).toBeLessThan(1);
  expect(info.pages).toBeGreaterThan(1);
  const pages = pagesOf(pdf);
  expect(pages.length).toBe(info.pages);
  // Every page the table runs over starts with the heading row (its titles wrap over lines in
  // pdftotext's layout); only the last may hold the signature block alone.
  const tablePages = pages.filter((text) => /TW I/.test(text));
  expect(tablePages.length).toBeGreaterThanOrEqual(pages.length - 1);
  expect(tablePages.length).toBeGreaterThan(1);
  for (const [i, text] of tablePages.entries()) {
    for (const heading of ["SASARAN", "INDIKATOR", "PAGU", "PELAKSANAAN", "KETERANGAN"]) {
      expect(text, `page ${i + 1}`).toContain(heading);
    }
  }
  for (const [i, text] of pages.entries()) {
    // Only the document prints: not the site's bar nor the print buttons.
    expect(text, `page ${i + 1}`).not.toContain("Simpan sebagai PDF");
    expect(text, `page ${i + 1}`).not.toContain("Keluar");
  }
  const all = pages.join("\n");
  expect(all).toContain(`${UNIT} TAHUN 2024`);
  expect(all).toContain(TOTAL_PAGU);
  expect(all).toContain(TOTAL_REALIZATION);
  expect(all).toContain(NIP);
  // The signature block is kept whole, on the last page.
  const last = pages[pages.length - 1];
  for (const line of ["Mengetahui,", "Endi Wahyudi", NIP]) expect(last).toContain(line);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the print page is the whole document, with how to print it", async ({ page }) => {
    await openPrintPage(page);
    await expect(page.getByText("tekan Ctrl+P")).toBeVisible();
    await expect(page.getByRole("cell", { name: TOTAL_PAGU })).toBeVisible();
    await expect(page.getByText(NIP)).toBeVisible();
    const pages = pagesOf(await printToPdf(page, "tanpa-js.pdf"));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join("\n")).toContain(TOTAL_PAGU);
  });
});

test("the quarterly report prints with the quarter's figures and its approval", async ({ page }) => {
  const url = await openPrintPage(page);
  await page.getByRole("link", { name: "Laporan TW I", exact: true }).click();
  await expect(page).toHaveURL(`${url}?tw=1`);
  await expect(page.getByText("LAPORAN CAPAIAN KINERJA TRIWULAN I", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Persetujuan TW I: /)).toBeVisible();
  const all = pagesOf(await printToPdf(page, "laporan-tw1.pdf")).join("\n");
  expect(all).toContain("LAPORAN CAPAIAN KINERJA TRIWULAN I");
  // Food: realization 636.431.901 of RPD 1.012.304.000.
  expect(all).toContain("62,87%");
  expect(all).toContain(NIP);
});

test("a quarter that is not 1 to 4 is refused with a message", async ({ page }) => {
  const url = await openPrintPage(page);
  for (const tw of ["0", "5", "abc"]) {
    const response = await page.goto(`${url}?tw=${tw}`);
    expect(response?.status(), tw).toBe(422);
    await expect(page.getByRole("alert")).toContainText(`Triwulan “${tw}” tidak sah: tulis 1 sampai 4`);
  }
});

test("Unduh Excel on the plan page downloads the plan as an .xlsx named after it", async ({ page }) => {
  await openDemoPlan(page, { hydrated: false });
  const link = page.getByRole("link", { name: "Unduh Excel", exact: true });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("rencana-kegiatan-pk-2024-lapas-kelas-iib-luwuk.xlsx");
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const bytes = readFileSync(path);
  expect(bytes.length).toBeGreaterThan(5_000);
  // An .xlsx is a zip: "PK\x03\x04".
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
});

for (const [width, height] of [
  [1366, 768],
  [390, 844],
]) {
  test(`the print page and the plan page's links read at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openDemoPlan(page, { hydrated: false });
    for (const name of ["Cetak", "Unduh Excel"]) {
      await expect(page.getByRole("link", { name, exact: true })).toBeInViewport();
    }
    await page.getByRole("link", { name: "Cetak", exact: true }).click();
    await expect(page.getByRole("button", { name: "Cetak / Simpan sebagai PDF" })).toBeVisible();
    await expect(page.getByText(`${UNIT} TAHUN 2024`)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`cetak-${width}x${height}.png`), fullPage: false });
  });
}
