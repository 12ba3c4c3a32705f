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

/** A fresh temp directory; pass it to `removeDir` when done. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `crosscheck-bench-${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** 12345.6 -> "12,346". */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Maps `items` with at most `concurrency` calls in flight (the baselines' scheduler). */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
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
