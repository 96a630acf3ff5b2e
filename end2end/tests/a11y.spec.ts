import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { stateFile, type Who } from "../global-setup";
import { UNIT } from "./helpers";

// Every page, for every role that reaches it, read by axe-core (WCAG 2 A and AA rules): no
// serious or critical violation. Reads the demo plan; changes nothing.

/** The serious and critical violations on the page as it stands, one line each. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The demo plan's address, read from the home page's link. */
async function demoPlanUrl(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.getByRole("link", { name: UNIT, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/rencana\/\d+$/);
  return href!;
}

async function hydrated(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page has no serious accessibility violation", async ({ page }) => {
    await page.goto("/masuk");
    expect(await violations(page)).toEqual([]);
  });
});

const ROLES: Who[] = ["operator", "pimpinan", "kanwil", "admin"];
for (const who of ROLES) {
  test.describe(`as ${who}`, () => {
    test.use({ storageState: stateFile(who) });

    test("home, plan, dashboard, history, print and copy pages have no serious accessibility violation", async ({ page }) => {
      const plan = await demoPlanUrl(page);
      for (const url of ["/", plan, `${plan}/dasbor`, `${plan}/riwayat`, `${plan}/cetak`, `${plan}/cetak?tw=1`, `${plan}/salin`]) {
        await hydrated(page, url);
        expect(await violations(page), url).toEqual([]);
      }
    });
  });
}

test.describe("as admin", () => {
  test.use({ storageState: stateFile("admin") });

  test("the admin page has no serious accessibility violation", async ({ page }) => {
    await hydrated(page, "/admin");
    expect(await violations(page)).toEqual([]);
  });
});
