// "Impor dari Excel" through the web, with JavaScript on and off: the workbook fixture (the seed
// as a unit keeps it) is uploaded, the preview shows the unit, the totals, the checks and the
// warnings with nothing stored, "Simpan" stores it and links to the new plan. The fixture names
// the unit "LAPAS UJI IMPOR XXXXXX"; each run puts its own mark there (the entry is stored
// uncompressed, so only its bytes and CRC change) and makes that unit's operator, so the spec
// runs again against the same server and never touches the demo plan.
import { expect, test, type Page } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { BASE, RUN, signIn } from "../global-setup";
import { pantau } from "./own-plan";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = join(ROOT, "server", "tests", "fixtures", "xlsx", "web-import.xlsx");
const PLACEHOLDER = "XXXXXX";

/** The fixture with `mark` (six characters) in place of the placeholder. */
function workbookFor(mark: string): Buffer {
  const zip = Buffer.from(readFileSync(FIXTURE));
  if (mark.length !== PLACEHOLDER.length) throw new Error(`mark ${mark} is not 6 characters`);
  let changed = 0;
  // Local file headers: signature, ..., CRC at 14, sizes at 18 and 22, name and extra lengths at
  // 26 and 28. Stored entries (method 0) hold their bytes as they are.
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const data = zip.subarray(start, start + size);
    const found = data.indexOf(PLACEHOLDER);
    if (found >= 0) {
      if (method !== 0) throw new Error("the fixture's entries must be stored uncompressed");
      data.write(mark, found, "latin1");
      const crc = crc32(data) >>> 0;
      zip.writeUInt32LE(crc, at + 14);
      // The central directory repeats the CRC (at 16) for the entry whose header is here (42).
      for (let c = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), cd = zip.readUInt32LE(c + 16); zip.readUInt32LE(cd) === 0x02014b50; ) {
        if (zip.readUInt32LE(cd + 42) === at) zip.writeUInt32LE(crc, cd + 16);
        cd += 46 + zip.readUInt16LE(cd + 28) + zip.readUInt16LE(cd + 30) + zip.readUInt16LE(cd + 32);
      }
      changed += 1;
    }
    at = start + size;
  }
  if (changed === 0) throw new Error("the placeholder is not in the fixture");
  return zip;
}

/** A unit of this run and its operator, signed in; the workbook naming that unit. */
async function importer(variant: string) {
  const mark = `${RUN.slice(-5)}${variant}`.toUpperCase().padStart(6, "0");
  const unit = `LAPAS UJI IMPOR ${mark}`;
  const username = `operator.impor.${mark.toLowerCase()}`;
  const password = `sandi-impor-${mark.toLowerCase()}`;
  const state = join(__dirname, "..", ".auth", `impor-${mark.toLowerCase()}.json`);
  pantau(["create-user", username, "Operator Impor", unit, "operator"], { PANTAU_PASSWORD: password });
  await signIn(BASE, username, password, state);
  const file = join(mkdtempSync(join(tmpdir(), "pantau-impor-")), "rencana-kegiatan.xlsx");
  writeFileSync(file, workbookFor(mark));
  return { unit, state, file };
}

async function previewAndSave(page: Page, unit: string, file: string, shots: string) {
  if (!page.url().endsWith("/")) await page.goto("/");
  await page.getByRole("link", { name: "Impor dari Excel" }).click();
  await expect(page.getByRole("heading", { name: "Impor dari Excel" })).toBeVisible();
  await page.getByLabel(/Berkas lembar kerja/).setInputFiles(file);
  await page.getByRole("button", { name: "Lihat pratinjau" }).click();

  await expect(page.getByRole("heading", { name: "Pratinjau impor" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Belum ada yang disimpan");
  await expect(page.locator(".import-summary")).toContainText(unit);
  await expect(page.locator(".import-summary")).toContainText("2024");
  const totals = page.locator(".import-totals");
  await expect(totals.getByRole("row", { name: /^Sasaran/ })).toContainText("4");
  await expect(totals.getByRole("row", { name: /^Indikator/ })).toContainText("23");
  await expect(totals.getByRole("row", { name: /^Pagu Rp/ })).toContainText("Rp\u00a09.485.886.000");
  await expect(totals.getByRole("row", { name: /^Pagu blokir/ })).toContainText("Rp\u00a0474.486.000");
  // Every check (two RPD sums off the pagu, identical A and B of 2.4) and the reader's warning.
  await expect(page.locator(".import-checks li")).toHaveCount(3);
  await expect(page.locator(".import-warnings li")).toHaveCount(1);
  await expect(page.locator(".import-warnings")).toContainText("Penegakkan Keamanan dan Keterliban");
  await expect(page.locator(".import-goals")).toContainText("Jumlah Layanan Perkantoran");

  for (const [width, height] of [[1366, 768], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}-${width}x${height}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // Nothing is stored before "Simpan": the unit's operator has no plan on the home page yet.
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("heading", { name: "Rencana tersimpan" })).toBeVisible();
  await page.getByRole("link", { name: "Buka rencana" }).click();
  await expect(page.locator("h1, .plan-title").first()).toBeVisible();
  await expect(page.locator("body")).toContainText(unit);
  await expect(page.locator("body")).toContainText("9.485.886.000");
}

test.describe("import with JavaScript", () => {
  test("an operator imports the workbook through its preview", async ({ browser }) => {
    const { unit, state, file } = await importer("j");
    const context = await browser.newContext({ storageState: state });
    const page = await context.newPage();
    // Hydrated first (a debug wasm takes a while): the home page's link works the same.
    await page.goto("/");
    await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
    await previewAndSave(page, unit, file, "test-results/import-preview");
    // The same file again: refused, the plan exists, nothing stored.
    await page.goto("/impor");
    await page.getByLabel(/Berkas lembar kerja/).setInputFiles(file);
    await page.getByRole("button", { name: "Lihat pratinjau" }).click();
    await expect(page.getByRole("alert")).toContainText("sudah ada");
    await context.close();
  });
});

test.describe("import without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the forms post and the preview reads", async ({ browser }) => {
    const { unit, state, file } = await importer("n");
    const context = await browser.newContext({ storageState: state, javaScriptEnabled: false });
    const page = await context.newPage();
    await previewAndSave(page, unit, file, "test-results/import-preview-nojs");
    await context.close();
  });

  test("a pimpinan is not offered the import and is refused it", async ({ browser }) => {
    const context = await browser.newContext({
      storageState: join(__dirname, "..", ".auth", "pimpinan.json"),
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Impor dari Excel" })).toHaveCount(0);
    const response = await page.goto("/impor");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("alert")).toContainText("Anda tidak berhak");
    await context.close();
  });
});
