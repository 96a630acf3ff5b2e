import { defineConfig } from "@playwright/test";
import tests from "./playwright.config";

// The keystroke benchmark (`scripts/bench`): Chromium launched exactly as for the tests, against
// the release server that scripts/bench starts on port 3100, so it never meets the tests' 3000.
// Figures are printed, never asserted.
export default defineConfig({
  testDir: "./bench",
  testMatch: "**/*.bench.ts",
  // The bench sets its own test timeout: a plan page may take many minutes to hydrate.
  expect: { timeout: 120_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [["list"]],
  globalSetup: "./bench/global-setup.ts",
  use: {
    // The keystroke bench's person; the live bench opens its own signed-in contexts.
    storageState: process.env.PANTAU_LIVE_MANAGER_URL ? undefined : `${__dirname}/.auth/bench.json`,
    baseURL: process.env.PANTAU_BENCH_URL ?? "http://127.0.0.1:3100",
    launchOptions: tests.use?.launchOptions,
  },
});
