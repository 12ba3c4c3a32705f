import type { AuditInput } from "../../../src/agents/auditor.js";
import { statusMonitor } from "../../../src/agents/status/monitor.js";
import type { StatusMonitorOptions } from "../../../src/agents/status/options.js";
import type { StatusReport } from "../../../src/domain/output.js";
import type { TraceEvent } from "../../../src/domain/trace.js";

let clock = 1_700_000_000_000;

/** A `command` event as a sandbox records it. */
export function command(id: string, line: string, exitCode: number, stdout = ""): TraceEvent {
  return {
    id,
    kind: "command",
    name: line,
    args: { command: line },
    exitCode,
    result: { stdout },
    startedAt: clock++,
  };
}

/** A shell-like tool call as an agent framework records it (exit code inside the result). */
export function bash(id: string, line: string, exitCode = 0, stdout = ""): TraceEvent {
  return {
    id,
    kind: "tool_call",
    name: "bash",
    args: { command: line },
    result: { stdout, exitCode },
    startedAt: clock++,
  };
}

export function fileEvent(
  id: string,
  path: string,
  op: string,
  args: Record<string, unknown> = {},
): TraceEvent {
  return { id, kind: "file", name: path, args: { op, ...args }, startedAt: clock++ };
}

export function tool(
  id: string,
  name: string,
  args: Record<string, unknown>,
  result: unknown = "ok",
): TraceEvent {
  return { id, kind: "tool_call", name, args, result, startedAt: clock++ };
}

export function networkEvent(id: string, url: string, method = "GET"): TraceEvent {
  return { id, kind: "network", name: url, args: { method }, startedAt: clock++ };
}

/** The audit input of one recorded trajectory. */
export function caseInput(
  status: StatusReport | undefined,
  trace: TraceEvent[],
  input: unknown = { goal: "fix it" },
): AuditInput {
  return {
    caseId: "case-1",
    task: { input },
    output: { content: null, ...(status === undefined ? {} : { status }) },
    trace,
    evidence: [],
  };
}

/** Runs the monitor on one trajectory: its verdict, and the findings as [ruleId, severity, evidenceIds]. */
export async function monitor(
  status: StatusReport | undefined,
  trace: TraceEvent[],
  options: { input?: unknown; monitor?: StatusMonitorOptions } = {},
) {
  const verdict = await statusMonitor(options.monitor).audit(caseInput(status, trace, options.input), {
    signal: new AbortController().signal,
  });
  const findings = (verdict.findings ?? []).map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    evidenceIds: f.evidenceIds ?? [],
    file: f.location?.file,
  }));
  return { verdict, findings, rules: findings.map((f) => f.ruleId) };
}
