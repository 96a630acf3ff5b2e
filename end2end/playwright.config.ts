import { defineConfig } from "@playwright/test";
import { stateFile } from "./global-setup";

// Debian's Chromium: Playwright's own browser download is not available on these machines.
export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [["list"]],
  globalSetup: "./global-setup.ts",
  // The reading tests check the seed's own figures, so they run before the tests that edit it.
  projects: [
    { name: "reading", testMatch: /plan-page\.spec\.ts/ },
    { name: "editing", testMatch: /editing\.spec\.ts/, dependencies: ["reading"] },
    { name: "dashboard", testMatch: /dashboard\.spec\.ts/, dependencies: ["editing"] },
    // Also run alone (--no-deps) against two servers on one PostgreSQL database by scripts/test.
    { name: "live", testMatch: /live\.spec\.ts/, dependencies: ["dashboard"] },
    // Approves TW I, which locks it: last.
    { name: "people", testMatch: /people\.spec\.ts/, dependencies: ["live"] },
    // Offline edits, the service worker and conflicts, each in fresh browser contexts.
    { name: "offline", testMatch: /offline\.spec\.ts/, dependencies: ["people"] },
    // Adds and disables a person of its own; touches no demo person.
    { name: "admin", testMatch: /admin\.spec\.ts/, dependencies: ["offline"] },
    // A shared PC: one person's waiting edits, another signing in, signing out, a damaged outbox.
    { name: "outbox", testMatch: /outbox\.spec\.ts/, dependencies: ["admin"] },
  ],
  use: {
    baseURL: "http://127.0.0.1:3000",
    // Signed in as the demo operator unless a test says otherwise (global-setup.ts).
    storageState: stateFile("operator"),
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
