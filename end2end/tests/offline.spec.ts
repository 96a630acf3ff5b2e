import { expect, test, type Page } from "@playwright/test";
import { goOffline, openPlan, openPlanForOffline, operatorBrowser, pending, quarterRow } from "./helpers";
import { ownPlan, type OwnPlan } from "./own-plan";

// Edits a plan of its own, as its operator, each browser a fresh context.
let plan: OwnPlan;
test.beforeAll(async () => {
  plan = await ownPlan("offline");
});

test("edits made offline survive a reload with no network and reach the server when it returns", async ({ browser }) => {
  const { context, page } = await operatorBrowser(browser, plan.operator.state);
  await openPlanForOffline(page, plan.unit);
  await goOffline(context, page);

  const row = quarterRow(page, "2-3", "TW III");
  await row.getByRole("textbox", { name: /^A TW III, indikator \d+\.\d+$/ }).fill("3");
  await row.getByRole("textbox", { name: /^B TW III, indikator \d+\.\d+$/ }).fill("4");
  await row.getByRole("textbox", { name: /^B TW III, indikator \d+\.\d+$/ }).press("Enter");
  // Figures compute offline as online; the edits wait in the outbox.
  await expect(row.locator(".quarter-value")).toHaveText("75%");
  await expect(row.locator(".waiting")).toHaveText("Belum terkirim");
  await expect(pending(page)).toHaveText("2 perubahan belum terkirim");

  // The page and its app come from the service worker's store (its own fetch of the page
  // fails: the network is gone for it too); the edits come from the outbox.
  const failed: string[] = [];
  context.on("requestfailed", (r) => {
    if (r.serviceWorker()) failed.push(r.url());
  });
  const address = page.url();
  await page.reload();
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  const again = quarterRow(page, "2-3", "TW III");
  await expect(again.getByRole("textbox", { name: /^A TW III, indikator \d+\.\d+$/ })).toHaveValue("3");
  await expect(again.getByRole("textbox", { name: /^B TW III, indikator \d+\.\d+$/ })).toHaveValue("4");
  await expect(again.locator(".quarter-value")).toHaveText("75%");
  await expect(pending(page)).toHaveText("2 perubahan belum terkirim");
  expect(failed).toContain(address);

  // Back online: the outbox is sent on its own.
  await context.setOffline(false);
  await expect(pending(page)).toHaveText("Semua perubahan terkirim");
  await expect(again.locator(".saved")).toHaveText("Tersimpan");
  await expect(page.locator(".sync-bar")).toHaveAttribute("data-online", "true");

  // Another browser sees the edits on the server.
  const other = await operatorBrowser(browser, plan.operator.state);
  await openPlan(other.page, plan.unit);
  const there = quarterRow(other.page, "2-3", "TW III");
  await expect(there.getByRole("textbox", { name: /^A TW III, indikator \d+\.\d+$/ })).toHaveValue("3");
  await expect(there.getByRole("textbox", { name: /^B TW III, indikator \d+\.\d+$/ })).toHaveValue("4");
  await other.context.close();
  await context.close();
});

test("two browsers edit the same field offline: one conflict, both values shown, settled by a person", async ({ browser }) => {
  const first = await operatorBrowser(browser, plan.operator.state);
  const second = await operatorBrowser(browser, plan.operator.state);
  await openPlanForOffline(first.page, plan.unit);
  await openPlanForOffline(second.page, plan.unit);
  await goOffline(first.context, first.page);
  await goOffline(second.context, second.page);

  const note = (page: Page) =>
    quarterRow(page, "2-3", "TW IV").getByRole("textbox", { name: /^Keterangan TW IV, indikator \d+\.\d+$/ });
  await note(first.page).fill("Dicatat di perangkat pertama");
  await note(first.page).press("Enter");
  await note(second.page).fill("Dicatat di perangkat kedua");
  await note(second.page).press("Enter");
  await expect(pending(first.page)).toHaveText("1 perubahan belum terkirim");
  await expect(pending(second.page)).toHaveText("1 perubahan belum terkirim");

  await first.context.setOffline(false);
  await expect(pending(first.page)).toHaveText("Semua perubahan terkirim");
  await expect(quarterRow(first.page, "2-3", "TW IV").locator(".saved")).toHaveText("Tersimpan");

  await second.context.setOffline(false);
  await expect(pending(second.page)).toHaveText("Semua perubahan terkirim");
  const conflicts = second.page.locator(".conflicts li.conflict");
  await expect(conflicts).toHaveCount(1);
  await expect(conflicts.locator("dd.mine")).toHaveText("Dicatat di perangkat kedua");
  await expect(conflicts.locator("dd.theirs")).toHaveText("Dicatat di perangkat pertama");
  // The server kept its value; the field shows it, and both values beside it.
  await expect(note(second.page)).toHaveValue("Dicatat di perangkat pertama");
  await expect(quarterRow(second.page, "2-3", "TW IV").locator(".field-conflict")).toContainText(
    "Dicatat di perangkat kedua",
  );

  // The conflict stays listed (a reload shows it) until someone settles it.
  await second.page.reload();
  await expect(second.page.locator(".conflicts li.conflict")).toHaveCount(1);
  await second.page
    .locator(".conflicts li.conflict")
    .getByRole("button", { name: "Pakai nilai saya" })
    .click();
  await expect(second.page.locator(".conflicts")).toHaveCount(0);
  await expect(note(second.page)).toHaveValue("Dicatat di perangkat kedua");

  // The first browser converges on the chosen value.
  await first.page.reload();
  await expect(note(first.page)).toHaveValue("Dicatat di perangkat kedua");
  await expect(first.page.locator(".conflicts")).toHaveCount(0);
  await first.context.close();
  await second.context.close();
});
