import { type Auditor, defineAuditor } from "../agents/auditor.js";
import { type NoteRules, noteFinding, notesVerdict, traceOf } from "../agents/trace-notes.js";
import type { Finding } from "../domain/finding.js";
import type { TraceEvent } from "../domain/trace.js";

/** How serious each blocked action is: trying to leave the sandbox is worse than running out of time. */
const NOTES: NoteRules = {
  prefix: "sandbox.",
  fallback: "medium",
  message: (event) => `blocked: ${event.error ?? event.name}`,
  severities: {
    "sandbox.path-escape": "critical",
    "sandbox.network-blocked": "critical",
    "sandbox.limit-processes": "high",
    "sandbox.limit-memory": "medium",
    "sandbox.limit-output": "medium",
    "sandbox.limit-cpu": "medium",
    "sandbox.limit-timeout": "medium",
  },
};

function isUnsandboxed(event: TraceEvent): boolean {
  return event.kind === "command" && (event.args as { sandboxed?: unknown } | undefined)?.sandboxed === false;
}

/**
 * Reports what the sandbox blocked during the worker's run (the `sandbox.*` notes the sandbox
 * tools record) and every command that ran without bubblewrap (`sandbox.unsandboxed`). Fails
 * the output when the worker tried to leave the sandbox (a path escape, the network, a fork
 * bomb); limits of time, CPU, memory and output are findings that leave the decision to the others.
 */
export function sandboxAuditor(options: { name?: string } = {}): Auditor {
  return defineAuditor({
    name: options.name ?? "sandbox",
    audit(input) {
      const findings: Finding[] = [];
      for (const event of traceOf(input)) {
        const blocked = noteFinding(event, NOTES);
        if (blocked !== undefined) findings.push(blocked);
        else if (isUnsandboxed(event)) {
          findings.push({
            ruleId: "sandbox.unsandboxed",
            severity: "medium",
            message: `ran without bubblewrap (allowUnsandboxed): ${event.name}`,
            evidenceIds: [event.id],
          });
        }
      }
      return notesVerdict(findings, (escaped) =>
        findings.length === 0
          ? "nothing was blocked and every command ran sandboxed"
          : `${findings.length} sandbox finding(s)${escaped ? ", including an attempt to leave the sandbox" : ""}`,
      );
    },
  });
}
