import { expect, test, type Page } from "@playwright/test";
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { openPlanForOffline, operatorBrowser, UNIT } from "./helpers";

// A new build deployed while a page is open. /pkg names carry their content's hash, which the
// server reads per page from `hash.txt` beside its binary; a deploy (cargo-leptos empties the
// site and writes the new build) is played here by renaming the files of this build to new
// names and pointing hash.txt at them: the old names are gone from the server, as after a real
// one. Everything is put back afterwards, so the other specs meet the build they expect.
// Reads the demo plan only.
const ROOT = join(__dirname, "..", "..");
const HASH_FILE = join(dirname(process.env.PANTAU_BIN ?? join(ROOT, "target", "debug", "pantau")), "hash.txt");
const PKG = join(process.env.PANTAU_E2E_SITE ?? join(ROOT, "target", "site"), "pkg");

/** Plays a deploy: every file of this build (and its compressed copies) gets a new hash in its
 * name. Returns how to undo it. */
function deployNewBuild(): { names: Map<string, string>; undo: () => void } {
  const original = readFileSync(HASH_FILE, "utf8");
  const hashes = [...original.matchAll(/^\s*(js|wasm|css):\s*(\S+)\s*$/gm)].map((m) => m[2]);
  expect(hashes, `js, wasm and css hashes in ${HASH_FILE}`).toHaveLength(3);
  const renamed: Array<[string, string]> = [];
  const names = new Map<string, string>();
  for (const hash of hashes) {
    const next = `${hash.slice(0, -6)}deploy`;
    for (const file of readdirSync(PKG).filter((f) => f.includes(`.${hash}.`))) {
      const to = file.replace(`.${hash}.`, `.${next}.`);
      renameSync(join(PKG, file), join(PKG, to));
      renamed.push([file, to]);
      names.set(file, to);
    }
  }
  writeFileSync(HASH_FILE, hashes.reduce((text, hash) => text.replace(hash, `${hash.slice(0, -6)}deploy`), original));
  return {
    names,
    undo: () => {
      for (const [from, to] of renamed) renameSync(join(PKG, to), join(PKG, from));
      writeFileSync(HASH_FILE, original);
    },
  };
}

/** The /pkg files the page names (the module, the wasm, the stylesheet). */
const filesOf = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("link[href*='/pkg/']"), (l) => new URL((l as HTMLLinkElement).href).pathname).sort(),
  );

test("a page stored before a new build still hydrates with its own files, and a reload gets the new build", async ({
  browser,
  request,
}) => {
  const { context, page } = await operatorBrowser(browser);
  await openPlanForOffline(page, UNIT);
  const oldFiles = await filesOf(page);
  expect(oldFiles).toHaveLength(3);
  const address = page.url();

  const deploy = deployNewBuild();
  try {
    for (const file of oldFiles) expect((await request.get(file)).status(), `${file} is gone from the server`).toBe(404);
    // The page's own request fails (the line dropped), so the worker answers with the stored
    // page of the old build; its files come from the worker's store, not the new build's.
    const thisPage = (url: URL) => url.href === address;
    await context.route(thisPage, (route) => route.abort());
    await page.reload();
    await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
    expect(await filesOf(page)).toEqual(oldFiles);
    await context.unroute(thisPage);

    // Online again: the new build's page and files, the names hash.txt gives.
    await page.reload();
    await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
    const newFiles = await filesOf(page);
    expect(newFiles).toEqual(oldFiles.map((f) => `/pkg/${deploy.names.get(f.replace("/pkg/", ""))}`).sort());
    for (const file of newFiles) {
      const response = await request.get(file);
      expect(response.status()).toBe(200);
      expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
  } finally {
    deploy.undo();
    await context.close();
  }
});
