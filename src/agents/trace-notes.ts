import { type Finding, type Severity, SeveritySchema, severityRank } from "../domain/finding.js";
import type { TraceEvent } from "../domain/trace.js";
import type { VerdictInput } from "../domain/verdict.js";

/**
 * How a family of trace `note` events (`sandbox.*`, `mcp.*`...) becomes findings: the note's
 * name is the rule id; its severity is the one the note declares (`args.severity`), else the
 * rule's entry in `severities`, else `fallback`.
 */
export interface NoteRules {
  /** The rule-id prefix of the family, e.g. `"mcp."`. */
  readonly prefix: string;
  readonly severities: Readonly<Record<string, Severity>>;
  readonly fallback: Severity;
  /** The finding's message (default: the note's error text, else its name). */
  readonly message?: (event: TraceEvent) => string;
  /** The finding's evidence ids (default: the event id). */
  readonly evidenceIds?: (event: TraceEvent) => string[];
}

/** The input's trace, or none when an auditor is handed something malformed. */
export function traceOf(input: { trace?: unknown } | null | undefined): readonly TraceEvent[] {
  const trace = typeof input === "object" && input !== null ? input.trace : undefined;
  return Array.isArray(trace)
    ? trace.filter((e): e is TraceEvent => typeof e === "object" && e !== null && typeof e.name === "string")
    : [];
}

/** Whether the event is a note of the family. */
function isNoteOf(event: TraceEvent, prefix: string): boolean {
  return event.kind === "note" && event.name.startsWith(prefix);
}

/** The finding for one note of the family, or undefined for any other event. */
export function noteFinding(event: TraceEvent, rules: NoteRules): Finding | undefined {
  if (!isNoteOf(event, rules.prefix)) return undefined;
  const declared = SeveritySchema.safeParse((event.args as { severity?: unknown } | undefined)?.severity);
  return {
    ruleId: event.name,
    severity: declared.success ? declared.data : (rules.severities[event.name] ?? rules.fallback),
    message: rules.message?.(event) ?? event.error ?? event.name,
    evidenceIds: rules.evidenceIds?.(event) ?? [event.id],
  };
}

/**
 * The note auditors' verdict: fail (confidence 1) when any finding is high or critical, else
 * pass; `rationale` is told which.
 */
export function notesVerdict(findings: Finding[], rationale: (failed: boolean) => string): VerdictInput {
  const failed = findings.some((f) => severityRank(f.severity) >= severityRank("high"));
  return { decision: failed ? "fail" : "pass", confidence: 1, findings, rationale: rationale(failed) };
}
