import { defineConfig } from "@playwright/test";
import { BASE, stateFile } from "./global-setup";

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
  // Each project starts from its own state and runs alone (`--project X --no-deps`), in any
  // order: the reading tests read the demo plan, which no spec changes; a spec that changes a
  // plan makes its own plan and people (tests/own-plan.ts). One worker: the tests share a server.
  projects: [
    { name: "reading", testMatch: /plan-page\.spec\.ts/ },
    { name: "editing", testMatch: /editing\.spec\.ts/ },
    // Changes the yearly targets, which hold for every unit: no other spec reads them.
    { name: "dashboard", testMatch: /dashboard\.spec\.ts/ },
    // Also run alone against two servers on one PostgreSQL database by scripts/test.
    { name: "live", testMatch: /live\.spec\.ts/ },
    // Approves TW I of its plan, which locks it.
    { name: "people", testMatch: /people\.spec\.ts/ },
    // Offline edits, the service worker and conflicts, each in fresh browser contexts.
    { name: "offline", testMatch: /offline\.spec\.ts/ },
    // Plays a deploy of a new build (renames this build's /pkg files, rewrites hash.txt) and
    // puts it back; reads the demo plan.
    { name: "deploy", testMatch: /deploy\.spec\.ts/ },
    // Adds and disables a person of its own; touches no demo person.
    { name: "admin", testMatch: /admin\.spec\.ts/ },
    // Units' time zones (changes Luwuk's and puts it back) and the web app manifest offline.
    { name: "clock", testMatch: /clock\.spec\.ts/ },
    // A shared PC: one person's waiting edits, another signing in, signing out, a damaged outbox.
    { name: "outbox", testMatch: /outbox\.spec\.ts/ },
    // "Impor dari Excel": imports the workbook fixture for units of its own (JavaScript on and off).
    { name: "import", testMatch: /import\.spec\.ts/ },
    // Prints the demo plan's /cetak to PDF (read with poppler's pdftotext and pdfinfo) and
    // downloads its Excel; reads only.
    { name: "print", testMatch: /print\.spec\.ts/ },
    // Makes next year's plans of a plan of its own (JavaScript on and off).
    { name: "years", testMatch: /years\.spec\.ts/ },
    // axe-core on every page for every role; reads only.
    { name: "a11y", testMatch: /a11y\.spec\.ts/ },
    // The roll-up of the demo's regional office, as its pimpinan; reads only.
    { name: "rollup", testMatch: /rollup\.spec\.ts/ },
    // Evidence (data dukung) on a plan of its own: files attached, listed, opened, printed.
    { name: "evidence", testMatch: /evidence\.spec\.ts/ },
  ],
  use: {
    baseURL: BASE,
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
