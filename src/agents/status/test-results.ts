// The summary a test runner prints: counts of passed, failed and skipped tests, and which failed.
// Vitest, Jest, pytest, mocha, cargo, go test and similar runners, from their text output.

export interface TestResults {
  passed?: number;
  failed?: number;
  skipped?: number;
  total?: number;
  /** Files or test ids reported as failing (`FAIL src/a.test.ts`, `FAILED tests/test_a.py::t`). */
  failing: string[];
}

const COUNT =
  /(\d+)\s+(passed|passing|pass|failed|failing|fail|failures?|errors?|skipped|pending|todo|ignored|deselected|xfailed|total|specs?|examples?)\b/gi;
const LABELLED = /\b(passed|failed|skipped|ignored|errors?)[:=]\s*(\d+)/gi;
const SUMMARY_LINE =
  /^\s*(?:Tests?:?\s|=+|test result:|ok\b|FAIL\b|PASS\b|Ran\s+\d+|\d+\s+(?:passed|passing|failed|failing|pending|specs?|examples?)\b)/i;
/** TAP and node:test totals: `# pass 12`, `ℹ fail 0`. */
const TAP = /^\s*(?:#|ℹ)\s*(pass|fail|skip|skipped|todo|tests)\s+(\d+)\s*$/i;
const FILE_SUMMARY = /^\s*(?:Test Suites|Test Files|Suites)\b/i;

type Bucket = "passed" | "failed" | "skipped" | "total";
const BUCKET: Record<string, Bucket> = {
  passed: "passed",
  passing: "passed",
  pass: "passed",
  failed: "failed",
  failing: "failed",
  fail: "failed",
  failure: "failed",
  failures: "failed",
  error: "failed",
  errors: "failed",
  skipped: "skipped",
  pending: "skipped",
  todo: "skipped",
  ignored: "skipped",
  deselected: "skipped",
  xfailed: "skipped",
  total: "total",
  spec: "total",
  specs: "total",
  example: "total",
  examples: "total",
};

/** Counts from the last summary lines of a test run's output (file-level summaries ignored). */
export function parseTestResults(output: string): TestResults {
  const clean = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");
  const results: TestResults = { failing: [] };
  const lines = clean.split("\n");
  for (const line of lines) {
    const failing =
      /^\s*(?:FAIL|✗|×|✕|FAILED)\s+([^\s>]+)/.exec(line)?.[1] ?? /^\s*--- FAIL:\s+(\S+)/.exec(line)?.[1];
    // Runner marks (×, ✗) also precede bare test names: keep only files and test ids.
    if (failing !== undefined && /[/.:]/.test(failing) && !results.failing.includes(failing)) {
      results.failing.push(failing);
    }
  }
  for (const line of lines) {
    const tap = TAP.exec(line);
    if (tap === null) continue;
    const name = (tap[1] ?? "").toLowerCase();
    const bucket: Bucket | undefined =
      name === "pass" ? "passed" : name === "fail" ? "failed" : name === "tests" ? "total" : "skipped";
    results[bucket] = (bucket === "skipped" ? (results.skipped ?? 0) : 0) + Number(tap[2]);
  }
  const summaries = lines.filter((l) => SUMMARY_LINE.test(l) && !FILE_SUMMARY.test(l) && /\d/.test(l));
  for (const line of summaries) {
    const counts: Partial<Record<Bucket, number>> = {};
    for (const m of line.matchAll(COUNT)) add(counts, BUCKET[(m[2] ?? "").toLowerCase()], Number(m[1]));
    for (const m of line.matchAll(LABELLED)) add(counts, BUCKET[(m[1] ?? "").toLowerCase()], Number(m[2]));
    const parenthesised = /\((\d+)\)\s*$/.exec(line)?.[1];
    if (parenthesised !== undefined && counts.total === undefined) counts.total = Number(parenthesised);
    // A later summary line (the run's final one) wins over earlier ones.
    if (Object.keys(counts).length > 0) Object.assign(results, counts);
  }
  // Jasmine and RSpec print the total and the failures: the rest passed.
  if (results.passed === undefined && results.total !== undefined && results.failed !== undefined) {
    results.passed = results.total - results.failed - (results.skipped ?? 0);
  }
  if (results.total === undefined && results.passed !== undefined) {
    results.total = results.passed + (results.failed ?? 0) + (results.skipped ?? 0);
  }
  return results;
}

function add(counts: Partial<Record<Bucket, number>>, bucket: Bucket | undefined, n: number): void {
  if (bucket === undefined) return;
  counts[bucket] = (counts[bucket] ?? 0) + n;
}
