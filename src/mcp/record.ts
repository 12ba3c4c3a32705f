import { randomUUID } from "node:crypto";
import { currentTraceRecorder } from "../agents/model/trace-recorder.js";
import { type Actor, type EventPayload, LOG_RUN_ID } from "../audit/events.js";
import type { AuditLog } from "../audit/log.js";
import type { Severity } from "../domain/finding.js";
import type { GuardResult } from "../guard/scan.js";
import { sha256Hex } from "../internal/sha256.js";

/** Where the gateway writes what it did; both sinks are optional. */
export interface GatewayRecordOptions {
  /** The audit log: `mcp.call`, `mcp.blocked` and `mcp.approved` events. */
  log?: AuditLog | undefined;
  /** Run the events belong to (default the log-wide run id "log"). */
  runId?: string | undefined;
  caseId?: string | undefined;
  /** Who acts (default the system actor `mcp-gateway`). */
  actor?: Actor | undefined;
}

export const GATEWAY_ACTOR: Actor = { type: "system", id: "mcp-gateway", role: "mcp-gateway" };

/** A commitment to a value: sha256 and byte size of its JSON (or of the text itself). */
export function contentRef(value: unknown): { sha256: string; size: number } {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "null");
  return { sha256: sha256Hex(text), size: Buffer.byteLength(text) };
}

export function guardSummary(guard: GuardResult) {
  return {
    verdict: guard.verdict,
    score: guard.score,
    ruleIds: [...new Set(guard.signals.map((s) => s.ruleId))],
  };
}

/** Writes gateway events to the audit log (when one is given). */
export class GatewayRecorder {
  readonly #options: GatewayRecordOptions;

  constructor(options: GatewayRecordOptions = {}) {
    this.#options = options;
  }

  call(payload: EventPayload<"mcp.call">): void {
    this.#append("mcp.call", payload);
  }

  blocked(payload: EventPayload<"mcp.blocked">): void {
    this.#append("mcp.blocked", payload);
  }

  approved(payload: EventPayload<"mcp.approved">): void {
    this.#append("mcp.approved", payload);
  }

  #append<K extends "mcp.call" | "mcp.blocked" | "mcp.approved">(kind: K, payload: EventPayload<K>): void {
    const log = this.#options.log;
    if (log === undefined) return;
    const runId = this.#options.runId ?? LOG_RUN_ID;
    log.append([
      {
        kind,
        key: `${kind}:${runId}:${randomUUID()}`,
        runId,
        caseId: this.#options.caseId,
        actor: this.#options.actor ?? GATEWAY_ACTOR,
        payload,
      } as Parameters<AuditLog["append"]>[0][number],
    ]);
  }
}

/**
 * Notes something the gateway saw (a flagged result, a blocked tool) in the worker's trace, when
 * a recorder is set; `mcpAuditor()` turns the note into a finding of the given severity.
 */
export function traceFinding(ruleId: string, message: string, severity?: Severity): void {
  currentTraceRecorder()?.record({
    kind: "note",
    name: ruleId,
    ...(severity === undefined ? {} : { args: { severity } }),
    error: message,
    startedAt: Date.now(),
  });
}

/** Records one gateway step in the worker's trace, when the framework set a recorder. */
export function traceToolCall(event: {
  server: string;
  tool: string;
  args: unknown;
  startedAt: number;
  result?: unknown;
  error?: string;
}): void {
  const recorder = currentTraceRecorder();
  if (recorder === undefined) return;
  recorder.record({
    kind: "tool_call",
    name: `mcp:${event.server}/${event.tool}`,
    ...(event.args === undefined ? {} : { args: event.args }),
    startedAt: event.startedAt,
    durationMs: Date.now() - event.startedAt,
    ...(event.result === undefined ? {} : { result: event.result }),
    ...(event.error === undefined ? {} : { error: event.error }),
  });
}
