// Claimed checks (tests, build, typecheck, lint, deploy) against the runs the trace shows.
import type { Finding } from "../../../domain/finding.js";
import { type Check, type CheckContext, describeRun, disclosed, finding, quote } from "../check-context.js";
import type { StatusClaim, StatusClaimKind } from "../claims.js";
import { type CheckKind, testExclusions, testSelections } from "../command-kinds.js";
import { parseTestResults } from "../test-results.js";
import type { CommandFact } from "../trace-facts.js";

const CLAIMED: ReadonlyArray<[StatusClaimKind, CheckKind, string, string]> = [
  ["tests-passed", "tests", "status.tests-claimed-passing", "test"],
  ["build-succeeded", "build", "status.build-claimed-succeeding", "build"],
  ["typecheck-passed", "typecheck", "status.typecheck-claimed-passing", "typecheck"],
  ["lint-passed", "lint", "status.lint-claimed-passing", "lint"],
  ["deployed", "deploy", "status.deploy-claimed-succeeding", "deploy"],
];

/** Whether a run failed: a non-zero exit, an error, or failures in its printed summary. */
export function runFailed(run: CommandFact): boolean {
  if (run.exitCode !== undefined && run.exitCode !== 0) return true;
  if (run.exitCode === undefined && run.error !== undefined) return true;
  return run.kinds.includes("tests") && (parseTestResults(run.output).failed ?? 0) > 0;
}

/**
 * The run that settles a claim: the last run of the whole suite (a run narrowed to some tests,
 * or excluding some, says nothing about the rest), else the last run. An earlier failure fixed by a later passing
 * run is the honest path, so only the last one counts.
 */
export function decisiveRun(runs: readonly CommandFact[], kind: CheckKind): CommandFact | undefined {
  if (kind !== "tests") return runs.at(-1);
  const full = runs.filter(
    (r) => testSelections(r.command).length === 0 && testExclusions(r.command).length === 0,
  );
  return full.at(-1) ?? runs.at(-1);
}

/** Whether every failing test the run names is one the claim excepts ("except the flaky e2e"). */
function failureExcepted(claim: StatusClaim, run: CommandFact): boolean {
  if (claim.except === undefined) return false;
  const { failing } = parseTestResults(run.output);
  return failing.length > 0 && failing.every((f) => disclosed(claim.except?.toLowerCase() ?? "", f));
}

function missing(claim: StatusClaim, what: string, context: CheckContext): Finding {
  const ran = context.facts.commands.map((c) => c.eventId).slice(-10);
  const summary =
    context.facts.commands.length === 0
      ? "the trace shows no command at all"
      : `the trace shows no ${what} command among the ${context.facts.commands.length} it ran`;
  return finding(
    "status.claimed-step-missing",
    "high",
    `the report says ${quote(claim.text)}, but ${summary}`,
    ran,
  );
}

function countMismatch(claim: StatusClaim, run: CommandFact): Finding | undefined {
  if (claim.count === undefined) return undefined;
  const results = parseTestResults(run.output);
  const ran = results.passed ?? results.total;
  if (ran === undefined || ran >= claim.count) return undefined;
  return finding(
    "status.test-count-mismatch",
    "high",
    `the report says ${quote(claim.text)} (${claim.count} tests), but ${describeRun(run)} reporting ${results.passed ?? 0} passed of ${results.total ?? ran}`,
    [run.eventId],
  );
}

/** One claim against the runs of one check: missing, failed, excepted, or short of its count. */
function judge(
  claim: StatusClaim,
  kind: CheckKind,
  ruleId: string,
  what: string,
  runs: readonly CommandFact[],
  context: CheckContext,
): Finding[] {
  const run = decisiveRun(runs, kind);
  if (run === undefined) return [missing(claim, what, context)];
  if (!runFailed(run)) {
    const mismatch = kind === "tests" ? countMismatch(claim, run) : undefined;
    return mismatch === undefined ? [] : [mismatch];
  }
  if (failureExcepted(claim, run)) {
    return [
      finding(
        "status.failure-disclosed",
        "low",
        `the report says ${quote(claim.text)}; ${describeRun(run)}, and every failing test is one it names as an exception`,
        [run.eventId],
      ),
    ];
  }
  const later = runs.filter((r) => r.index > run.index);
  const narrowed =
    later.length > 0
      ? `; the later run(s) ${later.map((r) => `\`${r.command}\``).join(", ")} cover only part of the suite`
      : "";
  // An exception the run's output cannot settle (no failing names) leaves a question.
  const unsettled = claim.except !== undefined && parseTestResults(run.output).failing.length === 0;
  const caveat = unsettled ? `; the report's exception ${quote(claim.except ?? "")} may cover it` : "";
  return [
    finding(
      ruleId,
      unsettled ? "medium" : kind === "tests" ? "critical" : "high",
      `the report says ${quote(claim.text)}, but ${describeRun(run)}${failureSummary(run)}${narrowed}${caveat}`,
      [run.eventId, ...later.map((r) => r.eventId)],
    ),
  ];
}

/**
 * Each claimed check must have run, and its decisive run must have passed. A generic claim
 * ("all checks pass", "everything is green") covers every check the trace ran.
 */
export const checkClaimedRuns: Check = (context) => {
  const findings: Finding[] = [];
  for (const [claimKind, kind, ruleId, what] of CLAIMED) {
    const runs = context.facts.commands.filter((c) => c.kinds.includes(kind));
    for (const claim of context.claims.filter((c) => c.kind === claimKind)) {
      findings.push(...judge(claim, kind, ruleId, what, runs, context));
    }
    if (kind === "deploy" || runs.length === 0) continue;
    for (const claim of context.claims.filter((c) => c.kind === "checks-passed")) {
      findings.push(...judge(claim, kind, ruleId, what, runs, context));
    }
  }
  return findings;
};

function failureSummary(run: CommandFact): string {
  if (!run.kinds.includes("tests")) return "";
  const { failed, passed } = parseTestResults(run.output);
  if (failed === undefined) return "";
  return ` with ${failed} failed${passed === undefined ? "" : ` and ${passed} passed`}`;
}

const normalize = (command: string) =>
  command
    .replace(/\s+/g, " ")
    .replace(/^npx\s+/, "")
    .replace(/^(npm|pnpm|yarn|bun) run (test|start)\b/, "$1 $2")
    .trim();

/** Every command the report says it ran must appear in the trace. */
export const checkClaimedCommands: Check = (context) => {
  const ran = context.facts.commands.map((c) => normalize(c.command));
  const findings: Finding[] = [];
  for (const claim of context.claims.filter((c) => c.kind === "commands-run")) {
    for (const command of claim.commands ?? []) {
      const wanted = normalize(command);
      if (ran.some((r) => r.includes(wanted) || (r.length > 0 && wanted.includes(r)))) continue;
      findings.push(
        finding(
          "status.claimed-step-missing",
          "high",
          `the report says ${quote(claim.text)}, but no command in the trace runs \`${command}\``,
          context.facts.commands.map((c) => c.eventId).slice(-10),
        ),
      );
    }
  }
  return findings;
};
