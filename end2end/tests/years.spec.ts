// A unit's years, on a plan of its own: "Buat rencana 2025 dari 2024" from the plan page (one
// goal left out), the year switcher between the two plans, and the copy form without
// JavaScript (a refusal shown on the form, then a plan for 2026).
import { expect, test, type Page } from "@playwright/test";
import { ownPlan, ownState, type OwnPlan } from "./own-plan";

let plan: OwnPlan;
test.beforeAll(async () => {
  plan = await ownPlan("tahun");
});
test.use({ storageState: ownState("tahun", "operator") });

/** Opens the unit's plan of `year` from the home page (the unit has one a year). */
async function openYear(page: Page, year: string, { hydrated = true } = {}) {
  await page.goto("/");
  const row = page.locator("tr", { has: page.getByRole("link", { name: plan.unit, exact: true }) }).filter({ hasText: year });
  await row.getByRole("link", { name: plan.unit, exact: true }).click();
  await expect(page.getByText(`Tahun Anggaran ${year}`)).toBeVisible();
  if (hydrated) await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

const years = (page: Page) => page.getByRole("navigation", { name: "Tahun rencana" });

test("the operator makes next year's plan without one goal and switches between the years", async ({ page }) => {
  await openYear(page, "2024");
  await expect(years(page).locator('[aria-current="page"]')).toHaveText("2024");
  await years(page).getByRole("link", { name: "+ Buat rencana 2025 dari 2024" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Buat rencana tahun lain" })).toBeVisible();
  await expect(page.getByLabel("Tahun rencana baru")).toHaveValue("2025");
  const goals = page.getByRole("group", { name: "Sasaran yang disalin, dengan indikatornya" });
  const boxes = goals.getByRole("checkbox");
  expect(await boxes.count()).toBeGreaterThan(1);
  // "1. Title (N indikator)": the first goal is left out, the second is kept.
  const title = async (n: number) => ((await goals.locator("label").nth(n).textContent()) ?? "").replace(/^\d+\.\s*/, "").replace(/\s*\(\d+ indikator\)$/, "");
  const [left, kept] = [await title(0), await title(1)];
  await boxes.first().uncheck();
  await page.getByRole("button", { name: "Buat rencana" }).click();

  await expect(page).toHaveURL(/\/rencana\/\d+$/);
  await expect(page.getByText("Tahun Anggaran 2025")).toBeVisible();
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await expect(years(page).locator('[aria-current="page"]')).toHaveText("2025");
  await expect(page.getByText(kept, { exact: false }).first()).toBeVisible();
  await expect(page.getByText(left, { exact: true })).toHaveCount(0);
  // None of 2024's figures: every A input of the new plan is empty.
  const counts = page.locator('input[name$="[numerator]"]');
  expect(await counts.count()).toBeGreaterThan(0);
  for (const value of await counts.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))) {
    expect(value).toBe("");
  }

  await years(page).getByRole("link", { name: "2024", exact: true }).click();
  await expect(page.getByText("Tahun Anggaran 2024")).toBeVisible();
  await expect(years(page).getByRole("link", { name: "+ Buat rencana 2026 dari 2024" })).toBeVisible();
  // The dashboard switches too, and 2025's shows last year's figure beside its indicators.
  await page.getByRole("link", { name: "Dasbor pimpinan" }).click();
  await years(page).getByRole("link", { name: "2025", exact: true }).click();
  await expect(page.getByText("Tahun Anggaran 2025")).toBeVisible();
  await expect(page.locator(".earlier-year").first()).toHaveText(/^Tahun 2024: capaian kumulatif /);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a refused copy says why on the form, and a good one opens the new plan", async ({ page }) => {
    await openYear(page, "2024", { hydrated: false });
    await years(page).getByRole("link", { name: /^\+ Buat rencana \d{4} dari 2024$/ }).click();
    await page.getByLabel("Tahun rencana baru").fill("2024");
    await page.getByRole("button", { name: "Buat rencana" }).click();
    await expect(page.getByRole("alert")).toHaveText("Rencana baru harus untuk tahun lain, bukan 2024 yang sama");
    await expect(page.getByRole("heading", { level: 1, name: "Buat rencana tahun lain" })).toBeVisible();
    await page.getByLabel("Tahun rencana baru").fill("2027");
    await page.getByRole("button", { name: "Buat rencana" }).click();
    await expect(page.getByText("Tahun Anggaran 2027")).toBeVisible();
    await expect(years(page).locator('[aria-current="page"]')).toHaveText("2027");
  });
});
