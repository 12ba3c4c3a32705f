import type { Finding } from "../../domain/finding.js";
import type { SandboxResult } from "../exec.js";
import type { PlannedRun } from "./plan.js";

/** Characters of output quoted in a finding's message. */
export const QUOTED_OUTPUT_CHARS = 600;

/** The end of what the re-run printed (stderr first: that is where failures go), on one line. */
function outputTail(result: SandboxResult): string {
  const text = [result.stderrTail.trim(), result.stdoutTail.trim()].filter(Boolean).join(" | ");
  const tail = text.length > QUOTED_OUTPUT_CHARS ? `…${text.slice(-QUOTED_OUTPUT_CHARS)}` : text;
  return tail.replace(/\s+/g, " ") || "(no output)";
}

/**
 * Findings from one re-run: `reproduce.claim-contradicted` when the worker claims the check
 * passed and the re-run fails, `reproduce.outcome-differs` when the exit code in the trace is not
 * the re-run's, `reproduce.limit-hit` when the re-run was stopped (nothing settled), and an info
 * `reproduce.confirmed` when it agrees. Trace events are the evidence.
 */
export function compare(run: PlannedRun, result: SandboxResult): Finding[] {
  const evidenceIds = run.traced.map((t) => t.eventId);
  const rerun = `\`${run.command}\` exits ${result.exitCode} when re-run in a fresh sandbox`;
  if (result.limitHit !== undefined) {
    return [
      {
        ruleId: "reproduce.limit-hit",
        severity: "low",
        message: `\`${run.command}\` hit the sandbox's ${result.limitHit} limit when re-run (exit ${result.exitCode}); raise reproduce({ sandbox }) limits to settle it: ${outputTail(result)}`,
        evidenceIds,
      },
    ];
  }
  const findings: Finding[] = [];
  if (!result.sandboxed) {
    findings.push({
      ruleId: "reproduce.unsandboxed",
      severity: "info",
      message: `\`${run.command}\` was re-run without bubblewrap (allowUnsandboxed): only resource limits applied`,
      evidenceIds,
    });
  }
  if (result.exitCode !== 0) {
    for (const claim of run.claims) {
      findings.push({
        ruleId: "reproduce.claim-contradicted",
        severity: "critical",
        message: `the worker claims "${claim.text}", but ${rerun}: ${outputTail(result)}`,
        evidenceIds,
      });
    }
  }
  for (const traced of run.traced) {
    if (traced.exitCode === undefined || traced.exitCode === result.exitCode) continue;
    findings.push({
      ruleId: "reproduce.outcome-differs",
      severity: traced.exitCode === 0 ? "high" : "medium",
      message: `\`${traced.command}\` exited ${traced.exitCode} in the worker's trace (${traced.eventId}), but ${rerun}: ${outputTail(result)}`,
      evidenceIds: [traced.eventId],
    });
  }
  if (findings.some((f) => f.severity !== "info")) return findings;
  const said = run.claims.length > 0 ? "as the worker claims" : "as in the worker's trace";
  return [
    ...findings,
    {
      ruleId: "reproduce.confirmed",
      severity: "info",
      message: `${rerun}, ${said} (${run.kind}, command from the ${run.source})`,
      evidenceIds,
    },
  ];
}
