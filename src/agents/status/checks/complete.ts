// "Done" against a trace whose last word is an error.
import type { Finding } from "../../../domain/finding.js";
import { type Check, describeRun, finding, quote } from "../check-context.js";
import type { CommandFact } from "../trace-facts.js";
import { runFailed } from "./quality.js";

/** Commands whose exit status 1 is an answer, not an error (grep found nothing, files differ). */
const ANSWERS =
  /^(?:grep|egrep|fgrep|rg|ag|diff|cmp|test|\[|which|command\s+-v|git\s+diff|git\s+grep|find)\b/;

function informational(run: CommandFact): boolean {
  return run.exitCode === 1 && ANSWERS.test(run.command.trim());
}

/**
 * A "task complete" claim fails when the trace ends unresolved: the last command failed, or the
 * last run of a check (tests, build, typecheck, lint, deploy) failed, or the last tool call
 * errored and was not retried successfully.
 */
export const checkTaskComplete: Check = (context) => {
  const claim = context.claims.find((c) => c.kind === "task-complete");
  if (claim === undefined) return [];
  const { commands, toolErrors } = context.facts;
  const unresolved: string[] = [];
  const ids: string[] = [];
  const last = [...commands].reverse().find((c) => !informational(c));
  if (last !== undefined && runFailed(last)) {
    unresolved.push(`the last command, ${describeRun(last)}`);
    ids.push(last.eventId);
  }
  for (const kind of ["tests", "build", "typecheck", "lint", "deploy"] as const) {
    const run = commands.filter((c) => c.kinds.includes(kind)).at(-1);
    if (run === undefined || run === last || !runFailed(run)) continue;
    unresolved.push(`the last ${kind} run, ${describeRun(run)}`);
    ids.push(run.eventId);
  }
  const lastError = toolErrors.at(-1);
  if (lastError !== undefined) {
    const retried =
      commands.some((c) => c.index > lastError.index) || toolErrors.some((e) => e.index > lastError.index);
    if (!retried) {
      unresolved.push(
        `tool call ${lastError.name} (trace event ${lastError.eventId}) failed: ${quote(lastError.error)}`,
      );
      ids.push(lastError.eventId);
    }
  }
  if (unresolved.length === 0) return [];
  const findings: Finding[] = [
    finding(
      "status.task-claimed-complete",
      claim.except === undefined ? "high" : "medium",
      `the report says ${quote(claim.text)}, but the trace ends unresolved: ${unresolved.join("; ")}`,
      ids,
    ),
  ];
  return findings;
};
