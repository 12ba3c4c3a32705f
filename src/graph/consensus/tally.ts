import type { Decision } from "../../domain/decision.js";
import type { Verdict } from "../../domain/verdict.js";
import { CrosscheckError } from "../../errors.js";

/** Auditor names by decision, in the order the verdicts came. */
export interface Tally {
  readonly pass: readonly string[];
  readonly fail: readonly string[];
  readonly abstain: readonly string[];
}

export function tally(verdicts: readonly Verdict[]): Tally {
  const pass: string[] = [];
  const fail: string[] = [];
  const abstain: string[] = [];
  for (const verdict of verdicts) {
    if (verdict.decision === "pass") pass.push(verdict.auditor);
    else if (verdict.decision === "fail") fail.push(verdict.auditor);
    else abstain.push(verdict.auditor);
  }
  return { pass, fail, abstain };
}

function group(label: string, auditors: readonly string[]): string {
  return auditors.length === 0 ? `${label} 0` : `${label} ${auditors.length} (${auditors.join(", ")})`;
}

/** "passed 2 (a, b); failed 1 (c); abstained 0" */
export function tallyLine(counts: Tally): string {
  return [
    group("passed", counts.pass),
    group("failed", counts.fail),
    group("abstained", counts.abstain),
  ].join("; ");
}

/**
 * The escalation every voting policy gives when no auditor voted: silence is never a pass.
 * Undefined when at least one auditor passed or failed.
 */
export function escalateWithoutVotes(policy: string, counts: Tally): Decision | undefined {
  if (counts.pass.length + counts.fail.length > 0) return undefined;
  const headline =
    counts.abstain.length === 0
      ? "no auditor gave a verdict; silence is not a pass"
      : `all ${counts.abstain.length} auditors abstained (${counts.abstain.join(", ")}); silence is not a pass`;
  return { outcome: "escalated", policy, reasons: [headline] };
}

/**
 * Throws when an auditor appears more than once: policies expect the latest verdict per
 * auditor, and a repeated auditor would count twice.
 */
export function assertOneVerdictPerAuditor(policy: string, verdicts: readonly Verdict[]): void {
  const rounds = new Map<string, number[]>();
  for (const verdict of verdicts) {
    const seen = rounds.get(verdict.auditor);
    if (seen === undefined) rounds.set(verdict.auditor, [verdict.round]);
    else seen.push(verdict.round);
  }
  for (const [auditor, seen] of rounds) {
    if (seen.length > 1) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `consensus policy "${policy}" received ${seen.length} verdicts from auditor "${auditor}" ` +
          `(rounds ${seen.join(", ")}); pass only the latest verdict per auditor (latestVerdicts() does this).`,
      );
    }
  }
}

/**
 * The latest verdict of each auditor (highest round; on a tie, the later one in the list),
 * in the order auditors first appear. What callers pass to a policy after cross-examination.
 */
export function latestVerdicts(verdicts: readonly Verdict[]): Verdict[] {
  const latest = new Map<string, Verdict>();
  for (const verdict of verdicts) {
    const current = latest.get(verdict.auditor);
    if (current === undefined || verdict.round >= current.round) latest.set(verdict.auditor, verdict);
  }
  return [...latest.values()];
}

/** Formats a bad argument value for an error message (numbers as written, NaN included). */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  return JSON.stringify(value) ?? String(value);
}

/** The construction error: names the argument, the bad value and what is allowed. */
export function invalidArgument(
  policy: string,
  argument: string,
  value: unknown,
  allowed: string,
): CrosscheckError {
  return new CrosscheckError(
    "WORKFLOW_INVALID",
    `${policy}: ${argument} is ${show(value)}; ${argument} must be ${allowed}.`,
  );
}
