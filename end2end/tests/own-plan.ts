// A spec that changes a plan gets a plan and people of its own, so it starts from the seed's own
// figures whatever ran before it, and runs alone (`--project X --no-deps`) as well as in the
// full run. They are made through the server's command line (`pantau import`, `pantau
// create-user`) against the database the server under test uses: the test command inherits
// `DATABASE_URL` from scripts/test.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASE, RUN, signIn } from "../global-setup";
import { UNIT } from "./helpers";

const ROOT = join(__dirname, "..", "..");
const PANTAU = process.env.PANTAU_BIN ?? join(ROOT, "target", "debug", "pantau");
const SEED = join(ROOT, "seed", "rencana-kegiatan-pk-2024-lapas-luwuk.txt");
/** The demo's regional office (server/src/ops/demo.rs): its pimpinan and admin see every plan
 * below it, so the demo's `kanwil` and `admin` states reach the spec's plan too. */
const REGIONAL_OFFICE = "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM SULAWESI TENGAH";

export interface OwnPerson {
  username: string;
  password: string;
  /** The full name the pages show (history, workflow, who submitted). */
  name: string;
  /** A signed-in browser state, for `test.use({ storageState })` or `browser.newContext`. */
  state: string;
}

export interface OwnPlan {
  /** The plan's unit: the demo unit's name followed by the spec's and the run's. */
  unit: string;
  /** An operator and a pimpinan of that unit only. */
  operator: OwnPerson;
  pimpinan: OwnPerson;
}

/** Where the signed-in state of a spec's own person is kept: fixed, so `test.use` can name it
 * when the file loads, before `ownPlan` has made the person. */
export const ownState = (spec: string, role: "operator" | "pimpinan") =>
  join(__dirname, "..", ".auth", `own-${spec}-${role}.json`);

/**
 * The plan and people of `spec` (a short lower-case word) for this run: made on the first call,
 * read back on later calls of the same run (a worker restarted after a failure), new in the next
 * run, so a spec can be run again against the same server. Call it from `test.beforeAll`.
 */
export async function ownPlan(spec: string): Promise<OwnPlan> {
  const unit = `${UNIT} ${spec.toUpperCase()} ${RUN.toUpperCase()}`;
  const person = (role: "operator" | "pimpinan", title: string): OwnPerson => ({
    username: `${role}.${spec}.${RUN}`,
    password: `sandi-${role}-${spec}-${RUN}`,
    name: `${title} ${spec[0].toUpperCase()}${spec.slice(1)}`,
    state: ownState(spec, role),
  });
  const plan = { unit, operator: person("operator", "Operator Uji"), pimpinan: person("pimpinan", "Pimpinan Uji") };
  const marker = join(__dirname, "..", ".auth", `own-${spec}.json`);
  if (existsSync(marker) && JSON.parse(readFileSync(marker, "utf8")).unit === unit) return plan;

  // The seed with its unit renamed: a plan's identity is its unit and year.
  const sheet = join(mkdtempSync(join(tmpdir(), "pantau-e2e-")), `${spec}.txt`);
  writeFileSync(sheet, readFileSync(SEED, "utf8").replace(`${UNIT} TAHUN`, `${unit} TAHUN`));
  pantau(["import", sheet, "--under", REGIONAL_OFFICE]);
  for (const [who, role] of [
    [plan.operator, "operator"],
    [plan.pimpinan, "pimpinan"],
  ] as const) {
    pantau(["create-user", who.username, who.name, unit, role], { PANTAU_PASSWORD: who.password });
    await signIn(BASE, who.username, who.password, who.state);
  }
  writeFileSync(marker, JSON.stringify({ unit }));
  return plan;
}

/** Runs the server's command line from the workspace root (where a default `DATABASE_URL`
 * points, as for the server) and fails with what it said. */
export function pantau(args: string[], env: Record<string, string> = {}) {
  try {
    execFileSync(PANTAU, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`pantau ${args.join(" ")} failed: ${stderr?.toString() ?? ""}${stdout?.toString() ?? ""}`);
  }
}
