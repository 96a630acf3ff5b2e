import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { goOffline, openPlan, openPlanForOffline, operatorBrowser, pending, quarterRow } from "./helpers";
import { ownPlan, type OwnPerson, type OwnPlan } from "./own-plan";

// The outbox belongs to the person who typed it: on a shared PC another person's waiting edits
// are neither sent nor shown under their name, signing out says what still waits, and an outbox
// that cannot be read is kept aside, shown, and offered for sending, never lost. On a plan of its
// own, with its own operator and pimpinan.
let plan: OwnPlan;
test.beforeAll(async () => {
  plan = await ownPlan("outbox");
});

/** The value of a local-storage key of the site, or null. */
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

/** The outbox's entries as stored (format 2): owner and edit. */
async function outboxEntries(page: Page): Promise<{ owner: number; edit: { text: string } }[]> {
  const raw = await stored(page, "pantau.outbox");
  return raw === null ? [] : JSON.parse(raw).entries;
}

/** Signs in through the form in a new tab of `context` (whoever was signed in there before). */
async function signInAs(context: BrowserContext, who: OwnPerson, { hydrated = true } = {}): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/masuk");
  await page.getByLabel("Nama pengguna").fill(who.username);
  await page.getByLabel("Kata sandi").fill(who.password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL(/\/$/);
  if (hydrated) await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  return page;
}

/** A fresh browser with a session of its own for the operator: signing it out ends no other
 * test's session. */
async function ownOperatorBrowser(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, ...options });
  const page = await signInAs(context, plan.operator, { hydrated: options.javaScriptEnabled !== false });
  return { context, page };
}

/** The history rows of the plan whose new value is `text`. */
async function historyRows(page: Page, plan: string, text: string) {
  await page.goto(`${plan}/riwayat`);
  return page.locator("tr.audit-entry").filter({ has: page.locator("td:nth-child(6)", { hasText: text }) });
}

/** Saves screenshots of the page at a desktop and a phone width, for a person to look at, with
 * `shown` scrolled into view. */
