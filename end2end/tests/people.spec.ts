import { expect, test, type Browser, type Page } from "@playwright/test";
import { stateFile, type Who } from "../global-setup";
import { quarterRow, UNIT } from "./helpers";

// Runs last (project "people"): it approves TW I, which locks TW I's cells.

async function signedIn(browser: Browser, who: Who): Promise<Page> {
  const context = await browser.newContext({ storageState: stateFile(who) });
  return context.newPage();
}

async function openPlan(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: UNIT }).click();
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

const workflow = (page: Page, quarter: string) => page.locator(`li.workflow-quarter[data-quarter="${quarter}"]`);

test.describe("not signed in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a page asks for a login and, once signed in, opens where the person was going", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: UNIT }).waitFor({ state: "detached" }).catch(() => {});
    await expect(page).toHaveURL(/\/masuk\?lanjut=/);
    await page.getByLabel("Nama pengguna").fill("operator.luwuk");
    await page.getByLabel("Kata sandi").fill("salah-sekali");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByRole("alert")).toHaveText("Nama pengguna atau kata sandi salah");
    await page.getByLabel("Nama pengguna").fill("operator.luwuk");
    await page.getByLabel("Kata sandi").fill("operator-luwuk");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByRole("link", { name: UNIT })).toBeVisible();
    await expect(page.getByText("Operator Lapas Luwuk")).toBeVisible();
    await page.getByRole("button", { name: "Keluar" }).click();
    await expect(page).toHaveURL(/\/masuk/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/masuk\?lanjut=/);
  });
});

test("an operator's edit shows in the pimpinan's history; once TW I is approved the operator's next edit is refused", async ({ browser }) => {
  const operator = await signedIn(browser, "operator");
  await openPlan(operator);
  const note = quarterRow(operator, "1-1", "TW I").getByRole("textbox", { name: "Keterangan TW I", exact: true });
  await note.fill('Dicek <script>alert("x")</script>');
  await note.press("Enter");
  await expect(quarterRow(operator, "1-1", "TW I").locator(".saved")).toHaveText("Tersimpan");
  // A second page of the operator, opened before TW I is submitted: it still offers TW I's cells.
  const stale = await signedIn(browser, "operator");
  await openPlan(stale);
  await workflow(operator, "TW I").getByRole("button", { name: "Ajukan" }).click();
  await expect(workflow(operator, "TW I").locator(".workflow-state")).toHaveText(/^Diajukan oleh Operator Lapas Luwuk, /);
  // Submitted, TW I's figures are frozen: its cells are read-only, with the reason.
  await expect(note).not.toBeEditable();
  await expect(note).toHaveAttribute("title", /^TW I sudah diajukan oleh Operator Lapas Luwuk pada /);
  // The operator has no approve button.
  await expect(workflow(operator, "TW I").getByRole("button", { name: "Setujui" })).toHaveCount(0);

  const head = await signedIn(browser, "pimpinan");
  await openPlan(head);
  await workflow(head, "TW I").getByRole("link", { name: "Riwayat" }).click();
  await expect(head.getByRole("heading", { name: "Riwayat perubahan" })).toBeVisible();
  const entry = head.locator("tr.audit-entry", { hasText: "Keterangan TW I" }).first();
  await expect(entry).toContainText("Operator Lapas Luwuk");
  await expect(entry).toContainText('Dicek <script>alert("x")</script>');
  await head.goBack();
  await expect(head.locator("main")).toHaveAttribute("data-hydrated", "true");
  // A pimpinan reads but does not edit.
  await expect(quarterRow(head, "1-1", "TW II").getByRole("textbox", { name: "Keterangan TW II", exact: true })).toBeDisabled();
  await workflow(head, "TW I").getByRole("button", { name: "Setujui" }).click();
  await expect(workflow(head, "TW I").locator(".workflow-state")).toHaveText(/^Disetujui oleh Kepala Lapas Luwuk, /);

  // The operator's other page was open before the submission: its save is refused, saying by whom.
  const staleNote = quarterRow(stale, "1-1", "TW I").getByRole("textbox", { name: "Keterangan TW I", exact: true });
  await staleNote.fill("Terlambat");
  await staleNote.press("Enter");
  await expect(quarterRow(stale, "1-1", "TW I").locator(".save-error")).toContainText(
    "TW I sudah disetujui oleh Kepala Lapas Luwuk pada",
  );
  await operator.reload();
  await expect(operator.locator("main")).toHaveAttribute("data-hydrated", "true");
  await expect(note).not.toBeEditable();
  await expect(note).toHaveValue('Dicek <script>alert("x")</script>');
  // TW II is still open.
  const next = quarterRow(operator, "1-1", "TW II").getByRole("textbox", { name: "Keterangan TW II", exact: true });
  await expect(next).toBeEnabled();
});
