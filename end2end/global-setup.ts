import { mkdirSync, writeFileSync } from "node:fs";

/** The demo people (the README names them); each gets a signed-in browser state in `.auth/`. */
export const PEOPLE = {
  operator: { username: "operator.luwuk", password: "operator-luwuk" },
  pimpinan: { username: "pimpinan.luwuk", password: "pimpinan-luwuk" },
  kanwil: { username: "pimpinan.kanwil", password: "pimpinan-kanwil" },
  admin: { username: "admin", password: "admin-pantau" },
} as const;

export type Who = keyof typeof PEOPLE;

export const stateFile = (who: Who) => `${__dirname}/.auth/${who}.json`;

export const BASE = process.env.MANAGER_URL ?? "http://127.0.0.1:3000";

/** This run's mark, in the names of what specs make for themselves (tests/own-plan.ts): set
 * once in the runner's process, whose environment its workers inherit. */
export const RUN = (process.env.PANTAU_E2E_RUN ??= Date.now().toString(36).slice(-6));

// cargo-leptos starts the server and the tests together; wait until it answers, then sign in
// once per demo person. Cookies are per host, not per port, so the states serve every server.
export default async function globalSetup() {
  const deadline = Date.now() + 120_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${BASE}/masuk`);
      if (response.ok) break;
      lastError = new Error(`status ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (Date.now() >= deadline) throw new Error(`the server did not answer within 120 s: ${lastError}`);
  }
  for (const who of Object.keys(PEOPLE) as Who[]) {
    const { username, password } = PEOPLE[who];
    await signIn(BASE, username, password, stateFile(who));
  }
}

/** Signs in at `base` and writes the browser state (the session cookie) to `file`. */
export async function signIn(base: string, username: string, password: string, file: string) {
  mkdirSync(`${__dirname}/.auth`, { recursive: true });
  const response = await fetch(`${base}/api/masuk`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ username, password, lanjut: "/" }),
  });
  const cookie = response.headers.get("set-cookie") ?? "";
  const match = /pantau_sesi=([0-9a-f]+)/.exec(cookie);
  if (!match) throw new Error(`cannot sign in as ${username}: ${response.status} ${response.headers.get("location")}`);
  const state = {
    cookies: [
      {
        name: "pantau_sesi",
        value: match[1],
        domain: new URL(base).hostname,
        path: "/",
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: "Lax",
      },
    ],
    origins: [],
  };
  writeFileSync(file, JSON.stringify(state));
}
