import type { CaseAttempt, CaseReport, Metrics, ScenarioReport, SuiteReport } from "../report.js";

/** Escapes control characters so agent-written text cannot drive the terminal. */
export function safeText(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const COLOR = { passed: 32, failed: 31, unstable: 33, dim: 2 } as const;

export interface TerminalStyle {
  color: boolean;
}

function paint(text: string, code: number, style: TerminalStyle): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function pct(value: number | undefined): string {
  return value === undefined ? "n/a" : `${(value * 100).toFixed(1)}%`;
}

function ms(value: number | undefined): string {
  return value === undefined ? "n/a" : `${Math.round(value)} ms`;
}

function got(attempt: CaseAttempt | undefined): string {
  if (attempt === undefined) return "-";
  return attempt.final === undefined ? attempt.outcome : `${attempt.outcome} -> ${attempt.final}`;
}

/** One line per checked attempt, for logs that are not a terminal. */
export function attemptLine(suite: string, name: string, attempt: CaseAttempt, style: TerminalStyle): string {
  const ok = attempt.failures.length === 0;
  const mark = ok ? paint("pass", COLOR.passed, style) : paint("FAIL", COLOR.failed, style);
  return `${mark}  ${safeText(suite)} › ${safeText(name)}  ${got(attempt)}  (${Math.round(attempt.durationMs)} ms)`;
}

/** A one-line progress bar for a terminal. */
export function progressBar(done: number, total: number, label: string, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${safeText(label)}`.slice(
    0,
    120,
  );
}

function caseRow(report: CaseReport, style: TerminalStyle): string[] {
  const status = paint(report.status.padEnd(8), COLOR[report.status], style);
  const durations = report.attempts.map((a) => a.durationMs);
  const duration = durations.length === 0 ? 0 : durations.reduce((a, b) => a + b, 0) / durations.length;
  const lines = [
    `  ${status} ${got(report.attempts[0]).padEnd(24)} ${`${Math.round(duration)} ms`.padStart(8)}  ${safeText(report.name)}`,
  ];
  if (report.status !== "passed") {
    const expected =
      report.expected.final === undefined
        ? report.expected.outcome
        : `${report.expected.outcome} -> ${report.expected.final}`;
    lines.push(`           expected ${expected}`);
  }
  if (report.status === "unstable") {
    const runs = report.attempts.length;
    const spread = Object.entries(report.spread)
      .map(([outcome, n]) => `${outcome} ${n}/${runs}`)
      .join(", ");
    lines.push(`           unstable over ${runs} runs: ${spread}`);
  }
  for (const failure of report.failures)
    lines.push(`           ${paint("✗", COLOR.failed, style)} ${safeText(failure)}`);
  return lines;
}

export function metricsLines(metrics: Metrics, indent = "  "): string[] {
  const lines = [
    `${indent}cases ${metrics.cases}: ${metrics.passed} passed, ${metrics.failed} failed, ${metrics.unstable} unstable`,
    `${indent}decision accuracy ${pct(metrics.decisionAccuracy)}, escalation rate ${pct(metrics.escalationRate)}, duration mean ${ms(metrics.durationMs.mean)} p95 ${ms(metrics.durationMs.p95)}`,
  ];
  if (metrics.modelCalls > 0) {
    lines.push(
      `${indent}model calls ${metrics.modelCalls}, tokens ${metrics.tokensIn} in / ${metrics.tokensOut} out, cost $${metrics.costUsd.toFixed(4)}`,
    );
  }
  const families = Object.entries(metrics.families);
  if (families.length > 0) {
    lines.push(
      `${indent}${"rule family".padEnd(20)} ${"recall".padStart(14)} ${"false positives".padStart(18)}`,
    );
    for (const [name, f] of families) {
      const recall = f.recall === undefined ? "n/a" : `${pct(f.recall)} (${f.found}/${f.expected})`;
      const fp =
        f.falsePositiveRate === undefined
          ? "n/a"
          : `${pct(f.falsePositiveRate)} (${f.falsePositives}/${f.negatives})`;
      lines.push(`${indent}${safeText(name).padEnd(20)} ${recall.padStart(14)} ${fp.padStart(18)}`);
    }
  }
  return lines;
}

/** The table of one suite: every case, what it expected and got, and the failures. */
export function suiteLines(suite: SuiteReport, style: TerminalStyle): string[] {
  return [
    `suite ${safeText(suite.name)} (workflow ${safeText(suite.workflow)}, ${suite.cases.length} cases)`,
    `  ${"status".padEnd(8)} ${"decision".padEnd(24)} ${"time".padStart(8)}  case`,
    ...suite.cases.flatMap((c) => caseRow(c, style)),
    ...metricsLines(suite.metrics),
  ];
}

/** What follows the suites' tables: overall metrics (for several suites) and the closing line. */
export function summaryLines(report: ScenarioReport): string[] {
  const lines = report.suites.length > 1 ? ["overall", ...metricsLines(report.metrics), ""] : [];
  const m = report.metrics;
  lines.push(`${m.passed} passed, ${m.failed} failed${m.unstable > 0 ? `, ${m.unstable} unstable` : ""}`);
  return lines;
}

/** The whole terminal report: each suite's table, then the summary. */
export function renderTerminal(report: ScenarioReport, style: TerminalStyle): string[] {
  return [...report.suites.flatMap((s) => [...suiteLines(s, style), ""]), ...summaryLines(report)];
}
