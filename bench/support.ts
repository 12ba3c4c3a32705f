/**
 * Shared helpers of the benchmarks: timing, medians, temp files and the result line. Every
 * benchmark compares Crosscheck against a baseline measured in the same process and run, so
 * the ratio is what to read on a noisy machine; absolute numbers are printed beside it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One benchmark's outcome, as printed in its line and in the summary table. */
export interface BenchResult {
  name: string;
  /** Crosscheck's throughput. */
  ours: number;
  /** The baseline's throughput, same unit. */
  baseline: number;
  /** e.g. "cases/s", "events/s". */
  unit: string;
  /** What the baseline is, in a few words. */
  baselineLabel: string;
  /** ours / baseline. */
  ratio: number;
  /** Human-readable target, e.g. "ratio >= 0.50". */
  target: string;
  met: boolean;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Runs `fn` and returns items per second for `items` items. */
export async function rate(items: number, fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  const seconds = (performance.now() - start) / 1000;
  return items / seconds;
}

/** Runs `fn` with a fresh temp directory, removed (with everything in it) when `fn` settles. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `crosscheck-bench-${prefix}-`));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 12345.6 -> "12,346". */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Reads a positive whole number from the environment, or returns `fallback`. */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number of at least 1, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Whether the module at `url` is the script node was started with (so it runs itself). */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(url);
}

/** What a benchmark is judged against: a ratio to its baseline, or an absolute rate of ours. */
export type BenchTarget = { minRatio: number } | { minRate: number };

/** Both sides' rates, one per timed round. */
export interface Rounds {
  ours: number[];
  baseline: number[];
}

/**
 * Times `rounds` rounds of both sides, alternating which goes first so drift on a shared
 * machine hits both alike. Each function returns its rate for the round.
 */
export async function alternateRounds(
  rounds: number,
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<Rounds> {
  const measured: Rounds = { ours: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      measured.ours.push(await ours());
      measured.baseline.push(await baseline());
    } else {
      measured.baseline.push(await baseline());
      measured.ours.push(await ours());
    }
  }
  return measured;
}

/** One comparison, as `report` turns it into a BenchResult. */
export interface Comparison extends Rounds {
  name: string;
  unit: string;
  baselineLabel: string;
  target: BenchTarget;
  /** What was measured, printed under the result line before every round's rate. */
  detail: string;
}

/** The medians of both sides as a BenchResult, printed as its result line and a detail line. */
export function report(comparison: Comparison): BenchResult {
  const { name, unit, baselineLabel, target, detail } = comparison;
  const ours = median(comparison.ours);
  const baseline = median(comparison.baseline);
  const ratio = ours / baseline;
  const result: BenchResult = {
    name,
    ours,
    baseline,
    unit,
    baselineLabel,
    ratio,
    ...("minRatio" in target
      ? { target: `ratio >= ${target.minRatio.toFixed(2)}`, met: ratio >= target.minRatio }
      : { target: `>= ${formatRate(target.minRate)} ${unit}`, met: ours >= target.minRate }),
  };
  console.log(resultLine(result));
  console.log(
    `  ${detail}; crosscheck rounds: ${comparison.ours.map(formatRate).join(", ")}; baseline rounds: ${comparison.baseline.map(formatRate).join(", ")}`,
  );
  return result;
}

/** The one line every benchmark prints. */
export function resultLine(result: BenchResult): string {
  const mark = result.met ? "ok" : "MISSED";
  return `${result.name}: ${formatRate(result.ours)} ${result.unit} vs ${result.baselineLabel} ${formatRate(result.baseline)} ${result.unit} -> ratio ${result.ratio.toFixed(2)} (target ${result.target}: ${mark})`;
}

/** The summary table of `bench/index.ts`. */
export function summaryTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    `${formatRate(r.ours)} ${r.unit}`,
    `${formatRate(r.baseline)} ${r.unit}`,
    r.ratio.toFixed(2),
    r.target,
    r.met ? "ok" : "MISSED",
  ]);
  const header = ["benchmark", "crosscheck", "baseline", "ratio", "target", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
