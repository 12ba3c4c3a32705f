import { openDatabase } from "../audit/database.js";
import { getRunAccount } from "../audit/queries.js";
import type { Outcome } from "../domain/decision.js";
import type { Task } from "../domain/task.js";
import { addUsage, usageSummary } from "../domain/trace.js";
import { CrosscheckError } from "../errors.js";
import type { CaseResult } from "../graph/case-result.js";
import { checkSuiteModels } from "./live-models.js";
import { computeMetrics, expectedRuleId } from "./metrics.js";
import type { CaseAttempt, CaseReport, SuiteReport } from "./report.js";
import { caseTask, type ExpectedFinding, type ParsedScenarioCase, type Suite } from "./suite.js";

export interface RunSuiteOptions {
  /** SQLite file of the audit log. */
  db: string;
  /** Cases at once. */
  concurrency: number;
  /** Runs of each case (stability). Default 1. */
  repeat?: number;
  /** Only cases whose name (or the suite's name) contains this text, case-insensitively. */
  filter?: string | undefined;
  /** The suite's file, recorded on the scenario run in the audit log. */
  file?: string | undefined;
  /** Wraps each case's execution (model-call recordings hook in here). */
  aroundCase?: (
    c: ParsedScenarioCase,
    run: () => Promise<CaseResult>,
  ) => Promise<{ result: CaseResult; problems: string[] }>;
  /**
   * Replay mode: whether a case has recorded model calls. Set, the run replays (no live model
   * is needed) and fails before its first case (MODEL_UNAVAILABLE) when a case without
   * recordings would need a live model this process cannot reach. Unset (live or record mode),
   * the workflow checks that its models are reachable.
   */
  hasRecordings?: ((c: ParsedScenarioCase) => boolean) | undefined;
  /** Called as each attempt of each case is checked. */
  onAttempt?: (event: {
    suite: string;
    name: string;
    attempt: CaseAttempt;
    index: number;
    of: number;
  }) => void;
}

function matchesLocation(expected: ExpectedFinding, finding: CaseResult["findings"][number]): boolean {
  if (typeof expected === "string") return finding.ruleId === expected;
  if (finding.ruleId !== expected.ruleId) return false;
  const at = finding.location ?? {};
  return (
    (expected.field === undefined || at.field === expected.field) &&
    (expected.file === undefined || at.file === expected.file) &&
    (expected.line === undefined || at.line === expected.line)
  );
}

function describeExpected(expected: ExpectedFinding): string {
  if (typeof expected === "string") return expected;
  const where = [expected.file, expected.line, expected.field].filter((x) => x !== undefined).join(":");
  return `${expected.ruleId} at ${where}`;
}

/** Compares what happened with what the case expected: one sentence per unmet expectation. */
export function checkExpectations(
  c: ParsedScenarioCase,
  first: CaseResult,
  final: CaseResult | undefined,
): string[] {
  const failures: string[] = [];
  if (first.outcome !== c.expect.decision) {
    const deciding = first.findings
      .filter((f) => f.severity !== "info")
      .map((f) => `${f.ruleId} (${f.auditor}): ${f.message}`);
    const why = [...first.decision.reasons, ...deciding.slice(0, 3)].join("; ");
    failures.push(`expected ${c.expect.decision}, got ${first.outcome}: ${why}`);
  }
  for (const expected of c.expect.findings) {
    if (!first.findings.some((f) => matchesLocation(expected, f))) {
      const found = [...new Set(first.findings.map((f) => f.ruleId))].join(", ") || "none";
      failures.push(`expected finding ${describeExpected(expected)}; found ${found}`);
    }
  }
  for (const rule of c.expect.absent) {
    const hit = first.findings.find((f) => f.ruleId === rule);
    if (hit !== undefined) failures.push(`unexpected finding ${rule} (${hit.auditor}): ${hit.message}`);
  }
  if (c.expect.final !== undefined && final?.outcome !== c.expect.final) {
    failures.push(
      `expected ${c.expect.final} after the human decision, got ${final?.outcome ?? "no human decision"}`,
    );
  }
  return failures;
}

