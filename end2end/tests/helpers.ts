import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { stateFile } from "../global-setup";

/** The demo plan's unit. Only specs that change no plan read it (the others have their own,
 * tests/own-plan.ts), so its figures stay the seed's. */
export const UNIT = "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK";

/** Opens the plan of `unit` from the home page, as a person would. */
export async function openPlan(page: Page, unit: string, { hydrated = true } = {}) {
  await page.goto("/");
  await page.getByRole("link", { name: unit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: unit, exact: true })).toBeVisible();
  if (hydrated) await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

export const openDemoPlan = (page: Page, options: { hydrated?: boolean } = {}) => openPlan(page, UNIT, options);

/** The home page's row of the plan of `unit` (other units' names may start with it). */
export function planRow(page: Page, unit: string): Locator {
  return page.locator("tr", { has: page.getByRole("link", { name: unit, exact: true }) });
}

/** The budget row of the activity with this name. */
export function activityRow(page: Page, name: string): Locator {
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  return page.locator('tr[id^="kegiatan-"]', { has: page.locator('textarea[name$="[name]"]', { hasText: exact }) });
}

/** An indicator's quarter row, e.g. quarterRow(page, "1-1", "TW I"). */
export function quarterRow(page: Page, indicator: string, quarter: string): Locator {
  return page.locator(`#indikator-${indicator} tr[data-quarter="${quarter}"]`);
}

/** A fresh browser (its own storage and service worker) signed in with `state` (by default the
 * demo operator's). */
export async function operatorBrowser(
  browser: Browser,
  state: string = stateFile("operator"),
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: state });
  return { context, page: await context.newPage() };
}

/** Opens the plan of `unit` and waits until the service worker has stored the page for offline
 * use. */
export async function openPlanForOffline(page: Page, unit: string) {
  // The worker takes control once it has stored the open page and its files; a debug build's
  // wasm is 14 MB, which a server still compressing its files at startup serves slowly.
  test.info().setTimeout(test.info().timeout + 60_000);
  await openPlan(page, unit);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // A full load through the active worker stores the page and its files. The load is
  // controlled by the worker from its start, whether or not the worker's `clients.claim()`
  // reached the page loaded before it (under load it sometimes did not within a minute).
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 60_000 })
    .toBe(true);
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await expect
    .poll(() => page.evaluate(async () => Boolean(await caches.match(location.href))))
    .toBe(true);
}

export async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await expect(page.locator(".sync-bar")).toHaveAttribute("data-online", "false");
}

/** The plan page's count of the signed-in person's waiting edits. */
export const pending = (page: Page) => page.locator(".sync-bar .pending");
