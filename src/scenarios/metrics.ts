import { type Severity, severityRank } from "../domain/finding.js";
import type { CaseAttempt, CaseReport, Metrics, RuleFamilyMetrics } from "./report.js";
import type { ExpectedFinding } from "./suite.js";

/** The family of a rule: its id up to the last dot (`receipt.total-mismatch` -> `receipt`). */
export function ruleFamily(ruleId: string): string {
  const dot = ruleId.lastIndexOf(".");
  return dot <= 0 ? ruleId : ruleId.slice(0, dot);
}

export function expectedRuleId(expected: ExpectedFinding): string {
  return typeof expected === "string" ? expected : expected.ruleId;
}

/** The p-th percentile (0..100) by nearest rank; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Findings at this severity or below are notes, never false positives. */
const NOTE: Severity = "info";

function family(families: Record<string, RuleFamilyMetrics>, name: string): RuleFamilyMetrics {
  let f = families[name];
  if (f === undefined) {
    f = {
      recall: undefined,
      expected: 0,
      found: 0,
      falsePositiveRate: undefined,
      falsePositives: 0,
      negatives: 0,
    };
    families[name] = f;
  }
  return f;
}

/**
 * Metrics over case reports. Every attempt is one observation for recall, false positives,
 * escalation rate, durations and model usage; decision accuracy counts stable cases only
 * (unstable cases are counted apart).
 *
 * - recall of a family: expected findings of that family that appeared / expected findings.
 * - false-positive rate of a family: attempts with a finding of that family (above info) that
 *   the case did not expect / attempts of cases that expected no finding of that family.
 */
export function computeMetrics(cases: readonly CaseReport[]): Metrics {
  const stable = cases.filter((c) => c.status !== "unstable");
  const attempts: Array<{ report: CaseReport; attempt: CaseAttempt }> = cases.flatMap((report) =>
    report.attempts.map((attempt) => ({ report, attempt })),
  );
  const families: Record<string, RuleFamilyMetrics> = {};
  const allFamilies = new Set<string>();
  for (const { report, attempt } of attempts) {
    for (const f of attempt.findings) allFamilies.add(ruleFamily(f.ruleId));
    for (const e of report.expected.findings) allFamilies.add(ruleFamily(e));
  }
  for (const { report, attempt } of attempts) {
    const found = new Set(attempt.findings.map((f) => f.ruleId));
    const expectedFamilies = new Set(report.expected.findings.map(ruleFamily));
    for (const ruleId of report.expected.findings) {
      const m = family(families, ruleFamily(ruleId));
      m.expected++;
      if (found.has(ruleId)) m.found++;
    }
    for (const name of allFamilies) {
      if (expectedFamilies.has(name)) continue;
      const m = family(families, name);
      m.negatives++;
      const unexpected = attempt.findings.some(
        (f) => ruleFamily(f.ruleId) === name && severityRank(f.severity as Severity) > severityRank(NOTE),
      );
      if (unexpected) m.falsePositives++;
    }
  }
  for (const m of Object.values(families)) {
    m.recall = m.expected === 0 ? undefined : m.found / m.expected;
    m.falsePositiveRate = m.negatives === 0 ? undefined : m.falsePositives / m.negatives;
  }
  const durations = attempts.map(({ attempt }) => attempt.durationMs);
  const correct = stable.filter((c) => c.attempts[0]?.outcome === c.expected.outcome).length;
  const sum = (pick: (a: CaseAttempt) => number) =>
    attempts.reduce((total, { attempt }) => total + pick(attempt), 0);
  return {
    cases: cases.length,
    passed: cases.filter((c) => c.status === "passed").length,
    failed: cases.filter((c) => c.status === "failed").length,
    unstable: cases.length - stable.length,
    decisionAccuracy: stable.length === 0 ? undefined : correct / stable.length,
    families: Object.fromEntries(Object.entries(families).sort(([a], [b]) => a.localeCompare(b))),
    escalationRate:
      attempts.length === 0
        ? undefined
        : attempts.filter(({ attempt }) => attempt.outcome === "escalated").length / attempts.length,
    durationMs: { mean: mean(durations), p95: percentile(durations, 95) },
    modelCalls: sum((a) => a.modelCalls),
    tokensIn: sum((a) => a.tokensIn),
    tokensOut: sum((a) => a.tokensOut),
    costUsd: sum((a) => a.costUsd),
  };
}
