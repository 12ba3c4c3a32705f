import type { CaseAccount } from "../audit/queries.js";
import type { Outcome } from "../domain/decision.js";

/**
 * What a scenario run produced: the data every reporter (terminal, JSON, JUnit, HTML) renders.
 * Plain JSON-serialisable data; the JSON reporter writes it as is.
 */

/** One execution of one case (a case runs `repeat` times). */
export interface CaseAttempt {
  caseId: string;
  runId: string;
  /** What consensus decided. */
  outcome: Outcome;
  /** The outcome after the scripted human decision, when the case escalated and had one. */
  final: "accepted" | "rejected" | undefined;
  findings: Array<{
    ruleId: string;
    severity: string;
    auditor: string;
    message: string;
    field?: string | undefined;
  }>;
  durationMs: number;
  modelCalls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Failed expectations of this attempt, one sentence each (empty when it met them all). */
  failures: string[];
  /** The log's account of the case (worker output, evidence, every verdict and round, decisions, human decision). */
  account: CaseAccount | undefined;
}

export type CaseStatus = "passed" | "failed" | "unstable";

export interface CaseReport {
  suite: string;
  name: string;
  tags: string[];
  /** passed: every attempt met every expectation; unstable: attempts disagreed on the decision; failed otherwise. */
  status: CaseStatus;
  expected: {
    outcome: Outcome;
    final: "accepted" | "rejected" | undefined;
    findings: string[];
    absent: string[];
  };
  attempts: CaseAttempt[];
  /** How often each decision came out over the attempts, e.g. { accepted: 4, escalated: 1 }. */
  spread: Partial<Record<Outcome, number>>;
  /** The failed expectations of the first failing attempt (empty when passed). */
  failures: string[];
}

export interface RuleFamilyMetrics {
  /** Expected findings of this family that were found / expected. Undefined when none were expected. */
  recall: number | undefined;
  expected: number;
  found: number;
  /** Cases with an unexpected finding (severity above info) of this family / cases that expected none of it. */
  falsePositiveRate: number | undefined;
  falsePositives: number;
  negatives: number;
}

export interface Metrics {
  cases: number;
  passed: number;
  failed: number;
  unstable: number;
  /** Stable cases whose decision matched the expectation / stable cases. */
  decisionAccuracy: number | undefined;
  /** Per rule family: the rule id up to its last dot (`receipt.total-mismatch` -> `receipt`). */
  families: Record<string, RuleFamilyMetrics>;
  /** Attempts whose consensus escalated / attempts. */
  escalationRate: number | undefined;
  durationMs: { mean: number | undefined; p95: number | undefined };
  modelCalls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

export interface SuiteReport {
  name: string;
  file: string;
  workflow: string;
  /** When the suite started (ISO 8601) and its wall time: cases run in parallel, so less than the sum of their durations. */
  startedAt: string;
  durationMs: number;
  cases: CaseReport[];
  metrics: Metrics;
}

export interface ScenarioReport {
  startedAt: string;
  durationMs: number;
  repeat: number;
  suites: SuiteReport[];
  metrics: Metrics;
}
