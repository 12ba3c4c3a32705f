import type { Outcome } from "../domain/decision.js";
import type { CaseResult } from "../graph/case-result.js";
import type { ParsedScenarioCase, Suite } from "./suite.js";

export interface ScenarioResult {
  suite: string;
  name: string;
  passed: boolean;
  /** What did not match, one line each. */
  failures: string[];
  outcome: Outcome;
  final: Outcome | undefined;
  caseId: string;
  durationMs: number;
}

/** Compares what happened with what the case expected. */
export function checkExpectations(
  c: ParsedScenarioCase,
  first: CaseResult,
  final: CaseResult | undefined,
): string[] {
  const failures: string[] = [];
  if (first.outcome !== c.expect.outcome) {
    const why = first.decision.reasons.join("; ");
    failures.push(`expected ${c.expect.outcome}, got ${first.outcome} (${why})`);
  }
  const ruleIds = new Set(first.findings.map((f) => f.ruleId));
  for (const rule of c.expect.findings) {
    if (!ruleIds.has(rule))
      failures.push(`expected finding ${rule}, found ${[...ruleIds].join(", ") || "none"}`);
  }
  for (const rule of c.expect.absent) {
    const hit = first.findings.find((f) => f.ruleId === rule);
    if (hit !== undefined) failures.push(`unexpected finding ${rule} (${hit.auditor}): ${hit.message}`);
  }
  if (c.expect.final !== undefined && final?.outcome !== c.expect.final) {
    failures.push(
      `expected final ${c.expect.final} after the human decision, got ${final?.outcome ?? "no decision"}`,
    );
  }
  return failures;
}

/** Runs every case of a suite (applying scripted human decisions to escalations). */
export async function runSuite(
  suite: Suite,
  options: { db: string; concurrency: number; onResult?: (result: ScenarioResult) => void },
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const firsts = await suite.workflow.runMany(
    suite.cases.map((c) => c.task),
    { db: options.db, concurrency: options.concurrency },
  );
  for (const [i, c] of suite.cases.entries()) {
    const first = firsts[i] as CaseResult;
    let final: CaseResult | undefined;
    if (first.outcome === "escalated" && c.human !== undefined) {
      final = await suite.workflow.decide(first.caseId, c.human, { db: options.db });
    }
    const failures = checkExpectations(c, first, final);
    const result: ScenarioResult = {
      suite: suite.name,
      name: c.name,
      passed: failures.length === 0,
      failures,
      outcome: first.outcome,
      final: final?.outcome,
      caseId: first.caseId,
      durationMs: first.durationMs + (final?.durationMs ?? 0),
    };
    options.onResult?.(result);
    results.push(result);
  }
  return results;
}
