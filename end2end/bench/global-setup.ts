import { PEOPLE, signIn, stateFile } from "../global-setup";

/**
 * The benchmarks sign in like the tests. The keystroke bench runs as `PANTAU_BENCH_LOGIN`
 * (`user:password`, made by scripts/bench with `pantau create-user`); the live bench's servers
 * load the demo people, so it signs in as the demo operator and regional pimpinan.
 */
export default async function benchSetup() {
  const live = process.env.PANTAU_LIVE_MANAGER_URL;
  if (live) {
    await signIn(live, PEOPLE.operator.username, PEOPLE.operator.password, stateFile("operator"));
    await signIn(live, PEOPLE.kanwil.username, PEOPLE.kanwil.password, stateFile("kanwil"));
    return;
  }
  const [username, password] = (process.env.PANTAU_BENCH_LOGIN ?? "").split(":");
  if (!username || !password) throw new Error("PANTAU_BENCH_LOGIN=user:password is not set");
  await signIn(process.env.PANTAU_BENCH_URL ?? "http://127.0.0.1:3100", username, password, `${__dirname}/../.auth/bench.json`);
}
