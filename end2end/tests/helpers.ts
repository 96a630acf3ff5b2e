import { expect, type Locator, type Page } from "@playwright/test";

export const UNIT = "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK";

export async function openDemoPlan(page: Page, { hydrated = true } = {}) {
  await page.goto("/");
  await page.getByRole("link", { name: UNIT }).click();
  await expect(page.getByRole("heading", { level: 1, name: UNIT })).toBeVisible();
  if (hydrated) await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

/** The budget row of the activity with this name. */
export function activityRow(page: Page, name: string): Locator {
  return page.locator('tr[id^="kegiatan-"]', { has: page.locator(`input[name="name"][value="${name}"]`) });
}

/** An indicator's quarter row, e.g. quarterRow(page, "1-1", "TW I"). */
export function quarterRow(page: Page, indicator: string, quarter: string): Locator {
  return page.locator(`#indikator-${indicator} tr[data-quarter="${quarter}"]`);
}
