import { appendFileSync } from "node:fs";

/**
 * The benchmark figures protocol (as `server::ops::bench_summary` in Rust): when PANTAU_BENCH_SUMMARY
 * names a file, each figure is appended to it as one line, `area<TAB>figure<TAB>value<TAB>goal`
 * (goal `-` when there is none); scripts/bench prints that file as one table at the end.
 */
export function summarize(area: string, figures: Array<[figure: string, value: string, goal: string]>) {
  const file = process.env.PANTAU_BENCH_SUMMARY;
  if (!file) return;
  const clean = (part: string) => part.replace(/[\t\r\n]+/g, " ");
  appendFileSync(file, figures.map((parts) => [area, ...parts].map(clean).join("\t") + "\n").join(""));
}