async function scriptedTask(suite: Suite, c: ParsedScenarioCase): Promise<Task> {
  const task = caseTask(c);
  if (c.worker === undefined) return task;
  try {
    return { ...task, output: (await c.worker(task)) as Task["output"] };
  } catch (error) {
    throw new CrosscheckError(
      "SUITE_INVALID",
      `suite ${suite.name}, case ${JSON.stringify(c.name)}: its worker function threw: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function attemptOf(first: CaseResult, final: CaseResult | undefined, failures: string[]): CaseAttempt {
  // Worker and auditors (the resume after a human decision runs no agent).
  const usage = addUsage(usageSummary(first.trace), first.auditorUsage);
  return {
    caseId: first.caseId,
    runId: first.runId,
    outcome: first.outcome,
    final: final === undefined || final.outcome === "escalated" ? undefined : final.outcome,
    findings: first.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      auditor: f.auditor,
      message: f.message,
      field: f.location?.field,
    })),
    durationMs: first.durationMs + (final?.durationMs ?? 0),
    modelCalls: usage.modelCalls,
    tokensIn: usage.tokensIn,
    tokensOut: usage.tokensOut,
    costUsd: usage.costUsd,
    failures,
    account: undefined,
  };
}

/** Whether a case (or its suite) matches a --filter text. */
export function matchesFilter(suite: string, name: string, filter: string | undefined): boolean {
  if (filter === undefined || filter === "") return true;
  const needle = filter.toLowerCase();
  return name.toLowerCase().includes(needle) || suite.toLowerCase().includes(needle);
}

/**
 * Runs a suite's cases (each `repeat` times) as scenario runs in the audit log, applies scripted
 * human decisions to escalations, checks expectations and computes the suite's metrics.
 */
export async function runSuite(suite: Suite, options: RunSuiteOptions): Promise<SuiteReport> {
  const started = Date.now();
  const repeat = options.repeat ?? 1;
  const cases = suite.cases.filter((c) => matchesFilter(suite.name, c.name, options.filter));
  if (options.hasRecordings !== undefined) checkSuiteModels(suite, cases, options.hasRecordings);
  const tasks = await Promise.all(cases.map((c) => scriptedTask(suite, c)));
  const attempts: CaseAttempt[][] = cases.map(() => []);
  for (let round = 0; round < repeat; round++) {
    const problems = new Map<number, string[]>();
    const firsts = await suite.workflow.runMany(tasks, {
      db: options.db,
      concurrency: options.concurrency,
      replay: options.hasRecordings !== undefined,
      scenario:
        options.file === undefined ? { suite: suite.name } : { suite: suite.name, file: options.file },
      aroundCase: async <T>(index: number, run: () => Promise<T>): Promise<T> => {
        const c = cases[index];
        const wrap = options.aroundCase;
        if (wrap === undefined || c === undefined) return run();
        const wrapped = await wrap(c, run as unknown as () => Promise<CaseResult>);
        problems.set(index, wrapped.problems);
        return wrapped.result as unknown as T;
      },
    });
    for (const [i, c] of cases.entries()) {
      const first = firsts[i] as CaseResult;
      let final: CaseResult | undefined;
      if (first.outcome === "escalated" && c.human !== undefined) {
        final = await suite.workflow.decide(first.caseId, c.human, { db: options.db });
      }
      // A recording problem is the real cause of whatever the case then did: report it first.
      const recording = (problems.get(i) ?? []).map((p) => `model-call recording: ${p}`);
      const attempt = attemptOf(first, final, [...recording, ...checkExpectations(c, first, final)]);
      attempts[i]?.push(attempt);
      options.onAttempt?.({ suite: suite.name, name: c.name, attempt, index: round, of: repeat });
    }
  }
  const database = openDatabase(options.db);
  try {
    for (const list of attempts) {
      for (const attempt of list) attempt.account = getRunAccount(database, attempt.caseId).cases[0];
    }
  } finally {
    database.close();
  }
  const reports = cases.map((c, i) => caseReport(suite.name, c, attempts[i] ?? []));
  return {
    name: suite.name,
    file: options.file ?? "",
    workflow: suite.workflow.name,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    cases: reports,
    metrics: computeMetrics(reports),
  };
}

function caseReport(suite: string, c: ParsedScenarioCase, attempts: CaseAttempt[]): CaseReport {
  const spread: Partial<Record<Outcome, number>> = {};
  for (const a of attempts) spread[a.outcome] = (spread[a.outcome] ?? 0) + 1;
  const finals = new Set(attempts.map((a) => a.final));
  const unstable = Object.keys(spread).length > 1 || finals.size > 1;
  const failing = attempts.find((a) => a.failures.length > 0);
  return {
    suite,
    name: c.name,
    tags: c.tags,
    status: unstable ? "unstable" : failing === undefined ? "passed" : "failed",
    expected: {
      outcome: c.expect.decision,
      final: c.expect.final,
      findings: c.expect.findings.map(expectedRuleId),
      absent: c.expect.absent,
    },
    attempts,
    spread,
    failures: unstable ? [] : (failing?.failures ?? []),
  };
}