async function screenshots(page: Page, name: string, shown: Locator) {
  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await shown.evaluate((element) => element.scrollIntoView({ block: "start" }));
    await expect(shown).toBeInViewport();
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}x${height}.png`), fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an operator's offline edit waits for the operator while a pimpinan uses the same browser, then reaches the server once under the operator", async ({ browser }) => {
  const text = "Dicatat operator luring sebelum pimpinan masuk";
  const { context, page } = await operatorBrowser(browser, plan.operator.state);
  await openPlanForOffline(page, plan.unit);
  const address = new URL(page.url()).pathname;
  await goOffline(context, page);
  const note = quarterRow(page, "2-3", "TW II").getByRole("textbox", { name: /^Keterangan TW II, indikator \d+\.\d+$/ });
  await note.fill(text);
  await note.press("Enter");
  await expect(pending(page)).toHaveText("1 perubahan belum terkirim");
  const [entry] = await outboxEntries(page);
  expect(entry.edit.text).toBe(text);
  const operatorId = entry.owner;
  // The operator closes the tab; later the connection is back, the operator's session has ended
  // (sessions last 12 hours), and the pimpinan signs in on this browser.
  await page.close();
  await context.setOffline(false);
  await context.clearCookies();

  const pushes: string[] = [];
  context.on("request", (r) => {
    if (r.url().includes("sync_push")) pushes.push(r.postData() ?? "");
  });
  const head = await signInAs(context, plan.pimpinan);
  await head.getByRole("link", { name: plan.unit, exact: true }).click();
  await expect(head.locator("main")).toHaveAttribute("data-hydrated", "true");
  await expect(pending(head)).toHaveText("Semua perubahan terkirim");
  await expect(head.locator(".others-waiting")).toHaveText(
    "1 perubahan milik pengguna lain juga menunggu di perangkat ini; perubahan itu tidak dikirim atas nama Anda dan akan dikirim saat pemiliknya masuk.",
  );
  // Nothing of it is shown to the pimpinan, and asking to send sends none of it.
  await expect(head.getByText(text)).toHaveCount(0);
  await head.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await expect(head.locator(".sync-bar")).toHaveAttribute("data-online", "true");
  await head.waitForTimeout(1_000);
  expect(pushes.filter((body) => body.includes(text))).toEqual([]);
  expect((await outboxEntries(head)).map((e) => [e.owner, e.edit.text])).toEqual([[operatorId, text]]);

  // The pimpinan has nothing waiting: signing out asks nothing.
  await head.getByRole("button", { name: "Keluar", exact: true }).click();
  await expect(head).toHaveURL(/\/masuk/);
  expect((await outboxEntries(head)).map((e) => e.edit.text)).toEqual([text]);
  await head.close();

  // The operator signs in again: the edit goes, from the first page they land on.
  const back = await signInAs(context, plan.operator);
  await expect.poll(async () => (await outboxEntries(back)).length).toBe(0);
  await openPlan(back, plan.unit);
  await expect(
    quarterRow(back, "2-3", "TW II").getByRole("textbox", { name: /^Keterangan TW II, indikator \d+\.\d+$/ }),
  ).toHaveValue(text);
  await expect(pending(back)).toHaveText("Semua perubahan terkirim");
  await expect(back.locator(".others-waiting")).toHaveCount(0);
  const rows = await historyRows(back, address, text);
  await expect(rows).toHaveCount(1);
  await expect(rows.locator("td:nth-child(2)")).toHaveText(plan.operator.name);
  await context.close();
});

test("signing out with unsent edits says they stay on this device and offers to send them first", async ({ browser }) => {
  const text = "Rencana diketik luring sebelum keluar";
  const { context, page } = await ownOperatorBrowser(browser);
  await openPlanForOffline(page, plan.unit);
  const address = new URL(page.url()).pathname;
  await goOffline(context, page);
  const planned = quarterRow(page, "2-3", "TW II").getByRole("textbox", { name: /^Rencana kegiatan TW II, indikator \d+\.\d+$/ });
  await planned.fill(text);
  await planned.press("Enter");
  await expect(pending(page)).toHaveText("1 perubahan belum terkirim");

  await page.getByRole("button", { name: "Keluar", exact: true }).click();
  const warning = page.getByRole("alertdialog");
  await expect(warning).toContainText(
    "1 perubahan belum terkirim tetap tersimpan di perangkat ini dan akan dikirim saat Anda masuk lagi.",
  );
  await expect(warning.getByRole("button")).toHaveText(["Sinkronkan sekarang", "Keluar tanpa mengirim", "Batal"]);
  await expect(page).toHaveURL(new RegExp(`${address}$`));
  await screenshots(page, "signout-warning", warning);

  // Still offline: sending fails, and says so; nothing is lost.
  await warning.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await expect(warning.locator(".signout-note")).toHaveText(
    "Server tidak dapat dihubungi; perubahan tetap tersimpan di perangkat ini.",
  );
  await expect(warning).toContainText("1 perubahan belum terkirim");
  expect((await outboxEntries(page)).map((e) => e.edit.text)).toEqual([text]);
  // Back online, sending now delivers the edit and then signs out, as asked.
  await context.setOffline(false);
  await warning.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await expect(page).toHaveURL(/\/masuk/);
  expect(await outboxEntries(page)).toEqual([]);
  const back = await signInAs(context, plan.operator);
  const rows = await historyRows(back, address, text);
  await expect(rows).toHaveCount(1);
  await expect(rows.locator("td:nth-child(2)")).toHaveText(plan.operator.name);
  await context.close();
});

test("signing out anyway leaves the edits on the device, and they go when the person signs in again", async ({ browser }) => {
  const text = "Rencana yang menunggu operator masuk lagi";
  const { context, page } = await ownOperatorBrowser(browser);
  await openPlan(page, plan.unit);
  const address = new URL(page.url()).pathname;
  // The server cannot take edits for now (a bad connection), though pages still load.
  await context.route("**/sync_push*", (route) => route.abort());
  const planned = quarterRow(page, "2-3", "TW II").getByRole("textbox", { name: /^Rencana kegiatan TW II, indikator \d+\.\d+$/ });
  await planned.fill(text);
  await planned.press("Enter");
  await expect(pending(page)).toHaveText("1 perubahan belum terkirim");
  await page.getByRole("button", { name: "Keluar", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Keluar tanpa mengirim" }).click();
  await expect(page).toHaveURL(/\/masuk/);
  expect((await outboxEntries(page)).map((e) => e.edit.text)).toEqual([text]);

  await context.unroute("**/sync_push*");
  const back = await signInAs(context, plan.operator);
  await expect.poll(async () => (await outboxEntries(back)).length).toBe(0);
  const rows = await historyRows(back, address, text);
  await expect(rows).toHaveCount(1);
  await expect(rows.locator("td:nth-child(2)")).toHaveText(plan.operator.name);
  await context.close();
});

test("with JavaScript off the sign-out form still posts and ends the session", async ({ browser }) => {
  const { context, page } = await ownOperatorBrowser(browser, { javaScriptEnabled: false });
  await page.getByRole("button", { name: "Keluar", exact: true }).click();
  await expect(page).toHaveURL(/\/masuk/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/masuk\?lanjut=/);
  await context.close();
});

test("a damaged outbox is kept aside as it was, shown, and what can be read is offered for sending", async ({ browser }) => {
  const first = "Uraian dari antrean yang rusak";
  const { context, page } = await operatorBrowser(browser, plan.operator.state);
  await openPlanForOffline(page, plan.unit);
  const address = new URL(page.url()).pathname;
  await goOffline(context, page);
  const row = quarterRow(page, "2-3", "TW III");
  const achievement = row.getByRole("textbox", { name: /^Uraian capaian TW III, indikator \d+\.\d+$/ });
  await achievement.fill(first);
  await achievement.press("Enter");
  const note = row.getByRole("textbox", { name: /^Keterangan TW III, indikator \d+\.\d+$/ });
  await note.fill("Terpotong di tengah");
  await note.press("Enter");
  await expect(pending(page)).toHaveText("2 perubahan belum terkirim");
  // Damage it as an interrupted write of the older format would: no owners, cut in the middle
  // of the second edit.
  const damaged = await page.evaluate(() => {
    const entries = JSON.parse(localStorage.getItem("pantau.outbox") ?? "{}").entries;
    const older = JSON.stringify({ entries: entries.map((e: { edit: unknown }) => e.edit) });
    const cut = older.slice(0, older.indexOf(JSON.stringify(entries[1].edit)) + 40);
    localStorage.setItem("pantau.outbox", cut);
    return cut;
  });
  await page.close();
  await context.setOffline(false);

  const fresh = await context.newPage();
  await openPlan(fresh, plan.unit);
  const notice = fresh.locator(".outbox-unreadable");
  await expect(notice).toHaveCount(1);
  await expect(notice.getByRole("heading", { level: 2 })).toHaveText("Antrean perubahan tidak dapat dibaca");
  await expect(notice).toContainText("Antrean perubahan di perangkat ini isinya rusak");
  await expect(notice.locator(".aside-readable")).toHaveText(
    "Yang masih dapat dibaca: 1 perubahan tanpa nama pemilik.",
  );
  await expect(notice).toContainText(first);
  const key = (await notice.locator(".aside-key").textContent()) ?? "";
  expect(key).toMatch(/^pantau\.outbox\.unreadable\.\d+/);
  // Kept byte for byte under its own key; the outbox itself starts afresh.
  expect(await stored(fresh, key)).toBe(damaged);
  expect(await outboxEntries(fresh)).toEqual([]);
  await expect(notice.getByRole("button")).toHaveText([
    "Kirim 1 perubahan ini sebagai milik saya",
    "Tutup pemberitahuan",
  ]);
  await screenshots(fresh, "unreadable-outbox", notice);

  // A reload shows it again: nothing is sent until a person says so.
  await fresh.reload();
  await expect(fresh.locator(".outbox-unreadable")).toHaveCount(1);
  await fresh
    .locator(".outbox-unreadable")
    .getByRole("button", { name: "Kirim 1 perubahan ini sebagai milik saya" })
    .click();
  await expect(fresh.locator(".outbox-unreadable")).toHaveCount(0);
  await expect(
    quarterRow(fresh, "2-3", "TW III").getByRole("textbox", { name: /^Uraian capaian TW III, indikator \d+\.\d+$/ }),
  ).toHaveValue(first);
  await expect(pending(fresh)).toHaveText("Semua perubahan terkirim");
  expect(await stored(fresh, key)).toBe(damaged);
  const rows = await historyRows(fresh, address, first);
  await expect(rows).toHaveCount(1);
  await expect(rows.locator("td:nth-child(2)")).toHaveText(plan.operator.name);
  await context.close();
});
