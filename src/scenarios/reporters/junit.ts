import type { Outcome } from "../../domain/decision.js";
import type { CaseAttempt, CaseReport, Metrics, ScenarioReport, SuiteReport } from "../report.js";
import { xmlAttr, xmlText } from "./escape.js";

/**
 * The JUnit XML reporter: the Ant/Jenkins shape that Jenkins, GitLab and the GitHub test
 * reporters read. One `<testsuite>` a suite, one `<testcase>` a case (classname = suite name);
 * a failed case carries a `<failure>`, an unstable case a `<skipped>` (neither passed nor
 * failed), and each suite's metrics are its `<properties>`. Times are in seconds; timestamps
 * are UTC without a zone designator, as the Ant schema requires.
 */

/** The `type` of every `<failure>`: a case failed when an expectation of its suite did not hold. */
export const FAILURE_TYPE = "expectation";

const OUTCOMES: readonly Outcome[] = ["accepted", "rejected", "escalated"];

export function renderJUnit(report: ScenarioReport): string {
  const cases = report.suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({
      name: "crosscheck scenarios",
      tests: cases.length,
      failures: count(cases, "failed"),
      errors: 0,
      skipped: count(cases, "unstable"),
      time: seconds(report.durationMs),
      timestamp: timestamp(report.startedAt),
    })}>`,
  ];
  for (const suite of report.suites) lines.push(...renderSuite(suite, report));
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

function renderSuite(suite: SuiteReport, report: ScenarioReport): string[] {
  const lines = [
    `  <testsuite${attrs({
      name: suite.name,
      tests: suite.cases.length,
      failures: count(suite.cases, "failed"),
      errors: 0,
      skipped: count(suite.cases, "unstable"),
      time: seconds(suite.durationMs),
      timestamp: timestamp(suite.startedAt),
      file: suite.file,
    })}>`,
    "    <properties>",
  ];
  for (const [name, value] of suiteProperties(suite, report.repeat)) {
    lines.push(`      <property${attrs({ name, value })}/>`);
  }
  lines.push("    </properties>");
  for (const c of suite.cases) lines.push(...renderCase(c));
  lines.push("  </testsuite>");
  return lines;
}

function renderCase(c: CaseReport): string[] {
  const open = `    <testcase${attrs({ classname: c.suite, name: c.name, time: seconds(caseDurationMs(c)) })}>`;
  const body: string[] = [];
  if (c.status === "unstable") {
    body.push(`      <skipped${attrs({ message: `unstable: ${describeSpread(c)}` })}/>`);
  } else if (c.status === "failed") {
    const attempt = c.attempts.find((a) => a.failures.length > 0) ?? c.attempts[0];
    const failures = c.failures.length > 0 ? c.failures : ["the case failed (no failure was recorded)"];
    const text = [
      ...failures.map((f) => `- ${f}`),
      "",
      ...(attempt === undefined ? [] : decisionLines(attempt)),
    ];
    body.push(
      `      <failure${attrs({ message: failures[0] ?? "", type: FAILURE_TYPE })}>${xmlText(text.join("\n"))}</failure>`,
    );
  }
  body.push(`      <system-out>${xmlText(attemptLines(c).join("\n"))}</system-out>`);
  return [open, ...body, "    </testcase>"];
}

/** What an attempt decided and found: the body of a `<failure>` after the failed expectations. */
function decisionLines(attempt: CaseAttempt): string[] {
  const lines = [`decision: ${outcomeText(attempt)} (run ${attempt.runId}, case ${attempt.caseId})`];
  for (const d of attempt.account?.decisions ?? []) {
    lines.push(`  ${d.outcome} by ${d.policy}: ${d.reasons.join("; ")}`);
  }
  const h = attempt.account?.humanDecision;
  if (h != null) lines.push(`  human: ${h.decision} by ${h.reviewer}: ${h.reason}`);
  lines.push(attempt.findings.length === 0 ? "findings: none" : "findings:");
  for (const f of attempt.findings) {
    const at = f.field === undefined ? "" : ` at ${f.field}`;
    lines.push(`  [${f.severity}] ${f.ruleId}${at} (${f.auditor}): ${f.message}`);
  }
  return lines;
}

function attemptLines(c: CaseReport): string[] {
  const expected =
    c.expected.final === undefined ? c.expected.outcome : `${c.expected.outcome} -> ${c.expected.final}`;
  const lines = [`expected: ${expected}`];
  c.attempts.forEach((a, i) => {
    const rules = a.findings.map((f) => f.ruleId).join(", ") || "no findings";
    lines.push(`attempt ${i + 1}: ${outcomeText(a)} in ${a.durationMs} ms; ${rules} (run ${a.runId})`);
  });
  return lines;
}

function outcomeText(a: CaseAttempt): string {
  return a.final === undefined ? a.outcome : `${a.outcome} -> ${a.final}`;
}

/** "accepted 3/5, escalated 2/5": how often each decision came out, in a fixed order. */
export function describeSpread(c: CaseReport): string {
  const runs = c.attempts.length;
  return OUTCOMES.filter((o) => (c.spread[o] ?? 0) > 0)
    .map((o) => `${o} ${c.spread[o]}/${runs}`)
    .join(", ");
}

/** A suite's metrics as name/value pairs; a metric with no value (nothing to measure) is left out. */
function suiteProperties(suite: SuiteReport, repeat: number): Array<[string, string]> {
  const m: Metrics = suite.metrics;
  const props: Array<[string, number | string | undefined]> = [
    ["workflow", suite.workflow],
    ["repeat", repeat],
    ["cases", m.cases],
    ["passed", m.passed],
    ["failed", m.failed],
    ["unstable", m.unstable],
    ["decisionAccuracy", m.decisionAccuracy],
    ["escalationRate", m.escalationRate],
    ["durationMs.mean", m.durationMs.mean],
    ["durationMs.p95", m.durationMs.p95],
    ["modelCalls", m.modelCalls],
    ["tokensIn", m.tokensIn],
    ["tokensOut", m.tokensOut],
    ["costUsd", m.costUsd],
  ];
  for (const [family, f] of Object.entries(m.families).sort(([a], [b]) => a.localeCompare(b))) {
    props.push(
      [`family.${family}.recall`, f.recall],
      [`family.${family}.expected`, f.expected],
      [`family.${family}.found`, f.found],
      [`family.${family}.falsePositiveRate`, f.falsePositiveRate],
      [`family.${family}.falsePositives`, f.falsePositives],
      [`family.${family}.negatives`, f.negatives],
    );
  }
  return props.flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]]));
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
    .join("");
}

function count(cases: CaseReport[], status: CaseReport["status"]): number {
  return cases.filter((c) => c.status === status).length;
}

/** The time a case took: all of its attempts. */
function caseDurationMs(c: CaseReport): number {
  return sum(c.attempts.map((a) => a.durationMs));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** `2025-03-01T09:30:00.123Z` -> `2025-03-01T09:30:00` (UTC; the Ant schema allows no zone or fraction). */
function timestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19);
}
