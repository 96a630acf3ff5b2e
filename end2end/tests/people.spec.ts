import { expect, test, type Browser, type Page } from "@playwright/test";
import { openPlan, quarterRow, UNIT } from "./helpers";
import { ownPlan, type OwnPerson, type OwnPlan } from "./own-plan";

// Approves TW I, which locks TW I's cells: of a plan of its own, with its own operator and
// pimpinan. Signing in reads the demo plan's link only.
let plan: OwnPlan;
test.beforeAll(async () => {
  plan = await ownPlan("people");
});

async function signedIn(browser: Browser, who: OwnPerson): Promise<Page> {
  const context = await browser.newContext({ storageState: who.state });
  return context.newPage();
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
  const operator = await signedIn(browser, plan.operator);
  const operatorName = plan.operator.name;
  const pimpinanName = plan.pimpinan.name;
  await openPlan(operator, plan.unit);
  const note = quarterRow(operator, "1-1", "TW I").getByRole("textbox", { name: /^Keterangan TW I, indikator \d+\.\d+$/ });
  await note.fill('Dicek <script>alert("x")</script>');
  await note.press("Enter");
  await expect(quarterRow(operator, "1-1", "TW I").locator(".saved")).toHaveText("Tersimpan");
  // A second page of the operator, opened before TW I is submitted: it still offers TW I's cells.
  const stale = await signedIn(browser, plan.operator);
  await openPlan(stale, plan.unit);
  await workflow(operator, "TW I").getByRole("button", { name: "Ajukan" }).click();
  await expect(workflow(operator, "TW I").locator(".workflow-state")).toHaveText(new RegExp(`^Diajukan oleh ${operatorName}, `));
  // Submitted, TW I's figures are frozen: its cells are read-only, with the reason.
  await expect(note).not.toBeEditable();
  await expect(note).toHaveAttribute("title", new RegExp(`^TW I sudah diajukan oleh ${operatorName} pada `));
  // The operator has no approve button.
  await expect(workflow(operator, "TW I").getByRole("button", { name: "Setujui" })).toHaveCount(0);

  const head = await signedIn(browser, plan.pimpinan);
  await openPlan(head, plan.unit);
  await workflow(head, "TW I").getByRole("link", { name: "Riwayat" }).click();
  await expect(head.getByRole("heading", { name: "Riwayat perubahan" })).toBeVisible();
  const entry = head.locator("tr.audit-entry", { hasText: "Keterangan TW I" }).first();
  await expect(entry).toContainText(operatorName);
  await expect(entry).toContainText('Dicek <script>alert("x")</script>');
  await head.goBack();
  await expect(head.locator("main")).toHaveAttribute("data-hydrated", "true");
  // A pimpinan reads but does not edit.
  await expect(quarterRow(head, "1-1", "TW II").getByRole("textbox", { name: /^Keterangan TW II, indikator \d+\.\d+$/ })).toBeDisabled();
  await workflow(head, "TW I").getByRole("button", { name: "Setujui" }).click();
  await expect(workflow(head, "TW I").locator(".workflow-state")).toHaveText(new RegExp(`^Disetujui oleh ${pimpinanName}, `));

  // The operator's other page was open before the submission: its save is refused, saying by whom.
  const staleNote = quarterRow(stale, "1-1", "TW I").getByRole("textbox", { name: /^Keterangan TW I, indikator \d+\.\d+$/ });
  await staleNote.fill("Terlambat");
  await staleNote.press("Enter");
  await expect(quarterRow(stale, "1-1", "TW I").locator(".save-error")).toContainText(
    `TW I sudah disetujui oleh ${pimpinanName} pada`,
  );
  await operator.reload();
  await expect(operator.locator("main")).toHaveAttribute("data-hydrated", "true");
  await expect(note).not.toBeEditable();
  await expect(note).toHaveValue('Dicek <script>alert("x")</script>');
  // TW II is still open.
  const next = quarterRow(operator, "1-1", "TW II").getByRole("textbox", { name: /^Keterangan TW II, indikator \d+\.\d+$/ });
  await expect(next).toBeEnabled();
});
