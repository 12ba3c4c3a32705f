import { type Auditor, defineAuditor } from "../agents/auditor.js";
import { traceRef } from "../agents/status/trace-facts.js";
import { type NoteRules, noteFinding, notesVerdict, traceOf } from "../agents/trace-notes.js";
import type { Finding } from "../domain/finding.js";
import type { TraceEvent } from "../domain/trace.js";

/** Options of {@link mcpAuditor}. */
export interface McpAuditorOptions {
  /** The auditor's name in verdicts. Default `mcp`. */
  name?: string;
}

/**
 * A blocked tool (unlisted, unpinned, changed since approval) and a result the injection guard
 * flagged fail the output; a flagged result carries its own severity in the note (medium for a
 * merely suspicious one). Any other `mcp.*` note is a medium finding.
 */
const NOTES: NoteRules = {
  prefix: "mcp.",
  fallback: "medium",
  severities: { "mcp.blocked": "high", "mcp.result-flagged": "high" },
  evidenceIds: (event) => [traceRef(event.id)],
};

/** A call through the gateway: a `tool_call` event named `mcp:<server>/<tool>`. */
function isMcpCall(event: TraceEvent): boolean {
  return event.kind === "tool_call" && event.name.startsWith("mcp:");
}

/**
 * Reports what the MCP gateway refused or flagged during the worker's run (the `mcp.*` notes it
 * records in the trace: `mcp.blocked`, `mcp.result-flagged`). Fails the output on any high or
 * critical finding, passes when the worker called MCP tools and nothing was noted, and abstains
 * when the trace shows no MCP activity at all.
 */
export function mcpAuditor(options: McpAuditorOptions = {}): Auditor {
  return defineAuditor({
    name: options.name ?? "mcp",
    audit(input) {
      const trace = traceOf(input);
      const calls = trace.filter(isMcpCall).length;
      const findings = trace.flatMap((event): Finding[] => {
        const finding = noteFinding(event, NOTES);
        return finding === undefined ? [] : [finding];
      });
      if (calls === 0 && findings.length === 0) {
        return { decision: "abstain", confidence: 0, findings, rationale: "the trace shows no MCP activity" };
      }
      return notesVerdict(findings, (failed) =>
        findings.length === 0
          ? `${calls} MCP tool call(s), nothing blocked or flagged`
          : `${findings.length} MCP gateway finding(s) over ${calls} tool call(s)${failed ? ", including a blocked tool or an injected result" : ""}`,
      );
    },
  });
}
